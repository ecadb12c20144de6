"""Validate normalized rows: every row becomes an accepted record or a reject with a reason.

All checks are vectorised SQL over the normalized temp table. A reason names the field and the
offending value; several failures of one row are joined with '; '.

Takes the normalize stage's `Normalized`, returns a `Validated`. Run tables (temp, one per run,
named in etl.relations):
- RUN_ACCEPTED (view): one row per accepted record_id (the first occurrence in the run);
  columns `domain.record.LOADED_COLUMNS`.
- RUN_REJECTS: one row per rejected input row: source, locator, reason, raw (JSON), seq.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import duckdb

from domain.messages import Message, encode, first_code, msg, render
from domain.record import DATE_INPUTS, FIELDS, LOADED_COLUMNS, REGION_INPUTS, activities_ddl, locator_sql
from etl.extract.tabular import MAX_CELL_CHARS, RawTable
from etl.normalize import Normalized, in_lists_inline
from etl.relations import (
    DUP,
    E_RAW,
    ERRORS,
    LOC,
    REASON,
    REJECT_COLUMNS,
    REJECT_SEQ_STRIDE,
    ROW,
    RUN_ACCEPTED,
    RUN_REJECTS,
    RUN_STAGED,
    RUN_TO_LOAD,
    SKIP,
    SKIP_TOTALS,
    W_PART,
    columns_select,
    quote_ident,
    quote_literal,
)

MIN_DATE = dt.date(1978, 1, 1)  # the first Quality Month
MAX_PARTICIPANTS = 10_000_000
MAX_TEXT = 2_000
LONG_TEXT_FIELDS = ("record_id", "title", "theme", "organizer", "source", "source_excerpt", "region_original")


def max_date(today: dt.date | None = None) -> dt.date:
    """Latest accepted date: the end of next year (programmes are announced ahead)."""
    today = today or dt.date.today()
    return dt.date(today.year + 1, 12, 31)


def schema_problem(part: RawTable) -> Message | None:
    """Why a file (or sheet) cannot be loaded at all, or None when its columns suffice.

    A file needs a region column (region, province, city or district, in any accepted spelling)
    and a date column (start_date or campaign_year); unknown extra columns are ignored.
    """
    no_region = not any(f in part.columns for f in REGION_INPUTS)
    no_date = not any(f in part.columns for f in DATE_INPUTS)
    if not (no_region or no_date):
        return None
    found = ", ".join(list(part.columns.values()) + part.unknown) or "none"
    code = "no_region_date_column" if no_region and no_date else ("no_region_column" if no_region else "no_date_column")
    problem = msg(code, headers=found)
    return msg("in_sheet", sheet=part.sheet, inner=problem) if part.sheet else problem


def _obj(code: str, **params: str) -> str:
    """SQL building one message object (domain.messages) as text; params are SQL expressions."""
    args = ", ".join(f"'{k}', {v}" for k, v in params.items())
    return f"CAST(json_object('code', '{code}'{', ' if args else ''}{args}) AS VARCHAR)"


def reason_sql(today: dt.date | None = None, mapped: bool = True) -> str:
    """SQL expression (over a normalized table) giving a row's reject reasons, NULL when valid.

    The reasons are a JSON array of message objects (domain.messages): the ERRORS columns of the
    normalizer hold comma-joined objects, the range checks below build theirs here.

    Args:
        today: The day the date range ends from (`max_date`).
        mapped: Include the checks of mapped values (the error columns of the mappings, dates,
            counts, the region as written). False leaves the checks of a row's own cells, for a
            relation whose mapping tables proved every mapped value clean (`_mappings_may_reject`).
    """
    if not mapped:
        own = [E_RAW, *(_text_check(f) for f in LONG_TEXT_FIELDS if f not in _MAPPED_TEXT)]
        return f"'[' || nullif(concat_ws(',', {', '.join(own)}), '') || ']'"
    hi = max_date(today).isoformat()
    rng = {"min": f"'{MIN_DATE}'", "max": f"'{hi}'"}
    checks = [
        *ERRORS,
        f"CASE WHEN start_date < DATE '{MIN_DATE}' OR start_date > DATE '{hi}' THEN "
        + _obj("date_out_of_range", field="'start_date'", value="CAST(start_date AS VARCHAR)", **rng)
        + " END",
        f"CASE WHEN end_date < DATE '{MIN_DATE}' OR end_date > DATE '{hi}' THEN "
        + _obj("date_out_of_range", field="'end_date'", value="CAST(end_date AS VARCHAR)", **rng)
        + " END",
        "CASE WHEN end_date < start_date THEN "
        + _obj("end_before_start", end="CAST(end_date AS VARCHAR)", start="CAST(start_date AS VARCHAR)")
        + " END",
        "CASE WHEN participants < 0 THEN " + _obj("count_negative", value="CAST(participants AS VARCHAR)") + " END",
        f"CASE WHEN participants > {MAX_PARTICIPANTS} THEN "
        + _obj("count_absurd", value="format('{:,}', participants)", max=f"'{MAX_PARTICIPANTS:,}'")
        + " END",
    ]
    checks += [_text_check(f) for f in LONG_TEXT_FIELDS]
    return f"'[' || nullif(concat_ws(',', {', '.join(checks)}), '') || ']'"


# The long-text field that is a mapped value (the region as written), not a row's own cell.
_MAPPED_TEXT = ("region_original",)


def _text_check(f: str) -> str:
    # strlen (bytes, no decoding) first: a text never has more characters than bytes. A cell of exactly
    # MAX_CELL_CHARS may have been cut there by a reader (a 20-million-character cell is stored as 10,000):
    # its length is said as "at least", never as the cell's length.
    length = f"format('{{:,}}', length({f}))"
    limit = f"'{MAX_TEXT:,}'"
    return (
        f"CASE WHEN strlen({f}) > {MAX_TEXT} AND length({f}) = {MAX_CELL_CHARS} THEN "
        + _obj("text_too_long_cut", field=f"'{f}'", length=length, limit=limit)
        + f" WHEN strlen({f}) > {MAX_TEXT} AND length({f}) > {MAX_TEXT} THEN "
        + _obj("text_too_long", field=f"'{f}'", length=length, limit=limit)
        + " END"
    )


def reason_columns(today: dt.date | None = None) -> dict[str, str]:
    """Columns the normalizer adds in its single pass: REASON and the DUP flag (set here later)."""
    return {REASON: reason_sql(today), DUP: "FALSE"}


def create_run_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Create the run's rejects table and an empty RUN_ACCEPTED view.

    `reason` holds the English text (filled by `render_reasons`), `reasons` the coded messages.
    """
    cols = ", ".join(f"{name} {typ}" for name, typ in REJECT_COLUMNS)
    con.execute(f"CREATE OR REPLACE TEMP TABLE {RUN_REJECTS} ({cols})")
    refresh_accepted(con, [])


