"""Load and publish: idempotence, updates, stable ids, meta, lock, readers during a publish, failures."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import time
from pathlib import Path

import duckdb
import pytest

import etl.load
import etl.publish
from domain.messages import render
from domain.record import STORED_RECORD_COLUMNS, locator_sql
from etl.lock import LockHeld, exclusive
from etl.pipeline import run_pipeline
from etl.publish import PublishError, remove_stale_staging
from etl.scope import write_record
from tests.conftest import EDGE, FIXTURE_SET

CSV_HEAD = "区,日期,活动名称,主办单位,参与人数\n"
CSV_ROWS = [
    "徐汇区,2023-09-01,徐汇甲活动,徐汇区某协会,10\n",
    "浦东,2023-09-02,浦东乙活动,浦东某公司,20\n",
    "静安区,2023-09-03,静安丙活动,静安区某局,30\n",
]


def snapshot(db: Path) -> dict:
    """Every table's rows in a stable order (what a reader could ever see)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {
            "activities": con.execute("SELECT * FROM activities ORDER BY record_id").fetchall(),
            "rejects": con.execute("SELECT source, locator, reason, raw FROM rejects ORDER BY ALL").fetchall(),
            "regions": con.execute("SELECT count(*) FROM regions").fetchall(),
        }
    finally:
        con.close()


def q(db: Path, sql: str, params=None):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def write_csv(path: Path, rows: list[str]) -> Path:
    path.write_text(CSV_HEAD + "".join(rows), encoding="utf-8")
    return path


def test_rerun_changes_nothing(tmp_path):
    db = tmp_path / "w.duckdb"
    first = run_pipeline([FIXTURE_SET], db, demo=False)
    before = snapshot(db)
    second = run_pipeline([FIXTURE_SET], db, demo=False)
    after = snapshot(db)
    assert first.counts.added == len(before["activities"]) > 30
    assert (second.counts.added, second.counts.updated) == (0, 0)
    assert second.counts.unchanged == first.counts.added
    assert second.rows_read == first.rows_read and second.rows_rejected == first.rows_rejected
    assert after["activities"] == before["activities"]  # byte for byte, run ids included
    runs = q(db, "SELECT status, rows_added, rows_updated, rows_unchanged FROM etl_runs ORDER BY started_at")
    assert runs == [("success", first.counts.added, 0, 0), ("no_changes", 0, 0, first.counts.added)]
    # rejects are kept per run: the same bad rows are listed once for each run
    assert q(db, "SELECT count(DISTINCT run_id), count(*) FROM rejects") == [(2, 2 * first.rows_rejected)]


def test_changed_row_is_updated_and_keeps_first_run(tmp_path):
    src = write_csv(tmp_path / "d.csv", CSV_ROWS)
    db = tmp_path / "w.duckdb"
    s1 = run_pipeline([src], db, demo=False)
    write_csv(src, [CSV_ROWS[0], CSV_ROWS[1].replace(",20\n", ",25\n"), CSV_ROWS[2]])
    s2 = run_pipeline([src], db, demo=False)
    assert (s2.counts.added, s2.counts.updated, s2.counts.unchanged) == (0, 1, 2)
    rows = q(db, "SELECT participants, first_run_id, last_run_id FROM activities ORDER BY participants")
    assert rows == [(10, s1.run_id, s1.run_id), (25, s1.run_id, s2.run_id), (30, s1.run_id, s1.run_id)]


def test_inserting_a_row_does_not_change_ids(tmp_path):
    src = write_csv(tmp_path / "d.csv", CSV_ROWS)
    db = tmp_path / "w.duckdb"
    run_pipeline([src], db, demo=False)
    ids_before = dict(q(db, "SELECT title, record_id FROM activities"))
    write_csv(src, ["长宁区,2023-09-04,长宁新插入活动,长宁某单位,5\n", *CSV_ROWS])
    s2 = run_pipeline([src], db, demo=False)
    assert (s2.counts.added, s2.counts.updated, s2.counts.unchanged) == (1, 0, 3)
    after = dict(q(db, "SELECT title, record_id FROM activities"))
    assert {t: after[t] for t in ids_before} == ids_before
    # the moved rows' locators follow them silently
    assert q(db, f"SELECT {locator_sql()} FROM activities WHERE title = '徐汇甲活动'") == [("d.csv row 3",)]


