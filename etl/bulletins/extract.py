"""From a cleaned bulletin to activity records: segmentation and field extraction.

Grain: one `ActivityRecord` per activity the bulletin reports (the main event of a single-event
report; one per district/enterprise section under a heading such as ``宝山:``; one per numbered
programme item that names a concrete event; a second event held by another organiser in the same
report, e.g. ``开幕式后,X厂召开了座谈会``).

A field the text does not support stays empty (None / 'unknown'): nothing is guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from domain import numbers
from domain.gazetteer import Gazetteer, Match
from domain.record import ActivityRecord, make_record_id
from domain.taxonomy import quality_month_year

from . import rules
from .cleaning import CleanParagraph
from .dates import DateMention, dateline_in, find_dates, resolve_relative

_SENT_END_ZH = re.compile(r"[。!?;]+|\.(?=\s|$)(?<![A-Z]\.)")
_HEADING_RE = re.compile(r"^(?P<name>[^\s:,。;“”()]{2,12})\s*:\s*(?P<rest>.*)$")
# 【嘉定区】 / [嘉定区] / 〖嘉定区〗 on a line of its own, or followed by the section's first sentence.
_BRACKET_HEADING_RE = re.compile(r"^[【\[〖]\s*(?P<name>[^】\]〗\s]{2,15})\s*[】\]〗]\s*[::]?\s*(?P<rest>.*)$")
_META_KEYS = ("发布时间", "发布日期", "信息来源", "来源", "作者", "编辑", "责编", "责任编辑", "文章出处", "出处", "日期",
              "时间", "点击数", "浏览", "阅读", "记者", "摄影", "通讯员", "今天", "当前位置", "您现在的位置", "附件",
              "source", "date", "views", "author", "editor", "reading", "hits", "clicks", "published", "updated",
              "posted", "from", "reporter", "photo")
# Programme numbering: 1. / 1、 / 1) / (1) / (一) / 一、 / ①. Full-width brackets are ASCII after cleaning.
_ITEM_RE = re.compile(r"^\s*(?:(?P<n>\d{1,2})\s*[.、)]|[(]\s*(?P<p>\d{1,2}|[一二三四五六七八九十]{1,3})\s*[)]\s*[、.]?"
                      r"|(?P<c>[一二三四五六七八九十]{1,3})\s*、|(?P<o>[\u2460-\u2473]))\s*(?=\S)")
_YEAR_ZH = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*年(?!度)")
_YEAR_ANY = re.compile(r"(?<![\d/-])((?:19|20)\d\d)(?![\d/-])(?!\s*年度)")
_REGION_HINT_EN = re.compile(r"^[A-Z]")


@dataclass
class Sentence:
    """A sentence of one paragraph; ``start``/``end`` index the paragraph's clean text."""

    para: CleanParagraph
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.para.text[self.start:self.end]

    def excerpt(self) -> str:
        return self.para.original_span(self.start, self.end).strip()


@dataclass
class Section:
    """A part of the bulletin reporting one activity (or a set of items)."""

    kind: str                           # 'body', 'heading', 'item'
    paragraphs: list[CleanParagraph]
    heading: str | None = None          # the name before ':' of a heading section
    heading_rest: str | None = None     # the slogan after it


@dataclass
class DocContext:
    """Facts about the whole bulletin that sentences lean on."""

    source: str
    paragraphs: list[CleanParagraph]
    lang: str
    title: CleanParagraph | None = None
    dateline: date | None = None
    dateline_paras: set[int] = field(default_factory=set)
    context_year: int | None = None
    ordinal_year: int | None = None
    within: str | None = None
    intro_region: Match | None = None
    scope: Match | None = None
    intro_date: tuple[date, str] | None = None


@dataclass
class Problem:
    locator: str | None
    reason: str


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
        elif depth == 0 and (ch in "。!?;" or (ch == "." and (i + 1 == len(text) or text[i + 1] == " ")
                                                and not re.search(r"(?:\b[A-Z]|Co|Ltd|No|Mr|Dr|Inc|St|Prof|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)$",
                                                              text[start:i])
                                                # "1. 9月3日..." : the number of a list item, not a sentence
                                                and not (start == 0 and re.fullmatch(r"\s*\d{1,2}", text[:i])))):
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


def _clauses(text: str) -> list[tuple[int, int]]:
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


# ------------------------------------------------------------------------------------------ document
def build_context(source: str, paragraphs: list[CleanParagraph], lang_hint: str | None,
                  gazetteer: Gazetteer) -> DocContext:
    """Title, dateline, context year and regional context of a bulletin."""
    body = "".join(p.text for p in paragraphs[:20])
    cjk = sum(1 for ch in body if "\u4e00" <= ch <= "\u9fff")
    lang = lang_hint or ("zh" if cjk > len(body) * 0.2 else "en")
    ctx = DocContext(source=source, paragraphs=paragraphs, lang=lang)
    for p in paragraphs:
        if p.index <= 6 or re.search(r"https?://", p.text):
            d = dateline_in(p.text)
            if d is not None and len(p.text) < 120:
                ctx.dateline_paras.add(p.index)
                if ctx.dateline is None:
                    ctx.dateline = d
    for p in paragraphs[:3]:
        if p.index in ctx.dateline_paras or _is_meta(p.text):
            continue
        limit = 60 if lang == "zh" else 160
        if len(p.text) <= limit and not p.text.endswith(("。", ".")) and not find_dates(p.text):
            ctx.title = p
        break
    # Context year: a year written next to the campaign's name (2008年“质量月”, 2015 The annual safety...).
    full = "\n".join(p.text for p in paragraphs)
    for m in _YEAR_ANY.finditer(full):
        near = full[m.end():m.end() + (16 if lang == "zh" else 40)].split("\n")[0]
        if rules.find_campaign(near) or re.match(r"\s*年?\s*(?:度)?\s*[^\n,。]{0,8}[“\"]?(?:质量月|quality month)", near,
                                                 re.IGNORECASE):
            ctx.context_year = int(m.group(1))
            break
    if ctx.context_year is None and ctx.title is not None:
        # A title that names one year (闵行区2021年质量工作会议召开) dates what it reports.
        years = {int(y) for y in _YEAR_ZH.findall(ctx.title.text)} or (
            {int(m.group(1)) for m in _YEAR_ANY.finditer(ctx.title.text)} if lang == "en" else set())
        if len(years) == 1:
            ctx.context_year = years.pop()
    om = rules.ORDINAL_RE.search(full)
    if om:
        n = om.group("zh") or om.group("en")
        n_int = numbers.cn_to_int(n)
        if n_int:
            ctx.ordinal_year = quality_month_year(n_int)
    # Regional context: the first place named in the title or the opening paragraphs (a place
    # that only names a subsidiary, X集团广西公司, says nothing about where the bulletin is from).
    for p in paragraphs[:6]:
        found = _drop_subsidiaries(p.text, gazetteer.find_all(p.text), media=False)
        if found:
            ctx.within = found[0].resolution.region.province_adcode
            break
    # The bulletin's own scope: its title's place, else its dateline's (来源:上海市质量协会), else
    # the first place of its opening paragraphs.
    opening = [p for p in paragraphs[:6] if p is not ctx.title and p.index not in ctx.dateline_paras][:3]
    for p in ([ctx.title] if ctx.title else []) + [p for p in paragraphs if p.index in ctx.dateline_paras] + opening:
        scope = pick_region(_regions(p.text, ctx, gazetteer))
        if scope is not None:
            ctx.scope = scope
            break
    return ctx


def _is_meta(text: str) -> bool:
    head = text.split(":", 1)[0].strip(" -|").lower()
    return any(head.endswith(k) for k in _META_KEYS) and ":" in text[:14]


