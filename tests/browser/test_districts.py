"""Shanghai's district map in a real browser (one click from the national map, or region=310000 in a
link): all 16 districts drawn offline, hover figures, click-to-filter."""

from __future__ import annotations

import re

import duckdb
import pytest

from analytics import geo
from analytics.i18n import t
from tests.browser.helpers import (
    SHANGHAI_DISTRICTS,
    exceptions,
    expect_tags,
    open_page,
    sidebar_multiselect,
    wait_charts,
    wait_idle,
)

pytestmark = pytest.mark.browser
SHANGHAI = "region=310000"  # the bundled data spans several provinces: the map opens on the country

# The map is the figure carrying one marker per district with the adcode as customdata.
MAP_JS = """() => {
    const isMap = gd => (gd.data || []).some(tr => Array.isArray(tr.customdata)
        && tr.customdata.length > 0 && tr.customdata.every(c => /^\\d{6}$/.test(String(c))));
    const gds = [...document.querySelectorAll('.js-plotly-plot')];
    const gd = gds.find(isMap);
    if (!gd) return null;
    const markers = gd.data.find(tr => Array.isArray(tr.customdata) && tr.customdata.length > 0);
    return {
        index: gds.indexOf(gd),
        adcodes: markers.customdata.map(String),
        polygons: gd.data.filter(tr => tr.fill === 'toself').length,
        filled: [...gd.querySelectorAll('path.js-fill')].filter(p => (p.getAttribute('d') || '').length > 2).length,
        drawnMarkers: [...(gd.querySelectorAll('.scatterlayer .trace')[gd.data.indexOf(markers)] || gd)
            .querySelectorAll('path.point')].length,
        drawnLabels: [...gd.querySelectorAll('.textpoint text')].map(el => el.textContent).filter(s => s),
        callouts: [...gd.querySelectorAll('.annotation-text')].map(el => el.textContent).filter(s => s),
        leaders: gd.data.filter(tr => tr.mode === 'lines' && !tr.fill).length
            + gd.querySelectorAll('.annotation-arrow-g path').length,
    };
}"""

# Every string a non-map figure shows on its axes, labels and hovers.
OTHER_FIGURE_TEXT_JS = """(mapIndex) => [...document.querySelectorAll('.js-plotly-plot')]
    .filter((gd, i) => i !== mapIndex)
    .flatMap(gd => gd.data.flatMap(tr => ['x', 'y', 'text', 'hovertext', 'customdata']
        .flatMap(k => (Array.isArray(tr[k]) ? tr[k].flat(2) : [])).map(String)))"""


def read_map(page) -> dict:
    info = page.evaluate(MAP_JS)
    assert info is not None, "no figure with one marker per district (customdata = adcode) on the page"
    return info


def marker_center(page, info: dict, adcode: str) -> tuple[float, float]:
    """Screen position of a district's clickable marker (scrolled into view)."""
    gd = page.locator(".js-plotly-plot").nth(info["index"])
    gd.scroll_into_view_if_needed()
    points = gd.locator(".scatterlayer .trace").filter(has=page.locator("path.point"))
    markers = points.last.locator("path.point")
    assert markers.count() == 16
    box = markers.nth(info["adcodes"].index(adcode)).bounding_box()
    assert box is not None
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def test_map_shows_all_16_districts(page, app, nav_paths, offsite):
    open_page(page, app, nav_paths["page_districts"], SHANGHAI)
    wait_charts(page, 3)
    info = read_map(page)
    assert sorted(info["adcodes"]) == sorted(SHANGHAI_DISTRICTS)
    # one filled polygon per district, each actually drawn as an SVG path
    assert info["polygons"] == 16
    assert info["filled"] >= 16
    # one clickable marker per district; every name is a label beside its dot or on a leader line
    # out of the crowd of small central districts: all 16 are named, each once
    assert info["drawnMarkers"] == 16
    named = info["drawnLabels"] + info["callouts"]
    assert len(named) == 16, named
    # the names are one text trace, not one annotation each: Plotly measured every annotation's box on
    # every drawing of the map (a forced layout of the page each)
    assert info["callouts"] == [], info["callouts"]
    assert info["leaders"] >= 1  # the crowded centre's names sit on leader lines
    assert all(any(zh.startswith(n) for n in named) for zh, _en in SHANGHAI_DISTRICTS.values()), named
    assert exceptions(page) == []
    assert offsite == []


