"""Wording catalogues: the texts people read, in Chinese and English, kept as data in one format.

A catalogue is a TOML file beside the module that uses it (``domain/messages.toml`` for the ETL's
coded messages, ``analytics/i18n.toml`` for the dashboard (and ``analytics/codes.toml`` for the
labels of stored codes), ``analytics/briefing/text.toml`` for
the briefing, ``ui/access.toml`` for sign-in, scope, upload and audit wording). Each key is a
table naming its text per language, so no reader depends on the position of a language in a
tuple::

    [kpi_activities]
    zh = "活动数"
    en = "Activities"

Placeholders use ``str.format`` names. `load` checks every entry when the module is imported: an
entry missing a language, or with another one, fails there rather than on the page that shows it.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

LANGS = ("zh", "en")


def load(path: Path) -> dict[str, dict[str, str]]:
    """Read the catalogue at `path`: key -> {'zh': text, 'en': text}.

    Raises:
        ValueError: An entry does not give exactly one text per language of LANGS (names the file and key).
    """
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    for key, entry in data.items():
        if (
            not isinstance(entry, dict)
            or set(entry) != set(LANGS)
            or not all(isinstance(v, str) for v in entry.values())
        ):
            raise ValueError(f"{path}: [{key}] must give exactly the texts {', '.join(LANGS)}")
    return data


def pairs(path: Path, order: tuple[str, str]) -> dict[str, tuple[str, str]]:
    """The catalogue at `path` as key -> (text in order[0], text in order[1])."""
    return {key: (entry[order[0]], entry[order[1]]) for key, entry in load(path).items()}
