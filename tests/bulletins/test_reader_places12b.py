"""Region classes of session 12's second round (reader-places12b), found on the read sets corpus-7r,
corpus-8 and corpus-9 (classes and documents: /work/notes/misses-places12b.md); every text here is invented.

- a lower unit's body that only helps with an event (某区市场监管局协办) or is listed among the bodies
  another body organises into it (州局…组织各成员单位、某市市场监管局举行了…) does not place the event: the
  superior place the sentence names before it does (7r 7b30, a prefecture's launch placed in its seat
  city; 8 833, a province's and city's launch placed in the co-helping district).
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
