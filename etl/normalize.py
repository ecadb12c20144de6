"""Normalize raw cells into the activity record's codes, adcodes, dates and counts.

Column-wise by design: for each field the distinct raw values (or value combinations, e.g.
region + province + city) are fetched from DuckDB, mapped once in Python by the pure functions
below, and joined back as a small mapping table. Work in Python grows with the number of
distinct values, not rows, so a 10M-row file costs a few thousand Python calls per field.

Grain of the relation `normalize_part` (and `normalize_records`, for bulletins) creates: one row
per raw data row (same `_row`), with every column of `activities` plus error columns (`_e_*`)
that `etl.validate` turns into reasons; its artifact is a `Normalized`.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from domain import taxonomy
from domain.activity_types import classify_activity
from domain.messages import msg, objects
from domain.numbers import cn_to_int, read_cell_count
from domain.record import (
    FIELDS,
    FORMULA_PREFIXES,
    INPUT_NAMES,
    PARTICIPANT_COLUMNS,
    RECORD_COLUMNS,
    STORED_RECORD_COLUMNS,
    ActivityRecord,
    content_hash_sql,
    record_id_sql,
)
from etl.extract.tabular import CONTROL_CHARS_RE, RawTable, strip_controls
from etl.relations import E_RAW, ERRORS, LOC, ROW, SKIP, W_PART, columns_select, quote_ident, quote_literal

DEFAULT_WITHIN = "310000"  # Shanghai: short district names are read as Shanghai's unless told otherwise


def nfkc(text: object) -> str:
    """NFKC-normalised, stripped text (full-width digits and letters become ASCII)."""
    return unicodedata.normalize("NFKC", str(text or "")).strip()


def show(value: object, limit: int = 80) -> str:
    """A value for an error message: normalised and cut so a huge cell cannot flood the rejects."""
    s = nfkc(value)
    return s if len(s) <= limit else s[:limit] + f"... ({len(s):,} characters)"


# ----------------------------------------------------------------------------- vocabularies
def _code_like(s: str) -> bool:
    """snake_case words with at least one underscore: how codes, and only codes, are written."""
    return re.fullmatch(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)+", s) is not None


def map_mode(text: str | None) -> str:
    """Mode code; text naming both on-site and online signals (线上线下, 'online and onsite') is hybrid."""
    if not nfkc(text):
        return "unknown"
    code = match_term("mode", text)
    if code in ("onsite", "online"):
        s = nfkc(text).lower()
        kws = {t.code: t.keywords for t in taxonomy.MODES}
        if any(k in s for k in kws["onsite"]) and any(k in s for k in kws["online"]):
            return "hybrid"
    return code or "unknown"


@functools.lru_cache(maxsize=65536)
def match_term(kind: str, text: str | None) -> str | None:
    """Map a code, a Chinese/English label or free text onto a taxonomy code.

    Args:
        kind: 'industry', 'campaign', 'organizer_type' or 'mode' (activity types: `classify_activity`).
        text: The value as written.

    Returns:
        The code; exact code/label matches first, then the first term (in taxonomy order)
        with a keyword contained in the text; None when nothing matches.
    """
    terms = _TERMS[kind]
    s = nfkc(text).lower()
    if not s:
        return None
    snake = re.sub(r"[\s\-/&]+", "_", s)
    for t in terms:
        if s in (t.code, t.zh.lower(), t.en.lower()) or snake == t.code:
            return t.code
    for t in terms:
        for kw in t.keywords:
            if kw.lower() in s:
                return t.code
    return None


# Activity types are not here: domain.activity_types.classify_activity is their one classifier.
_TERMS = {
    "industry": taxonomy.INDUSTRIES,
    "campaign": taxonomy.CAMPAIGNS,
    "organizer_type": taxonomy.ORGANIZER_TYPES,
    "mode": taxonomy.MODES,
}


def map_activity_type(text: str | None, title: str | None = None) -> tuple[str, str | None]:
    """Activity type code for a cell; inferred from the title when the cell is empty.

    Returns:
        (code, error). A value that looks like a code but is not one is an error (a typo in a
        code column must not silently become 'other'); other free text that matches no keyword
        is 'other'.
    """
    s = nfkc(text)
    if not s:
        return classify_activity(title) or "other", None
    if _code_like(s.lower()):
        # A code must be a code: keyword matching would read 'launch_party' as launch_ceremony.
        code = next((t.code for t in taxonomy.ACTIVITY_TYPES if s.lower() in (t.code, t.en.lower())), None)
        if code is None:
            return "other", msg(
                "type_unknown_code", value=show(s), expected=", ".join(taxonomy.ACTIVITY_TYPE_CODES)
            ).json()
        return code, None
    return classify_activity(s) or "other", None


def map_organizer(organizer_type: str | None, industry: str | None, organizer: str | None) -> tuple[str, str]:
    """(organizer_type, industry) codes; each is inferred from the organiser's name when its cell is empty."""
    ot = match_term("organizer_type", organizer_type) if nfkc(organizer_type) else None
    if ot is None:
        ot = "unknown" if nfkc(organizer_type) else (match_term("organizer_type", organizer) or "unknown")
    ind = match_term("industry", industry) if nfkc(industry) else None
    if ind is None:
        ind = "unknown" if nfkc(industry) else (match_term("industry", organizer) or "unknown")
    return ot, ind


# ----------------------------------------------------------------------------- dates
_MONTH_NAMES = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTH_NAMES.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTH_NAMES["sept"] = 9
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_RANGE_SPLIT = re.compile(r"\s*(?:至|到|~|～|—|–|－)\s*|\s+-\s+")


@dataclass(frozen=True)
class DateValue:
    """A parsed date: the first day it can mean, the last, and its precision (day/month/year)."""

    first: dt.date
    last: dt.date
    precision: str


def _mk(y: int, m: int | None = None, d: int | None = None) -> DateValue | None:
    try:
        if m is None:
            return DateValue(dt.date(y, 1, 1), dt.date(y, 12, 31), "year")
        if d is None:
            return DateValue(dt.date(y, m, 1), dt.date(y, m, calendar.monthrange(y, m)[1]), "month")
        day = dt.date(y, m, d)
        return DateValue(day, day, "day")
    except ValueError:
        return None


