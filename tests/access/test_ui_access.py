"""The dashboard's access wiring, through AppTest: single-user mode, and fail-closed sign-in."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.ui.cards import cards

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def app(published_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("QM_DB", str(published_db))
    monkeypatch.setenv("QM_AUDIT_DB", str(tmp_path / "audit.db"))
    return AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)


def test_single_user_mode_says_so(app: AppTest) -> None:
    at = app.run()
    assert not at.exception
    # the note is one small grey html element below a rule (ui.components.note_below_rule; Markdown in
    # sessions 8-14, a caption before)
    (note,) = [h.proto.body for h in at.sidebar.get("html") if "qm-note" in h.proto.body]
    assert note.startswith('<div class="qm-note"><hr>') and ("单用户模式" in note or "Single-user mode" in note)


def test_configured_sign_in_without_a_user_shows_no_data(app: AppTest) -> None:
    app.secrets["auth"] = {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "c" * 40,
        "client_id": "qm",
        "client_secret": "x",
        "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
    }
    at = app.run()
    assert not at.exception
    assert at.button(key="qm_login") is not None
    assert not at.metric and not cards(at) and not at.dataframe


def test_half_configured_sign_in_serves_nothing(app: AppTest) -> None:
    app.secrets["auth"] = {"redirect_uri": "http://localhost:8501/", "cookie_secret": "short"}
    at = app.run()
    assert not at.exception
    assert any("oauth2callback" in str(e.value) for e in at.error)
    assert not at.metric and not cards(at) and not at.dataframe
