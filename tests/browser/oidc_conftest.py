"""Fixtures for the end-to-end sign-in tests: a local OIDC provider and a dashboard that signs users in.

Import the fixtures into a test module (``from tests.browser.oidc_conftest import ...``); they build on
``browser_db`` and ``browser`` of tests/browser/conftest.py.

- ``oidc_provider`` (module scope): the PyPI ``oidc-provider-mock`` Flask app served by werkzeug on a free
  127.0.0.1 port in a thread of the test process. Any client id/secret is accepted; at the authorize step
  its form lets the test type a subject (claims then are ``{"email": <subject>}``) or click a predefined
  user (``PREDEFINED``, with its own claims). Its page skeleton links a CDN stylesheet; the templates
  holding that link are replaced by local ones, so the sign-in flow stays on this machine and the request
  guard can demand zero off-machine requests.
- ``signin_app`` (module scope): ``streamlit run dashboard.py`` with an ``[auth]`` secrets file written to
  a temporary directory and passed with ``--secrets.files`` (so neither ``~/.streamlit/secrets.toml`` nor
  a developer's ``.streamlit/secrets.toml`` in the repository is read or touched), ``QM_ROLES`` pointing at
  a temporary roles file (``ROLES_TOML``) and ``QM_AUDIT_DB`` at a temporary audit log.
- ``signin_page`` (test scope): a fresh browser context (no cookies = signed out) with the same
  off-machine request guard as the shared ``page`` fixture; blocked URLs land in ``signin_offsite``.
"""

from __future__ import annotations

import contextlib
import threading
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from access.oidc import write_secrets
from analytics.local_cluster import free_port
from tests.browser.conftest import App, guarded_page, started

SCOPED_VIEWER = "viewer-scoped@example.org"
ANALYST = "analyst@example.org"
NOBODY = "nobody@example.org"
XUHUI = "310104"
# The analyst is a predefined provider user whose subject differs from the e-mail, so the dashboard
# must read the e-mail claim (not the subject) to find the role and to name the actor in the audit log.
ANALYST_SUBJECT = "u-7f3a-analyst"
PREDEFINED = {ANALYST_SUBJECT: {"email": ANALYST, "email_verified": True, "name": "Test Analyst"}}

ROLES_TOML = f"""\
# Roles for the sign-in browser tests (written to a temporary QM_ROLES file).
[[user]]
email = "{SCOPED_VIEWER}"
role = "viewer"
districts = ["{XUHUI}"]

[[user]]
email = "{ANALYST}"
role = "analyst"
"""
# nobody@example.org is deliberately absent: a signed-in user with no entry must see nothing.

# Local replacements for the provider's page skeleton and error page (the originals link a CDN
# stylesheet). Jinja blocks keep the provider's own forms rendering unchanged inside them.
_PROVIDER_TEMPLATES = {
    "_base.html": '<!doctype html>\n<html lang="en"><title>Test identity provider</title>\n'
    "<main>{% block content %}{{ content }}{% endblock %}</main></html>\n",
    "error.html": '<!doctype html>\n<html lang="en"><title>Identity provider error</title>\n'
    "<main><h1>Error: {{ name }}</h1><p>{{ description }}</p></main></html>\n",
}


@dataclass
class Provider:
    """A running mock identity provider."""

    url: str

    @property
    def metadata_url(self) -> str:
        """The discovery document Streamlit reads (issuer, endpoints, keys)."""
        return f"{self.url}/.well-known/openid-configuration"


@pytest.fixture(scope="module")
def oidc_provider() -> Iterator[Provider]:
    """The mock OIDC provider on http://localhost:<free port> for the module's tests."""
    import jinja2  # test-only dependencies of the provider
    import werkzeug.serving
    from authlib.deprecate import AuthlibDeprecationWarning

    with warnings.catch_warnings():
        # The provider imports authlib modules that authlib itself deprecates (not this project's
        # code). authlib.deprecate, imported above, installs an "always" filter on import; the
        # filter set here comes after it, so it wins for these imports.
        warnings.simplefilter("ignore", AuthlibDeprecationWarning)
        from oidc_provider_mock import User
        from oidc_provider_mock import app as provider_app

    flask_app = provider_app(user_claims=[User(sub=sub, claims=claims) for sub, claims in PREDEFINED.items()])
    # Assigned before the first render, so the app's Jinja environment is built with this loader:
    # the local skeleton first, the package's own templates (the forms) after it.
    flask_app.jinja_loader = jinja2.ChoiceLoader([jinja2.DictLoader(_PROVIDER_TEMPLATES), flask_app.jinja_loader])
    server = werkzeug.serving.make_server("127.0.0.1", 0, flask_app, threaded=True)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.1}, name="oidc-provider-mock", daemon=True
    )
    thread.start()
    try:
        # "localhost" (not 127.0.0.1): the issuer is the host the request named, and the browser and
        # the Streamlit server must name the same one for the ID token's issuer to verify.
        yield Provider(url=f"http://localhost:{server.server_port}")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@dataclass
class SigninApp(App):
    """A running dashboard with sign-in configured (its url names localhost, as the redirect URI does)."""

    audit_db: Path = field(kw_only=True)
    roles: Path = field(kw_only=True)
    secrets: Path = field(kw_only=True)


@contextlib.contextmanager
def serve_with_signin(db: Path, provider: Provider, work: Path) -> Iterator[SigninApp]:
    """Run the dashboard with ``[auth]`` pointing at `provider` until the block exits.

    Args:
        db: The warehouse to serve (read only).
        provider: The identity provider.
        work: A private directory for the secrets, roles, audit log and server log.
    """
    port = free_port()
    # The redirect URI's host must be the one the browser uses: the OAuth state lives in a cookie of
    # that origin, and Streamlit checks the callback against it.
    url = f"http://localhost:{port}"
    secrets = write_secrets(
        work,
        redirect_uri=f"{url}/oauth2callback",
        client_id="quality-month-test",
        client_secret="test-client-secret",
        server_metadata_url=provider.metadata_url,
    )
    roles = work / "roles.toml"
    roles.write_text(ROLES_TOML, encoding="utf-8")
    audit_db = work / "audit.db"
    # Only this file: the default list also holds ~/.streamlit and <cwd>/.streamlit secrets.
    extra = ["--secrets.files", str(secrets)]
    env = {"QM_DB": str(db), "QM_ROLES": str(roles), "QM_AUDIT_DB": str(audit_db)}
    with started("dashboard.py", work, port=port, env=env, extra=extra) as server:
        # the server as the browser names it: localhost, as the redirect URI does
        yield SigninApp(**(vars(server) | {"url": url}), db=db, audit_db=audit_db, roles=roles, secrets=secrets)


@pytest.fixture(scope="module")
def signin_app(browser_db, oidc_provider, tmp_path_factory) -> Iterator[SigninApp]:
    """The dashboard with sign-in through `oidc_provider`; its log must end free of tracebacks."""
    with serve_with_signin(browser_db, oidc_provider, tmp_path_factory.mktemp("signin")) as running:
        yield running
        log = running.log_text()
    if "Traceback (most recent call last)" in log:
        pytest.fail(f"the dashboard logged an exception during the sign-in tests ({running.log}):\n{log[-4000:]}")


@pytest.fixture
def signin_offsite() -> list[str]:
    """URLs the sign-in page tried to reach outside this machine (must stay empty)."""
    return []


@pytest.fixture
def signin_page(browser, signin_app, signin_offsite):
    """A fresh, signed-out browser context that blocks and records off-machine requests."""
    with guarded_page(browser, signin_offsite) as pg:
        yield pg
