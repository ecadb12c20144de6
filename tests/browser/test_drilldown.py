"""The national map drills 全国 -> 上海市 -> 浦东新区 and back in a real browser, each click filtering every page.

The bundled data holds records of several provinces, so the map opens on the country. Every
expected figure is counted in the served warehouse with plain SQL, not read from the app.
"""

from __future__ import annotations

import contextlib
import re

import duckdb
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from analytics.i18n import t
from tests.browser.helpers import (
    SHANGHAI_DISTRICTS,
    exceptions,
    metric_value,
    nav_link,
    open_page,
    to_int,
    wait_charts,
    wait_idle,
)

pytestmark = pytest.mark.browser

PROVINCES = 34  # GB/T 2260 provincial units, Taiwan, Hong Kong and Macau included

MAP_JS = """() => {
    const isMap = gd => (gd.data || []).some(tr => Array.isArray(tr.customdata)
        && tr.customdata.length > 0 && tr.customdata.every(c => /^\\d{6}$/.test(String(c))));
    const gds = [...document.querySelectorAll('.js-plotly-plot')];
    const gd = gds.find(isMap);
    if (!gd) return null;
    const markers = gd.data.find(tr => Array.isArray(tr.customdata) && tr.customdata.length > 0);
    return {index: gds.indexOf(gd), adcodes: markers.customdata.map(String),
            polygons: gd.data.filter(tr => tr.fill === 'toself').length};
}"""


def read_map(page) -> dict:
    # The map may be drawn after the page's other charts (a rerun replaces them one by one), so wait
    # for it to appear rather than read it once; a map that never appears still fails here.
    with contextlib.suppress(PlaywrightTimeout):  # reported by the assertion below
        page.wait_for_function(f"({MAP_JS})() !== null", timeout=30_000)
    info = page.evaluate(MAP_JS)
    assert info is not None, "no map figure (one marker per region, customdata = adcode) on the page"
    return info


def click_region(page, adcode: str) -> None:
    """Click the map marker of `adcode`."""
    info = read_map(page)
    gd = page.locator(".js-plotly-plot").nth(info["index"])
    gd.scroll_into_view_if_needed()
    markers = gd.locator(".scatterlayer .trace").filter(has=page.locator("path.point")).last.locator("path.point")
    assert markers.count() == len(info["adcodes"])
    box = markers.nth(info["adcodes"].index(adcode)).bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def count(db, where: str = "TRUE") -> int:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(f"SELECT count(*) FROM activities WHERE {where}").fetchone()[0]


def wait_region(page, adcode: str | None) -> None:
    if adcode is None:
        page.wait_for_url(lambda url: "region=" not in url)
    else:
        page.wait_for_url(re.compile(rf"[?&]region={adcode}(&|$)"))
    wait_idle(page)


def check_overview(page, nav_paths, expected: int, place: str) -> None:
    """The Overview (reached through the navigation, so the session's filters carry over) counts `expected`."""
    nav_link(page, t("page_overview", "zh")).click()
    page.wait_for_url(re.compile(rf"/{nav_paths['page_overview'] or ''}(\?|$)"))
    wait_idle(page)
    page.get_by_role("heading", name=t("app_title", "zh", place=place), level=1).wait_for()
    assert to_int(metric_value(page, t("kpi_activities", "zh"))) == expected
    nav_link(page, t("page_districts", "zh")).click()
    wait_idle(page)
    wait_charts(page, 3)


def test_map_drills_country_province_district_and_back(page, app, nav_paths, offsite):
    db = app.db
    open_page(page, app, nav_paths["page_districts"])
    wait_charts(page, 3)
    page.get_by_role("heading", name=t("app_title", "zh", place="全国"), level=1).wait_for()
    info = read_map(page)
    assert len(info["adcodes"]) == PROVINCES and "310000" in info["adcodes"] and "370000" in info["adcodes"]

    # 全国 -> 上海市: the map shows the 16 districts and says how many records are city-wide
    click_region(page, "310000")
    wait_region(page, "310000")
    wait_charts(page, 3)
    info = read_map(page)
    assert sorted(info["adcodes"]) == sorted(SHANGHAI_DISTRICTS)
    assert info["polygons"] == 16
    city_wide = count(db, "province_adcode = '310000' AND district_adcode IS NULL")
    assert city_wide > 0
    page.get_by_text(t("own_level", "zh", name="上海市", n=f"{city_wide:,}", level="区")).wait_for()
    check_overview(page, nav_paths, count(db, "province_adcode = '310000'"), "上海市")

    # 上海市 -> 浦东新区: outlined among its siblings, every page filtered to it
    click_region(page, "310115")
    wait_region(page, "310115")
    wait_charts(page, 3)
    assert sorted(read_map(page)["adcodes"]) == sorted(SHANGHAI_DISTRICTS)
    page.get_by_role("button", name="› 浦东新区").wait_for()
    check_overview(page, nav_paths, count(db, "district_adcode = '310115'"), "浦东新区")

    # back up through the breadcrumb: 上海市, then 全国
    page.get_by_role("button", name="› 上海市").click()
    wait_region(page, "310000")
    wait_charts(page, 3)
    assert sorted(read_map(page)["adcodes"]) == sorted(SHANGHAI_DISTRICTS)
    page.get_by_role("button", name="全国", exact=True).click()
    wait_region(page, None)
    wait_charts(page, 3)
    assert len(read_map(page)["adcodes"]) == PROVINCES
    check_overview(page, nav_paths, count(db), "全国")
    assert exceptions(page) == []
    assert offsite == []


def test_browser_back_steps_up_the_drill(page, app, nav_paths, offsite):
    """Back after a drill stayed on 浦东新区 (the session's state wrote its URL over the one Back stepped to, audit17
    #11): it steps up to 上海市, then to 全国, and Forward down again; the title and the place picker follow."""
    open_page(page, app, nav_paths["page_districts"])
    wait_charts(page, 3)
    click_region(page, "310000")
    wait_region(page, "310000")
    wait_charts(page, 3)
    click_region(page, "310115")
    wait_region(page, "310115")
    page.get_by_role("button", name="› 浦东新区").wait_for()

    page.go_back()
    wait_region(page, "310000")
    page.get_by_role("heading", name=t("app_title", "zh", place="上海市"), level=1).wait_for()
    wait_charts(page, 3)
    assert sorted(read_map(page)["adcodes"]) == sorted(SHANGHAI_DISTRICTS)
    page.wait_for_timeout(1500)  # a rerun writing the state's URL back would come now
    assert re.search(r"[?&]region=310000(&|$)", page.url), page.url
    page.go_back()
    wait_region(page, None)
    page.get_by_role("heading", name=t("app_title", "zh", place="全国"), level=1).wait_for()
    wait_charts(page, 3)
    assert len(read_map(page)["adcodes"]) == PROVINCES
    page.go_forward()
    wait_region(page, "310000")
    page.get_by_role("heading", name=t("app_title", "zh", place="上海市"), level=1).wait_for()
    assert exceptions(page) == []
    assert offsite == []
