"""Small rendering helpers shared by the pages (banners, KPI cards, tables)."""

from __future__ import annotations

import json
from pathlib import Path

import streamlit as st

from analytics import fmt
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


def _delta(cur: float | None, prev: float | None) -> tuple[str | None, bool]:
    """The change as a metric delta, and whether it is none at all (shown as a neutral 0%, no arrow)."""
    text = fmt.fmt_pct(fmt.pct_change(cur, prev))
    return text or None, text == fmt.NO_CHANGE


def _metric(where, title: str, value: str, delta: tuple[str | None, bool], desc: str | None) -> None:
    text, flat = delta
    neutral = {"delta_color": "off", "delta_arrow": "off"} if flat else {}
    where.metric(title, value, delta=text, delta_description=desc if text else None, border=True, **neutral)


def kpi_cards(k: Kpis, lang: str, districts_key: str = "kpi_districts") -> None:
    """KPI cards: selection totals with the latest year's change against the year before.

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

    def described(total: str, latest: str | None) -> str | None:
        """The change's description; it names the latest year's own figure when the card's total is larger."""
        if not has_prev or latest is None or latest == total:
            return desc
        return t("kpi_delta_of", lang, year=k.latest_year, value=latest, prev=k.latest_year - 1)

    def card(where, title: str, value: str, attr: str) -> None:
        delta: tuple[str | None, bool] = (None, False)
        latest = None
        if has_prev and k.latest is not None:
            delta = _delta(getattr(k.latest, attr), getattr(k.previous, attr))
            latest = fmt.fmt_int(getattr(k.latest, attr))
        _metric(where, title, value, delta, described(value, latest))

    # Each row of three cards is one horizontal container (the cards share its width equally), not
    # three columns: 4 elements per row instead of 7, redrawn by the browser on every filter change.
    row = st.container(horizontal=True, gap="medium")
    card(row, t("kpi_activities", lang), fmt.fmt_int(k.total.activities), "activities")
    card(row, t(districts_key, lang), fmt.fmt_int(k.total.districts), "districts")
    card(row, t("kpi_organizers", lang), fmt.fmt_int(k.total.organizers), "organizers")

    # The participants' heading and how to read their qualifiers (≥, ≈), in one text above their cards.
    st.markdown(f"**{t('participants_by_unit', lang)}** :small[:gray[{t('qualifier_note', lang)}]]")
    units = ("people", "person_times", "organizations")
    row = st.container(horizontal=True, gap="medium")
    for unit in units:
        total = k.total.participants.get(unit)
        title = f"{t('kpi_participants', lang)} · {label('participants_unit', unit, lang)}"
        if total is None:
            row.metric(title, t("kpi_none", lang), border=True)
            continue
        delta: tuple[str | None, bool] = (None, False)
        latest = None
        if has_prev and k.latest is not None:
            delta = _delta(_unit(k.latest, unit), _unit(k.previous, unit))
            if unit in k.latest.participants:
                latest = fmt.fmt_total(*k.latest.participants[unit], lang)
        value = fmt.fmt_total(total[0], total[1], lang)
        _metric(row, title, value, delta, described(value, latest))


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
