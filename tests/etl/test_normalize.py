"""Normalization tables: region names, dates, counts, vocabularies; and the column-wise driver."""

from __future__ import annotations

import datetime as dt
import random

import duckdb
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.messages import render
from domain.record import PARTICIPANT_COLUMNS, locator_sql, make_record_id
from etl.extract.tabular import read_arrow, read_tabular
from etl.normalize import (
    _QUALIFIER_WORDS,
    _UNIT_WORDS,
    LateKeys,
    canonical_dates_sql,
    canonical_participants_sql,
    map_activity_type,
    map_mode,
    map_organizer,
    match_term,
    normalize_dates,
    normalize_part,
    parse_date,
    parse_participants,
    parse_year,
    perfect_hash,
    resolve_region,
)

D = dt.date


# ----------------------------------------------------------------------------- regions
@pytest.mark.parametrize(
    ("region", "province", "city", "district", "adcode", "district_name", "original"),
    [
        ("徐汇区", None, None, None, "310104", "徐汇区", None),
        ("徐汇", None, None, None, "310104", "徐汇区", "徐汇"),
        ("浦东", None, None, None, "310115", "浦东新区", "浦东"),
        ("浦东新区", None, None, None, "310115", "浦东新区", None),
        ("上海市宝山区", None, None, None, "310113", "宝山区", "上海市宝山区"),
        ("Pudong", None, None, None, "310115", "浦东新区", "Pudong"),
        ("Jing'an", None, None, None, "310106", "静安区", "Jing'an"),
        ("Xuhui District", None, None, None, "310104", "徐汇区", "Xuhui District"),
        ("minhang", None, None, None, "310112", "闵行区", "minhang"),
        ("南汇区", None, None, None, "310115", "浦东新区", "南汇区"),
        ("闸北区", None, None, None, "310106", "静安区", "闸北区"),
        ("卢湾区", None, None, None, "310101", "黄浦区", "卢湾区"),
        ("崇明县", None, None, None, "310151", "崇明区", "崇明县"),
        ("  静安区 ", None, None, None, "310106", "静安区", None),
        (None, "江苏省", "苏州市", "昆山市", "320583", "昆山市", None),
        (None, "重庆市", None, "城口县", "500229", "城口县", None),
        (None, "浙江省", "杭州市", None, "330100", None, None),
        ("上海市", None, None, None, "310100", None, None),
    ],
)
def test_resolve_region(region, province, city, district, adcode, district_name, original):
    out = resolve_region(region, province, city, district)
    assert out["e_region"] is None
    assert out["adcode"] == adcode
    assert out["district"] == district_name
    assert out["region_original"] == original
    assert out["province_adcode"] == adcode[:2] + "0000"


@pytest.mark.parametrize(
    ("region", "province", "district", "fragment"),
    [
        (None, None, None, "no region"),
        ("", "", "", "no region"),
        ("火星区", None, None, "unknown region '火星区'"),
        ("Atlantis", None, None, "unknown region 'Atlantis'"),
        (None, "江苏省", "徐汇区", "is not within"),
    ],
)
def test_resolve_region_errors(region, province, district, fragment):
    out = resolve_region(region, province, None, district)
    assert out["adcode"] is None
    assert fragment in render(out["e_region"])


# ----------------------------------------------------------------------------- dates
@pytest.mark.parametrize(
    ("text", "hint", "first", "precision", "range_end"),
    [
        ("2023-09-12", None, D(2023, 9, 12), "day", None),
        ("2023/9/12", None, D(2023, 9, 12), "day", None),
        ("2023.9.2", None, D(2023, 9, 2), "day", None),
        ("20230912", None, D(2023, 9, 12), "day", None),
        ("2023年9月12日", None, D(2023, 9, 12), "day", None),
        ("2023 年 9 月 12 日", None, D(2023, 9, 12), "day", None),
        ("２０２３年９月１２日", None, D(2023, 9, 12), "day", None),
        ("2023年9月", None, D(2023, 9, 1), "month", None),
        ("2023年9月份", None, D(2023, 9, 1), "month", None),
        ("2023-09", None, D(2023, 9, 1), "month", None),
        ("2023", None, D(2023, 1, 1), "year", None),
        ("2023年", None, D(2023, 1, 1), "year", None),
        ("9月12日", 2022, D(2022, 9, 12), "day", None),
        ("9月", 2022, D(2022, 9, 1), "month", None),
        ("45181", None, D(2023, 9, 12), "day", None),
        ("45181.0", None, D(2023, 9, 12), "day", None),
        ("2023-09-12 00:00:00", None, D(2023, 9, 12), "day", None),
        ("2023-09-12T14:30", None, D(2023, 9, 12), "day", None),
        ("September 12, 2023", None, D(2023, 9, 12), "day", None),
        ("12 Sep 2023", None, D(2023, 9, 12), "day", None),
        ("September 12th", 2021, D(2021, 9, 12), "day", None),
        ("September 2023", None, D(2023, 9, 1), "month", None),
        ("2023年9月12日至15日", None, D(2023, 9, 12), "day", D(2023, 9, 15)),
        ("2023-09-12 ~ 2023-09-18", None, D(2023, 9, 12), "day", D(2023, 9, 18)),
        ("9月12日—9月20日", 2024, D(2024, 9, 12), "day", D(2024, 9, 20)),
        # in Chinese numerals, as official documents date things (audit16: rejected, "no year given")
        ("二〇二四年九月十日", None, D(2024, 9, 10), "day", None),
        ("二〇二三年十月", None, D(2023, 10, 1), "month", None),
        ("九月二十三日", 2022, D(2022, 9, 23), "day", None),
        ("二〇二四年九月十日至十五日", None, D(2024, 9, 10), "day", D(2024, 9, 15)),
    ],
)
def test_parse_date(text, hint, first, precision, range_end):
    start, end = parse_date(text, hint)
    assert start is not None
    assert (start.first, start.precision) == (first, precision)
    assert (end.last if end else None) == range_end


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("", None),
        ("2023-13-45", None),
        ("2023-02-30", None),
        ("9月12日", None),
        ("明年", None),
        ("September 12th", None),
        ("12345", None),
        ("not a date", None),
        ("2023年13月", None),
        ("二〇二三年十三月", None),
        ("二五年九月", None),  # 二五 is "two to five", no year
    ],
)
def test_parse_date_rejects(text, hint):
    assert parse_date(text, hint) == (None, None)


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("2023", 2023),
        ("2023年", 2023),
        ("2023.0", 2023),
        ("２０２１", 2021),
        ("第46届", 2023),
        ("abc", None),
        ("", None),
        ("0000", None),
    ],
)
def test_parse_year(text, year):
    assert parse_year(text) == year


