"""Rules that make the extractor generalise beyond the corpus it was written on.

Every text here is invented for the test. Each table row is one general form a bulletin can take
(a heading style, a way of stating attendance, a multi-event paragraph...), with the fields it
must yield; the negative tables pin the traps (counts that are not attendance, plans that are
not events).
"""

from __future__ import annotations

from datetime import date

import pytest

from etl.bulletins.cleaning import clean_paragraphs
from etl.bulletins.extract import split_sentences
from etl.bulletins.rules import classify_type
from tests.bulletins.reading import records


def brief(r):
    return (
        r.district or r.city or r.province,
        r.start_date,
        r.activity_type,
        r.participants,
        r.participants_unit,
        r.participants_qualifier,
    )


# ----------------------------------------------------------------------------------- headings
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 【区】 on its own line
        (
            "2021年“质量月”各区动态\n【普陀区】\n9月3日,普陀区举办质量管理培训,近60名企业代表参加。\n"
            "【虹口区】\n9月7日,虹口区开展计量惠民服务活动。",
            [
                ("普陀区", date(2021, 9, 3), "training", 60, "people", "approx"),
                ("虹口区", date(2021, 9, 7), "service_consultation", None, None, None),
            ],
        ),
        # 【short form】 followed by the section's first sentence
        (
            "2021年各区质量月活动\n【普陀】9月3日,区市场监管局举办质量管理培训,100余人参加。\n"
            "【虹口】9月7日,区市场监管局开展计量惠民服务活动。",
            [
                ("普陀区", date(2021, 9, 3), "training", 100, "people", "at_least"),
                ("虹口区", date(2021, 9, 7), "service_consultation", None, None, None),
            ],
        ),
        # place name and colon, then the text on the same line
        (
            "2022年“质量月”各区活动\n宝山:9月2日上午,宝山区举行升旗仪式,约80人参加。\n"
            "静安:9月20日,静安区市场监管局举办质量开放日活动。",
            [
                ("宝山区", date(2022, 9, 2), "flag_raising", 80, "people", "approx"),
                ("静安区", date(2022, 9, 20), "open_day", None, None, None),
            ],
        ),
        # district short form with a colon on its own line (the original form still works)
        (
            "2021年“质量月”各区动态\n普陀区:\n9月3日,普陀区举办质量讲座。\n虹口区:\n9月7日,虹口区举办质量论坛。",
            [
                ("普陀区", date(2021, 9, 3), "training", None, None, None),
                ("虹口区", date(2021, 9, 7), "forum_conference", None, None, None),
            ],
        ),
    ],
)
def test_heading_forms(text, expected, gz):
    assert [brief(r) for r in records(text, gz)] == expected


def test_colon_sentence_is_not_a_heading(gz):
    # "会议指出:" is speech, not a section: one record, not two.
    text = "2020年9月8日,嘉定区召开质量工作会议。\n会议指出:9月要开展质量宣传。\n会议要求:各单位抓好落实。"
    assert [brief(r)[:3] for r in records(text, gz)] == [("嘉定区", date(2020, 9, 8), "forum_conference")]


# ----------------------------------------------------------------------------------- list items
@pytest.mark.parametrize(
    "text",
    [
        "湘潭市2020年“质量月”安排如下:\n1. 9月3日,在湘潭市召开质量月启动会。\n2. 9月10日,举办质量培训班。\n3. 要加强组织领导。",
        "湘潭市2020年“质量月”安排如下:\n1.9月3日,在湘潭市召开质量月启动会。\n2.9月10日,举办质量培训班。\n3.要加强组织领导。",
        "湘潭市2020年“质量月”安排如下:\n(1)9月3日,在湘潭市召开质量月启动会。\n(2)9月10日,举办质量培训班。\n(3)要加强组织领导。",
    ],
)
def test_numbered_items_with_a_space_after_the_number(text, gz):
    got = [brief(r)[:3] for r in records(text, gz)]
    assert got == [("湘潭市", date(2020, 9, 3), "launch_ceremony"), ("湘潭市", date(2020, 9, 10), "training")]