def _heading(p: CleanParagraph, gazetteer: Gazetteer | None, within: str | None) -> tuple[str, str] | None:
    """``(name, rest)`` when the paragraph opens a district/enterprise section, else None.

    Three forms: ``宝山:质量提升`` (a short name and a slogan, on its own line); ``【嘉定区】`` (a
    bracketed name, alone or followed by the section's first sentence); ``宝山:9月2日,宝山区...``
    (a place name, then the section's text on the same line) -- the last only when the name is a
    place the gazetteer knows, because a long line with a colon is usually a sentence.
    """
    m = _BRACKET_HEADING_RE.match(p.text)
    if m and not re.search(r"\d", m.group("name")):
        return m.group("name"), m.group("rest")
    m = _HEADING_RE.match(p.text)
    if not m or _is_meta(p.text) or re.search(r"\d", m.group("name")):
        return None
    if not find_dates(m.group("rest")[:12]) and len(p.text) < 60:
        return m.group("name"), m.group("rest")
    if gazetteer is not None and gazetteer.resolve(m.group("name"), within=within) is not None \
            and (find_dates(m.group("rest")) or rules.EVENT_VERB_RE.search(m.group("rest"))):
        return m.group("name"), m.group("rest")
    return None


def _heading_carries_text(rest: str | None) -> bool:
    """The text after a heading name is the section's first sentence, not a slogan."""
    return bool(rest) and bool(find_dates(rest) or len(rest) > 30)


def segment(ctx: DocContext, gazetteer: Gazetteer | None = None) -> tuple[list[CleanParagraph], list[Section]]:
    """Split a bulletin into an intro and sections.

    Headings (see `_heading`; at least two in the bulletin) open district/enterprise sections.
    Numbered items (1. / (1) / 一、) in the intro become item sections when there are at least two
    of them. A bulletin with neither is one body section.

    Args:
        ctx: The bulletin's context.
        gazetteer: Used to accept a place-name heading followed by text on the same line.

    Returns:
        (intro paragraphs, sections).
    """
    paras = [p for p in ctx.paragraphs if p.index not in ctx.dateline_paras]
    heads: list[int] = []
    found: dict[int, tuple[str, str]] = {}
    for i, p in enumerate(paras):
        h = _heading(p, gazetteer, ctx.within)
        if h is not None:
            heads.append(i)
            found[i] = h
    sections: list[Section] = []
    if len(heads) >= 2:
        intro = paras[:heads[0]]
        for k, i in enumerate(heads):
            end = heads[k + 1] if k + 1 < len(heads) else len(paras)
            name, rest = found[i]
            if _heading_carries_text(rest):
                # 宝山:9月2日,宝山区举行…: the heading line is the section's first paragraph.
                sections.append(Section("heading", paras[i:end], name, None))
            else:
                sections.append(Section("heading", paras[i + 1:end], name, rest))
    else:
        intro, rest = [], paras
        items = [i for i, p in enumerate(paras) if _ITEM_RE.match(p.text) or _table_row(p.text)]
        if len(items) >= 2:
            intro = paras[:items[0]]
            for k, i in enumerate(items):
                end = items[k + 1] if k + 1 < len(items) else len(paras)
                # An item is its own line; the lines after the last item are only its continuation
                # when they do not look like a new section (heading or dateline).
                sections.append(Section("item", paras[i:end] if k + 1 < len(items) else paras[i:i + 1]))
            return intro, sections
        sections.append(Section("body", rest))
    # Items inside the intro of a headed bulletin are city-wide programme items.
    items = [i for i, p in enumerate(intro) if _ITEM_RE.match(p.text) or _table_row(p.text)]
    if len(items) >= 2:
        item_secs = [Section("item", [intro[i]]) for i in items]
        intro = intro[:items[0]]
        sections = item_secs + sections
    return intro, sections


# ------------------------------------------------------------------------------------------ fields
def _ancestor_codes(gazetteer: Gazetteer, adcode: str) -> set[str]:
    """Adcodes of the province and city a region belongs to."""
    prov, city, _ = gazetteer.lineage(adcode)
    return {r.adcode for r in (prov, city) if r is not None}


_CHILD_AFTER_PARENT = re.compile(r"[\u4e00-\u9fff]{1,6}?(?:新区|区|县|市|旗)")


_CHILD_AFTER_PARENT_EN = re.compile(r"(?:'s)?\s+(?:[A-Z][a-z']+[ -]){0,1}[A-Z][a-z']+\s+(?:District|County)\b")
_CHILD_BEFORE_PARENT_EN = re.compile(r"\b(?P<child>(?:[A-Z][a-z']+[ -])?[A-Z][a-z']+\s+(?:District|County))"
                                     r"(?:\s*,\s*|\s+(?:in|of)\s+)(?P<parent>[A-Z][a-z']+)\b")


_PAIR_EN = (
    re.compile(r"\b(?P<parent>[A-Z][a-z']+)'s\s+(?P<child>(?:[A-Z][a-z']+[ -])?[A-Z][a-z']+\s+(?:[Dd]istrict|[Cc]ounty))\b"),
    re.compile(r"\b(?P<child>(?:[A-Z][a-z']+[ -])?[A-Z][a-z']+\s+(?:[Dd]istrict|[Cc]ounty))"
               r"(?:\s*,\s*|\s+(?:in|of)\s+)(?P<parent>[A-Z][a-z']+)\b"),
)
_EN_NAMES: dict[int, dict[str, list[str]]] = {}


def _regions_named_en(gazetteer: Gazetteer, name: str) -> list[str]:
    """Adcodes of the provinces and cities whose English name is ``name`` (Suzhou: 苏州 and 宿州)."""
    table = _EN_NAMES.get(id(gazetteer))
    if table is None:
        table = {}
        for r in gazetteer.regions(include_former=False):
            if r.level in ("province", "city") and r.name_en:
                table.setdefault(r.name_en.lower(), []).append(r.adcode)
        _EN_NAMES[id(gazetteer)] = table
    return table.get(name.lower(), [])


def _pairs_with_ambiguous_parent(text: str, gazetteer: Gazetteer) -> list[Match]:
    """"Suzhou's Wujiang district", "Wujiang District of Suzhou": a district named with a city whose
    English name is shared (Suzhou is 苏州 and 宿州); the district settles which city is meant."""
    out = []
    for pat in _PAIR_EN:
        for m in pat.finditer(text):
            found = {}
            for parent in _regions_named_en(gazetteer, m.group("parent")):
                res = gazetteer.resolve(m.group("child"), within=parent)
                if res is not None and res.region.level == "district" and \
                        parent in _ancestor_codes(gazetteer, res.region.adcode):
                    found[res.region.adcode] = res
            if len(found) == 1:
                out.append(Match(m.start("child"), m.end("child"), m.group("child"), next(iter(found.values()))))
    return out


def _children_after_parents(text: str, found: list[Match], gazetteer: Gazetteer) -> list[Match]:
    """Districts whose name alone is ambiguous, written with their city: 南京市鼓楼区, 舟山普陀区,
    "Nanjing's Gulou District", "Datong District in Huainan".

    The gazetteer leaves 鼓楼区 unresolved on its own (five cities have one); the city written
    next to it settles which.
    """
    taken = {m.start for m in found}
    out = []

    def add(start: int, end: int, surface: str, parent: Match, name: str) -> None:
        res = gazetteer.resolve(name)
        if res is not None and res.region.level == "district" and \
                parent.resolution.region.adcode in _ancestor_codes(gazetteer, res.region.adcode):
            out.append(Match(start, end, surface, res))
            taken.add(start)

    for m in found:
        if m.resolution.region.level not in ("province", "city"):
            continue
        cm = _CHILD_AFTER_PARENT.match(text, m.end)
        if cm is not None and m.end not in taken:
            add(cm.start(), cm.end(), cm.group(0), m, m.surface + cm.group(0))
        em = _CHILD_AFTER_PARENT_EN.match(text, m.end)
        if em is not None:
            child = em.group(0).removeprefix("'s").strip()
            start = em.end() - len(child)
            if start not in taken:
                add(start, em.end(), child, m, f"{child}, {m.surface}")
    if re.search(r"District|County", text):
        by_start = {m.start: m for m in found}
        for em in _CHILD_BEFORE_PARENT_EN.finditer(text):
            parent = by_start.get(em.start("parent"))
            if parent is not None and em.start() not in taken:
                add(em.start(), em.end("child"), em.group("child"), parent,
                    f"{em.group('child')}, {em.group('parent')}")
    return out


