"""Date and place classes of session 12 (reader-dates12), found on the read sets corpus-7r, corpus-8 and
corpus-9 (classes and documents: /work/notes/misses-dates12.md); every text here is invented.

- a page's header line that holds its date among furniture — a site or paper name, the clock, keys with
  short values (来源:, 编辑:, 审核人:, Source:), a count of views, dashes around an English date — is the
  page's date line (corpus-8 811, 886, 853; corpus-9 9a31; dev corpora 226, 234). Without it an English
  report took the year a prize was founded in as its own (9a31).
- a first headline-like line that names no campaign, event, activity or place (a site's name or slogan,
  焦点图, 图片新闻, a column's name) is page furniture when a headline that names one follows before the
  body: that headline is the report's title, and with it the place of events the body does not place
  (corpus-8 870, corpus-9 9a19; the same furniture over 7r 7a33, 7a34, 7b17, 7b21, 7b30, 8 853, 898 and
  the dev corpora's 055).
- an observance's ordinal names its year as 第N个“质量月” does (第22个“世界计量日”: 2021, the first having
  been held in 2000; 世界标准日 1970, 中国品牌日 2017, 消费者权益日 1983, 世界知识产权日 2001), in a report that
  names no Quality Month; and 昨(20)日 with no page date in a report on the observance is that day of its
  month (7r 7b27, 7b28; 9 9a21; 8 902, 893). corpus-8's labels leave 833 and 834 (a 第49届世界标准日 and its
  sister report) undated: a convention the sets disagree on (reader-dates12.md).
- an activity nothing places (its sentence, paragraph, heading and title name no place, the models find
  none among the report's other events) is where the report says it is from in its title or date line
  (来源:某省质监局), unless it names a body of another level (市市场监管局 in a district's report): 8 862,
  873; 9 9a31 (its header's city). A place only the opening names is not enough (8 826 stays unplaced: the
  learned place model's tests hold the opening's place back), and a report naming no place leaves it empty.
"""

from __future__ import annotations

from datetime import date

import pytest

from etl.bulletins.cleaning import clean_paragraphs
from etl.bulletins.context import build_context
from etl.bulletins.dates import dateline_in, observance_ordinal_year
from tests.bulletins.reading import records


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Lakeside Daily   2022-10-14 09:40   Source:Evening Post", date(2022, 10, 14)),
        ("- Sep 3, 2019-", date(2019, 9, 3)),
        ("作者:网站编辑      2021-09-18 16:05:10     57", date(2021, 9, 18)),
        ("某某晚报 2019年09月12日 星期四", date(2019, 9, 12)),
        ("site:example.gov.cn 2017-09-20", date(2017, 9, 20)),
        ("2020-09-08 10:12:40 编辑: 张某 审核人:李某 阅读次数:873 |", date(2020, 9, 8)),
        # a date that opens an event or a sentence is no header
        ("2021年9月1日 某县启动仪式", None),
        ("2023-09-12 某局召开质量大会", None),
        ("9月22日,某市质量月活动启动", None),
        # a link to more pages is dated with theirs
        ("更多 >> 2022-09-10 08:15", None),
        ("2019年9月5日,某区举办质量开放日活动。", None),
        # a table's row: an item with its date
        ("2  2021.9.15  质量知识讲座  某区市场监管局", None),
        # two dates on the line: not one page's header
        ("某某日报 2021年10月28日 转载于 2020年08月21日", None),
        # a headline with its date and a long text left: not furniture
        ("某某区质量领域最高奖今天正式揭晓并表彰一批优秀企业和个人代表 2023-11-28", None),
    ],
)
def test_a_header_line_of_furniture_dates_the_page(line, expected):
    assert dateline_in(line) == expected


def test_an_english_report_takes_its_header_year_not_a_founding_year(gz):
    text = (
        "Eight companies win the province's quality prize\n"
        "Riverton News   2022-10-14 09:40   Source:Evening Post\n"
        "Eight companies have been given the provincial quality prize by the market regulator.\n"
        "The prize was set up in 2013 and is given every two years.\n"
        "A quality forum was held between Oct 11 and 12 in Hangzhou, where the winners spoke."
    )
    dates = {(r.start_date, r.date_precision) for r in records(text, gz)}
    assert (date(2022, 10, 11), "day") in dates
    assert not any(d and d.year == 2013 for d, _ in dates)


def test_a_chinese_page_header_dates_a_recent_event(gz):
    text = (
        "某公司开展质量月知识竞赛\n"
        "作者:网站编辑      2021-09-18 16:05:10     57\n"
        "为提高全员质量意识,在“质量月”期间,闵行区某公司举办质量知识竞赛,20支队伍参赛。"
    )
    assert [r.start_date.year for r in records(text, gz) if r.start_date] == [2021]


