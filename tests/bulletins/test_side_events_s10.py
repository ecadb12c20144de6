"""Side events of one report that become records of their own (issue 11, session 10, sidevents):
a further event of the same day told without a comma or a named body, one held at a place of its
own, a quality report released at the ceremony. Every text is invented for its class (each class
seen in two or more real bulletins)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.bulletins.reading import records


def _kinds(text, gz):
    return sorted((r.activity_type, r.start_date, r.district or r.city) for r in records(text, gz))


@pytest.mark.parametrize(
    ("text", "side"),
    [
        # 当日还举行了… after a clause, no comma before 还: an award ceremony beside the launch
        (
            "9月4日,某市在人民广场举行2019年“质量月”活动启动仪式。领导为活动启动。"
            "作为本市质量月活动的一部分,当日还举行了某市质量故事大赛颁奖仪式,十家单位获奖。",
            "award_commendation",
        ),
        # …结束后, then the verb at once: a publicity drive after the ceremony
        (
            "9月7日,某州市场监管局在州府广场举行2022年“质量月”活动启动仪式。"
            "启动仪式结束后,开展了质量安全知识进市场主体宣传活动。",
            "publicity",
        ),
        # a body with its partners (与…合作开展) holding a training the same day
        (
            "9月9日,宝山区市场监管局在商业广场举办“质量月”启动仪式。"
            "当天,宝山区市场监管局与区消防部门合作举办电梯安全知识培训班,居民踊跃参加。",
            "training",
        ),
    ],
)
def test_a_same_day_side_event_is_a_record(text, side, gz):
    got = records(text, gz)
    assert len(got) == 2, [(r.activity_type, r.source_excerpt) for r in got]
    assert got[0].activity_type == "launch_ceremony"
    assert got[1].activity_type == side
    # held where and when the ceremony was
    assert got[1].start_date == got[0].start_date
    assert got[1].adcode == got[0].adcode


def test_a_team_going_on_to_another_place_holds_an_event_of_the_same_kind(gz):
    text = (
        "2023年9月20日,嘉定区市场监管局在城中广场开展“质量月”主题宣传活动,发放资料800余份。"
        "当天,宣传小分队还来到工业园区开展“质量进企业”宣传活动。"
    )
    got = records(text, gz)
    assert [r.activity_type for r in got] == ["publicity", "publicity"]
    assert got[1].start_date == got[0].start_date == date(2023, 9, 20)
    assert got[1].district == got[0].district == "嘉定区"


@pytest.mark.parametrize(
    "text",
    [
        # the same kind of event at the same place, told again: the event itself
        "9月20日,嘉定区市场监管局在城中广场开展“质量月”主题宣传活动。当天,工作人员还开展了宣传活动,发放资料。",
        # unveiling a plaque right after the launch is a part of the ceremony
        "9月6日,某市在滨江公园举行2024年“质量月”活动启动仪式。随后,举行了质量文化公园揭牌仪式。",
        # a plan for the same day is no event held
        "9月6日,某市举行2024年“质量月”活动启动仪式。当天下午,还将举办质量讲座。",
    ],
)
def test_what_is_not_a_side_event_of_its_own(text, gz):
    assert len(records(text, gz)) == 1, [(r.activity_type, r.source_excerpt) for r in records(text, gz)]


def test_a_white_paper_released_at_the_ceremony_is_a_release_of_its_own(gz):
    text = (
        "9月3日,2023年某省“质量月”活动启动仪式在省会举行。"
        "仪式上,某省质量强省工作领导小组办公室发布了《2022某省质量状况》白皮书。"
    )
    got = records(text, gz)
    assert [r.activity_type for r in got] == ["launch_ceremony", "report_release"]
    assert got[1].start_date == got[0].start_date
    assert got[1].organizer == "某省质量强省工作领导小组办公室"


def test_a_list_of_cases_released_at_the_ceremony_is_part_of_it(gz):
    text = "9月3日,某市2023年“质量月”活动启动仪式在市民中心举行。启动仪式上发布了全市质量创新十大典型案例。"
    assert [r.activity_type for r in records(text, gz)] == ["launch_ceremony"]


def test_a_county_report_read_out_at_the_ceremony_is_part_of_it(gz):
    text = (
        "9月1日上午,某县2022年“质量月”活动启动仪式在县会展中心举行。启动仪式上,县市场监管局发布了全县质量状况分析报告。"
    )
    assert [r.activity_type for r in records(text, gz)] == ["launch_ceremony"]


def test_a_festival_with_a_quoted_name_opening_that_evening(gz):
    text = (
        "2022年9月12日,某区“质量月”推进大会在区会议中心召开,120人参会。"
        "当天晚上,某区“品质消费节”在步行街开幕,吸引市民2000余人次。"
    )
    got = records(text, gz)
    assert [r.activity_type for r in got] == ["forum_conference", "publicity"]
    assert got[1].start_date == got[0].start_date


@pytest.mark.parametrize(
    ("text", "side"),
    [
        # a committee founded at the event holds its first meeting: chained by 并 in a later clause
        (
            "2024年5月20日上午,某省“世界计量日”纪念活动在省会举行。活动中,播放了宣传片;"
            "某计量中心负责人宣布某计量技术委员会正式成立,并组织召开第一届委员会议。",
            "forum_conference",
        ),
        # a lecture held at the ceremony after the cases were published
        (
            "2023年9月7日,某市2023年“质量月”活动启动仪式在市民中心举行。仪式上发布了质量创新十大典型案例,并举办了质量大讲堂,参会人员收获颇多。",
            "training",
        ),
    ],
)
def test_a_gathering_chained_in_a_later_clause_is_a_record(text, side, gz):
    got = records(text, gz)
    assert [r.activity_type for r in got][1:] == [side]
    assert got[1].start_date == got[0].start_date


def test_an_appointment_chained_in_the_main_sentence_stays_the_event(gz):
    text = "2017年3月2日,某区召开质量工作领导小组第一次会议,组建质量讲师团,并举行聘任仪式。"
    assert len(records(text, gz)) == 1


def test_the_attendees_touring_the_host_site_during_the_event(gz):
    text = (
        "2021年9月15日,某市“质量开放日”活动启动仪式在海淀区一家科技企业举行。"
        "活动中,与会领导及企业代表参观了该企业的创新中心和实验室。"
    )
    got = records(text, gz)
    assert [r.activity_type for r in got] == ["launch_ceremony", "open_day"]


def test_a_showcase_held_by_another_place_is_a_visit_there(gz):
    text = "2021年9月3日,2021年唐山市“质量月”活动启动仪式在市会展中心举行。之后,参会人员观摩了丰南区高质量发展成果展。"
    got = records(text, gz)
    assert [(r.activity_type, r.district) for r in got] == [("launch_ceremony", None), ("research_visit", "丰南区")]


def test_visitors_touring_an_open_days_own_site_are_the_open_day(gz):
    text = "2016年9月7日,某省计量院举办“质量开放日”活动。活动中,参观团一行先后参观了长度、力学实验室。"
    assert [r.activity_type for r in records(text, gz)] == ["open_day"]


# ------------------------------------------------------------ the venue told after the event sentence
@pytest.mark.parametrize(
    ("text", "city"),
    [
        # a province's launch: the city it was held in is told in the next sentence
        (
            "2019年9月2日,由某省市场监管局等15个部门共同组织的2019年河北省“质量月”活动正式启动。"
            "启动仪式在保定市会展中心举行,300余人参加。",
            "保定市",
        ),
        # a national meeting named without a place, closed in a city told next
        (
            "近日,从全国第40次质量管理小组代表会议传来消息,某公司获评优秀企业。"
            "全国第40次质量管理小组代表会议于2019年9月20日在浙江省湖州市隆重闭幕,千余名代表参加。",
            "湖州市",
        ),
        # the title says where: 启动仪式在西宁举行
        (
            "2018年青海省“质量月”启动仪式在西宁举行\n"
            "2018年9月10日,由青海省市场监管局等30个单位共同组织的2018年青海省“质量月”启动仪式举行。",
            "西宁市",
        ),
    ],
)
def test_the_venue_told_after_the_event_sentence(text, city, gz):
    got = records(text, gz)
    assert got[0].city == city, [(r.province, r.city, r.source_excerpt) for r in got]


@pytest.mark.parametrize(
    "text",
    [
        # a city's own event keeps the city: the venue district is where, not whose
        "2020年9月3日,杭州市2020年“质量月”活动启动。启动仪式在西湖区文化广场举行。",
        # a plan for the venue is no venue
        "2019年9月2日,2019年河北省“质量月”活动正式启动。闭幕式将在保定市举行。",
        # a venue outside the province read is another event's
        "2019年9月2日,2019年河北省“质量月”活动正式启动。同日,长三角论坛在上海市举行。",
    ],
)
def test_a_venue_that_does_not_place_the_event(text, gz):
    got = records(text, gz)
    assert got[0].district is None
    assert got[0].city in (None, "杭州市")