def _parse_one(s: str, year_hint: int | None) -> DateValue | None:
    if m := re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T\s]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?", s):
        return _mk(int(m[1]), int(m[2]), int(m[3]))
    if m := re.fullmatch(r"(\d{4})(\d{2})(\d{2})", s):
        return _mk(int(m[1]), int(m[2]), int(m[3]))
    if re.fullmatch(r"\d{5}(?:\.\d+)?", s):
        # Excel serial day numbers (days since 1899-12-30); 20000..80000 is 1954..2119.
        n = float(s)
        if 20000 <= n <= 80000:
            day = _EXCEL_EPOCH + dt.timedelta(days=int(n))
            return DateValue(day, day, "day")
        return None
    if m := re.fullmatch(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?", s):
        return _mk(int(m[1]), int(m[2]), int(m[3]))
    if m := re.fullmatch(r"(\d{4})\s*年\s*(\d{1,2})\s*月份?", s) or re.fullmatch(r"(\d{4})[-/.](\d{1,2})", s):
        return _mk(int(m[1]), int(m[2]))
    if m := re.fullmatch(r"(\d{4})\s*年?(?:度)?", s):
        return _mk(int(m[1])) if 1900 <= int(m[1]) <= 2200 else None
    if m := re.fullmatch(r"(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?", s):
        return _mk(year_hint, int(m[1]), int(m[2])) if year_hint else None
    if m := re.fullmatch(r"(\d{1,2})\s*月份?", s):
        return _mk(year_hint, int(m[1])) if year_hint else None
    m = re.fullmatch(
        r"(?:(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?)?([a-z]+)\.?(?:\s+(\d{1,2})(?:st|nd|rd|th)?)?"
        r"(?:,?\s*(\d{4}))?",
        s.lower(),
    )
    if m and m[2] in _MONTH_NAMES and not (m[1] and m[3]):
        year = int(m[4]) if m[4] else year_hint
        if not year:
            return None
        day = m[1] or m[3]
        return _mk(year, _MONTH_NAMES[m[2]], int(day) if day else None)
    return None


# A date written in Chinese numerals, as official documents write them: 二〇二四年九月十日, 九月二十三日.
_CN_DATE_PART = re.compile(r"([〇零○一二三四五六七八九十]+)(?=\s*[年月日号])")


def _cn_date_digits(s: str) -> str:
    """'二〇二四年九月十日' -> '2024年9月10日'; a run that is no number (二五: two to five) is left as written."""
    if not _CN_DATE_PART.search(s):
        return s
    return _CN_DATE_PART.sub(lambda m: str(n) if (n := cn_to_int(m[1])) is not None else m[1], s)


@functools.lru_cache(maxsize=65536)  # pure; a day recurs in thousands of (start, year, end) keys
def parse_date(text: str | None, year_hint: int | None = None) -> tuple[DateValue | None, DateValue | None]:
    """Parse a date cell, possibly a range ('2023年9月12日至15日').

    Accepts 2023-09-12, 2023/9/12, 2023.9.12, 20230912, 2023年9月12日, 2023年9月 (month
    precision), 2023 (year precision), dates in Chinese numerals (二〇二三年九月十二日), 9月12日 or
    'September 12th' with `year_hint`, Excel serial numbers, 'September 12, 2023', '12 Sep 2023',
    and datetime text.

    Args:
        text: The cell.
        year_hint: The campaign year, for dates written without a year.

    Returns:
        (start, end-of-range or None); (None, None) when the text is not a date.
    """
    s = _cn_date_digits(nfkc(text))
    if not s:
        return None, None
    whole = _parse_one(s, year_hint)
    if whole is not None:
        return whole, None
    parts = _RANGE_SPLIT.split(s)
    if len(parts) != 2:
        return None, None
    first = _parse_one(parts[0], year_hint)
    if first is None:
        return None, None
    right = parts[1]
    if m := re.fullmatch(r"(\d{1,2})\s*[日号]", right):
        second = _mk(first.first.year, first.first.month, int(m[1]))
    elif m := re.fullmatch(r"(\d{1,2})[./](\d{1,2})", right):
        second = _mk(first.first.year, int(m[1]), int(m[2]))
    else:
        second = _parse_one(right, first.first.year)
    return (first, second) if second is not None else (None, None)


@functools.lru_cache(maxsize=4096)  # pure; a few dozen distinct years
def parse_year(text: str | None) -> int | None:
    """A campaign year cell: '2023', '2023年', '2023.0', or an ordinal '第46届' (46th Quality Month)."""
    s = nfkc(text)
    if m := re.fullmatch(r"(\d{4})(?:\.0+)?\s*年?(?:度)?", s):
        # year 0000 names no calendar year (a date of it cannot exist): unreadable, the row's reject, never the
        # whole file's failure; years before the first Quality Month are the date range check's (validate)
        return int(m[1]) or None
    if m := re.fullmatch(r"第\s*(\d{1,3})\s*届.*", s):
        return taxonomy.quality_month_year(int(m[1]))
    return None


def normalize_dates(start: str | None, year: str | None, end: str | None) -> dict:
    """Start/end dates, precision and campaign year of one row; errors name field and value."""
    out = {"start_date": None, "end_date": None, "date_precision": None, "campaign_year": None, "e_date": None}
    errors = []
    cy = parse_year(year) if nfkc(year) else None
    if nfkc(year) and cy is None:
        errors.append(msg("year_unreadable", value=show(year)))
    if nfkc(start):
        first, range_end = parse_date(start, cy)
        if first is None:
            # "no year given" only when none is written (二〇二四年十三月 has one: it is just unreadable)
            written = _cn_date_digits(nfkc(start))
            no_year = (
                cy is None and re.search(r"月|[a-zA-Z]", written) and not re.search(r"(?<!\d)\d{4}(?!\d)", written)
            )
            errors.append(
                msg("date_unreadable_no_year" if no_year else "date_unreadable", field="start_date", value=show(start))
            )
        else:
            out["start_date"], out["date_precision"] = first.first, first.precision
            if range_end is not None:
                out["end_date"] = range_end.last
    elif cy is not None:
        out["start_date"], out["date_precision"] = dt.date(cy, 1, 1), "year"
    elif not errors:
        errors.append(msg("date_missing"))
    if nfkc(end):
        hint_year = cy or (out["start_date"].year if out["start_date"] else None)
        e, e2 = parse_date(end, hint_year)
        if e is None:
            errors.append(msg("date_unreadable", field="end_date", value=show(end)))
        else:
            out["end_date"] = (e2 or e).last
    out["campaign_year"] = cy if cy is not None else (out["start_date"].year if out["start_date"] else None)
    out["e_date"] = objects(errors)
    return out


# The one canonical way to write the date cells, read in SQL (`_typed_cells`) without `normalize_dates`.
_ISO_DATE = "[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}"


def _iso_date_sql(c: str) -> str:
    """SQL: cell `c` is a real day written YYYY-MM-DD (no space, no other digits: TRY_CAST alone reads ' 123-01-01')."""
    return f"(regexp_full_match({c}, '{_ISO_DATE}') AND TRY_CAST({c} AS DATE) IS NOT NULL)"


def canonical_dates_sql(start: str, year: str, end: str) -> tuple[str, dict[str, str]]:
    """SQL over the cells of `normalize_dates` (NULL when empty): (the cells are written canonically,
    {output: its value then}), the outputs equal to `normalize_dates`' (pinned by a property test).

    Canonical: start YYYY-MM-DD, a real day (or no start but a year); year YYYY, first digit 1-9 (or
    none); end YYYY-MM-DD, a real day (or none). The predicate may be NULL: callers coalesce it.
    """
    canonical = (
        f"(({year} IS NULL OR regexp_full_match({year}, '[1-9][0-9]{{3}}')) "
        f"AND (({start} IS NULL AND {year} IS NOT NULL) OR {_iso_date_sql(start)}) "
        f"AND ({end} IS NULL OR {_iso_date_sql(end)}))"
    )
    return canonical, {
        "start_date": f"coalesce(TRY_CAST({start} AS DATE), make_date(TRY_CAST({year} AS INTEGER), 1, 1))",
        "end_date": f"TRY_CAST({end} AS DATE)",
        "date_precision": f"CASE WHEN {start} IS NULL THEN 'year' ELSE 'day' END",
        "campaign_year": f"TRY_CAST(coalesce(TRY_CAST({year} AS INTEGER), year(TRY_CAST({start} AS DATE))) AS SMALLINT)",
        "e_date": "CAST(NULL AS VARCHAR)",
    }


# ----------------------------------------------------------------------------- counts
_UNIT_WORDS = {
    "people": ("people", "person", "persons", "人", "名", "位", "人数", "individuals"),
    "person_times": ("person_times", "person-times", "person times", "persontimes", "人次", "visits", "attendances"),
    "organizations": (
        "organizations",
        "organisations",
        "organization",
        "organisation",
        "orgs",
        "家",
        "家单位",
        "单位",
        "单位数",  # the unit's own label (domain/taxonomy.toml), as the exports write it
        "企业",
        "家企业",
        "家次",
        "companies",
        "enterprises",
    ),
}
_QUALIFIER_WORDS = {
    "exact": ("exact", "准确", "精确", "确切", "=", "exactly"),
    "approx": ("approx", "approx.", "approximately", "about", "around", "约", "近", "大约", "左右", "~", "≈", "估计"),
    "at_least": (
        "at_least",
        "at least",
        "至少",
        "以上",
        "多",
        "余",
        "≥",
        ">=",
        "more than",
        "over",
        "不少于",
        "逾",
        "超过",
    ),
}


def _lookup(words: dict[str, tuple[str, ...]], text: str | None) -> str | None:
    s = nfkc(text).lower()
    for code, names in words.items():
        if s in names or s.replace(" ", "_") == code:
            return code
    return None


MAX_COUNT = 2**62  # any count above validation's 10,000,000 limit is absurd; this keeps it within BIGINT


def parse_participants(text: str | None, unit: str | None = None, qualifier: str | None = None) -> dict:
    """Participants count, unit and qualifier from a cell (+ optional unit/qualifier cells).

    Explicit unit/qualifier cells win over what the count text says; a bare number with no unit
    anywhere counts people, exactly.

    Text with no number at all (不详, abc) leaves the count unknown with a warning (`w_part`): the
    activity happened, only its size is not known.

    Returns:
        {'participants', 'participants_unit', 'participants_qualifier', 'e_part', 'w_part'}; the
        error and the warning are JSON message objects (domain.messages.objects).
    """
    out = {
        "participants": None,
        "participants_unit": None,
        "participants_qualifier": None,
        "e_part": None,
        "w_part": None,
    }
    s = nfkc(text)
    u_given = _lookup(_UNIT_WORDS, unit) if nfkc(unit) else None
    q_given = _lookup(_QUALIFIER_WORDS, qualifier) if nfkc(qualifier) else None
    errors = []
    if nfkc(unit) and u_given is None:
        errors.append(msg("unit_unknown", value=show(unit)))
    if nfkc(qualifier) and q_given is None:
        errors.append(msg("qualifier_unknown", value=show(qualifier)))
    if not s:
        out["e_part"] = objects(errors)
        return out
    value, u, q = None, None, "exact"
    negative = s.startswith("-")
    c, refused = read_cell_count(s[1:].strip() if negative else s)
    numeric = re.search(r"\d|[一二三四五六七八九十百千万]", s)
    if refused:
        errors.append(msg(refused.code, **{**refused.params, "value": show(s)}))
    elif not numeric and (c is None or (c.kind == "other" and c.unit is None)):
        # No number at all (不详, abc, 很多): the activity happened, its size is not known. The row
        # loads with the count unknown, and the file's message says so.
        out["w_part"] = msg("count_unknown", value=show(s)).json()
    elif c is None or (c.kind == "other" and c.unit is None):
        errors.append(msg("count_unreadable", value=show(s)))  # digits that make no count
    elif c.kind == "activities":
        errors.append(msg("count_is_activities", value=show(s)))
    else:
        value, u, q = (-c.value if negative else c.value), c.unit, c.qualifier
    if value is not None and abs(value) > MAX_COUNT:
        # Beyond BIGINT: keep the row (and the reason) instead of failing the whole load.
        errors.append(msg("count_absurd_text", value=show(s), max="10,000,000"))
        value = None
    if value is not None:
        out["participants"] = int(value)
        out["participants_unit"] = u_given or u or "people"
        out["participants_qualifier"] = q_given or q or "exact"
    out["e_part"] = objects(errors)
    return out


def canonical_participants_sql(count: str, unit: str, qualifier: str) -> tuple[str, dict[str, str]]:
    """SQL over the cells of `parse_participants` (NULL when empty): (the cells are written canonically,
    {output: its value then}), the outputs equal to `parse_participants`' (pinned by a property test).

    Canonical: the count in ASCII digits (at most 15) or none; unit and qualifier each none or a code
    written as the code. The predicate may be NULL: callers coalesce it.
    """
    canonical = (
        f"(({count} IS NULL OR regexp_full_match({count}, '[0-9]{{1,15}}')) "
        f"AND ({unit} IS NULL OR {unit} IN ({_codes_as_written(_UNIT_WORDS)})) "
        f"AND ({qualifier} IS NULL OR {qualifier} IN ({_codes_as_written(_QUALIFIER_WORDS)})))"
    )
    return canonical, {
        "participants": f"TRY_CAST({count} AS BIGINT)",
        "participants_unit": f"CASE WHEN {count} IS NOT NULL THEN coalesce({unit}, 'people') END",
        "participants_qualifier": f"CASE WHEN {count} IS NOT NULL THEN coalesce({qualifier}, 'exact') END",
        "e_part": "CAST(NULL AS VARCHAR)",
        "w_part": "CAST(NULL AS VARCHAR)",
    }


def _codes_as_written(words: dict[str, tuple[str, ...]]) -> str:
    """SQL list of the codes a unit or qualifier cell may hold as written to be read as that code."""
    return ", ".join(quote_literal(code) for code in words if _lookup(words, code) == code)


# ----------------------------------------------------------------------------- regions
@functools.lru_cache(maxsize=1)
def _gazetteer():
    from domain.gazetteer import Gazetteer  # lazily: loading it costs ~0.5 s

    return Gazetteer.load()


def preload_gazetteer() -> None:
    """Load the gazetteer now (the pipeline does it in a thread while DuckDB parses a file)."""
    _gazetteer()


def resolve_region(
    region: str | None,
    province: str | None = None,
    city: str | None = None,
    district: str | None = None,
    gazetteer=None,
) -> dict:
    """Resolve the region cells of one row to adcodes and canonical names.

    `district` (or else `region`) is read within the context of `city`/`province` when those
    columns say where; without them within Shanghai (310000), which only breaks ties.

    Returns:
        The region columns of the record plus 'e_region' (None when resolved).
    """
    gaz = gazetteer or _gazetteer()
    out = dict.fromkeys(
        (
            "adcode",
            "province",
            "city",
            "district",
            "province_adcode",
            "city_adcode",
            "district_adcode",
            "region_level",
            "region_original",
            "e_region",
        )
    )
    texts = {
        k: nfkc(v) for k, v in (("province", province), ("city", city), ("district", district), ("region", region))
    }
    if not any(texts.values()):
        out["e_region"] = msg("region_empty").json()
        return out
    context = DEFAULT_WITHIN
    best = None
    for key in ("province", "city", "district", "region"):
        text = texts[key]
        if not text:
            continue
        res = gaz.resolve(text, within=context)
        if res is None:
            out["e_region"] = (
                msg("region_unknown", field=key, value=show(text))
                if context == DEFAULT_WITHIN
                else msg("region_unknown_within", field=key, value=show(text), within=context)
            ).json()
            return out
        # Containment is checked at province level: municipalities file their counties under a
        # second prefecture code (重庆市 500100 vs 500200), so city prefixes would refuse real rows.
        if best is not None and res.region.province_adcode != best.region.province_adcode:
            out["e_region"] = msg(
                "region_outside",
                field=key,
                value=text,
                name=res.region.name_zh,
                parent=best.original,
                parent_name=best.region.name_zh,
            ).json()
            return out
        if best is None or _depth(res.region.level) >= _depth(best.region.level):
            best = res
        context = res.region.adcode
    assert best is not None
    reg = best.region
    prov, cty, dist = gaz.lineage(reg.adcode)
    out.update(
        adcode=reg.adcode,
        region_level=reg.level,
        province=prov.name_zh if prov else None,
        province_adcode=prov.adcode if prov else None,
        city=cty.name_zh if cty else None,
        city_adcode=cty.adcode if cty else None,
        district=dist.name_zh if dist else None,
        district_adcode=dist.adcode if dist else None,
    )
    if best.former or nfkc(best.original) != reg.name_zh:
        out["region_original"] = best.original.strip()
    return out


def _depth(level: str) -> int:
    return {"province": 1, "city": 2, "district": 3}.get(level, 0)


# ----------------------------------------------------------------------------- column-wise driver
_TEXT_FIELDS = ("title", "theme", "organizer", "source_excerpt")
_STORED_TEXT = (*_TEXT_FIELDS, "record_id", "source")  # raw cells stored as written (trimmed)

# Grain of each mapping table: one row per distinct combination of its key columns. Outputs named
# e_* become the normalized relation's error columns (_e_*); the others are record columns.
_MAPPINGS: dict[str, tuple[tuple[str, ...], tuple[tuple[str, str], ...]]] = {
    "region": (
        ("region", "province", "city", "district"),
        (
            ("adcode", "VARCHAR"),  # (its names and level are read from `regions`: READ_TIME_COLUMNS)
            ("province_adcode", "VARCHAR"),
            ("city_adcode", "VARCHAR"),
            ("district_adcode", "VARCHAR"),
            ("region_original", "VARCHAR"),
            ("e_region", "VARCHAR"),
        ),
    ),
    "date": (
        ("start_date", "campaign_year", "end_date"),
        (
            ("start_date", "DATE"),
            ("end_date", "DATE"),
            ("date_precision", "VARCHAR"),
            ("campaign_year", "SMALLINT"),
            ("e_date", "VARCHAR"),
        ),
    ),
    "part": (
        PARTICIPANT_COLUMNS,
        (
            ("participants", "BIGINT"),
            ("participants_unit", "VARCHAR"),
            ("participants_qualifier", "VARCHAR"),
            ("e_part", "VARCHAR"),
            ("w_part", "VARCHAR"),
        ),
    ),
    "type": (("activity_type", "_type_title"), (("activity_type", "VARCHAR"), ("e_type", "VARCHAR"))),
    "org": (("organizer_type", "industry", "_org_name"), (("organizer_type", "VARCHAR"), ("industry", "VARCHAR"))),
    "campaign": (("campaign",), (("campaign", "VARCHAR"),)),
    "mode": (("mode",), (("mode", "VARCHAR"),)),
}


# Cells read in SQL where their text is written in the one canonical form, instead of through
# their mapping: dates and years (`canonical_dates_sql`, beside `normalize_dates`), counts
# (`canonical_participants_sql`, beside `parse_participants`), cells holding exactly a code (the
# codes `_map_row` gives back as written). For such a row the SQL gives exactly what `_map_row`
# gives (tests/etl/test_normalize.py: a property test per rule, and the whole view compared on cells
# written every other way); every other row goes through the mapping as before. On the bench's file
# this is 9 rows in 10 for dates and every row for counts: their keys (~10k dates, ~9k counts per 300k
# rows, many of them first met after the prefix) were hashed, looked up, and mapped late in Python,
# handing the GIL over in nearly every chunk. Session 17, one calm profiled pair at 10M: the INSERT
# 23.1 s / 43.1 CPU-s against 49.3 s / 56.2; session 18's calm bench pair at 10M: ETL 33.4 s / 59.7 CPU-s
# against 37.8 s / 68.2 (bench/results/etl-10m-s17.md, etl-10m-s18.md).
def _typed_cells(name: str, p: str = "") -> tuple[str, dict[str, str]] | None:
    """(SQL: the row's cells of mapping `name` are canonical, {output: SQL reading them}), or None.

    Over the source view's columns, prefixed by `p` ('s.'). The outputs use TRY_CAST
    although they are only read for canonical rows: an optimizer moving a cast out of its CASE
    must not fail the rows it was not meant for.
    """
    if name == "date":
        return canonical_dates_sql(*(f"{p}{c}" for c in _MAPPINGS["date"][0]))
    if name == "part":
        return canonical_participants_sql(*(f"{p}{c}" for c in PARTICIPANT_COLUMNS))
    if name in _CODE_CELLS:
        cells = _CODE_CELLS[name]
        canonical = " AND ".join(
            f"{p}{cell} IN ({', '.join(quote_literal(c) for c in _codes_read_as_written(name, out))})"
            for out, cell in cells.items()
        )
        outs = {out: f"{p}{cell}" for out, cell in cells.items()}
        return "(" + canonical + ")", {
            col: outs.get(col, "CAST(NULL AS VARCHAR)") for col, _ in _MAPPINGS[name][1]
        }  # the other outputs are errors: none for a code
    return None


# The code cells of the small mappings: a cell holding exactly one of its codes is read as that code.
_CODE_CELLS = {
    "type": {"activity_type": "activity_type"},
    "org": {"organizer_type": "organizer_type", "industry": "industry"},
    "campaign": {"campaign": "campaign"},
    "mode": {"mode": "mode"},
}


@functools.cache
def _codes_read_as_written(name: str, column: str) -> tuple[str, ...]:
    """The codes of `column` that mapping `name` gives back, without an error, for a cell holding just
    the code (the mapping's other code cells holding one of theirs, its other cells empty)."""
    keys, _ = _MAPPINGS[name]
    cells = _CODE_CELLS[name]
    first = {cell: FIELDS[out].codes[0] for out, cell in cells.items()}
    out = []
    for code in FIELDS[column].codes:
        key = tuple(code if k == cells[column] else first.get(k, "") for k in keys)
        m = _map_row(name, key)
        if m[column] == code and not any(v for c, v in m.items() if c.startswith("e_")):
            out.append(code)
    return tuple(out)


def blank_sql(column: str) -> str:
    """SQL: the cell is missing or whitespace only (`nullif(trim(c), '') IS NULL`), cheaply.

    trim() allocates a new string for every cell; a cell whose first character is printable
    ASCII other than a space (almost every code cell) cannot trim to nothing, so only the others
    pay for it. Same answer as the plain form for every cell.
    """
    return f"({column} IS NULL OR (NOT (ascii({column}) BETWEEN 33 AND 126) AND trim({column}) = ''))"


def _trimmed(c: str) -> str:
    return f"CASE WHEN starts_with({c}, ' ') OR ends_with({c}, ' ') THEN nullif(trim({c}), '') ELSE nullif({c}, '') END"


# Keys that depend on another column only when a cell is empty: titles are unique per row, so
# they are only looked at for rows without an activity type. `_key_title` and `_key_organizer`
# are the cells as written, trimmed here inside the CASE: only the rows whose key reads them pay.
_KEY_SQL = {
    "_type_title": f"CASE WHEN {blank_sql('activity_type')} THEN coalesce({_trimmed('_key_title')}, '') ELSE '' END",
    "_org_name": (
        f"CASE WHEN {blank_sql('organizer_type')} OR {blank_sql('industry')} "
        f"THEN coalesce({_trimmed('_key_organizer')}, '') ELSE '' END"
    ),
}
_KEY_TEXT = ("title", "organizer")  # stored text cells that are also read by a mapping key
# Words a cell may use for "this is a demo row"; the common spellings are tested before the
# lower(trim()) that every other cell needs.
_TRUE_WORDS = ("true", "1", "yes", "y", "t", "是")
_SYNTHETIC_SQL = (
    "CASE s.is_synthetic WHEN 'true' THEN TRUE WHEN 'false' THEN FALSE "
    f"ELSE coalesce(lower(trim(s.is_synthetic)) IN ({', '.join(quote_literal(w) for w in _TRUE_WORDS)}), FALSE) END"
)
CONTENT_HASH_SQL = content_hash_sql()
# Derived once at load so every query filters on plain columns (domain.record.STORED_FIELDS).
_DERIVED_SQL = (
    f"{CONTENT_HASH_SQL} AS content_hash, "
    "CAST(coalesce(year(start_date), campaign_year) AS SMALLINT) AS year, "
    "CAST(CASE WHEN date_precision IN ('day', 'month') THEN month(start_date) END AS TINYINT) AS month"
)


def _normalized_column(mapping_column: str) -> str:
    return "_" + mapping_column if mapping_column.startswith("e_") else mapping_column


def _typed(expr: str, column: str) -> str:
    """`expr` cast to the contract's type of a code column (an ENUM), so rows carry one-byte codes."""
    f = FIELDS.get(column)
    return f"CAST({expr} AS {f.type_sql})" if f is not None and f.codes is not None else expr


@dataclass
class Normalized:
    """The normalize stage's artifact: relation `name`, one row per raw row of `part`.

    Columns: ROW, LOC, domain.record.LOADED_COLUMNS, the ERRORS columns and the `extra`
    columns asked for (validate's REASON and DUP).

    Attributes:
        name: The view (or, once materialized, temp table).
        part: The raw rows it is read from (rejects carry their cells).
        materialized: False while `name` is a view computing rows where they are read.
        mapped: Mapping table -> {normalized column: its column there}. A mapping table has one
            row per distinct key, so a check over those columns can be evaluated per key.
        source_view: The raw cells under canonical input names, while `name` is a view.
        late: When the mapping tables hold only the keys of the part's first rows: what maps the
            others where the view is read (so the tables prove nothing about every row).
        typed: Mappings whose canonical cells are read in SQL (`_typed_cells`): their tables
            hold only the other rows' keys, so they prove nothing about every row either.
    """

    name: str
    part: RawTable
    materialized: bool
    mapped: dict[str, dict[str, str]] = field(default_factory=dict)
    source_view: str | None = None
    lookups: str | None = None
    late: LateKeys | None = None
    typed: tuple[str, ...] = ()

    def materialize(self, con: duckdb.DuckDBPyConnection) -> None:
        """Write the view's rows into a table of the same name (validation then UPDATEs it), drop what it read.

        A streamed raw part is written first (`RawTable.number`), so rows are read in parallel
        and carry their numbers.
        """
        if self.materialized:
            return
        self.part.number(con)
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {self.name}__rows AS SELECT * FROM {self.name}"  # noqa: S608
        )
        con.execute(f"DROP VIEW {self.name}")
        con.execute(f"ALTER TABLE {self.name}__rows RENAME TO {self.name}")
        self.drop_inputs(con)
        self.materialized = True

    def drop_inputs(self, con: duckdb.DuckDBPyConnection) -> None:
        """Drop what the view read besides the raw part: the source view, the lookups, the mapping tables."""
        if self.source_view:
            con.execute(f"DROP VIEW IF EXISTS {self.source_view}")
        if self.lookups:
            con.execute(f"DROP TABLE IF EXISTS {self.lookups}")
        for table in self.mapped:
            con.execute(f"DROP TABLE IF EXISTS {table}")
            con.execute(f"DROP TYPE IF EXISTS {table}_key")
        if self.late is not None:
            self.late.drop(con)
        self.source_view = self.lookups = None

    def ids_unique(self, con: duckdb.DuckDBPyConnection) -> bool:
        """Whether every row has its own non-empty record_id cell (so no row can be a duplicate).

        One hash aggregate over one raw column, much cheaper than settling duplicates over the
        normalized rows. Rows without a record_id cell derive ids from mapped values: False.
        """
        if "record_id" not in self.part.columns or self.source_view is None:
            return False
        n, ids, distinct = con.execute(
            f"SELECT count(*), count(record_id), count(DISTINCT record_id) FROM {self.source_view} "  # noqa: S608
            f"WHERE {SKIP} = 0"
        ).fetchall()[0]
        return n == ids == distinct


