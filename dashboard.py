"""Entry point: `streamlit run dashboard.py`.

Builds the navigation and the one sidebar of filters shared by every page, then
runs the selected page. Pages only read ``ui.state.context()`` and render.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st
from streamlit.runtime.scriptrunner import RerunException

from analytics.i18n import t
from domain.config import db_path
from ui import access as access_ui
from ui import components, heap, nav, sidebar
from ui.state import Context, get_cached, get_region_tree, lang_from, open_warehouse, set_context

# No page_icon: a Material page icon becomes a favicon fetched from fonts.gstatic.com.
st.set_page_config(page_title="质量月 · Quality Month", layout="wide")

# Who is asking comes first: without a role nothing below (data, filters, pages) runs.
policy = access_ui.current_policy(lang_from(st.query_params))
if not policy.pages():
    access_ui.no_access(policy, lang_from(st.query_params))

# The navigation comes before any widget. On a server's very first run Streamlit does not know the
# pages yet; widgets drawn before st.navigation() would get ids that change on the next run, and
# the first visitor would lose their URL filters (include demo) on their first click.
lang = sidebar.current_lang(st.query_params)
allowed = tuple(p for p in nav.PAGES if policy.can_see(p.policy_key))
navigation = nav.build(allowed, lambda key: access_ui.page_title(key, lang))
navigation.follow_redirect()  # an alias (/home, /records...) leaves for its page before drawing

db = str(db_path())
wh, snapshot, options = open_warehouse(db)
if options is not None and policy.scope is not None:
    # A scoped user is offered only their districts; the scope is forced into every query below.
    options = replace(options, districts=tuple(d for d in options.districts if policy.allows_district(d[0])))
tree = get_region_tree(db, snapshot.key) if snapshot is not None else None
allowed = None
if tree is not None and policy.scope is not None:
    allowed = {c for d in policy.scope for c in tree.lineage(d)}
provinces = get_cached("data_provinces", db, snapshot) if snapshot is not None else ()
if allowed is not None:  # a scoped user opens on the province of their districts
    provinces = tuple(c for c in allowed if tree.regions[c].level == "province")
sidebar_args = (options, tree, allowed)
filters, lang = sidebar.prepare(
    options, tree, default_place=provinces[0] if len(provinces) == 1 else None, allowed=allowed
)
selection = (filters, lang)
filters = policy.apply(filters)
all_names = {a: (en if lang == "en" else zh) for a, zh, en in options.districts} if options else {}
if tree is not None:
    all_names.update({c: tree.name(c, lang) for c in filters.districts})
ctx = Context(
    db=db,
    wh=wh,
    snapshot=snapshot,
    filters=filters,
    lang=lang,
    options=options,
    district_names=all_names,
    policy=policy,
    tree=tree,
)
set_context(ctx)
if snapshot is not None:
    # Modules imported, warehouse, options and region tree loaded: from now on Streamlit's collection
    # after each run skips them (ui.heap; ~85 ms of CPU per rerun at 1M rows).
    heap.freeze_once()


K_SHOWN = "_qm_shown_page"  # the chart page this session last drew to its end (its file)


def draw_sidebar() -> None:
    """The sidebar's widgets and the identity box (the selection they hold is checked against ``prepare``'s)."""
    drawn = sidebar.draw(*sidebar_args)
    access_ui.identity_box(policy, lang, all_names)
    sidebar.check(drawn, selection)


chart_page = navigation.nav_page is not None and navigation.nav_page.sidebar_last
# A chart page drawn anew (a first load, another page picked) draws its sidebar after the page body
# (below); a rerun of the page on show draws it first where the page asks for it (NavPage).
rerun_of_shown = chart_page and st.session_state.get(K_SHOWN) == navigation.nav_page.file
sidebar_last = chart_page and not (rerun_of_shown and navigation.nav_page.change_sidebar_first)
components.page_styles()  # of the headings and KPI cards, before any is drawn (sidebar included)
if not sidebar_last:
    draw_sidebar()
components.localise_chrome(lang, preload_charts=chart_page)
components.heading(t("app_title", lang, place=ctx.place), 1)
if not sidebar_last:
    navigation.page.run()
else:
    # The page's charts are sent before the sidebar (its own container: same place on screen), so the
    # browser starts loading Plotly's code ~0.2 s sooner on a first load. A rerun the page asks for
    # (a breadcrumb) leaves before the sidebar is drawn; any other end of the page still draws it.
    rerun = False
    try:
        navigation.page.run()
    except RerunException:
        rerun = True
        raise
    finally:
        if not rerun:
            draw_sidebar()
st.session_state[K_SHOWN] = navigation.nav_page.file if chart_page else None
