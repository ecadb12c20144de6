"""analytics.places and the place selection in Filters, on a warehouse built by the real ETL.

The bundled sources (data/sources) hold city-wide 上海市 records, district records and records of
other provinces (山东省...), so every level of the tree is exercised; expected figures are
recounted from `activities` with plain SQL.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analytics import places
from analytics import queries as q
from analytics.db import Warehouse
from analytics.filters import Filters, region_groups

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wh(tmp_path_factory) -> Warehouse:
    from etl.pipeline import run_pipeline

    db = tmp_path_factory.mktemp("places") / "quality.duckdb"
    run_pipeline([ROOT / "data" / "sources"], db, demo=True, progress=False)
    w = Warehouse(db)
    yield w
    w.close()


@pytest.fixture(scope="module")
def tree(wh) -> places.RegionTree:
    return q.region_tree(wh)


def _count(wh: Warehouse, where: str) -> int:
    return int(wh.rows(f"SELECT count(*) FROM activities WHERE {where}")[0][0])


def test_tree_levels_and_pass_through(tree) -> None:
    assert len(tree.children(None)) == 34
    assert tree.children("310000") == ("310100",)  # 上海市 has one city...
    assert tree.shown("310000") == "310100"  # ...so its view draws the 16 districts
    assert len(tree.children("310100")) == 16
    assert tree.top("310100") == "310000"
    assert tree.crumbs("310115") == ["310000", "310115"]  # the pass-through city is not a step
    assert tree.name(None, "zh") == "全国" and tree.name("310115", "en") == "Pudong New Area"


@pytest.mark.parametrize(
    ("selection", "view"),
    [
        ((), None),
        (("310000",), "310100"),  # a province: its (only) city's districts
        (("310115",), "310100"),  # a district: outlined among its siblings
        (("310104", "310115"), "310100"),  # two districts of one city
        (("370000",), "370000"),  # 山东省: its cities
        (("370100",), "370100"),  # 济南市: its counties
        (("441900",), "440000"),  # 东莞市 has no counties: shown among Guangdong's cities
        (("310115", "370000"), None),  # two provinces: the country
    ],
)
def test_view_for(tree, selection, view) -> None:
    assert tree.view_for(selection) == view


@pytest.mark.parametrize(
    ("selection", "picked"),
    [
        ((), (None, None, ())),
        (("310000",), ("310000", None, ())),
        (("310115",), ("310000", "310100", ("310115",))),
        (("370100",), ("370000", "370100", ())),
        (("310115", "370000"), ("310000", "310100", ("310115",))),  # not one picker state: the first
    ],
)
def test_picker(tree, selection, picked) -> None:
    assert tree.picker(selection) == picked


def test_place_name_follows_selection(tree) -> None:
    assert tree.place_name((), "zh") == "全国"
    assert tree.place_name(("310000",), "zh") == "上海市"
    assert tree.place_name(("310104", "310115"), "zh") == "徐汇区、浦东新区"
    assert tree.place_name(("370000",), "en") == "Shandong"


def test_region_filter_selects_every_level(wh) -> None:
    """A province keeps its province-wide, city-wide and district records; a district only its own."""
    assert region_groups(["310000", "310100", "310115", "419001"]) == {
        "province": ["310000"],
        "city": ["310100", "419001"],
        "district": ["310115"],
    }
    for selection, where in [
        (("310000",), "province_adcode = '310000'"),
        (("310100",), "city_adcode = '310100'"),
        (("310115",), "district_adcode = '310115'"),
        (("370000", "310115"), "province_adcode = '370000' OR district_adcode = '310115'"),
    ]:
        sql, params = Filters(districts=selection).where("a")
        got = wh.rows(f"SELECT count(*) FROM activities a WHERE {sql}", params)[0][0]
        assert got == _count(wh, where) > 0, selection


@pytest.mark.parametrize(
    "f",
    [
        Filters(),
        Filters(include_demo=False),
        Filters(years=(2022,)),
        Filters(industries=("manufacturing",)),
        Filters(search="质量"),
    ],
)
def test_view_figures_count_children_and_own_level(wh, tree, f) -> None:
    """Children's counts plus the view's own-level records add up to everything in the view."""
    demo = "" if f.include_demo else " AND NOT is_synthetic"
    extra = demo + (" AND year = 2022" if f.years else "")
    extra += " AND industry = 'manufacturing'" if f.industries else ""
    extra += (
        (
            " AND (contains(title, '质量') OR contains(theme, '质量') OR contains(organizer, '质量') "
            "OR contains(source_excerpt, '质量'))"
        )
        if f.search
        else ""
    )
    national = q.view_figures(wh, f, None)
    assert national.level == "province" and len(national.children) == 34
    reported = national.children.dropna(subset=["activities"])
    assert int(reported["activities"].sum()) + national.own_level == _count(wh, "TRUE" + extra)
    for adcode, n in zip(reported["adcode"], reported["activities"], strict=True):
        assert n == _count(wh, f"province_adcode = '{adcode}'" + extra)

    shanghai = q.view_figures(wh, f, "310100", "310000")
    assert shanghai.level == "district" and len(shanghai.children) == 16
    assert shanghai.own_level == _count(wh, "province_adcode = '310000' AND district_adcode IS NULL" + extra)
    total = shanghai.children["activities"].sum(skipna=True)
    assert int(total) + shanghai.own_level == _count(wh, "province_adcode = '310000'" + extra)


def test_city_wide_records_are_counted_at_their_level(wh) -> None:
    """The bundled data's city-wide Shanghai records: 40 real ones, none on a district."""
    figures = q.view_figures(wh, Filters(include_demo=False), "310100", "310000")
    assert figures.own_level == _count(wh, "NOT is_synthetic AND city_adcode = '310100' AND district_adcode IS NULL")
    assert figures.own_level == 40


