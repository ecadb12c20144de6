"""Small rendering helpers shared by the pages (banners, KPI cards, tables)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from html import escape
from pathlib import Path

import streamlit as st

from analytics import fmt
from analytics.filters import years_text
from analytics.i18n import (
    PLOTLY_STREAMLIT_BUTTONS,
    STREAMLIT_CHROME_TEMPLATES_ZH,
    STREAMLIT_CHROME_ZH,
    STREAMLIT_TOOLBAR,
    label,
    plotly_locale,
    t,
)
from analytics.queries import Kpis, Totals
from ui.sidebar import link_note
from ui.state import LOAD_COMMAND, Context

PLOTLY_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"]}


def plotly_config(lang: str, **extra: object) -> dict:
    """The charts' Plotly config in `lang`: its mode-bar tooltips and notices translated (i18n.PLOTLY_ZH)."""
    return {**PLOTLY_CONFIG, **plotly_locale(lang), **extra}


# st.title / st.header / st.subheader (anchor=False) in Streamlit 1.67: the heading in a block whose bottom margin
# is -1rem, line height 1.2, no margin; per level its size, weight and padding (the sidebar's h2 is smaller).
_HEADING = {
    1: "font-size: 2.75rem; font-weight: 700; padding: 1.25rem 0 1rem;",
    2: "font-size: 2.25rem; font-weight: 600; padding: 1rem 0; letter-spacing: -0.005em;",
    3: "font-size: 1.75rem; font-weight: 600; padding: 0.75rem 0 1rem; letter-spacing: -0.005em;",
    "sidebar": "font-size: 1.25rem; font-weight: 600; padding: 1rem 0; letter-spacing: -0.005em;",
}


def _heading_css() -> str:
    rules = []
    for kind, style in _HEADING.items():
        name, level = ("qm-hs", 2) if kind == "sidebar" else (f"qm-h{kind}", kind)
        rules.append(
            f".{name} {{ margin-bottom: -1rem; }} .{name} h{level} {{ margin: 0; line-height: 1.2; color: inherit; "
            f"font-family: inherit; overflow-wrap: break-word; word-break: break-word; scroll-margin-top: 3.75rem; {style} }}"
        )
    return "\n".join(rules)


def heading(text: str, level: int = 2, where=None) -> None:
    """A heading in st.title's (1), st.header's (2) or st.subheader's (3) look, without anchor link, as one
    html element (styled by ``page_styles``): its body only changes with its text, and the browser does not
    redraw an html element whose body is unchanged (a Streamlit heading is a Markdown render on every rerun).

    Args:
        where: the container to draw in (``st.sidebar`` draws the sidebar's smaller h2); default the page.
    """
    where = where or st
    name = "qm-hs" if where is st.sidebar else f"qm-h{level}"  # style rules are global: one class per look
    where.html(f'<div class="{name}"><h{level}>{escape(text)}</h{level}></div>')


# A rule, then a small grey note below it: the Markdown "---" and ":small[:gray[...]]" of Streamlit 1.67.
_NOTE_CSS = """.qm-note { margin-bottom: -1rem; }
.qm-note hr { margin: 2rem 0; padding: 0; height: 1px; border: none; border-bottom: 1px solid rgba(31, 41, 51, 0.2);
  background-color: transparent; }
.qm-note p { margin: 0 0 1rem; font-size: 1rem; line-height: 1.6; word-break: break-word; overflow-wrap: break-word; }
.qm-note span { font-size: 0.875rem; color: rgb(104, 98, 85); }"""


def note_below_rule(text: str, where=None) -> None:
    """A horizontal rule and a small grey note below it, as one html element (styled by ``page_styles``),
    drawn unchanged on every rerun (a Markdown element is rendered again each time)."""
    (where or st).html(f'<div class="qm-note"><hr><p><span>{escape(text)}</span></p></div>')


def page_styles() -> None:
    """The styles of ``heading``, ``kpi_cards`` and ``note_below_rule``, once per run, before them: one style-only html element
    (Streamlit puts it out of the layout), unchanged from run to run, so the browser neither redraws it nor
    recomputes the page's styles for it on a filter change."""
    st.html(f"<style>\n{_heading_css()}\n{CARDS_CSS}\n{_NOTE_CSS}\n</style>")