@pytest.mark.parametrize(
    ("paragraph", "n"),
    [
        ("1. 9月3日,召开启动会。", 1),
        ("The forum was held on Sept. 14, 2022. It drew 80 people.", 2),
        ("Shanghai Chengtou Water Group Co. held a meeting. It was short.", 2),
        ("会议在9月3日召开。会后进行了参观。", 2),
    ],
)
def test_sentence_split(paragraph, n):
    assert len(split_sentences(clean_paragraphs(paragraph)[0])) == n


# ----------------------------------------------------------------------------------- several events
def test_further_dated_events_in_one_paragraph(gz):
    text = (
        "2023年9月12日,崇明区召开质量大会;9月15日,崇明区又举办质量开放日,60名市民参观;"
        "9月20日,区市场监管局组织质量培训,80人参加。"
    )
    assert [brief(r) for r in records(text, gz)] == [
        ("崇明区", date(2023, 9, 12), "forum_conference", None, None, None),
        ("崇明区", date(2023, 9, 15), "open_day", 60, "people", "exact"),
        ("崇明区", date(2023, 9, 20), "training", 80, "people", "exact"),
    ]


def test_further_event_takes_the_dateline_year(gz):
    text = (
        "发布时间:2021-09-15\n9月6日,鄞州区市场监管局举办质量论坛,近120名企业代表到场聆听;"
        "9月9日下午,区总工会又组织了质量知识竞赛,28支代表队参赛。"
    )
    assert [brief(r) for r in records(text, gz)] == [
        ("鄞州区", date(2021, 9, 6), "forum_conference", 120, "people", "approx"),
        ("鄞州区", date(2021, 9, 9), "competition", None, None, None),
    ]


@pytest.mark.parametrize(
    "text",
    [
        # a plan is not an event
        "2023年9月12日,崇明区召开质量大会,100余人参加。9月20日,崇明区将举办质量培训。",
        # the same date again is the same event
        "2023年9月12日,崇明区召开质量大会。9月12日下午,与会代表还观摩了企业质量展示。",
        # a date inside the sentence (not opening it) is a reference, not a new event
        "2023年9月12日,崇明区召开质量大会。会议回顾了自2021年9月1日起开展的质量提升培训工作。",
    ],
)
def test_no_further_event(text, gz):
    assert len(records(text, gz)) == 1


# ----------------------------------------------------------------------------------- participants
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2008年9月19日,卢湾区质量技术监督局召开座谈会,到会企业代表80人。", (80, "people", "exact")),
        ("2023年9月16日,武侯区举办质量开放日活动,线上线下累计参与3000多人次。", (3000, "person_times", "at_least")),
        ("2022年9月14日,长宁区召开质量大会,参会人数达300余人。", (300, "people", "at_least")),
        ("2022年9月14日,徐汇区举办质量论坛,观看直播的网友达1.2万人次。", (12000, "person_times", "exact")),
        ("2019年9月18日,涪城区开展质量月宣传活动,吸引了500余名市民驻足了解。", (500, "people", "at_least")),
        ("2022年9月5日,东莞市开展质量咨询服务活动,现场咨询群众300余人次。", (300, "person_times", "at_least")),
        ("2020年9月10日,德清县举办质量培训,五十余位企业负责人参加。", (50, "people", "at_least")),
        ("2019年9月26日,长沙市召开质量表彰大会,企业代表百余名参加大会。", (100, "people", "at_least")),
        (
            "On September 12th, 2024, Hangzhou held a quality forum. More than 300 people, including "
            "managers and engineers, attended the forum.",
            (300, "people", "at_least"),
        ),
        (
            "On June 3, 2022, a company in Foshan held a safety meeting. About 200 employees from the workshops, "
            "warehouse and logistics departments attended the meeting.",
            (200, "people", "approx"),
        ),
        (
            "On 5 September 2021, Wuxi held a quality open day which drew more than 1,000 visitors.",
            (1000, "people", "at_least"),
        ),
    ],
)
def test_attendance_counts(text, expected, gz):
    (r,) = records(text, gz)
    assert (r.participants, r.participants_unit, r.participants_qualifier) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2020年9月10日,德清县组织开展产品质量监督抽查,共抽查了35家企业。",
        "2020年9月10日,德清县开展质量宣传活动,发放资料2000份。",
        "2019年9月3日,株洲市召开质量月动员会,部署了20多项活动。",
        "2021年9月9日,鄞州区组织质量知识竞赛,28支代表队同台比拼。",
        "2019年9月26日,长沙市召开质量表彰大会,对5家组织和2名个人进行表彰。",
        "2013年9月9日,苏州市召开质量月启动仪式,十五个部门负责人及部分企业代表参加。",
        "On 9 September 2022, Xiangtan held a quality symposium. 15 department heads and some enterprise "
        "representatives attended.",
    ],
)
def test_counts_that_are_not_attendance(text, gz):
    (r,) = records(text, gz)
    assert r.participants is None