def test_view_ignores_place_filter_but_keeps_the_rest(wh) -> None:
    """The map shows every sibling of the selection: the place filter is replaced by the view."""
    a = q.view_figures(wh, Filters(districts=("310115",), years=(2022,)), "310100", "310000")
    b = q.view_figures(wh, Filters(years=(2022,)), "310100", "310000")
    assert a.children.equals(b.children) and a.own_level == b.own_level


def test_view_years_grid(wh) -> None:
    years = q.view_years(wh, Filters(), "310100", "310000")
    assert set(years["adcode"]) == set(q.view_figures(wh, Filters(), "310100", "310000").children["adcode"])
    assert years.groupby("adcode").size().nunique() == 1  # every district has every year (NULL = not reported)
    assert int(years["activities"].sum()) == _count(
        wh, "province_adcode = '310000' AND district_adcode IS NOT NULL AND year IS NOT NULL"
    )


def test_a_views_children_are_looked_up_once_per_snapshot(wh, monkeypatch) -> None:
    """A filter change (a new year range) runs the view's figures and years without a regions lookup."""
    from analytics.queries import places as qp

    qp._CHILDREN.clear()
    sql: list[str] = []
    query = Warehouse.query

    def spy(self, statement, *args, **kwargs):
        sql.append(statement)
        return query(self, statement, *args, **kwargs)

    monkeypatch.setattr(Warehouse, "query", spy)
    for years in ((2021, 2022), (2022,), ()):
        f = Filters(years=years)
        q.view_figures(wh, f, "310100", "310000")
        q.view_years(wh, f, "310100", "310000")
    lookups = [s for s in sql if "FROM regions" in s]
    assert len(lookups) == 1, lookups
    # the cached frame is the one a fresh lookup gives
    assert qp._view_children(wh, "310100").equals(query(wh, lookups[0], {"view": "310100"}))


def test_view_boundaries(wh) -> None:
    assert len(q.view_boundaries(wh, None)) == 34
    assert len(q.view_boundaries(wh, "310100")) == 16
    assert q.data_provinces(wh)[0] == "310000" and "370000" in q.data_provinces(wh)


def test_url_reads_regions_at_any_level_and_old_district_links() -> None:
    f = Filters.from_query_params({"region": "310000,370100", "district": "310115"})
    assert f.districts == ("310000", "310115", "370100")
    assert Filters(districts=("310000",)).to_query_params() == {"region": "310000"}


def test_captions_name_the_level_of_each_view(tree) -> None:
    """issue 14: "其余 N 个区县未列出" whatever the level; the page passes the view's level key."""
    from analytics import charts, geo

    shandong_city = next(c for c in tree.children("370000") if len(tree.children(c)) > 1)
    views = [tree.shown(tree.view_for([c])) if c else None for c in (None, "310000", "370000", shandong_city)]
    keys = [geo.level_key(tree, v) for v in views]
    assert keys == ["province", "district_sh", "city", "district"]
    assert [charts.more_not_shown(3, "zh", k) for k in keys] == [
        "其余 3 个省未列出",
        "其余 3 个区未列出",
        "其余 3 个市未列出",
        "其余 3 个区县未列出",
    ]
    assert charts.more_not_shown(3, "en", keys[0]) == "3 more provinces not shown"


def test_county_level_word_of_a_selection(tree) -> None:
    """issue 14: the Overview's active-places card counts county-level places: 区 only where all are 区."""
    shandong_city = next(c for c in tree.children("370000") if len(tree.children(c)) > 1)
    pudong = "310115"
    assert tree.county_level_key([]) == "district"  # the country: counties and districts
    assert tree.county_level_key(["310000"]) == "district_sh"  # Shanghai: 16 districts, all 区
    assert tree.county_level_key([pudong]) == "district_sh"
    assert tree.county_level_key(["370000"]) == "district"
    assert tree.county_level_key([shandong_city]) == "district"
    assert tree.county_level_key(["310000", "370000"]) == "district"
