"""Further events inside one section (stage: segment, second pass): a second dated event, a
named pair held together, side events of the main one (visits and tours, openings, releases,
plaques, activities started with it), round-up items, yearbook chains (一是…二是…), a summary's
clause items, the event of a programme item.
"""

from __future__ import annotations

import re

from domain import activity_types
from domain.gazetteer import Gazetteer, Match

from . import rules
from .cleaning import CleanParagraph
from .dates import PART_OF_DAY, DateMention, find_dates, resolve_relative
from .document import DocContext, Section, Sentence, is_meta, item_locator
from .fields import ORG_SUFFIX, Draft, draft_from, find_organizer, find_participants
from .lexicon import one_of, words
from .places import ancestor_codes, pick_region, regions_in
from .segment import ITEM_RE, bare_heading

_SECOND_EVENT = re.compile(
    "^(?:[^,。]{0,10}"
    + one_of("after_the_event", "zh_second")
    + r"\s*,?\s*)?(?P<org>[^,。;“”]{2,30}?"
    + ORG_SUFFIX
    + ")"
    + one_of("also", "zh_second")
    + "?(?P<verb>"
    + words("held", "zh_second")
    + ")了?(?P<obj>[^。;]{2,60}?"
    + one_of("gathering", "zh_second")
    + ")"
)
# The same, told without the body after a connective of the same day (仪式结束后,还举办了…专题讲座;
# 同日,区市场监管局联合…组织开展…专项检查; 当天,某所还向社会公众开放实验室), or with a short name of a
# company before 随即/随后 (大会结束后,玉林制药随即召开…宣贯会).
_SAME_DAY_EVENT = re.compile(
    "^[^,。;]{0,12}(?P<when>" + words("after_the_event", "zh_same_day") + ")" + PART_OF_DAY + r"?\s*,\s*"
    r"(?:(?P<org>[^,。;“”]{2,30}?" + ORG_SUFFIX + r"|[\u4e00-\u9fff]{2,6}(?=随即|随后))"
    "(?:联合[^,。;]{2,20}?)?" + one_of("also", "zh_same_day") + "?"
    "|(?:现场|活动中|会上)?" + one_of("also", "zh_same_day") + ")(?:在[^,。;]{2,20}?)?"
    "(?P<verb>" + words("held", "zh_same_day") + ")了?(?P<obj>[^,。;]{2,40})"
)
# 同时,执法人员对商场的自动扶梯运行等情况进行全面检查: staff checking something on the same day is an
# inspection of its own beside the main event (a ceremony, a publicity day).
_SAME_DAY_CHECK = re.compile(
    "^" + one_of("after_the_event", "zh_check") + r"\s*,\s*(?:[^,。;]{0,10}?" + one_of("staff", "zh") + ")?"
    "(?:还|也)?对(?P<target>[^。;]{2,60}?)(?:进行|开展)了?(?P<obj>[^,。;]{0,6}?" + one_of("check", "zh") + ")"
)
# A side visit after a ceremony: someone goes on to tour a place (仪式后,与会代表前往某区参观…;
# 当天下午,区市场监管局还组织35名市民代表走进某公司,参观实验室; 与会人员参观了该公司检测场地).
# 会议还组织与会人员前往…参观: the meeting itself, going on (还/也), opens the side event too.
_AFTER = (
    "^(?:[^,。]{0,12}" + one_of("after_the_event", "zh_side_visit") + r"\s*,?\s*"
    r"|(?:活动中|会上|活动现场)\s*,\s*"
    r"|(?:会议|大会|仪式|活动)(?=还|也))"
)
_SIDE_VISIT = re.compile(
    _AFTER + r"(?:(?P<org>[^,。;“”]{2,20}?" + ORG_SUFFIX + r")(?:还|也)?" + one_of("visit", "zh_takes") + "了?)?"
    r"(?P<who>[^,。;]{0,14}?)(?:还|也)?"
    "(?:"
    + one_of("going_to", "zh_side_visit")
    + r"(?P<where>[^,。;]{2,30}?)\s*,?\s*"
    + one_of("visit", "zh_side")
    + r"|(?:参观|观摩)了?(?P<site>[^,。;]{2,30}))"
)
# …,与会人员参观了该公司检测场地: the attendees' tour in a later clause of such a sentence.
_ATTENDEES_TOUR = re.compile(
    r"(?:与会|参会|全体)(?:人员|代表|嘉宾|领导)[^,。;]{0,6}?(?:还|也)?(?:参观|观摩)了?(?P<site>[^,。;]{2,30})"
)
# …,并前往当地骨干企业进行实地调研: the tour goes on to study other places (调研/考察 is research).
_ONWARD_RESEARCH = re.compile(
    r"[,;]\s*" + one_of("going_on", "zh") + r"\s*" + one_of("going_to", "zh_onward") + r"(?P<where>[^,。;]{2,30}?)"
    r"(?:进行|开展)?(?:实地|现场)?(?:考察|调研)"
)
# A display toured at the event is part of the event itself.
_EXHIBIT = re.compile(words("exhibit", "zh"))
# Visitors from the public make a visit an open day of the place they enter.
_PUBLIC_VISITORS = re.compile(words("public", "zh"))


# …介绍了集团概况,陪同与会的会长班子成员参观了厂区生产现场 / 与会代表现场观摩了某国际中心项目: the
# attendees touring a site in a later sentence of the meeting's report, with no "after" word before.
_ATTENDEES_TOURED = re.compile(
    r"(?:与会|参会)的?[^,。;]{0,8}?" + one_of("attendees", "zh") + r"[^,。;]{0,4}?(?:还|也)?(?:现场|实地)?"
    r"(?P<verb>参观|观摩)了(?P<site>[^,。;]{2,30})"
)
# A site whose tour is an open day (a laboratory, a testing hall), not a study of the host's work.
_LAB_SITE = re.compile(words("lab_site", "zh"))


def _attendees_toured(s: Sentence, main: Draft) -> Draft | None:
    """The attendees' tour of a site told later in the report (`_ATTENDEES_TOURED`), held where and
    when the meeting was: a research visit (a production site, a project), or an open day when the
    site is a laboratory or a hall; a display shown at the event is part of it. Only after a meeting
    or ceremony of another kind: at a visit or an open day (到某集团生产基地观摩学习,举行“质量开放日”活动) the
    attendees touring on is that event going on, as in `_tour_clause`."""
    m = _ATTENDEES_TOURED.search(s.text)
    if m is None or rules.FUTURE_RE.search(s.text) or _PLAN_WORD.search(s.text[: m.start()]):
        return None
    if main.activity_type in ("research_visit", "open_day"):
        return None
    if _EXHIBIT.search(m.group("site")):
        return None  # 与会代表还观摩了企业质量展示: a display at the event is part of it
    code = "open_day" if _LAB_SITE.search(m.group("site")) else "research_visit"
    if code == main.activity_type:
        return None
    return _side_draft(s, main, code, main.campaign, organizer=main.organizer, title=m.group("site").strip())


def _side_visit(s: Sentence, main: Draft, ctx: DocContext, gazetteer: Gazetteer) -> Draft | None:
    """A visit told after the main event, at its own place when it names one.

    Public visitors, or a tour of a site where the event is (该公司的实验室), make an open day; a
    trip of the attendees to another place is a research visit.
    """
    t = s.text.strip()
    visit = _SIDE_VISIT.match(t) or (re.match(_AFTER, t) and _ATTENDEES_TOUR.search(t))
    if not visit or rules.FUTURE_RE.search(t):
        return None
    groups = visit.groupdict()
    place = groups.get("where") or groups["site"]
    if not groups.get("where") and _names_viewers(place):
        return None  # 主办单位和观摩代表在现场…点评: the viewers of the event, no visit
    public = _PUBLIC_VISITORS.search(groups.get("who") or "")
    onward = None if public else _ONWARD_RESEARCH.search(t, visit.end())
    if onward:
        # …观摩了成果展,并前往骨干企业实地调研: the attendees go on to study elsewhere, a research visit
        place = onward.group("where")
    where = pick_region(regions_in(place, ctx, gazetteer))
    if not onward and groups["site"] and _EXHIBIT.search(place) and where is None:
        # 观摩了企业质量展示: a display at the event is part of it; a showcase a place holds
        # (观摩了某区高质量发展成果展) is a visit to that place
        return None
    elsewhere = where is not None and (
        main.region is None or where.resolution.region.adcode != main.region.resolution.region.adcode
    )
    code = "research_visit" if (elsewhere or onward) and not public else "open_day"
    if code == main.activity_type == "open_day":
        return None  # visitors touring the open day's own site: the open day itself
    if main.activity_type in ("research_visit", "open_day") and not (
        elsewhere or onward or public or groups.get("where")
    ):
        return None  # the attendees touring on at the visit's or open day's site (no 前往/走进 elsewhere): that event
    # the visitors are counted before where they go (一家电梯企业 is the place, not a visitor)
    who = Sentence(s.para, s.start, s.start + (visit.start("where") if groups.get("where") else visit.start("site")))
    count, _ = find_participants([who], who, code)
    return Draft(
        s,
        f"paragraph {s.para.index}",
        s.excerpt(),
        region=where or main.region,
        start=main.start,
        precision=main.precision,
        activity_type=code,
        campaign=main.campaign,
        campaign_year=main.campaign_year,
        # the attendees' tour is on the programme of whoever held the main event
        organizer=groups.get("org") or main.organizer,
        mode=main.mode,
        count=count,
    )


