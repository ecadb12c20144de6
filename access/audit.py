"""The append-only audit log of downloads and uploads (SQLite beside the warehouse).

Grain of ``audit_log``: one row per download or upload attempt that produced a file
(or stored one). Why SQLite and not the warehouse: the warehouse is replaced wholesale
by every ETL publish and opened read-only by the dashboard; the audit log must outlive
publishes and be written by the dashboard process.

Append-only is enforced three ways:

1. Triggers abort every UPDATE and DELETE on ``audit_log`` (any client, any process).
2. Connections opened here install an authorizer that also denies DROP, ALTER and
   trigger changes, so code in this process cannot remove the triggers first.
3. Each row carries ``row_hash`` = sha256(previous row_hash + this row's fields): editing
   the file behind SQLite's back breaks the chain, and ``verify()`` names the first bad row.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from domain import config as domain_config

ACTIONS = ("download", "upload")
GENESIS = "0" * 64
_FIELDS = ("at", "actor", "role", "action", "filters", "format", "row_count", "file_name", "detail")

DDL = f"""
CREATE TABLE IF NOT EXISTS audit_log (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    at         TEXT NOT NULL,             -- UTC, ISO 8601 with Z
    actor      TEXT NOT NULL,             -- e-mail, issuer|subject, or 'local'
    role       TEXT,
    action     TEXT NOT NULL CHECK (action IN ({", ".join(repr(a) for a in ACTIONS)})),
    filters    TEXT NOT NULL DEFAULT '{{}}',  -- JSON of the effective filters (scope included)
    format     TEXT,                      -- csv / xlsx / parquet / the uploaded file type
    row_count  INTEGER,
    file_name  TEXT,
    detail     TEXT,                      -- JSON: outcome, sizes, reasons
    prev_hash  TEXT NOT NULL,
    row_hash   TEXT NOT NULL UNIQUE
);
CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE refused'); END;
CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: DELETE refused'); END;
-- INSERT OR REPLACE deletes the old row without firing DELETE triggers: refuse any insert that
-- is not the next id (gap-free, so a removed row shows) or does not extend the chain from the
-- last row. (In a BEFORE INSERT trigger an id left to SQLite reads as -1, so ids are explicit.)
CREATE TRIGGER IF NOT EXISTS audit_log_append_only BEFORE INSERT ON audit_log
WHEN NEW.id IS NOT coalesce((SELECT max(id) FROM audit_log), 0) + 1
  OR NEW.prev_hash IS NOT coalesce((SELECT row_hash FROM audit_log ORDER BY id DESC LIMIT 1), '{GENESIS}')
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: an insert must extend the chain'); END;
"""  # noqa: S608 - built from constants (ACTIONS, GENESIS), no user input

_DENIED = {
    sqlite3.SQLITE_DELETE,
    sqlite3.SQLITE_UPDATE,
    sqlite3.SQLITE_DROP_TABLE,
    sqlite3.SQLITE_DROP_TRIGGER,
    sqlite3.SQLITE_DROP_INDEX,
    sqlite3.SQLITE_ALTER_TABLE,
    sqlite3.SQLITE_DROP_VIEW,
    sqlite3.SQLITE_DROP_TEMP_TRIGGER,
    sqlite3.SQLITE_DROP_TEMP_TABLE,
}


class AuditError(RuntimeError):
    """The audit log cannot be written or fails verification; the message names the file and row."""


def audit_path() -> Path:
    """$QM_AUDIT_DB, default ``audit.db`` beside the published warehouse."""
    env = os.environ.get("QM_AUDIT_DB")
    return Path(env) if env else domain_config.db_path().with_name("audit.db")


def _authorizer(action: int, arg1: str | None, arg2: str | None, dbname: str | None, source: str | None) -> int:
    # For DELETE/UPDATE arg1 is the table; ALTER and DROP are denied outright (ALTER's arg1 is
    # the schema name, and this connection has no business changing the schema at all).
    if action in (sqlite3.SQLITE_DELETE, sqlite3.SQLITE_UPDATE):
        return sqlite3.SQLITE_DENY if (arg1 or "") == "audit_log" else sqlite3.SQLITE_OK
    if action in _DENIED:
        return sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_OK


def _row_hash(prev: str, values: Mapping[str, Any]) -> str:
    payload = json.dumps([prev, *[values[f] for f in _FIELDS]], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class AuditEntry:
    """One row of the log, as read back."""

    id: int
    at: str
    actor: str
    role: str | None
    action: str
    filters: str
    format: str | None
    row_count: int | None
    file_name: str | None
    detail: str | None


class AuditLog:
    """Append and read the audit log.

    Each call opens its own short-lived connection, so one object is safe to share
    between Streamlit sessions (threads) and several processes may append at once
    (SQLite's write lock serialises them; ``BEGIN IMMEDIATE`` keeps the hash chain linear).

    Args:
        path: The SQLite file (created with its parent directory when missing).
    """

    def __init__(self, path: str | os.PathLike[str] | None = None):
        self.path = Path(path) if path is not None else audit_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        con = sqlite3.connect(self.path, timeout=30)
        try:
            con.execute("PRAGMA journal_mode=WAL")
            con.executescript(DDL)
            con.commit()
        except sqlite3.DatabaseError as exc:
            raise AuditError(f"{self.path}: cannot open the audit log: {exc}") from exc
        finally:
            con.close()

    def connect(self) -> sqlite3.Connection:
        """A connection to the log as this process opens it: its authorizer refuses to delete or update
        log rows and to alter or drop anything (the caller closes it)."""
        con = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        con.set_authorizer(_authorizer)
        return con

    def record(
        self,
        *,
        actor: str,
        role: str | None,
        action: str,
        filters: Mapping[str, Any] | None = None,
        fmt: str | None = None,
        row_count: int | None = None,
        file_name: str | None = None,
        detail: Mapping[str, Any] | None = None,
        at: dt.datetime | None = None,
    ) -> int:
        """Append one row.

        Args:
            actor: Who (Principal.user_id).
            role: Their role.
            action: 'download' or 'upload'.
            filters: The effective filters (JSON-serialisable).
            fmt: File format.
            row_count: Rows in the file (downloads) or rows that would load (uploads).
            file_name: The name given to the user or stored in the inbox.
            detail: Anything else worth keeping (JSON-serialisable).
            at: When (UTC); now by default.

        Returns:
            The new row's id.

        Raises:
            AuditError: Invalid action or the database cannot be written. Callers serving a
                download must not hand out the file when this raises (no audit, no file).
        """
        if action not in ACTIONS:
            raise AuditError(f"{self.path}: unknown audit action {action!r}; expected {ACTIONS}")
        when = (at or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(tzinfo=None)
        values = {
            "at": when.isoformat(timespec="milliseconds") + "Z",
            "actor": str(actor),
            "role": role,
            "action": action,
            "filters": json.dumps(dict(filters or {}), ensure_ascii=False, sort_keys=True, default=str),
            "format": fmt,
            "row_count": None if row_count is None else int(row_count),
            "file_name": file_name,
            "detail": None
            if detail is None
            else json.dumps(dict(detail), ensure_ascii=False, sort_keys=True, default=str),
        }
        con = self.connect()
        try:
            con.execute("BEGIN IMMEDIATE")
            last = con.execute("SELECT id, row_hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
            new_id, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
            h = _row_hash(prev, values)
            con.execute(
                f"INSERT INTO audit_log (id, {', '.join(_FIELDS)}, prev_hash, row_hash) "  # noqa: S608 - fixed names
                f"VALUES (?, {', '.join('?' * len(_FIELDS))}, ?, ?)",
                [new_id, *(values[f] for f in _FIELDS), prev, h],
            )
            con.execute("COMMIT")
            return int(new_id)
        except sqlite3.Error as exc:
            if con.in_transaction:
                con.execute("ROLLBACK")
            raise AuditError(f"{self.path}: cannot append to the audit log: {exc}") from exc
        finally:
            con.close()

    def entries(self, limit: int = 500, action: str | None = None, actor: str | None = None) -> list[AuditEntry]:
        """The newest rows first.

        Args:
            limit: At most this many rows.
            action: Only this action.
            actor: Only this actor.
        """
        where, params = [], []
        if action:
            where.append("action = ?")
            params.append(action)
        if actor:
            where.append("actor = ?")
            params.append(actor)
        sql = (
            "SELECT id, at, actor, role, action, filters, format, row_count, file_name, detail FROM audit_log"  # noqa: S608 - fixed column names; values are bound
            + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY id DESC LIMIT ?"
        )
        con = self.connect()
        try:
            return [AuditEntry(*row) for row in con.execute(sql, [*params, int(limit)]).fetchall()]
        finally:
            con.close()

    def count(self) -> int:
        """Number of rows in the log."""
        con = self.connect()
        try:
            return int(con.execute("SELECT count(*) FROM audit_log").fetchone()[0])
        finally:
            con.close()

    def verify(self) -> int:
        """Check the hash chain from the first row.

        Returns:
            The number of rows verified.

        Raises:
            AuditError: A row was altered, inserted or removed; the message names its id.
        """
        con = self.connect()
        try:
            prev = GENESIS
            n = 0
            last_id = 0
            for row in con.execute(
                f"SELECT id, {', '.join(_FIELDS)}, prev_hash, row_hash "  # noqa: S608
                "FROM audit_log ORDER BY id"
            ):
                rid, *vals, prev_hash, row_hash = row
                values = dict(zip(_FIELDS, vals, strict=True))
                if prev_hash != prev or rid != last_id + 1:
                    raise AuditError(
                        f"{self.path}: audit row {rid}: chain broken after row {last_id} "
                        "(a row was removed or inserted)"
                    )
                if _row_hash(prev, values) != row_hash:
                    raise AuditError(f"{self.path}: audit row {rid}: contents do not match its hash (altered)")
                prev, last_id, n = row_hash, rid, n + 1
            return n
        finally:
            con.close()
