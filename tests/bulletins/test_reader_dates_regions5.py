"""Date and region classes of issue 11, session 8 (readerdates), found on fold 2/5 once it could be
read and written again as invented bulletins in tests/fixtures/bulletins_readerdates31 (labels.csv
beside them), scored once before any rule: record F1 0.167, region 0.167, date 0.182 (12 labels,
12 documents); after 1.000. Classes (each in two or more corpus documents, or one and a style
common in these reports), with the rule that fixed it:

- r01, r03, r04, r06, r07 (corpus docs 117, 211, 220): 近日/日前/recently on a page dated in the
  month of the campaign the report is about (质量月: September) or of the observance day its title
  names (世界计量日: May) is that month; otherwise the year alone (corpus docs 105 and 044), whatever
  the page's day: labelling convention C5 of session 13 (/work/notes/CONVENTION13.md), which undid
  session 11's page's-own-month rule for pages past their first week (r02 is 2018 again).
  This is how the corpus labels every 近日 it has (five documents), stated once in
  ``dates._resolve_relative_in``; set rd20's v02 and heldout2's doc 24 were relabelled to it;
- r05, r06 (doc 117): a line that is only a day-first date with dots (28.09.2016  16:36) dates the
  page; r09 (doc 131): so does a short source name followed by a Chinese date (婺源新闻网 2021年9月17日);
- r07, r08 (doc 220): a headline ending with its date, (2006-09-18) or （2010-09-21）, over a
  repost's later 发布时间: the earlier of the page's own dates dates it;
- r09, r10 (doc 131; the style is in nine corpus documents): the report's own bureau written by
  its unit alone (由县市场监管局主办, 区市场监管局…) is the report's own county or district;
- r10 (and heldout2's doc 29; 计量惠民/质量惠民 are in four corpus documents and never the county):
  惠民 and 惠农 are words of these reports, not 惠民县 or 惠农区 (gazetteer stop list);
- r11, r12 (doc 211): Yichun's districts merged in 2019 (伊春区 and 美溪区 into 伊美区, 乌马河区 and
  翠峦区 into 乌翠区) are read as named before the change, like every unit of
  domain/former_county_units.csv.

Set rd32 (tests/fixtures/bulletins_readerdates32) was written after those rules to probe them in new
wording and scored once: record F1 0.706, region 0.706, date 0.706 (9 labels, 8 documents); after
0.941. It found two gaps in the same classes: an observance named in English (World Metrology Day)
gives its month too (``dates.observance_named``), and 永年县 (Handan, a district since 2016) was
missing from former_county_units.csv. Still missed: p04, whose only event is in its title (an open
day the body tells as 向市民开放实验室): the events stage gives no record.

Set rd33 (tests/fixtures/bulletins_readerdates33, 2 documents) is a robustness case found while
probing date forms, not a corpus class: a sentence opened by a numeric date (2022-09-16，… /
2023.9.15上午，…) was taken for a date line and its event lost (before 0.000, after 1.000); a date
followed by a sentence is now never a date line.

Set rd34 (tests/fixtures/bulletins_readerdates34, 3 English documents; the class is in readerevents'
set 13 too, w04 and w05): 都 in a place name is du, never dou (Liandu, Huadu, Yudu, Yidu, Duyun: 28
units were spelt Liandou, Huadou…), and an English place followed by its body in lower case (the
Tongxiang municipal government, the Yudu county government) is a place. Before 0.000, after 1.000
(readerevents' set 13: 0.750 -> 1.000).

Set rd35 (2 English documents): a possessive is not part of a name (Cixi's bureau, Taishun's county
government; Deqing's in a Huzhou story, readerevents' set 16 note): before 0.000, after 0.667. s01
gives no record at all (an English open day with no campaign word: events stage); its place is
checked below on its own.

Set rd36 (2 signed reports; readerevents' session 7 note: 今年 not read against a closing signature's
date): a report's date in Chinese numerals alone on its last lines (二〇二一年九月十七日) dates the
page, and 本月十日 (a day in Chinese numerals) is read like 本月10日. Before 0.000, after 1.000.

Set rd37 (8 documents, ordinary styles: a province's launch in its capital, a township station, a
wire story's bare day, 江北 settled by 宁波 in the title, 诸暨市市场监管局, 9月中旬, an English wire with
"on Tuesday", 日前 on an October page) was written after every rule above and scored once: 0.750,
the two misses being my own texts with no year anywhere (q03, q07); with a date line added to each,
1.000. No rule was written for it (same hand: weak evidence of generalization).

One label of another set was brought to the corpus convention for a province's own event: it is
placed where the text says it was held (doc 126: a provincial conference at 省人民大会堂 is Hangzhou),
and at the province only when the text names no venue (docs 127, 134, 214). So set 7's n01 L1
(浙江省“质量月”活动启动仪式在杭州举行) is 浙江省/杭州市, as the reader already gave, not 浙江省 alone.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from etl.bulletins import extract_file, extract_text
from etl.bulletins.dates import dateline_in, find_dates, observance_named
from etl.evaluate import row_from_record
from tests.bulletins.reading import place_date_labels

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
# set -> documents whose one event the events stage does not read (their places are checked on their own)
SETS = {
    "bulletins_readerdates31": set(),
    "bulletins_readerdates32": {"p04_dotted_dateline_event_day.txt"},
    "bulletins_readerdates33": set(),
    "bulletins_readerdates34": set(),
    "bulletins_readerdates35": {"s01_en_possessive_county_city.txt"},
    "bulletins_readerdates36": set(),
    "bulletins_readerdates37": set(),
}
CASES = [
    (name, doc) for name, missed in SETS.items() for doc in sorted(set(place_date_labels(FIXTURES / name)) - missed)
]


@pytest.mark.parametrize(("folder", "doc"), CASES)
def test_sets31_to_37_bulletins(folder, doc, gz):
    rows = [
        (r.region, r.date) for r in (row_from_record(doc, x) for x in extract_file(FIXTURES / folder / doc, gz).records)
    ]
    assert rows == place_date_labels(FIXTURES / folder)[doc]


@pytest.mark.parametrize(
    ("word", "relative"),
    [("本月十日", "day:10"), ("本月五日", "day:5"), ("本月二十六号", "day:26"), ("上月二十八日", "lastmonth:28")],
)
def test_this_month_day_in_chinese_numerals(word, relative):
    (m,) = find_dates(f"{word}，某局召开座谈会")
    assert m.relative == relative


def test_a_signature_date_in_chinese_numerals_dates_the_report(gz):
    text = "情况报告\n\n今年9月，我局开展了质量开放日活动。\n\n德清县市场监督管理局\n二〇二二年十月八日"
    result = extract_text(text, "t.txt", gazetteer=gz)
    assert result.text_stats["dateline"] == "2022-10-08"


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Cixi's Administration for Market Regulation invited residents", [("Cixi", "慈溪市")]),
        ("the office in Xi'an and Jing'an District's lab", [("Xi'an", "西安市"), ("Jing'an District", "静安区")]),
        ("In Huzhou, Deqing’s market regulation bureau", [("Huzhou", "湖州市")]),  # Deqing: two counties
    ],
)
def test_a_possessive_is_not_part_of_a_name(gz, text, names):
    assert [(m.surface, m.resolution.region.name_zh) for m in gz.find_all(text)] == names


def test_deqing_settled_by_huzhou_in_the_same_story(gz):
    text = "Deqing opens labs\nSeptember 14, 2022\n\nIn Huzhou, Deqing's market regulation bureau held a Quality Month forum on September 13."
    assert _one(text, gz).district == "德清县"


@pytest.mark.parametrize(
    ("name", "english"),
    [
        ("莲都区", "Liandu District"),
        ("都匀市", "Duyun"),
        ("成都市", "Chengdu"),
        ("曾都区", "Zengdu District"),
        ("南乐县", "Nanle County"),
        ("长子县", "Zhangzi County"),
        ("长沙市", "Changsha"),
    ],
)
def test_du_in_place_names(gz, name, english):
    (r,) = [r for r in gz.regions(include_former=False) if r.name_zh == name]
    assert r.name_en == english


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("World Metrology Day outreach", (5, 20)),
        ("marking World Standards Day with a seminar", (10, 14)),
        ("“世界计量日”宣传活动", (5, 20)),
        ("China Brand Day events", (5, 10)),
        ("a day of quality work", None),
    ],
)
def test_observance_named(text, expected):
    assert observance_named(text) == expected


def _one(text: str, gz):
    (rec,) = extract_text(text, "t.txt", gazetteer=gz).records
    return rec


@pytest.mark.parametrize(
    ("page", "about", "expected"),
    [
        ("2022-09-26", "“质量月”宣传活动", (date(2022, 9, 1), "month")),
        ("2022-10-08", "“质量月”宣传活动", (date(2022, 1, 1), "year")),  # the weeks before may be September
        # a report on no campaign: the year alone, on any day of the page (convention C5)
        ("2022-09-26", "企业座谈会", (date(2022, 1, 1), "year")),
        ("2022-09-05", "企业座谈会", (date(2022, 1, 1), "year")),
        ("2022-05-23", "“世界计量日”宣传活动", (date(2022, 5, 1), "month")),
        ("2022-06-02", "“世界计量日”宣传活动", (date(2022, 1, 1), "year")),
    ],
)
def test_recent_is_the_month_of_the_campaign_the_page_is_dated_in(gz, page, about, expected):
    text = f"某县开展活动\n发布时间：{page}\n近日，德清县市场监管局在县城广场开展{about}。"
    rec = _one(text, gz)
    assert (rec.start_date, rec.date_precision) == expected


def test_english_recently_in_the_campaign_month(gz):
    text = (
        "Quality Month in Tongxiang\nPosted: September 20, 2021\n\n"
        "Recently, the Tongxiang Administration for Market Regulation held a Quality Month forum for 50 firms."
    )
    rec = _one(text, gz)
    assert (rec.start_date, rec.date_precision) == (date(2021, 9, 1), "month")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("28.09.2016  16:36", date(2016, 9, 28)),
        ("05.09.2019", date(2019, 9, 5)),
        ("桐乡新闻网     2021年9月17日 16:20", date(2021, 9, 17)),
        ("28.09.2016 宣传活动在广场举行", None),  # a dated sentence, not a date line
        ("2021年9月17日上午，某局在广场开展宣传活动，发放资料。", None),
        ("2022-09-16，德清县市场监管局走进社区", None),  # a sentence goes on after the date
        ("2023.9.15上午，某局检定人员走进农贸市场检定电子秤", None),
        ("2022-09-16 10:21 来源：德清县人民政府", date(2022, 9, 16)),
        ("2022-09-16，浙江新闻客户端", date(2022, 9, 16)),  # a short source name after the date
    ],
)
def test_page_date_lines(line, expected):
    assert dateline_in(line) == expected


def test_a_reposted_page_is_dated_by_its_headline(gz):
    text = "某某：开展“质量月”宣传 (2009-09-14)\n发布时间:2013-06-20\n近日，安吉县质量技术监督局开展“质量月”宣传。"
    rec = _one(text, gz)
    assert (rec.start_date, rec.date_precision) == (date(2009, 9, 1), "month")


def test_a_later_headline_date_does_not_move_an_earlier_page_date(gz):
    text = "发布时间:2019-09-12\n质量月咨询活动举行 2019-09-30\n近日，安吉县市场监管局开展“质量月”咨询活动。"
    rec = _one(text, gz)
    assert rec.start_date.year == 2019


@pytest.mark.parametrize(
    ("text", "district"),
    [
        ("德清新闻网 2021年9月17日\n9月17日，由县市场监管局主办的“质量月”宣传活动在社区举行。", "德清县"),
        ("来源：北仑区融媒体中心\n9月14日，区市场监管局检定人员走进菜市场为商户检定电子秤。", "北仑区"),
    ],
)
def test_own_bureau_named_by_its_unit_alone(gz, text, district):
    assert _one(text, gz).district == district


@pytest.mark.parametrize(
    "text",
    [
        # 市市场监管局 in a district's report is the city's bureau, not the district
        "来源：北仑区融媒体中心\n2023年9月14日，市市场监管局检定人员走进菜市场为商户检定电子秤。",
        # a zone's bureau is not the county's
        "德清新闻网 2021年9月17日\n9月17日，高新区市场监管局在社区开展“质量月”宣传活动。",
    ],
)
def test_a_bureau_of_another_unit_is_not_the_report_s_own(gz, text):
    rec = _one(text, gz)
    assert rec.district is None


@pytest.mark.parametrize("word", ["计量惠民服务", "质量惠民行动", "惠农政策宣讲"])
def test_hui_min_is_a_word_not_a_county(gz, word):
    assert gz.find_all(f"区市场监管局开展{word}活动") == []


def test_hui_min_county_in_full_is_still_found(gz):
    (m,) = gz.find_all("惠民县市场监管局开展质量月活动")
    assert m.resolution.region.name_zh == "惠民县"


@pytest.mark.parametrize(
    ("text", "district", "adcode"),
    [
        ("2016年9月6日，伊春市美溪区召开“质量月”启动会。", "美溪区", "230708"),
        ("2018年9月10日，伊春市乌马河区市场监管局开展宣传活动。", "乌马河区", "230711"),
        ("2021年9月10日，伊春市伊美区市场监管局开展宣传活动。", "伊美区", "230717"),
        ("2021年9月10日，伊春市伊春区开展宣传活动。", "伊美区", "230717"),  # after the merger: its successor
        ("2008年9月2日，永年县质量技术监督局召开动员大会。", "永年县", "130429"),
        ("2018年9月2日，邯郸市永年区市场监管局召开动员大会。", "永年区", "130408"),
    ],
)
def test_yichun_districts_read_as_in_their_year(gz, text, district, adcode):
    rec = _one(text, gz)
    assert (rec.district, rec.district_adcode) == (district, adcode)