def banners(ctx: Context) -> bool:
    """Status banners for every page. Returns False when there is nothing to show (no data)."""
    lang = ctx.lang
    if not ctx.available:
        st.error(t("banner_empty", lang, cmd=LOAD_COMMAND))
        if ctx.stale_reason:
            st.caption(ctx.stale_reason)
        return False
    if ctx.stale_reason:
        st.warning(t("banner_stale", lang, reason=ctx.stale_reason))
    if ctx.filters.include_demo and ctx.options is not None and ctx.options.has_demo:
        st.info(t("banner_demo", lang), icon=":material/science:")
    if note := link_note(lang):
        st.warning(note, icon=":material/link_off:")
    st.caption(ctx.filters.without("search").describe(lang, ctx.district_names))
    return True


def _delta(cur: float | None, prev: float | None) -> str | None:
    """The change as a card's delta text ('+3.4%', '-6.6%', '0%' for none at all), None without a comparison."""
    return fmt.fmt_pct(fmt.pct_change(cur, prev)) or None


@dataclass(frozen=True)
class Card:
    """One KPI card as drawn: title, value, and the latest year's change with its description (None: not shown).

    A delta starting with '-' is a fall (red, arrow down), ``fmt.NO_CHANGE`` no change (grey, no arrow),
    any other a rise (green, arrow up): the colours and arrows of ``st.metric``.
    """

    label: str
    value: str
    delta: str | None = None
    description: str | None = None

    @property
    def direction(self) -> str:
        """'up', 'down' or 'flat' (no change, or no delta)."""
        if self.delta is None or self.delta == fmt.NO_CHANGE:
            return "flat"
        return "down" if self.delta.startswith("-") else "up"


def kpi_card_rows(k: Kpis, lang: str, districts_key: str = "kpi_districts") -> tuple[list[Card], list[Card]]:
    """The KPI cards of a selection: (activities, places, organisers), (participants per unit).

    Each card's value is the selection's total, its delta the latest year's change against the year before.

    Args:
        districts_key: title of the county-level places card, ``kpi_districts`` (有活动的区) or
            ``kpi_counties`` (有活动的区县), see ``kpi_districts_key``.
    """
    has_prev = k.previous is not None and k.previous.activities > 0
    if k.latest_year is None:
        desc = None
    elif has_prev:
        desc = t("kpi_delta", lang, year=k.latest_year, prev=k.latest_year - 1)
    else:
        desc = t("kpi_no_prev", lang, prev=k.latest_year - 1)

    def card(title: str, value: str, delta: str | None, latest: str | None) -> Card:
        # The description names the latest year's own figure when the card's total is larger.
        described = desc
        if has_prev and latest is not None and latest != value:
            described = t("kpi_delta_of", lang, year=k.latest_year, value=latest, prev=k.latest_year - 1)
        return Card(title, value, delta, described if delta else None)

    counts = []
    for key, attr in (("kpi_activities", "activities"), (districts_key, "districts"), ("kpi_organizers", "organizers")):
        delta = latest = None
        if has_prev and k.latest is not None:
            delta = _delta(getattr(k.latest, attr), getattr(k.previous, attr))
            latest = fmt.fmt_int(getattr(k.latest, attr))
        counts.append(card(t(key, lang), fmt.fmt_int(getattr(k.total, attr)), delta, latest))
    people = []
    for unit in ("people", "person_times", "organizations"):
        total = k.total.participants.get(unit)
        title = f"{t('kpi_participants', lang)} · {label('participants_unit', unit, lang)}"
        if total is None:
            people.append(Card(title, t("kpi_none", lang)))
            continue
        delta = latest = None
        if has_prev and k.latest is not None:
            delta = _delta(_unit(k.latest, unit), _unit(k.previous, unit))
            if unit in k.latest.participants:
                latest = fmt.fmt_total(*k.latest.participants[unit], lang)
        people.append(card(title, fmt.fmt_total(total[0], total[1], lang), delta, latest))
    return counts, people


