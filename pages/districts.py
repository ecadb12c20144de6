"""Districts: offline clickable map, ranking, district × year heatmap."""

import streamlit as st

from analytics import charts, geo
from analytics.i18n import label, t
from ui import sidebar
from ui.components import PLOTLY_CONFIG, banners
from ui.state import context

ctx = context()
lang = ctx.lang
st.header(t("page_districts", lang))
if banners(ctx):
    f = ctx.filters.without("search")
    metric = st.segmented_control(
        t("color_by", lang), list(geo.METRICS), key="dist_metric", default="activities", required=True,
        format_func=lambda m: t("activities", lang) if m == "activities"
        else f"{t('participants', lang)} ({label('participants_unit', m, lang)})") or "activities"
    st.subheader(t("map_title", lang))
    st.caption(t("map_hint", lang))
    # The map shows every district (the district filter only outlines); the other charts follow it.
    fig = geo.district_map(ctx.q("boundaries"), ctx.q("by_district", filters=f.without("districts")),
                           metric=metric, lang=lang, selected=f.districts)
    # A new key after each handled click resets the chart's own selection state, so a
    # stale selection can never re-apply a district filter the user has since cleared.
    gen = st.session_state.setdefault("dist_map_gen", 0)
    event = st.plotly_chart(fig, key=f"dist_map_{gen}", on_select="rerun", selection_mode="points",
                            config={**PLOTLY_CONFIG, "displayModeBar": False, "scrollZoom": False})
    clicked = geo.clicked_adcodes(getattr(event, "selection", None) if event else None,
                                  ctx.district_names.keys())
    if clicked and tuple(sorted(clicked)) != f.districts:
        st.session_state["dist_map_gen"] = gen + 1
        sidebar.request_districts(clicked)
    if f.districts:
        names = ", ".join(ctx.district_names.get(a, a) for a in f.districts)
        c1, c2 = st.columns([4, 1])
        c1.markdown(t("map_selected", lang, names=names))
        if c2.button(t("clear_district", lang), key="dist_clear"):
            sidebar.request_districts([])

    # Nationally thousands of districts: the ranking and heatmap show the leading ones by the
    # colour measure (the map above keeps all of them).
    shown, hidden = charts.top_districts(ctx.q("by_district", filters=f), metric)
    heat = ctx.q("district_year", filters=f)
    if hidden:
        heat = heat[heat["adcode"].isin(shown["adcode"])]
    left, right = st.columns([2, 3])
    with left:
        st.subheader(t("ranking", lang))
        st.plotly_chart(charts.district_ranking(shown, lang, metric), config=PLOTLY_CONFIG, key="dist_rank")
        if hidden:
            st.caption(charts.more_not_shown(hidden, lang))
    with right:
        st.subheader(t("heatmap", lang))
        st.plotly_chart(charts.district_year_heatmap(heat, lang), config=PLOTLY_CONFIG, key="dist_heat")
        if hidden:
            st.caption(charts.more_not_shown(hidden, lang))
