"""Type and organiser classes of session 13 (reader-types13), seen on matched records of the read
sets; every text here is invented. Classes and the documents that show them (the notes:
/work/notes/reader-types13.md):

- a 宣传咨询 event whose programme gives a hands-on service (free tests, glasses cleaned, 便民服务)
  is a service, convention C4; one that only informs stays publicity: 8 819, 9 9a06, 9a23, 9a40,
  corpus-2 137 (117, 210, 217 stay publicity);
- a party committee's publicity department (中共某省委宣传部) among the bodies holding an event is a
  body's name, not the event's type: 7r 7b11, 10r 1105;
- an adverb of manner between the organiser and its verb (某公司全面启动, 保变电气全面开展) is no part of
  the organiser: 8 815, 10r 1105;
- an award told by its list of winners made public (名单揭晓, 公布了…获奖…名单) is an award, dated by the
  words before the list even when the sentence is the event sentence: 7r 7a35, 10r 1104, 8 859 (9 9a33,
  8 892 already);
- a body heading the event's name holds it also when the name's activity word follows it at once
  (市质量协会年会暨…召开) or a unit of the body is named after it (某协会机械大组“…”参观交流活动): 10r 1036, 8 894.
"""

from __future__ import annotations

import pytest

from domain.activity_types import classify_activity, delivered_service
from etl.bulletins import extract_text
from etl.bulletins.fields import classify_sentence


def _one(text: str, gz):
    (rec,) = extract_text(text, "t.txt", gazetteer=gz).records
    return rec


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # free checks and cleaning given on the spot: a service
        (
            "2024年9月14日上午,海盐县市场监管局在人民广场举办“质量月”现场宣传咨询活动。"
            "活动现场设立便民服务台,为市民免费测量血压、免费清洗眼镜,并受理消费投诉。",
            "service_consultation",
        ),
        (
            "2024年9月14日上午,海盐县市场监管局在人民广场举办“质量月”现场宣传咨询活动,工作人员为群众提供电子秤免费检定服务。",
            "service_consultation",
        ),
        # boards, leaflets, answers and complaints only inform: publicity
        (
            "2024年9月14日上午,海盐县市场监管局在人民广场举办“质量月”现场宣传咨询活动。"
            "活动现场摆放展板8块,发放宣传资料600余份,解答群众咨询,受理投诉。",
            "publicity",
        ),
        # a day named only 宣传 stays publicity even with a free check on site (C4)
        (
            "2024年9月14日上午,海盐县市场监管局在人民广场举办“质量月”宣传活动,现场为市民免费测量血压。",
            "publicity",
        ),
    ],
)
def test_consultation_day_is_a_service_when_it_delivers_one(text, code, gz):
    assert _one(text, gz).activity_type == code


def test_consultation_named_in_the_headline(gz):
    text = (
        "某区开展“质量月”宣传咨询服务活动\n"
        "2024年9月10日上午,南湖区市场监督管理局在商业广场开展活动,区经委等部门参加。\n"
        "活动现场,工作人员为市民免费校准血压计、免费小修眼镜,还设置了质量有奖问答点。"
    )
    assert _one(text, gz).activity_type == "service_consultation"


def test_a_name_alone_stays_publicity():
    # a spreadsheet's activity name has no programme: the name's first word types it
    assert classify_activity("“质量月”宣传咨询服务活动") == "publicity"
    assert delivered_service("publicity", "宣传咨询活动", "发放宣传资料,解答咨询") == "publicity"
    assert delivered_service("training", "宣传咨询活动", "免费检测眼镜") == "training"
    assert delivered_service("publicity", "宣传咨询活动", "免费检测眼镜") == "service_consultation"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # the publicity department among the bodies holding a launch names a body, not the event
        (
            "9月3日,由某省市场监管局、中共某省委宣传部主办,某市质量协会承办,某省2024年“质量月”启动仪式在市民广场举行。",
            "launch_ceremony",
        ),
        ("某县市场监管局联合县委宣传部召开质量工作推进会。", "forum_conference"),
        # a publicity event held by the department is still publicity
        ("市委宣传部在市民广场开展“质量月”宣传活动。", "publicity"),
    ],
)
def test_publicity_department_does_not_type_the_event(text, code):
    # the event clauses are read in order: the organisers' clause comes first
    assert classify_sentence(text) == code


@pytest.mark.parametrize(
    ("text", "organizer"),
    [
        # an adverb between the body and its verb is no part of the body's name
        ("2024年9月5日,某某电气全面开展2024年“质量月”系列活动,围绕质量提升组织培训。", "某某电气"),
        ("2024年9月5日,某某电气股份有限公司全面启动2024年“质量月”活动启动仪式。", "某某电气股份有限公司"),
        ("2024年9月5日,某某电气集中开展“质量月”质量知识竞赛活动。", "某某电气"),
    ],
)
def test_adverb_is_no_part_of_the_organizer(text, organizer, gz):
    assert _one(text, gz).organizer == organizer


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("日前,2023年度某市质量金奖名单揭晓,某某电子等8家组织榜上有名。", "award_commendation"),
        ("3月2日,某市人民政府公布了2023年度市政府质量奖获奖组织名单。", "award_commendation"),
        ("某协会评选的2023年度优质工程奖获奖项目名单公布。", "award_commendation"),
        # a list of firms found at fault is no award
        ("某局公布一批监督抽查不合格产品名单。", "inspection_supervision"),
        ("某局公布一批不合格产品名单。", None),
    ],
)
def test_award_list_made_public_is_an_award(text, code):
    assert classify_activity(text) == code


def test_award_list_sentence_dated_by_its_lead(gz):
    # the year in the list's name (成为2023年某市名牌) is not the day the list was made public (日前)
    text = (
        "某市名牌企业名单公布\n发布时间:2024-01-10\n"
        "日前,某市名牌产品推荐委员会公布了成功推荐成为2023年某市名牌的企业名单。"
    )
    rec = _one(text, gz)
    assert (rec.activity_type, rec.start_date.year) == ("award_commendation", 2024)


@pytest.mark.parametrize(
    ("text", "organizer"),
    [
        # the body heads the event's name, the name's activity word right after it
        ("2024年1月12日,市质量协会年会暨质量工作会议在市会议中心召开,企业代表约80人参会。", "市质量协会"),
        # a unit of the body named after it
        ("2024年4月8日,嘉兴市质量协会电子大组“匠心质造”参观交流活动在某某电子有限公司举行。", "嘉兴市质量协会电子大组"),
    ],
)
def test_body_heading_the_event_name_holds_it(text, organizer, gz):
    assert _one(text, gz).organizer == organizer


def test_body_heading_no_activity_is_not_the_organizer():
    from etl.bulletins.fields import _body_heading_event

    assert _body_heading_event("9月1日,某市质量协会秘书长在会上讲话。") is None
