"""From a cleaned bulletin to activity records (stage: assemble), calling the stages before it.

Stages, each a module with its own tests: cleaning.py (clean: t2s, pinyin, emoji, WeChat line
breaks) -> context.py (title, dateline, years, the report's province and scope) -> segment.py
(headings, numbered items, table rows, body) and events.py (further events inside a section:
a second dated event, a named pair, yearbook chains) -> fields.py with places.py and dates.py
(resolve each field with the document's context) -> this module (one draft per candidate event,
then `ActivityRecord`s) -> dedupe.py (one record per event).

Grain: one `ActivityRecord` per activity the bulletin reports (the main event of a single-event
report; one per district/enterprise section under a heading such as ``宝山:``; one per numbered
programme item that names a concrete event; a second event held by another organiser in the same
report, e.g. ``开幕式后,X厂召开了座谈会``).

A field the text does not support stays empty (None / 'unknown'): nothing is guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from domain import numbers
from domain.gazetteer import Gazetteer, Match
from domain.messages import msg
from domain.record import ActivityRecord, make_record_id

from . import learned, rules
from .context import build_context
from .dates import find_dates, observance_named, states_observance
from .document import (
    DocContext,
    Problem,
    Section,
    Sentence,
    is_item_locator,
    is_meta,
    item_locator,
    split_sentences,
)
from .events import (
    announces_several,
    award_list,
    chain_links,
    coordinated_events,
    dated_clauses,
    during_month,
    further_events,
    headline_items,
    held_with,
    highlighted_events,
    item_event,
    item_further_events,
    looks_truncated,
    next_day,
    released_in_event,
    second_events,
    service_at_event,
    umbrella_items,
)
from .fields import (
    ORG_SUFFIX,
    Draft,
    classify_sentence,
    draft_from,
    en_organizer_elsewhere,
    event_sentence,
    find_organizer,
    profile,
    resolve_date,
)
from .lexicon import LEXICON, one_of, words
from .places import own_units_agree, pick_region, regions_in, story_city
from .segment import ITEM_RE, count_cell, holder_cell, segment, story_paragraphs, table_cells, table_row

# The stages' public names, for callers that read the reader as one module.
__all__ = ["build_context", "classify_sentence", "extract_records", "split_sentences", "to_record"]


@dataclass
class _Shared:
    """What every section of a summary bulletin shares: the intro's place, month and organiser."""

    intro_sents: list[Sentence]
    region: Match | None = None
    date: tuple[date, str] | None = None


def _shared(ctx: DocContext, intro: list, sections: list[Section], gazetteer: Gazetteer) -> _Shared:
    """The place and month the intro of a summary bulletin states for every item/section."""
    shared = _Shared([s for p in intro for s in split_sentences(p)])
    if not intro or all(sec.kind == "body" for sec in sections):
        return shared
    for s in shared.intro_sents:
        if shared.region is None:
            shared.region = pick_region(regions_in(s.text, ctx, gazetteer))
        ms = find_dates(s.text) if shared.date is None else []
        if ms:
            st, _, prec = resolve_date(ms[0], s.text, ctx)
            if st is not None:
                shared.date = (st, prec)
    if shared.region is None and ctx.title:
        shared.region = pick_region(regions_in(ctx.title.text, ctx, gazetteer))
    year = shared.date[0].year if shared.date else ctx.context_year
    if (
        (shared.date is None or shared.date[1] == "year")
        and year
        and ctx.campaign_month
        and any(_CAMPAIGN_PERIOD.search(s.text) for s in shared.intro_sents)
    ):
        # 今年“质量月”期间,某局开展了一系列活动。一、…: the items were held in the campaign's month.
        shared.date = (date(year, ctx.campaign_month, 1), "month")
    return shared


# The campaign's own period named as the time of what follows (“质量月”期间, during Quality Month).
_CAMPAIGN_PERIOD = re.compile(
    r"(?:质量月|安全生产月|安全月)[”\"]?(?:活动)?(?:期间|中)"
    r"|\b(?:during|in|throughout|at the (?:beginning|start) of) the (?:\d{4} |\d{1,2}(?:st|nd|rd|th) )?[\"“]?(?:quality|safety(?: production)?) month",
    re.IGNORECASE,
)


def _lead_sentence(sents: list[Sentence]) -> Sentence | None:
    """A story none of whose sentences tells its event by an event verb and a kind (为某小学120名师生送上
    “质量大餐” / 某中心迎来了43名学员参观学习, the kind only in later sentences: 讲堂, 课堂): its lead, the
    first sentence told as done that states a time (a date, 近日, 连日来), is the event. None when the story
    names no kind, or no told sentence states a time (a slogan, 广泛宣传,营造氛围, is no event)."""
    told = [s for s in sents if not rules.FUTURE_RE.search(s.text) and not is_meta(s.text)]
    if not any(rules.classify_type(s.text) for s in told):
        return None
    return next((s for s in told if find_dates(s.text)), None)


def _section_event(sec: Section, sents: list[Sentence], ctx: DocContext, problems: list[Problem]) -> Sentence | None:
    """The sentence reporting a section's (main) event; a problem is listed when there is none."""
    if sec.kind == "item":
        para = sec.paragraphs[0]
        if not table_row(para.text) and looks_truncated(para, para.index == ctx.paragraphs[-1].index):
            problems.append(Problem(f"paragraph {para.index}", msg("item_cut_off")))
            return None
        return item_event(sents)  # None: a programme line that names no concrete event, or a duty
    event = event_sentence(sents)
    if event is None and sec.kind == "heading":
        event = next((s for s in sents if rules.classify_type(s.text) or rules.EVENT_VERB_RE.search(s.text)), None)
    if event is None and sec.kind == "body":
        event = _lead_sentence(sents)
    if event is None and (sec.kind == "heading" or any(rules.classify_type(s.text) for s in sents)):
        where = f"paragraph {sec.paragraphs[0].index}" if sec.paragraphs else None
        problems.append(Problem(where, msg("no_event_sentence")))
    return event


