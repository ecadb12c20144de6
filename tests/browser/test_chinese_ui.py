"""Issue 14: no English on the Chinese UI, in a real browser, with rejects to show.

A server of its own serves a warehouse built by the real ETL from the bundled sources, the demo rows,
a file with bad rows and a file that cannot be read. The warehouse also
holds files the readers refuse (a zip bomb, a header wider than the column limit, JSON without
records). The test visits every page in Chinese, with data and with none (empty states), uploads a
2.2 MB CSV with bad rows on the Upload page (larger than the old 1 MB widget limit, rough edge 2),
a zip bomb and a file whose first line is over the header limit, and opens Data status. On every
page, with every expander opened, the text a user can see -- the DOM, the data grids' cell text,
the charts' SVG text, and what the charts show on hover or name (trace names, hover templates and
texts, axis and colour-bar titles, annotations) and Plotly's mode-bar tooltips -- and what a screen
reader or a hover reads (every aria-label, title, placeholder, aria-valuetext and alt attribute), plus
a data grid's column menu and search box once opened, must hold no English word: a Latin word with lower-case letters that is
neither an acronym (CSV, ETL), the language switch ("English"), a file format's own name, nor a
word of the data itself (file and sheet names, the headers and cells a user wrote).
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from access.policy import single_user
from analytics.i18n import t
from tests.browser.conftest import App, serve
from tests.browser.helpers import exceptions, open_page, wait_charts, wait_idle
from tests.conftest import EDGE, FIXTURE_SET

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
WORD = re.compile(r"[A-Za-z]*[a-z][A-Za-z]*")  # a word with lower case: acronyms (CSV, ETL, UTC) are not words
# Words of the UI that are not English sentences: the switch to English, the formats' own names.
ALLOWED = {"Language", "English", "Excel", "Parquet", "Word"}

# Every text node a sighted reader can see: not hidden, not zero-sized or clipped to a pixel (text for
# screen readers only, such as "add icon" beside an icon button), not an icon (a Material ligature: the
# word "science" is drawn as a flask), not font-size 0 (Streamlit's skip link, whose Chinese label is
# drawn by CSS and checked on its own). Plus the charts' SVG text.
TEXT_JS = """() => {
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode;
        const el = node.parentElement;
        if (!el || !node.textContent.trim() || el.closest("[translate='no'][aria-hidden='true'], script, style")) continue;
        const css = getComputedStyle(el);
        if (css.visibility === 'hidden' || css.fontSize === '0px' || el.closest('svg')) continue;
        const box = el.getBoundingClientRect();
        if (box.width <= 1 || box.height <= 1) continue;
        out.push(node.textContent);
    }
    const svg = [...document.querySelectorAll('.js-plotly-plot svg text')].map(t => t.textContent);
    return [...out, ...svg].join('\\n');
}"""


# What the charts say beyond their SVG: every hover text and template, the names a legend or hover
# shows, axis / colour-bar / legend titles, annotations; and Plotly's mode-bar tooltips. Hover
# placeholders (%{y:,}), <extra> and HTML tags are not words.
FIGURE_TEXT_JS = """() => {
    const out = [];
    const strings = v => (Array.isArray(v) ? v.flat(3) : [v]).filter(x => typeof x === 'string');
    const title = t => (t && typeof t === 'object' ? t.text : t);
    for (const gd of document.querySelectorAll('.js-plotly-plot')) {
        for (const tr of gd.data || []) {
            for (const k of ['text', 'hovertext', 'hovertemplate']) out.push(...strings(tr[k]));
            for (const k of ['x', 'y', 'customdata']) out.push(...strings(tr[k]).filter(v => !/^\\d{6}$/.test(v)));
            const hover = tr.hoverinfo || 'all';
            const named = tr.showlegend !== false || (tr.hovertemplate || '').includes('fullData.name')
                || (!tr.hovertemplate && /all|name/.test(hover));
            if (named && tr.name) out.push(tr.name);
            const bar = (tr.marker || {}).colorbar || tr.colorbar;
            if (bar) out.push(title(bar.title) || '');
        }
        const layout = gd.layout || {};
        for (const [k, v] of Object.entries(layout)) {
            if (/^(x|y)axis\\d*$/.test(k) || k === 'legend' || k === 'coloraxis') out.push(title((v || {}).title) || '');
        }
        out.push(title(layout.title) || '');
        for (const a of layout.annotations || []) out.push(a.text || '');
        // a mode-bar tooltip is the button's ::after content (its title, unless CSS gives another text)
        for (const b of gd.querySelectorAll('.modebar-btn')) out.push(getComputedStyle(b, '::after').content || '');
    }
    return out.join('\\n').replace(/%\\{[^}]*\\}/g, ' ').replace(/<[^>]*>/g, ' ');
}"""


# What a screen reader or a hover reads from attributes, on every element (SVG included).
ATTRS_JS = """() => {
    const names = ['aria-label', 'title', 'placeholder', 'aria-placeholder', 'aria-valuetext', 'alt',
                   'aria-roledescription'];
    const out = [];
    for (const el of document.querySelectorAll(names.map(a => '[' + a + ']').join(','))) {
        for (const a of names) { const v = el.getAttribute(a); if (v) out.push(v); }
    }
    return out.join('\\n');
}"""


def attribute_english(pg, allowed: set[str], timeout_s: float = 15.0) -> list[str]:
    """English words in the page's attributes (``ATTRS_JS``), read until there are none or `timeout_s`
    passed: Streamlit's own labels are retexted as the page draws them, a moment after they appear."""
    deadline = time.monotonic() + timeout_s
    words = english(pg.evaluate(ATTRS_JS), allowed)
    while words and time.monotonic() < deadline:
        pg.wait_for_timeout(300)
        words = english(pg.evaluate(ATTRS_JS), allowed)
    return words