# A tour told in any later clause of the report, whoever tells it: attendees or officials (与会代表, 参会领导,
# 欧某、龙某) touring a site (参观某展示中心; 在某超市对商品质量进行考察; 全体代表“走进某公司”), or a tour
# chained by 并 to what the officials did (…赠送书籍,并观摩…示范样板).
_TOUR_CLAUSE = re.compile(
    "(?:^(?:[^,。;]{0,12}?" + one_of("after_the_event", "zh_tour") + r"\s*,\s*)?|[,;]\s*(?P<chained>并|还|随后)?)"
    r"(?P<who>[^,。;“”]{0,24}?)(?:还|也|一同|一起)?"
    r"(?:在(?P<at>[^,。;]{2,20}?)对[^,。;]{2,20}?进行(?:考察|调研|视察)"
    "|(?:现场|实地)?" + one_of("visit", "zh_tour") + "了?(?P<site>[^,。;]{2,40})"
    r"|“?走进(?P<into>[^,。;“”]{2,20})”)"
)
# Who tours: a group of attendees or officials, or two or more persons named in a list.
_TOURING = re.compile(words("touring_group", "zh"))
_NAMES = re.compile(r"[\u4e00-\u9fff]{2,4}(?:、[\u4e00-\u9fff]{2,4})+")
# The tour verb's noun naming who watched, not a tour (线上观摩人员达三千余人; 主办单位和观摩代表在现场对演练进行了
# 点评; 参观者): no site follows the verb.
_VIEWERS = re.compile(r"人员|人次|者|的|嘉宾|代表(?!性)")


def _names_viewers(site: str) -> bool:
    """Whether the words after a tour verb (参观/观摩) name its viewers rather than a site (`_VIEWERS`)."""
    return bool(_VIEWERS.match(site.strip()))


# A site that is a place of its own (a centre, a plant, a project's sample works), not the event's display.
_SITE_OF_ITS_OWN = re.compile(one_of("site_of_its_own", "zh") + r"(?:\s|$)")


def _tour_clause(s: Sentence, main: Draft, ctx: DocContext, gazetteer: Gazetteer) -> Draft | None:
    """A tour told in a later clause of the report (`_TOUR_CLAUSE`) by attendees or officials, or chained
    by 并: a research visit (an open day when the site is a laboratory) where and when the main event was,
    at the site's own place when it names one. A tour of the event's own displays or scene is part of it."""
    if rules.FUTURE_RE.search(s.text) or main.activity_type in ("research_visit", "open_day"):
        return None
    for m in _TOUR_CLAUSE.finditer(s.text):
        who = m.group("who").strip()
        if not (m.group("chained") and not who) and not (
            (_TOURING.search(who) and "、" not in who) or _NAMES.fullmatch(who)
        ):
            continue
        site = (m.group("at") or m.group("site") or m.group("into")).strip()
        if _names_viewers(site):
            continue
        if _PLAN_WORD.search(s.text[: m.end("who")]) or (
            (_EXHIBIT.search(site) or site.endswith("现场")) and not _SITE_OF_ITS_OWN.search(site)
        ):
            continue
        code = "open_day" if _LAB_SITE.search(site) else "research_visit"
        d = _side_draft(s, main, code, main.campaign, organizer=main.organizer, title=site)
        d.region = pick_region(regions_in(site, ctx, gazetteer)) or main.region
        return d
    return None


# A side event that opens on its own after the ceremony: a festival, a fair, an exhibition
# (同日晚上,第二届某区品质消费节在广场开幕,吸引2000余名市民到场).
_SIDE_OPENING = re.compile(
    _AFTER + r"(?P<name>[^,。;]{2,30}?" + one_of("fair", "zh") + ")”?"
    r"(?:在[^,。;]{1,25}?)?(?:隆重|正式)?" + one_of("fair", "zh_opens")
)


def _side_draft(s: Sentence, main: Draft, code: str, campaign: str, **fields) -> Draft:
    """A side event told in sentence `s`: held where and when the main event was, typed by itself."""
    return Draft(
        s,
        f"paragraph {s.para.index}",
        s.excerpt(),
        region=main.region,
        start=main.start,
        precision=main.precision,
        activity_type=code,
        campaign=campaign,
        campaign_year=main.campaign_year,
        mode=main.mode,
        **fields,
    )


# A report of what several units did (各单位积极开展…, 开展了一系列活动, 多举措开展…, 多地同步开展…): a round-up.
_ROUNDUP = re.compile("各" + one_of("roundup", "zh_every") + "|" + words("roundup", "zh"))
# 区住建局组织开展了建筑工程质量观摩会 / 区教育局在中小学举办了征文比赛 / 武威市市场监管局深入某公司开展
# 督导检查 / 临夏州市场监管局以两个试点为重点,开展现场宣传活动: one unit's activity, told as done (a
# round-up's items often drop the 了; plans and duties are turned away by the caller).
_UNIT_DID = re.compile(
    r"(?P<org>[^,。;“”、]{2,20}?" + ORG_SUFFIX + r")(?:还|也|又|先后|积极)?"
    r"(?:" + one_of("going_to", "zh_unit") + r"[^,。;“”]{2,20}?"
    r"|以[^,。;]{2,30}?为"
    + one_of("focus", "zh")
    + r"\s*,?\s*)?(?:组织)?"
    + one_of("held", "zh_unit")
    + r"了?(?P<obj>[^,。;]{2,40})"
)
# 张掖、金昌、酒泉等多地同步开展现场宣传咨询活动: places listed, each holding the activity named.
_PLACES_DID = re.compile(
    r"(?P<places>[\u4e00-\u9fff]{2,8}?(?:、[\u4e00-\u9fff]{2,8}?)+)\s*"
    r"(?:等(?:多地|各地|地|[\d一二三四五六七八九十]+个?(?:地|县|区|市|县区|县市区))?)?"
    + one_of("also", "zh_places")
    + "*(?:组织)?"
    + one_of("held", "zh_activity")
    + "了?(?P<obj>[^,。;]{2,40})"
)


def is_roundup(opening: list[str], ctx: DocContext) -> bool:
    """Whether a report announces the work of several units or several activities (its title or its
    sentences up to its event's: 各单位积极开展…, 开展了一系列活动, 多举措开展…), told as done."""
    told = " ".join([ctx.title.text if ctx.title else "", *opening])
    return bool(_ROUNDUP.search(told)) and not rules.FUTURE_RE.search(told)


def _clause_starts(text: str) -> list[int]:
    """Where the clauses of a sentence start: its beginning and after each comma."""
    return [0] + [m.end() for m in re.finditer(r"[,;]\s*", text)]


def _unit_place(org: str, main: Draft, ctx: DocContext, gazetteer: Gazetteer) -> Match | None:
    """The place a unit's name holds (武威市市场监管局: 武威市), when it is not a wider place than the
    report's event (a province's bureau in a city's round-up stays at the event's place)."""
    where = pick_region(regions_in(org, ctx, gazetteer))
    if where is None or main.region is None:
        return where
    if where.resolution.region.adcode in ancestor_codes(gazetteer, main.region.resolution.region.adcode):
        return None
    return where


def roundup_items(
    s: Sentence, main: Draft, seen: set, ctx: DocContext, gazetteer: Gazetteer, roundup: bool
) -> list[Draft]:
    """The items of a round-up a sentence tells, clause by clause: places listed as holding one
    activity (张掖、金昌等多地同步开展…: one item a place, whether or not the report announced a
    round-up, and the report is one from then on) and, in a round-up, units opening a clause with the
    activity they held (an item at the unit's own place when its name holds one, else at the
    report's, and then only told with 了). Each told as done (no plan, no duty), of a kind not yet
    read at that place (``seen`` holds (kind, place code) pairs); at the report's date, since a
    round-up names none for each item."""
    if _CHAIN_MARK.match(s.para.text) or _CHAIN_MARK.search(s.text):
        return []  # a chain's links (一是…;二是…) are read by `chain_links`, with their own rules
    if rules.FUTURE_RE.search(s.text) or _DIRECTIVE_RE.match(s.text):
        return []
    out = []
    t = s.text
    for at in _clause_starts(t):
        pm = _PLACES_DID.match(t, at)
        if pm is not None:
            names = pm.group("places").split("、")
            places = [pick_region(regions_in(n, ctx, gazetteer)) for n in names]
            code = rules.classify_type(pm.group("obj"))
            if code is not None and all(p is not None and p.surface == n for p, n in zip(places, names, strict=True)):
                for where in places:
                    key = (code, where.resolution.region.adcode)
                    if key in seen:
                        continue
                    seen.add(key)
                    d = _side_draft(s, main, code, main.campaign, organizer=None, title=pm.group("obj").strip())
                    d.region = where
                    d.locator = item_locator(s.para)  # one place of a list: never merged
                    out.append(d)
                roundup = True  # places listed: the clauses after it are the round-up's too
                continue
        m = _UNIT_DID.match(t, at) if roundup else None
        if m is None or _PLAN_WORD.search(t[at : m.start("obj")]):
            continue
        code = rules.classify_type(m.group("obj"))
        org = m.group("org").strip()
        if re.search(r"\d", org):
            continue  # 9月12日联合县教育局: a date before the unit, a dated clause (further_events)
        own_place = _unit_place(org, main, ctx, gazetteer)
        if own_place is None and t[m.start("obj") - 1 : m.start("obj")] != "了":
            # 省住建厅开展…专项检查: a department of the report's own place, told without 了, runs a
            # standing programme; only a unit of a place of its own (武威市市场监管局) is an item so
            continue
        where = own_place or main.region
        key = (code, where.resolution.region.adcode if where else None)
        if code is None or key in seen or (where is main.region and code == main.activity_type):
            continue
        seen.add(key)
        clause = Sentence(s.para, s.start + at, s.end)
        count, _ = find_participants([clause], clause, code)
        own = rules.find_campaign(t[at:])
        d = _side_draft(s, main, code, own[0] if own else main.campaign, organizer=org, count=count)
        d.region = where
        if where is not main.region:
            d.locator = item_locator(s.para)
        out.append(d)
    return out


# 省市场监管局与农业农村厅、住建厅等7个厅局共同举办了2021年品牌故事大赛 / 某县市场监管局还通过“某某眼”开展
# 了线上的主题宣传和答题活动: the report's body (or another) went on to hold an activity of its own, told
# in a later paragraph as done, with no day of its own.
_WENT_ON = re.compile(
    r"^(?P<org>[^,。;“”、]{2,20}?" + ORG_SUFFIX + r")(?:(?:与|和|联合|会同)[^,。;“”]{2,60}?(?:共同|联合|一起))?"
    "(?P<again>"
    + words("also", "zh_again")
    + ")?(?:"
    + one_of("approach", "zh_means")
    + "[^,。;]{2,20}?)?(?:组织)?"
    + one_of("held", "zh_activity")
    + "了"
    r"(?P<obj>[^,。;]{2,40})"
)


