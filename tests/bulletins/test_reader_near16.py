"""Place classes of session 16 (reader-near16), found on the development sets (classes and documents:
/work/notes/reader-near16.md); every text here is invented.

- an event whose sentence, paragraph, heading and title place nothing, in a Chinese report whose story
  names places of one city only (a venue further on, 在某馆项目现场举行…仪式, a district's bureau taking part,
  a paper's 我市 with only its province and one district named), is in that city: the city, not the
  district. The class: 11r 11a18 (a company's launch, its venue and a Baoding district's bureau in the next
  paragraph), 12r 12a18 (我市, 山西省 and 杏花岭区). Not from a short form alone (8 813: 友谊, a word that is
  also a county's short name), not when the story names two cities, and never for an event with neither
  place nor date (a report-wide place makes no record).
"""

from __future__ import annotations

import pytest

from etl.bulletins.dates import find_dates
from tests.bulletins.reading import records


def _read(text, gz):
    return [
        ((r.province, r.city, r.district), r.start_date.isoformat() if r.start_date else None)
        for r in records(text, gz)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a company's launch meeting; the venue and a district's bureau in the next paragraph
        (
            "9月8日上午,研究院召开2023年“质量月”活动启动会,院长出席并讲话。\n"
            "首先,在洛阳博物馆(洛阳市文物展示中心)项目现场举行研究院质量月启动仪式,"
            "洛阳市涧西区住房和城乡建设局质量监督站站长、项目经理等参加仪式。\n"
            "会议要求各单位认真组织好本年度质量月各项活动。",
            [(("河南省", "洛阳市", None), "2023-09-08")],
        ),
        # a paper's 我市 story that names its province and one district of the city
        (
            "质量月宣传进社区 我市在行动\n"
            "本报讯 2023年9月16日上午,全省各级市场监管部门组织开展质量月集中宣传活动,向群众讲解产品质量知识。\n"
            "当天,陕西省市场监督管理局在省体育场广场设立咨询台,解答群众提问。雁塔区各街道同步开展宣传。",
            [(("陕西省", "西安市", None), "2023-09-16")],
        ),
    ],
)
def test_the_storys_one_city_places_an_unplaced_event(text, expected, gz):
    assert _read(text, gz)[: len(expected)] == expected


@pytest.mark.parametrize(
    "text",
    [
        # a short form only: 友谊 is a word here, and a county's short name
        "2022年9月12日,公司举办质量知识竞赛,各车间选派选手参赛。\n这次比赛增进了员工之间的友谊。",
        # two cities named: the story does not say which
        "2022年9月5日,公司召开质量月启动会。会上,郑州市某检测所和开封市某计量院的专家作了质量讲座。",
    ],
)
def test_no_city_from_a_short_form_or_two_cities(text, gz):
    assert [r.province for r in records(text, gz)] == [None]


def test_an_event_with_neither_place_nor_date_stays_no_record(gz):
    text = "公司召开质量月动员会,总经理作动员讲话。\n会议邀请洛阳市涧西区住房和城乡建设局的专家讲解工程质量要求。"
    assert records(text, gz) == []


# Short forms in names (9 9a35, 11r 11b15: one document each, two sets): a district's short form written right
# after its own city is that district even inside a longer word; a two-character short form against one place
# written in full gives way to it.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 上海浦东 inside an airport company's name: Pudong, whatever word the segmenter makes of it (浦东国际机场)
        (
            "2019年9月18日,市特检院与上海浦东国际机场有限公司联合举办电梯安全宣传活动,200余名旅客参加。",
            ("上海市", "上海市", "浦东新区"),
        ),
        # 武汉天河机场: 天河 is Guangzhou's district, not Wuhan's, so the city's name does not make it a place
        (
            "2019年9月18日,市特检院与武汉天河国际机场有限公司联合举办电梯安全宣传活动。",
            ("湖北省", "武汉市", None),
        ),
        # a unit named 建安 (construction and installation) before a county written in full that holds it
        (
            "2023年9月6日,某某建设集团建安分公司承建的涉县道路项目部举办质量月启动仪式,项目部全体人员参加。",
            ("河北省", "邯郸市", "涉县"),
        ),
    ],
)
def test_short_forms_in_names(text, expected, gz):
    assert [(r.province, r.city, r.district) for r in records(text, gz)][:1] == [expected]


# A range of months with one 月 (8 817: 于9-10月开展…, read as October; one document): from its first month.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("于7-8月开展", (None, 7, None, 8, None)),
        ("2021年9至10月", (2021, 9, None, 10, None)),
        ("2021年9-10月15日", (2021, 9, None, 10, 15)),
        ("9月12日至14日", (None, 9, 12, 9, 14)),
        # over the new year: its second month alone, as before
        ("12-1月", (None, 1, None, None, None)),
    ],
)
def test_month_range(text, expected):
    (dm,) = find_dates(text)
    assert (dm.year, dm.month, dm.day, dm.end_month, dm.end_day) == expected


def test_a_programme_of_two_months_is_dated_by_the_first(gz):
    text = "为营造重视质量的氛围,某某电子于2021年9-10月开展一系列“质量月”活动,包括知识竞赛和质量改进项目评比。"
    assert [(r.start_date.isoformat(), r.date_precision) for r in records(text, gz)] == [("2021-09-01", "month")]
