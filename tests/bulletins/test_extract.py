"""Segmentation and field extraction on invented bulletin snippets."""

from __future__ import annotations

from datetime import date

import pytest

from etl.bulletins import extract_text
from etl.bulletins.dates import dateline_in, find_dates
from etl.bulletins.extract import classify_sentence


def one(text, gz, **kw):
    result = extract_text(text, "t.txt", gazetteer=gz, **kw)
    assert len(result.records) == 1, result.records
    return result.records[0]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("9月4日,某区质量月活动协调会在区政府召开,区委宣传部等10个部门负责人参加", "forum_conference"),
        ("9月1日,某公司质量月开幕式暨升旗仪式在厂区举行", "flag_raising"),
        ("9月2日,某区启动仪式暨首席质量官培训开班仪式举行", "launch_ceremony"),
        ("日前,某高新区举办首期企业首席质量官颁证仪式", "appointment"),
        ("5月27日,质量技术奖颁奖暨质量创新大会在线举行", "award_commendation"),
        ("9月16日,县市场监管局举行以“检查无死角”为主题的现场宣传活动", "publicity"),
        ("9月26日,某区举办“质量月”主题活动,100余人参加活动", "other"),
        ("9月5日,市场监管局在质量培训中心召开座谈会", "forum_conference"),
        ("the company's kick-off meeting was held on May 25", "launch_ceremony"),
        ("the department organized a meeting in the training center on the first floor", "forum_conference"),
        ("presided over a work meeting dedicated to the commencement of the safety month", "launch_ceremony"),
        ("9月10日,某区组织企业代表开展“质量开放日”活动,旨在推广检查经验", "open_day"),
    ],
)
def test_activity_type(sentence, expected):
    assert classify_sentence(sentence) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9月4日,", (None, 9, 4)),
        ("2022年9月,", (2022, 9, None)),
        ("9 月 9日,", (None, 9, 9)),
        ("2015年9月1日,", (2015, 9, 1)),
        ("On May 31, the", (None, 5, 31)),
        ("on the morning of September 12th in", (None, 9, 12)),
        ("From March 11th to 14th, 2024,", (2024, 3, 11)),
        ("12 October 2021", (2021, 10, 12)),
    ],
)
def test_find_dates(text, expected):
    d = find_dates(text)[0]
    assert (d.year, d.month, d.day) == expected


@pytest.mark.parametrize("text", ["每年9月为全国质量月", "第46个质量月", "we may 5 times"])
def test_no_date(text):
    assert [d for d in find_dates(text) if d.relative is None] == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("发布时间:2017-07-27 点击数:", date(2017, 7, 27)),
        ("2019-09-12", date(2019, 9, 12)),
        ("Updated: 2023-06-07", date(2023, 6, 7)),
        ("2022年09月12日10:22 来源:省局", date(2022, 9, 12)),
        ("文章出处:http://example.gov.cn/art/2014/9/10/art_1.html", date(2014, 9, 10)),
        ("更多>2022-09-10", None),
        ("时政 中国质量新闻网 2017-05-06", date(2017, 5, 6)),  # a source line ending with its date
        ("2020年09月02日 星期三", date(2020, 9, 2)),  # a newspaper's date with the weekday
        ("9月4日,某区召开会议", None),
    ],
)
def test_dateline(line, expected):
    assert dateline_in(line) == expected


def test_year_from_dateline_and_relative_weekday(gz):
    r = one(" date 2024-09-04 news\nShanghai launched its Quality Month on Wednesday in Hongkou District.", gz)
    assert (r.district, r.start_date, r.date_precision, r.activity_type) == (
        "虹口区",
        date(2024, 9, 4),
        "day",
        "launch_ceremony",
    )


def test_no_year_means_no_date(gz):
    r = one("9月26日,徐汇区举办“质量月”主题活动,100余人参加活动。", gz)
    assert r.start_date is None and r.district == "徐汇区"
    assert (r.participants, r.participants_unit, r.participants_qualifier) == (100, "people", "at_least")


