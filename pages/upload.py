"""Upload: admins and district reporters send files to the ETL inbox and see at once what will load."""

import streamlit as st

from access.uploads import MAX_UPLOAD_BYTES, receive_upload
from ui.access import current_audit, require_page, s
from ui.state import context

require_page("upload")
ctx = context()
lang = ctx.lang
policy = ctx.policy
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
        done[file.file_id] = receive_upload(file.name, file.getvalue(), policy, audit=current_audit(),
                                            warehouse=ctx.wh.path)
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
    if dry.message:
        st.caption(dry.message)
    with st.expander(s("will_load", lang, n=f"{len(dry.accepted):,}"), expanded=False):
        st.dataframe(dry.accepted, hide_index=True)
    with st.expander(s("rejected", lang, n=f"{len(dry.rejected):,}"), expanded=bool(len(dry.rejected))):
        st.dataframe(dry.rejected, hide_index=True)
