"""bench/browser_bench.py: the page table read from dashboard.py, and (browser) a real timing run."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import browser_bench


def test_dashboard_pages_come_from_dashboard_py() -> None:
    pages = browser_bench.dashboard_pages()
    assert set(pages) == set(browser_bench.CHARTS_PER_PAGE)
    assert pages["overview"][0] == ""  # the default page is served at /
    assert all(url for name, (url, _n) in pages.items() if name != "overview")


def test_dashboard_pages_without_table_fail_loudly(tmp_path: Path) -> None:
    entry = tmp_path / "dashboard.py"
    entry.write_text("import streamlit as st\n", encoding="utf-8")
    with pytest.raises(RuntimeError, match="no PAGES table"):
        browser_bench.dashboard_pages(entry)


@pytest.mark.browser
def test_one_chart_page_is_timed(bench_db: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=browser_bench.CHROMIUM, args=browser_bench.CHROMIUM_ARGS)
        try:
            with browser_bench.streamlit_server("bench/one_chart_app.py", bench_db, log=lambda *_: None) as (url, _p):
                [times] = browser_bench.measure_app(
                    browser, url, "one_chart", browser_bench.ONE_CHART, loads=1, changes=1, log=lambda *_: None
                )
        finally:
            browser.close()
    assert times.error is None
    assert times.cold_load_ms > 0 and times.warm_load_ms > 0
    assert times.filter_change_ms > 0 and len(times.changes_ms) == 1
