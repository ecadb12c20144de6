"""Who may do what: the roles config file (config/roles.toml) and its schema.

Grain of the config: one ``[[user]]`` entry per person, matched on the OIDC subject
(``sub``) or on the e-mail address. A mistake in the file must never widen access, so
the loader is strict: an unknown key (``distrcts = [...]`` would otherwise silently
unscope a user), a duplicate identity, a bad role or a malformed adcode is an error
naming the file, the entry and the reason, and no user is admitted from that file.

Example::

    [[user]]
    email = "wang.fang@xuhui.example.gov.cn"
    role = "viewer"
    districts = ["310104"]          # optional for viewer/analyst; required for reporter

    [[user]]
    subject = "5c1f0e2a-77d4-4c0b-9b0e-0d9cfa1b2e11"
    issuer = "https://idp.example.gov.cn"   # optional: pin the subject to one provider
    role = "admin"
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from domain import config as domain_config

_ADCODE = re.compile(r"^\d{6}$")
USER_KEYS = frozenset({"email", "subject", "issuer", "role", "districts", "name"})
TOP_KEYS = frozenset({"user"})


class Role(StrEnum):
    """The roles of issue 5; their powers are defined in access.policy."""

    VIEWER = "viewer"
    ANALYST = "analyst"
    ADMIN = "admin"
    REPORTER = "reporter"


class RolesConfigError(ValueError):
    """The roles file is unreadable or invalid; the message names the file, entry and reason."""


@dataclass(frozen=True)
class UserEntry:
    """One ``[[user]]`` of the roles file.

    Attributes:
        role: The user's role.
        email: Lower-cased e-mail address, or None.
        subject: OIDC ``sub`` claim, or None (at least one of email/subject is set).
        issuer: When set, the subject only matches tokens from this issuer.
        districts: District adcodes the user is limited to; None = every district.
        name: Display name for the audit log (optional).
        index: 1-based position in the file (for messages).
    """

    role: Role
    email: str | None = None
    subject: str | None = None
    issuer: str | None = None
    districts: frozenset[str] | None = None
    name: str | None = None
    index: int = 0


@dataclass(frozen=True)
class RolesConfig:
    """The parsed roles file: lookups by subject and by e-mail."""

    path: Path | None
    users: tuple[UserEntry, ...]

    def by_subject(self, subject: str | None, issuer: str | None = None) -> UserEntry | None:
        """The entry for an OIDC subject (and issuer, when the entry pins one)."""
        if not subject:
            return None
        for u in self.users:
            if u.subject == subject and (u.issuer is None or u.issuer == issuer):
                return u
        return None

    def by_email(self, email: str | None) -> UserEntry | None:
        """The entry for an e-mail address (case-insensitive)."""
        if not email:
            return None
        key = email.strip().lower()
        for u in self.users:
            if u.email == key:
                return u
        return None


def roles_path() -> Path:
    """The roles file: $QM_ROLES, default config/roles.toml under the project root."""
    return Path(os.environ.get("QM_ROLES", domain_config.ROOT / "config" / "roles.toml"))


def _err(path: Path | None, where: str, reason: str) -> RolesConfigError:
    return RolesConfigError(f"{path or '<roles>'}: {where}: {reason}")


def _user_identity(raw: object, where: str, path: Path | None) -> tuple[str | None, str | None, str | None]:
    """Check one [[user]] table's shape and return its (email, subject, issuer), normalised."""
    if not isinstance(raw, Mapping):
        raise _err(path, where, "must be a table")
    unknown = set(raw) - USER_KEYS
    if unknown:
        raise _err(path, where, f"unknown key(s) {sorted(unknown)}; allowed: {sorted(USER_KEYS)}")
    for key in ("email", "subject", "issuer", "role", "name"):
        if key in raw and not isinstance(raw[key], str):
            raise _err(path, where, f"{key} must be a string, not {type(raw[key]).__name__}")
    email = (raw.get("email") or "").strip().lower() or None
    subject = (raw.get("subject") or "").strip() or None
    issuer = (raw.get("issuer") or "").strip() or None
    if email is None and subject is None:
        raise _err(path, where, "needs an email or a subject")
    if email is not None and not re.fullmatch(r"[^@\s]+@[^@\s]+", email):
        raise _err(path, where, f"email {email!r} is not an address")
    return email, subject, issuer