def mapping_table(part: RawTable, name: str) -> str:
    """The temp table `normalize_part` writes for mapping `name` of `part` (one row per distinct key)."""
    return f"{part.table}_m_{name}"


def _map_row(name: str, key: tuple[str, ...]) -> dict:
    k = [v or None for v in key]
    if name == "region":
        return resolve_region(k[0], k[1], k[2], k[3])
    if name == "date":
        return normalize_dates(k[0], k[1], k[2])
    if name == "part":
        return parse_participants(k[0], k[1], k[2])
    if name == "type":  # the title as written: control characters are removed here, as in the stored title
        code, err = map_activity_type(k[0], strip_controls(k[1]) if k[1] else k[1])
        return {"activity_type": code, "e_type": err}
    if name == "org":
        ot, ind = map_organizer(k[0], k[1], strip_controls(k[2]) if k[2] else k[2])
        return {"organizer_type": ot, "industry": ind}
    if name == "campaign":
        return {"campaign": (match_term("campaign", k[0]) or "other") if k[0] else "quality_month"}
    if name == "mode":
        return {"mode": map_mode(k[0])}
    raise ValueError(name)


def _excel_text(c: str) -> str:
    """SQL: a cell written in Excel's text-formula form ="000123" read as its text 000123.

    Our own CSV export writes an id of digits that way (`analytics.export.neutralise`: Excel would drop
    its leading zeros), and other systems' exports do too; a downloaded file uploaded again must key
    its records as they were, not as a new id `="000123"`.
    """
    return (
        f"CASE WHEN starts_with({c}, '=\"') AND ends_with({c}, '\"') AND length({c}) > 3 "
        f"THEN substr({c}, 3, length({c}) - 3) ELSE {c} END"
    )


