"""Speed of the bulletin extractor: bulletins per CPU-second (one core).

Runs ``extract_text`` over the shared corpus (or --docs) repeated until at least --min-docs
bulletins, after one warm-up pass (gazetteer and OpenCC loading are not timed). The rate is
counted against the process's CPU time, so other work on a shared machine does not change it;
the wall-clock rate is printed beside it.

    python bench/bulletins.py [--docs DIR] [--min-docs 500]
    python -m bench.bulletins
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # runnable as a plain script, without bench/__init__.py
    sys.path.insert(0, str(ROOT))

DEFAULT_DOCS = Path("/work/shared/corpus/raw")


def main(argv: list[str] | None = None) -> int:
    """Print bulletins/s; exit 1 when below --target."""
    from domain.gazetteer import Gazetteer
    from etl.bulletins import SUPPORTED_SUFFIXES, extract_text
    from etl.bulletins.reading import read_bulletin

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=Path, default=DEFAULT_DOCS)
    ap.add_argument("--min-docs", type=int, default=500)
    ap.add_argument("--target", type=float, default=200.0, help="bulletins per CPU-second required (exit 1 below)")
    args = ap.parse_args(argv)
    files = sorted(p for p in args.docs.iterdir() if p.suffix.lower() in SUPPORTED_SUFFIXES)
    if not files:
        print(f"bench: no bulletins in {args.docs}", file=sys.stderr)
        return 2
    texts = []
    for p in files:
        text, meta = read_bulletin(p)
        texts.append((text, p.name, (meta.get("LANG") or "")[:2] or None))
    gz = Gazetteer.load()
    for text, name, lang in texts:  # warm-up: caches, regex compilation
        extract_text(text, name, lang, gz)
    rounds = -(-args.min_docs // len(texts))
    n = records = 0
    t0, c0 = time.perf_counter(), time.process_time()
    for _ in range(rounds):
        for text, name, lang in texts:
            records += len(extract_text(text, name, lang, gz).records)
            n += 1
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    rate = n / cpu
    print(
        f"{n} bulletins ({len(texts)} distinct, {records} records) in {cpu:.2f} CPU-s ({elapsed:.2f} s wall): "
        f"{rate:.0f} bulletins per CPU-second ({n / elapsed:.0f}/s wall)"
    )
    return 0 if rate >= args.target else 1


if __name__ == "__main__":
    sys.exit(main())
