"""Load one run's accepted rows, rejects and bookkeeping into the staging warehouse, in one transaction.

Upsert on `record_id`:
- added: the id is new;
- updated: the id exists with a different `content_hash` (every column is rewritten,
  `sources` becomes the union of old and new, `last_run_id` is this run);
- unchanged: same hash. Nothing is written for it (so `last_run_id` is the last run that
  changed the row), except that a moved locator or a new source is recorded silently.
`first_run_id` is never overwritten. Re-running on the same inputs therefore writes nothing
to `activities`.

A structured file read again holds its records as it now stands (`withdraw_missing`): a record that an
earlier run loaded from it and that it no longer holds (its row deleted, or its region, date, title or
organiser corrected, which makes a new record) is deleted, and the file's message says which.
"""

# ruff: noqa: S608  -- SQL text here is built from the run-table names of etl.relations and the contract's
# column names, never from input; every value is bound.

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import duckdb

from domain.config import schema_ddl
from domain.messages import decode, msg
from domain.record import FIELDS, LOADED_COLUMNS, locator_sql
from etl.extract import TABULAR_SUFFIXES
from etl.relations import RUN_REJECTS, RUN_STAGED, RUN_TO_LOAD

_UNION = "list_concat(a.sources, list_filter(s.sources, lambda x: NOT list_contains(a.sources, x)))"
# A record's locator moved (its two columns, domain.record.locator_sql), or its file (source_path, given to rows
# stored before it was kept on their next load): recorded without counting an update.
_MOVED = (
    "(a.source_locator IS DISTINCT FROM s.source_locator OR a.source_row IS DISTINCT FROM s.source_row "
    "OR a.source_path IS DISTINCT FROM s.source_path)"
)


@dataclass(frozen=True)
class LoadCounts:
    """What the upsert did, in rows of `activities`."""

    added: int
    updated: int
    unchanged: int
    removed: int = 0  # demo rows deleted by `--no-demo`
    withdrawn: int = 0  # records deleted because the file they came from, read again, no longer holds them
    # Records the run loaded, by file (`source_path`); None when `activities` was empty before it.
    by_path: Mapping[str | None, int] | None = field(default=None, compare=False)


@dataclass(frozen=True)
class SourceFileRow:
    """One row of `source_files` (grain: one file per run)."""

    source: str
    kind: str
    sha1: str | None
    rows_read: int
    accepted: int
    rejected: int
    status: str
    message: str | None
    duplicates: int = 0  # rows folded into an earlier identical row of the run (counted in `accepted`)
    messages: str | None = None  # the same as coded messages (JSON array, domain.messages)
    # Locator prefixes ('a.xlsx 说明!') of the file's sheets that were not read (no header): their records stay.
    unread_parts: tuple[str, ...] = ()
    uploaded: bool = False  # a file of the upload inbox (its stored name is unique there)
    path: str | None = None  # the file's identity, its records' `source_path` (etl.pipeline.Source.key)


def apply_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Apply the warehouse DDL (idempotent); rebuild an `activities` that differs from the contract.

    Warehouses written by older versions may carry the legacy PRIMARY KEY (whose index every
    later load would keep paying for) or columns of other types (text where the contract now
    stores ENUM codes, or an ENUM of an older code list). DuckDB changes neither in place, so
    such a table is copied once into one built from the current DDL (in the staging copy, so
    readers never see it half done). Its rows' content hashes then change once: the next run
    reports them updated, rewritten with the same content.
    """
    con.execute(schema_ddl())
    if has_legacy_primary_key(con) or not activities_match_contract(con):
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute("ALTER TABLE activities RENAME TO activities_legacy_pk")
            con.execute(schema_ddl())  # creates `activities` again, without the key
            # Content hashes of another type (hex text before UBIGINT) cannot be converted: 0
            # makes every old row differ from its next load, which rewrites it once.
            old = dict(
                con.execute(
                    "SELECT column_name, data_type FROM duckdb_columns() "
                    "WHERE database_name = current_database() AND schema_name = current_schema() "
                    "AND table_name = 'activities_legacy_pk'"
                ).fetchall()
            )
            keep = [c for c in FIELDS if c in old]
            cols = ", ".join("CAST(0 AS UBIGINT)" if c == "content_hash" and old[c] != "UBIGINT" else c for c in keep)
            con.execute(f"INSERT INTO activities ({', '.join(keep)}) SELECT {cols} FROM activities_legacy_pk")
            con.execute("DROP TABLE activities_legacy_pk")
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise


def has_legacy_primary_key(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether `activities` (in the current database) still has the old PRIMARY KEY constraint."""
    return bool(
        con.execute(
            "SELECT count(*) FROM duckdb_constraints() WHERE database_name = current_database() "
            "AND schema_name = current_schema() AND table_name = 'activities' "
            "AND constraint_type = 'PRIMARY KEY'"
        ).fetchall()[0][0]
    )


