"""Tests for domain.numbers: Chinese/English numerals and counts."""

from __future__ import annotations

import pytest

from domain.numbers import Count, cn_to_int, find_counts, parse_count


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("三千五百", 3500),
        ("两百", 200),
        ("十佳", 10),
        ("十", 10),
        ("十五", 15),
        ("二十", 20),
        ("一百零八", 108),
        ("一万二千", 12000),
        ("三万", 30000),
        ("百家", 100),
        ("千", 1000),
        ("二〇二三", 2023),
        ("五", 5),
        ("1.2万", 12000),
        ("1.25万", 12500),
        ("3千", 3000),
        ("3,000", 3000),
        ("1,234,567", 1234567),
        ("３０００", 3000),
        ("１２０人", 120),
        ("120", 120),
        ("  42 ", 42),
        ("two hundred", 200),
        ("forty-four", 44),
        ("five people", 5),
        ("", None),
        (None, None),
        ("人", None),
        ("abc", None),
        ("三五", None),
    ],
)
def test_cn_to_int(text, expected):
    assert cn_to_int(text) == expected


P, PT, ORG = "people", "person_times", "organizations"


@pytest.mark.parametrize(
    ("text", "value", "qualifier", "unit", "kind"),
    [
        ("3000多人次", 3000, "at_least", PT, "participants"),
        ("近50名", 50, "approx", P, "participants"),
        ("100余人", 100, "at_least", P, "participants"),
        ("约200家", 200, "approx", ORG, "participants"),
        ("20多项活动", 20, "at_least", None, "activities"),
        ("1,200", 1200, "exact", None, "participants"),
        ("120", 120, "exact", None, "participants"),
        (120, 120, "exact", None, "participants"),
        (45.0, 45, "exact", None, "participants"),
        ("五位", 5, "exact", P, "participants"),
        ("more than 200 people", 200, "at_least", P, "participants"),
        ("about 50", 50, "approx", None, "participants"),
        ("over 1,000 participants", 1000, "at_least", P, "participants"),
        ("nearly 80 enterprises", 80, "approx", ORG, "participants"),
        ("approximately 300 attendees", 300, "approx", P, "participants"),
        ("at least 12 companies", 12, "at_least", ORG, "participants"),
        ("1000+ attendees", 1000, "at_least", P, "participants"),
        ("60 or more visitors", 60, "at_least", P, "participants"),
        ("5,000 person-times", 5000, "exact", PT, "participants"),
        ("some forty experts", 40, "approx", P, "participants"),
        ("50人左右", 50, "approx", P, "participants"),
        ("1000人以上", 1000, "at_least", P, "participants"),
        ("逾300人", 300, "at_least", P, "participants"),
        ("超过500人次", 500, "at_least", PT, "participants"),
        ("大约60人", 60, "approx", P, "participants"),
        ("约200余人", 200, "approx", P, "participants"),
        ("共二百多位嘉宾", 200, "at_least", P, "participants"),
        ("将近两百人", 200, "approx", P, "participants"),
        ("千余人", 1000, "at_least", P, "participants"),
        ("上万人次", 10000, "at_least", PT, "participants"),
        ("十几家", 10, "at_least", ORG, "participants"),
        ("十余位专家", 10, "at_least", P, "participants"),
        ("1.2万人次", 12000, "exact", PT, "participants"),
        ("３０００人", 3000, "exact", P, "participants"),
        ("12个单位", 12, "exact", ORG, "participants"),
        ("30个企业", 30, "exact", ORG, "participants"),
        ("三场", 3, "exact", None, "activities"),
        ("10个活动", 10, "exact", None, "activities"),
        ("3万元", 30000, "exact", None, "other"),
        ("5件", 5, "exact", None, "other"),
        ("20家企业共计300人", 20, "exact", ORG, "participants"),
    ],
)
def test_parse_count(text, value, qualifier, unit, kind):
    assert parse_count(text) == Count(value, qualifier, unit, kind)


@pytest.mark.parametrize("text", ["", "   ", None, "数百人", "几十家", "若干", "n/a", "—", "第46届", True])
def test_parse_count_rejects_vague_or_empty(text):
    assert parse_count(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("41家优秀企业的44名高级质量管理人员参加", [("41家", 41, ORG), ("44名", 44, P)]),
        ("9月12日，第46届质量月活动吸引3000多人次参与", [("3000多人次", 3000, PT)]),
        ("共开展20多项活动，近50名专家到场", [("20多项", 20, None), ("近50名", 50, P)]),
        ("2023年9月1日上午召开", []),
        ("统一部署，一线员工", []),
        ("前十名选手获奖", []),
        ("数百人参加", []),
        ("参会人数约300", [("约300", 300, P)]),
        ("主题活动,100余人参加活动", [("100余人", 100, P)]),
        ("On September 12th, 2023, more than 200 people attended", [("more than 200 people", 200, P)]),
        (
            "44 senior quality managers from 41 companies",
            [("44 senior quality managers", 44, P), ("41 companies", 41, ORG)],
        ),
        ("the 46th Quality Month", []),
    ],
)
def test_find_counts_spans(text, expected):
    got = [(text[s:e], c.value, c.unit) for s, e, c in find_counts(text) if c.kind != "other"]
    assert got == expected


def test_find_counts_offsets_survive_fullwidth_digits():
    text = "吸引１２０人参加"
    [(s, e, c)] = find_counts(text)
    assert text[s:e] == "１２０人" and c.value == 120


def test_find_counts_qualifier_spans_include_prefix():
    text = "现场有近50名代表"
    [(s, e, c)] = find_counts(text)
    assert text[s:e] == "近50名" and c.qualifier == "approx"
