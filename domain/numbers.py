"""Counts written in Chinese or English text: ``3000多人次``, ``近50名``, ``五位``, ``more than 200 people``.

Two entry points:

* :func:`parse_count` reads ONE cell value (a spreadsheet column ``participants``): the whole
  value is one count, a bare number is taken as a participant count whose unit the caller knows.
* :func:`find_counts` scans a sentence and returns every count in it with its span, so a
  caller can pick the one that counts people attending an event and ignore counts of
  activities, awards or audited enterprises.

Qualifiers follow the labelling guide: 近/约/左右/大约/about/nearly... = ``approx``;
多/余/以上/逾/超过/more than/over... = ``at_least``; otherwise ``exact``.
Vague amounts (数百人, 几十家, hundreds of) are not counts: they return nothing rather than a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from domain.messages import Message, msg

Qualifier = Literal["exact", "approx", "at_least"]
Unit = Literal["people", "person_times", "organizations"]
Kind = Literal["participants", "activities", "other"]


@dataclass(frozen=True)
class Count:
    """One count read from text.

    Attributes:
        value: The number (``1.2万`` -> 12000).
        qualifier: ``exact``, ``approx`` or ``at_least``.
        unit: ``people``, ``person_times``, ``organizations`` or None when the text names no
            participant unit (``20多项活动``, or a bare number).
        kind: ``participants`` (a count of people / person-times / organisations, or a bare number in
            a cell), ``activities`` (项/场/activities/events) or ``other`` (money, items, days...).
    """

    value: int
    qualifier: str
    unit: str | None
    kind: str


# Full-width digits map one-to-one onto ASCII, so offsets into the normalised string are offsets
# into the original: find_counts can report spans of the caller's text. The full-width comma is
# punctuation in Chinese text (never a thousands separator), so it is left alone.
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "壹": 1,
    "二": 2,
    "贰": 2,
    "两": 2,
    "俩": 2,
    "三": 3,
    "叁": 3,
    "四": 4,
    "肆": 4,
    "五": 5,
    "伍": 5,
    "六": 6,
    "陆": 6,
    "七": 7,
    "柒": 7,
    "八": 8,
    "捌": 8,
    "九": 9,
    "玖": 9,
}
_CN_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_CN_BIG_UNITS = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
_CN_NUM_CHARS = "".join(_CN_DIGITS) + "".join(_CN_SMALL_UNITS) + "".join(_CN_BIG_UNITS)

_ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_NUM_RE = re.compile(rf"(?P<arabic>{_ARABIC})(?P<mult>[十百千万亿萬億]{{0,2}})|(?P<cn>[{_CN_NUM_CHARS}]+)")


def _cn_numeral_value(s: str) -> int | None:
    """Value of a run of Chinese numeral characters, or None if it is not a well-formed number."""
    if not s:
        return None
    # 二〇二三 style: digits only, read positionally. Two digits (三五) mean "three to five": no number.
    if all(ch in _CN_DIGITS for ch in s) and len(s) > 1:
        if len(s) == 2 and "〇" not in s and "零" not in s:
            return None
        return int("".join(str(_CN_DIGITS[ch]) for ch in s))
    total = section = number = 0
    seen_digit_pending = False
    for ch in s:
        if ch in _CN_DIGITS:
            if seen_digit_pending and _CN_DIGITS[ch] != 0 and number:
                return None  # two digits without a unit in between: 三五 is a range, not a number
            number = _CN_DIGITS[ch]
            seen_digit_pending = True
        elif ch in _CN_SMALL_UNITS:
            unit = _CN_SMALL_UNITS[ch]
            section += (number if seen_digit_pending else 1) * unit
            number, seen_digit_pending = 0, False
        elif ch in _CN_BIG_UNITS:
            unit = _CN_BIG_UNITS[ch]
            section += number
            total = (total + (section or 1)) * unit if unit > 10_000 else total + (section or 1) * unit
            section = number = 0
            seen_digit_pending = False
        else:
            return None
    return total + section + number


def _apply_multiplier(value: float, mult: str) -> float:
    for ch in mult:
        value *= _CN_SMALL_UNITS.get(ch) or _CN_BIG_UNITS.get(ch, 1)
    return value


_EN_WORDS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_EN_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}


def _en_words_value(s: str) -> int | None:
    total = current = 0
    found = False
    for tok in re.split(r"[\s-]+", s.lower().strip()):
        if not tok or tok == "and":
            continue
        if tok in _EN_WORDS:
            current += _EN_WORDS[tok]
            found = True
        elif tok in _EN_SCALES and found:
            scale = _EN_SCALES[tok]
            if scale == 100:
                current *= 100
            else:
                total += current * scale
                current = 0
        else:
            return None
    return total + current if found else None


def cn_to_int(s: str | None) -> int | None:
    """Read the number at the start of ``s``.

    Accepts Arabic digits (``3,000``, full-width ``３０００``, ``1.2万``), Chinese numerals
    (``三千五百``, ``两百``, ``二〇二三``) and English number words (``two hundred``). Text after
    the number is ignored, so ``十佳`` gives 10 and ``百家`` gives 100.

    Args:
        s: The text, e.g. a cell value or a matched phrase.

    Returns:
        The integer value (decimals are rounded: ``1.25万`` -> 12500), or None when ``s`` does not
        start with a number.
    """
    if s is None:
        return None
    text = str(s).translate(_FULLWIDTH).strip()
    if not text:
        return None
    m = _NUM_RE.match(text)
    if m:
        if m.group("arabic"):
            value = float(m.group("arabic").replace(",", ""))
            return int(round(_apply_multiplier(value, m.group("mult") or "")))
        return _cn_numeral_value(m.group("cn"))
    words = re.match(r"[A-Za-z][A-Za-z\s-]*", text)
    if words:
        # Longest prefix of words that reads as a number ("two hundred people" -> two hundred).
        toks = words.group(0).split()
        for n in range(len(toks), 0, -1):
            v = _en_words_value(" ".join(toks[:n]))
            if v is not None:
                return v
    return None


# ---------------------------------------------------------------------------------------------
# Chinese counters. Order matters: longer forms first (人次 before 人).
_ZH_PRE_APPROX = ("大约", "将近", "接近", "约计", "约有", "约", "近")
_ZH_PRE_AT_LEAST = ("不少于", "不低于", "至少", "超过", "逾", "超")
_ZH_PRE_EXACT = ("共计", "合计", "累计", "总计", "多达", "达到", "达", "共")
_ZH_PRE = _ZH_PRE_APPROX + _ZH_PRE_AT_LEAST + _ZH_PRE_EXACT + ("上",)
_ZH_MID = "多余来几"
_ZH_POST_APPROX = ("左右", "上下")
_ZH_POST_AT_LEAST = ("以上", "之多")

# Nouns naming organisations, stated once: a count's noun (12个成员单位) and a counted group's
# ending (企业代表 vs 企业) both read them.
_ORG_WORDS = (
    "企业",
    "单位",
    "部门",
    "公司",
    "机构",
    "组织",
    "协会",
    "商会",
    "工厂",
    "学校",
    "医院",
    "门店",
    "商户",
    "厂家",
    "厂商",
)
# After a count's counter (12个成员单位): the organisation words and compound ones.
_ORG_NOUNS = (*_ORG_WORDS, "社会组织", "成员单位", "会员单位", "街道", "乡镇", "镇街")
_PEOPLE_NOUNS = (
    "人",
    "代表",
    "专家",
    "员工",
    "职工",
    "嘉宾",
    "学生",
    "居民",
    "市民",
    "群众",
    "干部",
    "志愿者",
    "选手",
    "观众",
    "网友",
    "工匠",
    "质量官",
    "负责人",
)
_ACTIVITY_NOUNS = ("活动", "项目", "赛事", "讲座", "培训", "会议", "论坛", "展览")

# (counter, unit, kind). 个 / 次 need the noun that follows to decide.
_ZH_COUNTERS: tuple[tuple[str, str | None, str], ...] = (
    ("人次", "person_times", "participants"),
    ("人", "people", "participants"),
    ("名", "people", "participants"),
    ("位", "people", "participants"),
    ("家", "organizations", "participants"),
    ("项", None, "activities"),
    ("场次", None, "activities"),
    ("场", None, "activities"),
    ("期", None, "activities"),
    ("个", None, "?"),
    ("次", None, "?"),
)
_ZH_OTHER_COUNTERS = (
    "万元",
    "亿元",
    "元",
    "件",
    "批次",
    "批",
    "台",
    "份",
    "条",
    "种",
    "类",
    "款",
    "年",
    "月",
    "日",
    "号",
    "天",
    "周",
    "小时",
    "分钟",
    "岁",
    "%",
    "％",
    "届",
    "座",
    "所",
    "本",
    "篇",
    "幅",
    "张",
    "支",
    "组",
    "辆",
    "吨",
    "米",
    "平方米",
    "公里",
    "个百分点",
    "倍",
    "佳",
    "强",
    "大",
    "点",
)

_DATE_COUNTERS = ("年", "月", "日", "号", "时", "点", "分")


def _zh_counter(text: str, i: int) -> tuple[str | None, str | None, int]:
    """Classify the counter starting at ``text[i]``: (unit, kind, end) or (None, None, i) if none."""
    for counter, unit, kind in _ZH_COUNTERS:
        if text.startswith(counter, i):
            end = i + len(counter)
            if counter == "位" and text.startswith("数", end):
                return None, None, i  # 两位数 is a number of digits
            if kind == "?":
                after = text[end : end + 8]
                if counter == "个" and any(after.startswith(n) or n in after[:6] for n in _ORG_NOUNS):
                    # "12个成员单位": an organisation count; the noun may follow a short modifier.
                    first = min((after.find(n) for n in _ORG_NOUNS if n in after[:6]), default=-1)
                    if first >= 0 and not any(p in after[:first] for p in "，。,；;、"):
                        return "organizations", "participants", end
                if any(after.startswith(n) for n in _ACTIVITY_NOUNS) or (
                    counter == "次" and text[max(0, i - 12) : i].endswith(("活动", "活动共", "活动达"))
                ):
                    return None, "activities", end
                return None, "other", end
            return unit, kind, end
    for counter in _ZH_OTHER_COUNTERS:
        if text.startswith(counter, i):
            return None, "other", i + len(counter)
    return None, None, i


def _qualifier_from(pre: str, mid: str, post: str) -> str:
    # A leading 约/近 hedges the whole phrase: 约200余人 is "about 200", not "at least 200".
    if pre in _ZH_PRE_APPROX:
        return "approx"
    if pre in _ZH_PRE_AT_LEAST or pre == "上" or mid in ("多", "余", "几") or post in _ZH_POST_AT_LEAST:
        return "at_least"
    if mid == "来" or post in _ZH_POST_APPROX:
        return "approx"
    return "exact"


_EN_APPROX = (
    "approximately",
    "about",
    "around",
    "nearly",
    "almost",
    "roughly",
    "some",
    "close to",
    "an estimated",
    "estimated",
    "up to",
    "circa",
    "approx.",
    "approx",
    "~",
)
_EN_AT_LEAST = (
    "more than",
    "over",
    "at least",
    "upwards of",
    "in excess of",
    "exceeding",
    "above",
    "no fewer than",
    "no less than",
    "not less than",
    "not fewer than",
    "beyond",
    ">",
)
_EN_PEOPLE = (
    "people",
    "owners",
    "merchants",
    "shopkeepers",
    "vendors",
    "persons",
    "person",
    "participants",
    "participant",
    "attendees",
    "visitors",
    "guests",
    "representatives",
    "delegates",
    "employees",
    "staff",
    "workers",
    "experts",
    "officials",
    "students",
    "residents",
    "citizens",
    "members",
    "volunteers",
    "managers",
    "leaders",
    "executives",
    "engineers",
    "inspectors",
    "consumers",
    "viewers",
    "spectators",
    "individuals",
    "entrepreneurs",
    "technicians",
    "cadres",
    "teachers",
    "officers",
    "contestants",
    "speakers",
    "parents",
    "pupils",
    "children",
    "journalists",
    "researchers",
    "scholars",
    "professionals",
    "customers",
    "farmers",
    "doctors",
    "nurses",
    "supervisors",
    "directors",
    "heads",
    "operators",
)
_EN_PERSON_TIMES = ("person-times", "person times", "person-time", "man-times", "visits", "views")
_EN_ORGS = (
    "enterprises",
    "companies",
    "firms",
    "organizations",
    "organisations",
    "units",
    "institutions",
    "businesses",
    "associations",
    "departments",
    "agencies",
    "factories",
    "suppliers",
    "entities",
    "merchants",
    "shops",
    "stores",
    "manufacturers",
    "makers",
    "producers",
    "retailers",
    "exporters",
    "brands",
)
_EN_ACTIVITIES = (
    "activities",
    "events",
    "sessions",
    "programmes",
    "programs",
    "lectures",
    "trainings",
    "campaigns",
    "meetings",
    "forums",
    "seminars",
)
_EN_FILLER = {
    "senior",
    "quality",
    "young",
    "local",
    "key",
    "leading",
    "foreign",
    "major",
    "excellent",
    "outstanding",
    "industry",
    "industrial",
    "management",
    "front-line",
    "frontline",
    "participating",
    "enterprise",
    "company",
    "corporate",
    "government",
    "private",
    "small",
    "medium",
    "large",
    "online",
    "district",
    "municipal",
    "professional",
    "technical",
    "party",
    "chief",
    "certified",
    "registered",
    "other",
    "more",
    "additional",
    "new",
    "and",
    "model",
    "advanced",
    # who the counted people are by their workplace ("150 business representatives", "300 shop owners")
    "business",
    "shop",
    "store",
    "factory",
    "plant",
    "community",
    "school",
    "university",
    "college",
    "retail",
    "county",
    "city",
    "village",
}
_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
)

_EN_NUM = (
    r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s*(?:thousand|million))?|"
    r"(?:(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|"
    r"ninety|hundred|thousand|million)(?:[\s-]+(?:and[\s-]+)?(?=(?:one|two|three|four|five|six|seven|"
    r"eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
    r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million)\b))?)+"
)
_EN_PRE_RE = "|".join(re.escape(q) for q in sorted(_EN_APPROX + _EN_AT_LEAST, key=len, reverse=True))
_EN_RE = re.compile(
    rf"(?<![\w.,-])(?:(?P<pre>{_EN_PRE_RE})\s*)?(?P<num>{_EN_NUM})(?P<plus>\+)?(?![\w])"
    rf"(?:\s*(?P<post>or more|and more|plus|odd|or so)\b)?",
    re.IGNORECASE,
)
_EN_WORD_RE = re.compile(r"\s*([A-Za-z][A-Za-z'-]*(?:[\s-]times?)?)")


def _en_unit(text: str, end: int) -> tuple[str | None, str, int]:
    """Look at up to four words after a number for the noun it counts."""
    pos = end
    for _ in range(4):
        m = _EN_WORD_RE.match(text, pos)
        if not m:
            break
        word = m.group(1).lower()
        for phrase in _EN_PERSON_TIMES:
            if text[m.start(1) : m.start(1) + len(phrase)].lower() == phrase:
                return "person_times", "participants", m.start(1) + len(phrase)
        word = word.split()[0] if " " in word else word
        if word in _EN_PEOPLE:
            return "people", "participants", m.start(1) + len(word)
        if word in _EN_ORGS:
            return "organizations", "participants", m.start(1) + len(word)
        if word in _EN_ACTIVITIES:
            return None, "activities", m.start(1) + len(word)
        if word in _EN_PHRASE_END or (word not in _EN_FILLER and not word.isalpha()):
            break
        # any other word modifies the noun the phrase ends on (85 boiler operators, 70 dyeing firms)
        pos = m.start(1) + len(word)
    return None, "other", end


# Words that end a counted noun phrase before its head was found (900 pressure gauges *for* 64 companies).
_EN_PHRASE_END = frozenset(
    [
        "from",
        "on",
        "at",
        "in",
        "for",
        "to",
        "of",
        "and",
        "or",
        "with",
        "by",
        "who",
        "that",
        "which",
        "were",
        "was",
        "are",
        "is",
        "had",
        "have",
        "has",
        "attended",
        "took",
        "joined",
        "participated",
        "visited",
        "across",
        "during",
    ]
)


def _en_is_date(text: str, start: int, end: int, raw: str) -> bool:
    before = text[max(0, start - 12) : start].lower()
    after = text[end : end + 4].lower()
    if re.search(r"(?:{})\.?\s*$".format("|".join(_MONTHS)), before):
        return True
    if re.match(r"(?:st|nd|rd|th)\b", after) or re.match(
        r"\s*(?:{})\b".format("|".join(_MONTHS)), text[end : end + 12].lower()
    ):
        return True
    return bool(re.fullmatch(r"(?:19|20)\d\d", raw))


def _en_counts(text: str) -> list[tuple[int, int, Count]]:
    out = []
    for m in _EN_RE.finditer(text):
        raw = m.group("num")
        if raw.strip().lower() in ("hundred", "thousand", "million"):
            continue
        if not raw[0].isdigit() and not raw[0].isalpha():
            continue
        num_start = m.start("num")
        if _en_is_date(text, num_start, m.end("num"), raw):
            continue
        value = cn_to_int(raw.replace(" ", " ")) if raw[0].isdigit() else _en_words_value(raw)
        if value is None:
            continue
        if raw[0].isdigit():
            scale = re.search(r"(thousand|million)$", raw, re.IGNORECASE)
            base = float(re.match(r"[\d,]+(?:\.\d+)?", raw).group(0).replace(",", ""))
            value = int(round(base * (_EN_SCALES[scale.group(1).lower()] if scale else 1)))
        pre = (m.group("pre") or "").lower()
        post = (m.group("post") or "").lower()
        if pre in _EN_AT_LEAST or m.group("plus") or post in ("or more", "and more", "plus", "odd"):
            qualifier = "at_least"
        elif pre in _EN_APPROX or post == "or so":
            qualifier = "approx"
        else:
            qualifier = "exact"
        unit, kind, end = _en_unit(text, m.end())
        start = m.start("pre") if m.group("pre") else num_start
        out.append((start, max(end, m.end()), Count(value, qualifier, unit, kind)))
    return out


def _zh_value(text: str, m: re.Match) -> int | None:
    """The value of the numeral matched by `m`, or None when it is not read as a number of its own."""
    if m.group("cn"):
        return _cn_numeral_value(m.group("cn"))
    start = m.start()
    if start > 0 and (
        text[start - 1].isdigit() or (text[start - 1] in ".," and start > 1 and text[start - 2].isdigit())
    ):
        return None  # the tail of a number already read (1,2 / 3.5)
    return int(round(_apply_multiplier(float(m.group("arabic").replace(",", "")), m.group("mult") or "")))


def _zh_not_a_count_after(prev: str) -> bool:
    """Whether the character before a numeral makes it something other than a count."""
    # ordinals (第46届), ranks (前十名), vague amounts (数百人), 星期一, ASCII words
    return prev in ("第", "前", "每", "数", "几", "星", "周", "礼", "初", "其") or (prev.isascii() and prev.isalpha())


def _zh_prefix(text: str, start: int, cn: str | None) -> str:
    """The qualifying word just before the numeral at `start` (约, 超过, 上...), or ''."""
    pre = next((p for p in _ZH_PRE if text.endswith(p, 0, start)), "")
    if pre == "上" and not (cn and cn[0] in "百千万"):
        pre = ""  # 上 only qualifies 上百/上千/上万
    if pre == "近" and start >= 2 and text[start - 2] in "最附将接":
        pre = "" if text[start - 2] in "最附" else pre
    return pre


def _zh_mid(text: str, end: int) -> tuple[str, int]:
    """The qualifier right after the numeral (多, 余, 来, 几) or '', and where the counter may start."""
    if end < len(text) and text[end] in _ZH_MID:
        return text[end], end + 1
    return "", end


def _zh_arabic_counter(text: str, start: int, end: int, i: int, mid: str) -> tuple[str | None, str, int] | None:
    """(unit, kind, end) of the counter after an Arabic number, or None when it is not a count."""
    while i < len(text) and text[i] == " ":
        i += 1
    unit, kind, cend = _zh_counter(text, i)
    if kind is None:
        if (
            text[i : i + 1].isascii()
            and text[i : i + 1].isalpha()
            or re.search(r"[A-Za-z]", text[max(0, start - 3) : start])
        ):
            return None  # English context: the English scanner reads it ("12th", "about 50")
        # 参会人数约300 / 参观人次达3000: the unit is named before the number.
        ctx = text[max(0, start - 8) : start]
        if "人次" in ctx:
            unit, kind = "person_times", "participants"
        elif "人数" in ctx or "人员" in ctx:
            unit, kind = "people", "participants"
        else:
            kind = "other"
        return unit, kind, (end if not mid else i)
    if kind == "other" and text[i : i + 1] in _DATE_COUNTERS and not mid:
        return None  # dates and times are not counts
    return unit, kind, cend


def _zh_suffix(text: str, cend: int) -> tuple[str, int]:
    """The qualifier after the counter (左右, 以上...) or '', and the end of the phrase."""
    for p in _ZH_POST_APPROX + _ZH_POST_AT_LEAST:
        if text.startswith(p, cend):
            return p, cend + len(p)
    return "", cend


def _zh_count_at(text: str, m: re.Match) -> tuple[int, int, Count] | None:
    """The count read at the numeral matched by `m`, or None when it is not a count."""
    start, end = m.start(), m.end()
    cn = m.group("cn")
    value = _zh_value(text, m)
    if value is None:
        return None
    if _zh_not_a_count_after(text[start - 1] if start else ""):
        return None
    pre = _zh_prefix(text, start, cn)
    mid, i = _zh_mid(text, end)
    if mid == "几" and not (cn or "").endswith("十"):
        return None  # 几 is vague except after 十 (十几 = more than ten)
    if cn:
        # A Chinese numeral needs a counter after it; otherwise it is a word (统一, 一线, 万达).
        unit, kind, cend = _zh_counter(text, i)
        if kind is None:
            return None
    else:
        counter = _zh_arabic_counter(text, start, end, i, mid)
        if counter is None:
            return None
        unit, kind, cend = counter
    post, cend = _zh_suffix(text, cend)
    qualifier = _qualifier_from(pre, mid, post)
    return start - len(pre), cend, Count(int(value), qualifier, unit, kind)


def _zh_counts(text: str) -> list[tuple[int, int, Count]]:
    out = []
    for m in _NUM_RE.finditer(text):
        found = _zh_count_at(text, m)
        if found is not None:
            out.append(found)
    return out


def find_counts(text: str | None) -> list[tuple[int, int, Count]]:
    """Every count in a sentence, in order of position.

    Args:
        text: A sentence or paragraph in Chinese or English (full-width digits allowed).

    Returns:
        ``(start, end, Count)`` triples; ``text[start:end]`` is the phrase read, including its
        qualifier and counter (``近50名``). Dates, ordinals (第46届) and vague amounts are skipped.
        A number with no counter has kind ``other`` unless the words before it name people
        (``参会人数300``).
    """
    if not text:
        return []
    norm = text.translate(_FULLWIDTH)
    found = _zh_counts(norm)
    for s, e, c in _en_counts(norm):
        # The same digits can be read by both scanners; the longer reading (with its English
        # qualifier and noun) wins.
        clash = [t for t in found if s < t[1] and t[0] < e]
        if all(e - s > t[1] - t[0] for t in clash):
            found = [t for t in found if t not in clash]
            found.append((s, e, c))
    found.sort(key=lambda t: t[0])
    return found


def parse_count(text: str | int | float | None) -> Count | None:
    """Read one cell value as a count.

    Args:
        text: ``'3000多人次'``, ``'近50名'``, ``'1,200'``, ``'about 50'``, ``120``...

    Returns:
        The count, or None for an empty, vague or non-numeric value. A bare number is a
        participant count with unit None (the column tells the unit); when the value holds several
        counts the first participant count wins (``'41家企业44人'`` -> 41 organisations).
    """
    if text is None:
        return None
    if isinstance(text, bool):
        return None
    if isinstance(text, (int, float)):
        if text != text or text < 0:  # NaN
            return None
        return Count(int(round(text)), "exact", None, "participants")
    s = str(text).strip()
    if not s:
        return None
    counts = find_counts(s)
    if not counts:
        return None
    for _, _, c in counts:
        if c.kind == "participants":
            return c
    first = counts[0][2]
    if first.kind == "other" and first.unit is None:
        # A bare number in a cell ("120", "about 50"): a participant count of unknown unit,
        # unless a non-participant measure word follows it (3万元, 5件).
        s_norm = s.translate(_FULLWIDTH)
        tail = s_norm[counts[0][1] :].strip()
        phrase = s_norm[counts[0][0] : counts[0][1]]
        if not tail and not any(phrase.endswith(c) for c in _ZH_OTHER_COUNTERS + ("个", "次")):
            return Count(first.value, first.qualifier, None, "participants")
    return first


# ---------------------------------------------------------------------------------------------
# Who a count counts. A count's noun phrase may coordinate several groups (约60名市民代表和中学生,
# "500 employees and managers"): the one number covers all of them. A conjunct with a quantifier
# of its own (及部分企业代表, "and some representatives") is a further group the number leaves out.
_ZH_PEOPLE_ENDINGS = (
    "人",
    "代表",
    "专家",
    "员",
    "工",
    "宾",
    "生",
    "民",
    "众",
    "干部",
    "者",
    "手",
    "友",
    "匠",
    "官",
    "骨干",
    "师",
    "长",
    "领导",
    "家属",
    "儿童",
    "青年",
    "妇女",
    "老人",
    "经理",
    "主任",
    "书记",
    "士",
)
# The end of a counted group's name that makes it organisations: the organisation words and
# the short endings of institutions' names (检测所, 服务站).
_ZH_ORG_ENDINGS = (*_ORG_WORDS, "院", "所", "校", "中心", "站", "店")
_ZH_OWN_QUANTIFIER = re.compile(
    rf"^(?:部分|有关|相关|其他|其它|其余|全体|所有|各|数|若干|一些|少数|个别|多|几|众多|广大|"
    rf"另|[\d{_CN_NUM_CHARS}])"
)
_EN_OWN_QUANTIFIER = re.compile(
    r"^(?:some|other|others|several|a|an|the|many|part|dozens|hundreds|thousands|various|"
    r"all|their|its|his|her|most|few|\d+|one|two|three|four|five|six|seven|eight|nine|ten)\b",
    re.IGNORECASE,
)
_ZH_CONJ = re.compile(r"以及|及|和|与|、")
_EN_CONJ = re.compile(r"\s*,\s*and\s+|\s*,\s*|\s+and\s+", re.IGNORECASE)


def _names_group(phrase: str, unit: str | None) -> bool:
    """``phrase`` ends in a noun for the counted kind (people for people/person-times, else organisations)."""
    phrase = phrase.strip()
    if not phrase:
        return False
    if phrase.isascii():
        last = phrase.split()[-1].lower()
        nouns = _EN_ORGS if unit == "organizations" else _EN_PEOPLE
        return last in nouns
    endings = _ZH_ORG_ENDINGS if unit == "organizations" else _ZH_PEOPLE_ENDINGS
    return phrase.endswith(endings)


def is_attendee_phrase(phrase: str, unit: str | None, max_len: int = 14) -> bool:
    """Whether the words between a count and its verb name only the counted attendees.

    ``phrase`` is what follows the counter up to the attendance verb: ``企业代表`` (the counted
    noun), ``市民代表和中学生`` or ``employees and managers`` (a coordination of bare groups, all
    covered by the count). It is rejected when it has a clause break, when a later conjunct carries
    its own quantifier (``及部分企业代表``, ``and some representatives``: the count is only part of
    those attending), or when a conjunct is not a noun for the counted kind.

    Args:
        phrase: The text between the count's counter (or English noun) and the verb.
        unit: The count's unit (``people``, ``person_times``, ``organizations``).
        max_len: Longest phrase accepted when it has no conjunction (Chinese characters).

    Returns:
        True when the count can be read as the number of those attending.
    """
    if phrase.isascii():
        # Commas separate conjuncts in English (A, B and C); a clause or a source (from ...) ends the phrase.
        if re.search(r"[;.]|\b(?:from|including|who|which|of)\b", phrase, re.IGNORECASE):
            return False
        parts = _EN_CONJ.split(" " + phrase.strip())
        if len(parts) == 1:
            return len(phrase) <= 60
        return all(p and not _EN_OWN_QUANTIFIER.match(p) and _names_group(p, unit) for p in parts[1:]) and (
            not parts[0].strip() or _names_group(parts[0], unit)
        )
    if re.search(r"[,，;；。:：]", phrase):
        return False
    parts = _ZH_CONJ.split(phrase)
    if len(parts) == 1:
        return len(phrase) <= max_len
    if len(phrase) > max_len + 6:
        return False
    first, rest = parts[0], parts[1:]
    # The first conjunct may be empty (60人和…) or carry modifiers (紫砂企业负责人); later ones are bare nouns.
    return (not first or _names_group(first, unit)) and all(
        p and len(p) <= 8 and not _ZH_OWN_QUANTIFIER.match(p) and _names_group(p, unit) for p in rest
    )


# ---------------------------------------------------------------------------------------------
# One cell that should hold a participant count. parse_count reads leniently (it serves sentences
# of bulletins too); a cell is read strictly: a value that is a date, a time, a percentage, a
# fraction, a reversed range or digits grouped by something other than thousands separators is
# refused with its reason, never turned into another number. Each reason is stated here once.
_RANGE_SEP = r"\s*(?:-|–|—|~|～|〜|至|到|to)\s*"
_DATE_CELL = re.compile(r"(?:19|20)\d\d\s*(?:[-/.年]\s*\d{1,2}\s*(?:[-/.月]\s*\d{1,2}\s*日?|月)?)")
_TIME_CELL = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?")
_GROUPED = re.compile(r"(?P<num>\d+(?:[,_.'’ ]\d+)+)")
_RANGE_CELL = re.compile(rf"(?P<lo>\d[\d,]*){_RANGE_SEP}(?P<hi>\d[\d,]*)(?P<rest>\D.*)?", re.IGNORECASE)
_DECIMAL = re.compile(r"(?P<int>\d+)\.(?P<frac>\d+)\s*(?P<mult>[十百千万亿萬億]*)")
_NOT_PARTICIPANT_WORDS = (
    "万元",
    "亿元",
    "元",
    "件",
    "批次",
    "台",
    "份",
    "条",
    "种",
    "款",
    "天",
    "小时",
    "岁",
    "届",
    "吨",
    "米",
    "公里",
    "倍",
)

# Why a cell is refused as a count: message codes of domain.messages (worded there, in both languages).


def _check_grouping(num: str) -> Message | None:
    """Why a run of digits with separators is not a number, or None when it is a well-formed one."""
    seps = set(re.findall(r"[,_.'’ ]", num))
    groups = re.split(r"[,_.'’ ]", num)
    if not seps:
        return None
    if seps == {"."} and len(groups) == 2:
        return None  # a plain decimal: judged by the fraction rule
    if (
        len(seps) == 1
        and seps <= {",", " ", "'", "’"}
        and 1 <= len(groups[0]) <= 3
        and all(len(g) == 3 for g in groups[1:])
    ):
        return None  # thousands separators
    sep = sorted(seps)[0]
    return msg("count_bad_grouping", sep=sep, plain="".join(groups))


def _not_a_count(s: str) -> Message | None:
    """Why a cell written like a date, a time or a percentage is not a count (None when it is not one)."""
    if _DATE_CELL.fullmatch(s):
        return msg("count_is_date", value=s)
    if _TIME_CELL.fullmatch(s):
        return msg("count_is_time", value=s)
    if s.endswith(("%", "％")) or "percent" in s.lower():
        return msg("count_is_percent", value=s)
    return None


def read_cell_count(text: str | int | float | None) -> tuple[Count | None, Message | None]:
    """Read one spreadsheet cell as a participant count, strictly.

    ``5-10`` (and 5~10人, 5到10家, 50 to 100 people) is a range: read as at least its lower bound.
    Thousands separators (``1,000``, ``1 000``) are read; ``1_000``, ``1.000.000`` or ``1,00`` are not.

    Args:
        text: The cell as written.

    Returns:
        ``(count, None)``; ``(None, reason)`` when the value is refused (a coded message saying what
        the value is, with the cell as ``value``); ``(None, None)`` for an empty or unreadable value
        (the caller says "cannot read").
    """
    if text is None or isinstance(text, bool):
        return None, None
    if isinstance(text, float) and text == text and not text.is_integer():
        return None, msg("count_fraction", value=str(text), fraction=str(text))
    s = str(text).translate(_FULLWIDTH).strip()
    if not s:
        return None, None
    shape = _not_a_count(s)
    if shape is not None:
        return None, shape
    if s.isascii() and s.isdigit():  # the common cell, what `plain` below reads, without the other tests
        return Count(int(s), "exact", None, "participants"), None
    rng = _RANGE_CELL.fullmatch(s)
    if rng and _check_grouping(rng["lo"]) is None and _check_grouping(rng["hi"]) is None:
        lo, hi = int(rng["lo"].replace(",", "")), int(rng["hi"].replace(",", ""))
        if lo > hi:
            return None, msg("count_reversed_range", value=s, lo=lo, hi=hi)
        tail = parse_count(f"{hi}{rng['rest'] or ''}")
        unit = tail.unit if tail is not None else None
        return Count(lo, "at_least", unit, "participants"), None
    for m in _GROUPED.finditer(s):
        problem = _check_grouping(m["num"])
        if problem:
            return None, msg(problem.code, value=s, **problem.params)
    for m in _DECIMAL.finditer(s):
        value = float(f"{m['int']}.{m['frac']}")
        exact = _apply_multiplier(value, m["mult"] or "")
        if abs(exact - round(exact)) > 1e-9:
            return None, msg("count_fraction", value=s, fraction=m.group(0).strip())
    word = next((w for w in _NOT_PARTICIPANT_WORDS if re.search(rf"\d\s*[十百千万亿]*{w}", s)), None)
    if word:
        return None, msg("count_other_measure", value=s, word=word)
    plain = re.fullmatch(r"(\d{1,3}(?:([, '’])\d{3})(?:\2\d{3})*|\d+)(?:\.0+)?", s)
    if plain:
        return Count(int(re.sub(r"[, '’]", "", plain[1])), "exact", None, "participants"), None
    return parse_count(s), None
