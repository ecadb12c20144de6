"""Overview: KPI cards with change vs the previous year, activities and participants by year, by month."""

import streamlit as st

from analytics import charts
from analytics.i18n import t
from ui.components import banners, kpi_cards, kpi_districts_key, plotly_config
from ui.state import context

ctx = context()
lang = ctx.lang
st.header(t("page_overview", lang))
if banners(ctx):
    f = ctx.filters.without("search")
    k = ctx.q("kpis", filters=f)
    if k.total.activities == 0:
        st.warning(t("banner_no_rows", lang))
    else:
        kpi_cards(k, lang, kpi_districts_key(ctx))
        years = ctx.q("by_year", filters=f)
        left, right = st.columns(2)
        with left:
            st.subheader(t("activities", lang))
            st.plotly_chart(charts.activities_by_year(years, lang), config=plotly_config(lang), key="ov_year_act")
        with right:
            st.subheader(t("participants", lang))
            st.plotly_chart(charts.participants_by_year(years, lang), config=plotly_config(lang), key="ov_year_part")
        st.subheader(t("by_month", lang))
        st.plotly_chart(
            charts.activities_by_month(ctx.q("by_month", filters=f), lang), config=plotly_config(lang), key="ov_month"
        )
        undated = ctx.q("undated", filters=f)
        if undated:
            st.caption(t("undated_month", lang, n=undated))
