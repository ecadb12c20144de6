"""Sign-in and access in the UI: who is using the dashboard, and what their role lets them see.

Single-user mode (no ``[auth]`` in .streamlit/secrets.toml) is the local admin and says so in
the sidebar. With ``[auth]`` the user signs in through ``st.login`` (OIDC); ``st.user`` is
mapped to a role by config/roles.toml (access.roles). Everything fails closed: a half-written
``[auth]``, a broken roles file or an unknown user gets no page and no data.
"""

from __future__ import annotations

import re

import streamlit as st

from access.audit import AuditLog, audit_path
from access.oidc import auth_setup, claims_of
from access.policy import Policy, anonymous, principal_from_claims, single_user
from access.roles import RolesConfigError, load_roles, roles_path
from analytics.i18n import code_label

STRINGS = {
    "single_user": (
        "单用户模式（未配置身份认证），本机用户拥有全部权限。",
        "Single-user mode (no identity provider configured): the local user has every permission.",
    ),
    "signed_in": ("已登录：{who} · 角色：{role}", "Signed in: {who} · role: {role}"),
    "scope": ("可见区：{districts}", "Districts visible: {districts}"),
    "all_districts": ("全部区", "all districts"),
    "logout": ("退出登录", "Sign out"),
    "login": ("登录", "Sign in"),
    "login_needed": ("请登录后使用本看板。", "Please sign in to use the dashboard."),
    "no_role": (
        "您的账户没有访问权限：{reason}。请联系管理员。",
        "Your account has no access: {reason}. Ask an administrator.",
    ),
    "auth_broken": (
        "身份认证配置不完整，看板不提供数据：{problems}",
        "The sign-in configuration is incomplete, so no data is served: {problems}",
    ),
    "no_page": ("您的角色无权查看此页面。", "Your role may not open this page."),
    "page_upload": ("上传数据", "Upload"),
    "page_briefing": ("报送与简报", "Reporting & briefing"),
    "upload_help": (
        "上传 CSV / XLSX 记录文件或 TXT / HTML / DOCX 通报（不超过 {mb} MB）。文件先校验，"
        "显示将导入和将被拒绝的行；通过的文件放入待导入目录，下次 ETL 运行时导入。",
        "Upload CSV / XLSX record files or TXT / HTML / DOCX bulletins (up to {mb} MB). Each file is "
        "checked at once: you see what will load and what is rejected; accepted files go to the ETL "
        "inbox and load at the next run.",
    ),
    "upload_scope": (
        "您只能上传以下区的记录：{districts}。其他区的行会被拒绝。",
        "You may upload records of {districts} only; rows of other districts are rejected.",
    ),
    "upload_label": ("选择要上传的文件", "Files to upload"),
    "upload_drop": ("将文件拖放到此处", "Drag and drop files here"),
    "upload_limit": ("每个文件不超过 {mb} MB · {types}", "Limit {mb} MB per file · {types}"),
    "upload_browse": ("选择文件", "Browse files"),
    "will_load_label": ("将导入的行", "Rows that will load"),
    "rejected_label": ("被拒绝的行", "Rows rejected"),
    "will_load": ("将导入 {n} 行", "{n} row(s) will load"),
    "rejected": ("被拒绝 {n} 行", "{n} row(s) rejected"),
    "vs_published": (
        "与已发布数据相比：新增 {a}，更新 {u}，不变 {k}",
        "Against the published data: {a} new, {u} updated, {k} unchanged",
    ),
    "scope_ids_note": (
        "仅与您所辖区的记录比较；若某行的记录编号属于其他区的记录，数据加载时将拒绝该行。",
        "Compared with your districts' records only; a row whose record_id belongs to a record of "
        "another district is rejected when the data is loaded.",
    ),
    "audit_title": ("审计日志（下载与上传）", "Audit log (downloads and uploads)"),
    "audit_ok": ("哈希链校验通过：{n} 行", "Hash chain verified: {n} rows"),
    "audit_bad": ("审计日志校验失败：{err}", "Audit log verification failed: {err}"),
    "audit_failed": (
        "无法写入审计日志，下载已取消：{err}",
        "The audit log cannot be written, so no file is given out: {err}",
    ),
}


def page_title(key: str, lang: str) -> str:
    """Navigation title: this module's strings first, then analytics.i18n."""
    if key in STRINGS:
        return s(key, lang)
    from analytics.i18n import t

    return t(key, lang)


def s(key: str, lang: str, **kwargs: object) -> str:
    """A string of this module in `lang`."""
    zh, en = STRINGS[key]
    text = en if lang == "en" else zh
    return text.format(**kwargs) if kwargs else text