def _unguarded(c: str) -> str:
    """SQL: a text cell a CSV export guarded against running as a formula ('=SUM(1) for =SUM(1), ``FORMULA_PREFIXES``;
    ''=x for a text '=x) read without that one apostrophe.

    Our CSV export writes such cells that way (`analytics.export.neutralise`), as other exports do; a download
    loaded again must hold its titles and organisers as they were, not behind a quote. The record id's key reads
    the cell as written (`_key_title`), so ids stay as they were.
    """
    after = ", ".join(quote_literal(p) for p in FORMULA_PREFIXES)
    return (
        f"CASE WHEN starts_with({c}, '''') AND substr(ltrim({c}, ''''), 1, 1) IN ({after}) "
        f"THEN substr({c}, 2) ELSE {c} END"
    )


def _source_view(con: duckdb.DuckDBPyConnection, part: RawTable, controls: bool) -> str:
    """A view of the raw cells under the canonical input names (NULL for a column the file lacks).

    With `controls`, control characters are removed from the stored text cells. The mapping keys
    read the title and organiser as written (`_key_title`, `_key_organizer`), so they are the
    same whether or not the control-character scan has finished (the mappers strip them).
    """
    src = f"{part.table}_src"
    proj = [ROW]
    for f in INPUT_NAMES:
        col = part.columns.get(f)
        if not col:
            proj.append(f"CAST(NULL AS VARCHAR) AS {f}")
        elif f in _STORED_TEXT:
            # trim() allocates a new string for every cell (it was ~40% of the pass at 1M rows):
            # only cells that start or end with a space pay for it.
            c = quote_ident(col)
            if f in _KEY_TEXT:
                proj.append(f"{c} AS _key_{f}")  # as written: trimmed in the key (`_KEY_SQL`)
            if controls:
                c = f"regexp_replace({c}, '{CONTROL_CHARS_RE}', '', 'g')"
            c = _unguarded(_trimmed(c))
            if f == "record_id":
                c = _excel_text(c)
            proj.append(f"{c} AS {f}")
        else:
            # Cells that are only mapped (regions, dates, codes...) are stripped in Python, once per
            # distinct value, so they join on the raw text.
            proj.append(f"{quote_ident(col)} AS {f}")
    for f in _KEY_TEXT:
        if not part.columns.get(f):
            proj.append(f"CAST(NULL AS VARCHAR) AS _key_{f}")
    proj.append(
        f"{quote_ident(part.problem_column)} AS {E_RAW}" if part.problem_column else f"CAST(NULL AS VARCHAR) AS {E_RAW}"
    )
    proj.append(f"{part.skip_sql()} AS {SKIP}")  # extract's verdict on the row: kept, blank, totals
    con.execute(f"CREATE OR REPLACE TEMP VIEW {src} AS SELECT {', '.join(proj)} FROM {part.table}")  # noqa: S608
    return src