def _went_on(s: Sentence, event: Sentence, main: Draft, kinds: set[str | None]) -> Draft | None:
    """An activity a body went on to hold, told in a later paragraph than the event's (`_WENT_ON`): of
    another kind than those read, or said to be another (还, 也). The text gives it no day, so it is
    dated to the campaign's year the event is in; at the event's place."""
    m = _WENT_ON.match(s.text.strip())
    if m is None or s.para.index <= event.para.index or find_dates(s.text):
        return None
    if rules.FUTURE_RE.search(s.text) or _DIRECTIVE_RE.match(s.text) or _PLAN_WORD.search(s.text[: m.start("obj")]):
        return None
    org = m.group("org").strip()
    code = rules.classify_type(m.group("obj"))
    if code in (None, "appointment") or org.startswith("各") or re.search(r"\d", org):
        return None
    if code in kinds and not m.group("again"):
        return None
    d = _side_draft(s, main, code, main.campaign, organizer=org, title=m.group("obj").strip())
    if main.start is not None and main.precision in ("day", "month"):
        d.start, d.precision = main.start.replace(month=1, day=1), "year"
    d.locator = item_locator(s.para)  # another activity than the event's: never merged
    return d


def _side_opening(s: Sentence, main: Draft) -> Draft | None:
    """A festival, fair or exhibition opening after the main event: a publicity event of its own."""
    m = _SIDE_OPENING.match(s.text.strip())
    if m is None or rules.FUTURE_RE.search(s.text):
        return None
    code = rules.classify_type(m.group("name"))
    code = code if code not in (None, "launch_ceremony", "forum_conference") else "publicity"
    count, _ = find_participants([s], s, code)
    own = rules.find_campaign(s.text)
    return _side_draft(s, main, code, own[0] if own else "other", title=m.group("name").strip(), count=count)


# "After the meeting, the quality department organized a quality quiz for the attendees": an
# English side event held by its own body.
_EN_SAME_DAY = (
    r"^(?:(?:After|Following)\s+the\s+" + one_of("gathering", "en_after") + r"\b[^,]{0,30}"
    r"|In\s+the\s+(?:afternoon|evening)|(?:On\s+)?the\s+same\s+day|Later\s+that\s+day|That\s+(?:afternoon|evening)"
    r"|Meanwhile),\s*"
)
_EN_SIDE_EVENT = re.compile(
    _EN_SAME_DAY
    + r"(?P<org>(?:the\s+)?[\w&' -]{2,60}?)\s+(?:also\s+)?"
    + one_of("held", "en_side")
    + r"\s+(?:(?:a|an|the)\s+)?(?P<obj>[^,.;]{3,80})",
    re.IGNORECASE,
)
# "On the same day, the administration invited 30 residents to tour the testing center": an English
# side visit, an open day when the public comes in (the Chinese 邀请N名市民走进…, `_SIDE_VISIT`).
_EN_SIDE_VISIT = re.compile(
    _EN_SAME_DAY
    + r"(?P<org>(?:the\s+)?[\w&' -]{2,60}?)\s+(?:also\s+)?"
    + one_of("visit", "en_takes")
    + r"\s+(?P<who>[^,.;]{2,60}?)\s+to\s+"
    + one_of("visit", "en")
    + r"\s+(?P<obj>[^,.;]{3,80})",
    re.IGNORECASE,
)
_EN_PUBLIC = re.compile(r"\b" + one_of("public", "en") + r"\b", re.IGNORECASE)


_EN_BACK_REFERENCE = re.compile(
    r"(?:the\s+)?(?:" + "|".join(words("points_back", f) for f in ("en_bodies", "en_pronouns", "en_writer")) + ")",
    re.IGNORECASE,
)


def _en_side_event(s: Sentence, main: Draft) -> Draft | None:
    visit = _EN_SIDE_VISIT.match(s.text.strip())
    m = visit or _EN_SIDE_EVENT.match(s.text.strip())
    if m is None or rules.FUTURE_RE.search(s.text):
        return None
    if visit:
        code = "open_day" if _EN_PUBLIC.search(visit.group("who")) else "research_visit"
    else:
        # typed like any English event: by the head of the phrase its verb holds (a quiz, a seminar for owners)
        code = rules.classify_type(s.text[m.start("org") :]) or rules.classify_type(m.group("obj")) or "other"
    count, _ = find_participants([s], s, code)
    org = m.group("org").strip()
    if _EN_BACK_REFERENCE.fullmatch(org):
        org = main.organizer  # "the administration", "inspectors": the body the report is about
    return _side_draft(s, main, code, "other", organizer=org, title=m.group("obj").strip(), count=count)


# A further event told after the main one by a time word of the same day or an "after" clause
# (当日还举行了…颁奖仪式; 启动仪式结束后,开展了…宣传活动; 当天,宣传组还来到工业园区开展…活动;
# 当天,某局与消防部门合作开展…宣讲活动): whoever holds it (a body, a team, the hosts, or nobody
# named), going to a place of its own or not, with an event verb and an activity of its own.
_LATER_SAME_DAY = re.compile(
    r"^(?:[^,。;]{0,12}?(?:结束后|之后|随后)|(?:[^,。;“”]{2,20},\s*)?(?:同日|当天|当日))" + PART_OF_DAY + "?"
    r"(?:\s*,\s*|(?=还|也|又))"
    r"(?P<who>[^,。;“”]{0,30}?)(?:还|也|又|随即|同步)?"
    "(?:" + one_of("going_to", "zh_later") + r"(?P<where>[^,。;“”]{2,20}?)\s*,?\s*)?"
    # the activity's name, quotes and all (“质量助企,质量强企”进企业宣传活动)
    "(?P<verb>" + words("held", "zh_later") + ")了?(?P<obj>(?:“[^”]{0,30}”|[^,。;“]){2,60})"
)
# What may hold such an event: a body's name, possibly with partners (某局与区消防部门合作, 某局联合…).
_PARTNERS = re.compile(r"(?:与|和|会同|联合|携手)[^,。;]{2,30}?(?:合作|共同|一起|联合)?$")


def _later_same_day(s: Sentence, main: Draft, ctx: DocContext, gazetteer: Gazetteer) -> Draft | None:
    """A further event of the main event's day (`_LATER_SAME_DAY`), of another kind than the main
    event, or of the same kind held at a place of its own (…还来到工业园区开展…宣传活动)."""
    m = _LATER_SAME_DAY.match(s.text.strip())
    if m is None or rules.FUTURE_RE.search(s.text) or find_dates(s.text[: m.start("verb")]):
        return None
    code = rules.classify_type(m.group("obj"))
    if code in (None, "appointment") or (code == main.activity_type and not m.group("where")):
        # 随后,举行了…主题公园揭牌仪式: unveiling a plaque is a part of the ceremony it follows
        return None
    who = _PARTNERS.sub("", m.group("who").strip())
    org = who if who and re.search(ORG_SUFFIX + "$", who) else main.organizer
    where = pick_region(regions_in(m.group("where"), ctx, gazetteer)) if m.group("where") else None
    count, _ = find_participants([s], s, code)
    d = _side_draft(s, main, code, main.campaign, organizer=org, title=m.group("obj").strip(), count=count)
    d.region = where or main.region
    if code == main.activity_type:
        d.locator = item_locator(s.para)  # the same kind held elsewhere: never merged with it
    return d


# A sentence opening with the end of a gathering or contest it names (演讲比赛结束后, / 启动仪式结束后, / 某大会
# 电视电话会议结束后,在某会场,随后…): what it tells next followed the event, on its day, as an event of its own
# (a contest's judging, a publicity stand, an award ceremony), whatever its verb, unless it is the event's
# own closing (a speech, a review, leaders signing, the attendees touring: other rules read tours).
_ENDED = re.compile(
    r"^在?(?P<what>[^,。;“”]{2,30}?)(?:结束后|结束之后|闭幕后)\s*,\s*"
    r"(?:在(?P<where>[^,。;“”]{2,30}?)\s*,\s*)?(?P<rest>[^。;]{4,})"
)
_CLOSING = re.compile(words("closing", "zh"))


def _after_it_ended(s: Sentence, main: Draft, ctx: DocContext, gazetteer: Gazetteer) -> Draft | None:
    """A further event told after the end of the gathering or contest the sentence opens with
    (`_ENDED`): held on the main event's day, at the place the sentence names (在某广场) or the event's."""
    m = _ENDED.match(s.text.strip())
    if m is None or rules.classify_type(m.group("what")) is None or rules.FUTURE_RE.search(s.text):
        return None
    rest = m.group("rest")
    if _CLOSING.search(rest) or find_dates(rest):
        return None
    code = rules.classify_type(rest)
    if code in (None, "appointment"):
        return None
    where = pick_region(regions_in(m.group("where"), ctx, gazetteer)) if m.group("where") else None
    count, _ = find_participants([s], s, code)
    d = _side_draft(s, main, code, main.campaign, organizer=main.organizer, count=count)
    d.region = where or main.region
    d.locator = item_locator(s.para)  # told as following the event: never merged with it
    return d


# 启动仪式后,各部门积极开展质量相关的宣传咨询活动 / 启动仪式后,相继开展了首席质量官培训、现场宣传咨询服务、
# 质量技术帮扶服务…等系列活动: activities held after the gathering, named one by one (一、list).
_AFTER_GATHERING = re.compile(
    "^[^,。;]{0,12}?" + one_of("gathering", "zh_after") + r"后\s*,\s*"
    # the theme framing what followed (围绕“…”主题, / 以“…”为主题,) before the body or the verb
    r"(?:(?:围绕|以|紧扣)\s*“[^”]{2,40}”\s*(?:为)?主题\s*,\s*)?"
    r"(?P<who>[^,。;“”]{0,16}?)(?P<over>相继|陆续|先后)?"
    + one_of("also", "zh_after")
    + "?(?:组织)?"
    + one_of("held", "zh_activity")
    + "了?(?P<obj>[^,。;]{2,120})"
)
_LIST_END = re.compile("等" + one_of("series", "zh") + "?(?:活动|工作|服务)?$")


