"""Several events in one text, by general cues (issue 11, events half): a table whose columns are
aligned by spaces, a bulleted list, dated clauses that open after a connective or after the body's
name, a next-day event, a chain inside a numbered item, same-day side events, events during the
campaign. Every text is invented for its class; each case fails when the reader yields one record
for the whole text."""

from __future__ import annotations

import pytest

from tests.bulletins.reading import records


def _row(r, fields: tuple[str, ...]) -> tuple:
    values = {
        "date": r.start_date.isoformat() if r.start_date else None,
        "precision": r.date_precision,
        "type": r.activity_type,
        "participants": r.participants,
        "organizer": r.organizer,
        "district": r.district,
        "city": r.city,
    }
    return tuple(values[f] for f in fields)


# (text, the fields compared, every record in reading order)
EVENTS = [
    pytest.param(
        "On the afternoon of September 4, 2023, Zhejiang Huzhou Pump Co., Ltd. in Wuxing District held its 2023 "
        "Quality Month mobilization meeting.\n"
        "After the meeting, the quality department organized a quality knowledge quiz for the attendees.\n"
        "In the evening, the company held a quality seminar for 40 suppliers.\n",
        ("type",),
        [("launch_ceremony",), ("competition",), ("training",)],
        id="english-side-events-typed-by-their-head",
    ),
    pytest.param(
        "余杭区质量工作回顾\n\n回顾2022年,余杭区市场监管局于2022年9月举办了首届质量论坛。\n\n"
        "今年9月5日,余杭区市场监管局又在未来科技城举办了2023年“质量月”企业质量管理培训,120名企业质量负责人参加培训。\n\n"
        "(余杭区市场监管局 2023年9月8日)",
        ("date", "precision", "type"),
        [("2022-09-01", "month", "forum_conference"), ("2023-09-05", "day", "training")],
        id="round-up-of-two-years-this-years-day",
    ),
    pytest.param(
        "KEQIAO, Sept. 10, 2024 -- The Keqiao District Administration for Market Regulation launched the "
        "district's 2024 Quality Month on September 9, with about 180 business people in attendance.\n"
        "On the same day, the administration invited 30 residents to tour the district textile testing center.\n",
        ("date", "type", "participants", "district"),
        [("2024-09-09", "launch_ceremony", 180, "柯桥区"), ("2024-09-09", "open_day", 30, "柯桥区")],
        id="english-side-visit-of-invited-residents",
    ),
    pytest.param(
        "质量月|安吉县这一周👇\n安吉县市场监管 2024-09-14\n\n"
        "1️⃣ 9月9日,安吉县“质量月”启动仪式在县行政中心举行。\n\n"
        "2️⃣ 9月11日,县市场监管局在竹产业园举办标准化专题培训。\n\n"
        "❸ 9月13日,县质量协会组织召开小微企业质量提升座谈会。\n",
        ("date", "type", "district"),
        [
            ("2024-09-09", "launch_ceremony", "安吉县"),
            ("2024-09-11", "training", "安吉县"),
            ("2024-09-13", "forum_conference", "安吉县"),
        ],
        id="wechat-keycap-and-dingbat-numbered-items",
    ),
    pytest.param(
        "2020年,某市市场监管局围绕安全生产开展系列工作。5月20日,在市体育馆举办质量安全知识讲座;"
        "6月16日,组织开展电梯困人应急演练;9月8日,召开全市质量工作推进会。",
        ("date", "type"),
        [("2020-05-20", "training"), ("2020-06-16", "other"), ("2020-09-08", "forum_conference")],
        id="dated-drill-is-an-event-of-no-type",
    ),
    pytest.param(
        "Jiaxing celebrates Quality Month\n"
        "September 20, 2022\n"
        "The Jiaxing Administration for Market Regulation held several Quality Month events this month:\n"
        "• Sept. 2: a kickoff ceremony at the city convention center;\n"
        "• Sept. 9: a lecture on product standards for local manufacturers;\n"
        "• Sept. 16: random inspections of children's products in shopping malls.\n",
        ("date", "type", "city"),
        [
            ("2022-09-02", "launch_ceremony", "嘉兴市"),
            ("2022-09-09", "training", "嘉兴市"),
            ("2022-09-16", "inspection_supervision", "嘉兴市"),
        ],
        id="bulleted-list-en",
    ),
    pytest.param(
        "9月2日,2021年海宁市“质量月”活动启动仪式在市民中心举行,企业代表90余人参加。\n"
        "仪式上,市市场监管局通报了上半年产品质量监督抽查情况。\n"
        "市计量测试所还于9月8日在硖石街道举办计量惠民服务活动,免费检定血压计60余台。\n"
        "市质量协会9月15日组织20家企业的质量负责人到一家汽车零部件企业观摩交流。\n",
        ("date", "type", "district"),
        [
            ("2021-09-02", "launch_ceremony", "海宁市"),
            ("2021-09-08", "service_consultation", "海宁市"),
            ("2021-09-15", "research_visit", "海宁市"),
        ],
        id="body-before-its-own-day",
    ),
    pytest.param(
        "9月7日上午,2022年嘉善县“质量月”活动启动仪式在县会展中心举行。\n"
        "据介绍,质量月期间全县将开展20余项活动。\n"
        "次日,县市场监管局在一所小学开展“小小质量检测员”开放日活动,35名小学生走进实验室。\n",
        ("date", "type", "participants"),
        [
            ("2022-09-07", "launch_ceremony", None),
            ("2022-09-08", "open_day", 35),
        ],
        id="next-day",
    ),
    pytest.param(
        "2022年,瓯海区市场监管局以“质量月”为契机组织开展系列活动。\n"
        "活动期间,该局于9月8日在区文化广场举办了质量宣传咨询活动。\n"
        "活动期间,区市场监管局还于9月15日组织辖区企业负责人开展质量管理培训。\n"
        "9月下旬,该局会同区消保委对辖区商场开展了消费品质量专项检查。\n",
        ("date", "precision", "type"),
        [
            ("2022-09-08", "day", "publicity"),
            ("2022-09-15", "day", "training"),
            ("2022-09-01", "month", "inspection_supervision"),
        ],
        id="period-clause-and-part-of-month",
    ),
    pytest.param(
        "9月6日,2021年德清县质量提升大会在县会议中心召开,9月9日又在县职教中心举办了企业质量管理培训班,80名企业质量负责人参加。",
        ("date", "type", "participants"),
        [
            ("2021-09-06", "forum_conference", None),
            ("2021-09-09", "training", 80),
        ],
        id="dated-clause-after-comma-zh",
    ),
    pytest.param(
        "Changxing holds a forum and a training\n"
        "September 25, 2023\n"
        "The Changxing County Administration for Market Regulation held a quality forum for local battery makers "
        "on September 18, attended by 60 company managers, and on September 21 it organized a training session "
        "on product labelling for 45 shop owners.\n",
        ("date", "type"),
        [
            ("2023-09-18", "forum_conference"),
            ("2023-09-21", "training"),
        ],
        id="dated-clause-after-comma-en",
    ),
    pytest.param(
        "9月3日上午,2021年新昌县“质量月”活动启动仪式在县行政中心举行,企业代表90余人参加。\n"
        "仪式结束后,还举办了“卓越绩效管理”专题讲座,80余名企业质量负责人聆听讲座。\n"
        "同日下午,县市场监管局联合县教育局对全县中小学食堂开展了食品安全专项检查。\n"
        "活动现场,还举行了启动仪式的文艺表演。\n",
        ("date", "type", "participants"),
        [
            ("2021-09-03", "launch_ceremony", 90),
            ("2021-09-03", "training", 80),
            ("2021-09-03", "inspection_supervision", None),
        ],
        id="same-day-side-events-zh",
    ),
    pytest.param(
        "2021年5月20日是第22个“世界计量日”。当天上午,嵊州市计量宣传活动在市民广场举行,现场解答群众咨询200余人次。\n"
        "当天,市计量测试所还向社会公众开放实验室,40余名小学生参观了计量检测设备。\n",
        ("date", "type", "participants"),
        [
            ("2021-05-20", "publicity", 200),
            ("2021-05-20", "open_day", 40),
        ],
        id="open-lab-on-the-day-named-before",
    ),
    pytest.param(
        "Xinchang launches Quality Month\n"
        "September 6, 2022\n"
        "SHAOXING, Sept. 5 -- The Xinchang County Administration for Market Regulation launched its 2022 Quality "
        "Month at a ceremony on Monday morning attended by about 200 people.\n"
        "The same day, inspectors also carried out spot checks on children's products at three shopping malls.\n",
        ("date", "type"),
        [
            ("2022-09-05", "launch_ceremony"),
            ("2022-09-05", "inspection_supervision"),
        ],
        id="same-day-side-events-en",
    ),
    pytest.param(
        "9月2日,2022年长兴县“质量月”活动启动仪式在县行政中心举行。\n"
        "活动期间,县市场监管局还组织开展了电动自行车质量安全专项检查。\n",
        ("date", "precision", "type"),
        [
            ("2022-09-02", "day", "launch_ceremony"),
            ("2022-09-01", "month", "inspection_supervision"),
        ],
        id="during-the-campaign-zh",
    ),
    pytest.param(
        "Quality Month 2022 in Deqing\n"
        "September 30, 2022\n"
        "On Sept. 2, the Deqing County Administration for Market Regulation held a kickoff ceremony at the county "
        "civic center.\n"
        "During the month, the administration also carried out random inspections of electric bicycles at 30 "
        "retailers.\n",
        ("date", "precision", "type"),
        [
            ("2022-09-02", "day", "launch_ceremony"),
            ("2022-09-01", "month", "inspection_supervision"),
        ],
        id="during-the-campaign-en",
    ),
    pytest.param(
        "今年“质量月”期间,文成县市场监管局主要做了三件事:第一,9月5日召开全县质量工作推进会;第二,9月13日在"
        "一所中学举办“质量进校园”科普讲座;第三,9月21日组织开展燃气具质量专项检查。",
        ("type",),
        [
            ("forum_conference",),
            ("training",),
            ("inspection_supervision",),
        ],
        id="ordinal-links",
    ),
    pytest.param(
        "2021年,永嘉县先后于3月15日举办消费者权益日宣传活动、5月20日开展世界计量日计量惠民服务、9月7日召开“质量月”活动启动大会。",
        ("date", "type", "organizer"),
        [
            ("2021-03-15", "publicity", "永嘉县"),
            ("2021-05-20", "service_consultation", "永嘉县"),
            ("2021-09-07", "launch_ceremony", "永嘉县"),
        ],
        id="days-enumerated-with-pause-mark",
    ),
    pytest.param(
        "Jiaxing wraps up Quality Month\n"
        "October 8, 2022\n"
        "The Jiaxing Administration for Market Regulation organized a range of activities during Quality Month. "
        "It held a quality forum for textile makers on September 6, opened its testing laboratory to 60 residents "
        "on September 14, and ran a skills contest for 80 quality inspectors on September 22.\n",
        ("date", "organizer"),
        [
            ("2022-09-06", "Jiaxing Administration for Market Regulation"),
            ("2022-09-14", "Jiaxing Administration for Market Regulation"),
            ("2022-09-22", "Jiaxing Administration for Market Regulation"),
        ],
        id="english-verb-led-dated-clauses",
    ),
    # a round-up item holding several events, in the campaign's month; a sentence that goes on
    # about the same kind of activity (培训邀请专家…) is the same event
    pytest.param(
        (
            "2023年“质量月”期间,南湖区市场监管局开展了系列活动。\n"
            "一、加强监管。组织开展燃气具产品专项检查,共检查销售单位20家。同时,对辖区8家加油站开展计量专项抽查。\n"
            "二、优化服务。举办质量管理培训班,60余名企业负责人参加。召开食品行业质量座谈会,10家企业参加。"
            "培训邀请省级专家开展授课。\n"
        ),
        ("date", "precision", "type", "participants"),
        [
            ("2023-09-01", "month", "inspection_supervision", None),
            ("2023-09-01", "month", "inspection_supervision", None),
            ("2023-09-01", "month", "training", 60),
            ("2023-09-01", "month", "forum_conference", 10),
        ],
        id="round-up-item-with-several-events",
    ),
    # another body's event told with 先后/分别 before its verb
    pytest.param(
        (
            "9月5日,2023年平湖市“质量月”活动启动仪式在市民中心举行。\n"
            "市质量协会先后举办首席质量官培训班和卓越绩效专题讲座,累计培训120人次。\n"
        ),
        ("type", "participants", "organizer"),
        [("launch_ceremony", None, "平湖市"), ("training", 120, "市质量协会")],
        id="another-body-held-in-turn",
    ),
    # an undated item of a review told as held in the campaign takes the campaign's month
    pytest.param(
        (
            "Review of the 2024 Safety Month\n"
            'In the 24th "Safety Production Month", our plant carried out the following activities.\n'
            "1. Safety knowledge contest\n"
            "We organized a safety knowledge contest for the employees in the canteen.\n"
            "2. Emergency drill\n"
            "On June 20, 2024, we held an emergency evacuation drill.\n"
        ),
        ("date", "precision", "type"),
        [("2024-06-01", "month", "competition"), ("2024-06-20", "day", "other")],
        id="review-items-in-the-campaign-month",
    ),
    # the meeting an item report's intro tells before its items is an event of its own
    pytest.param(
        (
            "昆山某电子有限公司2022年“质量月”活动总结\n"
            "9月1日,公司召开2022年“质量月”动员大会,全体中层干部参加。\n"
            "一、举办质量知识竞赛。9月15日,公司举办质量知识竞赛,12支队伍参赛。\n"
            "二、组织质量开放日。9月22日,公司邀请30名客户代表参观生产线。\n"
        ),
        ("date", "type"),
        [("2022-09-01", "launch_ceremony"), ("2022-09-15", "competition"), ("2022-09-22", "open_day")],
        id="intro-meeting-before-the-items",
    ),
    # an appointment told by its outcome: people who obtained the post's certificate
    pytest.param(
        (
            "2023年6月2日上午,嘉善县首席质量官培训班在县行政中心举行开班仪式。\n"
            "6月20日下午,参训的42名企业负责人经考试合格后,取得“首席质量官”资格证书。\n"
        ),
        ("date", "type", "participants"),
        [("2023-06-02", "training", None), ("2023-06-20", "appointment", 42)],
        id="appointment-told-by-its-outcome",
    ),
    # a connective before the body that names its own day
    pytest.param(
        (
            "9月12日上午,桐庐县2024年“质量月”活动启动仪式在迎春广场举行。\n"
            "此外,县市场监管局还于9月13日在县职教中心举办了小微企业质量管理培训,60名企业负责人参加。\n"
        ),
        ("date", "type", "participants"),
        [("2024-09-12", "launch_ceremony", None), ("2024-09-13", "training", 60)],
        id="connective-then-body-then-day",
    ),
    # a round-up item telling the same kind of event in two years, each with its own time
    pytest.param(
        (
            "桐乡市质量工作情况\n"
            "（一）品牌建设。2021年9月,桐乡市召开了质量品牌建设推进会;2022年9月,又召开了全市质量品牌提升大会,"
            "100家企业代表参加。\n"
            "（二）质量提升。2022年9月,市市场监管局举办小微企业质量管理培训班。\n"
        ),
        ("date", "precision", "type", "participants"),
        [
            ("2021-09-01", "month", "forum_conference", None),
            ("2022-09-01", "month", "forum_conference", 100),
            ("2022-09-01", "month", "training", None),
        ],
        id="two-years-in-one-item",
    ),
]


