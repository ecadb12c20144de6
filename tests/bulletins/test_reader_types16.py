"""Industry of matched records, session 16 (reader-types16); every text here is invented. Classes and the documents
that show them (/work/notes/reader-types16.md):

- an enterprise whose report speaks of its project departments (项目部: building sites) is a builder, construction,
  when neither its name nor the event's name gives a sector (read manufacturing): 8 813, 891 (also 815, 11r 11b15,
  both labelled construction);
- a body's event that goes to, visits, invites or is run jointly with a named firm (走进某科技股份有限公司, 参观了某厂区,
  邀请某商场股份有限公司, 联合某燃气有限公司) is for that firm's sector: its name's sector word, else manufacturing (read
  mixed): 8 843, 847, 908; 12r 12a06. A firm that is only the venue (…在某有限公司召开) names no sector;
- C16: a government's gathering held for others — a forum, an exchange meeting, a seminar or a salon (某省产业链质量提升
  经验交流会, 第三届两岸质量论坛, 首席质量官交流活动) — is not its own work meeting: mixed, not public_admin (read
  public_admin): 8 845; 12r 12a09; corpus-2 214. A work meeting named with an exchange in it (…经验交流现场推进会) stays;
- a drug maker named by 药业, 制药 or 药企 (某某药业集团, 某某制药股份有限公司) is in pharma_health, not manufacturing: 11r 11a29,
  11a32 (also 11a31); 8 833 (a bureau's inspection at a 制药 company, labelled pharma_health).
"""

from __future__ import annotations

import pytest

from etl.bulletins import extract_text
from etl.bulletins.rules import find_industry, firm_sector, industry_of


def _one(text: str, gz):
    (rec,) = extract_text(text, "t.txt", gazetteer=gz).records
    return rec


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("市场监管局宣传小组走进丰源精密机械股份有限公司开展质量宣传", "manufacturing"),
        ("协会会员参观了丰源微电子厂区生产现场", "manufacturing"),
        ("市场监管局邀请丰源百货商场股份有限公司30名员工走进实验室", "retail_consumer"),
        ("县市场监管局联合丰源燃气有限公司把质量课堂搬进社区", "energy"),
        ("区市场监管局赴丰源食品有限公司开展帮扶", "food"),
        # only the venue, or no firm at all
        ("质量提升经验交流会在丰源化学科技有限公司召开", None),
        ("区市场监管局在丰源广场开展质量宣传", None),
        ("区市场监管局走进社区开展宣传", None),
    ],
)
def test_firm_sector(text, sector):
    assert firm_sector(text) == sector


def test_industry_of_a_body_event_with_a_firm():
    text = "9月5日,县市场监管局联合丰源燃气有限公司开展用气安全宣传。"
    assert industry_of("government", "县市场监管局", "用气安全宣传", "publicity", text) == "energy"
    # the event's own name still comes first
    assert industry_of("government", "县市场监管局", "食品安全宣传", "publicity", text) == "food"
    # a government's own meeting stays public administration
    assert industry_of("government", "县市场监管局", "工作会议", "forum_conference", text) == "public_admin"
    # with no body named, a public-facing event too
    assert industry_of("unknown", None, "", "publicity", text) == "energy"


@pytest.mark.parametrize(
    ("document", "sector"),
    [
        ("公司组织各项目部质检员参加工程现场观摩。", "construction"),
        ("公司各項目部負責人參加了知識競賽。", "construction"),
        ("公司组织各车间质检员参加知识竞赛。", "manufacturing"),
    ],
)
def test_enterprise_with_project_departments_is_a_builder(document, sector):
    assert industry_of("enterprise", "丰源公司", "知识竞赛", "competition", document, document) == sector


def test_enterprise_named_sector_comes_first():
    # a name that gives its sector keeps it, whatever the report says of project departments
    doc = "丰源电力公司各项目部开展质量月活动。"
    assert industry_of("enterprise", "丰源电力公司", "质量月活动", "other", doc, doc) == "energy"


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("丰源药业集团", "pharma_health"),
        ("丰源制药股份有限公司", "pharma_health"),
        ("本地药企", "pharma_health"),
        ("丰源机械制造有限公司", "manufacturing"),
    ],
)
def test_drug_makers_are_pharma(text, sector):
    assert find_industry(text) == sector


@pytest.mark.parametrize(
    ("title", "sector"),
    [
        ("丰源省产业链质量提升经验交流会", "mixed"),
        ("第二届丰源质量论坛", "mixed"),
        ("首席质量官交流活动", "mixed"),
        ("the Fengyuan quality forum", "mixed"),
        # the government's own work meetings
        ("丰源市质量工作会议", "public_admin"),
        ("质量强县培育建设经验交流现场推进会", "public_admin"),
        ("2023年质量月活动协调会", "public_admin"),
    ],
)
def test_government_forum_for_others_is_mixed(title, sector):
    assert industry_of("government", "丰源市市场监督管理局", title, "forum_conference", title) == sector


@pytest.mark.parametrize(
    ("text", "org_type", "sector"),
    [
        # a company's report of its project departments: a builder
        (
            "丰源公司开展质量月知识竞赛\n"
            "2023年9月18日,丰源公司在江苏省南京市公司大会议室举办了“质量月”知识竞赛活动,公司各项目部共54人参赛。\n",
            "enterprise",
            "construction",
        ),
        # a bureau going to a firm: the firm's sector
        (
            "丰源市市场监管局开展质量宣传进企业活动\n"
            "2023年9月12日,江苏省南京市市场监督管理局走进丰源精密机械股份有限公司,开展“质量月”宣传活动。\n",
            "government",
            "manufacturing",
        ),
        # a drug maker's own meeting
        (
            "丰源药业集团召开质量月动员大会\n"
            "2023年3月1日,丰源药业集团在江苏省泰州市总部召开第十次“质量月”活动动员大会。\n",
            "enterprise",
            "pharma_health",
        ),
    ],
)
def test_read_end_to_end(text, org_type, sector, gz):
    rec = _one(text, gz)
    assert (rec.organizer_type, rec.industry) == (org_type, sector)