def _after_gathering(s: Sentence, main: Draft) -> list[Draft]:
    """The activities held after the main gathering (`_AFTER_GATHERING`), one draft for each listed
    item that names an activity (a campaign or a drive the list also names, 价格专项整治, is none; a
    lone activity of the gathering's own kind is the gathering going on): on its day, or in its month
    when they followed one after another (相继, 陆续, 先后). A collective (各部门) holds nothing by name:
    the gathering's organiser stands."""
    m = _AFTER_GATHERING.match(s.text.strip())
    if m is None or rules.FUTURE_RE.search(s.text) or _PLAN_WORD.search(s.text[: m.start("obj")]):
        return []
    names = [n.strip() for n in _LIST_END.sub("", m.group("obj").strip()).split("、")]
    who = m.group("who").strip()
    org = who if who and re.search(ORG_SUFFIX + "$", who) and not who.startswith("各") else main.organizer
    out = []
    for name in names:
        code = rules.classify_type(name)
        if code in (None, "appointment") or (code == main.activity_type and len(names) == 1):
            continue  # one activity of the gathering's own kind after it is the gathering going on
        d = _side_draft(s, main, code, main.campaign, organizer=org, title=name)
        if m.group("over") and main.start is not None and main.precision == "day":
            d.start, d.precision = main.start.replace(day=1), "month"
        if len(names) > 1:
            d.locator = item_locator(s.para)  # items of one list: never merged
        out.append(d)
    return out


# 先后组织了A、B、C等一系列活动 / 同步开展A、B等系列活动 / 相继开展A、B等各类活动: activities told as done
# one after another or alongside (先后, 相继, 陆续, 同步), listed with 、 and closed by 等…活动.
_LISTED = re.compile(
    one_of("one_after_another", "zh") + r"(?:组织)?" + one_of("held", "zh_listed") + r"了?"
    r"(?P<obj>(?:“[^”]{0,40}”|[^,。;“”]){4,240}?)等" + one_of("series", "zh") + r"活动"
)
_LISTED_ITEM = re.compile(r"(?:“[^”]{0,40}”|[^、“”])+")


def _listed_activities(
    s: Sentence, main: Draft, kinds: set[str | None], ctx: DocContext, gazetteer: Gazetteer
) -> list[Draft]:
    """The activities a later sentence lists as held (`_LISTED`), one draft for the first item of each
    typed kind not yet read (``kinds``: the event's and its side events'): an item of the list's kind is
    the activity already told. At the place the item's name holds (召开某区质量大会), else the event's;
    by the event's body; in the event's month when the sentence speaks of the campaign's period
    (质量月期间), else its year (the list names no day)."""
    m = _LISTED.search(s.text)
    if m is None or rules.FUTURE_RE.search(s.text) or _PLAN_WORD.search(s.text[: m.start("obj")]):
        return []
    out = []
    taken = set(kinds)
    for item in _LISTED_ITEM.findall(m.group("obj")):
        code = rules.classify_type(item)
        if code in taken or code in (None, "appointment"):
            continue
        taken.add(code)
        d = _side_draft(s, main, code, main.campaign, organizer=main.organizer, title=item.strip())
        d.region = _unit_place(item, main, ctx, gazetteer) or main.region
        if main.start is not None and main.precision in ("day", "month"):
            if _CAMPAIGN_PERIOD.search(s.text[: m.start()]):
                d.start, d.precision = main.start.replace(day=1), "month"
            else:
                d.start, d.precision = main.start.replace(month=1, day=1), "year"
        d.locator = item_locator(s.para)  # one item of a list: never merged
        out.append(d)
    return out


# A white paper published at the ceremony (启动仪式上发布了…质量状况白皮书; 会上,某办公室发布了《…》白皮书):
# a release of its own, held where and when the ceremony was. A report read out at the ceremony
# (发布了全县质量状况分析报告, 发布了十大典型案例) is a part of it.
_RELEASED_AT = re.compile(
    r"(?:仪式|大会|会议|活动|会)(?:上|现场)\s*,?\s*(?:[^,。;“”《]{0,12}?,\s*)?(?P<org>[^,。;“”《]{2,30}?)?"
    r"(?:正式|还|也|同时)?发布了?(?P<obj>[^,。;]{0,30}?(?:白皮书|蓝皮书))"
)


# …,同期启动了…竞赛活动,并发布了《中国制造业企业质量管理研究报告》 / …大会,发布了2025年品牌价值评价
# 结果、《某省质量状况白皮书(2024年)》等: a titled report or a white paper released in a clause of the
# event's report, with no 会上 before it. An untitled report shown there (视频发布了某质量发展报告) is not.
_RELEASED_IN_CLAUSE = re.compile(
    r"(?:^|[,;])\s*(?:并|还|同时|同期|同步)?(?:正式|现场)?发布了?(?:[^,。;《]{0,30}?[、和及与])?"
    r"(?P<obj>《[^》]{2,40}?(?:报告|白皮书|蓝皮书)[^》]{0,10}》|[^,。;《]{2,30}?(?:白皮书|蓝皮书))"
)


def _released_at(s: Sentence, main: Draft) -> Draft | None:
    """A quality report (white paper, titled report) released at the main event: a ``report_release``
    of its own."""
    m = _RELEASED_AT.search(s.text) or _RELEASED_IN_CLAUSE.search(s.text)
    if m is None or main.activity_type == "report_release" or rules.FUTURE_RE.search(s.text):
        return None
    if _PLAN_WORD.search(s.text[max(0, m.start() - 6) : m.start("obj")]):
        return None  # 将发布《…报告》: planned
    org = (m.groupdict().get("org") or "").strip()
    org = org if org and re.search(ORG_SUFFIX + "$", org) else main.organizer
    return _side_draft(s, main, "report_release", main.campaign, organizer=org, title=m.group("obj").strip(" 《》"))


def released_in_event(event: Sentence, main: Draft) -> list[Draft]:
    """A report released in a later clause of the event's own sentence (…启动仪式暨品牌故事大会,发布了…
    《…白皮书》): a release of its own beside the event (none or one)."""
    m = _RELEASED_IN_CLAUSE.search(event.text)
    d = _released_at(event, main) if m is not None and m.start() > 0 else None
    return [d] if d is not None else []


# 2024年全国质协系统“质量月”活动启动仪式和第九届华人品质论坛开幕式在成都举行 / The launching ceremony of
# the 2024 … "Quality Month" Activity and the 9th World Summit of Chinese Quality was organized…: a
# ceremony held together with an ordinal-named forum of its own, two events. (A暨B is one event, and so
# is a ceremony with an unnamed side activity: 启动仪式和现场咨询活动.)
_HELD_WITH = re.compile(
    r"(?:仪式|启动会|开幕式)(?:和|与|及)(?P<zh>第[一二三四五六七八九十\d]+届[^,。;、“”]{2,30}?"
    + one_of("forum", "zh")
    + ")"
    r"|\b(?:ceremony|launch|commendation|awards?)\b[^.;]{0,120}?\band\s+the\s+(?P<en>\d+(?:st|nd|rd|th)\s+[A-Z][^,.;()]{2,60}?"
    + one_of("forum", "en")
    + r")\b",
    re.IGNORECASE,
)


def held_with(event: Sentence, main: Draft) -> list[Draft]:
    """The ordinal-named gathering a ceremony is held together with in the event's own sentence
    (`_HELD_WITH`): an event of its own at the ceremony's place and day (none or one). When that
    gathering is of the main event's own kind (… summary and commendation and the 21st safety month
    mobilization meeting were held: the main event read is the mobilisation, of the second one's
    campaign), the event of its own is the first one, typed and campaigned by its own words."""
    m = _HELD_WITH.search(event.text)
    if m is None or main.activity_type not in ("launch_ceremony", "flag_raising", "award_commendation"):
        return []
    name = (m.group("zh") or m.group("en")).strip()
    code = rules.classify_type(name)
    campaign, title = main.campaign, name
    if m.group("en") and code == main.activity_type:
        first = event.text[: m.start("en")]
        code = rules.classify_type(first)
        own, second = rules.find_campaign(first), rules.find_campaign(name)
        campaign, title = (own[0] if own else "other"), None
        main.campaign = second[0] if second else main.campaign  # the main event read is the second one
    code = code if code not in (None, main.activity_type) else "forum_conference"
    d = _side_draft(event, main, code, campaign, organizer=main.organizer, title=title)
    d.locator = item_locator(event.para)  # two events of one sentence: never merged
    return [d]


# A plaque given or unveiled at a meeting or activity, told in a sentence of its own that opens with
# it (会议为第二批…试点项目授牌; 活动中,某局局长为某公司“…交流基地”揭牌), or in a later clause of a
# sentence about the event (…致欢迎辞,并与协会副秘书长共同为某工匠创新工作室揭牌).
_PLAQUE_AT = re.compile(
    r"^\s*(?:会议|大会|会上|活动中|活动上|活动现场|现场)\s*,?\s*(?:[^,。;“”]{0,90}?)?为"
    r"(?P<obj>[^。;]{2,80}?)(?:授牌|揭牌|授匾|颁发[^,。;]{0,6}?(?:牌匾|铜牌))\s*[。;]?\s*$"
)
_UNVEILED_IN_CLAUSE = re.compile(
    r"[,;]\s*(?:并|还|随后|同时)?(?:与[^,。;“”]{2,30}?)?(?:共同|一起|一同)?为(?P<obj>[^,。;]{2,60}?)(?:成立)?揭牌"
)


def _plaque(s: Sentence) -> re.Match | None:
    """A plaque handed out or unveiled told by `s` (`_PLAQUE_AT`, `_UNVEILED_IN_CLAUSE`), not planned."""
    m = _PLAQUE_AT.match(s.text) or _UNVEILED_IN_CLAUSE.search(s.text)
    if m is None or rules.FUTURE_RE.search(s.text) or _PLAN_WORD.search(s.text[: m.start("obj")]):
        return None  # 会议将为…授牌: nothing yet
    return m