# Text of an open menu or panel: its text nodes, not the Material icons' ligatures (arrow_upward is drawn
# as an arrow), plus its elements' attributes.
OPEN_TEXT_JS = """root => {
    const out = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const el = walker.currentNode.parentElement;
        if (el && !el.closest("[translate='no'], [data-testid='stIconMaterial']")) out.push(walker.currentNode.textContent);
    }
    for (const el of root.querySelectorAll('*')) {
        for (const a of ['aria-label', 'title', 'placeholder', 'aria-valuetext', 'alt']) {
            const v = el.getAttribute(a); if (v) out.push(v);
        }
    }
    return out.join('\\n');
}"""


def grid_menu_and_search(pg, first_column_px: int) -> str:
    """Open the first data grid's column menu (hover the first header, click its menu button) and its
    search box (type a word that is in the grid), and return what they show: texts and attributes."""
    grid = pg.locator("[data-testid='stDataFrame']").first
    grid.evaluate("e => e.scrollIntoView({block: 'center'})")
    box = grid.bounding_box()
    items = pg.locator("[role='menuitem']")
    for _attempt in range(5):  # the menu button shows while the header is hovered
        pg.mouse.move(box["x"] + 30, box["y"] + 17)
        pg.mouse.move(box["x"] + first_column_px - 20, box["y"] + 17)
        pg.mouse.click(box["x"] + first_column_px - 14, box["y"] + 17)
        try:
            expect(items.first).to_be_visible(timeout=3_000)
            break
        except AssertionError:
            continue
    expect(items.first).to_be_visible()
    menu = items.first.locator("xpath=..")
    texts = [menu.evaluate(OPEN_TEXT_JS), pg.evaluate(ATTRS_JS)]  # the open menu's labels are in the page now
    stats = items.filter(has_text="统计")
    expect(stats).to_have_count(1)  # the column's statistics, in a panel beside the menu
    stats.hover()
    panel = pg.locator("[data-testid='stDataFrameStatisticsContent']")
    expect(panel).to_be_visible()
    texts.append(panel.evaluate(OPEN_TEXT_JS))
    pg.keyboard.press("Escape")
    expect(items).to_have_count(0)
    grid.hover(position={"x": 20, "y": 60})
    search = pg.locator("[data-testid='stElementToolbarButton'] button[aria-label='搜索']").first
    expect(search).to_be_visible()
    search.click()
    bar = pg.locator(".gdg-search-bar").first
    expect(bar).to_be_visible()
    texts.append(bar.inner_text())  # before typing: how to search
    pg.keyboard.type("区")
    expect(bar.locator("[data-testid='search-result-area']")).to_contain_text(re.compile(r"\d"))
    texts.append(bar.inner_text())  # how many cells match
    texts.append(
        bar.evaluate(
            "b => [...b.querySelectorAll('*')].map(e => (e.getAttribute('aria-label') || '') + ' ' + (e.getAttribute('placeholder') || '')).join('\\n')"
        )
    )
    pg.keyboard.press("Escape")
    return "\n".join(texts)


