"""bench/workload.py: the benchmark runs every query of every page, and its raw-SQL and pandas
equivalents give the product's answers (so a ratio compares equal work)."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from analytics.db import Warehouse
from analytics.filters import Filters
from bench import workload
from bench.workload import PAGES, FilterSet, digest, filter_sets, load_frame, raw_where

ROOT = Path(__file__).resolve().parents[2]
_Q_CALL = re.compile(r"""ctx\.q\(\s*["']([a-z_]+)["']""")
_PAGE_FILES = {
    "overview": ["app_pages/overview.py"],
    "districts": ["app_pages/districts.py"],
    "industries": ["app_pages/industries.py", "ui/breakdown_page.py"],
    "activity_types": ["app_pages/activity_types.py", "ui/breakdown_page.py"],
    "records": ["app_pages/records.py"],
    "data_status": ["app_pages/data_status.py"],
}


@pytest.mark.parametrize("page", sorted(_PAGE_FILES))
def test_every_query_a_page_runs_is_benchmarked(page: str) -> None:
    called = set()
    for rel in _PAGE_FILES[page]:
        called |= set(_Q_CALL.findall((ROOT / rel).read_text(encoding="utf-8")))
    assert called, f"{page}: no ctx.q calls found (page moved?)"
    assert called <= workload.page_query_names()[page], (
        f"{page}: not benchmarked: {called - workload.page_query_names()[page]}"
    )


def test_sidebar_options_are_benchmarked() -> None:
    text = (ROOT / "ui" / "state.py").read_text(encoding="utf-8")
    assert '"options"' in text
    assert "options" in workload.page_query_names()["sidebar"]


@pytest.fixture(scope="module")
def handles(bench_db: Path):
    wh = Warehouse(bench_db)
    raw = duckdb.connect(str(bench_db), read_only=True)
    frame = load_frame(raw)
    workload.set_tree(wh.rows)  # the map's view of a selection needs the warehouse's region tree
    yield wh, raw, frame
    raw.close()
    wh.close()


def _extra_sets(wh: Warehouse) -> list[FilterSet]:
    years = [r[0] for r in wh.rows("SELECT DISTINCT year FROM activities WHERE year IS NOT NULL ORDER BY 1")]
    districts = [
        r[0]
        for r in wh.rows(
            "SELECT district_adcode FROM activities WHERE district_adcode IS NOT NULL "
            "GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 3"
        )
    ]
    return [
        FilterSet("nothing_matches", Filters(years=(1990,))),
        FilterSet("three_districts_real", Filters(districts=tuple(districts), include_demo=False)),
        FilterSet("gap_years", Filters(years=(years[0], years[-1]))),
        FilterSet("search_percent", Filters(search="50%")),
        FilterSet("search_quote", Filters(search="O'Brien")),
        FilterSet(
            "everything",
            Filters(
                years=tuple(years),
                industries=("manufacturing", "food"),
                activity_types=("training", "open_day", "forum_conference"),
                campaigns=("quality_month",),
                organizer_types=("enterprise", "government"),
            ),
        ),
    ]


def test_filter_sets_cover_the_brief(handles) -> None:
    wh, _raw, _frame = handles
    sets = {s.name: s.filters for s in filter_sets(wh)}
    assert sets["none"] == Filters()
    assert len(sets["one_year"].years) == 1
    assert sets["district_years"].districts and len(sets["district_years"].years) == 3
    assert sets["industry_type"].industries and sets["industry_type"].activity_types
    assert sets["search"].search
    assert sets["real_only"].include_demo is False
    assert len(sets) >= 5


def _calls():
    for page, calls in PAGES.items():
        for call in calls:
            if call.kind is not None:
                yield pytest.param(call, id=f"{page}:{call.title}")


@pytest.mark.parametrize("call", list(_calls()))
def test_raw_and_pandas_give_the_products_answer(handles, call) -> None:
    wh, raw, frame = handles
    for fs in filter_sets(wh) + _extra_sets(wh):
        product = digest(call.kind, "product", call.run_product(wh, fs.filters))
        assert digest(call.kind, "raw", call.run_raw(raw, fs.filters)) == product, fs.name
        assert digest(call.kind, "pandas", call.run_pandas(frame, fs.filters)) == product, fs.name


def test_digest_tells_different_answers_apart(handles) -> None:
    wh, raw, _frame = handles
    call = PAGES["overview"][1]  # by_year
    latest = int(wh.rows("SELECT max(year) FROM activities")[0][0])
    a = digest(call.kind, "product", call.run_product(wh, Filters()))
    b = digest(call.kind, "raw", call.run_raw(raw, Filters(years=(latest,))))
    assert a != b


@pytest.mark.parametrize(
    "filters, expected",
    [
        (Filters(), "TRUE"),
        (Filters(years=(2024, 2023)), "year IN (2023, 2024)"),
        (Filters(districts=("310104",)), "district_adcode IN ('310104')"),
        (Filters(include_demo=False), "NOT is_synthetic"),
        (
            Filters(industries=("food",), campaigns=("quality_month",)),
            "industry IN ('food') AND campaign IN ('quality_month')",
        ),
    ],
)
def test_raw_where(filters: Filters, expected: str) -> None:
    assert raw_where(filters) == expected


@pytest.mark.parametrize(
    "text, pattern",
    [
        ("O'Brien", "'%O''Brien%'"),
        ("50%", "'%50\\%%'"),
        ("a_b", "'%a\\_b%'"),
    ],
)
def test_raw_where_search_is_quoted_and_escaped(text: str, pattern: str) -> None:
    sql = raw_where(Filters(search=text))
    assert f"title ILIKE {pattern} ESCAPE" in sql
    assert sql.count("ILIKE") == 4
