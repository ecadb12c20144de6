"""Validate normalized rows: every row becomes an accepted record or a reject with a reason.

All checks are vectorised SQL over the normalized temp table. A reason names the field and the
offending value; several failures of one row are joined with '; '.

Tables (temp, one per run, in the run's connection):
- `run_accepted` (view): one row per accepted record_id (the first occurrence in the run);
  columns `etl.normalize.OUTPUT_COLUMNS`.
- `run_rejects`: one row per rejected input row: source, locator, reason, raw (JSON).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

import duckdb

from etl.extract.tabular import RawTable, _qi
from etl.normalize import OUTPUT_COLUMNS, mapping_table

MIN_DATE = dt.date(1978, 1, 1)           # the first Quality Month
MAX_PARTICIPANTS = 10_000_000
MAX_TEXT = 2_000
LONG_TEXT_FIELDS = ("record_id", "title", "theme", "organizer", "source", "source_excerpt", "region_original")

REGION_FIELDS = ("region", "province", "city", "district")
DATE_FIELDS = ("start_date", "campaign_year")


def max_date(today: dt.date | None = None) -> dt.date:
    """Latest accepted date: the end of next year (programmes are announced ahead)."""
    today = today or dt.date.today()
    return dt.date(today.year + 1, 12, 31)


def schema_problem(part: RawTable) -> str | None:
    """Why a file (or sheet) cannot be loaded at all, or None when its columns suffice.

    A file needs a region column (region, province, city or district, in any accepted spelling)
    and a date column (start_date or campaign_year); unknown extra columns are ignored.
    """
    missing = []
    if not any(f in part.columns for f in REGION_FIELDS):
        missing.append("no region column (region/区/地区/district/province/city)")
    if not any(f in part.columns for f in DATE_FIELDS):
        missing.append("no date column (start_date/日期/活动日期/campaign_year/年份)")
    if not missing:
        return None
    found = ", ".join(list(part.columns.values()) + part.unknown) or "none"
    where = f"sheet {part.sheet!r}: " if part.sheet else ""
    return f"{where}{' and '.join(missing)}; headers found: {found}"


def reason_sql(today: dt.date | None = None) -> str:
    """SQL expression (over a normalized table) giving a row's reject reason, NULL when valid."""
    hi = max_date(today).isoformat()
    checks = [
        "_e_raw", "_e_region", "_e_date", "_e_part", "_e_type",
        f"CASE WHEN start_date < DATE '{MIN_DATE}' OR start_date > DATE '{hi}' THEN 'start_date ' || "
        f"CAST(start_date AS VARCHAR) || ' is out of range ({MIN_DATE} to {hi})' END",
        f"CASE WHEN end_date < DATE '{MIN_DATE}' OR end_date > DATE '{hi}' THEN 'end_date ' || "
        f"CAST(end_date AS VARCHAR) || ' is out of range ({MIN_DATE} to {hi})' END",
        "CASE WHEN end_date < start_date THEN 'end_date ' || CAST(end_date AS VARCHAR) || "
        "' is before start_date ' || CAST(start_date AS VARCHAR) END",
        "CASE WHEN participants < 0 THEN 'participants ' || participants || ' is negative' END",
        f"CASE WHEN participants > {MAX_PARTICIPANTS} THEN 'participants ' || format('{{:,}}', participants) || "
        f"' is absurd (more than {MAX_PARTICIPANTS:,})' END",
    ]
    for f in LONG_TEXT_FIELDS:
        checks.append(f"CASE WHEN length({f}) > {MAX_TEXT} THEN '{f} is too long (' || "
                      f"format('{{:,}}', length({f})) || ' characters, limit {MAX_TEXT:,})' END")
    return f"nullif(concat_ws('; ', {', '.join(checks)}), '')"


def reason_columns(today: dt.date | None = None) -> dict[str, str]:
    """Columns the normalizer adds in its single pass: `_reason` and the `_dup` flag (set here later)."""
    return {"_reason": reason_sql(today), "_dup": "FALSE"}


def create_run_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Create the run's rejects table and an empty `run_accepted` view."""
    con.execute("CREATE OR REPLACE TEMP TABLE run_rejects (source VARCHAR, locator VARCHAR, reason VARCHAR, "
                "raw VARCHAR, seq BIGINT)")
    refresh_accepted(con, [])


