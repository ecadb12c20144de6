"""Sidebar filters in a real browser: the KPI figures follow them, the URL carries them, a shared link restores them.

Expected figures are counted straight from the warehouse file the app serves, so a KPI that
changes but to the wrong number still fails.
"""

from __future__ import annotations

import re

import duckdb
import pytest
from playwright.sync_api import expect

from analytics.i18n import label, t
from tests.browser.helpers import (
    exceptions,
    expect_tags,
    metric_locator,
    metric_value,
    open_page,
    pick_place,
    sidebar_multiselect,
    to_int,
    wait_idle,
)

pytestmark = pytest.mark.browser

ACTIVITIES = t("kpi_activities", "zh")


def count(db, where: str = "TRUE", params: list | None = None) -> int:
    """Activities in the served warehouse matching `where` (grain: one row per activity)."""
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(f"SELECT count(*) FROM activities WHERE {where}", params or []).fetchone()[0]


def test_district_filter_changes_kpis_and_travels_in_the_url(page, app, offsite):
    open_page(page, app)
    total = to_int(metric_value(page, ACTIVITIES))
    assert total == count(app.db)

    # the place picker: 34 provinces, then the counties of the one chosen (not 2,840 districts at once)
    pick_place(page, "上海市", "浦东新区")
    page.wait_for_url(re.compile(r"[?&]region=310115(&|$)"))
    pudong = count(app.db, "district_adcode = ?", ["310115"])
    assert 0 < pudong < total
    expect(metric_locator(page, ACTIVITIES)).to_have_text(f"{pudong:,}")
    wait_idle(page)
    assert to_int(metric_value(page, ACTIVITIES)) == pudong
    shared = page.url
    assert exceptions(page) == []

    # A colleague opens the shared link: a new session, same view.
    other = page.context.new_page()
    other.goto(shared, wait_until="domcontentloaded")
    wait_idle(other)
    assert to_int(metric_value(other, ACTIVITIES)) == pudong
    expect_tags(sidebar_multiselect(other, t("place_counties", "zh")), ["浦东新区"])
    assert other.url == shared
    assert exceptions(other) == []
    assert offsite == []


@pytest.mark.parametrize(
    ("query", "where", "params"),
    [
        ("year=2024", "year = ?", [2024]),
        ("year=2024&demo=0", "year = ? AND NOT is_synthetic", [2024]),
        ("demo=0", "NOT is_synthetic", []),
        ("type=training&region=310104", "activity_type = ? AND district_adcode = ?", ["training", "310104"]),
        ("region=370000", "province_adcode = ?", ["370000"]),
    ],
)
def test_link_with_filters_restores_them(page, app, offsite, query, where, params):
    """Opening a link with filters in the URL shows exactly the warehouse's count for that selection."""
    expected = count(app.db, where, params)
    open_page(page, app, query=query)
    if expected == 0:
        assert page.get_by_text(t("banner_no_rows", "zh")).count() > 0
    else:
        assert to_int(metric_value(page, ACTIVITIES)) == expected
    if "year=2024" in query:
        thumbs = page.locator("[data-testid='stSidebar'] [data-testid='stSlider'] input[type='range']")
        # chart pages draw the sidebar after the page body (ui/sidebar.py): wait for the slider, do not race it
        expect(thumbs).to_have_count(2)
        assert thumbs.evaluate_all("els => els.map(e => e.value)") == ["2024", "2024"]
    # the app keeps the filter in the URL (it does not fall back to the full view)
    for pair in query.split("&"):
        assert pair in page.url.split("?", 1)[1].split("&"), page.url
    assert exceptions(page) == []
    assert offsite == []


def test_first_session_after_start_keeps_demo_rows(page, fresh_app, offsite):
    """Regression: the first session after the server starts lost "include demo" on its first click.

    The toggle was drawn checked but reported off on the rerun, so the first visitor after a
    restart silently saw real rows only (URL gained demo=0).
    """
    open_page(page, fresh_app)
    total = to_int(metric_value(page, ACTIVITIES))
    pick_place(page, "上海市", "浦东新区")
    page.wait_for_url(re.compile(r"[?&]region=310115(&|$)"))
    wait_idle(page)
    assert "demo=0" not in page.url
    expect(metric_locator(page, ACTIVITIES)).to_have_text(f"{count(fresh_app.db, 'district_adcode = ?', ['310115']):,}")
    assert total == count(fresh_app.db)
    assert offsite == []


def test_secondary_filters_in_a_popover_filter_every_figure(page, app, offsite):
    """Industry, activity type, campaign and organiser type sit in one sidebar popover (the browser
    draws them only while it is open): picking a value there filters the page, the popover stays open,
    its label counts the values picked, and the list's own texts are Chinese."""
    open_page(page, app)
    button = page.locator("[data-testid='stSidebar'] [data-testid='stPopoverButton']")
    expect(button).to_contain_text(t("more_filters", "zh"))
    body = page.locator("[data-testid='stPopoverBody']")
    expect(body).to_have_count(0)  # closed: its four multiselects are not in the page
    button.click()
    industries = body.locator("[data-testid='stMultiSelect']").filter(
        has=page.locator("[data-testid='stWidgetLabel']", has_text=re.compile(rf"^\s*{t('industries', 'zh')}\s*$"))
    )
    expect(industries).to_have_count(1)
    box = industries.locator(".react-aria-ComboBox input[role='combobox']")
    box.click()
    expect(page.get_by_role("option", name="全选", exact=True)).to_be_visible()
    expect(page.get_by_text("Select all", exact=True)).to_have_count(0)
    manufacturing = label("industry", "manufacturing", "zh")
    box.fill(manufacturing)
    page.get_by_role("option", name=manufacturing, exact=True).click()
    page.wait_for_url(re.compile(r"[?&]industry=manufacturing(&|$)"))
    expected = count(app.db, "industry = ?", ["manufacturing"])
    assert 0 < expected < count(app.db)
    expect(metric_locator(page, ACTIVITIES)).to_have_text(f"{expected:,}")
    expect(button).to_contain_text(t("more_filters_active", "zh", names=t("more_filters", "zh"), n=1))
    expect(industries).to_have_count(1)  # still open after the rerun
    expect_tags(industries, [manufacturing])
    assert exceptions(page) == []
    assert offsite == []