def _own_day(text: str, main: Draft) -> tuple[int, int] | None:
    """The day (month, day) `text` dates what it tells to, when it is not the main event's day."""
    days = [(d.month, d.day) for d in find_dates(text) if d.relative is None and d.month and d.day]
    if not days or main.start is None or (main.start.month, main.start.day) in days:
        return None
    return days[0]


def _handed_out_at(s: Sentence, main: Draft) -> bool:
    """Whether `s` tells a plaque handed out or unveiled at the main event on its day: part of the event's
    programme, no record of its own (convention C1, docs/corpora/README.md; corpus-8 822/845/894, dev
    119/207/221)."""
    m = _plaque(s)
    return m is not None and _own_day(s.text[: m.start("obj")], main) is None


def _plaque_on_own_day(s: Sentence, main: Draft) -> Draft | None:
    """A plaque the report dates to a day of its own (9月20日,…为…授牌 after a meeting of 9月5日): an
    ``appointment`` of its own on that day (C1's other side)."""
    m = _plaque(s)
    day = _own_day(s.text[: m.start("obj")], main) if m is not None else None
    if day is None or main.activity_type == "appointment":
        return None
    d = _side_draft(s, main, "appointment", main.campaign, organizer=main.organizer, title=m.group("obj").strip())
    try:
        d.start, d.precision = main.start.replace(month=day[0], day=day[1]), "day"
    except ValueError:
        return None  # no such day (2月30日)
    return d


# A gathering that is itself a tour of a site (某某现场会, 质量观摩会, 启动暨现场观摩活动): the tour told of
# it is its programme, one record with it (convention C2 when the tour is the B of its A暨B name).
_TOURING_GATHERING = re.compile(words("touring_gathering", "zh"))


def _tour_of_touring_gathering(side: Draft, main: Draft) -> bool:
    """Whether `side` is a tour told of a gathering that is itself a tour (`_TOURING_GATHERING` in the
    main event's sentence) at the gathering's own place: part of it (corpus-8 852/853/854/855, corpus-9
    9a29). A tour to another place is one of its own."""
    if side.activity_type not in ("research_visit", "open_day") or main.sentence is None:
        return False
    if not _TOURING_GATHERING.search(main.sentence.text):
        return False
    here = main.region.resolution.region.adcode if main.region else None
    there = side.region.resolution.region.adcode if side.region else None
    return there == here


# A gathering chained by 并 in a later clause of a sentence about the event (…宣布委员会正式成立,并组织召开
# 第一届委员会议; 仪式上发布了…名单,并举办了质量大讲堂): held there and then, an event of its own kind.
_CHAINED_GATHERING = re.compile(
    r"[,;]\s*(?:并|还|随后)(?:组织)?" + one_of("held", "zh_chained") + "了?"
    "(?P<obj>[^,。;“”]{2,40}?" + one_of("gathering", "zh_chained") + ")(?=[,。;]|$)"
)


def _chained_gathering(s: Sentence, main: Draft) -> Draft | None:
    """A gathering of another kind than the main event's, chained in a later sentence's clause."""
    m = _CHAINED_GATHERING.search(s.text)
    if m is None or rules.FUTURE_RE.search(s.text) or find_dates(s.text[: m.start()]):
        return None
    code = rules.classify_type(m.group("obj"))
    if code in (None, "appointment", main.activity_type):
        return None
    return _side_draft(s, main, code, main.campaign, organizer=main.organizer, title=m.group("obj").strip())


# 会议公布了…方案,同期启动了全国企业员工质量知识竞赛活动 / 活动期间,同步启动民生计量专项执法行动: an
# activity started together with the event (同期, 同步, 同时 before the verb), a clause of a later sentence.
_STARTED_WITH = re.compile(
    r"(?:^|[,;])\s*(?:[^,。;]{0,12}?(?:结束后|之后|随后|期间)\s*,\s*)?(?:会议|大会|仪式|活动|会上|现场)?(?:还|也|并)?"
    r"(?:同期|同步|同时)(?:正式)?"
    r"(?:启动|开通)了?(?P<obj>[^,。;]{2,40})"
)


def _started_with(s: Sentence, main: Draft) -> Draft | None:
    """An activity started together with the main event (`_STARTED_WITH`), of a kind of its own (not a
    launch, not the event's kind): held where and when the event was, by its organiser."""
    m = _STARTED_WITH.search(s.text)
    if m is None or rules.FUTURE_RE.search(s.text) or _PLAN_WORD.search(s.text[: m.start("obj")]):
        return None
    code = rules.classify_type(m.group("obj"))
    if code in (None, "launch_ceremony", "appointment", main.activity_type):
        return None
    return _side_draft(s, main, code, main.campaign, organizer=main.organizer, title=m.group("obj").strip())


def _side_events(s: Sentence, main: Draft, ctx: DocContext, gazetteer: Gazetteer) -> list[Draft]:
    """The side events a later sentence tells of the main event: one of a visit, a tour, an opening, an
    English side event, a release, a plaque, a chained gathering; and an activity started with the
    event (同期启动了…竞赛), which may share its sentence with another of them (…,并发布了《…报告》)."""
    side = (
        _side_visit(s, main, ctx, gazetteer)
        or _attendees_toured(s, main)
        or _side_opening(s, main)
        or _en_side_event(s, main)
        or _released_at(s, main)
        or _plaque_on_own_day(s, main)
        or _chained_gathering(s, main)
        or _tour_clause(s, main, ctx, gazetteer)
    )
    if side is not None and _tour_of_touring_gathering(side, main):
        side = None
    started = _started_with(s, main)
    out = [side] if side is not None else []
    if started is not None and (side is None or side.activity_type != started.activity_type):
        out.append(started)
    return out


# 召开“世界标准日”主题宣传座谈会 / 随即召开质量月活动宣贯会: a meeting named by its head noun, whatever its
# modifier (宣传) says: a further event told after the main one is a meeting of its own (8 893, 11r 11a29), not
# the main event's kind told again, even when the main event's body holds it.
_GATHERING_HEAD = re.compile(one_of("meeting_head", "zh") + "$")


def second_events(
    section_sents: list[Sentence], event: Sentence, main: Draft, ctx: DocContext, gazetteer: Gazetteer
) -> list[Draft]:
    """Further events in the same report after the main one: held by another organiser
    (开幕式后,X厂召开了座谈会; 当天下午,区市场监管局还组织…开展“质量开放日”活动), or a visit the
    attendees go on to (仪式后,与会代表前往某区参观…) at its own place."""
    out = []
    roundup = is_roundup(
        [
            x.text
            for x in section_sents
            if x.para.index < event.para.index or (x.para is event.para and x.start <= event.start)
        ],
        ctx,
    )
    kinds = {main.activity_type}
    seen = {(main.activity_type, main.region.resolution.region.adcode if main.region else None)}
    for s in section_sents:
        if s.para.index < event.para.index or (s.para is event.para and s.start <= event.start):
            continue
        t = s.text.strip()
        sides = _side_events(s, main, ctx, gazetteer)
        if sides or _handed_out_at(s, main):  # a plaque handed out at the event is part of it (C1)
            kinds.update(d.activity_type for d in sides)
            out.extend(sides)
            continue
        ended = _after_it_ended(s, main, ctx, gazetteer)
        if ended is not None:
            kinds.add(ended.activity_type)
            out.append(ended)
            continue
        after = _after_gathering(s, main) or _listed_activities(s, main, kinds, ctx, gazetteer)
        if after:
            kinds.update(d.activity_type for d in after)
            out.extend(after)
            continue
        went = None if roundup else _went_on(s, event, main, kinds)
        if went is not None:
            kinds.add(went.activity_type)
            out.append(went)
            continue
        items = roundup_items(s, main, seen, ctx, gazetteer, roundup)
        if items:
            # places listed as holding an activity make the rest of the report a round-up too
            roundup = roundup or any(d.organizer is None for d in items)
            kinds.update(d.activity_type for d in items)
            out.extend(items)
            continue
        check = _SAME_DAY_CHECK.match(t)
        if check is not None and main.activity_type != "inspection_supervision" and not rules.FUTURE_RE.search(t):
            out.append(_side_draft(s, main, "inspection_supervision", main.campaign, organizer=main.organizer))
            continue
        m = _SECOND_EVENT.match(t) or _SAME_DAY_EVENT.match(t)
        if not m or rules.FUTURE_RE.search(s.text) or find_dates(s.text[: m.start("verb")]):
            later = _later_same_day(s, main, ctx, gazetteer)
            if later is not None:
                out.append(later)
            continue
        org = (m.group("org") or "").strip() or None
        code = _second_kind(m.group("obj"))
        if m.re is _SAME_DAY_EVENT:
            code = "open_day" if m.group("verb").startswith("向") else code
            if code is None or code == main.activity_type:
                # 现场还开展了咨询 at a consultation day: the event itself, unless it is held elsewhere
                later = _later_same_day(s, main, ctx, gazetteer)
                if later is not None:
                    out.append(later)
                continue
        own_meeting = (
            code == "forum_conference" and main.activity_type != code and _GATHERING_HEAD.search(m.group("obj"))
        )
        if not own_meeting and (
            (main.organizer and org == main.organizer) or (m.group("verb") == "组织" and code is None)
        ):
            continue
        out.append(_second_draft(s, m, main, code, org))
    return out


def _second_kind(obj: str) -> str | None:
    """The kind of a further event's held phrase: a meeting by its head noun (`_GATHERING_HEAD`), else its words."""
    return "forum_conference" if _GATHERING_HEAD.search(obj) else rules.classify_type(obj)


def _second_draft(s: Sentence, m: re.Match, main: Draft, code: str | None, org: str | None) -> Draft:
    """The draft of a further event `second_events` read: at the main event's place and day (a day of the
    campaign when told as held during it: 活动期间,还开展了…), by its own body or the main event's."""
    count, _ = find_participants([s], s, code or "other")
    start, precision = main.start, main.precision
    if m.re is _SAME_DAY_EVENT and m.group("when") == "期间" and start is not None and precision == "day":
        start, precision = start.replace(day=1), "month"
    return Draft(
        s,
        f"paragraph {s.para.index}",
        s.excerpt(),
        region=main.region,
        start=start,
        end=None,
        precision=precision,
        activity_type=code or "other",
        campaign=main.campaign,
        campaign_year=main.campaign_year,
        organizer=org or main.organizer,
        title=m.group("obj").strip(),
        mode=main.mode,
        count=count,
    )


