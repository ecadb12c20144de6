"""Data status: last load, recent ETL runs, counts (real vs demo, by source), files of the last run, rejects."""

import streamlit as st

from analytics.i18n import col, t
from access.audit import AuditError
from ui.access import current_audit, require_page
from ui.access import s as access_text
from ui.components import localised_table
from ui.state import LOAD_COMMAND, context

require_page("data-status")
ctx = context()
lang = ctx.lang
st.header(t("page_status", lang))
if not ctx.available:
    st.error(t("status_not_loaded", lang))
    st.markdown(t("status_run_cmd", lang))
    st.code(LOAD_COMMAND, language="bash")
    if ctx.stale_reason:
        st.caption(ctx.stale_reason)
else:
    if ctx.stale_reason:
        st.warning(t("banner_stale", lang, reason=ctx.stale_reason))
    meta = ctx.q("meta")
    counts = ctx.q("counts_real_demo")
    # timestamps and run ids are too long for metric cards: plain text, counts as cards
    st.markdown(f"**{t('status_last_load', lang)}:** `{str(meta.get('published_at', '–'))[:19]}`  \n"
                f"**{t('status_last_run', lang)}:** `{meta.get('last_run_id', '–')}`")
    c1, c2, _ = st.columns([1, 1, 2])
    c1.metric(t("real", lang), f"{counts['real']:,}", border=True)
    c2.metric(t("demo", lang), f"{counts['demo']:,}", border=True)

    st.subheader(t("status_runs", lang))
    st.dataframe(localised_table(ctx.q("etl_runs"), lang), hide_index=True, key="st_runs")

    st.subheader(t("status_counts", lang))
    by_source = ctx.q("counts_by_source")
    st.dataframe(localised_table(by_source, lang), hide_index=True, key="st_counts")

    st.subheader(t("status_files", lang))
    st.dataframe(localised_table(ctx.q("source_files"), lang), hide_index=True, key="st_files")

    rejects, n_rejects = ctx.q("rejects")
    st.subheader(f"{t('status_rejects', lang)} ({n_rejects:,})")
    if n_rejects == 0:
        st.success(t("status_no_rejects", lang))
    else:
        st.dataframe(localised_table(rejects, lang), hide_index=True, key="st_rejects",
                     column_config={col("raw", lang): st.column_config.TextColumn(width="large")})

if ctx.policy is not None and ctx.policy.can_read_audit:
    st.subheader(access_text("audit_title", lang))
    audit = current_audit()
    try:
        st.caption(access_text("audit_ok", lang, n=f"{audit.verify():,}"))
    except AuditError as exc:
        st.error(access_text("audit_bad", lang, err=exc))
    entries = audit.entries(limit=500)
    if entries:
        st.dataframe([e.__dict__ for e in entries], hide_index=True, key="st_audit")
