"""Roll-ups (domain/rollups.py, etl/rollups.py) give exactly the base table's answers.

One warehouse is built by the real ETL (synthetic national rows + the bundled real sources);
a copy gets the roll-ups dropped. Every query of analytics.queries must return equal frames on
both, for every filter set below, whichever table routing picks.
"""

# SQL text here is built from the product's own fragments (Filters.where,
# queries.records.record_rows) and the roll-up specs; every filter value is bound.

from __future__ import annotations

import shutil

import duckdb
import pandas as pd
import pytest

from analytics import queries
from analytics.db import Warehouse
from analytics.filters import Filters
from analytics.queries import records
from analytics.queries.cards import distinct_source
from analytics.queries.routing import route
from domain.config import SOURCES_DIR
from domain.rollups import ROLLUPS, covering
from etl.rollups import refresh_rollups


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory):
    from etl import synth
    from etl.pipeline import run_pipeline

    d = tmp_path_factory.mktemp("rollups")
    csv = d / "synth.csv"
    synth.write(3000, csv, seed=11, scope="shanghai")
    with_db = d / "with.duckdb"
    run_pipeline([csv, SOURCES_DIR], with_db, demo=False, progress=False)
    con = duckdb.connect(str(with_db))
    refresh_rollups(con)  # idempotent: also covers a publish step that already built them
    con.close()
    without_db = d / "without.duckdb"
    shutil.copyfile(with_db, without_db)
    con = duckdb.connect(str(without_db))
    for r in ROLLUPS:
        con.execute(f"DROP TABLE IF EXISTS {r.table}")
    con.close()
    a, b = Warehouse(with_db), Warehouse(without_db)
    yield a, b
    a.close()
    b.close()


def _sets() -> list[tuple[str, Filters]]:
    return [
        ("none", Filters()),
        ("one_year", Filters(years=(2024,))),
        ("years_gap", Filters(years=(2019, 2024))),
        ("no_such_year", Filters(years=(1990,))),
        ("real_only", Filters(include_demo=False)),
        ("district", Filters(districts=("310104",))),
        ("districts_years", Filters(districts=("310104", "310115"), years=(2023, 2024))),
        ("district_real", Filters(districts=("310115",), include_demo=False)),
        ("industry", Filters(industries=("manufacturing",))),
        ("industry_type", Filters(industries=("manufacturing", "food"), activity_types=("training",))),
        (
            "campaign_org_year",
            Filters(campaigns=("quality_month",), organizer_types=("enterprise",), years=(2023, 2024)),
        ),
        ("type_real", Filters(activity_types=("launch_ceremony",), include_demo=False)),
        ("district_industry", Filters(districts=("310104",), industries=("manufacturing",))),
        # places above county level: the province or city with its city-wide records
        ("province", Filters(districts=("310000",))),
        ("city_year", Filters(districts=("310100",), years=(2024,))),
        ("province_and_district", Filters(districts=("370000", "310104"))),
        ("province_industry", Filters(districts=("310000",), industries=("manufacturing",))),
        ("search", Filters(search="质量")),
        ("search_year", Filters(search="开放日", years=(2024,))),
        ("scope", Filters(scope=("310104", "310113"))),
        ("scope_empty", Filters(scope=())),
        ("scope_industry", Filters(scope=("310115",), industries=("finance",))),
    ]


SETS = _sets()
FRAME_QUERIES = ("by_year", "by_month", "by_district", "district_year")
BREAKDOWNS = ("industry", "activity_type", "campaign", "organizer_type", "mode")


def _same(a, b) -> None:
    if isinstance(a, pd.DataFrame):
        pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True), check_dtype=True)
    elif isinstance(a, tuple) and a and isinstance(a[0], pd.DataFrame):
        _same(a[0], b[0])
        assert a[1:] == b[1:]
    else:
        assert a == b


@pytest.mark.parametrize("name, f", SETS, ids=[s[0] for s in SETS])
def test_filtered_queries_match_the_base_table(pair, name: str, f: Filters) -> None:
    with_r, without = pair
    for q in (*FRAME_QUERIES, "kpis", "undated", "count_records"):
        _same(getattr(queries, q)(with_r, f), getattr(queries, q)(without, f))
    for column in BREAKDOWNS:
        for q in ("breakdown", "breakdown_yoy", "breakdown_by_year"):
            _same(getattr(queries, q)(with_r, f, column), getattr(queries, q)(without, f, column))