def kpi_cards(k: Kpis, lang: str, districts_key: str = "kpi_districts", years: tuple[int, ...] = ()) -> None:
    """KPI cards: selection totals with the latest year's change against the year before (``kpi_card_rows``).

    Each row of three cards is one html element drawn as ``st.metric`` cards in a horizontal container
    look (``cards_html``, styled by ``page_styles``): 2 elements instead of 8, each one text to lay out
    instead of four Markdown renders per card, redrawn by the browser on every filter change.

    Args:
        years: the years the totals cover (``queries.years_covered``); more than one are named above the
            cards, so a total of several years is not read as the latest year's beside its change.
    """
    if len(years) > 1 and k.latest_year is not None:
        has_prev = k.previous is not None and k.previous.activities > 0
        span = years_text(years, list_sep=", " if lang == "en" else "、")
        key = "kpi_span_delta" if has_prev else "kpi_span"
        st.markdown(f":small[:gray[{t(key, lang, years=span, year=k.latest_year, prev=k.latest_year - 1)}]]")
    counts, people = kpi_card_rows(k, lang, districts_key)
    st.html(cards_html(counts))
    # The participants' heading and how to read their qualifiers (≥, ≈), in one text above their cards.
    st.markdown(f"**{t('participants_by_unit', lang)}** :small[:gray[{t('qualifier_note', lang)}]]")
    st.html(cards_html(people))


# The arrows of st.metric's delta (Material "arrow upward" / "arrow downward", a 24-unit square), cut out of
# the chip's text colour by a clip path scaled to the arrow's 14.4 px: st.html keeps no inline SVG.
_ARROWS = {
    "up": "M4 12l1.41 1.41L11 7.83V20h2V7.83l5.58 5.59L20 12l-8-8-8 8z",
    "down": "M20 12l-1.41-1.41L13 16.17V4h-2v12.17l-5.58-5.59L4 12l8 8 8-8z",
}


def _scaled(path: str, factor: float) -> str:
    """An SVG path of lines only (no arcs) with every coordinate multiplied by `factor`."""
    return re.sub(r"-?\d+(?:\.\d+)?", lambda m: f"{float(m.group()) * factor:.4g}", path)


_ARROW_CSS = " ".join(
    f'.qm-arrow.qm-{d} {{ clip-path: path("{_scaled(path, 14.4 / 24)}"); }}' for d, path in _ARROWS.items()
)
# What st.metric(border=True) in a st.container(horizontal=True, gap="medium") draws in Streamlit 1.67 with
# this app's light theme (.streamlit/config.toml), measured from its computed styles: cards share a row's
# width (each grows from its content's width, wrapping when they do not fit), a 1 px border of the text
# colour at 20 %, 15 px padding; title 14 px, value 36 px, delta chip 14 px, description 14 px at 60 %;
# every text on one line, cut with an ellipsis. The data-testid names are st.metric's own, so a card is
# found the same way as before.
CARDS_CSS = """.qm-cards { display: flex; flex-wrap: wrap; gap: 32px; }
.qm-card { flex: 1 1 fit-content; min-width: 16px; max-width: 100%; box-sizing: border-box; overflow: hidden;
  border: 1px solid rgba(31, 41, 51, 0.2); border-radius: 8px; padding: 15px; line-height: 25.6px; }
.qm-card p { display: inline; margin: 0; font-size: inherit; vertical-align: bottom; word-break: break-word; overflow-wrap: break-word; }
.qm-card .qm-text { display: block; max-width: 100%; overflow: hidden; text-overflow: ellipsis; white-space: nowrap;
  line-height: normal; overflow-wrap: break-word; }
.qm-card label { display: grid; grid-template-columns: auto 1fr; align-items: center; min-height: 24px;
  font-size: 14px; line-height: 22.4px; cursor: default; margin: 0; }
.qm-card label > div { display: flex; gap: 4px; align-items: center; }
.qm-card .qm-value { font-size: 36px; line-height: normal; padding-bottom: 4px; }
.qm-card .qm-delta { display: flex; gap: 8px; align-items: center; max-width: 100%; padding-bottom: 4px; overflow: hidden; }
.qm-card .qm-chip { display: flex; flex: 0 0 auto; align-items: center; max-width: 100%; padding: 2px 6px 2px 4px;
  border-radius: 9999px; font-size: 14px; line-height: normal; }
.qm-chip.qm-up { color: rgb(12, 90, 68); background-color: rgb(241, 251, 246); }
.qm-chip.qm-down { color: rgb(158, 48, 59); background-color: rgb(255, 241, 242); }
.qm-chip.qm-flat { color: rgb(104, 98, 85); background-color: rgb(245, 244, 242); padding-left: 6px; }
.qm-arrow { display: flex; flex: 0 0 auto; width: 1em; height: 1em; font-size: 14.4px; margin-right: 2px;
  background-color: currentColor; }
__ARROWS__
.qm-card .qm-desc { overflow: hidden; }
.qm-card .qm-desc .qm-text { font-size: 14px; opacity: 0.6; }""".replace("__ARROWS__", _ARROW_CSS)


