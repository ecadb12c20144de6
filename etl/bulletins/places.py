"""Resolve the places a text names (stage: resolve fields): gazetteer matches that are words,
not parts of a company's, a newspaper's or a person's name, districts settled by their city, and
the most specific place of a sentence.
"""

from __future__ import annotations

import re

from domain.gazetteer import CITY_ONE_CHAR_NAMES, Gazetteer, Match, Region, Resolution

from . import rules
from .document import DocContext


# ------------------------------------------------------------------------------------------ fields
def ancestor_codes(gazetteer: Gazetteer, adcode: str) -> set[str]:
    """Adcodes of the province and city a region belongs to."""
    prov, city, _ = gazetteer.lineage(adcode)
    return {r.adcode for r in (prov, city) if r is not None}


_CHILD_AFTER_PARENT = re.compile(r"[\u4e00-\u9fff]{1,6}?(?:新区|区|县|市|旗)")


_CHILD_AFTER_PARENT_EN = re.compile(r"(?:'s)?\s+(?:[A-Z][a-z']+[ -]){0,1}[A-Z][a-z']+\s+(?:District|County)\b")
_CHILD_BEFORE_PARENT_EN = re.compile(
    r"\b(?P<child>(?:[A-Z][a-z']+[ -])?[A-Z][a-z']+\s+(?:District|County))"
    r"(?:\s*,\s*|\s+(?:in|of)\s+)(?P<parent>[A-Z][a-z']+)\b"
)