def test_map_hover_shows_figures(page, app, nav_paths, offsite):
    """Hovering a small central district (Huangpu) shows its name and its count as stored in the warehouse."""
    open_page(page, app, nav_paths["page_districts"], SHANGHAI)
    wait_charts(page, 3)
    info = read_map(page)
    x, y = marker_center(page, info, "310101")
    page.mouse.move(x, y)
    hover = page.locator(".hoverlayer .hovertext").first
    hover.wait_for()
    text = hover.text_content()
    with duckdb.connect(str(app.db), read_only=True) as con:
        (n,) = con.execute("SELECT count(*) FROM activities WHERE district_adcode = '310101'").fetchone()
    assert "黄浦区" in text
    assert re.search(rf"{t('activities', 'zh')}\s*[:：]\s*{n:,}(?!\d)", text), text
    assert offsite == []


def test_map_click_selects_the_district_and_filters_the_pages(page, app, nav_paths, offsite):
    """A click on a district selects it (outlined; sidebar and URL follow; other pages filter, see
    test_drilldown); this page keeps ranking it among its 15 siblings, the view's children."""
    open_page(page, app, nav_paths["page_districts"], SHANGHAI)
    wait_charts(page, 3)
    before = set(page.evaluate(OTHER_FIGURE_TEXT_JS, read_map(page)["index"]))
    assert {"浦东新区", "徐汇区"} <= before  # the ranking lists every district before the click

    x, y = marker_center(page, read_map(page), "310104")
    page.mouse.click(x, y)
    page.wait_for_url(re.compile(r"[?&]region=310104(&|$)"))
    page.get_by_role("button", name="› 徐汇区").wait_for()  # the breadcrumb: 全国 › 上海市 › 徐汇区
    wait_idle(page)
    wait_charts(page, 3)

    info = read_map(page)
    assert sorted(info["adcodes"]) == sorted(SHANGHAI_DISTRICTS)  # the map itself still shows all 16
    shown = set(page.evaluate(OTHER_FIGURE_TEXT_JS, info["index"]))
    names = {zh for zh, _en in SHANGHAI_DISTRICTS.values()}
    assert {s for s in shown if s in names} == names
    outlined = page.evaluate(
        """(i) => document.querySelectorAll('.js-plotly-plot')[i].data
        .filter(tr => tr.fill === 'toself' && tr.line && tr.line.width === 3).map(tr => tr.name)""",
        info["index"],
    )
    assert outlined == ["徐汇区"]
    # the sidebar filter follows the click
    expect_tags(sidebar_multiselect(page, t("place_counties", "zh")), ["徐汇区"])
    assert exceptions(page) == []
    assert offsite == []


# Every map label's box and every dot's box, in screen pixels. A name written as text (a text trace) has
# no box of its own: its glyphs' box grown by the padding an annotation's box had (borderpad 2 + border 1,
# what the placement reserves: analytics.geo._LABEL_PAD), so the check is as strict for both.
LABEL_BOXES_JS = """(i) => {
    const gd = document.querySelectorAll('.js-plotly-plot')[i];
    const box = (el, pad = 0) => { const r = el.getBoundingClientRect();
        return [r.left - pad, r.top - pad, r.right + pad, r.bottom + pad]; };
    // names written as annotations (with or without a leader line) or as marker text
    const labels = [...gd.querySelectorAll('.annotation')].map(a => ({
        text: a.querySelector('.annotation-text').textContent, box: box(a.querySelector('rect.bg')) }))
        .concat([...gd.querySelectorAll('.textpoint text')].filter(t => t.textContent)
        .map(t => ({text: t.textContent, box: box(t, 3)})));
    const markers = gd.data.findIndex(tr => Array.isArray(tr.customdata) && tr.customdata.length > 0);
    const dots = [...gd.querySelectorAll('.scatterlayer .trace')[markers].querySelectorAll('path.point')].map(box);
    return {labels, dots, plot: box(gd.querySelector('.main-svg'))};
}"""


