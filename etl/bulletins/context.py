"""The document's context (stage: clean -> context): title, dateline, the year the report is
about, the province it is in and its own scope. Fields of every event lean on it.
"""

from __future__ import annotations

import re
from datetime import date

from domain import numbers
from domain.gazetteer import Gazetteer
from domain.taxonomy import CAMPAIGN_MONTH, quality_month_year

from . import rules
from .cleaning import CleanParagraph
from .dates import (
    CLOCK,
    YEAR_ANY,
    YEAR_ZH,
    dateline_in,
    find_dates,
    is_story_date,
    observance_named,
    observance_ordinal_year,
    resolve_date,
    safe_date,
    years_written,
)
from .document import DocContext, is_meta, notice_time_lines
from .places import drop_subsidiaries, is_a_word, is_dateline_city, pick_region, regions_in
from .segment import ITEM_RE

# ------------------------------------------------------------------------------------------ document
# A full date in digits or in Chinese form (2022-09-18, 2022.9.18, 2022年9月18日): with a clock time after
# it (`CLOCK`: 10:21, 16:36:05), the piece of the dated headline and of the two closing-date forms below.
_YMD = r"(?P<y>(?:19|20)\d\d)\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?"


# A headline that ends with its publication date: 某区质量月启动仪式举行  2023年09月06日 / ... (2023-09-06)
# / … 2023-09-12 10:21:35 (a portal's time of posting).
_TITLE_DATE = re.compile(rf"^(?P<head>\S.{{3,100}}?)[\s(（]+{_YMD}\s*(?:{CLOCK})?\s*[)）]?\s*$")


def _dated_title(ctx: DocContext) -> None:
    """A first line that is a headline followed by its publication date: the date is the dateline
    (relative words are read against it) and the line is the title, never an event of its own.

    A page that carries two dates of its own (a headline's 2005-05-20 and a repost's 发布时间
    2007-12-04) is dated by the earlier: the story was written by then, and a later reposting
    says nothing of when the event was (近日 is read against the first)."""
    # The first line after a portal's breadcrumb (当前位置:首页 > 工作动态).
    first = next((p for p in ctx.paragraphs[:3] if not is_meta(p.text)), None)
    if first is None or first.index in ctx.dateline_paras or ctx.title not in (None, first):
        return
    m = _TITLE_DATE.match(first.text)
    if m is None or find_dates(m.group("head")) or first.text.rstrip(")）").endswith(("。", ".")):
        return
    d = safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    if d is None:
        return
    ctx.dateline_paras.add(first.index)
    ctx.dateline = min(ctx.dateline, d) if ctx.dateline else d
    ctx.title = first


_HEADER_LINES = 6  # a page's date line lies in its first lines
_FURNITURE_LINES = 30  # ... or, past a portal's furniture, before the story's first sentence


def _story_begins(p: CleanParagraph) -> bool:
    """A paragraph of running text: a sentence long enough that it is the story, not a link, a menu
    or a teaser (…such as...)."""
    text = p.text.strip()
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    if cjk > len(text) * 0.2:
        return len(text) > 24 and bool(re.search(r"[。；;!?！？]|[,，].*[,，]", text))
    return len(text) > 120 or (len(text) > 60 and bool(re.search(r"[a-z][.!?](?:\s|$)", text)))


def _datelines(ctx: DocContext) -> None:
    """The publication date: a dateline in the first lines or a source URL carrying a date (a
    notice's 时间: line states the event's time, not the page's). A page whose header is longer
    (a portal's login box, menus and breadcrumb before the headline) is dated by the one date line
    left before its story's first sentence; several such dates there are a list of other pages."""
    notice = {p.index for p in notice_time_lines(ctx.paragraphs)}
    for p in ctx.paragraphs:
        if p.index not in notice and (p.index <= _HEADER_LINES or re.search(r"https?://", p.text)):
            d = dateline_in(p.text)
            if d is not None and len(p.text) < 120:
                ctx.dateline_paras.add(p.index)
                if ctx.dateline is None:
                    ctx.dateline = d
    if ctx.dateline is not None:
        return
    found = []
    for p in ctx.paragraphs:
        if p.index <= _HEADER_LINES or p.index in notice:
            continue
        if p.index > _FURNITURE_LINES or _story_begins(p):
            break
        names_news = rules.EVENT_VERB_RE.search(p.text) or rules.names_activity(p.text)
        d = dateline_in(p.text) if len(p.text) < 120 and not names_news else None
        if d is not None:  # (a dated link to another page's story, 某区召开质量大会 2023-08-01, is none)
            found.append((p, d))
    if len({d for _, d in found}) == 1:
        ctx.dateline_paras.update(p.index for p, _ in found)
        ctx.dateline = found[0][1]


