"""Resolve each field of one candidate event with the document's context (stage: resolve):
date, place, activity type, campaign, organiser, participants, mode, theme and title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from domain import activity_types, numbers
from domain.gazetteer import Gazetteer, Match, Resolution

from . import rules
from .dates import event_mention, find_dates, resolve_date, years_written
from .document import DocContext, Section, Sentence, is_meta, split_clauses
from .lexicon import one_of, words
from .places import (
    HOLDS_ZH,
    ancestor_codes,
    city_under_province,
    district_bureau,
    holds_the_event,
    names_only_subsidiaries,
    own_county,
    own_unit,
    pick_region,
    province_holds,
    regions_in,
)

# A statement introducing reported speech (局长对外发布称, announced that): what follows is said,
# not held; the verb does not report an event.
_SPEECH = re.compile(r"(?:对外)?(?:发布|宣布|透露)(?:称|说)|\bannounced\s+that\b", re.IGNORECASE)


def event_sentence(sentences: list[Sentence]) -> Sentence | None:
    """The sentence that reports the event: dated and with an event verb or activity word; one
    that only announces a plan (…发布称,…将于9月10日举行) is not, nor one that tells the origin of the
    campaign or observance (`rules.ORIGIN_RE`: background history)."""
    sentences = [s for s in sentences if not rules.ORIGIN_RE.search(s.text)]
    for s in sentences:
        t = s.text
        future = rules.FUTURE_RE.search(t)
        if (
            find_dates(t)
            and (rules.EVENT_VERB_RE.search(t) or rules.classify_type(t))
            and not is_meta(t)
            and not (future and not rules.EVENT_VERB_RE.search(_SPEECH.sub("", t[: future.start()])))
        ):
            return s
    for s in sentences:
        t = s.text
        if (
            rules.EVENT_VERB_RE.search(t)
            and rules.classify_type(t)
            and not is_meta(t)
            and not rules.FUTURE_RE.search(t)
        ):
            return s
    return None


def _type_text(sentence: str, verb_clauses: bool = True) -> list[str]:
    """The part of a sentence that names the activity: its event clauses (all its reported clauses when
    ``verb_clauses`` is false), without theme slogans, venues or the purpose clause that follows."""
    text = sentence
    for pat in rules.THEME_RES:
        text = pat.sub(lambda m: m.group(0).replace(m.group("t"), ""), text)
    text = rules.VENUE_ZH.sub("", text)
    text = rules.VENUE_EN.sub("", text)
    pm = rules.PURPOSE_ZH.search(text)
    if pm:
        text = text[: pm.start()]
    clauses = [text[s:e] for s, e in split_clauses(text)]
    # A plan in the same sentence (…,启动仪式将于9月10日举行) does not type the reported event.
    done = [c for c in clauses if not rules.FUTURE_RE.search(c)] or clauses
    chosen = [c for c in done if rules.EVENT_VERB_RE.search(c)] if verb_clauses else []
    return chosen or ["".join(done)]


def classify_sentence(sentence: str) -> str:
    """Activity type of an event sentence ('other' when no signal word names one).

    The event clauses are read in order and the first that names a type decides, so a later
    list of attendees (区委宣传部…参加了会议) cannot turn a meeting into publicity.
    """
    for clause in _type_text(sentence):
        held = _HELD_OBJECT.search(clause)
        t = (
            rules.classify_type(clause[held.end() :]) if held and _BODY_SUBJECT.search(clause[: held.start()]) else None
        ) or rules.classify_type(clause)
        if t:
            return t
    return "other"


# 质量竞赛委员会召开工作会议 / 质量奖评审办公室举行座谈会: the subject is a body whose name carries an
# activity word; what it holds (after the verb) is the event.
_HELD_OBJECT = re.compile(r"(?:召开|举行|举办|组织召开|组织开展|开展)了?")
_BODY_SUBJECT = re.compile(r"(?:委员会|组委会|办公室|协会|中心|小组)\s*$")


def _attend_verb_after(text: str, start: int, end: int, c: numbers.Count, activity_type: str) -> bool:
    """An attendance verb closely after the count, with nothing but the counted group between."""
    tail = text[end : end + 24]
    vm = rules.ATTEND_RE.search(tail)
    if vm is None:
        before = text[max(0, start - 40) : start]
        return (
            ctx_lang_en(text)
            and c.unit in ("people", "person_times")
            and bool(
                re.search(r"\b(?:attended by|participants?|with|gathered|drew|attracted)\b", before, re.IGNORECASE)
            )
        )
    # 60名市民代表和中学生参观: a coordination of bare groups is all counted; 及部分代表 is not. A
    # comma between the counted group and its verb (40名社区居民,参加了此次活动) is no clause break.
    if not numbers.is_attendee_phrase(tail[: vm.start()].removesuffix(","), c.unit):
        return False
    if re.match(r"[^,。;“]{0,6}?(?:获得|荣获|获评|被授予|被评为)", tail[vm.end() :]):
        return False  # 十家参赛单位获得…奖: those honoured, counted as winners, not as those attending
    if rules.ATTEND_RE.search(text[max(0, start - 14) : start]) and ctx_lang_en(text):
        return True
    # a different event (参加…培训) than the one reported
    return not (activity_type != "training" and re.match(r"了?[^,。]{0,6}培训", tail[vm.end() : vm.end() + 14]))


def _counts_attendees(text: str, start: int, end: int, c: numbers.Count, activity_type: str) -> bool:
    """Whether the count at ``text[start:end]`` is of those attending the event."""
    tail = text[end : end + 24]
    before = text[max(0, start - 16) : start]
    if re.search(r"(?:到|走进|前往|赴|来到|深入)\s*$", before):
        return False  # (组织20家企业的质量负责人)到一家汽车零部件企业(观摩): the place visited
    if _attend_verb_after(text, start, end, c, activity_type):
        return True
    tail_long = text[end : end + 40]
    if activity_type == "appointment" and re.match(
        r"[^,。]{0,16}(?:经[^,。]{0,8}后?\s*,\s*)?(?:成为|任命|聘任|获聘|取得)", tail_long
    ):
        return True  # 42名…成为首席质量官, 268家企业任命首席质量官: the appointees
    if (
        activity_type == "training"
        and c.unit == "people"
        and re.match(
            r"[^,。]{0,8}(?:顺利|全部|均)?(?:通过|完成)(?:了)?(?:培训|考核|学习)|[^,。]{0,8}(?:顺利)?结业", tail
        )
    ):
        return True  # 共110位学员顺利通过培训: those trained
    trainees_before = _TRAINEES_BEFORE.search(text[max(0, start - 48) : start])
    if activity_type == "training" and c.unit in ("people", "person_times") and trainees_before:
        return True  # 培训学员120名, 参训人员达80人, a training session for 50 quality managers
    if (
        activity_type == "training"
        and re.search(r"为[^,。;\d]{0,6}$", before)
        and re.match(r"[^,。;]{0,14}?(?:授课|讲课|培训)", tail)
    ):
        return True  # 为35家企业的质量负责人授课: those taught
    if re.match(r"[^,。]{0,10}(?:参加了?|出席了?|参与了?)(?:会议|活动|仪式|启动仪式|大会)", tail):
        return True
    if _LEADS_VISITORS_ZH.search(before) or activity_type in ("open_day", "research_visit"):
        # 组织30名市民代表走进企业 / 邀请20名家长参观: those brought along are the attendees; at an
        # open day or a visit, those who come in (30多位市民走进该所) are.
        visit = _VISIT_ZH.search(tail)
        if visit and numbers.is_attendee_phrase(tail[: visit.start()], c.unit):
            return True
    if activity_type in ("open_day", "research_visit") and _GO_TO_VISIT.match(text, end):
        return True  # …监理员共250人,到某项目进行观摩; 组织…的24家企业,到某基地观摩学习: those who go to see the site
    if (
        activity_type in ("publicity", "other")
        and c.unit == "organizations"
        and re.match(r"[^,。;]{0,14}?(?:参展|集中展示|展示展销|展出|亮相)", tail)
    ):
        return True  # 近200家企业参展 / 集中展示国货精品: at a fair the exhibitors are the participants
    if ctx_lang_en(text) and _en_recipients(text[max(0, start - 80) : start], activity_type):
        return True  # trained 85 boiler operators, a workshop for 70 dyeing firms, opened its lab to 40 students
    if _ATTEND_BEFORE_ZH.search(before):
        return True  # 到会企业代表80人, 线上线下累计参与3000多人次, 参会人数达300人
    if ctx_lang_en(text) and c.unit in ("people", "person_times"):
        # 300 people, including ..., attended; 200 employees from the workshops attended;
        # 500 employees and managers gathered (but not "15 heads and some representatives").
        am = _ATTEND_AFTER_EN.match(text[end : end + 200])
        return bool(am) and numbers.is_attendee_phrase(am.group("coord"), c.unit)
    return False


# English: those a lesson or a service is given to, and those let in at an open day, named by the
# verb or preposition just before their count (trained 85 operators; a seminar was held for 50
# companies; calibrated gauges for 64 companies; opened its lab to 40 students).
_EN_ABOUT = r"(?:more\s+than\s+|over\s+|about\s+|some\s+|nearly\s+|around\s+|almost\s+)?$"
_EN_TRAINED_BEFORE = re.compile(r"\b(?:trained|taught|coached)\s+" + _EN_ABOUT, re.IGNORECASE)
_EN_GIVEN_FOR = re.compile(
    r"\b" + one_of("given_for", "en") + r"\b[^.;]{0,50}?\bfor\s+" + _EN_ABOUT,
    re.IGNORECASE,
)
_EN_OPENED_TO = re.compile(
    r"\bopened\b[^.;]{0,50}?\bto\s+" + _EN_ABOUT + r"|\b(?:invited|took|led|brought)\s+" + _EN_ABOUT, re.IGNORECASE
)


# "attended by representatives of 50 companies": the bodies whose people attended.
_EN_PEOPLE_OF = re.compile(
    r"\b(?:attended\s+by|with)\s+(?:the\s+)?(?:representatives|delegates|managers|heads|officials|staff)\s+(?:from|of)\s+"
    + _EN_ABOUT,
    re.IGNORECASE,
)


def _en_recipients(before: str, activity_type: str) -> bool:
    if _EN_PEOPLE_OF.search(before):
        return True
    if activity_type == "training" and _EN_TRAINED_BEFORE.search(before):
        return True
    if activity_type in ("training", "service_consultation", "forum_conference") and _EN_GIVEN_FOR.search(before):
        return True
    return activity_type in ("open_day", "research_visit") and bool(_EN_OPENED_TO.search(before))


def _service_count(text: str) -> numbers.Count | None:
    """接受咨询300余人次: the person-times served."""
    m = rules.SERVICE_COUNT_RE.search(text)
    if m is None:
        return None
    if re.search(r"累计|以来|历年|近年", text[max(0, m.start() - 16) : m.start()].split(",")[-1]):
        return None  # 平台已累计为企业提供服务18.9万次: a running total, not this event's

    for _start, end, c in numbers.find_counts(text[m.end() : m.end() + 12]):
        if c.kind in ("other", "activities", "participants") and text[m.end() : m.end() + end].endswith(("次", "人次")):
            return numbers.Count(c.value, c.qualifier, "person_times", "participants")
    return None


# A count over a year (每年, 年均, 历年) or over all the campaign's activities (参与到各项活动之中) is no one event's.
_NOT_THIS_EVENT = re.compile(words("not_this_event", "zh"))


def _clause_at(text: str, start: int, end: int) -> str:
    """The clause of ``text`` that holds ``text[start:end]`` (between commas, semicolons and full stops)."""
    left = max(text.rfind(ch, 0, start) for ch in ",,;;。") + 1
    rights = [i for i in (text.find(ch, end) for ch in ",,;;。") if i >= 0]
    return text[left : min(rights) if rights else len(text)]


def find_participants(
    section_sents: list[Sentence], event: Sentence, activity_type: str
) -> tuple[numbers.Count | None, Sentence | None]:
    """The count of people/person-times/organisations attending THIS event, or None.

    A count qualifies when an attendance verb (参加, 出席, attended...) follows it closely with no
    further list of attendees in between (…及部分代表参加 means the count is only part of them), or,
    for an appointment, when the counted people are the appointees (42名…成为首席质量官). Counts of
    activities, awards and audited enterprises never qualify.
    """
    ordered = (
        [event]
        + [s for s in section_sents if s is not event and s.para is event.para]
        + [s for s in section_sents if s.para is not event.para]
    )
    for s in ordered:
        best = None
        for start, end, c in numbers.find_counts(s.text):
            if c.kind != "participants" or not c.unit or not _counts_attendees(s.text, start, end, c, activity_type):
                continue
            if _NOT_THIS_EVENT.search(_clause_at(s.text, start, end)):
                continue  # 每年吸引观众超30万人次, 33万余名群众参与到各项活动之中: a yearly or campaign-wide figure
            # 41家企业的44名代表: the people count is the finer one.
            if best is None or (best.unit == "organizations" and c.unit != "organizations"):
                best = c
        best = best or _group_sum(s.text) or _service_count(s.text)
        if best is not None:
            return best, s
    return None, None


# A list of counted bodies that attend together (8个区级部门、5个街道及2家下属单位负责人,部分企业代表
# 参加了活动): the bodies add up; another group named without a count makes the sum a floor.
_GROUP_LIST = re.compile(
    r"(?:\d+\s*(?:个|家)[^,。;、及和与]{1,14}?(?:、|及|和|以及|与)\s*(?:[^,。;\d]{0,8}?)){1,}"
    r"\d+\s*(?:个|家)[^,。;]{1,16}?(?P<more>[,、]\s*" + one_of("some_of_them", "zh") + "[^,。;]{1,16}?|等)?"
    "(?=(?:共同)?" + one_of("attended", "zh_group") + ")"
)


def _group_sum(text: str) -> numbers.Count | None:
    m = _GROUP_LIST.search(text)
    if m is None:
        return None
    counts = [c for _, _, c in numbers.find_counts(m.group(0)) if c.kind == "participants"]
    if len(counts) < 2 or any(c.unit != "organizations" for c in counts):
        return None
    qualifier = "at_least" if m.group("more") or any(c.qualifier == "at_least" for c in counts) else "exact"
    return numbers.Count(sum(c.value for c in counts), qualifier, "organizations", "participants")


# Those trained, named just before their count.
_TRAINEES_BEFORE = re.compile(
    r"(?:培训|参训|受训)(?:[^,。;:\d为对向]{0,10}?"
    + one_of("training", "zh_trainees")
    + ")?"
    + one_of("before_a_count", "zh_trained")
    + r"?\s*$|"
    r"\b" + one_of("training", "en") + r"\b[^.;,]{0,30}\bfor\s+(?:about\s+|some\s+|over\s+)?$",
    re.IGNORECASE,
)
# An attendance word just before the count, with nothing but a noun and a "reached/in total" word
# between: the count is of those attending. 为/对/向 in between would make it a count of recipients.
_ATTEND_BEFORE_ZH = re.compile(
    one_of("attended", "zh_counted") + "(?:的)?"
    r"(?:[^,。;:为对向给授颁及和与、\d]{0,6}?)(?:人数|人次)?" + one_of("before_a_count", "zh") + r"?\s*$"
)
# English: the counted noun, then optionally who they were ("from the workshops", ", including
# ...,") and the attendance verb. "and" is not allowed before the verb: "15 heads and some
# representatives attended" counts only part of the attendees.
_ATTEND_AFTER_EN = rules.en_subject_verb(
    r"(?P<coord>(?:(?:\s*,\s*and|\s*,|\s+and)\s+(?!(?:including|from|of|in|at)\b)[A-Za-z-]+"
    r"(?:\s+(?!(?:from|of|in|at)\b)[A-Za-z-]+){0,2}?)*)"
    r"(?:\s+(?:from|of|in|at)\s+(?:[^.;,]|,(?!\s*and\b))*?|,\s*including\s[^.;\d]*?,)?\s+",
    rules.EN_ATTENDED + r"|toured|visited",
)
# Who brings the counted people along (组织/邀请/带领), and the visit they make: those are attendees.
# The counted group, then where it goes to see (…共250人,到某项目进行观摩; 24家企业,到某基地观摩学习): at a visit, the visitors.
_GO_TO_VISIT = re.compile(r"[^,。;:\d]{0,12}?,?\s*(?:到|赴|前往|来到|走进)[^,。;]{2,30}?(?:观摩|参观|考察|学习|调研)")
_LEADS_VISITORS_ZH = re.compile(r"(?:组织|邀请|带领|引导|召集)了?[^,。;:对向为给]{0,10}$")
_VISIT_ZH = re.compile(words("visit", "zh"))


def ctx_lang_en(text: str) -> bool:
    return sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff") < len(text) * 0.1


ORG_SUFFIX = one_of("body_suffix", "zh")
# Government bodies whose own name holds 和 (住房和城乡建设部, 人力资源和社会保障局, 国家发展和改革委员会):
# the 和 does not join two bodies there.
_AND_NAME_GOES_ON = words("and_in_a_name", "zh")
_AND_IN_NAME = r"和(?=" + _AND_NAME_GOES_ON + ")"
# One character of a body's name in a list of bodies (…、…和…): anything but a separator, or the
# 和 of such a name.
_NAME_CHAR = r"(?:" + _AND_IN_NAME + r"|[^,。;、和与及])"


# The writer's own firm named by a common noun (the company, the clothing company, the plant): C11.
_EN_OWN_FIRM = one_of("own_firm", "en")
_EN_SUBJECT_VERB = re.compile(
    r"(?:^|[,”\"]\s*|\.\s+)(?P<o>(?:the\s+)?[A-Z][\w.,&' -]{1,90}?|the\s+(?:[a-z]+\s+){0,2}?" + _EN_OWN_FIRM + r")\s+"
    r"(?:" + one_of("manner", "en") + r"\s+)?" + one_of("held", "en_subject") + r"\b"
)
# "host by quality management department's head", "organized by the Jing'an bureau": the body after by.
_EN_BY = re.compile(
    r"\b" + one_of("held", "en_by") + r"\s+by\s+(?:the\s+)?(?P<o>[\w' -]{3,60}?" + one_of("body_noun", "en_by") + ")"
    r"(?='s\b|[,.;]|\s+(?:and|on|in|at|with)\b)",
    re.IGNORECASE,
)
# "organized by the Huzhou Bureau of Quality and Technical Supervision", "hosted by the China
# Association for Quality and attended by …": a capitalised name, of/for/and inside it, naming a body.
_EN_BODY_WORD = re.compile(r"\b" + one_of("body_noun", "en_name") + r"\b")
_EN_BY_NAME = re.compile(
    r"\b(?:" + words("held", "en_by") + r"|held|run)\s+by\s+(?:the\s+)?"
    r"(?P<o>(?=[^,.;]*?" + _EN_BODY_WORD.pattern + r")[A-Z][\w'&-]*(?:\s+(?:(?:of|for|and|the)\s+)*[A-Z][\w'&.-]*)*"
    r"(?:,?\s+Co\.,?\s+Ltd\.?)?)"
)
# "the group administration department organized …": a lower-case body before the verb.
_EN_LOWER_BODY = re.compile(
    r"(?:^|[,.]\s*)(?P<o>(?:the\s+)?[a-z][\w -]{2,50}?" + one_of("body_noun", "en_lower") + ")"
    r"\s+" + one_of("held", "en_lower") + r"\b"
)
_EN_PREP_START = re.compile(one_of("preposition", "en_opening") + r"\b")


_MANNER_AFTER_BODY = re.compile(
    r"(?P<o>.+?"
    + ORG_SUFFIX
    + r")(?:"
    + words("approach", "zh")
    + "|"
    # 某局扎实(开展…), 某局对全县15家企业(开展…), 某所为企业(举办…): an adverb or the activity's target
    + words("manner", "zh_after_body")
    + "|对|向|为)"
)
_TIME_WORD_END = re.compile("(?:" + words("now", "zh_subject_end") + r"|于\S*)$")


# A section heading that names what was done rather than who (【开放】, 【启动】, ✅ 培训与交流).
_TOPIC_HEADING = re.compile("^" + one_of("topic_heading", "zh"))


# 由X主办 / 由X、Y共同举办 / 由 、国资委共同举办 (a name lost from the page leaves its separator).
_BY_BODY = re.compile(
    r"由[\s、]*(?P<o>[^,。;]{2,40}?)"
    r"(?:和(?!" + _AND_NAME_GOES_ON + r")|、|与|及|共同|联合|$|主办|组织|举办|承办|牵头)"
)
# what follows a 由-phrase that names who presides (由协会副会长、法人代表某某主持)
_PRESIDES = re.compile(r"[^,。;]{0,30}?主持")


# A body's short name given in brackets after its full one (某协会(以下简称某质协)在…开展; Shanghai Municipal
# Bureau of … (SMBQTS) launched …): no part of the name, and no break between the body and its verb.
_ALIAS = re.compile(r"\s*[(（](?:以下简称|以下称|下称|简称)[^()（）]{1,20}[)）]|\s*\([A-Z][A-Za-z&]{1,11}\)(?=\s)")


# 组织 as the verb (某局组织开展…), not the noun: units counted as organisations (某公司等3家组织、…荣膺), a prize for
# organising (获优秀组织奖), a party's or grass-roots organisation (党组织, 基层组织), the organiser (组织者, 组织单位).
_ORGANISE_VERB = r"(?<![家个类级层党])(?<!优秀|先进)组织(?![奖者机单])"


def find_organizer(sentence: str, ctx: DocContext, heading: str | None) -> str | None:
    """The organiser named in the event sentence (由X主办, X举办/召开/举行…), or the section heading."""
    text = _ALIAS.sub("", sentence)
    for m in _BY_BODY.finditer(text):
        # 会议由协会副会长、法人代表某某主持: the one who presides, not a body holding the event
        if not _PRESIDES.match(text, m.end("o")):
            return m.group("o").strip()
    # …启动仪式今天上午举行,省市场监管局、省质量办共同主办: the first body named before 主办.
    m = re.search(
        r"[,:](?P<o>[^,。;、和与及]{2,30}?" + ORG_SUFFIX + r")(?:[、和与及][^,。;]{2,40}?)?(?:共同|联合)?主办", text
    )
    if m:
        return m.group("o").strip()
    opening = _opening_body(text)
    for s, e in split_clauses(text):
        clause = text[s:e]
        vm = re.search(
            r"(?:还|也|又|再|先后|分别|随后|联合|携手|共同)?(?:隆重|成功|顺利|圆满|正式)?(?:举办|召开|举行|开展|"
            + _ORGANISE_VERB
            + r"|启动|邀请|发布"
            r"|公布|编撰|开启)",
            clause,
        )
        if not vm:
            continue
        subj = clause[: vm.start()]
        # 深化质量共治,助力高质量发展——某公司开展… / 质量月 | 公司举办…: a headline's slogan or column
        # name before a dash or a bar is no part of the body
        last = re.split(r"—+|\||｜", subj)[-1].strip()
        # (not an event's second name: …暨第二届中国质量万里行——青海质量行在西宁启动)
        subj = last if re.search(ORG_SUFFIX + "$", last) else subj
        subj = re.sub(
            r"^(?:\d{1,2}月\d{1,2}日|近日|日前|今天|昨天|前不久|不久前|近期|最近|近来)?(?:上午|下午|晚上|晚)?", "", subj
        ).strip()
        subj = re.sub(r"在[^,。]*$", "", subj).strip()
        subj = re.split(r"联合|携手|会同", subj)[0].strip()
        if opening and (not subj or (subj.startswith(opening) and not re.match(r"[、和与及等]", subj[len(opening) :]))):
            # 某局在某广场, 开展了…: the verb's subject opened an earlier clause; 某办公室召集成员单位(开展):
            # the body, without the verb it is followed by (a list 某局、某局等 stays whole)
            return opening
        subj = re.sub(r"等(?:相关)?(?:部门|单位)$", "", subj).strip()
        subj = _TIME_WORD_END.sub("", subj).strip()
        subj = re.sub(r"\d{1,2}月(?:\d{1,2}日)?\S*$", "", subj).strip()  # 市质量协会9月15日(组织…)
        # 工会和质量部决定自4月起(联合组织…), 某局拟于9月(举办…): the body ends before its decision or time.
        subj = re.split(r"决定|拟|计划|准备|将|自\d|从\d", subj)[0].strip()
        subj = _TIME_WORD_END.sub("", subj).strip()  # 某局本月(将…): a time word is no part of the name
        subj = re.sub(r"(?:牵头|带头|负责)$", "", subj)  # 某局牵头(组织了…): the body leads, the verb follows
        manner = _MANNER_AFTER_BODY.match(subj)  # 某局围绕质量强市(开展…): the body ends before its manner
        subj = manner.group("o") if manner else subj
        # 保变电气全面(开展…), 公司全面(启动…): an adverb before the verb is no part of the name, whatever it ends with
        subj = re.sub(_ADVERB + "$", "", subj)
        quoted_body = "“" in subj and re.search(ORG_SUFFIX + "$", subj)  # 静安区“质量兴区”领导小组办公室
        if (
            2 <= len(subj) <= 30
            and not re.search(r"仪式|大会|活动|会议|为|以|的" + ("" if quoted_body else "|“"), subj)
            and not re.match(
                r"通过|围绕|按照|结合|根据|采取|采用|借助|利用|在|同时|并|还|此外|其中|对|向|为|给|就|来自"
                r"|现场|会上|会后|仪式上|活动上|活动中",
                subj,
            )
            and _names_a_body(subj)
        ):
            return subj
        stands_for = _subject_stands_for(subj, text, s, ctx)
        if stands_for:
            return stands_for
    # 江西省某县质监局以“…”为中心内容,因地制宜地开展…: the body that opens the sentence, before
    # its manner phrase, holds the event when the clause of the verb names none.
    lead = _LEAD_BODY.match(text)
    if lead and HOLDS_ZH.search(text, lead.end()):
        return lead.group("o")
    if opening:
        return opening
    em = _EN_BY_NAME.search(text) or _EN_BY.search(text) or _EN_LOWER_BODY.search(text)
    if em:
        return em.group("o").strip()
    found, org = _en_subject(text, ctx)
    if found:
        return org
    em = _first_match(_EN_NAMED_BODY, text)
    if em is None:
        # a heading that names the activity (【启动】, 【比武】) or a topic is no body holding it; nor is
        # page furniture (【初审】, 您的位置:, 图说:, a site's name before a colon) or a notice's addressees
        # (各有关单位:): a Chinese heading holds the event only when it names a body (English district
        # headings, "Fuyang:", name the district's bureau)
        return (
            heading
            if heading
            and not rules.classify_type(heading)
            and not _TOPIC_HEADING.search(heading)
            and (heading.isascii() or (re.search(ORG_SUFFIX + "$", heading) and _names_a_body(heading)))
            else None
        )
    # "…, deputy head of the district bureau, presided": the body, without the person's office
    org = re.sub(
        r"^(?:deputy\s+)?(?:head|director|chief|chairman)\s+of\s+(?:the\s+)?",
        "",
        re.sub(r"^[^,]*?,\s*", "", em.group("o")) if em.re is _EN_PRESIDED else em.group("o"),
        flags=re.IGNORECASE,
    )
    return org.strip() or None


def _en_subject(text: str, ctx: DocContext | None) -> tuple[bool, str | None]:
    """(found, organiser): the English subject holding the event (The X Administration held …),
    found when a subject-verb pair qualifies (its organiser may still be None: "It held …" with no
    body named in full)."""
    for em in _EN_SUBJECT_VERB.finditer(text):
        # "a forum was held" names no organiser; "With 30 activities held" is a participle phrase.
        if re.search(r"\s(?:was|were|is|are|been|be)$", em.group("o")) or _EN_PREP_START.match(em.group("o")):
            continue
        if rules.classify_type(em.group("o")) and not _EN_BODY_WORD.search(em.group("o")):
            continue  # "A training session organized by …": the event, not who holds it
        org = re.sub(r"^(?:On|In|At)\s+[^,]*,\s*", "", em.group("o")).strip(" ,")
        org = re.sub(r"^\d{4},\s*", "", org)  # "On September 4, 2023, the company": the year is no part of it
        org = re.sub(r"^.*?(?:--|—)\s*", "", org)  # "Sept 3 -- The … Administration": a news dateline
        # "On Sept. 2 it held …": a pronoun stands for the body the report names in full
        org = re.sub(r"^(?:On|In|At|During|By|Later)\b[^,]*?\s+(?=(?:it|they|we)$)", "", org, flags=re.IGNORECASE)
        # "Recently, to raise …, the clothing company held": the subject is the clause after the last comma
        own = re.search(r",\s*(?P<o>the (?:[a-z]+ ){0,2}?" + _EN_OWN_FIRM + ")$", org)
        org = own.group("o") if own else org
        if re.fullmatch(r"(?i)it|they|we", org):
            org = _named_in_full(ctx) or ""
        if ctx is not None and ctx.title is not None and re.fullmatch(r"(?i)the (?:[a-z]+ ){0,2}?" + _EN_OWN_FIRM, org):
            # "the company" is the one the headline names (Fuyao Glass holds …)
            named = re.match(
                r"^(?P<o>[A-Z][\w&.' -]{1,60}?)\s+(?:holds|held|launches|launched|kicks off|hosts|hosted)\b",
                ctx.title.text,
            )
            org = named.group("o") if named else org
        return True, org or None
    return False, None


# An English report whose event sentence names no body holding it may name it elsewhere: in its headline
# ("The X Administration holds a special meeting on …") or in a sentence about the event ("The events are
# jointly held by the National … Commission, the Ministry of …").
_EN_TITLE_HOLDS = re.compile(r"^(?:The\s+)?(?P<o>[A-Z][\w.&' -]{1,80}?)\s+" + one_of("held", "en_title") + r"\b")
_EN_EVENT_HELD_BY = re.compile(
    r"^\s*(?:The|This|These)\s+(?:[\w'-]+\s+){0,4}?" + one_of("gathering", "en_named") + r"\b[^.;]{0,40}?"
    r"\b" + one_of("planned", "en_be") + r"\s+(?:jointly\s+|co-?)?" + one_of("held", "en_passive") + r"\s+by\b",
    re.IGNORECASE,
)


def en_organizer_elsewhere(ctx: DocContext, sents: list[Sentence], event: Sentence) -> str | None:
    """The body an English report names as holding its event outside the event's sentence: the
    headline's (or first line's) subject when it names a body (`_EN_BODY_WORD`), else the body of the first later
    sentence that says the event is held by it (`_EN_EVENT_HELD_BY`); None when neither does."""
    if ctx.lang != "en":
        return None
    # the headline, or the report's first line when it is not taken for one (it ends with a full stop)
    head = ctx.title or next((p for p in ctx.paragraphs[:1] if p is not event.para), None)
    title = _EN_TITLE_HOLDS.match(head.text.strip()) if head is not None else None
    if title is not None and _EN_BODY_WORD.search(title.group("o")):
        return title.group("o").strip()
    for s in sents[sents.index(event) + 1 :] if event in sents else ():
        if _EN_EVENT_HELD_BY.match(s.text):
            m = _EN_BY_NAME.search(s.text)
            if m is not None:
                return m.group("o").strip()
    return None


# An English body named in full (the Yuhang District Administration for Market Regulation, Ningbo
# Shengxing Co., Ltd.): what a pronoun or "the administration" stands for.
_EN_FULL_BODY = re.compile(r"\b(?P<o>(?:[A-Z][\w'&-]*\s+){1,6}?" + one_of("body_noun", "en_full") + r")(?![\w-])")


def _named_in_full(ctx: DocContext | None) -> str | None:
    """The first English body the document names in full, or None."""
    for p in ctx.paragraphs if ctx is not None else ():
        m = _EN_FULL_BODY.search(p.text)
        if m:
            return re.sub(r"^The\s+", "", m.group("o"))
    return None


def _first_match(patterns: tuple[re.Pattern[str], ...], text: str) -> re.Match[str] | None:
    """The match of the first pattern (in order) that matches ``text``."""
    return next((m for m in (p.search(text) for p in patterns) if m), None)


# English bodies named without a subject verb: "… of Ningbo Shengxing Co., Ltd.", "…, head of the
# district bureau, presided".
_EN_PRESIDED = re.compile(
    r",\s*(?P<o>[^,]{2,60}?\b(?:bureau|department|administration|association|committee)"
    r"[^,]{0,50}?),\s*(?:presided|chaired|hosted|held)",
    re.IGNORECASE,
)
_EN_NAMED_BODY = (
    re.compile(
        r"\b(?:of|by)\s+(?P<o>[A-Z][\w.&' -]{1,40}?(?:Co\.,? Ltd\.?|Group|Company|Corporation|Bureau|"
        r"Association|Administration))"
    ),
    _EN_PRESIDED,
)


# An adverb of manner between a body and its verb (某局扎实开展, 某公司全面启动).
_ADVERB = one_of("manner", "zh")


# A subject that is an adverb (因地制宜地), a person (局长韩永生对外) or a bare 公司 (the writer's own
# company, unnamed) is not an organiser's name.


_LEAD_BODY = re.compile(
    r"^(?:[^,。]{0,14}?(?:以来|期间|之际|前夕)?,)?\s*(?P<o>[\u4e00-\u9fff“”]{2,25}?"
    + one_of("body_suffix", "zh_lead")
    + ")(?="
    + words("after_subject", "zh_lead")
    + ")"
)


# The body that opens a clause and is the subject of the event's verb, however many manner, venue
# or partner phrases come between (某局在某广场, 开展了…; 某局围绕“…”主题, 联合多部门…开展; 日前,
# 某院按照…部署, 组织…): a name ending in a body's word, followed by what a subject is followed by.
# (质量强市办, 创建办: an office named by its short form; not 主办, 承办, 举办)
_BODY_WORD = one_of("body_suffix", "zh_opening")
_OPENING_BODY = re.compile(
    r"^\s*(?:(?:\d{4}年)?(?:\d{1,2}月)?(?:\d{1,2}日)?(?:上午|下午|晚上|晚)?|近日|日前|近期|当天(?:上午|下午)?)\s*"
    r"(?P<o>[\u4e00-\u9fff()（）]{1,28}?" + _BODY_WORD + r")"
    r"(?=" + words("after_subject", "zh_opening") + ")"
)
# The verbs an opening body holds its event by: HOLDS_ZH, and 进行 with the activity as its object
# (某局在米易、盐边等地进行“质量月”巡回宣传).
_OPENED_VERB = re.compile(HOLDS_ZH.pattern + r"|进行|启动|公布|编撰|开启")
# A clause that opens with a reference or purpose (根据某办公室的通知, 为落实某局部署) names a body
# that did not hold the event.
_NOT_SUBJECT_CLAUSE = re.compile(r"^\s*" + one_of("reference_clause", "zh"))


def _subject_stands_for(subj: str, text: str, at: int, ctx: DocContext) -> str | None:
    """The body a verb clause's subject that names none stands for: no subject at all (…,成功举办了…) goes on
    with the body opening an earlier clause of the sentence; a bare 公司 is the writer's own company, by the name
    the page gives it in full (C11). None otherwise."""
    if not subj:
        return _earlier_clause_body(text, at)
    return _own_company(ctx) if re.fullmatch(r"(?:本|我)?公司", subj) else None


# A body opening a clause, after the day it is told on (9月27日,某公司迎来了…; 昨天上午,市质监局紧贴民生).
_CLAUSE_BODY = re.compile(
    r"\s*(?P<o>[\u4e00-\u9fff()（）]{1,28}?" + _BODY_WORD + r")(?![\u4e00-\u9fff]{0,3}?" + _BODY_WORD + ")"
)


def _earlier_clause_body(text: str, end: int) -> str | None:
    """The body opening the last clause before ``end`` that opens with one: the subject a later verb clause
    with none of its own goes on with (某公司迎来了…,以…为主题,成功举办了…). None when a clause in between
    names a reference or a purpose only, or none opens with a body."""
    found = None
    for s, e in split_clauses(text):
        if e > end:
            break
        m = _CLAUSE_BODY.match(text[s:e])
        if m and not _NOT_SUBJECT_CLAUSE.match(text[s:e]) and _names_a_body(m.group("o")):
            found = m.group("o")
    return found


def _opening_body(text: str) -> str | None:
    """The body opening a clause of ``text`` at or before the clause of its first holding verb
    (举行, 举办, 召开, 开展, 组织), or None."""
    for s, e in split_clauses(text):
        clause = text[s:e]
        if _NOT_SUBJECT_CLAUSE.match(clause):
            continue
        m = _OPENING_BODY.match(clause)
        if (
            m
            and not re.search(
                r"仪式|大会|活动|会议|在|为|以|的|组织|开展|举办|举行|召开|走进|参加|前往|深入", m.group("o")
            )
            and _names_a_body(m.group("o"))
            # the verb follows, here or in the dated clause the sentence was cut before (…工作,|于9月20日组织…)
            and (_OPENED_VERB.search(text, s + m.end()) or text.rstrip().endswith((",", ";")))
        ):
            return m.group("o")
        if _OPENED_VERB.search(clause):
            return None
    return None


# A company named in full (广东某某连杆有限公司, 某某科技股份有限公司, 某某集团有限公司).
_COMPANY_IN_FULL = re.compile(r"[\u4e00-\u9fff]{2,20}?(?:有限责任公司|股份有限公司|有限公司)")


def _own_company(ctx: DocContext | None) -> str | None:
    """The company a page written by a company names as itself: the first company named in full in its headline
    or its first lines (the site's name over the story), or None."""
    for p in ([ctx.title] if ctx is not None and ctx.title is not None else []) + (
        list(ctx.paragraphs[:3]) if ctx is not None else []
    ):
        m = _COMPANY_IN_FULL.search(p.text)
        if m:
            return m.group(0)
    return None


def _names_a_body(subj: str) -> bool:
    # 某市首期质量官培训班(举行结业典礼): a subject naming an activity is the event, unless a body's
    # ending closes it (质量竞赛委员会召开会议).
    if rules.classify_type(subj) and not re.search(ORG_SUFFIX + "$", subj):
        return False
    return not re.search(
        "^" + _ADVERB + "$|"
        r"^[一二三四五六七八九十]是|[地得]$|对外$|书记|局长|主任|市长|区长|县长|省长|记者|新华社|中新社"
        r"|^(?:公司|集团|本公司)$",
        subj,
    )


# 2018年义乌市“质量月”活动启动仪式, 崇明区2023年质量和标准化大会: a place at the head of the event's
# name is the government that holds it.
_PLACE_HEADED_EVENT = re.compile(r"^(?:\d{4}\s*年度?)?\s*[“\"]?(?:质量|安全|首席|标准|品牌|全国|第)")
_OUR_PLACE = {
    "我市": "city",
    "本市": "city",
    "全市": "city",
    "我区": "district",
    "本区": "district",
    "我县": "district",
    "本县": "district",
    "我省": "province",
    "本省": "province",
}


def _place_organizer(text: str, region: Match | None, gazetteer: Gazetteer, ctx: DocContext) -> str | None:
    """The place whose name heads the event's name (…的义乌市2018年“质量月”启动仪式), or None. A place
    written after the one it lies in (2023年池州市贵池区“质量月”…, 湖北省来凤县质量月活动) is the inner one."""
    heads: dict[int, str] = {}  # the end of a place that may head the name -> its adcode
    for m in gazetteer.find_all(text, within=ctx.within):
        before = text[max(0, m.start - 5) : m.start]
        parent = heads.get(m.start)
        if not (
            re.search(r"(?:^|[,;:的年])\s*(?:\d{4}\s*年度?)?\s*$", before)
            or m.start == 0
            or (parent is not None and parent in _ancestors(m.resolution.region.adcode, gazetteer))
        ):
            continue
        heads[m.end] = m.resolution.region.adcode
        if not re.search(r"(?:省|市|区|县|州|旗)$", m.surface):
            continue
        if _PLACE_HEADED_EVENT.match(text[m.end : m.end + 12]):
            return m.surface
    return None


def _ancestors(adcode: str, gazetteer: Gazetteer) -> set[str]:
    """The adcodes of the province and city a region lies in (not its own)."""
    return {r.adcode for r in gazetteer.lineage(adcode)[:2] if r is not None and r.adcode != adcode}


def _our_place(org: str | None, region: Match | None, gazetteer: Gazetteer) -> str | None:
    """我市 / 本区 …: the region of the report at that level, by name; 我省17个部门 is that
    province's 17 departments."""
    head = (org or "")[:2]
    level = _OUR_PLACE.get(head)
    if level is None:
        return org
    if region is None:
        return None if org == head else org
    prov, city, dist = gazetteer.lineage(region.resolution.region.adcode)
    r = {"province": prov, "city": city, "district": dist}[level]
    if r is None:
        return None if org == head else org
    return r.name_zh + org[2:]


def _theme(text: str) -> str | None:
    for pat in rules.THEME_RES:
        m = pat.search(text)
        if m:
            return m.group("t").strip()
    return None


def _title(sentence: str) -> str | None:
    """The activity's name: the noun phrase the event verb introduces, or the subject of 在…举行."""
    t = re.sub(r"^\s*\d{1,2}\s*月\s*\d{1,2}\s*日(?:上午|下午|晚上)?\s*,?", "", sentence)
    for s, e in split_clauses(t):
        clause = t[s:e]
        m = re.search(
            r"^(?P<subj>.{4,60}?)(?:在[^,。]{1,30}?)?(?:隆重|正式|顺利)?(?:举行|召开|开幕|启动)$", clause.strip("。 ")
        )
        if m and re.search(r"仪式|会|活动|论坛|典礼", m.group("subj")):
            return m.group("subj").strip()
        m = re.search(
            r"(?:举办了?|召开了?|举行了?|开展了?)(?P<obj>[^,。]{4,60}?(?:仪式|会议|大会|会|活动|论坛|沙龙|培训班?|讲座|竞赛|大赛|开放日))",
            clause,
        )
        if m:
            return m.group("obj").strip()
    m = _first_match(_EN_TITLES, sentence)
    return m.group("o").strip() if m else None


# An English activity's name: what was held ("held a quality forum on …"), or the subject of
# "… ceremony was held".
_EN_TITLES = (
    re.compile(
        r"\b" + one_of("held", "en_titled") + r"\s+(?:a|an|the|its)\s+(?P<o>[^,.;]{4,80}?)"
        r"(?=\s+(?:on|in|at|for|with)\b|[,.;]|$)"
    ),
    re.compile(
        r"(?:the\s+)?(?P<o>[^,.;]{4,80}?" + one_of("gathering", "en_was_held") + r")\s+was\s+(?:\w+\s+)?held",
        re.IGNORECASE,
    ),
)


def _mode(text: str) -> str:
    text = rules.MEDIA_CREDIT.sub("", text)
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
class Draft:
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
    organizer_type: str = "unknown"
    planned: bool = False  # told as a plan (其中,重点召开… after 将…): its mode is not known yet


def event_region(
    event: Sentence, section: Section, ctx: DocContext, gazetteer: Gazetteer, fallback: Match | None
) -> Match | None:
    """Where the event was: a district heading (宝山:), else the sentence, its paragraph, the
    heading, the title, then the intro's place; a wider place never moves it out of the intro's."""
    heading_res = gazetteer.resolve(section.heading, within=ctx.within) if section.heading else None
    if heading_res is not None:
        # 北京:… / 内蒙古:… over a round-up's item: the item's sentence may name a place inside the
        # heading's (…启动仪式在顺义区举行, 在包头市启动): the deeper place is where the event was.
        inner = pick_region(regions_in(event.text, ctx, gazetteer))
        if inner is not None and heading_res.region.adcode in ancestor_codes(gazetteer, inner.resolution.region.adcode):
            return inner
        return Match(0, len(section.heading), section.heading, heading_res)
    # 省政府新闻办召开… / 自治区政府组织召开…: the report's province holds it (places.province_holds)
    region = province_holds(event.text, ctx, gazetteer) if ctx.lang == "zh" else None
    for candidate in (
        event.text,
        event.para.text,
        section.heading or "",
        ctx.title.text if ctx.title and section.kind == "body" else "",
    ):
        if region:
            break
        region = pick_region(regions_in(candidate, ctx, gazetteer)) if candidate else None
        if region is not None and ctx.lang == "zh":
            # 山西省首届…培训 / 山西省某站等单位参加 in a report of a city of Shanxi: the city
            region = city_under_province(region, candidate, event.para.text[: event.end], ctx, gazetteer) or region
        if region is not None and candidate not in (event.text, ctx.title.text if ctx.title else None):
            # 召开了全省…观摩会 / 全省制作展板… placed by a city or county its paragraph names for another
            # reason (哈尔滨等7个市出台了…): the sentence makes it the whole province's, so that city's province
            region = _province_wide(event.text, region, ctx, gazetteer) or region
    if region is None:
        region = fallback or own_unit(event.text, ctx) or ctx.notice_place  # a notice's 地点: line
    elif (
        fallback is not None
        and region.resolution.region.adcode != fallback.resolution.region.adcode
        and region.resolution.region.adcode in ancestor_codes(gazetteer, fallback.resolution.region.adcode)
        and not holds_the_event(event.text, region)
    ):
        # 广东省 in a section of a report about 蓬江区: the wider place does not move the event.
        region = fallback
    if region is not None and region.resolution.region.level == "city" and ctx.lang == "zh":
        # 由县政府办…主持 in a report the text places at its city only: the county the document names
        region = (
            district_bureau(region, section.paragraphs, ctx, gazetteer)
            or own_county(event.text, region, ctx, gazetteer)
            or region
        )
    if region is None and names_only_subsidiaries(event.para.text, gazetteer):
        # X集团…举行启动仪式,X广西公司同步启动: the paragraph names no venue, so the event is
        # where the bulletin is from.
        region = ctx.scope
    if region is None:
        # 由县市场监督管理局主办 and no place written: the county the page's filing code names
        region = own_county(event.text, None, ctx, gazetteer)
    return region


# 全省 as the scope of what the sentence tells (召开了全省…会, 全省制作展板…, 组织全省…企业召开…), not a
# province's body or person (全省质量工作先进单位 is an honour's name, but the event it is told at is the
# province's too).
_PROVINCE_WIDE = re.compile(r"全省(?!份)")
# …启动仪式在徐州举行: the sentence says where, whatever place words it is read with.
_HELD_AT = re.compile(r"(?:在|于)[^,。;]{1,20}?(?:举行|召开|举办|开幕|启动)")


def _province_wide(text: str, borrowed: Match, ctx: DocContext, gazetteer: Gazetteer) -> Match | None:
    """The province of ``borrowed`` (a place the event's sentence does not name itself, taken from its
    paragraph or heading) when the sentence tells a province-wide event (全省…) and neither names a place
    of its own nor says where it was held (在…举行); None otherwise, and None when ``borrowed`` is the place
    the report declares its own (its title's or date line's: 宜昌市举办… over 市计量院举办全省首个开放日活动)
    or the sentence's body is the report's own by its level alone (市市场监管局…根据全省统一部署)."""
    region = borrowed.resolution.region
    if (
        region.level == "province"
        or not _PROVINCE_WIDE.search(text)
        or _HELD_AT.search(text)
        or not region.province_adcode
        or (ctx.scope_declared and ctx.scope is not None and ctx.scope.resolution.region.adcode == region.adcode)
        or own_unit(text, ctx) is not None
    ):
        return None
    province = gazetteer.get(region.province_adcode)
    if province is None:
        return None
    return Match(
        borrowed.start, borrowed.end, borrowed.surface, Resolution(province, borrowed.surface, False, province.name_zh)
    )


def event_date(
    text: str, section: Section, ctx: DocContext, fallback: tuple[date, str] | None, year_hint: int | None
) -> tuple[date | None, date | None, str | None]:
    """(start, end, precision): the sentence's event date, else the intro's, else the report's year."""
    mentions = find_dates(text)
    mention = event_mention(mentions, text)
    if mention is not None and mention.relative == "recent" and ctx.notice_date is not None:
        mention = None  # 定于近期召开… / 时间:2022年9月23日: the notice's 时间: line says when
        mentions = []
    start, end, precision = resolve_date(mention, text, ctx, year_hint)
    fallback = fallback or ctx.notice_date  # a notice's 时间: line dates its one event
    if start is None and not mentions:
        if fallback is not None:
            return fallback[0], None, fallback[1]
        written = years_written(text, ctx.lang)
        if written:
            # 关于发布2025年上海市质量管理小组活动成果的通知: the year its own sentence writes
            return date(written[0], 1, 1), None, "year"
        # a page's own date says the year of an event it reports with no date of its own
        year = ctx.context_year or ctx.ordinal_year or (ctx.dateline.year if ctx.dateline else None)
        if year and (ctx.lang == "en" or section.kind in ("body", "item")):
            return date(year, 1, 1), None, "year"
    return start, end, precision


# What a meeting turns out to have been, told by what it did (in the event's sentence or the
# sentences that go on telling it), first match wins:
# - launch: it presents the campaign's own plan (宣读了《2024年质量月活动方案》, announced the Safety
#   Production Month Activity Plan) or rallies for it (动员大会, 动员讲话, mobilization); LABELS lists
#   kickoff and mobilization meetings as launches. 部署 alone (部署下半年工作) is no launch.
# - award: prizes handed out (会上为获得区长质量奖的5家企业颁奖, 向获奖企业颁发奖牌) or the reporter's
#   own honour told in the passive (公司两个QC小组在会上受到表彰, eight companies were commended); a
#   commendation read out (会议对…进行了表彰) is not.
_MEETING_TURNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "launch_ceremony",
        re.compile(
            one_of("announced", "zh") + "了?[^,。;]{0,24}?(?:月|月”|月》)活动(?:实施)?方案"
            r"|动员(?:大会|会|讲话|部署)|\bmobili[sz]ation\b"
            r"|\b" + one_of("announced", "en") + r"\b[^.;]{0,80}?\bmonth\W{0,3}\s+activity\s+plan\b",
            re.IGNORECASE,
        ),
    ),
    (
        "award_commendation",
        re.compile(
            r"(?:为|向)[^,。;]{0,40}?(?:颁奖|颁发[^,。;]{0,10}?奖)|"
            + rules.HONOURED
            # the meeting only the setting of the honour its subject received (在某日召开的某推进会上,某集团被授予…荣誉;
            # 在北京召开的某大会上,某公司荣获…奖): the honour is what the report tells
            + r"|^(?:[^,。;]{0,16}?,)?[^,。;]{0,16}?在[^,。;]{0,40}?(?:召开|举行|举办)的[^,。;]{2,40}?上\s*,\s*[^,。;]{2,40}?"
            + one_of("honoured", "zh")
            + "[^。;]{0,60}?"
            + one_of("honoured", "zh_what"),
            re.IGNORECASE,
        ),
    ),
)

