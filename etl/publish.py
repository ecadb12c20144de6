"""Publish a run without ever showing readers half a load (docs/ARCHITECTURE.md, "Publishing").

1. flock `<db>.lock` (non-blocking; a second run gets `LockHeld`, exit 75).
2. Copy `<db>` to `<db>.staging-<run_id>`, apply the DDL, stage and load every source there in
   one transaction, refresh reference tables and `meta`, CHECKPOINT, close.
3. `os.replace` onto `<db>`, fsync the directory.
On any failure the staging copy is deleted and `<db>` is untouched; the failed run is then
recorded by a second, minimal publish that only adds its `etl_runs` row.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import secrets
import shutil
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from etl import lock as locking
from etl.load import LoadCounts, SourceFileRow, apply_schema, load_run, record_failed_run, utcnow
from etl.pipeline import DEMO_SOURCE, Source, collect_sources, stage_sources
from etl.rollups import refresh_rollups

SCHEMA_VERSION = "1"
STALE_STAGING_SECONDS = 24 * 3600


def default_writer_memory() -> str:
    """The writer's DuckDB memory limit when QM_ETL_MEMORY is not set: a third of RAM, at least 2 GB.

    The raw cells of a file stay in memory until the load has read them (about 1.5x the CSV's
    size). Under 2 GB a 10M-row (3 GB) file spilled 4.5 GB to DuckDB's temp files and the load
    cost about a fifth more CPU; a third of this box's 24 GB holds it with room for the
    dashboard and the other processes.
    """
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):  # no sysconf on this platform
        total = 0
    return f"{max(2 << 30, total // 3) >> 20}MB"


# A 2-core box shared with the dashboard: both cores for the load, memory bounded (DuckDB
# spills to disk past the limit). Overridable for other machines.
WRITER_THREADS = int(os.environ.get("QM_ETL_THREADS", "2"))
WRITER_MEMORY = os.environ.get("QM_ETL_MEMORY") or default_writer_memory()


class PublishError(Exception):
    """The run failed; the published file is untouched. The message names the file or stage."""


@dataclass
class RunSummary:
    """Outcome of one `python -m etl run`."""

    run_id: str
    db_path: Path
    status: str                     # success / no_changes / failed
    files: list[SourceFileRow] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    rows_read: int = 0
    counts: LoadCounts = LoadCounts(0, 0, 0)
    rows_rejected: int = 0
    published: bool = False
    seconds: float = 0.0
    message: str | None = None

    def line(self) -> str:
        """The one-line summary printed at the end of a run."""
        n_files = sum(1 for f in self.files if f.kind != DEMO_SOURCE)
        demo = " + demo" if any(f.kind == DEMO_SOURCE for f in self.files) else ""
        tail = "published" if self.published else "NOT published"
        return (f"run {self.run_id}: {n_files:,} file{'s' if n_files != 1 else ''}{demo}, "
                f"{self.rows_read:,} read, {self.counts.added:,} added, {self.counts.updated:,} updated, "
                f"{self.counts.unchanged:,} unchanged, {self.rows_rejected:,} rejected -> {self.db_path} ({tail})")


def new_run_id(now: dt.datetime | None = None) -> str:
    """A sortable run id: UTC timestamp plus 4 random hex digits (20261122T101500-ab12)."""
    now = now or utcnow()
    return f"{now:%Y%m%dT%H%M%S}-{secrets.token_hex(2)}"


def connect_writer(path: Path) -> duckdb.DuckDBPyConnection:
    """Open a read-write DuckDB connection configured for the ETL on this box."""
    con = duckdb.connect(str(path), config={"threads": WRITER_THREADS, "memory_limit": WRITER_MEMORY,
                                            "preserve_insertion_order": True})
    con.execute("SET enable_progress_bar = false")  # our own bar (tqdm) is the only one on the terminal
    return con


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove(path: Path) -> None:
    for p in (path, path.with_name(path.name + ".wal")):
        with contextlib.suppress(FileNotFoundError):
            p.unlink()


def remove_stale_staging(db_path: Path, max_age: float | None = STALE_STAGING_SECONDS) -> list[Path]:
    """Delete staging copies (and their .wal) left by crashed runs. Call with the lock held.

    Args:
        db_path: The published warehouse file.
        max_age: Only copies older than this many seconds; None for every copy.

    Returns:
        The files removed.
    """
    removed = []
    now = time.time()
    for p in db_path.parent.glob(db_path.name + ".staging-*"):
        try:
            if max_age is None or now - p.stat().st_mtime > max_age:
                p.unlink()
                removed.append(p)
        except FileNotFoundError:
            continue
    return removed


def write_meta(con: duckdb.DuckDBPyConnection, run_id: str) -> None:
    """Refresh the `meta` facts about the snapshot being published."""
    facts = {
        "published_at": utcnow().isoformat(timespec="seconds") + "Z",
        "last_run_id": run_id,
        "schema_version": SCHEMA_VERSION,
    }
    n, synthetic, rejects = con.execute(
        "SELECT (SELECT count(*) FROM activities), (SELECT count(*) FROM activities WHERE is_synthetic), "
        "(SELECT count(*) FROM rejects)").fetchall()[0]
    facts.update(activities=str(n), activities_real=str(n - synthetic), activities_synthetic=str(synthetic),
                 rejects=str(rejects))
    con.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", list(facts.items()))


def _write_reference(con: duckdb.DuckDBPyConnection) -> None:
    from etl.reference import write_reference  # lazily: imports geopandas

    write_reference(con)


def _swap(staging: Path, db_path: Path) -> None:
    os.replace(staging, db_path)
    _fsync_dir(db_path.parent)


def run_pipeline(sources: Sequence[Path] | None, db_path: Path, demo: bool, progress: bool = False,
                 run_id: str | None = None) -> RunSummary:
    """Run the whole ETL for `sources` and publish the result to `db_path`.

    Args:
        sources: Files or directories; None or empty for none (demo only).
        db_path: The published warehouse file (created when missing).
        demo: Add the demo generator's rows (is_synthetic) as a source named 'demo'.
        progress: Show a tqdm bar on stderr.
        run_id: Fixed run id (tests); generated otherwise.

    Returns:
        The run summary (published=True).

    Raises:
        etl.lock.LockHeld: Another run holds the lock.
        PublishError: The run failed; the message names the file or stage. `db_path` is untouched
            and the failure is recorded in its etl_runs (best effort).
    """
    db_path = Path(db_path)
    run_id = run_id or new_run_id()
    started = utcnow()
    t0 = time.perf_counter()
    db_path.parent.mkdir(parents=True, exist_ok=True)
    with locking.exclusive(db_path, run_id):
        # Every run stages under the lock, so with the lock held no staging copy is in use: one
        # left now is from a killed run (SIGKILL skips the cleanup) and only wastes disk.
        remove_stale_staging(db_path, max_age=None)
        try:
            srcs, skipped = collect_sources(sources or [])
        except FileNotFoundError as exc:
            _record_failure(db_path, run_id, started, str(exc))
            raise PublishError(str(exc)) from exc
        if demo:
            srcs.append(Source(DEMO_SOURCE, DEMO_SOURCE))
        staging = db_path.with_name(f"{db_path.name}.staging-{run_id}")
        con = None
        bar = None
        try:
            if db_path.exists():
                shutil.copyfile(db_path, staging)
            con = connect_writer(staging)
            apply_schema(con)
            if progress:
                from tqdm import tqdm

                bar = tqdm(total=len(srcs) + 1, file=sys.stderr, unit="file", desc="etl", leave=False)
            files = stage_sources(con, srcs, progress=(lambda name: (bar.set_postfix_str(name), bar.update()))
                                  if bar else None)
            if bar:
                bar.set_postfix_str("loading")
            rows_read = sum(f.rows_read for f in files)
            message = "; ".join(f"skipped {p.name}: {why}" for p, why in skipped) or None
            counts = load_run(con, run_id=run_id, started_at=started, files=files, rows_read=rows_read,
                              message=message)
            rejected = con.execute("SELECT count(*) FROM rejects WHERE run_id = ?", [run_id]).fetchall()[0][0]
            if bar:
                bar.set_postfix_str("publishing")
            _write_reference(con)
            # roll-ups are rebuilt from the final activities, so readers never see them disagree
            refresh_rollups(con)
            write_meta(con, run_id)
            con.execute("CHECKPOINT")
            con.close()
            con = None
            _swap(staging, db_path)
            if bar:
                bar.update()
        except Exception as exc:
            if con is not None:
                with contextlib.suppress(Exception):
                    con.close()
            _remove(staging)
            msg = f"run {run_id} failed: {exc}"
            _record_failure(db_path, run_id, started, msg)
            raise PublishError(msg) from exc
        finally:
            if bar:
                bar.close()
    status = "success" if counts.added + counts.updated else "no_changes"
    return RunSummary(run_id=run_id, db_path=db_path, status=status, files=files, skipped=skipped,
                      rows_read=rows_read, counts=counts, rows_rejected=rejected, published=True,
                      seconds=time.perf_counter() - t0, message=message)


def _record_failure(db_path: Path, run_id: str, started: dt.datetime, message: str) -> None:
    """Publish only the failed run's etl_runs row (the lock is held by the caller). Never raises."""
    staging = db_path.with_name(f"{db_path.name}.staging-{run_id}-failed")
    try:
        if db_path.exists():
            shutil.copyfile(db_path, staging)
        con = connect_writer(staging)
        try:
            apply_schema(con)
            record_failed_run(con, run_id=run_id, started_at=started, message=message[:2000])
            con.execute("CHECKPOINT")
        finally:
            con.close()
        _swap(staging, db_path)
    except Exception as exc:  # the run already failed; say so on stderr and keep the published file
        _remove(staging)
        print(f"etl: could not record failed run {run_id} in {db_path}: {exc}", file=sys.stderr)