@pytest.mark.parametrize(("text", "fields", "expected"), EVENTS)
def test_each_event_of_a_text_is_one_record(text, fields, expected, gz):
    assert [_row(r, fields) for r in records(text, gz)] == expected


def test_side_events_keep_their_own_acting_body(gz):
    zh = (
        "9月3日上午,2021年新昌县“质量月”活动启动仪式在县行政中心举行,企业代表90余人参加。\n"
        "同日下午,县市场监管局联合县教育局对全县中小学食堂开展了食品安全专项检查。\n"
    )
    assert records(zh, gz)[1].organizer == "县市场监管局"
    lab = EVENTS_BY_ID["open-lab-on-the-day-named-before"]
    assert records(lab, gz)[1].organizer == "市计量测试所"
    en = records(EVENTS_BY_ID["same-day-side-events-en"], gz)
    assert en[1].organizer == en[0].organizer
    assert "Xinchang County Administration for Market Regulation" in en[0].organizer


EVENTS_BY_ID = {p.id: p.values[0] for p in EVENTS}


def test_space_aligned_table_is_one_record_per_row_with_its_count(gz):
    text = (
        "2021年某市各县“质量月”活动一览\n"
        "县区    时间    活动内容    参加人数\n"
        "南湖区    9月3日    质量月活动启动仪式    120\n"
        "秀洲区    9月7日    企业质量管理培训班    60\n"
        "海盐县    9月12日    重点产品质量监督抽查    \n"
    )
    got = records(text, gz)
    assert [(r.district, r.start_date.isoformat(), r.activity_type) for r in got] == [
        ("南湖区", "2021-09-03", "launch_ceremony"),
        ("秀洲区", "2021-09-07", "training"),
        ("海盐县", "2021-09-12", "inspection_supervision"),
    ]
    assert [r.participants for r in got] == [120, 60, None]
    assert got[0].participants_unit == "people"


