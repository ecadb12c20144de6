"""Merging the same event reported by two bulletins."""

from __future__ import annotations

from domain.gazetteer import Gazetteer
from etl.bulletins import dedupe, extract_text

A = "2022年9月2日,上海市杨浦区市场监督管理局举办质量论坛。"
B = "9月2日,杨浦区市场监管局在滨江举办2022年质量论坛,50人参加论坛。"
C = "2022年9月2日,杨浦区某某科技有限公司举办质量论坛。"


def _recs(text, name):
    return extract_text(text, name, gazetteer=Gazetteer.load()).records


def test_two_reports_merge_keeping_both_sources():
    a, b = _recs(A, "a.txt"), _recs(B, "b.txt")
    merged = dedupe(a + b)
    assert len(merged) == 1
    m = merged[0]
    assert m.sources == ("a.txt", "b.txt") and m.participants == 50


def test_order_does_not_change_the_result():
    a, b = _recs(A, "a.txt"), _recs(B, "b.txt")
    assert dedupe(a + b) == dedupe(b + a)


def test_record_id_is_the_same_when_loaded_alone():
    a, b = _recs(A, "a.txt"), _recs(B, "b.txt")
    assert a[0].record_id == b[0].record_id == dedupe(a + b)[0].record_id


def test_different_organiser_is_not_merged():
    assert len(dedupe(_recs(A, "a.txt") + _recs(C, "c.txt"))) == 2