@pytest.mark.parametrize("q", ["options", "districts", "counts_real_demo"])
def test_unfiltered_queries_match_the_base_table(pair, q: str) -> None:
    with_r, without = pair
    _same(getattr(queries, q)(with_r), getattr(queries, q)(without))


def test_the_rollups_are_used_and_not_empty(pair) -> None:
    with_r, _without = pair
    for r in ROLLUPS:
        assert with_r.has_table(r.table)
        assert with_r.rows(f"SELECT count(*) FROM {r.table}")[0][0] > 0
    assert route(with_r, Filters()).table == "rollup_year_month"
    assert route(with_r, Filters(districts=("310104",), years=(2024,)), "month").table == "rollup_district_month"
    assert (
        route(with_r, Filters(industries=("food",), include_demo=False), "activity_type").table == "rollup_vocab_month"
    )


@pytest.mark.parametrize(
    "f, columns",
    [
        (Filters(search="质量"), ()),  # free text: only the base table has it
        (Filters(districts=("310104",), industries=("food",)), ()),  # district x vocabulary: no roll-up
        (Filters(), ("organizer",)),  # organiser with measures: none
        (Filters(years=(2024,)), ("title",)),
    ],
)
def test_base_table_when_no_rollup_covers(pair, f: Filters, columns: tuple[str, ...]) -> None:
    with_r, _without = pair
    assert route(with_r, f, *columns).table == "activities"


def test_missing_rollups_fall_back_to_the_base_table(pair) -> None:
    _with, without = pair
    assert route(without, Filters()).table == "activities"


@pytest.mark.parametrize(
    "needed, measures, table",
    [
        (set(), True, "rollup_year_month"),
        ({"year", "is_synthetic"}, True, "rollup_year_month"),
        ({"district_adcode", "month"}, True, "rollup_district_month"),
        ({"industry", "campaign", "mode"}, True, "rollup_vocab_month"),
        ({"organizer_id", "district_adcode"}, False, "rollup_organizer_ids"),
        ({"organizer", "district_adcode"}, False, None),  # names: only the base table has them
        ({"district_adcode", "industry"}, True, None),
        ({"organizer_id", "industry"}, False, None),
    ],
)
def test_covering(needed: set[str], measures: bool, table: str | None) -> None:
    r = covering(needed, measures)
    assert (r.table if r else None) == table


def test_rollups_summed_from_finer_ones_equal_those_from_the_base_table(pair) -> None:
    from etl.rollups import build_order, rollup_sql

    with_r, _without = pair
    plan = build_order()
    assert any(src is not None for _r, src in plan)  # at least one is built from a finer roll-up
    con = duckdb.connect(str(with_r.path), read_only=True)
    try:
        for r, src in plan:
            if src is None:
                continue
            assert set(r.dims) < set(src.dims)
            assert [t for t, _s in plan].index(src) < [t for t, _s in plan].index(r)  # built before it
            from_base = rollup_sql(r).split(" AS ", 1)[1]
            from_finer = rollup_sql(r, src).split(" AS ", 1)[1]
            a = con.execute(from_base).fetchall()
            b = con.execute(from_finer).fetchall()
            assert a == b and len(a) > 0
            types = [
                con.execute(f"SELECT typeof(COLUMNS(*)) FROM ({q}) LIMIT 1").fetchall() for q in (from_base, from_finer)
            ]
            assert types[0] == types[1]
    finally:
        con.close()


def test_rollup_cannot_be_built_from_a_coarser_one() -> None:
    from etl.rollups import rollup_sql

    by_table = {r.table: r for r in ROLLUPS}
    with pytest.raises(ValueError, match="cannot build"):
        rollup_sql(by_table["rollup_district_month"], by_table["rollup_year_month"])


# -- Records page: the bounded top-N returns exactly the naive query's rows ----------------------


