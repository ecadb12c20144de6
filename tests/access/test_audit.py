"""Audit log: rows round-trip, UPDATE/DELETE/DROP are refused, tampering breaks the hash chain,
concurrent writers keep one linear chain."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
from pathlib import Path

import pytest

from access.audit import AuditError, AuditLog, audit_path


@pytest.fixture
def log(tmp_path: Path) -> AuditLog:
    return AuditLog(tmp_path / "sub" / "audit.db")


def test_record_and_read_back(log: AuditLog) -> None:
    at = dt.datetime(2025, 9, 1, 8, 30, tzinfo=dt.UTC)
    rid = log.record(
        actor="ana@x.gov",
        role="analyst",
        action="download",
        filters={"districts": ["310104"], "years": [2024]},
        fmt="xlsx",
        row_count=42,
        file_name="records.xlsx",
        at=at,
    )
    (e,) = log.entries()
    assert e.id == rid and e.at == "2025-09-01T08:30:00.000Z"
    assert (e.actor, e.role, e.action, e.format, e.row_count, e.file_name) == (
        "ana@x.gov",
        "analyst",
        "download",
        "xlsx",
        42,
        "records.xlsx",
    )
    assert json.loads(e.filters) == {"districts": ["310104"], "years": [2024]}
    assert log.count() == 1 and log.verify() == 1


def test_filtering_and_order(log: AuditLog) -> None:
    for i in range(5):
        log.record(actor=f"u{i % 2}", role="admin", action="download" if i % 2 else "upload", row_count=i)
    assert [e.row_count for e in log.entries()] == [4, 3, 2, 1, 0]
    assert [e.row_count for e in log.entries(action="upload")] == [4, 2, 0]
    assert [e.row_count for e in log.entries(actor="u1", limit=1)] == [3]


def test_unknown_action_is_refused(log: AuditLog) -> None:
    with pytest.raises(AuditError, match="unknown audit action 'delete'"):
        log.record(actor="x", role=None, action="delete")


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_log SET row_count = 0",
        "DELETE FROM audit_log",
        "DELETE FROM audit_log WHERE id = 1",
        "UPDATE audit_log SET actor = 'someone else' WHERE id = 1",
        "INSERT OR REPLACE INTO audit_log (id, at, actor, action, prev_hash, row_hash) VALUES (1, 'x', 'y', 'upload', 'a', 'b')",
        "INSERT INTO audit_log (at, actor, action, prev_hash, row_hash) VALUES ('x', 'y', 'upload', 'a', 'b')",
        "INSERT INTO audit_log (id, at, actor, action, prev_hash, row_hash) VALUES (5, 'x', 'y', 'upload', 'a', 'b')",
    ],
)
def test_any_client_cannot_change_rows(log: AuditLog, sql: str) -> None:
    log.record(actor="x", role="admin", action="upload")
    con = sqlite3.connect(log.path)  # a plain client: only the triggers stand in the way
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        con.execute(sql)
    con.close()
    assert log.verify() == 1 and log.entries()[0].actor == "x"


@pytest.mark.parametrize(
    "sql",
    [
        "DROP TRIGGER audit_log_no_delete",
        "DROP TABLE audit_log",
        "ALTER TABLE audit_log RENAME TO old_log",
        "DELETE FROM audit_log",
    ],
)
def test_this_process_cannot_remove_the_guards(log: AuditLog, sql: str) -> None:
    log.record(actor="x", role="admin", action="upload")
    con = log.connect()
    with pytest.raises(sqlite3.DatabaseError):
        con.execute(sql)
    con.close()
    assert log.verify() == 1


def tamper(path: Path, sql: str) -> None:
    """Edit the file the way an attacker with file access would: drop the triggers first."""
    con = sqlite3.connect(path)
    con.execute("DROP TRIGGER audit_log_no_update")
    con.execute("DROP TRIGGER audit_log_no_delete")
    con.execute(sql)
    con.commit()
    con.close()


@pytest.mark.parametrize(
    ("sql", "fragment"),
    [
        ("UPDATE audit_log SET row_count = 1 WHERE id = 2", "audit row 2: contents do not match"),
        ("UPDATE audit_log SET actor = 'nobody' WHERE id = 3", "audit row 3: contents do not match"),
        ("DELETE FROM audit_log WHERE id = 2", "audit row 3: chain broken after row 1"),
    ],
)
def test_tampering_is_detected(log: AuditLog, sql: str, fragment: str) -> None:
    for i in range(3):
        log.record(actor=f"u{i}", role="admin", action="download", row_count=100 + i)
    tamper(log.path, sql)
    AuditLog(log.path)  # reopening re-creates the triggers
    with pytest.raises(AuditError, match=fragment):
        log.verify()


def test_concurrent_writers_keep_a_linear_chain(log: AuditLog) -> None:
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            other = AuditLog(log.path)
            for i in range(15):
                other.record(actor=f"t{n}", role="analyst", action="download", row_count=i)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert log.verify() == 60


def test_unwritable_database_is_an_error_naming_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "audit.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(AuditError, match=str(bad)):
        AuditLog(bad)


def test_default_path_is_beside_the_warehouse(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("QM_AUDIT_DB", raising=False)
    monkeypatch.setenv("QM_DB", str(tmp_path / "wh" / "q.duckdb"))
    assert audit_path() == tmp_path / "wh" / "audit.db"
    monkeypatch.setenv("QM_AUDIT_DB", str(tmp_path / "elsewhere.db"))
    assert audit_path() == tmp_path / "elsewhere.db"
