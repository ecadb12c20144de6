"""OIDC configuration checks and claim extraction (no streamlit needed)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from access.oidc import auth_setup, claims_of, secrets_toml, write_secrets

SECRET = "s" * 40
FULL = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": SECRET,
    "client_id": "qm",
    "client_secret": "x",
    "server_metadata_url": "http://idp/.well-known/openid-configuration",
}


@pytest.mark.parametrize(
    ("secrets", "configured", "providers", "problems"),
    [
        (None, False, (), ()),
        ({}, False, (), ()),
        ({"other": {"a": 1}}, False, (), ()),
        ({"auth": FULL}, True, (None,), ()),
        (
            {"auth": {**FULL, "redirect_uri": "http://localhost:8501/"}},
            True,
            (None,),
            ("must end with /oauth2callback",),
        ),
        ({"auth": {**FULL, "cookie_secret": "short"}}, True, (None,), ("shorter than 32",)),
        (
            {"auth": {k: v for k, v in FULL.items() if k != "client_secret"}},
            True,
            (None,),
            ("[auth] client_secret is missing",),
        ),
        ({"auth": {"redirect_uri": FULL["redirect_uri"], "cookie_secret": SECRET}}, True, (), ("names no provider",)),
        (
            {
                "auth": {
                    "redirect_uri": FULL["redirect_uri"],
                    "cookie_secret": SECRET,
                    "agency": {"client_id": "a", "client_secret": "b", "server_metadata_url": "http://i/x"},
                }
            },
            True,
            ("agency",),
            (),
        ),
        (
            {"auth": {"redirect_uri": FULL["redirect_uri"], "cookie_secret": SECRET, "agency": {"client_id": "a"}}},
            True,
            ("agency",),
            ("[auth.agency] client_secret is missing", "[auth.agency] server_metadata_url is missing"),
        ),
    ],
)
def test_auth_setup(secrets, configured, providers, problems) -> None:
    setup = auth_setup(secrets)
    assert setup.configured is configured
    assert setup.providers == providers
    for p in problems:
        assert any(p in q for q in setup.problems), setup.problems
    assert setup.usable == (configured and not problems)


def test_secrets_object_that_raises_means_single_user() -> None:
    class Raising:
        def get(self, key):
            raise FileNotFoundError("no secrets.toml")

    assert auth_setup(Raising()).configured is False


def test_claims_of_copies_known_claims_only() -> None:
    class Proxy:
        def __init__(self, d):
            self.d = d

        def get(self, key):
            if key == "name":
                raise KeyError(key)
            return self.d.get(key)

    claims = claims_of(Proxy({"sub": "s", "email": "e@x", "is_logged_in": True, "secret": "t"}))
    assert claims == {"sub": "s", "email": "e@x"}


def test_secrets_toml_round_trips(tmp_path: Path) -> None:
    path = write_secrets(
        tmp_path,
        redirect_uri=FULL["redirect_uri"],
        client_id='q"m',
        client_secret="x\\y",
        server_metadata_url=FULL["server_metadata_url"],
    )
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data["auth"]["client_id"] == 'q"m' and data["auth"]["client_secret"] == "x\\y"
    assert len(data["auth"]["cookie_secret"]) >= 32
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    assert auth_setup(data).usable
    assert 'cookie_secret = "fixed"' in secrets_toml(
        redirect_uri="r", client_id="c", client_secret="s", server_metadata_url="u", cookie_secret="fixed"
    )