_PAIR_EN = (
    re.compile(
        r"\b(?P<parent>[A-Z][a-z']+)'s\s+(?P<child>(?:[A-Z][a-z']+[ -])?[A-Z][a-z']+\s+(?:[Dd]istrict|[Cc]ounty))\b"
    ),
    re.compile(
        r"\b(?P<child>(?:[A-Z][a-z']+[ -])?[A-Z][a-z']+\s+(?:[Dd]istrict|[Cc]ounty))"
        r"(?:\s*,\s*|\s+(?:in|of)\s+)(?P<parent>[A-Z][a-z']+)\b"
    ),
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
    """ "Suzhou's Wujiang district", "Wujiang District of Suzhou": a district named with a city whose
    English name is shared (Suzhou is 苏州 and 宿州); the district settles which city is meant."""
    out = []
    for pat in _PAIR_EN:
        for m in pat.finditer(text):
            found = {}
            for parent in _regions_named_en(gazetteer, m.group("parent")):
                res = gazetteer.resolve(m.group("child"), within=parent)
                if (
                    res is not None
                    and res.region.level == "district"
                    and parent in ancestor_codes(gazetteer, res.region.adcode)
                ):
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
        if (
            res is not None
            and res.region.level == "district"
            and parent.resolution.region.adcode in ancestor_codes(gazetteer, res.region.adcode)
        ):
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
                add(
                    em.start(), em.end("child"), em.group("child"), parent, f"{em.group('child')}, {em.group('parent')}"
                )
    return out


# A place written right before a unit of a company names that unit (华晟电气江西公司, 书香门地广西公司,
# "its Jiangxi branch"), not where the reported event was held, unless it is the venue (在宝山基地举行).
_SUBSIDIARY_ZH = re.compile(r"(?:分公司|子公司|公司|分厂|工厂|基地|办事处|项目部|事业部)")
# 宝山钢铁股份有限公司, 上海宝冶集团有限公司: a company named after its seat, its own name between
_NAMED_COMPANY_ZH = re.compile(
    r"[\u4e00-\u9fff]{2,4}(?:股份有限公司|有限责任公司|有限公司|集团有限公司|集团股份有限公司)"
)
_SUBSIDIARY_EN = re.compile(
    r"\s+(?:branch(?:es)?|subsidiar(?:y|ies)|company|companies|co\.|plant|factory|base|office)\b", re.IGNORECASE
)
_VENUE_BEFORE_ZH = re.compile(r"(?:在|于|赴|到)[^,。;:“”]{0,15}$")
_VENUE_BEFORE_EN = re.compile(r"\b(?:at|in|to)\s+(?:its|the|their|a|an)?\s*$", re.IGNORECASE)


HOLDS_ZH = re.compile(r"举行|举办|召开|开展|组织")
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
        # a company named after its seat (宝山钢铁股份有限公司) that the sentence names after an event
        # someone else holds (上海市政府举行…颁奖仪式,…向宝山钢铁股份有限公司颁奖): not where it was
        named = _NAMED_COMPANY_ZH.match(text, m.end)
        if named is None or _VENUE_BEFORE_ZH.search(text[max(0, m.start - 16) : m.start]):
            return False
        before = [b.end() for b in _CLAUSE_BREAK.finditer(text, 0, m.start)]
        return HOLDS_ZH.search(text, 0, before[-1] if before else 0) is not None
    if zh is not None and _VENUE_BEFORE_ZH.search(text[max(0, m.start - 16) : m.start]):
        return False
    if en is not None and _VENUE_BEFORE_EN.search(text[max(0, m.start - 12) : m.start]):
        return False
    holds = HOLDS_ZH if zh is not None else _HOLDS_EN
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


# A news agency's dateline (湖南日报长沙9月3日讯, 新华社北京5月10日电, 本报杭州讯, 发自南京): the city
# the paper writes from, not where the event was.
_DATELINE_CITY_AFTER = re.compile(r"\s*(?:\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:讯|电)|讯)")
# (记者 王五 发自南京): where the reporter files from.
_DATELINE_CITY_BEFORE = re.compile(r"发自\s*$")
# "HANGZHOU, Sept. 5 (Xinhua) --" / "NINGBO, China, 9/8/2023 --": an English story's dateline city.
_EN_DATELINE_CITY_AFTER = re.compile(r",[^\n]{0,40}?(?:--|—|–)")


def _in_company_name(text: str, m: Match) -> bool:
    return text[m.start - 1 : m.start] == "(" and bool(_BRACKETED_IN_NAME.match(text, m.end))


# The name before a company's bracketed seat when the company opens its clause (科达(嘉兴)…举行):
# a short name, not a body that goes into someone else's company (某区市场监管局组织企业走进格力(安徽)…).
_COMPANY_HEAD = re.compile(r"\s*[\u4e00-\u9fffA-Za-z]{1,10}")
_NOT_THE_COMPANY = re.compile(r"局|委|会|府|院|走进|组织|参观|赴|到|在")


def _company_holds(text: str, m: Match) -> bool:
    """Whether ``m`` is the bracketed seat of a company that opens its clause, so holds the event."""
    if not _in_company_name(text, m):
        return False
    before = [b.end() for b in _CLAUSE_BREAK.finditer(text, 0, m.start)]
    head = text[before[-1] if before else 0 : m.start - 1]
    return bool(_COMPANY_HEAD.fullmatch(head)) and not _NOT_THE_COMPANY.search(head)


def is_dateline_city(text: str, m: Match) -> bool:
    """Whether ``m`` is a news agency's dateline city (新华社北京5月10日电, 发自南京, "HANGZHOU, Sept. 5 --")."""
    return bool(
        _DATELINE_CITY_AFTER.match(text, m.end)
        or _DATELINE_CITY_BEFORE.search(text[max(0, m.start - 4) : m.start])
        or (m.start <= 2 and m.surface.isascii() and _EN_DATELINE_CITY_AFTER.match(text, m.end))
    )


def drop_subsidiaries(text: str, found: list[Match], media: bool = True, datelines: bool = True) -> list[Match]:
    """``found`` without the places that only name a company's unit or a newspaper.

    A local paper's name (秀山网讯) is the only place some reports give: with ``media`` it is kept
    when the text names no other place (河南日报消息 …在郑州举行 keeps only 郑州). Without
    ``datelines`` a news agency's dateline city (西宁9月18日电) is kept too: not where the event
    was, but which province the report is from.
    """
    kept = [
        m
        for m in found
        if not _is_subsidiary(text, m)
        and not _in_company_name(text, m)
        and not (datelines and is_dateline_city(text, m))
    ]
    named = [m for m in kept if not _MEDIA_AFTER.match(text, m.end)]
    return named or (kept if media else [])


def names_only_subsidiaries(text: str, gazetteer: Gazetteer) -> bool:
    """``text`` names places, and every one of them is a company's unit."""
    found = gazetteer.find_all(text)
    return bool(found) and all(_is_subsidiary(text, m) for m in found)


_FULL_NAME_END = ("区", "县", "市", "旗", "州", "省")


_BODY_OF_WATER_AFTER = re.compile(r"(?:湾|河)")  # a port (宁波港) is in its city: not here


# 汶川地震灾后重建 / 玉树地震灾区: a place followed by a disaster's word names the disaster, not a place
# of the report.
_DISASTER_AFTER = re.compile(r"(?:特大|大)?(?:地震|震区|震后|灾区|灾后|洪灾|泥石流)")


# 党委书记许大庆作总结发言 / 副市长吴卫东致辞 / 记者齐永昌 / 。韩卫东摄: a two-character short form that is a
# person's given name, after the surname that follows a title, or in a photographer's credit.
_PERSON_TITLE = re.compile(
    r"(?:书记|局长|主任|经理|厂长|院长|部长|处长|科长|所长|站长|主席|会长|秘书长|董事长|总经理|工程师|总监|队长"
    r"|组长|记者|通讯员|编辑|作者|主持人|市长|县长|区长|省长|镇长|委员|代表|教授|专家|同志|摄影)\s*[::]?\s*$"
)
_NOT_A_SURNAME = "赴到在于去来至往对和与及从向自"
_CREDIT_BEFORE = re.compile(r"(?:^|[。!?\s((])$")
_CREDIT_AFTER = re.compile(r"\s*(?:摄影|摄|报道)\s*[))]?\s*(?:$|[。\s])")


def _person_named(text: str, m: Match) -> bool:
    """Whether the two-character short form ``m`` is a person's given name: one character (the surname)
    between it and a title (书记许大庆, 记者齐永昌), or a credit (韩卫东摄) on its own."""
    if len(m.surface) != 2 or m.start < 2 or m.surface == m.resolution.region.name_zh:
        return False
    surname = text[m.start - 1]
    if not "\u4e00" <= surname <= "\u9fff" or surname in _NOT_A_SURNAME:
        return False
    before = text[max(0, m.start - 13) : m.start - 1]
    return bool(_PERSON_TITLE.search(before) or (_CREDIT_BEFORE.search(before) and _CREDIT_AFTER.match(text, m.end)))


# what may stand right before a county's own two-character name (的磁县, 在沛县, 9月10日上午沛县…)
_BEFORE_A_COUNTY = frozenset("的在于赴到至对与及往进来去向和从日午")


def is_a_word(text: str, m: Match) -> bool:
    """Whether a short county-level name (滨江, 资源, 惠民) is a word of ``text`` and not part of
    another word (资源共享, 滨江大道): jieba segments a window around it and both ends must be
    word boundaries. Full names (…区/县/市) and English are always words. A place named as a
    disaster's (汶川地震) or a person's given name (书记许大庆, 韩卫东摄) is none."""
    if _DISASTER_AFTER.match(text, m.end) or _person_named(text, m):
        return False
    if (
        len(m.surface) == 2
        and m.surface.endswith(("区", "县"))
        and m.start > 0
        and "\u4e00" <= text[m.start - 1] <= "\u9fff"
        and not text[: m.start].endswith(("市", "州", "盟"))
        and not (m.surface.endswith("县") and text[m.start - 1] in _BEFORE_A_COUNTY)
    ):
        # 东区 in 南岸东区, 城区 in 老城区, 兴县 in 质量兴县: the end of a longer name or word, not the unit; a
        # county's two-character name after a particle or a word of where (承建的磁县…, 在磁县举办) is the county
        return False
    water = _BODY_OF_WATER_AFTER.match(text, m.end) and not m.surface.endswith(("区", "县", "市", "省"))
    if not water and (
        m.surface.endswith(_FULL_NAME_END) or m.surface.isascii() or m.resolution.region.level != "district"
    ):
        return True  # a city's name is a word unless a bay or river is named after it (杭州湾, 苏州河)
    from . import words

    return words.is_word_at(text, m.start, m.end)


# 以“品质生活 永康共享”为主题 / 喊出“质量强县 富民兴邦”口号: a slogan, two phrases in quotes or a
# quoted theme; a place named inside it is a word of the slogan, not where the event is.
_SLOGAN = re.compile(r"“(?P<s>[^“”]{4,40})”(?P<theme>\s*(?:为|的)?\s*(?:主题|口号|标语))?")


def _in_slogan(text: str, m: Match) -> bool:
    for s in _SLOGAN.finditer(text):
        if s.start("s") <= m.start and m.end <= s.end("s"):
            return bool(s.group("theme") or re.search(r"[\s,、·]", s.group("s").strip()))
    return False


# 在省人民大会堂召开 / 在省会议中心举行 / "held at the Hubei Provincial People's Hall": a province's own
# venue stands in its capital, the place a province's conference held there is labelled with.
_PROVINCIAL_VENUE_ZH = re.compile(
    r"(?:在|于|赴|到)\s*(?P<v>省(?:人民)?(?:大会堂|会堂|会议中心|会展中心|国际会议中心|体育馆|体育中心|图书馆|博物馆"
    r"|科技馆|展览馆|党校|行政中心|政府))"
)
_PROVINCIAL_VENUE_EN = re.compile(
    r"\b(?:at|in)\s+the\s+(?P<v>(?P<p>[A-Z][a-z]+\s+)?Provincial\s+(?:People's\s+)?(?:Great\s+)?(?:Hall|Conference"
    r"\s+Cent(?:er|re)|Exhibition\s+Cent(?:er|re)|Library|Museum|Stadium|Government))"
)


def _provincial_venue(text: str, found: list[Match], ctx: DocContext, gazetteer: Gazetteer) -> Match | None:
    """The capital, as the place of a province's own venue the sentence names, when the sentence
    names no place below the province and its province is known (named there, or the report's)."""
    if any(m.resolution.region.level != "province" for m in found):
        return None
    v = _PROVINCIAL_VENUE_ZH.search(text) or (_PROVINCIAL_VENUE_EN.search(text) if ctx.lang == "en" else None)
    if v is None:
        return None
    provinces = {m.resolution.region.adcode for m in found}
    if "p" in v.groupdict() and v.group("p"):
        named = gazetteer.resolve(v.group("p").strip())
        provinces = {named.region.adcode} if named and named.region.level == "province" else provinces
    if not provinces and ctx.within:
        provinces = {ctx.within}
    capital = gazetteer.capital(next(iter(provinces))) if len(provinces) == 1 else None
    if capital is None:
        return None
    surface = text[v.start("v") : v.end("v")]
    return Match(v.start("v"), v.end("v"), surface, Resolution(capital, surface, False, capital.name_zh))


def _document_uppers(ctx: DocContext, gazetteer: Gazetteer) -> frozenset[str]:
    """The provinces and cities the report's names may mean, anywhere in it: a name's own region
    (福州市), a district's city (仓山区: Fuzhou), and each region a shared name may mean (Fuzhou:
    福州 and 抚州). Read once per report, and only when a sentence needs it."""
    if ctx.upper_names is None:
        names: set[str] = set()
        for p in ctx.paragraphs:
            shared: list = []
            for m in gazetteer.find_all(p.text, ambiguous=shared):
                r = m.resolution.region
                if is_a_word(p.text, m):
                    names |= {r.adcode, r.province_adcode} if r.level != "district" else {r.city_adcode or ""}
            names |= {r.adcode for *_, regions in shared for r in regions if r.level != "district"}
        ctx.upper_names = frozenset(names - {""})
    return ctx.upper_names


_MUNICIPALITIES = frozenset({"110000", "120000", "310000", "500000"})
# A full name (鼓楼区, Gulou District), not a short form that may be an ordinary word.
_FULL_NAME = re.compile(r"(?:区|县|旗|District|County)$")


def _settled_by_document(shared: list, found: list[Match], ctx: DocContext, gazetteer: Gazetteer) -> list[Match]:
    """Districts several cities have (鼓楼区: Nanjing, Xuzhou, Fuzhou, Kaifeng) that the rest of the
    report settles: exactly one of them lies in a city (else a province) the report names anywhere,
    even by a name of its own that two cities share ("Gulou District … in Fuzhou")."""
    taken = [(m.start, m.end) for m in found]
    out = []
    for start, end, surface, regions in shared:
        if any(s < end and start < e for s, e in taken) or not _FULL_NAME.search(surface):
            continue
        uppers = _document_uppers(ctx, gazetteer)
        fits = [r for r in regions if r.city_adcode in uppers] or [r for r in regions if r.province_adcode in uppers]
        if not fits and not uppers:
            # a report that names no city or province at all (a district yearbook signed 普陀区地方志办公室):
            # the municipality's district, the one such a report is far more often from (普陀区 of
            # Shanghai, not Zhoushan's; 朝阳区 of Beijing)
            fits = [r for r in regions if r.province_adcode in _MUNICIPALITIES]
        if len(fits) == 1:
            out.append(Match(start, end, surface, Resolution(fits[0], surface, False, surface)))
    return out


# 在沪举行 / 于甬召开 / 在京开幕: a city's one-character name where the event is held.
_ONE_CHAR_CITY = re.compile(
    rf"(?:在|于|赴|来)(?P<c>[{''.join(CITY_ONE_CHAR_NAMES)}])(?=(?:隆重|成功|正式)?(?:召开|举行|举办|开幕|启动|闭幕|落幕))"
)


def _one_char_cities(text: str, gazetteer: Gazetteer) -> list[Match]:
    out = []
    for m in _ONE_CHAR_CITY.finditer(text):
        city = gazetteer.get(CITY_ONE_CHAR_NAMES[m.group("c")])
        if city is not None:
            out.append(
                Match(m.start("c"), m.end("c"), m.group("c"), Resolution(city, m.group("c"), False, city.name_zh))
            )
    return out


# 为贯彻《广东省质量发展规划》和上海市《…实施方案》: a place inside a document's title, or owning the
# document written right after it, names the document, not where the event is.
_DOCUMENT_TITLE = re.compile(r"《[^《》]{1,60}》")


def _names_a_document(text: str, m: Match) -> bool:
    if text.startswith("《", m.end) or text.startswith("“《", m.end):
        return True
    return any(d.start() < m.start and m.end < d.end() for d in _DOCUMENT_TITLE.finditer(text))


# 太仓市监局副局长…受邀赴上海市技术监督局参加…沙龙 / 浦东新区市场监管局副局长某某来株,就…进行考察调研:
# the visitors' own body names where they come from; the place they go to is where the event is.
_GOES_TO = re.compile(r"(?:赴|前往|来到|到访|莅临)\s*$")
# 来株 / 赴榕: a city's first character alone, where a visit goes (the report names the city in full
# elsewhere: 来株洲考察); the visit is told in the clause.
_GOES_TO_ONE_CHAR = re.compile(r"(?:来|赴)(?P<c>[\u4e00-\u9fff])(?=[,\s]|考察|调研|参观|交流|学习|指导|走访|检查)")
_SENTENCE_END = re.compile(r"[。;!?]")
_VISIT = re.compile(r"考察|调研|参观|交流|学习|指导|走访|检查|座谈")
# what follows a place that names a body of it (太仓市监局, 浦东新区市场监督管理局, 某市政府)
_BODY_OF_PLACE = re.compile(r"[\u4e00-\u9fff]{0,10}?(?:局|委|办|政府|协会|院|中心)")


def _one_char_destination(text: str, ctx: DocContext, gazetteer: Gazetteer) -> Match | None:
    """The city a visit goes to, written by its first character (来株: 株洲市), when the report
    names exactly one city of that first character."""
    for m in _GOES_TO_ONE_CHAR.finditer(text):
        if not _VISIT.search(text, m.end(), m.end() + 40):
            continue
        c = m.group("c")
        cities = {
            code
            for code in _document_uppers(ctx, gazetteer)
            if (r := gazetteer.get(code)) is not None
            and r.level == "city"
            and r.name_zh.startswith(c)
            and not text.startswith(r.name_zh[:2], m.start("c"))
        }
        if len(cities) == 1:
            city = gazetteer.get(next(iter(cities)))
            return Match(m.start("c"), m.end("c"), c, Resolution(city, c, False, city.name_zh))
    return None


def _visited(text: str, found: list[Match], ctx: DocContext, gazetteer: Gazetteer) -> list[Match]:
    """``found`` with the visitors' own place left out when the clause says where they went: a place
    (of a body) named before 赴/前往/来到/来株 in the same clause is where the visitors come from."""
    if not re.search(r"赴|前往|来到|到访|莅临|来", text):
        return found
    dest = next((m for m in found if _GOES_TO.search(text, max(0, m.start - 4), m.start)), None)
    if dest is None and ctx.lang == "zh":
        dest = _one_char_destination(text, ctx, gazetteer)
    if dest is None:
        return found
    breaks = [b.end() for b in _SENTENCE_END.finditer(text, 0, dest.start)]
    clause_start = breaks[-1] if breaks else 0
    origin = [m for m in found if clause_start <= m.start and m.end <= dest.start and _BODY_OF_PLACE.match(text, m.end)]
    if not origin:
        return found
    first = min(m.start for m in origin)
    return sorted(
        [m for m in found if not (first <= m.start and m.end <= dest.start)] + ([dest] if dest not in found else []),
        key=lambda m: m.start,
    )


# 由省局、市局主办,城关区市场监管局协办的…启动仪式 / 州局统筹协调,组织各成员单位、某市市场监管局举行了…:
# a lower unit's body that only helps (协办), or is listed among the bodies another body organises,
# does not place the event; the superior place the sentence names before it does. (组织某区市场监管局在…
# 开展: the one body organised carries the event out, and places it.)
_HELPER_BODY = re.compile(r"[\u4e00-\u9fff]{0,8}?(?:局|委|办|政府|中心)[^,。;]{0,3}?协办")
_ORGANISED_BODY = re.compile(r"[\u4e00-\u9fff]{0,8}?(?:局|政府)")
_ORGANISED_BY = re.compile(r"组织[^,。;:“”]{0,30}[、和及与]$")


def only_helps(text: str, m: Match) -> bool:
    """Whether the place ``m`` is named as the seat of a body that helps (协办) or is listed among the
    bodies organised into the event (组织…各成员单位、某市市场监管局举行)."""
    return bool(
        _HELPER_BODY.match(text, m.end)
        or (_ORGANISED_BODY.match(text, m.end) and _ORGANISED_BY.search(text, 0, m.start))
    )


def _helper_bodies(text: str, found: list[Match], gazetteer: Gazetteer) -> list[Match]:
    """``found`` without the places named only as the seat of a body that helps with (协办) or is
    organised into (组织…、某市市场监管局举行) an event whose sentence names one of their own
    superior places before them."""
    drop = set()
    for i, m in enumerate(found):
        if not only_helps(text, m) or m.resolution.region.level == "province":
            continue
        uppers = ancestor_codes(gazetteer, m.resolution.region.adcode) - {m.resolution.region.adcode}
        if any(o.resolution.region.adcode in uppers for o in found[:i]):
            drop.add(i)
    return [m for i, m in enumerate(found) if i not in drop] if drop else found


# 在北京召开 / 来株洲考察 / 赴北京参加 / 宁波检验检疫局组织开展…: a city's short name where something is held or
# a visit goes, or heading the name of the city's own public body that holds the event (not 上海质协专家来我市:
# where visitors come from).
_CITY_WHERE_BEFORE = re.compile(r"(?:在|于|赴|到|来|去|前往|来到|抵达)$")
_CITY_BODY_AFTER = re.compile(
    r"(?:市场监督管理局|市场监管局|质监局|质量技术监督局|出入境检验检疫局|检验检疫局|海关|人民政府|市政府|市委|质量协会|质协)"
    r"[^,。;]{0,4}?(?:组织|开展|举办|举行|召开|主办|启动)"
)


def _city_as_place(text: str, m: Match) -> bool:
    """Whether the short name of a city (not a county) ``m`` is written as a place: after a word of where
    (在北京召开, 来株洲考察) or heading the name of its public body holding the event (宁波检验检疫局组织开展)."""
    return (
        m.resolution.region.level == "city"
        and not _names_a_landmark(text, m)
        and bool(_CITY_WHERE_BEFORE.search(text, max(0, m.start - 2), m.start) or _CITY_BODY_AFTER.match(text, m.end))
    )


def _near_the_report(text: str, found: list[Match], ctx: DocContext) -> list[Match]:
    """``found`` without a bare short form far from the bulletin's province: such a form is usually a word
    (惠民服务, 资源, 滨江 in a Shanghai report), kept only when written in full (惠民县) or nearby; a city's
    one character is read only where an event is held or a visit goes (在京举行, 来株), so stays, and so
    does a city's short name written as a place (`_city_as_place`: 在北京召开, 宁波检验检疫局)."""
    if not ctx.within:
        return found
    return [
        m
        for m in found
        if m.resolution.region.province_adcode == ctx.within
        or len(m.surface) == 1
        or m.surface in (m.resolution.region.name_zh, m.resolution.region.name_en)
        or m.resolution.region.level == "province"
        or re.search(r"[省市区县]$|District|City|County|Province", m.surface)
        or (ctx.lang == "zh" and _city_as_place(text, m))
    ]


# 洪山广场 / 洛阳桥 / 某某大道: a square, bridge, avenue or park named after a place stands wherever its own town
# put it (洪山广场 is not in 洪山区; 洛阳桥广场 is in a Hunan county). (A road, 中山路, is one word to the segmenter.)
_LANDMARK_AFTER = re.compile(r"(?:广场|大桥|桥|大道|大街|步行街|公园)")


def _names_a_landmark(text: str, m: Match) -> bool:
    """Whether the short form ``m`` (not its full name: 广汉市北新广场 is in 广汉市) is the head of a landmark's name.
    A district's is no place of the text (`_place_words`); a city's is one only within the report's province
    (苏州公园 in a Suzhou report; 在洛阳桥广场 in a Hunan county's is no 在洛阳: `_city_as_place`)."""
    return m.surface != m.resolution.region.name_zh and bool(_LANDMARK_AFTER.match(text, m.end))


def _place_words(text: str, every: list[Match]) -> list[Match]:
    """The matches of ``text`` that are words (`is_a_word`), not in a slogan nor a document's title, nor a district's
    short form heading a landmark's name (`_names_a_landmark`). A district's short form written right after its own city (上海浦东国际
    机场, 杭州萧山…) is that district, whatever word the segmenter joins it into (浦东国际机场)."""
    after_city = {
        id(b)
        for a, b in zip(every, every[1:], strict=False)
        if a.end == b.start
        and a.resolution.region.adcode == b.resolution.region.city_adcode != b.resolution.region.adcode
    }
    return [
        m
        for m in every
        if (id(m) in after_city or is_a_word(text, m))
        and not (m.resolution.region.level == "district" and _names_a_landmark(text, m))
        and not _in_slogan(text, m)
        and not ("《" in text and _names_a_document(text, m))
    ]


def regions_in(text: str, ctx: DocContext, gazetteer: Gazetteer) -> list[Match]:
    shared: list = []
    found = _place_words(text, gazetteer.find_all(text, within=ctx.within_city or ctx.within, ambiguous=shared))
    if shared:
        found = sorted(found + _settled_by_document(shared, found, ctx, gazetteer), key=lambda m: m.start)
    if ctx.lang != "en" and _ONE_CHAR_CITY.search(text):
        found = sorted(found + _one_char_cities(text, gazetteer), key=lambda m: m.start)
    if found:
        found = sorted(found + _children_after_parents(text, found, gazetteer), key=lambda m: m.start)
        named = drop_subsidiaries(text, found)
        # 科达(嘉兴)电子有限公司举行…: a company's seat in its name is where its own event is when the
        # report names no place of its own at all (else the report's place is meant: 海信(广东)… in
        # a Pengjiang report).
        seats = [m for m in found if _company_holds(text, m)] if not named and ctx.within is None else []
        found = named or seats
    if ctx.lang == "zh":
        found = _visited(text, found, ctx, gazetteer)
        if "协办" in text or "组织" in text:
            found = _helper_bodies(text, found, gazetteer)
    near, found = found, _near_the_report(text, found, ctx)
    if ctx.lang == "zh" and "的" in text:
        found = _meeting_place(text, near, gazetteer) or found
    if ctx.lang == "en":
        if re.search(r"district|county", text, re.IGNORECASE):
            spans = [(m.start, m.end) for m in found]
            found += [
                m
                for m in _pairs_with_ambiguous_parent(text, gazetteer)
                if not any(a < m.end and m.start < b for a, b in spans)
            ]
        for lm in _LITERAL_EN.finditer(text):
            zh = _LITERAL_MAP.get((lm.group(1).lower(), lm.group(2).lower()))
            res = gazetteer.resolve(zh) if zh else None
            if res is not None:
                found.append(Match(lm.start(), lm.end(), lm.group(0), res))
        # English running text: person names (Rao Xiaoxi) can read as pinyin place names; keep
        # official English names and names followed by District/City/Province or by a body of the
        # place (the Yuyao Administration for Market Regulation, Yuyao Economic Development Zone),
        # or known cities.
        keep = []
        for m in found:
            tail = text[m.end : m.end + 12]
            r = m.resolution.region
            if (
                " " in m.surface
                or re.match(r"\s+(?:District|City|County|Province|area|region)\b", tail, re.IGNORECASE)
                or _EN_BODY_AFTER.match(text, m.end)
                or r.level in ("province", "city")
            ):
                keep.append(m)
        # A county-level name next to its own province or city (Kunshan, Jiangsu) is a place too:
        # a person's name does not come with the province it would be a county of. So is one
        # after "in/at/across" in a report from its own province (officials in Jiading, in a
        # Shanghai story): people are not "in" a name.
        parents = {m.resolution.region.adcode for m in keep}
        home = ctx.named_upper
        keep += [
            m
            for m in found
            if m not in keep
            and m.resolution.region.level == "district"
            and home & {m.resolution.region.province_adcode, m.resolution.region.city_adcode}
            and _EN_LOCATIVE_BEFORE.search(text, 0, m.start)
        ]
        keep += [
            m
            for m in found
            if m not in keep
            and m.resolution.region.level == "district"
            and parents & ancestor_codes(gazetteer, m.resolution.region.adcode)
        ]
        found = sorted(keep, key=lambda m: m.start)
    found = _full_name_over_short_forms(text, found, ctx, gazetteer)
    venue = _provincial_venue(text, found, ctx, gazetteer)
    if venue is not None:
        found = sorted([*found, venue], key=lambda m: m.start)
    national = _NATIONAL_VENUE.search(text)
    if national is not None:
        beijing = gazetteer.get(_BEIJING)
        v = national.lastgroup or ""
        surface = national.group(v)
        # the event is in Beijing, whoever came to it (宁波市某企业在人民大会堂领奖)
        return [
            Match(national.start(v), national.end(v), surface, Resolution(beijing, surface, False, beijing.name_zh))
        ]
    return found


def _full_name_over_short_forms(text: str, found: list[Match], ctx: DocContext, gazetteer: Gazetteer) -> list[Match]:
    """``found`` without the two-character short forms of county-level places that stand against one
    county-level place written in full and lie outside it (某集团建安分公司承建的涉县某项目部: 建安, a word too,
    construction and installation, is no place beside 涉县), unless written as where (在/于/赴/到萧山). Chinese only."""
    if ctx.lang != "zh" or len(found) < 2:
        return found
    districts = [m for m in found if m.resolution.region.level == "district"]
    full = {m.resolution.region.adcode for m in districts if m.surface == m.resolution.region.name_zh}
    if len(full) != 1:
        return found
    (code,) = full
    city = gazetteer.get(code).city_adcode

    def short_elsewhere(m: Match) -> bool:
        r = m.resolution.region
        return (
            r.level == "district"
            and len(m.surface) == 2
            and m.surface != r.name_zh
            and r.city_adcode != city
            and not _IN_PLACE_BEFORE.search(text, 0, m.start)
        )

    return [m for m in found if not short_elsewhere(m)]


# 在北京召开的全国某质量大会上,某市某公司获奖 / 在杭州举行的某论坛上,某区代表发言: what the sentence tells
# happened at a meeting held in the place it names first; the places named after it are those of the
# bodies taking part (a company honoured, a bureau speaking), not where the meeting was.
_AT_MEETING_HELD_IN = re.compile(
    r"(?:在|于)(?P<where>[\u4e00-\u9fff]{2,12}?)(?:隆重|成功|正式|顺利)?(?:召开|举行|举办|开幕)的"
    r"[^,。;]{0,50}?(?:会|会议|大会|论坛|峰会|年会|仪式|典礼)(?:上|期间)"
)


def _meeting_place(text: str, found: list[Match], gazetteer: Gazetteer) -> list[Match]:
    """The places written in ``text``'s 在X召开的…会上 (X, the meeting's place, even a short form far from the
    report's province: 在北京召开的… in a Hebei company's report) and the sentence's places inside them (在浙江大学
    召开的杭州市…论坛上: 杭州市 is in 浙江), or [] when the sentence has no such phrase or it names no place."""
    held = _AT_MEETING_HELD_IN.search(text)
    if held is None:
        return []
    at = [m for m in found if held.start("where") <= m.start and m.end <= held.end("where")]
    codes = {m.resolution.region.adcode for m in at}
    if not at and "全省" in text[held.end("where") : held.end()]:
        # 在近日召开的全省质量工作会议上,某市人民政府荣膺…: the province's own meeting, in the province of the
        # bodies named at it
        provinces = {m.resolution.region.province_adcode for m in found}
        province = gazetteer.get(provinces.pop()) if len(provinces) == 1 and None not in provinces else None
        if province is not None:
            first = found[0]
            return [
                Match(
                    first.start, first.end, first.surface, Resolution(province, first.surface, False, province.name_zh)
                )
            ]
    return [m for m in found if m in at or (codes and codes & ancestor_codes(gazetteer, m.resolution.region.adcode))]


# 在人民大会堂隆重举行 / "was held in the Great Hall of the People": the nation's own venues stand in Beijing
# (a province's hall is named with its province: 广西人民大会堂, 省人民大会堂).
_NATIONAL_VENUE = re.compile(
    r"(?:在|于)\s*(?:北京)?(?P<zh>人民大会堂|国家会议中心|钓鱼台国宾馆)"
    r"|\b(?:in|at)\s+(?:the\s+)?(?P<en>Great\s+Hall\s+of\s+the\s+People|China\s+National\s+Convention\s+Cent(?:er|re))",
    re.IGNORECASE,
)
_BEIJING = "110100"


_EN_LOCATIVE_BEFORE = re.compile(r"\b(?:in|at|across|around|throughout)\s+$")
# The words that go on from an English place name into a body of the place (the Yuyao Administration for
# Market Regulation, Yuyao Economic Development Zone): a pinyin word before them is a place, not a person.
_EN_BODY_WORDS = (
    "Municipal",
    "Administration for Market Regulation",
    "Market (?:Supervision|Regulation)",
    "Economic(?:al)? (?:and Technological )?Development Zone",
    "High-tech",
    "Hi-tech",
    "(?:People's )?Government",
    "Quality (?:and Technical )?Supervision",
)
# written in capitals or not, and after a possessive (the Tongxiang municipal government, Deqing's
# market regulation bureau)
_EN_BODY_AFTER = re.compile(r"(?:'s)?\s+(?:" + "|".join(_EN_BODY_WORDS) + ")", re.IGNORECASE)


# 全市/本市/我县…: the report's own city (county, district) when the sentence names no place; so is
# its own facility (在区行政服务中心, 在县会议中心: not 市民广场, 市场), and its own bureau named by the
# unit alone (由县市场监管局主办, 区市场监管局计量检定人员走进…: a county's or district's paper
# writes its own bureau so), not a zone's (高新区市场监管局: a word ends before 区).
_OWN_UNIT = re.compile(
    r"(?:全|本|我)(?P<unit>市|县|区|州)(?![长委政级场])"
    r"|在(?P<venue>市|县|区)(?![民场长委级])[\u4e00-\u9fff]{0,6}?(?:中心|政府|大楼|会议室|礼堂|大厅|广场|公园)"
    r"|(?:(?<![\u4e00-\u9fff])|(?<=[由和与及、经在对向同该]))(?P<bureau>市|县|区)"
    r"(?=市场监管局|市场监督管理局|质监局|质量技术监督局|人民政府|政府)"
)
# 我局 / 本局: the body that writes the report (its signature's, its title's).
_OWN_BODY = re.compile(r"(?:我|本)(?:局|委|单位)")


def own_unit(text: str, ctx: DocContext) -> Match | None:
    """The report's own place (its title's, date line's, opening's or signature's: ``ctx.scope``) when
    ``text`` speaks of it as 全市/本县/我区 or of its own facility (在区行政服务中心) and the scope is a
    unit of that kind (全市 is a 市), or of the body that writes the report (我局)."""
    if ctx.scope is None:
        return None
    region = ctx.scope.resolution.region
    if _OWN_BODY.search(text) and region.level != "province":
        return ctx.scope
    m = _OWN_UNIT.search(text)
    if m is None:
        return None
    unit = m.group("unit") or m.group("venue") or m.group("bureau")
    if region.level == "province" or not region.name_zh.endswith(unit):
        return None
    return ctx.scope


def _written_unit(text: str) -> re.Match[str] | None:
    """Where ``text`` names its own bodies by a county-level unit alone (县 or 区: 由县市场监督管理局主办,
    县政府办…主持), when every body it names by a unit's level alone is of that one unit (not 市局组织县局…;
    a named place's body, 绍兴市计量测试所, is not one)."""
    m = _OWN_UNIT.search(text)
    unit = m and (m.group("unit") or m.group("venue") or m.group("bureau"))
    if unit not in ("县", "区"):
        return None
    alone = (b for b in _UNIT_OF_BODY.finditer(text) if _LEVEL_ALONE.search(text, 0, b.start()))
    return m if all(b.group("unit") == unit for b in alone) else None


# what comes before a unit written alone (由县局, 、市局, 。区政府): not a name's end (绍兴市计量测试所)
_LEVEL_ALONE = re.compile(r"(?:^|[^\u4e00-\u9fff]|[由和与及、经在对向同该])$")


# 浙公网安备 33092102000130号: a page's public-security filing number; its first six digits are the
# division code of the bureau the site is filed with (330921: 岱山县).
_FILING_CODE = re.compile(r"公网安备\s*(?P<code>\d{6})\d{8}\s*号")


def _documents_unit(unit: str, above: Region | None, ctx: DocContext, gazetteer: Gazetteer) -> Region | None:
    """The one county-level unit of kind ``unit`` (a 县 or a 区) the document itself identifies: inside
    ``above`` (a place found for the event), the one such unit named anywhere in the document, in
    word (打造“忠县造”名牌: its full name, or a short name that is a word); with nothing found, the unit of the page's 公网安备 filing code."""
    if above is not None:
        named = {
            m.resolution.region.adcode: m.resolution.region
            for p in ctx.paragraphs
            if unit in p.text
            for m in gazetteer.find_all(p.text, within=ctx.within)
            if m.resolution.region.level == "district"
            and m.resolution.region.name_zh.endswith(unit)
            and above.adcode in ancestor_codes(gazetteer, m.resolution.region.adcode)
            and (m.surface.endswith(unit) or is_a_word(p.text, m))
        }
        return next(iter(named.values())) if len(named) == 1 else None
    codes = {f.group("code") for p in ctx.paragraphs[-6:] for f in _FILING_CODE.finditer(p.text)}
    region = gazetteer.get(codes.pop()) if len(codes) == 1 else None
    if region is None or region.level != "district" or not region.name_zh.endswith(unit):
        return None
    return region


def own_county(text: str, region: Match | None, ctx: DocContext, gazetteer: Gazetteer) -> Match | None:
    """The report's own county (district) when ``text`` names the event's bodies by that unit's level
    alone (由县市场监督管理局主办, 活动由县政府办…主持) and the place found for it is wider (the city, a
    municipality named in a company's name) or none: the one such unit the document identifies
    (`_documents_unit`). None when the text names no body so, or the document does not settle it."""
    if ctx.lang != "zh" or (region is not None and region.resolution.region.level == "district"):
        return None
    written = _written_unit(text)
    if written is None:
        return None
    unit = written.group("unit") or written.group("venue") or written.group("bureau")
    found = _documents_unit(unit, region.resolution.region if region is not None else None, ctx, gazetteer)
    if found is None:
        return None
    start, end = (region.start, region.end) if region is not None else written.span()
    surface = region.surface if region is not None else written.group(0)
    return Match(start, end, surface, Resolution(found, surface, False, found.name_zh))


# 省标准化院 / 区质量创建办 / 市市场监管局 / 高新区市场监管局: a body named by a unit's level (not 市场, 市民).
_UNIT_OF_BODY = re.compile(
    r"(?P<unit>省|市|县|区|州|旗)(?![场民长委级])[\u4e00-\u9fff]{0,6}?(?:局|委|办|政府|院|所|中心|协会|站|小组)"
)


def own_units_agree(text: str, scope: Match) -> bool:
    """Whether every body ``text`` names by a unit's level (省标准化院, 区委宣传部) is of the scope's own
    level (a province's 省, a district's 区): a 市市场监管局 in a district's report is the city's."""
    name = scope.resolution.region.name_zh
    return all(name.endswith(m.group("unit")) for m in _UNIT_OF_BODY.finditer(text))


# 今日下午,杭州市人民政府新闻办公室召开新闻发布会: a body of the place, the sentence's subject, holds it.
_HOLDING_BODY = re.compile(
    r"[\u4e00-\u9fff]{0,12}?(?:人民政府|政府|办公室|监督管理局|监管局|委员会|领导小组)[^,。;]{0,6}?(?:召开|举行|举办|主办)"
)


def holds_the_event(text: str, m: Match) -> bool:
    """Whether the place ``m`` opens the sentence's subject (after a time phrase) as a body
    that holds the event (杭州市人民政府新闻办公室召开…): the event is at that place's level."""
    head = text[: m.start]
    return bool(re.fullmatch(r"(?:[^,。;]{0,14}[,\s])?\s*", head)) and bool(_HOLDING_BODY.match(text, m.end))


# 元宝山区质监分局设置咨询台 / 科尔沁区市场监管局: a county-level unit's own bureau, named acting.
_UNIT_BUREAU_AFTER = re.compile(r"(?:市场监督管理局|市场监管局|质监分局|质监局|质量技术监督局|市场监管分局)")
# …的代表作交流发言 / 参加会议: a unit's bureau that speaks at or attends the city's event does not hold it.
_ONLY_ATTENDS = re.compile(r"[^,。;]{0,24}?(?:发言|汇报|参加|出席|参会|列席|作交流|受到表彰|获)")


def district_bureau(city: Match, paragraphs: list, ctx: DocContext, gazetteer: Gazetteer) -> Match | None:
    """The one county-level unit of ``city`` whose own bureau the event's section (``paragraphs``) names
    (内蒙古赤峰市在…广场举办了宣传活动 … 元宝山区质监分局设置咨询台): an event the text places at the city
    only is that unit's when the section names the bureau of no other unit of the city. None otherwise."""
    if not paragraphs:
        return None
    key = paragraphs[0].index
    if key not in ctx.bureau_units:
        ctx.bureau_units[key] = [
            m
            for p in paragraphs
            if "局" in p.text
            for m in gazetteer.find_all(p.text, within=ctx.within)
            if m.resolution.region.level == "district"
            and (b := _UNIT_BUREAU_AFTER.match(p.text, m.end))
            and not _ONLY_ATTENDS.match(p.text, b.end())
            and not only_helps(p.text, m)
            and is_a_word(p.text, m)
        ]
    code = city.resolution.region.adcode
    units = {m.resolution.region.adcode: m for m in ctx.bureau_units[key] if m.resolution.region.city_adcode == code}
    return next(iter(units.values())) if len(units) == 1 else None


# 自治区政府组织召开全区…电视电话会议 / 记者从省政府新闻办召开的新闻发布会上获悉: a province's own body,
# written by its level alone (not 江西省政府: a named province), holds the event.
_PROVINCE_HOLDS = re.compile(
    r"(?:^|(?<=[从由在和与及、,,。:\s]))(?P<p>省|自治区)(?:人民政府|政府|[\u4e00-\u9fff]{0,10}?(?:局|办公室|办|委员会|领导小组))"
    r"[^,。;“”]{0,6}?(?:召开|举办|举行|主办)"
)


def province_holds(text: str, ctx: DocContext, gazetteer: Gazetteer) -> Match | None:
    """The report's own province (``ctx.within``) when ``text``'s event is held by a body that province
    writes by its level alone (省政府新闻办召开…, 自治区政府组织召开…) and the sentence names no place
    inside that province: the event is the province's, whatever other province or city it also names
    (a partner province it works with, a city that spoke at a branch venue)."""
    h = _PROVINCE_HOLDS.search(text)
    if h is None or ctx.within is None:
        return None
    if any(
        m.resolution.region.province_adcode == ctx.within and m.resolution.region.level != "province"
        for m in regions_in(text, ctx, gazetteer)
    ):
        return None
    province = gazetteer.get(ctx.within)
    if province is None or province.level != "province":
        return None
    surface = h.group("p")
    return Match(h.start("p"), h.end("p"), surface, Resolution(province, surface, False, province.name_zh))


# 在山西省举办 / 于广东省召开: a province written as where the event is.
_IN_PLACE_BEFORE = re.compile(r"(?:在|于|赴|到)\s*$")
# 浙江省质科院举办… / 某省计量院组织开展…: the province's own body (an institute, a centre, an association
# too, beyond `_HOLDING_BODY`'s offices) holds the event.
_PROVINCE_BODY_HOLDS = re.compile(
    r"[\u4e00-\u9fff]{0,12}?(?:局|院|会|委|办|厅|中心|政府|站|所)[^,。;]{0,8}?(?:举办|举行|召开|开展|组织|主办)"
)


# 2021年浙江省“质量月”活动启动 / 河北省2019年质量月: the province's own campaign, an event of the province.
_CAMPAIGN_NAME_AT = re.compile(r"\s*(?:(?:19|20)\d\d\s*年度?)?\s*[“\"]?")


def _owns_campaign(text: str, end: int) -> bool:
    """Whether a campaign's name follows the place that ends at ``end`` (浙江省“质量月”, 河北省2019年质量月)."""
    at = _CAMPAIGN_NAME_AT.match(text, end).end()
    return any(pat.match(text, at) for _, pat in rules.CAMPAIGN_PATTERNS)


def city_under_province(province: Match, text: str, para: str, ctx: DocContext, gazetteer: Gazetteer) -> Match | None:
    """The report's own city (district) inside ``province``, when ``text`` names that province only in
    passing: not as where the event is (在山西省举办) nor as the seat of its body that holds it (山西省市场
    监管局举办, 浙江省质科院举办), but in the event's name (山西省首届…培训拉开帷幕), an honour's (授予“某省
    知名产品”) or a body that only takes part (山西省某计量站等单位参加). The report's own place
    (``ctx.scope`` when declared: a city paper's source line 来源:运城晚报, its title's city) if inside the province, else the one city
    of the province the event's paragraph names up to the event (``para``: 金秋太原,…。10月14日,…). None when
    neither is known, or the province names its own campaign (2021年浙江省“质量月”活动启动: the province's event)."""
    region = province.resolution.region
    if (
        region.level != "province"
        or province.end > len(text)
        or text[province.start : province.end] != province.surface
    ):
        return None
    if (
        _IN_PLACE_BEFORE.search(text, 0, province.start)
        or _owns_campaign(text, province.end)
        or (
            re.fullmatch(r"(?:[^,。;]{0,14}[,\s])?\s*", text[: province.start])
            and _PROVINCE_BODY_HOLDS.match(text, province.end)
        )
    ):
        return None

    def inside(m: Match) -> bool:
        return m.resolution.region.adcode != region.adcode and region.adcode in ancestor_codes(
            gazetteer, m.resolution.region.adcode
        )

    if ctx.scope is not None and ctx.scope_declared and inside(ctx.scope):
        return ctx.scope
    cities = {m.resolution.region.city_adcode: m for m in regions_in(para, ctx, gazetteer) if inside(m)}
    return next(iter(cities.values())) if len(cities) == 1 else None


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
    # 省局在沈阳、大连等地开展… / 攀枝花市质监局在米易、盐边等区县巡回宣传: several places of one level
    # listed together (one separator between each), all inside a place the sentence names above
    # them, tell where the event was at that place.
    spans = sorted((m.start, m.end) for m in top)
    listed = all(b[0] - a[1] == 1 for a, b in zip(spans, spans[1:], strict=False))
    for level in ("city", "province")[2 - deepest :] if deepest and listed else ():
        key = "city_adcode" if level == "city" else "province_adcode"
        parents = {getattr(m.resolution.region, key) for m in top}
        named = [m for m in matches if m.resolution.region.level == level and m.resolution.region.adcode in parents]
        if len(parents) == 1 and named:
            return named[0]
    return None


# Machine translations render place names word by word: 山东 -> "Mountain East" / "Mountain dong".
# (word, direction) -> province; the direction is also read in pinyin (Mountain dong = Mountain East).
_LITERAL = {
    ("mountain", "east"): "山东",
    ("mountain", "west"): "山西",
    ("river", "south"): "河南",
    ("river", "north"): "河北",
    ("lake", "south"): "湖南",
    ("lake", "north"): "湖北",
}
_PINYIN = {"east": "dong", "west": "xi", "south": "nan", "north": "bei"}
_LITERAL_MAP = _LITERAL | {(word, _PINYIN[way]): zh for (word, way), zh in _LITERAL.items()}
_LITERAL_EN = re.compile(r"\b(Mountain|River|Lake)\s*(East|West|South|North|dong|xi|nan|bei)", re.IGNORECASE)


def story_city(paragraphs: list[str], ctx: DocContext, gazetteer: Gazetteer) -> Match | None:
    """The one city every place a Chinese report's story names lies in (a company's ceremony held 在某博物馆
    (洛阳市…)项目现场 with 洛阳市涧西区住建局 taking part; a paper's 我市 story that names only 陕西省 and 雁塔区), as
    the place of an event that nothing nearer places. The city, not a district: a district a report names is
    often a body taking part (涧西区住建局), not where the event was. None when the story names no place below
    a province written in full (洛阳市, 雁塔区: not only a short form, 友谊 for 友谊县), or places in two cities
    or two provinces."""
    if ctx.lang != "zh":
        return None
    found = [m for text in paragraphs for m in regions_in(text, ctx, gazetteer)]
    if len({m.resolution.region.province_adcode for m in found}) != 1:
        return None
    below = [m for m in found if m.resolution.region.level != "province"]
    cities = {m.resolution.region.city_adcode for m in below}
    if len(cities) != 1 or not any(m.surface == m.resolution.region.name_zh for m in below):
        return None  # (友谊 alone, a county's short name that is also a word, places nothing)
    city = gazetteer.get(cities.pop())
    if city is None:
        return None
    own = next((m for m in found if m.resolution.region.adcode == city.adcode), None)
    return own or Match(0, 0, city.name_zh, Resolution(city, city.name_zh, False, city.name_zh))
