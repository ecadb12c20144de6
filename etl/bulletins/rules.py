"""Signal words for the bulletin reader, built on domain/taxonomy.py.

Activity types are classified by `domain.activity_types` (the one classifier every source uses);
this module holds the bulletin genre's other signals: campaigns, event verbs, attendance words,
industries, organiser types, modes, themes and venues.
"""

from __future__ import annotations

import re

from domain import activity_types, taxonomy

# The activity-type classifier lives in domain/ (one for every source); re-exported for the reader.
TYPE_PRIORITY = activity_types.TYPE_PRIORITY
TYPE_KEYWORDS = activity_types.TYPE_KEYWORDS
classify_type = activity_types.classify_type

# An activity the taxonomy has no type for (an emergency drill, 应急演练): still an event of its own
# day, typed "other" (LABELS: a fire drill is other).
UNTYPED_ACTIVITY_RE = re.compile(r"演练|演习|\b(?:fire|evacuation|emergency)\s+(?:drill|exercise)s?\b", re.IGNORECASE)


def names_activity(text: str) -> bool:
    """Whether ``text`` names an activity: a typed one, or an untyped one such as a drill."""
    return bool(classify_type(text) or UNTYPED_ACTIVITY_RE.search(text))


CAMPAIGN_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "safety_month",
        re.compile(
            r"安全生产月|安全月|(?:work\s+)?safe(?:ty)?\s+production\s+month|"
            r"(?:work\s+)?safety\s+month|production\s+safety\s+month",
            re.IGNORECASE,
        ),
    ),
    # "month of quality": the same observance's name in another English rendering
    ("quality_month", re.compile(r"质量月|quality\s+month(?!\w)|month\s+of\s+quality(?![\w-])", re.IGNORECASE)),
    (
        "quality_efficiency",
        re.compile(r"提质增效|quality\s+and\s+efficiency|improving\s+quality\s+and\s+efficiency", re.IGNORECASE),
    ),
)


def find_campaign(text: str) -> tuple[str, int] | None:
    """The campaign named first in ``text`` and its position, or None."""
    best: tuple[str, int] | None = None
    for code, pat in CAMPAIGN_PATTERNS:
        m = pat.search(text)
        if m and (best is None or m.start() < best[1]):
            best = (code, m.start())
    return best


ORDINAL_RE = re.compile(
    r"第\s*(?P<zh>\d{1,2}|[一二三四五六七八九十]{1,3})\s*[届个次]\s*(?:全国\s*)?[“\"]?质量月|"
    r"(?P<en>\d{1,2})\s*(?:st|nd|rd|th)\s+[\"“]?(?:national\s+)?quality\s+month",
    re.IGNORECASE,
)

# Verbs that introduce an event (used to find the event clause and the organiser before it).
EVENT_VERBS_ZH = (
    "举行",
    "举办",
    "召开",
    "开展",
    "启动",
    "组织",
    "开幕",
    "揭牌",
    "发布",
    "主办",
    "承办",
    "参加",
    "邀请",
    "走进",
    "前往",
    "进行",
    "拉开",
    "开讲",
    # 在各街镇设点宣传11场, 摆点宣传, 设摊宣传: a stall of publicity set up is an event held
    "设点",
    "摆点",
    "设摊",
    "摆摊",
)
# English past-tense verbs, stated once: a body that held an event (the event verbs, the subject of a
# further event "we also held…") and people who attended one (attendance words, "60 managers attended").
EN_HELD = r"held|hosted|organi[sz]ed|conducted|carried out|staged|launched|ran"
EN_ATTENDED = r"attended|took part|participated|joined|were present|gathered"
# An honour told in the passive (受到表彰, eight companies were commended): it tells that an event was held
# (EVENT_VERB_RE) and makes the meeting an award (fields' type cues). Stated once, for both.
HONOURED_ZH = r"(?:受到|获得|荣获)[^,。;]{0,6}?表彰"
HONOURED_EN = (
    r"(?:were|was)\s+(?:commended|honou?red|awarded|presented with awards?)"
    # six companies received the Mayor's Quality Award: the honour told by those who received it
    r"|(?:received|won|were\s+given)\s+(?:the\s+|a\s+|an\s+)?[^.;,]{0,50}?\bAwards?"
)

