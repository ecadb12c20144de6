"""Warehouse: read-only, no file access, swaps on publish, survives a corrupt publish."""

from __future__ import annotations

import os
import threading

import duckdb
import pytest

from analytics.db import Warehouse, WarehouseUnavailable
from tests.analytics.conftest import TINY_ROWS, build_tiny_db


@pytest.fixture
def published(tmp_path):
    path = build_tiny_db(tmp_path / "quality.duckdb")
    return path


def _publish(tmp_path, target, rows, run_id):
    staging = build_tiny_db(tmp_path / f"staging-{run_id}.duckdb", rows=rows, run_id=run_id)
    os.replace(staging, target)


def test_reads_and_snapshot(published) -> None:
    wh = Warehouse(published)
    assert wh.rows("SELECT count(*) FROM activities") == [(len(TINY_ROWS),)]
    snap = wh.snapshot()
    assert snap.last_run_id == "run-1" and snap.published_at.startswith("2025-01-02")
    assert wh.stale_reason is None
    assert wh.query("SELECT count(*) AS n FROM activities")["n"].iloc[0] == len(TINY_ROWS)
    assert wh.arrow("SELECT record_id FROM activities").num_rows == len(TINY_ROWS)
    assert sum(b.num_rows for b in wh.batches("SELECT * FROM activities", batch_rows=3)) == len(TINY_ROWS)


@pytest.mark.parametrize(
    "sql",
    [
        "DELETE FROM activities",
        "CREATE TABLE x (a INT)",
        "INSERT INTO meta VALUES ('k', 'v')",
        "UPDATE activities SET title = 'x'",
        "DROP TABLE activities",
    ],
)
def test_read_only(published, sql) -> None:
    wh = Warehouse(published)
    with pytest.raises(duckdb.Error):
        wh.rows(sql)
    assert wh.rows("SELECT count(*) FROM activities") == [(len(TINY_ROWS),)]


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT * FROM read_csv('{secret}')",
        "SELECT * FROM read_text('{secret}')",
        "SELECT * FROM '{secret}'",
        "COPY (SELECT 1) TO '{out}'",
        "ATTACH '{other}' AS other",
        "INSTALL httpfs",
        "SET enable_external_access = true",
        "SET lock_configuration = false",
    ],
)
def test_cannot_touch_other_files(published, tmp_path, sql) -> None:
    secret = tmp_path / "secret.csv"
    secret.write_text("password\nhunter2\n", encoding="utf-8")
    other = build_tiny_db(tmp_path / "other.duckdb")
    out = tmp_path / "out.csv"
    wh = Warehouse(published)
    with pytest.raises(duckdb.Error):
        wh.rows(sql.format(secret=secret, out=out, other=other))
    assert not out.exists()
    # and the connection still works afterwards
    assert wh.rows("SELECT count(*) FROM activities") == [(len(TINY_ROWS),)]


def test_swaps_to_new_published_file(published, tmp_path) -> None:
    wh = Warehouse(published)
    before = wh.snapshot()
    _publish(tmp_path, published, TINY_ROWS[:3], "run-2")
    assert wh.rows("SELECT count(*) FROM activities") == [(3,)]
    after = wh.snapshot()
    assert after.last_run_id == "run-2" and after.key != before.key
    assert wh.stale_reason is None


def test_keeps_serving_when_new_file_is_corrupt(published, tmp_path) -> None:
    wh = Warehouse(published)
    bad = tmp_path / "bad.duckdb"
    bad.write_bytes(b"not a database" * 1000)
    os.replace(bad, published)
    assert wh.rows("SELECT count(*) FROM activities") == [(len(TINY_ROWS),)]
    assert wh.snapshot().last_run_id == "run-1"
    assert wh.stale_reason and "cannot open" in str(wh.stale_reason) and str(published) in str(wh.stale_reason)
    # a good publish afterwards recovers
    _publish(tmp_path, published, TINY_ROWS[:2], "run-3")
    assert wh.rows("SELECT count(*) FROM activities") == [(2,)]
    assert wh.stale_reason is None


