"""Roles file: strict schema, lookups, and every mistake failing closed with a precise message."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from access.roles import Role, RolesConfigError, load_roles, parse_roles

GOOD = """
[[user]]
email = "Admin@Example.GOV.cn"
role = "admin"

[[user]]
subject = "sub-123"
issuer = "https://idp.one"
role = "viewer"
districts = ["310104", "310115"]

[[user]]
email = "rep@example.gov.cn"
role = "REPORTER"
districts = ["310115"]
"""


def test_good_file_parses_and_looks_up(tmp_path: Path) -> None:
    path = tmp_path / "roles.toml"
    path.write_text(GOOD, encoding="utf-8")
    cfg = load_roles(path)
    assert len(cfg.users) == 3
    assert cfg.by_email("admin@example.gov.cn").role is Role.ADMIN  # case-insensitive
    assert cfg.by_email(" ADMIN@example.gov.cn ").role is Role.ADMIN
    viewer = cfg.by_subject("sub-123", "https://idp.one")
    assert viewer.role is Role.VIEWER and viewer.districts == {"310104", "310115"}
    assert cfg.by_subject("sub-123", "https://other.idp") is None  # issuer pinned
    assert cfg.by_email("rep@example.gov.cn").role is Role.REPORTER
    assert cfg.by_email("nobody@example.gov.cn") is None
    assert cfg.by_subject(None) is None and cfg.by_email("") is None


def test_bundled_example_is_valid() -> None:
    cfg = load_roles(Path(__file__).resolve().parents[2] / "config" / "roles.toml")
    assert {u.role for u in cfg.users} == set(Role)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ('[[user]]\nemail = "a@b.c"\nrole = "viewer"\ndistrcts = ["310104"]', "unknown key(s) ['distrcts']"),
        ('[[user]]\nemail = "a@b.c"\nrole = "superuser"', "role 'superuser' is not one of"),
        ('[[user]]\nemail = "a@b.c"', "role None is not one of"),
        ('[[user]]\nrole = "viewer"', "needs an email or a subject"),
        ('[[user]]\nemail = "not-an-address"\nrole = "viewer"', "is not an address"),
        ('[[user]]\nemail = "a@b.c"\nrole = "viewer"\ndistricts = ["3101"]', "are not 6-digit adcodes"),
        ('[[user]]\nemail = "a@b.c"\nrole = "viewer"\ndistricts = ["31010x"]', "are not 6-digit adcodes"),
        ('[[user]]\nemail = "a@b.c"\nrole = "viewer"\ndistricts = "310104"', "must be a list"),
        ('[[user]]\nemail = "a@b.c"\nrole = "viewer"\ndistricts = [310104]', "must be a list"),
        ('[[user]]\nemail = "a@b.c"\nrole = "viewer"\ndistricts = []', "districts is empty"),
        ('[[user]]\nemail = "a@b.c"\nrole = "reporter"', "a reporter must be scoped"),
        ('[[user]]\nemail = "a@b.c"\nrole = "admin"\ndistricts = ["310104"]', "an admin sees the whole warehouse"),
        (
            '[[user]]\nemail = "a@b.c"\nrole = "viewer"\n[[user]]\nemail = "A@B.C"\nrole = "admin"',
            "[[user]] #2: email 'a@b.c' already given in entry #1",
        ),
        (
            '[[user]]\nsubject = "s"\nrole = "viewer"\n[[user]]\nsubject = "s"\nrole = "admin"',
            "already given in entry #1",
        ),
        ('[[user]]\nemail = 5\nrole = "viewer"', "email must be a string"),
        ('[[user]]\nemail = "a@b.c"\nrole = ["admin"]', "role must be a string"),
        ("users = []", "unknown key(s) ['users']"),
        ('user = "x"', "must be an array of tables"),
        ('user = ["x"]', "must be a table"),
    ],
)
def test_invalid_entries_are_refused_with_reason(text: str, fragment: str) -> None:
    with pytest.raises(RolesConfigError) as err:
        parse_roles(tomllib.loads(text), Path("/cfg/roles.toml"))
    assert fragment in str(err.value)
    assert str(err.value).startswith("/cfg/roles.toml: ")


def test_same_subject_at_two_issuers_is_allowed() -> None:
    cfg = parse_roles(
        tomllib.loads(
            '[[user]]\nsubject = "s"\nissuer = "i1"\nrole = "viewer"\n'
            '[[user]]\nsubject = "s"\nissuer = "i2"\nrole = "admin"'
        )
    )
    assert cfg.by_subject("s", "i1").role is Role.VIEWER
    assert cfg.by_subject("s", "i2").role is Role.ADMIN


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (None, "not found"),
        (b"[[user]\nemail=", "syntax"),
        (b"\xff\xfe\x00garbage", "cannot read"),
    ],
)
def test_unreadable_files_are_errors(tmp_path: Path, content: bytes | None, fragment: str) -> None:
    path = tmp_path / "roles.toml"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(RolesConfigError, match=fragment):
        load_roles(path)


def test_env_variable_selects_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "other.toml"
    path.write_text('[[user]]\nemail = "x@y.z"\nrole = "analyst"\n', encoding="utf-8")
    monkeypatch.setenv("QM_ROLES", str(path))
    assert load_roles().by_email("x@y.z").role is Role.ANALYST