_EVENT_VERBS = re.compile(
    "|".join(EVENT_VERBS_ZH) + r"|\b(?:" + EN_HELD + r"|holds|hosts|launches|organi[sz]es|convened|opened|"
    r"kicked off|took place|presided over|conducts?|visited|visits|toured"
    # an outcome that tells the event (eight companies were commended at the conference)
    r"|" + HONOURED_EN + r")\b|" + HONOURED_ZH + r"|被授予|获颁"
    # an appointment told by its outcome (65名…经考试合格后,取得“首席质量官”…证书)
    r"|"
    + activity_types.APPOINTED_OUTCOME
    # a body or a site opening (挂牌成立, 开业): the opening is the event
    + r"|"
    + activity_types.OPENED,
    re.IGNORECASE,
)


class _EventVerbs:
    """A word telling that an event was held: `_EVENT_VERBS`, and in English text also an event told
    by its verb alone (trained 60 operators, checked labels at 42 shops, the Quality Month got under
    way: `activity_types.EN_EVENT_RE`). The earlier match wins; Chinese text is never searched for
    the English-only forms."""

    def search(self, text: str) -> re.Match[str] | None:
        m = _EVENT_VERBS.search(text)
        if activity_types.is_english(text):
            en = activity_types.EN_EVENT_RE.search(text)
            if en is not None and (m is None or en.start() < m.start()):
                return en
        return m


EVENT_VERB_RE = _EventVerbs()
# A plan, not a report: a future marker (将于, 拟于, will, is to be) or a plan verb before an event verb
# (将举办, 拟召开, 计划开展, plans to). One rule for every stage that must not read a plan as held.
FUTURE_RE = re.compile(
    r"将于|将在|将要|即将|拟于|计划于|(?:将|拟|计划|准备|预计)(?:于|在)?[^,。;]{0,12}?(?:举办|举行|召开|开展|组织|启动)"
    r"|\b(?:will|is to(?: be)?|are to|plans? to|to be held)\b",
    re.IGNORECASE,
)

# History told as background, not a report: the origin of a campaign or observance (我国的质量月活动始于1978年;
# 1999年…大会批准将每年5月20日定为“世界计量日” / 确定每年…为; 1985年起,每年10月为…“质量月”; 原国家经委…发出…通知,
# 决定每年9月份…开展质量月活动 — a notice that set it up, not 论坛决定每年举办一次; The "Quality Month" activity
# started in 1978; …issued the Notice…and decided to launch the activity in September every year). One rule for
# every stage that must not read it as an event of the report, nor date an event by its day. Told as a clause of
# the report's own event (始于1978年的质量月活动…; the Month, which was launched in 1978, kicked off…) it is none.
ORIGIN_RE = re.compile(
    r"(?:始于|起源于|源于|创立于|创始于|设立于|诞生于)\s*(?:19|20)\d\d\s*年(?!的)"
    r"|将每年[^,。;]{1,12}?(?:定为|确定为|设立为|设为|命名为)|(?:确定|规定|设立|确立)每年[^,。;]{1,12}?为"
    r"|(?:19|20)\d\d\s*年(?:起|以来),\s*每年|通知[^。;]{0,40}?决定(?:于|在|从)?每年"
    r"|\bnotice\b[^.;]{0,120}?\bdecided to [^.;]{0,80}?\bevery year\b"
    r"|(?<!\bwhich )(?<!\bthat )\b(?:started|began|originated|(?:was|were) (?:first )?(?:launched|established|founded|initiated|set up))"
    r" in (?:19|20)\d\d\b|\bdates? back to (?:19|20)\d\d\b",
    re.IGNORECASE,
)

ATTEND_RE = re.compile(
    r"参加|参与|出席|与会|参会|参训|参赛|到场|齐聚|观看|收看|收听|参观|聆听|见证|列席|到会|"
    # contestants competing (60名选手同台竞技)
    r"竞技|角逐|"
    r"\b(?:" + EN_ATTENDED + r"|attend|attending|participate|was attended)\b",
    re.IGNORECASE,
)

SERVICE_COUNT_RE = re.compile(r"(?:接受|提供|接待|解答)[^,。;]{0,8}?(?:咨询|问询|服务|问题|疑问)")

# The passive honour in either language, the English as whole words (fields' award cue).
HONOURED = HONOURED_ZH + r"|\b(?:" + HONOURED_EN + r")\b"


def en_subject_verb(subject: str, verbs: str) -> re.Pattern[str]:
    """`subject` (a pattern ending where the verb starts), then one of `verbs` as a whole word, any case.

    The subject of a further event ("we also held", EN_HELD) and the counted attendees ("60
    managers from the plants attended", EN_ATTENDED) are read this way.
    """
    return re.compile(subject + r"(?:" + verbs + r")\b", re.IGNORECASE)


INDUSTRY_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (t.code, re.compile("|".join(re.escape(k) for k in t.keywords), re.IGNORECASE))
    for t in taxonomy.INDUSTRIES
    if t.keywords
)


