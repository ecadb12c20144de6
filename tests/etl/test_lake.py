"""The Parquet lake written at publish (domain/lake.py, etl/lake.py): complete, partitioned by year,
named by an atomically swapped manifest, and left untouched by a failed publish."""

from __future__ import annotations

import json

import duckdb
import pytest

from domain import lake as spec
from domain.rollups import ROLLUPS
from etl import lake as lake_writer
from tests.conftest import FIXTURE_SET


def _read(lake, rel: str) -> list[tuple]:
    con = duckdb.connect()
    try:
        return con.execute(f"SELECT * FROM read_parquet('{lake / rel}/**/*.parquet') ORDER BY ALL").fetchall()
    finally:
        con.close()


def test_publish_writes_the_lake_and_its_manifest(tmp_path) -> None:
    from etl.pipeline import run_pipeline

    db, lake = tmp_path / "q.duckdb", tmp_path / "lake"
    summary = run_pipeline([FIXTURE_SET], db, demo=False, lake=lake)
    m = spec.read_manifest(lake)
    assert m.last_run_id == summary.run_id
    assert {"activities", *(r.table for r in ROLLUPS), "regions", "meta"} <= set(m.tables)
    con = duckdb.connect(str(db), read_only=True)
    try:
        for table, rel in m.tables.items():
            want = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            assert m.rows[table] == want
            if want:
                assert len(_read(lake, rel)) == want
        years = {r[0] for r in con.execute("SELECT DISTINCT year FROM activities").fetchall()}
    finally:
        con.close()
    parts = {p.name for p in (lake / m.tables["activities"]).iterdir()}
    assert parts == {f"year={y}" for y in years}  # partitioned by campaign year
    # a second publish: a new snapshot, the manifest swapped, the previous snapshot kept for readers
    second = run_pipeline([FIXTURE_SET], db, demo=True, lake=lake)
    m2 = spec.read_manifest(lake)
    assert m2.snapshot != m.snapshot and m2.last_run_id == second.run_id
    assert (lake / m.tables["activities"]).exists()
    run_pipeline([FIXTURE_SET], db, demo=False, lake=lake)
    assert not (lake / m.tables["activities"]).exists()  # older than the previous one: deleted
    assert not list(lake.glob(".manifest*")) and not list((lake / spec.SNAPSHOTS).glob("*.partial"))


def test_a_failed_lake_write_publishes_nothing(tmp_path, monkeypatch) -> None:
    from etl.pipeline import run_pipeline
    from etl.publish import PublishError

    db, lake = tmp_path / "q.duckdb", tmp_path / "lake"
    run_pipeline([FIXTURE_SET], db, demo=False, lake=lake)
    before = (lake / spec.MANIFEST).read_text(encoding="utf-8")
    real = lake_writer.select_list

    def broken(con, table):
        if table == "rollup_year_month":
            raise OSError("disk full while writing the lake")
        return real(con, table)

    monkeypatch.setattr(lake_writer, "select_list", broken)
    with pytest.raises(PublishError, match="disk full"):
        run_pipeline([FIXTURE_SET], db, demo=True, lake=lake)
    assert (lake / spec.MANIFEST).read_text(encoding="utf-8") == before  # readers keep the old snapshot
    con = duckdb.connect(str(db), read_only=True)
    try:  # the file holds the old rows (no demo ones) and, by design, the failed run's etl_runs row
        assert con.execute("SELECT count(*) FROM activities WHERE is_synthetic").fetchone() == (0,)
        assert con.execute("SELECT status FROM etl_runs ORDER BY started_at DESC LIMIT 1").fetchone() == ("failed",)
    finally:
        con.close()
    snaps = [p for p in (lake / spec.SNAPSHOTS).iterdir()]
    assert len(snaps) == 1 and not any(p.name.endswith(".partial") for p in snaps)
    assert json.loads(before)["snapshot"] == snaps[0].name


def test_unknown_manifest_is_a_clear_error(tmp_path) -> None:
    (tmp_path / spec.MANIFEST).write_text('{"format": 99}', encoding="utf-8")
    with pytest.raises(ValueError, match="manifest.json: unknown manifest format 99"):
        spec.read_manifest(tmp_path)
