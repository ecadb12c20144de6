"""Cleaning bulletin text: Traditional -> Simplified, pinyin annotations removed, full-width forms.

Grain: one paragraph in, one `CleanParagraph` out. Every character of the clean text remembers
the offset of the original character it came from, so a sentence found in the clean text can be
quoted exactly as the file wrote it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from .dates import CLOCK, dateline_in, find_dates
from .lexicon import one_of, words

# Tone-marked vowels (precomposed and combining): what tells a pinyin annotation from a real
# parenthesis holding Latin letters, e.g. (zhì) vs (ISO) or (China).
_TONE = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ\u0300\u0301\u0304\u030c"
_PINYIN_BODY = rf"[a-zü{_TONE}]*[{_TONE}][a-zü{_TONE}]*"
# "(zhì)" after a character, and the broken form "?xì)" left when the converter lost the "(".
_PINYIN_RE = re.compile(rf"[(（]{_PINYIN_BODY}[)）]|(?<=[\u3400-\u9fff])\?{_PINYIN_BODY}[)）]")

_FULLWIDTH = {i: i - 0xFEE0 for i in range(0xFF01, 0xFF5F)}
_FULLWIDTH.update(
    {
        0x3000: 0x20,
        0x00A0: 0x20,
        0x2002: 0x20,
        0x2003: 0x20,
        0x2009: 0x20,
        ord("「"): ord("“"),
        ord("」"): ord("”"),
        ord("『"): ord("‘"),
        ord("』"): ord("’"),
        ord("〝"): ord("“"),
        ord("〞"): ord("”"),
        ord("―"): ord("—"),
        ord("﹕"): ord(":"),
    }
)
_FULLWIDTH_TABLE = str.maketrans(_FULLWIDTH)
# A typographic apostrophe inside an English word (Government’s, People’s, Int’l) is the apostrophe:
# written as ', one character for one, so every English rule reads one form. A ’ with a CJK character or
# a space on either side stays: it closes a quotation.
_APOSTROPHE = re.compile(r"(?<=[A-Za-z])’(?=[A-Za-z])")
# A text put into Traditional with Taiwan's vocabulary writes 品質 for 质量 (品質月, 建設品質強國), which character
# conversion keeps as 品质: the campaign is 质量月 whatever the vocabulary, so every stage reads it by that one
# name (a 品质月报/月度, a monthly report, is no campaign). Bodies keep the name as written (中国品质协会).
_TAIWAN_QUALITY_MONTH = re.compile(r"品质月(?![报度刊])")


@functools.lru_cache(maxsize=1)
def _converter():
    from opencc import OpenCC

    return OpenCC("t2s")


@functools.lru_cache(maxsize=1)
def _traditional_chars() -> frozenset[str]:
    """Characters that t2s changes: a paragraph without any is left alone (OpenCC is slow)."""
    import opencc

    path = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    chars = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        key, _, values = line.partition("\t")
        if key and values and values.split()[0] != key:
            chars.add(key)
    return frozenset(chars)


def to_simplified(text: str) -> str:
    """Traditional to Simplified Chinese with OpenCC t2s (skipped when nothing is traditional)."""
    trad = _traditional_chars()
    if not any(ch in trad for ch in text):
        return text
    return _converter().convert(text)


@dataclass(frozen=True)
class CleanParagraph:
    """One paragraph, cleaned, with the way back to the original.

    Attributes:
        index: 1-based paragraph number in the file (blank lines not counted).
        original: The paragraph as written.
        text: The cleaned paragraph.
        offsets: ``offsets[i]`` is the offset in ``original`` of ``text[i]``.
    """

    index: int
    original: str
    text: str
    offsets: tuple[int, ...]

    def original_span(self, start: int, end: int) -> str:
        """The original text behind ``text[start:end]``."""
        if start >= end or not self.offsets:
            return ""
        o_start = self.offsets[start]
        o_end = self.offsets[end - 1] + 1 if end - 1 < len(self.offsets) else len(self.original)
        return self.original[o_start:o_end]


def clean_line(line: str) -> tuple[str, list[int]]:
    """Clean one line and map each clean character to its original offset.

    Steps: drop pinyin annotations (a parenthesised run of pinyin letters with at least one tone
    mark, or its broken "?xì)" form); convert Traditional to Simplified; fold full-width letters,
    digits and punctuation to ASCII and corner quotes to curly quotes; write a year in Chinese
    digits (二〇一九年) in ASCII digits; an apostrophe inside an English word is ', and the Quality Month in
    Taiwan's vocabulary (品質月) is 质量月. Real parentheses stay:
    ``(集團(tuán))`` becomes ``(集团)``.

    Args:
        line: One paragraph of the original text.

    Returns:
        ``(clean, offsets)`` with ``len(offsets) == len(clean)``.
    """
    keep: list[int] = []
    pieces: list[str] = []
    pos = 0
    for m in _PINYIN_RE.finditer(line):
        pieces.append(line[pos : m.start()])
        keep.extend(range(pos, m.start()))
        pos = m.end()
    pieces.append(line[pos:])
    keep.extend(range(pos, len(line)))
    stripped = "".join(pieces)
    if _EMOJI_RE.search(stripped):
        # Emoji and pictographs (🎉 📣 ✅ 👉) decorate WeChat posts; they are no part of any field.
        kept = [(ch, k) for ch, k in zip(stripped, keep, strict=True) if not _EMOJI_RE.match(ch)]
        stripped = "".join(ch for ch, _ in kept)
        keep = [k for _, k in kept]
    simplified = to_simplified(stripped)
    if len(simplified) != len(stripped):
        # A phrase conversion changed the length (rare): convert character by character instead,
        # which keeps the one-to-one map at the cost of phrase-level accuracy.
        conv = _converter()
        simplified = "".join(c if len(c) == 1 else ch for ch, c in ((ch, conv.convert(ch)) for ch in stripped))
    clean = _CN_YEAR.sub(lambda m: m.group(0).translate(_CN_DIGITS), simplified.translate(_FULLWIDTH_TABLE))
    clean = _TAIWAN_QUALITY_MONTH.sub("质量月", _APOSTROPHE.sub("'", clean))
    return clean, keep


# A year in Chinese digits (二〇一九年, 一九九八年) becomes ASCII digits, one character for one, so
# that every later stage reads it as it reads 2019年.
_CN_YEAR = re.compile(r"(?<![一二三四五六七八九十〇零○])(?:一九|二[〇零○])[〇零○一二三四五六七八九]{2}(?=\s*年)")
_CN_DIGITS = str.maketrans("〇零○一二三四五六七八九", "000123456789")


# (Dingbat circled numbers ❶…➓, U+2776–2793, are a list's numbering, not emoji: they stay.)
_EMOJI_RE = re.compile("[\U0001f000-\U0001faff\u2600-\u2775\u2794-\u27bf\u2b00-\u2bff\ufe0f\u200d]")
# WeChat posts break one sentence over several lines: a line that is only a time (9月16日上午, 9月中旬,
# 前天上午, 2023年9月12日下午), or one without end punctuation followed by a line that goes on with the
# verb or the venue (…市场监管局 / 在…广场 / 举办…活动), is joined with the next line. A line is only a
# time when the date reader's mentions and words for a part of the day or month cover it.
# (A full date alone, 2019年09月06日, is a newspaper's date line, not a fragment: a full date is one
# only with a time of day.)
_TIME_WORDS = re.compile(r"(?:\s|" + words("time_of_day", "zh_line") + "|" + words("part_of_month", "zh") + ")*")
_TIME_OF_DAY = re.compile(words("time_of_day", "zh_line"))


def _is_time_only(line: str) -> bool:
    if len(line) > 20 or not re.search(r"[\u4e00-\u9fff]", line):
        return False
    mentions = find_dates(line)
    if not mentions:
        return False
    pos = 0
    for m in mentions:
        if not _TIME_WORDS.fullmatch(line, pos, m.start):
            return False
        pos = m.end
    if not _TIME_WORDS.fullmatch(line, pos):
        return False
    full = any(m.year and m.day and not m.relative for m in mentions)
    return not full or bool(_TIME_OF_DAY.search(line))


# A line that is only a year (2021年, 2021), above an entry that opens with its month (9月10日,…).
_YEAR_ONLY = re.compile(r"^\s*(?:19|20)\d\d\s*年?\s*$")
_MONTH_FIRST = re.compile(r"^\s*(?:1[0-2]|0?[1-9])\s*月")
_GOES_ON = re.compile(r"^\s*(?:在|于|举办|举行|召开|开展|组织|启动|邀请|走进)")
# An English line that stops mid-sentence (a word, no end mark) and a next line that goes on in lower case.
_EN_BROKEN = re.compile(r"[A-Za-z0-9,]$")
_EN_GOES_ON = re.compile(r"^\s*[a-z]")
_ENDED = re.compile(r"[。!?;:.!?;:”\"」)）]\s*$")
# A page's furniture (发布日期:2021-10-15 / 来源:某局 / 作者:…) is never the start of a broken sentence,
# whatever line follows it (在…之际,10月13日,…).
_PAGE_LINE = re.compile(
    one_of("page_key", "zh_line") + r"\s*(?:次数|量)?\s*[:：]|"
    r"(?<!\d)(?:19|20)\d\d[-/.]\d{1,2}[-/.]\d{1,2}(?!\d)"
)


# The key lines of an event notice (时间:9月5日上午 / 地点:… / 内容:…), joined into one sentence.
_NOTICE_KEY = re.compile(
    r"^\s*(?:活动)?(?:" + words("notice_key", "zh") + "|" + words("notice_key", "zh_more") + r")\s*[:：]"
)


# A notice's key written as a numbered heading with its value on the next line (一、会议时间 /
# 2023年9月21日上午9:00 / 二、会议地点 / 某会展中心): read as the key lines 时间:… / 地点:….
_NOTICE_HEADING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|\d{1,2}\s*[、.．]|[(（][一二三四五六七八九十\d]{1,3}[)）])?\s*"
    r"(?:会议|活动|培训|举办|报到|比赛|竞赛)?(?P<key>时间|地点)\s*[:：]?\s*$"
)


def _notice_headings(lines: list[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(lines):
        m = _NOTICE_HEADING.match(lines[i])
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if m and nxt and not _NOTICE_HEADING.match(nxt) and len(nxt) < 80:
            out.append(f"{m.group('key')}:{nxt}")
            i += 2
            continue
        out.append(lines[i])
        i += 1
    return out


# A page's date as the page writes it: the full Chinese date (2024年3月2日, group `zh`) or a machine-written one
# (2024-03-02, 2024/3/2), as a page's bracketed date and its posting header hold it.
_PAGE_DATE = r"(?:(?P<zh>(?:19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)|(?:19|20)\d\d[-/.]\d{1,2}[-/.]\d{1,2}(?!\d))"


# （2010年9月16日）  9月15日,…: a page's date in brackets opening the first line of its body is the
# page's date line, not the first date of the body's sentence: it gets a line of its own…
_BRACKETED_DATE_HEAD = re.compile(r"^\s*[(（]\s*" + _PAGE_DATE + r"\s*[)）](?=\s*\S)")


# …when the body opens with a date of its own; otherwise the bracketed date is the item's date.
_OWN_DATE_FIRST = re.compile(r"\s*[^。,，;；]{0,12}?(?:\d{1,2}\s*月\s*\d{1,2}\s*[日号]|[昨今前]天|昨日|今日|近日|日前)")


# A page's posting header glued to the first line of its body, its line break lost: a publication key and the
# page's date (发布时间:2024-03-02为迎接…), or the page's machine-written date with its clock time and views (某网
# 2024-03-02 09:15:40 215浏览 作者:…; not 2024年3月2日9:30, an event's own time). The header is the page's date
# line, never the first date of the body's sentence.
_POSTED_HEAD = re.compile(
    r"^(?P<before>[^。,，;；]{0,20}?)" + _PAGE_DATE + rf"(?P<clock>\s+{CLOCK})?(?:\s*\d+\s*次?(?:浏览|阅读))?"
)
_PUBLISHED_KEY = re.compile(r"(?:发布|发表|更新)(?:时间|日期)\s*[:：]\s*$")
# The body goes on in running text (a sentence of its own), not an event's time of day or a list's punctuation.
_NO_TIME_OF_DAY = "(?!" + words("time_of_day", "zh") + "|" + words("time_of_day", "zh_more") + ")"
_BODY_GOES_ON = re.compile(r"\s*" + _NO_TIME_OF_DAY + r"[\u4e00-\u9fff“\"A-Za-z][^。]{8,}[。,，]")


def _posted_head(line: str) -> int:
    """Where a posting header glued to the body's first line ends (`_POSTED_HEAD`: a publication key before the
    page's date, or a clock time after a machine-written one), or 0. The header must be a date line on its own (`dates.dateline_in`)
    and running text must follow it (`_BODY_GOES_ON`)."""
    m = _POSTED_HEAD.match(line)
    if m is None or not (_PUBLISHED_KEY.search(m.group("before")) or (m.group("clock") and not m.group("zh"))):
        return 0
    if not _BODY_GOES_ON.match(line, m.end()) or dateline_in(clean_line(m.group(0))[0]) is None:
        return 0
    return m.end()


def _split_dated_heads(lines: list[str]) -> list[str]:
    out: list[str] = []
    for ln in lines:
        m = _BRACKETED_DATE_HEAD.match(ln)
        posted = _posted_head(ln)
        if m and _OWN_DATE_FIRST.match(ln, m.end()):
            out += [m.group(0).strip(), ln[m.end() :].strip()]
        elif posted:
            out += [ln[:posted].strip(), ln[posted:].strip()]
        else:
            out.append(ln)
    return out


# A web page's navigation, not its text: links to the previous and next pages (上一篇:…), a block of
# links to other pages under its heading (相关新闻 / 推荐阅读, each a title, often with its date), and
# the page's buttons (【打印本页】【关闭窗口】, 分享到:微信). Their titles name other places and days.
_NAV_LINK = re.compile(
    r"^\s*(?:" + words("page_nav", "zh_link") + "|" + words("page_nav", "en_link") + r")\s*[:：]", re.IGNORECASE
)
_LINKS_HEADING = re.compile(
    r"^\s*[【\[]?\s*(?:"
    + words("page_nav", "zh_heading")
    + "|"
    + words("page_nav", "en_heading")
    + r")\s*[】\]]?\s*[:：]?\s*$",
    re.IGNORECASE,
)
_BUTTONS = re.compile(
    r"^\s*(?:[【\[](?:打印本页|关闭窗口|打印|关闭|返回顶部|收藏|字体)[^】\]]{0,6}[】\]]\s*)+$|^\s*分享到\s*[:：]"
)
# A link's line: a short title with no sentence's end (its date may follow).
_LINK_LINE = re.compile(r"^[^。!?;！？；]{2,60}$")


def _without_page_furniture(lines: list[str]) -> list[str]:
    out: list[str] = []
    in_links = False
    for ln in lines:
        if in_links and ln and _LINK_LINE.match(ln):
            continue
        in_links = bool(_LINKS_HEADING.match(ln)) or (in_links and not ln)
        if in_links or _NAV_LINK.match(ln) or _BUTTONS.match(ln):
            continue
        out.append(ln)
    return out


def _joined_lines(text: str) -> list[str]:
    lines = _notice_headings(_split_dated_heads(_without_page_furniture([ln.strip() for ln in text.split("\n")])))
    out: list[str] = []
    carry = ""
    for i, line in enumerate(lines):
        if not line:
            if carry:
                out.append(carry)
                carry = ""
            out.append("")
            continue
        line = carry + line
        carry = ""
        nxt = next((ln for ln in lines[i + 1 : i + 2] if ln), "")
        bare = _EMOJI_RE.sub("", line).strip()
        if nxt and _NOTICE_KEY.match(bare) and _NOTICE_KEY.match(_EMOJI_RE.sub("", nxt)):
            carry = line  # 时间:… / 地点:… / 内容:…: one notice of one event
            continue
        if nxt and _YEAR_ONLY.match(bare) and _MONTH_FIRST.match(_EMOJI_RE.sub("", nxt)):
            carry = line  # 2021年 / 9月10日,…: a chronicle's year heading gives the entry under it its year
            continue
        if nxt and _EN_BROKEN.search(bare) and _EN_GOES_ON.match(_EMOJI_RE.sub("", nxt)):
            carry = line + " "  # an English sentence broken over lines: "…Inspection Station / trained 85 …"
            continue
        if (
            nxt
            and len(bare) < 40
            and not _ENDED.search(bare)
            and not (_PAGE_LINE.search(bare) and not _is_time_only(bare))
            and (_is_time_only(bare) or _GOES_ON.match(_EMOJI_RE.sub("", nxt)))
        ):
            carry = line
            continue
        out.append(line)
    if carry:
        out.append(carry)
    return out


def clean_paragraphs(text: str) -> list[CleanParagraph]:
    """Split text into non-blank lines and clean each one.

    Args:
        text: The bulletin text, one paragraph per line.

    Returns:
        Cleaned paragraphs numbered from 1; surrounding whitespace is trimmed from both the clean
        and the original text.
    """
    out: list[CleanParagraph] = []
    for raw in _joined_lines(text):
        original = raw.strip()
        if not original:
            continue
        clean, offsets = clean_line(original)
        # Trimming after cleaning: full-width spaces become ASCII ones only now.
        lead = len(clean) - len(clean.lstrip())
        trail = len(clean.rstrip())
        if trail <= lead:
            continue
        out.append(CleanParagraph(len(out) + 1, original, clean[lead:trail], tuple(offsets[lead:trail])))
    return out