def test_a_year_0000_is_one_rows_reject_not_the_files_failure(tmp_path):
    """campaign_year 0000 with no start date made the date mapping build date(0, 1, 1): ValueError, and the whole file
    failed ('cannot read (ValueError: year 0 is out of range)'), its valid rows lost (etl-speed17)."""
    from etl.pipeline import run_pipeline

    src = tmp_path / "徐汇.csv"
    src.write_text("区,日期,年份,活动名称\n徐汇区,2024-09-03,2024,讲座\n徐汇区,,0000,开放日\n", encoding="utf-8")
    db = tmp_path / "w.duckdb"
    run_pipeline([src], db, demo=False)
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT title FROM activities").fetchall() == [("讲座",)]
        assert con.execute("SELECT source, locator, reason_code FROM rejects").fetchall() == [
            ("徐汇.csv", "row 3", "year_unreadable")
        ]


@pytest.mark.parametrize(
    ("start", "year", "end", "expected"),
    [
        ("2023-09-12", None, None, (D(2023, 9, 12), None, "day", 2023, None)),
        ("2023-09-12", "2023", "2023-09-15", (D(2023, 9, 12), D(2023, 9, 15), "day", 2023, None)),
        ("2023年9月", None, "2023年10月", (D(2023, 9, 1), D(2023, 10, 31), "month", 2023, None)),
        ("9月12日", "2024", "9月14日", (D(2024, 9, 12), D(2024, 9, 14), "day", 2024, None)),
        (None, "2021", None, (D(2021, 1, 1), None, "year", 2021, None)),
        ("2023-09-12", "2022", None, (D(2023, 9, 12), None, "day", 2022, None)),  # explicit year column wins
    ],
)
def test_normalize_dates(start, year, end, expected):
    out = normalize_dates(start, year, end)
    assert (out["start_date"], out["end_date"], out["date_precision"], out["campaign_year"], out["e_date"]) == expected


@pytest.mark.parametrize(
    ("start", "year", "end", "fragment"),
    [
        (None, None, None, "no date"),
        ("2023-13-45", None, None, "start_date: cannot read '2023-13-45'"),
        ("9月12日", None, None, "no year given"),
        ("2023-09-12", "twenty", None, "campaign_year: cannot read 'twenty'"),
        ("2023-09-12", None, "soon", "end_date: cannot read 'soon'"),
    ],
)
def test_normalize_dates_errors(start, year, end, fragment):
    assert fragment in render(normalize_dates(start, year, end)["e_date"])


# ----------------------------------------------------------------------------- counts
@pytest.mark.parametrize(
    ("text", "unit", "qualifier", "expected"),
    [
        ("120", None, None, (120, "people", "exact")),
        ("1,200", None, None, (1200, "people", "exact")),
        ("150.0", None, None, (150, "people", "exact")),
        ("3000多人次", None, None, (3000, "person_times", "at_least")),
        ("近50名", None, None, (50, "people", "approx")),
        ("100余人", None, None, (100, "people", "at_least")),
        ("约200家", None, None, (200, "organizations", "approx")),
        ("1.2万人次", None, None, (12000, "person_times", "exact")),
        ("五位", None, None, (5, "people", "exact")),
        ("more than 200 people", None, None, (200, "people", "at_least")),
        ("about 150", None, None, (150, "people", "approx")),
        ("120", "person_times", "approx", (120, "person_times", "approx")),
        ("120", "人次", "约", (120, "person_times", "approx")),
        ("120", "家", "至少", (120, "organizations", "at_least")),
        ("3000多人次", "people", "exact", (3000, "people", "exact")),  # explicit columns win
        ("-5", None, None, (-5, "people", "exact")),  # validation rejects it
        ("", "people", None, (None, None, None)),
        (None, None, None, (None, None, None)),
    ],
)
def test_parse_participants(text, unit, qualifier, expected):
    out = parse_participants(text, unit, qualifier)
    assert out["e_part"] is None
    assert (out["participants"], out["participants_unit"], out["participants_qualifier"]) == expected


@pytest.mark.parametrize(
    ("text", "unit", "qualifier", "fragment"),
    [
        ("1e30", None, None, "cannot read '1e30' as a count"),
        ("20多项活动", None, None, "counts activities"),
        ("120", "bananas", None, "participants_unit: unknown unit 'bananas'"),
        ("120", None, "maybe", "participants_qualifier: unknown qualifier 'maybe'"),
    ],
)
def test_parse_participants_errors(text, unit, qualifier, fragment):
    assert fragment in render(parse_participants(text, unit, qualifier)["e_part"])


