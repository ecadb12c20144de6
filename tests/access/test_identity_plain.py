"""User-supplied identity claims (the sign-in `name`, the e-mail) are shown as plain text, never Markdown."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

HOSTILE_NAME = "![x](http://127.0.0.1:9/pixel.png) **boss** <img src=x onerror=alert(1)>"


def _sidebar_identity(name: str) -> None:
    from access.policy import Policy, Principal
    from access.roles import Role
    from ui.access import identity_box

    identity_box(Policy(Principal("u@example.org", Role.VIEWER, None, display=name)), "en", {})


def test_name_claim_is_rendered_as_plain_text_not_markdown() -> None:
    at = AppTest.from_function(_sidebar_identity, args=(HOSTILE_NAME,), default_timeout=30).run()
    assert not at.exception
    # Markdown elements (caption, markdown, info...) would turn the claim into an <img>; text does not.
    markdown = [str(e.value) for e in (*at.sidebar.caption, *at.sidebar.markdown)]
    assert not any("pixel.png" in m for m in markdown), markdown
    texts = [str(e.value) for e in at.sidebar.text]
    assert any(HOSTILE_NAME in t for t in texts), texts


def _denied(email: str) -> None:
    from access.policy import Policy, Principal
    from ui.access import no_access

    no_access(Policy(Principal(email, None, frozenset(), "x", reason=f"{email} has no role")), "en")


def test_email_claim_in_the_no_role_message_is_escaped() -> None:
    at = AppTest.from_function(_denied, args=("![x](http://127.0.0.1:9/p.png)@evil.org",), default_timeout=30).run()
    shown = " ".join(str(e.value) for e in at.error)
    assert "evil\\.org" in shown
    assert "![x](" not in shown and "\\!\\[x\\]\\(" in shown


def test_markdown_escape_leaves_plain_words_alone() -> None:
    from ui.access import markdown_escape

    assert markdown_escape("张三 Zhang") == "张三 Zhang"
    assert markdown_escape("**a**") == "\\*\\*a\\*\\*"