# A place written right before a unit of a company names that unit (华晟电气江西公司, 书香门地广西公司,
# "its Jiangxi branch"), not where the reported event was held, unless it is the venue (在宝山基地举行).
_SUBSIDIARY_ZH = re.compile(r"(?:分公司|子公司|公司|分厂|工厂|基地|办事处|项目部|事业部)")
_SUBSIDIARY_EN = re.compile(r"\s+(?:branch(?:es)?|subsidiar(?:y|ies)|company|companies|co\.|plant|factory|base|office)\b",
                            re.IGNORECASE)
_VENUE_BEFORE_ZH = re.compile(r"(?:在|于|赴|到)[^,。;:“”]{0,15}$")
_VENUE_BEFORE_EN = re.compile(r"\b(?:at|in|to)\s+(?:its|the|their|a|an)?\s*$", re.IGNORECASE)


_HOLDS_ZH = re.compile(r"举行|举办|召开|开展|组织")
_HOLDS_EN = re.compile(r"\b(?:held|holds|hosted|hosts|launched|launches|organi[sz]ed|convened|staged)\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[,;。!?]|\.\s")


def _is_subsidiary(text: str, m: Match) -> bool:
    """The place ``m`` only names a company's unit (X江西公司, "its Jiangxi branch") that is not
    the one holding the reported event.

    A unit that is the subject of the first clause reporting an event (X集团湖北公司举行…, "the
    Jiading branch of X held...") is where that event is: its place stays.
    """
    zh = _SUBSIDIARY_ZH.match(text, m.end)
    en = None if zh else _SUBSIDIARY_EN.match(text, m.end)
    if zh is None and en is None:
        return False
    if zh is not None and _VENUE_BEFORE_ZH.search(text[max(0, m.start - 16):m.start]):
        return False
    if en is not None and _VENUE_BEFORE_EN.search(text[max(0, m.start - 12):m.start]):
        return False
    holds = _HOLDS_ZH if zh is not None else _HOLDS_EN
    before = [b.end() for b in _CLAUSE_BREAK.finditer(text, 0, m.start)]
    clause_start = before[-1] if before else 0
    nxt = _CLAUSE_BREAK.search(text, m.end)
    clause_end = nxt.start() if nxt else len(text)
    earlier_event = holds.search(text, 0, clause_start) is not None
    own_event = holds.search(text, (zh or en).end(), clause_end) is not None
    return earlier_event or not own_event


# A place that is part of a name, not where anything happens: a newspaper or broadcaster (河南日报,
# 宁波晚报, 中国质量新闻网) or a company's regional seat in brackets (海信(广东)空调有限公司).
_MEDIA_AFTER = re.compile(r"(?:日报|晚报|早报|商报|新闻网|电视台|广播电视台|在线|网)(?:社|讯|消息)?")
_BRACKETED_IN_NAME = re.compile(r"\)[\u4e00-\u9fff]{0,10}?(?:有限公司|公司|集团|厂)")


def _in_company_name(text: str, m: Match) -> bool:
    return text[m.start - 1:m.start] == "(" and bool(_BRACKETED_IN_NAME.match(text, m.end))


def _drop_subsidiaries(text: str, found: list[Match], media: bool = True) -> list[Match]:
    """``found`` without the places that only name a company's unit or a newspaper.

    A local paper's name (秀山网讯) is the only place some reports give: with ``media`` it is kept
    when the text names no other place (河南日报消息 …在郑州举行 keeps only 郑州).
    """
    kept = [m for m in found if not _is_subsidiary(text, m) and not _in_company_name(text, m)]
    named = [m for m in kept if not _MEDIA_AFTER.match(text, m.end)]
    return named or (kept if media else [])


def _names_only_subsidiaries(text: str, gazetteer: Gazetteer) -> bool:
    """``text`` names places, and every one of them is a company's unit."""
    found = gazetteer.find_all(text)
    return bool(found) and all(_is_subsidiary(text, m) for m in found)


_FULL_NAME_END = ("区", "县", "市", "旗", "州", "省")


def _is_a_word(text: str, m: Match) -> bool:
    """Whether a short county-level name (滨江, 资源, 惠民) is a word of ``text`` and not part of
    another word (资源共享, 滨江大道): jieba segments a window around it and both ends must be
    word boundaries. Full names (…区/县/市) and English are always words."""
    if m.surface.endswith(_FULL_NAME_END) or m.surface.isascii() or m.resolution.region.level != "district":
        return True
    from . import words

    return words.is_word_at(text, m.start, m.end)


def _regions(text: str, ctx: DocContext, gazetteer: Gazetteer) -> list[Match]:
    found = [m for m in gazetteer.find_all(text, within=ctx.within) if _is_a_word(text, m)]
    if found:
        found = sorted(found + _children_after_parents(text, found, gazetteer), key=lambda m: m.start)
        found = _drop_subsidiaries(text, found)
    if ctx.within:
        # A bare short form far from the bulletin's province is usually a word (惠民服务, 资源,
        # 滨江 in a Shanghai report): keep it only when written in full (惠民县) or nearby.
        found = [m for m in found if m.resolution.region.province_adcode == ctx.within
                 or m.surface in (m.resolution.region.name_zh, m.resolution.region.name_en)
                 or m.resolution.region.level == "province"
                 or re.search(r"[省市区县]$|District|City|County|Province", m.surface)]
    if ctx.lang == "en":
        if re.search(r"district|county", text, re.IGNORECASE):
            spans = [(m.start, m.end) for m in found]
            found += [m for m in _pairs_with_ambiguous_parent(text, gazetteer)
                      if not any(a < m.end and m.start < b for a, b in spans)]
        for lm in _LITERAL_EN.finditer(text):
            zh = _LITERAL_MAP.get((lm.group(1).lower(), lm.group(2).lower()))
            res = gazetteer.resolve(zh) if zh else None
            if res is not None:
                found.append(Match(lm.start(), lm.end(), lm.group(0), res))
        # English running text: person names (Rao Xiaoxi) can read as pinyin place names; keep
        # official English names and names followed by District/City/Province, or known cities.
        keep = []
        for m in found:
            tail = text[m.end:m.end + 12]
            r = m.resolution.region
            if " " in m.surface or re.match(r"\s+(?:District|City|County|Province|area|region)", tail) \
                    or r.level in ("province", "city"):
                keep.append(m)
        # A county-level name next to its own province or city (Kunshan, Jiangsu) is a place too:
        # a person's name does not come with the province it would be a county of.
        parents = {m.resolution.region.adcode for m in keep}
        keep += [m for m in found if m not in keep and m.resolution.region.level == "district"
                 and parents & _ancestor_codes(gazetteer, m.resolution.region.adcode)]
        found = sorted(keep, key=lambda m: m.start)
    return found


def pick_region(matches: list[Match]) -> Match | None:
    """The most specific place named.

    When several unrelated places share the most specific level (Fujian, Sichuan and Jiangxi),
    the text does not say where the event was: None, so the caller looks further.
    """
    if not matches:
        return None
    order = {"province": 0, "city": 1, "district": 2}
    deepest = max(order[m.resolution.region.level] for m in matches)
    top = [m for m in matches if order[m.resolution.region.level] == deepest]
    if len({m.resolution.region.adcode for m in top}) == 1:
        return top[0]
    return None


# Machine translations render place names word by word: 山东 -> "Mountain East" / "Mountain dong".
_LITERAL_EN = re.compile(r"\b(Mountain|River|Lake)\s*(East|West|South|North|dong|xi|nan|bei)", re.IGNORECASE)
_LITERAL_MAP = {("mountain", "east"): "山东", ("mountain", "dong"): "山东", ("mountain", "west"): "山西",
                ("mountain", "xi"): "山西", ("river", "south"): "河南", ("river", "nan"): "河南",
                ("river", "north"): "河北", ("river", "bei"): "河北", ("lake", "south"): "湖南",
                ("lake", "nan"): "湖南", ("lake", "north"): "湖北", ("lake", "bei"): "湖北"}