def test_dash_line_closing_a_heading_is_not_an_item(gz):
    text = (
        "9月6日,某县举行2021年“质量月”质量知识竞赛,全县12支代表队参赛。\n——竞赛结果——\n一等奖由县供电公司代表队获得。\n"
    )
    assert len(records(text, gz)) == 1


def test_connectives_before_dated_clauses_split_the_events(gz):
    text = (
        "2022年9月,桐乡市市场监管局开展“质量月”系列活动。一方面,9月6日在市行政中心举办质量提升大会,"
        "200余人参加;另一方面,9月13日组织执法人员对全市加油站开展计量专项检查。与此同时,9月21日在一所"
        "中学开展质量科普进校园宣传活动,400余名师生参与。"
    )
    got = records(text, gz)
    dated = sorted(
        (r.start_date.isoformat(), r.activity_type, r.participants) for r in got if r.date_precision == "day"
    )
    assert dated == [
        ("2022-09-06", "forum_conference", 200),
        ("2022-09-13", "inspection_supervision", None),
        ("2022-09-21", "publicity", 400),
    ]


def test_plans_and_dates_before_the_body_are_no_further_event(gz):
    text = (
        "9月5日,某县召开2021年“质量月”工作推进会。\n"
        "县市场监管局将于9月20日举办质量知识竞赛。\n"
        "截至9月30日,全县共开展质量监督抽查120批次。\n"
    )
    assert len(records(text, gz)) == 1