def _user_role(raw: Mapping[str, object], where: str, path: Path | None) -> Role:
    """The entry's role (case and surrounding space ignored)."""
    try:
        return Role(str(raw.get("role", "")).strip().lower())
    except ValueError:
        raise _err(path, where, f"role {raw.get('role')!r} is not one of {[r.value for r in Role]}") from None


def _user_districts(raw: Mapping[str, object], where: str, path: Path | None) -> frozenset[str] | None:
    """The entry's district adcodes, or None when the key is absent (every district)."""
    if "districts" not in raw:
        return None
    value = raw["districts"]
    if not isinstance(value, list) or not all(isinstance(a, str) for a in value):
        raise _err(path, where, "districts must be a list of 6-digit adcode strings")
    bad = [a for a in value if not _ADCODE.match(a.strip())]
    if bad:
        raise _err(path, where, f"districts {bad} are not 6-digit adcodes")
    if not value:
        # An empty list would read as "no limit" to a hurried reader; say what is meant.
        raise _err(path, where, "districts is empty; remove the key for every district or list at least one adcode")
    return frozenset(a.strip() for a in value)


def _check_scope(role: Role, districts: frozenset[str] | None, where: str, path: Path | None) -> None:
    """A reporter must be limited to districts; an admin must not be."""
    if role is Role.REPORTER and districts is None:
        raise _err(path, where, 'a reporter must be scoped: give districts = ["31xxxx"]')
    if role is Role.ADMIN and districts is not None:
        raise _err(
            path,
            where,
            "an admin sees the whole warehouse (data status, rejects); drop districts or use analyst/reporter",
        )


def _parse_user(raw: object, i: int, path: Path | None) -> UserEntry:
    """Validate the i-th [[user]] table (1-based) on its own (duplicates are checked by the caller)."""
    where = f"[[user]] #{i}"
    email, subject, issuer = _user_identity(raw, where, path)
    role = _user_role(raw, where, path)
    districts = _user_districts(raw, where, path)
    _check_scope(role, districts, where, path)
    return UserEntry(
        role=role,
        email=email,
        subject=subject,
        issuer=issuer,
        districts=districts,
        name=(raw.get("name") or None),
        index=i,
    )


def _check_unique(
    user: UserEntry, seen_subjects: dict[tuple[str, str | None], int], seen_emails: dict[str, int], path: Path | None
) -> None:
    """Refuse a subject (per issuer) or email an earlier entry already gave; record this entry's."""
    where = f"[[user]] #{user.index}"
    if user.subject is not None:
        key = (user.subject, user.issuer)
        if key in seen_subjects:
            raise _err(path, where, f"subject {user.subject!r} already given in entry #{seen_subjects[key]}")
        seen_subjects[key] = user.index
    if user.email is not None:
        if user.email in seen_emails:
            raise _err(path, where, f"email {user.email!r} already given in entry #{seen_emails[user.email]}")
        seen_emails[user.email] = user.index


def parse_roles(data: Mapping[str, object], path: Path | None = None) -> RolesConfig:
    """Validate a decoded roles document.

    Args:
        data: The TOML document as a mapping.
        path: The file it came from (for messages).

    Returns:
        The config.

    Raises:
        RolesConfigError: Any problem; nothing is partially accepted.
    """
    extra = set(data) - TOP_KEYS
    if extra:
        raise _err(path, "top level", f"unknown key(s) {sorted(extra)}; expected only [[user]] tables")
    raw_users = data.get("user", [])
    if not isinstance(raw_users, list):
        raise _err(path, "user", "must be an array of tables ([[user]])")
    users: list[UserEntry] = []
    seen_subjects: dict[tuple[str, str | None], int] = {}
    seen_emails: dict[str, int] = {}
    for i, raw in enumerate(raw_users, start=1):
        user = _parse_user(raw, i, path)
        _check_unique(user, seen_subjects, seen_emails, path)
        users.append(user)
    return RolesConfig(path, tuple(users))


def load_roles(path: Path | None = None) -> RolesConfig:
    """Read and validate the roles file.

    Args:
        path: The file; default ``roles_path()``.

    Raises:
        RolesConfigError: Missing, not TOML, or invalid (the message names file, entry, reason).
    """
    path = Path(path) if path is not None else roles_path()
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise _err(path, "file", "not found; with sign-in configured nobody can be admitted without it") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise _err(path, "file", f"cannot read: {exc}") from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _err(path, "syntax", str(exc)) from exc
    return parse_roles(data, path)