def _spans(sents: list[Sentence], further: list[Sentence]) -> tuple[list[list[Sentence]], list[Sentence]]:
    """Several dated events in one section: each reads its participants from its own sentences only
    (from its sentence up to the next event's); the rest belong to the main event."""
    if not further:
        return [], sents
    starts = [sents.index(f) for f in further]
    spans = [sents[a:b] for a, b in zip(starts, starts[1:] + [len(sents)], strict=True)]
    claimed = {id(x) for span in spans for x in span}
    return spans, [x for x in sents if id(x) not in claimed]


def _as_item(draft: Draft, sents: list[Sentence], event: Sentence, ctx: DocContext, shared: _Shared) -> None:
    """A numbered programme item (or a table row) is its own activity by construction: its own
    locator (dedupe keeps it apart), its heading as title, its own organiser or the programme's."""
    draft.locator = item_locator(sents[0].para)
    # The item's own line names its event; a sentence under a heading is typed without its venue.
    head = rules.classify_type(ITEM_RE.sub("", sents[0].text, count=1))
    own = rules.classify_type(ITEM_RE.sub("", event.text, count=1)) if event is sents[0] else None
    draft.activity_type = head or own or draft.activity_type
    draft.title = ITEM_RE.sub("", sents[0].text, count=1).strip(" 。.")[:80]
    # An item names its own organiser (由区质量技术监督局举办) or has none: then the intro names
    # who runs the programme, else the programme is the place's own (闸北区…活动方案).
    own = find_organizer(ITEM_RE.sub("", event.text, count=1), ctx, None)
    if own and (re.search(r"\d", own) or not re.search(ORG_SUFFIX + "$", own)):
        own = None  # 表彰…获奖组织: a noun phrase before 组织, not a body that organises
    row = sents[0].para.text
    if table_row(row):
        # A row of a table of activities (| 9月2日 | 启动仪式 | 某区市场监管局 |): its body cell.
        own = holder_cell(row, ctx.paragraphs) or next(
            (
                c.strip()
                for c in table_cells(row)
                if len(c.strip()) >= 4
                and re.search(ORG_SUFFIX + "$", c.strip())
                and not rules.classify_type(c)
                and "“" not in c
            ),
            None,
        )
        draft.title = next((c.strip() for c in table_cells(row) if rules.classify_type(c)), draft.title)
        # | 柯城区 | 9月2日 | 启动仪式 | 150 | under a 参加人数 header: the cell is the row's count.
        cell = count_cell(row, ctx.paragraphs)
        count = numbers.parse_count(cell) if cell else None
        if count is not None and count.kind == "participants":
            unit = count.unit or ("person_times" if "人次" in cell else "people")
            draft.count = numbers.Count(count.value, count.qualifier, unit, count.kind)
    draft.organizer = own or next(
        (
            o
            for o in (
                find_organizer(x.text, ctx, None) for x in shared.intro_sents if rules.EVENT_VERB_RE.search(x.text)
            )
            if o
        ),
        None,
    )
    if (
        draft.organizer is None
        and draft.region is not None
        and draft.region.surface.endswith(("省", "市", "区", "县", "旗"))
    ):
        draft.organizer = draft.region.surface


# 当天 / 当日 / 是日 opening the event's sentence: the day the sentence before it names.
_THAT_DAY = re.compile(r"^\s*(?:当天|当日|是日|这一天)")


def _add_links(drafts: list[Draft], draft: Draft, links: list[Draft], sec: Section, event: Sentence) -> None:
    """Add a section's chain links (一是…;二是…) to its drafts; they replace the umbrella draft."""
    if sec.kind == "item" and not all(find_dates(d.sentence.text[:30]) for d in links):
        # Inside a programme item (（三）强化宣传。一是…;二是…) a chain lists events of their own only
        # when every link names its own day; otherwise it spells out the item's one activity.
        return
    if sec.kind == "item" and links:
        drafts.remove(draft)
    elif links:
        inside = any(
            d.sentence.para is event.para and d.sentence.start >= event.start and d.sentence.end <= event.end
            for d in links
        )
        if draft.activity_type == "other" or inside or announces_several(event.text):
            # the umbrella (开展“质量月”活动, 采取多种形式开展宣传) is the links themselves
            drafts.remove(draft)
    drafts.extend(links)


def _event_of(
    sec: Section, sents: list[Sentence], ctx: DocContext, problems: list[Problem]
) -> tuple[Sentence | None, str | None]:
    """A section's event sentence; with none, or when it is one, a body's sentence that makes an award's
    list of winners public (`events.award_list`), then also the words before the list that date it."""
    found: list[Problem] = []
    event = _section_event(sec, sents, ctx, found) if sents else None
    listing = sec.kind == "body" and (event is None or award_list([event]) is not None)
    listed = award_list(sents) if listing else None
    if listed is None:
        problems.extend(found)
        return event, None
    return listed


def _as_award_list(draft: Draft, lead: str | None, ctx: DocContext) -> None:
    """The award whose list of winners was made public: dated by the words before the list (日前,
    近日, 1月5日), not by a year the award is named after."""
    if lead is None:
        return
    draft.activity_type = "award_commendation"
    told = find_dates(lead)
    if told:
        draft.start, draft.end, draft.precision = resolve_date(told[-1], lead, ctx)


