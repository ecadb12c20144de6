"""Records outside Shanghai's districts are findable by place, in the table and in all three exports.

On the bundled data: the 山东省 records (province-wide, no city or district) and the city-wide
上海市 records (no district) are picked in the sidebar's place picker; the Records page lists
them with province, city, district and the region at their own level, dates at their precision,
and the CSV, XLSX and Parquet downloads hold exactly those rows with a date_precision column.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import duckdb
import openpyxl
import pyarrow.parquet as pq
import pytest

from analytics import fmt
from analytics.i18n import col, label
from tests.browser.helpers import exceptions, open_page, pick_place, records_download_button, wait_idle

pytestmark = pytest.mark.browser

FORMATS = ("csv", "xlsx", "parquet")


def stored(db, where: str) -> list[dict]:
    """The rows the export must hold, from the warehouse itself (grain: one row per activity)."""
    with duckdb.connect(str(db), read_only=True) as con:
        cur = con.execute(
            # place names are read from regions by adcode (domain.record.READ_TIME_COLUMNS)
            f"SELECT title, p.name_zh AS province, c.name_zh AS city, d.name_zh AS district, start_date, "
            f"date_precision FROM (SELECT * FROM activities WHERE NOT is_synthetic AND {where}) a "
            f"LEFT JOIN regions p ON p.adcode = a.province_adcode "
            f"LEFT JOIN regions c ON c.adcode = a.city_adcode LEFT JOIN regions d ON d.adcode = a.district_adcode"
        )
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def download(page, fmt_name: str) -> bytes:
    button = records_download_button(page, fmt_name)
    with page.expect_download() as info:
        button.click()
    assert info.value.failure() is None
    return info.value.path().read_bytes()


def read_export(raw: bytes, fmt_name: str) -> list[dict]:
    """The downloaded file's rows as dicts of text (headers as shown)."""
    if fmt_name == "csv":
        return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    if fmt_name == "xlsx":
        ws = openpyxl.load_workbook(io.BytesIO(raw), read_only=True).active
        # a date known to the day is an Excel date, shown by its number format as the other formats write it
        rows = [
            ["" if v is None else fmt.date_text(v, "day", "zh") if isinstance(v, dt.datetime) else str(v) for v in r]
            for r in ws.iter_rows(values_only=True)
        ]
        header = [h.lstrip("'") for h in rows[0]]
        return [dict(zip(header, r, strict=True)) for r in rows[1:]]
    table = pq.read_table(io.BytesIO(raw))
    return [{k: "" if v is None else str(v) for k, v in r.items()} for r in table.to_pylist()]


@pytest.mark.parametrize(
    ("province", "where", "region_name", "above_county"),
    [
        # 山东省: two province-wide records, no city, no district
        ("山东省", "province_adcode = '370000'", "山东省", "province_adcode = '370000'"),
        # 上海市: its city-wide records are kept with the districts' records, named 上海市 at their level
        ("上海市", "province_adcode = '310000'", "上海市", "city_adcode = '310100' AND district_adcode IS NULL"),
    ],
)
def test_records_and_exports_findable_by_place(
    page, app, nav_paths, offsite, province, where, region_name, above_county
):
    expected = stored(app.db, where)
    own_level = stored(app.db, above_county)
    assert expected and own_level, "the bundled data must hold such records"
    open_page(page, app, nav_paths["page_records"], "demo=0")
    pick_place(page, province)
    wait_idle(page)
    page.get_by_text(re.compile(rf"共 {len(expected):,} 条")).first.wait_for()

    for fmt_name in FORMATS:
        rows = read_export(download(page, fmt_name), fmt_name)
        assert len(rows) == len(expected), fmt_name
        assert sorted(r[col("title", "zh")] for r in rows) == sorted(e["title"] for e in expected), fmt_name
        assert {r[col("province", "zh")] for r in rows} == {province}, fmt_name
        # records above county level: their region is the province / city itself, district empty
        above = [r for r in rows if r[col("district", "zh")] == ""]
        assert len(above) == len(own_level), fmt_name
        assert {r[col("region", "zh")] for r in above} == {region_name}, fmt_name
        # dates as precisely as they are known, and the precision itself
        precisions = {label("date_precision", e["date_precision"], "zh") for e in expected}
        assert {r[col("date_precision", "zh")] for r in rows} == precisions, fmt_name
        # people's files write a date as the page does (2022年9月); Parquet, for tools, as ISO text at its
        # precision (2022-09): neither makes up the first day of a month or a year
        assert sorted(r[col("start_date", "zh")] for r in rows) == sorted(
            fmt.iso_date_text(e["start_date"], e["date_precision"])
            if fmt_name == "parquet"
            else fmt.date_text(e["start_date"], e["date_precision"], "zh")
            for e in expected
        ), fmt_name
    assert exceptions(page) == []
    assert offsite == []
