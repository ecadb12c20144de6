"""Events and fields of the bulletin reader (issue 11, events half): organiser type, industry
and mode; several events in one text; activity type; participants; organiser. Every text here is
invented for the class it stands for (each class seen in two or more real bulletins)."""

from __future__ import annotations

import pytest

from tests.bulletins.reading import records


# ------------------------------------------------------------------ organiser type, industry, mode
@pytest.mark.parametrize(
    ("text", "org_type", "industry", "mode"),
    [
        # an enterprise writing about itself names no body: its own activity, its own sector
        (
            "9月3日上午,公司组织全体员工召开2021年“质量月”动员大会,总经理作动员讲话。",
            "enterprise",
            "manufacturing",
            "onsite",
        ),
        (
            "On June 8, 2022, we held a safety training for all employees in the workshop of our plant.",
            "enterprise",
            "manufacturing",
            "onsite",
        ),
        # a city's own launch, no body named: the government's, for every sector
        (
            "9月2日上午,2020年全市“质量月”活动启动仪式在人民广场举行。",
            "government",
            "mixed",
            "onsite",
        ),
        # a government's own work meeting is public administration
        (
            "8月30日,某市市场监管局召开2022年质量工作推进会,各区分管领导参加。",
            "government",
            "public_admin",
            "onsite",
        ),
        # an association's launch; a stream stated makes it online
        (
            "2022年9月5日,省质量协会通过网络直播举行“质量月”活动启动仪式。",
            "association",
            "mixed",
            "online",
        ),
        # a month-long publicity drive is not a gathering: its mode is not guessed
        (
            "2022年9月以来,某区市场监管局开展“质量月”宣传活动,发放资料2000余份。",
            "government",
            "mixed",
            "unknown",
        ),
    ],
)
def test_profile_of_an_event(text, org_type, industry, mode, gz):
    got = records(text, gz)
    assert got, text
    r = got[0]
    assert (r.organizer_type, r.industry, r.mode) == (org_type, industry, mode), (r.organizer, r.activity_type)


def test_an_enterprise_names_its_sector(gz):
    r = records("2022年9月1日,某建设工程有限公司在项目工地举行“质量月”启动仪式。", gz)[0]
    assert (r.organizer_type, r.industry) == ("enterprise", "construction")


def test_an_event_name_is_not_an_organiser(gz):
    """金华首期质量官培训班举行结业典礼: the class is the event, not the body holding it."""
    r = records("2022年9月1日,某市首期质量官培训班举行结业典礼,共80位学员通过培训。", gz)[0]
    assert r.organizer is None or "培训班" not in r.organizer


# ------------------------------------------------------------------ several events in one text
def test_side_events_each_with_its_own_place_and_count(gz):
    text = (
        "9月8日上午,萧山区2021年“质量月”活动启动仪式在区行政中心举行,50余家企业代表参加。"
        "仪式结束后,与会代表前往滨江区一家电子企业参观智能生产线。"
        "当天下午,区市场监管局还组织30名中学生走进某纺织有限公司,参观纺织品检测实验室。"
        "同日晚上,首届萧山区品质生活节在湘湖广场开幕,吸引1500余名市民到场。"
    )
    got = [(r.district, r.activity_type, r.participants, r.participants_unit) for r in records(text, gz)]
    assert got == [
        ("萧山区", "launch_ceremony", 50, "organizations"),
        ("滨江区", "research_visit", None, None),  # 一家电子企业 is where they go, not who
        ("萧山区", "open_day", 30, "people"),  # the public brought into a company: an open day
        ("萧山区", "publicity", 1500, "people"),  # a festival opening of its own
    ]


def test_the_attendees_tour_a_site_in_a_later_clause(gz):
    text = "2022年9月6日上午,某区在纺织产业园举行“质量月”启动会。随后,一家检测公司作了经验分享,与会人员参观了该公司检测场地。"
    assert [r.activity_type for r in records(text, gz)] == ["launch_ceremony", "open_day"]


def test_a_display_toured_at_the_event_is_part_of_it(gz):
    text = "2023年9月12日,崇明区召开质量大会。会后,与会代表参观了企业质量成果展示。"
    assert [r.activity_type for r in records(text, gz)] == ["forum_conference"]


