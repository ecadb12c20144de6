"""Issue 14, rough edge 7: an XLSX formula cell with no saved value is reported, not read silently as empty."""

from __future__ import annotations

import duckdb
import openpyxl

from domain.messages import render
from domain.record import locator_sql


def _sheet(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "活动"
    ws.append(["区", "日期", "活动名称", "参与人数"])
    ws.append(["徐汇区", "2024-09-02", '=CONCAT("质量月", "启动仪式")', 30])
    ws.append(["浦东新区", "2024-09-03", "质量开放日", "=10*3"])
    wb.save(path)  # openpyxl stores formulas without a computed value, as scripts and some exporters do
    return path


def test_formula_without_saved_value_is_a_warning(make_db, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    _sheet(src / "formulas.xlsx")
    db = make_db(tmp_path, [src])
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(f"SELECT {locator_sql()}, title, participants FROM activities ORDER BY 1").fetchall()
        ((message, messages, status),) = con.execute("SELECT message, messages, status FROM source_files").fetchall()
    finally:
        con.close()
    # the rows still load (the activity happened); the empty cells are said to come from formulas
    assert rows == [("formulas.xlsx 活动!2", None, 30), ("formulas.xlsx 活动!3", "质量开放日", None)]
    assert status == "ok"
    assert (
        '2 formula cell(s) without a saved value read as empty: 活动!C2 (=CONCAT("质量月", "启动仪式")), '
        "活动!D3 (=10*3)" in message
    )
    assert "2 个公式单元格没有保存计算结果，按空值读取：活动!C2" in render(messages, "zh")


def test_workbook_without_formulas_says_nothing_about_them(make_db, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    wb = openpyxl.Workbook()
    wb.active.append(["区", "日期", "活动名称"])
    wb.active.append(["徐汇区", "2024-09-02", "质量月启动仪式"])
    wb.save(src / "plain.xlsx")
    db = make_db(tmp_path, [src])
    con = duckdb.connect(str(db), read_only=True)
    try:
        ((message,),) = con.execute("SELECT coalesce(message, '') FROM source_files").fetchall()
    finally:
        con.close()
    assert "formula" not in message
