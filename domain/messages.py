"""ETL messages as codes with parameters: one table of templates, rendered in either language.

The write side never stores English prose alone: every reject reason and every file note is a
``Message`` (a code and its parameters). The warehouse keeps them as JSON (``rejects.reasons``,
``source_files.messages``), plus the English rendering for people reading the tables with SQL.
The read side renders the same JSON in the reader's language with ``render``.

Encoding: one message is a JSON object ``{"code": ..., <params>}``; a list of messages is a JSON
array. Several failures of one row are several objects in one array. The SQL checks of
``etl.validate`` build the same objects with DuckDB's ``json_object``.

A message with an unknown code (a warehouse written by a later version) and the ``text`` code
(prose from a component that has no code for it, e.g. a third-party parser's own error) render
their text unchanged.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from domain import catalogue
from domain.uploads import shown_name

# Field names as the Chinese UI calls them (column headers of the input format).
FIELDS_ZH = {
    "start_date": "开始日期",
    "end_date": "结束日期",
    "participants": "参与人数",
    "participants_unit": "参与人数单位",
    "participants_qualifier": "参与人数精确度",
    "campaign_year": "活动年度",
    "title": "标题",
    "theme": "主题",
    "organizer": "主办单位",
    "source_excerpt": "原文摘录",
    "region": "地区",
    "district": "区",
    "city": "市",
    "province": "省",
    "activity_type": "活动类型",
    "industry": "行业",
    "mode": "形式",
    "record_id": "记录编号",
    "source": "来源",
    "region_original": "原始地区名",
}
SEPARATOR = {"en": "; ", "zh": "；"}
# A message that lists places (rows, cells) names the first LISTED of them; its count says how many there are.
LISTED = 10

# code -> (English, Chinese), from the catalogue messages.toml (domain.catalogue). str.format
# names are the message's parameters; a parameter named `field` is shown as its Chinese header in
# Chinese, `encoding` by its common name (both languages), `loc`/`locs` (where in a file) as 第 N 行 / 第 N 段.
TEMPLATES: dict[str, tuple[str, str]] = catalogue.pairs(Path(__file__).with_name("messages.toml"), ("en", "zh"))

# Parameters holding adcodes (one, or several joined by ", "), named by the reader when it can (render).
PLACE_PARAMS = ("district", "scope")
_ADCODE = re.compile(r"^\d{6}$")
_LOCATOR_KINDS = ("row", "line", "paragraph", "item", "record")
_LOCATOR = re.compile(rf"\b({'|'.join(_LOCATOR_KINDS)}) (\d+)\b")
_LOCATOR_ZH = {kind: TEMPLATES[f"locator_{kind}"][1] for kind in _LOCATOR_KINDS}
# Codec name (Python's, as the readers record it) -> (English, Chinese) common name shown to people.
ENCODINGS = {
    code.removeprefix("encoding_name_"): pair for code, pair in TEMPLATES.items() if code.startswith("encoding_name_")
}


@dataclass(frozen=True)
class Message:
    """One coded message: a key of TEMPLATES and the values its template names."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.code not in TEMPLATES:
            raise KeyError(f"unknown message code {self.code!r}")

    def as_dict(self) -> dict[str, Any]:
        """The JSON object stored in the warehouse."""
        return {"code": self.code, **{k: _plain(v) for k, v in self.params.items()}}

    def json(self) -> str:
        """One JSON object (the SQL of etl.validate joins such objects into an array)."""
        return json.dumps(self.as_dict(), ensure_ascii=False)

    def text(self, lang: str = "en") -> str:
        """The message in `lang` ('zh' or anything else for English)."""
        return _render_one(self.as_dict(), lang)

    def __str__(self) -> str:
        return self.text("en")


def msg(code: str, **params: Any) -> Message:
    """Shorthand: ``msg("region_unknown", field="region", value="火星区")``."""
    return Message(code, params)


def encode(messages: Iterable[Message]) -> str | None:
    """A JSON array of the messages; None when there are none."""
    items = [m.as_dict() for m in messages]
    return json.dumps(items, ensure_ascii=False) if items else None


def objects(messages: Iterable[Message]) -> str | None:
    """The messages as comma-joined JSON objects without brackets (a row's `_e_*` column; see etl.validate)."""
    items = [m.json() for m in messages]
    return ",".join(items) if items else None