def open_expanders(pg) -> None:
    """Open every closed expander, so what it holds is read too."""
    closed = pg.locator("[data-testid='stExpander'] details:not([open]) > summary")
    for _ in range(closed.count()):
        closed.first.click()
    expect(pg.locator("[data-testid='stExpander'] details:not([open])")).to_have_count(0)


def page_text(pg) -> str:
    """Visible text of the page: the DOM, the charts' SVG text and what they show on hover, and
    every data grid's cells (every expander opened first).

    A grid's cells are drawn on a canvas; their text is in the grid's accessibility table, which
    Streamlit only renders once the grid has been on screen: each grid is scrolled into view.
    """
    open_expanders(pg)
    parts = [pg.evaluate(TEXT_JS), pg.evaluate(FIGURE_TEXT_JS)]
    grids = pg.locator("[data-testid='stDataFrame']")
    for i in range(grids.count()):
        grid = grids.nth(i)
        try:  # every expander is open, but one just opened shows its grid a moment later
            grid.wait_for(state="visible", timeout=5_000)
        except PlaywrightTimeout:
            continue  # not on screen at all (a tab not chosen)
        grid.scroll_into_view_if_needed()
        grid.locator("table").first.wait_for(state="attached")
        parts.append(
            grid.evaluate("d => [...d.querySelectorAll('table th, table td')].map(c => c.textContent).join('\\n')")
        )
    return "\n".join(parts)


def page_text_with(pg, *needles: str, timeout_s: float = 60.0) -> str:
    """`page_text`, read again until it holds every needle (a grid in a just-opened expander is
    drawn a moment later than the run ends); returns the last reading either way, for the assert."""
    deadline = time.monotonic() + timeout_s
    text = page_text(pg)
    while not all(n in text for n in needles) and time.monotonic() < deadline:
        pg.wait_for_timeout(500)
        text = page_text(pg)
    return text


# What an open tooltip draws: its paragraph's text unless CSS hid it (font size 0), plus the CSS ::after text.
TOOLTIP_TEXT_JS = """t => {
    const p = t.querySelector('p') || t;
    const after = getComputedStyle(p, '::after').content;
    const own = getComputedStyle(p).fontSize === '0px' ? '' : p.textContent;
    return own + ' ' + (after && after !== 'none' && after !== 'normal' ? after : '');
}"""


