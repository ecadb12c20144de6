"""One activity-type classifier for every source: a structured file's title and a bulletin's
headline get the same code."""

from __future__ import annotations

import pytest

from domain.activity_types import classify_activity
from etl.bulletins import extract_text
from etl.normalize import map_activity_type

CASES = [
    ("开幕式暨升旗仪式", "flag_raising"),  # the taxonomy's order alone said launch (开幕式)
    ("启动仪式暨首席质量官培训", "launch_ceremony"),
    ("质量宣传咨询日", "publicity"),  # a compound: its first word names the activity
    ("启动质量帮扶行动", "service_consultation"),  # 启动 as a verb launches its object
    ("首席质量官聘任仪式", "appointment"),
    ("Quality Month kick-off", "launch_ceremony"),
    ("质量月启动大会", "launch_ceremony"),
    ("植树活动", None),
]


@pytest.mark.parametrize("text,code", CASES)
def test_same_code_from_a_table_cell_and_a_title(text, code):
    assert classify_activity(text) == code
    assert map_activity_type(text)[0] == (code or "other")  # a tabular activity_type cell
    assert map_activity_type(None, text)[0] == (code or "other")  # a tabular row typed by its title


@pytest.mark.parametrize("text,code", [c for c in CASES if c[1] and not c[0].isascii()])
def test_a_bulletin_reporting_it_gets_the_same_code(text, code):
    bulletin = f"2022年9月6日,徐汇区市场监管局举行{text}。"
    records = extract_text(bulletin, "t.txt").records
    assert [r.activity_type for r in records] == [code]


def test_codes_and_labels_read_as_themselves():
    assert classify_activity("open_day") == "open_day"
    assert classify_activity("Awards & commendation") == "award_commendation"
    assert classify_activity("聘任授牌") == "appointment"
    assert classify_activity("") is None and classify_activity(None) is None