def decode(value: object) -> list[dict[str, Any]]:
    """The message objects stored in `value` (a JSON array or object); [] when empty or not JSON."""
    if value is None or (isinstance(value, float) and value != value):
        return []
    if isinstance(value, (list, tuple)):
        return [v for v in value if isinstance(v, dict)]
    text = str(value).strip()
    if not text or text[0] not in "[{":
        return []
    try:
        data = json.loads(text)
    except ValueError:
        return []
    if isinstance(data, dict):
        return [data]
    return [d for d in data if isinstance(d, dict)] if isinstance(data, list) else []


def render(
    value: object, lang: str = "en", fallback: object = None, place_name: Callable[[str], str] | None = None
) -> str:
    """Stored messages (JSON) in `lang`, joined; `fallback` text when `value` holds none.

    Args:
        value: A JSON array/object of messages (``rejects.reasons``, ``source_files.messages``).
        lang: 'zh' or 'en'.
        fallback: Plain text to show when there are no coded messages (a warehouse written
            before messages had codes); shown unchanged.
        place_name: adcode -> the place's name in `lang`. Given, the adcodes of PLACE_PARAMS are shown as
            徐汇区（310104） / Xuhui District (310104), not as bare codes.
    """
    items = decode(value)
    if not items:
        if fallback is None or (isinstance(fallback, float) and fallback != fallback):
            return ""
        return str(fallback)
    return SEPARATOR["zh" if lang == "zh" else "en"].join(_render_one(d, lang, place_name) for d in items)


def first_code(value: object) -> str | None:
    """The code of the first stored message (for grouping rejects by reason)."""
    items = decode(value)
    return str(items[0].get("code")) if items else None


def locator_text(locator: object, lang: str) -> str:
    """Where in a file: 'a.csv row 3' -> 'a.csv 第 3 行' (zh); '' when missing."""
    if locator is None or (isinstance(locator, float) and locator != locator):
        return ""
    text = str(locator)
    if lang != "zh":
        return text
    return _LOCATOR.sub(lambda m: _LOCATOR_ZH[m[1]].format(n=m[2]), text)


def _plain(v: Any) -> Any:
    if isinstance(v, Message):
        return v.as_dict()
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    if v is None or isinstance(v, (str, int, float, bool, dict)):
        return v
    return str(v)


def place_list(text: str, lang: str, place_name: Callable[[str], str]) -> str:
    """'310104, 310115' (or '310104,310115') -> '徐汇区（310104）、浦东新区（310115）' (en: 'Xuhui District (310104), ...');
    text that is not a list of adcodes is returned unchanged."""
    codes = [c.strip() for c in text.split(",") if c.strip()]
    if not codes or not all(_ADCODE.match(c) for c in codes):
        return text
    if lang == "zh":
        return "、".join(f"{place_name(c)}（{c}）" for c in codes)
    return ", ".join(f"{place_name(c)} ({c})" for c in codes)


def _param(name: str, value: Any, lang: str, place_name: Callable[[str], str] | None = None) -> str:
    if isinstance(value, dict) and "code" in value:
        return _render_one(value, lang, place_name)
    if isinstance(value, list):
        sep = "、" if lang == "zh" else ", "
        return sep.join(_param(name, v, lang, place_name) for v in value)
    if value is None:
        return ""
    text = str(value)
    if name in PLACE_PARAMS and place_name is not None:
        return place_list(text, lang, place_name)
    if name in (
        "stored",
        "file",
        "files",
    ):  # an upload's inbox name: shown as the name it was uploaded as (domain.uploads)
        return shown_name(text)
    if name == "encoding":
        names = ENCODINGS.get(text.lower())
        return text if names is None else names[1 if lang == "zh" else 0]
    if lang != "zh":
        return text
    if name == "field":
        return FIELDS_ZH.get(text, text)
    if name in ("loc", "locs"):
        return locator_text(text, lang)
    return text


def _render_one(item: Mapping[str, Any], lang: str, place_name: Callable[[str], str] | None = None) -> str:
    code = str(item.get("code"))
    pair = TEMPLATES.get(code)
    params = {k: _param(k, v, lang, place_name) for k, v in item.items() if k != "code"}
    if pair is None:
        return params.get("text") or json.dumps(dict(item), ensure_ascii=False)
    template = pair[1] if lang == "zh" else pair[0]
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return pair[0] if "{" not in pair[0] else json.dumps(dict(item), ensure_ascii=False)
