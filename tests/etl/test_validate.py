"""Validation: each reject reason, the whole-file schema policy, duplicates, dates in range."""

from __future__ import annotations

import datetime as dt
import json

import duckdb
import pytest

from domain.messages import msg, render
from domain.record import locator_sql
from etl.extract.tabular import RawTable
from etl.validate import max_date, reason_sql, schema_problem
from tests.conftest import EDGE

# bad_rows.csv: locator -> fragment of the reason (header is row 1; row 18 is a totals row).
BAD_ROWS = [
    ("row 3", "region: unknown region '火星区'"),
    ("row 4", "no region"),
    ("row 5", "start_date: cannot read '2023-13-45' as a date"),
    ("row 6", "start_date 1970-09-01 is out of range"),
    ("row 7", "start_date 2099-09-01 is out of range"),
    ("row 8", "end_date 2023-09-01 is before start_date 2023-09-10"),
    ("row 9", "participants -5 is negative"),
    ("row 10", "participants 20,000,000 is absurd"),
    ("row 11", "activity_type: unknown code 'launch_party'"),
    ("row 12", "title is too long (2,080 characters, limit 2,000)"),
    ("row 14", "duplicate record_id 'dup-1' with different content; first seen at bad_rows.csv row 13"),
]
# Rows that load with a warning instead (issue 14 item 8): the activity happened, its size is unknown.
UNKNOWN_COUNT_ROWS = {"row 17": "很多"}


@pytest.fixture(scope="module")
def ro(built_db):
    con = duckdb.connect(str(built_db), read_only=True)
    yield con
    con.close()


@pytest.mark.parametrize(("locator", "fragment"), BAD_ROWS)
def test_bad_row_is_rejected_with_reason(ro, locator, fragment):
    rows = ro.execute(
        "SELECT reason, raw FROM rejects WHERE source = 'bad_rows.csv' AND locator = ?", [locator]
    ).fetchall()
    assert len(rows) == 1, f"{locator} should be rejected once"
    reason, raw = rows[0]
    assert fragment in reason
    raw = json.loads(raw)
    assert set(raw) == {
        "record_id",
        "region",
        "start_date",
        "end_date",
        "title",
        "activity_type",
        "organizer",
        "participants",
    }


def test_bad_file_loads_its_good_rows(ro):
    titles = {t for (t,) in ro.execute("SELECT title FROM activities WHERE source = 'bad_rows.csv'").fetchall()}
    assert titles == {"徐汇区质量讲座（正常行）", "重复编号第一条", "长宁区完全重复的活动", "人数无法解析的活动"}
    rejected = {loc for (loc,) in ro.execute("SELECT locator FROM rejects WHERE source = 'bad_rows.csv'").fetchall()}
    assert rejected == {loc for loc, _ in BAD_ROWS}
    read, accepted, rej, status, message = ro.execute(
        "SELECT rows_read, accepted, rejected, status, message FROM source_files WHERE source = 'bad_rows.csv'"
    ).fetchall()[0]
    # 17 data rows minus the totals row; rows 15 and 16 are the same record (folded, counted as accepted)
    assert (read, accepted, rej, status) == (16, 5, 11, "partial")
    assert "totals" in message and "row 18" in message and "1 exact duplicate" in message
    assert "1 row(s) with an unreadable participant count loaded with the count unknown: row 17" in message


def test_exact_duplicate_rows_are_named_by_their_rows(ro):
    """audit16 #16: the file's message says which rows were folded into an identical earlier row, not only how many."""
    ((message, messages),) = ro.execute(
        "SELECT message, messages FROM source_files WHERE source = 'bad_rows.csv'"
    ).fetchall()
    assert "1 exact duplicate row(s) folded into their first occurrence: row 16" in message
    assert "1 行与前面的行完全相同，已合并：第 16 行" in render(messages, "zh")
    # A message stored by a run before the rows were named still reads.
    assert render('[{"code": "duplicates_folded", "n": 2}]', "zh") == "2 行与前面的行完全相同，已合并"


def test_many_exact_duplicates_name_the_first_ten_rows(tmp_path, make_db):
    """Twelve repeats of one row are counted and the first ten named, as totals rows are (domain.messages.LISTED)."""
    head = "record_id,region,start_date,title,organizer,participants\n"
    row = "x1,徐汇区,2023-09-01,徐汇开放日,徐汇区市场监管局,120\n"
    other = "x2,静安区,2023-09-02,静安讲座,静安区某局,30\n"
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.csv").write_text(head + row + other + row * 12, encoding="utf-8")
    db = make_db(tmp_path / "db", [tmp_path / "in" / "a.csv"])
    con = duckdb.connect(str(db), read_only=True)
    try:
        ((read, accepted, message),) = con.execute("SELECT rows_read, accepted, message FROM source_files").fetchall()
    finally:
        con.close()
    listed = ", ".join(f"row {n}" for n in range(4, 14))
    assert (read, accepted) == (14, 14)
    assert message.split("; ")[-1] == f"12 exact duplicate row(s) folded into their first occurrence: {listed}"


