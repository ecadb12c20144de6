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
    # the page at "/" opens its websocket after one health probe, well before its chart is drawn
    assert 0 < times.warm_load_connect_ms < times.warm_load_ms and len(times.loads_connect_ms) == 2


def test_pages_are_timed_side_by_side_in_alternating_order(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each page group (the one-chart page, the page's floor, the page) is visited one version right
    after the other, in an order that reverses every round; in the last round the versions take their
    filter changes in ABBA order, so each sample has a partner timed seconds apart."""
    events: list[str] = []

    class Tab:
        def __init__(self, url: str) -> None:
            self.url = url

        def close(self) -> None:
            events.append("close " + self.url)

    load_ms = {"http://a/": 1000.0, "http://b/?page=overview": 1100.0, "http://c/": 1200.0, "http://c/status": 900.0}
    change_ms = {"http://a/": 200.0, "http://b/?page=overview": 400.0, "http://c/": 440.0}

    def fake_open(_browser, url: str, n: int):
        events.append("open " + url)
        return Tab(url), load_ms[url], load_ms[url] / 2

    def fake_change(tab: Tab, n: int):
        events.append("change " + tab.url)
        return change_ms[tab.url], change_ms[tab.url] + 50.0, change_ms[tab.url] / 4

    connects = iter([300.0, 100.0, 150.0, 170.0, 120.0, 400.0, 200.0, 90.0, 250.0, 130.0])

    monkeypatch.setattr(browser_bench, "open_page", fake_open)
    monkeypatch.setattr(browser_bench, "change_filter", fake_change)
    monkeypatch.setattr(browser_bench, "connect_ms", lambda _tab: next(connects))
    apps = [
        ("one_chart", "http://a", {"one_chart": ("", 1)}),
        ("bare", "http://b", {"overview": ("?page=overview", 3)}),
        ("dashboard", "http://c", {"overview": ("", 3), "data_status": ("status", 3)}),
    ]
    out = browser_bench.measure_apps(None, apps, loads=1, changes=2, log=lambda *_: None)
    a, b, c, s = "http://a/", "http://b/?page=overview", "http://c/", "http://c/status"
    first_round = [f"open {a}", f"close {a}", f"open {b}", f"close {b}", f"open {c}", f"close {c}"]
    first_round += [f"open {a}", f"close {a}", f"open {s}", f"close {s}"]
    last_round = [f"open {c}", f"open {b}", f"open {a}"]  # reversed in the second round
    last_round += [f"change {c}", f"change {b}", f"change {a}", f"change {a}", f"change {b}", f"change {c}"]
    last_round += [f"close {c}", f"close {b}", f"close {a}"]
    last_round += [f"open {s}", f"close {s}", f"open {a}", f"close {a}"]  # data status: no filters
    assert events == first_round + last_round
    by = {(p.app, p.page): p for p in out}
    one = by["one_chart", "one_chart"]
    assert one.loads_ms == [1000.0] * 4 and one.cold_load_ms == 1000.0 and len(one.changes_ms) == 2
    page = by["dashboard", "overview"]
    assert page.change_done_ms == 490.0 and page.warm_load_cpu_ms == 600.0 and page.filter_change_cpu_ms == 110.0
    assert page.paired["warm_load_vs_one_chart"] == {"median": 1.2, "q1": 1.2, "q3": 1.2, "n": 1}  # round 1 only
    assert page.paired["filter_change_vs_floor"]["median"] == pytest.approx(1.1)
    assert page.paired["filter_change_vs_floor"]["n"] == 2
    assert page.paired["change_done_vs_floor"]["median"] == pytest.approx(490 / 450)
    assert page.paired["filter_change_cpu_vs_floor"]["median"] == pytest.approx(1.1)
    assert page.paired["filter_change_vs_one_chart"]["median"] == pytest.approx(2.2)
    assert by["dashboard", "data_status"].filter_change_ms is None
    # loads in order a b c a s | c b a s a: the dashboard's overview connected at 150 (cold) and 400 ms
    assert page.loads_connect_ms == [150.0, 400.0] and page.warm_load_connect_ms == 400.0
    assert one.loads_connect_ms == [300.0, 170.0, 90.0, 130.0] and one.warm_load_connect_ms == 130.0
    assert by["dashboard", "data_status"].paired["warm_load_vs_one_chart"]["median"] == pytest.approx(0.9)


def test_paired_ratios_pair_samples_of_the_same_group_round_and_change() -> None:
    S = browser_bench.Sample
    samples = [
        S("one_chart", "one_chart", "overview", "change", 2, 0, 100.0, 100.0),
        S("one_chart", "one_chart", "records", "change", 2, 0, 300.0, 300.0),  # another group: not a partner
        S("dashboard", "overview", "overview", "change", 2, 0, 150.0, 150.0),
        S("one_chart", "one_chart", "overview", "change", 2, 1, 200.0, 200.0),
        S("dashboard", "overview", "overview", "change", 2, 1, 260.0, 260.0),
        S("dashboard", "overview", "overview", "change", 2, 2, 999.0, 999.0),  # no partner: left out
    ]
    ratios = browser_bench.paired_ratios(samples, ("dashboard", "overview"), ("one_chart", "one_chart"), "change", "ms")
    assert ratios == [1.5, 1.3]
    assert browser_bench._quartiles([1.0, 2.0, 3.0, 4.0, 5.0]) == {"median": 3.0, "q1": 2.0, "q3": 4.0, "n": 5}


def test_server_cpu_is_read_from_proc() -> None:
    import os

    t0 = browser_bench.process_cpu_ms(os.getpid())
    sum(i * i for i in range(3_000_000))  # burn some CPU
    assert browser_bench.process_cpu_ms(os.getpid()) > t0
    assert browser_bench.process_cpu_ms(None) is None


def test_compare_checkout_is_paired_with_the_dashboard_not_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    """With --compare, the dashboard's page gets its ratios to the other checkout's page timed beside it;
    the other checkout's page gets its ratios to the yardsticks but none to itself."""

    class Tab:
        def __init__(self, url: str) -> None:
            self.url = url

        def close(self) -> None:
            pass

    load_ms = {"http://a/": 1000.0, "http://b/?page=overview": 1100.0, "http://c/": 1200.0, "http://d/": 1500.0}

    monkeypatch.setattr(browser_bench, "open_page", lambda _b, url, n: (Tab(url), load_ms[url], load_ms[url] / 2))
    monkeypatch.setattr(browser_bench, "change_filter", lambda tab, n: (load_ms[tab.url] / 4, None, 10.0))
    monkeypatch.setattr(browser_bench, "connect_ms", lambda _tab: None)  # not read: no connect figure
    apps = [
        ("one_chart", "http://a", {"one_chart": ("", 1)}),
        ("bare", "http://b", {"overview": ("?page=overview", 3)}),
        ("dashboard", "http://c", {"overview": ("", 3)}),
        ("compare", "http://d", {"overview": ("", 3)}),
    ]
    by = {(p.app, p.page): p for p in browser_bench.measure_apps(None, apps, loads=2, changes=2, log=lambda *_: None)}
    page, other = by["dashboard", "overview"], by["compare", "overview"]
    assert page.paired["warm_load_vs_compare"]["median"] == pytest.approx(0.8)
    assert page.paired["change_done_vs_compare"] == {"median": 0.8, "q1": 0.8, "q3": 0.8, "n": 2}
    assert not any(k.endswith("_vs_compare") for k in other.paired)
    assert other.paired["warm_load_vs_one_chart"]["median"] == pytest.approx(1.5)
    assert page.warm_load_connect_ms is None and page.loads_connect_ms == []