@contextlib.contextmanager
def in_lists_inline(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Run statements with DuckDB's `in_clause` optimizer off: `x IN (a, b, ...)` stays an expression.

    The optimizer plans a long IN list of constants as a MARK join. A join is never pruned when
    no one reads its column, and it gives rows in no particular order; an expression is computed
    only where it is read (a CASE branch, a used column) and keeps the scan's order.
    """
    before = con.execute("SELECT current_setting('disabled_optimizers')").fetchall()[0][0]
    disabled = ",".join(x for x in [*str(before or "").split(","), "in_clause"] if x.strip())
    con.execute(f"SET disabled_optimizers = {quote_literal(disabled)}")
    try:
        yield
    finally:
        with contextlib.suppress(duckdb.Error):  # after a failed statement the caller rolls back
            con.execute(f"SET disabled_optimizers = {quote_literal(str(before or ''))}")


def _distinct_keys(
    con: duckdb.DuckDBPyConnection,
    src: str,
    kexprs: dict[str, list[str]],
    limit: int | None = None,
    typed: dict[str, str] | None = None,
) -> tuple[dict[str, list[tuple[str, ...]]], bool]:
    """Each mapping's distinct keys, from one scan of `src` (GROUPING SETS, one set per mapping).

    One scan matters for a streamed part: `src` then reads the file, and a DISTINCT per mapping
    would parse it seven times. A result row belongs to the set its GROUPING() says; the empty
    set counts the rows read.

    Args:
        typed: Mapping -> SQL telling a row whose cells of it are canonical (`_typed_cells`).
            When not every row was read, such rows' keys are left out: the view reads those
            cells in SQL. When every row was, every key is kept (the tables then prove every
            mapped value, `etl.validate._mappings_may_reject`).

    Returns:
        (keys per mapping, whether they are every key of `src`). With `limit` only the first
        `limit` rows are read (and one more, to tell whether there are more).
    """
    typed = typed or {}
    cols, sets, names = [], [], {}
    for name, exprs in kexprs.items():
        names[name] = [f"{name}_k{i}" for i in range(len(exprs))]
        cols += [f"{e} AS {n}" for e, n in zip(exprs, names[name], strict=True)]
        if name in typed:  # whether the key's cells are canonical: a function of the key, so no key is split
            names[name].append(f"{name}_t")
            cols.append(f"{typed[name]} AS {name}_t")
        sets.append("(" + ", ".join(names[name]) + ")")
    every = [n for ns in names.values() for n in ns]
    grouping = [f"grouping({ns[0]})" for ns in names.values()]
    rows_read = f"(SELECT * FROM {src} LIMIT {int(limit) + 1})" if limit is not None else src  # noqa: S608
    # With IN lists left as expressions, the scan computes only the keys: planned as joins, the
    # totals-row test of `src` (which no key reads) ran for every row all the same.
    with in_lists_inline(con):
        rows = con.execute(
            f"SELECT {', '.join(every)}, {', '.join(grouping)}, count(*) "  # noqa: S608
            f"FROM (SELECT {', '.join(cols)} FROM {rows_read}) "
            f"GROUP BY GROUPING SETS ({', '.join(sets)}, ())"
        ).fetchall()
    found: dict[str, list[tuple]] = {name: [] for name in kexprs}
    start = 0
    slices = {}
    for name, ns in names.items():
        slices[name] = (start, start + len(ns))
        start += len(ns)
    read = 0
    for row in rows:
        flags = row[len(every) : len(every) + len(names)]
        name = next((n for n, g in zip(names, flags, strict=True) if g == 0), None)
        if name is None:
            read = row[-1]
        else:
            found[name].append(tuple(row[slice(*slices[name])]))
    complete = limit is None or read <= limit
    out = {}
    for name, keys in found.items():
        if name in typed:
            keys = [k[:-1] for k in keys if complete or not k[-1]]
        out[name] = sorted(keys)  # a stable order: the same file gives the same tables
    return out, complete


def _write_mapping(con: duckdb.DuckDBPyConnection, table: str, name: str, distinct: list[tuple[str, ...]]) -> bool:
    """Map each distinct key of mapping `name` once in Python into `table`.

    Columns: `i` (the key's position), k0.. (the key cells), `key` (them joined by U+001F), then
    the mapping's outputs. A temp ENUM type `<table>_key` of the keys in position order turns a
    row's key into its position with one hash lookup (`_position_sql`).
    """
    keys, outs = _MAPPINGS[name]
    seen: set[str] = set()
    kept = []
    for row in distinct:  # keys that only differ by a U+001F inside a cell would collide: first wins
        key = KEY_SEP.join(row)
        if key not in seen:
            seen.add(key)
            kept.append(row)
    mapped = [_map_row(name, tuple(row)) for row in kept]
    columns = {"i": ("INTEGER", list(range(len(kept))))}
    columns.update({f"k{i}": ("VARCHAR", [row[i] for row in kept]) for i in range(len(keys))})
    columns["key"] = ("VARCHAR", [KEY_SEP.join(row) for row in kept])
    for col, typ in outs:
        columns[col] = (typ, [m[col] for m in mapped])
    rows, params = columns_select(columns)
    # Code columns become ENUMs here, once per key.
    cols = ["i", *(f"k{i}" for i in range(len(keys))), "key"] + [f"{_typed(col, col)} AS {col}" for col, _ in outs]
    con.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT {', '.join(cols)} FROM ({rows})", params)  # noqa: S608
    con.execute(f"DROP TYPE IF EXISTS {table}_key")
    con.execute(f"CREATE TEMP TYPE {table}_key AS ENUM (SELECT key FROM {table} ORDER BY i)")  # noqa: S608
    return len(kept) == len(distinct)


KEY_SEP = "\x1f"


def _key_sql(kexprs: list[str]) -> str:
    return kexprs[0] if len(kexprs) == 1 else "concat(" + ", chr(31), ".join(kexprs) + ")"


@dataclass(frozen=True)
class PerfectHash:
    """A minimal-cost perfect hash of a mapping's keys, computed in SQL with integer arithmetic.

    A row's key cells hash to `h = hash(k0, k1, ...)` (DuckDB's 64-bit hash, no string built);
    its bucket `h % buckets` holds a displacement `d`, and `((h >> 16) xor d) % slots` is a slot
    no other key of the mapping reaches; the slot holds the key's position + 1 and its hash. Built
    by "hash and displace" over the keys' hashes (largest buckets first, the smallest displacement
    that lands every key of a bucket on a free slot). A row's key is always one of the mapping's
    (the keys come from a scan of the same cells, `_distinct_keys`); the slot's hash is compared
    all the same, so a file changed between the two reads fails as the key ENUM's cast did.
    """

    buckets: int
    slots: int
    displacement: list[int]  # per bucket
    position: list[int]  # per slot: the key's position + 1 (0: no key)
    key_hash: list[int]  # per slot: the key's hash (0: no key)


def perfect_hash(hashes: Sequence[int]) -> PerfectHash | None:
    """The perfect hash of distinct 64-bit `hashes` (index = position), or None when two are equal."""
    n = len(hashes)
    if len(set(hashes)) != n:
        return None
    n_buckets = max(1, -(-n // 3))
    slots = 2 * n + 1  # half full: few displacements are tried per bucket
    buckets: list[list[int]] = [[] for _ in range(n_buckets)]
    for i, h in enumerate(hashes):
        buckets[h % n_buckets].append(i)
    position = [0] * slots
    key_hash = [0] * slots
    displacement = [0] * n_buckets
    for b in sorted(range(n_buckets), key=lambda b: -len(buckets[b])):
        items = buckets[b]
        if not items:
            break
        high = [hashes[i] >> 16 for i in items]
        d = 0
        while True:
            taken = [(g ^ d) % slots for g in high]
            if len(set(taken)) == len(taken) and not any(position[t] for t in taken):
                break
            d += 1
        displacement[b] = d
        for t, i in zip(taken, items, strict=True):
            position[t] = i + 1
            key_hash[t] = hashes[i]
    return PerfectHash(n_buckets, slots, displacement, position, key_hash)


def _slot_sql(name: str, ph: PerfectHash) -> str:
    """SQL: the 1-based slot of a row's key hash `_h_<name>` (the lookups' `<name>__d` displacements)."""
    h = f"_h_{name}"
    disp = f"list_extract({name}__d, CAST({h} % {ph.buckets} AS BIGINT) + 1)"
    return f"CAST(xor({h} >> 16, {disp}) % {ph.slots} AS BIGINT) + 1"


def _position_sql(name: str, table: str, ph: PerfectHash | None, kexprs: list[str], late: bool = False) -> str:
    """SQL: a row's 1-based key position in mapping `name` (its perfect hash, else its key ENUM).

    The perfect hash reads the row's `_h_<name>` and `_s_<name>` (`_slot_sql`) and the lookups'
    `<name>__p` and `<name>__h` lists. A key the mapping does not hold is an error, or NULL when
    the keys are `late` (read from the file's first rows only: `LateKeys` maps the others).
    """
    if ph is None:
        return f"CAST(enum_code({'TRY_CAST' if late else 'CAST'}({_key_sql(kexprs)} AS {table}_key)) AS BIGINT) + 1"
    slot = f"_s_{name}"
    missing = (
        "NULL"
        if late
        else f"error({quote_literal(f'a {name} key that is not among the keys read before (the file changed?)')})"
    )
    return (
        f"CASE WHEN list_extract({name}__h, {slot}) = _h_{name} THEN list_extract({name}__p, {slot}) ELSE {missing} END"
    )


def _perfect_hash_of(con: duckdb.DuckDBPyConnection, table: str, cells: int) -> PerfectHash | None:
    """The perfect hash of mapping `table`'s keys (its k0.. cells hashed as a row's key is)."""
    ks = ", ".join(f"k{i}" for i in range(cells))
    return perfect_hash([h for (h,) in con.execute(f"SELECT hash({ks}) FROM {table} ORDER BY i").fetchall()])  # noqa: S608


# A streamed file's keys are read from its first rows only: a second full parse of the file (to
# map every key before the one pass that writes the rows) cost ~12 CPU-s at 10M rows. The keys
# first met later are mapped by `LateKeys` where that pass meets them. The prefix is a trade: each
# row it reads is parsed twice, each key it misses costs ~1 µs per row it is met in. On the bench's
# 10M file, 250k rows against 1M: the keys statement 0.7-1.1 against 2.9-3.1 CPU-s, late rows 568k
# against 192k, the INSERT unchanged within noise; at 1M the run is unchanged (keys -0.6, INSERT
# +0.8 CPU-s). Measured in session 16 (bench/results/etl-10m-s16-bound.md).
PREFIX_ROWS = 250_000
# Up to this many late rows in one chunk, `LateKeys` maps them row by row in plain Python; more
# (a file whose keys change after its first rows) are keyed in Arrow, once per distinct key.
SPARSE_LATE_ROWS = 256

# The Arrow type of each mapping output type (`LateKeys` hands the outputs back as Arrow arrays).
_ARROW_TYPES = {"VARCHAR": pa.string(), "DATE": pa.date32(), "SMALLINT": pa.int16(), "BIGINT": pa.int64()}
# DuckDB reads a Python function's parameters from its signature: one wrapper per key width.
_ARITY = {
    1: lambda f: lambda a: f((a,)),
    2: lambda f: lambda a, b: f((a, b)),
    3: lambda f: lambda a, b, c: f((a, b, c)),
    4: lambda f: lambda a, b, c, d: f((a, b, c, d)),
}


@dataclass
class LateKeys:
    """Maps the keys a part's first rows did not hold, in the statement that reads its view.

    A row whose key is not in its mapping table (`_position_sql` gives NULL) is handed, with the
    other such rows of its chunk, to the mapping's vectorized (Arrow) Python function
    `<part table>_late_<mapping>`. The function finds the chunk's distinct keys (in Arrow, not row
    by row; up to SPARSE_LATE_ROWS rows by plain lookups), maps each key exactly as `_write_mapping`
    does (`_map_row`, once per key over the whole run; the outputs cast to the same types in SQL) and
    spreads the outputs back over the rows. So
    Python's work is per distinct key, as with a full keys scan, plus a small cost per chunk: there
    is no budget to run out of and nothing to read again, however late or however many the keys.
    """

    rows: int = 0  # rows handed to the functions
    functions: list[str] = field(default_factory=list)
    keys: dict[str, dict[tuple[str, ...], tuple]] = field(default_factory=dict)  # mapping -> key -> outputs

    def register(self, con: duckdb.DuckDBPyConnection, part: RawTable, name: str) -> str:
        """Create mapping `name`'s function for `part` on `con`; returns its SQL name."""
        keys, outs = _MAPPINGS[name]
        mapped = self.keys.setdefault(name, {})
        struct = pa.struct([(col, _ARROW_TYPES[typ]) for col, typ in outs])

        def outputs(key: tuple[str, ...]) -> tuple:
            out = mapped.get(key)
            if out is None:
                m = _map_row(name, key)
                out = mapped[key] = tuple(m[col] for col, _ in outs)
            return out

        def late(chunked: tuple[pa.ChunkedArray, ...]) -> pa.Array:
            if len(chunked[0]) <= SPARSE_LATE_ROWS:
                # A few late rows (a long tail of dates or counts): plain Python holds the GIL once
                # per call, where each Arrow kernel below releases and takes it back, and with the
                # other DuckDB thread calling too every hand-over waits.
                cells = [c.to_pylist() for c in chunked]
                self.rows += len(cells[0])
                values = [outputs(k) for k in zip(*cells, strict=True)]
                columns = [pa.array([v[j] for v in values], type=struct.field(j).type) for j in range(len(outs))]
                return pa.StructArray.from_arrays(columns, fields=list(struct))
            cells = [c.combine_chunks() for c in chunked]
            self.rows += len(cells[0])
            joined = cells[0] if len(cells) == 1 else pc.binary_join_element_wise(*cells, KEY_SEP)
            codes = joined.dictionary_encode()
            distinct = [tuple(k.split(KEY_SEP)) for k in codes.dictionary.to_pylist()]
            take: pa.Array | None = codes.indices
            if any(len(k) != len(cells) for k in distinct):  # a cell holds U+001F itself: key by the cells
                distinct, take = list(zip(*(c.to_pylist() for c in cells), strict=True)), None
            values = [outputs(k) for k in distinct]
            columns = [pa.array([v[j] for v in values], type=struct.field(j).type) for j in range(len(outs))]
            if take is not None:
                columns = [c.take(take) for c in columns]
            return pa.StructArray.from_arrays(columns, fields=list(struct))

        fn = f"{part.table}_late_{name}"
        with contextlib.suppress(duckdb.Error):  # a part normalized again
            con.remove_function(fn)
        sql_struct = "STRUCT(" + ", ".join(f"{col} {typ}" for col, typ in outs) + ")"
        con.create_function(
            fn,
            _ARITY[len(keys)](late),
            ["VARCHAR"] * len(keys),
            sql_struct,
            type="arrow",
            null_handling="special",
            side_effects=False,
        )
        self.functions.append(fn)
        return fn

    def drop(self, con: duckdb.DuckDBPyConnection) -> None:
        """Remove the functions from `con` and forget the keys they mapped."""
        for fn in self.functions:
            with contextlib.suppress(duckdb.Error):
                con.remove_function(fn)
        self.functions = []
        self.keys = {}