@pytest.mark.parametrize("text", ["不详", "abc", "很多", "未统计"])
def test_unreadable_count_is_unknown_with_a_warning(text):
    """Issue 14 item 8: no number at all -> the count is unknown, the row is not rejected."""
    out = parse_participants(text)
    assert out["e_part"] is None and out["participants"] is None
    assert render(out["w_part"]) == f"participants: '{text}' is not a count; loaded with the count unknown"


# ----------------------------------------------------------------------------- vocabularies
@pytest.mark.parametrize(
    ("text", "title", "code", "error"),
    [
        ("launch_ceremony", None, "launch_ceremony", False),
        ("Launch ceremony", None, "launch_ceremony", False),
        ("启动仪式", None, "launch_ceremony", False),
        ("质量月启动大会", None, "launch_ceremony", False),
        ("升旗", None, "flag_raising", False),
        ("聘任授牌", None, "appointment", False),
        ("表彰颁奖", None, "award_commendation", False),
        ("training", None, "training", False),
        ("培训讲座", None, "training", False),
        ("开放日", None, "open_day", False),
        ("监督检查", None, "inspection_supervision", False),
        ("咨询服务", None, "service_consultation", False),
        ("调研观摩", None, "research_visit", False),
        ("competition", None, "competition", False),
        ("报告发布", None, "report_release", False),
        ("宣传活动", None, "publicity", False),
        ("论坛", None, "forum_conference", False),
        ("Other", None, "other", False),
        ("植树活动", None, "other", False),  # free text, no keyword: other
        (None, "徐汇区质量月启动仪式", "launch_ceremony", False),  # empty: inferred from the title
        (None, "一次普通的活动", "other", False),
        ("launch_party", None, "other", True),  # code-like but unknown: rejected
        ("open_days", None, "other", True),
    ],
)
def test_map_activity_type(text, title, code, error):
    got, err = map_activity_type(text, title)
    assert got == code
    assert (err is not None) == error
    if error:
        assert text in err


@pytest.mark.parametrize(
    ("kind", "text", "code"),
    [
        ("industry", "制造业", "manufacturing"),
        ("industry", "manufacturing", "manufacturing"),
        ("industry", "Pharma & health", "pharma_health"),
        ("industry", "医药卫生", "pharma_health"),
        ("industry", "银行", "finance"),
        ("campaign", "质量月", "quality_month"),
        ("campaign", "Quality Month", "quality_month"),
        ("campaign", "安全生产月", "safety_month"),
        ("campaign", "提质增效", "quality_efficiency"),
        ("organizer_type", "government", "government"),
        ("organizer_type", "行业协会", "association"),
        ("mode", "线上", "online"),
        ("mode", "onsite", "onsite"),
        ("industry", "", None),
        ("industry", "火箭", None),
    ],
)
def test_match_term(kind, text, code):
    assert match_term(kind, text) == code


@pytest.mark.parametrize(
    ("org_type", "industry", "organizer", "expected"),
    [
        (None, None, "徐汇区市场监管局", ("government", "unknown")),
        (None, None, "上海某某汽车零部件有限公司", ("enterprise", "manufacturing")),
        (None, None, "上海市质量协会", ("association", "unknown")),
        (None, None, "复旦大学", ("institution", "unknown")),
        (None, None, "张三", ("unknown", "unknown")),
        (None, None, None, ("unknown", "unknown")),
        ("enterprise", "food", "徐汇区市场监管局", ("enterprise", "food")),  # explicit cells win
        ("其他性质", "其他行业", "某公司", ("unknown", "unknown")),  # given but unknown: not inferred
    ],
)
def test_map_organizer(org_type, industry, organizer, expected):
    assert map_organizer(org_type, industry, organizer) == expected


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("线上线下", "hybrid"),
        ("线上线下结合", "hybrid"),
        ("hybrid", "hybrid"),
        ("线下", "onsite"),
        ("现场", "onsite"),
        ("直播", "online"),
        ("online", "online"),
        ("", "unknown"),
        ("??", "unknown"),
    ],
)
def test_map_mode(text, code):
    assert map_mode(text) == code


# ----------------------------------------------------------------------------- column-wise driver
def test_normalize_part_maps_uniques_and_derives_ids():
    con = duckdb.connect()
    con.execute("CREATE TABLE activities AS SELECT 1 AS x")  # normalize does not need the warehouse
    data = pa.table(
        {
            "区": ["徐汇", "徐汇", "南汇区", "Pudong"],
            "日期": ["2023-09-12", "2023年9月", "2022/9/1", "9月3日"],
            "年份": [None, None, None, "2024"],
            "标题": ["A", "B", "C", "D"],
            "参与人数": ["3000多人次", "近50名", "100", None],
            "source": [None, "seeds/x.txt", None, None],
        }
    )
    part = read_arrow(con, data, "t").parts[0]
    normalize_part(con, part, "file.csv", "n")
    rows = con.execute(
        "SELECT _row, record_id, adcode, region_original, start_date, date_precision, year, month, "
        f"participants, participants_unit, participants_qualifier, source, sources, {locator_sql()} "
        "FROM n ORDER BY _row"
    ).fetchall()
    assert [r[0] for r in rows] == [2, 3, 4, 5]
    assert [r[2] for r in rows] == ["310104", "310104", "310115", "310115"]
    assert [r[3] for r in rows] == ["徐汇", "徐汇", "南汇区", "Pudong"]
    assert rows[1][5:8] == ("month", 2023, 9)
    assert rows[3][4] == D(2024, 9, 3)
    assert rows[0][8:11] == (3000, "person_times", "at_least")
    assert rows[3][8:11] == (None, None, None)
    assert rows[1][11:13] == ("seeds/x.txt", ["seeds/x.txt", "file.csv"])
    assert rows[0][11:14] == ("file.csv", ["file.csv"], "file.csv row 2")
    # the derived id is domain.record.make_record_id over file name, adcode, date, title, organiser
    assert rows[0][1] == make_record_id("file.csv", "310104", D(2023, 9, 12), "A", None)
    assert len({r[1] for r in rows}) == 4