def find_industry(text: str) -> str | None:
    """The industry whose keyword comes first in ``text``, or None."""
    best: tuple[int, str] | None = None
    for code, pat in INDUSTRY_PATTERNS:
        m = pat.search(text)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), code)
    return best[1] if best else None


_ORG_TYPE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (t.code, re.compile("|".join(re.escape(k) for k in t.keywords), re.IGNORECASE))
    for t in taxonomy.ORGANIZER_TYPES
    if t.keywords
)


# A department named by its function alone, with no place, state level or party body before it (质量管理部,
# 总经办, 总工办, the quality department, the group administration department): a unit of the company that
# writes the report. The state's ministries are named the same way (住房和城乡建设部, 应急管理部) and are the
# government's; a department *of* something (Department of Commerce) is a state's.
_MINISTRY = re.compile(
    r"^(?:中华人民共和国|国家)?(?:外交|国防|教育|科学技术|工业和信息化|公安|国家安全|民政|司法|财政|人力资源和社会保障|自然资源|生态环境"
    r"|住房和城乡建设|交通运输|水利|农业农村|农业|商务|文化和旅游|退役军人事务|应急管理|卫生|铁道|建设|宣传|组织|统战"
    # their short forms (工信部, 住建部, 人社部, 中宣部)
    r"|工信|住建|人社|中宣|中组|环保|国土|科技|文旅)部$"
)
_STATE_MARK = re.compile(
    r"[省县州镇乡厅局署]|市(?!场)|区(?!域)|国家|中共|中央|国务院|党|委员|政府|人民"
    r"|\b(?:provincial|municipal|city|county|district|state|national|ministry|government|bureau|people's)\b",
    re.IGNORECASE,
)
# (办 only as a company's offices are called: 总经办, 总工办, 厂办; 质量办, 食安办 are a government's)
_COMPANY_UNIT = re.compile(
    r"[\u4e00-\u9fff]{1,8}部$|(?:总经|总工|经理|厂|综合)办$|\bdep(?:artmen)?t\.?$", re.IGNORECASE
)


def _company_unit(name: str) -> bool:
    """Whether ``name`` is a company's own department (`_COMPANY_UNIT`), not a state body's."""
    name = name.strip()
    return bool(_COMPANY_UNIT.search(name)) and not _STATE_MARK.search(name) and not _MINISTRY.search(name)


def organizer_type(name: str | None, is_region: bool = False) -> str:
    """Organiser type from the name's suffix (局 -> government, 协会 -> association, 公司 -> enterprise).

    The keyword matching last in the name wins, because the head of a Chinese name is at its end:
    上海市质量协会 is an association although it starts with a city name. A department named by its
    function alone (质量管理部, the quality department) is the writing company's (`_company_unit`).
    """
    if not name:
        return "unknown"
    if _company_unit(name):
        return "enterprise"
    # 区市场监管局和某产业发展中心: several bodies together are of the kind of the first (the lead)
    name = re.split(r"(?<=[局委办厅会司团心院所])(?:和|与|及|、)", name, maxsplit=1)[0]
    best: tuple[int, str] | None = None
    for code, pat in _ORG_TYPE_PATTERNS:
        for m in pat.finditer(name):
            if best is None or m.end() > best[0]:
                best = (m.end(), code)
    if best:
        return best[1]
    # (…质量强市战略工作领导小组, 上海市质量工作领导小组, …建设工程质量安全监督站: a government's group or station)
    if re.search(
        r"(?:局|委|办|厅|部|署|政府|管委会|领导小组|监督站)$|\b(?:bureau|department of|ministry)\b", name, re.IGNORECASE
    ):
        return "government"
    if re.search(r"(?:厂|店|基地|分公司|子公司)$", name):
        return "enterprise"
    if re.search(r"质协|(?:商会|促进会|联盟)$", name):
        return "association"
    if re.search(r"院$", name):
        # 浙江省质科院, 湖北省质检院荆州分院, 省标准化院, 检验检测认证总院: a public institute by its short name
        return "institution"
    if is_region:
        return "government"
    return "unknown"


def type_named_in_full(name: str, text: str) -> str:
    """The organiser type of a short name (山西焦煤, 恒源祥) that the report names in full elsewhere: the
    name followed at once by what makes it a body (山西焦煤集团公司党委…, 恒源祥集团工会…) gives its type;
    "unknown" when no occurrence does."""
    if not name or len(name) < 2:
        return "unknown"
    for m in re.finditer(re.escape(name), text):
        # the type word must follow at once: 贵阳国家高新区首批企业 names no enterprise
        code = next((code for code, pat in _ORG_TYPE_PATTERNS if pat.match(text, m.end())), None)
        if code is not None:
            return code
    return "unknown"


