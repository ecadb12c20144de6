"""Sign-in and access in the UI: who is using the dashboard, and what their role lets them see.

Single-user mode (no ``[auth]`` in .streamlit/secrets.toml) is the local admin and says so in
the sidebar. With ``[auth]`` the user signs in through ``st.login`` (OIDC); ``st.user`` is
mapped to a role by config/roles.toml (access.roles). Everything fails closed: a half-written
``[auth]``, a broken roles file or an unknown user gets no page and no data.
"""

from __future__ import annotations

import re
from pathlib import Path

import streamlit as st

from access.audit import AuditLog, audit_path
from access.oidc import auth_setup, claims_of
from access.policy import Policy, anonymous, principal_from_claims, single_user
from access.roles import RolesConfigError, load_roles, roles_path
from analytics.i18n import code_label
from domain import catalogue
from ui.components import note_below_rule

# key -> (zh, en), from the catalogue access.toml (domain.catalogue); placeholders use str.format names.
STRINGS: dict[str, tuple[str, str]] = catalogue.pairs(Path(__file__).with_name("access.toml"), ("zh", "en"))


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

    A signed-out or role-less visitor sees no page list, and every address (a page of any role)
    leads to this hidden page, not to a page script.
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
        if pr.mode == "single-user":
            # The rule and the small grey note in one element, unchanged on a rerun (the sidebar is redrawn on
            # every change).
            note_below_rule(s("single_user", lang))
            return
        st.divider()
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