# A clause of a summary that opens with the activity done, its body left out because the report is its
# (开展“某某”微视频比赛 / 组织进行了“某某50强”评选活动 / 召开了全省…线上观摩会 / 组织全省1200多家企业召开…
# 交流会 / 联合某行、某局等部门,组织开展质量安全宣传教育活动): an item of the report's programme.
_UMBRELLA_ITEM = re.compile(
    r"(?:(?:联合|会同|携手)[^,。;]{2,40}?等(?:部门|单位|机构)\s*,\s*)?" + one_of("also", "zh_umbrella") + "?"
    "(?:组织[^,。;“”]{0,16}?)?" + one_of("held", "zh_umbrella") + "了?(?P<obj>[^,。;]{2,40})"
)


def umbrella_items(sents: list[Sentence], event: Sentence, main: Draft) -> list[Draft]:
    """The activities a summary with no event of its own (its main draft is an umbrella, ``other``: 某局开展
    “质量月”系列活动) tells one clause each, opening with the activity done (`_UMBRELLA_ITEM`): one item
    each, of a typed kind, named once, no plan and no duty; at the umbrella's place, by its body, dated to
    its year (the clause names no day)."""
    if main.activity_type != "other":
        return []
    out: list[Draft] = []
    named = set()
    for s in sents:
        if s is event or rules.FUTURE_RE.search(s.text) or _CHAIN_MARK.search(s.text) or _DIRECTIVE_RE.match(s.text):
            continue
        for at in _clause_starts(s.text):
            m = _UMBRELLA_ITEM.match(s.text, at)
            if m is None or _DIRECTIVE_RE.match(s.text, at) or _PLAN_WORD.search(s.text[at : m.start("obj")]):
                continue
            code = rules.classify_type(m.group("obj"))
            title = m.group("obj").strip()
            if code in (None, "appointment") or title in named:
                continue
            named.add(title)
            d = _side_draft(s, main, code, main.campaign, organizer=main.organizer, title=title)
            if main.start is not None and main.precision in ("day", "month"):
                d.start, d.precision = main.start.replace(month=1, day=1), "year"
            d.locator = item_locator(s.para)  # one item of a programme: never merged
            out.append(d)
    return out


# A plan told by its verb (将, 拟, 计划, 届时; not 将近), and the campaign's own period (质量月期间,
# 活动期间, 本月): what dates a highlighted event of a plan.
_PLAN_WORD = re.compile(r"将(?!近)|拟|计划|届时")
_CAMPAIGN_PERIOD = re.compile(r"(?:月[”」]?|活动)期间|本月")


# 其中,重点召开某省产业链质量提升经验交流会 / 其中区域联动方面,某省将联合…共同举办某联合行动启动仪式:
# a programme's plan singling out one named event of its own (a list of kinds, 、 or 等, is no event).
_HIGHLIGHTED = re.compile(
    r"^\s*其中[^,。;]{0,10}?\s*,\s*(?P<body>[^,。;]{0,50}?)(?:重点|首先|率先)?"
    + one_of("held", "zh_chained")
    + "(?P<name>[^,。;、等]{4,40}?"
    + one_of("gathering", "zh_highlighted")
    + ")(?=[,。;]|$)"
)


def highlighted_events(
    sents: list[Sentence], event: Sentence, main: Draft, ctx: DocContext, gazetteer: Gazetteer
) -> list[Draft]:
    """The one named event a plan singles out with 其中 (其中,重点召开…交流会), planned or held: held
    where its name (or the body that plans it) says, in the campaign's month when the plan is for
    the campaign's period, else in the report's year."""
    out = []
    for k, s in enumerate(sents):
        if s.para.index < event.para.index or (s.para is event.para and s.start <= event.start):
            continue
        m = _HIGHLIGHTED.match(s.text)
        if m is None or main.start is None:
            continue
        code = rules.classify_type(m.group("name"))
        if code is None:
            continue
        where = pick_region(regions_in(m.group("name"), ctx, gazetteer)) or next(
            iter(regions_in(m.group("body"), ctx, gazetteer)), None
        )
        context = s.text + (sents[k - 1].text if k else "")
        if _CAMPAIGN_PERIOD.search(context) and main.precision in ("day", "month"):
            start, precision = main.start.replace(day=1), "month"
        else:
            start, precision = main.start.replace(month=1, day=1), "year"
        body = re.sub(r"(?:将|拟|还|也|计划)?(?:联合|携手|会同)?$", "", re.split(r"将|拟", m.group("body"))[0]).strip()
        out.append(
            Draft(
                s,
                f"paragraph {s.para.index}",
                s.excerpt(),
                region=where or main.region,
                start=start,
                precision=precision,
                activity_type=code,
                campaign=main.campaign,
                campaign_year=main.campaign_year,
                organizer=body if body and _names_body(body) else main.organizer,
                title=m.group("name").strip(),
                planned=bool(rules.FUTURE_RE.search(context) or _PLAN_WORD.search(context)),
            )
        )
    return out


def _names_body(text: str) -> bool:
    return bool(re.search(ORG_SUFFIX + "$", text)) or bool(re.fullmatch(r"[\u4e00-\u9fff]{2,4}", text))


# 活动期间, / 质量月期间, : a clause naming the campaign's period before the event's own day or body.
_PERIOD_CLAUSE = r"(?:[^,。;:“”\d]{0,8}期间\s*,\s*)"
# What may come before the date a report of an event opens with: a list number, a connective
# (此外, 随后, 同日), or "On the morning of".
# Connectives that open a report of a further event (此外, 随后, 又讯, 一方面…).
_CONNECTIVE = one_of("going_on", "zh_report")
_LEAD_PREFIX = re.compile(
    r"\s*(?:[((]?(?:\d{1,2}|[一二三四五六七八九十]{1,3})[))、.]\s*[、.]?\s*|[\u2460-\u2473]\s*)?"
    + _CONNECTIVE
    + r"?\s*,?\s*"
    + _PERIOD_CLAUSE
    + r"?"
    r"(?:(?:and|then|also)\s+)?(?:(?:on|in|at)\s+(?:the\s+(?:morning|afternoon|evening)\s+of\s+)?)?"
    # 今年9月5日 / 同年10月: a year word before the day (a round-up of two years)
    r"(?:今年|去年|当年|同年|本年度?)?",
    re.IGNORECASE,
)
# 11月,对全县…开展监督抽查: a month standing alone before the comma opens a yearbook's entry.
# So does a month before a named week or campaign it holds (6月“食品安全宣传周”期间, 在9月“质量月”期间,).
_MONTH_LEAD = re.compile(r"(?:份|中旬|上旬|下旬|初|底)?\s*[,:]|\s*[“\"「][^”\"」,。]{2,14}[”\"」]\s*期间\s*,")


# The body that acts, named before its own day (县市场监管局还于9月9日在…举办; 县质协9月16日组织…;
# 该县于…): a report of a further event of its own.
_SUBJECT_LEAD = re.compile(
    r"\s*(?:"
    + _CONNECTIVE
    + r"\s*,\s*)?"
    + _PERIOD_CLAUSE
    + r"?(?:[^,。;:“”\d]{1,24}?"
    + ORG_SUFFIX
    + "|该"
    + one_of("points_back", "zh_that_lead")
    + ")"
    r"\s*(?:还|也|又|再|则|先后|另)?\s*(?:于|在)?\s*"
)


def _lead_date(text: str, ctx: DocContext | None = None, months: bool = False) -> DateMention | None:
    """The day date a sentence opens with (``9月9日下午,``, ``On 12 Sept,``), if any; a day
    relative to the dateline (今日下午, 昨天) counts as that day when the report has a dateline;
    with ``months``, a month alone (``11月,``) counts too. The date may follow a connective
    (一方面, 又讯) or, for a day, the body that acts (县质协还于9月16日…)."""
    for m in find_dates(text[:60]):
        prefix = text[: m.start]
        if not _LEAD_PREFIX.fullmatch(prefix) and not (m.day and _SUBJECT_LEAD.fullmatch(prefix)):
            continue
        if m.relative is None and m.month and (m.day or (months and _MONTH_LEAD.match(text, m.end))):
            return m
        if m.relative in ("today", "yesterday") and ctx is not None and ctx.dateline is not None:
            day, _ = resolve_relative(m.relative, ctx.dateline)
            return DateMention(m.start, m.end, day.year, day.month, day.day)
    return None


# Two named events held together: “A交流活动”和“B创新大赛”同期在郑州举行.
_COORDINATED = re.compile(
    r"“(?P<a>[^”]{2,40})”\s*(?:和|与|及|、)\s*“(?P<b>[^”]{2,40})”[^,。;]{0,4}?(?:同期|同时|同日|也)?"
    "(?:在[^,。;]{1,20}?)?" + one_of("held", "zh_coordinated")
)


def coordinated_events(draft: Draft, sentence: Sentence) -> list[Draft]:
    """One draft per named event of a coordination (“A”和“B”同期举行), each typed by its own name."""
    m = _COORDINATED.search(sentence.text)
    if m is None:
        return [draft]
    out = []
    for name in (m.group("a"), m.group("b")):
        d = Draft(**{f: getattr(draft, f) for f in draft.__dataclass_fields__})
        d.activity_type = rules.classify_type(name) or "other"
        d.title = name
        d.locator = item_locator(sentence.para)  # two events of one sentence: never merged
        out.append(d)
    return out


_EN_DID = rules.en_subject_verb(
    r"\b(?:" + words("points_back", "en_did") + "|the " + one_of("body_noun", "en_did") + ")"
    r"\s+(?:also\s+)?",
    rules.EN_HELD,
)


