"""Sign-in helpers around Streamlit's OIDC support (``st.login`` / ``st.user``), without streamlit.

Streamlit reads the identity provider from the ``[auth]`` table of ``.streamlit/secrets.toml``::

    [auth]
    redirect_uri = "http://localhost:8501/oauth2callback"   # must end with /oauth2callback
    cookie_secret = "<random, 32+ bytes>"
    client_id = "quality-month"
    client_secret = "<from the provider>"
    server_metadata_url = "https://idp.example.gov.cn/.well-known/openid-configuration"

or with named providers (``[auth.agency]`` holding client_id/client_secret/server_metadata_url,
then ``st.login("agency")``). This module decides whether that configuration is complete
(the dashboard is in *single-user mode* when there is no ``[auth]`` at all, and refuses to
start half-configured), and turns ``st.user`` into plain claims for ``access.policy``.
"""

from __future__ import annotations

import json
import secrets as _secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SHARED_KEYS = ("redirect_uri", "cookie_secret")
PROVIDER_KEYS = ("client_id", "client_secret", "server_metadata_url")
CLAIMS = ("sub", "iss", "email", "email_verified", "name", "preferred_username")


@dataclass(frozen=True)
class AuthSetup:
    """What ``[auth]`` configures.

    Attributes:
        configured: An ``[auth]`` table is present (sign-in is required).
        providers: Provider names for ``st.login(name)``; ``(None,)`` for the unnamed default.
        problems: Why the configuration cannot work; non-empty means the app must not serve data.
    """

    configured: bool
    providers: tuple[str | None, ...] = ()
    problems: tuple[str, ...] = ()

    @property
    def usable(self) -> bool:
        """Configured and complete."""
        return self.configured and not self.problems


def _as_dict(value: Any) -> dict[str, Any] | None:
    if isinstance(value, Mapping):
        return {str(k): v for k, v in value.items()}
    if hasattr(value, "to_dict"):
        return dict(value.to_dict())
    return None


def auth_setup(secrets: Mapping[str, Any] | None) -> AuthSetup:
    """Inspect the secrets (``st.secrets`` or a parsed secrets.toml) for sign-in configuration.

    Args:
        secrets: The whole secrets mapping; None or without ``auth`` = single-user mode.

    Returns:
        The setup, with every problem found (missing keys, a bad redirect_uri, a short secret).
    """
    try:
        raw = secrets.get("auth") if secrets is not None else None
    except Exception:  # st.secrets raises when there is no secrets file at all
        raw = None
    auth = _as_dict(raw) if raw is not None else None
    if not auth:
        return AuthSetup(False)
    problems: list[str] = []
    for key in SHARED_KEYS:
        if not str(auth.get(key) or "").strip():
            problems.append(f"[auth] {key} is missing")
    redirect = str(auth.get("redirect_uri") or "")
    if redirect and not redirect.rstrip("/").endswith("/oauth2callback"):
        problems.append(f"[auth] redirect_uri {redirect!r} must end with /oauth2callback")
    if len(str(auth.get("cookie_secret") or "")) < 32:
        problems.append("[auth] cookie_secret is shorter than 32 characters")
    named = {k: _as_dict(v) for k, v in auth.items() if _as_dict(v) is not None and k != "client_kwargs"}
    providers: list[str | None] = []
    if any(k in auth for k in PROVIDER_KEYS):
        providers.append(None)
        problems += [f"[auth] {k} is missing" for k in PROVIDER_KEYS if not str(auth.get(k) or "").strip()]
    for name, section in named.items():
        providers.append(name)
        problems += [f"[auth.{name}] {k} is missing" for k in PROVIDER_KEYS if not str(section.get(k) or "").strip()]
    if not providers:
        problems.append("[auth] names no provider (client_id, client_secret, server_metadata_url)")
    return AuthSetup(True, tuple(providers), tuple(problems))


def claims_of(user: Any) -> dict[str, Any]:
    """Plain claims from ``st.user`` (or any mapping); missing claims are left out.

    ``st.user`` is a read-only proxy whose values exist only while signed in; copying the
    few claims the policy reads keeps everything downstream testable without streamlit.
    """
    out: dict[str, Any] = {}
    for key in CLAIMS:
        try:
            value = user.get(key) if hasattr(user, "get") else getattr(user, key, None)
        except Exception:
            value = None
        if value is not None:
            out[key] = value
    return out


def secrets_toml(
    *, redirect_uri: str, client_id: str, client_secret: str, server_metadata_url: str, cookie_secret: str | None = None
) -> str:
    """Text of a ``secrets.toml`` with one unnamed provider (for deployment notes and tests).

    Args:
        redirect_uri: The app's URL ending in /oauth2callback.
        client_id, client_secret: As registered at the provider.
        server_metadata_url: The provider's /.well-known/openid-configuration URL.
        cookie_secret: Random by default.
    """
    values = {
        "redirect_uri": redirect_uri,
        "cookie_secret": cookie_secret or _secrets.token_urlsafe(48),
        "client_id": client_id,
        "client_secret": client_secret,
        "server_metadata_url": server_metadata_url,
    }
    # json.dumps gives TOML-compatible basic strings (quotes and backslashes escaped).
    return "[auth]\n" + "".join(f"{k} = {json.dumps(v)}\n" for k, v in values.items())


def write_secrets(directory: Path, **kwargs: str) -> Path:
    """Write ``<directory>/.streamlit/secrets.toml`` (mode 0600) with ``secrets_toml(**kwargs)``."""
    path = Path(directory) / ".streamlit" / "secrets.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(secrets_toml(**kwargs), encoding="utf-8")
    path.chmod(0o600)
    return path