def _naive_page(
    wh: Warehouse, f: Filters, sort: str, descending: bool, limit: int, offset: int, lang: str = "zh"
) -> tuple[pd.DataFrame, int]:
    where, params = f.where("a")
    order = records.order_by(sort, descending)
    page = wh.query(
        f"{records.record_rows(lang, 'activities a')} WHERE {where} ORDER BY {order} LIMIT {limit} OFFSET {offset}",
        params,
    )
    total = wh.rows(f"SELECT count(*) FROM activities a WHERE {where}", params)[0][0]
    return page, int(total)


PAGE_SETS = [
    s
    for s in SETS
    if s[0]
    in (
        "none",
        "one_year",
        "years_gap",
        "no_such_year",
        "real_only",
        "district",
        "industry_type",
        "district_industry",
        "search",
        "scope_industry",
    )
]
PAGING = [
    ("start_date", True, 50, 0),
    ("start_date", True, 7, 0),
    ("start_date", True, 7, 700),
    ("start_date", False, 7, 0),
    ("start_date", False, 13, 1300),
    ("start_date", True, 1000, 2500),
    ("start_date", True, 5, 10**6),
    ("participants", True, 9, 18),
    ("district", False, 11, 22),
    ("title", False, 6, 30),
    ("year", True, 4, 100),
    ("industry", False, 8, 40),
    ("activity_type", True, 8, 0),
]


@pytest.mark.parametrize("name, f", PAGE_SETS, ids=[s[0] for s in PAGE_SETS])
@pytest.mark.parametrize("sort, descending, limit, offset", PAGING)
def test_records_page_equals_the_naive_query(
    pair, name: str, f: Filters, sort: str, descending: bool, limit: int, offset: int
) -> None:
    for wh in pair:  # with roll-ups (bounded top-N) and without (base table only)
        page, total = queries.records_page(wh, f, sort=sort, descending=descending, limit=limit, offset=offset)
        want, want_total = _naive_page(wh, f, sort, descending, limit, offset)
        assert total == want_total
        pd.testing.assert_frame_equal(page.reset_index(drop=True), want.reset_index(drop=True))


def test_records_page_is_bounded_when_a_rollup_covers(pair, monkeypatch) -> None:
    with_r, _without = pair
    seen: list[str] = []
    real_query = with_r.query

    def spy(sql, params=None):
        seen.append(sql)
        return real_query(sql, params)

    monkeypatch.setattr(with_r, "query", spy)
    queries.records_page(with_r, Filters(years=(2024,)), limit=10)
    assert "$date_bound" in seen[-1] and "rowid IN" in seen[-1]


@pytest.mark.parametrize(
    "hist, needed, descending, expected",
    [
        ([(2024, 9, 5), (2024, 8, 5)], 5, True, (">=", "2024-09-01")),
        ([(2024, 9, 5), (2024, 8, 5)], 6, True, (">=", "2024-08-01")),
        ([(2024, 9, 5), (2024, 8, 5)], 11, True, None),  # fewer dated rows than the page
        ([(2024, 9, 5), (2024, None, 100)], 6, True, None),  # month-less rows never count
        ([(None, None, 100), (2023, 12, 3)], 3, True, (">=", "2023-12-01")),
        ([(2023, 12, 3), (2024, 1, 3)], 3, False, ("<", "2024-01-01")),  # December rolls into January
        ([(2023, 12, 3), (2024, 1, 3)], 4, False, ("<", "2024-02-01")),
        ([(2023, 11, 0), (2023, 12, 2)], 1, False, ("<", "2024-01-01")),  # an empty month is skipped
        ([(2022, 3, 2), (2025, 3, 2), (2023, 3, 2)], 3, True, (">=", "2023-03-01")),  # order of input is irrelevant
        ([], 1, True, None),
    ],
)
def test_date_bound(hist, needed: int, descending: bool, expected) -> None:
    import datetime as dt

    got = records.date_bound(hist, needed, descending)
    assert got == (None if expected is None else (expected[0], dt.date.fromisoformat(expected[1])))


# -- organiser ids: the distinct counts read integers, and stay exact ------------------------------


