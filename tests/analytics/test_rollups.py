"""Roll-ups (domain/rollups.py, etl/rollups.py) give exactly the base table's answers.

One warehouse is built by the real ETL (synthetic national rows + the bundled real sources);
a copy gets the roll-ups dropped. Every query of analytics.queries must return equal frames on
both, for every filter set below, whichever table `_source` picks.
"""

from __future__ import annotations

import shutil

import duckdb
import pandas as pd
import pytest

from analytics import queries
from analytics.db import Warehouse
from analytics.filters import Filters
from domain.config import SOURCES_DIR
from domain.rollups import ROLLUPS, covering
from etl.rollups import refresh_rollups


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory):
    from etl import synth
    from etl.publish import run_pipeline

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
        ("campaign_org_year", Filters(campaigns=("quality_month",), organizer_types=("enterprise",),
                                      years=(2023, 2024))),
        ("type_real", Filters(activity_types=("launch_ceremony",), include_demo=False)),
        ("district_industry", Filters(districts=("310104",), industries=("manufacturing",))),
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
        assert with_r.rows(f"SELECT count(*) FROM {r.table}")[0][0] > 0  # noqa: S608
    assert queries._source(with_r, "TRUE").table == "rollup_year_month"
    where, _ = Filters(districts=("310104",), years=(2024,)).where("a")
    assert queries._source(with_r, where, "month").table == "rollup_district_month"
    where, _ = Filters(industries=("food",), include_demo=False).where("a")
    assert queries._source(with_r, where, "activity_type").table == "rollup_vocab_month"


@pytest.mark.parametrize("f, columns", [
    (Filters(search="质量"), ()),                                  # free text: only the base table has it
    (Filters(districts=("310104",), industries=("food",)), ()),    # district x vocabulary: no roll-up
    (Filters(), ("organizer",)),                                    # organiser with measures: none
    (Filters(years=(2024,)), ("title",)),
])
def test_base_table_when_no_rollup_covers(pair, f: Filters, columns: tuple[str, ...]) -> None:
    with_r, _without = pair
    where, _ = f.where("a")
    assert queries._source(with_r, where, *columns).table == "activities"


def test_missing_rollups_fall_back_to_the_base_table(pair) -> None:
    _with, without = pair
    assert queries._source(without, "TRUE").table == "activities"


@pytest.mark.parametrize("needed, measures, table", [
    (set(), True, "rollup_year_month"),
    ({"year", "is_synthetic"}, True, "rollup_year_month"),
    ({"district_adcode", "month"}, True, "rollup_district_month"),
    ({"industry", "campaign", "mode"}, True, "rollup_vocab_month"),
    ({"organizer", "district_adcode"}, False, "rollup_organizers"),
    ({"district_adcode", "industry"}, True, None),
    ({"organizer", "industry"}, False, None),
])
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
            types = [con.execute(f"SELECT typeof(COLUMNS(*)) FROM ({q}) LIMIT 1").fetchall()
                     for q in (from_base, from_finer)]
            assert types[0] == types[1]
    finally:
        con.close()


def test_rollup_cannot_be_built_from_a_coarser_one() -> None:
    from etl.rollups import rollup_sql

    by_table = {r.table: r for r in ROLLUPS}
    with pytest.raises(ValueError, match="cannot build"):
        rollup_sql(by_table["rollup_district_month"], by_table["rollup_year_month"])