# The sentences that go on telling the event: the rest of its paragraph, and following paragraphs
# that open by referring back to it (会议首先…, 本次会议共表彰…, 这是一次…, The meeting…) or hold
# no event of their own (公司总经理宣读了活动方案).
_THE_GATHERING = "the " + one_of("refers_back", "en_gathering")
_BACK_REFERENCE = re.compile(
    r"^\s*(?:"
    + words("refers_back", "zh")
    + "|"
    + _THE_GATHERING
    + "|at "
    + _THE_GATHERING
    + "|during "
    + _THE_GATHERING
    + ")",
    re.IGNORECASE,
)
# What the event was, named in a sentence of its own (这是一次面向中小企业的质量管理培训; The event was a …).
_TYPE_NAMED_AFTER = re.compile(
    r"(?:这是|此次活动是|本次活动是|该活动是|这次活动是)(?P<zh>[^。;!?]{1,40})|\bthe (?:event|activity) was (?P<en>[^.;]{1,60})",
    re.IGNORECASE,
)


# Only a paragraph with a digit, 日/号 or an English month can name a day: the date parser is skipped otherwise.
_DAY_HINT = re.compile(r"\d|日|号|\b" + one_of("month", "en_short") + r"[a-z]*\b", re.IGNORECASE)


def _told_after(event: Sentence, section: Section) -> str:
    """The rest of the event's paragraph and the (at most three) following undated paragraphs that
    refer back to it or open no event of their own."""
    parts = [event.para.text[event.end :]]
    paras = section.paragraphs
    if event.para in paras:
        for p in paras[paras.index(event.para) + 1 : paras.index(event.para) + 4]:
            if (_DAY_HINT.search(p.text) and any(m.day for m in find_dates(p.text))) or not (
                _BACK_REFERENCE.match(p.text) or not rules.EVENT_VERB_RE.search(p.text)
            ):
                break
            parts.append(p.text)
    return " ".join(parts)


