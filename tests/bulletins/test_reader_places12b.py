"""Region classes of session 12's second round (reader-places12b), found on the read sets corpus-7r,
corpus-8 and corpus-9 (classes and documents: /work/notes/misses-places12b.md); every text here is invented.

- a lower unit's body that only helps with an event (某区市场监管局协办) or is listed among the bodies
  another body organises into it (州局…组织各成员单位、某市市场监管局举行了…) does not place the event: the
  superior place the sentence names before it does (7r 7b30, a prefecture's launch placed in its seat
  city; 8 833, a province's and city's launch placed in the co-helping district).
- an event held by a body the report's province writes by its level alone (省政府新闻办召开…,
  自治区政府组织召开…) is the province's when its sentence names no place inside the province: not a
  partner province it names (7r 7a33), nor a city of the paragraph that spoke at a branch venue (9 9a44).
"""

from __future__ import annotations

import pytest

from tests.bulletins.reading import records

_TITLE = "质量月活动启动\n时间:2023-09-12\n"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the district's bureau only helps: the city's launch stays in the city
        (
            "9月8日,由江苏省市场监管局、苏州市市场监管局共同主办,吴中区市场监管局协办的质量宣传活动启动仪式"
            "在苏州隆重举行。",
            ("江苏省", "苏州市", None),
        ),
        # the seat city's bureau is one of the bodies the prefecture's bureau organises
        (
            "9月6日,大理州市场监管局统筹协调,组织州质量工作领导小组各成员单位、大理市市场监管局举行了"
            "2023年大理州“质量月”活动启动仪式。",
            ("云南省", "大理白族自治州", None),
        ),
        # the district hosts: it places the event
        (
            "9月8日,由吴中区市场监管局主办、苏州市质量协会协办的质量宣传活动启动仪式在吴中区举行。",
            ("江苏省", "苏州市", "吴中区"),
        ),
        # the one body organised carries the event out: its district places it
        (
            "9月8日,苏州市市场监管局组织吴中区市场监管局开展质量宣传活动,发放资料2000余份。",
            ("江苏省", "苏州市", "吴中区"),
        ),
    ],
)
def test_a_helping_or_listed_lower_body_does_not_place_the_event(sentence, expected, gz):
    assert [(r.province, r.city, r.district) for r in records(_TITLE + sentence, gz)] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the province's own press office holds it; the partner province named is not where it was
        (
            "江苏省质量月活动将联合周边省份开展\n时间:2021-09-06\n"
            "9月5日,记者从省政府新闻办召开的新闻发布会上获悉,质量月期间,省市场监管局将联合浙江省共同开展"
            "质量宣传活动。",
            ("江苏省", None, None),
        ),
        # the region's government holds a video conference; a city spoke at its branch venue
        (
            "广西召开全区质量工作会议\n时间:2022-03-03\n"
            "3月2日下午,自治区政府组织召开全区质量工作电视电话会议。柳州市作为典型作经验介绍,"
            "副市长张某在柳州分会场参会并作交流发言。",
            ("广西壮族自治区", None, None),
        ),
        # a venue inside the province places it
        (
            "江苏省召开全省质量大会\n时间:2021-09-06\n9月5日,省政府在南京市召开全省质量大会,表彰优秀企业。",
            ("江苏省", "南京市", None),
        ),
        # another province's government, named: its own event
        (
            "江苏省质量月活动综述\n时间:2021-09-06\n9月5日,江西省政府召开全省质量大会,表彰优秀企业。",
            ("江西省", None, None),
        ),
    ],
)
def test_an_event_the_provinces_own_body_holds_is_the_provinces(text, expected, gz):
    assert [(r.province, r.city, r.district) for r in records(text, gz)] == [expected]
