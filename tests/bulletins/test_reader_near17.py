"""Place and date classes of session 17 (reader-near17; classes and documents: /work/notes/reader-near17.md).
Every text here is invented.

- a place's short form heading a landmark's name (a square, bridge, avenue or park named after it: 洪山广场,
  洛阳桥) is no place of the text: the event is where the rest of the text puts it. The class: 7r 7b17
  (a province's launch at a city's metro station named after a square, read as that district), 10r 1107 (a
  county's own event at a square named after a bridge that bears another province's city's name); on the older
  sets the same form (君山广场 9a10, 南湖广场 11b05 and corpus-2 207, 紫金广场 corpus-2 117) was already no place
  by other rules (a short form far from the report's province).
"""

from __future__ import annotations

import pytest

from tests.bulletins.reading import records


def _places(text, gz):
    return [(r.province, r.city, r.district) for r in records(text, gz)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a square named after a district of the same city: the city, not the district
        (
            "2021年9月3日,广东省“质量月”活动启动仪式在广州海珠广场举行,省市场监管局局长出席并致辞。",
            [("广东省", "广州市", None)],
        ),
        # a bridge named after a city of another province: the county the report is about
        (
            "修水县开展质量月宣传活动\n2020年9月12日上午,我县在南京桥广场组织开展质量月集中宣传活动,15个成员单位参加。",
            [("江西省", "九江市", "修水县")],
        ),
    ],
)
def test_a_short_form_heading_a_landmarks_name_is_no_place(text, expected, gz):
    assert _places(text, gz) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the full name before a landmark is where: 广汉市's own square
        (
            "2022年9月15日,市住建局在广汉市北新广场举办质量月宣传活动。",
            [("四川省", "德阳市", "广汉市")],
        ),
        # a short form written as where, with the landmark after another word: the district
        (
            "2023年9月7日,区市场监管局在海珠区江南西广场开展质量月宣传活动。",
            [("广东省", "广州市", "海珠区")],
        ),
        # a city's park named after the city, with nothing else placing the event: the city (only a district's short
        # form, or another province's city, heading a landmark is no place)
        (
            "2022年9月9日,市市场监管局在苏州公园开展质量月宣传咨询活动,发放资料2000余份。",
            [("江苏省", "苏州市", None)],
        ),
        # a subdistrict (街道) is no street: the county-level city that names it stays
        (
            "2023年9月7日,江阴市市场监管局在澄江街道开展质量月宣传活动。",
            [("江苏省", "无锡市", "江阴市")],
        ),
    ],
)
def test_a_place_before_a_landmark_stays_when_it_is_the_place(text, expected, gz):
    assert _places(text, gz) == expected


# A short form shared by a county-level unit and the district that succeeded it (海门: 海门市 until 2020, then
# 海门区) names the unit of the event's year, as the full former name already does (domain/gazetteer.py's
# convention for former units). 10r 1044 (one document; the convention's gap for short forms).
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2014年9月5日,五省市质监系统质量月联合方案在江苏海门发布。", [("江苏省", "南通市", "海门市")]),
        ("2022年9月5日,质量月联合方案在江苏海门发布。", [("江苏省", "南通市", "海门区")]),
        ("2010年9月8日,质量月启动仪式在苏州吴江举行。", [("江苏省", "苏州市", "吴江市")]),
    ],
)
def test_a_short_form_names_the_unit_of_the_events_year(text, expected, gz):
    assert _places(text, gz) == expected


def test_a_short_form_with_the_year_unknown_is_todays_unit(gz):
    m = next(m for m in gz.find_all("在海门举行") if m.surface == "海门")
    assert gz.unit_as_named(m, None) is None
    assert gz.unit_as_named(m, 2019).name_zh == "海门市"


# A year written bare at the head of a gathering's name (2014中国质量…出征仪式) is the event's year, as 2013年度…观摩会
# already is: here it dates a paper's story line (本报北京9月20日讯) that gives 今天 its day. 10r 1042; the same form
# gives the right year, read otherwise, in 8 862, 9 9a29, corpus 039, corpus-2 206.
def test_a_bare_year_heading_the_gatherings_name_dates_the_story_line(gz):
    text = "本报上海9月18日讯 记者王明报道:2016长三角质量发展论坛今天在上海举行,300余人参加。"
    assert [(r.province, r.start_date.isoformat() if r.start_date else None) for r in records(text, gz)] == [
        ("上海市", "2016-09-18")
    ]


@pytest.mark.parametrize(
    ("sentence", "years"),
    [
        ("2016长三角质量发展论坛今天举行", [2016]),
        ("2019“某区质量月”启动仪式举行", [2019]),
        ("2000余人参加了质量月启动仪式", []),  # a count
        ("2018全国质量奖颁奖仪式举行", []),  # an award for the year before
        ("2016年质量月启动仪式举行", [2016]),  # written with 年: once
    ],
)
def test_a_bare_year_is_an_editions_year_only_before_a_gathering(sentence, years):
    from etl.bulletins.dates import years_written

    assert years_written(sentence) == years


# A province-wide event (全省…) placed at a finer place named for another reason: the province. 7r 7a24 (a province's
# summary whose items take a county from their paragraph: 召开了全省…观摩会, 组织全省…企业召开…), 12r 12b11 (在近日召开
# 的全省质量工作会议上,某市人民政府荣膺…: the city honoured at the province's meeting).
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "2021年,省市场监管局牵头组织开展全省质量月活动。\n"
            "为提升工程质量,襄阳等5个市出台了质量提升方案。各地召开了全省建筑工程质量现场观摩会。",
            [("湖北省", None, None)],
        ),
        (
            "2019年9月20日,在近期召开的全省质量工作会议上,宜昌市人民政府荣获“全省质量工作先进单位”称号。",
            [("湖北省", None, None)],
        ),
    ],
)
def test_a_province_wide_event_is_the_provinces(text, expected, gz):
    assert _places(text, gz) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the sentence says where the province's launch was held: that city
        (
            "2022年9月1日上午,全省“质量月”活动启动仪式在宜昌举行,宜昌市副市长致辞。",
            [("湖北省", "宜昌市", None)],
        ),
        # a city's own event that province-wide companies attend, the city named in the sentence
        (
            "2022年9月6日,宜昌市首期质量管理培训班开班,全省300余家企业的质量负责人参加。",
            [("湖北省", "宜昌市", None)],
        ),
    ],
)
def test_a_province_wide_word_does_not_move_a_place_the_sentence_names(text, expected, gz):
    assert _places(text, gz) == expected


@pytest.mark.parametrize(
    "text",
    [
        # 全省 ranking the city's own event (the first in the province), under the city's own title
        "宜昌市举办计量开放日活动\n2022年9月15日,市计量院举办全省首个计量开放日活动,200余名市民参观。",
        # the city's bureau, by its level alone, following the province's plan
        "宜昌市开展质量月活动\n2022年9月15日,根据全省统一部署,市市场监管局开展质量月集中宣传活动。",
    ],
)
def test_a_province_wide_word_does_not_move_the_reports_own_place(text, gz):
    assert _places(text, gz) == [("湖北省", "宜昌市", None)]