def activities_match_contract(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether `activities` has exactly the contract's columns, in order, with its types."""
    probe = duckdb.connect()
    try:
        probe.execute(schema_ddl())
        want = probe.execute(
            "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = 'activities' ORDER BY column_index"
        ).fetchall()
    finally:
        probe.close()
    have = con.execute(
        "SELECT column_name, data_type FROM duckdb_columns() WHERE database_name = current_database() "
        "AND schema_name = current_schema() AND table_name = 'activities' "
        "ORDER BY column_index"
    ).fetchall()
    return have == want and [c for c, _ in want] == list(FIELDS)


def adopt_staged(con: duckdb.DuckDBPyConnection) -> int:
    """Make a first load's table (RUN_STAGED, written by etl.validate) the `activities` table; its rows.

    The rows are written once: the empty `activities` is dropped and the staged table, built from
    the same DDL, renamed (metadata only). Must run inside the caller's transaction. 0 when the
    run staged no such table.
    """
    if not con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() "
        "AND schema_name = current_schema() AND table_name = ? AND NOT temporary",
        [RUN_STAGED],
    ).fetchall()[0][0]:
        return 0
    if con.execute("SELECT count(*) FROM (SELECT 1 FROM activities LIMIT 1)").fetchall()[0][0]:
        raise RuntimeError(f"{RUN_STAGED} is a first load's table, but activities is not empty")
    n = con.execute(f"SELECT count(*) FROM {RUN_STAGED}").fetchall()[0][0]
    con.execute("DROP TABLE activities")
    con.execute(f"ALTER TABLE {RUN_STAGED} RENAME TO activities")
    return n