def test_sources_become_the_union(tmp_path):
    a = tmp_path / "a"
    b = tmp_path / "b"
    a.mkdir()
    b.mkdir()
    head = "record_id,区,日期,活动名称,来源\n"
    (a / "one.csv").write_text(head + "same-1,徐汇区,2023-09-01,同一活动,seeds/a.txt\n", encoding="utf-8")
    (b / "two.csv").write_text(head + "same-1,徐汇区,2023-09-01,同一活动,seeds/b.txt\n", encoding="utf-8")
    db = tmp_path / "w.duckdb"
    run_pipeline([a / "one.csv"], db, demo=False)
    run_pipeline([b / "two.csv"], db, demo=False)
    ((sources,),) = q(db, "SELECT sources FROM activities WHERE record_id = 'same-1'")
    assert sources == ["seeds/a.txt", "one.csv", "seeds/b.txt", "two.csv"]


def test_same_id_in_two_files_of_one_run(tmp_path):
    head = "record_id,区,日期,活动名称\n"
    (tmp_path / "a.csv").write_text(head + "x-1,徐汇区,2023-09-01,第一种内容\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text(head + "x-1,徐汇区,2023-09-01,第二种内容\n", encoding="utf-8")
    db = tmp_path / "w.duckdb"
    s = run_pipeline([tmp_path / "a.csv", tmp_path / "b.csv"], db, demo=False)
    assert s.counts.added == 1
    assert q(db, "SELECT title FROM activities") == [("第一种内容",)]
    ((reason,),) = q(db, "SELECT reason FROM rejects WHERE source = 'b.csv'")
    assert reason == "duplicate record_id 'x-1' with different content; first seen at a.csv row 2"


def test_meta_source_files_and_reference(built_db):
    meta = dict(q(built_db, "SELECT key, value FROM meta"))
    last = q(built_db, "SELECT run_id FROM etl_runs ORDER BY started_at DESC LIMIT 1")[0][0]
    assert meta["last_run_id"] == last
    assert meta["schema_version"] == "1"
    assert meta["published_at"].endswith("Z")
    assert int(meta["activities"]) == q(built_db, "SELECT count(*) FROM activities")[0][0]
    assert q(built_db, "SELECT count(*) FROM region_boundaries")[0][0] >= 17
    kinds = dict(q(built_db, "SELECT source, kind FROM source_files"))
    assert kinds["yangpu.xlsx"] == "xlsx" and kinds["records.json"] == "json" and kinds["districts_gbk.csv"] == "csv"
    assert all(len(s) == 40 for (s,) in q(built_db, "SELECT sha1 FROM source_files"))


def test_built_db_covers_the_vocabularies(built_db):
    from domain import taxonomy

    types = {t for (t,) in q(built_db, "SELECT DISTINCT activity_type FROM activities")}
    assert types == set(taxonomy.ACTIVITY_TYPE_CODES)
    assert {
        u
        for (u,) in q(built_db, "SELECT DISTINCT participants_unit FROM activities WHERE participants_unit IS NOT NULL")
    } == set(taxonomy.UNIT_CODES)
    assert {
        u
        for (u,) in q(
            built_db, "SELECT DISTINCT participants_qualifier FROM activities WHERE participants_qualifier IS NOT NULL"
        )
    } == set(taxonomy.QUALIFIER_CODES)
    assert {y for (y,) in q(built_db, "SELECT DISTINCT year FROM activities")} == {2021, 2022, 2023, 2024}
    assert q(built_db, "SELECT count(DISTINCT district_adcode) FROM activities")[0][0] >= 14
    assert q(built_db, "SELECT count(*) FROM activities WHERE is_synthetic")[0][0] == 0
    cols = [r[0] for r in q(built_db, "DESCRIBE activities")]
    assert tuple(cols[: len(STORED_RECORD_COLUMNS)]) == STORED_RECORD_COLUMNS


def test_demo_rows_are_synthetic(tmp_path):
    db = tmp_path / "w.duckdb"
    s = run_pipeline([], db, demo=True)
    assert s.counts.added > 1000 and s.rows_rejected == 0
    assert q(db, "SELECT bool_and(is_synthetic), min(source), max(source) FROM activities") == [(True, "demo", "demo")]
    assert q(db, "SELECT kind, status FROM source_files") == [("demo", "ok")]


def test_second_run_is_refused_while_locked(tmp_path):
    db = tmp_path / "w.duckdb"
    with exclusive(db, "holder-run"), pytest.raises(LockHeld, match="holder-run"):
        run_pipeline([EDGE / "semicolon.csv"], db, demo=False)
    assert not db.exists()
    run_pipeline([EDGE / "semicolon.csv"], db, demo=False)  # released: the next run goes ahead
    assert q(db, "SELECT count(*) FROM activities") == [(2,)]


def test_reader_keeps_its_snapshot_while_a_run_publishes(tmp_path):
    src = write_csv(tmp_path / "d.csv", CSV_ROWS[:1])
    db = tmp_path / "w.duckdb"
    run_pipeline([src], db, demo=False)
    reader = duckdb.connect(str(db), read_only=True)
    try:
        assert reader.execute("SELECT count(*) FROM activities").fetchall() == [(1,)]
        write_csv(src, CSV_ROWS)
        run_pipeline([src], db, demo=False)  # publishes while the reader holds the old file open
        assert reader.execute("SELECT count(*) FROM activities").fetchall() == [(1,)]
        assert reader.execute("SELECT title FROM activities").fetchall() == [("徐汇甲活动",)]
    finally:
        reader.close()
    assert q(db, "SELECT count(*) FROM activities") == [(3,)]


def _fail_after_upsert(monkeypatch):
    real = etl.load.upsert_activities

    def broken(con, run_id, accepted="run_accepted"):
        real(con, run_id, accepted)
        raise RuntimeError("injected failure mid-load")

    monkeypatch.setattr(etl.load, "upsert_activities", broken)


def test_failure_mid_load_leaves_published_file_byte_identical(tmp_path, monkeypatch, capsys):
    src = write_csv(tmp_path / "d.csv", CSV_ROWS[:2])
    db = tmp_path / "w.duckdb"
    run_pipeline([src], db, demo=False)
    before = db.read_bytes()
    write_csv(src, CSV_ROWS)
    _fail_after_upsert(monkeypatch)
    # the failure record cannot be written either: it goes to stderr only
    monkeypatch.setattr(etl.publish, "connect_writer", _failing_second_connect(etl.publish.connect_writer))
    with pytest.raises(PublishError, match="injected failure mid-load"):
        run_pipeline([src], db, demo=False)
    assert db.read_bytes() == before
    assert "could not record failed run" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.csv", "w.duckdb", "w.duckdb.lock"]


def _failing_second_connect(real):
    calls = []

    def connect(path):
        calls.append(path)
        if len(calls) > 1:
            raise OSError("disk full (injected)")
        return real(path)

    return connect


def test_failed_run_is_recorded_and_data_untouched(tmp_path, monkeypatch):
    src = write_csv(tmp_path / "d.csv", CSV_ROWS[:2])
    db = tmp_path / "w.duckdb"
    run_pipeline([src], db, demo=False)
    before = snapshot(db)
    write_csv(src, CSV_ROWS)
    _fail_after_upsert(monkeypatch)
    with pytest.raises(PublishError) as err:
        run_pipeline([src], db, demo=False, run_id="20260101T000000-dead")
    assert "run 20260101T000000-dead failed: injected failure mid-load" in str(err.value)
    assert snapshot(db) == before
    failed = q(db, "SELECT run_id, status, message FROM etl_runs WHERE status = 'failed'")
    assert failed[0][:2] == ("20260101T000000-dead", "failed")
    assert "injected failure mid-load" in failed[0][2]
    assert not list(tmp_path.glob("w.duckdb.staging-*"))


def test_stale_staging_files_are_removed(tmp_path):
    db = tmp_path / "w.duckdb"
    old = tmp_path / "w.duckdb.staging-20200101T000000-0000"
    fresh = tmp_path / "w.duckdb.staging-20990101T000000-0000"
    old.write_bytes(b"x")
    fresh.write_bytes(b"y")
    two_days = time.time() - 2 * 24 * 3600
    os.utime(old, (two_days, two_days))
    assert remove_stale_staging(db) == [old]
    assert fresh.exists() and not old.exists()


def test_missing_source_fails_naming_it(tmp_path):
    db = tmp_path / "w.duckdb"
    with pytest.raises(PublishError, match="nope.csv"):
        run_pipeline([tmp_path / "nope.csv"], db, demo=False)


def test_directory_sources_skip_unsupported_files(tmp_path):
    d = tmp_path / "in"
    shutil.copytree(EDGE, d)
    db = tmp_path / "w.duckdb"
    s = run_pipeline([d], db, demo=False)
    assert [p.name for p, _ in s.skipped] == ["notes.md"]
    assert [f.source for f in s.files] == ["gb18030.tsv", "no_region.csv", "records.jsonl", "semicolon.csv"]
    assert "skipped notes.md" in q(db, "SELECT message FROM etl_runs")[0][0]


# -- record_id uniqueness is the loader's job (no PRIMARY KEY on activities) -----------------------


def _id_counts(db: Path) -> tuple[int, int]:
    return q(db, "SELECT count(*), count(DISTINCT record_id) FROM activities")[0]


def test_activities_has_no_primary_key_and_reloads_never_duplicate(tmp_path):
    src = write_csv(tmp_path / "d.csv", CSV_ROWS)
    db = tmp_path / "w.duckdb"
    run_pipeline([src], db, demo=False)
    assert q(
        db,
        "SELECT count(*) FROM duckdb_constraints() WHERE table_name = 'activities' AND constraint_type = 'PRIMARY KEY'",
    ) == [(0,)]
    for _ in range(2):  # a plain re-load, then one where a row changed content under the same id
        run_pipeline([src], db, demo=False)
        assert _id_counts(db) == (3, 3)
    write_csv(src, [CSV_ROWS[0], CSV_ROWS[1].replace(",20\n", ",21\n"), CSV_ROWS[2]])
    s = run_pipeline([src], db, demo=False)
    assert (s.counts.added, s.counts.updated) == (0, 1)
    assert _id_counts(db) == (3, 3)


def test_conflicting_duplicate_id_is_rejected_not_loaded_twice(tmp_path):
    db = tmp_path / "w.duckdb"
    first = tmp_path / "a.csv"
    first.write_text(
        "record_id,区,日期,活动名称,参与人数\nX-1,徐汇区,2023-09-01,甲,10\n"
        "X-1,徐汇区,2023-09-01,甲,11\nX-2,静安区,2023-09-02,乙,5\n",
        encoding="utf-8",
    )
    s1 = run_pipeline([first], db, demo=False)
    assert (s1.counts.added, s1.rows_rejected) == (2, 1)
    reasons = q(db, "SELECT reason FROM rejects")
    assert len(reasons) == 1 and "duplicate record_id 'X-1'" in reasons[0][0]
    # the same id from another file in a later run updates the row, it never adds a second one
    second = tmp_path / "b.csv"
    second.write_text("record_id,区,日期,活动名称,参与人数\nX-1,徐汇区,2023-09-01,甲,12\n", encoding="utf-8")
    s2 = run_pipeline([second], db, demo=False)
    assert (s2.counts.added, s2.counts.updated) == (0, 1)
    assert _id_counts(db) == (2, 2)
    assert q(db, "SELECT participants FROM activities WHERE record_id = 'X-1'") == [(12,)]


def test_warehouse_with_legacy_primary_key_loads_and_loses_the_key(tmp_path):
    src = write_csv(tmp_path / "d.csv", CSV_ROWS)
    db = tmp_path / "w.duckdb"
    s1 = run_pipeline([src], db, demo=False)
    before = snapshot(db)
    # Rebuild the table as warehouses created before the change had it: with the PRIMARY KEY.
    con = duckdb.connect(str(db))
    ddl = con.execute("SELECT sql FROM duckdb_tables() WHERE table_name = 'activities'").fetchall()[0][0]
    legacy = ddl.replace("record_id VARCHAR NOT NULL", "record_id VARCHAR PRIMARY KEY")
    assert legacy != ddl
    con.execute("ALTER TABLE activities RENAME TO old_activities")
    con.execute(legacy)
    con.execute("INSERT INTO activities SELECT * FROM old_activities")
    con.execute("DROP TABLE old_activities")
    assert etl.load.has_legacy_primary_key(con)
    con.close()
    write_csv(src, [*CSV_ROWS, "黄浦区,2023-09-04,黄浦丁活动,黄浦区某局,40\n"])
    s2 = run_pipeline([src], db, demo=False)
    assert (s2.counts.added, s2.counts.unchanged) == (1, 3)
    after = snapshot(db)
    kept = {repr(r) for r in after["activities"]}
    assert all(repr(r) in kept for r in before["activities"])  # old rows kept as they were, run ids included
    assert _id_counts(db) == (4, 4)
    assert q(
        db,
        "SELECT count(*) FROM duckdb_constraints() WHERE table_name = 'activities' AND constraint_type = 'PRIMARY KEY'",
    ) == [(0,)]
    assert q(db, "SELECT first_run_id FROM activities WHERE participants = 10") == [(s1.run_id,)]


def test_warehouse_with_text_codes_and_hex_hashes_is_rebuilt_to_the_contract(tmp_path):
    """A warehouse of the previous DDL (codes as VARCHAR, content_hash as hex text) loads: its
    table is rebuilt with ENUM codes, every old row kept, each counted updated once, then unchanged."""
    src = write_csv(tmp_path / "d.csv", CSV_ROWS)
    db = tmp_path / "w.duckdb"
    s1 = run_pipeline([src], db, demo=False)
    con = duckdb.connect(str(db))
    ddl = con.execute("SELECT sql FROM duckdb_tables() WHERE table_name = 'activities'").fetchall()[0][0]
    old_ddl = re.sub(r"ENUM\([^)]*\)", "VARCHAR", ddl).replace("content_hash UBIGINT", "content_hash VARCHAR")
    assert "ENUM" not in old_ddl and "content_hash VARCHAR" in old_ddl
    con.execute("ALTER TABLE activities RENAME TO new_activities")
    con.execute(old_ddl)
    con.execute(
        "INSERT INTO activities SELECT * REPLACE (printf('%016x', content_hash) AS content_hash) FROM new_activities"
    )
    con.execute("DROP TABLE new_activities")
    con.close()
    assert not etl.load.activities_match_contract(duckdb.connect(str(db), read_only=True))
    s2 = run_pipeline([src], db, demo=False)
    assert (s2.counts.added, s2.counts.updated, s2.counts.unchanged) == (0, len(CSV_ROWS), 0)
    assert q(
        db,
        "SELECT data_type FROM duckdb_columns() WHERE table_name = 'activities' "
        "AND column_name IN ('activity_type', 'content_hash') ORDER BY column_name",
    )[0][0].startswith("ENUM(")
    assert q(db, "SELECT DISTINCT first_run_id FROM activities") == [(s1.run_id,)]  # the rows were kept
    s3 = run_pipeline([src], db, demo=False)
    assert (s3.counts.updated, s3.counts.unchanged) == (0, len(CSV_ROWS))


def test_warehouse_with_one_text_locator_keeps_its_words_and_takes_the_row_number(tmp_path):
    """A warehouse written before the locator's row number had its own column ('d.csv row 2' in one
    text, no `source_row`) is rebuilt to the contract: its rows read the same words; the next load of
    the same file stores the split silently (nothing counted updated: a locator is not content)."""
    src = write_csv(tmp_path / "d.csv", CSV_ROWS)
    db = tmp_path / "w.duckdb"
    run_pipeline([src], db, demo=False)
    shown = f"SELECT record_id, {locator_sql()} FROM activities ORDER BY record_id"
    before = q(db, shown)
    assert [loc for _id, loc in before] and all(loc.startswith("d.csv row ") for _id, loc in before)
    con = duckdb.connect(str(db))
    con.execute(
        f"CREATE TABLE old AS SELECT * EXCLUDE (source_row) REPLACE ({locator_sql()} AS source_locator) FROM activities"
    )
    con.execute("DROP TABLE activities")
    con.execute("ALTER TABLE old RENAME TO activities")
    con.close()
    assert not etl.load.activities_match_contract(duckdb.connect(str(db), read_only=True))
    s2 = run_pipeline([src], db, demo=False)
    assert (s2.counts.added, s2.counts.updated, s2.counts.unchanged) == (0, 0, len(CSV_ROWS))
    assert q(db, shown) == before
    assert q(db, "SELECT DISTINCT source_locator FROM activities") == [("d.csv row ",)]
    assert q(db, "SELECT count(*) FROM activities WHERE source_row IS NULL") == [(0,)]


def _uploaded(inbox: Path, path: Path) -> Path:
    """`path` as the Upload page leaves it in the inbox: beside a scope record bound to its content (unrestricted)."""
    write_record(inbox, path.name, hashlib.sha256(path.read_bytes()).hexdigest(), None, "admin@x.gov")
    return path


def test_an_uploaded_file_read_again_holds_only_the_records_it_now_has(tmp_path, monkeypatch):
    """A corrected upload (a row deleted, a title fixed, which makes a new record) loaded again: the records it no
    longer holds are deleted, not counted beside the corrected ones; another file's records are untouched."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    monkeypatch.setenv("QM_INBOX", str(inbox))
    src = _uploaded(inbox, write_csv(inbox / "all__d.csv", CSV_ROWS))
    other = tmp_path / "other"
    other.mkdir()
    kept = write_csv(other / "o.csv", ["长宁区,2023-09-05,长宁丁活动,长宁某单位,7\n"])
    db = tmp_path / "w.duckdb"
    run_pipeline([inbox, kept], db, demo=False)
    write_csv(src, [CSV_ROWS[0], CSV_ROWS[2].replace("静安丙活动", "静安丙活动（更正）")])
    _uploaded(inbox, src)
    s2 = run_pipeline([inbox], db, demo=False)
    assert sorted(t for (t,) in q(db, "SELECT title FROM activities")) == sorted(
        ["徐汇甲活动", "静安丙活动（更正）", "长宁丁活动"]
    )
    assert (s2.counts.added, s2.counts.updated, s2.counts.unchanged, s2.counts.withdrawn) == (1, 0, 1, 2)
    assert "2 removed (no longer in their file)" in s2.line() and s2.unaccounted == 0
    ((messages,),) = q(db, "SELECT messages FROM source_files WHERE run_id = ?", [s2.run_id])
    assert render(messages, "zh").endswith(
        "2 条以前从本文件导入的记录已不在文件中，已从库中删除（原在：all__d.csv 第 3 行、all__d.csv 第 4 行）"
    )
    ((status, run_messages),) = q(db, "SELECT status, messages FROM etl_runs WHERE run_id = ?", [s2.run_id])
    assert status == "success" and render(run_messages, "zh") == "删除了 2 条已不在其文件中的记录（d.csv）"
    s3 = run_pipeline([inbox], db, demo=False)  # nothing more to remove: a rerun is a no-op
    assert (s3.counts.added, s3.counts.updated, s3.counts.unchanged, s3.counts.withdrawn) == (0, 0, 2, 0)


def test_an_operators_file_keeps_the_records_of_another_file_of_its_name(tmp_path):
    """Two districts' folders each hold 统计表.csv: a run loading one of them (or a shorter version of one) removes
    nothing, since a name is not one file's own outside the inbox."""
    a, b = tmp_path / "xuhui", tmp_path / "pudong"
    a.mkdir()
    b.mkdir()
    write_csv(a / "统计表.csv", [CSV_ROWS[0]])
    write_csv(b / "统计表.csv", CSV_ROWS[1:])
    db = tmp_path / "w.duckdb"
    run_pipeline([a, b], db, demo=False)
    s2 = run_pipeline([a], db, demo=False)
    assert s2.counts.withdrawn == 0 and q(db, "SELECT count(*) FROM activities") == [(3,)]


def test_a_sheet_not_read_and_a_file_not_read_keep_their_records(tmp_path, monkeypatch):
    import openpyxl

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    monkeypatch.setenv("QM_INBOX", str(inbox))

    def workbook(second_header: str) -> Path:
        book = openpyxl.Workbook()
        first = book.active
        first.title = "活动"
        first.append(["区", "日期", "活动名称"])
        first.append(["徐汇区", "2023-09-01", "甲"])
        second = book.create_sheet("补充")
        second.append([second_header, "日期", "活动名称"])
        second.append(["静安区", "2023-09-02", "乙"])
        book.save(inbox / "all__b.xlsx")
        return _uploaded(inbox, inbox / "all__b.xlsx")

    workbook("区")
    src = _uploaded(inbox, write_csv(inbox / "all__d.csv", CSV_ROWS))
    db = tmp_path / "w.duckdb"
    run_pipeline([inbox], db, demo=False)
    assert q(db, "SELECT count(*) FROM activities") == [(5,)]
    src.write_bytes(b"\x00\x01\x02 not a table \xff\xfe")
    _uploaded(inbox, src)
    # the second sheet loses its region header: not read (said in the file's message), so its record stays
    workbook("备注")
    s2 = run_pipeline([inbox], db, demo=False)
    assert s2.counts.withdrawn == 0
    assert [f.status for f in s2.files] == ["ok", "unreadable"]
    assert q(db, "SELECT count(*) FROM activities") == [(5,)]


def _titles(db: Path) -> list[str]:
    return sorted(t for (t,) in q(db, "SELECT title FROM activities WHERE NOT is_synthetic"))


def test_an_operators_corrected_file_replaces_its_records_named_by_its_folder_or_by_itself(
    tmp_path, monkeypatch, capsys
):
    """An operator's file corrected (a row deleted, a title fixed, which makes a new record) left the old records
    counted beside the corrected ones (only uploads replaced theirs, audit17). `etl run` on the default folder, then
    `--source data/sources/统计表.csv` (relative) name the same file: its records are replaced, with the messages of
    an upload's; another file of the folder keeps its record, and each rerun, either way, changes nothing."""
    import etl.__main__ as cli
    from domain import config

    sources = tmp_path / "data" / "sources"
    sources.mkdir(parents=True)
    monkeypatch.setattr(config, "SOURCES_DIR", sources)
    monkeypatch.setenv("QM_INBOX", str(tmp_path / "no-inbox"))
    monkeypatch.chdir(tmp_path)
    src = write_csv(sources / "统计表.csv", CSV_ROWS)
    write_csv(sources / "其他.csv", ["长宁区,2023-09-05,长宁丁活动,长宁某单位,7\n"])
    db = tmp_path / "w.duckdb"
    assert cli.main(["run", "--db", str(db), "--no-demo", "--quiet"]) == 0
    assert len(_titles(db)) == 4
    write_csv(src, [CSV_ROWS[0], CSV_ROWS[2].replace("静安丙活动", "静安丙活动（更正）")])
    capsys.readouterr()
    assert cli.main(["run", "--db", str(db), "--source", "data/sources/统计表.csv", "--no-demo"]) == 0
    out, err = capsys.readouterr()
    assert "1 added, 0 updated, 1 unchanged" in out and "2 removed (no longer in their file)" in out
    assert (
        "2 record(s) loaded from this file before are no longer in it and were removed (were at: 统计表.csv row 3, 统计表.csv row 4)"
        in err
    )
    assert _titles(db) == sorted(["徐汇甲活动", "静安丙活动（更正）", "长宁丁活动"])
    ((run_id,),) = q(db, "SELECT value FROM meta WHERE key = 'last_run_id'")
    ((messages,),) = q(db, "SELECT messages FROM source_files WHERE run_id = ?", [run_id])
    assert render(messages, "zh").endswith(
        "；2 条以前从本文件导入的记录已不在文件中，已从库中删除（原在：统计表.csv 第 3 行、统计表.csv 第 4 行）"
    )
    ((status, run_messages),) = q(db, "SELECT status, messages FROM etl_runs WHERE run_id = ?", [run_id])
    assert status == "success" and render(run_messages, "zh") == "删除了 2 条已不在其文件中的记录（统计表.csv）"
    assert q(db, "SELECT DISTINCT source_path FROM activities WHERE source = '统计表.csv'") == [(str(src.resolve()),)]
    before = snapshot(db)
    for argv in (["--source", str(src.resolve())], [], ["--source", "data/sources"]):  # each names the same file
        assert cli.main(["run", "--db", str(db), "--no-demo", *argv]) == 0
        assert "0 added, 0 updated" in capsys.readouterr().out
        assert snapshot(db) == before


XUHUI_ROWS = ["徐汇区,2023-09-01,徐汇甲活动,徐汇区某协会,10\n", "徐汇区,2023-09-04,徐汇戊活动,徐汇区某协会,12\n"]


def _two_folders_loaded(tmp_path: Path) -> tuple[Path, Path, list[str], Path]:
    """Xuhui's and Pudong's folders, each with a 统计表.csv (2 rows, 2 rows), loaded into a new warehouse."""
    a, b = tmp_path / "xuhui", tmp_path / "pudong"
    a.mkdir()
    b.mkdir()
    write_csv(a / "统计表.csv", XUHUI_ROWS)
    write_csv(b / "统计表.csv", CSV_ROWS[1:])
    db = tmp_path / "w.duckdb"
    run_pipeline([a, b], db, demo=False)
    return a, b, XUHUI_ROWS, db


def test_two_folders_files_of_one_name_keep_each_others_records(tmp_path):
    """Two districts' folders each hold 统计表.csv. Xuhui's corrected (a row deleted) and loaded alone replaces its
    own records only; loaded with Pudong's (same name, untouched), Pudong's keep theirs; reruns change nothing."""
    a, b, xuhui, db = _two_folders_loaded(tmp_path)
    assert len(_titles(db)) == 4
    write_csv(a / "统计表.csv", xuhui[:1])
    s2 = run_pipeline([a], db, demo=False)
    assert s2.counts.withdrawn == 1 and _titles(db) == ["徐汇甲活动", "浦东乙活动", "静安丙活动"]
    assert render(s2.files[0].messages, "zh").endswith("（原在：统计表.csv 第 3 行）")
    write_csv(b / "统计表.csv", CSV_ROWS[1:2])  # now Pudong's drops a row, loaded beside Xuhui's
    s3 = run_pipeline([a, b], db, demo=False)
    assert s3.counts.withdrawn == 1 and _titles(db) == ["徐汇甲活动", "浦东乙活动"]
    assert [f.messages is not None and "records_withdrawn" in f.messages for f in s3.files] == [False, True]
    s4 = run_pipeline([b, a], db, demo=False)
    assert (s4.counts.added, s4.counts.updated, s4.counts.withdrawn) == (0, 0, 0) and len(_titles(db)) == 2


def test_an_operators_sheet_not_read_unreadable_file_and_file_not_in_the_run_keep_their_records(tmp_path):
    """In one run an operator's workbook drops a row of its first sheet (that record goes) while its second sheet
    loses its header (not read), another file of the folder became unreadable and a third folder is not loaded:
    their records stay."""
    import openpyxl

    folder, other = tmp_path / "sources", tmp_path / "other"
    folder.mkdir()
    other.mkdir()

    def workbook(first_rows: list[list[str]], second_header: str) -> None:
        book = openpyxl.Workbook()
        first = book.active
        first.title = "活动"
        first.append(["区", "日期", "活动名称"])
        for r in first_rows:
            first.append(r)
        second = book.create_sheet("补充")
        second.append([second_header, "日期", "活动名称"])
        second.append(["静安区", "2023-09-02", "乙"])
        book.save(folder / "b.xlsx")

    workbook([["徐汇区", "2023-09-01", "甲"], ["徐汇区", "2023-09-03", "丙"]], "区")
    src = write_csv(folder / "d.csv", CSV_ROWS)
    write_csv(other / "e.csv", ["长宁区,2023-09-05,长宁丁活动,长宁某单位,7\n"])
    db = tmp_path / "w.duckdb"
    run_pipeline([folder, other], db, demo=False)
    assert len(_titles(db)) == 7
    workbook([["徐汇区", "2023-09-01", "甲"]], "备注")
    src.write_bytes(b"\x00\x01\x02 not a table \xff\xfe")
    s2 = run_pipeline([folder], db, demo=False)
    assert [f.status for f in s2.files] == ["ok", "unreadable"]
    assert s2.counts.withdrawn == 1 and render(s2.files[0].messages, "zh").endswith("（原在：b.xlsx 活动!3）")
    assert _titles(db) == sorted(["甲", "乙", "徐汇甲活动", "浦东乙活动", "静安丙活动", "长宁丁活动"])


def test_a_warehouse_of_the_previous_version_loads_without_losing_rows(tmp_path):
    """A warehouse written before records kept their file's path (its `activities` one column short) is served as it
    is and loaded into in place: no row lost or counted updated, its first runs kept. A row its file dropped in that
    first load stays (stored without a path it could be another folder's file of that name); from then on the file
    holds only what it says."""
    from analytics.db import Warehouse

    a, b, xuhui, db = _two_folders_loaded(tmp_path)
    with duckdb.connect(str(db)) as con:  # the previous version's table: the same without the last column
        con.execute("ALTER TABLE activities DROP COLUMN source_path")
    first_runs = q(db, "SELECT record_id, first_run_id FROM activities ORDER BY record_id")
    wh = Warehouse(db)
    assert wh.stale_reason is None and wh.rows("SELECT count(*) FROM activities") == [(4,)]
    wh.close()
    write_csv(a / "统計表.csv" if False else a / "统计表.csv", xuhui[:1])
    s2 = run_pipeline([a], db, demo=False)
    assert (s2.counts.added, s2.counts.updated, s2.counts.unchanged, s2.counts.withdrawn) == (0, 0, 1, 0)
    assert q(db, "SELECT record_id, first_run_id FROM activities ORDER BY record_id") == first_runs
    assert q(db, "SELECT title, source_path FROM activities ORDER BY title") == [
        ("徐汇戊活动", None),  # dropped by its file in the load that met it without a path: kept
        ("徐汇甲活动", str((a / "统计表.csv").resolve())),
        ("浦东乙活动", None),  # Pudong's file not in the run
        ("静安丙活动", None),
    ]
    write_csv(a / "统计表.csv", [xuhui[0].replace("徐汇甲活动", "徐汇甲活动（更正）")])
    s3 = run_pipeline([a, b], db, demo=False)
    assert (s3.counts.added, s3.counts.withdrawn) == (1, 1)
    assert _titles(db) == sorted(["徐汇甲活动（更正）", "徐汇戊活动", "浦东乙活动", "静安丙活动"])


def test_a_rerun_reads_the_runs_rows_no_more_to_find_what_its_files_dropped(tmp_path, monkeypatch):
    """What a load writes is a view that normalizes every row when read: a rerun of unchanged files must not read it
    once more to look for records they dropped (their stored records are as many as they loaded). A file that did drop
    one is looked at (here the view is out of reach, so the run fails and publishes nothing)."""
    src = write_csv(tmp_path / "d.csv", CSV_ROWS)
    db = tmp_path / "w.duckdb"
    run_pipeline([src], db, demo=False)
    monkeypatch.setattr(etl.load, "RUN_TO_LOAD", "no_such_view")  # withdraw_missing's only read of it
    s2 = run_pipeline([src], db, demo=False)
    assert (s2.counts.unchanged, s2.counts.withdrawn) == (3, 0)
    write_csv(src, CSV_ROWS[:2])
    with pytest.raises(PublishError, match="no_such_view"):
        run_pipeline([src], db, demo=False)
    assert len(_titles(db)) == 3