def test_organizer_ids_are_a_dense_bijection_of_the_names(pair) -> None:
    from domain.rollups import ORGANIZER_IDS

    with_r, _without = pair
    n_names = with_r.rows("SELECT count(DISTINCT organizer) FROM activities")[0][0]
    rows, ids, names, lo, hi = with_r.rows(
        f"SELECT count(*), count(DISTINCT organizer_id), count(DISTINCT organizer), min(organizer_id), "
        f"max(organizer_id) FROM {ORGANIZER_IDS}"
    )[0]
    assert n_names > 0 and rows == ids == names == n_names and (lo, hi) == (1, n_names)


def test_organizer_rollup_keeps_districts_of_rows_without_organiser(tmp_path) -> None:
    from etl.rollups import refresh_rollups
    from tests.analytics.conftest import TINY_ROWS, build_tiny_db

    db = build_tiny_db(tmp_path / "tiny.duckdb")
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE rollup_organizers AS SELECT 1 AS x")  # left by an older version
    refresh_rollups(con)
    assert not con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'rollup_organizers'").fetchone()[0]
    # r06 (宝山, 2024) has no organiser: its district is still listed, with a NULL id
    assert con.execute(
        "SELECT count(*) FROM rollup_organizer_ids WHERE district_adcode = '310113' AND year = 2024 "
        "AND organizer_id IS NULL"
    ).fetchone() == (1,)
    con.close()
    a = Warehouse(db)
    try:
        f = Filters(years=(2024,))
        assert distinct_source(a, f).table == "rollup_organizer_ids"
        k = queries.kpis(a, f)
        rows = [r for r in TINY_ROWS if r[1] == 2024]
        assert k.total.districts == len({r[3] for r in rows})
        assert k.total.organizers == len({r[6] for r in rows if r[6] is not None})
    finally:
        a.close()


# -- Records page of a base-table selection: count and first pages from one grouped scan ------------

BASE_PAGE_SETS = [s for s in SETS if s[0] in ("search", "search_year", "district_industry", "scope_industry")]


@pytest.mark.parametrize("name, f", BASE_PAGE_SETS, ids=[s[0] for s in BASE_PAGE_SETS])
@pytest.mark.parametrize("kept", [1, 2, 5, 100])
@pytest.mark.parametrize("descending", [True, False])
def test_records_page_from_date_groups_equals_the_naive_query(
    pair, monkeypatch, name: str, f: Filters, kept: int, descending: bool
) -> None:
    with_r, _without = pair
    # few kept rows per date: the page's last date is cut inside its group, ties by record_id decide
    monkeypatch.setattr(records, "DATE_GROUP_ROWS", kept)
    seen: list[str] = []
    real_query = with_r.query

    def spy(sql, params=None, tables=None):
        seen.append(sql)
        return real_query(sql, params, tables)

    monkeypatch.setattr(with_r, "query", spy)
    for limit, offset in sorted({(1, 0), (kept, 0), (kept - 1, 1), (1, kept - 1)}):
        if limit < 1 or limit + offset > kept:
            continue  # beyond the kept rows: the month-bound path (tested above)
        queries.clear_caches()
        assert queries.count_records(with_r, f) == _naive_page(with_r, f, "start_date", descending, 1, 0)[1]
        page, total = queries.records_page(with_r, f, descending=descending, limit=limit, offset=offset)
        assert "$row_ids" in seen[-1]
        want, want_total = _naive_page(with_r, f, "start_date", descending, limit, offset)
        assert total == want_total
        pd.testing.assert_frame_equal(page.reset_index(drop=True), want.reset_index(drop=True))


def test_date_groups_cut_inside_a_busy_date(pair, monkeypatch) -> None:
    # the selection has dates with more rows than are kept: the cut-off really happens
    with_r, _without = pair
    monkeypatch.setattr(records, "DATE_GROUP_ROWS", 2)
    f = Filters(search="质量")
    queries.clear_caches()
    busiest = with_r.rows(
        f"SELECT max(n) FROM (SELECT count(*) AS n FROM activities a WHERE {f.where('a')[0]} GROUP BY start_date)",
        f.where("a")[1],
    )[0][0]
    assert busiest > 2
    groups = records.date_groups(with_r, f)
    assert 2 <= len(groups.firsts[True]) < groups.total


# -- KPI cards: a change of the years counts no distinct districts or organisers again -------------