# The page's date at its end, after a credit or a signature (（责任编辑:王芳） 2019-09-13 / 某局 2019年9月16日
# / a date alone, its weekday after it: 2023年9月15日（星期五） / the credit and date in one bracket:
# （编辑:王芳 2022年9月20日）): a short line of no sentence that ends with a full date.
_CLOSING_DATE = re.compile(
    rf"^(?P<head>[^。,;!?]{{0,40}}?)[\s)）\]】]*{_YMD}"
    rf"(?:\s*[(（]?\s*(?:星期|周)[一二三四五六日天]\s*[)）]?)?(?:\s*{CLOCK})?\s*[)）\]】]?\s*$"
)


_SENTENCE_THEN_DATE = re.compile(rf"[。!?](?:\s*[(（][^()（）]{{0,20}}[)）])?\s*{_YMD}(?:\s*{CLOCK})?\s*$")


def _whole_date_line(text: str) -> date | None:
    """A signed report's date written in Chinese numerals alone on its line (二〇二二年十月八日, which
    cleaning leaves as 2022年十月八日): the date reader reads the whole line as one full date."""
    line = text.strip()
    if not line or len(line) > 16 or not re.search(r"[〇零一二三四五六七八九十]", line):
        return None
    dates = find_dates(line)
    if len(dates) != 1 or dates[0].start != 0 or dates[0].end != len(line):
        return None
    dm = dates[0]
    return safe_date(dm.year, dm.month, dm.day) if dm.year and dm.month and dm.day and not dm.relative else None


# A publishing system's record of the page left in its text at the end: the page's date first, then
# its author, headline, counters and file name (2022-01-17 王明 某某工程获奖 2 2 某报 content_123.html 1 …).
_PROPERTY_LINE = re.compile(rf"^\s*{_YMD}\s+(?P<rest>[^。!?]*)$")
_PAGE_FILE = re.compile(r"(?<![\w/.])[\w-]+\.s?html?\b")


def _page_property_line(p: CleanParagraph, ctx: DocContext) -> date | None:
    """The date of a publishing system's property line (its date first, then the page's own file name or
    headline): the page's date; the line itself is furniture, no event."""
    m = _PROPERTY_LINE.match(p.text)
    if m is None:
        return None
    head = ctx.title.text.strip()[:10] if ctx.title is not None and ctx.title is not p else ""
    if not (_PAGE_FILE.search(m.group("rest")) or (len(head) >= 8 and head in m.group("rest"))):
        return None
    return safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))


