"""Read-only access to the published warehouse file.

The ETL publishes a new file by ``os.replace`` (see docs/ARCHITECTURE.md). A
``Warehouse`` notices that on the next query (the inode behind the path changed),
opens the new file and drops the old connection. When the new file cannot be
opened it keeps serving the snapshot it has and says why in ``stale_reason``.

Why ``:memory:`` + ``ATTACH ... (READ_ONLY)`` rather than
``duckdb.connect(path, read_only=True)``: the Python client caches database
instances by path, so a second ``connect`` to the same path after a publish
returns the *old* instance (old inode, locked configuration) instead of the new
file. A fresh in-memory instance per snapshot is never shared, so the swap is real.
External access is then switched off and the configuration locked, so no query
issued through this object can read or write any other file.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa

from domain.messages import Message, msg
from domain.record import STORED_RECORD_FIELDS

_ALIAS = "wh"
Params = Sequence[Any] | dict[str, Any] | None


class WarehouseUnavailable(RuntimeError):
    """No snapshot has ever been opened: the file is missing or unreadable."""


# The command that brings a warehouse to the current contract (the ETL's own; named here for messages).
ETL_COMMAND = "python -m etl run"


class UnusableFile(Exception):
    """A published file that opens but cannot be served: a coded reason (domain.messages) without the
    "serving the last good snapshot" tail, which the refresh adds (FollowsPublishes._stale)."""

    def __init__(self, code: str, **params: Any):
        self.code, self.params = code, params
        super().__init__(msg(code, **params, then=None).text("en"))


@dataclass(frozen=True)
class Snapshot:
    """What is being served right now.

    Attributes:
        published_at: ``meta.published_at`` of the open file (None if absent).
        last_run_id: ``meta.last_run_id`` of the open file (None if absent).
        file_id: identity of the open file (device, inode, mtime); changes on every publish.
    """

    published_at: str | None
    last_run_id: str | None
    file_id: str

    @property
    def key(self) -> str:
        """A string that changes whenever a new file is published: use it in cache keys."""
        return f"{self.last_run_id}|{self.published_at}|{self.file_id}"


def plain_codes(data):
    """Code columns as plain text: the warehouse stores codes as ENUMs (domain/record.py), which
    pandas would read as categoricals and Arrow as dictionaries; pages and exports see strings.

    Args:
        data: A DataFrame, Arrow table or record batch.
    """
    if isinstance(data, pd.DataFrame):
        for col in data.columns[[isinstance(t, pd.CategoricalDtype) for t in data.dtypes]]:
            data[col] = data[col].astype("str")
        return data
    if not any(pa.types.is_dictionary(f.type) for f in data.schema):
        return data
    arrays = [c.cast(c.type.value_type) if pa.types.is_dictionary(c.type) else c for c in data.columns]
    cls = pa.RecordBatch if isinstance(data, pa.RecordBatch) else pa.Table
    return cls.from_arrays(arrays, names=data.schema.names)


def _file_identity(path: Path) -> tuple[int, int, int]:
    st = os.stat(path)
    return (st.st_dev, st.st_ino, st.st_mtime_ns)


def _open(path: Path) -> duckdb.DuckDBPyConnection:
    """Open `path` read-only in a private instance with file access disabled."""
    con = duckdb.connect(":memory:")
    try:
        con.execute(f"ATTACH ? AS {_ALIAS} (READ_ONLY)", [str(path)])
        con.execute(f"USE {_ALIAS}")
        con.execute("SET enable_external_access = false")
        con.execute("SET lock_configuration = true")
        # A file that attaches but lacks the warehouse tables (half-written, wrong
        # file) is as useless as a corrupt one: fail now, not in the middle of a page.
        con.execute("SELECT count(*) FROM activities LIMIT 1").fetchall()
        # A warehouse written by an older ETL lacks columns the pages read (the ETL rebuilds it to the
        # current contract on its next run; this side is read-only): say so now, not in a page.
        have = {
            r[0]
            for r in con.execute("SELECT column_name FROM duckdb_columns() WHERE table_name = 'activities'").fetchall()
        }
        lacking = [f.name for f in STORED_RECORD_FIELDS if f.name not in have]
        if lacking:
            raise UnusableFile("snapshot_outdated", path=str(path), columns=lacking, cmd=ETL_COMMAND)
        # A truncated copy keeps a readable header and catalogue and fails only when a query
        # reaches a missing block. Every block in use lies inside the file (free blocks at the
        # end may be cut off by a checkpoint), so the used-block count bounds the file's length.
        blocks, block_size = con.execute(
            "SELECT used_blocks, block_size FROM pragma_database_size() WHERE database_name = ?", [_ALIAS]
        ).fetchone()
        if os.path.getsize(path) < int(blocks) * int(block_size):
            raise UnusableFile(
                "snapshot_truncated", path=str(path), size=os.path.getsize(path), blocks=blocks, block_size=block_size
            )
    except Exception:
        con.close()
        raise
    return con


class FollowsPublishes:
    """What every warehouse of the read side shares: before each query it follows the latest publish
    (``_refresh``, the engine's own) and, when that cannot be read, keeps serving the last good
    snapshot and says why in ``stale_reason``: a coded message (domain.messages), which pages render
    in the reader's language and ``str()`` gives in English."""

    path: Path
    stale_reason: Message | None
    _snapshot: Snapshot | None

    def _refresh(self) -> None:
        raise NotImplementedError

    @property
    def available(self) -> bool:
        """True when a snapshot is open (possibly stale)."""
        self._refresh()
        return self._snapshot is not None

    def snapshot(self) -> Snapshot | None:
        """The snapshot being served (None when nothing could ever be opened)."""
        self._refresh()
        return self._snapshot

    def _stale(self, code: str, **params: Any) -> Message:
        """A ``stale_reason``: what could not be done (a code of domain.messages naming the file, and its
        parameters), and whether the last good snapshot is still served."""
        return msg(code, **params, then=msg("serving_last") if self._snapshot is not None else None)

    @staticmethod
    def _error_line(exc: Exception) -> str:
        """An exception in one line: its type and the first 200 characters of its first line."""
        return f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}"