# 9月下旬, after an event of 10 September: a part of the month is a time of its own.
_PART_OF_MONTH = re.compile(r"\s*(?:上旬|中旬|下旬|底|末)")
# 次日 / 翌日 / 第二天: a report's next event held the day after the one before it.
_NEXT_DAY = re.compile(r"^\s*(?:[^,。;\d]{0,8}?)" + one_of("next_day", "zh") + PART_OF_DAY + r"?\s*,?")


# "During the month, the administration also carried out …": some day of the campaign's month.
_EN_DURING = re.compile(
    r"^\s*(?:During|Throughout|Over)\s+(?:the\s+)?(?:month|campaign|(?:\w+\s+){0,2}Month)\b", re.IGNORECASE
)


def during_month(text: str) -> bool:
    """Whether an English sentence opens with "During the month" (the event's month, no day)."""
    return bool(_EN_DURING.match(text))


def next_day(text: str) -> bool:
    """Whether a sentence opens with a next-day word (次日, 翌日上午, 第二天) for its event's day."""
    return bool(_NEXT_DAY.match(text))


# 9月5日上午,县市场监管局联合某公司,把“质量课堂”搬进居民楼下: the day, then the body acting (with whom, for
# whom, where it goes), the activity named with no event verb.
_BODY_ACTS = re.compile(
    r"(?:上午|下午|中午|晚上|晚间)?\s*,\s*[^,。;:“”\d]{1,24}?"
    + ORG_SUFFIX
    + r"\s*(?:还|也|又)?"
    + one_of("after_subject", "zh_acts")
    + ""
)


def _body_acts_on_its_day(text: str, lead: DateMention) -> bool:
    """Whether a sentence opening with a written day (not 今天, 昨天) goes on with the body acting (`_BODY_ACTS`):
    a report's further event told with no event verb, like a story's lead (`extract._lead_sentence`)."""
    return bool(re.search(r"\d", text[lead.start : lead.end])) and bool(_BODY_ACTS.match(text, lead.end))


def further_events(sents: list[Sentence], event: Sentence, ctx: DocContext) -> list[Sentence]:
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
    for s in sents[sents.index(event) + 1 :]:
        t = s.text
        lead = _lead_date(t, ctx, months=True)
        if lead is None and next_day(t) and not find_dates(t[:40]):
            lead = DateMention(0, 0, None, None, None, relative="next_day")
        if (
            lead is not None
            and lead.day is None
            and any(lead.month == month for month, _ in seen)
            and not _PART_OF_MONTH.match(t, lead.end)
        ):
            continue  # 9月,… after an event of 9 September: the same month's work, not a new entry
        own_en = lead is None and ctx.lang == "en" and (_EN_DID.search(t) or _EN_VERB_FIRST.match(t))
        if own_en:
            # English tells the day anywhere: "we conducted a fire drill on the morning of June 27th".
            lead = next((m for m in find_dates(t) if m.relative is None and m.month and m.day), None)
            if lead is None and during_month(t) and seen:
                lead = DateMention(0, 0, None, None, None, relative="during")
        if lead is None or ((lead.month, lead.day) in seen and not _COORDINATED.search(t)) or is_meta(t):
            continue
        if lead.relative == "next_day" and not seen:
            continue  # 次日 with no day before it to count from
        verb = rules.EVENT_VERB_RE.search(t) or own_en or _body_acts_on_its_day(t, lead)
        if not verb or not (rules.names_activity(t) or own_en) or rules.FUTURE_RE.search(t):
            continue
        seen.add((lead.month, lead.day))
        out.append(s)
    return out


_DAY_SOON = re.compile(r"\d|[一二三四五六七八九十]+月|" + words("month", "en_short"), re.IGNORECASE)


# An English clause whose subject is the sentence's: ", opened …", ", and ran …", ", held …".
_EN_VERB_FIRST = re.compile(
    r"(?:and\s+)?(?:also\s+)?" + one_of("held", "en_verb_first") + r"\b",
    re.IGNORECASE,
)


def dated_clauses(sents: list[Sentence], ctx: DocContext) -> list[Sentence]:
    """Sentences split where a clause after a comma opens another event of its own day
    (…举办质量论坛,9月21日又组织了培训; "…on September 18, and on September 21 it organized a
    training"): the clause must name its day first, an event verb and an activity, and no plan."""
    out = []
    for s in sents:
        t, start = s.text, 0
        for m in re.finditer(r"[,;、]\s*", t):
            rest = t[m.end() :]
            en = _EN_VERB_FIRST.match(rest) if ctx.lang == "en" and m.group(0)[0] == "," else None
            if en:
                # ", opened its laboratory to 60 residents on September 14": the verb leads, the day follows
                clause = re.split(r",\s*(?:and\s+)?(?=[a-z]+ed\b|ran\b|held\b)", rest[en.end() :], maxsplit=1)[0]
                own = [d for d in find_dates(clause) if d.day and d.relative is None]
                if not own or m.start() - start < 8:
                    continue
            else:
                if not _DAY_SOON.search(rest[:40]):
                    continue  # no day written near the clause's start: skip the date parser
                lead = _lead_date(rest, ctx)
                if lead is None or lead.day is None or m.start() - start < 8:
                    continue
            held = en or (rules.EVENT_VERB_RE.search(rest) and rules.names_activity(rest))
            if not held or rules.FUTURE_RE.search(rest):
                continue
            out.append(Sentence(s.para, s.start + start, s.start + m.start() + 1))
            start = m.end()
        out.append(Sentence(s.para, s.start + start, s.end) if start else s)
    return out


# A link of a yearbook chain: 一是开展了…;二是组织…;三是…  (also 其一/其二, 第一/第二 before 是).
_CHAIN_MARK = re.compile(
    r"(?:^|[:,;])\s*(?:[一二三四五六七八九十]是|其[一二三四五六七八九十]是?,?|第[一二三四五六七八九十]是|第[一二三四五六七八九十]\s*[,、])"
)


_DONE = re.compile(one_of("held", "zh_done") + "了|已(?:经)?" + one_of("held", "zh_done_already"))
_ACTIVITY_HELD = re.compile(r"^\s*(?:开展|组织|举办|举行)了?[^,;。]{0,30}活动")


# 采取多种形式开展宣传活动。一是…二是… / 开展了以下几项工作:一是…: the report says that what follows
# are several activities, so each link that names one is its own (told as done or not).
_SEVERAL_FORMS = re.compile(words("several_forms", "zh"))


def announces_several(text: str) -> bool:
    """Whether a sentence announces several activities told as done (采取多种形式开展…; 开展了以下几项工作)."""
    return bool(_SEVERAL_FORMS.search(text)) and not rules.FUTURE_RE.search(text)


def _umbrella(sents: list[Sentence]) -> bool:
    """Whether the text just before a chain's first link announces several activities, told as done."""
    k, m = next(((k, m) for k, s in enumerate(sents) if (m := _CHAIN_MARK.search(s.text))), (0, None))
    if m is None:
        return False
    before = [s.text for s in sents[:k]][-1:] + [sents[k].text[: m.start()]]
    return any(announces_several(t) for t in before)


# 一是高度重视,精心组织。…: a link headed by a slogan of two short phrases, its activity told after it.
_SLOGAN = re.compile(r"\s*[^,，。;；:：\d]{2,8}[,，][^,，。;；:：\d]{2,8}[。;；]?\s*")


def _told_in_link(after: list[Sentence], head: Sentence) -> tuple[Sentence, int, str] | None:
    """The activity of a slogan-headed link: the first later sentence of its paragraph with an event
    verb told as done (召开了, 开展了) and naming an activity, read as a whole (its body, its place)."""
    for s in after:
        if s.para is not head.para or _CHAIN_MARK.search(s.text):
            return None
        done = _DONE.search(s.text)
        if done is None or rules.FUTURE_RE.search(s.text) or _DIRECTIVE_RE.match(s.text):
            continue
        code = rules.classify_type(s.text[done.start() :])
        if code is not None:
            return s, 0, code  # the whole sentence: its body, its place
    return None


# The verb a chain link's own head holds its activity with (一是组织开展检验检测机构开放日活动).
_LINK_HELD = re.compile(words("held", "zh_link"))


def _paragraph_links(found: list[tuple[Sentence, int, str]]) -> bool:
    """Whether a chain's links are a round-up's paragraphs: three or more, each opening a paragraph
    of its own with the activity it names and its verb (一是通过公交站台开展…宣传。/ 二是组织开展…
    开放日活动。), none a duty. A chain inside one paragraph (会议提出要求:一是…;二是…) and links headed by
    a slogan (一是启动规模高。) are not."""
    return len(found) >= 3 and all(
        s.start == 0
        and _CHAIN_MARK.match(s.text)
        and _LINK_HELD.search(s.text[start : start + 30])
        and not _DIRECTIVE_RE.match(s.text[start:])
        and not re.match(r"\s*要", s.text[start:])
        for s, start, _ in found
    )


def chain_links(
    sents: list[Sentence], event: Sentence, main: Draft, sec: Section, ctx: DocContext, gazetteer: Gazetteer
) -> list[Draft]:
    """The activities a yearbook chain lists (一是开展了宣传咨询活动;二是组织了监督抽查), one draft
    each, when a section holds at least two links that name an activity.

    A link takes its own date, place and organiser when it states them, else the section's main
    event's; its participants are read from the link alone.
    """
    found = []
    for k, s in enumerate(sents):
        m = _CHAIN_MARK.search(s.text)
        if m is None:
            continue
        body = s.text[m.end() :]
        code = rules.classify_type(body) or ("other" if _ACTIVITY_HELD.search(body) else None)
        if code and not rules.FUTURE_RE.search(body[:20]):
            found.append((s, m.end(), code))
        elif code is None and _SLOGAN.fullmatch(body) and main.region is not None:
            told = _told_in_link(sents[k + 1 :], s)
            if told is not None:
                found.append(told)
    if len(found) < 2:
        return []
    # A chain inside the report of one event lists what was done or said there (一是开展宣传,
    # 提高意识;二是…): its links are separate activities only under an umbrella report
    # (开展“质量月”活动) or when each is told as done (开展了, 已举办) or dated (一是9月14日举办…).
    if (
        main.activity_type != "other"
        and not _umbrella(sents)
        and not (ctx.title is not None and announces_several(ctx.title.text))
        and not all(
            _DONE.search(s.text[start : start + 24]) or _lead_date(s.text[start:], ctx) for s, start, _ in found
        )
        and not _paragraph_links(found)
    ):
        return []
    out = []
    for s, start, code in found:
        link = Sentence(s.para, s.start + start, s.end)
        d = draft_from(
            link,
            [link],
            sec,
            ctx,
            gazetteer,
            main.region,
            (main.start, main.precision) if main.start else None,
            main.start.year if main.start and main.precision != "year" else None,
        )
        if d.start is None and main.start is not None:
            d.start, d.precision = main.start, main.precision
        if d.region is None:
            d.region = main.region
        d.activity_type = code
        d.organizer = (
            d.organizer
            or main.organizer
            or next((o for o in (find_organizer(x.text, ctx, None) for x in sents[:3] if x is not s) if o), None)
        )
        d.campaign = main.campaign if d.campaign == "other" else d.campaign
        d.locator = item_locator(s.para)
        out.append(d)
    return out


