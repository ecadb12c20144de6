"""Documents the reader gets wholly wrong (session 16, reader-silent16): a labelled page with no record. Every
text is invented for its class; the classes and the real bulletins that show them are in
/work/notes/reader-silent16.md on the team's machine."""

from __future__ import annotations

import pytest

from etl.bulletins import extract_text
from etl.bulletins.dates import years_written
from etl.evaluate import row_from_record


def _rows(text, gz):
    return [
        (r.activity_type, r.province, row_from_record("x", r).date) for r in extract_text(text, "t.txt", gz).records
    ]


# A month-long campaign named after 年度 is that year's, whatever it is called (2021年度“质量月”, and a school's
# 2024年度教风建设月): the page's only year dates the day told with it (11r 11b23; the 质量月 form 8 840, 9 9a07).
@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("11月20日,学院举办2024年度教风建设月开幕式", [2024]),
        ("2020年度“安全生产月”活动启动", [2020, 2020]),  # also an edition of an activity (_EDITION_YEAR)
        ("公司发布2022年度质量月报", []),  # a monthly report, not a campaign month
        ("会议审议了2022年度报告", []),
        ("完成2022年度1月至9月的考核", []),
    ],
)
def test_a_campaign_month_named_after_its_year(text, years):
    assert years_written(text) == years


def test_a_school_opening_its_campaign_month_of_a_year_is_dated(gz):
    # no place anywhere: the day and the 年度 year make it a record (it used to be dropped: neither place nor date)
    text = "11月20日,我院在图书馆报告厅举办2024年度教风建设月开幕式,全院教师参加。"
    assert _rows(text, gz) == [("launch_ceremony", None, "2024-11-20")]


def test_a_monthly_report_lends_no_year(gz):
    text = "3月5日,南京市市场监管局在鼓楼区召开质量工作会议,通报了2022年度质量月报的主要数据。"
    assert _rows(text, gz) == [("forum_conference", "江苏省", None)]


def test_an_activity_with_a_place_and_no_year_is_a_record_and_no_problem(gz):
    # kept with its date empty (session 15); the run writes each reader problem as a rejected row, so a record is none
    result = extract_text("9月26日,南京市首届质量知识竞赛在鼓楼区举行,全市20家企业参加。", "t.txt", gz)
    assert [(r.district, r.start_date) for r in result.records] == [("鼓楼区", None)]
    assert result.problems == []


def test_an_activity_with_neither_place_nor_date_stays_a_problem(gz):
    result = extract_text("9月26日,公司举办首届质量知识竞赛,各车间代表参加。", "t.txt", gz)
    assert result.records == []
    assert [getattr(reason, "code", reason) for _, reason in result.problems] == ["activity_no_region_date"]


def _codes(result):
    return [(loc, getattr(reason, "code", reason)) for loc, reason in result.problems]


def test_a_notice_whose_activities_are_all_planned_says_none_was_held(gz):
    # every activity the page names is one it plans: no record, and the reason says why (not "no activity found")
    text = (
        "关于开展2024年“质量月”活动的通知\n"
        "各区市场监管局:\n"
        "现将有关事项通知如下。\n"
        "一、各区要组织开展质量宣传咨询活动。\n"
        "二、各区要举办质量知识竞赛活动。\n"
    )
    result = extract_text(text, "t.txt", gz)
    assert result.records == []
    assert _codes(result) == [(None, "no_held_activity")]


def test_a_page_naming_no_activity_keeps_its_reason(gz):
    result = extract_text("质量是企业的生命,质量工作需要每一名员工共同努力。\n", "t.txt", gz)
    assert result.records == [] and _codes(result) == [(None, "no_activity")]
