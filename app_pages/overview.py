"""Overview: KPI cards with change vs the previous year, activities and participants by year, by month."""

import streamlit as st

from analytics import charts
from analytics.i18n import t
from analytics.queries import years_covered
from ui.components import banners, heading, kpi_cards, kpi_districts_key, plotly_config
from ui.state import context

ctx = context()
lang = ctx.lang
heading(t("page_overview", lang))
if banners(ctx):
    f = ctx.filters.without("search")
    # The charts are built and sent before the KPI cards (drawn above them, in a container kept for
    # them): the browser starts drawing the charts, its longest work, while the cards' queries run.
    # A selection with dated rows has activities; without any, the cards' totals decide (all undated, or
    # nothing: the warning).
    cards = st.container()
    years = ctx.q("by_year", filters=f)
    k = None if len(years) and years["activities"].sum() > 0 else ctx.q("kpis", filters=f)
    if k is not None and k.total.activities == 0:
        st.warning(t("banner_no_rows", lang))
    else:
        left, right = st.columns(2)
        with left:
            heading(t("activities", lang), 3)
            st.plotly_chart(charts.activities_by_year(years, lang), config=plotly_config(lang), key="ov_year_act")
        with right:
            heading(t("participants", lang), 3)
            st.plotly_chart(charts.participants_by_year(years, lang), config=plotly_config(lang), key="ov_year_part")
        heading(t("by_month", lang), 3)
        st.plotly_chart(
            charts.activities_by_month(ctx.q("by_month", filters=f), lang), config=plotly_config(lang), key="ov_month"
        )
        undated = ctx.q("undated", filters=f)
        if undated:
            st.caption(t("undated_month", lang, n=undated))
        with cards:
            k = k if k is not None else ctx.q("kpis", filters=f)
            kpi_cards(k, lang, kpi_districts_key(ctx), years_covered(f, years, k.latest_year))