def cards_html(cards: list[Card]) -> str:
    """One row of KPI cards as HTML (styled by ``CARDS_CSS``, drawn by ``page_styles``); every text is escaped."""
    out = []
    for c in cards:
        parts = [
            f'<div class="qm-card" data-testid="stMetric"><label data-testid="stMetricLabel"><div>'
            f'<div class="qm-text"><p>{escape(c.label)}</p></div></div></label>'
            f'<div class="qm-value" data-testid="stMetricValue"><div class="qm-text"><p>{escape(c.value)}</p></div></div>'
        ]
        if c.delta is not None:
            icon = (
                f'<span class="qm-arrow qm-{c.direction}" aria-hidden="true" data-testid="stMetricDeltaIcon-'
                f'{c.direction.title()}"></span>'
                if c.direction in _ARROWS
                else ""
            )
            parts.append(
                f'<div class="qm-delta"><div class="qm-chip qm-{c.direction}" data-testid="stMetricDelta">{icon}'
                f'<div class="qm-text"><p>{escape(c.delta)}</p></div></div>'
            )
            if c.description:
                text = escape(c.description)
                parts.append(
                    f'<div class="qm-desc" data-testid="stMetricDeltaDescription" title="{text}">'
                    f'<div class="qm-text"><p>{text}</p></div></div>'
                )
            parts.append("</div>")
        parts.append("</div>")
        out.append("".join(parts))
    return f'<div class="qm-cards">{"".join(out)}</div>'


def kpi_districts_key(ctx: Context) -> str:
    """The i18n key of the active-places card for this selection: 区 in Shanghai, else 区县."""
    if ctx.tree is None or ctx.tree.county_level_key(ctx.filters.districts) == "district_sh":
        return "kpi_districts"
    return "kpi_counties"


def _unit(totals: Totals | None, unit: str) -> float | None:
    if totals is None or unit not in totals.participants:
        return None
    return float(totals.participants[unit][0])


def localise_chrome(lang: str, preload_charts: bool = False) -> None:
    """Streamlit's own texts outside any widget, in `lang`: the keyboard "Skip to main content" link
    and the tooltips of the buttons Streamlit adds to every chart's mode bar (Fullscreen).

    Their texts are drawn by the frontend in English only; the link keeps working (focus, target) and
    shows the Chinese text in place of its own; a mode-bar tooltip is Plotly's CSS showing the
    button's title, here given the Chinese text instead. Streamlit's screen-reader labels, titles and
    placeholders, and the data grid's column menu and search box, are retexted by a script
    (``CHROME_SCRIPT_ZH``).

    Args:
        preload_charts: the page draws Plotly charts: start loading Streamlit's Plotly code now
            (``PRELOAD_PLOTLY``), the run's first element, rather than when the first chart arrives.
    """
    preload = PRELOAD_PLOTLY if preload_charts else ""
    if lang == "en":
        if preload:
            st.html(_PRELOAD_ALONE, unsafe_allow_javascript=True)
        return
    link = "[data-testid='stSkipToContent']"
    tips = " ".join(
        f".js-plotly-plot .plotly .modebar-btn[data-title={_css(en)}]::after {{ content: {_css(zh)} !important; }}"
        for en, zh in PLOTLY_STREAMLIT_BUTTONS.items()
    )
    st.html(
        f"<style>{link} {{ font-size: 0; }} {link}::after {{ content: {_css(SKIP_LINK_ZH)}; font-size: 1rem; }} "
        f"{tips} {TOOLBAR_TIPS_CSS}</style>{CHROME_SCRIPT_ZH}{preload}",
        unsafe_allow_javascript=True,
    )