def _section_drafts(
    sec: Section, ctx: DocContext, gazetteer: Gazetteer, shared: _Shared, problems: list[Problem]
) -> list[Draft]:
    """The drafts of one section: its main event, further dated events, second events and chain links."""
    sents = [s for p in sec.paragraphs for s in split_sentences(p)]
    if sec.kind == "body" and ctx.title:
        sents = [s for s in sents if s.para is not ctx.title]
    if sec.kind != "item":
        sents = dated_clauses(sents, ctx)
    event, listed = _event_of(sec, sents, ctx, problems)
    if event is None:
        return []
    further = further_events(sents, event, ctx) if sec.kind != "item" else item_further_events(sents, event)
    spans, main_sents = _spans(sents, further)
    draft = draft_from(event, main_sents, sec, ctx, gazetteer, shared.region, shared.date)
    _as_award_list(draft, listed, ctx)
    _date_that_day(draft, event, sents, ctx)
    if sec.kind == "body":
        _venue_told_later(draft, event, sents, ctx, gazetteer)
    if draft.organizer is None and sec.kind != "item":
        # 2019年,某局围绕…开展系列活动。3月15日,在广场举办…: the body the report opens with holds it.
        draft.organizer = next(
            (o for o in (find_organizer(x.text, ctx, None) for x in sents[: sents.index(event)]) if o), None
        ) or en_organizer_elsewhere(ctx, sents, event)  # an English headline's body, "The forum is held by X"
    if sec.kind == "item":
        _as_item(draft, sents, event, ctx, shared)
        dated = next((s for s in sents[1:] if not find_dates(event.text) and find_dates(s.text)), None)
        if dated is not None:
            # 一、启动仪式 / 时间:9月5日上午 …: the item's own notice dates it.
            draft.start, draft.end, draft.precision = resolve_date(find_dates(dated.text)[0], dated.text, ctx)
    if spans:
        own = rules.find_campaign(" ".join(x.text for x in main_sents)) or (
            rules.find_campaign(ctx.title.text) if ctx.title else None
        )
        draft.campaign = own[0] if own else "other"
    drafts = [draft]
    if sec.kind == "item":
        drafts.extend(_item_further_drafts(draft, spans, sec, ctx, gazetteer))
        spans = []
    for span in spans:
        year = drafts[-1].start.year if drafts[-1].start and drafts[-1].precision != "year" else None
        extra = draft_from(span[0], span, sec, ctx, gazetteer, draft.region or shared.region, None, year, further=True)
        if extra.region is None:
            extra.region = draft.region
        prev = drafts[-1]
        if next_day(span[0].text) and prev.start is not None and prev.precision == "day":
            # 次日,区市场监管局…开展…: the day after the event told before it.
            extra.start, extra.end, extra.precision = prev.start + timedelta(days=1), None, "day"
        elif during_month(span[0].text) and draft.start is not None and draft.precision in ("day", "month"):
            extra.start, extra.end, extra.precision = draft.start.replace(day=1), None, "month"
        # One report of several dated events: each names its own campaign or none; the body that
        # reports them holds those that name no other.
        own = rules.find_campaign(" ".join(x.text for x in span))
        extra.campaign = own[0] if own else "other"
        extra.organizer = extra.organizer or draft.organizer
        drafts.extend(coordinated_events(extra, span[0]))
    drafts.extend(released_in_event(event, draft) + held_with(event, draft))
    if sec.kind == "body":
        # a hands-on service at the main event's place on its day is part of it (C3)
        drafts.extend(
            d for d in second_events(main_sents, event, draft, ctx, gazetteer) if not service_at_event(d, draft)
        )
        drafts.extend(highlighted_events(sents, event, draft, ctx, gazetteer))
        drafts.extend(_headline_drafts(draft, sents, event, spans, sec, ctx, gazetteer))
        drafts.extend(_headline_activity(drafts, sents, event, sec, ctx, gazetteer))
        drafts.extend(umbrella_items(sents, event, draft))
    _add_links(drafts, draft, chain_links(sents, event, draft, sec, ctx, gazetteer), sec, event)
    _name_back_references(drafts, sents, ctx)
    return drafts


# The event's venue told by a sentence of its own that opens with the event: 启动仪式在衡水市园博园举行;
# 会议于9月22日在嘉兴市隆重闭幕 (not a venue told in a later clause of another sentence).
_VENUE_HELD = re.compile(
    "^(?P<subject>[^,。;]{0,40}?" + one_of("gathering", "zh_venue") + ")[^,。;]{0,16}?"
    "在(?P<where>[^,。;“”]{2,25}?)(?:隆重|正式|顺利)?" + one_of("held", "zh_venue")
)


def _venue_told_later(draft: Draft, event: Sentence, sents: list[Sentence], ctx: DocContext, gz: Gazetteer) -> None:
    """A report whose event sentence names no place, or only a province, that tells where the event
    was held in the title or in one of the next sentences (…启动仪式在衡水市园博园举行): that venue,
    when it lies inside the place read (a province's launch held in one of its cities)."""
    if draft.region is not None and draft.region.resolution.region.level != "province":
        return
    k = sents.index(event) if event in sents else len(sents)
    told = ([ctx.title.text] if ctx.title else []) + [x.text for x in sents[k + 1 : k + 4]]
    for text in told:
        m = _VENUE_HELD.match(text.strip())
        if m is None or rules.FUTURE_RE.search(text):
            continue
        venue = pick_region(regions_in(m.group("where"), ctx, gz))
        if venue is None or venue.resolution.region.level == "province":
            continue
        if draft.region is not None:
            inside = gz.lineage(venue.resolution.region.adcode)[0]
            if inside is None or inside.adcode != draft.region.resolution.region.adcode:
                continue
        draft.region = venue
        return


