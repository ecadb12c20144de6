"""Field classes of issue 11, session 11 (reader-fields), found on corpus-8 (the session's development
set) and kept off the dev corpora's floors; every text here is invented. Classes and the corpus-8
documents that show them (the region and organiser classes found with them went to
reader-places, which owns those fields; see /work/notes/reader-coord.md):

- date: 于每年的9月 (a background paragraph on the campaign, the same in two reports) is a recurring
  statement, no date, as 每年9月 already was: 862, 873.
"""

from __future__ import annotations

import pytest

from etl.bulletins.dates import find_dates
from tests.bulletins.reading import records


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“质量月”活动以多种形式于每年的9月在全国范围内开展", []),
        ("每年9月份在全国开展质量月活动", []),
        ("我国将每年5月10日设为中国品牌日", []),
        # a dated statement keeps its date
        ("2016年9月,某局在全市范围内开展质量月活动", [(2016, 9, None)]),
        ("今年的9月10日,某局举办开放日", [(None, 9, 10)]),
    ],
)
def test_a_recurring_month_is_no_date(text, expected):
    assert [(m.year, m.month, m.day) for m in find_dates(text)] == expected


def test_a_background_paragraph_on_the_campaign_is_no_event(gz):
    text = (
        "某区开展质量月宣传咨询活动\n发布时间:2016-09-12\n"
        "我国“质量月”活动是在政府部门的倡导下,以多种形式于每年的9月在全国范围内组织开展的质量宣传活动。\n"
        "9月9日,阎良区市场监管局在千禧广场举办质量宣传咨询服务活动。"
    )
    assert [(r.start_date.isoformat(), r.district) for r in records(text, gz)] == [("2016-09-09", "阎良区")]
