"""Extraction of CSV/TSV, XLSX and JSON: encodings, headers, XLSX quirks, guards."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path

import duckdb
import openpyxl
import pytest

from etl.extract import kind_of
from etl.extract.archive import check_archive
from etl.extract.tabular import (
    MAX_CELL_CHARS,
    ExtractError,
    canonical_header,
    detect_encoding,
    find_header,
    read_tabular,
)
from tests.conftest import EDGE, FIXTURE_SET


@pytest.fixture
def con():
    c = duckdb.connect()
    yield c
    c.close()


def rows_of(con, part, *fields):
    cols = ", ".join(f'"{part.columns[f]}"' if f in part.columns else "NULL" for f in fields)
    return con.execute(f"SELECT _row, {cols} FROM {part.table} ORDER BY _row").fetchall()


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("region", "region"),
        ("Region", "region"),
        ("区", "region"),
        ("区县", "region"),
        ("地区", "region"),
        ("所属区", "region"),
        ("district", "district"),
        ("province", "province"),
        ("省份", "province"),
        ("city", "city"),
        ("日期", "start_date"),
        ("活动日期", "start_date"),
        ("开始日期", "start_date"),
        ("Start Date", "start_date"),
        ("start_date", "start_date"),
        ("结束日期", "end_date"),
        ("end-date", "end_date"),
        ("活动类型", "activity_type"),
        ("类型", "activity_type"),
        ("Activity Type", "activity_type"),
        ("主办单位", "organizer"),
        ("组织单位", "organizer"),
        ("Organiser", "organizer"),
        ("参与人数", "participants"),
        ("参加人数", "participants"),
        ("人数", "participants"),
        ("参与人数（人）", "participants"),
        ("行业", "industry"),
        ("主题", "theme"),
        ("活动名称", "title"),
        ("名称", "title"),
        ("标题", "title"),
        ("年份", "campaign_year"),
        ("年度", "campaign_year"),
        ("ＲＥＧＩＯＮ", "region"),
        ("  region  ", "region"),
        ("形式", "mode"),
        ("来源", "source"),
        ("序号", None),
        ("备注", None),
        ("", None),
    ],
)
def test_canonical_header(header, field):
    assert canonical_header(header) == field


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("a.csv", "csv"),
        ("a.TSV", "csv"),
        ("a.xlsx", "xlsx"),
        ("a.json", "json"),
        ("a.jsonl", "json"),
        ("a.txt", "bulletin"),
        ("a.html", "bulletin"),
        ("a.htm", "bulletin"),
        ("a.docx", "bulletin"),
        ("a.md", None),
        ("a.xls", None),
        ("a", None),
    ],
)
def test_kind_of(name, kind):
    assert kind_of(Path(name)) == kind


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("区,日期\n徐汇区,2023-09-01\n".encode(), "utf-8"),
        ("\ufeff区,日期\n徐汇区,2023-09-01\n".encode(), "utf-8-sig"),
        ("区,日期\n徐汇区,2023-09-01\n".encode("gbk"), "gb18030"),
        ("区,日期\n徐汇区,2023-09-01\n".encode("gb18030"), "gb18030"),
        ("region,date\nXuhui,2023-09-01\n".encode("ascii"), "utf-8"),
        ("区,日期\n".encode("utf-16"), "utf-16"),
    ],
)
def test_detect_encoding(tmp_path, data, encoding):
    p = tmp_path / "x.csv"
    p.write_bytes(data)
    assert detect_encoding(p) == encoding


@pytest.mark.parametrize("name", ["districts_en.csv", "districts_gbk.csv", "districts_bom.csv"])
def test_csv_fixtures_read_intact(con, name):
    ex = read_tabular(con, FIXTURE_SET / name, "t", stream=False)
    (part,) = ex.parts
    assert {"region", "start_date", "title"} <= set(part.columns)
    rows = rows_of(con, part, "region", "title")
    assert rows[0][0] == 2  # header is row 1
    # Chinese text survives every encoding
    assert all(r[2] and "\ufffd" not in r[2] for r in rows)


def test_gbk_csv_lists_unknown_columns(con):
    ex = read_tabular(con, FIXTURE_SET / "districts_gbk.csv", "t", stream=False)
    assert ex.parts[0].unknown == ["备注"]
    assert "encoding GB18030" in [str(n) for n in ex.notes]
    assert rows_of(con, ex.parts[0], "region")[0][1] == "徐汇"


def test_bom_is_not_part_of_first_header(con):
    ex = read_tabular(con, FIXTURE_SET / "districts_bom.csv", "t", stream=False)
    assert ex.parts[0].columns["region"] == "地区"


def test_gb18030_tsv_with_rare_character(con):
    ex = read_tabular(con, EDGE / "gb18030.tsv", "t", stream=False)
    assert rows_of(con, ex.parts[0], "title") == [(2, "嘉定区𠀀字测试活动")]


def test_semicolon_delimiter_is_sniffed(con):
    ex = read_tabular(con, EDGE / "semicolon.csv", "t", stream=False)
    assert rows_of(con, ex.parts[0], "region", "title") == [(2, "徐汇区", "分号分隔的活动"), (3, "浦东新区", "第二条")]


def test_csv_title_rows_above_header_are_skipped(con, tmp_path):
    p = tmp_path / "titled.csv"
    p.write_text(
        "2023年徐汇区质量月活动汇总,,\n,,\n区,日期,活动名称\n徐汇区,2023-09-01,一\n徐汇区,2023-09-02,二\n",
        encoding="utf-8",
    )
    ex = read_tabular(con, p, "t", stream=False)
    assert rows_of(con, ex.parts[0], "title") == [(4, "一"), (5, "二")]


def test_csv_blank_and_totals_rows(con, tmp_path):
    p = tmp_path / "totals.csv"
    p.write_text("区,日期,参与人数\n徐汇区,2023-09-01,10\n,,\n浦东新区,2023-09-02,20\n合计,,30\n", encoding="utf-8")
    ex = read_tabular(con, p, "t", stream=False)
    part = ex.parts[0]
    assert [r[0] for r in rows_of(con, part)] == [2, 4]
    assert part.skipped == [("row 5", "totals row, not an activity")]
    assert part.rows == 2


def test_csv_quoted_newlines_and_ragged_rows(con, tmp_path):
    p = tmp_path / "ragged.csv"
    p.write_text('区,日期,活动名称,备注\n徐汇区,2023-09-01,"两行\n标题"\n浦东新区,2023-09-02,三,四\n', encoding="utf-8")
    ex = read_tabular(con, p, "t", stream=False)
    rows = rows_of(con, ex.parts[0], "region", "title")
    assert rows == [(2, "徐汇区", "两行\n标题"), (3, "浦东新区", "三")]


def test_csv_huge_cell_is_cut(con, tmp_path):
    p = tmp_path / "huge.csv"
    p.write_text("区,日期,活动名称\n徐汇区,2023-09-01," + "长" * (MAX_CELL_CHARS + 500) + "\n", encoding="gbk")
    ex = read_tabular(con, p, "t", stream=False)
    (row,) = rows_of(con, ex.parts[0], "title")
    assert len(row[1]) == MAX_CELL_CHARS


def test_empty_csv_is_an_error(con, tmp_path):
    p = tmp_path / "empty.csv"
    p.write_bytes(b"")
    with pytest.raises(ExtractError, match="empty.csv"):
        read_tabular(con, p, "t", stream=False)


# ----------------------------------------------------------------------------- XLSX
def test_xlsx_fixture_sheets_title_rows_totals(con):
    ex = read_tabular(con, FIXTURE_SET / "yangpu.xlsx", "t", stream=False)
    sheets = {p.sheet: p for p in ex.parts}
    assert set(sheets) == {"2023年活动", "2024", "说明"}
    first = sheets["2023年活动"]
    # header found on row 3 under a merged title row and a blank row
    rows = rows_of(con, first, "region", "start_date", "end_date", "participants")
    assert rows == [
        (4, "杨浦区", "2023-09-04", "2023-09-06", "260"),
        (5, "杨浦", "45180", None, "40家"),
        (6, "Yangpu", "2023-09-25", None, "150"),
    ]
    assert first.skipped == [("2023年活动!7", "totals row, not an activity")]
    assert first.unknown == ["序号"]
    assert first.loc_prefix == "2023年活动!"
    second = sheets["2024"]
    assert rows_of(con, second, "start_date") == [(2, "2024-09-10"), (3, "2024-09-27")]
    assert second.skipped == [("2024!4", "totals row, not an activity")]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (dt.datetime(2023, 9, 12), "2023-09-12"),
        (dt.datetime(2023, 9, 12, 14, 30), "2023-09-12 14:30:00"),
        (dt.date(2023, 9, 12), "2023-09-12"),
        (120, "120"),
        (120.0, "120"),
        (12.5, "12.5"),
        (True, "true"),
        ("  徐汇  ", "  徐汇  "),
    ],
)
def test_xlsx_cell_values_as_text(con, tmp_path, value, text):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["区", "日期", "值"])
    ws.append(["徐汇区", "2023-09-01", value])
    p = tmp_path / "v.xlsx"
    wb.save(p)
    ex = read_tabular(con, p, "t", stream=False)
    assert con.execute(f'SELECT "值" FROM {ex.parts[0].table}').fetchall() == [(text,)]


def test_xlsx_zip_bomb_refused(tmp_path):
    p = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/worksheets/sheet1.xml", b"\0" * (40 * 1024 * 1024))
    with pytest.raises(ExtractError, match="zip bomb"):
        check_archive(p.name, p, ".xlsx")


def test_xlsx_not_a_zip(con, tmp_path):
    p = tmp_path / "fake.xlsx"
    p.write_text("region,date\n", encoding="utf-8")
    with pytest.raises(ExtractError, match="fake.xlsx"):
        read_tabular(con, p, "t", stream=False)


def test_xlsx_entity_expansion_refused(con, tmp_path):
    """A billion-laughs sharedStrings part must not be expanded (defusedxml refuses DTD entities)."""
    wb = openpyxl.Workbook()
    wb.active.append(["区", "日期"])
    wb.active.append(["徐汇区", "2023-09-01"])
    good = tmp_path / "good.xlsx"
    wb.save(good)
    bomb = tmp_path / "laughs.xlsx"
    evil = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">&lol2;</workbook>'
    )
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bomb, "w") as dst:
        for item in src.infolist():
            data = evil.encode() if item.filename == "xl/workbook.xml" else src.read(item.filename)
            dst.writestr(item, data)
    with pytest.raises(ExtractError, match="laughs.xlsx"):
        read_tabular(con, bomb, "t", stream=False)


@pytest.mark.parametrize(
    ("rows", "index"),
    [
        ([["区", "日期"]], 0),
        ([["标题行"], [None], ["区", "日期", "名称"]], 2),
        ([["2023年汇总表", None], ["说明：单位为人", None], ["序号", "区县", "活动日期"]], 2),
        ([[None], [None]], None),
        ([["随便", "什么"]], 0),  # no known header anywhere: the first non-empty row
    ],
)
def test_find_header(rows, index):
    assert find_header(rows) == index


# ----------------------------------------------------------------------------- JSON
def test_json_records_object(con):
    ex = read_tabular(con, FIXTURE_SET / "records.json", "t", stream=False)
    part = ex.parts[0]
    assert part.loc_prefix == "record "
    rows = rows_of(con, part, "region", "participants", "campaign_year")
    assert rows[0] == (1, "闵行区", "320", "2022")
    assert part.unknown == ["extra"]


@pytest.mark.parametrize(
    "payload",
    [
        [{"region": "徐汇区", "start_date": "2023-09-01", "participants": 5}],
        {"records": [{"region": "徐汇区", "start_date": "2023-09-01", "participants": 5}]},
    ],
)
def test_json_shapes(con, tmp_path, payload):
    p = tmp_path / "r.json"
    p.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    part = read_tabular(con, p, "t", stream=False).parts[0]
    assert rows_of(con, part, "region", "participants") == [(1, "徐汇区", "5")]


def test_json_lines(con):
    part = read_tabular(con, EDGE / "records.jsonl", "t", stream=False).parts[0]
    assert part.loc_prefix == "line "
    assert rows_of(con, part, "title") == [(1, "JSON lines 第一条"), (2, "JSON lines 第二条")]


@pytest.mark.parametrize("text", ['{"foo": 1}', "[1, 2, 3]", "not json at all"])
def test_json_bad_shapes(con, tmp_path, text):
    p = tmp_path / "bad.json"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(ExtractError, match="bad.json"):
        read_tabular(con, p, "t", stream=False)


# ----------------------------------------------------------------------------- damaged files
def test_mixed_encoding_is_decoded_line_by_line(con, tmp_path):
    p = tmp_path / "mixed.csv"
    p.write_bytes(
        "区,日期,活动名称\n徐汇区,2023-09-01,统一码行\n".encode() + "浦东新区,2023-09-02,国标码行\n".encode("gbk")
    )
    ex = read_tabular(con, p, "t", stream=False)
    assert rows_of(con, ex.parts[0], "region", "title") == [(2, "徐汇区", "统一码行"), (3, "浦东新区", "国标码行")]
    assert any("decoded line by line" in str(n) for n in ex.notes)


def test_truncated_utf8_keeps_the_complete_rows(con, tmp_path):
    p = tmp_path / "cut.csv"
    data = "区,日期,活动名称\n徐汇区,2023-09-01,完整的行\n静安区,2023-09-02,被截断的行".encode()
    p.write_bytes(data[:-2])  # half of the last character
    rows = rows_of(con, read_tabular(con, p, "t", stream=False).parts[0], "region", "title")
    assert rows[0] == (2, "徐汇区", "完整的行")
    assert rows[1][1] == "静安区" and rows[1][2].startswith("被截断")


def test_field_longer_than_csv_module_limit(con, tmp_path):
    p = tmp_path / "long.csv"
    p.write_bytes("区,日期,活动名称\n徐汇区,2023-09-01,".encode("gbk") + "长".encode("gbk") * 1_200_000 + b"\n")
    (row,) = rows_of(con, read_tabular(con, p, "t", stream=False).parts[0], "title")
    assert len(row[1]) == MAX_CELL_CHARS


@pytest.mark.parametrize(
    ("first", "is_total"),
    [
        ("Total", True),
        (" grand total ", True),
        ("SUM：", True),
        ("Subtotal:", True),
        ("\u3000合 计", True),
        ("tot", False),
        ("demo-0001", False),
        ("Sumqayit", False),
        ("!total", False),
        ("徐汇区", False),
    ],
)
def test_totals_label_in_the_first_column(con, tmp_path, first, is_total):
    """The fast "not a totals row" test (first character) never keeps a totals row nor drops an activity."""
    p = tmp_path / "totals.csv"
    p.write_text(f"record_id,区,日期\nx1,徐汇区,2023-09-01\n{first},徐汇区,2023-09-02\n", encoding="utf-8")
    part = read_tabular(con, p, "t", stream=False).parts[0]
    assert part.skipped == ([("row 3", "totals row, not an activity")] if is_total else [])
    assert part.rows == (1 if is_total else 2)


def test_totals_label_after_a_blank_first_cell(con, tmp_path):
    p = tmp_path / "totals.csv"
    p.write_text("record_id,区,日期\nx1,徐汇区,2023-09-01\n ,Total,\n", encoding="utf-8")
    part = read_tabular(con, p, "t", stream=False).parts[0]
    assert part.skipped == [("row 3", "totals row, not an activity")]


def test_fast_reader_fallback_note_speaks_the_users_words(con, tmp_path):
    # A row with more cells than the header makes DuckDB's strict reader refuse the file; the
    # row-by-row reader takes over. The note says so in plain words in both languages: no engine
    # error text, no temporary path.
    p = tmp_path / "wide-row.csv"
    p.write_text(
        "区,日期,活动名称\n徐汇区,2023-09-01,开放日,多出一格,又一格\n浦东新区,2023-09-02,培训\n", encoding="utf-8"
    )
    ex = read_tabular(con, p, "t", stream=True)
    (declined,) = [n for n in ex.notes if n.code == "fast_reader_declined"]
    assert declined.text("zh") == "文件的引号或列数不规整，已改用逐行读取"
    assert declined.text("en") == "quoting or column counts irregular: read row by row"
    for lang in ("zh", "en"):
        text = " ".join(n.text(lang) for n in ex.notes)
        assert "Error" not in text and str(tmp_path) not in text and "sniff" not in text.lower()