# 召开…会议,组建讲师团,并举行聘任仪式: a ceremony held at a meeting is what the meeting reports.
_CEREMONY_AT_MEETING = re.compile(r"(?:并|还|同时|会上|会议期间|现场)(?:举行|举办)了?(?P<c>[^,。;]{0,20}?仪式)")


# A body launching a programme of its own (启动了“质量强市 某市快走”全民健走活动, launched its Shanghai brand building
# campaign), not the campaign or observance itself and with no ceremony told: the programme for the public, not a launch.
_LAUNCHED_PROGRAMME = re.compile(
    r"启动了(?P<zh>[^,。;]{2,40}?(?:活动|行动))(?=[,。;]|$)"
    r"|\blaunched\s+(?:its|a|an|the)\s+(?P<en>[^,.;]{2,60}?\b(?:campaign|drive|programme|program))\b",
    re.IGNORECASE,
)
_CEREMONY_TOLD = re.compile(r"仪式|启动会|大会|动员会|\b(?:ceremony|meeting|kick-?off|conference)\b", re.IGNORECASE)


def _launches_a_programme(text: str) -> bool:
    m = _LAUNCHED_PROGRAMME.search(text)
    if m is None or _CEREMONY_TOLD.search(text):
        return False
    obj = m.group("zh") or m.group("en")
    return not rules.find_campaign(obj) and not re.search(r"计量日|标准日|品牌日|metrology|standards? day", obj, re.I)


