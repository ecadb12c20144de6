"""The access policy: what a signed-in person may see and do, failing closed.

A ``Principal`` is who is asking (after sign-in, or the local single user). ``Policy``
answers for one principal: which pages, whether downloads/uploads/the audit log are
allowed, and the district scope that is forced into every query. Three rules hold
everywhere:

- No role (unknown user, unverified e-mail, broken roles file) means no page, no data.
- A scope is intersected with what the user picks; picking only districts outside the
  scope gives an empty selection, never the user's pick and never "everything".
- Records that name no district (city-wide activities) are outside every scope:
  a district regulator sees their district's records, not the city's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from access.roles import Role, RolesConfig, UserEntry

# Page ids are the url_path of each st.Page in dashboard.py.
CHART_PAGES: tuple[str, ...] = ("home", "district-map", "industry-breakdown", "activity-types")
# The briefing (completeness, same period, DOCX/PDF of the selection): aggregates only, for every role
# that sees the charts; its downloads are audited and carry the scope like every other download.
BRIEFING_PAGE = "briefing"
RECORDS_PAGE = "record-list"
STATUS_PAGE = "data-status"
UPLOAD_PAGE = "upload"
ALL_PAGES: tuple[str, ...] = (*CHART_PAGES, BRIEFING_PAGE, RECORDS_PAGE, STATUS_PAGE, UPLOAD_PAGE)

ROLE_PAGES: dict[Role, frozenset[str]] = {
    Role.VIEWER: frozenset((*CHART_PAGES, BRIEFING_PAGE)),
    Role.ANALYST: frozenset((*CHART_PAGES, BRIEFING_PAGE, RECORDS_PAGE)),
    Role.ADMIN: frozenset(ALL_PAGES),
    Role.REPORTER: frozenset((*CHART_PAGES, BRIEFING_PAGE, UPLOAD_PAGE)),
}
DOWNLOAD_ROLES = frozenset({Role.ANALYST, Role.ADMIN})
UPLOAD_ROLES = frozenset({Role.ADMIN, Role.REPORTER})
AUDIT_ROLES = frozenset({Role.ADMIN})

SINGLE_USER = "local"


@dataclass(frozen=True)
class Principal:
    """Who is asking.

    Attributes:
        user_id: Stable identity for the audit log: e-mail, else issuer|subject, else 'local'.
        role: The role, or None (unknown user: nothing is allowed).
        districts: Scope; None = every district, empty = none.
        display: A name to show.
        mode: 'oidc' (signed in) or 'single-user' (no identity provider configured).
        reason: Why role is None, for the message shown to the user.
    """

    user_id: str
    role: Role | None
    districts: frozenset[str] | None
    display: str = ""
    mode: str = "oidc"
    reason: str | None = None


def single_user() -> Principal:
    """The local user of a deployment with no identity provider: admin, every district."""
    return Principal(SINGLE_USER, Role.ADMIN, None, display="single-user mode", mode="single-user")


def anonymous(reason: str) -> Principal:
    """A principal with no role (not signed in, unknown, or config error)."""
    return Principal("anonymous", None, frozenset(), display="", reason=reason)


def _claim(claims: Mapping[str, Any], key: str) -> str | None:
    try:
        value = claims.get(key)
    except Exception:  # st.user raises on some missing keys in some versions
        return None
    return value.strip() if isinstance(value, str) and value.strip() else None


def principal_from_claims(claims: Mapping[str, Any], roles: RolesConfig) -> Principal:
    """Map identity-token claims (``st.user``) onto a principal through the roles file.

    The subject is matched first (it never changes); the e-mail only when the provider
    did not say it is unverified (``email_verified`` false would let anyone who can
    register that address at the provider take the role).

    Args:
        claims: The ID token claims: sub, iss, email, email_verified, name.
        roles: The parsed roles file.

    Returns:
        A principal; role None when nobody in the file matches.
    """
    sub, iss, email = _claim(claims, "sub"), _claim(claims, "iss"), _claim(claims, "email")
    name = _claim(claims, "name") or email or sub or ""
    entry: UserEntry | None = roles.by_subject(sub, iss)
    if entry is None and email:
        verified = claims.get("email_verified", True) if hasattr(claims, "get") else True
        if verified is False or (isinstance(verified, str) and verified.lower() == "false"):
            return Principal(email.lower(), None, frozenset(), name, reason=f"e-mail {email} is not verified")
        entry = roles.by_email(email)
    uid = (email or "").lower() or (f"{iss}|{sub}" if sub else "anonymous")
    if entry is None:
        return Principal(uid, None, frozenset(), name, reason=f"{email or sub or 'this account'} has no role")
    return Principal(uid, entry.role, entry.districts, entry.name or name)


class Policy:
    """Answers access questions for one principal.

    Args:
        principal: Who is asking.
    """

    def __init__(self, principal: Principal):
        self.principal = principal

    @property
    def role(self) -> Role | None:
        """The principal's role (None: nothing allowed)."""
        return self.principal.role

    def pages(self) -> tuple[str, ...]:
        """Page ids this principal may open, in navigation order (empty without a role)."""
        allowed = ROLE_PAGES.get(self.role, frozenset()) if self.role else frozenset()
        return tuple(p for p in ALL_PAGES if p in allowed)

    def can_see(self, page: str) -> bool:
        """True when `page` (a url_path) is in this principal's navigation."""
        return page in self.pages()

    @property
    def can_download(self) -> bool:
        """Records downloads (CSV/XLSX/Parquet)."""
        return self.role in DOWNLOAD_ROLES

    @property
    def can_download_briefing(self) -> bool:
        """Briefing documents (DOCX/PDF of the selection's aggregates): whoever may open the Briefing page."""
        return self.can_see(BRIEFING_PAGE)

    @property
    def can_upload(self) -> bool:
        """Uploads into the ETL inbox."""
        return self.role in UPLOAD_ROLES

    @property
    def can_read_audit(self) -> bool:
        """The audit log on Data status."""
        return self.role in AUDIT_ROLES

    @property
    def scope(self) -> frozenset[str] | None:
        """Districts this principal may read: None = all; empty = none (also when there is no role)."""
        if self.role is None:
            return frozenset()
        return self.principal.districts

    def allows_district(self, adcode: str | None) -> bool:
        """True when a record of `adcode` (None = no district) is inside the scope."""
        scope = self.scope
        if scope is None:
            return True
        return adcode is not None and adcode in scope

    def effective_districts(self, requested: Iterable[str]) -> tuple[str, ...] | None:
        """The districts a query must be limited to.

        Args:
            requested: What the user picked (empty = no pick).

        Returns:
            None when unrestricted (no scope, no pick); otherwise the sorted districts to
            keep, which is empty when nothing may be shown.
        """
        picked = frozenset(requested)
        scope = self.scope
        if scope is None:
            return tuple(sorted(picked)) if picked else None
        return tuple(sorted(scope & picked if picked else scope))

    def apply(self, filters: Any) -> Any:
        """Force the scope into an ``analytics.filters.Filters``.

        The scope goes into ``Filters.scope``, which ``where()`` ANDs with the user's own
        district pick and ``without('districts')`` keeps, so no chart can drop it. With no
        role the scope is empty and every query matches nothing.
        """
        scope = self.scope
        if scope is None:
            return replace(filters, scope=None)
        return replace(filters, scope=tuple(sorted(scope)))

    def visible_districts(self, all_districts: Iterable[str]) -> tuple[str, ...]:
        """The districts offered in the sidebar: all of them, or those in scope."""
        return tuple(a for a in all_districts if self.allows_district(a))