# ----------------------------------------------------------------------------------- activity type
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("在华新镇启动“提质增效”专项帮扶行动,组织专家诊断", "service_consultation"),
        ("正式启动质量宣传周活动", "publicity"),
        ("质量月活动正式启动", "launch_ceremony"),
        ("共同行动在上海启动", "launch_ceremony"),
        ("启动仪式暨质量培训", "launch_ceremony"),
        ("启动会上,专家开展咨询", "launch_ceremony"),
        ("启动质量提升行动", "launch_ceremony"),
        ("举行第四届质量管理小组成果发表赛", "competition"),
    ],
)
def test_launch_verb_and_its_object(text, expected):
    assert classify_type(text) == expected


# ----------------------------------------------------------------------------------- regions
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2020年9月8日,南京市鼓楼区举行质量月启动仪式。", ("江苏省", "南京市", "鼓楼区")),
        ("2020年9月8日,舟山市普陀区举行质量月启动仪式。", ("浙江省", "舟山市", "普陀区")),
        (
            "On 12 Sept 2023, a company held a Quality Month flag-raising ceremony at its plant in Kunshan, "
            "Jiangsu Province.",
            ("江苏省", "苏州市", "昆山市"),
        ),
        ("The forum was held in Jiangyin, Jiangsu on Sept. 14, 2022.", ("江苏省", "无锡市", "江阴市")),
        ("Datong District in Huainan held a quality open day on 20 Sept 2021.", ("安徽省", "淮南市", "大通区")),
        ("On 3 September 2020, Gulou District, Nanjing held a quality forum.", ("江苏省", "南京市", "鼓楼区")),
        ("On 3 September 2020, Nanjing Gulou District held a quality forum.", ("江苏省", "南京市", "鼓楼区")),
        (
            "On May 31, 2023, Rao Xiaoxi, deputy head of the Guiyang bureau, presided over a meeting.",
            ("贵州省", "贵阳市", None),
        ),
    ],
)
def test_region_with_its_parent(text, expected, gz):
    (r,) = records(text, gz)
    assert (r.province, r.city, r.district) == expected


# ----------------------------------------------------------------------------------- year
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("闵行区2021年质量工作会议召开\n8月31日,闵行区召开质量工作会议。", date(2021, 8, 31)),
        (
            "Minhang holds 2021 quality meeting\nOn August 31, Minhang District held a quality meeting.",
            date(2021, 8, 31),
        ),
        # two years in the title: neither is safe
        ("2020年和2021年质量工作回顾\n8月31日,闵行区召开质量工作会议。", None),
    ],
)
def test_year_from_the_title(text, expected, gz):
    (r,) = records(text, gz)
    assert r.start_date == expected
