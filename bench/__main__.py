"""``python -m bench``: the performance benchmark of issue 4.

    python -m bench [--rows 1000000 10000000] [--out bench/results/latest.json] [--skip-browser]
                    [--skip-pandas] [--repeats 15] [--markdown FILE] [--engine spark]

For each N: generate (or reuse) the synthetic CSV, load it with the real ETL and compare with
DuckDB's raw ``read_csv``; time every query of every page under the filter sets against raw
DuckDB SQL and pandas; time the pages in headless Chromium against a one-chart page; record
peak memory. Prints one table and writes the same figures (and the detail behind them) to JSON.
Exit code 0 when the run completed (missed targets are reported, not errors), 1 when a
measurement failed or two ways of computing an aggregate disagreed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
import time
from pathlib import Path

from bench import data, etl_bench, report


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", type=int, nargs="+", default=[1_000_000, 10_000_000], metavar="N")
    ap.add_argument("--out", type=Path, default=Path("bench/results/latest.json"))
    ap.add_argument("--markdown", type=Path, default=None, help="also write the table as Markdown here")
    ap.add_argument("--cache-dir", type=Path, default=data.CACHE_DIR, help="synthetic CSVs and bench warehouses")
    ap.add_argument("--repeats", type=int, default=15, help="timed runs per query (product and raw)")
    ap.add_argument("--pandas-repeats", type=int, default=3)
    ap.add_argument("--skip-etl", action="store_true", help="reuse the warehouse of a previous run")
    ap.add_argument("--skip-queries", action="store_true")
    ap.add_argument("--skip-pandas", action="store_true")
    ap.add_argument("--skip-browser", action="store_true")
    ap.add_argument("--loads", type=int, default=3, help="warm page loads per page in the browser")
    ap.add_argument("--changes", type=int, default=3, help="filter changes per page in the browser")
    ap.add_argument(
        "--pages",
        nargs="+",
        default=None,
        metavar="PAGE",
        help="time only these dashboard pages in the browser (file stems: overview industries ...); default all",
    )
    ap.add_argument(
        "--compare",
        type=Path,
        default=None,
        metavar="DIR",
        help="another checkout of the repository: its dashboard is timed beside this one's, page by page (A/B)",
    )
    ap.add_argument(
        "--engine",
        choices=("duckdb", "spark"),
        default="duckdb",
        help="spark: also publish the Parquet lake and time every page x filter set on DuckDB and "
        "on Spark side by side (a local cluster on 127.0.0.1, or $QM_SPARK_REMOTE)",
    )
    ap.add_argument("--spark-repeats", type=int, default=3, help="warm runs per page on Spark")
    return ap


def run_one(n: int, args: argparse.Namespace, log=print) -> dict:
    """All measurements for one row count; returns the JSON-ready dict."""
    out: dict = {"rows": n}
    csv = data.ensure_csv(n, args.cache_dir, log)
    db = data.db_path(n, args.cache_dir)
    out["csv"] = str(csv)
    out["csv_mb"] = csv.stat().st_size / 1e6
    if not args.skip_etl or not db.exists():
        out["etl"] = etl_bench.as_dict(etl_bench.measure(csv, db, n, log=log))
    if not args.skip_queries:
        from bench import query_bench

        q, p, info = query_bench.measure(
            str(db), repeats=args.repeats, pandas_repeats=args.pandas_repeats, with_pandas=not args.skip_pandas, log=log
        )
        out["queries"], out["pages"] = query_bench.as_dicts(q, p)
        out["query_info"] = info
    if not args.skip_browser:
        from bench import browser_bench

        out["browser"] = browser_bench.as_dict(
            browser_bench.measure(db, args.loads, args.changes, log, args.compare, args.pages)
        )
    if args.engine == "spark":
        out["engines"] = _engines(n, db, args, log)
    return out


def _engines(n: int, db: Path, args: argparse.Namespace, log=print) -> dict:
    """DuckDB vs Spark on the page x filter table (bench/engine_bench.py)."""
    from analytics import local_cluster
    from bench import engine_bench
    from etl.lake import export

    lake = args.cache_dir / f"lake-{n}"
    lake.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    export(db, lake)
    log(f"bench: lake written in {time.perf_counter() - t0:.1f} s ({lake})")
    remote = os.environ.get("QM_SPARK_REMOTE")
    cluster = None if remote else local_cluster.start()
    try:
        r = engine_bench.measure(
            db, lake, remote or cluster.master_url, n, repeats=args.repeats, spark_repeats=args.spark_repeats, log=log
        )
    finally:
        if cluster is not None:
            cluster.stop()
    table = engine_bench.render(r)
    print(table)
    if args.markdown:
        args.markdown.with_name(args.markdown.stem + "-engines.md").write_text(
            f"Command: `python -m bench {' '.join(sys.argv[1:])}`\n\n{table}\n", encoding="utf-8"
        )
    return engine_bench.as_dict(r)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; returns the exit code."""
    args = _parser().parse_args(argv)
    if any(n <= 0 for n in args.rows):
        print("bench: --rows must be positive", file=sys.stderr)
        return 2
    started = dt.datetime.now(dt.UTC)
    result: dict = {
        "command": "python -m bench " + " ".join(sys.argv[1:] if argv is None else argv),
        "started_at": started.isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            "load_avg_at_start": os.getloadavg(),
        },
        "runs": [],
    }
    t0 = time.perf_counter()
    failed = False
    for n in args.rows:
        try:
            run = run_one(n, args)
        except Exception as exc:  # report what was measured so far, then fail
            print(f"bench: N={n:,}: {type(exc).__name__}: {exc}", file=sys.stderr)
            result["runs"].append({"rows": n, "error": f"{type(exc).__name__}: {exc}"})
            failed = True
            continue
        result["runs"].append(run)
        report.write_json(result, args.out)  # partial results survive a later failure
    result["seconds"] = time.perf_counter() - t0
    rows = [r for run in result["runs"] if "error" not in run for r in report.rows_of(run)]
    result["table"] = {"headers": list(report.HEADERS), "rows": [list(r) for r in rows]}
    report.write_json(result, args.out)
    print(report.render(rows))
    if args.markdown:
        args.markdown.parent.mkdir(parents=True, exist_ok=True)
        args.markdown.write_text(
            f"Command: `{result['command']}`\n\n{report.render(rows, markdown=True)}\n", encoding="utf-8"
        )
    wrong = [q for run in result["runs"] for q in run.get("queries", []) if q.get("same_answer") is False]
    for q in wrong:
        print(f"bench: WRONG ANSWER {q['page']} {q['query']} [{q['filter_set']}]: {q['detail']}", file=sys.stderr)
    print(f"bench: wrote {args.out}")
    return 1 if failed or wrong else 0


if __name__ == "__main__":
    sys.exit(main())
