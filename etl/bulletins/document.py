"""The bulletin as the reader sees it: paragraphs, sentences, sections and the document's context.

Data only, plus the sentence and clause splitters every later stage uses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from domain.gazetteer import Match
from domain.messages import Message

from .cleaning import CleanParagraph

_META_KEYS = (
    "发布时间",
    "发布日期",
    "信息来源",
    "来源",
    "作者",
    "编辑",
    "责编",
    "责任编辑",
    # a page's credit and contact lines at its foot (制作:某某 / 审核:某某 / 联系电话:…): furniture, never
    # two headings of sections that would leave the story above them unread as an intro
    "制作",
    "审核",
    "校对",
    "电话",
    "文章出处",
    "出处",
    "日期",
    "时间",
    "点击数",
    "浏览",
    "阅读",
    "记者",
    "摄影",
    "通讯员",
    "今天",
    "当前位置",
    "所在位置",
    "您现在的位置",
    "访问量",
    "信息类别",
    "所在区域",
    "图说",
    "图片说明",
    "附件",
    "source",
    "date",
    "views",
    "author",
    "editor",
    "reading",
    "hits",
    "clicks",
    "published",
    "updated",
    "posted",
    "from",
    "reporter",
    "photo",
)


@dataclass
class Sentence:
    """A sentence of one paragraph; ``start``/``end`` index the paragraph's clean text."""

    para: CleanParagraph
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.para.text[self.start : self.end]

    def excerpt(self) -> str:
        return self.para.original_span(self.start, self.end).strip()


@dataclass
class Section:
    """A part of the bulletin reporting one activity (or a set of items)."""

    kind: str  # 'body', 'heading', 'item'
    paragraphs: list[CleanParagraph]
    heading: str | None = None  # the name before ':' of a heading section
    heading_rest: str | None = None  # the slogan after it


@dataclass
class DocContext:
    """Facts about the whole bulletin that sentences lean on."""

    source: str
    paragraphs: list[CleanParagraph]
    lang: str
    title: CleanParagraph | None = None
    dateline: date | None = None
    dateline_paras: set[int] = field(default_factory=set)
    # other pages' headlines listed under the story at the page's end (context._links_after_story): no story
    link_paras: set[int] = field(default_factory=set)
    context_year: int | None = None
    ordinal_year: int | None = None
    # the year of the campaign the text calls this year's (今年9月是第43个“质量月”: 2020), see context.py
    this_campaign_year: int | None = None
    text_year: int | None = None  # the report's own year when the text names no other (see context.py)
    within: str | None = None
    within_city: str | None = None  # the city the opening lines name: settles 鼓楼区 (Nanjing or Xuzhou)
    intro_region: Match | None = None
    scope: Match | None = None
    scope_declared: bool = False  # the scope is the title's or the date line's place (not the opening's)
    # a news agency's dateline city (本报北京9月13日电, SHANGHAI, May 10 (Xinhua) --): where the reporter
    # files from, the event's place only when nothing else in the report places it (see context.py)
    dateline_city: Match | None = None
    intro_date: tuple[date, str] | None = None
    story_date: date | None = None  # a paper's story date (湖南日报长沙9月4日讯): what 昨天 is read against
    campaign_month: int | None = None  # the month of the campaign the report is about (质量月: 9)
    observance_month: int | None = None  # the month of the observance day the title names (世界计量日: 5)
    notice_date: tuple[date, str] | None = None  # a notice's one 时间: line (时间:… / 地点:…)
    notice_place: Match | None = None  # the place of that notice's 地点: line
    # provinces and cities the opening lines name themselves (a dateline city too): what makes
    # "in Jiading" a place in a Shanghai story
    named_upper: set[str] = field(default_factory=set)
    # every province and city a name anywhere in the report may mean (Fuzhou: 福州 or 抚州), read
    # when a sentence names a district several cities have (places.regions_in)
    upper_names: frozenset[str] | None = None
    # per section (by its first paragraph's index): county-level units whose own bureau it names acting
    # (元宝山区质监分局设置咨询台), read once when an event is placed at a city only (places.district_bureau)
    bureau_units: dict[int, list[Match]] = field(default_factory=dict)