def upsert_activities(con: duckdb.DuckDBPyConnection, run_id: str, accepted: str = RUN_TO_LOAD) -> LoadCounts:
    """Merge `accepted` (one row per record_id, LOADED_COLUMNS) into `activities`.

    Must run inside the caller's transaction.
    """
    cols = ", ".join(LOADED_COLUMNS)
    if activities_empty(con):
        # First load: a plain bulk insert is much cheaper than MERGE's join, and every row is
        # added, so the insert's own count is the only one needed (`accepted` may be a lazy view:
        # each extra read of it would normalize every row again). Row order in `activities`
        # means nothing (every read orders explicitly), so both threads may write their own row
        # groups: about 40% less wall time at 1M rows on two cores.
        con.execute("SET preserve_insertion_order = false")
        try:
            added = con.execute(
                f"INSERT INTO activities ({cols}, first_run_id, last_run_id) SELECT {cols}, $run, $run FROM {accepted}",
                {"run": run_id},
            ).fetchall()[0][0]
        finally:
            # After a failed INSERT (out of memory...) the transaction is aborted and this would
            # raise in its place, hiding the real cause; the caller rolls back, which resets it.
            with contextlib.suppress(duckdb.Error):
                con.execute("RESET preserve_insertion_order")
        return LoadCounts(added, 0, 0)
    # By file as well, in the same pass (`accepted` may be a lazy view): withdraw_missing tells from these
    # whether a file's stored records are more than it loaded now, without reading `accepted` again.
    per_path = con.execute(f"""
        SELECT s.source_path,
               count(*) FILTER (a.record_id IS NULL),
               count(*) FILTER (a.record_id IS NOT NULL AND a.content_hash <> s.content_hash),
               count(*) FILTER (a.record_id IS NOT NULL AND a.content_hash = s.content_hash)
        FROM {accepted} s LEFT JOIN activities a USING (record_id) GROUP BY s.source_path
    """).fetchall()
    added, updated, unchanged = (sum(r[i] for r in per_path) for i in (1, 2, 3))
    by_path = {r[0]: r[1] + r[2] + r[3] for r in per_path}
    if (
        added + updated == 0
        and not con.execute(f"""
            SELECT count(*) FROM {accepted} s JOIN activities a USING (record_id)
            WHERE {_MOVED} OR NOT list_has_all(a.sources, s.sources)
            """).fetchall()[0][0]
    ):
        return LoadCounts(0, 0, unchanged, by_path=by_path)
    sets = ", ".join(f"{c} = s.{c}" for c in LOADED_COLUMNS if c not in ("record_id", "sources"))
    con.execute(
        f"""
        MERGE INTO activities a USING {accepted} s ON a.record_id = s.record_id
        WHEN MATCHED AND a.content_hash <> s.content_hash THEN
            UPDATE SET {sets}, sources = {_UNION}, last_run_id = $run
        WHEN MATCHED AND ({_MOVED} OR NOT list_has_all(a.sources, s.sources)) THEN
            UPDATE SET source_locator = s.source_locator, source_row = s.source_row, source_path = s.source_path,
                sources = {_UNION}
        WHEN NOT MATCHED THEN
            INSERT ({cols}, first_run_id, last_run_id) VALUES ({", ".join("s." + c for c in LOADED_COLUMNS)}, $run, $run)
    """,
        {"run": run_id},
    )
    return LoadCounts(added, updated, unchanged, by_path=by_path)