@pytest.mark.parametrize("text", ["99999999999999999999999", "-99999999999999999999999", "9" * 40 + "人"])
def test_counts_beyond_bigint_are_errors_not_crashes(text):
    out = parse_participants(text)
    assert out["participants"] is None
    assert "is absurd" in render(out["e_part"]) or "cannot read" in render(out["e_part"])


# Cells around the fast tests' edges: empty, spaces of both widths, no-break space, tab, newline,
# printable ASCII at both ends of its range, DEL, CJK, a code, a space before a code.
_EDGE_CELLS = [
    None,
    "",
    " ",
    "\u3000",
    "  \u3000 ",
    "\u00a0",
    "\t",
    "\n",
    "!",
    "~",
    "\x7f",
    "启动",
    "seminar",
    " seminar",
]


def test_blank_test_agrees_with_trim_for_every_edge_cell():
    from etl.normalize import blank_sql

    con = duckdb.connect()
    con.execute("CREATE TABLE v (c VARCHAR)")
    con.executemany("INSERT INTO v VALUES (?)", [[c] for c in _EDGE_CELLS])
    rows = con.execute(f"SELECT c, nullif(trim(c), '') IS NULL, {blank_sql('c')} FROM v").fetchall()
    assert [r[1] for r in rows] == [r[2] for r in rows]
    assert [r[2] for r in rows][:6] == [True] * 6  # missing, empty and space-only cells are blank


@pytest.mark.parametrize(
    ("cell", "synthetic"),
    [
        ("true", True),
        ("false", False),
        ("TRUE", True),
        (" yes ", True),
        ("是", True),
        ("1", True),
        ("0", False),
        ("t", True),
        ("no", False),
        (None, False),
        ("", False),
    ],
)
def test_is_synthetic_cells(cell, synthetic):
    con = duckdb.connect()
    con.execute("CREATE TABLE activities AS SELECT 1 AS x")
    data = pa.table({"区": ["徐汇"], "日期": ["2023-09-12"], "is_synthetic": pa.array([cell], pa.string())})
    part = read_arrow(con, data, "t").parts[0]
    normalize_part(con, part, "file.csv", "n")
    assert con.execute("SELECT is_synthetic FROM n").fetchall() == [(synthetic,)]


def test_type_and_organiser_keys_with_blank_cells():
    """A type or organiser-type cell that is only spaces is blank: the title and name decide, as for an empty one."""
    con = duckdb.connect()
    con.execute("CREATE TABLE activities AS SELECT 1 AS x")
    data = pa.table(
        {
            "区": ["徐汇"] * 4,
            "日期": ["2023-09-12"] * 4,
            "标题": ["质量月启动仪式", "质量月启动仪式", "质量月启动仪式", "质量月启动仪式"],
            "活动类型": [None, "\u3000", "  ", "seminar"],
            "主办单位": ["徐汇区市场监管局"] * 4,
            "主办单位类型": [None, " ", "\u3000", "enterprise"],
        }
    )
    part = read_arrow(con, data, "t").parts[0]
    normalize_part(con, part, "file.csv", "n")
    rows = con.execute("SELECT activity_type::VARCHAR, organizer_type::VARCHAR FROM n ORDER BY _row").fetchall()
    assert rows[0] == rows[1] == rows[2]
    assert rows[0][0] == map_activity_type(None, "质量月启动仪式")[0]
    assert rows[0][1] == map_organizer(None, None, "徐汇区市场监管局")[0]
    assert rows[3] == (map_activity_type("seminar", None)[0], "enterprise")


# ----------------------------------------------------------------------------- key positions
@pytest.mark.parametrize("n", [0, 1, 2, 3, 57, 5000])
def test_perfect_hash_gives_each_key_its_own_position(n):
    rng = random.Random(n)
    hashes = list(dict.fromkeys(rng.getrandbits(64) for _ in range(n)))
    assert len(hashes) == n
    ph = perfect_hash(hashes)
    assert ph is not None
    # the SQL of etl.normalize._position_sql, in Python
    slots = [((h >> 16) ^ ph.displacement[h % ph.buckets]) % ph.slots for h in hashes]
    assert [ph.position[s] for s in slots] == list(range(1, n + 1))
    assert [ph.key_hash[s] for s in slots] == hashes
    assert sum(1 for p in ph.position if p) == n


def test_perfect_hash_refuses_keys_whose_hashes_meet():
    assert perfect_hash([5, 7, 5]) is None


