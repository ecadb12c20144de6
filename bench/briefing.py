"""What a one-click briefing costs: time per stage, file sizes, and the price of the rendering stack.

Builds a warehouse from the bundled sources plus demo rows (or serves --db), then for a selection
times, median of --repeats: the figures (``content.build``: the same queries the pages run), the
images (matplotlib), the DOCX and the PDF (fpdf2, fonts embedded as subsets); and, in fresh
processes, the import cost of matplotlib and fpdf2. Compare figures within one run.

    python -m bench.briefing [--db PATH] [--rows N] [--repeats 3] [--year 2024] [--region 310000] [--real-only]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # runnable as a plain script
    sys.path.insert(0, str(ROOT))


def _median(fn: Callable[[], object], repeats: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def _import_seconds(module: str) -> float:
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    return float(out.stdout.strip())


def main(argv: list[str] | None = None) -> int:
    from analytics import briefing
    from analytics.briefing.content import build
    from analytics.briefing.images import render
    from analytics.db import Warehouse
    from analytics.filters import Filters

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", type=Path, help="a published warehouse (default: bundled sources + demo rows)")
    ap.add_argument("--rows", type=int, default=0, help="also load N synthetic national rows (python -m etl synth)")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--year", type=int, default=2024)
    ap.add_argument("--real-only", action="store_true")
    ap.add_argument("--region", default="310000", help="place picked (adcode); '' for none (the provinces)")
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            from etl.pipeline import run_pipeline

            db = Path(tmp) / "quality.duckdb"
            sources = [ROOT / "data" / "sources"]
            if args.rows:
                csv = Path(tmp) / "synth.csv"
                subprocess.run(
                    [sys.executable, "-m", "etl", "synth", "--rows", str(args.rows), "--out", str(csv)],
                    check=True,
                    cwd=ROOT,
                    capture_output=True,
                )
                sources.append(csv)
            run_pipeline(sources, db, demo=True, progress=False)
        wh = Warehouse(db)
        f = Filters(
            years=(args.year,), districts=(args.region,) if args.region else (), include_demo=not args.real_only
        )
        rows: list[tuple[str, str]] = [
            ("import matplotlib.pyplot (fresh process)", f"{_import_seconds('matplotlib.pyplot') * 1000:,.0f} ms"),
            ("import fpdf (fresh process)", f"{_import_seconds('fpdf') * 1000:,.0f} ms"),
        ]
        build(wh, f, "zh")  # warm: first queries open the snapshot, fonts are looked up once
        t_build, b = _median(lambda: build(wh, f, "zh"), args.repeats)
        t_img, b = _median(lambda: render(build(wh, f, "zh")), args.repeats)
        t_docx, docx = _median(lambda: briefing.write(b, "docx"), args.repeats)
        t_pdf, pdf = _median(lambda: briefing.write(b, "pdf"), args.repeats)
        rows += [
            ("figures and words (content.build: the pages' queries)", f"{t_build * 1000:,.0f} ms"),
            ("figures + images (matplotlib, 4 PNG at 200 dpi)", f"{t_img * 1000:,.0f} ms"),
            ("DOCX written (python-docx)", f"{t_docx * 1000:,.0f} ms, {len(docx) / 1024:,.0f} kB"),
            ("PDF written (fpdf2, 2 Noto CJK faces subset)", f"{t_pdf * 1000:,.0f} ms, {len(pdf) / 1024:,.0f} kB"),
            ("one click, DOCX (figures + images + file)", f"{(t_img + t_docx) * 1000:,.0f} ms"),
            ("one click, PDF (figures + images + file)", f"{(t_img + t_pdf) * 1000:,.0f} ms"),
            ("activities in the selection", f"{b.kpis.total.activities:,}"),
        ]
    width = max(len(k) for k, _v in rows)
    print(f"briefing of {f.describe('en')} ({db})")
    for k, v in rows:
        print(f"  {k:<{width}}  {v}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
