"""Publish step: write the warehouse's tables as a Parquet lake snapshot (layout: domain/lake.py).

Called by ``etl.publish.staging_copy`` (a run of ``etl.pipeline.run_pipeline``) when a lake directory is configured (``QM_LAKE``): the
snapshot is written from the staging database before the DuckDB file is swapped in, and the
manifest is swapped right after it, so both stores change together; a failure while writing
removes the half-written snapshot and fails the run (the old manifest keeps being served).
``python -m etl lake`` (re)writes the lake of an already published warehouse.
"""

# ruff: noqa: S608  -- SQL text here is built from the lake's table list and the tables' own column names.

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

import duckdb

from domain import lake as spec
from etl.files import replace_synced, write_synced

# DuckDB types a Parquet reader such as Spark cannot take, and what the lake stores instead (same values):
# 128-bit and unsigned integers become the next signed type that holds them, ENUM codes plain text.
_LAKE_TYPES = {
    "HUGEINT": "BIGINT",
    "UBIGINT": "DECIMAL(20, 0)",
    "UINTEGER": "BIGINT",
    "USMALLINT": "INTEGER",
    "UTINYINT": "SMALLINT",
}


def _lake_type(data_type: str) -> str | None:
    if data_type.startswith("ENUM("):
        return "VARCHAR"
    return _LAKE_TYPES.get(data_type)


def select_list(con: duckdb.DuckDBPyConnection, table: str) -> str:
    """The SELECT list that writes `table` of `con` as the lake stores it (types Spark reads, same values)."""
    cols = con.execute(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ? "
        "AND table_catalog = current_database() ORDER BY ordinal_position",
        [table],
    ).fetchall()
    return ", ".join(f'CAST("{c}" AS {_lake_type(t)}) AS "{c}"' if _lake_type(t) else f'"{c}"' for c, t in cols)


def _tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {
        r[0]
        for r in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()"
        ).fetchall()
    }


def write_snapshot(con: duckdb.DuckDBPyConnection, lake: Path, run_id: str) -> tuple[Path, spec.Manifest]:
    """Write every lake table present in `con` under a new ``snapshots/<id>/``; returns it and its manifest.

    Nothing is visible to readers until ``swap_manifest``.
    """
    lake = Path(lake)
    snap_id = f"{run_id}-{secrets.token_hex(4)}"
    final = lake / spec.SNAPSHOTS / snap_id
    partial = final.with_name(snap_id + ".partial")
    partial.mkdir(parents=True)
    present = _tables(con)
    tables, rows = {}, {}
    try:
        for t in spec.TABLES:
            if t.name not in present:
                continue
            out = partial / t.name
            select = f"SELECT {select_list(con, t.name)} FROM {t.name}"
            n = int(con.execute(f"SELECT count(*) FROM {t.name}").fetchone()[0])
            if t.partitioned and n:
                con.execute(
                    f"COPY ({select}) TO '{out}' (FORMAT parquet, PARTITION_BY ({spec.PARTITION_COLUMN}), "
                    "WRITE_PARTITION_COLUMNS true)"
                )
            else:
                out.mkdir()  # (an empty table too: one file that carries its schema)
                con.execute(f"COPY ({select}) TO '{out / 'data_0.parquet'}' (FORMAT parquet)")
            tables[t.name] = f"{spec.SNAPSHOTS}/{snap_id}/{t.name}"
            rows[t.name] = n
        meta = dict(con.execute("SELECT key, value FROM meta").fetchall()) if "meta" in present else {}
        os.rename(partial, final)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return final, spec.Manifest(snap_id, meta.get("published_at"), meta.get("last_run_id"), tables, rows)


def swap_manifest(lake: Path, manifest: spec.Manifest, keep: int = 2) -> None:
    """Make `manifest` the served snapshot (atomic replace), then delete all but the `keep` newest snapshots."""
    lake = Path(lake)
    tmp = lake / f".{spec.MANIFEST}.{manifest.snapshot}.tmp"
    write_synced(tmp, manifest.to_json().encode("utf-8"))
    replace_synced(tmp, lake / spec.MANIFEST)
    root = lake / spec.SNAPSHOTS
    done = sorted(
        (p for p in root.iterdir() if p.is_dir() and not p.name.endswith(".partial")),
        key=lambda p: p.stat().st_mtime_ns,
        reverse=True,
    )
    for old in done:
        if old.name != manifest.snapshot and done.index(old) >= keep:
            shutil.rmtree(old, ignore_errors=True)


def remove_snapshot(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


def export(db: Path, lake: Path) -> spec.Manifest:
    """Write the lake of the published warehouse `db` (a new snapshot, then the manifest swap)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        run_id = dict(con.execute("SELECT key, value FROM meta").fetchall()).get("last_run_id") or "export"
        path, manifest = write_snapshot(con, lake, run_id)
    finally:
        con.close()
    try:
        swap_manifest(lake, manifest)
    except BaseException:
        remove_snapshot(path)
        raise
    return manifest


def main(argv: Sequence[str] | None = None) -> int:
    from domain import config

    ap = argparse.ArgumentParser(
        prog="python -m etl lake", description="Write the published warehouse's tables as a Parquet lake snapshot."
    )
    ap.add_argument("--db", type=Path, default=None, help="published warehouse (default: $QM_DB)")
    ap.add_argument("--lake", type=Path, default=None, help="lake directory (default: $QM_LAKE or data/lake)")
    args = ap.parse_args(list(argv or []))
    db = args.db or config.db_path()
    lake = args.lake or config.lake_dir() or config.DATA_DIR / "lake"
    if not Path(db).exists():
        print(f"etl lake: {db}: no published warehouse (run python -m etl run first)", file=sys.stderr)
        return 1
    Path(lake).mkdir(parents=True, exist_ok=True)
    m = export(Path(db), Path(lake))
    print(f"lake {lake}: snapshot {m.snapshot}, " + ", ".join(f"{t} {n:,}" for t, n in m.rows.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