def test_keeps_serving_when_file_disappears(published) -> None:
    wh = Warehouse(published)
    os.remove(published)
    assert wh.rows("SELECT count(*) FROM activities") == [(len(TINY_ROWS),)]
    assert "cannot stat" in str(wh.stale_reason)


def test_missing_file_is_unavailable(tmp_path) -> None:
    wh = Warehouse(tmp_path / "nothing.duckdb")
    assert wh.snapshot() is None and not wh.available
    with pytest.raises(WarehouseUnavailable):
        wh.rows("SELECT 1")
    build_tiny_db(tmp_path / "nothing.duckdb")
    assert wh.available and wh.rows("SELECT count(*) FROM activities") == [(len(TINY_ROWS),)]


def test_both_engines_say_why_nothing_is_served_the_same_way(tmp_path) -> None:
    """The stale reasons come from one rule (analytics.db.FollowsPublishes) for the file and the lake."""
    from analytics.spark import SparkWarehouse  # no Spark session starts: nothing is ever readable

    lake = tmp_path / "lake"
    wh, sw = Warehouse(tmp_path / "nothing.duckdb"), SparkWarehouse(lake)
    assert (
        str(wh.stale_reason)
        == f"{tmp_path / 'nothing.duckdb'}: cannot stat the published file (No such file or directory)"
    )
    assert (
        str(sw.stale_reason) == f"{lake / 'manifest.json'}: cannot read the lake manifest (No such file or directory)"
    )
    assert not sw.available and sw.snapshot() is None
    lake.mkdir()
    (lake / "manifest.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "nothing.duckdb").write_bytes(b"\0not a warehouse\nsecond line")
    assert sw.snapshot() is None and wh.snapshot() is None
    assert str(sw.stale_reason).startswith(f"{lake / 'manifest.json'}: cannot open the lake snapshot (ValueError: ")
    assert str(wh.stale_reason).startswith(f"{tmp_path / 'nothing.duckdb'}: cannot open the published file (")
    assert "second line" not in str(wh.stale_reason)  # the first line of the error only
    assert "serving the last good snapshot" not in str(sw.stale_reason) + str(wh.stale_reason)  # there is none


def test_file_without_warehouse_tables_is_rejected(tmp_path) -> None:
    path = tmp_path / "empty.duckdb"
    duckdb.connect(str(path)).close()
    wh = Warehouse(path)
    assert wh.snapshot() is None and "cannot open" in str(wh.stale_reason)


def test_concurrent_queries(published) -> None:
    wh = Warehouse(published)
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(20):
                assert wh.rows("SELECT count(*) FROM activities WHERE year >= $y", {"y": 2000})[0][0] == len(TINY_ROWS)
        except BaseException as exc:  # collected and re-raised in the main thread
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert not errors


def test_a_warehouse_of_an_older_contract_is_refused_with_the_reason(built_db, tmp_path) -> None:
    """A file whose `activities` lacks a column of today's record contract (written before an upgrade)
    is not served: the reason names the file, the missing column and the command that upgrades it."""
    import shutil

    old = tmp_path / "old.duckdb"
    shutil.copy(built_db, old)
    with duckdb.connect(str(old)) as con:
        con.execute("ALTER TABLE activities DROP COLUMN source_row")
    wh = Warehouse(old)
    with pytest.raises(WarehouseUnavailable):
        wh.rows("SELECT 1")
    reason = str(wh.stale_reason or "")
    assert str(old) in reason and "older version" in reason and "source_row" in reason and "etl run" in reason
    wh.close()
    # the same file as the ETL wrote it is served
    good = Warehouse(built_db)
    assert good.stale_reason is None and good.rows("SELECT count(*) > 0 FROM activities") == [(True,)]
    good.close()