def _plotly_chunk() -> str | None:
    """File name of the frontend's lazily loaded Plotly code (``static/js/PlotlyChart.<hash>.js``, 4.7 MB
    in Streamlit 1.67), None when this Streamlit build has no single such file."""
    found = sorted((Path(st.__file__).parent / "static" / "static" / "js").glob("PlotlyChart.*.js"))
    return found[0].name if len(found) == 1 else None


# The frontend imports its Plotly code only when the first chart arrives; fetching and compiling 4.7 MB
# then delays that chart. A module preload link (resolved beside the app's own entry module, so it
# is the URL the frontend will import, and with the same crossorigin mode, so the import reuses it)
# lets the browser fetch and compile it from the run's first message on. Once per page.
_PRELOAD_JS = """<script>(() => {
  if (window.__qmPlotly) return;
  const entry = document.querySelector('script[type="module"][src*="/static/js/index."]');
  if (!entry) return;
  window.__qmPlotly = true;
  const link = document.createElement('link');
  link.rel = 'modulepreload';
  link.crossOrigin = '';
  link.dataset.qm = 'plotly';
  link.href = new URL(__CHUNK__, entry.src).href;
  document.head.appendChild(link);
})();</script>"""
_CHUNK = _plotly_chunk()
PRELOAD_PLOTLY = _PRELOAD_JS.replace("__CHUNK__", json.dumps(_CHUNK)) if _CHUNK else ""
# On the English UI the preload is an element of its own: its container is hidden, so the page keeps
# its layout (an empty element would add a gap above the title).
_PRELOAD_ALONE = (
    "<style>[data-testid='stElementContainer']:has(> [data-testid='stHtml'] > #qm-plotly-preload) "
    "{ display: none; }</style>" + PRELOAD_PLOTLY.replace("<script>", '<script id="qm-plotly-preload">', 1)
)


SKIP_LINK_ZH = t("skip_link", "zh")


# Streamlit 1.67 has no locale and no option for its own words: screen-reader labels ("Collapse sidebar",
# "Open", "年份 — start"), titles, placeholders ("Choose an option") and the data grid's column menu
# (Sort ascending, Pin column, Format...) and search box ("Type to search"). On the Chinese UI this
# script, installed once per page (st.html with JavaScript, a supported API), replaces each such text
# whose whole value is a known English text (i18n.toml [streamlit_chrome_*]) by its Chinese text, as
# the page draws it. Only exact texts are touched: a text Streamlit adds or renames stays English and
# the Chinese-UI browser test fails on it. It skips SVG (the charts draw thousands of nodes on a filter
# change), table cells (a grid's accessible copy of the data) and Markdown (our own and the data's text).
_CHROME_JS = """<script>(() => {
  if (window.__qmChrome) return;
  window.__qmChrome = true;
  const EXACT = __EXACT__;
  const TEMPLATES = __TEMPLATES__.map(([p, zh]) => [new RegExp(p), zh]);
  const ATTRS = ['aria-label', 'title', 'placeholder', 'aria-placeholder', 'aria-valuetext', 'alt'];
  const SEL = ATTRS.map(a => '[' + a + ']').join(',');
  const SKIP = 'svg, table, [data-testid="stMarkdownContainer"], script, style';  // for texts
  const XHTML = 'http://www.w3.org/1999/xhtml';
  const zh = (v) => {
    if (!v) return null;
    const k = v.trim();
    if (Object.prototype.hasOwnProperty.call(EXACT, k)) return EXACT[k];
    for (const [re, text] of TEMPLATES) {
      const m = k.match(re);
      if (m) return text.replace('{x}', zh(m[1]) || m[1]).replace('{y}', m[2] === undefined ? '' : zh(m[2]) || m[2]);
    }
    return null;
  };
  const fixAttrs = (el) => {
    for (const a of ATTRS) {
      const v = el.getAttribute(a), z = v && zh(v);
      if (z && z !== v) el.setAttribute(a, z);
    }
  };
  const fixText = (node) => {
    const z = zh(node.nodeValue);
    if (z && z !== node.nodeValue.trim()) node.nodeValue = z;
  };
  const fixTree = (root) => {
    if (root.nodeType === 3) { if (root.parentElement && !root.parentElement.closest(SKIP)) fixText(root); return; }
    if (root.nodeType !== 1 || root.namespaceURI !== XHTML) return;
    fixAttrs(root);
    for (const el of root.querySelectorAll(SEL)) if (el.namespaceURI === XHTML) fixAttrs(el);
    if (root.closest(SKIP)) return;
    const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walk.nextNode()) { const n = walk.currentNode; if (!n.parentElement.closest(SKIP)) fixText(n); }
  };
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes') { if (r.target.namespaceURI === XHTML) fixAttrs(r.target); }
      else if (r.type === 'characterData') fixTree(r.target);
      else for (const n of r.addedNodes) fixTree(n);
    }
  }).observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ATTRS});
  fixTree(document.body);
})();</script>"""
CHROME_SCRIPT_ZH = _CHROME_JS.replace(
    "__EXACT__", json.dumps({**STREAMLIT_TOOLBAR, **STREAMLIT_CHROME_ZH}, ensure_ascii=False)
).replace("__TEMPLATES__", json.dumps(STREAMLIT_CHROME_TEMPLATES_ZH, ensure_ascii=False))