def test_former_district_keeps_original_name(gz):
    r = one("9月5日,2008年南汇区“质量月”启动仪式在惠南镇举行。", gz)
    assert r.district == "浦东新区" and r.region_original == "南汇区" and r.district_adcode == "310115"


def test_ordinal_campaign_year(gz):
    r = one(
        "September is the 46th Quality Month. The firm held a launching ceremony on September 12th in Xuhui "
        "District, Shanghai.",
        gz,
    )
    assert r.campaign == "quality_month" and r.campaign_year == 2023 and r.start_date == date(2023, 9, 12)


def test_partial_attendee_count_is_not_taken(gz):
    r = one("2013年9月9日,苏州市政府召开质量月启动仪式,十五个部门负责人及部分企业代表参加启动仪式。", gz)
    assert r.participants is None


def test_award_count_is_not_participants(gz):
    r = one("2023年10月18日,崇明区质量大会召开,对4家组织进行了表彰。", gz)
    assert r.participants is None and r.activity_type == "forum_conference"


def test_people_count_beats_organisations(gz):
    r = one("2022年9月2日,杨浦区举办质量论坛,41家企业的44名质量负责人参加论坛。", gz)
    assert (r.participants, r.participants_unit) == (44, "people")


def test_heading_sections_and_excerpt(gz):
    text = (
        "2019年9月,上海市各区开展质量月活动。\n宝山:质量提升\n9月10日,宝山区举办质量知识竞赛。\n"
        "普陀:优化服务\n9月11日,普陀区开展惠民咨询服务活动。"
    )
    res = extract_text(text, "t.txt", gazetteer=gz)
    got = [(r.district, r.start_date, r.activity_type, r.source_locator) for r in res.records]
    assert got == [
        ("宝山区", date(2019, 9, 10), "competition", "paragraph 3"),
        ("普陀区", date(2019, 9, 11), "service_consultation", "paragraph 5"),
    ]
    assert res.records[0].source_excerpt == "9月10日,宝山区举办质量知识竞赛。"


def test_numbered_items_become_records_only_when_concrete(gz):
    text = (
        "2022年9月,上海市开展了“质量月”活动。主要活动如下。\n1.举行质量奖表彰活动。\n2.推动质量提升工作。\n"
        "3.举办质量开放日活动。"
    )
    res = extract_text(text, "t.txt", gazetteer=gz)
    assert [r.activity_type for r in res.records] == ["award_commendation", "open_day"]
    assert all(r.city == "上海市" and r.date_precision == "month" for r in res.records)


def test_second_event_of_another_organiser(gz):
    text = "2015年9月1日,恒源祥质量月升旗仪式在无锡举行。\n开幕式后,恒源祥羊绒八厂召开了质量工作座谈会。"
    res = extract_text(text, "t.txt", gazetteer=gz)
    assert [(r.activity_type, r.organizer) for r in res.records] == [
        ("flag_raising", None) if res.records[0].organizer is None else ("flag_raising", res.records[0].organizer),
        ("forum_conference", "恒源祥羊绒八厂"),
    ]


def test_excerpt_is_original_traditional_text(gz):
    r = one("9月3日上午,嘉定區(qū)2020年“質(zhì)量月”啟動(dòng)儀式舉行。", gz)
    assert r.source_excerpt == "9月3日上午,嘉定區(qū)2020年“質(zhì)量月”啟動(dòng)儀式舉行。"
    assert r.district == "嘉定区" and r.start_date == date(2020, 9, 3)


def test_unreadable_file_is_a_problem(tmp_path):
    from etl.bulletins import extract_file

    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"not a zip")
    res = extract_file(bad)
    assert res.records == [] and res.problems and res.problems[0][0] is None and "broken.docx" in res.problems[0][1]


def test_gbk_text_file(tmp_path, gz):
    from etl.bulletins import extract_file

    f = tmp_path / "gbk.txt"
    f.write_bytes("2021年9月15日,闵行区召开质量论坛。".encode("gb18030"))
    [r] = extract_file(f, gz).records
    assert r.district == "闵行区" and r.source == "gbk.txt" and r.sources == ("gbk.txt",)
