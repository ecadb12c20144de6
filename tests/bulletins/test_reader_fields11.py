"""Field classes of issue 11, session 11 (reader-fields), found on corpus-8 (the session's development
set) and kept off the dev corpora's floors; every text here is invented. Classes and the corpus-8
documents that show them (the region and organiser classes found with them went to
reader-places, which owns those fields; see /work/notes/reader-coord.md):

- date: 于每年的9月 (a background paragraph on the campaign, the same in two reports) is a recurring
  statement, no date, as 每年9月 already was: 862, 873;
- date: 近日 / 近期 / 前不久 on a page past its first week was the page's month (labels 846, 891, 892);
  session 13's labelling convention C5 (/work/notes/CONVENTION13.md) relabelled those to the year, as
  the dev corpora have it (105, 044): outside the month of its campaign or observance, 近日 / 日前 give
  the page's year alone on any day of the page;
- date: a page dated two or more years after the campaign its text calls this year's (今年9月是第43个
  “质量月” on a page of 2022) is a repost: the days it tells are of the campaign's year (869; 851, a page
  of 2015 on 2008's campaign, was right already by its sentence's year). One year off is the writer's
  count (dev 127: 第42个 on a page of 2020), and 第一个“质量月” is history (817);
- date: an English report with no date line writes its year bare ("As of the end of August 2025"):
  the one year it writes is the report's, as 2025年 is in a Chinese one (889);
- date: the year an event's own sentence writes dates it when nothing else gives one — an edition's
  2013年度…观摩会 beside its 10月13日 (852; 2021年度…质量技术奖颁奖 is an award for the year before and
  gives none), 关于发布2025年…活动成果的通知 under a portal's 您的位置: line, which the page's year does not
  reach (878).
"""

from __future__ import annotations

from datetime import date

import pytest

from etl.bulletins.dates import find_dates
from tests.bulletins.reading import records


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“质量月”活动以多种形式于每年的9月在全国范围内开展", []),
        ("每年9月份在全国开展质量月活动", []),
        ("我国将每年5月10日设为中国品牌日", []),
        # a dated statement keeps its date
        ("2016年9月,某局在全市范围内开展质量月活动", [(2016, 9, None)]),
        ("今年的9月10日,某局举办开放日", [(None, 9, 10)]),
    ],
)
def test_a_recurring_month_is_no_date(text, expected):
    assert [(m.year, m.month, m.day) for m in find_dates(text)] == expected


def test_a_background_paragraph_on_the_campaign_is_no_event(gz):
    text = (
        "某区开展质量月宣传咨询活动\n发布时间:2016-09-12\n"
        "我国“质量月”活动是在政府部门的倡导下,以多种形式于每年的9月在全国范围内组织开展的质量宣传活动。\n"
        "9月9日,阎良区市场监管局在千禧广场举办质量宣传咨询服务活动。"
    )
    assert [(r.start_date.isoformat(), r.district) for r in records(text, gz)] == [("2016-09-09", "阎良区")]


@pytest.mark.parametrize(
    ("head", "sentence", "expected"),
    [
        (
            "发布时间:2016-06-18",
            "前不久,某公司组织项目负责人到闵行区参加工程质量观摩活动。",
            (date(2016, 1, 1), "year"),
        ),
        ("发布时间:2024-06-12", "近日,闵行区市场监管局举办质量提升培训。", (date(2024, 1, 1), "year")),
        ("某日报3月9日讯", "近期,闵行区市场监管局举办质量提升培训。", (date(2024, 1, 1), "year")),
        ("发布时间:2018-09-06", "近日,闵行区市场监管局举办质量提升培训。", (date(2018, 1, 1), "year")),
        ("发布时间:2015-10-15", "日前,闵行区市场监管局举办质量提升培训。", (date(2015, 1, 1), "year")),
        # a Quality Month report dated in October: the weeks before may be September
        ("发布时间:2022-10-12", "近日,闵行区市场监管局举办“质量月”质量提升培训。", (date(2022, 1, 1), "year")),
        # ... and one dated in September: the campaign's month
        ("发布时间:2022-09-18", "近日,闵行区市场监管局举办“质量月”质量提升培训。", (date(2022, 9, 1), "month")),
    ],
)
def test_recently_outside_its_campaigns_month_is_the_pages_year(head, sentence, expected, gz):
    if "讯" in head:
        text = f"闵行区举办培训\n2024年3月10日\n{head} {sentence}"
    else:
        text = f"闵行区举办培训\n{head}\n{sentence}"
    (rec,) = records(text, gz)
    assert (rec.start_date, rec.date_precision) == expected


