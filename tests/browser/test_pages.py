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
