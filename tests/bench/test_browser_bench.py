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


def test_apps_are_visited_in_turn_each_round(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every round opens every page of every app, a page right after its floor; in the last round the
    versions of a page take their filter changes in alternation, so they share the machine's load."""
    events: list[str] = []

    class Ctx:
        def __init__(self, url: str) -> None:
            self.url = url

        def close(self) -> None:
            events.append("close " + self.url)

    def fake_open(_browser, url: str, n: int):
        events.append("open " + url)
        return Ctx(url), url, float(sum(e.startswith("open") for e in events))

    def fake_change(page: str, n: int):
        events.append("change " + page)
        return 10.0, 12.0

    monkeypatch.setattr(browser_bench, "open_page", fake_open)
    monkeypatch.setattr(browser_bench, "change_filter", fake_change)
    apps = [
        ("one_chart", "http://a", {"one_chart": ("", 1)}),
        ("bare", "http://b", {"overview": ("?page=overview", 3)}),
        ("dashboard", "http://c", {"overview": ("", 3), "data_status": ("status", 3)}),
    ]
    out = browser_bench.measure_apps(None, apps, loads=1, changes=2, log=lambda *_: None)
    a, b, c, s = "http://a/", "http://b/?page=overview", "http://c/", "http://c/status"
    first_round = [f"open {a}", f"close {a}", f"open {b}", f"close {b}", f"open {c}", f"close {c}"]
    first_round += [f"open {s}", f"close {s}"]
    last_round = [f"open {a}", f"change {a}", f"change {a}", f"close {a}"]
    last_round += [f"open {b}", f"open {c}", f"change {b}", f"change {c}", f"change {b}", f"change {c}"]
    last_round += [f"close {b}", f"close {c}", f"open {s}", f"close {s}"]  # data status: no filters
    assert events == first_round + last_round
    by = {(p.app, p.page): p for p in out}
    assert by["one_chart", "one_chart"].loads_ms == [1.0, 5.0]
    assert by["one_chart", "one_chart"].cold_load_ms == 1.0 and by["one_chart", "one_chart"].warm_load_ms == 5.0
    assert by["bare", "overview"].changes_ms == [10.0, 10.0] and by["dashboard", "overview"].change_done_ms == 12.0
    assert by["dashboard", "data_status"].filter_change_ms is None
