"""Controlled vocabularies shared by the ETL and the read side.

The terms are data, in ``domain/taxonomy.toml`` beside this module. Every code there is what the
warehouse stores; labels are what people read. Keywords are the signal words the normalizer and the
bulletin extractor use to map free text onto a code. Order matters: the first matching type wins, so
more specific types (flag raising, appointment) come before generic ones (forum).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Term:
    code: str
    zh: str
    en: str
    keywords: tuple[str, ...] = ()

    def label(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


def load_vocabularies(path: Path) -> dict[str, tuple[Term, ...]]:
    """The vocabularies of the data file at `path`, each a tuple of terms in the file's order.

    Raises:
        ValueError: A term lacks its code or a label, or a list repeats a code (names the file and list).
    """
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    lists: dict[str, tuple[Term, ...]] = {}
    for name, entries in data.items():
        terms = []
        for entry in entries:
            if not all(isinstance(entry.get(k), str) and entry[k] for k in ("code", "zh", "en")):
                raise ValueError(f"{path}: a term of [[{name}]] lacks its code, zh or en: {entry}")
            terms.append(Term(entry["code"], entry["zh"], entry["en"], tuple(entry.get("keywords", ()))))
        if len({t.code for t in terms}) != len(terms):
            raise ValueError(f"{path}: [[{name}]] repeats a code")
        lists[name] = tuple(terms)
    return lists


_VOCABULARIES = load_vocabularies(Path(__file__).with_name("taxonomy.toml"))

ACTIVITY_TYPES: tuple[Term, ...] = _VOCABULARIES["activity_types"]
INDUSTRIES: tuple[Term, ...] = _VOCABULARIES["industries"]
CAMPAIGNS: tuple[Term, ...] = _VOCABULARIES["campaigns"]
ORGANIZER_TYPES: tuple[Term, ...] = _VOCABULARIES["organizer_types"]
PARTICIPANT_UNITS: tuple[Term, ...] = _VOCABULARIES["participant_units"]
QUALIFIERS: tuple[Term, ...] = _VOCABULARIES["qualifiers"]
MODES: tuple[Term, ...] = _VOCABULARIES["modes"]
DATE_PRECISION_TERMS: tuple[Term, ...] = _VOCABULARIES["date_precisions"]

#: The month each national campaign is held in (质量月: September since 1978; 安全生产月: June).
CAMPAIGN_MONTH: dict[str, int] = {"quality_month": 9, "safety_month": 6}

DATE_PRECISIONS = ("day", "month", "year")


def codes(terms: tuple[Term, ...]) -> tuple[str, ...]:
    return tuple(t.code for t in terms)


def by_code(terms: tuple[Term, ...]) -> dict[str, Term]:
    return {t.code: t for t in terms}


ACTIVITY_TYPE_CODES = codes(ACTIVITY_TYPES)
INDUSTRY_CODES = codes(INDUSTRIES)
CAMPAIGN_CODES = codes(CAMPAIGNS)
ORGANIZER_TYPE_CODES = codes(ORGANIZER_TYPES)
UNIT_CODES = codes(PARTICIPANT_UNITS)
QUALIFIER_CODES = codes(QUALIFIERS)
MODE_CODES = codes(MODES)


def quality_month_ordinal(year: int) -> int:
    """The national Quality Month of `year` is the Nth: the 1st was held in 1978."""
    return year - 1977


def quality_month_year(ordinal: int) -> int:
    return ordinal + 1977