def refresh_accepted(con: duckdb.DuckDBPyConnection, norms: list[str], clean: Collection[str] = ()) -> None:
    """Point the `run_accepted` view at the accepted rows of the validated normalized tables.

    A view, not a copy: at 10M rows a copy would cost as much as normalizing.

    Args:
        con: The run's connection.
        norms: The validated normalized tables (or lazy views), in reading order.
        clean: Those of `norms` that validation found without any reject or duplicate: they are
            read without the row filter, which on a lazy view would compute every row's reason
            once more.
    """
    cols = ", ".join(OUTPUT_COLUMNS)
    # Identifiers only: internal temp-table names and the fixed output columns.
    keep = " WHERE _reason IS NULL AND NOT _dup"
    body = " UNION ALL ".join(f"SELECT {cols} FROM {n}{'' if n in clean else keep}" for n in norms)  # noqa: S608
    empty = f"SELECT {cols} FROM activities WHERE FALSE"  # noqa: S608
    con.execute(f"CREATE OR REPLACE TEMP VIEW run_accepted AS {body or empty}")


@dataclass
class PartResult:
    """Counts for one validated part: rows read, accepted (incl. folded duplicates), rejected, folded."""

    read: int
    accepted: int
    rejected: int
    duplicates: int


def raw_json_sql(part: RawTable, alias: str = "r") -> str:
    """SQL building the JSON object of a raw row, keyed by the headers as written."""
    names = [n for n in list(part.columns.values()) + part.unknown if n != part.problem_column]
    if not names:
        return "'{}'"
    return "to_json(struct_pack(" + ", ".join(f"{_qi(n)} := {alias}.{_qi(n)}" for n in names) + "))"


_DUP_REASON = "'duplicate record_id ''' || d.record_id || ''' with different content; first seen at ' || d.loc"


def _ids_unique(con: duckdb.DuckDBPyConnection, part: RawTable) -> bool:
    """Whether every row of a raw part has its own non-empty record_id cell (so no row can be a duplicate).

    Reads one column of the `<raw>_src` view the normalizer leaves for a lazy part: one hash
    aggregate, much cheaper than settling duplicates over the normalized rows. A part without a
    record_id column derives ids from mapped values, which only the normalized rows have.
    """
    if "record_id" not in part.columns:
        return False
    n, ids, distinct = con.execute(
        f"SELECT count(*), count(record_id), count(DISTINCT record_id) FROM {part.table}_src"  # noqa: S608
    ).fetchall()[0]
    return n == ids == distinct


# What each mapping table of the normalizer (etl.normalize, one row per distinct key) holds of
# the columns `reason_sql` checks: normalized column -> mapping column. Every check reads one
# mapping's columns or one row's own text, never two mappings at once.
_MAPPED_CHECKS = {
    "region": {"_e_region": "e_region", "region_original": "region_original"},
    "date": {"_e_date": "e_date", "start_date": "start_date", "end_date": "end_date"},
    "part": {"_e_part": "e_part", "participants": "participants"},
    "type": {"_e_type": "e_type"},
}
_CHECKED_TYPES = {"start_date": "DATE", "end_date": "DATE", "participants": "BIGINT"}
_CHECKED = ("_e_raw", "_e_region", "_e_date", "_e_part", "_e_type", "start_date", "end_date", "participants",
            *LONG_TEXT_FIELDS)


def _may_reject(con: duckdb.DuckDBPyConnection, part: RawTable, reason: str) -> bool:
    """Whether any row of a lazy part can have a reject reason; False proves that none has.

    The reason of a row is NULL when every mapped key it uses is clean and its own text cells
    are short. So `reason` is evaluated once per distinct key of each mapping table (thousands
    of rows, not millions), and the raw text cells are measured in bytes (a string never has
    more characters than bytes). A True answer only means the exact pass must run.
    """
    if part.problem_column:
        return True
    for name, cols in _MAPPED_CHECKS.items():
        exprs = ", ".join(f"{cols[c]} AS {c}" if c in cols else f"CAST(NULL AS {_CHECKED_TYPES.get(c, 'VARCHAR')}) AS {c}"
                          for c in _CHECKED)
        # Identifiers and the validator's own checks only.
        probe = f"SELECT count(*) FROM (SELECT {exprs} FROM {mapping_table(part, name)}) WHERE {reason} IS NOT NULL"  # noqa: S608
        if con.execute(probe).fetchall()[0][0]:
            return True
    texts = [part.columns[f] for f in LONG_TEXT_FIELDS if f in part.columns]
    if not texts:
        return False
    long_cell = " OR ".join(f"strlen({_qi(c)}) > {MAX_TEXT}" for c in texts)
    return bool(con.execute(f"SELECT count(*) FROM (SELECT 1 FROM {part.table} WHERE {long_cell} LIMIT 1)"  # noqa: S608
                            ).fetchall()[0][0])


def _materialize(con: duckdb.DuckDBPyConnection, norm: str) -> None:
    """Replace the lazy view `norm` by a table of its rows (the duplicate settling UPDATEs it)."""
    con.execute(f"CREATE OR REPLACE TEMP TABLE {norm}__rows AS SELECT * FROM {norm}")  # noqa: S608
    con.execute(f"DROP VIEW {norm}")
    con.execute(f"ALTER TABLE {norm}__rows RENAME TO {norm}")