def test_key_positions_by_hash_and_by_enum_give_the_same_rows(monkeypatch):
    """Hashing a row's key cells finds the same mapping row as its key ENUM, also for NULL against
    empty cells, keys that only differ by which cell holds a character, and folded U+001F keys."""
    rng = random.Random(7)
    n = 3000
    regions = [rng.choice(["徐汇", "南汇区", "Pudong", "", None, "黄浦\x1f区"]) for _ in range(n)]
    cities = [rng.choice([None, "", "上海市", "x\x1f"]) for _ in range(n)]
    # two region keys that join to the same text: folded into one (the first), by the ENUM
    regions[:2], cities[:2] = ["徐汇\x1f", "徐汇"], ["", "\x1f"]
    data = pa.table(
        {
            "区": regions,
            "市": cities,
            "日期": [f"2023-09-{rng.randint(1, 30):02d}" for _ in range(n)],
            "年份": [rng.choice([None, "", "2023"]) for _ in range(n)],
            "标题": [f"T{i}" for i in range(n)],
            "活动类型": [rng.choice([None, "", "seminar", "launch_ceremony", "typo_code"]) for _ in range(n)],
            "参与人数": [rng.choice([None, "", str(rng.randint(1, 5000)), "近50名", "3000多人次"]) for _ in range(n)],
            "人数单位": [rng.choice([None, "", "people", "人次"]) for _ in range(n)],
            "活动方式": [rng.choice([None, "线上", "onsite", ""]) for _ in range(n)],
        }
    )
    import etl.normalize as normalize

    def rows(enum_only: bool) -> list[tuple]:
        con = duckdb.connect()
        con.execute("CREATE TABLE activities AS SELECT 1 AS x")
        if enum_only:
            monkeypatch.setattr(normalize, "_perfect_hash_of", lambda *a: None)
        part = read_arrow(con, data, "t").parts[0]
        normalize_part(con, part, "file.csv", "n")
        sql = con.execute("SELECT sql FROM duckdb_views() WHERE view_name = 'n'").fetchall()[0][0]
        assert ("_h_date" in sql) != enum_only
        assert "_h_region" not in sql  # a folded key: the region's positions come from its ENUM
        return con.execute("SELECT * EXCLUDE (content_hash) FROM n ORDER BY _row").fetchall()

    by_hash = rows(enum_only=False)
    by_enum = rows(enum_only=True)
    assert len(by_hash) == n
    assert by_hash == by_enum


def test_a_key_no_mapping_holds_fails_the_statement(monkeypatch):
    """A row whose key was not read before (the file changed between the two reads) is an error,
    as its key ENUM's cast was, never another key's values (a streamed file is then read again)."""
    con = duckdb.connect()
    con.execute("CREATE TABLE activities AS SELECT 1 AS x")
    data = pa.table({"区": ["徐汇", "黄浦"], "日期": ["2023-09-12", "2023-09-13"]})
    part = read_arrow(con, data, "t").parts[0]
    normalize_part(con, part, "file.csv", "n")
    assert con.execute("SELECT count(adcode) FROM n").fetchall() == [(2,)]
    con.execute(f"UPDATE {part.table} SET 日期 = '2023-09-14' WHERE 日期 = '2023-09-13'")
    with pytest.raises(duckdb.Error, match="date key that is not among the keys"):
        con.execute("SELECT start_date FROM n").fetchall()


@pytest.mark.parametrize("sparse", [False, True])
@pytest.mark.parametrize("enum_only", [False, True])
def test_keys_met_after_the_first_rows_give_the_rows_of_a_full_keys_scan(tmp_path, monkeypatch, enum_only, sparse):
    """A streamed file whose keys are read from its first rows: every later key (new regions,
    dates, counts, codes, a blank type read from the title) is mapped where the view meets it,
    to the same values and types as when every key was read first, by hash or by key ENUM, and
    whether the late rows of a chunk are keyed row by row (few) or in Arrow (many)."""
    import etl.normalize as normalize

    monkeypatch.setattr(normalize, "SPARSE_LATE_ROWS", 10**9 if sparse else 0)

    rng = random.Random(11)
    lines = ["区,市,日期,年份,标题,活动类型,参与人数,人数单位,活动方式,主办单位,主办单位类型\n"]
    for i in range(400):
        late = i >= 40  # most keys below first appear after the first 40 rows
        lines.append(
            ",".join(
                [
                    rng.choice(["徐汇", "黄浦"] + (["南汇区", "Pudong", "火星区", ""] if late else [])),
                    rng.choice(["", "上海市"]),
                    f"2023-09-{rng.randint(1, 30 if late else 3):02d}",
                    rng.choice(["", "2023"] + (["第9届", "20x"] if late else [])),
                    f"标题{i}" + rng.choice(["", "启动仪式", "讲座"]),
                    rng.choice(["", "seminar"] + (["launch_ceremony", "typo_code", "  "] if late else [])),
                    rng.choice(["", str(rng.randint(1, 5000 if late else 3))] + (["近50名", "不详"] if late else [])),
                    rng.choice(["", "人次"] + (["people"] if late else [])),
                    rng.choice(["线上"] + (["onsite", "", "线上线下"] if late else [])),
                    rng.choice(["某局", "某协会"]),
                    rng.choice(["", "government"] + (["企业", "typo"] if late else [])),
                ]
            )
            + "\n"
        )
    src = tmp_path / "keys.csv"
    src.write_text("".join(lines), encoding="utf-8")
    if enum_only:
        monkeypatch.setattr(normalize, "_perfect_hash_of", lambda *a: None)

    def rows(every_key: bool) -> tuple[list, list, LateKeys | None]:
        con = duckdb.connect()
        con.execute("CREATE TABLE activities AS SELECT 1 AS x")
        part = read_tabular(con, src, "t").parts[0]
        assert part.streamed
        norm = normalize_part(con, part, "keys.csv", "n", every_key=every_key)
        got = con.execute("SELECT * FROM n ORDER BY _row").fetchall()
        return got, con.execute("DESCRIBE n").fetchall(), norm.late

    monkeypatch.setattr(normalize, "PREFIX_ROWS", 40)
    every, every_types, none = rows(every_key=True)
    late, late_types, late_keys = rows(every_key=False)
    assert none is None and late_keys is not None
    assert late_keys.rows > 0 and all(late_keys.keys[m] for m in ("region", "date", "part", "type", "org", "mode"))
    assert len(late) == 400
    assert late_types == every_types
    assert late == every


