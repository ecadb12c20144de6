"""DuckDB vs Spark on the same page x filter table (``python -m bench --engine spark``).

The same named queries (bench.workload.PAGES) under the same filter sets run on the DuckDB file
and on the published Parquet lake through Spark (a local standalone cluster started on 127.0.0.1,
or ``QM_SPARK_REMOTE``). Spark's fixed costs are reported apart: starting the session, registering
the snapshot's tables, and the first query (executors start, classes load). Warm figures are
medians over `repeats` runs of each page's queries, with the read side's caches cleared before each
(a filter change). Both engines' answers are compared on the warm-up run.
"""

from __future__ import annotations

import dataclasses
import numbers
import os
import statistics
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from analytics import queries
from analytics.db import Warehouse
from analytics.filters import Filters
from bench import workload
from bench.query_bench import UNFILTERED_PAGES
from bench.workload import PAGES, filter_sets


@dataclass
class EngineRow:
    """Grain: one (page, filter set): median ms of its queries on each engine, and whether they agree."""

    page: str
    filter_set: str
    duckdb_ms: float
    spark_ms: float
    same_answer: bool

    @property
    def ratio(self) -> float:
        return self.spark_ms / self.duckdb_ms if self.duckdb_ms else float("nan")


@dataclass
class EngineResult:
    rows: int
    spark_remote: str
    session_start_s: float
    register_s: float
    first_query_s: float
    table: list[EngineRow] = field(default_factory=list)


def _cell(v) -> object:
    """One value as both engines' answers compare: numbers by value (a sum is HUGEINT -> float on
    DuckDB and BIGINT -> int on Spark; numpy integers are not ``int``), the rest as text."""
    if v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and v != v):
        return None
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, (numbers.Number, np.number)):
        return round(float(v), 6)
    return str(v)


def _digest(x) -> object:
    if isinstance(x, pd.DataFrame):
        f = x.reset_index(drop=True)
        return [tuple(_cell(v) for v in row) for row in f.itertuples(index=False)]
    if isinstance(x, tuple):
        return tuple(_digest(v) for v in x)
    if dataclasses.is_dataclass(x):
        return tuple(_digest(getattr(x, f.name)) for f in dataclasses.fields(x))
    return x


def _page_ms(wh, calls, f, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        queries.clear_caches()
        t0 = time.perf_counter()
        for c in calls:
            c.run_product(wh, f)
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def measure(
    db: str | Path, lake: str | Path, remote: str, n_rows: int, repeats: int = 3, spark_repeats: int = 3, log=print
) -> EngineResult:
    """Time every page under every filter set on both engines (see the module docstring)."""
    from analytics.spark import SparkWarehouse, start_session

    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    t0 = time.perf_counter()
    session = start_session(remote, app_name="qm-bench")
    session_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    spark = SparkWarehouse(lake, remote, session=session)
    register_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    queries.kpis(spark, Filters())
    first_s = time.perf_counter() - t0
    log(f"bench: spark session {session_s:.1f} s, snapshot registered {register_s:.1f} s, first query {first_s:.1f} s")
    out = EngineResult(n_rows, remote, session_s, register_s, first_s)
    duck = Warehouse(db)
    try:
        workload.set_tree(duck.rows)  # the Districts page's map view follows the place picked
        sets = filter_sets(duck)
        for fs in sets:
            for page, calls in PAGES.items():
                if page in UNFILTERED_PAGES and fs is not sets[0]:
                    continue
                queries.clear_caches()
                same = all(
                    _digest(c.run_product(duck, fs.filters)) == _digest(c.run_product(spark, fs.filters)) for c in calls
                )
                row = EngineRow(
                    page,
                    fs.name,
                    _page_ms(duck, calls, fs.filters, repeats),
                    _page_ms(spark, calls, fs.filters, spark_repeats),
                    same,
                )
                out.table.append(row)
                log(
                    f"bench: {fs.name:<18} {page:<15} duckdb {row.duckdb_ms:9.1f} ms  spark {row.spark_ms:9.1f} ms"
                    f"  x{row.ratio:6.1f}" + ("" if same else "  ANSWERS DIFFER")
                )
    finally:
        duck.close()
        spark.close()
        session.stop()
    return out


def as_dict(r: EngineResult) -> dict:
    d = asdict(r)
    d["table"] = [{**asdict(row), "ratio": row.ratio} for row in r.table]
    return d


def render(r: EngineResult) -> str:
    """The table as Markdown: one row per (page, filter set)."""
    lines = [
        f"Spark ({r.spark_remote}) at {r.rows:,} rows: session start {r.session_start_s:.1f} s, "
        f"snapshot registered {r.register_s:.1f} s, first query {r.first_query_s:.1f} s (not in the table).",
        "",
        "| page | filter set | DuckDB ms | Spark ms | Spark / DuckDB | same answer |",
        "|---|---|---:|---:|---:|---|",
    ]
    for row in r.table:
        lines.append(
            f"| {row.page} | {row.filter_set} | {row.duckdb_ms:,.1f} | {row.spark_ms:,.1f} | "
            f"{row.ratio:,.1f}x | {'yes' if row.same_answer else 'NO'} |"
        )
    duck = statistics.median(x.duckdb_ms for x in r.table) if r.table else float("nan")
    spark = statistics.median(x.spark_ms for x in r.table) if r.table else float("nan")
    lines.append(f"| **median** | | {duck:,.1f} | {spark:,.1f} | {spark / duck if duck else float('nan'):,.1f}x | |")
    return "\n".join(lines)
