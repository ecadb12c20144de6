"""Region classes of session 13 (reader-places13), found on the read sets (classes and documents:
/work/notes/reader-places13.md); every text here is invented.

- the report's own county written by its level alone (由县市场监督管理局主办, 活动由县政府办…主持) is the one
  county the document itself identifies: inside the place found for the event (a municipality named in
  a company's name), the one such county named anywhere in the document, even inside another word
  (打造“某县造”品牌: 7r 7b23); with no place written at all, the county of the page's 公网安备 filing
  code (10r 1106).
"""

from __future__ import annotations

import pytest

from tests.bulletins.reading import records


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the county's name only inside a product mark; the city only in a company's name
        (
            "9月6日,2016年“质量月”活动启动仪式由县政府办副主任李某主持,企业代表重庆某某机械制造有限公司"
            "负责人作质量承诺。\n会上,副县长王某要求各部门打响“石柱造”品牌,推动质量强县建设。",
            ("重庆市", "重庆市", "石柱土家族自治县"),
        ),
        # a district's paper: its own bureau by level alone, the city in the opening, the district named
        # once further down
        (
            "9月12日,区市场监管局在万达广场开展质量月宣传活动,绍兴市计量测试所派员参加。\n"
            "现场发放资料800余份。\n下一步,柯桥区将持续推进质量强区建设。",
            ("浙江省", "绍兴市", "柯桥区"),
        ),
        # two counties of the city named: the document does not settle which
        (
            "9月6日,2016年“质量月”活动启动仪式由县政府办副主任李某主持,企业代表重庆某某机械制造有限公司"
            "负责人作质量承诺。\n会上,副县长王某介绍了“石柱造”和“丰都造”品牌的经验。",
            ("重庆市", "重庆市", None),
        ),
        # the city's own bureau also acts: not the county's own event
        (
            "9月6日,市市场监管局和县政府办在广场举办质量月宣传活动,企业代表重庆某某机械制造有限公司负责人"
            "作质量承诺。\n会上介绍了“石柱造”品牌的经验。",
            ("重庆市", "重庆市", None),
        ),
    ],
)
def test_own_county_named_only_inside_a_word_of_the_document(text, expected, gz):
    assert [(r.province, r.city, r.district) for r in records(text, gz)] == [expected]


_PAGE = (
    "9月15日上午,由县市场监督管理局主办的2024年“质量月”宣传活动在某某镇文化广场举行。\n"
    "活动现场摆放展板20余块,发放宣传资料500余份。\n"
)


@pytest.mark.parametrize(
    ("footer", "expected"),
    [
        # the page is filed with a county's bureau: that county
        ("版权所有\n浙公网安备 33102202000456号", ("浙江省", "台州市", "三门县")),
        # a county-level city's code does not name a county the text writes as 县
        ("浙公网安备 33108102000456号", (None, None, None)),
        # a district's code does not name a county the text writes as 县
        ("京公网安备 11010502030000号", (None, None, None)),
        # no filing code: no place
        ("版权所有", (None, None, None)),
    ],
)
def test_own_county_of_a_page_that_names_no_place_is_its_filing_codes(footer, expected, gz):
    assert [(r.province, r.city, r.district) for r in records(_PAGE + footer, gz)] == [expected]
