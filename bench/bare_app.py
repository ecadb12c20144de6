"""The floor of the browser benchmark: a bare Streamlit page drawing one dashboard page's figures.

Every figure was computed ahead of time (``bench/bare_figures.py``, file in ``$QM_BARE``): a run only
reads the year slider, looks the figures up and draws them, in the page's layout. What a
dashboard page spends beyond this page's time is ours (queries, figure building, sidebar);
this page's own time is Streamlit's and the browser's. Like the dashboard (``ui.heap``) it freezes its
long-lived objects out of Streamlit's after-run collection once its figures are loaded, so the floor
does not carry a cost the dashboard no longer pays.

Run: ``QM_BARE=figures.pkl streamlit run bench/bare_app.py`` and open ``/?page=overview``.
"""

from __future__ import annotations

import json
import os
import pickle

import plotly.graph_objects as go
import streamlit as st

from ui import heap

st.set_page_config(page_title="bare page", layout="wide")


@st.cache_resource(show_spinner=False)
def _load(path: str) -> dict:
    with open(path, "rb") as fh:
        return pickle.load(fh)


@st.cache_resource(show_spinner=False)
def _figure(spec: str) -> go.Figure:
    return go.Figure(json.loads(spec), skip_invalid=True)


data = _load(os.environ["QM_BARE"])
heap.freeze_once()
page = st.query_params.get("page", "overview")
lo, hi = data["years"]
_, end = st.sidebar.slider("年份", min_value=lo, max_value=hi, value=(lo, hi), step=1, key="years")
items = data["pages"][page].get(end) or data["pages"][page][hi]
st.header(page)
if page == "records":
    st.dataframe(items[0], hide_index=True, height=720)
else:
    figs = [_figure(s) for s in items]
    if page == "districts":
        st.plotly_chart(figs[0], key="f0")
        left, right = st.columns([2, 3])
        left.plotly_chart(figs[1], key="f1")
        right.plotly_chart(figs[2], key="f2")
    else:
        left, right = st.columns(2)
        left.plotly_chart(figs[0], key="f0")
        if len(figs) > 2:
            right.plotly_chart(figs[1], key="f1")
        st.plotly_chart(figs[-1], key="f2")
