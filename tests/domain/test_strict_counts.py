"""Participant cells are read as what they are or refused with a reason, never silently changed (issue 12, 3)."""

from __future__ import annotations

import pytest

from domain.messages import render
from domain.numbers import read_cell_count
from etl.normalize import parse_participants


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("2023-09-01", "is a date"),
        ("2023/09/01", "is a date"),
        ("2023.9.1", "is a date"),
        ("12:30", "is a time"),
        ("1_000", "not a thousands separator"),
        ("1.000.000", "not a thousands separator"),
        ("1,00", "not a thousands separator"),
        ("12,34,567", "not a thousands separator"),
        ("3.7", "is a fraction"),
        ("3.7人", "is a fraction"),
        ("1.23456万", "is a fraction"),
        ("10%", "is a percentage"),
        ("3万元", "not a number of participants"),
        ("10-5", "range"),
    ],
)
def test_doubtful_counts_are_refused_with_their_reason(text, fragment):
    count, reason = read_cell_count(text)
    assert count is None
    assert fragment in reason.text("en"), reason
    assert "participants" not in reason.text("zh") and "参与人数" in reason.text("zh")  # worded per language
    out = parse_participants(text)
    assert out["participants"] is None and render("[" + out["e_part"] + "]", "en").find(fragment) >= 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5-10", (5, "at_least", None)),
        ("5 - 10人", (5, "at_least", "people")),
        ("5~10人次", (5, "at_least", "person_times")),
        ("5到10家", (5, "at_least", "organizations")),
        ("50 to 100 people", (50, "at_least", "people")),
        ("1,000", (1000, "exact", None)),
        ("1 000", (1000, "exact", None)),
        ("150.0", (150, "exact", None)),
        ("1.2万人次", (12000, "exact", "person_times")),
        ("约3.5万人", (35000, "approx", "people")),
        ("3000多人次", (3000, "at_least", "person_times")),
        ("１２０", (120, "exact", None)),
    ],
)
def test_counts_are_read_as_what_they_are(text, expected):
    count, reason = read_cell_count(text)
    assert reason is None
    assert (count.value, count.qualifier, count.unit) == expected


def test_a_range_loads_as_at_least_its_lower_bound():
    out = parse_participants("5-10")
    assert (out["participants"], out["participants_qualifier"], out["e_part"]) == (5, "at_least", None)