def test_keys_of_a_file_shorter_than_the_prefix_are_every_key(tmp_path, monkeypatch):
    import etl.normalize as normalize

    src = tmp_path / "short.csv"
    src.write_text("区,日期\n徐汇,2023-09-12\n黄浦,2023-09-13\n", encoding="utf-8")
    con = duckdb.connect()
    con.execute("CREATE TABLE activities AS SELECT 1 AS x")
    monkeypatch.setattr(normalize, "PREFIX_ROWS", 2)
    assert normalize_part(con, read_tabular(con, src, "t").parts[0], "short.csv", "n").late is None
    monkeypatch.setattr(normalize, "PREFIX_ROWS", 1)
    assert normalize_part(con, read_tabular(con, src, "u").parts[0], "short.csv", "m").late is not None


@pytest.mark.parametrize("sparse", [False, True])
@pytest.mark.parametrize("separator", [False, True])
def test_late_keys_map_each_key_as_the_mapping_table_does(monkeypatch, separator, sparse):
    """The late-key function of a mapping gives every row its key's `_map_row` outputs, maps each
    distinct key once, and keys by the cells themselves when a cell holds the key separator, both
    for a chunk's few late rows (row by row) and its many (in Arrow)."""
    from types import SimpleNamespace

    import etl.normalize as normalize
    from etl.normalize import _map_row

    monkeypatch.setattr(normalize, "SPARSE_LATE_ROWS", 10**9 if sparse else 0)

    keys = [
        ("2023-09-12", "", ""),
        ("9月3日", "2023", ""),
        ("2023-09-12", "", ""),
        ("", "2023", "2023-09-30"),
        ("2023年9月", "", "2023-10-02"),
        ("9月3日", "2023", ""),
    ]
    if separator:  # two keys whose cells joined by U+001F would read the same
        keys += [("2023-09-01\x1f2023", "", ""), ("2023-09-01", "2023\x1f", "")]
    con = duckdb.connect()
    late = LateKeys()
    fn = late.register(con, SimpleNamespace(table="t"), "date")
    values = ", ".join(f"({i}, ?, ?, ?)" for i in range(len(keys)))
    got = con.execute(
        f"SELECT {fn}(a, b, c) FROM (VALUES {values}) v(i, a, b, c) ORDER BY i", [c for k in keys for c in k]
    ).fetchall()
    want = [_map_row("date", k) for k in keys]
    assert [g[0] for g in got] == [{c: w[c] for c in g[0]} for g, w in zip(got, want, strict=True)]
    assert [g[0]["start_date"] for g in got][:2] == [dt.date(2023, 9, 12), dt.date(2023, 9, 3)]
    assert late.rows == len(keys)
    assert len(late.keys["date"]) == len(set(keys))
    late.drop(con)
    with pytest.raises(duckdb.Error):
        con.execute(f"SELECT {fn}('2023-09-12', '', '')")


def test_dates_in_chinese_numerals_load_and_a_written_year_is_never_called_missing(tmp_path) -> None:
    """A district sheet dated 二〇二四年九月十日 was rejected as 'cannot read … (no year given and no
    campaign_year)': the year was given. It loads now; a wrong date with a year says only that it is unreadable,
    and one without a year still says the year is missing (a real DuckDB warehouse, the ETL's own run)."""
    from etl.pipeline import run_pipeline

    src = tmp_path / "长宁报表.csv"
    src.write_text(
        "region,start_date,title\n"
        "长宁区,二〇二四年九月十日,质量开放日\n"
        "长宁区,二〇二四年十三月,月份写错\n"
        "长宁区,九月十日,没有年份\n",
        encoding="utf-8",
    )
    db = tmp_path / "w.duckdb"
    run_pipeline([src], db, demo=False)
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT title, start_date, date_precision FROM activities").fetchall() == [
            ("质量开放日", D(2024, 9, 10), "day")
        ]
        rejects = con.execute("SELECT locator, reason_code FROM rejects ORDER BY locator").fetchall()
    finally:
        con.close()
    assert rejects == [("row 3", "date_unreadable"), ("row 4", "date_unreadable_no_year")]


def _loaded_message(tmp_path, text: str) -> str:
    """The one file's note after the real ETL loads `text` as a CSV, every row accepted."""
    from etl.pipeline import run_pipeline

    src = tmp_path / "in.csv"
    src.write_text(text, encoding="utf-8")
    (f,) = run_pipeline([src], tmp_path / "w.duckdb", demo=False).files
    assert f.status == "ok" and f.accepted == text.count("\n") - 1
    return f.message or ""


def test_an_industry_not_in_the_list_is_named_not_silently_unknown(tmp_path) -> None:
    """教育、航天业 loaded as 行业 未注明 (社会组织 as 主办方类型 未注明) and nothing said so: the file's note names the
    words (audit17)."""
    message = _loaded_message(
        tmp_path,
        "区,日期,活动名称,行业,单位类型\n徐汇区,2024-09-01,甲,教育,社会组织\n徐汇区,2024-09-02,乙,制造业,企业\n"
        "徐汇区,2024-09-03,丙,航天业,未注明\n徐汇区,2024-09-04,丁,未注明,企业\n徐汇区,2024-09-05,戊,教育,企业\n",
    )
    assert (
        "2 industry value(s) not in the industry list: those rows loaded with the industry unknown: 教育, 航天业"
        in (message)
    )
    assert "1 organiser type value(s) not in the list: those rows loaded with the organiser type unknown: 社会组织" in (
        message
    )


