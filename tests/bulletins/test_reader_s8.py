"""Session 8 classes of the events half of issue 11, each seen in two or more corpus documents
(fold 2/5 read for the first time) and in the own set `tests/fixtures/bulletins_reader_s8`.

The own set was scored once when written, before its rules (strict pairing): b01-b06 records
0.500, type 0.400, organiser 0.000; b07-b08 (a plan singling out one named event) one of two
records each before their rule; b09-b10 (industry of consumer-facing events, no rule kept). After
the rules, with readerdates' session 8 dates: records 0.811, type 0.811, organiser 0.703. Still
missed: b06's 今年“质量月”期间 gives no date (the dates half), b05's first link (组织…宣讲) names no
type, industry of b09-b10.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.bulletins.rules import organizer_type
from tests.bulletins.reading import records
from tests.bulletins.test_reader_fixtures import assert_stays_read

S8 = Path(__file__).resolve().parents[1] / "fixtures" / "bulletins_reader_s8"


@pytest.mark.parametrize(
    ("text", "organizer"),
    [
        # a later clause says who holds the event its sentence names by place only
        (
            "2022年9月2日,2022年湖北省“质量月”活动启动仪式在宜昌市举行。本次活动主题为“质量强省”,"
            "由省市场监管局会同省经信厅等部门共同主办。",
            "省市场监管局",
        ),
        # the place's own body, named in full a few paragraphs on, acts for it
        (
            "9月3日,四川省2021年“质量月”活动在绵阳启动。\n"
            "四川近年来质量工作成效明显。\n"
            "活动现场,四川省市场监管局发布了质量提升十项措施。",
            "四川省市场监管局",
        ),
        # 现场 (on the spot) is no body; the province's own bureau, by its short form, acts a paragraph on
        (
            "9月5日,2023年湖北省“质量月”活动启动仪式在襄阳市举行,现场发布了质量提升案例。\n"
            "今年“质量月”期间,省市场监管局将会同有关部门开展系列活动。",
            "省市场监管局",
        ),
        # the body of the one who presides
        (
            "2019年9月6日上午,某集团2019年“质量月”启动会在总部召开。会议由集团公司副总经理王某主持。",
            "集团公司",
        ),
        ("2023年9月7日,某市2023年“质量月”启动会召开,市市场监管局主持会议。", "市市场监管局"),
        # a manner phrase (采取多种形式) before the verb is no body: the one the sentence opens with holds it
        ("2021年5月20日,某县市场监管局围绕计量日主题,采取多种形式开展宣传活动。", "某县市场监管局"),
        # the body opening the sentence before its manner phrase; 牵头 (leads) is no part of the name
        ("2018年9月12日,某县质量技术监督局采取多种形式开展质量宣传活动。", "某县质量技术监督局"),
        ("2015年9月10日,经市政府同意,某市质监局牵头组织了质量月集中宣传活动。", "某市质监局"),
        # a named body in the event's own sentence is kept: a later body of its place does not replace it
        (
            "2021年9月3日,某县质量协会举办质量论坛。\n县市场监管局还开展了质量宣传。",
            "某县质量协会",
        ),
    ],
)
def test_organiser_named_after_the_event(text, organizer, gz):
    got = records(text, gz)
    assert got and got[0].organizer == organizer, [r.organizer for r in got]


def test_a_place_named_by_the_headline_stays_when_no_body_of_it_acts(gz):
    text = "9月5日,2023年浙江省“质量月”活动在湖州启动。\n据悉,湖州市市场监管局将组织系列活动。"
    got = records(text, gz)
    assert got and got[0].organizer == "浙江省", [r.organizer for r in got]


@pytest.mark.parametrize(
    ("text", "visit"),
    [
        # a tour of an exhibition that goes on to study enterprises elsewhere: a research visit,
        # on the programme of whoever held the ceremony
        (
            "2022年9月6日,某省市场监管局在宜宾市举行2022年“质量月”启动仪式。仪式结束后,与会代表参观了"
            "宜宾市产业发展成就展,并前往翠屏区两家企业实地考察。",
            ("翠屏区", "research_visit", "某省市场监管局"),
        ),
        (
            "2020年9月4日,某市市场监管局召开2020年“质量月”动员会。会后,参会人员观摩了质量成果展示,"
            "随后到企业车间进行现场调研。",
            (None, "research_visit", "某市市场监管局"),
        ),
    ],
)
def test_tour_going_on_to_study_is_a_research_visit(text, visit, gz):
    got = records(text, gz)
    assert len(got) == 2, [(r.activity_type, r.source_excerpt) for r in got]
    district, code, organizer = visit
    assert (got[1].activity_type, got[1].organizer) == (code, organizer)
    if district:
        assert got[1].district == district


def test_a_display_at_the_event_stays_part_of_it(gz):
    text = "2020年9月4日,某市市场监管局召开2020年“质量月”动员会。会后,参会人员观摩了质量成果展示。"
    assert len(records(text, gz)) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the plan is for the campaign's period: its month, at the place its name gives
        (
            "2022年9月2日,2022年广东省“质量月”活动在佛山启动。\n今年“质量月”期间,省市场监管局将联合有关部门"
            "开展系列活动。其中,重点召开广东省制造业质量提升经验交流会,总结推广典型经验。",
            ("forum_conference", "广东省", None, "2022-09-01", "month", "unknown"),
        ),
        # no period named: the report's year
        (
            "2020年8月28日,某省质量办召开新闻发布会。\n今年活动有三个亮点。其中区域联动方面,福建将携手江西、"
            "广东两省质量部门共同举办闽赣粤“质量月”联合行动启动仪式。",
            ("launch_ceremony", "福建省", None, "2020-01-01", "year", "unknown"),
        ),
    ],
)
def test_plan_singles_out_one_named_event(text, expected, gz):
    got = records(text, gz)
    assert len(got) == 2, [(r.activity_type, r.source_excerpt) for r in got]
    r = got[1]
    assert (r.activity_type, r.province, r.city, r.start_date.isoformat(), r.date_precision, r.mode) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a list of kinds is no event
        "2022年9月2日,某市“质量月”活动启动。其中,将举办质量知识竞赛、技能比武等活动。",
        # 其中 that only counts
        "2022年9月2日,某市召开质量大会,300人参加,其中企业代表200人。",
    ],
)
def test_no_highlighted_event(text, gz):
    assert len(records(text, gz)) == 1, [(r.activity_type, r.source_excerpt) for r in records(text, gz)]


@pytest.mark.parametrize(
    "text",
    [
        # the umbrella sentence before the chain says several forms were used
        "2019年9月16日,某县市场监管局围绕质量月主题,采取多种形式开展质量宣传活动。一是组织志愿者走进社区"
        "宣传质量知识;二是举办质量管理专题讲座,讲解质量管理小组方法;三是组织开展电梯安全专项检查。",
        # the chain follows 开展了以下几项工作: inside the umbrella sentence
        "2019年9月16日,某县市场监管局开展了以下几项工作:一是举办质量管理专题讲座,讲解质量管理小组方法;"
        "二是组织开展电梯安全专项检查;三是在广场开展质量法规宣传活动。",
    ],
)
def test_umbrella_of_several_forms_lists_its_activities(text, gz):
    got = sorted(r.activity_type for r in records(text, gz))
    assert got == ["inspection_supervision", "publicity", "training"], got


def test_chain_of_one_events_details_stays_one_record(gz):
    # no umbrella, links not told as done: what was said at one event
    text = "2019年9月16日,某县召开质量工作会议。会议要求,一是开展质量宣传,提高质量意识;二是组织质量培训,提升管理水平。"
    assert [r.activity_type for r in records(text, gz)] == ["forum_conference"]


def test_own_set_stays_read():
    assert_stays_read(S8, 0.81, {"activity_type": 0.81, "organizer": 0.7})


# Set 19 `bulletins_reader_fresh8` (4 docs, 8 labels), written after this session's rules in new
# wording (a WeChat post broken over lines, a press conference's plan, a county's metrology chain, a
# company meeting someone presides) and scored once with no rule written for it: records 0.933,
# type 0.933, participants 0.667, organiser 0.800 (same hand as the rules: weak evidence). Missed:
# 推介会 (a promotion fair) names no type; "检查经营户86户" is not read as a count of organisations.
FRESH8 = Path(__file__).resolve().parents[1] / "fixtures" / "bulletins_reader_fresh8"


def test_fresh_set_stays_read():
    assert_stays_read(FRESH8, 0.93, {"activity_type": 0.93, "participants": 0.66, "organizer": 0.8})


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        # publicity and inspection told as done went out to people and places
        ("2022年9月15日,某县市场监管局在文化广场开展“质量月”宣传活动,发放资料500份。", "onsite"),
        ("2022年9月15日,某县市场监管局对辖区加油站开展计量专项检查。", "onsite"),
        # a drive over a period, or a stream, is not guessed on site
        ("2022年9月以来,某区市场监管局开展“质量月”宣传活动,发放资料2000余份。", "unknown"),
        ("2022年9月15日,某县市场监管局通过微信公众号开展线上质量知识宣传活动。", "online"),
    ],
)
def test_outreach_told_as_done_is_on_site(text, mode, gz):
    got = records(text, gz)
    assert got and got[0].mode == mode, [(r.activity_type, r.mode) for r in got]


@pytest.mark.parametrize("name", ["区计量检定所", "宜兴市计量测试所", "县产品质量检验所", "市计量所"])
def test_metrology_and_testing_institutes_are_institutions(name):
    assert organizer_type(name) == "institution"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # the venue goes on through "of the …": a training center where a meeting is held types nothing
        (
            "On the evening of May 19, 2022, the quality month summary and the safety month mobilization "
            "meeting of the group were successfully held in the conference room of the group training center.",
            "launch_ceremony",
        ),
        (
            "On September 8, 2023, a quality forum was held at the lecture hall of the plant's training base.",
            "forum_conference",
        ),
    ],
)
def test_english_venue_through_of_types_nothing(text, code, gz):
    got = records(text, gz)
    assert got and got[0].activity_type == code, [r.activity_type for r in got]
