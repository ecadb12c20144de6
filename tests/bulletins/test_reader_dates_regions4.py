"""Date and region classes of issue 11, session 7 (readerdates): invented bulletins in styles the
corpus lacks, in tests/fixtures/bulletins_readerdates18 (labels.csv beside them), scored once before
any rule: record F1 0.533, region 0.533, date 0.533 (16 labels, 12 documents). Classes and the rule
that fixed each (each class is in two or more bulletins of the sets, old or new):

- x05, x11, x12 and set rd3's d15: a prefecture-level city renamed (襄樊市 -> 襄阳市 2010, 思茅市 ->
  普洱市 2007) or abolished (the prefecture 巢湖市, 2011) is read as named before the change
  (domain.gazetteer.FORMER_PREFECTURES, `Gazetteer.prefecture_as_named`), in Chinese and English;
- x10, x04: a page's credit and date closed in one bracket at its end (（编辑:李明 2022年9月20日）)
  is its date line, so 昨天 and 今年 count from it;
- x03: a wire release's story date (NINGBO, Zhejiang, Sept. 11, 2023 /Local Wire/ --) is the day it
  was filed, not the event's ("on Friday, Sept. 8");
- x08: a series dated by its first session (2023年9月以来…先后举办3期…首期于9月8日开班): a day later
  in the sentence, in the month named first, is when it started.
x01, x02, x06 and x09 passed already and are guards (WeChat lines with emoji, a table of district
activities, 朝阳区 told apart by 北京市 further down, Taizhou by "Jiangsu" and its US date).
Still missed (events stage, readerevents): x04's second event after a background one from the year
before, and x07's planned forum (还将举办) that the labelling guide counts as a concrete event.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from etl.bulletins import extract_file, extract_text
from etl.bulletins.cleaning import clean_paragraphs
from etl.bulletins.dates import event_mention, find_dates, is_story_date
from etl.evaluate import row_from_record
from tests.bulletins.reading import place_date_labels

FOLDER = Path(__file__).resolve().parents[1] / "fixtures" / "bulletins_readerdates18"
# Events-stage misses (see the module docstring): checked record by record below instead.
PARTLY_MISSED = {"x04_roundup_two_years.txt", "x07_planned_event_later.txt"}


def _labels() -> dict[str, list[tuple[tuple[str, str, str], str]]]:
    return place_date_labels(FOLDER)


def _rows(doc: str, gz) -> list[tuple]:
    return [(r.region, r.date) for r in (row_from_record(doc, x) for x in extract_file(FOLDER / doc, gz).records)]


@pytest.mark.parametrize("doc", sorted(set(_labels()) - PARTLY_MISSED))
def test_set18_bulletins(doc, gz):
    assert _rows(doc, gz) == _labels()[doc]


@pytest.mark.parametrize("doc", sorted(PARTLY_MISSED))
def test_set18_what_is_read_of_the_partly_missed_bulletins_is_right(doc, gz):
    rows = _rows(doc, gz)
    assert rows and all(r in _labels()[doc] for r in rows), rows


@pytest.mark.parametrize(
    ("text", "year", "city", "adcode"),
    [
        ("2008年9月10日，襄樊市质量技术监督局召开动员会。", 2008, "襄樊市", "420600"),
        ("2005年9月8日，思茅市质量技术监督局举行启动仪式。", 2005, "思茅市", "530800"),
        ("2009年9月16日，巢湖市质量技术监督局召开会议。", 2009, "巢湖市", "341400"),
        ("Xiangfan (Hubei), September 17, 2009 -- The Xiangfan Bureau held a seminar.", 2009, "襄樊市", "420600"),
    ],
)
def test_former_prefecture_read_as_named_before_the_change(gz, text, year, city, adcode):
    (rec,) = extract_text(text, "t.txt", gazetteer=gz).records
    assert (rec.city, rec.city_adcode, rec.district, rec.start_date.year) == (city, adcode, None, year)


@pytest.mark.parametrize(
    ("text", "city", "district"),
    [
        ("2012年9月10日，襄樊市质监局召开会议。", "襄阳市", None),  # after the change: the successor
        ("2009年9月8日，思茅市质监局举行启动仪式。", "普洱市", None),
        ("2015年9月16日，巢湖市市场监管局召开会议。", "合肥市", "巢湖市"),  # the county-level city
    ],
)
def test_former_prefecture_after_the_change_is_its_successor(gz, text, city, district):
    (rec,) = extract_text(text, "t.txt", gazetteer=gz).records
    assert (rec.city, rec.district) == (city, district)


def test_prefecture_as_named_needs_the_year(gz):
    m = next(iter(gz.find_all("襄樊市质监局")))
    assert gz.prefecture_as_named(m, None) is None
    assert gz.prefecture_as_named(m, 2009) == ("襄樊市", "420600")
    assert gz.prefecture_as_named(m, 2010) is None


def test_simao_short_form_stays_the_district(gz):
    assert gz.resolve("思茅").region.name_zh == "思茅区"
    assert gz.resolve("思茅市").region.name_zh == "普洱市"


@pytest.mark.parametrize(
    ("closing", "day"),
    [
        ("（编辑：李明  2022年9月20日）", date(2022, 9, 19)),
        ("（某区市场监管局 2022年9月20日）", date(2022, 9, 19)),
        ("【责任编辑:王芳 2022-09-20】", date(2022, 9, 19)),
    ],
)
def test_credit_and_date_in_one_closing_bracket_date_the_page(gz, closing, day):
    text = f"某区举办开放日\n\n昨天下午，南昌市青山湖区市场监管局举办“质量月”计量开放日活动。\n\n{closing}"
    (rec,) = extract_text(text, "t.txt", gazetteer=gz).records
    assert rec.start_date == day


@pytest.mark.parametrize(
    "head",
    [
        "NINGBO, Zhejiang, Sept. 11, 2023 /Local Wire/ -- The district",
        "HANGZHOU, China, September 11, 2023 /PRNewswire/ -- The district",
    ],
)
def test_wire_release_date_is_a_story_date(head):
    dm = find_dates(head)[0]
    assert (dm.month, dm.day) == (9, 11) and is_story_date(dm, head)


def test_wire_release_event_day_is_the_weekday_date(gz):
    text = (
        "NINGBO, Zhejiang, Sept. 11, 2023 /Local Wire/ -- The Yinzhou District Administration for Market "
        "Regulation held a Quality Month open day on Friday, Sept. 8."
    )
    (rec,) = extract_text(text, "t.txt", lang="en", gazetteer=gz).records
    assert rec.start_date == date(2023, 9, 8)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("2023年9月以来，县局先后举办3期培训班，首期培训班于9月8日开班", (2023, 9, 8)),
        ("2022年9月起，区局开展系列活动，首场活动9月3日在万达广场举行", (2022, 9, 3)),
        ("2023年9月，区局举办论坛，10月8日又召开推进会", (2023, 9, None)),  # another month: not a refinement
        ("2023年9月，区局举办论坛", (2023, 9, None)),
    ],
)
def test_a_day_later_in_the_month_named_first_dates_the_start(sentence, expected):
    dm = event_mention(find_dates(sentence), sentence)
    assert (dm.year, dm.month, dm.day) == expected


# Set 19 (tests/fixtures/bulletins_readerdates19): scored once before its rules: record F1 0.267,
# region 0.267, date 0.286 (8 labels). z06 first had no year anywhere (no reader could date it): its
# text now writes 2023年. Classes and rules:
# - z01, z02, z07 and read-fold doc 126: a province's own venue (在省人民会堂, 在省会议中心, "at the
#   Hubei Provincial People's Hall") stands in its capital (places._provincial_venue, and
#   Gazetteer.capital: GB/T 2260 numbers the capital first, xx0100);
# - z03: a closing date line with its weekday (2023年9月15日（星期五）) dates the page, so 今日 is that day.
# z05, z06, z08 passed already (上周五 from a 发布时间 line, 鼓楼区 told apart by a closing 供稿 line,
# a WeChat post whose only date is a bare date-and-time line). Still missed: z04, an emoji notice whose
# event is only in its title (活动预告｜…计量开放日 with 时间:/地点: lines): the events stage finds no event.
FOLDER19 = Path(__file__).resolve().parents[1] / "fixtures" / "bulletins_readerdates19"
STILL_MISSED19 = {"z04_wechat_emoji_notice.txt"}


def _labels19() -> dict[str, list[tuple[tuple[str, str, str], str]]]:
    return place_date_labels(FOLDER19)


@pytest.mark.parametrize("doc", sorted(set(_labels19()) - STILL_MISSED19))
def test_set19_bulletins(doc, gz):
    rows = [(r.region, r.date) for r in (row_from_record(doc, x) for x in extract_file(FOLDER19 / doc, gz).records)]
    assert rows == _labels19()[doc]


def test_capital_is_the_first_city_of_its_province(gz):
    assert gz.capital("330000").name_zh == "杭州市"
    assert gz.capital("450000").name_zh == "南宁市"
    assert gz.capital("650000").name_zh == "乌鲁木齐市"
    assert gz.capital("310000") is None  # a municipality is its own city
    assert gz.capital("330100") is None  # not a province


@pytest.mark.parametrize(
    ("text", "lang", "city"),
    [
        ("9月6日上午，湖南省质量工作大会在省人民会堂召开。", None, "长沙市"),
        ("2021年9月2日，江苏省“质量月”活动启动仪式在省会议中心举行。", None, "南京市"),
        ("8月9日下午15時,浙江省質量大會在省人民大會堂隆重召開。", None, "杭州市"),  # traditional
        (
            "WUHAN, Sept. 8, 2022 -- The Hubei Provincial Quality Conference was held at the Hubei Provincial "
            "People's Hall on Wednesday, Sept. 7.",
            "en",
            "武汉市",
        ),
    ],
)
def test_a_provincial_venue_is_in_the_capital(gz, text, lang, city):
    (rec,) = extract_text(f"2022年质量工作\n\n{text}", "t.txt", lang=lang, gazetteer=gz).records
    assert (rec.city, rec.district) == (city, None)


@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("9月6日，宁波市质量工作会议在市会议中心召开。", "宁波市"),  # a city's venue: the city named
        ("9月6日，湖南省质量工作大会在长沙召开。", "长沙市"),  # the place is written
        ("9月6日，湖南省市场监管局召开质量工作会议。", None),  # no venue: the province
    ],
)
def test_no_provincial_venue_no_capital(gz, text, city):
    (rec,) = extract_text(f"2022年质量工作\n\n{text}", "t.txt", gazetteer=gz).records
    assert rec.city == city


@pytest.mark.parametrize(
    "closing",
    ["2023年9月15日（星期五）", "2023年9月15日 星期五", "2023-09-15（周五） 16:30"],
)
def test_closing_date_with_its_weekday_dates_the_page(gz, closing):
    text = f"南山区举办质量开放日\n\n今日上午，深圳市南山区市场监管局举办“质量月”开放日活动。\n\n{closing}"
    (rec,) = extract_text(text, "t.txt", gazetteer=gz).records
    assert rec.start_date == date(2023, 9, 15)


# Set 20 (tests/fixtures/bulletins_readerdates20): ordinary bulletins in less usual wording, scored
# once before any rule: record F1 0.818, region 0.818, date 0.857 (11 labels). v02 (日前 under a
# 发布日期 line) was first labelled 2022-09, then 2022 after read-fold doc 105 (近日, a May page, year
# only); with fold 2/5 read (session 8) the corpus convention is plain: 近日 on a page dated in the
# month of the campaign the report is about is that month (docs 117, 211), else the year (105, 044),
# so its label is 2022-09 again (see test_reader_dates_regions5). The one class it exposed:
# - v10 and set rd18's x01: a WeChat line that is only a time (9月中旬, 🎉9月12日上午) opens the broken
#   sentence below it. The fixed pattern of forms (cleaning._DATE_ONLY) became one check: the date
#   reader's mentions and words for a part of the day or month cover the line (cleaning._is_time_only).
FOLDER20 = Path(__file__).resolve().parents[1] / "fixtures" / "bulletins_readerdates20"


def _labels20() -> dict[str, list[tuple[tuple[str, str, str], str]]]:
    return place_date_labels(FOLDER20)


@pytest.mark.parametrize("doc", sorted(_labels20()))
def test_set20_bulletins(doc, gz):
    rows = [(r.region, r.date) for r in (row_from_record(doc, x) for x in extract_file(FOLDER20 / doc, gz).records)]
    assert rows == _labels20()[doc]


@pytest.mark.parametrize(
    ("first", "expected"),
    [
        ("9月中旬", (date(2023, 9, 1), "month")),
        ("9月下旬", (date(2023, 9, 1), "month")),
        ("9月12日上午", (date(2023, 9, 12), "day")),
        ("✨前天下午", (date(2023, 10, 6), "day")),
        ("2023年9月12日下午", (date(2023, 9, 12), "day")),
    ],
)
def test_a_line_that_is_only_a_time_opens_the_broken_sentence(gz, first, expected):
    text = (
        f"质量月回顾\n温岭市场监管 2023-10-08 17:40 发表于浙江\n\n{first}\n温岭市市场监管局联合市质量协会\n"
        "举办了首席质量官能力提升培训班\n80余名企业质量负责人参加"
    )
    (rec,) = extract_text(text, "t.txt", gazetteer=gz).records
    assert (rec.start_date, rec.date_precision) == expected


@pytest.mark.parametrize(
    ("line", "paragraphs"),
    [
        ("9月中旬", 1),
        ("🎉9月12日上午", 1),
        ("2019年09月06日", 2),  # a date line, not a fragment
        ("质量月", 2),
        ("9月12日,区局举办培训", 2),
        ("9月12日至15日期间的活动安排如下表格所列共计十项内容", 2),  # too long to be a fragment
    ],
)
def test_only_a_line_that_is_only_a_time_is_joined(line, paragraphs):
    assert len(clean_paragraphs(f"{line}\n区市场监管局举办质量培训")) == paragraphs


# Set 21 (tests/fixtures/bulletins_readerdates21): Chinese and English date forms. First scored at
# 0.800 (8 documents); u08's label was my error (the 44th Quality Month is 2021: the 1st was 1978)
# and is corrected; u09 was added for the class below and scored on the code before its rule: with
# both, 0.818 before (9 documents, 11 labels), 1.000 after. The class:
# - u01, u09: a day range with one 日 for both days (9月12-14日, 9月17-18日) starts on the first day
#   (dates._ZH_DATE). 本月16日, 次日, 同日, 2021.9.15 in a title, Sept. 14-15 and 9月28日至10月9日 passed
#   already and are guards.
FOLDER21 = Path(__file__).resolve().parents[1] / "fixtures" / "bulletins_readerdates21"


def _labels21() -> dict[str, list[tuple[tuple[str, str, str], str]]]:
    return place_date_labels(FOLDER21)


@pytest.mark.parametrize("doc", sorted(_labels21()))
def test_set21_bulletins(doc, gz):
    rows = [(r.region, r.date) for r in (row_from_record(doc, x) for x in extract_file(FOLDER21 / doc, gz).records)]
    assert rows == _labels21()[doc]


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2023年9月12-14日", (2023, 9, 12), (9, 14)),
        ("9月17至18日", (None, 9, 17), (9, 18)),
        ("9月20~21号", (None, 9, 20), (9, 21)),
        ("9月12日至14日", (None, 9, 12), (9, 14)),
    ],
)
def test_a_day_range_with_one_day_word(text, start, end):
    (dm,) = find_dates(text)
    assert ((dm.year, dm.month, dm.day), (dm.end_month, dm.end_day)) == (start, end)


@pytest.mark.parametrize("text", ["9月12-14", "第9月12-14期"])
def test_no_day_without_a_day_word(text):
    assert all(dm.day is None for dm in find_dates(text))


# Set 22 (tests/fixtures/bulletins_readerdates22): places. Scored once before its rules: record F1
# 0.500, region 0.600, date 0.500 (6 labels). Classes and rules:
# - r01 (and set rd19's z06, read by an older rule): a district several cities have (鼓楼区, Gulou
#   District) is settled by the rest of the report when exactly one of them lies in a city it names
#   anywhere, even by a name two cities share (FUZHOU: 福州 or 抚州). Gazetteer.find_all reports the
#   names it leaves ambiguous; places._settled_by_document intersects them with the report's places;
# - r03, r04: a city's one-character name where the event is held (在沪举行, 在甬举行):
#   domain.gazetteer.CITY_ONE_CHAR_NAMES.
# r02 (城关镇, a town, not Lanzhou's 城关区), r05 (新华书店) and r06 (长安汽车…渝北工厂) passed already.
FOLDER22 = Path(__file__).resolve().parents[1] / "fixtures" / "bulletins_readerdates22"


def _labels22() -> dict[str, list[tuple[tuple[str, str, str], str]]]:
    return place_date_labels(FOLDER22)


@pytest.mark.parametrize("doc", sorted(_labels22()))
def test_set22_bulletins(doc, gz):
    rows = [(r.region, r.date) for r in (row_from_record(doc, x) for x in extract_file(FOLDER22 / doc, gz).records)]
    assert rows == _labels22()[doc]


def test_find_all_reports_the_names_it_leaves_ambiguous(gz):
    shared: list = []
    assert gz.find_all("鼓楼区市场监管局举办培训", ambiguous=shared) == []
    ((start, end, surface, regions),) = shared
    assert (start, end, surface) == (0, 3, "鼓楼区")
    assert {r.city_adcode for r in regions} >= {"320100", "320300", "350100"}


@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("2023年9月8日，鼓楼区市场监管局举办开放日。\n\n本次活动由福州市市场监管局指导。", "福州市"),
        ("2023年9月8日，鼓楼区市场监管局举办开放日。\n\n活动地点在仓山区旁边的会展中心。", "福州市"),
        ("2023年9月8日，鼓楼区市场监管局举办开放日。", None),  # nothing settles it
        ("2023年9月8日，鼓楼区市场监管局举办开放日。\n\n南京、福州两地企业参加。", None),  # two fit
    ],
)
def test_a_shared_district_name_settled_by_the_rest_of_the_report(gz, text, city):
    (rec,) = extract_text(f"质量开放日\n\n{text}", "t.txt", gazetteer=gz).records
    assert rec.city == city


@pytest.mark.parametrize(
    ("sentence", "city"),
    [
        ("2023年9月19日，长三角质量发展论坛在沪举行。", "上海市"),
        ("2022年9月22日，浙江省质量创新大赛决赛在甬举行。", "宁波市"),
        ("2022年9月22日，全国质量工作会议在京召开。", "北京市"),
        ("2022年9月22日，质量论坛在京东总部举行。", None),  # 京东 is a company
    ],
)
def test_one_character_city_names_where_the_event_is_held(gz, sentence, city):
    (rec,) = extract_text(f"质量活动\n\n{sentence}", "t.txt", gazetteer=gz).records
    assert rec.city == city


# Set 23 (tests/fixtures/bulletins_readerdates23): companies, English round-ups, digit forms. q01 first
# named "(Suzhou)", which two cities' English names share (苏州, 宿州): no reader can tell, so it names
# Changzhou now. q07 was added for the class below before its rule. Scored before the rule: record F1
# 0.750, region 0.857, date 0.750 (7 documents, 8 labels); after: 1.000. The class:
# - q04, q07: a company's seat in brackets in its name (科达(嘉兴)电子有限公司, 恒拓（绍兴）纺织有限公司)
#   is where its own event is when the report names no place of its own at all (places.regions_in).
# Full-width digits, 09月06日, an English two-year round-up, "(Changzhou) Co., Ltd." and "On 15 September"
# under a "Posted on" line passed already and are guards.
FOLDER23 = Path(__file__).resolve().parents[1] / "fixtures" / "bulletins_readerdates23"


def _labels23() -> dict[str, list[tuple[tuple[str, str, str], str]]]:
    return place_date_labels(FOLDER23)


@pytest.mark.parametrize("doc", sorted(_labels23()))
def test_set23_bulletins(doc, gz):
    rows = [(r.region, r.date) for r in (row_from_record(doc, x) for x in extract_file(FOLDER23 / doc, gz).records)]
    assert rows == _labels23()[doc]


@pytest.mark.parametrize(
    ("text", "city", "district"),
    [
        ("公司启动质量月\n\n2023年9月4日，科达(嘉兴)电子有限公司举行质量月启动会。", "嘉兴市", None),
        # the report's own place wins over the company's seat
        ("蓬江区质量月\n\n2023年9月4日，海信(广东)空调有限公司举办实验室开放日活动。", "江门市", "蓬江区"),
        ("质量月\n\n2023年9月4日，科达(嘉兴)电子有限公司在桐乡市举行启动会。", "嘉兴市", "桐乡市"),
    ],
)
def test_a_company_seat_is_the_place_only_when_the_report_names_none(gz, text, city, district):
    (rec,) = extract_text(text, "t.txt", gazetteer=gz).records
    assert (rec.city, rec.district) == (city, district)


def test_a_company_visited_by_someone_else_gives_no_place(gz):
    text = "质量月\n\n2022年9月8日，某区市场监管局组织企业走进格力(安徽)电器有限公司，开展质量开放日活动。"
    (rec,) = extract_text(text, "t.txt", gazetteer=gz).records
    assert rec.province is None  # the company's seat is not the report's place: no guess


# Set 24 (tests/fixtures/bulletins_readerdates24): tables of district activities (Markdown pipes, date
# first, columns set by spaces). Scored once: 1.000 before any rule; kept as guards.
# Set 25 (tests/fixtures/bulletins_readerdates25): relative times against a date line. p06 was added
# for the class below before its rule. Before: record F1 0.667, region 0.667, date 0.800 (6 labels);
# after: 1.000. The class:
# - p01, p06: "Earlier this month" / "Late last month" (本月初, 上月下旬 in English) are the date line's
#   month or the one before, at month precision. "This morning" is today. On Monday, 本周三上午, 昨晚
#   and a story's "This morning" passed already.
FOLDERS_24_25 = [Path(__file__).resolve().parents[1] / "fixtures" / f"bulletins_readerdates{n}" for n in (24, 25)]


def _labels_of(folder: Path) -> dict[str, list[tuple[tuple[str, str, str], str]]]:
    return place_date_labels(folder)


@pytest.mark.parametrize(("folder", "doc"), [(f, d) for f in FOLDERS_24_25 for d in sorted(_labels_of(f))])
def test_sets24_25_bulletins(folder, doc, gz):
    rows = [(r.region, r.date) for r in (row_from_record(doc, x) for x in extract_file(folder / doc, gz).records)]
    assert rows == _labels_of(folder)[doc]


@pytest.mark.parametrize(
    ("opening", "expected"),
    [
        ("Earlier this month,", (date(2023, 9, 1), "month")),
        ("Late last month,", (date(2023, 8, 1), "month")),
        ("At the beginning of this month,", (date(2023, 9, 1), "month")),
        ("This morning,", (date(2023, 9, 24), "day")),
    ],
)
def test_english_relative_months_and_mornings(gz, opening, expected):
    text = (
        "Published: September 24, 2023\n\n"
        f"{opening} the Xiaoshan District Administration for Market Regulation in Hangzhou held a quality forum."
    )
    (rec,) = extract_text(text, "t.txt", lang="en", gazetteer=gz).records
    assert (rec.start_date, rec.date_precision) == expected


@pytest.mark.parametrize("text", ["this monthly report", "the months of this year"])
def test_no_relative_month_in_other_words(text):
    assert find_dates(text) == []


# Set 26 (tests/fixtures/bulletins_readerdates26): the date-source classes in new wording (a
# title ending with its page's date, a repeated headline's year, an observance in the title, an English
# title | date line). Scored once: 1.000 before any rule; kept as guards (test below).
# Set 27 (tests/fixtures/bulletins_readerdates27): web pages with their navigation. Scored once before
# its rule: record F1 0.667, region 0.667, date 0.667 (3 labels): w01's 上一篇:/下一篇: links left it with
# no record at all, and w02's 相关新闻 links gave a record of another page. The class:
# - w01, w02: a page's navigation (上一篇/下一篇 links, a 相关新闻/推荐阅读 block of link lines,
#   【打印本页】【关闭窗口】, 分享到:) is not its text (cleaning._without_page_furniture).
FOLDERS_26_27 = [Path(__file__).resolve().parents[1] / "fixtures" / f"bulletins_readerdates{n}" for n in (26, 27)]


@pytest.mark.parametrize(("folder", "doc"), [(f, d) for f in FOLDERS_26_27 for d in sorted(_labels_of(f))])
def test_sets26_27_bulletins(folder, doc, gz):
    rows = [(r.region, r.date) for r in (row_from_record(doc, x) for x in extract_file(folder / doc, gz).records)]
    assert rows == _labels_of(folder)[doc]


def test_page_navigation_is_not_text():
    page = (
        "首页 > 动态\n\n某区举办开放日\n\n9月18日上午，某区市场监管局举办开放日活动。\n\n"
        "上一篇：宁海县举办培训班\n下一篇：象山县召开推进会\n\n【打印本页】【关闭窗口】\n分享到：微信 微博\n\n"
        "相关新闻\n薛城区召开座谈会 2022-09-10\n\n山亭区举办开放日活动 2022-09-08\n"
    )
    texts = [p.text for p in clean_paragraphs(page)]
    assert not any(w in t for t in texts for w in ("宁海", "象山", "打印", "分享", "薛城", "山亭", "相关新闻"))
    assert any("9月18日上午" in t for t in texts)


def test_a_links_heading_ends_at_the_first_sentence():
    page = "推荐阅读\n质量强国建设纲要解读\n\n9月18日，区市场监管局举办开放日活动，50名市民参加。"
    texts = [p.text for p in clean_paragraphs(page)]
    assert texts == ["9月18日,区市场监管局举办开放日活动,50名市民参加。"]


# Set 28 (tests/fixtures/bulletins_readerdates28): English names of cities that are not their pinyin.
# Scored once before the rule: record F1 0.333, region 0.500, date 0.333 (3 labels); after: 1.000.
# - h02, h03: Urumqi, Ordos (and Harbin, Hohhot, Lhasa, Kashgar…): domain.gazetteer.EXTRA_ENGLISH_ALIASES.
FOLDER28 = Path(__file__).resolve().parents[1] / "fixtures" / "bulletins_readerdates28"


@pytest.mark.parametrize("doc", sorted(_labels_of(FOLDER28)))
def test_set28_bulletins(doc, gz):
    rows = [(r.region, r.date) for r in (row_from_record(doc, x) for x in extract_file(FOLDER28 / doc, gz).records)]
    assert rows == _labels_of(FOLDER28)[doc]


@pytest.mark.parametrize(
    ("english", "chinese"),
    [
        ("Harbin", "哈尔滨市"),
        ("Hohhot", "呼和浩特市"),
        ("Urumqi", "乌鲁木齐市"),
        ("Lhasa", "拉萨市"),
        ("Kashgar", "喀什地区"),
    ],
)
def test_english_city_names_that_are_not_pinyin(gz, english, chinese):
    assert gz.resolve(english).region.name_zh == chinese


# Set 29 (tests/fixtures/bulletins_readerdates29): a notice and a report signed at their end
# (杭州市临平区市场监督管理局 / 二〇二三年九月十一日). Scored once before the rule: record F1 0.000,
# region 0.000, date 0.000 (2 labels; the dates were right, the place missing). The class:
# - n01, n02: the signing body is the report's own place when nothing above names one
#   (context._places), and an event told of "我局" or held "在区行政服务中心" is there (places.own_unit).
FOLDER29 = Path(__file__).resolve().parents[1] / "fixtures" / "bulletins_readerdates29"


@pytest.mark.parametrize("doc", sorted(_labels_of(FOLDER29)))
def test_set29_bulletins(doc, gz):
    rows = [(r.region, r.date) for r in (row_from_record(doc, x) for x in extract_file(FOLDER29 / doc, gz).records)]
    assert rows == _labels_of(FOLDER29)[doc]


@pytest.mark.parametrize(
    ("sentence", "district"),
    [
        ("9月15日，我局在文化广场举办“质量月”宣传活动。", "镇海区"),
        ("9月15日，在区行政服务中心举办“质量月”培训班。", "镇海区"),
        ("9月15日，在市民广场举办“质量月”宣传活动。", None),  # 市民: citizens, not the city
        ("9月15日，在县会议中心举办“质量月”培训班。", None),  # a county's venue: the scope is a district
    ],
)
def test_the_signing_body_is_the_place_of_its_own_events(gz, sentence, district):
    text = f"关于质量月活动的报告\n\n{sentence}\n\n宁波市镇海区市场监督管理局\n二〇二二年九月二十六日"
    (rec,) = extract_text(text, "t.txt", gazetteer=gz).records
    assert rec.district == district


# Set 30 (tests/fixtures/bulletins_readerdates30): written after this session's rules to measure them
# in new wording (荆沙市 in 1995, 省科技馆, 城关区 settled by 拉萨市 further down, 在穗举办, an English
# company seat, 【相关阅读】/上一条 furniture, a signed report, a WeChat English "Earlier this month").
# Scored once: record F1 1.000, region 1.000, date 1.000 (8 labels), with no rule written for it. It is
# written by the same hand as the rules, so it is weak evidence of generalization.
FOLDER30 = Path(__file__).resolve().parents[1] / "fixtures" / "bulletins_readerdates30"


@pytest.mark.parametrize("doc", sorted(_labels_of(FOLDER30)))
def test_set30_bulletins(doc, gz):
    rows = [(r.region, r.date) for r in (row_from_record(doc, x) for x in extract_file(FOLDER30 / doc, gz).records)]
    assert rows == _labels_of(FOLDER30)[doc]