def _extra_sql(extra: dict[str, str] | None) -> str:
    return "".join(f", {expr} AS {name}" for name, expr in (extra or {}).items())


def normalize_part(
    con: duckdb.DuckDBPyConnection,
    part: RawTable,
    file_name: str,
    out: str,
    synthetic: bool = False,
    extra: dict[str, str] | None = None,
    every_key: bool = False,
    path: str | None = None,
) -> Normalized:
    """Normalize one raw table into the view `out` (one row per raw row).

    Nothing row-sized is written here: each mapping's distinct keys are mapped once into a small
    table, and `out` is a view joining them to the raw cells. Validation decides whether to
    materialize it (`Normalized.materialize`) or let the load read it directly.

    Args:
        con: The run's DuckDB connection.
        part: The raw table and its column mapping (extract's artifact).
        file_name: The source file's base name (used in ids, `source`, locators).
        out: Name of the view to create.
        synthetic: Mark every row is_synthetic (the demo source).
        extra: More columns, name -> SQL over the normalized columns (validate's REASON and DUP),
            computed in the same pass so the rows are written at most once.
        every_key: Read every key before mapping. Otherwise a streamed part's keys are read from
            its first PREFIX_ROWS rows and the others mapped where they are met (`LateKeys`).
        path: The file's identity (`source_path`, etl.pipeline.Source.key); None: no file's.

    Returns:
        The artifact naming `out`, its raw part and its mapping tables.
    """
    src = _source_view(con, part, controls=False)
    lookups = f"{part.table}_lookups"
    hashes = []
    slots = []
    positions = []
    lists = []
    params: dict[str, list[int]] = {}
    selects: dict[str, str] = {}
    mapped: dict[str, dict[str, str]] = {}
    key_exprs = {name: [_KEY_SQL.get(k, f"coalesce({k}, '')") for k in keys] for name, (keys, _) in _MAPPINGS.items()}
    # A streamed part longer than the prefix reads its canonical cells in SQL (`_typed_cells`).
    typed = {} if every_key or not part.streamed else {n: t for n in _MAPPINGS if (t := _typed_cells(n)) is not None}
    typed = {n: (f"coalesce({canonical}, FALSE)", outs) for n, (canonical, outs) in typed.items()}  # never NULL
    distinct, complete = _distinct_keys(
        con,
        src,
        key_exprs,
        limit=None if every_key or not part.streamed else PREFIX_ROWS,
        typed={n: canonical for n, (canonical, _) in typed.items()},
    )
    if complete:  # every key is in the tables, which then prove every mapped value clean or not
        typed = {}
    late = None if complete else LateKeys()
    lates = []
    for name, (_keys, outs) in _MAPPINGS.items():
        kexprs = key_exprs[name]
        table = mapping_table(part, name)
        every_key = _write_mapping(con, table, name, distinct[name])
        # No join: a hash join gives its rows in no particular order, and a first load numbers
        # rows by their order (etl.validate). A key's position comes from hashing its cells (a
        # perfect hash of the mapping's keys; its ENUM when two keys' hashes meet or two keys
        # were folded into one) and each output from a list in the one-row lookups table, whose
        # cross product keeps the scan's order.
        ph = _perfect_hash_of(con, table, len(kexprs)) if every_key else None
        if ph is not None:
            h = f"hash({', '.join(kexprs)})"
            hashes.append(f"{f'CASE WHEN _t_{name} THEN NULL ELSE {h} END' if name in typed else h} AS _h_{name}")
            slots.append(f"{_slot_sql(name, ph)} AS _s_{name}")
            for suffix, values in (("d", ph.displacement), ("p", ph.position), ("h", ph.key_hash)):
                lists.append(
                    f"CAST(${name}__{suffix} AS {'INTEGER' if suffix == 'p' else 'UBIGINT'}[]) AS {name}__{suffix}"
                )
                params[f"{name}__{suffix}"] = values
        position = _position_sql(name, table, ph, kexprs, late=late is not None)
        if name in typed:  # no key: its outputs are read from the cells
            position = f"CASE WHEN _t_{name} THEN NULL ELSE {position} END"
        positions.append(f"{position} AS _i_{name}")
        if late is not None:
            fn = late.register(con, part, name)
            unmapped = f"_i_{name} IS NULL" + (f" AND NOT _t_{name}" if name in typed else "")
            lates.append(f"CASE WHEN {unmapped} THEN {fn}({', '.join(kexprs)}) END AS _x_{name}")
        mapped[table] = {_normalized_column(col): col for col, _ in outs}
        cells = _typed_cells(name, "s.")[1] if name in typed else {}
        for col, _ in outs:
            lists.append(f"(SELECT list({col} ORDER BY i) FROM {table}) AS {name}__{col}")  # noqa: S608
            known = f"list_extract(s.{name}__{col}, s._i_{name})"
            if late is not None:
                known = (
                    f"CASE WHEN s._i_{name} IS NULL THEN "
                    f"{_typed(f'struct_extract(s._x_{name}, {quote_literal(col)})', col)} ELSE {known} END"
                )
            if cells:
                known = f"CASE WHEN s._t_{name} THEN {_typed(cells[col], col)} ELSE {known} END"
            selects[_normalized_column(col)] = known
    con.execute(f"CREATE OR REPLACE TEMP TABLE {lookups} AS SELECT {', '.join(lists)}", params)
    if part.has_controls():  # known by now: the scan ran while the keys were read
        _source_view(con, part, controls=True)
    file_lit = quote_literal(file_name)
    loc = f"{quote_literal(part.loc_prefix)} || s.{ROW}"
    # Which rows' cells of a typed mapping are canonical: computed once, read by its key hash,
    # position, late function and outputs.
    canonical = (
        f"(SELECT *, {', '.join(f'{t} AS _t_{n}' for n, (t, _) in typed.items())} FROM {src})" if typed else src  # noqa: S608
    )
    rid = record_id_sql(
        source=file_lit, adcode=selects["adcode"], start=selects["start_date"], title="s.title", organizer="s.organizer"
    )
    synth = "TRUE" if synthetic else _SYNTHETIC_SQL
    cols = {
        **{c: f"s.{c}" for c in _TEXT_FIELDS},
        **{c: selects[c] for c in STORED_RECORD_COLUMNS if c in selects},
        "record_id": f"coalesce(s.record_id, {rid})",
        "source": f"coalesce(s.source, {file_lit})",
        "source_locator": quote_literal(f"{file_name} {part.loc_prefix}"),  # domain.record.locator_sql
        "source_row": f"CAST(s.{ROW} AS INTEGER)",
        "sources": (
            f"CASE WHEN s.source IS NULL OR s.source = {file_lit} THEN [{file_lit}] ELSE [s.source, {file_lit}] END"
        ),
        "is_synthetic": synth,
    }
    missing = set(STORED_RECORD_COLUMNS) - set(cols)
    if missing:  # pragma: no cover - a contract edit without a mapping
        raise AssertionError(f"normalize_part produces no {sorted(missing)}")
    inner = ", ".join(f"{cols[c]} AS {c}" for c in STORED_RECORD_COLUMNS)
    errs = ", ".join(
        [f"{selects[e]} AS {e}" for e in ERRORS if e in selects] + [f"s.{E_RAW}"] + [f"{selects['w_part']} AS {W_PART}"]
    )
    con.execute(
        f"CREATE OR REPLACE TEMP VIEW {out} AS SELECT *, {_DERIVED_SQL}{_extra_sql(extra)} "  # noqa: S608
        f"FROM (SELECT s.{ROW}, {loc} AS {LOC}, {inner}, {_path_sql(path)} AS source_path, {errs}, s.{SKIP} "
        f"FROM (SELECT *{''.join(', ' + x for x in lates)} FROM (SELECT *, {', '.join(positions)} "
        f"FROM (SELECT *{''.join(', ' + x for x in slots)} "
        f"FROM (SELECT *{''.join(', ' + h for h in hashes)} FROM {canonical}) CROSS JOIN {lookups}))) s)"
    )
    return Normalized(
        out, part, materialized=False, mapped=mapped, source_view=src, lookups=lookups, late=late, typed=tuple(typed)
    )


