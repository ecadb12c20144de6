"""Entry point: `streamlit run dashboard.py`.

Builds the navigation and the one sidebar of filters shared by every page, then
runs the selected page. Pages only read ``ui.state.context()`` and render.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from analytics.i18n import t
from domain.config import db_path
from ui import access as access_ui
from ui import sidebar
from ui.state import Context, lang_from, open_warehouse, set_context

# No page_icon: a Material page icon becomes a favicon fetched from fonts.gstatic.com.
st.set_page_config(page_title="质量月 · Quality Month", layout="wide")

# Who is asking comes first: without a role nothing below (data, filters, pages) runs.
policy = access_ui.current_policy(lang_from(st.query_params))
if not policy.pages():
    access_ui.no_access(policy, lang_from(st.query_params))

db = str(db_path())
wh, snapshot, options = open_warehouse(db)
if options is not None and policy.scope is not None:
    # A scoped user is offered only their districts; the scope is forced into every query below.
    options = replace(options, districts=tuple(d for d in options.districts if policy.allows_district(d[0])))
filters, lang = sidebar.build(options)
filters = policy.apply(filters)
all_names = {a: (en if lang == "en" else zh) for a, zh, en in options.districts} if options else {}
access_ui.identity_box(policy, lang, all_names)
set_context(Context(db=db, wh=wh, snapshot=snapshot, filters=filters, lang=lang,
                    options=options, district_names=all_names, policy=policy))

# No page icons: the current page's icon becomes the favicon, and Streamlit fetches
# Material icon favicons from fonts.gstatic.com (emoji need a font servers lack).
# url paths must differ from the file stems in pages/: Streamlit also registers
# pages/*.py as legacy (v1) pages keyed by their stem, and on a rerun a matching
# key makes it run the page file alone, without this script (no sidebar, no filters).
PAGES = (
    ("pages/overview.py", "page_overview", "home"),
    ("pages/districts.py", "page_districts", "district-map"),
    ("pages/industries.py", "page_industries", "industry-breakdown"),
    ("pages/activity_types.py", "page_types", "activity-types"),
    ("pages/records.py", "page_records", "record-list"),
    ("pages/data_status.py", "page_status", "data-status"),
    ("pages/upload.py", "page_upload", "upload"),
)
# Pages the role may not use are not registered at all, so their URLs lead nowhere.
allowed = [p for p in PAGES if policy.can_see(p[2])]
nav = st.navigation([
    st.Page(path, title=access_ui.page_title(key, lang), url_path=url, default=(i == 0))
    for i, (path, key, url) in enumerate(allowed)
])
st.title(t("app_title", lang))
nav.run()