def add_file_reject(
    con: duckdb.DuckDBPyConnection, source: str, reason: Message, seq: int, locator: str | None = None
) -> None:
    """Reject what is no row of a normalized relation: an unreadable file (locator NULL) or a reader's problem."""
    con.execute(
        f"INSERT INTO {RUN_REJECTS} VALUES (?, ?, ?, NULL, ?, ?, ?)",  # noqa: S608
        [source, locator, reason.text("en"), seq * REJECT_SEQ_STRIDE, encode([reason]), reason.code],
    )


def render_reasons(con: duckdb.DuckDBPyConnection) -> None:
    """Fill the English `reason` and the `reason_code` of rejects whose coded reasons the SQL checks wrote.

    Rendered once per distinct reason value (thousands of rows share "unknown region 'X'").
    """
    distinct = [
        r[0]
        for r in con.execute(
            f"SELECT DISTINCT reasons FROM {RUN_REJECTS} WHERE reason IS NULL AND reasons IS NOT NULL"  # noqa: S608
        ).fetchall()
    ]
    if not distinct:
        return
    texts, params = columns_select(
        {
            "reasons": ("VARCHAR", distinct),
            "text": ("VARCHAR", [render(v, "en") for v in distinct]),
            "code": ("VARCHAR", [first_code(v) for v in distinct]),
        }
    )
    con.execute(
        f"UPDATE {RUN_REJECTS} SET reason = t.text, reason_code = t.code FROM ({texts}) t "  # noqa: S608
        f"WHERE {RUN_REJECTS}.reason IS NULL AND {RUN_REJECTS}.reasons = t.reasons",
        params,
    )


def drop_source_rejects(con: duckdb.DuckDBPyConnection, source: str) -> None:
    """Take back every reject of `source` (a file that then fails as a whole)."""
    con.execute(f"DELETE FROM {RUN_REJECTS} WHERE source = ?", [source])  # noqa: S608


