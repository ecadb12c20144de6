"""Named queries: plain-SQL recounts on the ETL-built db; counting rules on hand-made rows."""


# Filters.where() fragments that hold placeholders; every value is bound.

from __future__ import annotations

import pandas as pd
import pytest

from analytics import fmt
from analytics import queries as q
from analytics.db import Warehouse
from analytics.filters import Filters
from analytics.queries import geography as qd
from analytics.queries import units
from analytics.queries.routing import route

FILTER_CASES = [
    Filters(),
    Filters(include_demo=False),
    Filters(years=(2023,)),
    Filters(years=(2023, 2024), districts=("310104", "310115")),
    Filters(industries=("manufacturing",)),
    Filters(activity_types=("training", "launch_ceremony"), include_demo=False),
    Filters(organizer_types=("government",)),
]


@pytest.fixture(scope="module")
def wh(warehouse_db) -> Warehouse:
    return Warehouse(warehouse_db)


@pytest.fixture(scope="module")
def tiny(tiny_db) -> Warehouse:
    return Warehouse(tiny_db)


def _recount(wh: Warehouse, f: Filters, expr: str, extra: str = "") -> object:
    where, params = f.where("a")
    return wh.rows(f"SELECT {expr} FROM activities a WHERE {where} {extra}", params)[0][0]


# -- recounts against the database built by the real ETL ----------------------------------------


@pytest.mark.parametrize("f", FILTER_CASES)
def test_kpis_match_recount(wh, f) -> None:
    k = q.kpis(wh, f)
    assert k.total.activities == _recount(wh, f, "count(*)")
    assert k.total.districts == _recount(wh, f, "count(DISTINCT district_adcode)")
    assert k.total.organizers == _recount(wh, f, "count(DISTINCT organizer)")
    for unit in q.UNITS:
        s = _recount(wh, f, "sum(participants)", f"AND participants_unit = '{unit}'")
        assert (k.total.participants.get(unit, (None,))[0]) == (int(s) if s is not None else None)
    if k.latest_year is not None:
        assert k.latest.activities == _recount(wh, f.with_years([k.latest_year]), "count(*)")
        assert k.previous.activities == _recount(wh, f.with_years([k.latest_year - 1]), "count(*)")


@pytest.mark.parametrize("f", FILTER_CASES)
def test_by_year_by_month_match_recount(wh, f) -> None:
    years = q.by_year(wh, f)
    assert int(years["activities"].sum()) == _recount(wh, f, "count(*)", "AND year IS NOT NULL")
    months = q.by_month(wh, f)
    assert list(months["month"]) == list(range(1, 13))
    assert int(months["activities"].sum()) + q.undated(wh, f) == _recount(wh, f, "count(*)")


@pytest.mark.parametrize("f", FILTER_CASES)
def test_by_district_matches_recount(wh, f) -> None:
    d = q.by_district(wh, f)
    assert d["adcode"].is_unique
    reported = d[d["activities"].notna()]
    assert int(reported["activities"].sum()) == _recount(wh, f, "count(*)", "AND district_adcode IS NOT NULL")
    assert (reported["activities"] > 0).all()  # nobody is 0: absent means NULL
    if not f.districts:
        # Shanghai's 16 districts are always listed (未报送 when they have nothing)
        boundary_districts = {
            r[0]
            for r in wh.rows(
                "SELECT adcode FROM region_boundaries JOIN regions USING (adcode) WHERE level = 'district' "
                "AND parent_adcode = '310100'"
            )
        }
        assert len(boundary_districts) == 16
        assert boundary_districts <= set(d["adcode"])
    else:
        assert set(d["adcode"]) == set(f.districts)