_TYPED_CELLS = {
    "start_date": [
        *["2023-09-12", "2024-02-29", "2025-09-01", ""] * 3,
        *["2023-02-29", "0999-01-01", "1000-01-01", "9999-12-31", " 2023-09-12", "2023-09-12 ", "2023-9-12"],
        *["２０２３-09-12", "20230912", "2023/09/12", "2023年9月", "2023-09-12T10:00", "2023-13-01", "1977-12-31"],
        *["2023-09-12至15日", "9月12日", "0000-01-01"],
    ],
    "campaign_year": [*["", "2023", "2025"] * 3, "2023.0", "0999", "２０２３", "第46届", " 2023", "2023年", "9999"],
    "end_date": [*["", "2023-09-30"] * 4, "2023-09-01", "2023-02-30", "10月1日", "2029-01-01", " 2023-09-30"],
    "participants": [
        *["", "121", "10", "5000"] * 3,
        *["0", "007", "2023", "1999", "1899", "20234", "123456789012345", "1234567890123456", "99999999", " 12"],
        *["１２", "-5", "约300人", "不详", "1,000", "12 "],
    ],
    "participants_unit": [*["", "people", "person_times", "organizations"] * 3, "People", "人", "typo", " people"],
    "participants_qualifier": [*["", "exact", "approx", "at_least"] * 3, "约", "Exact", "typo"],
    "activity_type": [
        *["training", "open_day", "other", ""] * 3,
        "Training",
        " training",
        "培训",
        "typo_code",
        "seminar",
    ],
    "organizer_type": [*["government", "enterprise", "unknown", ""] * 3, "Government", "企业", "typo"],
    "industry": [*["manufacturing", "finance", "unknown", ""] * 3, "Finance", "金融", "typo", "finance "],
    "campaign": [*["quality_month", "other", ""] * 3, "Quality_Month", "安全生产月", "typo"],
    "mode": [*["onsite", "online", "hybrid", "unknown", ""] * 3, "Online", "线上线下", "typo"],
    "organizer": ["某市场监管局", "某企业有限公司", "某协会", ""],
}


@pytest.mark.parametrize("prefix", [7, 150, 10**6])
def test_canonical_cells_read_in_sql_give_what_their_mapping_gives(tmp_path, monkeypatch, prefix):
    """A streamed part reads dates written YYYY-MM-DD, years YYYY, counts in digits with coded
    units and code cells holding a code in SQL (`_typed_cells`), its other cells through the
    mappings: every output and reason equals the mapping's for every row, among cells written
    every other way, with and without late keys."""
    import csv

    import etl.normalize as normalize
    from etl.validate import reason_columns

    rng = random.Random(17)
    src = tmp_path / "typed.csv"
    with open(src, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["region", "title", *_TYPED_CELLS])
        for i in range(700):
            w.writerow(["徐汇区", f"标题{i}", *(rng.choice(v) for v in _TYPED_CELLS.values())])
    monkeypatch.setattr(normalize, "PREFIX_ROWS", prefix)

    def rows(every_key: bool):
        con = duckdb.connect()
        con.execute("CREATE TABLE activities AS SELECT 1 AS x")
        part = read_tabular(con, src, "t").parts[0]
        assert part.streamed
        norm = normalize_part(con, part, "typed.csv", "n", every_key=every_key, extra=reason_columns())
        got = con.execute("SELECT * EXCLUDE (_dup) FROM n ORDER BY _row").fetchall()
        keys = {
            m: con.execute(f"SELECT count(*) FROM t_m_{m}").fetchall()[0][0]
            for m in ("date", "part", "type", "org", "campaign", "mode")
        }
        return got, con.execute("DESCRIBE n").fetchall(), norm, keys

    every, every_types, every_norm, every_keys = rows(every_key=True)
    typed, typed_types, typed_norm, typed_keys = rows(every_key=False)
    if prefix < 700:
        assert every_norm.typed == () and typed_norm.typed == ("date", "part", "type", "org", "campaign", "mode")
        # the canonical rows have no key in the mapping tables
        assert all(typed_keys[m] < every_keys[m] for m in typed_norm.typed), (typed_keys, every_keys)
    else:  # a file no longer than the prefix: every key is mapped, so the tables prove every value
        assert typed_norm.typed == () and typed_keys == every_keys
    assert typed_types == every_types
    assert len(typed) == 700
    for a, b in zip(typed, every, strict=True):
        assert a == b
    reasons = [r for r in every if r[[c[0] for c in every_types].index("_reason")]]
    assert reasons and len(reasons) < 600  # both outcomes are compared


# ----- each canonical-cells shortcut against the rule it shortcuts (property tests)
_FULL_WIDTH = str.maketrans("0123456789-", "０１２３４５６７８９－")


_EMPTY = st.sampled_from([None, ""])


def _spoiled(text: str) -> st.SearchStrategy[str]:
    """`text` nearly as written: empty, padded, full-width, title case, or with a character dropped or added."""
    return st.one_of(
        st.just(""),
        st.just(f" {text}"),
        st.just(f"{text} "),
        st.just(text.translate(_FULL_WIDTH)),
        st.just(text.title()),
        st.integers(0, max(len(text) - 1, 0)).map(lambda i: text[:i] + text[i + 1 :]),
        st.tuples(st.integers(0, len(text)), st.sampled_from("0123456789-./年月日 人约,")).map(
            lambda t: text[: t[0]] + t[1] + text[t[0] :]
        ),
    )


