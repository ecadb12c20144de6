"""Server-side query cost of every page, under every filter set, against raw DuckDB SQL and pandas.

The product's queries are called directly (``analytics.queries`` on an ``analytics.db.Warehouse``),
so no Streamlit cache is involved: each timing is what a cache miss costs the server. Product and
raw timings are interleaved repetition by repetition, so machine noise hits both alike.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field

import duckdb
import numpy as np

from analytics import queries
from analytics.db import Warehouse
from analytics.filters import Filters
from bench import workload
from bench.workload import PAGES, FilterSet, QueryCall, digest, filter_sets, load_frame

# Pages whose queries do not depend on the filters: timed once, under the first filter set.
UNFILTERED_PAGES = ("sidebar", "data_status")


@dataclass
class Stat:
    """Median and 95th percentile of a list of timings, in milliseconds."""

    median_ms: float | None
    p95_ms: float | None
    n: int

    @classmethod
    def of(cls, seconds: list[float]) -> Stat:
        if not seconds:
            return cls(None, None, 0)
        ms = np.asarray(seconds) * 1000.0
        return cls(float(np.median(ms)), float(np.percentile(ms, 95)), len(ms))


@dataclass
class QueryTiming:
    """Grain: one (page, query call, filter set)."""

    page: str
    query: str
    filter_set: str
    filtered: bool
    product: Stat
    raw: Stat
    pandas: Stat
    same_answer: bool | None  # product, raw and pandas digests equal (None: no equivalent)
    detail: str = ""

    @property
    def ratio_raw(self) -> float | None:
        return _ratio(self.product.median_ms, self.raw.median_ms)

    @property
    def ratio_pandas(self) -> float | None:
        return _ratio(self.product.median_ms, self.pandas.median_ms)


@dataclass
class PageTiming:
    """Grain: one (page, filter set): the sum of the page's queries per repetition.

    ``filter_change`` sums only the queries that depend on the filters: the ones a filter
    change re-runs (unfiltered ones are cached per snapshot by the product). A call identical to
    an earlier one of the same page (same query, arguments and filters, e.g. the Districts map and
    list when no district is picked) is answered by the product's cache keyed by exactly that
    (ui/state.py), so it is left out of every total, raw and pandas included, and listed in ``cached``.
    """

    page: str
    filter_set: str
    product: Stat
    product_comparable: Stat  # the product's queries that have a raw/pandas equivalent
    raw: Stat
    pandas: Stat
    filter_change: Stat
    filter_change_raw: Stat
    same_answer: bool
    queries: list[str] = field(default_factory=list)
    cached: list[str] = field(default_factory=list)


def _ratio(a: float | None, b: float | None) -> float | None:
    if a is None or b is None or b <= 0:
        return None
    return a / b


def _timed(fn, *args) -> tuple[float, object]:
    t0 = time.perf_counter()
    out = fn(*args)
    return time.perf_counter() - t0, out


def measure(
    db: str,
    repeats: int = 15,
    pandas_repeats: int = 3,
    with_pandas: bool = True,
    pages: tuple[str, ...] | None = None,
    sets: list[FilterSet] | None = None,
    log=print,
) -> tuple[list[QueryTiming], list[PageTiming], dict]:
    """Time every page's queries under every filter set.

    Args:
        db: the benchmark warehouse (published file).
        repeats: timed repetitions of product and raw per call (after one warm-up).
        pandas_repeats: timed repetitions of the pandas equivalent.
        with_pandas: load the base table into pandas and time the pandas equivalents.
        pages: restrict to these pages (default: all of ``PAGES``).
        sets: filter sets (default: ``workload.filter_sets`` of the data).
        log: progress lines.

    Returns:
        (per-query timings, per-page timings, info) where info has the pandas load time and size.
    """
    wh = Warehouse(db)
    raw = duckdb.connect(db, read_only=True)
    info: dict = {}
    try:
        sets = sets or filter_sets(wh)
        workload.set_tree(wh.rows)  # the Districts page's map view follows the place picked
        df = None
        if with_pandas:
            t0 = time.perf_counter()
            df = load_frame(raw)
            info["pandas_load_s"] = time.perf_counter() - t0
            info["pandas_frame_mb"] = float(df.memory_usage(deep=True).sum() / 2**20)
            log(
                f"bench: pandas frame {len(df):,} rows, {info['pandas_frame_mb']:,.0f} MB "
                f"in {info['pandas_load_s']:.1f} s"
            )
        info["filter_sets"] = {s.name: s.filters.to_query_params() for s in sets}
        q_out: list[QueryTiming] = []
        p_out: list[PageTiming] = []
        for fs in sets:
            for page, calls in PAGES.items():
                if pages and page not in pages:
                    continue
                if page in UNFILTERED_PAGES and fs is not sets[0]:
                    continue
                q, p = _measure_page(page, calls, fs, wh, raw, df, repeats, pandas_repeats)
                q_out += q
                p_out.append(p)
                log(
                    f"bench: {fs.name:<18} {page:<15} product {p.product.median_ms:8.1f} ms  "
                    f"raw {_fmt(p.raw.median_ms)} ms  pandas {_fmt(p.pandas.median_ms)} ms"
                    + ("" if p.same_answer else "  ANSWERS DIFFER")
                )
        return q_out, p_out, info
    finally:
        raw.close()
        wh.close()


def _fmt(v: float | None) -> str:
    return f"{v:8.1f}" if v is not None else "       –"


def cache_key(call: QueryCall, f: Filters) -> tuple:
    """What the product's query cache keys a call by (ui/state.py): query name, filters, arguments."""
    return (call.name, call.filters_for(f), tuple(call.args_for(f)), tuple(sorted(call.kwargs)))


