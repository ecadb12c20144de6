"""Seed 004 (Shanghai's 2022 Quality Month report): one record for every numbered programme item
that names a concrete event, including items whose first clause is only a heading
(5.开展重点产品质量攻关活动。…举行质量工具应用成果现场分享会)."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.bulletins import dedupe, extract_file
from etl.bulletins.document import is_item_locator

SEED = next(Path("/work/shared/seeds").glob("004_*.txt"), None) if Path("/work/shared/seeds").is_dir() else None

# Programme items (numbered 1-18, paragraphs 3-20) that name a concrete event; 12 (监管执法: a duty
# followed by a list of supervision areas) and 16 (助企纾困行动: a programme, no event) do not.
CONCRETE = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15, 17, 18]


@pytest.mark.skipif(SEED is None, reason="shared seeds absent")
def test_every_concrete_programme_item_is_a_record():
    res = extract_file(SEED)
    items = [r for r in res.records if is_item_locator(r.source_locator)]
    got = sorted(int(r.source_locator.split()[1].rstrip(",")) - 2 for r in items)
    assert got == CONCRETE
    assert all(r.city == "上海市" and r.district is None and r.date_precision == "month" for r in items)
    # items of one type are still distinct activities: distinct ids, never merged
    assert len({r.record_id for r in res.records}) == len(res.records)
    assert len(dedupe(res.records)) == len(res.records)
    by_item = {int(r.source_locator.split()[1].rstrip(",")) - 2: r.activity_type for r in items}
    assert by_item[4] == "forum_conference" and by_item[5] == "forum_conference" and by_item[15] == "open_day"
    # the district sections after the programme are still read
    assert {"宝山区", "青浦区", "杨浦区", "奉贤区"} <= {r.district for r in res.records}