# A headline naming two events (论坛和培训, a forum and a training) types neither of them.
_HEADLINE_AND = re.compile(r"\band\b|和|与|及|、", re.IGNORECASE)


def event_type(text: str, section: Section, ctx: DocContext, after: str = "", headline: bool = True) -> str:
    """The event clause's type; a broad result gives way to a specific headline.

    ``after`` is what goes on telling the event (`_told_after`): prizes handed out there
    (会上,县领导为…颁奖) were handed out at the meeting; 这是一次…培训 names what it was; a 宣传咨询 day
    that gave free tests there was a service (`activity_types.delivered_service`, C4)."""
    code = _named_type(text, section, ctx, after, headline)
    names = " ".join((text, section.heading_rest or "", ctx.title.text if ctx.title and headline else ""))
    return activity_types.delivered_service(code, names, text + " " + after)


def _named_type(text: str, section: Section, ctx: DocContext, after: str, headline: bool) -> str:
    code = classify_sentence(text)
    if code == "other":
        named = _TYPE_NAMED_AFTER.search(after)
        code = (rules.classify_type(named.group("zh") or named.group("en")) if named else None) or code
    if code == "forum_conference":
        turned = next((t for t, cue in _MEETING_TURNS if cue.search(text) or cue.search(after)), None)
        if turned:
            return turned
    inner = _CEREMONY_AT_MEETING.search(text) if code == "forum_conference" else None
    if inner and rules.classify_type(inner.group("c")) not in (None, "forum_conference"):
        return rules.classify_type(inner.group("c"))
    if code == "launch_ceremony" and _launches_a_programme(text):
        return "publicity"
    if code in ("other", "forum_conference") and headline:
        for extra in (section.heading_rest, ctx.title.text if ctx.title and section.kind == "body" else None):
            t = rules.classify_type(extra or "")
            named = {rules.classify_type(part) for part in _HEADLINE_AND.split(extra or "")} - {None}
            if t and (t not in ("forum_conference", "publicity") or code == "other") and len(named) <= 1:
                return t  # a broad headline (…宣传活动) still says more than a sentence naming no type
    return code


