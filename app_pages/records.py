"""Records: the filtered activities, paged and sorted server-side, searchable; downloads of all filtered rows."""

import math
from dataclasses import replace

import streamlit as st

from analytics import export, queries
from analytics.i18n import col, t
from ui.access import record_download, require_page
from ui.components import banners, heading
from ui.sidebar import K_SEARCH
from ui.state import context
from ui.tables import records_table

ROW_HEIGHT = 35  # Streamlit's default row height (px)

require_page("record-list")
ctx = context()
lang = ctx.lang
heading(t("page_records", lang))
if banners(ctx):
    search = st.text_input(t("search", lang), key=K_SEARCH, max_chars=200)
    f = replace(ctx.filters, search=search)
    # One horizontal row rather than three columns: fewer elements for the browser to redraw per change.
    row = st.container(horizontal=True, vertical_alignment="bottom", gap="medium")
    sort = row.selectbox(
        t("sort_by", lang), list(queries.SORTABLE), format_func=lambda c: col(c, lang), key="rec_sort", width="stretch"
    )
    descending = row.toggle(t("descending", lang), value=True, key="rec_desc", width="content")
    size = row.selectbox(t("page_size", lang), [25, 50, 100, 200], index=1, key="rec_size", width=160)
    total = ctx.q("count_records", filters=f)
    pages = max(1, math.ceil(total / size))
    if st.session_state.get("rec_page", 1) > pages:
        st.session_state["rec_page"] = 1
    page = st.number_input(t("page", lang), min_value=1, max_value=pages, step=1, key="rec_page")
    rows, total = ctx.q(
        "records_page",
        filters=f,
        sort=sort,
        descending=descending,
        limit=size,
        offset=(int(page) - 1) * size,
        lang=lang,
    )
    st.caption(t("page_of", lang, page=int(page), pages=pages, total=f"{total:,}"))
    if total == 0:
        st.warning(t("banner_no_rows", lang))
    table = records_table(rows, lang)
    # Titles get the room of a Chinese headline (~24 characters); an empty page keeps its natural height.
    st.dataframe(
        table,
        hide_index=True,
        key="rec_table",
        height=min(ROW_HEIGHT * (len(table) + 1) + 3, 720) if len(table) else "auto",
        column_config={
            col("title", lang): st.column_config.TextColumn(width=340),
            col("source_excerpt", lang): st.column_config.TextColumn(width=300),
            col("source", lang): st.column_config.TextColumn(width="medium"),
            col("organizer", lang): st.column_config.TextColumn(width="medium"),
            col("start_date", lang): st.column_config.TextColumn(width=130),  # 2022年10月12日 whole
            col("participants", lang): st.column_config.NumberColumn(format="%d"),
            col("year", lang): st.column_config.NumberColumn(format="%d"),
            col("is_synthetic", lang): st.column_config.CheckboxColumn(),
        },
    )

    wh = ctx.wh
    policy = ctx.policy
    stamp = (ctx.snapshot.last_run_id or "data") if ctx.snapshot else "data"
    # named by the selection it holds (two selections' files told apart) and the data's version
    names = {n: export.file_name(f.describe(lang, ctx.district_names), stamp, n, lang) for n in export.WRITERS}

    def maker(fmt_name: str):
        # Built only when clicked (deferred download), from every filtered row, not this page.
        # Audited before the bytes exist (ui.access.record_download).
        def build() -> bytes:
            record_download(
                policy,
                f,
                fmt_name,
                total,
                names[fmt_name],
                {"sort": sort, "descending": descending, "lang": lang},
            )
            return export.export_bytes(
                queries.records_for_export(wh, f, sort=sort, descending=descending, lang=lang), fmt_name, lang
            )

        return build

    if policy is None or not policy.can_download:
        st.stop()
    # The three downloads in one popover: the browser draws its buttons only while it is open, not on
    # every filter change. Its label says how many rows a download holds.
    buttons = st.popover(t("download", lang, n=f"{total:,}"), icon=":material/download:", key="rec_downloads")
    for fmt_name, key in (("csv", "download_csv"), ("xlsx", "download_xlsx"), ("parquet", "download_parquet")):
        buttons.download_button(
            t(key, lang),
            data=maker(fmt_name),
            file_name=names[fmt_name],
            mime=export.MIME[fmt_name],
            key=f"dl_{fmt_name}",
            disabled=total == 0,
            on_click="ignore",
            icon=":material/download:",
        )
