"""Date classes of issue 11, session 13 (reader-dates13), found on the read sets 7r, 8, 9 and 10r; every
text here is invented. Classes and the documents that show them:

- a page whose header is longer than its first six lines (a portal's login box, menus, breadcrumb and
  column name before the headline) is dated by the one date line left before its story's first
  sentence: 10r 1104 and 1039, 7r 7b41 (English). Without it 1104's 2月13日 took the year its text
  writes elsewhere (an award's 2018年度) instead of the page's 2019. Several dates there are a list
  of other pages (dev corpus 008 has such a list after its story) and date nothing;
- a news site's story date, 某新闻网8月25日消息:, is the day the story was filed, as …讯 and …电 are,
  not the event's: 9 9a27 (日前 after it was dated 25 August; the label, under convention C5, is the
  year) and 8 907 (the event's own 7月20日 follows it);
- an observance's day stated before an event sentence that names no date (10月14日是世界标准日。/ "The
  State Council set May 10 as Brand China Day.") is a day of the calendar: it dates that event only
  when the event is held for that observance, and then to its month (8 893: …世界标准日来临之际,某局
  举办…, labelled 2024-10); any other event it does not date (9 9a32, labelled with the year);
- 最近, opening a sentence is 近日 (convention C5 names it with 近日/近期/前不久): 8 857, 10r 1011 (neither
  has a page date, so neither changes; on a dated page it takes C5's month or year);
- convention C6 (decided 10:41): an observance's ordinal names the year, the Safety Production Month's
  too (first held 2002: the 22nd is 2023). Its ordinal is written in 9 9a34 and 9a14 (English) and
  dev corpus-2 133, 231, 232, all of which also write the year (which stands), so no figure moves;
- C6 again: an organisation's own Nth quality month is no national ordinal. The first (第一个/第一次
  “质量月”) named 1978: 9 9a39 (今年是某局成立后开展的第一个“质量月”: the text's "this year's campaign",
  so a day without a year on a page of 2019 would have been dated 1978 as a repost) and 8 817 (the
  world's first, in Japan: history). Both also write their year, so no figure moves.
"""

from __future__ import annotations

from datetime import date

from etl.bulletins.cleaning import clean_paragraphs
from etl.bulletins.context import build_context
from etl.bulletins.dates import (
    event_mention,
    find_dates,
    is_story_date,
    observance_ordinal_year,
    states_observance,
)
from tests.bulletins.reading import records

_PORTAL = "\n".join(
    [
        "欢迎访问",
        "用户名:",
        "密码:",
        "登录  注册",
        "首页  新闻中心  政务公开  办事服务",
        "您现在的位置:首页 > 行业动态",
        "行业动态",
    ]
)


def _ctx(text: str, gz):
    return build_context("t.txt", clean_paragraphs(text), None, gz)


def test_a_date_line_after_a_long_page_header_dates_the_page(gz):
    text = (
        f"{_PORTAL}\n某电力公司获评市质量奖\n作者:李明  2021-03-04\n"
        "2月26日,某市召开质量大会,为获得2020年度市政府质量奖的企业颁奖。\n"
        "某电力公司自2019年起推行全面质量管理。\n"
        "该公司建立了覆盖全员的质量管理体系。\n"
        "下一步,该公司将继续提升供电服务质量。"
    )
    assert _ctx(text, gz).dateline == date(2021, 3, 4)
    (rec,) = records(text, gz)
    assert rec.start_date == date(2021, 2, 26)


def test_an_english_date_line_after_a_long_page_header(gz):
    text = (
        "Press Room\n\nTeasers for visitors...\n\nCity guide\n\nServices for residents...\n\nVideos\n\n"
        "View More\n\nCity launches its quality campaign\n\nApr 9, 2019\n\n"
        "The city government held a press conference on the quality campaign on April 2, officials said."
    )
    assert _ctx(text, gz).dateline == date(2019, 4, 9)


def test_dates_listed_before_the_story_are_other_pages(gz):
    text = (
        f"{_PORTAL}\n相关链接\n2021-03-04\n2020-11-20\n2020-06-08\n"
        "2月26日,某市人民政府公布了2020年度市政府质量奖获奖名单,某电力公司名列其中。"
    )
    assert _ctx(text, gz).dateline is None


def test_a_dated_link_to_another_story_before_this_one_is_no_date_line(gz):
    text = (
        f"{_PORTAL}\n相关新闻 某区召开质量大会 2021-03-04\n"
        "2月26日,某市召开质量大会,为获得2020年度市政府质量奖的企业颁奖。"
    )
    assert _ctx(text, gz).dateline is None


