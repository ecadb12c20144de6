"""Month-precision dates and round-ups (issue 11, session 10, roundups). Every text is invented for
its class (each class seen in two or more real bulletins)."""

from __future__ import annotations

from etl.evaluate import row_from_record
from tests.bulletins.reading import records


def _dates(text, gz):
    return [row_from_record("x", r).date for r in records(text, gz)]


def test_recently_counts_from_the_day_a_reporter_learned_of_it(gz):
    # 9月6日,记者从…获悉,…近日举行…: the day the paper learned of it, not the day it was held; 近日 in
    # September about that Quality Month is the month only
    text = (
        "9月6日,本报记者从某省市场监管局获悉,该局近日在省会举行了2023年某省“质量月”活动启动仪式。"
        "启动仪式上,省质量强省办公室还发布了质量状况报告。"
    )
    assert _dates(text, gz)[0] == "2023-09"


def _kinds(text, gz):
    return sorted((r.activity_type, row_from_record("x", r).date) for r in records(text, gz))


_SQUARE = (
    "日前,某市市场监管局联合教育、科技等9个部门,以“质量惠民”为主题,在市民广场开展质量公益宣传活动。\n"
    "开展青少年质量主题绘画比赛。40名小学生围绕“身边的质量”作画,家长在旁观看。\n"
    "开展计量器具免费检定等便民服务活动。现场检定血压计56台,校准家用电子秤30台。\n"
    "开展家电安全知识宣传活动。工作人员向过往市民讲解电热水器安全使用常识。\n"
)


def test_headed_paragraphs_of_a_round_up_are_events_of_their_own(gz):
    # each paragraph headed by an activity of another kind than the day's main event is one more record
    # at the main event's place and month; a headline of the main event's own kind (宣传) is that event
    text = "某市开展质量月广场活动\n发布时间:2022-09-18\n" + _SQUARE
    assert _kinds(text, gz) == [
        ("competition", "2022-09"),
        ("publicity", "2022-09"),
        ("service_consultation", "2022-09"),
    ]


def test_a_headline_that_directs_or_plans_is_no_event(gz):
    # the same headings in a notice that directs its units (各单位要…) or plans (将于…) are no events
    text = (
        "某市开展质量月广场活动\n发布时间:2022-09-18\n"
        "日前,某市市场监管局联合教育、科技等9个部门,以“质量惠民”为主题,在市民广场开展质量公益宣传活动。\n"
        "开展青少年质量主题绘画比赛。各区教育部门要积极组织小学生参加。\n"
        "开展计量器具免费检定等便民服务活动。市计量所将于下周在各社区设点。\n"
    )
    assert _kinds(text, gz) == [("publicity", "2022-09")]


def test_one_headed_paragraph_is_not_a_round_up(gz):
    text = (
        "某市开展质量月广场活动\n发布时间:2022-09-18\n"
        "日前,某市市场监管局联合教育、科技等9个部门,以“质量惠民”为主题,在市民广场开展质量公益宣传活动。\n"
        "开展计量器具免费检定等便民服务活动。现场检定血压计56台,校准家用电子秤30台。\n"
    )
    assert _kinds(text, gz) == [("publicity", "2022-09")]


def _units(text, gz):
    return [(r.activity_type, r.district, r.organizer) for r in records(text, gz)]


_UNITS = (
    "区市场监管局在文化广场开展了“质量月”宣传咨询活动,发放资料500余份。"
    "区住建局组织开展了住宅工程质量观摩会。"
    "区教育局在各小学举办了质量主题作文比赛。"
)


def test_each_unit_of_a_round_up_holding_an_activity_is_a_record(gz):
    # a round-up of what several units did (各单位积极开展…), no year anywhere: one record a unit,
    # each of its own kind, at the report's place, undated
    text = "江北区质量月工作综述\n江北区各单位积极开展质量月活动。" + _UNITS
    assert _units(text, gz) == [
        ("publicity", "江北区", "区市场监管局"),
        ("research_visit", "江北区", "区住建局"),
        ("competition", "江北区", "区教育局"),
    ]
    assert {row_from_record("x", r).date for r in records(text, gz)} == {None}


def test_units_planning_or_in_a_report_of_one_event_are_no_items(gz):
    # the same sentences in a report of one event are not read as a round-up; units that will hold
    # something (将于…举办) hold nothing yet
    assert [k for k, _, _ in _units("江北区开展质量月宣传\n" + _UNITS, gz)] == ["publicity", "research_visit"]
    planned = (
        "江北区质量月工作综述\n江北区各单位积极开展质量月活动。"
        "区市场监管局在文化广场开展了“质量月”宣传咨询活动,发放资料500余份。"
        "区教育局将于下月在各小学举办质量主题作文比赛。"
    )
    assert [k for k, _, _ in _units(planned, gz)] == ["publicity"]


def test_a_chain_after_a_series_announced_lists_its_activities(gz):
    # 开展了一系列活动。一是…;二是…;三是…: each link naming an activity is one, told as done or not
    text = (
        "江北区质量月工作综述\n今年质量月期间,江北区开展了一系列活动。"
        "一是召开“质量月”活动动员会;二是在文化广场开展“质量月”宣传咨询活动;三是开展电梯安全专项检查。"
    )
    assert sorted(r.activity_type for r in records(text, gz)) == [
        "inspection_supervision",
        "launch_ceremony",
        "publicity",
    ]


_SLOGAN_CHAIN = (
    "一是周密部署,压实责任。为抓好质量月工作,江北区召开了“质量月”活动动员会,印发了工作方案。\n"
    "二是广泛宣传,营造氛围。围绕今年主题,区市场监管局在文化广场开展了“质量月”宣传咨询活动,发放资料500余份。\n"
    "三是强化监管,守牢底线。针对群众关切,区市场监管局开展了电梯安全专项检查,检查电梯120台。\n"
)


def test_links_headed_by_a_slogan_take_the_activity_told_after_it(gz):
    # 一是周密部署,压实责任。…召开了动员会: the link's activity is in the sentence after its slogan
    text = "江北区多举措开展质量月活动\n" + _SLOGAN_CHAIN
    got = sorted((r.activity_type, r.district) for r in records(text, gz))
    assert got == [("inspection_supervision", "江北区"), ("launch_ceremony", "江北区"), ("publicity", "江北区")]


def test_slogan_links_with_nothing_held_are_no_records(gz):
    # slogans followed by what is to be done (要…, 将…) name no held activity
    text = (
        "江北区质量月工作安排\n"
        "一是周密部署,压实责任。各部门要认真制定工作方案。\n"
        "二是广泛宣传,营造氛围。区市场监管局将于9月在文化广场开展宣传咨询活动。\n"
    )
    assert records(text, gz) == []
