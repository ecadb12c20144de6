"""The yardstick of the browser benchmark: one Streamlit page, one slider, one Plotly chart.

It reads the same warehouse as the dashboard (QM_DB) with one raw DuckDB aggregate per run
(activities per month of the selected years), so the dashboard's pages are compared with the
cheapest page that still shows this data: Streamlit start-up, one query, one chart. Like the
dashboard (``ui.heap``) it freezes its long-lived objects out of Streamlit's after-run collection.

Run: ``QM_DB=... streamlit run bench/one_chart_app.py``
"""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from analytics.db import Warehouse
from domain.config import db_path
from ui import heap

st.set_page_config(page_title="one chart", layout="wide")


@st.cache_resource(show_spinner=False)
def _warehouse(path: str) -> Warehouse:
    return Warehouse(path)


wh = _warehouse(str(db_path()))
heap.freeze_once()
lo_year, hi_year = wh.rows("SELECT min(year), max(year) FROM activities")[0]
lo, hi = st.sidebar.slider(
    "Years", min_value=int(lo_year), max_value=int(hi_year), value=(int(lo_year), int(hi_year)), step=1, key="years"
)
# Grain: one row per calendar month with activities in the selected years.
frame = wh.query(
    "SELECT month, count(*) AS activities FROM activities WHERE year BETWEEN $lo AND $hi "
    "AND month IS NOT NULL GROUP BY month ORDER BY month",
    {"lo": lo, "hi": hi},
)
st.header("One chart")
st.plotly_chart(go.Figure(go.Bar(x=frame["month"], y=frame["activities"])), key="one_chart")
