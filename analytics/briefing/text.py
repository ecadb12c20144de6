"""Every string of the briefing (documents and the Briefing page), in Chinese and English."""

from __future__ import annotations

from pathlib import Path

from analytics.i18n import norm_lang
from domain import catalogue

# key -> (zh, en), from the catalogue text.toml (domain.catalogue); placeholders use str.format names.
STRINGS: dict[str, tuple[str, str]] = catalogue.pairs(Path(__file__).with_name("text.toml"), ("zh", "en"))

_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


# level (or "industry", the other kind of completeness list) -> (zh word, en singular, en plural)
_UNIT_WORDS = {
    "district": ("区", "district", "districts"),
    "city": ("市", "city", "cities"),
    "province": ("省份", "province", "provinces"),
    "industry": ("行业", "industry", "industries"),
}
# A record that names no region of a level is one of the region above's own ({wide}): a province's cities' list
# counts 全省性 activities apart, not 全市性 ones.
_WIDE_WORDS = {
    "district": ("全市性", "city-wide"),
    "city": ("全省性", "province-wide"),
    "province": ("全国性", "nationwide"),
}


def unit_words(level: str, lang: str) -> dict[str, str]:
    """The words naming regions of `level` (or industries) for strings with {unit}, {units}, {Unit}, {Units}."""
    zh, one, many = _UNIT_WORDS.get(level, _UNIT_WORDS["district"])
    wide_zh, wide_en = _WIDE_WORDS.get(level, _WIDE_WORDS["district"])
    if norm_lang(lang) != "en":
        return {"unit": zh, "units": zh, "Unit": zh, "Units": zh, "wide": wide_zh}
    return {"unit": one, "units": many, "Unit": one.capitalize(), "Units": many.capitalize(), "wide": wide_en}


def month_day(month: int, day: int, lang: str) -> str:
    """'9月15日' / 'September 15'."""
    if norm_lang(lang) == "en":
        return f"{_MONTHS_EN[int(month) - 1]} {int(day)}"
    return f"{int(month)}月{int(day)}日"


def s(key: str, lang: str, **kwargs: object) -> str:
    """The string `key` in `lang`, formatted; ``month`` also fills ``month_en``."""
    zh, en = STRINGS[key]
    text = en if norm_lang(lang) == "en" else zh
    if "month" in kwargs and "month_en" not in kwargs:
        kwargs["month_en"] = _MONTHS_EN[int(kwargs["month"]) - 1]  # type: ignore[call-overload]
    return text.format(**kwargs) if kwargs else text