@pytest.mark.parametrize("column", q.BREAKDOWN_COLUMNS)
@pytest.mark.parametrize("f", FILTER_CASES[:4])
def test_breakdowns_match_recount(wh, f, column) -> None:
    b = q.breakdown(wh, f, column)
    assert int(b["activities"].sum()) == _recount(wh, f, "count(*)")
    if len(b):
        assert b["share"].sum() == pytest.approx(1.0)
    by_year = q.breakdown_by_year(wh, f, column)
    assert int(by_year["activities"].sum()) == _recount(wh, f, "count(*)", "AND year IS NOT NULL")


@pytest.mark.parametrize("column", q.BREAKDOWN_COLUMNS)
@pytest.mark.parametrize("f", FILTER_CASES[:4])
def test_breakdowns_come_in_the_enum_order(wh, f, column) -> None:
    """Sorted after the fetch (analytics.queries.codes.sort), the rows come in the order DuckDB gives
    when it sorts the ENUM column itself (declared in code-list order), codes as text."""
    where, params = f.where("a")
    want = wh.rows(
        f"SELECT CAST({column} AS VARCHAR), count(*) AS n FROM activities a WHERE {where} "
        f"GROUP BY {column} ORDER BY n DESC, {column} NULLS LAST",
        params,
    )
    b = q.breakdown(wh, f, column)
    assert list(zip(b["code"].astype(object).where(b["code"].notna(), None), b["activities"], strict=True)) == want
    by_year = wh.rows(
        f"SELECT CAST({column} AS VARCHAR), year, count(*) FROM activities a WHERE {where} AND year IS NOT NULL "
        f"GROUP BY {column}, year ORDER BY year, {column} NULLS LAST",
        params,
    )
    y = q.breakdown_by_year(wh, f, column)
    codes_ = y["code"].astype(object).where(y["code"].notna(), None)
    assert list(zip(codes_, y["year"], y["activities"], strict=True)) == by_year


def test_code_sort_puts_unlisted_codes_then_nulls_last() -> None:
    from analytics.queries import codes

    frame = pd.DataFrame(
        {
            "code": pd.array(["zz", None, "unknown", "manufacturing", "food", "aa", "energy"], dtype="str"),
            "n": [1, 1, 1, 1, 2, 1, None],
        }
    )
    out = codes.sort(frame, [("n", True), ("code", False)], {"code": "industry"})
    assert out["code"].tolist()[:5] == ["food", "manufacturing", "unknown", "aa", "zz"]
    assert pd.isna(out["code"].iloc[5]) and out["code"].iloc[6] == "energy"  # NULL code, then NULL n last
    assert list(out.index) == list(range(7))
    asc = codes.sort(frame, [("code", True)], {"code": "industry"})["code"].tolist()
    assert asc[:6] == ["zz", "aa", "unknown", "food", "energy", "manufacturing"] and pd.isna(asc[6])


def test_records_page_pages_cover_selection(wh) -> None:
    f = Filters()
    total = _recount(wh, f, "count(*)")
    seen: list[str] = []
    for offset in range(0, total, 7):
        page, n = q.records_page(wh, f, sort="participants", limit=7, offset=offset)
        assert n == total
        seen.extend(page["record_id"])
    assert len(seen) == len(set(seen)) == total


@pytest.mark.parametrize("sort", ["start_date; DROP TABLE activities", "record_id", "1", ""])
def test_records_sort_whitelist(wh, sort) -> None:
    with pytest.raises(ValueError):
        q.records_page(wh, Filters(), sort=sort)


def test_bad_breakdown_column(wh) -> None:
    with pytest.raises(ValueError):
        q.breakdown(wh, Filters(), "title")


def test_status_queries(wh) -> None:
    meta = q.meta(wh)
    assert "last_run_id" in meta
    runs = q.etl_runs(wh)
    assert 1 <= len(runs) <= 20
    counts = q.counts_real_demo(wh)
    assert counts["real"] + counts["demo"] == wh.rows("SELECT count(*) FROM activities")[0][0]
    by_source = q.counts_by_source(wh)
    assert int(by_source["records"].sum()) == counts["real"] + counts["demo"]
    rejects, total = q.rejects(wh)
    assert len(rejects) == min(total, 1000)
    assert list(rejects.columns)[:4] == ["source", "locator", "reason", "raw"]
    assert {"reasons", "reason_code"} <= set(rejects.columns)  # the coded reasons (domain.messages)
    q.source_files(wh)