def test_numbered_headings_with_the_event_told_below(gz):
    """A review whose numbered lines are headings: each event is told in the paragraph under it,
    the last one too, and typed by its heading (not by the workshop it was held in)."""
    text = (
        "Review of our 2021 Safety Month\n"
        "Main activities of the month:\n"
        "1. Safety Month opening event\n"
        "On June 3, 2021, we held the opening event in the assembly workshop. 150 employees attended.\n"
        "2. Fire drill\n"
        "On June 18, 2021, we organized a fire evacuation drill for the night shift.\n"
    )
    got = [(str(r.start_date), r.activity_type) for r in records(text, gz)]
    assert got[0] == ("2021-06-03", "launch_ceremony")
    assert got[1][0] == "2021-06-18"


# ------------------------------------------------------------------ activity type, organiser
def test_prizes_handed_out_later_in_the_paragraph_make_an_award_meeting(gz):
    text = (
        "9月22日下午,某县2021年质量大会在县会议中心召开,各乡镇分管领导参加会议。"
        "会上,县领导为获得县政府质量奖的4家企业颁奖。"
    )
    assert [r.activity_type for r in records(text, gz)] == ["award_commendation"]


@pytest.mark.parametrize(
    ("text", "organizer"),
    [
        # an English body that "kicked off" the month
        (
            "JIAXING, Sept 3 -- The Jiaxing Administration for Market Regulation kicked off the 2020 "
            "Quality Month at the city hall on Thursday.",
            "The Jiaxing Administration for Market Regulation",
        ),
        # no body in the event's sentence: the one acting at the event holds it
        (
            "9月5日,2021年长三角“质量月”联合行动在嘉兴启动。活动现场,沪苏浙皖四省市市场监管局共同发布了联合行动方案。",
            "沪苏浙皖四省市市场监管局",
        ),
        # a place gives way to its own body acting at the event
        (
            "9月2日,2021年浙江省“质量月”活动启动仪式在杭州举行。活动现场,浙江省市场监管局推出六项服务举措。",
            "浙江省市场监管局",
        ),
    ],
)
def test_organiser_named_around_the_event(text, organizer, gz):
    got = [r.organizer for r in records(text, gz)]
    assert got and got[0] == organizer, got


def test_a_table_with_a_header_row_reads_every_row_and_its_holder(gz):
    text = (
        "某县2022年“质量月”活动安排\n发布时间:2022-10-08\n"
        "| 时间 | 活动名称 | 活动地点 | 承办单位 |\n"
        "| 9月2日 | 质量月启动仪式 | 长兴县文化中心 | 长兴县市场监管局 |\n"
        "| 9月15日 | 质量管理小组发表赛 | 县职工活动中心 | 长兴县质量协会 |\n"
        "| 9月28日 | 质量工作推进会 | 县政府第二会议室 | 长兴县市场监管局 |\n"
    )
    got = [(str(r.start_date), r.activity_type, r.organizer) for r in records(text, gz)]
    assert got == [
        ("2022-09-02", "launch_ceremony", "长兴县市场监管局"),
        ("2022-09-15", "competition", "长兴县质量协会"),
        ("2022-09-28", "forum_conference", "长兴县市场监管局"),  # the last row is not "cut off"
    ]


def test_a_message_sent_to_the_public_is_publicity(gz):
    """一是…;二是…;三是将…以短信形式发送给…: each link of a yearbook chain is an activity, the message
    campaign too (typed by its medium)."""
    text = (
        "修水县质监局开展“质量月”系列活动\n2020年9月,修水县质监局围绕“质量月”主题开展系列活动。\n"
        "目前已开展以下活动:一是开展了质量咨询服务活动,现场接受咨询200余人次;"
        "二是组织开展了食品质量监督抽查活动;三是将“质量月”主题以短信形式发送给了全县2000多手机用户。"
    )
    assert [r.activity_type for r in records(text, gz)] == [
        "service_consultation",
        "inspection_supervision",
        "publicity",
    ]