def _measure_page(
    page: str,
    calls: tuple[QueryCall, ...],
    fs: FilterSet,
    wh: Warehouse,
    raw: duckdb.DuckDBPyConnection,
    df,
    repeats: int,
    pandas_repeats: int,
) -> tuple[list[QueryTiming], PageTiming]:
    f = fs.filters
    per_call: list[dict] = []
    seen: set[tuple] = set()
    # Each repetition is a filter change: the queries' shared aggregates start empty, as after a
    # change (the page's own calls still share them, as in the product).
    queries.clear_caches()
    for call in calls:
        # warm-up run of each way, which also checks that the answers agree
        _s, prod = _timed(call.run_product, wh, f)
        same, detail = None, ""
        if call.kind is not None:
            _s, r = _timed(call.run_raw, raw, f)
            dp, dr = digest(call.kind, "product", prod), digest(call.kind, "raw", r)
            same = dp == dr
            detail = "" if same else f"product {dp} raw {dr}"
            if df is not None:
                _s, pd_res = _timed(call.run_pandas, df, f)
                dpd = digest(call.kind, "pandas", pd_res)
                if dpd != dp:
                    same = False
                    detail += f" product {dp} pandas {dpd}"
        key = cache_key(call, f)
        per_call.append(
            {
                "call": call,
                "product": [],
                "raw": [],
                "pandas": [],
                "same": same,
                "detail": detail,
                "cached": key in seen,
            }
        )
        seen.add(key)
    for _ in range(repeats):
        queries.clear_caches()
        for c in per_call:
            call = c["call"]
            c["product"].append(_timed(call.run_product, wh, f)[0])
            if call.kind is not None:
                c["raw"].append(_timed(call.run_raw, raw, f)[0])
    if df is not None:
        for _ in range(pandas_repeats):
            for c in per_call:
                if c["call"].kind is not None:
                    c["pandas"].append(_timed(c["call"].run_pandas, df, f)[0])
    q_out = [
        QueryTiming(
            page,
            c["call"].title,
            fs.name,
            c["call"].filtered,
            Stat.of(c["product"]),
            Stat.of(c["raw"]),
            Stat.of(c["pandas"]),
            c["same"],
            c["detail"],
        )
        for c in per_call
    ]

    def total(key: str, only_filtered: bool = False, n: int = repeats, comparable: bool = False) -> list[float]:
        chosen = [
            c
            for c in per_call
            if c[key]
            and not c["cached"]
            and (c["call"].filtered or not only_filtered)
            and (c["call"].kind is not None or not comparable)
        ]
        if not chosen or any(len(c[key]) < n for c in chosen):
            return []
        return [sum(c[key][i] for c in chosen) for i in range(n)]

    has_equiv = all(c["call"].kind is not None for c in per_call if c["call"].filtered)
    page_t = PageTiming(
        page=page,
        filter_set=fs.name,
        product=Stat.of(total("product")),
        product_comparable=Stat.of(total("product", comparable=True)),
        raw=Stat.of(total("raw")),
        pandas=Stat.of(total("pandas", n=pandas_repeats)),
        filter_change=Stat.of(total("product", only_filtered=True)),
        filter_change_raw=Stat.of(total("raw", only_filtered=True) if has_equiv else []),
        same_answer=all(c["same"] is not False for c in per_call),
        queries=[c["call"].title for c in per_call],
        cached=[c["call"].title for c in per_call if c["cached"]],
    )
    return q_out, page_t


def as_dicts(q: list[QueryTiming], p: list[PageTiming]) -> tuple[list[dict], list[dict]]:
    """JSON-ready rows (ratios included)."""
    qd = []
    for t in q:
        d = asdict(t)
        d["ratio_raw"], d["ratio_pandas"] = t.ratio_raw, t.ratio_pandas
        qd.append(d)
    pdicts = []
    for t in p:
        d = asdict(t)
        d["ratio_raw"] = _ratio(t.product_comparable.median_ms, t.raw.median_ms)
        d["ratio_pandas"] = _ratio(t.product_comparable.median_ms, t.pandas.median_ms)
        d["filter_change_ratio_raw"] = _ratio(t.filter_change.median_ms, t.filter_change_raw.median_ms)
        pdicts.append(d)
    return qd, pdicts
