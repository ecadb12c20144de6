"""Bulletins through the real pipeline: what loads, what is rejected, and why."""

from __future__ import annotations

import duckdb


def _rows(db, sql, params=()):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def test_dated_activity_without_a_place_loads_with_region_empty(tmp_path, make_db):
    # Regression: such activities used to be rejected ("activity without a resolvable region"),
    # losing a real, dated event because the company's report never says where it is.
    doc = tmp_path / "docs" / "acme_launch.txt"
    doc.parent.mkdir()
    doc.write_text(
        "Acme Widgets kicks off Quality Month\n\n"
        "On the morning of September 9th, 2024, Acme Widgets held a launch ceremony for its "
        "Quality Month activities in the assembly workshop. About 120 employees attended.\n",
        encoding="utf-8",
    )
    db = make_db(tmp_path, [doc.parent])
    rows = _rows(
        db,
        "SELECT adcode, province_adcode, district_adcode, start_date, activity_type, participants, "
        "participants_qualifier FROM activities",
    )
    assert len(rows) == 1
    adcode, province, district, start, kind, n, qual = rows[0]
    assert (adcode, province, district) == (None, None, None)
    assert str(start) == "2024-09-09" and kind == "launch_ceremony"
    assert (n, qual) == (120, "approx")
    assert _rows(db, "SELECT count(*) FROM rejects")[0][0] == 0


def test_activity_with_neither_place_nor_date_is_rejected_with_reason(tmp_path, make_db):
    doc = tmp_path / "docs" / "vague.txt"
    doc.parent.mkdir()
    doc.write_text("Some company held a quality training session for its staff.\n", encoding="utf-8")
    db = make_db(tmp_path, [doc.parent])
    assert _rows(db, "SELECT count(*) FROM activities")[0][0] == 0
    reasons = [r[0] for r in _rows(db, "SELECT reason FROM rejects WHERE source = 'vague.txt'")]
    assert reasons and all(("region" in r or "date" in r or "no activity" in r) for r in reasons), reasons


def test_activity_with_a_place_and_no_date_loads_and_is_not_rejected(tmp_path, make_db):
    # Session 15 kept an undated activity with a place as a record with its date empty; the reader still
    # reported it as a problem, so the run loaded it and also listed it as a rejected row (file 'partial').
    doc = tmp_path / "docs" / "contest.txt"
    doc.parent.mkdir()
    doc.write_text("9月26日,南京市首届质量知识竞赛在鼓楼区举行,全市20家企业参加。\n", encoding="utf-8")
    db = make_db(tmp_path, [doc.parent])
    rows = _rows(db, "SELECT district_adcode, start_date, activity_type FROM activities")
    assert rows == [("320106", None, "competition")]
    assert _rows(db, "SELECT count(*) FROM rejects")[0][0] == 0
    status = _rows(db, "SELECT status, rows_read, accepted, rejected FROM source_files WHERE source = 'contest.txt'")
    assert status == [("ok", 1, 1, 0)]
