"""Month-precision dates and round-ups (issue 11, session 10, roundups). Every text is invented for
its class (each class seen in two or more real bulletins)."""

from __future__ import annotations

from etl.evaluate import row_from_record
from tests.bulletins.reading import records


def _dates(text, gz):
    return [row_from_record("x", r).date for r in records(text, gz)]


def test_recently_counts_from_the_day_a_reporter_learned_of_it(gz):
    # 9月6日,记者从…获悉,…近日举行…: the day the paper learned of it, not the day it was held; 近日 in
    # September about that Quality Month is the month only
    text = (
        "9月6日,本报记者从某省市场监管局获悉,该局近日在省会举行了2023年某省“质量月”活动启动仪式。"
        "启动仪式上,省质量强省办公室还发布了质量状况报告。"
    )
    assert _dates(text, gz)[0] == "2023-09"