def _event_campaign(text: str, event: Sentence, section: Section, ctx: DocContext) -> str:
    section_text = " ".join(p.text for p in section.paragraphs)
    camp = (
        rules.find_campaign(text)
        or rules.find_campaign(event.para.text)
        or rules.find_campaign(section.heading_rest or "")
        or (rules.find_campaign(ctx.title.text) if ctx.title else None)
        or rules.find_campaign(section_text)
    )
    if camp is None and section.kind != "body":
        camp = rules.find_campaign(" ".join(p.text for p in ctx.paragraphs[:4]))
    return camp[0] if camp else "other"


def _campaign_year(draft: Draft, ctx: DocContext) -> int | None:
    if draft.campaign == "quality_month" and ctx.ordinal_year:
        return ctx.ordinal_year
    if draft.start is not None:
        return draft.start.year
    return ctx.context_year if draft.campaign != "other" else None


# 2018年某协会“质量月”活动启动仪式…: a body heading the event's name; also with a unit of it named after it
# (某协会机械大组“…”参观交流活动在某厂举行) or with the name's own activity word next (市质量协会年会暨…召开).
_BODY_HEADED_EVENT = re.compile(
    r"^(?:[^,。]{0,14}?日(?:上午|下午|晚上)?\s*,\s*)?(?:\d{4}\s*年度?)?\s*(?P<o>[\u4e00-\u9fff]{2,20}?"
    + one_of("body_suffix", "zh_headed")
    + r"(?:[\u4e00-\u9fff]{1,4}?(?:分会|大组|专委会))?)"
    r"(?:(?:\d{4}\s*年度?)?\s*[“\"]?(?:质量|安全|第|全国)|(?P<named>[^,。;在]{2,30}?)(?:在|召开|举行|举办))"
)