def _statements(wh: Warehouse, monkeypatch) -> list[str]:
    seen: list[str] = []
    for name in ("rows", "query"):
        orig = getattr(wh, name)

        def spy(sql, *args, _orig=orig, **kwargs):
            seen.append(sql)
            return _orig(sql, *args, **kwargs)

        monkeypatch.setattr(wh, name, spy)
    return seen


@pytest.mark.parametrize(
    "f", [Filters(), Filters(districts=("310104", "310115")), Filters(include_demo=False), Filters(scope=("310115",))]
)
def test_overview_of_other_years_runs_no_query(pair, monkeypatch, f: Filters) -> None:
    with_r, without = pair
    queries.clear_caches()
    assert queries.kpis(with_r, f.with_years([2023, 2024])) == queries.kpis(without, f.with_years([2023, 2024]))
    seen = _statements(with_r, monkeypatch)
    for years in ([2019, 2020, 2021, 2022, 2023], [2024], [2022], [], [1990]):
        g = f.with_years(years)
        assert queries.kpis(with_r, g) == queries.kpis(without, g), years
        if years != [1990]:  # (an empty selection asks the engine for its empty frame's types)
            for q in ("by_year", "by_month", "undated"):
                _same(getattr(queries, q)(with_r, g), getattr(queries, q)(without, g))
    assert not seen


def test_kpis_when_the_years_do_not_fit_the_mask(pair, monkeypatch) -> None:
    from analytics.queries import cards

    with_r, without = pair
    queries.clear_caches()
    monkeypatch.setattr(cards, "_MASK_BITS", 3)  # 1978 + 3: every year of the data lies past the mask
    seen = _statements(with_r, monkeypatch)
    for years in ([2023, 2024], [2024], []):
        f = Filters(years=years)
        assert queries.kpis(with_r, f) == queries.kpis(without, f), years
    assert [s for s in seen if "count(DISTINCT" in s]  # counted by the scans, not folded


@pytest.mark.parametrize("f", [Filters(), Filters(industries=("manufacturing",)), Filters(include_demo=False)])
def test_breakdowns_of_other_years_run_no_query(pair, monkeypatch, f: Filters) -> None:
    with_r, without = pair
    queries.clear_caches()
    for column in BREAKDOWNS:
        queries.breakdown(with_r, f, column)
    seen = _statements(with_r, monkeypatch)
    for years in ([2019, 2020, 2021, 2022, 2023], [2024], [2022, 2024]):
        g = f.with_years(years)
        for column in BREAKDOWNS:
            for q in ("breakdown", "breakdown_yoy", "breakdown_by_year"):
                _same(getattr(queries, q)(with_r, g, column), getattr(queries, q)(without, g, column))
    assert not seen


VIEWS = [(None, None), ("310100", "310000"), ("310000", None)]


@pytest.mark.parametrize("name, f", SETS, ids=[s[0] for s in SETS])
def test_map_views_match_the_base_table(pair, name: str, f: Filters) -> None:
    with_r, without = pair
    for view, region in VIEWS:
        a, b = queries.view_figures(with_r, f, view, region), queries.view_figures(without, f, view, region)
        _same(a.children, b.children)
        assert (a.own_level, a.level) == (b.own_level, b.level)
        _same(queries.view_years(with_r, f, view, region), queries.view_years(without, f, view, region))


# (an empty selection asks the engine for its empty frame's types: years with rows here)
@pytest.mark.parametrize("f", [Filters(), Filters(districts=("310115",)), Filters(districts=("310000",))])
def test_map_views_of_other_years_run_no_query(pair, monkeypatch, f: Filters) -> None:
    with_r, without = pair
    queries.clear_caches()
    for view, region in VIEWS:
        queries.view_figures(with_r, f, view, region)
        queries.view_years(with_r, f, view, region)
    seen = _statements(with_r, monkeypatch)
    for years in ([2019, 2020, 2021, 2022, 2023], [2024], [2022, 2024]):
        g = f.with_years(years)
        for view, region in VIEWS:
            a, b = queries.view_figures(with_r, g, view, region), queries.view_figures(without, g, view, region)
            _same(a.children, b.children)
            assert a.own_level == b.own_level
            _same(queries.view_years(with_r, g, view, region), queries.view_years(without, g, view, region))
    assert not seen