def _resolve_date(mention: DateMention | None, sentence: str, ctx: DocContext, year_hint: int | None = None
                  ) -> tuple[date | None, date | None, str | None]:
    """(start, end, precision) of the event date; the year comes from the text, never from today.

    The year is the mention's own, else one written in the sentence, else ``year_hint`` (the year
    of an earlier event in the same report), else the dateline's, else the context year.
    """
    if mention is None:
        return None, None, None
    if mention.relative:
        d, prec = resolve_relative(mention.relative, ctx.dateline)
        if d is None and mention.relative == "recent":
            year = ctx.context_year or ctx.ordinal_year
            if year:
                return date(year, 1, 1), None, "year"
        return d, None, prec
    year = mention.year
    if year is None:
        sy = [int(y) for y in _YEAR_ZH.findall(sentence)] or [
            int(m.group(1)) for m in _YEAR_ANY.finditer(sentence) if ctx.lang == "en"]
        if sy:
            year = sy[0]
        elif year_hint is not None:
            year = year_hint
        elif ctx.dateline is not None:
            year = ctx.dateline.year
            if mention.month and mention.month > ctx.dateline.month + 1:
                year -= 1  # reported in January about December
        else:
            year = ctx.context_year or ctx.ordinal_year
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


def _event_mention(mentions: list[DateMention]) -> DateMention | None:
    """The date of the event among a sentence's dates: the first, unless it is a bare month or a
    vague word (金秋九月…, 近日…) and a later one states the day (…于2010年9月18日至20日召开)."""
    if not mentions:
        return None
    first = mentions[0]
    if first.day is None and first.year is None:
        later = next((m for m in mentions[1:] if m.day is not None and m.relative is None), None)
        if later is not None:
            return later
    return first


def _event_sentence(sentences: list[Sentence]) -> Sentence | None:
    """The sentence that reports the event: dated and with an event verb or activity word."""
    for s in sentences:
        t = s.text
        if find_dates(t) and (rules.EVENT_VERB_RE.search(t) or rules.classify_type(t)) and not _is_meta(t):
            if not (rules.FUTURE_RE.search(t) and not rules.EVENT_VERB_RE.search(t[:rules.FUTURE_RE.search(t).start()])):
                return s
    for s in sentences:
        t = s.text
        if rules.EVENT_VERB_RE.search(t) and rules.classify_type(t) and not _is_meta(t) and not rules.FUTURE_RE.search(t):
            return s
    return None


def _type_text(sentence: str) -> list[str]:
    """The part of a sentence that names the activity: its event clauses, without theme slogans,
    venues or the purpose clause that follows."""
    text = sentence
    for pat in rules.THEME_RES:
        text = pat.sub(lambda m: m.group(0).replace(m.group("t"), ""), text)
    text = rules.VENUE_ZH.sub("", text)
    text = rules.VENUE_EN.sub("", text)
    pm = rules.PURPOSE_ZH.search(text)
    if pm:
        text = text[:pm.start()]
    chosen = [text[s:e] for s, e in _clauses(text) if rules.EVENT_VERB_RE.search(text[s:e])]
    return chosen or [text]


def classify_sentence(sentence: str) -> str:
    """Activity type of an event sentence ('other' when no signal word names one).

    The event clauses are read in order and the first that names a type decides, so a later
    list of attendees (区委宣传部…参加了会议) cannot turn a meeting into publicity.
    """
    for clause in _type_text(sentence):
        t = rules.classify_type(clause)
        if t:
            return t
    return "other"


def _participants(section_sents: list[Sentence], event: Sentence, activity_type: str
                  ) -> tuple[numbers.Count | None, Sentence | None]:
    """The count of people/person-times/organisations attending THIS event, or None.

    A count qualifies when an attendance verb (参加, 出席, attended...) follows it closely with no
    further list of attendees in between (…及部分代表参加 means the count is only part of them), or,
    for an appointment, when the counted people are the appointees (42名…成为首席质量官). Counts of
    activities, awards and audited enterprises never qualify.
    """
    ordered = [event] + [s for s in section_sents if s is not event and s.para is event.para] + \
              [s for s in section_sents if s.para is not event.para]
    for s in ordered:
        text = s.text
        counts = [c for c in numbers.find_counts(text) if c[2].kind == "participants" and c[2].unit]
        best = None
        for start, end, c in counts:
            tail = text[end:end + 24]
            vm = rules.ATTEND_RE.search(tail)
            ok = False
            if vm:
                gap = tail[:vm.start()]
                # 60名市民代表和中学生参观: a coordination of bare groups is all counted; 及部分代表 is not.
                if numbers.is_attendee_phrase(gap, c.unit):
                    after = tail[vm.end():vm.end() + 14]
                    if activity_type != "training" and re.match(r"了?[^,。]{0,6}培训", after):
                        ok = False  # a different event (参加…培训) than the one reported
                    else:
                        ok = True
                    before = text[max(0, start - 14):start]
                    if rules.ATTEND_RE.search(before) and ctx_lang_en(text):
                        ok = True
            elif ctx_lang_en(text):
                before = text[max(0, start - 40):start]
                if re.search(r"\b(?:attended by|participants?|with|gathered|drew|attracted)\b", before, re.IGNORECASE) \
                        and c.unit in ("people", "person_times"):
                    ok = True
            if not ok and activity_type == "appointment" and c.unit == "people" and re.match(r"[^,。]{0,16}成为", tail):
                ok = True
            if not ok and re.match(r"[^,。]{0,10}(?:参加了?|出席了?|参与了?)(?:会议|活动|仪式|启动仪式|大会)", tail):
                ok = True
            if not ok and _LEADS_VISITORS_ZH.search(text[max(0, start - 16):start]):
                # 组织30名市民代表走进企业 / 邀请20名家长参观: those brought along are the attendees.
                visit = _VISIT_ZH.search(tail)
                if visit and numbers.is_attendee_phrase(tail[:visit.start()], c.unit):
                    ok = True
            if not ok and _ATTEND_BEFORE_ZH.search(text[max(0, start - 16):start]):
                ok = True  # 到会企业代表80人, 线上线下累计参与3000多人次, 参会人数达300人
            if not ok and ctx_lang_en(text) and c.unit in ("people", "person_times"):
                # 300 people, including ..., attended; 200 employees from the workshops attended;
                # 500 employees and managers gathered (but not "15 heads and some representatives").
                am = _ATTEND_AFTER_EN.match(text[end:end + 200])
                ok = bool(am) and numbers.is_attendee_phrase(am.group("coord"), c.unit)
            if ok:
                # 41家企业的44名代表: the people count is the finer one.
                if best is None or (best.unit == "organizations" and c.unit != "organizations"):
                    best = c
        if best is None:
            m = rules.SERVICE_COUNT_RE.search(text)
            if m:
                for _start, end, c in numbers.find_counts(text[m.end():m.end() + 12]):
                    if c.kind in ("other", "activities", "participants") and text[m.end():m.end() + end].endswith(("次", "人次")):
                        best = numbers.Count(c.value, c.qualifier, "person_times", "participants")
                        break
        if best is not None:
            return best, s
    return None, None


# An attendance word just before the count, with nothing but a noun and a "reached/in total" word
# between: the count is of those attending. 为/对/向 in between would make it a count of recipients.
_ATTEND_BEFORE_ZH = re.compile(
    r"(?:到会|参会|与会|参加|参与|出席|观看|收看|聆听|到场|在线收看|在线观看|吸引了?|现场咨询|接受咨询|咨询)(?:的)?"
    r"(?:[^,。;:为对向给授颁及和与、\d]{0,6}?)(?:人数|人次)?(?:达到|达|超过|突破|累计|共计|共|总计|约|近|逾)?\s*$")
# English: the counted noun, then optionally who they were ("from the workshops", ", including
# ...,") and the attendance verb. "and" is not allowed before the verb: "15 heads and some
# representatives attended" counts only part of the attendees.
_ATTEND_AFTER_EN = re.compile(
    r"(?P<coord>(?:(?:\s*,\s*and|\s*,|\s+and)\s+(?!(?:including|from|of|in|at)\b)[A-Za-z-]+"
    r"(?:\s+(?!(?:from|of|in|at)\b)[A-Za-z-]+){0,2}?)*)"
    r"(?:\s+(?:from|of|in|at)\s+(?:[^.;,\d]|,(?!\s*and\b))*?|,\s*including\s[^.;\d]*?,)?\s+"
    r"(?:attended|took part|participated|joined|were present|gathered|toured|visited)\b", re.IGNORECASE)
# Who brings the counted people along (组织/邀请/带领), and the visit they make: those are attendees.
_LEADS_VISITORS_ZH = re.compile(r"(?:组织|邀请|带领|引导|召集)了?[^,。;:对向为给]{0,10}$")
_VISIT_ZH = re.compile(r"走进|走访|来到|前往|深入|参观|体验|观摩|进入|探访|见证")


