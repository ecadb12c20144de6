"""Every page opens in Chromium with no error box, draws its charts, and fetches nothing off-machine."""

from __future__ import annotations

import pytest

from analytics.i18n import t
from tests.browser.helpers import chart_marks, exceptions, nav_link, open_page, wait_charts

pytestmark = pytest.mark.browser

# (i18n key of the page title, plotly figures the page must draw, tables it must show)
PAGES = [
    pytest.param("page_overview", 3, 0, id="overview"),
    pytest.param("page_districts", 3, 0, id="districts"),
    pytest.param("page_industries", 3, 0, id="industries"),
    pytest.param("page_types", 3, 0, id="activity-types"),
    pytest.param("page_records", 0, 1, id="records"),
    pytest.param("page_status", 0, 3, id="data-status"),
]


@pytest.mark.parametrize(("title_key", "charts", "tables"), PAGES)
def test_page_renders(page, app, nav_paths, offsite, title_key, charts, tables):
    """Opened by its own deep link, the page shows its title, its charts or tables, and no error."""
    open_page(page, app, nav_paths[title_key])
    assert page.locator("[data-testid='stMain'] h2").first.inner_text().strip() == t(title_key, "zh")
    assert exceptions(page) == []
    if charts:
        wait_charts(page, charts)
        drawn = chart_marks(page)
        assert len(drawn) >= charts
        # every figure has data and drew at least one bar / line / polygon / heatmap image
        assert all(d["traces"] > 0 and d["marks"] > 0 for d in drawn), drawn
    if tables:
        grids = page.locator("[data-testid='stDataFrame']")
        grids.nth(tables - 1).wait_for()
        assert grids.count() >= tables
    assert exceptions(page) == []
    assert offsite == []


def test_navigation_keeps_session(page, app, offsite):
    """Clicking through the sidebar navigation visits every page in one session without an error."""
    open_page(page, app)
    for param in PAGES:
        title = t(param.values[0], "zh")
        link = nav_link(page, title)
        assert link.count() == 1, title
        link.click()
        page.wait_for_function(
            "(title) => [...document.querySelectorAll(\"[data-testid='stMain'] h2\")]"
            ".some(h => h.innerText.trim() === title)",
            arg=title,
        )
        page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']")
        assert exceptions(page) == [], title
    assert offsite == []


def test_yoy_table_drawn_only_when_opened_and_kept_open(page, app, nav_paths):
    """Industries: the year-on-year table is not built on a filter change while its expander is closed;
    opened, it shows its rows, and stays open when the year range changes (its title names the years)."""
    from playwright.sync_api import expect

    open_page(page, app, nav_paths["page_industries"])
    wait_charts(page, 3)
    tables = page.locator("[data-testid='stTable']")
    expect(tables).to_have_count(0)
    page.locator("[data-testid='stExpander'] summary").first.click()
    expect(tables.locator("tbody tr").first).to_be_visible()
    title = page.locator("[data-testid='stExpander'] summary").first.inner_text()
    thumbs = page.locator("[data-testid='stSlider'] input[type=range]")
    thumbs.nth(thumbs.count() - 1).focus()
    page.keyboard.press("ArrowLeft")
    expect(page.locator("[data-testid='stExpander'] summary").first).not_to_have_text(title)
    expect(page.locator("[data-testid='stExpander'] details[open]")).to_have_count(1)
    expect(tables.locator("tbody tr").first).to_be_visible()
    assert exceptions(page) == []


# Each figure's margins as given and as Plotly drew them (it grows a margin that a label does not fit in,
# drawing the whole figure again).
_MARGINS_JS = """() => [...document.querySelectorAll('.js-plotly-plot')].map(gd => ({
    given: gd.layout.margin || {}, drawn: gd._fullLayout._size,
    title: (gd.closest('[data-testid=stVerticalBlock]') || gd).innerText.slice(0, 40)}))"""


@pytest.mark.parametrize(
    ("title_key", "charts"),
    [("page_overview", 3), ("page_districts", 3), ("page_industries", 3), ("page_types", 3)],
    ids=["overview", "districts", "industries", "activity-types"],
)
def test_first_load_margins_hold_every_label(page, app, nav_paths, title_key, charts):
    """First load of a chart page: every chart's margins already held its labels, so Plotly did not grow a
    margin and draw the figure a second time (on the bundled data, in Chinese, national view)."""
    open_page(page, app, nav_paths[title_key])
    wait_charts(page, charts)
    assert page.locator(".stPlotlyChart").count() == charts
    grown = [
        (m["title"], side, m["given"].get(side), round(m["drawn"][side]))
        for m in page.evaluate(_MARGINS_JS)
        for side in "lrtb"
        if m["given"].get(side) is not None and round(m["drawn"][side]) > m["given"][side]
    ]
    assert grown == [], grown
    assert exceptions(page) == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_chart_page_preloads_plotly_code_once_and_out_of_sight(page, app, lang):
    """A chart page's first element starts loading Streamlit's Plotly code: fetched once (the first chart's
    import reuses the preload); on the English UI the element holding it takes no room on the page."""
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url) if "/PlotlyChart." in r.url else None)
    open_page(page, app, query="lang=en" if lang == "en" else "")
    wait_charts(page, 3)
    links = page.evaluate(
        "[...document.querySelectorAll('link[rel=modulepreload]')].map(l => l.href)"
        ".filter(h => h.includes('/PlotlyChart.'))"
    )
    # (the frontend adds a link of its own for the same file when it imports it: still one fetch)
    assert links and len(fetched) == 1 and set(links) == set(fetched), (links, fetched)
    assert page.locator("link[rel=modulepreload][data-qm=plotly]").count() == 1  # ours
    if lang == "en":
        box = page.locator("[data-testid='stElementContainer']:has(#qm-plotly-preload)")
        assert box.count() == 1 and not box.is_visible()
    assert exceptions(page) == []
