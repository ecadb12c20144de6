"""Upload: admins and district reporters send files to the ETL inbox and see at once what will load."""

import streamlit as st

from access.uploads import audit_upload, check_may_upload
from etl.upload import MAX_UPLOAD_BYTES, receive
from ui.access import current_audit, require_page, s
from ui.state import context

require_page("upload")
ctx = context()
lang = ctx.lang
policy = ctx.policy
check_may_upload(policy)
st.header(s("page_upload", lang))
st.caption(s("upload_help", lang, mb=MAX_UPLOAD_BYTES // (1024 * 1024)))
if policy.scope is not None:
    st.info(s("upload_scope", lang, districts=", ".join(ctx.district_names.get(a, a) for a in sorted(policy.scope))))
files = st.file_uploader("files", type=["csv", "xlsx", "txt", "html", "docx"], accept_multiple_files=True,
                         label_visibility="collapsed", key="up_files")
for file in files or []:
    # Each upload is handled once per file id: a rerun must not store or audit it again.
    done = st.session_state.setdefault("_up_done", {})
    if file.file_id not in done:
        # The ETL's entry point: checks, a dry run in a child process with its own memory and time
        # ceiling (nothing uploaded can stop this server), and storing with the uploader's scope.
        result = receive(file.name, file.getvalue(), scope=policy.scope, uploader=policy.principal.user_id,
                         warehouse=ctx.wh.path)
        done[file.file_id] = audit_upload(current_audit(), policy, result)
    result = done[file.file_id]
    (st.success if result.stored else st.error)(result.message)
    dry = result.dry
    if dry is None:
        continue
    c1, c2 = st.columns(2)
    c1.metric(s("will_load", lang, n=""), f"{len(dry.accepted):,}", border=True)
    c2.metric(s("rejected", lang, n=""), f"{len(dry.rejected):,}", border=True)
    if dry.would_add is not None:
        st.caption(s("vs_published", lang, a=dry.would_add, u=dry.would_update, k=dry.would_keep))
        if policy.scope is not None:
            st.caption(s("scope_ids_note", lang))
    if dry.message:
        st.caption(dry.message)
    with st.expander(s("will_load", lang, n=f"{len(dry.accepted):,}"), expanded=False):
        st.dataframe(dry.accepted, hide_index=True)
    with st.expander(s("rejected", lang, n=f"{len(dry.rejected):,}"), expanded=bool(len(dry.rejected))):
        st.dataframe(dry.rejected, hide_index=True)