@dataclass
class PartResult:
    """Counts for one validated part: rows read, accepted (incl. folded duplicates), rejected, folded."""

    read: int
    accepted: int
    rejected: int
    duplicates: int


@dataclass
class Validated:
    """The validate stage's artifact: the accepted rows of `normalized` are those with REASON NULL and not DUP.

    Attributes:
        normalized: The relation validated (still a view when `lazy`).
        result: Its counts.
        lazy: The relation is a view over the raw part and the mapping tables, read by the load:
            they must live until then.
        clean: No row was rejected or folded, so RUN_ACCEPTED reads it without the row filter
            (which on a view would compute every row's reason once more).
    """

    normalized: Normalized
    result: PartResult
    lazy: bool = False
    clean: bool = False
    staged: bool = False  # `normalized` is RUN_STAGED, a first load's rows in the shape of `activities`
    unknown_counts: list[str] | None = None  # locators of loaded rows whose count was no number, when known


def refresh_accepted(con: duckdb.DuckDBPyConnection, parts: Sequence[Validated]) -> None:
    """Point the RUN_ACCEPTED view at the accepted rows of the validated parts, in reading order.

    A view, not a copy: at 10M rows a copy would cost as much as normalizing.
    """
    cols = ", ".join(LOADED_COLUMNS)
    # Identifiers only: internal temp-table names and the contract's columns.
    keep = f" WHERE {REASON} IS NULL AND NOT {DUP}"
    empty = f"SELECT {cols} FROM activities WHERE FALSE"  # noqa: S608
    for view, chosen in ((RUN_ACCEPTED, parts), (RUN_TO_LOAD, [v for v in parts if not v.staged])):
        body = " UNION ALL ".join(
            f"SELECT {cols} FROM {v.normalized.name}{'' if v.clean else keep}"  # noqa: S608
            for v in chosen
        )
        con.execute(f"CREATE OR REPLACE TEMP VIEW {view} AS {body or empty}")


_DUP_REASON = "'[' || " + _obj("duplicate_id", id="d.record_id", loc="d.loc") + " || ']'"
# The columns `reason_sql` reads: a row's error columns, its dates and count, and its long texts.
_CHECKED = (*ERRORS, "start_date", "end_date", "participants", *LONG_TEXT_FIELDS)


def _checked_null(column: str) -> str:
    typ = FIELDS[column].type_sql if column in FIELDS else "VARCHAR"
    return f"CAST(NULL AS {typ}) AS {column}"


def _may_reject(con: duckdb.DuckDBPyConnection, norm: Normalized, reason: str) -> bool:
    """Whether any row of a normalized view can have a reject reason; False proves that none has.

    A row's reason is NULL when every mapped value it uses is clean and its own text cells are
    short. So `reason` is evaluated once per row of each mapping table (one row per distinct key:
    thousands, not millions; every check reads one mapping's columns or one row's own text), and
    the raw text cells are measured in bytes (a string never has more characters than bytes).
    A True answer only means the exact pass must run.
    """
    part = norm.part
    if part.problem_column or _mappings_may_reject(con, norm, reason):
        return True
    texts = [part.columns[f] for f in LONG_TEXT_FIELDS if f in part.columns]
    if not texts:
        return False
    long_cell = " OR ".join(f"strlen({quote_ident(c)}) > {MAX_TEXT}" for c in texts)
    return bool(
        con.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM {part.table} WHERE {long_cell} LIMIT 1)"  # noqa: S608
        ).fetchall()[0][0]
    )


def _mappings_may_reject(con: duckdb.DuckDBPyConnection, norm: Normalized, reason: str) -> bool:
    """Whether a mapped value of `norm` (a region, a date, a count...) can give a row a reason.

    `reason` is evaluated once per row of each mapping table, the row's own cells left NULL
    (see `_may_reject`). False proves that only a row's own cells can reject it. Mapping tables
    that hold only the keys of a part's first rows (`Normalized.late`), or of the rows whose cells
    are not read in SQL (`Normalized.typed`), prove nothing.
    """
    if norm.late is not None or norm.typed:
        return True
    for table, provides in norm.mapped.items():
        exprs = ", ".join(f"{provides[c]} AS {c}" if c in provides else _checked_null(c) for c in _CHECKED)
        # Identifiers and the validator's own checks only.
        probe = f"SELECT count(*) FROM (SELECT {exprs} FROM {table}) WHERE {reason} IS NOT NULL"  # noqa: S608
        if con.execute(probe).fetchall()[0][0]:
            return True
    return False