def _rows(*cells: st.SearchStrategy[str]) -> st.SearchStrategy[list[tuple]]:
    """Rows of the cells of one rule: each cell written as `cells` write it or empty; one cell in some
    rows spoiled (`_spoiled`), so most rows sit on the canonical test's edge."""

    @st.composite
    def row(draw) -> tuple:
        values = [draw(st.none() | c) for c in cells]
        i = draw(st.integers(0, len(cells)))  # len(cells): none spoiled
        if i < len(cells):
            values[i] = draw(_spoiled(values[i] or ""))
        return tuple(values)

    return st.lists(row(), min_size=10, max_size=60)


def _sql_rows(sql: tuple[str, dict[str, str]], names: tuple[str, ...], rows: list[tuple]) -> list[tuple]:
    """Each row's (canonical, outputs...) by the SQL of a `canonical_*_sql` over cells `names`; the
    outputs computed for every row, as an optimizer may."""
    canonical, outs = sql
    table = pa.table({n: pa.array([r[i] for r in rows], pa.string()) for i, n in enumerate(names)})
    con = duckdb.connect()
    con.register("cells", table)
    return con.execute(f"SELECT coalesce({canonical}, FALSE), {', '.join(outs.values())} FROM cells").fetchall()


def _assert_sql_is_the_rule(sql, names, rows, rule) -> None:
    for row, (canonical, *got) in zip(rows, _sql_rows(sql, names, rows), strict=True):
        if canonical:
            assert dict(zip(sql[1], got, strict=True)) == rule(*(v or None for v in row)), row  # `_map_row`'s call


_YEARS = st.integers(0, 9999) | st.sampled_from([0, 999, 1000, 1899, 1977, 2023, 2024, 9999])
_DAY = st.dates().map(lambda d: f"{d.year:04d}-{d.month:02d}-{d.day:02d}") | st.tuples(
    _YEARS, st.integers(0, 13), st.integers(0, 32)
).map(lambda t: f"{t[0]:04d}-{t[1]:02d}-{t[2]:02d}")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_rows(_DAY, _YEARS.map(lambda y: f"{y:04d}") | st.integers(0, 99999).map(str), _DAY))
def test_dates_the_sql_takes_as_canonical_read_as_normalize_dates_reads_them(rows) -> None:
    """Whenever `canonical_dates_sql` takes a row's date cells, its outputs are `normalize_dates`'."""
    names = ("start_date", "campaign_year", "end_date")
    _assert_sql_is_the_rule(canonical_dates_sql(*names), names, rows, normalize_dates)


def _words(words: dict[str, tuple[str, ...]]) -> st.SearchStrategy[str]:
    return st.sampled_from(list(words)) | st.sampled_from([w for names in words.values() for w in names])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    _rows(
        st.integers(0, 10**17).map(str)
        | st.integers(0, 999).map(lambda n: f"00{n}")
        | st.sampled_from(["约300", "-5"]),
        _words(_UNIT_WORDS),
        _words(_QUALIFIER_WORDS),
    )
)
def test_counts_the_sql_takes_as_canonical_read_as_parse_participants_reads_them(rows) -> None:
    """Whenever `canonical_participants_sql` takes a row's count cells, its outputs are `parse_participants`'."""
    sql = canonical_participants_sql(*PARTICIPANT_COLUMNS)
    _assert_sql_is_the_rule(sql, PARTICIPANT_COLUMNS, rows, parse_participants)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_code_cells_the_sql_takes_as_canonical_read_as_their_mapping_reads_them(data) -> None:
    """Whenever `_typed_cells` takes a row's cells of a code mapping, its outputs are `_map_row`'s,
    whatever the title or organiser name its key also reads."""
    from domain.record import FIELDS
    from etl.normalize import _CODE_CELLS, _MAPPINGS, _map_row, _typed_cells

    name = data.draw(st.sampled_from(sorted(_CODE_CELLS)))
    keys = _MAPPINGS[name][0]
    cells = {cell: out for out, cell in _CODE_CELLS[name].items()}

    def cell(k: str) -> st.SearchStrategy[str]:
        if k not in cells:  # the title or organiser name the mapping reads when the code cell is empty
            return st.sampled_from(["质量月培训会", "某市场监管局", "开放日", "某银行"]) | st.text(max_size=8)
        return st.sampled_from(FIELDS[cells[k]].codes) | st.text(max_size=6)

    rows = data.draw(_rows(*(cell(k) for k in keys)))
    _assert_sql_is_the_rule(_typed_cells(name), keys, rows, lambda *key: _map_row(name, tuple(v or "" for v in key)))


def test_a_campaign_not_in_the_list_is_named_not_silently_other(tmp_path) -> None:
    """质量提升行动、计量日 loaded as 专项活动 其他 and nothing said so; 其他 and 质量月 themselves and an empty cell (质量月)
    are not named (audit17 #10)."""
    message = _loaded_message(
        tmp_path,
        "区,日期,活动名称,专项活动\n徐汇区,2024-09-01,甲,质量提升行动\n徐汇区,2024-09-02,乙,质量月\n"
        "徐汇区,2024-09-03,丙,计量日\n徐汇区,2024-09-04,丁,其他\n徐汇区,2024-09-05,戊,\n徐汇区,2024-09-06,己,计量日\n",
    )
    assert (
        "2 campaign value(s) not in the campaign list: those rows loaded with the campaign Other: 计量日, 质量提升行动"
        in message
    )
    assert "industry" not in message and "organiser type" not in message