def test_rejects_are_listed_in_file_order(tmp_path) -> None:
    """Data status listed a file's rejects as row 10, row 11, row 13, row 3, row 4 (the locator's text order)."""
    from etl.pipeline import run_pipeline

    bad = tmp_path / "bad.csv"
    rows = ["region,start_date,title"] + [
        f"{'火星区' if i % 2 else '徐汇区'},2024-09-0{1 + i % 9},活动{i}" for i in range(24)
    ]
    bad.write_text("\n".join(rows) + "\n", encoding="utf-8")
    db = tmp_path / "w.duckdb"
    run_pipeline([bad], db, demo=False)
    rejects, total = q.rejects(Warehouse(db))
    assert total == 12
    assert rejects["locator"].tolist() == [f"row {n}" for n in range(3, 26, 2)]


def test_options_cover_the_data(wh) -> None:
    o = q.options(wh)
    assert list(o.years) == sorted(o.years)
    data_types = {r[0] for r in wh.rows("SELECT DISTINCT activity_type FROM activities")}
    assert set(o.activity_types) == data_types


# -- counting rules on known rows -------------------------------------------------------------------


def test_units_never_summed_together(tiny) -> None:
    k = q.kpis(tiny, Filters(include_demo=False))
    # r01 300 exact + r03 50 approx + r04 200 at_least (people); r02 1000 at_least (person-times); r05 40 orgs
    assert k.total.participants == {
        "people": (550, "approx"),
        "person_times": (1000, "at_least"),
        "organizations": (40, "exact"),
    }


@pytest.mark.parametrize(
    "f, people",
    [
        (Filters(years=(2023,), include_demo=False), (300, "exact")),
        (Filters(years=(2023,)), (420, "exact")),
        (Filters(districts=("310115",), include_demo=False), (200, "at_least")),
        (Filters(districts=("310104",)), (350, "approx")),
    ],
)
def test_qualifier_of_people_total(tiny, f, people) -> None:
    assert q.kpis(tiny, f).total.participants["people"] == people


def test_qualifier_is_per_unit(tiny) -> None:
    # 2023 徐汇: people exact, person-times at_least: the estimate must not leak across units
    row = q.by_district(tiny, Filters(years=(2023,), districts=("310104",))).iloc[0]
    assert (row["people"], row["people_q"]) == (300, "exact")
    assert (row["person_times"], row["person_times_q"]) == (1000, "at_least")
    assert pd.isna(row["organizations"]) and pd.isna(row["organizations_q"])


def test_not_reported_is_null_not_zero(tiny) -> None:
    d = q.by_district(tiny, Filters()).set_index("adcode")
    assert len(d) == 16
    assert d.loc["310104", "activities"] == 3
    assert pd.isna(d.loc["310151", "activities"])  # 崇明: no record at all
    heat = q.district_year(tiny, Filters()).set_index(["adcode", "year"])
    assert heat.loc[("310113", 2023), "activities"] == 1
    assert pd.isna(heat.loc[("310101", 2024), "activities"])
    assert len(heat) == 16 * 2
    assert fmt.fmt_count(d.loc["310151", "activities"], "zh") == "未报送"


def test_district_filter_limits_district_charts(tiny) -> None:
    f = Filters(districts=("310104", "310151"))
    d = q.by_district(tiny, f).set_index("adcode")
    assert set(d.index) == {"310104", "310151"} and pd.isna(d.loc["310151", "activities"])


def test_yoy(tiny) -> None:
    frame, latest = q.breakdown_yoy(tiny, Filters(include_demo=False), "activity_type")
    assert latest == 2024
    training = frame.set_index("code").loc["training"]
    assert (training["latest"], training["previous"], training["change"]) == (1, 1, 0)
    launch = frame.set_index("code").loc["launch_ceremony"]
    assert (launch["latest"], launch["previous"]) == (0, 1) and launch["change_pct"] == -100
    assert q.breakdown_yoy(tiny, Filters(years=(1999,)), "industry")[1] is None