def _body_heading_event(text: str) -> str | None:
    """The body at the head of the event's name (`_BODY_HEADED_EVENT`); when only a name follows it,
    that name must name an activity (年会, 参观交流活动), and a system of bodies (全国质协系统工作会议) is
    not one body holding it."""
    m = _BODY_HEADED_EVENT.match(text)
    if m is None or (m.group("named") and (m.group("o").endswith("系统") or not rules.classify_type(m.group("named")))):
        return None
    return m.group("o")


# …通气会在市质监局召开 / 启动仪式在市市场监管局举行: held at the report's own bureau (市/区/县 + its
# name), which hosts it when the sentence names no other body.
# The bureau may be named with its place (在上海市市场监督管理局举行) or bare (在市场监管局拉开帷幕), and the event
# may start there as well as be held.
_AT_OWN_BUREAU = re.compile(
    r"在(?P<o>(?:[\u4e00-\u9fff]{0,8}?[省市区县])?(?:市场监督管理局|市场监管局|质监局|质量技术监督局|质量强[省市区县]办公室))"
    r"(?:隆重|正式)?(?:召开|举行|举办|拉开帷幕|拉开序幕|启动)"
)


def _event_organizer(
    text: str, section: Section, ctx: DocContext, gazetteer: Gazetteer, region: Match | None
) -> tuple[str | None, bool]:
    """(organiser, whether it is only the place heading the event's name: 岳阳市2021年“质量月”…启动仪式)."""
    org = _our_place(find_organizer(text, ctx, section.heading), region, gazetteer)
    at_own = _AT_OWN_BUREAU.search(text)
    if at_own and (org is None or gazetteer.resolve(org, ctx.within)):
        return at_own.group("o"), False
    if org is None:
        # a body at the head of the event's name holds it
        org = _body_heading_event(text)
    if org is None:
        org = _place_organizer(text, region, gazetteer, ctx) or (
            _place_organizer(ctx.title.text, region, gazetteer, ctx) if ctx.title and section.kind == "body" else None
        )
        return org, org is not None
    return org, False


