"""Exports: BOM, Chinese intact, formula neutralisation (incl. full-width and headers), numbers stay numbers."""

from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from analytics import export, queries
from analytics.db import Warehouse
from analytics.filters import Filters
from tests.analytics.conftest import TINY_ROWS

DANGEROUS = [
    "=1+1",
    "+1",
    "-1+2",
    "@SUM(A1)",
    "＝1+1",
    "＋1",
    "－1",
    "＠SUM(A1)",
    "\tx",
    "\rx",
    '=HYPERLINK("http://x","y")',
]
SAFE = ["质量月", "a=b", "1-2", "", "e@mail", " =x"]


@pytest.mark.parametrize("text", DANGEROUS)
def test_neutralise_dangerous(text: str) -> None:
    assert export.neutralise(text) == "'" + text


@pytest.mark.parametrize("value", SAFE + [-5, -2.5, 0, 3, None, True])
def test_neutralise_leaves_safe_values(value) -> None:
    assert export.neutralise(value) == value


def _as_excel_shows(field: str) -> str:
    """A CSV field as Excel shows it after opening the file (General format, no import wizard), as
    Microsoft documents it ("Keep leading zeros and large numbers"): a field that reads as a number
    becomes that number, losing leading zeros and shown in scientific notation past 11 digits (and
    rounded past 15); ="text" is a formula whose value is its text; a leading apostrophe is not
    Excel's quote prefix in a CSV and stays visible; any other formula is run (FORMULA here)."""
    if field.startswith("="):
        inner = field[1:]
        if len(inner) >= 2 and inner[0] == inner[-1] == '"' and '"' not in inner[1:-1].replace('""', ""):
            return inner[1:-1].replace('""', '"')
        return "FORMULA"
    try:
        number = float(field)
    except ValueError:
        return field
    if not number.is_integer():
        return f"{number:g}"
    return str(int(number)) if abs(number) < 1e11 else f"{number:.5E}"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_districts_all_digit_record_id_is_shown_as_written_when_excel_opens_the_csv(lang: str) -> None:
    """audit16 #17: a district's own id 000123 became the number 123 in Excel (and a 18-digit id
    1.23457E+17). Such text is written so Excel shows it as written; ids Excel shows as written
    anyway (123, a1, 310104) are written as they are, for every other reader of the file."""
    ids = ["000123", "0012345678901234567", "123456789012345678", "123", "310104", "a1", "0", "007-x"]
    batch = pa.RecordBatch.from_pydict({"record_id": ids, "participants": pa.array([1] * len(ids), pa.int64())})
    rows = list(csv.reader(io.StringIO(export.export_bytes([batch], "csv", lang).decode("utf-8-sig"))))
    fields = [r[0] for r in rows[1:]]
    assert [_as_excel_shows(f) for f in fields] == ids
    assert fields[3:] == ids[3:]
    assert [_as_excel_shows(r[1]) for r in rows[1:]] == ["1"] * len(ids)  # numbers stay numbers
    ws = openpyxl.load_workbook(io.BytesIO(export.export_bytes([batch], "xlsx", lang))).active
    assert [(c.value, c.data_type) for c in ws["A"][1:]] == [(i, "s") for i in ids]  # XLSX: text cells


def _batch() -> pa.RecordBatch:
    return pa.RecordBatch.from_pydict(
        {
            "title": ["=cmd|' /C calc'!A0", "＋全角公式", "质量月启动仪式", "@@", None],
            "participants": pa.array([-12, 300, None, 0, 7], pa.int64()),
            "activity_type": ["training", "launch_ceremony", "other", "training", None],
            "=evil_header": ["-1", "+x", "ok", "－y", "z"],
        }
    )


