"""Data status: last load, recent ETL runs, per-file counts of the last run (bulletins included), rejects, counts."""

import streamlit as st

from access.audit import AuditError
from analytics import fmt
from analytics.i18n import col, t
from ui import tables
from ui.access import current_audit, require_page
from ui.access import s as access_text
from ui.components import heading
from ui.state import LOAD_COMMAND, context

# Column widths in pixels: a run id (20261207T104240-2a01) whole; a reason or an export's filters readable.
WIDE_ID = 190
WIDE_REASON = 480

require_page("data-status")
ctx = context()
lang = ctx.lang
heading(t("page_status", lang))
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
    st.markdown(
        f"**{t('status_last_load', lang)}:** {fmt.local_time(meta.get('published_at')) or '–'}  \n"
        f"**{t('status_last_run', lang)}:** `{meta.get('last_run_id', '–')}`"
    )
    c1, c2, _ = st.columns([1, 1, 2])
    c1.metric(t("real", lang), f"{counts['real']:,}", border=True)
    c2.metric(t("demo", lang), f"{counts['demo']:,}", border=True)
    st.caption(t("status_demo_note", lang))

    def counts(table) -> dict:
        # counts with thousands separators (6,094), like every other figure of the dashboard
        return {
            c: st.column_config.NumberColumn(format="localized")
            for c in table.columns
            if str(table[c].dtype).lower().startswith(("int", "uint"))
        }

    heading(t("status_runs", lang), 3)
    runs = tables.runs_table(ctx.q("etl_runs"), lang)
    st.dataframe(
        runs,
        hide_index=True,
        key="st_runs",
        # Most runs have no message: a narrow column (its text shows on hover) leaves room at 1400 px for
        # the end time and the whole run id, which were cut at the right edge (audit13 row 18).
        column_config={
            **counts(runs),
            col("message", lang): st.column_config.TextColumn(width="small" if lang == "zh" else 160),
            col("run_id", lang): st.column_config.TextColumn(width=WIDE_ID),
        },
    )

    files = ctx.q("source_files")
    heading(t("status_files", lang), 3)
    st.caption(t("status_files_help", lang))
    files_shown = tables.files_table(files, lang)
    st.dataframe(
        files_shown,
        hide_index=True,
        key="st_files",
        column_config={
            **counts(files_shown),
            col("source_file", lang): st.column_config.TextColumn(width="medium"),
            col("message", lang): st.column_config.TextColumn(width="large"),
            col("sha1", lang): st.column_config.TextColumn(width="small"),
        },
    )

    rejects, n_rejects = ctx.q("rejects")
    heading(f"{t('status_rejects', lang)} ({n_rejects:,})", 3)
    if n_rejects == 0:
        st.success(t("status_no_rejects", lang))
    else:
        st.caption(t("status_rejects_help", lang))
        st.dataframe(
            tables.rejects_table(rejects, lang, ctx.region_name),
            hide_index=True,
            key="st_rejects",
            # the reason is what a reader came for: it gets the room, the raw cells the rest
            column_config={
                col("reason", lang): st.column_config.TextColumn(width=WIDE_REASON),
                col("raw", lang): st.column_config.TextColumn(width="medium"),
            },
        )

    heading(t("status_counts", lang), 3)
    by_source = tables.counts_table(ctx.q("counts_by_source"), lang)
    st.dataframe(by_source, hide_index=True, key="st_counts", column_config=counts(by_source))

if ctx.policy is not None and ctx.policy.can_read_audit:
    heading(access_text("audit_title", lang), 3)
    audit = current_audit()
    try:
        st.caption(access_text("audit_ok", lang, n=f"{audit.verify():,}"))
    except AuditError as exc:
        st.error(access_text("audit_bad", lang, err=exc))
    entries = audit.entries(limit=500)
    if entries:
        st.dataframe(
            tables.audit_table(entries, lang, ctx.region_name),
            hide_index=True,
            key="st_audit",
            # an export's file name and its filters in full (both were cut at the right edge)
            column_config={
                col("file_name", lang): st.column_config.TextColumn(width=WIDE_ID + 100),
                col("filters", lang): st.column_config.TextColumn(width=WIDE_REASON),
            },
        )