# A closing duty of a programme (各单位要高度重视…, 各部门应…, 加强宣传报道。): an obligation before
# any event verb, or an item that opens with a verb of duty.
_DIRECTIVE_RE = re.compile(
    r"[^,。;]{0,14}?"
    + one_of("duty", "zh_modal")
    + r""
    + one_of("duty", "zh_after_modal")
    + r"|"
    + one_of("duty", "zh")
)


# A verb that holds a concrete event inside a programme item (举办…论坛, 开展…大检查, 组织…开放日).
_ITEM_EVENT_VERB = re.compile(words("held", "zh_item"))


# Inspection work told by what was checked (共检查…单位45家, 抽检产品18批次): its verb is its event.
_INSPECTED = re.compile(r"(?:共|累计)?(?:检查|抽检|抽查)[^,。;]{0,30}?\d+\s*(?:余|多)?\s*(?:批次|家|个|台|件|款)")


def item_event(sents: list[Sentence]) -> Sentence | None:
    """The sentence of a numbered programme item that names its concrete event, or None.

    The item's first line names it when it carries an activity word (1.举办质量论坛。) and is not a
    duty (各单位要…). A heading that names no event (5.开展重点产品质量攻关活动。) or a duty
    (12.加强产品质量监管执法。) is followed by the sentences that do (举行质量工具应用成果现场分享会):
    the first of those is the event. An item none of whose sentences holds an activity word
    with an event verb names no concrete event.
    """
    head = ITEM_RE.sub("", sents[0].text, count=1)
    heading = bare_heading(sents[0].para.text)
    if rules.classify_type(head) and not (_DIRECTIVE_RE.match(head) and not find_dates(head)):
        if not heading:
            return sents[0]
        # 2. Quality skills contest / On September 16, we organized …: a heading's event is told
        # in the paragraph under it, when that paragraph reports one.
        told = _told_under(sents)
        return told or sents[0]
    for s in sents[1:]:
        if s.para is not sents[0].para:
            return _told_under(sents) if heading else None
        verb = _ITEM_EVENT_VERB.search(s.text) or _INSPECTED.search(s.text)
        if verb and rules.classify_type(s.text[verb.start() :]) and not rules.FUTURE_RE.search(s.text):
            return s
    return None


# What may stand before the verb of a sentence that opens an event of its own: a connective, the
# acting body, a 先后/还/同时 (同时,联合区消防救援大队对辖区12家商场开展…; 县质量协会组织召开…).
_OPENING_BEFORE_VERB = 24


def item_further_events(sents: list[Sentence], event: Sentence) -> list[Sentence]:
    """Further held events of a round-up item after its first (二、优化服务。举办…培训班,80余名…参加。
    召开…座谈会,…): each later sentence of the item that opens with an event verb holding an activity
    of another kind (or one a connective says is another), told as done (no plan, no duty)."""
    if event not in sents:
        return []
    out = []
    seen = {rules.classify_type(event.text)}
    days = [_day_of(d) for d in find_dates(event.text)[:1]]
    for s in sents[sents.index(event) + 1 :]:
        verb = _ITEM_EVENT_VERB.search(s.text)
        if verb is None or verb.start() > _OPENING_BEFORE_VERB or rules.FUTURE_RE.search(s.text):
            continue
        lead = s.text[: verb.start()]
        if _DIRECTIVE_RE.match(s.text) or rules.classify_type(lead) or _CHAIN_MARK.search(lead):
            continue  # a chain's links (一是…;二是…) are read by `chain_links`, with their own rules
        own = [_day_of(d) for d in find_dates(lead)[:1]]
        if own and (not days or own == days):
            continue  # a date opening it that the event's own does not differ from
        code = rules.classify_type(s.text[verb.start() :])
        # a sentence that goes on about the same kind of activity tells the same event, unless a
        # connective (同时, 此外, 还) or a time of its own (2022年9月…;2023年9月,又召开…) says it is another
        if code and (code not in seen or own or _ANOTHER.match(s.text)):
            seen.add(code)
            out.append(s)
    return out


# A round-up paragraph headed by its activity, told in a sentence of its own with no subject and
# no comma (开展“质量杯”书画比赛。/ 举办质量知识讲座。), the paragraph then telling how it went.
_HEADLINE = re.compile(r"^\s*(?:开展|举办|组织|举行)了?[^,，;；:：。]{2,36}[。!！]?\s*$")


def headline_items(sents: list[Sentence], event: Sentence, kind: str | None) -> list[list[Sentence]]:
    """The items of a round-up told in headed paragraphs after the event's (…在广场开展公益活动。
    / 开展书画比赛。65名儿童… / 开展便民服务活动。现场受理…): each paragraph whose first sentence is a
    headline naming an activity of another kind than the event's (``kind``) and than an earlier item's, in a
    paragraph that neither plans nor directs. Only when two or more paragraphs are so headed (one
    headed paragraph may be a summary or a heading of the report's one event); each item is the
    paragraph's sentences."""
    if event not in sents:
        return []
    paras: dict[int, list[Sentence]] = {}
    for s in sents[sents.index(event) + 1 :]:
        if s.para is not event.para:
            paras.setdefault(id(s.para), []).append(s)
    heads = [p for p in paras.values() if _HEADLINE.match(p[0].text) and p[0].start == 0]
    if len(heads) < 2:
        return []
    seen = {kind}
    out = []
    for p in heads:
        text = "".join(x.text for x in p)
        code = rules.classify_type(p[0].text)
        if code is None or code in seen or rules.FUTURE_RE.search(text) or any(_DIRECTIVE_RE.match(x.text) for x in p):
            continue
        seen.add(code)
        out.append(p)
    return out


def _day_of(d: DateMention) -> tuple:
    return (d.year, d.month, d.day)


_ANOTHER = re.compile(r"\s*(?:同时|此外|另外|另|还|并|又|also|in addition)", re.IGNORECASE)


def _told_under(sents: list[Sentence]) -> Sentence | None:
    """The first sentence under a heading item that reports a held event (a date and an event verb)."""
    for s in sents[1:]:
        if s.para is sents[0].para or rules.FUTURE_RE.search(s.text):
            continue
        if find_dates(s.text) and (rules.EVENT_VERB_RE.search(s.text) or _EN_DID.search(s.text)):
            return s
    return None


# an award told by its list of winners made public (activity_types.AWARD_LIST)
_AWARD_LIST = re.compile(activity_types.AWARD_LIST)


def award_list(sents: list[Sentence]) -> tuple[Sentence, str] | None:
    """The sentence of a report with no event sentence that makes an award's list of winners public,
    and its words before the list, which date it (日前, 近日, 1月5日: the day it was made public, not a
    year the award is named after, 成功推荐成为2008年上海名牌的企业名单)."""
    for s in sents:
        m = _AWARD_LIST.search(s.text)
        if m is not None and not rules.FUTURE_RE.search(s.text):
            return s, s.text[: m.start()]
    return None


def looks_truncated(para: CleanParagraph, is_last: bool) -> bool:
    text = para.text.rstrip()
    return (
        is_last
        and not text.endswith(("。", ".", "!", "?", "”", ")", '"'))
        and (text.count("“") > text.count("”") or len(text) < 40 or not re.search(r"[。.]", text))
    )


# A gathering the public comes to, whose on-site services are part of it (C3): a launch, a publicity day, a service
# day, an open day.
_PUBLIC_GATHERING = frozenset({"launch_ceremony", "publicity", "service_consultation", "open_day"})
# Going out to a place of its own (来到工业园区, 走进社区), or a venue of its own (同日下午,…在塔山街道开展了…服务活动): an
# outing, not the event's own site (在现场/在活动现场 is that site).
_OUTING = re.compile(words("going_to", "zh_outing"))
_OWN_VENUE = re.compile(r"在(?!(?:活动|仪式)?现场|会场)(?P<venue>[^,。;在]{2,20}?)(?:开展|举办|举行|设立|设置|进行)")


def service_at_event(side: Draft, main: Draft) -> bool:
    """Whether a further event of the main event's section is a service given at the main event's place on its
    day (convention C3, docs/corpora/README.md: consultation desks, free tests, 便民服务 at a launch or a publicity
    day are part of it, no row of their own): the main event is a gathering the public comes to, the side's
    sentence delivers a hands-on service by the words C4 knows one by (`activity_types.HANDS_ON_SERVICE`: 免费检测,
    便民服务, 义诊), on the main event's day, at its place, with no outing to a place or venue of its own."""
    if main.activity_type not in _PUBLIC_GATHERING or side.sentence is None or main.start is None:
        return False
    if (side.start, side.precision) != (main.start, main.precision) or main.precision != "day":
        return False
    here = main.region.resolution.region.adcode if main.region else None
    there = side.region.resolution.region.adcode if side.region else None
    if there != here or _OUTING.search(side.sentence.text):
        return False
    venue = _OWN_VENUE.search(side.sentence.text)
    if venue is not None and main.sentence is not None and venue.group("venue") not in main.sentence.text:
        return False
    return bool(activity_types.HANDS_ON_SERVICE.search(side.sentence.text))