class Warehouse(FollowsPublishes):
    """A self-refreshing, read-only view of the published DuckDB file.

    Thread-safe: each query runs on its own cursor; the swap to a newly published
    file is guarded by a lock. Safe to share through ``st.cache_resource``.

    Args:
        path: the published warehouse file (``domain.config.db_path()``).
    """

    def __init__(self, path: str | os.PathLike[str]):
        self.path = Path(path)
        self._lock = threading.Lock()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._identity: tuple[int, int, int] | None = None
        self._snapshot: Snapshot | None = None
        self._failed_identity: tuple[int, int, int] | None = None
        self._tables: tuple[tuple[int, int, int] | None, frozenset[str]] | None = None
        self.stale_reason: Message | None = None
        self._refresh()

    # -- connection management -------------------------------------------------

    def _refresh(self) -> None:
        """Swap to the published file if it changed since the last query."""
        try:
            ident = _file_identity(self.path)
        except OSError as exc:
            with self._lock:
                self.stale_reason = self._stale("snapshot_cannot_stat", path=str(self.path), detail=exc.strerror or exc)
            return
        if ident == self._identity or ident == self._failed_identity:
            return
        with self._lock:
            if ident == self._identity or ident == self._failed_identity:
                return
            try:
                con = _open(self.path)
                snap = self._read_snapshot(con, ident)
            except Exception as exc:  # corrupt, truncated, not a warehouse
                # Remember the bad file so we do not retry it on every query; a new
                # publish (new inode) clears this.
                self._failed_identity = ident
                if isinstance(exc, UnusableFile):
                    self.stale_reason = self._stale(exc.code, **exc.params)
                else:
                    self.stale_reason = self._stale(
                        "snapshot_cannot_open", path=str(self.path), detail=self._error_line(exc)
                    )
                return
            old, self._con = self._con, con
            self._identity, self._snapshot = ident, snap
            self._failed_identity = None
            self.stale_reason = None
        if old is not None:
            # Cursors of running queries hold their own reference to the old
            # instance, so closing the parent here does not cut them off.
            with contextlib.suppress(duckdb.Error):
                old.close()

    @staticmethod
    def _read_snapshot(con: duckdb.DuckDBPyConnection, ident: tuple[int, int, int]) -> Snapshot:
        try:
            meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
        except duckdb.CatalogException:
            meta = {}
        return Snapshot(meta.get("published_at"), meta.get("last_run_id"), f"{ident[0]}:{ident[1]}:{ident[2]}")

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        self._refresh()
        with self._lock:
            if self._con is None:
                raise WarehouseUnavailable(str(self.stale_reason or f"{self.path}: not loaded yet"))
            cur = self._con.cursor()
        # A cursor is a new connection to the same instance and starts in the
        # default catalog, so select the warehouse again.
        cur.execute(f"USE {_ALIAS}")
        return cur

    # -- public API ----------------------------------------------------------------

    def has_table(self, name: str) -> bool:
        """Whether the open snapshot has a table called `name` (looked up once per snapshot).

        The read side asks this before using an optional table (the roll-ups), so a warehouse
        published before that table existed is still served, from the base table.
        """
        self._refresh()
        cached = self._tables
        if cached is None or cached[0] != self._identity:
            ident = self._identity
            names = frozenset(
                r[0]
                for r in self.rows("SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()")
            )
            self._tables = cached = (ident, names)
        return name in cached[1]

    def query(self, sql: str, params: Params = None, tables: dict[str, pa.Table] | None = None) -> pd.DataFrame:
        """Run one SELECT with bound parameters and return a pandas DataFrame.

        Args:
            sql: the statement.
            params: its bound parameters.
            tables: Arrow tables the statement may read by these names (registered on this
                query's own cursor only, e.g. an aggregate computed once for several queries).
        """
        cur = self._cursor()
        try:
            for name, table in (tables or {}).items():
                cur.register(name, table)
            return plain_codes(cur.execute(sql, params or []).df())
        finally:
            cur.close()

    def rows(self, sql: str, params: Params = None) -> list[tuple]:
        """Run one SELECT and return plain tuples (for scalars and small lookups)."""
        cur = self._cursor()
        try:
            return cur.execute(sql, params or []).fetchall()
        finally:
            cur.close()

    def arrow(self, sql: str, params: Params = None) -> pa.Table:
        """Run one SELECT and return an Arrow table."""
        cur = self._cursor()
        try:
            return plain_codes(cur.sql(sql, params=params or None).to_arrow_table())
        finally:
            cur.close()

    def batches(self, sql: str, params: Params = None, batch_rows: int = 50_000) -> Iterator[pa.RecordBatch]:
        """Stream the result of one SELECT as Arrow record batches (bounded memory)."""
        cur = self._cursor()
        try:
            yield from map(plain_codes, cur.sql(sql, params=params or None).to_arrow_reader(batch_rows))
        finally:
            cur.close()

    def close(self) -> None:
        """Close the open snapshot; the next query opens the published file again."""
        with self._lock:
            if self._con is not None:
                self._con.close()
            self._con, self._identity, self._snapshot = None, None, None