@pytest.mark.parametrize("column", ["industry", "activity_type", "campaign"])
@pytest.mark.parametrize(
    "f", [Filters(), Filters(include_demo=False), Filters(years=(2023,)), Filters(years=(2022, 2024))], ids=str
)
def test_yoy_from_the_trend_frame_equals_a_scan_of_the_two_years(wh, column, f) -> None:
    """The Industries / Activity types pages derive the year-on-year counts from the trend's frame
    (queries.yoy_of, no query of their own): same codes and counts as counting the two years' rows."""
    frame, latest = q.yoy_of(q.breakdown_by_year(wh, f, column), column)
    where, params = f.where("a")
    expected_latest = wh.rows(f"SELECT max(year) FROM activities a WHERE {where}", params)[0][0]
    assert latest == expected_latest
    if latest is None:
        assert frame.empty
        return
    rows = wh.rows(
        f"SELECT {column}, count(*) FILTER (WHERE year = {latest}), count(*) FILTER (WHERE year = {latest - 1}) "
        f"FROM activities a WHERE {where} AND year IN ({latest}, {latest - 1}) GROUP BY 1",
        params,
    )
    assert {(str(c), int(n), int(p)) for c, n, p in rows} == set(
        zip(frame["code"], frame["latest"], frame["previous"], strict=True)
    )
    assert list(frame["latest"]) == sorted(frame["latest"], reverse=True)
    assert (frame["change"] == frame["latest"] - frame["previous"]).all()


@pytest.mark.parametrize("column", ["industry", "activity_type"])
@pytest.mark.parametrize("descending", [False, True])
def test_records_sorted_by_a_code_column_follow_the_code_list(wh, column, descending) -> None:
    """The order users see these labels in everywhere (sidebar, legends): code-list order, not the
    codes' alphabetical order (which is what the lake's text columns would give on Spark)."""
    from analytics.queries import codes

    total = _recount(wh, Filters(), "count(*)")
    got: list[str] = []
    for offset in range(0, total, 1000):
        page, _n = q.records_page(wh, Filters(), sort=column, descending=descending, limit=1000, offset=offset)
        got.extend(page[column].astype(str))
    assert len(got) == total
    rank = codes.rank(column)
    want = sorted(got, key=lambda c: rank[c], reverse=descending)
    assert got == want
    assert got != sorted(got, reverse=descending)  # the data holds codes whose list and text orders differ
    exported = [
        r[column]
        for b in q.records_for_export(wh, Filters(), sort=column, descending=descending)
        for r in b.to_pylist()
    ]
    assert exported == want


def test_records_page_languages_and_paging(tiny) -> None:
    page, total = q.records_page(tiny, Filters(), sort="participants", descending=True, limit=2, offset=0, lang="en")
    assert total == 8 and list(page["record_id"]) == ["r02", "r01"]
    assert page.iloc[0]["district"] == "Xuhui District"
    page, _ = q.records_page(tiny, Filters(search="金融"), lang="zh")
    assert list(page["district"]) == ["浦东新区"]


@pytest.mark.parametrize(
    "value, qual, lang, text",
    [
        (12300, "at_least", "zh", "≥ 12,300"),
        (12300, "approx", "zh", "约 12,300"),
        (12300, "approx", "en", "≈ 12,300"),
        (12300, "exact", "en", "12,300"),
        (12300.0, None, "zh", "12,300"),
        (None, "exact", "zh", "未报送"),
        (float("nan"), None, "en", "not reported"),
        (pd.NA, None, "en", "not reported"),
    ],
)
def test_fmt_total(value, qual, lang, text) -> None:
    assert fmt.fmt_total(value, qual, lang) == text


