"""Place and date classes of session 15 (reader-fields15), found on the development sets (classes and
documents: /work/notes/reader-fields15.md); every text here is invented.

- the history of a campaign or observance told as background (1999年…将每年5月20日定为“世界计量日”, "The
  Quality Month started in 1978", 日本于1960年举行第一次“质量月”) is no event of the report: a year at or
  before the one the campaign was first held. The class: 12r 12b19 (the 1999 decision read as the event),
  11r 11a35 (a 1978 record from an essay with no event); the same form, harmless, in 8 817, dev 112, 234.
"""

from __future__ import annotations

import pytest

from etl.bulletins.dates import tells_history
from tests.bulletins.reading import records


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [
        ("1999年10月,国际计量委员会决定将每年5月20日定为“世界计量日”。", None, True),
        ("The Quality Month campaign started in 1978 across the country.", None, True),
        ("日本于1960年11月举行了第一次“质量月”活动。", 2022, True),
        # a year after the first one: an event of its own
        ("2019年5月20日,某市举办“世界计量日”宣传活动。", 2019, False),
        # no campaign named: whatever the year, not this rule's
        ("1998年,某厂通过了质量体系认证。", None, False),
        # the first year itself, in a report of that year: its own event
        ("2000年5月20日,某局举办首个“世界计量日”宣传活动。", 2000, False),
    ],
)
def test_tells_history(text, year, expected):
    assert tells_history(text, year) is expected


def test_observance_history_gives_no_record(gz):
    text = (
        "某某新闻网讯 2016年5月20日\n"
        "1999年10月,国际计量委员会在巴黎召开会议,决定将每年5月20日定为“世界计量日”。\n"
        "5月20日上午,某某县市场监督管理局在人民广场举办“世界计量日”宣传活动。"
    )
    got = [(r.start_date.isoformat() if r.start_date else None) for r in records(text, gz)]
    assert got == ["2016-05-20"]


def test_campaign_history_in_an_essay_gives_no_record(gz):
    text = (
        "Quality matters to every household\n"
        "The national Quality Month started in 1978, when the economy was beginning to recover.\n"
        "Good products need careful work from everyone."
    )
    assert records(text, gz) == []