@st.cache_resource(show_spinner=False)
def audit_log(path: str) -> AuditLog:
    """The audit log, shared by all sessions (each call opens its own SQLite connection)."""
    return AuditLog(path)


def current_audit() -> AuditLog:
    """The audit log beside the published warehouse ($QM_AUDIT_DB)."""
    return audit_log(str(audit_path()))


def record_download(policy: Policy, f, fmt: str, row_count: int, file_name: str, detail: dict) -> None:
    """Write the audit row of a download of the selection `f`. Called before the file's bytes are
    built, so a download that could not be audited is never served (no audit, no file)."""
    current_audit().record(
        actor=policy.principal.user_id,
        role=policy.role.value if policy.role else None,
        action="download",
        filters=f.to_query_params() | {"scope": f.scope},
        fmt=fmt,
        row_count=row_count,
        file_name=file_name,
        detail=detail,
    )


def _secrets():
    try:
        return st.secrets
    except Exception:  # no secrets file: single-user mode
        return None


def _screen_page() -> None:
    """The only page registered while a screen stands in for the dashboard (never run)."""


def _hide_navigation(lang: str) -> None:
    """Register a one-page, hidden navigation before a sign-in or no-access screen stops the run.

    Without any ``st.navigation`` call Streamlit falls back to listing every file of pages/
    (Records, Data status, Upload...) in the sidebar, so a signed-out or role-less visitor would
    see the pages of every role; their URLs then lead to this hidden page, not to the page files.
    """
    st.navigation([st.Page(_screen_page, title=s("login", lang), default=True)], position="hidden")


def current_policy(lang: str) -> Policy:
    """The policy of this session; stops the run with a sign-in screen when needed.

    Args:
        lang: Language of the messages.
    """
    setup = auth_setup(_secrets())
    if not setup.configured:
        return Policy(single_user())
    if setup.problems:
        _hide_navigation(lang)
        st.error(s("auth_broken", lang, problems="; ".join(setup.problems)))
        st.stop()
    # .get: a missing flag (tests, unusual runtimes) means not signed in, never signed in.
    if not st.user.get("is_logged_in", False):
        _hide_navigation(lang)
        st.info(s("login_needed", lang))
        provider = setup.providers[0] if setup.providers else None
        if st.button(s("login", lang), key="qm_login", type="primary"):
            st.login(provider) if provider else st.login()
        st.stop()
    try:
        roles = load_roles(roles_path())
    except RolesConfigError as exc:
        return Policy(anonymous(f"roles file unusable ({exc})"))
    return Policy(principal_from_claims(claims_of(st.user), roles))


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def markdown_escape(text: str) -> str:
    """Text made inert for Streamlit's Markdown: every character Markdown could act on is backslash-escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


def identity_box(policy: Policy, lang: str, district_names: dict[str, str]) -> None:
    """Who is signed in, their role and scope, and a sign-out button (in the sidebar)."""
    pr = policy.principal
    with st.sidebar:
        st.divider()
        if pr.mode == "single-user":
            st.caption(s("single_user", lang))
            return
        # The name and e-mail come from the identity provider, i.e. from the user: plain text, never
        # Markdown (a name like ![x](http://...) would otherwise make every browser fetch that address).
        st.text(
            s(
                "signed_in",
                lang,
                who=pr.display or pr.user_id,
                role=code_label("role", pr.role, lang) if pr.role else "—",
            )
        )
        if policy.scope is not None and policy.role is not None:
            names = ", ".join(district_names.get(a, a) for a in sorted(policy.scope))
            st.caption(s("scope", lang, districts=names or "—"))
        if st.button(s("logout", lang), key="qm_logout"):
            st.logout()


def no_access(policy: Policy, lang: str) -> None:
    """Stop the run: this principal may see nothing."""
    _hide_navigation(lang)
    # The reason quotes the e-mail claim (user-supplied): escaped so Markdown cannot act on it.
    st.error(s("no_role", lang, reason=markdown_escape(policy.principal.reason or "no role")))
    if policy.principal.mode != "single-user" and st.button(s("logout", lang), key="qm_logout_denied"):
        st.logout()
    st.stop()


def require_page(page: str) -> None:
    """Stop a page that this session's role may not open (its URL shows nothing)."""
    from ui.state import context

    ctx = context()
    policy = getattr(ctx, "policy", None)
    if policy is None or not policy.can_see(page):
        st.error(s("no_page", ctx.lang))
        st.stop()