@dataclass
class Problem:
    locator: str | None
    reason: Message  # str() gives the English text


# A record's locator names the paragraph it was read from; this ending marks a record kept apart from
# every other of its bulletin (an item of a programme or a list, one of two events told in one sentence).
_ITEM = ", item"


def item_locator(para: CleanParagraph) -> str:
    """The locator of a record read from `para` that is kept apart: dedupe never merges it and its
    record id is its own (`is_item_locator`)."""
    return f"paragraph {para.index}{_ITEM}"


def is_item_locator(locator: str | None) -> bool:
    """Whether a locator marks a record kept apart from every other of its bulletin (`item_locator`)."""
    return (locator or "").endswith(_ITEM)


def split_sentences(para: CleanParagraph) -> list[Sentence]:
    """Sentences of a paragraph, split on 。!?; and on an English full stop followed by a space."""
    out: list[Sentence] = []
    text = para.text
    start = 0
    depth = 0
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "“":
            depth += 1
        elif ch == "”":
            depth = max(0, depth - 1)
        elif (
            depth == 0
            and (
                ch in "。!?;"
                or (
                    ch == "."
                    and (i + 1 == len(text) or text[i + 1] == " ")
                    and not re.search(
                        r"(?:\b[A-Z]|Co|Ltd|No|Mr|Dr|Inc|St|Prof|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)$",
                        text[start:i],
                    )
                    # "1. 9月3日..." : the number of a list item, not a sentence
                    and not (start == 0 and re.fullmatch(r"\s*\d{1,2}", text[:i]))
                )
            )
        ):
            j = i + 1
            while j < len(text) and text[j] in "。!?;”\"' ":
                j += 1
            if text[start:i].strip():
                out.append(Sentence(para, start, i + 1))
            start = j
            i = j
            continue
        i += 1
    if text[start:].strip():
        out.append(Sentence(para, start, len(text)))
    return out


def split_clauses(text: str) -> list[tuple[int, int]]:
    """Comma-separated clauses, ignoring commas inside quotes."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "“‘《":
            depth += 1
        elif ch in "”’》":
            depth = max(0, depth - 1)
        elif ch in ",;:" and depth == 0:
            out.append((start, i))
            start = i + 1
    out.append((start, len(text)))
    return [(s, e) for s, e in out if e > s]


# 时间:2023年9月15日 / 地点:… / 内容:…: the lines of an event notice.
_NOTICE_KEY = re.compile(
    r"^\s*(?:(?:活动)?(?:时间|日期|地点|内容|主题|对象|议程|形式)|(?:Date|Time|When|Location|Venue|Where|Theme))\s*[:：]"
)
# Date: 09/22/2022 (next to Location: …): an English notice's date line
_NOTICE_TIME_KEY = re.compile(r"^\s*(?:(?:活动)?(?:时间|日期)|Date|Time|When)\s*[:：]")


def notice_time_lines(paragraphs: list[CleanParagraph]) -> list[CleanParagraph]:
    """The 时间:/日期: lines of an event notice: those next to another notice line (地点:…), which
    state when the event is held, not when the page was published."""
    out = []
    for i, p in enumerate(paragraphs):
        if not _NOTICE_TIME_KEY.match(p.text):
            continue
        near = paragraphs[max(0, i - 1) : i] + paragraphs[i + 1 : i + 2]
        if any(_NOTICE_KEY.match(q.text) for q in near) or re.search(r"地点\s*[:：]|Location\s*:|Venue\s*:", p.text):
            out.append(p)
    return out


def is_meta(text: str) -> bool:
    head = text.split(":", 1)[0].strip(" -|").lower()
    if head.endswith("时间") and re.search(r"上午|下午|晚上|地点|内容|主题|活动", text):
        return False  # 时间:9月5日上午 地点:… is the event's time in a notice, not page furniture
    return any(head.endswith(k) for k in _META_KEYS) and ":" in text[:14]
