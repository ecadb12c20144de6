"""Reporting & briefing: who has (not) reported, this year against earlier years by the same day, and the
one-click DOCX/PDF briefing of the selection."""

import datetime as dt

import pandas as pd
import streamlit as st

from analytics import briefing
from analytics.briefing.layout import completeness_table, same_period_table
from analytics.briefing.text import s, unit_words
from analytics.i18n import t
from analytics.queries import SHANGHAI_DISTRICTS, map_level
from ui.access import record_download, require_page
from ui.components import banners, heading
from ui.state import context

require_page("briefing")
ctx = context()
lang = ctx.lang
SEP = "、" if lang == "zh" else ", "
heading(s("page", lang))


def completeness_section(c, kind: str, title_key: str, missing_key: str, key: str, units: dict) -> None:
    """Rate, counts, the full list (figures or "not reported") and the changes against last year."""
    heading(s(title_key, lang, year=c.year, **units), 3)
    rate = f"{c.rate * 100:.1f}%" if c.rate is not None else "–"
    st.markdown(s("rate", lang, rate=rate, reported=len(c.reported), expected=c.expected))
    header, rows = completeness_table(c, lang, kind, units)
    left, right = st.columns([3, 2])
    left.dataframe(pd.DataFrame(rows, columns=list(header)), hide_index=True, key=key, height=table_height(len(rows)))
    missing = c.names(c.not_reported, lang)
    right.markdown(
        s(missing_key, lang, n=len(missing), names=SEP.join(missing), **units)
        if missing
        else s("not_reported_none", lang, **units)
    )
    right.markdown(s("dropped", lang, names=SEP.join(c.names(c.dropped, lang)) or s("none", lang)))
    right.markdown(s("new", lang, names=SEP.join(c.names(c.new, lang)) or s("none", lang)))


def table_height(rows: int) -> int:
    """Room for every row (Streamlit's rows are 35 px): a completeness list is read whole, not scrolled."""
    return 35 * (rows + 1) + 3


def downloads(f, level) -> None:
    """The one-click briefing: DOCX and PDF of the selection, each audited before its bytes exist."""
    policy = ctx.policy
    if policy is None or not policy.can_download_briefing:
        return
    heading(s("download_title", lang), 3)
    st.caption(s("download_help", lang))
    wh, names = ctx.wh, ctx.district_names
    k = ctx.q("kpis", filters=f)
    title = briefing.title(wh, f, lang, level, k.latest_year)

    def maker(fmt_name: str):
        # Built only when clicked, audited first (ui.access.record_download).
        def build() -> bytes:
            doc = briefing.prepare(wh, f, lang, level, district_names=names)
            record_download(
                policy,
                f,
                fmt_name,
                k.total.activities,
                briefing.file_name(doc.title, fmt_name),
                {"kind": "briefing", "lang": lang, "level": level.level, "parent": level.parent},
            )
            return briefing.write(doc, fmt_name)

        return build

    d1, d2, _rest = st.columns([1, 1, 2])
    for column, fmt_name in ((d1, "docx"), (d2, "pdf")):
        column.download_button(
            s(f"download_{fmt_name}", lang),
            data=maker(fmt_name),
            file_name=briefing.file_name(title, fmt_name),
            mime=briefing.MIME[fmt_name],
            key=f"brief_dl_{fmt_name}",
            on_click="ignore",
            icon=":material/description:",
        )


def same_period_section(f, year: int, level) -> None:
    """Every year up to the same day of the year, the cut-off picked by the user."""
    heading(s("same_period_title", lang), 3)
    st.caption(s("same_period_help", lang))
    default = ctx.q("default_cutoff", filters=f) or (9, 30)
    picked = st.date_input(
        s("cutoff_pick", lang),
        value=dt.date(year, *default),
        min_value=dt.date(year, 1, 1),
        max_value=dt.date(year, 12, 31),
        key="brief_cutoff",
        format="YYYY-MM-DD",
    )
    month, day = (picked.month, picked.day) if isinstance(picked, dt.date) else default
    sp = ctx.q("same_period", filters=f, month=month, day=day, level=level)
    this = sp.row(year)
    if this is not None:
        change = sp.change_pct(year)
        st.metric(
            f"{year} · {s('cutoff_row', lang, month=month, day=day)}",
            f"{int(this['by_cutoff']):,}",
            delta=None if change is None else f"{change:+.1f}%",
            border=True,
            width="content",
        )
    header, rows = same_period_table(sp, lang)
    st.dataframe(pd.DataFrame(rows, columns=list(header)), hide_index=True, key="brief_same")


if banners(ctx):
    f = ctx.filters.without("search")
    # the regions the drill-down map draws for the selected place (上海市 -> its 16 districts)
    level = map_level(ctx.tree, f.districts) if ctx.tree is not None else SHANGHAI_DISTRICTS
    units = unit_words(level.level, lang)
    downloads(f, level)
    regions = ctx.q("region_completeness", filters=f, level=level)
    if regions.year is None:
        # No dated row: either nothing at all in the selection (say so, as every page does) or only undated rows.
        nothing = ctx.q("kpis", filters=f).total.activities == 0
        st.warning(t("banner_no_rows", lang) if nothing else s("no_year", lang))
    else:
        completeness_section(regions, "region", "completeness_title", "not_reported_list", "brief_regions", units)
        outside, unplaced = ctx.q("placement", filters=f.with_years([regions.year]), level=level)
        if unplaced:
            st.caption(s("note_city_wide", lang, n=f"{unplaced:,}", **units))
        if outside:
            region = briefing.region_title(ctx.wh, f, level, lang)
            st.caption(s("note_outside", lang, n=f"{outside:,}", region=region, **units))
        completeness_section(
            ctx.q("industry_completeness", filters=f, year=regions.year),
            "industry",
            "completeness_industry_title",
            "not_reported_industries",
            "brief_industries",
            unit_words("industry", lang),
        )
        same_period_section(f, regions.year, level)