def _intersect(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize(
    ("lang", "query", "count"),
    [("en", SHANGHAI, 16), ("zh", SHANGHAI, 16), ("en", "", 34), ("zh", "", 34)],
    ids=["shanghai-en", "shanghai-zh", "country-en", "country-zh"],
)
def test_map_labels_do_not_overlap(page, app, nav_paths, lang, query, count):
    """issue 14: the English label Jiading was cut by Jing'an's. No two names overlap, no name covers
    a dot, and every name is inside the figure, in both languages, on Shanghai's and the national map."""
    open_page(page, app, nav_paths["page_districts"], "&".join(q for q in (query, f"lang={lang}") if q))
    wait_charts(page, 3)
    index = read_map(page)["index"]
    page.locator(".js-plotly-plot").nth(index).scroll_into_view_if_needed()
    page.wait_for_function(
        """([i, n]) => { const gd = document.querySelectorAll('.js-plotly-plot')[i];
        return gd.querySelectorAll('.annotation rect.bg').length
            + [...gd.querySelectorAll('.textpoint text')].filter(t => t.textContent).length >= n; }""",
        arg=[index, count],
    )
    info = page.evaluate(LABEL_BOXES_JS, index)
    labels, dots, plot = info["labels"], info["dots"], info["plot"]
    assert len(labels) == count and len(dots) == count
    if query == SHANGHAI:
        expected = {en if lang == "en" else zh for zh, en in SHANGHAI_DISTRICTS.values()}
        assert all(any(name.startswith(text) for name in expected) for text in (lb["text"] for lb in labels)), labels
    overlaps = [
        (a["text"], b["text"]) for k, a in enumerate(labels) for b in labels[k + 1 :] if _intersect(a["box"], b["box"])
    ]
    assert overlaps == [], overlaps
    # a label may touch its own dot's outline at most; it never covers another dot's centre
    covered = [
        (lb["text"], d)
        for lb in labels
        for d in dots
        if lb["box"][0] < (d[0] + d[2]) / 2 < lb["box"][2] and lb["box"][1] < (d[1] + d[3]) / 2 < lb["box"][3]
    ]
    assert covered == [], covered
    outside = [lb["text"] for lb in labels if not (plot[0] <= lb["box"][0] and lb["box"][2] <= plot[2])]
    assert outside == [], outside
    assert all(plot[1] <= lb["box"][1] and lb["box"][3] <= plot[3] for lb in labels)


def test_national_map_dots_point_at_where_the_activities_are(page, app, nav_paths, offsite):
    """audit16 #14: Shanghai holds nearly every activity yet is a few pixels on the national map. Its dot
    is drawn the largest, and every drawn dot's area follows its province's count (or the minimum)."""
    open_page(page, app, nav_paths["page_districts"], "lang=zh")
    wait_charts(page, 3)
    info = read_map(page)
    assert len(info["adcodes"]) == 34
    widths = page.evaluate(
        """(i) => { const gd = document.querySelectorAll('.js-plotly-plot')[i];
        const k = gd.data.findIndex(tr => Array.isArray(tr.customdata) && tr.customdata.length > 0);
        return [...gd.querySelectorAll('.scatterlayer .trace')[k].querySelectorAll('path.point')]
            .map(p => p.getBoundingClientRect().width); }""",
        info["index"],
    )
    with duckdb.connect(str(app.db), read_only=True) as con:
        rows = con.execute("SELECT left(district_adcode, 2) || '0000', count(*) FROM activities GROUP BY 1").fetchall()
    counts = dict(rows)
    drawn = dict(zip(info["adcodes"], widths, strict=True))
    top = max(counts, key=counts.get)
    assert top == "310000" and max(drawn, key=drawn.get) == top
    assert drawn[top] == pytest.approx(geo.DOT_MAX, abs=2)  # diameter; the outline adds ~1 px
    for code, width in drawn.items():
        n = counts.get(code, 0)
        want = geo.DOT_NOT_REPORTED if not n else max(geo.DOT_MIN, geo.DOT_MAX * (n / counts[top]) ** 0.5)
        assert width == pytest.approx(want, abs=2), (code, n, width)
    assert offsite == []
