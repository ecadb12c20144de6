"""The reader's cue vocabulary as data (etl/bulletins/lexicon.toml): read once at import, every list a rule
asks for is there, none is dead, and a bad file stops the import with the file's name and the entry's."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import etl.bulletins  # noqa: F401  (every rule module is imported, so every list has been asked for)
from etl.bulletins import events, fields, segment
from etl.bulletins.lexicon import LEXICON, Lexicon, LexiconError

ROOT = Path(__file__).resolve().parents[2]


def test_every_list_of_the_lexicon_is_asked_for_by_a_rule() -> None:
    assert LEXICON.unused() == []


def test_one_idea_in_two_languages_is_one_entry_read_by_both_rules() -> None:
    """The public visiting (市民 / residents) and a paragraph referring back (会上 / at the meeting): the Chinese
    and the English rule read the same entry."""
    assert events._PUBLIC_VISITORS.search("组织30名市民代表走进实验室")
    assert events._EN_PUBLIC.search("invited 30 Members of the Public to tour the lab")
    assert not events._EN_PUBLIC.search("invited the studentship committee")  # whole words only
    assert fields._BACK_REFERENCE.match("会上,某局宣读了表彰决定")
    assert fields._BACK_REFERENCE.match("During the ceremony, awards were given")
    assert segment.ITEM_RE.match("(三) 开展质量开放日") and segment.ITEM_RE.match("◆ 开展质量开放日")


def _lexicon(tmp_path: Path, text: str) -> Lexicon:
    path = tmp_path / "lexicon.toml"
    path.write_text(text, encoding="utf-8")
    return Lexicon(path)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('[public]\nzh = ["市民"]\n', r"\[public\] has no about"),
        ('[public]\nabout = "who"\n', r"\[public\] holds no word list"),
        ('[public]\nabout = "who"\nzh = []\n', r"\[public\] zh: not a list of one or more non-empty strings"),
        ('[public]\nabout = "who"\nzh = ["市民", ""]\n', r"\[public\] zh: not a list"),
        ('[public]\nabout = "who"\nzh = ["市民(", "学生"]\n', r"\[public\] zh: '市民\(' is not a regex piece"),
        ('[public]\nabout = "who"\nzh = ["(市民)"]\n', r"\[public\] zh: '\(市民\)' holds a capturing group"),
        ('[public]\nabout = "who"\nzh = ["市民", "学生", "市民"]\n', r"\[public\] zh: written twice: 市民"),
        ('public = ["市民"]\n', r"\[public\] is not an entry"),
        ('[public\nabout = "who"\n', r"cannot be read as TOML"),
    ],
)
def test_a_bad_lexicon_names_the_file_and_the_entry(tmp_path: Path, text: str, reason: str) -> None:
    with pytest.raises(LexiconError, match=re.escape(str(tmp_path / "lexicon.toml")) + ".*" + reason):
        _lexicon(tmp_path, text)


def test_a_list_the_file_lacks_names_the_file_the_entry_and_what_it_holds(tmp_path: Path) -> None:
    lex = _lexicon(tmp_path, '[public]\nabout = "who"\nzh = ["市民"]\n[bullet]\nabout = "marks"\nzh = ["◆", "ab"]\n')
    assert lex.words("public", "zh") == "市民"
    assert lex.one_of("public", "zh") == "(?:市民)"
    assert lex.unused() == ["[bullet] zh"]  # not asked for yet
    with pytest.raises(
        LexiconError, match=r"lexicon\.toml: \[public\] en is asked for by the reader, but its lists are zh"
    ):
        lex.words("public", "en")
    with pytest.raises(LexiconError, match=r"lexicon\.toml: \[visit\] zh is asked for .* no such entry"):
        lex.words("visit", "zh")
    with pytest.raises(LexiconError, match=r"lexicon\.toml: \[bullet\] zh: not one character each: ab"):
        lex.chars("bullet", "zh")


def _import_reader_with(tmp_path: Path, edit) -> subprocess.CompletedProcess[str]:
    """Import the reader from a copy of etl/ whose lexicon.toml ``edit`` changed (the rest of the repo as it is)."""
    shutil.copytree(ROOT / "etl", tmp_path / "etl", ignore=shutil.ignore_patterns("__pycache__"))
    path = tmp_path / "etl" / "bulletins" / "lexicon.toml"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    code = "import sys; sys.path[:0] = sys.argv[1:3]; import etl.bulletins"
    return subprocess.run(
        [sys.executable, "-c", code, str(tmp_path), str(ROOT)], capture_output=True, text=True, timeout=120
    )


def test_a_lexicon_without_a_list_a_rule_asks_for_stops_the_import(tmp_path: Path) -> None:
    done = _import_reader_with(tmp_path, lambda t: t.replace('en_writer = ["we"]\n', ""))
    assert done.returncode != 0
    path = tmp_path / "etl" / "bulletins" / "lexicon.toml"
    assert f"LexiconError: {path}: [points_back] en_writer is asked for by the reader" in done.stderr


def test_a_lexicon_with_a_bad_piece_stops_the_import(tmp_path: Path) -> None:
    done = _import_reader_with(tmp_path, lambda t: t.replace('"展区"]', '"展区", "展[台"]'))
    assert done.returncode != 0
    path = tmp_path / "etl" / "bulletins" / "lexicon.toml"
    assert f"LexiconError: {path}: [exhibit] zh: '展[台' is not a regex piece" in done.stderr


def test_the_unchanged_copy_imports(tmp_path: Path) -> None:
    """The two tests above fail for the edit they make, not for the copy."""
    done = _import_reader_with(tmp_path, lambda t: t)
    assert done.returncode == 0, done.stderr