def test_csv_bom_chinese_and_neutralised() -> None:
    data = export.export_bytes([_batch()], "csv", "zh")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["标题", "参与人数", "活动类型", "'=evil_header"]
    assert rows[1] == ["'=cmd|' /C calc'!A0", "-12", "培训讲座", "'-1"]
    assert rows[2] == ["'＋全角公式", "300", "启动仪式", "'+x"]
    assert rows[3] == ["质量月启动仪式", "", "其他", "ok"]
    assert rows[4][0] == "'@@" and rows[4][3] == "'－y"
    assert len(rows) == 6


def test_csv_english_headers_and_labels() -> None:
    rows = list(csv.reader(io.StringIO(export.export_bytes([_batch()], "csv", "en").decode("utf-8-sig"))))
    assert rows[0][:3] == ["Title", "Participants", "Activity type"]
    assert rows[1][2] == "Training"


def test_xlsx_reopens_with_numbers_and_text() -> None:
    data = export.export_bytes([_batch()], "xlsx", "zh")
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    assert [c.value for c in ws[1]] == ["标题", "参与人数", "活动类型", "=evil_header"]
    assert ws["A2"].value == "=cmd|' /C calc'!A0" and ws["A2"].data_type == "s"
    assert ws["B2"].value == -12 and ws["B2"].data_type == "n"
    assert ws["A3"].value == "＋全角公式"
    assert ws["A4"].value == "质量月启动仪式"
    assert ws["D2"].value == "-1"
    # no cell of the file is a formula
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)


def test_xlsx_formula_text_is_quote_prefixed_not_apostrophed() -> None:
    """Issue 14 item 6: Excel's quote-prefix style shows the text as typed; a visible apostrophe did not."""
    ws = openpyxl.load_workbook(io.BytesIO(export.export_bytes([_batch()], "xlsx", "zh"))).active
    for ref in ("A2", "A3", "A5", "D1", "D2", "D3", "D5"):
        cell = ws[ref]
        assert cell.quotePrefix and not str(cell.value).startswith("'"), (ref, cell.value)
    assert not ws["A4"].quotePrefix and not ws["B2"].quotePrefix  # safe text and numbers keep no style


def test_xlsx_header_frozen_filterable_and_columns_sized() -> None:
    batch = pa.RecordBatch.from_pydict(
        {
            "title": ["上海市徐汇区2024年质量月启动仪式暨质量提升大会", "短"],
            "year": pa.array([2024, 2023], pa.int16()),
            "is_synthetic": [False, True],
        }
    )
    ws = openpyxl.load_workbook(io.BytesIO(export.export_bytes([batch], "xlsx", "zh"))).active
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:C3"
    widths = {c: ws.column_dimensions[c].width for c in "ABC"}
    # a title of 21 Chinese characters and 4 digits needs 46 units; a year about 6 (they were all 13)
    assert widths["A"] >= 46 and widths["B"] <= 10, widths
    assert [c.value for c in ws["C"]] == ["演示数据", "否", "是"]


def test_csv_yes_no_in_the_chosen_language() -> None:
    """Issue 14 item 6: the Chinese CSV's 演示数据 column said False/True."""
    batch = pa.RecordBatch.from_pydict({"record_id": ["a", "b", "c"], "is_synthetic": pa.array([True, False, None])})
    zh = list(csv.reader(io.StringIO(export.export_bytes([batch], "csv", "zh").decode("utf-8-sig"))))
    en = list(csv.reader(io.StringIO(export.export_bytes([batch], "csv", "en").decode("utf-8-sig"))))
    assert [r[1] for r in zh] == ["演示数据", "是", "否", ""]
    assert [r[1] for r in en] == ["Demo row", "yes", "no", ""]
    parquet = pq.read_table(io.BytesIO(export.export_bytes([batch], "parquet", "zh")))
    assert parquet.column("演示数据").to_pylist() == [True, False, None]  # typed formats stay typed


