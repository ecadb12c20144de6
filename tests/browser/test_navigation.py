"""Addresses in a real browser: every page has a stable link, aliases and old file stems land on it.

A freshly started server is where Streamlit's legacy multipage mode (a pages/ folder) showed, until
the first st.navigation call; the deep-link tests get a server of their own (``fresh_app``) and make
their link that server's very first request.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from analytics.i18n import t
from tests.browser.helpers import exceptions, open_page, wait_idle
from ui import nav
from ui.access import page_title

pytestmark = pytest.mark.browser

# Every title the sidebar may list (zh), by i18n key; raw file stems must never appear there.
NAV_TITLES = {"page_overview", "page_districts", "page_industries", "page_types", "page_records", "page_status"}
STEMS = ("overview", "districts", "industries", "activity_types", "records", "data_status", "upload")


def nav_texts(pg) -> list[str]:
    links = pg.locator("[data-testid='stSidebarNav'] a")
    return [links.nth(i).inner_text().strip() for i in range(links.count())]


def page_not_found(pg) -> bool:
    return pg.get_by_text(re.compile("page not found", re.I)).count() > 0


def header(pg) -> str:
    return pg.locator("[data-testid='stMain'] h2").first.inner_text().strip()


def assert_dashboard_page(pg, title_key: str) -> None:
    """The page of `title_key` drawn inside the dashboard: its header, the filter sidebar, the menu."""
    # a redirect is a second script run: wait for the filters it draws, then for the run to end
    # (web-first: the sidebar and the menu can be drawn a frame after the run reports idle)
    # (the place picker and the popover of the secondary filters; the popover's lists are drawn only
    # while it is open)
    more_filters = pg.locator("[data-testid='stSidebar'] [data-testid='stPopoverButton']")
    more_filters.first.wait_for()
    wait_idle(pg)
    expect(pg.locator("[data-testid='stMain'] h2").first).to_have_text(t(title_key, "zh"))
    pg.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").first.wait_for()  # the place picker
    expect(more_filters.first).to_contain_text(t("more_filters", "zh"))
    wanted = {t(k, "zh") for k in NAV_TITLES}
    texts = nav_texts(pg)
    for _ in range(120):
        if wanted <= set(texts):
            break
        pg.wait_for_timeout(250)
        texts = nav_texts(pg)
    assert wanted <= set(texts), texts
    assert not any(stem in texts for stem in STEMS), texts
    assert not page_not_found(pg)
    assert exceptions(pg) == []


def test_legacy_stem_link_on_fresh_server_lands_in_the_dashboard(page, fresh_app, offsite):
    """The first request of a new server is /records (an old file stem): it lands on its page."""
    page.goto(fresh_app.page_url("records", "demo=0&region=310104"), wait_until="domcontentloaded")
    page.wait_for_url(re.compile(r"/record-list\?"))
    assert_dashboard_page(page, "page_records")
    assert "demo=0" in page.url and "region=310104" in page.url
    # the filters of the link are applied, not merely kept in the address
    assert page.get_by_text(t("real_only", "zh")).count() > 0
    assert offsite == []


# Every text the sidebar's page list shows, sampled on each animation frame from the first moment of
# a page load (installed before any script of the page runs).
NAV_SAMPLER_JS = """(() => { window.__navSeen = new Set();
    const sample = () => { document.querySelectorAll("[data-testid='stSidebarNav'] a")
        .forEach(a => window.__navSeen.add(a.textContent.trim())); requestAnimationFrame(sample); };
    requestAnimationFrame(sample); })()"""


def test_first_load_of_a_fresh_server_never_lists_file_names(page, fresh_app, offsite):
    """audit16 #15: a new server's first page load listed the page files' English names (a pages/
    folder: Streamlit's legacy mode) for about a second before the dashboard's own menu."""
    page.add_init_script(NAV_SAMPLER_JS)
    page.goto(fresh_app.page_url("", ""), wait_until="domcontentloaded")
    assert_dashboard_page(page, "page_overview")
    seen = set(page.evaluate("() => [...window.__navSeen]"))
    assert {t(k, "zh") for k in NAV_TITLES} <= seen  # the sampler saw the menu
    assert seen <= {page_title(p.title_key, "zh") for p in nav.PAGES}, seen  # nothing else, ever
    assert offsite == []


@pytest.mark.parametrize(
    ("path", "title_key", "lands_on"),
    [
        ("record-list", "page_records", r"/record-list\?"),
        ("home", "page_overview", r"/\?"),
    ],
)
def test_deep_link_on_fresh_server_shows_no_page_not_found(page, fresh_app, offsite, path, title_key, lands_on):
    """Issue 14, rough edge 1: /record-list?year=2022 as a new server's first request showed Streamlit's
    English "Page not found" dialog over the page (the legacy pages/ mode knew only file stems)."""
    page.goto(fresh_app.page_url(path, "year=2022"), wait_until="domcontentloaded")
    page.wait_for_url(re.compile(lands_on))
    assert_dashboard_page(page, title_key)
    page.wait_for_timeout(1000)  # the dialog, when sent, comes with the first script run
    assert not page_not_found(page)
    assert "year=2022" in page.url
    assert page.locator("[data-testid='stSidebar'] [data-testid='stSliderThumbValue']").first.inner_text() == "2022"
    assert offsite == []


@pytest.mark.parametrize(
    ("path", "title_key", "lands_on"),
    [
        ("", "page_overview", r"/(\?|$)"),
        ("home", "page_overview", r"/(\?|$)"),
        ("overview", "page_overview", r"/(\?|$)"),
        ("districts", "page_districts", r"/district-map"),
        ("industries", "page_industries", r"/industry-breakdown"),
        ("activity_types", "page_types", r"/activity-types"),
        ("records", "page_records", r"/record-list"),
        ("data_status", "page_status", r"/data-status"),
        ("data-status", "page_status", r"/data-status"),
    ],
)
def test_every_address_reaches_its_page_without_a_dialog(page, app, offsite, path, title_key, lands_on):
    open_page(page, app, path, query="year=2024")
    page.wait_for_url(re.compile(lands_on))
    assert_dashboard_page(page, title_key)
    assert "year=2024" in page.url
    assert offsite == []


def test_sidebar_links_are_the_addresses_that_work(page, app, nav_paths, offsite):
    """Each menu link, opened as a new session, shows its page (the overview's link is "/")."""
    assert nav_paths["page_overview"] == ""
    for key, path in nav_paths.items():
        open_page(page, app, path)
        assert_dashboard_page(page, key)
    assert offsite == []
