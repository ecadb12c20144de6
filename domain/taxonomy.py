"""Controlled vocabularies shared by the ETL and the read side.

Every code here is what the warehouse stores; labels are what people read.
Keywords are the signal words the normalizer and the bulletin extractor use to
map free text onto a code. Order matters: the first matching type wins, so more
specific types (flag raising, appointment) come before generic ones (forum).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    code: str
    zh: str
    en: str
    keywords: tuple[str, ...] = ()

    def label(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


ACTIVITY_TYPES: tuple[Term, ...] = (
    Term(
        "launch_ceremony",
        "启动仪式",
        "Launch ceremony",
        (
            "启动仪式",
            "启动会",
            "启动大会",
            "动员大会",
            "动员会",
            "开幕式",
            "kickoff",
            "kick-off",
            "launch",
            "launching ceremony",
            "mobilization meeting",
            "mobilization conference",
        ),
    ),
    Term("flag_raising", "升旗仪式", "Flag raising", ("升旗仪式", "升质量旗", "升旗", "flag-raising", "flag raising")),
    Term(
        "appointment",
        "聘任授牌",
        "Appointment & plaques",
        ("首席质量官", "聘任", "颁证", "授牌", "揭牌", "聘书", "chief quality officer", "unveiling"),
    ),
    Term(
        "award_commendation",
        "表彰颁奖",
        "Awards & commendation",
        ("表彰", "颁奖", "授奖", "awards ceremony", "award ceremony", "commendation", "commended"),
    ),
    Term("training", "培训讲座", "Training", ("培训", "讲座", "课堂", "培训班", "training", "lecture", "course")),
    Term("open_day", "开放日", "Open day", ("开放日", "云开放", "open day", "open house")),
    Term(
        "inspection_supervision",
        "监督检查",
        "Inspection & supervision",
        ("抽查", "抽检", "检查", "监测", "执法", "考核", "inspection", "supervision", "spot check"),
    ),
    Term(
        "service_consultation",
        "咨询服务",
        "Consultation & services",
        ("咨询", "便民", "惠民", "一站式服务", "帮扶", "诊断", "consultation", "free service"),
    ),
    Term(
        "research_visit",
        "调研观摩",
        "Research visit",
        ("调研", "视察", "观摩", "research visit", "inspection tour", "conduct research"),
    ),
    Term(
        "competition", "竞赛评比", "Competition", ("竞赛", "挑战赛", "评比", "评选", "征集", "competition", "contest")
    ),
    Term(
        "report_release",
        "报告发布",
        "Report release",
        ("白皮书", "报告发布", "发布报告", "手册", "丛书", "white paper", "report release"),
    ),
    Term(
        "publicity",
        "宣传活动",
        "Publicity",
        ("宣传", "海报", "视频", "竞答", "宣传周", "publicity", "campaign week", "poster"),
    ),
    Term(
        "forum_conference",
        "论坛会议",
        "Forum & conference",
        (
            "论坛",
            "会议",
            "座谈会",
            "交流会",
            "沙龙",
            "推进会",
            "大会",
            "symposium",
            "forum",
            "conference",
            "seminar",
            "meeting",
        ),
    ),
    Term("other", "其他", "Other"),
)

INDUSTRIES: tuple[Term, ...] = (
    Term(
        "manufacturing",
        "制造业",
        "Manufacturing",
        ("制造", "工厂", "生产线", "机械", "装备", "汽车", "电子", "纺织", "化工", "manufactur", "factory"),
    ),
    Term("construction", "建筑业", "Construction", ("建筑", "建设工程", "施工", "工地", "construction")),
    Term("energy", "能源", "Energy", ("电力", "能源", "石油", "燃气", "电网", "energy", "power grid")),
    Term(
        "transport", "交通运输", "Transport", ("交通", "运输", "物流", "港口", "地铁", "航空", "transport", "logistics")
    ),
    Term(
        "pharma_health",
        "医药卫生",
        "Pharma & health",
        ("医药", "药品", "医疗", "医院", "卫生", "器械", "pharma", "medical", "hospital"),
    ),
    Term("property_services", "物业服务", "Property services", ("物业", "property management")),
    Term("finance", "金融", "Finance", ("金融", "银行", "保险", "证券", "bank", "insurance", "financ")),
    Term(
        "retail_consumer",
        "商贸消费",
        "Retail & consumer",
        ("商贸", "零售", "消费", "商场", "商圈", "品牌", "retail", "consumer"),
    ),
    Term("food", "食品", "Food", ("食品", "餐饮", "农产品", "food", "catering")),
    Term("it_services", "信息技术服务", "IT services", ("软件", "信息技术", "互联网", "数据", "software", "internet")),
    Term("environment", "环境保护", "Environment", ("环保", "环境", "生态", "节能", "environment", "ecolog")),
    Term("public_admin", "公共管理", "Public administration", ("政府", "机关", "公共管理", "public administration")),
    Term("mixed", "综合/多行业", "Mixed", ()),
    Term("unknown", "未注明", "Unknown", ()),
)

#: The month each national campaign is held in (质量月: September since 1978; 安全生产月: June).
CAMPAIGN_MONTH: dict[str, int] = {"quality_month": 9, "safety_month": 6}

CAMPAIGNS: tuple[Term, ...] = (
    Term("quality_month", "质量月", "Quality Month", ("质量月", "quality month")),
    Term(
        "safety_month",
        "安全生产月",
        "Safety Production Month",
        ("安全生产月", "安全月", "safety production month", "safety month"),
    ),
    Term("quality_efficiency", "提质增效", "Quality & efficiency drive", ("提质增效", "quality and efficiency")),
    Term("other", "其他", "Other"),
)

ORGANIZER_TYPES: tuple[Term, ...] = (
    Term(
        "government",
        "政府部门",
        "Government",
        (
            "政府",
            "委员会",
            "办公室",
            "管理局",
            "监管局",
            "监督局",
            "质监局",
            "市场监管",
            "人民政府",
            "bureau",
            "government",
            "administration",
            "municipal",
        ),
    ),
    Term(
        "association",
        "行业协会",
        "Association",
        ("协会", "商会", "联合会", "学会", "association", "chamber", "federation"),
    ),
    Term(
        "enterprise",
        "企业",
        "Enterprise",
        ("公司", "集团", "企业", "工厂", "有限", "股份", "co.", "ltd", "group", "corporation", "company"),
    ),
    Term(
        "institution",
        "事业单位",
        "Institution",
        ("研究院", "研究所", "大学", "学院", "学校", "医院", "中心", "institute", "university", "college", "hospital"),
    ),
    Term("unknown", "未注明", "Unknown"),
)

PARTICIPANT_UNITS: tuple[Term, ...] = (
    Term("people", "人", "people"),
    Term("person_times", "人次", "person-times"),
    Term("organizations", "单位数", "organisations"),
)

QUALIFIERS: tuple[Term, ...] = (
    Term("exact", "准确", "exact"),
    Term("approx", "约", "approx."),
    Term("at_least", "至少", "at least"),
)

MODES: tuple[Term, ...] = (
    Term("onsite", "线下", "On site", ("现场", "线下", "on site", "onsite")),
    Term(
        "online",
        "线上",
        "Online",
        ("线上", "网上", "云", "视频会议", "直播", "online", "video conference", "live stream"),
    ),
    Term("hybrid", "线上线下结合", "Hybrid", ("线上线下", "hybrid")),
    Term("unknown", "未注明", "Unknown"),
)

DATE_PRECISIONS = ("day", "month", "year")
DATE_PRECISION_TERMS: tuple[Term, ...] = (
    Term("day", "日", "day"),
    Term("month", "月", "month"),
    Term("year", "年", "year"),
)


def codes(terms: tuple[Term, ...]) -> tuple[str, ...]:
    return tuple(t.code for t in terms)


def by_code(terms: tuple[Term, ...]) -> dict[str, Term]:
    return {t.code: t for t in terms}


ACTIVITY_TYPE_CODES = codes(ACTIVITY_TYPES)
INDUSTRY_CODES = codes(INDUSTRIES)
CAMPAIGN_CODES = codes(CAMPAIGNS)
ORGANIZER_TYPE_CODES = codes(ORGANIZER_TYPES)
UNIT_CODES = codes(PARTICIPANT_UNITS)
QUALIFIER_CODES = codes(QUALIFIERS)
MODE_CODES = codes(MODES)


def quality_month_ordinal(year: int) -> int:
    """The national Quality Month of `year` is the Nth: the 1st was held in 1978."""
    return year - 1977


def quality_month_year(ordinal: int) -> int:
    return ordinal + 1977