# The body acting at the event, told after it (活动现场,浙江省市场监管局推出…; 同时,苏浙皖赣沪
# 市场监管局还共同发布…): it holds the event when the event's sentence names no body, or names
# only its place (浙江省 gives way to 浙江省市场监管局).
# The setting may name the event in full (在河南省2019年“质量月”活动启动仪式上,某局宣布…); what the
# body does there may be to report results (在活动现场,某办公室通报了…评选结果).
_ACTING_BODY = re.compile(
    r"(?:^|[,;])\s*(?:在[^,。;]{1,40}?(?:仪式|会议|大会|会|活动)上|[^,。]{0,8}?(?:现场|仪式上|会上|活动上|大会上|同时|期间))"
    r"\s*,?\s*(?P<o>[^,。;“”]{2,25}?" + ORG_SUFFIX + r")(?:还|也)?(?:共同|联合)?" + one_of("released", "zh")
)


# 活动由区市场监管局和某中心牵头 / 本次会议由某协会主办: who holds the event, told after it.
_HELD_BY = re.compile(
    "^(?:本次|此次|这次|该)?" + one_of("gathering", "zh_held_by") + r"由[\s、]*(?P<o>[^,。;]{2,40}?" + ORG_SUFFIX + r")"
    "(?:共同|联合)?" + one_of("held", "zh_by")
)


# …,由省市场监管局联合省委宣传部等部门共同举办: a later clause naming who holds the event.
_HELD_BY_CLAUSE = re.compile(
    r"(?:^|[,;])\s*(?:[^,。;]{0,12}?(?:活动|会议|仪式|大会|论坛|培训))?由[\s、]*(?P<o>"
    + _NAME_CHAR
    + r"{2,25}?"
    + ORG_SUFFIX
    + r")"
    r"(?:(?:[、和与及]|联合|会同|携手)[^,。;]{0,50}?)?(?:共同|联合)?" + one_of("held", "zh_by")
)
# 据介绍,本次活动由X主办 / 本次培训班为期1天,由X主办 / 此次大会由X和Y联合举办 / 观摩会由X主办 (a
# sentence opening with the event's noun): "this" event's holder.
_HELD_BY_THIS = re.compile(
    "(?:(?:本次|此次|这次)[^,。;]{0,10}?|^\\s*)"
    + one_of("gathering", "zh_held_by_this")
    + r"(?:[^,。;由]{0,12},)?\s*由[\s、]*(?P<o>"
    + _NAME_CHAR
    + r"{2,25}?"
    + ORG_SUFFIX
    + r")(?:(?:[、和与及]|联合|会同|携手)[^,。;]{0,60}?)?(?:共同|联合)?"
    + one_of("held", "zh_by_this")
    + ""
)
# What a body of the event's place does later in the report (浙江省市场监管局推出…; 某省市场监管局将联合…开展).
_PLACE_BODY_ACTS = (
    r"[^,。;“”]{0,20}?" + ORG_SUFFIX + r")(?:将|还|也|正式|同时)?" + one_of("after_subject", "zh_place_body")
)
# 省市场监管局一级巡视员某某主持启动仪式 / 会议由集团公司执行总裁某某主持: the body of the one who presides.
_PRESIDED_BY = re.compile(
    r"(?:^|[,;])\s*(?:[^,。;]{0,12}?由)?(?P<o>[^,。;、“”]{1,20}?" + one_of("body_suffix", "zh_head") + ")"
    r"(?:(?:党组|党委)?(?:[^,。;、“”]{0,6}?" + one_of("official", "zh") + ")"
    r"[\u4e00-\u9fff·]{1,4}|(?:党组|党委)?)主持"
)
# 省市场监管局党组成员、副局长某某出席仪式并宣布活动正式启动 / 某局局长某某同志代表主办方致辞: the body of the
# official who declares the event open, or who speaks for its host, holds it.
_HOST_OFFICIAL = re.compile(
    r"(?:^|[,;])\s*(?P<o>[^,。;、“”]{1,20}?" + one_of("body_suffix", "zh_head") + ")"
    r"(?:党组|党委)?[^,。;“”]{0,8}?"
    + one_of("official", "zh")
    + r"[\u4e00-\u9fff·]{1,4}?(?:同志)?(?:出席[^,。;]{0,10}?并)?(?:宣布[^,。;]{0,12}?启动|代表主办方)"
)
# 某协会党委书记、会长某某在会议讲话中表示 / 某局副局长某某主持开班仪式并讲话: a body's head addressing the event.
_HOST_SPEAKS = re.compile(
    r"(?:^|[,;])\s*(?P<o>[^,。;、“”]{1,20}?" + one_of("body_suffix", "zh_head_speaks") + ")"
    r"(?:党组|党委)?[^,。;“”]{0,8}?"
    + one_of("official", "zh_speaks")
    + r"[\u4e00-\u9fff·]{1,4}?(?:同志)?[^,。;]{0,8}?(?:讲话|致辞)"
)
_LEVEL_SHORT = {"province": "省", "city": "市"}
# How many paragraphs after the event's own a body of its place may be named.
_PLACE_BODY_PARAS = 3


_NEXT_SUBJECT_BODY = re.compile(
    r"^(?P<o>[\u4e00-\u9fff]{2,20}?" + ORG_SUFFIX + r")(?![\u4e00-\u9fff]{0,2}(?:长|书记|主任|领导))"
    r"[^。;]{0,40}?(?:组织|举办|承办|主办|开展)了"
)


def _acting_body(
    org: str | None, event: Sentence, section_sents: list[Sentence], gazetteer: Gazetteer, ctx: DocContext
) -> str | None:
    if org is not None and not gazetteer.resolve(org, ctx.within):
        return org
    near = [s for s in section_sents if s.para is event.para and s.start > event.start] + [
        s for s in section_sents if s.para.index == event.para.index + 1
    ]
    for s in near:
        m = _HELD_BY.match(s.text.strip()) or _HELD_BY_CLAUSE.search(s.text.strip())
        if m:
            return m.group("o")  # 活动由X牵头: stated outright, it beats a place
    # 据了解,本次活动由X、Y共同主办 / 本次培训班为期1天,由X主办: who holds "this" event, told
    # anywhere further on in the report
    for s in section_sents:
        m = (s.para.index > event.para.index or s.start > event.start) and _HELD_BY_THIS.search(s.text)
        if m:
            return m.group("o")
    for s in [event, *near]:
        m = _PRESIDED_BY.search(s.text.strip()) or _HOST_OFFICIAL.search(s.text.strip())
        if m and _names_a_body(m.group("o")):
            return m.group("o")  # the body of the one who presides (or declares it open) holds the event
        m = _ACTING_BODY.search(s.text.strip())
        if m and (org is None or (m.group("o").startswith(org) and m.group("o") != org)):
            return m.group("o")
    # …活动在广场举行。市质监局充分发挥…,组织了现场活动: the body opening the next sentence, that
    # organised what was held, holds it.
    nxt = near[0].text.strip() if near and near[0].para is event.para else ""
    m = _NEXT_SUBJECT_BODY.match(nxt)
    if org is None and m and _names_a_body(m.group("o")):
        return m.group("o")
    if org is None:
        return _speaking_body(event, section_sents)
    return _place_body_later(org, event, section_sents, gazetteer, ctx)


def _later_sents(event: Sentence, section_sents: list[Sentence]) -> list[Sentence]:
    """The sentences after the event's in its paragraph and those of the next `_PLACE_BODY_PARAS` paragraphs."""
    return [
        s
        for s in section_sents
        if event.para.index < s.para.index <= event.para.index + _PLACE_BODY_PARAS
        or (s.para is event.para and s.start > event.start)
    ]


def _speaking_body(event: Sentence, section_sents: list[Sentence]) -> str | None:
    """中国质量协会会长某某在会上发表讲话: no body or place named by the event, the body whose head addresses
    it (in the event's paragraph or the next three) holds it."""
    for s in [event, *_later_sents(event, section_sents)]:
        m = _HOST_SPEAKS.search(s.text.strip())
        if m and _names_a_body(m.group("o")):
            return m.group("o").strip()
    return None


def _place_body_later(
    org: str, event: Sentence, section_sents: list[Sentence], gazetteer: Gazetteer, ctx: DocContext
) -> str:
    """浙江省 held it by the headline; 浙江省市场监管局 acts a few paragraphs on (推出…, 将联合…开展) or its
    official declares the event open: the place's own body, named in full or by its level's short form
    (省市场监管局 of a province's report), holds its event."""
    place = gazetteer.resolve(org, ctx.within)
    short = _LEVEL_SHORT.get(place.region.level, "") if place is not None else ""
    # (not the 市 of 市场: 国家市场监督管理总局 is no body of the city)
    names = re.escape(org) + (f"|{short}(?!场)(?=[^,。;“”]{{0,8}}?(?:局|委|办|厅))" if short else "")
    acts = re.compile(r"(?:^|[,;])\s*[^,。;]{0,14}?(?P<o>(?:" + names + ")" + _PLACE_BODY_ACTS)
    own = re.compile(r"\s*[^,。;]{0,14}?(?:" + names + ")")
    for s in _later_sents(event, section_sents):
        m = acts.search(s.text.strip())
        if m and _names_a_body(m.group("o")):
            return m.group("o")
        # 省市场监管局副局长某某出席仪式并宣布活动正式启动: the place's body declares its event open
        m = _HOST_OFFICIAL.search(s.text.strip())
        if m and own.match(m.group("o")) and _names_a_body(m.group("o")):
            return m.group("o").strip()
    return org


# The place's body named in full: 湖南省质监局, 苏州市市场监督管理局, 某省质量强省领导小组办公室.
_PLACE_BODY_END = r"[\u4e00-\u9fff]{1,14}?(?:领导小组办公室|领导小组|办公室|委员会|局)"
_NOT_IN_NAME = re.compile(words("not_in_a_name", "zh"))


