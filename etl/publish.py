"""The publish stage: a run never shows readers half a load (docs/ARCHITECTURE.md, "Publishing").

`etl.pipeline.run_pipeline` drives these steps:

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
import errno
import os
import secrets
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb

from domain import config
from domain.messages import Message, encode
from etl import interrupt
from etl import lake as lake_writer
from etl.files import replace_synced
from etl.load import apply_schema, record_failed_run, utcnow
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


class ResourceFailure(RuntimeError):
    """The run ran out of memory, disk or engine: a failure of the run, never a reject of the file."""


def is_resource_error(exc: BaseException) -> bool:
    """Whether an exception is the machine's or the engine's failure rather than the input's."""
    if isinstance(
        exc,
        (
            MemoryError,
            ResourceFailure,
            duckdb.OutOfMemoryException,
            duckdb.InternalException,
            duckdb.FatalException,
            duckdb.InterruptException,
            duckdb.TransactionException,
        ),
    ):
        return True
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.ENOMEM, errno.EDQUOT, errno.EMFILE):
        return True
    text = str(exc).lower()
    return isinstance(exc, duckdb.Error) and ("out of memory" in text or "no space left" in text)


def new_run_id(now: dt.datetime | None = None) -> str:
    """A run id: UTC second plus 4 random hex digits (20261122T101500-ab12). It sorts by second only: two runs in
    one second order by `etl_runs.started_at`, not by id."""
    now = now or utcnow()
    return f"{now:%Y%m%dT%H%M%S}-{secrets.token_hex(2)}"


def connect_writer(path: Path) -> duckdb.DuckDBPyConnection:
    """Open a read-write DuckDB connection configured for the ETL on this box."""
    con = duckdb.connect(
        str(path), config={"threads": WRITER_THREADS, "memory_limit": WRITER_MEMORY, "preserve_insertion_order": True}
    )
    con.execute("SET enable_progress_bar = false")  # our own bar (tqdm) is the only one on the terminal
    return con


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
        "(SELECT count(*) FROM rejects)"
    ).fetchall()[0]
    facts.update(
        activities=str(n), activities_real=str(n - synthetic), activities_synthetic=str(synthetic), rejects=str(rejects)
    )
    con.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", list(facts.items()))


def _write_reference(con: duckdb.DuckDBPyConnection) -> None:
    from etl.reference import write_reference  # lazily: imports geopandas

    write_reference(con)


def _swap(staging: Path, db_path: Path) -> None:
    replace_synced(staging, db_path)


def refresh_published(con: duckdb.DuckDBPyConnection, run_id: str) -> None:
    """The publish stage inside the staging copy: reference tables, roll-ups and `meta`, then CHECKPOINT.

    Roll-ups are rebuilt from the final `activities`, so readers never see them disagree.
    """
    _write_reference(con)
    refresh_rollups(con)
    write_meta(con, run_id)
    con.execute("CHECKPOINT")


@contextlib.contextmanager
def staging_copy(
    db_path: Path, run_id: str, started: dt.datetime, what: str = "", lake: Path | None = None
) -> Iterator[duckdb.DuckDBPyConnection]:
    """Copy `db_path` to `<db>.staging-<run_id>`, yield a writer on it with the DDL applied, then publish.

    Call with the run lock held. When the block ends normally the copy is closed and swapped
    onto `db_path` atomically; when it raises, the copy is deleted, the failure is recorded in
    `db_path`'s etl_runs (best effort) and PublishError is raised: `db_path` is untouched. A
    failure for want of memory, disk or engine says so, naming `what` was being loaded.

    With a lake directory (`lake`, default ``config.lake_dir()``, i.e. $QM_LAKE) the published tables are
    also written there as a Parquet snapshot (etl/lake.py) before the swap, and its manifest is swapped
    right after the file: both stores change together, and a failure leaves both as they were.
    """
    lake = Path(lake) if lake is not None else config.lake_dir()
    staging = db_path.with_name(f"{db_path.name}.staging-{run_id}")
    con = None
    lake_snapshot = None
    try:
        if db_path.exists():
            shutil.copyfile(db_path, staging)
        con = connect_writer(staging)
        apply_schema(con)
        yield con
        if lake is not None:
            # written before the swap, served only once the manifest names it (after the swap)
            lake.mkdir(parents=True, exist_ok=True)
            lake_snapshot, manifest = lake_writer.write_snapshot(con, lake, run_id)
        con.close()
        con = None
        _swap(staging, db_path)
        if lake is not None:
            lake_writer.swap_manifest(lake, manifest)
            lake_snapshot = None
    except BaseException as exc:
        if con is not None:
            with contextlib.suppress(Exception):
                con.close()
        _remove(staging)
        if lake_snapshot is not None:
            lake_writer.remove_snapshot(lake_snapshot)
        stopped = interrupt.requested()  # an engine error raised by the stop (Query interrupted) is the stop
        if isinstance(exc, KeyboardInterrupt) or stopped:
            # Stopped from outside (Ctrl-C, or a scheduler's SIGTERM, etl.interrupt): nothing published, the
            # copy gone, the stop recorded; the caller says so.
            name = stopped or str(exc) or "SIGINT"
            stop = Message("run_interrupted", {"run": run_id, "signal": name})
            record_failure(db_path, run_id, started, stop.text("en"), stop)
            if isinstance(exc, KeyboardInterrupt):
                raise
            raise KeyboardInterrupt(name) from exc
        if not isinstance(exc, Exception):
            raise
        msg = f"run {run_id} failed: {exc}"
        if is_resource_error(exc) and not isinstance(exc, ResourceFailure):
            msg = (
                f"run {run_id} failed: the ETL ran out of a resource while loading {what or 'the run'} "
                f"({type(exc).__name__}: {exc}); nothing was published (QM_ETL_MEMORY sets the writer's memory)"
            )
        record_failure(db_path, run_id, started, msg)
        raise PublishError(msg) from exc


def record_failure(
    db_path: Path, run_id: str, started: dt.datetime, message: str, coded: Message | None = None
) -> None:
    """Publish only the failed run's etl_runs row (the lock is held by the caller). Never raises."""
    staging = db_path.with_name(f"{db_path.name}.staging-{run_id}-failed")
    try:
        if db_path.exists():
            shutil.copyfile(db_path, staging)
        con = connect_writer(staging)
        try:
            apply_schema(con)
            record_failed_run(
                con,
                run_id=run_id,
                started_at=started,
                message=message[:2000],
                messages=encode([coded] if coded else []),
            )
            con.execute("CHECKPOINT")
        finally:
            con.close()
        _swap(staging, db_path)
    except Exception as exc:  # the run already failed; say so on stderr and keep the published file
        _remove(staging)
        print(f"etl: could not record failed run {run_id} in {db_path}: {exc}", file=sys.stderr)