def ctx_lang_en(text: str) -> bool:
    return sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff") < len(text) * 0.1


_ORG_SUFFIX = (r"(?:局|委员会|委|办公室|办|厅|政府|协会|商会|学会|联合会|质协|促进会|公司|集团|厂|中心|院|所|站|"
               r"分局|联盟|基地|部|处|镇|街道|园区|高新区|开发区|区|县|市|省)")


_EN_SUBJECT_VERB = re.compile(r"(?:^|[,”\"]\s*|\.\s+)(?P<o>(?:the\s+)?[A-Z][\w.,&' -]{1,60}?)\s+"
                              r"(?:(?:recently|successfully|jointly|also)\s+)?"
                              r"(?:held|hosted|launched|organi[sz]ed|convened|staged)\b")
_EN_PREP_START = re.compile(r"(?:With|For|After|During|Before|To|As|By|Under|Through|Since)\b")


def _organizer(sentence: str, ctx: DocContext, heading: str | None) -> str | None:
    """The organiser named in the event sentence (由X主办, X举办/召开/举行…), or the section heading."""
    text = sentence
    m = re.search(r"由\s*(?P<o>[^,。;]{2,40}?)(?:和|、|与|及|共同|联合|$|主办|组织|举办|承办)", text)
    if m:
        return m.group("o").strip()
    for s, e in _clauses(text):
        clause = text[s:e]
        vm = re.search(r"(?:还|也|又|再|先后|分别|随后|联合|携手|共同)?(?:隆重)?(?:举办|召开|举行|开展|组织|启动|邀请|发布)", clause)
        if not vm:
            continue
        subj = clause[:vm.start()]
        subj = re.sub(r"^(?:\d{1,2}月\d{1,2}日|近日|日前|今天|昨天)?(?:上午|下午|晚上|晚)?", "", subj).strip()
        subj = re.sub(r"在[^,。]*$", "", subj).strip()
        subj = re.split(r"联合|携手|会同", subj)[0].strip()
        subj = re.sub(r"等(?:相关)?(?:部门|单位)$", "", subj).strip()
        subj = re.sub(r"(?:近日|日前|近期|今天|昨天|今年|已|正式|于\S*)$", "", subj).strip()
        if 2 <= len(subj) <= 30 and not re.search(r"仪式|大会|活动|会议|为|以|“|的", subj) \
                and not re.match(r"通过|围绕|按照|结合|根据|在|同时|并|还|此外|其中", subj) \
                and _names_a_body(subj):
            return subj
    # 江西省某县质监局以“…”为中心内容,因地制宜地开展…: the body that opens the sentence, before
    # its manner phrase, holds the event when the clause of the verb names none.
    lead = _LEAD_BODY.match(text)
    if lead and _HOLDS_ZH.search(text, lead.end()):
        return lead.group("o")
    for em in _EN_SUBJECT_VERB.finditer(text):
        # "a forum was held" names no organiser; "With 30 activities held" is a participle phrase.
        if re.search(r"\s(?:was|were|is|are|been|be)$", em.group("o")) or _EN_PREP_START.match(em.group("o")):
            continue
        org = re.sub(r"^(?:On|In|At)\s+[^,]*,\s*", "", em.group("o")).strip(" ,")
        return org or None
    em = re.search(r"\b(?:of|by)\s+(?P<o>[A-Z][\w.&' -]{1,40}?(?:Co\.,? Ltd\.?|Group|Company|Corporation|Bureau|"
                   r"Association|Administration))", text)
    if em:
        return em.group("o").strip()
    em = re.search(r",\s*(?P<o>[^,]{2,60}?\b(?:bureau|department|administration|association|committee)"
                   r"[^,]{0,50}?),\s*(?:presided|chaired|hosted|held)", text, re.IGNORECASE)
    if em:
        org = re.sub(r"^(?:deputy\s+)?(?:head|director|chief|chairman)\s+of\s+(?:the\s+)?", "",
                     re.sub(r"^[^,]*?,\s*", "", em.group("o")), flags=re.IGNORECASE)
        return org.strip() or None
    return heading


# A subject that is an adverb (因地制宜地), a person (局长韩永生对外) or a bare 公司 (the writer's own
# company, unnamed) is not an organiser's name.


_LEAD_BODY = re.compile(r"^(?:[^,。]{0,14}?(?:以来|期间|之际|前夕)?,)?\s*(?P<o>[\u4e00-\u9fff“”]{2,25}?"
                        r"(?:局|分局|协会|公司|集团|委员会|办公室|中心|厂|研究院))(?=以|在|于|围绕|按照|结合|通过|积极|认真|深入|扎实|精心)")


def _names_a_body(subj: str) -> bool:
    return not re.search(r"^(?:扎实|积极|认真|深入|广泛|大力|精心|全面|持续|切实|不断|继续|主动|同步|统一|集中)$|"
                         r"^[一二三四五六七八九十]是|[地得]$|对外$|书记|局长|主任|市长|区长|县长|省长|^(?:公司|集团|本公司)$", subj)


# 2018年义乌市“质量月”活动启动仪式, 崇明区2023年质量和标准化大会: a place at the head of the event's
# name is the government that holds it.
_PLACE_HEADED_EVENT = re.compile(r"^(?:\d{4}\s*年度?)?\s*[“\"]?(?:质量|安全|首席|标准|品牌|全国|第)")
_OUR_PLACE = {"我市": "city", "本市": "city", "全市": "city", "我区": "district", "本区": "district",
              "我县": "district", "本县": "district", "我省": "province", "本省": "province"}


def _place_organizer(text: str, region: Match | None, gazetteer: Gazetteer, ctx: DocContext) -> str | None:
    """The place whose name heads the event's name (…的义乌市2018年“质量月”启动仪式), or None."""
    for m in gazetteer.find_all(text, within=ctx.within):
        before = text[max(0, m.start - 5):m.start]
        if not re.search(r"(?:^|[,;:的年])\s*(?:\d{4}\s*年度?)?\s*$", before) and m.start != 0:
            continue
        if not re.search(r"(?:省|市|区|县|州|旗)$", m.surface):
            continue
        if _PLACE_HEADED_EVENT.match(text[m.end:m.end + 12]):
            return m.surface
    return None


def _our_place(org: str | None, region: Match | None, gazetteer: Gazetteer) -> str | None:
    """我市 / 本区 …: the region of the report at that level, by name."""
    level = _OUR_PLACE.get(org or "")
    if level is None:
        return org
    if region is None:
        return None
    prov, city, dist = gazetteer.lineage(region.resolution.region.adcode)
    r = {"province": prov, "city": city, "district": dist}[level]
    return r.name_zh if r is not None else None


def _theme(text: str) -> str | None:
    for pat in rules.THEME_RES:
        m = pat.search(text)
        if m:
            return m.group("t").strip()
    return None


def _title(sentence: str) -> str | None:
    """The activity's name: the noun phrase the event verb introduces, or the subject of 在…举行."""
    t = re.sub(r"^\s*\d{1,2}\s*月\s*\d{1,2}\s*日(?:上午|下午|晚上)?\s*,?", "", sentence)
    for s, e in _clauses(t):
        clause = t[s:e]
        m = re.search(r"^(?P<subj>.{4,60}?)(?:在[^,。]{1,30}?)?(?:隆重|正式|顺利)?(?:举行|召开|开幕|启动)$", clause.strip("。 "))
        if m and re.search(r"仪式|会|活动|论坛|典礼", m.group("subj")):
            return m.group("subj").strip()
        m = re.search(r"(?:举办了?|召开了?|举行了?|开展了?)(?P<obj>[^,。]{4,60}?(?:仪式|会议|大会|会|活动|论坛|沙龙|培训班?|讲座|竞赛|大赛|开放日))",
                      clause)
        if m:
            return m.group("obj").strip()
    m = re.search(r"\b(?:held|hosted|launched|organi[sz]ed)\s+(?:a|an|the|its)\s+(?P<obj>[^,.;]{4,80}?)"
                  r"(?=\s+(?:on|in|at|for|with)\b|[,.;]|$)", sentence)
    if m:
        return m.group("obj").strip()
    m = re.search(r"(?:the\s+)?(?P<subj>[^,.;]{4,80}?(?:meeting|ceremony|conference|forum))\s+was\s+(?:\w+\s+)?held",
                  sentence, re.IGNORECASE)
    if m:
        return m.group("subj").strip()
    return None


