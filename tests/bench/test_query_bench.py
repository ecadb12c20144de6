"""Page totals of the query benchmark: a call the product's cache answers is not counted twice."""

from __future__ import annotations

import pytest

from analytics.filters import Filters
from bench import query_bench
from bench.workload import PAGES, FilterSet


@pytest.fixture(scope="module")
def districts_timings(bench_db):
    sets = [FilterSet("none", Filters()), FilterSet("one_district", Filters(districts=("110101",)))]
    return query_bench.measure(str(bench_db), repeats=1, with_pandas=False, pages=("districts",), sets=sets,
                               log=lambda _m: None)


def test_identical_calls_of_a_page_are_counted_once(districts_timings) -> None:
    q, p, _info = districts_timings
    pages = {t.filter_set: t for t in p}
    # no district picked: the map's call (filters without districts) is the list's call, served from cache
    assert pages["none"].cached == ["by_district"]
    assert pages["one_district"].cached == []
    for name, page in pages.items():
        timings = [t for t in q if t.filter_set == name]
        counted = [t for t in timings if t.query not in page.cached]
        assert len(counted) == len(timings) - len(page.cached)
        assert page.product.median_ms == pytest.approx(sum(t.product.median_ms for t in counted))
        raw = [t.raw.median_ms for t in counted if t.raw.median_ms is not None]
        assert page.raw.median_ms == pytest.approx(sum(raw))
        assert page.same_answer


@pytest.mark.parametrize("f, same", [
    (Filters(), True),
    (Filters(years=(2024,)), True),
    (Filters(districts=("310104",)), False),          # the map drops the district pick, the list keeps it
    (Filters(search="质量"), True),                    # both drop the search
])
def test_cache_key_of_the_districts_calls(f: Filters, same: bool) -> None:
    map_call, list_call = PAGES["districts"][1], PAGES["districts"][2]
    assert (query_bench.cache_key(map_call, f) == query_bench.cache_key(list_call, f)) is same