def activities_empty(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether `activities` holds no row (a first load)."""
    return bool(con.execute("SELECT count(*) = 0 FROM (SELECT 1 FROM activities LIMIT 1)").fetchall()[0][0])


def load_run(
    con: duckdb.DuckDBPyConnection,
    *,
    run_id: str,
    started_at: dt.datetime,
    files: Sequence[SourceFileRow],
    rows_read: int,
    message: str | None = None,
    messages: str | None = None,
    drop_demo: bool = False,
) -> tuple[LoadCounts, list[SourceFileRow]]:
    """Write a run into the staging copy, all in one transaction.

    Upserts RUN_ACCEPTED into `activities`, appends RUN_REJECTS to `rejects`, the per-file
    rows to `source_files` and the run's row to `etl_runs`.

    Args:
        con: Connection to the staging copy holding the run tables.
        run_id: This run's id.
        started_at: When the run started (UTC, naive).
        files: One row per source file.
        rows_read: Input rows read (all files).
        message: Text for etl_runs.message.
        messages: The same as coded messages (JSON array) for etl_runs.messages.
        drop_demo: Delete the demo rows (is_synthetic) of earlier runs first.

    Returns:
        The upsert counts, and the file rows as written (a file whose earlier records it no longer holds
        says so in its message, `withdraw_missing`).
    """
    con.execute("BEGIN TRANSACTION")
    try:
        removed = 0
        if drop_demo:
            removed = con.execute("DELETE FROM activities WHERE is_synthetic").fetchall()[0][0]
        first = activities_empty(con)  # every record there after the load is then this run's
        adopted = adopt_staged(con)
        counts = upsert_activities(con, run_id)
        withdrawn = {} if first else withdraw_missing(con, files, counts.by_path)
        files = [_with_withdrawn(f, withdrawn.get(f)) for f in files]
        n_withdrawn = sum(len(locs) for locs in withdrawn.values())
        if n_withdrawn:  # the run's own line says it too (Data status lists runs with their message)
            note = msg("records_withdrawn_run", n=n_withdrawn, files=sorted({f.source for f in withdrawn}))
            message = "; ".join(t for t in (message, note.text("en")) if t)
            messages = json.dumps([*decode(messages), note.as_dict()], ensure_ascii=False)
        if removed or adopted or n_withdrawn:
            counts = LoadCounts(
                counts.added + adopted, counts.updated, counts.unchanged, removed, n_withdrawn, counts.by_path
            )
        con.execute(
            "INSERT INTO rejects (run_id, source, locator, reason, raw, reason_code, reasons) "
            f"SELECT $run, source, locator, reason, raw, reason_code, reasons FROM {RUN_REJECTS} ORDER BY seq",
            {"run": run_id},
        )
        for f in files:
            con.execute(
                "INSERT INTO source_files (run_id, source, kind, sha1, rows_read, accepted, rejected, status, "
                "message, messages) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    run_id,
                    f.source,
                    f.kind,
                    f.sha1,
                    f.rows_read,
                    f.accepted,
                    f.rejected,
                    f.status,
                    f.message,
                    f.messages,
                ],
            )
        rejected = con.execute(f"SELECT count(*) FROM {RUN_REJECTS}").fetchall()[0][0]
        per_source = {f.source: {"read": f.rows_read, "accepted": f.accepted, "rejected": f.rejected} for f in files}
        status = "success" if counts.added + counts.updated + counts.removed + counts.withdrawn else "no_changes"
        con.execute(
            "INSERT INTO etl_runs (run_id, started_at, finished_at, status, sources, rows_read, rows_added, "
            "rows_updated, rows_unchanged, rows_rejected, message, messages) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                run_id,
                started_at,
                utcnow(),
                status,
                json.dumps(per_source, ensure_ascii=False),
                rows_read,
                counts.added,
                counts.updated,
                counts.unchanged,
                rejected,
                message,
                messages,
            ],
        )
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return counts, files


# Files whose records a run replaces: structured files read in this run (not bulletins, whose records several
# files may share, nor the demo generator, nor a file that could not be read at all).
_REPLACING_KINDS = frozenset(TABULAR_SUFFIXES.values())
WITHDRAWN_SHOWN = 10  # locators named in a file's message


def withdraw_missing(
    con: duckdb.DuckDBPyConnection,
    files: Sequence[SourceFileRow],
    loaded: Mapping[str | None, int] | None = None,
) -> dict[SourceFileRow, list[str]]:
    """Delete the records an earlier run loaded from a structured file of this run that the file no longer holds.

    A record is a file's own when `file_owns` says so: its locator names the file ('a.csv row ', 'a.xlsx 活动!':
    the file's name, a space, then the place in it) outside the sheets the file now has but that were not read
    (`SourceFileRow.unread_parts`), and it was read from that file (below). A record of such a file that this
    run did not accept (from any file: a record whose row moved to another file stays) is deleted. Records of
    files this run did not read stay.

    Must run inside the load's transaction, after the upsert (RUN_TO_LOAD is still readable, and the records
    this run read again already carry their file's path). `loaded`: the records the upsert loaded by file
    (`LoadCounts.by_path`); a file whose own stored records are as many holds them all, and RUN_TO_LOAD (a
    view that would normalize every row again) is read only when some file has more.

    Returns:
        File row -> the locators ('a.csv row 3') of its deleted records, in file order.
    """
    replacing = [f for f in files if f.kind in _REPLACING_KINDS and f.status != "unreadable"]
    if not replacing:
        return {}
    stored = con.execute(
        "SELECT source_path, source_locator, count(*) FROM activities WHERE source_locator IS NOT NULL "
        "AND NOT is_synthetic AND ($by_name OR list_contains(CAST($paths AS VARCHAR[]), source_path)) GROUP BY ALL",
        {"by_name": any(f.uploaded for f in replacing), "paths": [f.path for f in replacing if f.path]},
    ).fetchall()
    owner: dict[str, SourceFileRow] = {}
    owned: Counter[SourceFileRow] = Counter()
    for path, loc, n in stored:
        mine = [
            f
            for f in replacing
            if file_owns(f.source, f.unread_parts, loc, uploaded=f.uploaded, path=f.path, stored=path)
        ]
        if mine:  # the longest name that prefixes it ('a b.csv row ' is a b.csv's, not a file called 'a')
            owner[_owned(path, loc)] = f = max(mine, key=lambda f: len(f.source))
            owned[f] += n
    if loaded is not None:  # the records a file loaded now are its own: more stored means some are gone
        owner = {k: f for k, f in owner.items() if owned[f] != loaded.get(f.path, 0)}
    if not owner:
        return {}
    gone = con.execute(
        f"""
        DELETE FROM activities a
        WHERE NOT a.is_synthetic AND list_contains($keys, {_owned_sql("a.")})
          AND NOT EXISTS (SELECT 1 FROM {RUN_TO_LOAD} s WHERE s.record_id = a.record_id)
        RETURNING {_owned_sql("a.")}, a.source_locator, a.source_row, {locator_sql("a.")}
        """,
        {"keys": list(owner)},
    ).fetchall()
    out: dict[SourceFileRow, list[str]] = {}
    for key, _loc, _row, text in sorted(gone, key=lambda g: (g[0], g[2] is None, g[2] or 0)):
        out.setdefault(owner[key], []).append(text)
    return out


def file_owns(
    name: str,
    unread_parts: set[str] | tuple[str, ...],
    locator: str,
    *,
    uploaded: bool,
    path: str | None = None,
    stored: str | None = None,
) -> bool:
    """Whether a stored record (its `source_locator` text and `source_path`) is the file's own, outside its unread sheets.

    An uploaded file's (upload inbox) by its name: there a name is one file's own (`<districts>__<name>`, one
    folder; a corrected re-upload replaces the file). Any other file's by its path (`path`, the record's
    `stored` one): two operators' folders may each hold a `质量月活动统计表.xlsx`, and a run loading one must not
    empty the other. A record stored without a path (loaded before it was kept) is no operator file's: it stays
    until a load of its file gives it that file's path.
    """
    if not locator.startswith(name + " ") or locator in unread_parts:
        return False
    return uploaded or (path is not None and stored == path)


def _owned(path: str | None, locator: str) -> str:
    """A stored record's file and locator as one text (`_owned_sql`), to name the records `withdraw_missing` deletes."""
    return f"{path or ''}\x1f{locator}"


