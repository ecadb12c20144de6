"""The shared body of the Industries and Activity types pages."""

from __future__ import annotations

import streamlit as st

from analytics import charts
from analytics.i18n import t
from analytics.queries import yoy_of
from ui import tables
from ui.components import banners, heading, plotly_config
from ui.state import context


def render(column: str, title_key: str) -> None:
    """Breakdown of the selection by `column`, its year-on-year change and its trend by year."""
    ctx = context()
    lang = ctx.lang
    heading(t(title_key, lang))
    if not banners(ctx):
        return
    f = ctx.filters.without("search")
    data = ctx.q("breakdown", column, filters=f)
    if data.empty:
        st.warning(t("banner_no_rows", lang))
        return
    left, right = st.columns(2)
    with left:
        heading(t("breakdown", lang), 3)
        st.plotly_chart(charts.breakdown_bars(data, column, lang), config=plotly_config(lang), key=f"{column}_bars")
    # One scan for both right-hand charts: the trend's frame (code x year) also gives the
    # year-on-year counts (queries.yoy_of), so a filter change runs two queries, not four.
    by_year = ctx.q("breakdown_by_year", column, filters=f)
    with right:
        yoy, latest = yoy_of(by_year, column)
        if latest is not None and f.years and latest - 1 not in f.years:
            # "vs last year" compares with the year before even when the picked years leave it out, as the
            # Overview's cards and the briefing do (one year picked: its change, not "needs two years").
            yoy, latest = yoy_of(ctx.q("breakdown_by_year", column, filters=f.with_years([latest - 1, latest])), column)
        if latest is None or int(yoy["previous"].sum()) == 0:
            st.subheader(t("yoy", lang, year=latest or "–", prev=(latest - 1) if latest else "–"), anchor=False)
            st.info(t("yoy_need_two", lang))
        else:
            # How the chart is ordered and what 新增 means: the heading's tooltip, not a text of its own.
            st.subheader(
                t("yoy", lang, year=latest, prev=latest - 1),
                help=t("yoy_help", lang, year=latest, prev=latest - 1),
                anchor=False,
            )
            st.plotly_chart(charts.yoy_bars(yoy, column, latest, lang), config=plotly_config(lang), key=f"{column}_yoy")
            # A static table of the ~20 rows behind the chart, already sorted by change, drawn only while
            # its expander is open (the expander tracks its state and reruns when opened): a filter change
            # does not build and send a table nobody opened.
            # Its title names the years, so a filter change makes it a new expander: it opens as it was.
            was_open = f"_{column}_yoy_was_open"
            box = st.expander(
                t("yoy_table", lang, year=latest, prev=latest - 1),
                expanded=st.session_state.get(was_open, False),
                key=f"{column}_yoy_open",
                on_change="rerun",
            )
            st.session_state[was_open] = bool(box.open)
            if box.open:
                box.table(tables.yoy_table(yoy, column, latest, lang), hide_index=True)
    heading(t("trend", lang), 3)
    st.plotly_chart(
        charts.breakdown_trend(by_year, column, lang),
        config=plotly_config(lang),
        key=f"{column}_trend",
    )
