"""Validate normalized rows: every row becomes an accepted record or a reject with a reason.

All checks are vectorised SQL over the normalized temp table. A reason names the field and the
offending value; several failures of one row are joined with '; '.

Tables (temp, one per run, in the run's connection):
- `run_accepted`: one row per accepted record_id (the first occurrence in the run);
  columns `etl.normalize.OUTPUT_COLUMNS`.
- `run_rejects`: one row per rejected input row: source, locator, reason, raw (JSON).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb

from etl.extract.tabular import RawTable, _qi
from etl.normalize import OUTPUT_COLUMNS

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
        "_e_region", "_e_date", "_e_part", "_e_type",
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


def create_run_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Create the run's accepted/rejects temp tables (empty)."""
    con.execute("CREATE OR REPLACE TEMP TABLE run_accepted AS SELECT * FROM activities LIMIT 0")
    con.execute("ALTER TABLE run_accepted DROP COLUMN first_run_id")
    con.execute("ALTER TABLE run_accepted DROP COLUMN last_run_id")
    con.execute("CREATE OR REPLACE TEMP TABLE run_rejects (source VARCHAR, locator VARCHAR, reason VARCHAR, "
                "raw VARCHAR, seq BIGINT)")


@dataclass
class PartResult:
    """Counts for one validated part: rows read, accepted (incl. folded duplicates), rejected, folded."""

    read: int
    accepted: int
    rejected: int
    duplicates: int


def raw_json_sql(part: RawTable, alias: str = "r") -> str:
    """SQL building the JSON object of a raw row, keyed by the headers as written."""
    names = list(part.columns.values()) + part.unknown
    if not names:
        return "'{}'"
    return "to_json(struct_pack(" + ", ".join(f"{_qi(n)} := {alias}.{_qi(n)}" for n in names) + "))"


def validate_part(con: duckdb.DuckDBPyConnection, norm: str, part: RawTable, source: str,
                  seq: int, today: dt.date | None = None) -> PartResult:
    """Split a normalized table into run_accepted and run_rejects.

    Duplicates: a record_id seen earlier in the run (this file or an earlier one) with the same
    content is folded into the first; with different content the later row is rejected with a
    reason naming the first row's locator.

    Args:
        con: The run's connection (run tables created).
        norm: The normalized temp table (`etl.normalize.normalize_part`).
        part: Its raw table, for the raw values of rejects.
        source: The file's base name (rejects.source).
        seq: Order of this part in the run (keeps rejects in reading order).
        today: Override of today's date for the range check (tests).
    """
    reason = reason_sql(today)
    con.execute(f"CREATE OR REPLACE TEMP TABLE {norm}_v AS SELECT _row, _loc, record_id, content_hash, "  # noqa: S608
                f"source_locator, {reason} AS _reason FROM {norm}")
    # First occurrence of every id that occurs more than once in this part, or occurred before.
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE {norm}_dup AS
        WITH ok AS (SELECT _row, record_id, content_hash, source_locator FROM {norm}_v WHERE _reason IS NULL),
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
    raw = raw_json_sql(part)
    con.execute(f"""
        INSERT INTO run_rejects
        SELECT '{source.replace("'", "''")}', v._loc,
               coalesce(v._reason, 'duplicate record_id ''' || d.record_id || ''' with different content; first seen at '
                        || d.loc),
               {raw}, {int(seq)} * 10000000000 + v._row
        FROM {norm}_v v JOIN {part.table} r USING (_row) LEFT JOIN {norm}_dup d USING (_row)
        WHERE v._reason IS NOT NULL OR (d._row IS NOT NULL AND NOT d.same)
    """)  # noqa: S608
    cols = ", ".join(OUTPUT_COLUMNS)
    con.execute(f"INSERT INTO run_accepted SELECT {cols} FROM {norm} n "  # noqa: S608
                f"WHERE NOT EXISTS (SELECT 1 FROM {norm}_v v WHERE v._row = n._row AND v._reason IS NOT NULL) "
                f"AND NOT EXISTS (SELECT 1 FROM {norm}_dup d WHERE d._row = n._row)")
    read = con.execute(f"SELECT count(*) FROM {norm}_v").fetchone()[0]  # noqa: S608
    rejected = con.execute(f"SELECT count(*) FROM {norm}_v WHERE _reason IS NOT NULL").fetchone()[0]  # noqa: S608
    dup_same, dup_diff = con.execute(f"SELECT count(*) FILTER (same), count(*) FILTER (NOT same) "  # noqa: S608
                                     f"FROM {norm}_dup").fetchone()
    con.execute(f"DROP TABLE IF EXISTS {norm}_v")
    con.execute(f"DROP TABLE IF EXISTS {norm}_dup")
    # Exact duplicates count as accepted: their content is in the run, folded into the first row.
    return PartResult(read=read, accepted=read - rejected - dup_diff, rejected=rejected + dup_diff,
                      duplicates=dup_same)
