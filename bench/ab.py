"""Same queries, two versions of the code, one run: ``python -m bench.ab --base PATH --db FILE``.

Times every page x filter set (bench.query_bench, product queries only, caches cleared before each
repetition) with the code of this tree and with the code of another checkout (`--base`, e.g. a
worktree of an older commit), alternating the two in separate processes `--rounds` times on the same
warehouse file, and prints per-page medians and the ratio this / base. Used to check that a
refactoring of the read side did not make the DuckDB path slower. When the two versions store the
warehouse differently (a change of `activities`' columns), `--base-db` gives the base its own file,
written by its own ETL from the same input.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

_CHILD = """
import json, sys
from bench import query_bench
q, p, _ = query_bench.measure(sys.argv[1], repeats=int(sys.argv[2]), with_pandas=False, log=lambda *a: None)
print("\\nAB-RESULT " + json.dumps({f"{t.page}|{t.filter_set}": [t.product.median_ms, t.queries] for t in p}))
"""


def _run(tree: Path, db: str, repeats: int) -> dict[str, list]:
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, db, str(repeats)], cwd=tree, capture_output=True, text=True, check=True
    )
    # DuckDB's progress bar (a statement slower than 2 s on a loaded box) writes to stdout without a
    # newline: the result is found after its marker wherever the line starts
    line = [ln for ln in out.stdout.splitlines() if "AB-RESULT " in ln][-1]
    return json.loads(line.split("AB-RESULT ", 1)[1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.ab", description=__doc__.splitlines()[0])
    ap.add_argument("--base", type=Path, required=True, help="checkout of the code to compare with")
    ap.add_argument("--db", required=True, help="benchmark warehouse (e.g. data/bench-cache/warehouse-1000000.duckdb)")
    ap.add_argument("--base-db", default=None, help="the base's own warehouse of the same input (default: --db)")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args(argv)
    here = Path(__file__).resolve().parent.parent
    runs: dict[str, list[dict[str, list]]] = {"this": [], "base": []}
    for _ in range(args.rounds):
        runs["base"].append(_run(args.base, args.base_db or args.db, args.repeats))
        runs["this"].append(_run(here, args.db, args.repeats))
    # every page x filter set both versions serve is compared by its whole time; a page whose version runs
    # other queries (e.g. one derived from another's frame) is marked, so a ratio is never read as like-for-like
    keys = sorted(set(runs["this"][0]) & set(runs["base"][0]))
    print("| page | filter set | base ms | this ms | this / base |\n|---|---|---:|---:|---:|")
    ratios = []
    for k in keys:
        b = statistics.median(r[k][0] for r in runs["base"])
        t = statistics.median(r[k][0] for r in runs["this"])
        ratios.append(t / b if b else float("nan"))
        page, fs = k.split("|")
        same = runs["this"][0][k][1] == runs["base"][0][k][1]
        note = "" if same else " (other queries)"
        print(f"| {page}{note} | {fs} | {b:,.1f} | {t:,.1f} | {ratios[-1]:.2f} |")
    tb = sum(statistics.median(r[k][0] for r in runs["base"]) for k in keys)
    tt = sum(statistics.median(r[k][0] for r in runs["this"]) for k in keys)
    print(f"| **all pages** | | {tb:,.1f} | {tt:,.1f} | {tt / tb:.2f} |")
    print(f"median ratio {statistics.median(ratios):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
