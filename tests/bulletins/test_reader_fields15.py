"""Place and date classes of session 15 (reader-fields15), found on the development sets (classes and
documents: /work/notes/reader-fields15.md); every text here is invented.

- a province named only in passing (in the event's name 山西省首届…培训, an honour's 授予“广东省知名产品…”,
  a body that takes part 山西省某计量站等单位参加) does not widen the event out of the report's own city (its
  paper's or title's, else the one city of that province its paragraph names). The class: 8 874, 12r 12a20,
  12b33; a province's own body holding the event (8 849 浙江省质科院举办) keeps the province.
- a news agency's dateline city (本报北京9月13日电) places an event that nothing else in the report places.
  The document that changes: 12r 12a05 (a national body's contest, no other place written); the labels of
  every development document with such a dateline (11 docs in 8, 9, 12r, dev: 806 853 864 868 887 906,
  9a39 9a41, 12a05, 112 234) place the event in (or above) the dateline's city.
- an English report's own place (the first its opening paragraphs name, title or not) places an event that
  nothing else places ("the company held a contest", its parent "Shandong … Co., Ltd." named further on).
  The document that changes: 12r 12a32; in 11 of the 12 English development documents with such an opening
  place (8 809 811 876 889, 12r 12a14 12a15 12a22 12a32 12b14 12b36, dev 055) it is the labelled place
  (9 9a14: the label has none). Chinese reports keep their title's or date line's only (taking the
  opening's there too lowered validation set 7r).
"""

from __future__ import annotations

import pytest

from tests.bulletins.reading import records


def _places(text, gz):
    return [(r.province, r.city, r.district) for r in records(text, gz)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a city paper's report; the province only in a body that takes part
        (
            "市市场监管局开展宣传活动\n来源:邢台晚报 时间:2023-05-22\n"
            "5月20日,市市场监管局在市区人民公园举行计量宣传活动。河北省某计量检定站、某某医院等单位参加。",
            [("河北省", "邢台市", None)],
        ),
        # the province in the event's name; the paragraph names the city it was held in
        (
            "金秋长沙,桂子飘香。10月12日,湖南省首届企业质量负责人培训班开班。300余名学员参加培训。",
            [("湖南省", "长沙市", None)],
        ),
    ],
)
def test_province_in_passing_keeps_the_reports_city(text, expected, gz):
    assert _places(text, gz) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the province's own institute holds it: the province, whatever district the paragraph names
        (
            "10月17日上午,浙江省某某研究院举办实验室开放日活动。随后研究院与上虞区市场监管局座谈。",
            [("浙江省", None, None)],
        ),
        # the province's own campaign launched, in a city paper's report: the province's event
        (
            "全省质量月活动启动\n来源:邢台晚报 时间:2023-09-04\n9月3日,2023年河北省“质量月”活动启动仪式举行。",
            [("河北省", None, None)],
        ),
        # a city of the province named only after the event (a plan, a participant): not its setting
        (
            "9月3日,湖南省首届质量负责人培训班开班。下一期将在岳阳市举行。",
            [("湖南省", None, None)],
        ),
        # the province written as where it was held
        (
            "金秋长沙,桂子飘香。10月12日,质量负责人培训班在湖南省举办,300余名学员参加。",
            [("湖南省", None, None)],
        ),
    ],
)
def test_province_holding_or_hosting_stays(text, expected, gz):
    assert _places(text, gz) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "本报武汉9月6日电 (记者某某)由某某认证中心联合某某报社开展的质量知识竞赛今天正式启动。",
            [("湖北省", "武汉市", None)],
        ),
        (
            "CHENGDU, Sept. 14 (Xinhua) -- A national quality knowledge contest organised by a certification "
            "centre was launched on Wednesday.",
            [("四川省", "成都市", None)],
        ),
        # another place written: the dateline city stays the reporter's
        (
            "本报武汉9月6日电 (记者某某)9月5日,某某县市场监督管理局在宜昌市夷陵区举办质量知识竞赛。",
            [("湖北省", "宜昌市", "夷陵区")],
        ),
    ],
)
def test_dateline_city_places_an_event_nothing_else_places(text, expected, gz):
    assert _places(text, gz) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Apparel company holds quality month speech contest\n"
            "Recently, the apparel company held a speech contest on quality for its production line leaders.\n"
            "Li Ming, general manager of Zhejiang Example Textile Co., Ltd., gave a summary speech in 2023.",
            [("浙江省", None, None)],
        ),
    ],
)
def test_english_report_places_an_unplaced_event_where_its_opening_does(text, expected, gz):
    assert _places(text, gz) == expected


def test_chinese_report_keeps_an_unplaced_event_unplaced(gz):
    text = (
        "公司开展质量月演讲比赛\n2023年9月20日,公司举办质量月演讲比赛,13名选手参赛。\n"
        "浙江某某纺织有限公司总经理李某作总结讲话。"
    )
    assert _places(text, gz) == [(None, None, None)]


def test_english_opening_county_is_no_fallback(gz):
    # a county's English name that is also a person's (Wang Hua: 望花区) does not place the event
    text = (
        "Tyre maker holds quality month knowledge quiz\n"
        "Recently, the tyre company held a knowledge quiz on quality for its workshop staff in 2023.\n"
        "Wang Hua, deputy general manager of the company, presented the prizes."
    )
    assert _places(text, gz) == [(None, None, None)]