@pytest.mark.parametrize(
    ("head", "body", "expected"),
    [
        # an aggregator's repost of a 2020 story (第43个 = 2020)
        (
            "时间:2022-11-16 01:24:41",
            "今年9月是第43个“质量月”。9月8日下午,合肥市市场监管局召开质量提升行动推进会。",
            date(2020, 9, 8),
        ),
        # the campaign's year written with its name, on a page of a later year
        ("02.11.2015  04:58", "9月1日,徐汇区召开“2008年徐汇区质量月活动开幕式”。", date(2008, 9, 1)),
        # the page of the campaign's own year: its year, as before
        ("时间:2020-09-10 08:00", "今年9月是第43个“质量月”。9月8日下午,合肥市市场监管局召开推进会。", date(2020, 9, 8)),
        # one year off is the writer's count, not a repost (第42个 on a page of 2020)
        ("时间:2020-09-01 10:49", "今年是第42个“质量月”。8月31日,合肥市市场监管局召开推进会。", date(2020, 8, 31)),
        # the first Quality Month is history, not this year's
        (
            "时间:2022-09-16 10:49",
            "世界上第一个“质量月”起源于日本。9月8日下午,合肥市市场监管局召开推进会。",
            date(2022, 9, 8),
        ),
        # a page of January about the December before: the year before, as before
        ("发布时间:2021-01-05", "12月28日,合肥市市场监管局召开质量工作会议。", date(2020, 12, 28)),
    ],
)
def test_a_repost_dates_its_days_by_the_campaign_it_names(head, body, expected, gz):
    (rec,) = records(f"合肥市召开推进会\n{head}\n{body}", gz)
    assert rec.start_date == expected


def test_an_english_report_without_a_date_line_takes_the_one_year_it_writes(gz):
    text = (
        "Nanjing hosts a quality meeting\n"
        "On the afternoon of September 16, the Nanjing market regulation bureau held a quality forum in "
        "Gulou District. As of the end of August 2025, the city had recalled 300 products."
    )
    (rec,) = records(text, gz)
    assert (rec.start_date, rec.date_precision) == (date(2025, 9, 16), "day")


def test_an_english_report_writing_two_years_names_none(gz):
    text = (
        "Nanjing hosts a quality meeting\n"
        "On the afternoon of September 16, the Nanjing market regulation bureau held a quality forum in "
        "Gulou District. Recalls rose from 2019 to 2024."
    )
    (rec,) = records(text, gz)
    assert rec.start_date is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "观摩会在施工现场举行\n10月13日,由市质安站举办的2013年度全市建筑工程质量观摩会在日照某中心施工现场举行。",
            [(date(2013, 10, 13), "day")],
        ),
        # an award for a year is given the year after: no year known
        ("颁奖大会举行\n5月10日,2021年度日照市质量技术奖颁奖大会在市政府举行。", [(None, None)]),
        # a notice's own sentences, read as headed sections of a portal page
        (
            "您的位置: 首页 >> 通知公告\n关于发布闵行区质量管理小组活动成果的通知\n各有关单位:\n"
            "依据有关指导意见,2024年闵行区质量协会组织开展了质量管理小组活动成果评价。",
            [(None, None), (date(2024, 1, 1), "year")],
        ),
    ],
)
def test_the_year_an_events_own_sentence_writes(text, expected, gz):
    assert [(r.start_date, r.date_precision) for r in records(text, gz)] == expected