def test_parquet_keeps_values() -> None:
    table = pq.read_table(io.BytesIO(export.export_bytes([_batch()], "parquet", "en")))
    assert table.column("Participants").to_pylist() == [-12, 300, None, 0, 7]
    assert table.column("Title").to_pylist()[1] == "＋全角公式"


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "parquet"])
def test_an_upload_is_exported_by_its_uploaded_name(fmt: str) -> None:
    """来源 read all__hostile.csv / 310115__… (the inbox name's scope prefix) in every export (audit13 row 16)."""
    batch = pa.RecordBatch.from_pydict(
        {"source": ["all__hostile.csv", None, "inbox/310115__浦东报表.xlsx", "seeds/004_x.txt", "demo"]}
    )
    data = export.export_bytes([batch], fmt, "zh")
    if fmt == "csv":
        shown = [r[0] for r in csv.reader(io.StringIO(data.decode("utf-8-sig")))][1:]
        shown = [v or None for v in shown]
    elif fmt == "xlsx":
        sheet = openpyxl.load_workbook(io.BytesIO(data)).active
        shown = [c.value for c in sheet["A"]][1:]
    else:
        shown = pq.read_table(io.BytesIO(data)).column("来源").to_pylist()
    assert shown == ["hostile.csv", None, "inbox/浦东报表.xlsx", "seeds/004_x.txt", "演示数据（生成）"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "parquet"])
@pytest.mark.parametrize(
    ("lang", "sources", "places"),
    [
        (
            "zh",
            ["演示数据（生成）", "seeds/004_x.txt"],
            ["演示数据（生成） 第 2590 行", "seed_activities.csv 第 12 行"],
        ),
        (
            "en",
            ["demo data (generated)", "seeds/004_x.txt"],
            ["demo data (generated) row 2590", "seed_activities.csv row 12"],
        ),
    ],
)
def test_source_and_its_row_read_as_on_the_records_page(fmt: str, lang: str, sources: list, places: list) -> None:
    """A Chinese export said 来源 `demo` and 来源位置 `demo row 2590` / `seed_activities.csv row 12` where the
    Records page says 演示数据（生成） and 第 12 行 (audit16)."""
    batch = pa.RecordBatch.from_pydict(
        {"source": ["demo", "seeds/004_x.txt"], "source_locator": ["demo row 2590", "seed_activities.csv row 12"]}
    )
    data = export.export_bytes([batch], fmt, lang)
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))[1:]
    elif fmt == "xlsx":
        rows = [[c.value for c in r] for r in openpyxl.load_workbook(io.BytesIO(data)).active.iter_rows(min_row=2)]
    else:
        rows = [list(r.values()) for r in pq.read_table(io.BytesIO(data)).to_pylist()]
    assert [r[0] for r in rows] == sources
    assert [r[1] for r in rows] == places