def test_a_date_after_the_story_begins_is_no_date_line(gz):
    text = (
        f"{_PORTAL}\n某区开展质量宣传\n"
        "9月6日,某区市场监管局在中心广场开展质量宣传活动,发放资料500余份。\n"
        "2021-09-08\n"
        "活动现场设置了咨询台,工作人员解答群众提问。\n"
        "群众纷纷表示受益匪浅,希望多举办此类活动。\n"
        "下一步,该局将继续开展质量宣传。\n"
    )
    assert _ctx(text, gz).dateline is None


def test_a_news_sites_story_date_is_not_the_events():
    text = "某新闻网6月12日消息:6月10日,某县召开质量工作会议。"
    (story, event) = find_dates(text)
    assert is_story_date(story, text) and not is_story_date(event, text)
    assert event_mention(find_dates(text), text) == event
    said = "6月12日消息称,某县召开质量工作会议。"  # 消息称: a report's content, no story line
    assert not is_story_date(find_dates(said)[0], said)


def test_recently_after_a_news_sites_story_date_is_the_pages_year(gz):
    text = "某县召开质量强县动员大会\n发布时间:2016-06-13\n某新闻网6月12日消息:日前,某县政府召开质量强县动员大会。"
    (rec,) = records(text, gz)
    assert (rec.start_date, rec.date_precision) == (date(2016, 1, 1), "year")


def test_an_observances_day_is_stated_in_chinese_and_english():
    for text in ("2024年10月14日是第五十五个“世界标准日”。", "The council set May 10 as “China Brand Day”."):
        (m,) = find_dates(text)
        assert states_observance(m, text)
    held = "On May 10, the bureau held a brand day event."
    assert not states_observance(find_dates(held)[0], held)


def test_an_event_held_for_an_observance_stated_before_it_is_in_its_month(gz):
    text = (
        "某区开展世界标准日宣传\n发布时间:2024-10-18\n"
        "2024年10月14日是第五十五个“世界标准日”。在“世界标准日”来临之际,某区市场监管局在中心广场举办标准化宣传活动。"
    )
    (rec,) = records(text, gz)
    assert (rec.start_date, rec.date_precision) == (date(2024, 10, 1), "month")


def test_an_observances_day_stated_before_another_event_does_not_date_it(gz):
    text = (
        "Bureau builds city brands\n\nUpdate : 2019-05-16\n\n"
        "Brands set companies apart. The State Council set May 10 as “Brand China Day” for them.\n\n"
        "In response, the Shanghai Municipal Bureau of Quality launched its Shanghai brand building campaign."
    )
    (rec,) = records(text, gz)
    assert (rec.start_date, rec.date_precision) == (date(2019, 1, 1), "year")


def test_zuijin_opening_a_sentence_is_recently(gz):
    assert [m.relative for m in find_dates("最近,某区举办质量培训。")] == ["recent"]
    assert find_dates("最近一次抽检合格率为98%。") == []
    campaign = "某区开展质量月宣传\n发布时间:2021-09-24\n最近,某区市场监管局在广场开展“质量月”宣传活动。"
    (rec,) = records(campaign, gz)
    assert (rec.start_date, rec.date_precision) == (date(2021, 9, 1), "month")


def test_the_safety_production_months_ordinal_names_its_year(gz):
    assert observance_ordinal_year("今年6月是第22个全国“安全生产月”") == 2023
    assert observance_ordinal_year("the 21st Safety Production Month") == 2022
    text = "某县开展安全生产月宣传\n6月16日,某县应急管理局在县城广场开展第22个全国“安全生产月”宣传咨询日活动。"
    (rec,) = records(text, gz)
    assert (rec.start_date, rec.date_precision) == (date(2023, 6, 16), "day")


def test_an_organisations_first_quality_month_names_no_year(gz):
    text = (
        "某局开展质量月活动\n发布时间:2023-09-20\n"
        "今年是某局成立后开展的第一个“质量月”。9月15日,某局在中心广场举办质量宣传活动。"
    )
    (rec,) = records(text, gz)
    assert (rec.start_date, rec.date_precision) == (date(2023, 9, 15), "day")
    # the national campaign's ordinal still names its year (a page of 2022 reposting 2020's days)
    text = "某局开展质量月活动\n发布时间:2022-09-20\n今年9月是第43个“质量月”。9月15日,某局在中心广场举办质量宣传活动。"
    (rec,) = records(text, gz)
    assert rec.start_date == date(2020, 9, 15)