def test_an_announcement_is_not_the_event_and_the_press_conference_is(gz):
    """局长对外发布称,…将于9月12日举行启动仪式 announces a plan; the press conference held today
    (its own relative day) is a further event, typed by itself rather than by the headline."""
    text = (
        "江西“质量月”活动下周启动\n发布时间:2021-09-03\n"
        "9月3日,江西省市场监管局局长对外发布称,省市场监管局本月将在全省组织开展质量宣传活动。"
        "2021年“质量月”活动启动仪式将于9月12日上午在南昌举行。\n"
        "今日下午,江西省人民政府新闻办公室召开新闻发布会,介绍今年“质量月”活动安排。"
    )
    got = [(str(r.start_date), r.activity_type, r.organizer) for r in records(text, gz)]
    assert ("2021-09-03", "forum_conference", "江西省人民政府新闻办公室") in got
    assert all(org is None or not org.endswith("本月") for _, _, org in got)


def test_who_leads_the_event_told_after_it_beats_the_place(gz):
    text = (
        "9月6日上午,临潼区在某产业园举行2024年“质量月”启动会。"
        "活动由区市场监管局和某产业发展中心牵头,8个区级部门负责人参加了活动。"
    )
    (r,) = records(text, gz)
    assert (r.organizer, r.organizer_type) == ("区市场监管局和某产业发展中心", "government")


def test_a_yearbook_entry_opening_with_a_month_is_its_own_event(gz):
    text = (
        "【质量工作】2022年,平湖市市场监管局围绕质量强市开展系列活动。"
        "4月12日,在市民广场举办质量咨询活动;"
        "10月,对全市15家食品企业开展监督抽查。"
    )
    got = [(str(r.start_date)[:7], r.activity_type, r.organizer) for r in records(text, gz)]
    assert ("2022-10", "inspection_supervision", "平湖市市场监管局") in got, got


# ------------------------------------------------------------------ participants, mode
@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("2021年5月20日,绍兴市市场监管局组织全市规上企业开展首席质量官培训,培训学员120名。", (120, "people")),
        (
            "On September 12, 2019, the Ningbo Administration for Market Regulation organized a training session "
            "for 50 quality managers from local manufacturers.",
            (50, "people"),
        ),
    ],
)
def test_those_trained_are_a_training_s_participants(text, count, gz):
    r = records(text, gz)[0]
    assert (r.activity_type, (r.participants, r.participants_unit)) == ("training", count)


def test_a_stream_told_later_in_the_paragraph_makes_an_onsite_event_hybrid(gz):
    text = (
        "2021年9月17日,越城区市场监管局在区检验所举办“质量开放日”活动,邀请46名市民代表现场观看检测过程。"
        "活动同步在线直播。"
    )
    assert [r.mode for r in records(text, gz)] == ["hybrid"]


@pytest.mark.parametrize(
    ("text", "organizer"),
    [
        # the body opening the next sentence organised what was held
        (
            "2020年9月12日上午,全市“质量月”宣传活动在人民广场举行。市质监局精心筹备,组织了丰富的现场活动。",
            "市质监局",
        ),
        # the body acting at the event, told in a later clause
        (
            "2020年9月2日,2020年浙江省“质量月”活动启动仪式在杭州举行。据悉,为了推动质量提升,"
            "活动现场,浙江省市场监管局发布了六项服务举措。",
            "浙江省市场监管局",
        ),
        # a long English name before its verb
        (
            "On September 6, 2018, the Quality Management Department of the joint stock company and the "
            "production department organized the Quality Month activities.",
            "the Quality Management Department of the joint stock company and the production department",
        ),
    ],
)
def test_organiser_told_around_the_event(text, organizer, gz):
    got = [r.organizer for r in records(text, gz)]
    assert got and got[0] == organizer, got


def test_a_festival_opening_is_publicity_and_an_english_side_event_is_its_own(gz):
    (r,) = records("2022年9月18日上午,海盐县“品质消费节”在南北湖广场开幕,吸引市民2000余人次参与。", gz)
    assert r.activity_type == "publicity"
    text = (
        "On September 6, 2022, Ningbo Bearing Co., Ltd. held its Quality Month kickoff meeting in the "
        "company hall. After the meeting, the quality department organized a quality skills contest for "
        "the workshop teams."
    )
    got = [(r.activity_type, r.organizer) for r in records(text, gz)]
    assert got[1] == ("competition", "the quality department"), got
