"""The reader's cue vocabulary, kept as data (lexicon.toml beside this module): the words its rules look
for (who the public is, tour and visit verbs, a notice's keys, heading and numbering marks, plan words …),
one entry an idea, its Chinese and English forms side by side. The rules' structure (anchors, groups,
what follows what) stays in the code that compiles them; a rule takes its words from here:

    _PUBLIC_VISITORS = re.compile(words("public", "zh"))            # 市民|群众|…
    _EN_PUBLIC = re.compile(r"\\b" + one_of("public", "en") + r"\\b", re.IGNORECASE)  # \\b(?:residents|…)\\b

An entry is a TOML table with ``about`` (what the idea is) and one or more lists of regex pieces, most
of them plain words (``\\s+`` between English words). The order of a list is the order the rule tries
them in: a longer word stands before the word it begins with where that matters. The file is read and
checked once, when the reader is imported; a bad file (not TOML, an entry without ``about``, an empty
list, a piece that is no regex, a word twice) or a rule asking for a list the file does not hold stops
the import with a LexiconError naming the file and the entry.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

PATH = Path(__file__).with_name("lexicon.toml")


class LexiconError(ValueError):
    """The lexicon file does not fit: the message names the file, the entry and the reason."""


class Lexicon:
    def __init__(self, path: Path):
        self.path = path
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
            raise LexiconError(f"{path}: cannot be read as TOML: {e}") from e
        self._lists: dict[tuple[str, str], tuple[str, ...]] = {}
        self.used: set[tuple[str, str]] = set()
        for key, entry in data.items():
            if not isinstance(entry, dict):
                raise LexiconError(f"{path}: [{key}] is not an entry (a table with about and word lists)")
            if not isinstance(entry.get("about"), str) or not entry["about"].strip():
                raise LexiconError(f"{path}: [{key}] has no about (what the idea is)")
            lists = {f: v for f, v in entry.items() if f != "about"}
            if not lists:
                raise LexiconError(f"{path}: [{key}] holds no word list")
            for field, pieces in lists.items():
                self._lists[key, field] = self._checked(key, field, pieces)

    def _checked(self, key: str, field: str, pieces: object) -> tuple[str, ...]:
        where = f"{self.path}: [{key}] {field}"
        if not isinstance(pieces, list) or not pieces or not all(isinstance(p, str) and p for p in pieces):
            raise LexiconError(f"{where}: not a list of one or more non-empty strings")
        for p in pieces:
            try:
                groups = re.compile(p).groups
            except re.error as e:
                raise LexiconError(f"{where}: {p!r} is not a regex piece ({e})") from e
            if groups:
                raise LexiconError(f"{where}: {p!r} holds a capturing group (the rule's groups are its own)")
        seen = {p for p in pieces if pieces.count(p) > 1}
        if seen:
            raise LexiconError(f"{where}: written twice: {', '.join(sorted(seen))}")
        return tuple(pieces)

    def pieces(self, key: str, field: str) -> tuple[str, ...]:
        """The list ``field`` of entry ``key``, in the file's order."""
        try:
            out = self._lists[key, field]
        except KeyError:
            has = sorted(f for k, f in self._lists if k == key)
            found = f"its lists are {', '.join(has)}" if has else "there is no such entry"
            raise LexiconError(f"{self.path}: [{key}] {field} is asked for by the reader, but {found}") from None
        self.used.add((key, field))
        return out

    def words(self, key: str, field: str) -> str:
        """The list as the alternatives of a regex, ``a|b|c`` (the rule puts the group around it)."""
        return "|".join(self.pieces(key, field))

    def one_of(self, key: str, field: str) -> str:
        """The list as one group of alternatives, ``(?:a|b|c)``."""
        return "(?:" + self.words(key, field) + ")"

    def chars(self, key: str, field: str) -> str:
        """The list as the inside of a character class, ``abc`` (each piece one character, or an escaped one)."""
        pieces = self.pieces(key, field)
        bad = [p for p in pieces if not (len(p) == 1 or (len(p) == 2 and p[0] == "\\"))]
        if bad:
            raise LexiconError(f"{self.path}: [{key}] {field}: not one character each: {', '.join(bad)}")
        return "".join(pieces)

    def unused(self) -> list[str]:
        """The lists no rule has asked for (after the reader's modules are imported): dead vocabulary."""
        return [f"[{k}] {f}" for k, f in self._lists if (k, f) not in self.used]


LEXICON = Lexicon(PATH)
words = LEXICON.words
one_of = LEXICON.one_of
chars = LEXICON.chars