@pytest.mark.parametrize(
    "quals, combined",
    [
        ([], "exact"),
        (["exact", None], "exact"),
        (["exact", "at_least"], "at_least"),
        (["at_least", "approx"], "approx"),
        (["approx", "exact"], "approx"),
    ],
)
def test_combine_qualifiers(quals, combined) -> None:
    assert fmt.combine_qualifiers(quals) == combined


@pytest.mark.parametrize(
    "cur, prev, text",
    [(110, 100, "+10.0%"), (50, 100, "-50.0%"), (5, 0, ""), (None, 3, ""), (100, 100, "0%"), (20001, 20000, "0%")],
)
def test_pct(cur, prev, text) -> None:
    assert fmt.fmt_pct(fmt.pct_change(cur, prev)) == text


# -- the two-level unit aggregate equals the one-level one ----------------------------------------


@pytest.mark.parametrize("dims", [("district_adcode",), ("district_adcode", "year"), ("industry",), ("year",)])
@pytest.mark.parametrize("f", [*FILTER_CASES, Filters(search="质量"), Filters(include_demo=False, search="培训")])
def test_grouped_units_equal_the_one_level_aggregate(wh, tiny, f, dims) -> None:
    for w in (wh, tiny):
        where, params = f.where("a")
        d = ", ".join(dims)
        got = w.query(f"SELECT * FROM ({units.grouped_units_sql(where, dims)}) ORDER BY ALL", params)
        want = w.query(
            f"SELECT * FROM (SELECT {d}, count(*) AS activities, {units.BASE_COLUMNS} FROM activities a "
            f"WHERE {where} GROUP BY {d}) ORDER BY ALL",
            params,
        )
        pd.testing.assert_frame_equal(got, want)


def test_grouped_units_keep_the_weakest_qualifier(tiny) -> None:
    frame = tiny.query(f"SELECT * FROM ({units.grouped_units_sql('TRUE', ('district_adcode',))}) ORDER BY 1")
    one_level = tiny.query(f"SELECT district_adcode, {units.BASE_COLUMNS} FROM activities a GROUP BY 1 ORDER BY 1")
    quals = {c: set(frame[c].dropna()) for c in frame.columns if c.endswith("_q")}
    assert set().union(*quals.values()) == {"approx", "at_least", "exact"}  # every rule is exercised
    for c in quals:
        assert list(frame[c]) == list(one_level[c])


def test_district_queries_share_one_base_scan(wh, monkeypatch) -> None:
    q.clear_caches()
    scans: list[str] = []
    real = wh.arrow

    def spy(sql, params=None):
        scans.append(sql)
        return real(sql, params)

    monkeypatch.setattr(wh, "arrow", spy)
    f = Filters(industries=("manufacturing",), activity_types=("training", "launch_ceremony"))
    assert route(wh, f, "district_adcode").table == "activities"  # no roll-up covers it
    qd.district_list(wh)
    scans.clear()  # the district list is kept apart
    ranking, heat = q.by_district(wh, f), q.district_year(wh, f)
    assert len(scans) == 1  # one scan answered both
    assert int(ranking["activities"].sum()) == _recount(wh, f, "count(*)", "AND district_adcode IS NOT NULL")
    assert int(heat["activities"].sum()) == _recount(
        wh, f, "count(*)", "AND district_adcode IS NOT NULL AND year IS NOT NULL"
    )
    q.by_district(wh, Filters(industries=("food",), activity_types=("training",)))
    assert len(scans) == 2  # other filters: a scan of their own


def test_district_groups_are_kept_per_snapshot(wh, monkeypatch) -> None:
    from analytics.db import Snapshot

    q.clear_caches()
    f = Filters(industries=("manufacturing",), activity_types=("training",))
    first = qd.district_groups(wh, f)
    assert qd.district_groups(wh, f) is first
    monkeypatch.setattr(wh, "snapshot", lambda: Snapshot("later", "run-2", "1:2:3"))  # a new publish
    assert qd.district_groups(wh, f) is not first
    # the cache it uses keeps a bounded number of selections, least recently used dropped first
    from analytics.queries.cache import SnapshotCache

    bounded, computed = SnapshotCache(3), []
    for key in ("a", "b", "c", "a", "d", "e", "a", "b"):
        bounded.get(wh, key, lambda key=key: computed.append(key) or key)
    assert len(bounded) == 3 and computed == ["a", "b", "c", "d", "e", "b"]


