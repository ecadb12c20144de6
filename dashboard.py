"""Entry point: `streamlit run dashboard.py`.

Builds the navigation and the one sidebar of filters shared by every page, then
runs the selected page. Pages only read ``ui.state.context()`` and render.
"""

from __future__ import annotations

import streamlit as st

from analytics.i18n import t
from domain.config import db_path
from ui import sidebar
from ui.state import Context, open_warehouse, set_context

# No page_icon: a Material page icon becomes a favicon fetched from fonts.gstatic.com.
st.set_page_config(page_title="质量月 · Quality Month", layout="wide")

db = str(db_path())
wh, snapshot, options = open_warehouse(db)
filters, lang = sidebar.build(options)
names = {a: (en if lang == "en" else zh) for a, zh, en in options.districts} if options else {}
set_context(Context(db=db, wh=wh, snapshot=snapshot, filters=filters, lang=lang,
                    options=options, district_names=names))

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
)
nav = st.navigation([
    st.Page(path, title=t(key, lang), url_path=url, default=(i == 0))
    for i, (path, key, url) in enumerate(PAGES)
])
st.title(t("app_title", lang))
nav.run()