def _date_that_day(draft: Draft, event: Sentence, sents: list[Sentence], ctx: DocContext) -> None:
    """2022年5月20日是世界计量日。当天上午,…宣传活动在广场举行: the day named just before."""
    if draft.start is not None and draft.precision != "year":
        return
    before = sents[: sents.index(event)]
    if _THAT_DAY.match(event.text):
        named = next((m for x in reversed(before) for m in find_dates(x.text) if m.day), None)
        if named is not None:
            x = next(x for x in reversed(before) if named in find_dates(x.text))
            draft.start, draft.end, draft.precision = resolve_date(named, x.text, ctx)
    elif before and not find_dates(event.text):
        # 9月4日上午,某超市门前彩旗飘扬。…2004年质量月宣传日活动在这里拉开帷幕: an event sentence that
        # names no date of its own (a campaign's year is none) is dated by the nearest day named before
        # it in its paragraph or the paragraph just before (a headline-like line after its story); not
        # by a day of the campaign's history (`rules.ORIGIN_RE`: …on June 24, 1978, and decided to…).
        near = [
            x
            for x in before
            if (x.para is event.para or x.para.index == event.para.index - 1) and not rules.ORIGIN_RE.search(x.text)
        ]
        x, named = next(
            ((x, m) for x in reversed(near) for m in find_dates(x.text) if m.day and m.relative is None), (None, None)
        )
        if named is None:
            return
        observance = states_observance(named, x.text)
        if observance and observance_named(event.text) != (named.month, named.day):
            return  # "The State Council set May 10 as Brand China Day." A day of the calendar, no event's
        st, en, prec = resolve_date(named, x.text, ctx, draft.start.year if draft.start else None)
        if observance and st is not None:
            # 2024年10月14日是世界标准日。在世界标准日来临之际,某局举办…: held for the observance, in its month
            st, en, prec = st.replace(day=1), None, "month"
        if st is not None and (draft.start is None or st.year == draft.start.year):
            draft.start, draft.end, draft.precision = st, en, prec


def _headline_drafts(
    draft: Draft,
    sents: list[Sentence],
    event: Sentence,
    spans: list[list[Sentence]],
    sec: Section,
    ctx: DocContext,
    gazetteer: Gazetteer,
) -> list[Draft]:
    """A round-up's headed paragraphs (开展书画比赛。65名儿童…), each an event at the report's place and
    date unless it names its own; a paragraph a dated event already claims is left to it."""
    claimed = {id(x) for span in spans for x in span}
    items = [p for p in headline_items(sents, event, draft.activity_type) if not any(id(x) in claimed for x in p)]
    out = _item_further_drafts(draft, items, sec, ctx, gazetteer)
    for extra, p in zip(out, items, strict=True):
        extra.activity_type = rules.classify_type(p[0].text) or extra.activity_type
        extra.locator = item_locator(p[0].para)
    return out


# A headline that names what the report is about by its subject: a body (宁夏纤检局开展“质量月”宣传活动) or
# a quoted thing of its own (湖北:武汉地铁“质量专列”上线运行); a place label may come first (湖北:).
_TITLE_LABEL = re.compile(r"^[^,。;:“”]{2,8}:\s*")
_TITLE_BODY = re.compile(
    r"^(?P<org>[^,。;:“”]{2,20}?" + ORG_SUFFIX + r")(?:在|于|积极|全面|联合)?(?:开展|举办|举行|组织)"
)
# the quoted thing is the headline's subject: a few characters before it, a short predicate after it
# (武汉地铁“质量专列”上线运行), not a slogan or theme inside a longer headline
_TITLE_QUOTED = re.compile(r"^[^,。;:“”]{0,8}(?P<name>“[^”]{2,12}”)(?P<said>[^,。;:“”]{2,6})$")


def _headline_subject(title: str) -> str | None:
    """The body or the quoted name a headline's activity is told by, or None; a campaign's name
    (“质量月”) is no subject of its own."""
    t = _TITLE_LABEL.sub("", title.strip())
    m = _TITLE_BODY.match(t)
    if m is not None:
        return m.group("org")
    q = _TITLE_QUOTED.match(t)
    if q is None or rules.find_campaign(q.group("name")) or rules.classify_type(q.group("said")):
        return None  # a campaign's name, or a quoted theme of a typed activity (“…”主题宣传活动)
    return q.group("name")


def _headline_activity(
    drafts: list[Draft], sents: list[Sentence], event: Sentence, sec: Section, ctx: DocContext, gazetteer: Gazetteer
) -> list[Draft]:
    """The headline's activity told after another event the body opens with (9月7日,宁夏质量月启动仪式
    在银川举行。宁夏纤检局在今年的“质量月”宣传活动中,…; 仪式结束后,武汉地铁首趟“质量专列”…上线运行):
    the first later sentence naming the headline's subject is an event of its own, at its own place or
    the event's, of the headline's kind, when no draft reads it and the headline's kind is not the event's.
    A sentence after the event told as that day's (仪式结束后, 当天) takes its day; else the event's year."""
    if ctx.title is None or event not in sents:
        return []
    subject = _headline_subject(ctx.title.text)
    main = drafts[0]
    code = rules.classify_type(ctx.title.text)
    if subject is None or subject in event.text or code == main.activity_type:
        return []
    if code is None and not subject.startswith("“"):
        return []  # 某所开展质量月活动: a body's headline naming no kind tells the event already read
    read = {id(d.sentence) for d in drafts}
    s = next((x for x in sents[sents.index(event) + 1 :] if subject in x.text), None)
    if s is None or id(s) in read or rules.FUTURE_RE.search(s.text):
        return []
    d = draft_from(s, [s], sec, ctx, gazetteer, None, None, further=True)
    d.activity_type = code or d.activity_type
    d.region = d.region or main.region
    if find_dates(s.text) == [] and main.start is not None:
        that_day = _THAT_DAY_AFTER.match(s.text) and main.precision == "day"
        d.start, d.end = (main.start, None) if that_day else (main.start.replace(month=1, day=1), None)
        d.precision = "day" if that_day else "year"
    d.organizer = d.organizer or (subject if _TITLE_BODY.match(subject + "开展") else None)
    d.locator = f"paragraph {s.para.index}, headline"
    return [d]


# 仪式结束后, 会后, 当天下午: told as the same day's, after the event.
_THAT_DAY_AFTER = re.compile(r"^[^,。;]{0,8}?(?:结束后|之后|会后|随后|当天|当日)")


