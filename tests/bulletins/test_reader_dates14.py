"""Date classes of session 14 (reader-dates14), found on the development sets 8, 9 and 11r; every text
here is invented. Classes and the documents that show them:

- a publishing system's property line left at the page's end: the page's date first, then its author,
  headline, counters and file name (2022-01-17 <author> <headline> 2 2 <paper> content_N.html 1 …). It
  is the page's date when the page has no date line of its own, and it is no event: 8 859 (日前 took
  the year of 2021-2022年度 instead of the page's 2022: record missed) and 11r 11b13 (日前 undated, while the
  line itself, repeating the headline, became a record dated that day);
- a site's story date followed by the reporter's credit, 某网海口9月10日消息(记者 王明), is the day the story
  was filed, as …讯(记者…) and …电(记者…) are (8 823, 846, 853, 890; 9 9a43; 11r 11a26): 11r 11b20 (the
  event's own 9月9日 follows it; the record took the 10th and was missed);
- an edition counted with 届 or 次 is an organisation's own Quality Month, not the country's (which is
  counted with 个 in every read document: 8 825, 854, 869, 872, 884, 908, 909; 9 9a02, 9a12, 9a30, 9a42;
  11r 11b09, 11b16, 11b20; dev 119, 127, 140): 11r 11a29 (a company's 第七届质量月, read as 1984: a day
  without a year was dated 1984-08-20; the label has no date) and 11a32 (a group's 第47次“质量月” of
  2022, which would read as 2024); 8 817 (日本…第一次“质量月”) is the same form, already no year (C6).
"""

from __future__ import annotations

from datetime import date

from etl.bulletins.cleaning import clean_paragraphs
from etl.bulletins.context import build_context
from etl.bulletins.dates import event_mention, find_dates, is_story_date
from tests.bulletins.reading import records


def _ctx(text: str, gz):
    return build_context("t.txt", clean_paragraphs(text), None, gz)


_AWARD = (
    "第B03版:行业新闻\n"
    "某市优质建筑工程奖名单揭晓\n"
    "本报讯(记者 李青) 日前,某市建筑业协会组织评选的2022-2023年度某市优质建筑工程奖获奖名单公布,"
    "共有56个项目获奖。\n"
    "该奖项是某市建筑工程质量的最高荣誉。\n"
    "据介绍,本次评选经过立项审核、专家现场复查和综合评审等环节。\n"
    "获奖项目涵盖公共建筑、住宅和市政工程。\n"
    "协会表示,将继续发挥评选的示范引领作用。\n"
)


def test_a_property_line_at_the_page_end_dates_the_page(gz):
    text = _AWARD + "2023-02-14 李青 某市优质建筑工程奖名单揭晓 3 3 某建筑报 content_20417.html 1 2 某市优质建筑\n"
    ctx = _ctx(text, gz)
    assert ctx.dateline == date(2023, 2, 14)
    (rec,) = records(text, gz)
    # 日前 on a page of February (no campaign month): the page's year (convention C5), not 2022-2023年度's 2022
    assert (rec.start_date.year, rec.date_precision) == (2023, "year")


def test_a_property_line_naming_the_headline_is_no_event(gz):
    text = (
        "分享\n\n某区气象局开展“质量月”宣传活动\n\n"
        "某区融媒讯(记者王强)为贯彻落实全国“质量月”活动部署,日前,某区气象局在中心广场开展了气象服务质量宣传活动。\n\n"
        "活动现场发放宣传资料500余份。\n\n"
        "工作人员向过往群众讲解了气象灾害防御知识。\n\n"
        "此次活动增强了群众的防灾减灾意识。\n\n"
        "某ICP备00000000号 | 地址:某区中心路1号\n\n"
        "2024-09-19 6 6 某区日报 某区气象局开展“质量月”宣传活动 /property-->\n"
    )
    ctx = _ctx(text, gz)
    assert ctx.dateline == date(2024, 9, 19)
    recs = records(text, gz)
    assert len(recs) == 1
    # 日前 on a page of 19 September about the Quality Month: that month (C5)
    assert (recs[0].start_date, recs[0].date_precision) == (date(2024, 9, 1), "month")


def test_a_dated_closing_line_that_is_no_page_record_is_left_to_the_text(gz):
    # a date opening a sentence-like line that names neither a page file nor the headline is not the page's record
    text = _AWARD + "2023-02-14 某协会召开理事会 会议由秘书长主持\n"
    assert _ctx(text, gz).dateline is None


def test_a_story_date_before_a_reporter_credit_is_the_story_date(gz):
    head = "某广播网南宁9月12日消息(记者 张丽)9月11日,某省“质量月”启动仪式在南宁举行。"
    first = find_dates(head)[0]
    assert is_story_date(first, head)
    assert event_mention(find_dates(head), head).day == 11
    (rec,) = records(head + "\n某省市场监管局局长出席并讲话。\n今年是全国第47个“质量月”。", gz)
    assert rec.start_date == date(2024, 9, 11)


def test_a_news_item_is_not_a_story_date(gz):
    # 消息 as a word of the sentence (the news of 9 September reached …) is no filing date
    text = "9月9日消息传来,某厂荣获省质量奖。"
    assert not is_story_date(find_dates(text)[0], text)


def test_an_organisations_own_numbered_quality_month_names_no_year(gz):
    text = (
        "8月18日下午,某药业集团召开第九届质量月誓师大会,集团各基地负责人共60余人参加。\n"
        "会上,集团质量总监介绍了本届质量月活动方案。"
    )
    ctx = _ctx(text, gz)
    assert ctx.ordinal_year is None
    # no year anywhere: the record keeps its place and no date (not 1986)
    assert all(r.start_date is None for r in records(text, gz))


def test_a_groups_47th_mobilisation_is_not_the_47th_national_campaign(gz):
    text = "某集团召开第47次“质量月”活动动员大会\n3月2日,某集团在总部召开第47次“质量月”活动动员大会。"
    assert _ctx(text, gz).ordinal_year is None


def test_the_countrys_count_still_names_its_year(gz):
    for text in (
        "今年9月是全国第46个“质量月”。9月5日,某区召开动员会。",
        "全国第四十五届“质量月”活动启动。9月2日,某区召开动员会。",
        "第45届全国“质量月”活动启动。9月2日,某区召开动员会。",
    ):
        assert _ctx(text, gz).ordinal_year in (2022, 2023), text


def test_several_dated_page_links_at_the_end_date_nothing(gz):
    # a list of other pages (date, headline, file) under the story is no property line of this page
    text = _AWARD + (
        "2022-12-01 某区召开建筑质量推进会 content_101.html\n"
        "2022-11-20 某市开展工地质量巡查 content_102.html\n"
        "2022-11-02 某协会举办质量培训 content_103.html\n"
    )
    assert _ctx(text, gz).dateline is None