# A report an enterprise writes about itself names no body: 公司组织全员…, 我厂…, we held…
_SELF_ENTERPRISE = re.compile(
    r"(?:^|[,。;:\s\d日午])(?:本公司|我公司|公司|集团公司|集团|我厂|全厂|本厂)(?:组织|召开|举行|举办|开展|在|于|全体|各|领导|员工|“|\d{4}年)|"
    r"\b(?:we|our company|our plant|our factory|the company)\b|\ball (?:employees|staff)\b",
    re.IGNORECASE,
)
# An event named after its place (全市“质量月”, 2018 Xianning City “Quality Month”) is the government's.
_PLACE_EVENT = re.compile(
    r"(?:全市|全区|全县|全州|全省|我市|我区|我县|我省|本市|本区)|"
    r"\b[A-Z][a-z]+\s+(?:City|County|District|Province|Municipality)\b",
)


def writer_type(text: str, title: str = "") -> str:
    """Organiser type of an event whose organiser is not named: the enterprise writing about itself,
    the government of a place the event is named after, else unknown."""
    if _SELF_ENTERPRISE.search(text):
        return "enterprise"
    if _PLACE_EVENT.search(text) or _PLACE_EVENT.search(title):
        return "government"
    return "unknown"


# An activity aimed at factories and their products (工业产品, 生产企业, 规上工业企业).
_FOR_FACTORIES = re.compile(r"工业产品|工业企业|生产企业|生产销售单位|制造企业|制造业|规上工业")


_PUBLIC_FACING = frozenset({"publicity", "launch_ceremony", "service_consultation"})
# Words of retail's list that, in the name of a government's or an association's event, name no sector.
_NOT_A_SECTOR = re.compile(r"品牌|消费(?!品)")

# A sector's own regulator or trade body: a construction authority (住房和城乡建设部, 住建部/住建委/住建局, 某市建设局,
# 某区建委, 某区建设工程质量安全监督站) or a construction trade association (某市工程建设质量管理协会, 某市安装行业协会,
# 某省市政行业协会, 建筑业协会). What it holds (a launch, a site meeting, an award) is for that sector, not for every sector
# nor its own administration. (市政府 is a city's government, not 市政, municipal engineering.)
_SECTOR_BODY: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "construction",
        re.compile(
            r"住建|住房和城乡建设|(?<![经信])(?<!文明)建设(?:局|委|厅)|(?<![筹组创])建委|建设工程[\u4e00-\u9fff]{0,8}?(?:站|中心)"
            r"|(?:工程建设|建设工程|建筑业?|安装|(?<!城)市政(?!协))(?:行业)?[\u4e00-\u9fff]{0,6}?(?:协会|学会|商会)"
        ),
    ),
)


def sector_of_body(name: str | None) -> str | None:
    """The sector a government body or association serves, by its name (`_SECTOR_BODY`), or None."""
    return next((code for code, pat in _SECTOR_BODY if name and pat.search(name)), None)


# A company's project departments (项目部, 工程项目部): its work is done on building sites.
_PROJECT_SITES = re.compile(r"项目部|項目部")
# A firm a body's event goes to, visits, invites or is run with (走进湖北某科技股份有限公司, 参观了某厂区, 联合某燃气有限公司,
# 邀请某商场股份有限公司…): the event is for that firm's sector. A firm that is only the venue (…在某有限公司召开/举行)
# is not its audience, and names no sector.
_WITH_A_FIRM = re.compile(
    r"(?:走进|深入|来到|前往|赴|到|参观了?|联合|邀请)([\u4e00-\u9fff()()]{2,30}?"
    r"(?:有限责任公司|股份有限公司|有限公司|集团公司|商场|厂区))"
)


def firm_sector(text: str) -> str | None:
    """The sector of the first firm an event goes to, visits, invites or is run with (`_WITH_A_FIRM`): its name's
    sector word, else manufacturing (a firm with no other sector word makes things); None with no such firm."""
    m = _WITH_A_FIRM.search(text)
    if m is None:
        return None
    return find_industry(m.group(1)) or "manufacturing"


# A government's gathering held for others, not on its own work: a forum, an exchange, a seminar or a salon (某省产业链质量
# 提升经验交流会, 第三届两岸质量论坛, 首席质量官交流活动) — unless its name makes it a work meeting (…经验交流现场推进会).
_HELD_FOR_OTHERS = re.compile(
    r"(?:论坛|交流会|交流活动|研讨会|沙龙|宣讲会|\bforums?\b|\bsalons?\b|\bseminars?\b|\bsymposium\b)"
    r"(?![^,。;]{0,12}?(?:推进会|工作会议|协调会))",
    re.IGNORECASE,
)