def test_unreadable_participant_count_loads_with_count_unknown_and_a_warning(ro):
    """Issue 14 item 8: '很多' (or 不详, abc) is not a count; the row loads, the count is NULL, the file says so."""
    rows = ro.execute(
        f"SELECT participants, participants_unit, {locator_sql()} FROM activities WHERE title = '人数无法解析的活动'"
    ).fetchall()
    assert rows == [(None, None, "bad_rows.csv row 17")]
    ((messages,),) = ro.execute("SELECT messages FROM source_files WHERE source = 'bad_rows.csv'").fetchall()
    from domain.messages import render

    assert "1 行的参与人数无法识别，已按人数不详导入：第 17 行" in render(messages, "zh")
    assert not ro.execute("SELECT count(*) FROM rejects WHERE locator = 'row 17'").fetchall()[0][0]


def test_good_files_have_no_rejects(ro):
    assert ro.execute("SELECT DISTINCT source FROM rejects").fetchall() == [("bad_rows.csv",)]
    statuses = dict(ro.execute("SELECT source, status FROM source_files").fetchall())
    assert statuses == {
        "bad_rows.csv": "partial",
        "districts_bom.csv": "ok",
        "districts_en.csv": "ok",
        "districts_gbk.csv": "ok",
        "records.json": "ok",
        "yangpu.xlsx": "ok",
    }


def test_file_without_region_or_date_is_rejected_whole(make_db, tmp_path):
    db = make_db(tmp_path, [EDGE / "no_region.csv", EDGE / "semicolon.csv"])
    con = duckdb.connect(str(db), read_only=True)
    ((locator, reason),) = con.execute("SELECT locator, reason FROM rejects WHERE source = 'no_region.csv'").fetchall()
    assert locator is None
    assert "no_region.csv" in reason and "no region column" in reason and "no date column" in reason
    assert "name, when, what" in reason
    assert con.execute("SELECT status FROM source_files WHERE source = 'no_region.csv'").fetchall() == [("unreadable",)]
    # the run went on with the other file
    assert con.execute("SELECT count(*) FROM activities WHERE source = 'semicolon.csv'").fetchall() == [(2,)]
    con.close()


@pytest.mark.parametrize(
    ("columns", "problem"),
    [
        ({"region": "区", "start_date": "日期"}, None),
        ({"district": "district", "campaign_year": "年份"}, None),
        ({"province": "省", "start_date": "日期"}, None),
        ({"start_date": "日期"}, "no region column"),
        ({"region": "区"}, "no date column"),
        ({}, "no region column (region/区/地区/district/province/city) and no date column"),
    ],
)
def test_schema_problem(columns, problem):
    got = schema_problem(RawTable("t", columns, ["备注"], "row "))
    assert (got is None) if problem is None else (problem in got.text("en") and "备注" in got.text("en"))


def _reason(**cols):
    """Run the reason expression over one hand-made normalized row."""
    base = {
        "_e_raw": None,
        "_e_region": None,
        "_e_date": None,
        "_e_part": None,
        "_e_type": None,
        "start_date": dt.date(2023, 9, 1),
        "end_date": None,
        "participants": None,
        "record_id": "x",
        "title": "t",
        "theme": None,
        "organizer": None,
        "source": "f.csv",
        "source_excerpt": None,
        "region_original": None,
    }
    base.update(cols)
    con = duckdb.connect()
    names = list(base)
    con.execute(
        "CREATE TABLE n AS SELECT " + ", ".join(f"?::{_type(k)} AS {k}" for k in names), [base[k] for k in names]
    )
    coded = con.execute(f"SELECT {reason_sql(dt.date(2025, 6, 1))} FROM n").fetchall()[0][0]
    return None if coded is None else render(coded, "en")


def _type(name):
    return {"start_date": "DATE", "end_date": "DATE", "participants": "BIGINT"}.get(name, "VARCHAR")