def _owned_sql(alias: str = "") -> str:
    """`_owned` as SQL."""
    return f"(coalesce({alias}source_path, '') || chr(31) || {alias}source_locator)"


def _with_withdrawn(f: SourceFileRow, locs: list[str] | None) -> SourceFileRow:
    """The file's row with a message naming the records `withdraw_missing` deleted (unchanged when none)."""
    if not locs:
        return f
    note = msg("records_withdrawn", n=len(locs), locs=locs[:WITHDRAWN_SHOWN])
    items = [*decode(f.messages), note.as_dict()]
    text = "; ".join(t for t in (f.message, note.text("en")) if t)
    return dataclasses.replace(f, message=text, messages=json.dumps(items, ensure_ascii=False))


def record_failed_run(
    con: duckdb.DuckDBPyConnection,
    *,
    run_id: str,
    started_at: dt.datetime,
    message: str,
    messages: str | None = None,
) -> None:
    """Add the etl_runs row of a run that failed (nothing else of it is kept); `messages`: the same, coded."""
    con.execute(
        "INSERT OR REPLACE INTO etl_runs (run_id, started_at, finished_at, status, message, messages) "
        "VALUES (?, ?, ?, 'failed', ?, ?)",
        [run_id, started_at, utcnow(), message, messages],
    )


def utcnow() -> dt.datetime:
    """Now in UTC as a naive timestamp (what the TIMESTAMP columns hold)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)