def _toolbar_tips_css() -> str:
    """CSS that shows the Chinese text in the tooltip of a hovered element-toolbar button (a data grid's
    Search, Show/hide columns, Fullscreen).

    Streamlit 1.67 draws these tooltips in a floating layer away from the button, with the button's
    fixed English label as their only text, and offers no option or locale for them (the CSV download
    is switched off by ``client.disableDataExport``; fullscreen can only be turned off by a hosting
    platform). A tooltip is open only while its button is hovered, so the button (its aria-label is the
    English label, or "label: alt", or its Chinese text once ``CHROME_SCRIPT_ZH`` retexted it)
    identifies the open tooltip: its paragraph is hidden (font size 0) and the Chinese text drawn in
    its place.
    """
    tip = "[data-testid='stTooltipContent'] [data-testid='stMarkdownContainer'] p"
    rules = []
    for en, zh in STREAMLIT_TOOLBAR.items():
        hovered = (
            f"[data-testid='stElementToolbarButton'] button:is([aria-label={_css(en)}], "
            f"[aria-label^={_css(en + ': ')}], [aria-label={_css(zh)}], [aria-label^={_css(zh + ': ')}]):hover"
        )
        rules.append(
            f"body:has({hovered}) {tip} {{ font-size: 0 !important; }} "
            f"body:has({hovered}) {tip}::after {{ content: {_css(zh)}; font-size: 0.875rem; }}"
        )
    return " ".join(rules)


def localise_file_uploader(lang: str, mb: int, types: list[str]) -> None:
    """Show the file uploader's own texts (button, size limit) in `lang`.

    Streamlit draws them in English only, from the frontend, with no option to change them: the
    English spans are hidden and the texts of ui.access drawn in their place by CSS. Call once,
    before ``st.file_uploader``.
    """
    from ui.access import s  # ui.access imports this module's neighbours

    if lang == "en":
        return
    browse = s("upload_browse", lang)
    limit = s("upload_limit", lang, mb=mb, types=", ".join(t.upper() for t in types))
    zone = "[data-testid='stFileUploaderDropzone']"
    st.html(f"""<style>
{zone} [data-testid='stBaseButton-secondary'] [data-testid='stMarkdownContainer'] p {{ display: none; }}
{zone} [data-testid='stBaseButton-secondary'] [data-testid='stMarkdownContainer']::after {{ content: {_css(browse)}; }}
{zone} [data-testid='stFileUploaderDropzoneInstructions'] span {{ display: none; }}
{zone} [data-testid='stFileUploaderDropzoneInstructions'] > div::after {{
  content: {_css(limit)}; font-size: 0.875rem; opacity: 0.6; }}
</style>""")


def _css(text: str) -> str:
    """A CSS string literal (quotes and backslashes escaped)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


TOOLBAR_TIPS_CSS = _toolbar_tips_css()  # after _css, which it uses