def _item_further_drafts(
    draft: Draft, spans: list[list[Sentence]], sec: Section, ctx: DocContext, gazetteer: Gazetteer
) -> list[Draft]:
    """A round-up item's further events: each shares the item's place, date, body and campaign
    unless it names its own."""
    out = []
    for span in spans:
        extra = draft_from(span[0], span, sec, ctx, gazetteer, draft.region, None, further=True)
        if extra.start is None or (extra.precision == "year" and draft.precision in ("day", "month")):
            extra.start, extra.end, extra.precision = draft.start, draft.end, draft.precision
        extra.region = extra.region or draft.region
        extra.organizer = extra.organizer or draft.organizer
        extra.campaign = draft.campaign
        extra.locator = draft.locator
        out.append(extra)
    return out


# An organiser that only points back (It, they, 该局, 该县) or is no name at all (至22日, 全年先后).
_BACK_REFERENCE = re.compile(
    "(?i)(?:"
    + words("points_back", "en_pronouns")
    + "|该"
    + one_of("points_back", "zh_that")
    + "|"
    + words("points_back", "zh")
    + ")"
)
_ADVERB_END = re.compile(one_of("manner", "zh_trailing") + "$")
_NOT_A_NAME = re.compile(r"^(?:至|到)?\d|^(?:活动|专题|板块|第)[一二三四五六七八九十\d]+$")
# A fragment that is no name and stands for none either: it opens with a list's separator or a dash
# (、公交车体等 / ——写), or is an English adverb opening its sentence ("Successfully held …"). No organiser.
_NO_NAME = re.compile(r"^[、,;:—–-]|^[A-Z][a-z]+ly$")


def _name_back_references(drafts: list[Draft], sents: list[Sentence], ctx: DocContext) -> None:
    """Give a draft whose organiser points back (It held…, 该局于…) the body named before it: an
    earlier draft's named organiser, else one named in the section's sentences; 该县/该区/该市 is the
    place the draft is in. A fragment that names nobody (至22日) is dropped for the same."""
    named = None
    for d in drafts:
        if d.organizer:
            d.organizer = _ADVERB_END.sub("", d.organizer) or None  # 永嘉县先后(于…举办): 永嘉县
        if d.organizer and _NO_NAME.search(d.organizer):
            d.organizer = None
        org = d.organizer
        if org and not _BACK_REFERENCE.fullmatch(org) and not _NOT_A_NAME.search(org):
            named = named or org
            continue
        if org is None:
            continue
        if re.fullmatch(r"该[县区市镇]", org) and d.region is not None and d.region.surface.endswith(org[-1]):
            d.organizer = d.region.surface
            continue
        d.organizer = named or next(
            (
                o
                for o in (find_organizer(x.text, ctx, None) for x in sents)
                if o and not _BACK_REFERENCE.fullmatch(o) and not _NOT_A_NAME.search(o)
            ),
            None,
        )


# A gathering held (召开…会议, we held a … meeting): what an intro reports as one event of its own.
_HELD = re.compile(r"召开|举行|举办|\b(?:held|convened|hosted)\b", re.IGNORECASE)
_GATHERING_TYPES = frozenset({"launch_ceremony", "flag_raising", "forum_conference", "award_commendation"})


def _intro_gathering(intro: list, ctx: DocContext, gazetteer: Gazetteer, shared: _Shared) -> list[Draft]:
    """The gathering an item report's intro tells before its items (At the beginning of the Safety
    Production Month, we held a work meeting…; 9月2日,公司召开质量月动员大会。一、…), as an event of
    its own: the first intro sentence that holds a ceremony or meeting, told as done."""
    sec = Section("body", intro)
    sents = [s for p in intro for s in split_sentences(p) if not (ctx.title and s.para is ctx.title)]
    for s in sents:
        if not _HELD.search(s.text) or rules.FUTURE_RE.search(s.text):
            continue
        d = draft_from(s, sents, sec, ctx, gazetteer, shared.region, shared.date)
        if d.activity_type in _GATHERING_TYPES and d.start is not None:
            return [d]
    return []


# A notice that tells units what to do (关于开展/举办/组织/做好…的通知, …的实施方案), not one that makes
# results or awards public (关于发布…成果的通知, 关于授予/表彰…的通知: those are the record).
_PROGRAMME_NOTICE = re.compile(r"关于(?:组织)?(?:开展|举办|举行|组织|做好)[^,。;]{2,80}的(?:通知|实施方案|方案)$")


# A notice's operative formula (现将有关事项通知如下, 现就活动的有关事宜通知如下): the page is the notice itself,
# whether or not its title was kept. A notice that makes results known (现将评选结果通知如下) says so instead.
_NOTIFIES = re.compile(r"(?:事项|事宜)(?:具体)?通知如下")
# A title that makes results or awards public (关于发布/公布/授予/表彰…): such a notice is the record.
_RESULTS_TITLE = re.compile(r"关于(?:发布|公布|公示|授予|表彰|命名)")


def _programme_notice(ctx: DocContext) -> bool:
    """Whether the bulletin is itself a notice or plan of activities to come: by its title
    (关于开展…的通知), or by the notice's operative formula in its text (`_NOTIFIES`) under no title
    that makes results public."""
    title = ctx.title.text.strip() if ctx.title is not None else ""
    if _PROGRAMME_NOTICE.search(title):
        return True
    return not _RESULTS_TITLE.search(title) and any(_NOTIFIES.search(p.text) for p in ctx.paragraphs)


# A plan's own parts as the headings of the text (一、组织领导 / 二、活动主题 / 三、活动内容 / 四、工作要求): a notice or
# plan of activities to come is laid out under them, a report of activities held is not. A summary may head its parts
# 活动主题 / 活动内容 too; the parts that only a plan has (组织领导, 工作要求, 保障措施 …) tell the two apart.
_PLAN_HEADING = re.compile(r"^\s*[一二三四五六七八九十]{1,3}\s*、\s*(?P<part>" + words("plan_part", "zh") + r")\s*$")
_PLAN_ONLY_PART = frozenset(LEXICON.pieces("plan_part", "zh_plan_only"))


