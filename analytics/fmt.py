"""Number formatting for the counting rules (qualified totals, not reported, deltas).

Pure functions, no pandas or streamlit, so pages, charts and exports agree.
"""

from __future__ import annotations

import math

from analytics.i18n import code_label, locator_text, norm_lang, t
from domain.uploads import shown_name

QUALIFIER_RANK = {"exact": 0, "at_least": 1, "approx": 2}


def combine_qualifiers(qualifiers) -> str:
    """Qualifier of a sum of counts.

    Any estimate makes the sum an estimate; otherwise any lower bound makes it a
    lower bound. ``approx`` wins over ``at_least`` because "≥" would promise a
    floor that an estimated term cannot guarantee. Missing qualifiers count as exact.
    """
    best = "exact"
    for q in qualifiers:
        q = q or "exact"
        if QUALIFIER_RANK.get(q, 0) > QUALIFIER_RANK[best]:
            best = q
    return best


def _is_missing(value) -> bool:
    if value is None:
        return True
    try:
        return math.isnan(value)
    except TypeError:
        # pandas.NA and friends raise on isnan; they are missing too
        return str(value) in ("<NA>", "NaT")


_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _ymd(value) -> tuple[int, int, int] | None:
    """(year, month, day) of a date, datetime, pandas Timestamp or ISO text; None when there is no date."""
    if isinstance(value, str):
        if not value:
            return None
        y, m, d = (int(p) for p in value[:10].split("-"))
        return y, m, d
    if value is None or _is_missing(value):
        return None
    return value.year, value.month, value.day


def date_text(value, precision: str | None, lang: str) -> str:
    """A date as precisely as it is known: 2022年9月12日 / 2022年9月 / 2022年 (en: 12 Sep 2022 / Sep 2022 / 2022).

    The warehouse stores the first day a month or a year can mean (2022-09-01, 2022-01-01) with
    its precision; showing that day would claim a date nobody reported. '' when there is no date.

    Args:
        value: a date, datetime, pandas Timestamp or ISO text.
        precision: day / month / year (None or unknown = day).
    """
    ymd = _ymd(value)
    if ymd is None:
        return ""
    y, m, d = ymd
    zh = norm_lang(lang) != "en"
    if precision == "year":
        return f"{y}年" if zh else str(y)
    if precision == "month":
        return f"{y}年{m}月" if zh else f"{_MONTHS_EN[m - 1]} {y}"
    return f"{y}年{m}月{d}日" if zh else f"{d} {_MONTHS_EN[m - 1]} {y}"


def iso_date_text(value, precision: str | None) -> str:
    """The same date for tools, ISO 8601 at its precision: 2022-09-12 / 2022-09 / 2022 ('' when there is none).

    Sorts as text in date order (2022-09 < 2022-09-12 < 2022-10) and parses, unlike 2022年9月12日."""
    ymd = _ymd(value)
    if ymd is None:
        return ""
    y, m, d = ymd
    if precision == "year":
        return f"{y:04d}"
    if precision == "month":
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


def fmt_int(value) -> str:
    """12300 -> '12,300'."""
    return f"{int(round(float(value))):,}"


def fmt_total(value, qualifier: str | None, lang: str) -> str:
    """A (possibly qualified) total: '12,300', '≥ 12,300', '≈ 12,300' / '约 12,300'.

    Args:
        value: the sum; None/NaN means nothing was reported.
        qualifier: exact / approx / at_least (None = exact).
        lang: zh or en (only approx differs: 约 vs ≈).
    """
    if _is_missing(value):
        return t("not_reported", lang)
    num = fmt_int(value)
    if qualifier == "at_least":
        return f"≥ {num}"
    if qualifier == "approx":
        return f"约 {num}" if norm_lang(lang) == "zh" else f"≈ {num}"
    return num


def fmt_count(value, lang: str) -> str:
    """A count of activities/districts: None/NaN is 'not reported', never 0."""
    return t("not_reported", lang) if _is_missing(value) else fmt_int(value)