def test_dated_chain_inside_a_numbered_item_is_one_record_per_link(gz):
    text = (
        "闵行区2021年“质量月”活动情况\n"
        "今年9月,闵行区市场监管局组织开展了形式多样的质量月活动,主要情况如下。\n"
        "(一)举办启动仪式。9月3日,在区会展中心举办“质量月”启动仪式,企业代表120余人参加。\n"
        "(二)强化质量宣传。一是9月10日在社区活动中心举办质量知识进社区宣传活动;二是9月17日组织开展"
        "“质量开放日”活动,邀请市民代表25人走进区计量所参观。\n"
        "(三)加强质量宣传。一是开展质量宣传,提高全民质量意识;二是组织质量培训,提升企业管理水平。\n"
    )
    got = records(text, gz)
    assert sorted((r.start_date.isoformat(), r.activity_type) for r in got if r.date_precision == "day") == [
        ("2021-09-03", "launch_ceremony"),
        ("2021-09-10", "publicity"),
        ("2021-09-17", "open_day"),
    ]
    # an undated chain spelling out an item's aims stays one item at most
    assert len(got) <= 4


def test_item_told_by_its_inspection_counts_is_a_record(gz):
    text = (
        "2022年“质量月”期间,诸暨市市场监管局扎实开展各项工作。\n"
        "一、聚焦重点促提升。围绕电动自行车、燃气具等重点产品强化质量监管。9月以来,共检查电动自行车销售单位38家,"
        "抽检产品12批次。\n"
        "二、强化服务优环境。举办小微企业质量管理培训班,80余名企业负责人参加。\n"
    )
    got = records(text, gz)
    assert sorted(r.activity_type for r in got) == ["inspection_supervision", "training"]