def industry_of(
    org_type: str, organizer: str | None, title: str, activity_type: str, text: str = "", document: str = ""
) -> str:
    """The sector an activity is for (see fields.profile): an enterprise's own (a builder's when its report speaks
    of its project departments); a government's own meeting is public administration; else every sector unless the
    activity's name names one, it goes to or is run with a firm (that firm's), or its own sentence aims it at factories
    (抽检…生产企业, 工业产品专项整治: manufacturing)."""
    if org_type == "enterprise":
        named = find_industry(organizer or "") or find_industry(title)
        return named or ("construction" if _PROJECT_SITES.search(document) else "manufacturing")
    if org_type in ("government", "association", "institution") and (sector := sector_of_body(organizer)):
        return sector  # a sector's regulator or trade body (住建局, 安装行业协会): its sector, even for its meeting
    if (
        org_type == "government"
        and activity_type == "forum_conference"
        and not _HELD_FOR_OTHERS.search(title + " " + text)
    ):
        return "public_admin"
    if org_type in ("government", "association", "institution"):
        # 县政府质量奖 names the giver, not a sector; a brand (品牌故事大赛, “上海品牌”认证, 质量品牌培育) or consumption as
        # a slogan (放心消费, 守护消费信心) in a body's event name is every sector's concern, not retail's
        named = find_industry(_NOT_A_SECTOR.sub("", title))
        if named in (None, "public_admin") and (firm := firm_sector(text)):
            return firm
        if named in (None, "public_admin") and _FOR_FACTORIES.search(text):
            return "manufacturing"
        return named if named not in (None, "public_admin") else "mixed"
    if activity_type in _PUBLIC_FACING:
        # no body named: a public campaign event (宣传, 开放日, 启动仪式) is for every sector
        return find_industry(title) or firm_sector(text) or "mixed"
    return "unknown"


# A news site credited for the story at its head (国际在线河南频道消息:, 中新网上海10月30日电, 某某在线据某官网报道):
# the site's name (在线, 网上…) says how the story reached the reader, not how the event was held.
MEDIA_CREDIT = re.compile(r"^\s*[^,。;:!?\s]{0,12}?(?:在线|网)[^,。;:!?]{0,16}?(?:消息|讯|电|报道)")
MODE_ONLINE = re.compile(
    r"线上|在线|网上|云端|云上|直播|视频会议|视频连线|\bonline\b|\bwebinars?\b|video conference|live[- ]stream",
    re.IGNORECASE,
)
MODE_ONSITE = re.compile(
    r"线下|现场|在[^,。;]{1,25}?(?:举行|召开|举办)|会场|\b(?:on site|onsite|in person)\b|"
    r"\bheld\s+(?:at|in|on)\b|\b(?:held|hosted|staged)\b[^.;]{0,80}?\b(?:at|in)\s+(?:the\s+|its\s+)?[A-Z]",
    re.IGNORECASE,
)
MODE_HYBRID = re.compile(r"线上线下|线上\+线下|(?:现场|线下)或线上|hybrid|online and offline", re.IGNORECASE)

THEME_RES = (
    re.compile(r"主题(?:为|是)?\s*[:]?\s*“(?P<t>[^”]{2,60})”"),
    re.compile(r"以\s*“(?P<t>[^”]{2,60})”\s*为(?:主题|口号)"),
    re.compile(r"theme\s+of\s+[\"“]\s*(?P<t>[^\"”]{2,100}?)\s*[\"”]", re.IGNORECASE),
    re.compile(r"themed?\s*[\"“](?P<t>[^\"”]{2,100})[\"”]", re.IGNORECASE),
)

# Venue phrases: where an event took place says nothing about its type (在质量培训中心召开).
VENUE_ZH = re.compile(r"在[^,。;“”]{1,30}?(?=举行|召开|举办|启动|开幕)")
_VENUE_NOUN_EN = r"(?:center|centre|room|hall|building|floor|workshop|base|park|office|venue|headquarters)\b"
# "in the conference room of the group training center": the place goes on through "of the …".
VENUE_EN = re.compile(
    r"\b(?:in|at|on)\s+the\s+[\w\s'-]{0,40}?"
    + _VENUE_NOUN_EN
    + r"(?:\s+of\s+(?:the\s+)?[\w\s'-]{0,40}?"
    + _VENUE_NOUN_EN
    + r")*",
    re.IGNORECASE,
)
PURPOSE_ZH = re.compile(r"旨在|以便|目的是|为了进一步")