def pct_change(current, previous) -> float | None:
    """Relative change in percent; None when there is no base to compare with."""
    if _is_missing(current) or _is_missing(previous) or not previous:
        return None
    return (float(current) - float(previous)) / float(previous) * 100.0


NO_CHANGE = "0%"


def fmt_pct(change: float | None) -> str:
    """'+12.5%' / '-3.0%' / '0%' (a change that rounds to none: no sign, as the KPI cards show it) / '' (no
    comparison)."""
    if change is None:
        return ""
    if round(change, 1) == 0:
        return NO_CHANGE
    return f"{change:+.1f}%"


SHANGHAI_OFFSET_HOURS = 8  # Asia/Shanghai has kept UTC+8 without daylight saving since 1991


def local_time(value) -> str:
    """A UTC instant as Shanghai local time: '2026-11-22 10:58 (UTC+8)'; '' when missing.

    The warehouse stores UTC (``...Z`` strings in meta, naive UTC timestamps in etl_runs), so a
    value without an offset is read as UTC. A fixed +8 h rather than a zoneinfo lookup: servers
    on closed networks often lack the tz database, and Shanghai has no daylight saving.

    Args:
        value: ISO-8601 text (with or without 'Z'/offset), datetime, pandas Timestamp, or None.
    """
    if _is_missing(value) or value == "":
        return ""
    import datetime as dt  # keeps the module import light for the UI

    if isinstance(value, str):
        text = value.strip()
        try:
            moment = dt.datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith("Z") else text)
        except ValueError:
            return text  # not a timestamp: show it as written rather than hide it
    elif isinstance(value, dt.datetime):
        moment = value
    else:
        to_py = getattr(value, "to_pydatetime", None)
        if to_py is None:
            return str(value)
        moment = to_py()
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    local = moment.astimezone(dt.timezone(dt.timedelta(hours=SHANGHAI_OFFSET_HOURS)))
    return f"{local:%Y-%m-%d %H:%M} (UTC+8)"


def text_or_empty(value) -> str:
    """A cell's text, '' for None/NaN/NA (never the word 'None')."""
    return "" if _is_missing(value) else str(value)


def split_source(source) -> tuple[str, str]:
    """(file name, folder) of a source path such as 'seeds/004_x.txt' -> ('004_x.txt', 'seeds').

    Both '/' and '\\' separate folders (uploads may come from Windows paths); '' when missing. An
    upload's file name is the name it was uploaded as, without its scope prefix (``domain.uploads``).
    """
    text = text_or_empty(source).replace("\\", "/").rstrip("/")
    if "/" not in text:
        return shown_name(text), ""
    folder, name = text.rsplit("/", 1)
    return shown_name(name), folder


def shown_source(source) -> str:
    """A source path as a person reads it: its folder kept, an upload's scope prefix taken off."""
    name, folder = split_source(source)
    return f"{folder}/{name}" if folder else name


# Sources that are no file: the demo generator's rows and the bulletin reader's merged records.
SPECIAL_SOURCES = ("demo", "bulletins")


def source_label(source, lang: str, folder: bool = False) -> str:
    """A source as a reader names it in `lang`: the file name ('004_x.txt'; with `folder`, 'seeds/004_x.txt'),
    or for a source that is no file its words ('演示数据（生成）', 'demo data (generated)'), never the code 'demo'."""
    name, where = split_source(source)
    if name in SPECIAL_SOURCES:
        return code_label("source", name, lang)
    return f"{where}/{name}" if folder and where else name


def locator_label(locator, lang: str) -> str:
    """Where in a source, in `lang`: 'a.csv row 3' -> 'a.csv 第 3 行'; 'demo row 7' -> '演示数据（生成） 第 7 行'."""
    text = locator_text(locator, lang)
    head, sep, rest = text.partition(" ")
    return f"{code_label('source', head, lang)} {rest}" if sep and head in SPECIAL_SOURCES else text


def file_stem(text: str, fallback: str = "download") -> str:
    """`text` as a file name that every system accepts: characters unsafe in file names (and curly quotes) removed."""
    return "".join(ch for ch in text if ch not in '\\/:*?"<>|“”' and ch >= " ").strip() or fallback