def insert_rejects(con: duckdb.DuckDBPyConnection, norm: Normalized, source: str, seq: int) -> int:
    """Append the rejected rows of `norm` to RUN_REJECTS, with their raw cells as JSON; returns how many."""
    # The raw JSON is built only for rejected rows (the join keeps just those).
    return con.execute(f"""
        INSERT INTO {RUN_REJECTS}
        SELECT {quote_literal(source)}, v.{LOC}, NULL, {norm.part.raw_json_sql("r")},
               {int(seq)} * {REJECT_SEQ_STRIDE} + v.{ROW}, v.{REASON}, NULL
        FROM (SELECT {ROW}, {LOC}, {REASON} FROM {norm.name} WHERE {REASON} IS NOT NULL) v
        JOIN {norm.part.table} r USING ({ROW})
    """).fetchall()[0][0]  # noqa: S608


# Columns a first load's table holds besides the contract's until its rows are settled.
_STAGE_HELPERS = ((REASON, "VARCHAR"), (SKIP, "TINYINT"), (W_PART, "VARCHAR"))


def write_first_load(
    con: duckdb.DuckDBPyConnection, norm: Normalized, source: str, seq: int, run_id: str, reason: str
) -> Validated | None:
    """Write a streamed part's rows once, straight from its file, into RUN_STAGED; settle them there.

    One INSERT reads the file (in parallel) through the normalized view, whose lookups are
    scalar: the rows go in in file order, so a row's rowid is its position among the file's
    rows (DuckDB keeps insertion order; the connection sets preserve_insertion_order, and
    tests/etl/test_first_load.py pins it at 1M rows on two threads). Each row also carries its
    reject reason, extract's verdict (blank, totals row), the unknown-count warning and, for a
    rejected row only, its reason. Then, from the rowids: locators, the totals rows
    listed, the rejects with file and row; the rows that do not load are deleted and the helper
    columns dropped (no rewrite). The load adopts the table as `activities` (etl.load).

    When the mapping tables prove every mapped value clean, a row's reason is computed from its
    own cells only (`reason_sql(mapped=False)`): the same verdict for a fraction of the work.
    """
    part = norm.part
    row_reason = REASON if _mappings_may_reject(con, norm, reason) else reason_sql(mapped=False)
    cols = [c for c in LOADED_COLUMNS if c != "source_row"]
    con.execute(f"DROP TABLE IF EXISTS {RUN_STAGED}")
    con.execute(activities_ddl(RUN_STAGED, tuple(f"{n} {t}" for n, t in _STAGE_HELPERS)))
    keep = f"{REASON} IS NULL AND {SKIP} = 0"
    # A row that does not load still goes in until it is settled: its count is left out so the
    # table's checks cannot refuse it.
    values = [f"CASE WHEN {keep} THEN participants END" if c == "participants" else c for c in cols]
    names = [*cols, "first_run_id", "last_run_id", *(n for n, _ in _STAGE_HELPERS)]
    with _in_file_order(con):
        con.execute(
            f"INSERT INTO {RUN_STAGED} ({', '.join(names)}) "  # noqa: S608
            f"SELECT {', '.join(values)}, $run, $run, {REASON}, {SKIP}, {W_PART} "
            f"FROM (SELECT * REPLACE ({row_reason} AS {REASON}) FROM {norm.name})",
            {"run": run_id},
        )
    row = f"(rowid + {int(part.first_row)})"
    loc = f"{quote_literal(part.loc_prefix)} || {row}"
    # Distinct hashes prove distinct ids (a hash table of integers, not of 10M strings); only when
    # two hashes meet are the ids themselves counted.
    total, skipped, rejected, kept, hashes = con.execute(
        f"SELECT count(*), count(*) FILTER ({SKIP} <> 0), count(*) FILTER ({REASON} IS NOT NULL AND {SKIP} = 0), "  # noqa: S608
        f"count(*) FILTER ({keep}), count(DISTINCT hash(record_id)) FILTER ({keep}) FROM {RUN_STAGED}"
    ).fetchall()[0]
    ids = (
        hashes
        if hashes == kept
        else con.execute(f"SELECT count(DISTINCT record_id) FROM {RUN_STAGED} WHERE {keep}").fetchall()[0][0]  # noqa: S608
    )
    if ids != kept:
        # Two rows that load share a record_id: they must be settled (folded or rejected) by the
        # general path, which writes the rows to a temp table first.
        drop_staged(con)
        return None
    read = total - skipped
    part.check_rows(read)
    # The locator's row number (its text before the number came in with the row): an integer
    # column, about a quarter of the cost of writing 'file row N' texts (domain.record.locator_sql).
    con.execute(f"UPDATE {RUN_STAGED} SET source_row = {row} WHERE {keep}")  # noqa: S608
    part.skipped += [
        (r[0], "totals row, not an activity")
        for r in con.execute(
            f"SELECT {loc} FROM {RUN_STAGED} WHERE {SKIP} = {SKIP_TOTALS} ORDER BY rowid"  # noqa: S608
        ).fetchall()
    ]
    unknown = [
        r[0]
        for r in con.execute(
            f"SELECT {loc} FROM {RUN_STAGED} WHERE {W_PART} IS NOT NULL AND {keep} ORDER BY rowid"  # noqa: S608
        ).fetchall()
    ]
    if rejected:
        # The rejected rows' cells, as JSON, from the file once more: the raw part numbers rows
        # with a window (one thread), which only a file with rejects pays for.
        con.execute(
            f"INSERT INTO {RUN_REJECTS} SELECT {quote_literal(source)}, v.loc, NULL, {part.raw_json_sql('r')}, "  # noqa: S608
            f"{int(seq)} * {REJECT_SEQ_STRIDE} + v.{ROW}, v.reason, NULL "
            f"FROM (SELECT {row} AS {ROW}, {loc} AS loc, {REASON} AS reason FROM {RUN_STAGED} "
            f"WHERE {REASON} IS NOT NULL AND {SKIP} = 0) v JOIN {part.table} r USING ({ROW}) ORDER BY v.{ROW}"
        )
    if skipped or rejected:
        con.execute(f"DELETE FROM {RUN_STAGED} WHERE NOT ({keep})")  # noqa: S608
    for name, _ in _STAGE_HELPERS:
        con.execute(f"ALTER TABLE {RUN_STAGED} DROP COLUMN {name}")
    part.rows = read
    con.execute(f"DROP VIEW IF EXISTS {norm.name}")
    norm.drop_inputs(con)
    staged = Normalized(RUN_STAGED, part, materialized=True)
    return Validated(
        staged,
        PartResult(read=read, accepted=read - rejected, rejected=rejected, duplicates=0),
        clean=True,
        staged=True,
        unknown_counts=unknown,
    )


