"""Page totals of the query benchmark: a call the product's cache answers is not counted twice."""

from __future__ import annotations

import pytest

from analytics.filters import Filters
from bench import query_bench
from bench.workload import PAGES, FilterSet


@pytest.fixture(scope="module")
def districts_timings(bench_db):
    sets = [FilterSet("none", Filters()), FilterSet("one_district", Filters(districts=("110101",)))]
    return query_bench.measure(
        str(bench_db), repeats=1, with_pandas=False, pages=("districts",), sets=sets, log=lambda _m: None
    )


def test_identical_calls_of_a_page_are_counted_once(districts_timings) -> None:
    q, p, _info = districts_timings
    pages = {t.filter_set: t for t in p}
    # the map's three calls differ (boundaries, figures, years of the view): none is served twice
    assert pages["none"].cached == []
    assert pages["one_district"].cached == []
    for name, page in pages.items():
        timings = [t for t in q if t.filter_set == name]
        counted = [t for t in timings if t.query not in page.cached]
        assert len(counted) == len(timings) - len(page.cached)
        assert page.product.median_ms == pytest.approx(sum(t.product.median_ms for t in counted))
        raw = [t.raw.median_ms for t in counted if t.raw.median_ms is not None]
        assert page.raw.median_ms == pytest.approx(sum(raw))
        assert page.same_answer


@pytest.mark.parametrize(
    "f, args",
    [
        (Filters(), (None, None)),  # the country: its provinces
        (Filters(years=(2024,)), (None, None)),
        (Filters(districts=("310104",)), ("310100", "310000")),  # a district: its city's view, for 上海市
        (Filters(districts=("110000",)), ("110100", "110000")),  # a municipality: straight to its districts
    ],
)
def test_the_districts_calls_follow_the_map_view(bench_db, f: Filters, args: tuple) -> None:
    """The benchmark passes the Districts page's map view, computed as the page computes it."""
    from analytics.db import Warehouse
    from bench import workload

    wh = Warehouse(bench_db)
    try:
        workload.set_tree(wh.rows)
    finally:
        wh.close()
    figures = next(c for c in PAGES["districts"] if c.name == "view_figures")
    assert figures.args_for(f) == args
    assert query_bench.cache_key(figures, f)[2] == args
