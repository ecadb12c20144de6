"""Wording catalogues: one data format, read by one loader, checked when a module imports it."""

from __future__ import annotations

from pathlib import Path

import pytest

from analytics import i18n
from analytics.briefing import text as briefing_text
from domain import catalogue, messages

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = (
    ROOT / "domain" / "messages.toml",
    ROOT / "analytics" / "i18n.toml",
    ROOT / "analytics" / "briefing" / "text.toml",
    ROOT / "ui" / "access.toml",
)


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.name)
def test_every_entry_gives_each_language_once(path: Path) -> None:
    data = catalogue.load(path)
    assert len(data) > 20
    for key, entry in data.items():
        assert set(entry) == set(catalogue.LANGS), key
        assert entry["zh"].strip() and entry["en"].strip(), key


def test_modules_read_their_catalogue_in_their_language_order() -> None:
    # messages keeps (English, Chinese), the dashboard and the briefing (Chinese, English).
    assert messages.TEMPLATES["date_missing"] == catalogue.pairs(CATALOGUES[0], ("en", "zh"))["date_missing"]
    assert messages.msg("date_missing").text("zh").startswith("缺少日期")
    assert messages.msg("date_missing").text("en").startswith("no date")
    assert i18n.t("kpi_activities", "zh") == "活动数"
    assert i18n.t("kpi_activities", "en") == "Activities"
    assert briefing_text.s("h_overall", "en") == "1. Overview"
    assert i18n.LANGS == catalogue.LANGS
    # ui.access (sign-in, scope, upload, audit wording) reads (Chinese, English) too; importing it needs streamlit.
    assert catalogue.pairs(CATALOGUES[3], ("zh", "en"))["login"] == ("登录", "Sign in")


def test_an_entry_missing_a_language_fails_naming_file_and_key(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[ok]\nzh = "好"\nen = "good"\n\n[half]\nzh = "只有中文"\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.toml: \[half\]"):
        catalogue.load(bad)
    bad.write_text('[extra]\nzh = "好"\nen = "good"\nfr = "bon"\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"\[extra\]"):
        catalogue.load(bad)


def test_a_key_written_twice_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "twice.toml"
    bad.write_text('[k]\nzh = "一"\nen = "one"\n\n[k]\nzh = "二"\nen = "two"\n', encoding="utf-8")
    with pytest.raises(ValueError):  # tomllib.TOMLDecodeError is a ValueError
        catalogue.load(bad)


def test_stored_codes_are_labelled_from_their_catalogue() -> None:
    from access.roles import Role

    data = catalogue.load(ROOT / "analytics" / "codes.toml")
    assert {key.split(".", 1)[0] for key in data} == set(i18n.CODES) == {"status", "kind", "role", "source"}
    assert sum(map(len, i18n.CODES.values())) == len(data)
    assert i18n.code_label("status", "no_changes", "zh") == "无变化"
    assert i18n.code_label("kind", "demo", "en") == "demo (generated)"
    assert {r.value for r in Role} <= set(i18n.CODES["role"])  # every role has its label
    assert i18n.code_label("status", "not_a_code", "en") == "not_a_code"  # unknown codes pass through
