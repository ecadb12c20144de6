"""Dates in bulletin text: 9月4日, 2022年9月, 9 月 9日, 3月11日至14日, September 12th, May 31, 2023,
"on Wednesday", 近日 / recently, and datelines (发布时间:2017-07-27, Updated: 2023-06-07).

Grain: one `DateMention` per date expression; the year may be missing, and is filled in by the
extractor from the dateline or the context (never from today's date).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from domain import numbers
from domain.taxonomy import CAMPAIGN_MONTH

from . import rules
from .lexicon import chars, one_of, words

if TYPE_CHECKING:
    from .document import DocContext

MONTHS = {
    m: i
    for i, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for m in names
}
_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
    "周一": 0,
    "周二": 1,
    "周三": 2,
    "周四": 3,
    "周五": 4,
    "周六": 5,
    "周日": 6,
    "周天": 6,
    "星期一": 0,
    "星期二": 1,
    "星期三": 2,
    "星期四": 3,
    "星期五": 4,
    "星期六": 5,
    "星期日": 6,
    "星期天": 6,
}

# 2021年度报告 is about the year before; a month-long campaign named after 年度 is that year's: 2021年度“质量月”,
# 2024年度教风建设月开幕式 (not a monthly report or a part of the year: 月报, 月刊, 月份, 月底).
YEAR_ZH = re.compile(
    r"(?<!\d)((?:19|20)\d\d)\s*年(?!度(?![“\"]?[\u4e00-\u9fff]{0,10}?月(?![" + chars("month_word", "zh_after") + "])))"
)
YEAR_ANY = re.compile(r"(?<![\d/-])((?:19|20)\d\d)(?![\d/-])(?!\s*年度)")
# 2013年度全市建筑工程质量观摩会: the edition of a yearly gathering is held in its year (unlike 2021年度…
# 质量技术奖颁奖, an award for the year before, or a 2021年度报告 / 名单 / 评价 about it).
# So is one written bare at the head of the gathering's name (2014中国质量万里行出征仪式, 2019中国品牌日活动), not a
# count (2000余人, 2000份).
_EDITION_YEAR = re.compile(
    r"(?:(?<!\d)((?:19|20)\d\d)\s*年度|(?<![\d/\-.])((?:19|20)\d\d)(?=[“\"]?[\u4e00-\u9fff])"
    r"(?![" + chars("count_word", "zh") + "]))"
    r"(?![^,。;]{0,24}?" + one_of("about_the_year", "zh") + ")"
    r"(?=[^,。;]{0,24}?" + one_of("edition", "zh") + ")"
)


def years_written(sentence: str, lang: str = "zh") -> list[int]:
    """The years a sentence writes, in order: 2025年 (not 2021年度, a report's year), an edition's
    2013年度…观摩会, and in English a bare 2025."""
    if lang == "en":
        return [int(m.group(1)) for m in YEAR_ANY.finditer(sentence)]
    found = [(m.start(), int(m.group(1))) for m in YEAR_ZH.finditer(sentence)]
    found += [(m.start(), int(m.group(1) or m.group(2))) for m in _EDITION_YEAR.finditer(sentence)]
    return [y for _, y in sorted(found)]


_NUM = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"


@dataclass(frozen=True)
class DateMention:
    """A date expression as written.

    Attributes:
        start, end: Span in the text it was found in.
        year, month, day: What the text states (year and day may be None).
        end_year, end_month, end_day: The end of a range, when one is stated.
        relative: ``weekday:N`` (on Wednesday), ``recent`` (近日, recently), ``today``,
            ``yesterday``, ``daybefore`` (前天), ``day:N`` (昨(5)日, 8日至9日), ``lastmonth:N``, or None for an absolute date.
    """

    start: int
    end: int
    year: int | None
    month: int | None
    day: int | None
    end_year: int | None = None
    end_month: int | None = None
    end_day: int | None = None
    relative: str | None = None


# 2021 or 二〇二一 (a year written in Chinese digits)
_YEAR = r"(?:19|20)\d\d|[一二][〇零○一二三四五六七八九]{3}"
_CN_DIGITS = str.maketrans("〇零○一二三四五六七八九", "000123456789")
# 9月12日至14日, and 9月12-14日 with one 日 for both days; 9-10月 / 9至10月, a range of months with one 月.
_ZH_DATE = re.compile(
    rf"(?:(?P<y>{_YEAR})\s*年\s*)?(?P<m>{_NUM})\s*(?:(?:至|到|-|—|–|~|～)\s*(?P<mm>{_NUM})\s*)?月\s*"
    rf"(?:(?P<d>{_NUM})\s*(?:[日号]|(?=(?:至|到|-|—|–|~|～)\s*{_NUM}\s*[日号])))?"
    rf"(?:\s*(?:至|到|-|—|–|~|～)\s*(?:(?P<y2>{_YEAR})\s*年\s*)?(?:(?P<m2>{_NUM})\s*月\s*)?"
    rf"(?P<d2>{_NUM})\s*[日号])?"
)
_ISO_DATE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)")
_EN_MD = re.compile(
    rf"\b(?P<mon>{_MONTH_RE})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b"
    rf"(?:\s*(?:to|-|–|—|through|until)\s*(?:(?P<mon2>{_MONTH_RE})\.?\s+)?(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b)?"
    rf"(?:,?\s*(?P<y>(?:19|20)\d\d)\b)?",
    re.IGNORECASE,
)
_EN_DM = re.compile(
    rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MONTH_RE})\b\.?(?:,?\s*(?P<y>(?:19|20)\d\d)\b)?",
    re.IGNORECASE,
)
# "11th to 15th September 2023", "12-14 June 2022", "between the 11th and 15th of September 2022":
# a day range before the month.
_EN_DDM = re.compile(
    rf"\b(?:(?:between|from)\s+)?(?:the\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:to|-|–|—|through|until|and)\s*"
    rf"(?:the\s+)?(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?"
    rf"(?P<mon>{_MONTH_RE})\b\.?(?:,?\s*(?P<y>(?:19|20)\d\d)\b)?",
    re.IGNORECASE,
)
# US numeric dates in English text: 9/8/2023 is 8 September (month first), with a four-digit year;
# one whose first number cannot be a month (15/09/2021) is day first.
_US_DATE = re.compile(r"(?<![\d/])(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>(?:19|20)\d\d)(?![\d/])")
# 14.09.2021: a day-first date with dots, two-digit day and month and a four-digit year (English text).
_DOT_DMY = re.compile(r"(?<![\d.])(?P<d>[0-3]\d)\.(?P<m>[01]\d)\.(?P<y>(?:19|20)\d\d)(?![\d.])")


def _dot_dmy(m: re.Match, text: str) -> DateMention | None:
    d, mo = int(m.group("d")), int(m.group("m"))
    return DateMention(m.start(), m.end(), int(m.group("y")), mo, d) if 1 <= mo <= 12 and 1 <= d <= 31 else None


# 9.15上午 / 9.15(周四): a WeChat post's month and day written with a dot, read only before a time of
# day or a weekday (9.15亿, 3.5% are numbers).
_DOT_MD = re.compile(
    r"(?<![\d.])(?P<m>1[0-2]|0?[1-9])\.(?P<d>[0-3]?\d)(?![\d.%])"
    r"(?=\s*(?:上午|下午|晚上|晚|早上|中午|当天|[(（]\s*(?:周|星期)))"
)
_EN_MY = re.compile(rf"\b(?:in\s+)?(?P<mon>{_MONTH_RE})\s*(?:of\s+)?,?\s*(?P<y>(?:19|20)\d\d)\b", re.IGNORECASE)
_RELATIVE = re.compile(
    r"(?:昨|今|前)\s*\(\s*\d{1,2}\s*\)\s*日|(?:本|上)月\s*(?:[1-3]?\d|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*[日号]|"
    # 本月初 / 上月中旬 / 本月底: a part of the date line's month (or the month before)
    r"(?:本|上)月\s*(?:初|上旬|中旬|下旬|底|末)|"
    # 活动3日在南京启动: a bare day of the story's month (never 第3日, 5日内)
    # 8日至9日 / 8—9日: a bare range of days, read from its first
    r"(?<![\d月号第.])[1-3]?\d\s*日?\s*(?:至|到|-|—|–|~|～)\s*[1-3]?\d\s*日(?="
    + words("time_of_day", "zh")
    + r"|,|在|举行|举办|召开)|"
    r"(?<![\d月号第])[1-3]?\d\s*日(?="
    + words("time_of_day", "zh")
    + r"|,|在|起|举行|启动|召开|开幕|举办)|"
    + words("relative_day", "zh_recently")
    + r"|(?<![\u4e00-\u9fff])最近(?=\s*[,，])|"
    + words("relative_day", "zh")
    + r"|(?<![\u4e00-\u9fff\d])前日|\brecently\b|\bthe other day\b|\btoday\b|\byesterday\b|"
    r"\b(?:on|last)\s+" + one_of("weekday", "en") + r"\b|(?:本|上)?(?:周|星期)[一二三四五六日天]|"
    # earlier this month / late last month / at the beginning of this month: 本月初, 上月下旬 in English;
    # this morning / this afternoon: 今天上午
    r"\b(?:(?:earlier|early|later|late|at the (?:start|beginning|end) of)\s+)?(?:this|last)\s+month\b|"
    r"\bthis\s+(?:morning|afternoon|evening)\b",
    re.IGNORECASE,
)


# Observances on a fixed day of the year (World Metrology Day 20 May, World Standards Day 14 October,
# China Brand Day 10 May, Consumer Rights Day 15 March, World Intellectual Property Day 26 April).
OBSERVANCE_DAYS = {
    "世界计量日": (5, 20),
    "世界标准日": (10, 14),
    "中国品牌日": (5, 10),
    "消费者权益日": (3, 15),
    "世界知识产权日": (4, 26),
}
_OBSERVANCE_EN_NAMES = (
    r"world\s+metrology\s+day|world\s+standards?\s+day|china\s+brand\s+day|"
    r"(?:world\s+|international\s+)?consumer\s+rights\s+day|world\s+intellectual\s+property\s+day"
)
_OBSERVANCE_EN = re.compile(r"\b(?P<name>" + _OBSERVANCE_EN_NAMES + r")\b", re.IGNORECASE)
_OBSERVANCE_EN_ZH = {
    "metrology": "世界计量日",
    "standard": "世界标准日",
    "brand": "中国品牌日",
    "consumer": "消费者权益日",
    "intellectual": "世界知识产权日",
}
# The year each observance was first held: 第22个“世界计量日” is 2021, 第五十五个世界标准日 2024; and the
# Safety Production Month's (第22个全国“安全生产月”, the 22nd Safety Production Month: 2023), whose
# ordinal names the year as well (convention C6, /work/notes/CONVENTION13.md).
OBSERVANCE_FIRST_YEAR = {
    "世界计量日": 2000,
    "世界标准日": 1970,
    "中国品牌日": 2017,
    "消费者权益日": 1983,
    "世界知识产权日": 2001,
    "安全生产月": 2002,
}
_SAFETY_MONTH_EN = r"(?:work\s+)?safety\s+production\s+month"
_OBSERVANCE_ORDINAL = re.compile(
    r"第\s*(?P<zh>\d{1,3}|[一二三四五六七八九十百]{1,4})\s*[届个次]\s*(?:国际|全国)?\s*[“\"]?"
    r"(?:\d{1,2}\s*[·•.．]\s*\d{1,2}\s*)?[“”\"]?\s*(?P<name>" + "|".join(OBSERVANCE_FIRST_YEAR) + r")"
    r"|\b(?P<en>\d{1,3})(?:st|nd|rd|th)\s+[“\"]?(?P<en_name>" + _OBSERVANCE_EN_NAMES + "|" + _SAFETY_MONTH_EN + r")\b",
    re.IGNORECASE,
)


def observance_ordinal_year(text: str) -> int | None:
    """The year the first ordinal of an observance in ``text`` names (第22个“世界计量日”: 2021; the 55th
    World Standards Day: 2024; the 22nd Safety Production Month: 2023), or None."""
    m = _OBSERVANCE_ORDINAL.search(text)
    if m is None:
        return None
    if m.group("name"):
        name, n = m.group("name"), numbers.cn_to_int(m.group("zh"))
    else:
        en_name = m.group("en_name").lower()
        name = next((v for k, v in _OBSERVANCE_EN_ZH.items() if k in en_name), "安全生产月")
        n = int(m.group("en"))
    return OBSERVANCE_FIRST_YEAR[name] + n - 1 if n else None


def observance_named(text: str) -> tuple[int, int] | None:
    """(month, day) of the first observance day ``text`` names, in Chinese or English
    (世界计量日, World Metrology Day: 20 May), or None."""
    found = [(text.find(name), name) for name in OBSERVANCE_DAYS if name in text]
    en = _OBSERVANCE_EN.search(text)
    if en is not None:
        key = next(k for k in _OBSERVANCE_EN_ZH if k in en.group("name").lower())
        found.append((en.start(), _OBSERVANCE_EN_ZH[key]))
    return OBSERVANCE_DAYS[min(found)[1]] if found else None


# 在“5·20”世界计量日当天 / 世界标准日当天,…: the observance's own day is the event's.
_OBSERVANCE_THAT_DAY = re.compile(
    r"(?:[“\"]?\s*(?P<m>1[0-2]|[1-9])\s*[·•.．]\s*(?P<d>[1-3]?\d)\s*[”\"]?\s*)?(?:国际|全国)?"
    r"(?P<name>" + "|".join(OBSERVANCE_DAYS) + r")\s*(?:当天|当日|这天|这一天)"
)


# 2021年“质量月”伊始 / "At the beginning of the 2022 Safety Production Month": the text places the
# event at the start of the campaign's month, so it gives that month (not a day).
_CAMPAIGN_NAMES = {"质量月": "quality_month", "安全生产月": "safety_month", "quality month": "quality_month"}
_CAMPAIGN_START = re.compile(
    r"(?:(?P<y>(?:19|20)\d\d)\s*年\s*)?[“\"「]?(?P<zh>质量月|安全生产月)[”\"」]?\s*(?:活动)?\s*(?:伊始|之初|开始之际|启动之初)"
    r"|\b(?:at|in)\s+the\s+(?:very\s+)?(?:beginning|start|outset)\s+of\s+(?:the\s+|this\s+year's\s+)?"
    r"(?:(?P<y2>(?:19|20)\d\d)\s+)?[“\"]?(?P<en>quality month|safety (?:production )?month)\b",
    re.IGNORECASE,
)


def _campaign_start(m: re.Match, text: str) -> DateMention | None:
    name = (m.group("zh") or m.group("en")).lower()
    code = _CAMPAIGN_NAMES.get(name) or ("safety_month" if name.startswith("safety") else None)
    y = m.group("y") or m.group("y2")
    return DateMention(m.start(), m.end(), int(y) if y else None, CAMPAIGN_MONTH[code], None) if code else None


# "on the last day of September" / "the first day of October" / 9月最后一天.
_EN_EDGE_DAY = re.compile(
    rf"\bthe\s+(?P<pos>first|last|final)\s+day\s+of\s+(?P<mon>{_MONTH_RE})\b\.?(?:,?\s*(?P<y>(?:19|20)\d\d)\b)?",
    re.IGNORECASE,
)
_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # February's 29th is not guessed


# "the twentieth of September 2022" / "September the twenty-first": days written as ordinal words.
_UNITS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
_TEENS = ("tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth")
ORDINAL_DAYS = {
    w: n
    for n, w in enumerate(
        (
            *_UNITS,
            *_TEENS,
            "eighteenth",
            "nineteenth",
            "twentieth",
            *(f"twenty-{u}" for u in _UNITS),
            "thirtieth",
            "thirty-first",
        ),
        start=1,
    )
}
_ORD_RE = "|".join(sorted((w.replace("-", "[- ]") for w in ORDINAL_DAYS), key=len, reverse=True))
_EN_WORD_DAY = re.compile(
    rf"\bthe\s+(?P<dw>{_ORD_RE})\s+(?:day\s+)?of\s+(?P<mon>{_MONTH_RE})\b\.?(?:,?\s*(?P<y>(?:19|20)\d\d)\b)?"
    rf"|\b(?P<mon2>{_MONTH_RE})\s+(?:the\s+)?(?P<dw2>{_ORD_RE})\b(?:,?\s*(?P<y2>(?:19|20)\d\d)\b)?",
    re.IGNORECASE,
)


def _en_word_day(m: re.Match, text: str) -> DateMention | None:
    word = re.sub(r"\s+", "-", (m.group("dw") or m.group("dw2")).lower())
    mon = (m.group("mon") or m.group("mon2")).lower()
    y = m.group("y") or m.group("y2")
    if mon == "may" and m.group("mon2") and not y:
        return None  # "may the first" is rare; "may" is a verb far more often
    return DateMention(m.start(), m.end(), int(y) if y else None, MONTHS[mon], ORDINAL_DAYS[word])


def _edge_day(m: re.Match, text: str) -> DateMention | None:
    mo = MONTHS[m.group("mon").lower()]
    d = 1 if m.group("pos").lower() == "first" else _MONTH_DAYS[mo - 1]
    return DateMention(m.start(), m.end(), int(m.group("y")) if m.group("y") else None, mo, d)


def _observance_day(m: re.Match, text: str) -> DateMention | None:
    mo, d = OBSERVANCE_DAYS[m.group("name")]
    return DateMention(m.start(), m.end(), None, mo, d)


def _iso(m: re.Match, text: str) -> DateMention | None:
    mo, d = int(m.group("m")), int(m.group("d"))
    return DateMention(m.start(), m.end(), int(m.group("y")), mo, d) if 1 <= mo <= 12 and 1 <= d <= 31 else None


def _zh(m: re.Match, text: str) -> DateMention | None:
    mo, d = numbers.cn_to_int(m.group("m")), numbers.cn_to_int(m.group("d"))
    if mo is None or not 1 <= mo <= 12 or (d is not None and not 1 <= d <= 31):
        return None
    if m.group("y") is None and re.search(r"每(?:年的?)?\s*$", text[max(0, m.start() - 3) : m.start()]):
        return None  # 于每年的9月 / 每年9月 / 每年5月10日: a recurring statement, no date
    if d is None and m.group("y") is None and text.startswith("份", m.end()) and text[: m.start()].endswith("年"):
        return None  # "9月" alone is a month unless a duration (一年9月份)
    y = int(m.group("y").translate(_CN_DIGITS)) if m.group("y") else None
    if m.group("mm"):
        # 9-10月: from the first month to the second (9-10月15日: to the second's day)
        mm = numbers.cn_to_int(m.group("mm"))
        if mm is None or not 1 <= mm <= 12:
            return None
        if mm <= mo:  # 12-1月 spans the new year: its second month alone, as before ranges were read
            return DateMention(m.start("mm"), m.end(), None, mm, d)
        return DateMention(m.start(), m.end(), y, mo, None, y, mm, d)
    d2 = numbers.cn_to_int(m.group("d2"))
    m2 = numbers.cn_to_int(m.group("m2")) if m.group("m2") else (mo if d2 else None)
    y2 = int(m.group("y2").translate(_CN_DIGITS)) if m.group("y2") else (y if d2 else None)
    if d is None and d2 is not None:
        d2 = m2 = y2 = None
    return DateMention(m.start(), m.end(), y, mo, d, y2, m2, d2)


def _dot(m: re.Match, text: str) -> DateMention | None:
    mo, d = int(m.group("m")), int(m.group("d"))
    return DateMention(m.start(), m.end(), None, mo, d) if 1 <= d <= 31 else None


def _en_ddm(m: re.Match, text: str) -> DateMention | None:
    mo, d, d2 = MONTHS[m.group("mon").lower()], int(m.group("d")), int(m.group("d2"))
    if not (m.group("mon")[0].isupper() and 1 <= d <= d2 <= 31):
        return None
    y = int(m.group("y")) if m.group("y") else None
    return DateMention(m.start(), m.end(), y, mo, d, y, mo, d2)


def _us(m: re.Match, text: str) -> DateMention | None:
    if re.search(r"[\u4e00-\u9fff]", text):
        return None  # numeric dates in Chinese text are file numbers or year-first dates
    mo, d = int(m.group("m")), int(m.group("d"))
    if mo > 12 and d <= 12:
        mo, d = d, mo  # 15/09/2021: a day-first date (British and Commonwealth writers)
    return DateMention(m.start(), m.end(), int(m.group("y")), mo, d) if 1 <= mo <= 12 and 1 <= d <= 31 else None


def _en_md(m: re.Match, text: str) -> DateMention | None:
    mo, d = MONTHS[m.group("mon").lower()], int(m.group("d"))
    if not 1 <= d <= 31 or (m.group("mon").lower() == "may" and not m.group("mon")[0].isupper()):
        return None  # "may 5" in lower case is the verb more often than the month
    y = int(m.group("y")) if m.group("y") else None
    d2 = int(m.group("d2")) if m.group("d2") else None
    m2 = MONTHS[m.group("mon2").lower()] if m.group("mon2") else (mo if d2 else None)
    return DateMention(m.start(), m.end(), y, mo, d, y if d2 else None, m2, d2)


def _en_dm(m: re.Match, text: str) -> DateMention | None:
    if not (1 <= int(m.group("d")) <= 31 and m.group("mon")[0].isupper()):
        return None
    return DateMention(
        m.start(),
        m.end(),
        int(m.group("y")) if m.group("y") else None,
        MONTHS[m.group("mon").lower()],
        int(m.group("d")),
    )


def _en_my(m: re.Match, text: str) -> DateMention | None:
    if not m.group("mon")[0].isupper():
        return None
    return DateMention(m.start(), m.end(), int(m.group("y")), MONTHS[m.group("mon").lower()], None)


def _relative(m: re.Match, text: str) -> DateMention | None:
    word = m.group(0).lower()
    wd = next((v for k, v in WEEKDAYS.items() if word.endswith(k)), None)
    day = re.search(r"\((\d{1,2})\)|(?:^|月)(\d{1,2})(?:[日号]|至|到|-|—|–|~|～)", word.replace(" ", ""))
    n = int(day.group(1) or day.group(2)) if day else 0
    zh_day = re.fullmatch(r"(?:本|上)月\s*([一二三四五六七八九十]{1,3})\s*[日号]", word)
    if zh_day:  # 本月十日: the day in Chinese numerals, as official notices write it
        n = numbers.cn_to_int(zh_day.group(1)) or 0
    if re.fullmatch(r"(?:本|上)月\s*(?:初|上旬|中旬|下旬|底|末)", word):
        rel = "month:-1" if word.startswith("上") else "month:0"
    elif word.endswith("month"):
        rel = "month:-1" if "last" in word else "month:0"
    elif word.startswith("this "):
        rel = "today"
    elif 1 <= n <= 31 and word.startswith("上月"):
        rel = f"lastmonth:{n}"  # 上月28日: the 28th of the month before the date line's
    elif 1 <= n <= 31:
        rel = f"day:{n}"  # 昨(5)日, 本月5日: the 5th, the month from the date line
    elif wd is not None:
        rel = f"weekday:{wd}"
    elif word in ("今天", "今日", "今晨", "今早", "today"):
        rel = "today"
    elif word in ("昨天", "昨日", "昨晚", "昨夜", "yesterday"):
        rel = "yesterday"
    elif word in ("前天", "前日"):
        rel = "daybefore"
    else:
        rel = "recent"
    return DateMention(m.start(), m.end(), None, None, None, relative=rel)


# Patterns in the order they claim text: an earlier one's span is not read again by a later one.
_READERS = (
    (_OBSERVANCE_THAT_DAY, _observance_day),
    (_CAMPAIGN_START, _campaign_start),
    (_EN_EDGE_DAY, _edge_day),
    (_EN_WORD_DAY, _en_word_day),
    (_ISO_DATE, _iso),
    (_ZH_DATE, _zh),
    (_DOT_MD, _dot),
    (_EN_DDM, _en_ddm),
    (_US_DATE, _us),
    (_DOT_DMY, _dot_dmy),
    (_EN_MD, _en_md),
    (_EN_DM, _en_dm),
    (_EN_MY, _en_my),
    (_RELATIVE, _relative),
)


_LATIN = re.compile(r"[A-Za-z]")
_EN_ONLY = frozenset(
    {"_en_ddm", "_en_md", "_en_dm", "_en_my", "_edge_day", "_en_word_day", "_dot_dmy"}
)  # English forms


def _worth_reading(read, text: str, latin: bool) -> bool:
    """A cheap test that a reader can match at all (most sentences are Chinese and name no observance)."""
    name = read.__name__
    if name in _EN_ONLY:
        return latin
    if name == "_observance_day":
        return "日" in text and any(k in text for k in OBSERVANCE_DAYS)
    if name == "_campaign_start":
        return latin or "质量月" in text or "安全生产月" in text
    return True


def find_dates(text: str) -> list[DateMention]:
    """Date expressions in a sentence, left to right, without overlaps."""
    out: list[DateMention] = []
    latin = _LATIN.search(text) is not None
    for pattern, read in _READERS:
        if not _worth_reading(read, text, latin):
            continue
        for m in pattern.finditer(text):
            if any(m.start() < o.end and o.start < m.end() for o in out):
                continue
            mention = read(m, text)
            if mention is not None:
                out.append(mention)
    out.sort(key=lambda dm: dm.start)
    if len(out) < 2:
        return out
    # "on Tuesday, September 13": the weekday names the date written right after it.
    return [
        dm
        for dm, nxt in zip(out, [*out[1:], None], strict=True)
        if not (
            dm.relative
            and dm.relative.startswith("weekday:")
            and nxt is not None
            and nxt.day is not None
            and re.fullmatch(r"[\s,，]{0,3}", text[dm.end : nxt.start])
        )
    ]


_DATELINE_KEYS = re.compile(
    "(?:" + words("page_key", "zh_date") + "|" + words("page_key", "en_date") + r")\s*[:：]?\s*",
    re.IGNORECASE,
)
_URL_DATE = re.compile(
    r"/(?P<y>(?:19|20)\d\d)[-/]?(?P<m>\d{1,2})[-/](?P<d>\d{1,2})/|/(?P<y2>(?:19|20)\d\d)(?P<m2>[01]\d)(?P<d2>[0-3]\d)/"
)


# Published: Wednesday, September 6, 2023 / Updated on Sept. 6, 2023 / a line that is only such a date.
_EN_DATELINE_KEY = re.compile(
    "^(?:" + one_of("page_key", "en_dateline") + r"\s*(?:on)?\s*[:：]?\s*)?"
    "(?:" + one_of("weekday", "en") + r",?\s*)?",
    re.IGNORECASE,
)


def _en_dateline(line: str) -> date | None:
    """An English date line: a key, or nothing, before a full date that ends the line."""
    if len(line) > 60 or re.search(r"[\u4e00-\u9fff]", line):
        return None
    rest = line[_EN_DATELINE_KEY.match(line).end() :]
    found = find_dates(rest)
    if len(found) != 1 or found[0].start != 0 or rest[found[0].end :].strip(" .,|"):
        return None
    dm = found[0]
    if dm.relative or not (dm.year and dm.month and dm.day) or dm.end_day:
        return None
    return safe_date(dm.year, dm.month, dm.day)


# A page's full Chinese date (2022年09月20日) and a clock time (18:30, 16:20:05), the pieces every
# date-line form below is built from; CLOCK is the one clock time of every date line (context's, and
# cleaning's posting header, which reads the line before its full-width colons are made ASCII).
_ZH_YMD = r"(?P<y>(?:19|20)\d\d)\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"
CLOCK = r"\d{1,2}[:：]\d{2}(?:[:：]\d{2})?"
# A part of the day after a date (9月5日上午).
PART_OF_DAY = one_of("time_of_day", "zh")


# What may follow the date of a short source line: nothing, or the time and place of posting
# (仙居市场监管 2022-09-21 18:30 发表于浙江, a WeChat post's header).
_POSTED_TAIL = re.compile(rf"[\s|·]*(?:{CLOCK}\s*)?(?:发表于\s*[\u4e00-\u9fff]{{2,8}}\s*)?")


# A sentence that reports an event right after the date (【2023/09/12】平湖市市场监管局召开…), or
# any sentence going on after it (2023-09-15，某局…走进… / 2023.9.15上午，…; not a short source name,
# 2023-09-15，浙江新闻客户端): the line is a dated item or an event, not furniture.
_REPORTS_AFTER = re.compile(
    r"\s*[)）\]】]?\s*(?:[\u4e00-\u9fff]{2,30}?"
    + one_of("held", "zh_reported")
    + r"|"
    + PART_OF_DAY
    + r"?\s*[,，]\s*[\u4e00-\u9fff“\"].{11}|"
    + PART_OF_DAY
    + r"[\u4e00-\u9fff“\"].{11})"
)


_SOURCE_THEN_DATE = re.compile(
    "(?:" + words("page_key", "zh_source") + rf"|\|)[^。,;]{{0,30}}?{_ZH_YMD}\s*(?:{CLOCK})?\s*$"
)


# A short source name (a site, a paper, an account) and then the page's date in Chinese form.
_SITE_THEN_ZH_DATE = re.compile(rf"[\w·|]{{2,16}}\s+{_ZH_YMD}\s*(?:{CLOCK})?\s*")


# What a page's header line holds beside its one date: a clock time, a weekday, a key with its short
# value (来源:某日报, 编辑: 某人, 审核人:某人, Source:China Daily, 阅读次数:1438, from:Network) and
# counts (a page's views).
_HEADER_PIECE = re.compile(
    CLOCK + r"|[(（]?(?:星期|周)[一二三四五六日天][)）]?"
    r"|(?:" + words("page_key", "zh_header") + "|" + words("page_key", "en_header") + r")\s*[:：]\s*[^\s|:：]{0,16}"
    r"|\d+",
    re.IGNORECASE,
)
# Sentence punctuation: a line holding it says something, it is no header.
_SAYS_SOMETHING = re.compile(r"[。;；!！?？“”\"]")
# 更多>2022-09-10 / more >>: a link to other pages, dated with theirs.
_LINKS_ON = re.compile(r"更多|\bmore\b|>", re.IGNORECASE)


def _page_header_date(line: str) -> date | None:
    """The page's date in a header line of furniture around it: a site or paper name, the clock,
    keys and counts (某新闻网   2021-09-22 08:25   Source:某报 / 作者:本站编辑  2023-09-22 20:53:00  32
    / 某日报 2020年09月03日 星期一 / - Aug 28, 2018-). One full date and, once it and the furniture are
    taken out, at most a short name left, with no sentence, event, activity or campaign in it (a table's
    row 1  2022.9.6  质量月启动仪式 is an item)."""
    if len(line) > 80 or _SAYS_SOMETHING.search(line) or _LINKS_ON.search(line):
        return None
    found = [dm for dm in find_dates(line) if not (dm.relative or "").startswith("weekday:")]
    if len(found) != 1:
        return None
    dm = found[0]
    if dm.relative or not (dm.year and dm.month and dm.day) or dm.end_day:
        return None
    rest = _HEADER_PIECE.sub(" ", line[: dm.start] + " " + line[dm.end :])
    rest = re.sub(r"[\s\-–—|·/()（）\[\]【】<>《》,，:：.]+", " ", rest).strip()
    if len(rest) > 24 or (
        rest and (rules.EVENT_VERB_RE.search(rest) or rules.names_activity(rest) or rules.find_campaign(rest))
    ):
        return None
    return safe_date(dm.year, dm.month, dm.day)


def dateline_in(line: str) -> date | None:
    """The publication date a line states, if it is a dateline.

    Recognised: a key (发布时间, 日期, Date, Updated...) followed by a full date; a line that is
    only a date (``2019-09-12``, ``(2021-09-28)``, ``2022年09月12日10:22 来源:...``,
    ``Wednesday, September 6, 2023``); a source URL carrying a date
    path (``/art/2014/9/10/``, ``/20231019/``).
    """
    stripped = line.strip()
    en = _en_dateline(stripped)
    if en is not None:
        return en
    for m in _ISO_DATE.finditer(stripped):
        head = stripped[: m.start()]
        if _REPORTS_AFTER.match(stripped, m.end()):
            return None  # 【2023/09/12】平湖市市场监管局召开…: a dated news item, not a date line
        # A key before it, nothing before it, or a short source line ending with it (时政 中国质量新闻网 2017-05-06).
        if (
            not head.strip(" -|·:【[(（")
            or _DATELINE_KEYS.search(head[-20:])
            or (
                len(stripped) <= 40
                and _POSTED_TAIL.fullmatch(stripped[m.end() :])
                and re.fullmatch(r"[\w\s·|:]+\s", head)
            )
        ):
            return safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    dm = _DOT_DMY.match(stripped)
    if dm and _POSTED_TAIL.fullmatch(stripped, dm.end()):
        # 28.09.2016  16:36: a day-first date with dots (and the time of posting) alone on its line
        return safe_date(int(dm.group("y")), int(dm.group("m")), int(dm.group("d")))
    zm = _SITE_THEN_ZH_DATE.fullmatch(stripped) if len(stripped) <= 40 else None
    if zm:  # 婺源新闻网  2021年9月17日 16:20: a short source name, then the page's date
        return safe_date(int(zm.group("y")), int(zm.group("m")), int(zm.group("d")))
    m = (
        re.match(
            rf"\s*[(（]?\s*{_ZH_YMD}\s*[)）]?\s*(?:(?:星期|周)[一二三四五六日天]\s*)?(?:{CLOCK}|来源|$)",
            stripped,
        )
        or re.search(rf"(?:发布时间|发布日期|日期|时间)\s*[:：]\s*{_ZH_YMD}", stripped)
        # 来源:瑞安日报 | 2022年09月20日: a source line ending with the page's date
        or (_SOURCE_THEN_DATE.search(stripped) if len(stripped) <= 60 else None)
    )
    if m:
        return safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    header = _page_header_date(stripped)
    if header is not None:
        return header
    if re.search(r"(?:出处|来源|原文|source|link)\s*[:：]?\s*https?://", stripped, re.IGNORECASE):
        u = _URL_DATE.search(stripped)
        if u:
            if u.group("y"):
                return safe_date(int(u.group("y")), int(u.group("m")), int(u.group("d")))
            return safe_date(int(u.group("y2")), int(u.group("m2")), int(u.group("d2")))
    return None


def safe_date(y: int, m: int, d: int) -> date | None:
    """The date, or None when the day does not exist (2023-02-30)."""
    try:
        return date(y, m, d)
    except ValueError:
        return None


def resolve_relative(rel: str, dateline: date | None) -> tuple[date | None, str | None]:
    """A relative date against the dateline: (date, precision) or (None, None) without a dateline."""
    if dateline is None:
        return None, None
    if rel == "today":
        return dateline, "day"
    if rel == "yesterday":
        return dateline - timedelta(days=1), "day"
    if rel == "daybefore":
        return dateline - timedelta(days=2), "day"
    if rel.startswith("day:"):
        day = int(rel.split(":")[1])
        month_start = dateline.replace(day=1)
        if day > dateline.day:  # 昨(31)日 in a paper of the 1st: the month before
            month_start = (month_start - timedelta(days=1)).replace(day=1)
        return safe_date(month_start.year, month_start.month, day), "day"
    if rel.startswith("month:"):
        first = dateline.replace(day=1)
        if rel == "month:-1":
            first = (first - timedelta(days=1)).replace(day=1)
        return first, "month"
    if rel.startswith("lastmonth:"):
        before = dateline.replace(day=1) - timedelta(days=1)
        return safe_date(before.year, before.month, int(rel.split(":")[1])), "day"
    if rel.startswith("weekday:"):
        wd = int(rel.split(":")[1])
        back = (dateline.weekday() - wd) % 7
        return dateline - timedelta(days=back), "day"
    # 近日 / recently: the event is in the weeks before publication; only the year is safe.
    return date(dateline.year, 1, 1), "year"


# 5月10日是中国品牌日 / 10月14日为世界标准日: the date of an observance, not of the event.
# …9月4日讯 / 新华社南京5月10日电 / 某新闻网8月25日消息: / 某网海口9月10日消息(记者 王明) / SUZHOU, Sept 10
# (Xinhua) --: the day a story is filed. Beilun, Ningbo (Sept 20, 2023) --: the date in brackets before
# the dash. NINGBO, Sept. 11, 2023 /PRNewswire/ --: a wire release names its wire between slashes.
_STORY_AFTER = re.compile(
    r"\s*(?:讯|电|消息\s*(?:[:：]|[(（]\s*(?:记者|通讯员|实习生|见习记者))"
    r"|(?:\([A-Za-z ]+\)|\)|/[A-Za-z][A-Za-z .-]{1,30}/)?\s*(?:--|—|–))"
)


# 记者9月20日从区市场监管局获悉,昨天…: the day the paper learned of it, what 昨天 counts from.
# 9月5日,记者从省市场监管局获悉,该局近日…: the reporter, named after a comma, learned it that day.
_LEARNED_AFTER = re.compile(
    r"\s*(?:上午|下午)?\s*(?:[,，]\s*[^,，。;]{0,6}?记者\s*)?(?:从|在|自)[^,。;]{1,25}?(?:获悉|了解到|得知)"
)
_EN_PLACE_HEAD = re.compile(r"\s*[A-Z][A-Za-z]+(?:,\s*[A-Z][A-Za-z ]+){0,3}\s*[-–—,]\s*")
_EN_STORY_CLOSE = re.compile(r"\s*(?:\.\s|-\s|–\s|—|:\s)")


def is_story_date(mention: DateMention, text: str) -> bool:
    """Whether ``mention`` is a paper's story date (…9月4日讯, "SUZHOU, Sept 10 (Xinhua) --")."""
    if not mention.day:
        return False
    # "September 18th, 2023 - The …" / "June 2, 2023. Yangzhou's …": a full date opening an English
    # story (after its place, if any) and closed by a dash or a full stop dates the story.
    opens = mention.year and not text[: mention.start].strip(" ,-") or _EN_PLACE_HEAD.fullmatch(text[: mention.start])
    return bool(
        _STORY_AFTER.match(text, mention.end)
        or (opens and _EN_STORY_CLOSE.match(text, mention.end))
        or _LEARNED_AFTER.match(text, mention.end)
    )


# …是第26个“世界计量日” / "set May 10 as “Brand China Day”", "October 14 is World Standards Day".
_OBSERVANCE_AFTER = re.compile(r"\s*(?:是|为)[^,。;]{0,15}?日|\s+(?:is|was|as|marks)\s+[^,.;]{0,40}?\bDay\b")
# 世界标准日(10月14日) / World Standards Day (October 14): the observance's own date in brackets.
_OBSERVANCE_BEFORE = re.compile(r"(?:日|\bDay)\s*[(（]\s*$", re.IGNORECASE)
_CLOSE_AFTER = re.compile(r"\s*[)）]")


def states_observance(m: DateMention, text: str) -> bool:
    """Whether ``m`` is the day of an observance that ``text`` states (10月14日是世界标准日, 世界标准日
    (10月14日), "set May 10 as Brand China Day"): a day of the calendar, not of an event."""
    return bool(
        m.day
        and (
            _OBSERVANCE_AFTER.match(text, m.end)
            or (_OBSERVANCE_BEFORE.search(text[max(0, m.start - 20) : m.start]) and _CLOSE_AFTER.match(text, m.end))
        )
    )


def event_mention(mentions: list[DateMention], text: str = "") -> DateMention | None:
    """The date of the event among a sentence's dates: the first, unless it names an observance
    day (5月10日是中国品牌日, 世界标准日(10月14日)), or is a bare month or a vague word (金秋九月…, 近日…) and a later one
    states the day (…于2010年9月18日至20日召开)."""
    mentions = [m for m in mentions if not states_observance(m, text)] or mentions
    # 湖南日报长沙9月4日讯 昨天上午…: the story's date, not the event's, when the text says when.
    mentions = [m for m in mentions if not is_story_date(m, text)] or mentions
    if not mentions:
        return None
    first = mentions[0]
    if first.day is None and first.year is None:
        later = next((m for m in mentions[1:] if m.day is not None and m.relative is None), None)
        if later is not None:
            return later
    if first.day is None and first.month is not None and first.relative is None:
        # 2023年9月以来…先后举办3期培训班,首期于9月8日开班: a day later in the sentence, in the month
        # named first, says when it started; it keeps the year written with the month.
        later = next(
            (
                m
                for m in mentions[1:]
                if m.day is not None and m.relative is None and m.month == first.month and m.year in (None, first.year)
            ),
            None,
        )
        if later is not None:
            return replace(later, year=first.year)
    return first


# 去年9月 / 前年10月 / 上年9月: the year before the report's (two before), right before the month.
_YEARS_BACK = re.compile(r"(去年|前年|上年)\s*$")
_BACK_YEARS = {"去年": 1, "上年": 1, "前年": 2}


def resolve_date(
    mention: DateMention | None, sentence: str, ctx: DocContext, year_hint: int | None = None
) -> tuple[date | None, date | None, str | None]:
    """(start, end, precision) of the event date; the year comes from the text, never from today.

    The year is the mention's own, else one written in the sentence, else ``year_hint`` (the year
    of an earlier event in the same report), else the dateline's or the story date's, else the
    context year.
    """
    if mention is None:
        return None, None, None
    if mention.relative:
        return _resolve_relative_mention(mention, sentence, ctx)
    year = mention.year
    back = _YEARS_BACK.search(sentence, 0, mention.start) if year is None else None
    if back is not None:
        # 去年9月 / 前年: a year counted back from the report's (its date line's, else its own year)
        anchor = ctx.dateline or ctx.story_date
        base = anchor.year if anchor else ctx.context_year or ctx.ordinal_year or ctx.text_year
        year = base - _BACK_YEARS[back.group(1)] if base else None
    elif year is None:
        sy = years_written(sentence) or (years_written(sentence, "en") if ctx.lang == "en" else [])
        if sy:
            year = sy[0]
        elif year_hint is not None:
            year = year_hint
        elif (ctx.dateline or ctx.story_date) is not None:
            year = _page_year(mention, ctx)
        else:
            year = ctx.context_year or ctx.ordinal_year or ctx.text_year
    if year is None or mention.month is None:
        return None, None, None
    try:
        start = date(year, mention.month, mention.day or 1)
    except ValueError:
        return None, None, None
    end = None
    if mention.end_day:
        try:
            end = date(mention.end_year or year, mention.end_month or mention.month, mention.end_day)
        except ValueError:
            end = None
    return start, end, "day" if mention.day else "month"


_REPOST_YEARS = 2


def _page_year(mention: DateMention, ctx: DocContext) -> int:
    """The year of a month (and day) written without one, from the page's date (or a story's own date,
    SHAOXING, 9/14/2022 --)."""
    anchor = ctx.dateline or ctx.story_date
    campaign = ctx.this_campaign_year
    if campaign is not None and anchor.year - campaign >= _REPOST_YEARS:
        # 今年9月是第43个“质量月”。9月8日… on a page of 2022: a repost; the campaign the text calls this
        # year's (第43个: 2020) is the year of its days. One year off is the writer's count (第42个“质量月”
        # on a page of 2020), not a repost.
        return campaign
    if mention.month and mention.month > anchor.month + 1:
        return anchor.year - 1  # reported in January about December
    return anchor.year


def _resolve_relative_mention(
    mention: DateMention, sentence: str, ctx: DocContext
) -> tuple[date | None, date | None, str | None]:
    """(start, end, precision) of a relative date (近日, 昨天, 本月初, on Monday) in ``sentence``."""
    start, end, precision = _resolve_relative_in(mention.relative, ctx)
    written = {int(y) for y in YEAR_ZH.findall(sentence)}
    if mention.relative == "recent" and written and (start is None or max(written) < start.year):
        # 近日,2024年某市“质量月”启动仪式举行 on a page of 2025 (a repost), or on a page with no
        # date at all: the year the sentence writes is the event's
        return date(max(written), 1, 1), None, "year"
    return start, end, precision


def _resolve_relative_in(rel: str, ctx: DocContext) -> tuple[date | None, date | None, str | None]:
    """A relative date against the paper's story date, else the dateline. Without either, what
    the text still says: 昨(9)日 in a report on a campaign (an observance) of a known year is that day of
    the campaign's (the observance's) month; any other relative word gives the year alone."""
    anchor = ctx.story_date or ctx.dateline
    d, prec = resolve_relative(rel, anchor)
    if d is not None:
        if rel == "recent" and anchor is not None and anchor.month in (ctx.campaign_month, ctx.observance_month):
            # 近日 in a page of 28 Sept about that year's Quality Month (of 24 May about World Metrology
            # Day): the weeks before the page fall in the month the report is about. Any other 近日 /
            # 日前 gives the page's year alone, whatever the page's day (labelling convention C5,
            # /work/notes/CONVENTION13.md).
            return anchor.replace(day=1), None, "month"
        return d, None, prec
    year = ctx.context_year or ctx.ordinal_year or ctx.text_year
    if year is None:
        return None, None, None
    month = ctx.campaign_month or ctx.observance_month  # 昨(20)日 in a World Metrology Day report: 20 May
    if rel.startswith("day:") and month:
        d = safe_date(year, month, int(rel.split(":")[1]))
        if d is not None:
            return d, None, "day"
    return date(year, 1, 1), None, "year"
