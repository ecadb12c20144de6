"""Map: the offline map that drills country -> province -> city -> county, ranking, region x year heatmap."""

import streamlit as st

from analytics import charts, geo
from analytics.i18n import label, t
from ui import sidebar
from ui.components import banners, heading, plotly_config
from ui.state import context

VIEW_MAX = 40  # more children than any region has (38), so no view is cut


@st.cache_resource(show_spinner=False, max_entries=32)
def _map_figure(source: tuple, _boundaries, children, metric: str, lang: str, selected: tuple[str, ...]):
    # Built once per view, figures, measure and selection (hashed by content): a rerun that changes
    # none of them (another widget, a language round trip) reuses the figure instead of re-assembling
    # ~40 polygons. Shared read-only: st.plotly_chart only serialises it. `source` (warehouse,
    # snapshot, view) names the boundaries, so their ~190 KB of GeoJSON is not hashed on every run.
    return geo.district_map(_boundaries, children, metric=metric, lang=lang, selected=selected)


@st.cache_resource(show_spinner=False, max_entries=32)
def _heatmap_figure(data, lang: str):
    # The colour measure reruns the fragment below; the heatmap does not depend on it (counts of
    # activities), so it is built once per content rather than on every measure change (~15-45 ms).
    return charts.district_year_heatmap(data, lang)


ctx = context()
lang = ctx.lang
heading(t("page_districts", lang))
if banners(ctx) and ctx.tree is not None:
    tree = ctx.tree
    f = ctx.filters.without("search")
    view = tree.view_for(f.districts)
    level_word = geo.level_word(tree, view, lang)

    # Breadcrumb: 全国 › 上海市 › 浦东新区; every step but the last goes back up to it.
    trail: list[str | None] = [None]
    if len(f.districts) == 1:
        trail += tree.crumbs(f.districts[0])
    elif view is not None:
        trail += tree.crumbs(view)
    crumbs = st.container(horizontal=True, gap="small")
    for i, code in enumerate(trail):
        last = i == len(trail) - 1
        if crumbs.button(
            ("" if i == 0 else "› ") + tree.name(code, lang),
            key=f"crumb_{i}",
            type="tertiary",
            disabled=last and len(f.districts) <= 1,
        ):
            sidebar.request_districts([] if code is None else [code])

    region = tree.top(view)
    figures = ctx.q("view_figures", view, region, filters=f)

    @st.fragment
    def map_and_charts() -> None:
        # The colour measure reruns only this fragment (map and ranking are coloured and ranked by
        # it), never the sidebar or the page's queries.
        metric = (
            st.segmented_control(
                t("color_by", lang),
                list(geo.METRICS),
                key="dist_metric",
                default="activities",
                required=True,
                format_func=lambda m: (
                    t("activities", lang)
                    if m == "activities"
                    else f"{t('participants', lang)} ({label('participants_unit', m, lang)})"
                ),
            )
            or "activities"
        )
        heading(t("map_view_title", lang, place=tree.name(region, lang), level=level_word), 3)
        st.caption(t("map_drill_hint", lang))
        if figures.own_level:
            st.info(
                t("own_level", lang, name=tree.name(region, lang), n=f"{figures.own_level:,}", level=level_word),
                icon=":material/location_city:",
            )
        fig = _map_figure(
            (ctx.db, ctx.snapshot.key, view),
            ctx.shared("view_boundaries", view),
            figures.children,
            metric,
            lang,
            f.districts,
        )
        # A new key after each handled click resets the chart's own selection state, so a
        # stale selection can never re-apply a place the user has since left.
        gen = st.session_state.setdefault("dist_map_gen", 0)
        event = st.plotly_chart(
            fig,
            key=f"dist_map_{gen}",
            on_select="rerun",
            selection_mode="points",
            config=plotly_config(lang, displayModeBar=False, scrollZoom=False),
        )
        clicked = geo.clicked_adcodes(getattr(event, "selection", None) if event else None, figures.children["adcode"])
        if clicked and tuple(sorted(clicked)) != f.districts:
            st.session_state["dist_map_gen"] = gen + 1
            sidebar.request_districts(clicked[:1])

        # The heatmap's query runs once the map is sent: the browser starts drawing the map, the page's
        # longest chart to draw, meanwhile (cached: a colour-measure rerun of this fragment runs no query).
        heat = ctx.q("view_years", view, region, filters=f)
        # A view has at most 38 children (重庆市's counties): the ranking and heatmap show them all.
        shown, hidden = charts.top_districts(figures.children, metric, limit=VIEW_MAX)
        left, right = st.columns([2, 3])
        with left:
            heading(t("ranking_level", lang, level=level_word), 3)
            st.plotly_chart(charts.district_ranking(shown, lang, metric), config=plotly_config(lang), key="dist_rank")
            if hidden:
                st.caption(charts.more_not_shown(hidden, lang, geo.level_key(tree, view)))
        with right:
            heading(t("heatmap_level", lang, level=level_word), 3)
            data = heat[heat["adcode"].isin(shown["adcode"])] if hidden else heat
            if data.empty:  # no child holds a record (a province's own records only): no grid of empty axes
                st.info(t("heatmap_empty", lang, level=level_word))
            else:
                st.plotly_chart(_heatmap_figure(data, lang), config=plotly_config(lang), key="dist_heat")
            if hidden:
                st.caption(charts.more_not_shown(hidden, lang, geo.level_key(tree, view)))

    if not figures.own_level and not figures.children["activities"].notna().any():
        # Nothing in the selection here: say so, rather than a map of "not reported" and charts with
        # empty axes (-1...6, 0-1 in steps of 0.5).
        st.warning(t("banner_no_rows", lang))
    else:
        # A county picked that has no record is drawn among its siblings (the view is its parent's):
        # say that the selection itself has none, as the other pages do, above its siblings' map.
        picked = figures.children[figures.children["adcode"].isin(f.districts)]
        if len(f.districts) == 1 and len(picked) == 1 and not picked["activities"].fillna(0).any():
            name = tree.name(f.districts[0], lang)
            st.info(t("place_no_rows", lang, name=name, message=t("banner_no_rows", lang)), icon=":material/info:")
        map_and_charts()