@pytest.mark.parametrize(
    ("cols", "expected"),
    [
        ({}, None),
        ({"start_date": dt.date(1978, 1, 1)}, None),
        ({"start_date": dt.date(2026, 12, 31)}, None),
        ({"start_date": dt.date(1977, 12, 31)}, "start_date 1977-12-31 is out of range (1978-01-01 to 2026-12-31)"),
        ({"start_date": dt.date(2027, 1, 1)}, "start_date 2027-01-01 is out of range (1978-01-01 to 2026-12-31)"),
        ({"end_date": dt.date(2023, 8, 31)}, "end_date 2023-08-31 is before start_date 2023-09-01"),
        ({"end_date": dt.date(2023, 9, 1)}, None),
        ({"participants": 0}, None),
        ({"participants": 10_000_000}, None),
        ({"participants": 10_000_001}, "participants 10,000,001 is absurd (more than 10,000,000)"),
        ({"participants": -1}, "participants -1 is negative"),
        ({"theme": "主" * 2001}, "theme is too long (2,001 characters, limit 2,000)"),
        ({"organizer": "o" * 2000}, None),
        (
            {"_e_region": msg("region_unknown", field="region", value="X").json(), "participants": -2},
            "region: unknown region 'X'; participants -2 is negative",
        ),
    ],
)
def test_reason_sql(cols, expected):
    assert _reason(**cols) == expected


def test_max_date_is_end_of_next_year():
    assert max_date(dt.date(2025, 1, 1)) == dt.date(2026, 12, 31)


def test_misaligned_and_truncated_rows_are_rejected(make_db, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "cut.csv").write_bytes(
        "区,日期,活动名称,参与人数\n徐汇区,2023-09-01,完整,5\n浦东新区,2023-09-02,多出,5,x,y\n"
        "静安区,2023-09-03,被截".encode()
    )
    db = make_db(tmp_path, [src])
    con = duckdb.connect(str(db), read_only=True)
    rejects = dict(con.execute("SELECT locator, reason FROM rejects").fetchall())
    titles = [t for (t,) in con.execute("SELECT title FROM activities").fetchall()]
    con.close()
    assert titles == ["完整"]
    assert "row has 6 cells but the header has 4" in rejects["row 3"]
    assert "truncated file" in rejects["row 4"]


def test_reasons_are_stored_as_codes_and_render_in_chinese(ro):
    """Issue 14 item 3: a reject carries its reason code and parameters; the Chinese text comes from them."""
    code, reasons, reason = ro.execute(
        "SELECT reason_code, reasons, reason FROM rejects WHERE source = 'bad_rows.csv' AND locator = 'row 3'"
    ).fetchall()[0]
    assert code == "region_unknown"
    assert json.loads(reasons) == [{"code": "region_unknown", "field": "region", "value": "火星区"}]
    assert reason == render(reasons, "en") == "region: unknown region '火星区'"
    assert render(reasons, "zh") == "地区：无法识别的地区“火星区”"
    zh = [
        render(r, "zh") for (r,) in ro.execute("SELECT reasons FROM rejects WHERE source = 'bad_rows.csv'").fetchall()
    ]
    assert zh and not [t for t in zh if any(w in t for w in ("cannot", "unknown", "is ", "region", "date"))], zh


def test_a_cell_cut_by_its_reader_is_said_at_least_its_cut_length(tmp_path, make_db):
    """A title of 20,000,000 characters was rejected as `title is too long (10,000 characters, limit 2,000)`: the
    reader keeps a cell's first MAX_CELL_CHARS (10,000) and the reason gave that as the cell's length (audit18).
    A cell of 2,500 characters, not cut, keeps its exact length."""
    import openpyxl

    from etl.extract.tabular import MAX_CELL_CHARS

    (tmp_path / "in").mkdir()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["区", "日期", "活动名称"])
    ws.append(["徐汇区", "2024-09-01", "长" * (MAX_CELL_CHARS * 3)])
    ws.append(["徐汇区", "2024-09-02", "短" * 2500])
    ws.append(["徐汇区", "2024-09-03", "好"])
    wb.save(tmp_path / "in" / "long.xlsx")
    db = make_db(tmp_path / "db", [tmp_path / "in" / "long.xlsx"])
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = dict(con.execute("SELECT locator, reasons FROM rejects ORDER BY locator").fetchall())
    finally:
        con.close()
    assert {loc: render(reasons, "zh") for loc, reasons in rows.items()} == {
        "Sheet!2": "标题过长（至少 10,000 字，上限 2,000）",
        "Sheet!3": "标题过长（2,500 字，上限 2,000）",
    }
    assert render(rows["Sheet!2"], "en") == "title is too long (at least 10,000 characters, limit 2,000)"