def toolbar_tooltips(pg) -> list[str]:
    """Hover every button of every visible data grid's toolbar and return what each tooltip draws.

    The toolbar appears while the grid's element is hovered; a tooltip opens a second after its button
    is hovered, in a floating layer, and is tied to the button's hover target by aria-describedby.
    """
    out = []
    grids = pg.locator("[data-testid='stDataFrame']")
    for i in range(grids.count()):
        grid = grids.nth(i)
        if not grid.is_visible():
            continue
        # in the middle of the view: the toolbar sits above the grid, where the app header would cover it
        grid.evaluate("e => e.scrollIntoView({block: 'center'})")
        container = grid.locator("xpath=ancestor::*[@data-testid='stElementContainer'][1]")
        buttons = container.locator("[data-testid='stElementToolbarButton']")
        grid.hover(position={"x": 20, "y": 20})
        expect(buttons.first).to_be_visible()
        # the CSV export is off (client.disableDataExport): downloads are audited buttons only
        expect(container.locator("button[aria-label^='Download as CSV']")).to_have_count(0)
        for j in range(buttons.count()):
            out.append(_tooltip_of(pg, grid, buttons.nth(j)))
        pg.mouse.move(0, 0)
    return out


def _tooltip_of(pg, grid, button) -> str:
    """Hover `button` until its tooltip opens (the toolbar fades in and out with the grid's hover, so one
    hover can land while it is still fading or covered), then read what the tooltip draws."""
    target = button.locator("[data-testid='stTooltipHoverTarget'][aria-describedby]")
    for _attempt in range(6):
        grid.hover(position={"x": 20, "y": 20})  # shows the toolbar
        try:
            button.locator("button").hover(timeout=5_000)
            expect(target).to_have_count(1, timeout=4_000)  # opens a second after the pointer rests
            break
        except (AssertionError, PlaywrightTimeout):
            continue
    expect(target).to_have_count(1)
    tip = pg.locator(f"[id='{target.get_attribute('aria-describedby')}'] [data-testid='stTooltipContent']")
    expect(tip).to_be_visible()
    return tip.evaluate(TOOLTIP_TEXT_JS)


@pytest.fixture(scope="module")
def rejects_app(tmp_path_factory, request) -> Iterator[tuple[App, Path]]:
    """The dashboard over the bundled data plus a file of bad rows and an unreadable file, uploads to a temp inbox."""
    from etl.pipeline import run_pipeline

    tmp = tmp_path_factory.mktemp("zh_ui")
    db = tmp / "quality.duckdb"
    refused = refused_files(tmp / "refused")
    run_pipeline(
        [ROOT / "data" / "sources", FIXTURE_SET / "bad_rows.csv", EDGE / "no_region.csv", *refused], db, demo=True
    )
    mp = pytest.MonkeyPatch()
    mp.setenv("QM_INBOX", str(tmp / "inbox"))
    mp.setenv("QM_AUDIT_DB", str(tmp / "audit.db"))
    try:
        with serve(db, tmp) as running:
            yield running, db
            log = running.log_text()
    finally:
        mp.undo()
    assert "Traceback (most recent call last)" not in log, log[-4000:]


def zip_bomb(path: Path) -> Path:
    """An XLSX whose sheet inflates 3 MB of blanks from a few KB (over the 200:1 ratio limit)."""
    import zipfile

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        zf.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook/>')
        zf.writestr("xl/worksheets/sheet1.xml", '<?xml version="1.0"?><worksheet>' + " " * 3_000_000 + "</worksheet>")
    return path


def refused_files(folder: Path) -> list[Path]:
    """Files the readers refuse whole, each for a limit or a shape: a zip bomb, a header wider than
    the column limit (1,000), a JSON object without a list of records."""
    folder.mkdir()
    wide = folder / "宽表.csv"
    wide.write_text(",".join(f"列{i}" for i in range(1_001)) + "\n" + ",".join("1" for _ in range(1_001)) + "\n")
    no_records = folder / "对象.json"
    no_records.write_text('{"版本": 3, "说明": "没有记录"}', encoding="utf-8")
    return [zip_bomb(folder / "炸弹.xlsx"), wide, no_records]