def _insert_rejects(con: duckdb.DuckDBPyConnection, norm: str, part: RawTable, source: str, seq: int) -> int:
    """Append the rejected rows of `norm` to `run_rejects`, with their raw cells as JSON; returns how many."""
    src = source.replace("'", "''")
    # The raw JSON is built only for rejected rows (the join keeps just those).
    return con.execute(f"""
        INSERT INTO run_rejects
        SELECT '{src}', v._loc, v._reason, {raw_json_sql(part)}, {int(seq)} * 10000000000 + v._row
        FROM (SELECT _row, _loc, _reason FROM {norm} WHERE _reason IS NOT NULL) v JOIN {part.table} r USING (_row)
    """).fetchall()[0][0]  # noqa: S608


def validate_part(con: duckdb.DuckDBPyConnection, norm: str, part: RawTable, source: str, seq: int,
                  lazy: bool = False, reason: str | None = None) -> PartResult:
    """Settle duplicates and write the rejects of one normalized table.

    Row checks already ran in the normalizer's pass (`_reason`, see `reason_columns`). Here a
    record_id seen earlier in the run (in `run_accepted`, or earlier in this table) is folded
    into the first occurrence when the content is the same (`_dup`), and rejected with a reason
    naming the first row's locator when it differs. Rejected rows go to `run_rejects` with the
    raw cells as JSON.

    Args:
        con: The run's connection; `run_accepted` covers the parts validated before this one.
        norm: The normalized temp table (`etl.normalize.normalize_part` with `reason_columns`).
        part: Its raw table, for the raw values of rejects.
        source: The file's base name (rejects.source).
        seq: Order of this part in the run (keeps rejects in reading order).
        lazy: `norm` is the normalizer's lazy view and the only part of the run (`run_accepted`
            is empty). When every row has its own record_id no row can be a duplicate, so the
            rejects are read straight from the view and nothing row-sized is written; otherwise
            the view is materialised first and settled as below.
        reason: The `_reason` SQL the normalizer computed (`reason_columns()`), for the lazy
            path's proof that no row is rejected; `reason_sql()` when None.
    """
    if lazy:
        if _ids_unique(con, part):
            rejected = 0
            if _may_reject(con, part, reason or reason_sql()):
                rejected = _insert_rejects(con, norm, part, source, seq)
            read = con.execute(f"SELECT count(*) FROM {part.table}").fetchall()[0][0]  # noqa: S608
            return PartResult(read=read, accepted=read - rejected, rejected=rejected, duplicates=0)
        _materialize(con, norm)
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE {norm}_dup AS
        WITH ok AS (SELECT _row, record_id, content_hash, source_locator FROM {norm} WHERE _reason IS NULL),
        multi AS (SELECT record_id FROM ok GROUP BY record_id HAVING count(*) > 1),
        prior AS (SELECT a.record_id, a.content_hash AS h, a.source_locator AS loc, -1 AS first_row
                  FROM run_accepted a SEMI JOIN ok USING (record_id)),
        inner_first AS (SELECT record_id, arg_min(content_hash, _row) AS h, arg_min(source_locator, _row) AS loc,
                               min(_row) AS first_row
                        FROM ok SEMI JOIN multi USING (record_id) GROUP BY record_id),
        firsts AS (SELECT * FROM prior UNION ALL
                   SELECT * FROM inner_first f WHERE NOT EXISTS (SELECT 1 FROM prior p WHERE p.record_id = f.record_id))
        SELECT ok._row, ok.content_hash = f.h AS same, f.loc, ok.record_id
        FROM ok JOIN firsts f USING (record_id) WHERE ok._row <> f.first_row
    """)  # noqa: S608
    if con.execute(f"SELECT count(*) FROM {norm}_dup").fetchall()[0][0]:  # noqa: S608
        con.execute(f"UPDATE {norm} SET _dup = TRUE FROM {norm}_dup d "  # noqa: S608
                    f"WHERE {norm}._row = d._row AND d.same")
        con.execute(f"UPDATE {norm} SET _reason = {_DUP_REASON} FROM {norm}_dup d "  # noqa: S608
                    f"WHERE {norm}._row = d._row AND NOT d.same")
    con.execute(f"DROP TABLE IF EXISTS {norm}_dup")
    _insert_rejects(con, norm, part, source, seq)
    read, rejected, dups = con.execute(f"SELECT count(*), count(*) FILTER (_reason IS NOT NULL), "  # noqa: S608
                                       f"count(*) FILTER (_dup) FROM {norm}").fetchall()[0]
    # Exact duplicates count as accepted: their content is in the run, folded into the first row.
    return PartResult(read=read, accepted=read - rejected, rejected=rejected, duplicates=dups)
