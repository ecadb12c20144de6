"""Helpers shared by the browser tests: waiting for Streamlit, reading charts and KPI cards."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from playwright.sync_api import expect

PAGE_TIMEOUT_MS = 45_000
# The six pages issue 2 asks for (i18n keys of their titles); the app may offer more.
PAGE_KEYS = ("page_overview", "page_districts", "page_industries", "page_types", "page_records", "page_status")
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]"}
# Schemes that never leave the machine (inline images, object URLs, the page's own about:blank).
LOCAL_SCHEMES = {"data", "blob", "about", "chrome", "chrome-extension", "devtools"}
# Shanghai's 16 current districts (GB/T 2260). Written here from public fact, not read from the
# app, so that a map drawing 15 districts, or a wrong one, fails.
SHANGHAI_DISTRICTS = {
    "310101": ("黄浦区", "Huangpu"),
    "310104": ("徐汇区", "Xuhui"),
    "310105": ("长宁区", "Changning"),
    "310106": ("静安区", "Jing'an"),
    "310107": ("普陀区", "Putuo"),
    "310109": ("虹口区", "Hongkou"),
    "310110": ("杨浦区", "Yangpu"),
    "310112": ("闵行区", "Minhang"),
    "310113": ("宝山区", "Baoshan"),
    "310114": ("嘉定区", "Jiading"),
    "310115": ("浦东新区", "Pudong"),
    "310116": ("金山区", "Jinshan"),
    "310117": ("松江区", "Songjiang"),
    "310118": ("青浦区", "Qingpu"),
    "310120": ("奉贤区", "Fengxian"),
    "310151": ("崇明区", "Chongming"),
}


def is_local(url: str) -> bool:
    """True when `url` stays on this machine (localhost, loopback, or an inline scheme)."""
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return True
    return (parts.hostname or "") in LOCAL_HOSTS


APP_IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
HAN = re.compile(r"[\u4e00-\u9fff]")


def wait_idle(pg, timeout_ms: int = PAGE_TIMEOUT_MS) -> None:
    """Wait until the Streamlit script run has finished and the main area is drawn."""
    pg.wait_for_selector(APP_IDLE, timeout=timeout_ms)
    pg.wait_for_selector("[data-testid='stMain'] h2", timeout=timeout_ms)
    # The last elements of a run (chart pages draw the sidebar last) can reach the DOM a frame after
    # the run reports idle: let two frames pass so reads that do not wait see the whole page.
    pg.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))")


def open_page(pg, app, path: str = "", query: str = "") -> None:
    """Navigate to a dashboard page and wait for its first run to finish."""
    pg.goto(app.page_url(path, query), wait_until="domcontentloaded")
    wait_idle(pg)


_MARKS_JS = """(gd) => [...gd.querySelectorAll('.cartesianlayer :is(.plot, .overplot) :is(path, image)')]
    .filter(el => el.tagName === 'image' || (el.getAttribute('d') || '').length > 2).length"""


def wait_charts(pg, at_least: int) -> None:
    """Wait until `at_least` plotly figures are on the page and each drew at least one mark.

    Plotly draws after Streamlit reports the run finished, so "notRunning" alone is not enough.
    """
    pg.wait_for_function(
        f"""(n) => {{
            const marks = {_MARKS_JS};
            const plots = [...document.querySelectorAll('.js-plotly-plot')];
            return plots.length >= n && plots.every(gd => gd._fullLayout && marks(gd) > 0);
        }}""",
        arg=at_least,
    )


def chart_marks(pg) -> list[dict]:
    """Per plotly figure on the page: trace count and how many marks (paths/images with geometry) it drew."""
    return pg.evaluate(
        f"""() => {{
            const marks = {_MARKS_JS};
            return [...document.querySelectorAll('.js-plotly-plot')].map(gd => ({{
                traces: (gd.data || []).length, marks: marks(gd)}}));
        }}"""
    )


def exceptions(pg) -> list[str]:
    """Text of every Streamlit exception box and error alert on the page."""
    boxes = pg.locator("[data-testid='stException'], [data-testid='stAlertContentError']")
    return [boxes.nth(i).inner_text() for i in range(boxes.count())]


def metric_locator(pg, label: str):
    """The value element of the KPI card whose label is exactly `label`."""
    card = pg.locator("[data-testid='stMetric']").filter(
        has=pg.locator("[data-testid='stMetricLabel']", has_text=re.compile(rf"^\s*{re.escape(label)}\s*$"))
    )
    return card.first.locator("[data-testid='stMetricValue']")


def metric_value(pg, label: str) -> str:
    """Displayed value of the KPI card whose label is exactly `label`."""
    return metric_locator(pg, label).inner_text().strip()


def to_int(text: str) -> int:
    """The integer in a displayed figure such as ``6,094`` or ``约 1,234``."""
    digits = re.sub(r"[^\d]", "", text)
    if not digits:
        raise ValueError(f"no number in {text!r}")
    return int(digits)


def sidebar_multiselect(pg, label: str):
    """The sidebar multiselect whose label is exactly `label`."""
    return pg.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").filter(
        has=pg.locator("[data-testid='stWidgetLabel']", has_text=re.compile(rf"^\s*{re.escape(label)}\s*$"))
    )


def selected_tags(multiselect) -> list[str]:
    """Values shown as chips in a multiselect (its live combobox, not the hidden template copy)."""
    tags = multiselect.locator(".react-aria-ComboBox [data-tag]")
    return [tags.nth(i).get_attribute("aria-label") or "" for i in range(tags.count())]


def expect_tags(multiselect, expected: list[str], timeout_ms: int = PAGE_TIMEOUT_MS) -> None:
    """Wait until the multiselect shows exactly `expected` as chips, in order.

    A widget restored from the URL can be drawn a frame after the script run reports idle, so
    the chips are awaited (web-first), not read once.
    """
    tags = multiselect.locator(".react-aria-ComboBox [data-tag]")
    expect(tags).to_have_count(len(expected), timeout=timeout_ms)
    for i, value in enumerate(expected):
        expect(tags.nth(i)).to_have_attribute("aria-label", value, timeout=timeout_ms)


def pick_option(pg, multiselect, option: str) -> None:
    """Type `option` into a multiselect and choose the matching entry of its list."""
    box = multiselect.locator(".react-aria-ComboBox input[role='combobox']")
    box.click()
    box.fill(option)
    pg.get_by_role("option", name=option, exact=True).click()
    pg.keyboard.press("Escape")


def sidebar_selectbox(pg, label: str):
    """The sidebar selectbox whose label is exactly `label`."""
    return pg.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").filter(
        has=pg.locator("[data-testid='stWidgetLabel']", has_text=re.compile(rf"^\s*{re.escape(label)}\s*$"))
    )


def pick_place(pg, province: str, *counties: str, lang: str = "zh") -> None:
    """Choose a province in the sidebar's place picker, then (optionally) counties of it.

    Only for provinces whose counties follow directly (上海市: its one city is passed through).
    """
    from analytics.i18n import t

    box = sidebar_selectbox(pg, t("place_province", lang)).locator(".react-aria-ComboBox input[role='combobox']")
    box.click()
    box.fill(province)
    pg.get_by_role("option", name=province, exact=True).click()  # no Escape: it would undo a selectbox pick
    pg.wait_for_function(
        """(name) => [...document.querySelectorAll(
        "[data-testid='stSidebar'] [data-testid='stSelectbox'] input[role='combobox']")].some(i => i.value === name)""",
        arg=province,
    )
    wait_idle(pg)
    for county in counties:
        counties_box = sidebar_multiselect(pg, t("place_counties", lang))
        counties_box.wait_for()
        pick_option(pg, counties_box, county)
        wait_idle(pg)


def nav_link(pg, title: str):
    """The sidebar navigation link whose label is `title` (icons aside)."""
    return pg.locator("[data-testid='stSidebarNav'] a").filter(has_text=re.compile(rf"(^|\s){re.escape(title)}\s*$"))


def records_download_button(pg, fmt_name: str):
    """The Records page's download button for `fmt_name` (csv, xlsx, parquet), its popover opened."""
    from analytics.i18n import t

    opener = pg.locator("[data-testid='stPopoverButton']").filter(has_text=t("download", "zh", n="").split("（")[0])
    expect(opener).to_be_visible(timeout=PAGE_TIMEOUT_MS)  # drawn with the page's last elements
    button = pg.get_by_role("button", name=re.compile(re.escape(t(f"download_{fmt_name}", "zh"))))
    if not button.is_visible():  # the popover stays open after a download (the click does not rerun)
        opener.click()
    expect(button).to_be_visible()
    return button