def data_words(db: Path, upload: Path) -> set[str]:
    """Latin words that are data, not UI: every text the warehouse holds from its inputs, and the upload."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        texts = [
            v
            for row in con.execute(
                "SELECT title, theme, organizer, source, source_excerpt, region_original, source_locator "
                "FROM activities"
            ).fetchall()
            for v in row
            if v
        ]
        texts += [v for row in con.execute("SELECT source, raw FROM rejects").fetchall() for v in row if v]
        texts += [v for (v,) in con.execute("SELECT source FROM source_files").fetchall()]
        # run ids (20261206T135254-dcea) are identifiers; a suffix of hex letters only is no English word
        texts += [v for (v,) in con.execute("SELECT run_id FROM etl_runs").fetchall() if v]
        # the values a file note quotes from the file (its headers, sheet names); not the template's words
        for (coded,) in con.execute("SELECT messages FROM source_files WHERE messages IS NOT NULL").fetchall():
            texts += list(_leaves(json.loads(coded)))
    finally:
        con.close()
    texts.append(upload.read_text(encoding="utf-8"))
    return {w for text in texts for w in WORD.findall(text)}


# pages with charts, and how many each draws when it has data
CHART_PAGES = {"": 3, "district-map": 3, "industry-breakdown": 2, "activity-types": 2}
HEX = re.compile(r"\b[0-9a-f]*[0-9][0-9a-f]*\b|\b[0-9a-f]{16,}\b")  # hashes and ids, not words


def _leaves(value: object) -> Iterator[str]:
    """String values of coded messages except their codes."""
    if isinstance(value, dict):
        for k, v in value.items():
            if k not in ("code", "detail"):  # a third-party parser's English error is not data
                yield from _leaves(v)
    elif isinstance(value, list):
        for v in value:
            yield from _leaves(v)
    elif isinstance(value, str):
        yield value


def english(text: str, allowed: set[str]) -> list[str]:
    return sorted({w for w in WORD.findall(HEX.sub(" ", text)) if len(w) > 1 and w not in allowed})


def big_upload(path: Path) -> Path:
    """A 2.2 MB CSV with Chinese headers: rows that load, rows that are rejected, one count unknown."""
    lines = [
        "区,日期,活动名称,主办单位,参与人数",
        "火星区,2024-09-02,火星上的活动,某单位,10",  # unknown region
        "徐汇区,2024-13-45,日期写错的活动,徐汇区局,10",  # unreadable date
        "静安区,2024-09-03,人数为负的活动,静安区局,-5",  # negative count
        "长宁区,2024-09-04,人数不详的活动,长宁区局,不详",
    ]  # loads, count unknown
    districts = ("徐汇区", "静安区", "长宁区", "浦东新区", "闵行区", "宝山区")
    i = 0
    while sum(len(s.encode()) + 1 for s in lines) < 2_200_000:
        lines.append(
            f"{districts[i % 6]},2024-09-{1 + i % 28:02d},质量月宣传活动第{i}场,{districts[i % 6]}市场监管局,{i % 90 + 10}"
        )
        i += 1
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_no_english_on_the_chinese_ui(browser, rejects_app, tmp_path) -> None:
    app, db = rejects_app
    upload = big_upload(tmp_path / "区县报表.csv")
    assert upload.stat().st_size > 2_000_000
    # the upload is stored as <scope>__<name>: the single-user admin's scope is "all"; its user id
    # (in the audit log) is an identifier, like any signed-in user's
    allowed = ALLOWED | data_words(db, upload) | {"all"} | set(WORD.findall(single_user().user_id))
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    pg = context.new_page()
    found: dict[str, list[str]] = {}
    hovered = 0
    try:
        for path in (
            "",
            "district-map",
            "industry-breakdown",
            "activity-types",
            "briefing",
            "record-list",
            "data-status",
            "upload",
        ):
            open_page(pg, app, path)
            if path in CHART_PAGES:
                wait_charts(pg, CHART_PAGES[path])  # charts draw after the run ends
            assert exceptions(pg) == [], path
            found[path or "overview"] = english(page_text(pg), allowed)
            found[f"{path or 'overview'}, attributes"] = attribute_english(pg, allowed)
            if path == "record-list":  # the grid's column menu and search box (first column 130 px wide)
                found["record-list, grid menu and search"] = english(grid_menu_and_search(pg, 130), allowed)
            tips = toolbar_tooltips(pg)
            hovered += len(tips)
            found[f"{path or 'overview'}, grid toolbar tooltips"] = english("\n".join(tips), allowed)
            skip = pg.locator("[data-testid='stSkipToContent']")
            if skip.count():
                assert skip.evaluate("e => getComputedStyle(e, '::after').content") == '"跳到主要内容"'
                assert skip.evaluate("e => getComputedStyle(e).fontSize") == "0px"
        # no data (demo off, a year with only demo rows): every page's empty state
        for path in ("", "district-map", "industry-breakdown", "activity-types", "record-list"):
            open_page(pg, app, path, "year=2015&demo=0")
            expect(pg.get_by_text(t("banner_no_rows", "zh")).first).to_be_visible()
            found[f"{path or 'overview'}, no data"] = english(page_text(pg), allowed)
            found[f"{path or 'overview'}, no data, attributes"] = attribute_english(pg, allowed)

        # refused on the Upload page: a zip bomb (the server's own check) and a first line over the
        # header limit (the dry run's reader, in its child process)
        for name, expected in (("炸弹.xlsx", "疑似压缩炸弹"), ("长表头.csv", "不可能是表头")):
            open_page(pg, app, "upload")
            bad = zip_bomb(tmp_path / name) if name.endswith(".xlsx") else tmp_path / name
            if not bad.exists():
                bad.write_text("地区" * 400_000, encoding="utf-8")  # 2.4 MB, no line break
            pg.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(bad))
            expect(pg.get_by_text(re.compile(expected)).first).to_be_visible(timeout=120_000)
            wait_idle(pg)
            found[f"upload refused, {name}"] = english(page_text(pg), allowed)
            found[f"upload refused, {name}, attributes"] = attribute_english(pg, allowed)

        open_page(pg, app, "upload")
        pg.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(upload))
        result = pg.locator("[data-testid='stAlertContentSuccess'], [data-testid='stAlertContentError']")
        result.first.wait_for(timeout=120_000)
        wait_idle(pg)
        text = result.first.inner_text()
        assert "已保存为" in text and "拒绝 3 行" in text, text  # stored: 2.2 MB is within the one limit
        pg.get_by_text("被拒绝 3 行").first.wait_for()
        found["upload, after"] = english(page_text(pg), allowed)
        found["upload, after, attributes"] = attribute_english(pg, allowed)
        grid = page_text_with(pg, "无法识别的地区“火星区”", "参与人数 -5 为负数")
        assert "无法识别的地区“火星区”" in grid and "参与人数 -5 为负数" in grid, grid[-2000:]

        open_page(pg, app, "data-status")
        # read again until every text asserted below is there (under load the runs table comes later)
        text = page_text_with(
            pg, "无法识别的地区“火星区”", "缺少地区列", "6,000", "疑似压缩炸弹", "超过 1,000 列的上限", "没有记录列表"
        )
        assert "无法识别的地区“火星区”" in text and "缺少地区列" in text  # rejects and the unreadable file, in Chinese
        # the files refused for a limit or their shape, in Chinese
        assert "6,000" in text  # the demo rows read, with a thousands separator like every figure
        assert "疑似压缩炸弹" in text and "超过 1,000 列的上限" in text and "没有记录列表" in text, text[-3000:]
        found["data status, again"] = english(text, allowed)
        found["data status, again, attributes"] = attribute_english(pg, allowed)
        # Records and Data status draw grids: Search, Show/hide columns and Fullscreen on each
        assert hovered >= 6, hovered
    finally:
        context.close()
    left = {k: v for k, v in found.items() if v}
    if left:
        pytest.fail(f"English on the Chinese UI: {left}")