def _laid_out_as_plan(ctx: DocContext) -> bool:
    """Whether two or more of a plan's headings lay the text out (`_PLAN_HEADING`), one of them a part only a plan
    has (`_PLAN_ONLY_PART`), under no title that makes results public: a plan of activities to come, whatever its
    title and formula kept."""
    title = ctx.title.text.strip() if ctx.title is not None else ""
    parts = [m.group("part") for p in ctx.paragraphs if (m := _PLAN_HEADING.match(p.text))]
    return not _RESULTS_TITLE.search(title) and len(parts) >= 2 and any(x in _PLAN_ONLY_PART for x in parts)


def _undated_in_plan(d: Draft, plan: bool) -> bool:
    """A draft of a plan laid out under its headings (``plan``: `_laid_out_as_plan`) that the plan dates to no
    day or month of its own (广泛开展质量宣传; 通过新闻宣传曝光…): a kind of work the plan sets for its year, no
    event. A dated item (9月3日,召开…启动大会; 9月中下旬,举办…培训班) is what C13 announces: it stays."""
    return plan and d.precision not in ("day", "month")


def _only_planned(d: Draft, ctx: DocContext, notice: bool) -> bool:
    """A draft a programme notice only plans: the notice's items are what units shall do; one is an
    event only when its own paragraph tells the day and the venue it is held at (8月27日,在北京启动…),
    not an item with no day (开展质量志愿者行动…) or a day with no venue of its own (6月29日,市局举办…活动).
    A notice of one event that it dates by a 时间: line of its own (关于举办…培训班的通知 / 时间:… / 地点:…)
    is that event's. ``notice``: `_programme_notice` of the bulletin, read once for all its drafts."""
    if not notice or d.sentence is None or ctx.notice_date is not None:
        return False
    return d.precision != "day" or not rules.VENUE_ZH.search(d.sentence.para.text)


# The campaign deployed by the bodies that run it (共同部署开展…“质量月”活动, 活动已完成部署, 联合印发…活动方案,
# 联合下发以下通知,要求…, jointly deploy the … activity, issued a circular on …): a deployment by document, not an
# event; not a reference to another's deployment (按照…部署, 根据…印发的方案), which the clause before it names.
_DEPLOYED = re.compile(
    r"部署(?:开展|启动)|完成(?:了)?(?:活动)?部署|印发(?:了)?[^,。;《]{0,30}?活动(?:实施)?方案"
    r"|(?:印发|发布|下发)(?:了)?《关于(?:组织)?开展[^》]{2,60}?的(?:通知|实施方案|方案)》"
    r"|(?:印发|下发|发出)(?:了)?(?:以下|如下|一份)?(?:通知|文件),?要求"
    r"|\b(?:jointly )?deploy(?:ed|s)? the\b|\bissued an? (?:circular|notice) on\b",
    re.IGNORECASE,
)
_DEPLOYED_BY_OTHERS = re.compile(r"按照|根据|依据|落实|贯彻|\b(?:according to|under)\b", re.IGNORECASE)
# what is held at a gathering: a launch told with one is an event (启动仪式, 动员大会, kick-off meeting)
_GATHERING_WORD = re.compile(r"仪式|大会|会议|动员会|座谈会|推进会|\b(?:ceremony|meeting|conference)\b", re.IGNORECASE)


# The sentence's verb launches (启动, launch): what it launches is the campaign it names, whatever type the
# words around it suggest ("… departments are scheduled to jointly launch the National Quality Month").
_LAUNCHES = re.compile(r"启动|\blaunch(?:ed|es|ing)?\b", re.IGNORECASE)


def _launches_campaign(text: str) -> bool:
    """Whether a verb of `text` launches the campaign itself (`_LAUNCHES` with the campaign named within a few
    words after it), not an activity of it (启动“质量月”质量知识培训: the rest of its clause names a training)."""
    for m in _LAUNCHES.finditer(text):
        camp = rules.find_campaign(text[m.end() : m.end() + 40])
        if camp is None:
            continue
        rest = text[m.end() + camp[1] :]
        clause = re.split(r"[,。;!?,;.!?]", rest, maxsplit=1)[0]
        if rules.classify_type(clause) is None:
            return True
    return False


def _campaign_deployed(ctx: DocContext) -> bool:
    """Whether the bulletin tells its campaign deployed by the bodies that run it (`_DEPLOYED`)."""
    for p in ctx.paragraphs:
        for m in _DEPLOYED.finditer(p.text):
            clause = re.split(r"[,。;,;]", p.text[: m.start()])[-1]
            if not _DEPLOYED_BY_OTHERS.search(clause):
                return True
    return False


def _only_deployed(d: Draft, ctx: DocContext) -> bool:
    """A launch (or an untyped activity) of the campaign as a whole, dated by no day and told with no
    gathering, in a bulletin that tells the campaign deployed (`_campaign_deployed`): the campaign's
    deployment (金华市启动2017年质量月活动 over …联合印发…活动方案, …“质量月”活动正式启动 over …已完成部署),
    not an event; a ceremony or a dated launch stays one."""
    if d.precision == "day" or d.sentence is None:
        return False
    text = d.sentence.text
    if d.activity_type not in ("launch_ceremony", "other") and not _launches_campaign(text):
        return False
    if not rules.find_campaign(text) or _GATHERING_WORD.search(text):
        return False
    return _campaign_deployed(ctx)


# A sentence whose subject is every unit of a kind and whose verb is what they shall do (各区各部门将通过…,
# 组织…启动仪式; 各单位要…; 各级、各部门和广大企业要…): a notice's or plan's duty, told of no one body, place or day.
_EVERY_UNIT_SHALL = re.compile(
    r"^(?:[^,。;]{0,12},)?各[^,。;将要应]{1,12}?(?:[、和及]各?[^,。;将要应]{1,12}?)*(?:将|要|应)"
)


def _every_unit_shall(d: Draft) -> bool:
    """Whether the draft's sentence tells what every unit shall do (`_EVERY_UNIT_SHALL`): no event."""
    return d.sentence is not None and bool(_EVERY_UNIT_SHALL.match(d.sentence.text.strip()))