def _mode(text: str) -> str:
    if rules.MODE_HYBRID.search(text):
        return "hybrid"
    online = bool(rules.MODE_ONLINE.search(text))
    onsite = bool(rules.MODE_ONSITE.search(text))
    if online and onsite:
        return "hybrid" if re.search(r"线上线下|同步|sub-venue|分会场", text) else "online"
    if online:
        return "online"
    if onsite:
        return "onsite"
    return "unknown"


# ------------------------------------------------------------------------------------------ records
@dataclass
class _Draft:
    sentence: Sentence | None
    locator: str
    excerpt: str
    region: Match | None = None
    start: date | None = None
    end: date | None = None
    precision: str | None = None
    activity_type: str = "other"
    campaign: str = "other"
    campaign_year: int | None = None
    organizer: str | None = None
    theme: str | None = None
    title: str | None = None
    count: numbers.Count | None = None
    count_excerpt: str | None = None
    mode: str = "unknown"
    industry: str = "unknown"


def _draft_from(event: Sentence, section_sents: list[Sentence], section: Section, ctx: DocContext,
                gazetteer: Gazetteer, fallback_region: Match | None, fallback_date: tuple[date, str] | None,
                year_hint: int | None = None) -> _Draft:
    text = event.text
    draft = _Draft(event, f"paragraph {event.para.index}", event.excerpt())
    # Region: the sentence, its paragraph, the heading, the title, then the intro's place.
    heading_res = gazetteer.resolve(section.heading, within=ctx.within) if section.heading else None
    if heading_res is not None:
        # A district heading (宝山:) says where the section's events are.
        draft.region = Match(0, len(section.heading), section.heading, heading_res)
    for candidate in (() if heading_res else
                      (text, event.para.text, section.heading or "",
                       ctx.title.text if ctx.title and section.kind == "body" else "")):
        found = pick_region(_regions(candidate, ctx, gazetteer)) if candidate else None
        if found:
            draft.region = found
            break
    if draft.region is None and section.kind == "heading" and section.heading:
        res = gazetteer.resolve(section.heading, within=ctx.within)
        if res:
            draft.region = Match(0, len(section.heading), section.heading, res)
    if draft.region is None:
        draft.region = fallback_region
    elif fallback_region is not None and draft.region.resolution.region.adcode != fallback_region.resolution.region.adcode \
            and draft.region.resolution.region.adcode in _ancestor_codes(gazetteer, fallback_region.resolution.region.adcode):
        # 广东省 in a section of a report about 蓬江区: the wider place does not move the event.
        draft.region = fallback_region
    if draft.region is None and _names_only_subsidiaries(event.para.text, gazetteer):
        # X集团…举行启动仪式,X广西公司同步启动: the paragraph names no venue, so the event is
        # where the bulletin is from.
        draft.region = ctx.scope
    # Date: the first date in the sentence.
    mentions = find_dates(text)
    draft.start, draft.end, draft.precision = _resolve_date(_event_mention(mentions), text, ctx, year_hint)
    if draft.start is None and not mentions:
        if fallback_date is not None:
            draft.start, draft.precision = fallback_date
        elif ctx.lang == "en" or section.kind in ("body", "item"):
            year = ctx.context_year or ctx.ordinal_year
            if year:
                draft.start, draft.precision = date(year, 1, 1), "year"
    # Activity type: the event clause; a broad result gives way to a specific headline.
    draft.activity_type = classify_sentence(text)
    if draft.activity_type in ("other", "forum_conference"):
        for extra in (section.heading_rest, ctx.title.text if ctx.title and section.kind == "body" else None):
            t = rules.classify_type(extra or "")
            if t and t not in ("forum_conference", "publicity") and (draft.activity_type != "other" or t):
                draft.activity_type = t
                break
    section_text = " ".join(p.text for p in section.paragraphs)
    camp = rules.find_campaign(text) or rules.find_campaign(event.para.text) or \
        rules.find_campaign(section.heading_rest or "") or \
        (rules.find_campaign(ctx.title.text) if ctx.title else None) or rules.find_campaign(section_text)
    if camp is None and section.kind != "body":
        camp = rules.find_campaign(" ".join(p.text for p in ctx.paragraphs[:4]))
    draft.campaign = camp[0] if camp else "other"
    if draft.campaign == "quality_month" and ctx.ordinal_year:
        draft.campaign_year = ctx.ordinal_year
    elif draft.start is not None:
        draft.campaign_year = draft.start.year
    elif draft.campaign != "other":
        draft.campaign_year = ctx.context_year
    draft.organizer = _our_place(_organizer(text, ctx, section.heading), draft.region, gazetteer)
    if draft.organizer is None:
        draft.organizer = _place_organizer(text, draft.region, gazetteer, ctx) or (
            _place_organizer(ctx.title.text, draft.region, gazetteer, ctx) if ctx.title and section.kind == "body" else None)
    draft.theme = _theme(text) or _theme(event.para.text) or (
        section.heading_rest.strip() if section.heading_rest and len(section.heading_rest) > 3 else None)
    draft.title = _title(text)
    count, where = _participants(section_sents, event, draft.activity_type)
    if count is not None:
        draft.count = count
        if where is not None and where is not event:
            draft.count_excerpt = where.excerpt()
    draft.mode = _mode(text)
    if draft.mode == "unknown":
        # The sentences after the event's often say how it was held (通过直播平台同步播出).
        draft.mode = _mode(" ".join(x.text for x in section_sents if x.para is event.para))
    draft.industry = rules.find_industry(draft.organizer or "") or rules.find_industry(text) or (
        "mixed" if draft.organizer and rules.organizer_type(draft.organizer, True) == "government" else "unknown")
    return draft


_SECOND_EVENT = re.compile(
    r"^(?:[^,。]{0,10}(?:后|随后|之后|同日|当天|此外|同时)\s*,?\s*)?(?P<org>[^,。;“”]{2,30}?" + _ORG_SUFFIX + r")"
    r"(?:还|也|随即|随后)?(?P<verb>召开|举行|举办)了?(?P<obj>[^,。;]{2,40}?(?:会|仪式|论坛|沙龙|培训班|讲座|竞赛|开放日))"
)


def _second_events(section_sents: list[Sentence], event: Sentence, main: _Draft) -> list[_Draft]:
    """Further events in the same report held by another organiser (开幕式后,X厂召开了座谈会)."""
    out = []
    for s in section_sents:
        if s.para is event.para or s.para.index <= event.para.index:
            continue
        m = _SECOND_EVENT.match(s.text.strip())
        if not m or rules.FUTURE_RE.search(s.text) or find_dates(s.text[:m.start("org")] if m.start("org") else ""):
            continue
        org = m.group("org").strip()
        if main.organizer and org == main.organizer:
            continue
        d = _Draft(s, f"paragraph {s.para.index}", s.excerpt(), region=main.region, start=main.start, end=None,
                   precision=main.precision, activity_type=rules.classify_type(m.group("obj")) or "other",
                   campaign=main.campaign, campaign_year=main.campaign_year, organizer=org,
                   title=m.group("obj").strip(), mode=main.mode, industry=main.industry)
        out.append(d)
    return out


# What may come before the date a report of an event opens with: a list number, a connective
# (此外, 随后, 同日), or "On the morning of".
_LEAD_PREFIX = re.compile(
    r"\s*(?:[((]?(?:\d{1,2}|[一二三四五六七八九十]{1,3})[))、.]\s*[、.]?\s*|[\u2460-\u2473]\s*)?(?:此外|另外|随后|同时|其中|同日|另据了解|据了解|据悉|另悉|而|又|并于|于)?\s*,?\s*"
    r"(?:(?:on|in|at)\s+(?:the\s+(?:morning|afternoon|evening)\s+of\s+)?)?", re.IGNORECASE)