def _title(text: str, gz) -> str | None:
    ctx = build_context("t.txt", clean_paragraphs(text), None, gz)
    return ctx.title.text if ctx.title else None


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        # a site's slogan, then a breadcrumb, then the headline
        (
            "建设数字服务平台 服务实体经济发展\n您现在的位置:首页 > 地方新闻 > 文字新闻\n永康开展“质量月”系列活动",
            "永康开展“质量月”系列活动",
        ),
        ("焦点图\n联系我们\n某省“质量月”主题活动在三亚举办", "某省“质量月”主题活动在三亚举办"),
        ("某某新闻网\n湖州市举行质量开放日活动", "湖州市举行质量开放日活动"),
        # a first line that names a place or an activity is the title
        ("湖州质量工作纪实\n湖州市举行质量开放日活动", "湖州质量工作纪实"),
        ("三晋大地质量之风强劲\n某某网", "三晋大地质量之风强劲"),
        # furniture with nothing after it that names news: the first line stays
        ("新闻资讯\n一线传真", "新闻资讯"),
    ],
)
def test_page_furniture_gives_way_to_the_headline(head, expected, gz):
    text = head + "\n9月20日,某局在广场开展宣传,向市民发放资料300余份。"
    assert _title(text, gz) == expected


def test_an_event_the_body_does_not_place_takes_the_headlines_place(gz):
    text = (
        "焦点图\n"
        "联系我们\n"
        "某省2023年“质量月”系列之主题活动在三亚举办\n"
        "活动现场,4个质量基础设施一站式服务站点揭牌,省局负责人出席。"
    )
    assert [(r.city, r.start_date.year if r.start_date else None) for r in records(text, gz)] == [("三亚市", 2023)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("今年5月20日是第23个“世界计量日”", 2022),
        ("围绕第五十三个世界标准日主题", 2022),
        ("第7个“中国品牌日”到来之际", 2023),
        ("第十九个“5·20”世界计量日", 2018),
        ("the 24th World Metrology Day", 2023),
        ("第45个“质量月”", None),  # the campaign's ordinal is read where the campaign's year is
        ("世界计量日当天", None),
    ],
)
def test_an_observances_ordinal_names_its_year(text, expected):
    assert observance_ordinal_year(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the year only in the ordinal, the day told against a paper's undated issue
        (
            "本报讯 昨(20)日上午,由市市场监管局主办的“第23个世界计量日”主题宣传活动在湖州市人民广场举行。",
            [(date(2022, 5, 20), "day")],
        ),
        (
            "本报讯 5月20日,在第24个“世界计量日”来临之际,湖州市市场监督管理局在人民广场开展计量宣传活动。",
            [(date(2023, 5, 20), "day")],
        ),
        # a Quality Month report keeps the campaign's ordinal for its year
        (
            "今年9月是第45个“质量月”。9月6日,湖州市举行质量月启动仪式,第23个世界计量日的宣传成果同时展出。",
            [(date(2022, 9, 6), "day")],
        ),
    ],
)
def test_a_report_dated_by_its_observances_ordinal(text, expected, gz):
    assert [(r.start_date, r.date_precision) for r in records(text, gz)] == expected


_BACKGROUND = "全国“质量月”活动每年9月开展,旨在提高全民质量意识,营造人人关心质量的社会氛围。"


@pytest.mark.parametrize(
    ("source", "sentence", "expected"),
    [
        # the date line's source names the province; the body is written with 省 only
        (
            "时间:2016-09-30 来源:福建省质量技术监督局",
            "省标准化院:9月12日,组织专家深入试点单位检查标准实施情况,发现问题12个。",
            ("福建省", None, None),
        ),
        (
            "时间:2016-09-13 来源:阎良区政府网",
            "9月9日,由区政府办、区质量创建办主办的宣传咨询服务活动在千禧广场举行。",
            ("陕西省", "西安市", "阎良区"),
        ),
        # a body of another level: the city's bureau in a district's report is not placed there
        (
            "时间:2016-09-13 来源:阎良区政府网",
            "9月9日,市市场监管局在千禧广场开展宣传咨询服务活动。",
            (None, None, None),
        ),
    ],
)
def test_an_activity_nothing_places_is_where_the_date_line_says(source, sentence, expected, gz):
    text = f"{_BACKGROUND}\n{source}\n{sentence}"
    assert [(r.province, r.city, r.district) for r in records(text, gz)] == [expected]


def test_an_activity_nothing_places_is_where_the_report_is(gz):
    text = (
        "某某网\n"
        "福建省各级质监部门积极开展“质量月”活动\n"
        "时间:2016-09-30 来源:某某局\n"
        "省标准化院:9月12日,组织专家深入试点单位开展标准实施情况检查,发现问题12个。"
    )
    assert [(r.province, r.city, r.start_date) for r in records(text, gz)] == [("福建省", None, date(2016, 9, 12))]


def test_a_report_naming_no_place_leaves_the_place_empty(gz):
    text = "发布时间:2016-09-30\n9月20日,公司组织开展质量知识竞赛,20支队伍参赛。"
    assert [(r.province, r.start_date) for r in records(text, gz)] == [(None, date(2016, 9, 20))]
