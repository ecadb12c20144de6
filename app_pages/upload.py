"""Upload: admins and district reporters send files to the ETL inbox and see at once what will load."""

import math

import streamlit as st

from access.uploads import audit_upload, check_may_upload
from analytics.i18n import message_text
from etl.upload import ALLOWED_SUFFIXES, MAX_UPLOAD_BYTES, receive
from ui import tables
from ui.access import current_audit, require_page, s
from ui.components import heading, localise_file_uploader
from ui.state import context

# The one upload limit is QM_UPLOAD_MAX_BYTES (etl.upload): the widget, the help text and the
# server-side check all read it. Streamlit's server.maxUploadSize is left at its default (200 MB),
# a backstop above it.
UPLOAD_MB = max(1, math.ceil(MAX_UPLOAD_BYTES / (1024 * 1024)))
TYPES = [x.lstrip(".") for x in ALLOWED_SUFFIXES]

require_page("upload")
ctx = context()
lang = ctx.lang
policy = ctx.policy
check_may_upload(policy)
heading(s("page_upload", lang))
st.caption(s("upload_help", lang, mb=UPLOAD_MB))
if policy.scope is not None:
    st.info(s("upload_scope", lang, districts=", ".join(ctx.district_names.get(a, a) for a in sorted(policy.scope))))
localise_file_uploader(lang, UPLOAD_MB, TYPES)
files = st.file_uploader(
    s("upload_label", lang),
    type=TYPES,
    accept_multiple_files=True,
    label_visibility="collapsed",
    key="up_files",
    max_upload_size=UPLOAD_MB,
)
for file in files or []:
    # Each upload is handled once per file id: a rerun must not store or audit it again.
    done = st.session_state.setdefault("_up_done", {})
    if file.file_id not in done:
        # The ETL's entry point: checks, a dry run in a child process with its own memory and time
        # ceiling (nothing uploaded can stop this server), and storing with the uploader's scope.
        result = receive(
            file.name, file.getvalue(), scope=policy.scope, uploader=policy.principal.user_id, warehouse=ctx.wh.path
        )
        done[file.file_id] = audit_upload(current_audit(), policy, result)
    result = done[file.file_id]
    (st.success if result.stored else st.error)(result.text(lang))
    dry = result.dry
    if dry is None:
        continue
    c1, c2 = st.columns(2)
    c1.metric(s("will_load_label", lang), f"{len(dry.accepted):,}", border=True)
    c2.metric(s("rejected_label", lang), f"{len(dry.rejected):,}", border=True)
    if dry.would_add is not None:
        st.caption(s("vs_published", lang, a=dry.would_add, u=dry.would_update, k=dry.would_keep))
        if dry.would_remove:
            st.warning(s("will_remove", lang, n=f"{dry.would_remove:,}"))
        if policy.scope is not None:
            st.caption(s("scope_ids_note", lang))
    note = message_text(dry.messages, lang, fallback=dry.message)
    if note:
        st.caption(note)
    with st.expander(s("will_load", lang, n=f"{len(dry.accepted):,}"), expanded=False):
        st.dataframe(tables.records_table(dry.accepted, lang), hide_index=True)
    with st.expander(s("rejected", lang, n=f"{len(dry.rejected):,}"), expanded=bool(len(dry.rejected))):
        st.dataframe(tables.upload_rejects_table(dry.rejected, lang, ctx.region_name), hide_index=True)