@pytest.mark.parametrize("fmt", ["xlsx", "parquet"])
def test_a_missing_date_is_missing_not_empty_text(fmt: str) -> None:
    """An activity with no end date had an empty *text* as its 结束日期: a cell Excel counts as filled
    (COUNTA, "(空白)" filter) and a Parquet '' instead of null."""
    batch = pa.RecordBatch.from_pydict(
        {
            "start_date": [dt.date(2022, 9, 14), dt.date(2022, 9, 1)],
            "end_date": pa.array([None, dt.date(2022, 9, 30)], pa.date32()),
            "date_precision": ["day", "month"],
        }
    )
    data = export.export_bytes([batch], fmt, "zh")
    if fmt == "xlsx":
        ws = openpyxl.load_workbook(io.BytesIO(data)).active
        assert [c.value for c in ws["B"]] == ["结束日期", None, "2022年9月"]
    else:
        assert pq.read_table(io.BytesIO(data)).column("结束日期").to_pylist() == [None, "2022-09"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_parquet_dates_are_iso_at_their_precision_and_sort(lang: str) -> None:
    """Parquet carried the Records page's words (2022年10月1日, 2022年9月): a tool reading it got text that sorts
    10月 before 9月 and does not parse (audit17 #9). Now ISO text at the date's precision, in either language:
    sorting the text is sorting the dates, and no first day of a month or year is made up."""
    batch = pa.RecordBatch.from_pydict(
        {
            "start_date": [dt.date(2022, 10, 1), dt.date(2022, 9, 8), dt.date(2022, 9, 1), dt.date(2021, 1, 1), None],
            "date_precision": ["day", "day", "month", "year", None],
        }
    )
    table = pq.read_table(io.BytesIO(export.export_bytes([batch], "parquet", lang)))
    values = table.column(0).to_pylist()
    assert values == ["2022-10-01", "2022-09-08", "2022-09", "2021", None]
    assert sorted(v for v in values if v) == ["2021", "2022-09", "2022-09-08", "2022-10-01"]
    assert dt.date.fromisoformat(values[1]) == dt.date(2022, 9, 8)


@pytest.mark.parametrize(("lang", "shown"), [("zh", 'yyyy"年"m"月"d"日"'), ("en", "d mmm yyyy")])
def test_xlsx_day_dates_are_excel_dates_shown_as_written(lang: str, shown: str) -> None:
    """Dates were text (2022年9月14日): Excel sorted 9月14日 before 9月8日 and 10月 before 9月, and its date
    filters did not apply. A date known to the day is an Excel date with a format that shows the same text;
    a month or a year stays text, so no first day of a month is made up."""
    batch = pa.RecordBatch.from_pydict(
        {
            "start_date": [dt.date(2022, 9, 14), dt.date(2022, 9, 8), dt.date(2022, 9, 1), dt.date(2022, 1, 1)],
            "date_precision": ["day", "day", "month", "year"],
        }
    )
    ws = openpyxl.load_workbook(io.BytesIO(export.export_bytes([batch], "xlsx", lang))).active
    days = [ws["A2"], ws["A3"]]
    assert [c.value for c in days] == [dt.datetime(2022, 9, 14), dt.datetime(2022, 9, 8)]
    assert all(c.is_date and c.number_format == shown for c in days)
    assert sorted(c.value for c in days)[0].day == 8  # sorts as dates, not as text
    month, year = ("2022年9月", "2022年") if lang == "zh" else ("Sep 2022", "2022")
    assert [ws["A4"].value, ws["A5"].value] == [month, year]


def test_unknown_format() -> None:
    with pytest.raises(ValueError):
        export.export_bytes([_batch()], "pdf", "zh")


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "parquet"])
def test_exports_exactly_the_filtered_rows(tiny_db, fmt: str) -> None:
    wh = Warehouse(tiny_db)
    f = Filters(districts=("310115", "310104"), include_demo=False)
    expected = {r[0] for r in TINY_ROWS if r[3] in ("310115", "310104") and not r[11]}
    # small batches: every batch must be written, not only the first page
    data = export.export_bytes(queries.records_for_export(wh, f, batch_rows=2), fmt, "zh")
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
        ids = {r["记录编号"] for r in rows}
        assert any(r["区"] == "徐汇区" for r in rows)
    elif fmt == "xlsx":
        ws = openpyxl.load_workbook(io.BytesIO(data)).active
        header = [c.value for c in ws[1]]
        ids = {row[header.index("记录编号")] for row in ws.iter_rows(min_row=2, values_only=True)}
    else:
        ids = set(pq.read_table(io.BytesIO(data)).column("记录编号").to_pylist())
    assert ids == expected


def test_a_download_is_named_by_its_selection() -> None:
    """Every records download was quality-month-<run id>.csv: two selections' files had one name (audit16)."""
    run = "20261207T190912-4168"
    a = export.file_name("2024 · 上海市 · 含演示数据", run, "csv", "zh")
    assert a == "质量月活动明细（2024 · 上海市 · 含演示数据）_20261207T190912-4168.csv"
    assert a != export.file_name("2023 · 上海市 · 含演示数据", run, "csv", "zh")
    en = export.file_name('2024 · Shanghai · search for "a/b:c"', run, "xlsx", "en")
    assert en == "Quality Month records (2024 · Shanghai · search for abc)_20261207T190912-4168.xlsx"
    long = export.file_name("、".join(["新疆维吾尔自治区"] * 40), run, "parquet", "zh")
    assert len(long.encode()) <= 255 and long.endswith("…）_20261207T190912-4168.parquet")