@pytest.mark.parametrize(
    "f",
    [
        Filters(industries=("manufacturing",)),
        Filters(industries=("manufacturing", "food"), years=(2023, 2024)),
        Filters(years=(2019, 2024), activity_types=("training",), include_demo=False),
        Filters(campaigns=("quality_month",), organizer_types=("enterprise", "government"), years=(2024,)),
        Filters(scope=("310104", "310115"), industries=("finance",)),
        Filters(industries=("manufacturing",), search="质量"),
    ],
)
def test_kpis_distinct_counts_of_three_periods_in_one_scan(wh, tiny, f) -> None:
    for w in (wh, tiny):
        k = q.kpis(w, f)
        assert k.total.districts == _recount(w, f, "count(DISTINCT district_adcode)")
        assert k.total.organizers == _recount(w, f, "count(DISTINCT organizer)")
        assert k.total.activities == _recount(w, f, "count(*)")
        if k.latest_year is None:
            continue
        for part, year in ((k.latest, k.latest_year), (k.previous, k.latest_year - 1)):
            g = f.with_years([year])
            assert (part.districts, part.organizers, part.activities) == (
                _recount(w, g, "count(DISTINCT district_adcode)"),
                _recount(w, g, "count(DISTINCT organizer)"),
                _recount(w, g, "count(*)"),
            )


@pytest.fixture(scope="module")
def tied_dates(tmp_path_factory) -> Warehouse:
    """Three rows dated 2022-09-01, three dated only 2022年9月 (stored as the same day), one day either side."""
    from tests.conftest import _build

    src = tmp_path_factory.mktemp("tied") / "tied.csv"
    lines = ["区,日期,活动名称", "徐汇区,2022-09-02,活动甲", "徐汇区,2022-08-31,活动乙"]
    lines += [f"徐汇区,2022-09-01,活动日{i}" for i in range(3)] + [f"徐汇区,2022年9月,活动月{i}" for i in range(3)]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return Warehouse(_build(src.parent / "db", [src]))


@pytest.mark.parametrize("search", ["", "活动"])  # a roll-up's month counts, or the one base-table scan
@pytest.mark.parametrize("descending", [True, False])
def test_records_by_date_keep_a_months_rows_together(tied_dates, search, descending) -> None:
    """Sorted by date, 2022年9月 rows (stored 2022-09-01) interleaved with 2022年9月1日 rows by record_id;
    they follow that day's rows when the newest come first and precede them when the oldest do."""
    days = ["2022-09-01 day"] * 3
    months = ["2022-09-01 month"] * 3
    newest = ["2022-09-02 day", *days, *months, "2022-08-31 day"]
    expected = newest if descending else ["2022-08-31 day", *months, *days, "2022-09-02 day"]
    f = Filters(search=search)

    def seen(frame: pd.DataFrame) -> list[str]:
        return [f"{d} {p}" for d, p in zip(frame["start_date"].astype(str), frame["date_precision"], strict=True)]

    page, total = q.records_page(tied_dates, f, descending=descending, limit=25)
    assert total == 8 and seen(page) == expected
    # a page boundary inside the tie: the two pages together are the same order, no row twice
    first, _ = q.records_page(tied_dates, f, descending=descending, limit=3)
    second, _ = q.records_page(tied_dates, f, descending=descending, limit=3, offset=3)
    assert seen(first) + seen(second) == expected[:6]
    exported = pd.concat(b.to_pandas() for b in q.records_for_export(tied_dates, f, descending=descending))
    assert seen(exported) == expected
