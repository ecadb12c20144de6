"""The English switch in a real browser: labels, page names and district names turn English and stay so."""

from __future__ import annotations

import re

import pytest

from analytics.i18n import t
from tests.browser.helpers import (
    HAN,
    PAGE_KEYS,
    SHANGHAI_DISTRICTS,
    chart_marks,
    exceptions,
    nav_link,
    open_page,
    pick_place,
    wait_charts,
    wait_idle,
)

pytestmark = pytest.mark.browser


def test_english_switch(page, app, nav_paths, offsite):
    open_page(page, app)
    page.locator("[data-testid='stSidebar']").get_by_role("radio", name="English", exact=True).click()
    page.get_by_role("heading", name=t("app_title", "en", place="China"), level=1).wait_for()
    page.wait_for_url(re.compile(r"[?&]lang=en(&|$)"))
    wait_idle(page)

    # navigation, page title and KPI labels are English, with no Chinese left in them
    nav = page.locator("[data-testid='stSidebarNav'] a").all_inner_texts()
    assert not [s for s in nav if HAN.search(s)], nav
    for key in PAGE_KEYS:
        assert nav_link(page, t(key, "en")).count() == 1, (key, nav)
    assert page.locator("[data-testid='stMain'] h2").first.inner_text().strip() == t("page_overview", "en")
    labels = page.locator("[data-testid='stMetricLabel']").all_inner_texts()
    assert labels and not [s for s in labels if HAN.search(s)], labels
    widget_labels = page.locator("[data-testid='stSidebar'] [data-testid='stWidgetLabel']").all_inner_texts()
    assert t("place_province", "en") in [s.strip() for s in widget_labels]
    # the only Chinese a sidebar label may keep is the bilingual language switch itself
    assert [s for s in widget_labels if HAN.search(s)] == [t("language", "en")], widget_labels

    # the language survives page changes within the session, and district names are English
    pick_place(page, "Shanghai", lang="en")
    nav_link(page, t("page_districts", "en")).click()
    page.get_by_role("heading", name=t("page_districts", "en"), level=2).wait_for()
    wait_idle(page)
    wait_charts(page, 3)
    assert "lang=en" in page.url
    assert all(d["marks"] > 0 for d in chart_marks(page))
    strings = set(
        page.evaluate(
            """() => [...document.querySelectorAll('.js-plotly-plot')].flatMap(gd => gd.data.flatMap(tr =>
            ['x', 'y', 'text', 'hovertext'].flatMap(k => Array.isArray(tr[k]) ? tr[k].flat(2) : [tr[k]])))
            .filter(s => typeof s === 'string')"""
        )
    )
    joined = "\n".join(strings)
    for zh, en in SHANGHAI_DISTRICTS.values():
        assert en in joined, f"{en} missing from the English district charts"
        assert zh not in joined, f"{zh} left untranslated in the English district charts"
    assert exceptions(page) == []

    # a shared English link opens in English
    other = page.context.new_page()
    other.goto(page.url, wait_until="domcontentloaded")
    other.get_by_role("heading", name=t("page_districts", "en"), level=2).wait_for()
    assert offsite == []