def test_parquet_keeps_whole_numbers_whole_when_one_is_missing() -> None:
    """参与人数 came out as doubles (210.0) whenever the first rows had a missing count (audit16)."""
    batch = pa.RecordBatch.from_pydict(
        {"participants": pa.array([None, 210], pa.int64()), "year": pa.array([2024, 2024], pa.int16())}
    )
    table = pq.read_table(io.BytesIO(export.export_bytes([batch], "parquet", "zh")))
    assert table.schema.field("参与人数").type == pa.int64() and table.schema.field("年份").type == pa.int16()
    assert table.column("参与人数").to_pylist() == [None, 210]


@pytest.mark.parametrize(("lang", "tab"), [("zh", "明细"), ("en", "Records")])
def test_the_xlsx_sheet_tab_is_named_in_the_files_language(lang: str, tab: str) -> None:
    """A Chinese workbook's only sheet was named `records` (audit16)."""
    data = export.export_bytes([pa.RecordBatch.from_pydict({"title": ["质量开放日"]})], "xlsx", lang)
    assert openpyxl.load_workbook(io.BytesIO(data)).sheetnames == [tab]


@pytest.fixture(scope="module")
def bundled_db(tmp_path_factory):
    """The bundled sources and the demo rows, through the real ETL (as `scripts/run.sh` loads them)."""
    from pathlib import Path

    from etl.pipeline import run_pipeline

    db = tmp_path_factory.mktemp("roundtrip") / "quality.duckdb"
    run_pipeline([Path(__file__).resolve().parents[2] / "data" / "sources"], db, demo=True, progress=False)
    return db


# What a record says, as the warehouse holds it (the locator and run ids aside: a new file, a new run).
_SAID = (
    "record_id, title, start_date, date_precision, adcode, activity_type, industry, organizer, organizer_type, "
    "participants, participants_unit, participants_qualifier, mode, is_synthetic"
)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_download_loads_back_as_the_same_records(bundled_db, tmp_path, fmt: str, lang: str) -> None:
    """Download, correct, upload: the Chinese export's 主办方类型、单位、精确度、演示数据 were headers the ETL ignored,
    so 约 290 came back exact, demo rows came back as real activities (真实) and organiser types were guessed."""
    import duckdb

    from etl.pipeline import run_pipeline

    f = Filters(years=(2024,), districts=("310000",))
    wh = Warehouse(bundled_db)
    data = export.export_bytes(queries.records_for_export(wh, f, lang=lang), fmt, lang)
    (tmp_path / f"back.{fmt}").write_bytes(data)
    summary = run_pipeline([tmp_path / f"back.{fmt}"], tmp_path / "back.duckdb", demo=False)
    assert summary.rows_rejected == 0, summary.top_reasons  # 单位数 was an unknown unit
    notes = (summary.files[0].message or "").split("; ")
    ignored = {c.strip() for m in notes if "ignored columns" in m for c in m.split(":")[-1].split(",")}
    # only what is derived, never said: the region's names and codes at each level, the date's precision, the locator
    assert (
        ignored
        and not {"主办方类型", "人数单位", "人数精度", "演示数据", "Organiser type", "Unit", "Qualifier", "Demo row"}
        & ignored
    )
    query = f"SELECT {_SAID} FROM activities ORDER BY record_id"
    with duckdb.connect(str(bundled_db), read_only=True) as con:
        ids = [
            r[0]
            for r in wh.query(
                "SELECT record_id FROM activities WHERE year = 2024 AND province_adcode = '310000'"
            ).itertuples(index=False)
        ]
        before = con.execute(
            f"SELECT {_SAID} FROM activities WHERE list_contains($ids, record_id) ORDER BY record_id", {"ids": ids}
        ).fetchall()
    with duckdb.connect(str(tmp_path / "back.duckdb"), read_only=True) as con:
        after = con.execute(query).fetchall()
    assert len(after) == len(before) > 700
    assert after == before