def _path_sql(path: str | None) -> str:
    """The `source_path` of a part's rows, as SQL (domain.record: not part of the record, set per file)."""
    return quote_literal(path) if path is not None else "CAST(NULL AS VARCHAR)"


def _records_arrow(records: Sequence[ActivityRecord]) -> pa.Table:
    rows = [r.to_row() for r in records]
    types = {
        "campaign_year": pa.int16(),
        "start_date": pa.date32(),
        "end_date": pa.date32(),
        "participants": pa.int64(),
        "sources": pa.list_(pa.string()),
        "is_synthetic": pa.bool_(),
        "source_row": pa.int32(),
    }
    cols = {c: pa.array([row[i] for row in rows], types.get(c, pa.string())) for i, c in enumerate(RECORD_COLUMNS)}
    cols[ROW] = pa.array(range(1, len(rows) + 1), pa.int64())
    return pa.table(cols)


def normalize_records(
    con: duckdb.DuckDBPyConnection, records: Sequence[ActivityRecord], out: str, extra: dict[str, str] | None = None
) -> Normalized:
    """Normalize records already typed in Python (bulletins) into the table `out`.

    Same columns as `normalize_part`. The records' own values are kept; the error columns are
    NULL (a record without a region loads: the bulletin did not say where), and the raw part
    `<out>_raw` holds the records as read, for the rejects' raw JSON.
    """
    raw = f"{out}_raw"
    con.register(f"{raw}_arrow", _records_arrow(records))
    try:
        con.execute(f"CREATE OR REPLACE TEMP TABLE {raw} AS SELECT * FROM {raw}_arrow")  # noqa: S608
    finally:
        con.unregister(f"{raw}_arrow")
    inner = ", ".join(f"{_typed(c, c)} AS {c}" for c in STORED_RECORD_COLUMNS)
    errs = ", ".join(f"CAST(NULL AS VARCHAR) AS {e}" for e in (*ERRORS, W_PART))
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {out} AS SELECT *, {_DERIVED_SQL}{_extra_sql(extra)} FROM ("  # noqa: S608
        f"SELECT {ROW}, coalesce(source_locator, 'record ' || {ROW}) AS {LOC}, {inner}, {_path_sql(None)} AS source_path, "
        f"{errs} FROM {raw})"
    )
    part = RawTable(raw, {}, list(RECORD_COLUMNS), "record ", rows=len(records))
    return Normalized(out, part, materialized=True)