def test_counts_after_a_list_of_attending_groups(gz):
    meeting = "9月9日,2022年嘉兴市南湖区质量强区推进大会在区政务中心召开,区直部门、街道和企业负责人共150人参会。"
    got = records(meeting, gz)
    assert (got[0].participants, got[0].participants_unit, got[0].participants_qualifier) == (150, "people", "exact")
    launch = (
        "2024年9月3日,南湖区“质量月”活动启动仪式在区政务中心举行。活动由区市场监管局牵头,8个区级职能部门、"
        "5个街道办及2家下属单位负责人,部分企业代表参加了活动。"
    )
    got = records(launch, gz)
    assert (got[0].participants, got[0].participants_unit, got[0].participants_qualifier) == (
        15,
        "organizations",
        "at_least",
    )


def test_industry_of_government_work_aimed_at_factories_and_of_unclaimed_public_events(gz):
    inspection = "2022年9月,某县市场监管局对全县15家电动自行车生产企业开展产品质量专项检查。"
    assert records(inspection, gz)[0].industry == "manufacturing"
    publicity = "9月12日,2022年“质量月”宣传活动在文化广场举行,现场发放宣传资料2000余份。"
    assert records(publicity, gz)[0].industry == "mixed"


def test_service_taken_to_workplaces_and_brand_day_events_are_typed(gz):
    service = "2020年9月15日,某县市场监管局开展“计量服务进企业”活动,为企业免费校准仪器。"
    assert records(service, gz)[0].activity_type == "service_consultation"
    brand_day = "2021年中国品牌日系列活动5月10日在上海开幕。"
    assert records(brand_day, gz)[0].activity_type == "publicity"


def test_exhibitors_are_a_fairs_participants(gz):
    text = "9月16日,2023年海盐县品质消费节在县体育中心开幕,全县120余家企业参展,展示本地特色产品。"
    got = records(text, gz)
    assert (got[0].activity_type, got[0].participants, got[0].participants_unit, got[0].participants_qualifier) == (
        "publicity",
        120,
        "organizations",
        "at_least",
    )