def test_an_id_of_digits_survives_download_and_upload(tmp_path) -> None:
    """The CSV writes an all-digit id as ="000123" so Excel keeps its zeros; loaded again, that cell was the new id
    `="000123"` (a second record beside the first). The ETL reads Excel's text-formula form as its text."""
    import csv as _csv

    import duckdb

    from etl.pipeline import run_pipeline

    batch = pa.RecordBatch.from_pydict(
        {
            "record_id": ["000123", "a1b2"],
            "title": ["徐汇质量讲座", "徐汇开放日"],
            "region": ["徐汇区", "徐汇区"],
            "start_date": [dt.date(2024, 9, 3), dt.date(2024, 9, 4)],
            "date_precision": ["day", "day"],
        }
    )
    data = export.export_bytes([batch], "csv", "zh")
    assert list(_csv.reader(io.StringIO(data.decode("utf-8-sig"))))[1][0] == '="000123"'  # what Excel is given
    (tmp_path / "back.csv").write_bytes(data)
    summary = run_pipeline([tmp_path / "back.csv"], tmp_path / "w.duckdb", demo=False)
    assert summary.rows_rejected == 0, summary.top_reasons
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        ids = con.execute("SELECT record_id, title FROM activities ORDER BY title").fetchall()
    assert ids == [("a1b2", "徐汇开放日"), ("000123", "徐汇质量讲座")]


def test_a_guarded_formula_cell_loads_back_as_it_was(tmp_path) -> None:
    """The CSV writes a text starting like a formula behind an apostrophe ('=HYPERLINK(…)) so a spreadsheet shows it
    as text; loaded again, the apostrophe stayed in the stored title and organiser (`'+cmd|calc`, audit18). The ETL
    reads it as the guard it is, in CSV and in XLSX (a CSV opened and saved by a spreadsheet keeps the cell)."""
    import csv as _csv

    import duckdb
    import openpyxl

    from etl.pipeline import run_pipeline

    titles = ['=HYPERLINK("http://x","点我")', "@SUM(1+1)", "－2024 质量讲座", "'引号开头的标题", "普通标题"]
    organisers = ["+cmd|calc", "-2+3", "＝局", "徐汇区局", "'=已有引号"]
    batch = pa.RecordBatch.from_pydict(
        {
            "record_id": [f"r{i}" for i in range(5)],
            "title": titles,
            "organizer": organisers,
            "region": ["徐汇区"] * 5,
            "start_date": [dt.date(2024, 9, 3 + i) for i in range(5)],
            "date_precision": ["day"] * 5,
        }
    )
    data = export.export_bytes([batch], "csv", "zh")
    written = list(_csv.reader(io.StringIO(data.decode("utf-8-sig"))))[1:]
    assert written[0][1].startswith("'=") and written[1][2] == "'-2+3"  # what a spreadsheet is given
    (tmp_path / "back.csv").write_bytes(data)
    # the same cells as a spreadsheet saves them after opening the CSV (text, apostrophe kept)
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in list(_csv.reader(io.StringIO(data.decode("utf-8-sig")))):
        ws.append(row)
    for cell in ws[1]:
        cell.data_type = "s"
    wb.save(tmp_path / "back.xlsx")
    for name in ("back.csv", "back.xlsx"):
        summary = run_pipeline([tmp_path / name], tmp_path / f"{name}.duckdb", demo=False)
        assert summary.rows_rejected == 0, summary.top_reasons
        with duckdb.connect(str(tmp_path / f"{name}.duckdb"), read_only=True) as con:
            got = con.execute("SELECT title, organizer FROM activities ORDER BY record_id").fetchall()
        # a text that itself starts with an apostrophe not before a formula character keeps it
        assert got == list(zip(titles, organisers, strict=True)), name
