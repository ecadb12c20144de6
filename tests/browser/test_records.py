"""Records page in a real browser: the CSV download is exactly the filtered rows, UTF-8 with BOM, Chinese intact."""

from __future__ import annotations

import csv
import io
import re

import duckdb
import pytest

from analytics.i18n import col, t
from tests.browser.helpers import HAN, exceptions, open_page, records_download_button

pytestmark = pytest.mark.browser

BOM = b"\xef\xbb\xbf"


def shown_total(page) -> int:
    """The record count the page states in its pager caption ("第 1 / 2 页，共 94 条")."""
    pattern = re.escape(t("page_of", "zh", page="§", pages="§", total="§")).replace("§", r"([\d,]+)")
    caption = page.get_by_text(re.compile(pattern)).first
    caption.wait_for()
    match = re.search(pattern, caption.inner_text())
    assert match, caption.inner_text()
    return int(match.group(3).replace(",", ""))


def download_csv(page) -> bytes:
    button = records_download_button(page, "csv")
    with page.expect_download() as info:
        button.click()
    download = info.value
    assert download.failure() is None
    assert download.suggested_filename.endswith(".csv")
    # named by the selection it holds, as the line under the heading words it (audit16: every download was
    # quality-month-<run id>.csv, so two selections' files had one name)
    shown = page.locator("[data-testid='stMain'] [data-testid='stCaptionContainer']").first.inner_text().strip()
    assert download.suggested_filename.startswith(f"质量月活动明细（{shown}）_"), (download.suggested_filename, shown)
    return download.path().read_bytes()


@pytest.mark.parametrize(
    ("query", "where", "params"),
    [
        # the real rows only: every title is Chinese text from the seed documents
        ("demo=0", "NOT is_synthetic", []),
        # a narrower selection mixing demo rows, to show the file follows the filter, not the page
        ("region=310115&year=2023", "district_adcode = ? AND year = ?", ["310115", 2023]),
    ],
)
def test_csv_download_is_the_filtered_rows(page, app, nav_paths, offsite, query, where, params):
    with duckdb.connect(str(app.db), read_only=True) as con:
        titles = sorted(
            r[0] or "" for r in con.execute(f"SELECT title FROM activities WHERE {where}", params).fetchall()
        )
    assert titles, f"the served warehouse has no rows for {query}; the test would prove nothing"

    open_page(page, app, nav_paths["page_records"], query)
    total = shown_total(page)
    assert total == len(titles)
    raw = download_csv(page)

    assert raw.startswith(BOM)
    text = raw[len(BOM) :].decode("utf-8")  # strict: any mangled byte fails here
    assert "\ufffd" not in text
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(rows) == total
    title_col = col("title", "zh")
    assert title_col in rows[0], list(rows[0])
    # every title arrives exactly as stored (formula-neutralised cells aside, none here start with = + - @)
    assert sorted(r[title_col] for r in rows) == titles
    assert sum(bool(HAN.search(r[title_col])) for r in rows) >= len(rows) * 0.9
    assert exceptions(page) == []
    assert offsite == []