# A plan, not a report: 将举办, 拟于…召开, 计划开展, will hold.
_PLAN_RE = re.compile(r"(?:将|拟|计划|准备|预计)(?:于|在)?[^,。;]{0,12}?(?:举办|举行|召开|开展|组织|启动)|"
                      r"\b(?:will|is to|are to|plans? to)\b", re.IGNORECASE)


def _lead_date(text: str) -> DateMention | None:
    """The day date a sentence opens with (``9月9日下午,``, ``On 12 Sept,``), if any."""
    for m in find_dates(text[:60]):
        if m.relative is None and m.month and m.day and _LEAD_PREFIX.fullmatch(text[:m.start]):
            return m
    return None


# Two named events held together: “A交流活动”和“B创新大赛”同期在郑州举行.
_COORDINATED = re.compile(r"“(?P<a>[^”]{2,40})”\s*(?:和|与|及|、)\s*“(?P<b>[^”]{2,40})”[^,。;]{0,4}?(?:同期|同时|同日|也)?"
                          r"(?:在[^,。;]{1,20}?)?(?:举行|举办|开幕|召开|开展)")


def _coordinated(draft: _Draft, sentence: Sentence) -> list[_Draft]:
    """One draft per named event of a coordination (“A”和“B”同期举行), each typed by its own name."""
    m = _COORDINATED.search(sentence.text)
    if m is None:
        return [draft]
    out = []
    for name in (m.group("a"), m.group("b")):
        d = _Draft(**{f: getattr(draft, f) for f in draft.__dataclass_fields__})
        d.activity_type = rules.classify_type(name) or "other"
        d.title = name
        d.locator = f"paragraph {sentence.para.index}, item"  # two events of one sentence: never merged
        out.append(d)
    return out


_EN_DID = re.compile(r"\b(?:we|they|the company|the (?:group|department|bureau|association))\s+(?:also\s+)?"
                     r"(?:conducted|held|organi[sz]ed|carried out|staged|hosted|launched)\b", re.IGNORECASE)


def _further_events(sents: list[Sentence], event: Sentence, ctx: DocContext) -> list[Sentence]:
    """Later sentences of a section that report another event of their own.

    A report of several events (…举办论坛;9月9日下午,又组织了知识竞赛) gives each event a sentence
    that opens with its own day date, an event verb and an activity word. A sentence whose date
    is the main event's (or an already found one's), or that announces a plan (将于…), is not a
    new event.
    """
    if event not in sents:
        return []
    main = find_dates(event.text)
    seen = {(main[0].month, main[0].day)} if main and not main[0].relative else set()
    out = []
    for s in sents[sents.index(event) + 1:]:
        t = s.text
        lead = _lead_date(t)
        own_en = lead is None and ctx.lang == "en" and _EN_DID.search(t)
        if own_en:
            # English tells the day anywhere: "we conducted a fire drill on the morning of June 27th".
            lead = next((m for m in find_dates(t) if m.relative is None and m.month and m.day), None)
        if lead is None or ((lead.month, lead.day) in seen and not _COORDINATED.search(t)) or _is_meta(t):
            continue
        verb = rules.EVENT_VERB_RE.search(t) or own_en
        if not verb or not (rules.classify_type(t) or own_en) or rules.FUTURE_RE.search(t) or _PLAN_RE.search(t):
            continue
        seen.add((lead.month, lead.day))
        out.append(s)
    return out


# A link of a yearbook chain: 一是开展了…;二是组织…;三是…  (also 其一/其二, 第一/第二 before 是).
_CHAIN_MARK = re.compile(r"(?:^|[:,;])\s*(?:[一二三四五六七八九十]是|其[一二三四五六七八九十]是?,?|第[一二三四五六七八九十]是)")


_DONE = re.compile(r"(?:开展|组织|举办|举行|召开|启动)了|已(?:经)?(?:开展|组织|举办|举行|召开)")
_ACTIVITY_HELD = re.compile(r"^\s*(?:开展|组织|举办|举行)了?[^,;。]{0,30}活动")


def _chain_links(sents: list[Sentence], event: Sentence, main: _Draft, sec: Section, ctx: DocContext,
                 gazetteer: Gazetteer) -> list[_Draft]:
    """The activities a yearbook chain lists (一是开展了宣传咨询活动;二是组织了监督抽查), one draft
    each, when a section holds at least two links that name an activity.

    A link takes its own date, place and organiser when it states them, else the section's main
    event's; its participants are read from the link alone.
    """
    found = []
    for s in sents:
        m = _CHAIN_MARK.search(s.text)
        if m is None:
            continue
        body = s.text[m.end():]
        code = rules.classify_type(body) or ("other" if _ACTIVITY_HELD.search(body) else None)
        if code and not rules.FUTURE_RE.search(body[:20]):
            found.append((s, m.end(), code))
    if len(found) < 2:
        return []
    # A chain inside the report of one event lists what was done or said there (一是开展宣传,
    # 提高意识;二是…): its links are separate activities only under an umbrella report
    # (开展“质量月”活动) or when each is told as done (开展了, 已举办).
    if main.activity_type != "other" and not all(_DONE.search(s.text[start:start + 24]) for s, start, _ in found):
        return []
    out = []
    for s, start, code in found:
        link = Sentence(s.para, s.start + start, s.end)
        d = _draft_from(link, [link], sec, ctx, gazetteer, main.region,
                        (main.start, main.precision) if main.start else None,
                        main.start.year if main.start and main.precision != "year" else None)
        if d.start is None and main.start is not None:
            d.start, d.precision = main.start, main.precision
        if d.region is None:
            d.region = main.region
        d.activity_type = code
        d.organizer = d.organizer or main.organizer or next(
            (o for o in (_organizer(x.text, ctx, None) for x in sents[:3] if x is not s) if o), None)
        d.campaign = main.campaign if d.campaign == "other" else d.campaign
        d.locator = f"paragraph {s.para.index}, item"
        out.append(d)
    return out


# A closing duty of a programme (各单位要高度重视…, 各部门应…, 加强宣传报道。): an obligation before
# any event verb, or an item that opens with a verb of duty.
_DIRECTIVE_RE = re.compile(r"[^,。;]{0,14}?(?:要|应当|应|须|必须|务必)(?:高度|切实|认真|进一步|加强|做好|积极|及时|结合|按照|把)|"
                           r"(?:加强|强化|做好|落实|确保|严格|注重|提高|认真|及时|切实|抓好|严肃)")


def _cells(text: str) -> list[str]:
    return [c for c in re.split(r"\s*[|\t]\s*", text.strip(" |")) if c]


def _table_row(text: str) -> bool:
    """A row of a table of activities: cells split by | or tabs, one a date and one an activity."""
    if text.count("|") < 2 and text.count("\t") < 2:
        return False
    cells = _cells(text)
    return len(cells) >= 2 and any(find_dates(c) for c in cells) and any(rules.classify_type(c) for c in cells)


# A verb that holds a concrete event inside a programme item (举办…论坛, 开展…大检查, 组织…开放日).
_ITEM_EVENT_VERB = re.compile(r"举办|举行|召开|开展|组织|启动|发布|上线")


def _item_event(sents: list[Sentence]) -> Sentence | None:
    """The sentence of a numbered programme item that names its concrete event, or None.

    The item's first line names it when it carries an activity word (1.举办质量论坛。) and is not a
    duty (各单位要…). A heading that names no event (5.开展重点产品质量攻关活动。) or a duty
    (12.加强产品质量监管执法。) is followed by the sentences that do (举行质量工具应用成果现场分享会):
    the first of those is the event. An item none of whose sentences holds an activity word
    with an event verb names no concrete event.
    """
    head = _ITEM_RE.sub("", sents[0].text, count=1)
    if rules.classify_type(head) and not (_DIRECTIVE_RE.match(head) and not find_dates(head)):
        return sents[0]
    for s in sents[1:]:
        if s.para is not sents[0].para:
            break
        verb = _ITEM_EVENT_VERB.search(s.text)
        if verb and rules.classify_type(s.text[verb.start():]) and not rules.FUTURE_RE.search(s.text):
            return s
    return None


def _looks_truncated(para: CleanParagraph, is_last: bool) -> bool:
    text = para.text.rstrip()
    return is_last and not text.endswith(("。", ".", "!", "?", "”", ")", "\"")) and (
        text.count("“") > text.count("”") or len(text) < 40 or not re.search(r"[。.]", text))