# A plan of a series or a number of activities (…局将联合…,共同开展6个大类61项活动; 领导小组决定今年9月继续…
# 组织开展“质量月”系列活动): the verb's modal plans (将, 拟, 计划, 决定), its object is many activities, no one
# gathering. Convention C13 (session 14, decided from the reference: dev 118, 129, 130, 133, 218 label none):
# planned kinds of activity are no records; a single gathering announced (将于…举行启动仪式) is one.
_PLANS_A_SERIES = re.compile(
    # 计划/决定 as verbs, not nouns (按照年度工作计划, 宣读表彰决定)
    r"(?:将(?!近)|拟|(?<![按照据度作的])计划|(?<![的彰])决定)(?:于|在|自)?[^。;!?]{0,60}?"
    + one_of("held", "zh_planned")
    + r"[^。;!?]{0,40}?"
    r"(?:系列(?:宣传)?活动|[\d一二三四五六七八九十]+个大类|等" + one_of("series", "zh") + r"?活动)"
)


# 将 taking an object (将“质量月”活动与消费季相结合, 将…纳入) or the activities told as done (开展了): no plan.
_NOT_PLANNED = re.compile(words("not_planned", "zh"))


# A plan word before the campaign's own launch (…departments are scheduled to jointly launch the national Quality
# Month; 将于9月联合启动全国“质量月”活动): the campaign to come, no gathering (C13).
_SCHEDULED = re.compile(r"\b" + one_of("planned", "en_be") + r"\s+scheduled\s+to\b", re.IGNORECASE)


def _plans_a_series(d: Draft) -> bool:
    """Whether the draft's sentence plans a series or a number of activities (`_PLANS_A_SERIES`), not
    told as done and not 将 taking an object (`_NOT_PLANNED`), or plans the campaign's own launch
    (a plan word, then a verb that launches the campaign itself: `_launches_campaign`)."""
    if d.sentence is None or d.precision == "day":
        return False
    text = d.sentence.text
    if any(not _NOT_PLANNED.search(m.group(0)) for m in _PLANS_A_SERIES.finditer(text)):
        return True
    plan = _SCHEDULED.search(text) or rules.FUTURE_RE.search(text)
    return plan is not None and not _GATHERING_WORD.search(text) and _launches_campaign(text[plan.start() :])


# A work measure, not an activity held: the sentence (after its item number or 一是/二是) opens with a verb of
# policy work (加大宣传力度…; 建立…考核机制,完善奖惩机制; 二是实施质量考核,促进…; 深入宣贯《纲要》精神).
_CHAIN_MARK = re.compile(r"^\s*(?:[一二三四五六七八九十]是|其[一二三四五六七八九十])\s*[,:]?\s*")
_MEASURE_VERB = re.compile("^" + one_of("manner", "zh_measure") + "?" + one_of("measure", "zh"))


# The verbs that hold an event (召开, 举办, 开展, 组织 …: `rules.EVENT_VERBS_ZH`).
_HOLDS = re.compile("|".join(rules.EVENT_VERBS_ZH))
# Work told as done (…进行了检查,共检查电子秤300台): what the measure did is an activity, not a duty.
_DONE = re.compile(r"了|共(?:计|有)?[\d一二三四五六七八九十百千万]")


def _work_measure(d: Draft) -> bool:
    """Whether the draft's sentence is a work measure (`_MEASURE_VERB` opening it, after an item's number or a
    chain's 一是), with no date of its own, nothing told as done (`_DONE`) and no event verb (`_HOLDS`) holding a
    named activity (…开展“质量月”知识竞赛活动, …召开的推进会上 stay events): a speech's or a review's duty, no event
    (…,促进质量工作深入开展 names none)."""
    if d.sentence is None:
        return False
    text = d.sentence.text
    item = ITEM_RE.match(text)
    text = text[item.end() :] if item else text
    text = text[m.end() :] if (m := _CHAIN_MARK.match(text)) else text
    if not _MEASURE_VERB.match(text.strip()) or find_dates(text) or _DONE.search(text):
        return False
    return not any(rules.names_activity(text[v.end() :]) for v in _HOLDS.finditer(text))


def _tells_origin(d: Draft) -> bool:
    """Whether the draft's sentence tells the origin of a campaign or observance (`rules.ORIGIN_RE`): history
    the report gives as background (…活动始于1978年; …将每年5月20日定为“世界计量日”), no event of it."""
    return d.sentence is not None and bool(rules.ORIGIN_RE.search(d.sentence.text))


# Who came to an event (its participants), and what the attendees of one do there (a tour, a visit: part of it)
# or a notice's field (参加人员:) — no event of its own.
_TOLD_ATTENDED = re.compile(words("attended", "zh"))
_ATTENDEES_ACT = re.compile(r"与会|参会|参观|观摩|人员\s*[::]")


def _attended_events(ctx: DocContext, gazetteer: Gazetteer, drafts: list[Draft]) -> list[Draft]:
    """Events the rules left alone in a report they read events from: a sentence naming an activity or an
    event verb that tells who attended it (`rules.ATTEND_RE`: 参加, 出席, …) and states its own date,
    resolved to a day and a place, whose (place, day, kind) no draft has (论坛于6月18日在某酒店举行,参加的嘉宾
    达300多人 / 9月6日开始首期培训,全省300余家企业…参加: people came, so it was held, on a day of its own or
    as another kind of activity; 12r 12a09, 7r 7b13). One draft for each such (place, day, kind)."""
    if not drafts:
        return []
    keys = {learned.event_key(d) for d in drafts}
    out = []
    years = {d.start.year for d in drafts if d.start is not None}
    for c in learned.candidates(ctx, gazetteer, drafts, dated_only=True, only=_TOLD_ATTENDED.search):
        d = c.draft
        if d.region is None or d.precision != "day" or d.start.year not in years or learned.event_key(d) in keys:
            continue
        if _ATTENDEES_ACT.search(c.sentence.text):
            continue
        keys.add(learned.event_key(d))
        out.append(d)
    return out


