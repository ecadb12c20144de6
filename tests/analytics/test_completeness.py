"""Reporting completeness and same-period figures against SQL written here, independently of the module.

The warehouse is built by the real ETL from the bundled sources (real seed facts) plus the demo rows:
16 districts over 2015-2025, day-, month- and year-precise dates, every industry and organiser type.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from analytics.db import Warehouse
from analytics.filters import Filters
from analytics.queries import reporting as cm

ROOT = Path(__file__).resolve().parents[2]
SHANGHAI = [
    "310101",
    "310104",
    "310105",
    "310106",
    "310107",
    "310109",
    "310110",
    "310112",
    "310113",
    "310114",
    "310115",
    "310116",
    "310117",
    "310118",
    "310120",
    "310151",
]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    from etl.pipeline import run_pipeline

    db = tmp_path_factory.mktemp("completeness") / "quality.duckdb"
    run_pipeline([ROOT / "data" / "sources"], db, demo=True, progress=False)
    return db


@pytest.fixture(scope="module")
def wh(demo_db) -> Warehouse:
    return Warehouse(demo_db)


@pytest.fixture(scope="module")
def con(demo_db):
    c = duckdb.connect(str(demo_db), read_only=True)
    yield c
    c.close()


def expected_regions(con, year: int, where: str = "TRUE", params: list | None = None) -> dict[str, tuple]:
    """adcode -> (activities in year, activities in year - 1), None when none: plain SQL per district."""
    out = {}
    for adcode in SHANGHAI:
        row = con.execute(
            f"SELECT sum(CASE WHEN year = ? THEN 1 ELSE 0 END), sum(CASE WHEN year = ? - 1 THEN 1 ELSE 0 END) "
            f"FROM activities WHERE district_adcode = ? AND ({where})",
            [year, year, adcode, *(params or [])],
        ).fetchone()
        out[adcode] = tuple(None if not v else int(v) for v in row)
    return out


def as_dict(c: cm.Completeness) -> dict[str, tuple]:
    return {
        r.code: (None if pd.isna(r.current) else int(r.current), None if pd.isna(r.previous) else int(r.previous))
        for r in c.table.itertuples()
    }


@pytest.mark.parametrize(
    ("filters", "where", "params"),
    [
        (Filters(years=(2022,), include_demo=False), "NOT is_synthetic", []),
        (Filters(years=(2024,)), "TRUE", []),
        (Filters(years=(2019, 2020)), "TRUE", []),
        (Filters(years=(2023,), industries=("manufacturing",), include_demo=True), "industry = ?", ["manufacturing"]),
        (Filters(activity_types=("training",)), "activity_type = ?", ["training"]),
    ],
)
def test_region_completeness_matches_plain_sql(wh, con, filters, where, params) -> None:
    c = cm.region_completeness(wh, filters)
    year = (
        max(filters.years)
        if filters.years
        else int(con.execute(f"SELECT max(year) FROM activities WHERE {where}", params).fetchone()[0])
    )
    assert c.year == year
    expected = expected_regions(con, year, where, params)
    assert as_dict(c) == expected
    reported = [a for a, (cur, _p) in expected.items() if cur]
    assert sorted(c.reported) == sorted(reported)
    assert sorted(c.not_reported) == sorted(set(SHANGHAI) - set(reported))
    assert c.rate == pytest.approx(len(reported) / 16)
    assert sorted(c.dropped) == sorted(a for a, (cur, prev) in expected.items() if prev and not cur)
    assert sorted(c.new) == sorted(a for a, (cur, prev) in expected.items() if cur and not prev)


def test_not_reported_is_never_zero(wh) -> None:
    c = cm.region_completeness(wh, Filters(years=(2022,), include_demo=False))
    assert c.not_reported, "the real 2022 data leaves districts out; the test would prove nothing"
    assert not (c.table["current"] == 0).any() and not (c.table["previous"] == 0).any()
    assert c.table.loc[c.table["code"].isin(c.not_reported), "current"].isna().all()


def test_industry_completeness_counts_enterprise_reports(wh, con) -> None:
    f = Filters(years=(2024,))
    c = cm.industry_completeness(wh, f)
    rows = dict(
        ((r[0]), (r[1] or None, r[2] or None))
        for r in con.execute(
            "SELECT industry, count(*) FILTER (WHERE year = 2024), count(*) FILTER (WHERE year = 2023) "
            "FROM activities WHERE organizer_type = 'enterprise' GROUP BY industry"
        ).fetchall()
    )
    got = as_dict(c)
    assert set(got) == {
        "manufacturing",
        "construction",
        "energy",
        "transport",
        "pharma_health",
        "property_services",
        "finance",
        "retail_consumer",
        "food",
        "it_services",
        "environment",
        "public_admin",
    }
    for code, value in got.items():
        assert value == rows.get(code, (None, None)), code


def test_scope_limits_the_expected_regions(wh) -> None:
    scoped = Filters(years=(2024,), scope=("310104", "310115"))
    c = cm.region_completeness(wh, scoped)
    assert c.table["code"].tolist() == ["310104", "310115"]
    picked = cm.region_completeness(wh, Filters(years=(2024,), districts=("310113",), scope=("310104",)))
    assert picked.table.empty  # a pick outside the scope shows nothing, not "not reported"


def test_level_is_a_parameter(wh, con) -> None:
    f = Filters(years=(2024,))
    provinces = cm.region_completeness(wh, f, cm.RegionLevel("province", None))
    assert len(provinces.table) >= 31
    n = con.execute("SELECT count(*) FROM activities WHERE year = 2024 AND province_adcode = '310000'").fetchone()[0]
    assert as_dict(provinces)["310000"][0] == n
    cities = cm.region_completeness(wh, f, cm.RegionLevel("city", "310000"))
    assert cities.table["code"].tolist() == ["310100"]
    with pytest.raises(ValueError, match="region level"):
        cm.RegionLevel("street", None)


def plain_same_period(con, year: int, month: int, day: int, where: str = "TRUE") -> dict[int, tuple]:
    """year -> (by cut-off, undetermined, whole year), written with make_date and month arithmetic."""
    out = {}
    for y in range(year - 4, year + 1):
        cut = dt.date(y, month, day)
        rows = con.execute(
            f"SELECT date_precision, start_date FROM activities WHERE year = ? AND ({where})", [y]
        ).fetchall()
        if not rows:
            continue
        by = und = 0
        for precision, start in rows:
            if precision == "day" and start is not None and start <= cut:
                by += 1
            elif precision == "month" and start is not None:
                nxt = dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
                if nxt - dt.timedelta(days=1) <= cut:
                    by += 1
                elif start <= cut:
                    und += 1
            elif precision == "year" or start is None:
                und += 1
        out[y] = (by, und, len(rows))
    return out


@pytest.mark.parametrize(
    ("filters", "where", "month", "day"),
    [
        (Filters(years=(2024,)), "TRUE", 9, 15),
        (Filters(years=(2025,), industries=("manufacturing",)), "industry = 'manufacturing'", 9, 30),
        (Filters(years=(2022,), include_demo=False), "NOT is_synthetic", 9, 14),
        (Filters(years=(2021,)), "TRUE", 8, 31),
    ],
)
def test_same_period_matches_plain_sql(wh, con, filters, where, month, day) -> None:
    sp = cm.same_period(wh, filters, month, day)
    got = {int(r.year): (int(r.by_cutoff), int(r.undetermined), int(r.whole_year)) for r in sp.table.itertuples()}
    assert got == plain_same_period(con, max(filters.years), month, day, where)
    assert all(r.cutoff.month == month and r.cutoff.day == day for r in sp.table.itertuples())


def test_same_period_default_cutoff_is_the_latest_day_of_the_year(wh, con) -> None:
    f = Filters(years=(2022,), include_demo=False)
    latest = con.execute(
        "SELECT max(start_date) FROM activities WHERE year = 2022 AND NOT is_synthetic AND date_precision = 'day'"
    ).fetchone()[0]
    assert cm.default_cutoff(wh, f) == (latest.month, latest.day)
    assert (cm.same_period(wh, f).month, cm.same_period(wh, f).day) == (latest.month, latest.day)


def test_empty_selection(wh) -> None:
    f = Filters(years=(1990,))
    c = cm.region_completeness(wh, f)
    assert c.year is None and len(c.not_reported) == 16 and c.rate == 0
    assert cm.same_period(wh, f).table.empty


@pytest.mark.parametrize(
    ("filters", "where"),
    [
        (Filters(years=(2022,), include_demo=False), "year = 2022 AND NOT is_synthetic"),
        (Filters(years=(2024,)), "year = 2024"),
        (Filters(), "TRUE"),
    ],
)
def test_placement_outside_shanghai_and_city_wide(wh, con, filters, where) -> None:
    outside = con.execute(
        f"SELECT count(*) FROM activities WHERE ({where}) AND (city_adcode IS NULL OR city_adcode <> '310100')"
    ).fetchone()[0]
    city_wide = con.execute(
        f"SELECT count(*) FROM activities WHERE ({where}) AND city_adcode = '310100' AND district_adcode IS NULL"
    ).fetchone()[0]
    assert cm.placement(wh, filters) == (outside, city_wide)
    national = cm.placement(wh, filters, cm.RegionLevel("province", None))
    assert national == (
        0,
        con.execute(f"SELECT count(*) FROM activities WHERE ({where}) AND province_adcode IS NULL").fetchone()[0],
    )


def test_taiwan_hong_kong_and_macao_are_not_expected_to_report(wh) -> None:
    """The national list counted 34 provinces: 报送率 5.9%（2 / 34）, with 台湾省、香港特别行政区、澳门特别行政区 listed
    as 未报送 on the Reporting page and in the briefing. The mainland's 31 are expected; the map still draws all 34."""
    f = Filters(years=(2024,))
    national = cm.region_completeness(wh, f, cm.RegionLevel("province", None))
    codes = national.table["code"].tolist()
    assert len(codes) == 31 and not {"710000", "810000", "820000"} & set(codes)
    assert "台湾省" not in national.names(national.not_reported, "zh")
    # a view inside one of them (drilled in on purpose) still lists its own regions
    assert len(cm.region_completeness(wh, f, cm.RegionLevel("district", "810000", "province")).table) == 18


def test_a_province_picked_expects_every_one_of_its_cities(wh, con) -> None:
    """山东省 picked, its map level its 16 cities: the list expected none (`报送率 –（0 / 0）`, `各市均已报送` /
    `Every city reported.`) — the city level kept only cities that contain a pick, never those lying in one
    (audit18). A city picked, or a district of it, still expects that city alone."""
    level = cm.RegionLevel("city", "370000", "province")
    cities = [
        r[0]
        for r in con.execute(
            "SELECT adcode FROM regions WHERE level = 'city' AND status = 'current' AND parent_adcode = '370000' "
            "ORDER BY adcode"
        ).fetchall()
    ]
    assert len(cities) == 16
    c = cm.region_completeness(wh, Filters(years=(2022,), districts=("370000",)), level)
    assert c.table["code"].tolist() == cities
    assert c.reported == [] and len(c.not_reported) == 16  # its records name no city: none has reported
    assert cm.region_completeness(wh, Filters(years=(2022,), districts=("370100",)), level).table["code"].tolist() == [
        "370100"
    ]
    assert cm.region_completeness(wh, Filters(years=(2022,), districts=("370102",)), level).table["code"].tolist() == [
        "370100"
    ]