@contextlib.contextmanager
def _in_file_order(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Run an INSERT ... SELECT so its rows go in in the order they are read.

    preserve_insertion_order keeps the scan's order through every order-preserving operator
    (projections, the cross product with the one-row lookups table); the `in_clause` optimizer
    would turn a long IN (...) list into a join, which is not one (`in_lists_inline`).
    """
    before = con.execute("SELECT current_setting('preserve_insertion_order')").fetchall()[0][0]
    con.execute("SET preserve_insertion_order = true")
    try:
        with in_lists_inline(con):
            yield
    finally:
        with contextlib.suppress(duckdb.Error):
            con.execute(f"SET preserve_insertion_order = {'true' if before else 'false'}")


def drop_staged(con: duckdb.DuckDBPyConnection) -> None:
    """Drop a first load's table (its file failed as a whole after it was written)."""
    con.execute(f"DROP TABLE IF EXISTS {RUN_STAGED}")


def first_load(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the part about to be validated is the first of a run into an empty warehouse.

    Then nothing loaded or accepted before can hold one of its record_ids, and the load is a
    plain insert that reads each accepted relation once: a normalized view can be read by the
    load directly, so its rows are written once, into `activities`.
    """
    return con.execute(
        f"SELECT NOT EXISTS (SELECT 1 FROM activities) "  # noqa: S608
        f"AND NOT EXISTS (SELECT 1 FROM {RUN_ACCEPTED})"
    ).fetchall()[0][0]


def validate_part(
    con: duckdb.DuckDBPyConnection,
    norm: Normalized,
    source: str,
    seq: int,
    reason: str | None = None,
    run_id: str | None = None,
) -> Validated:
    """Settle duplicates and write the rejects of one normalized relation.

    Row checks already ran in the normalizer's pass (REASON, see `reason_columns`). Here a
    record_id seen earlier in the run (in RUN_ACCEPTED, or earlier in this relation) is folded
    into the first occurrence when the content is the same (DUP), and rejected with a reason
    naming the first row's locator when it differs. Rejected rows go to RUN_REJECTS with the
    raw cells as JSON.

    The one decision about the load path is taken here: the first part of a first load
    (`first_load`) whose rows each carry their own record_id cannot hold a duplicate, so its
    view stays lazy (the load reads it), the rejects are read straight from it, and the rejects
    pass is skipped when the mapping tables prove that no row is rejected. Every other part is
    materialized and settled as above.

    Args:
        con: The run's connection; RUN_ACCEPTED covers the parts validated before this one.
        norm: The normalize stage's artifact (created with `reason_columns`).
        source: The file's base name (rejects.source).
        seq: Order of this part in the run (keeps rejects in reading order).
        reason: The REASON SQL the normalizer computed, for the proof that no row is rejected;
            `reason_sql()` when None.
    """
    if not norm.materialized and norm.part.streamed and run_id and first_load(con):
        written = write_first_load(con, norm, source, seq, run_id, reason or reason_sql())
        if written is not None:
            return written
    if not norm.materialized and not norm.part.streamed and first_load(con) and norm.ids_unique(con):
        rejected = 0
        if _may_reject(con, norm, reason or reason_sql()):
            rejected = insert_rejects(con, norm, source, seq)
        read = con.execute(f"SELECT count(*) FROM {norm.part.table}").fetchall()[0][0]  # noqa: S608
        return Validated(
            norm,
            PartResult(read=read, accepted=read - rejected, rejected=rejected, duplicates=0),
            lazy=True,
            clean=rejected == 0,
        )
    norm.materialize(con)
    rel = norm.name
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE {rel}_dup AS
        WITH ok AS (SELECT {ROW}, record_id, content_hash, {locator_sql()} AS source_locator
                    FROM {rel} WHERE {REASON} IS NULL),
        multi AS (SELECT record_id FROM ok GROUP BY record_id HAVING count(*) > 1),
        prior AS (SELECT a.record_id, a.content_hash AS h, {locator_sql("a.")} AS loc, -1 AS first_row
                  FROM {RUN_ACCEPTED} a SEMI JOIN ok USING (record_id)),
        inner_first AS (SELECT record_id, arg_min(content_hash, {ROW}) AS h, arg_min(source_locator, {ROW}) AS loc,
                               min({ROW}) AS first_row
                        FROM ok SEMI JOIN multi USING (record_id) GROUP BY record_id),
        firsts AS (SELECT * FROM prior UNION ALL
                   SELECT * FROM inner_first f WHERE NOT EXISTS (SELECT 1 FROM prior p WHERE p.record_id = f.record_id))
        SELECT ok.{ROW}, ok.content_hash = f.h AS same, f.loc, ok.record_id
        FROM ok JOIN firsts f USING (record_id) WHERE ok.{ROW} <> f.first_row
    """)  # noqa: S608
    if con.execute(f"SELECT count(*) FROM {rel}_dup").fetchall()[0][0]:  # noqa: S608
        con.execute(
            f"UPDATE {rel} SET {DUP} = TRUE FROM {rel}_dup d "  # noqa: S608
            f"WHERE {rel}.{ROW} = d.{ROW} AND d.same"
        )
        con.execute(
            f"UPDATE {rel} SET {REASON} = {_DUP_REASON} FROM {rel}_dup d "  # noqa: S608
            f"WHERE {rel}.{ROW} = d.{ROW} AND NOT d.same"
        )
    con.execute(f"DROP TABLE IF EXISTS {rel}_dup")
    insert_rejects(con, norm, source, seq)
    read, rejected, dups = con.execute(
        f"SELECT count(*), count(*) FILTER ({REASON} IS NOT NULL), "  # noqa: S608
        f"count(*) FILTER ({DUP}) FROM {rel}"
    ).fetchall()[0]
    # Exact duplicates count as accepted: their content is in the run, folded into the first row.
    return Validated(norm, PartResult(read=read, accepted=read - rejected, rejected=rejected, duplicates=dups))