def extract_records(ctx: DocContext, gazetteer: Gazetteer) -> tuple[list[_Draft], list[Problem]]:
    """Segment the bulletin and extract one draft per activity found."""
    intro, sections = segment(ctx, gazetteer)
    problems: list[Problem] = []
    drafts: list[_Draft] = []
    intro_sents = [s for p in intro for s in split_sentences(p)]
    fallback_region = None
    fallback_date = None
    if intro and any(sec.kind != "body" for sec in sections):
        # The intro of a summary bulletin states the place and month every item/section shares.
        for s in intro_sents:
            if fallback_region is None:
                fallback_region = pick_region(_regions(s.text, ctx, gazetteer))
            if fallback_date is None:
                ms = find_dates(s.text)
                if ms:
                    st, _, prec = _resolve_date(ms[0], s.text, ctx)
                    if st is not None:
                        fallback_date = (st, prec)
        if fallback_region is None and ctx.title:
            fallback_region = pick_region(_regions(ctx.title.text, ctx, gazetteer))
    last_index = ctx.paragraphs[-1].index if ctx.paragraphs else 0
    for sec in sections:
        sents = [s for p in sec.paragraphs for s in split_sentences(p)]
        if sec.kind == "body" and ctx.title:
            sents = [s for s in sents if s.para is not ctx.title]
        if not sents:
            continue
        if sec.kind == "item":
            para = sec.paragraphs[0]
            if _looks_truncated(para, para.index == last_index):
                problems.append(Problem(f"paragraph {para.index}", "numbered item cut off: not read as an activity"))
                continue
            event = _item_event(sents)
            if event is None:
                continue  # a programme line that names no concrete event, or a duty (各单位要…)
        else:
            event = _event_sentence(sents)
            if event is None and sec.kind == "heading":
                event = next((s for s in sents if rules.classify_type(s.text) or rules.EVENT_VERB_RE.search(s.text)),
                             None)
            if event is None:
                where = f"paragraph {sec.paragraphs[0].index}" if sec.paragraphs else None
                if sec.kind == "heading" or any(rules.classify_type(s.text) for s in sents):
                    problems.append(Problem(where, "activity mentioned but no event sentence (date and action) found"))
                continue
        further = _further_events(sents, event, ctx) if sec.kind != "item" else []
        if further:
            # Several dated events in one section: each reads its participants from its own
            # sentences only (from its sentence up to the next event's).
            starts = [sents.index(f) for f in further]
            spans = [sents[a:b] for a, b in zip(starts, starts[1:] + [len(sents)], strict=True)]
            claimed = {id(x) for span in spans for x in span}
            main_sents = [x for x in sents if id(x) not in claimed]
        else:
            spans, main_sents = [], sents
        draft = _draft_from(event, main_sents, sec, ctx, gazetteer, fallback_region, fallback_date)
        if sec.kind == "item":
            # "item": a numbered programme item is its own activity by construction (dedupe keeps it apart).
            draft.locator = f"paragraph {sents[0].para.index}, item"
            head_text = _ITEM_RE.sub("", sents[0].text, count=1)
            draft.activity_type = rules.classify_type(_ITEM_RE.sub("", event.text, count=1)) or draft.activity_type
            draft.title = head_text.strip(" 。.")[:80]
            # An item names its own organiser (由区质量技术监督局举办) or has none: then the intro names
            # who runs the programme, else the programme is the place's own (闸北区…活动方案).
            own = _organizer(_ITEM_RE.sub("", event.text, count=1), ctx, None)
            if own and (re.search(r"\d", own) or not re.search(_ORG_SUFFIX + "$", own)):
                own = None  # 表彰…获奖组织: a noun phrase before 组织, not a body that organises
            if _table_row(sents[0].para.text):
                # A row of a table of activities (| 9月2日 | 启动仪式 | 某区市场监管局 |): its body cell.
                own = next((c.strip() for c in _cells(sents[0].para.text)
                            if len(c.strip()) >= 4 and re.search(_ORG_SUFFIX + "$", c.strip())
                            and not rules.classify_type(c) and "“" not in c), None)
                draft.title = next((c.strip() for c in _cells(sents[0].para.text) if rules.classify_type(c)), draft.title)
            draft.organizer = own or next((o for o in (_organizer(x.text, ctx, None) for x in intro_sents
                                                       if rules.EVENT_VERB_RE.search(x.text)) if o), None)
            if draft.organizer is None and draft.region is not None and draft.region.surface.endswith(
                    ("省", "市", "区", "县", "旗")):
                draft.organizer = draft.region.surface
        drafts.append(draft)
        for span in spans:
            year = (drafts[-1].start.year if drafts[-1].start and drafts[-1].precision != "year" else None)
            extra = _draft_from(span[0], span, sec, ctx, gazetteer, draft.region or fallback_region, None, year)
            if extra.region is None:
                extra.region = draft.region
            drafts.extend(_coordinated(extra, span[0]))
        if sec.kind == "body":
            drafts.extend(_second_events(main_sents, event, draft))
        if sec.kind != "item":
            links = _chain_links(sents, event, draft, sec, ctx, gazetteer)
            if links:
                if draft.activity_type == "other" or any(d.sentence.para is event.para and
                                                         d.sentence.start >= event.start and d.sentence.end <= event.end
                                                         for d in links):
                    drafts.remove(draft)  # the umbrella (开展“质量月”活动) is the links themselves
                drafts.extend(links)
    for d in drafts:
        # A bulletin that names no place still reports a real, dated activity: it loads with its
        # region left empty (never guessed). Only an activity with neither place nor date is dropped.
        if d.region is None and d.start is None:
            problems.append(Problem(d.locator, "activity without a resolvable region or date"))
        elif d.start is None:
            problems.append(Problem(d.locator, "activity without a resolvable date"))
    if not drafts and not problems:
        problems.append(Problem(None, "no activity found in the bulletin"))
    return drafts, problems


def to_record(d: _Draft, ctx: DocContext, gazetteer: Gazetteer, ordinal: int) -> ActivityRecord:
    """Turn a draft into a normalised `ActivityRecord` (codes, adcodes, content-based id)."""
    province = city = district = None
    p_code = c_code = d_code = adcode = level = original = None
    if d.region is not None:
        reg = d.region.resolution.region
        prov, cty, dist = gazetteer.lineage(reg.adcode)
        province, p_code = (prov.name_zh, prov.adcode) if prov else (None, None)
        city, c_code = (cty.name_zh, cty.adcode) if cty else (None, None)
        district, d_code = (dist.name_zh, dist.adcode) if dist else (None, None)
        cur = gazetteer.current(reg.adcode) or reg
        adcode, level = cur.adcode, cur.level
        original = d.region.surface
    excerpt = d.excerpt
    if d.count_excerpt and d.count_excerpt not in excerpt:
        excerpt = f"{excerpt} … {d.count_excerpt}"
    org = d.organizer.strip() if d.organizer else None
    from .dedupe import content_record_id

    # A numbered item shares place, month, type and organiser with its siblings: its id is its own.
    rid = None if d.locator.endswith(", item") else content_record_id(adcode, d.start, d.activity_type, org)
    if rid is None:
        rid = make_record_id(ctx.source, adcode, d.start, d.title, org, f"{d.locator}#{ordinal}")
    return ActivityRecord(
        record_id=rid,
        campaign=d.campaign,
        campaign_year=d.campaign_year,
        title=d.title,
        theme=d.theme,
        activity_type=d.activity_type,
        start_date=d.start,
        end_date=d.end,
        date_precision=d.precision,
        province=province,
        city=city,
        district=district,
        adcode=adcode,
        province_adcode=p_code,
        city_adcode=c_code,
        district_adcode=d_code,
        region_level=level,
        region_original=original,
        organizer=org,
        organizer_type=rules.organizer_type(org, is_region=bool(org and gazetteer.resolve(org, ctx.within))),
        industry=d.industry,
        participants=d.count.value if d.count else None,
        participants_unit=d.count.unit if d.count else None,
        participants_qualifier=d.count.qualifier if d.count else None,
        mode=d.mode,
        source=ctx.source,
        source_locator=d.locator,
        source_excerpt=excerpt,
        sources=(ctx.source,),
    )