def _closing_dateline(ctx: DocContext) -> None:
    """Without a date line at the top, one at the end of the page (its last three lines) dates it;
    several such lines are a list of other pages' links (更多>2021-10-28 / 2020-08-21 …), not a date line.
    A publishing system's property line there (`_page_property_line`) is the page's record: it dates
    a page with no date line of its own and is never read as an event (several are a list of links)."""
    records = [(p, d) for p in ctx.paragraphs[-3:] if p.index > 1 and (d := _page_property_line(p, ctx))]
    if len(records) == 1:
        ctx.dateline_paras.add(records[0][0].index)
        ctx.dateline = ctx.dateline or records[0][1]
    if ctx.dateline is not None:
        return
    found = [
        (p, safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d"))))
        for p in ctx.paragraphs[-3:]
        if p.index > 1
        and (m := _CLOSING_DATE.match(p.text))
        and not find_dates(m.group("head"))
        and not rules.EVENT_VERB_RE.search(m.group("head"))
    ] + [(p, d) for p in ctx.paragraphs[-3:] if p.index > 1 and (d := _whole_date_line(p.text))]
    if not found and ctx.paragraphs:
        # …当天举办开放日活动。2022-09-18 10:21: a page whose line breaks were lost ends its last
        # sentence with the page's date; the date dates the page, the sentence stays an event.
        tail = _SENTENCE_THEN_DATE.search(ctx.paragraphs[-1].text)
        if tail is not None:
            ctx.dateline = safe_date(int(tail.group("y")), int(tail.group("m")), int(tail.group("d")))
        return
    if len(found) != 1 or found[0][1] is None:
        return
    p, ctx.dateline = found[0]
    ctx.dateline_paras.add(p.index)


def _story_date(ctx: DocContext) -> None:
    """A paper's story date in the opening lines (湖南日报长沙9月4日讯, "SUZHOU, Sept 10 (Xinhua) --"):
    the day 昨天/yesterday are read against (the page's date may be days later). Its year is its
    own, else the dateline's, else the report's, else one its paragraph writes."""
    for p in ctx.paragraphs[:6]:
        head = p.text[:60]
        story = next((dm for dm in find_dates(head) if is_story_date(dm, head)), None)
        if story is None:
            continue
        own = years_written(p.text, ctx.lang)
        year = story.year or (
            ctx.dateline.year
            if ctx.dateline
            else ctx.context_year or ctx.ordinal_year or ctx.text_year or next(iter(own), None)
        )
        if year and story.year is None and ctx.dateline and story.month > ctx.dateline.month + 1:
            year -= 1
        try:
            ctx.story_date = date(year, story.month, story.day) if year else None
        except ValueError:
            ctx.story_date = None
        return


def _notice_date(ctx: DocContext) -> None:
    """The date of a notice's one 时间: line (时间:2023年9月15日 / 地点:…), when it has one."""
    lines = [p for p in notice_time_lines(ctx.paragraphs) if find_dates(p.text)]
    if len(lines) == 1:
        start, _end, precision = resolve_date(find_dates(lines[0].text)[0], lines[0].text, ctx)
        if start is not None:
            ctx.notice_date = (start, precision)


def _notice_place(ctx: DocContext, gazetteer: Gazetteer) -> None:
    """The place of a notice's 地点: line next to its one 时间: line (地点:柯桥国际会展中心(绍兴市柯桥区…))."""
    lines = [p for p in notice_time_lines(ctx.paragraphs) if find_dates(p.text)]
    if len(lines) != 1:
        return
    i = ctx.paragraphs.index(lines[0])
    for p in [lines[0], *ctx.paragraphs[i + 1 : i + 2]]:
        m = re.search(r"地点\s*[:：]", p.text)
        if m:
            ctx.notice_place = pick_region(regions_in(p.text[m.end() :], ctx, gazetteer))
            return


def _campaign_month(ctx: DocContext) -> None:
    """The month of the campaign the title (else the opening) names: 质量月 is September; and the
    month of an observance day the title (else the opening) names: 世界计量日 is May."""
    texts = ([ctx.title.text] if ctx.title else []) + [p.text for p in ctx.paragraphs[:3]]
    for text in texts:
        camp = rules.find_campaign(text)
        if camp is not None:
            ctx.campaign_month = CAMPAIGN_MONTH.get(camp[0])
            break
    for text in texts:
        day = observance_named(text)
        if day is not None:
            ctx.observance_month = day[0]
            return


def _headline_like(p: CleanParagraph, ctx: DocContext) -> bool:
    """Short, unpunctuated and undated: a line that reads as a headline."""
    limit = 60 if ctx.lang == "zh" else 160
    return len(p.text) <= limit and not p.text.endswith(("。", ".")) and not find_dates(p.text)


def _links_after_story(ctx: DocContext) -> None:
    """Other pages' headlines listed under the story at the page's end, with or without a heading (a paper's
    标题导航 with the day's other titles, a site's titles of related stories): the page's last lines, each
    short, unpunctuated, undated, with no comma and no item's number or bullet (`segment.ITEM_RE`), right
    after a paragraph of running text, two or more of them naming an event or an activity (某煤矿举办培训 /
    某项目部召开动员会). They are no part of the story (`segment.story_paragraphs` leaves them out)."""
    run: list[CleanParagraph] = []
    for p in reversed(ctx.paragraphs):
        if (
            p is ctx.title
            or p.index in ctx.dateline_paras
            or not _headline_like(p, ctx)
            or re.search(r"[,，]", p.text)
            or ITEM_RE.match(p.text)
        ):
            break
        run.append(p)
    before = ctx.paragraphs[-len(run) - 1] if len(ctx.paragraphs) > len(run) else None
    if before is None or not (_story_begins(before) or before.text.rstrip().endswith(("。", "!", "?", "！", "？"))):
        return  # the lines follow no running text: a page of titles, or the story's own short lines
    news = [p for p in run if rules.EVENT_VERB_RE.search(p.text) or rules.names_activity(p.text)]
    if len(news) >= 2:
        ctx.link_paras.update(p.index for p in run)


def _names_news(text: str, gazetteer: Gazetteer) -> bool:
    """Whether a headline-like line names what news is about: a campaign, an event, an activity or a
    place (a site's name, 焦点图, 图片新闻 or a column's name names none)."""
    return bool(
        rules.find_campaign(text)
        or rules.EVENT_VERB_RE.search(text)
        or rules.names_activity(text)
        or any(is_a_word(text, m) for m in gazetteer.find_all(text))
    )


def _title(ctx: DocContext, gazetteer: Gazetteer) -> CleanParagraph | None:
    """The first line when it is short, unpunctuated and undated (a headline). A first such line that
    names no campaign, event, activity or place is page furniture (a site's name or slogan, 焦点图,
    【资料图】, a column's name) when a headline that does name one follows it before the body begins:
    that headline is the title."""
    first = None
    for position, p in enumerate(ctx.paragraphs[:6]):
        if p.index in ctx.dateline_paras or is_meta(p.text):
            continue
        if first is None and position >= 3:
            return None
        if not _headline_like(p, ctx):
            return first
        if first is None:
            if _names_news(p.text, gazetteer):
                return p
            first = p
        elif _names_news(p.text, gazetteer):
            return p
    return first


def _context_year(ctx: DocContext, full: str) -> int | None:
    """A year written next to the campaign's name (2008年“质量月”, 2015 The annual safety...), else
    the one year a title names (闵行区2021年质量工作会议召开)."""
    for m in YEAR_ANY.finditer(full):
        near = full[m.end() : m.end() + (16 if ctx.lang == "zh" else 40)].split("\n")[0]
        if rules.find_campaign(near) or re.match(
            r"\s*年?\s*(?:度)?\s*[^\n,。]{0,8}[“\"]?(?:质量月|quality month)", near, re.IGNORECASE
        ):
            return int(m.group(1))
    if ctx.title is not None:
        years = {int(y) for y in YEAR_ZH.findall(ctx.title.text)} or (
            {int(m.group(1)) for m in YEAR_ANY.finditer(ctx.title.text)} if ctx.lang == "en" else set()
        )
        if len(years) == 1:
            return years.pop()
    return None


_PLAN_AFTER = re.compile(r"[^,。;]{0,12}?(?:打算|计划|规划|目标|展望|思路|安排)")


# 比2011年增长 / 与2010年相比 / 同比: a year compared with; 到2015年…将 / 2020年将继续: a year planned for.
_COMPARED_BEFORE = re.compile(r"(?:比|较|同比|对比)\s*$")
_COMPARED_WITH = re.compile(r"(?:与|和|同)\s*$")  # 与2010年相比 (2020年和2021年 is two years)
_COMPARED_AFTER = re.compile(r"[^,。;]{0,4}?(?:相比|比较|同期)")
_TARGET_AFTER = re.compile(r"[^。;]{0,16}?(?:将|力争|实现)")


def _text_year(full: str, lang: str = "zh") -> int | None:
    """The year a report without a dateline is about: the one year it writes (2009年, 09年; in an
    English report a bare 2025: "As of the end of August 2025") other than the year of its plans
    (2010年工作打算); when it writes several, the one left after the years it compares with
    (比2011年增长) and those it plans for (到2015年…将建成). None when it names no such year or several."""
    years_re = YEAR_ANY if lang == "en" else YEAR_ZH
    found = [m for m in years_re.finditer(full) if not _PLAN_AFTER.match(full, m.end())]
    years = {int(m.group(1)) for m in found}
    if len(years) > 1:
        years = {
            int(m.group(1))
            for m in found
            if not _COMPARED_BEFORE.search(full[max(0, m.start() - 3) : m.start()])
            and not (
                _COMPARED_WITH.search(full[max(0, m.start() - 1) : m.start()]) and _COMPARED_AFTER.match(full, m.end())
            )
            and not (full[max(0, m.start() - 1) : m.start()] == "到" and _TARGET_AFTER.match(full, m.end()))
            and not re.match(r"\s*(?:将|力争)", full[m.end() :])
        }
    return years.pop() if len(years) == 1 else None


# 全国第46个“质量月” / 第四十五届全国“质量月”: the country's count of its campaigns.
_NATIONAL_BEFORE = re.compile(r"(?:全国|我国|中国)\s*$")


def _campaign_ordinals(full: str) -> list[tuple[re.Match[str], int]]:
    """The Quality Month's ordinals in ``full`` with the years they name (第45个“质量月”: 2022). The first
    (第一个/第一次“质量月”) names none: it is history (世界上第一个“质量月”起源于日本) or an organisation's
    own first campaign (某局成立后开展的第一个“质量月”), not 1978 (convention C6). Nor does an edition
    counted with 届 or 次 unless the country's (全国第45届“质量月”): the country counts its campaigns with
    个, an organisation its own (某集团召开第47次“质量月”动员大会, 第七届质量月 of a company)."""
    out = []
    for om in rules.ORDINAL_RE.finditer(full):
        n_int = numbers.cn_to_int(om.group("zh") or om.group("en"))
        own_count = om.group("zh") and re.search(r"[届次]", om.group(0))
        national = "全国" in om.group(0) or _NATIONAL_BEFORE.search(full, max(0, om.start() - 4), om.start())
        if n_int and n_int > 1 and (not own_count or national):
            out.append((om, quality_month_year(n_int)))
    return out


def _ordinal_year(full: str) -> int | None:
    """第45个“质量月” / the 45th Quality Month: the year it names; in a report that names no Quality
    Month, an observance's ordinal (第22个“世界计量日”: 2021) names it the same way."""
    ordinals = _campaign_ordinals(full)
    if ordinals:
        return ordinals[0][1]
    campaign = rules.find_campaign(full)
    return observance_ordinal_year(full) if campaign is None or campaign[0] != "quality_month" else None


# 今年9月是第43个“质量月” / 今年是第四十五个全国“质量月” / This year marks the 45th Quality Month: the
# campaign the writer calls this year's, in one sentence with it (第一个“质量月”起源于日本 is history).
_THIS_YEAR = re.compile(r"今年|本年度|本届|\bthis year\b", re.IGNORECASE)


def _this_campaign_year(full: str) -> int | None:
    """The year of the campaign the text calls this year's (今年…第N个“质量月”), or None."""
    for om, year in _campaign_ordinals(full):
        start = max(full.rfind(c, 0, om.start()) for c in "。;!?\n")
        if _THIS_YEAR.search(full, start + 1, om.start()):
            return year
    return None


def _places(ctx: DocContext, gazetteer: Gazetteer) -> None:
    """The province the report is in and its own scope."""
    # Regional context: the first place named in the title or the opening paragraphs (a place
    # that only names a subsidiary, X集团广西公司, or a newspaper says nothing about where the bulletin is from).
    # A paper's own place (舟山日报讯) is not where the event was, but when nothing else is named
    # it still tells which province the report is from (普陀区: Shanghai or Zhoushan), and so does a
    # news agency's dateline city (西宁9月18日电 … 城中区); so does a source or credit line at the end
    # (来源:宁波市江北区人民政府) when the opening names none.
    for paras, media in ((ctx.paragraphs[:6], False), (ctx.paragraphs[:6], True), (ctx.paragraphs[6:], False)):
        for p in paras:
            # only names that are words (民和 in 渔民和游客 is not): jieba's word boundaries
            words = [m for m in gazetteer.find_all(p.text) if is_a_word(p.text, m)]
            found = drop_subsidiaries(p.text, words, media=media, datelines=not media)
            if found:
                ctx.within = found[0].resolution.region.province_adcode
                break
        if ctx.within:
            break
    # Names that are words, per paragraph, with the province as context (read once: both uses below).
    named: dict[int, list] = {}

    def words_in(p: CleanParagraph) -> list:
        if p.index not in named:
            named[p.index] = [m for m in gazetteer.find_all(p.text, within=ctx.within) if is_a_word(p.text, m)]
        return named[p.index]

    for p in ctx.paragraphs[:6]:
        for m in words_in(p):
            r = m.resolution.region
            if r.level != "district":
                ctx.named_upper |= {r.adcode, r.province_adcode}
    # A district name that two cities of the province share (鼓楼区: Nanjing, Xuzhou) is settled by
    # the one city the opening lines name (else the rest of the report).
    for paras in (ctx.paragraphs[:6], ctx.paragraphs[6:]):
        cities = {
            m.resolution.region.city_adcode
            for p in paras
            for m in drop_subsidiaries(p.text, words_in(p), media=False)
            if m.resolution.region.level in ("city", "district") and m.resolution.region.city_adcode
        }
        if cities:
            ctx.within_city = cities.pop() if len(cities) == 1 else None
            break
    # The bulletin's own scope: its title's place, else its dateline's (来源:上海市质量协会), else
    # the first place of its opening paragraphs.
    opening = [p for p in ctx.paragraphs[:6] if p is not ctx.title and p.index not in ctx.dateline_paras][:3]
    declared = ([ctx.title] if ctx.title else []) + [p for p in ctx.paragraphs if p.index in ctx.dateline_paras]
    for p in declared + opening:
        scope = pick_region(regions_in(p.text, ctx, gazetteer))
        if scope is not None:
            ctx.scope = scope
            ctx.scope_declared = p in declared
            break
    if ctx.scope is None:
        _signature_scope(ctx, gazetteer)


def _dateline_city(ctx: DocContext, gazetteer: Gazetteer) -> None:
    """A news agency's dateline city in the opening lines (本报北京9月13日电, SHANGHAI, May 10 (Xinhua) --) of a
    report with no place of its own: where the reporter filed from, read for an event nothing else places."""
    ctx.dateline_city = next(
        (
            m
            for p in ctx.paragraphs[:6]
            for m in gazetteer.find_all(p.text, within=ctx.within)
            if m.resolution.region.level != "district" and is_dateline_city(p.text, m)
        ),
        None,
    )


# The signing body's name alone on a line near the end of a letter, notice or report.
_SIGNATURE = re.compile(r"[\u4e00-\u9fff()]{4,30}(?:局|委员会|政府|办公室|协会|中心|公司|领导小组)")


def _signature_scope(ctx: DocContext, gazetteer: Gazetteer) -> None:
    """A letter's or notice's signature (杭州市临平区市场监督管理局 / 二〇二三年九月十一日): the body that
    writes it is the report's own place when nothing above names one."""
    for p in ctx.paragraphs[-3:]:
        if p is not ctx.title and _SIGNATURE.fullmatch(p.text):
            ctx.scope = pick_region(regions_in(p.text, ctx, gazetteer))
            if ctx.scope is not None:
                return


def build_context(
    source: str, paragraphs: list[CleanParagraph], lang_hint: str | None, gazetteer: Gazetteer
) -> DocContext:
    """Title, dateline, context year and regional context of a bulletin."""
    body = "".join(p.text for p in paragraphs[:20])
    cjk = sum(1 for ch in body if "\u4e00" <= ch <= "\u9fff")
    lang = lang_hint or ("zh" if cjk > len(body) * 0.2 else "en")
    ctx = DocContext(source=source, paragraphs=paragraphs, lang=lang)
    _datelines(ctx)
    ctx.title = _title(ctx, gazetteer)
    _dated_title(ctx)
    _closing_dateline(ctx)
    _links_after_story(ctx)
    full = "\n".join(p.text for p in paragraphs)
    ctx.context_year = _context_year(ctx, full)
    ctx.ordinal_year = _ordinal_year(full)
    ctx.this_campaign_year = _this_campaign_year(full)
    ctx.text_year = _text_year(full, ctx.lang) if ctx.dateline is None else None
    _story_date(ctx)
    _campaign_month(ctx)
    _notice_date(ctx)
    _places(ctx, gazetteer)
    if ctx.scope is None:
        _dateline_city(ctx, gazetteer)
    _notice_place(ctx, gazetteer)
    return ctx