def extract_records(ctx: DocContext, gazetteer: Gazetteer) -> tuple[list[Draft], list[Problem]]:
    """Segment the bulletin and extract one draft per activity found."""
    intro, sections = segment(ctx, gazetteer)
    problems: list[Problem] = []
    shared = _shared(ctx, intro, sections, gazetteer)
    drafts = [d for sec in sections for d in _section_drafts(sec, ctx, gazetteer, shared, problems)]
    if intro and sections and all(sec.kind == "item" for sec in sections):
        if drafts:
            drafts = _intro_gathering(intro, ctx, gazetteer, shared) + drafts
        else:
            # Numbered lines that name no event at all (the site's copyright notice 1、凡本网注明…,
            # • 联系电话:… under the story, a speaker's 1.要…2.要…) are no programme: the text around
            # them is the report, read whole (its side and later events too), not only its gathering.
            listed = {sec.paragraphs[0].index for sec in sections}
            story = [p for p in story_paragraphs(ctx) if p.index not in listed]
            drafts = _section_drafts(Section("body", story), ctx, gazetteer, _Shared(shared.intro_sents), problems)
    drafts += _attended_events(ctx, gazetteer, drafts)
    # Places and days the rules left unsettled, scored by the learned models (learned.py).
    drafts += learned.recovered(ctx, gazetteer, drafts)
    notice = bool(drafts) and _programme_notice(ctx)
    plan = bool(drafts) and _laid_out_as_plan(ctx)
    found = bool(drafts)
    drafts = [
        d
        for d in drafts
        if not (
            _only_planned(d, ctx, notice)
            or _undated_in_plan(d, plan)
            or _only_deployed(d, ctx)
            or _every_unit_shall(d)
            or _plans_a_series(d)
            or _tells_origin(d)
            or _work_measure(d)
        )
    ]
    story_place: list[Match | None] = []  # the story's one city, read once and only when needed
    for d in drafts:
        if (
            d.region is None
            and ctx.scope is not None
            and (ctx.scope_declared or (ctx.lang == "en" and ctx.scope.resolution.region.level != "district"))
            and own_units_agree(d.sentence.text if d.sentence else d.excerpt, ctx.scope)
        ):
            # An activity whose sentence, paragraph, heading and title place nothing, and which the
            # models could not place from the report's other events, is where the report says it is
            # from, in its title or date line (某省各级质监部门… / 来源:某省质监局 over 省标准化院:…),
            # unless it names a unit of another level (市市场监管局 in a district's report). An English
            # report ("the company held…", its parent "Shandong … Co., Ltd." named further on) is where
            # its opening lines place it, title or not: a province or a city (a county's English name is
            # often a person's too: Wang Hua, Liu Yang).
            d.region = ctx.scope
        elif d.region is None and ctx.dateline_city is not None:
            # 本报北京9月13日电 and no other place anywhere: the reporter wrote from where the event was
            d.region = ctx.dateline_city
        if d.region is None and d.start is not None and ctx.lang == "zh":
            # 研究院召开…启动会 and, further on, 在某博物馆(洛阳市…)项目现场举行…仪式: the one city the story
            # names (places.story_city). Only a dated event: one with neither place nor date is no record
            # (below), and a report-wide place does not make one.
            if not story_place:
                story_place.append(story_city([p.text for p in story_paragraphs(ctx)], ctx, gazetteer))
            d.region = story_place[0]
        # A bulletin that names no place at all still reports a real, dated activity: it loads with
        # its region left empty (never guessed); one that names no date (9月26日 with no year anywhere)
        # loads with its date empty. Only an activity with neither place nor date is dropped, and only
        # it is a problem: the run writes every problem as a rejected row, and a record it loads is none.
        if d.region is None and d.start is None:
            problems.append(Problem(d.locator, msg("activity_no_region_date")))
    if found and not drafts:
        # every activity read is one the page only plans, deploys or tells as history: a notice, a plan, an origin
        problems.append(Problem(None, msg("no_held_activity")))
    elif not drafts and not problems:
        problems.append(Problem(None, msg("no_activity")))
    return drafts, problems


def to_record(d: Draft, ctx: DocContext, gazetteer: Gazetteer, ordinal: int) -> ActivityRecord:
    """Turn a draft into a normalised `ActivityRecord` (codes, adcodes, content-based id)."""
    province = city = district = None
    p_code = c_code = d_code = adcode = level = original = None
    if d.region is not None:
        reg = d.region.resolution.region
        prov, cty, dist = gazetteer.lineage(reg.adcode)
        province, p_code = (prov.name_zh, prov.adcode) if prov else (None, None)
        city, c_code = (cty.name_zh, cty.adcode) if cty else (None, None)
        district, d_code = (dist.name_zh, dist.adcode) if dist else (None, None)
        unit = gazetteer.unit_as_named(d.region, d.start.year if d.start else None)
        if unit is not None:  # 吴江市 in 2010 is that county-level city; the map keeps its successor
            district, d_code = unit.name_zh, unit.adcode
        named = gazetteer.prefecture_as_named(d.region, d.start.year if d.start else None)
        if named is not None:  # 襄樊市 in 2008 is that prefecture, renamed 襄阳市 in 2010
            (city, c_code), district, d_code = named, None, None
        cur = gazetteer.current(reg.adcode) or reg
        adcode, level = cur.adcode, cur.level
        original = d.region.surface
    excerpt = d.excerpt
    if d.count_excerpt and d.count_excerpt not in excerpt:
        excerpt = f"{excerpt} … {d.count_excerpt}"
    org = d.organizer.strip() if d.organizer else None
    d.organizer = org
    profile(d, ctx, gazetteer)
    from .dedupe import content_record_id

    # A numbered item shares place, month, type and organiser with its siblings: its id is its own.
    rid = None if is_item_locator(d.locator) else content_record_id(adcode, d.start, d.activity_type, org)
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
        organizer_type=d.organizer_type,
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