def _body_of_place(org: str | None, gazetteer: Gazetteer, ctx: DocContext) -> str | None:
    """An organiser that is only the place heading the event's name (湖南省2017年“质量月”活动启动仪式,
    2023年苏州市首席质量官培训班) gives way to the body the report names for it: the report's credit
    for its event (本次活动由…主办), else the first body named in full after that place (湖南省质监局局长…,
    与苏州市市场监督管理局合作). Unchanged when the report names none, or when the place itself acts
    (徐汇区召开质量工作会议: the district's government holds it, not called here)."""
    place = gazetteer.resolve(org, ctx.within) if org else None
    if place is None or place.region.name_zh not in org + place.region.name_zh[len(org) :]:
        return org
    # not the headline nor a source line (来源:武侯区市场监管局 names who posted the page)
    texts = [p.text for p in ctx.paragraphs if p is not ctx.title and p.index not in ctx.dateline_paras]
    for t in texts:
        m = _HELD_BY_THIS.search(t)
        if m and _names_a_body(m.group("o")):
            return m.group("o")
    names = {org, place.region.name_zh}
    body = re.compile(
        "(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + ")" + _PLACE_BODY_END
    )
    for t in texts:
        m = body.search(t)
        if (
            m
            and _names_a_body(m.group(0))
            and not rules.classify_type(m.group(0))
            and not _NOT_IN_NAME.search(m.group(0))
        ):
            return m.group(0)
    return org


# What names a place's own campaign event (C8): a campaign, an observance, a launch.
_CAMPAIGN_NAME = re.compile(
    "|".join(p.pattern for _, p in rules.CAMPAIGN_PATTERNS) + r"|计量日|标准日|品牌日|权益日|知识产权日|启动|开幕",
    re.IGNORECASE,
)
# A conference's or a course's name (大会, 推进会, 论坛, 培训班).
_GATHERING_NAME = re.compile(r"会议?$|大会|论坛|峰会|培训|班$|研讨|座谈")


def _place_heads_a_gathering(text: str, org: str | None, ctx: DocContext) -> bool:
    """C8: the place heading the name of an event that is not its own campaign event (2020年某省质量发展大会在某市召开,
    某省质量提升行动工作推进会, 某市首期质量官培训班), where the report never makes the place hold anything (某区召开…,
    某区自2021年启动…): no organiser is named. The place's own campaign event (某市2018年“质量月”活动启动仪式, 某区
    “世界计量日”宣传活动) is the place's."""
    at = text.find(org) if org else -1
    if at < 0:
        return False
    name = re.split(r"[,。;]|在|召开|举行|举办", text[at + len(org) : at + len(org) + 40], maxsplit=1)[0]
    if not _GATHERING_NAME.search(name) or _CAMPAIGN_NAME.search(name):
        return False
    holds = re.compile(re.escape(org) + r"[^,。;“”]{0,6}?(?:召开|举办|举行|启动|组织|主办)")
    return not any(holds.search(p.text) for p in ctx.paragraphs)


# 2017年，“3·15”期间…。4月26日…。在9月“质量月”期间…: a yearbook's (chronicle's) paragraph opens with the
# year alone, and the months and days it goes on to tell are of that year, not of the page's date. A news
# paragraph that opens with a past year as background (2022年，我区获评…) and comes back to the present
# (今年, 近日) is not one.
_YEAR_OPENS_PARAGRAPH = re.compile(r"\s*((?:19|20)\d{2})\s*年\s*[,，]")
_BACK_TO_NOW = re.compile(words("now", "zh") + "|" + words("now", "en"), re.IGNORECASE)


def draft_from(
    event: Sentence,
    section_sents: list[Sentence],
    section: Section,
    ctx: DocContext,
    gazetteer: Gazetteer,
    fallback_region: Match | None,
    fallback_date: tuple[date, str] | None,
    year_hint: int | None = None,
    further: bool = False,
) -> Draft:
    """Every field of one candidate event, each resolved with the document's context.

    ``further``: a later event of the section (its own dated sentence); the headline and the
    section heading name the main event, never this one's type."""
    text = event.text
    opening = _YEAR_OPENS_PARAGRAPH.match(event.para.text)
    if (
        opening
        and not _BACK_TO_NOW.search(event.para.text)
        # the entry tells the year's work (2020年，区市场监管局…开展系列宣传), not a standing (2022年，我区获评…)
        and rules.EVENT_VERB_RE.search(re.split(r"[。;!?]", event.para.text, maxsplit=1)[0])
    ):
        year_hint = int(opening.group(1))
    draft = Draft(event, f"paragraph {event.para.index}", event.excerpt())
    draft.region = event_region(event, section, ctx, gazetteer, fallback_region)
    draft.start, draft.end, draft.precision = event_date(text, section, ctx, fallback_date, year_hint)
    told = _told_after(event, section)
    draft.activity_type = event_type(text, section, ctx, told, headline=not further)
    draft.campaign = _event_campaign(text, event, section, ctx)
    draft.campaign_year = _campaign_year(draft, ctx)
    draft.organizer, place_headed = _event_organizer(text, section, ctx, gazetteer, draft.region)
    draft.organizer = _acting_body(draft.organizer, event, section_sents, gazetteer, ctx)
    if place_headed:
        draft.organizer = _body_of_place(draft.organizer, gazetteer, ctx)
        if gazetteer.resolve(draft.organizer or "", ctx.within) and _place_heads_a_gathering(
            text, draft.organizer, ctx
        ):
            # C8: no body named, the place's government holds it, by no name the text gives
            draft.organizer, draft.organizer_type = None, "government"
    draft.theme = (
        _theme(text)
        or _theme(event.para.text)
        or (section.heading_rest.strip() if section.heading_rest and len(section.heading_rest) > 3 else None)
    )
    draft.title = _title(text)
    count, where = find_participants(section_sents, event, draft.activity_type)
    if count is not None:
        draft.count = count
        if where is not None and where is not event:
            draft.count_excerpt = where.excerpt()
    # The sentences after the event's in its paragraph often say how it was held (活动同步在线直播):
    # a stream told there alongside a venue makes the event hybrid.
    after = " ".join(x.text for x in section_sents if x.para is event.para and x.start > event.start)
    draft.mode = _mode(text)
    if draft.mode == "unknown" or (draft.mode == "onsite" and rules.MODE_ONLINE.search(after) and "同步" in after):
        draft.mode = _mode(text + " " + after)
    # …供线上线下学习分享 / 在现场或线上参会, told in what goes on telling the event: both ways at once
    if draft.mode in ("onsite", "unknown") and rules.MODE_HYBRID.search(told):
        draft.mode = "hybrid"
    return draft


# Activities that are gatherings: held somewhere people come to (a ceremony, a meeting, a class, a
# visit). One reported as having taken place, with no word of a screen or a stream, was on site.
_GATHERINGS = frozenset(
    {
        "launch_ceremony",
        "flag_raising",
        "award_commendation",
        "training",
        "forum_conference",
        "open_day",
        "research_visit",
        "appointment",
        "service_consultation",
    }
)
# Publicity and inspection reported as done, with no word of a screen, went out to people and places
# (the corpora: publicity on site 10 of 13, inspection 3 of 4) -- unless told as a drive over a
# period (9月以来…开展宣传, 活动期间陆续…), whose mode is not guessed.
_OUTREACH = frozenset({"publicity", "inspection_supervision"})
_OVER_A_PERIOD = re.compile(words("over_a_period", "zh"))


def profile(draft: Draft, ctx: DocContext, gazetteer: Gazetteer) -> None:
    """Organiser type, industry and mode of a finished draft (every kind of event the same way), and the type of
    one left untyped whose sentence tells publicity done there (向市民宣传…).

    - organiser type: from the organiser's name (局 government, 协会 association, 公司 enterprise), or
      from the name as the report gives it in full elsewhere (山西焦煤 … 山西焦煤集团公司); with no name, a report written by an enterprise about itself (公司组织全员…, we held…) is
      the enterprise's, and an event named after its place (全市/Xianning City “Quality Month”) the
      government's;
    - industry (the sector the activity is for): an enterprise's own sector (its name's word, else
      manufacturing: quality and safety months are run on production sites); an activity run by a
      government, an association or an institution is for every sector ("mixed") unless the
      activity's own name names one;
    - mode: stated (线上/online, 线上线下/hybrid) or, for a gathering reported as held, on site.
    """
    org = draft.organizer
    text = draft.sentence.text if draft.sentence is not None else draft.excerpt
    named = draft.activity_type  # what the event's clause or headline names: the mode is read from it alone
    if named == "other" and rules.classify_type(_type_text(text, verb_clauses=False)[0]) == "publicity":
        # a record kept untyped (no clause with an event verb names its activity, nor does the headline) whose
        # sentence tells what was done there as spreading word (…来到某广场开展“两个安全进社区”活动,向市民宣传…;
        # …开展“普及金融标准”主题活动,宣传标准文化): publicity
        draft.activity_type = "publicity"
    kind = rules.organizer_type(org, is_region=bool(gazetteer.resolve(org, ctx.within))) if org else "unknown"
    if kind == "unknown" and org:
        # a short name the report gives in full elsewhere (山西焦煤 … 山西焦煤集团公司)
        kind = rules.type_named_in_full(org, " ".join(p.text for p in ctx.paragraphs))
    if kind == "unknown" and draft.organizer_type != "unknown":
        kind = draft.organizer_type  # known with no name (C8: a place's conference, `_place_heads_a_gathering`)
    draft.organizer_type = kind if kind != "unknown" else rules.writer_type(text, ctx.title.text if ctx.title else "")
    document = " ".join(p.text for p in ctx.paragraphs)
    draft.industry = rules.industry_of(
        draft.organizer_type, org, draft.title or "", draft.activity_type, text, document
    )
    if (
        draft.mode == "unknown"
        and (named in _GATHERINGS or (named in _OUTREACH and not _OVER_A_PERIOD.search(text)))
        and not draft.planned
        and not rules.FUTURE_RE.search(text)
    ):
        draft.mode = "onsite"
