"""The names the stages hand relations over by: run tables and their bookkeeping columns.

The write side runs extract -> normalize -> validate -> load -> publish in one DuckDB connection.
Each stage takes and returns a named relation (a temp table or view) wrapped in a small typed
object (`etl.extract.tabular.RawTable`, `etl.normalize.Normalized`, `etl.validate.Validated`);
the names below are the only ones two stages both spell.

- raw table (extract): `ROW` BIGINT, the row number a spreadsheet user would quote, then the
  file's cells as VARCHAR.
- normalized relation (normalize): `ROW`, `LOC` (locator text), `domain.record.LOADED_COLUMNS`,
  the `ERRORS` columns (what normalizing could not read), `REASON` and `DUP` (validate's).
- `RUN_ACCEPTED` (validate, a view): one row per accepted record_id, LOADED_COLUMNS; what the
  load reads.
- `RUN_REJECTS` (validate, a table): one row per rejected input row, REJECT_COLUMNS.
- `RUN_STAGED` (validate, a table in the warehouse): a first load's rows, written once in the
  shape of `activities`; the load adopts it. `RUN_TO_LOAD` (a view): what the load still writes.
"""

from __future__ import annotations

ROW = "_row"
LOC = "_loc"
REASON = "_reason"
DUP = "_dup"
# Extract's verdict on a raw row: 0 a data row, 1 blank, 2 a totals row (dropped, listed). Only a
# streamed part (read straight from its file, never written) still holds the last two.
SKIP = "_skip"
SKIP_BLANK, SKIP_TOTALS = 1, 2

# Error columns of a normalized relation, by what could not be read: NULL when fine.
E_RAW = "_e_raw"  # a structural problem the reader found (misaligned, truncated row)
E_REGION = "_e_region"
E_DATE = "_e_date"
E_PART = "_e_part"  # participants
E_TYPE = "_e_type"  # activity type code
ERRORS = (E_RAW, E_REGION, E_DATE, E_PART, E_TYPE)
# A warning of a normalized row that loads (a participant count that is no number: loaded as unknown).
W_PART = "_w_part"

RUN_ACCEPTED = "run_accepted"
RUN_REJECTS = "run_rejects"
# A first load's rows written once, straight from the file, in the shape of `activities`
# (etl.validate); the load adopts the table as `activities` instead of copying it.
RUN_STAGED = "run_staged"
# The accepted rows the load still has to write: RUN_ACCEPTED without RUN_STAGED's.
RUN_TO_LOAD = "run_to_load"
# seq orders rejects as they were read: part order * REJECT_SEQ_STRIDE + row number.
# reason: English text; reasons: the coded messages (JSON array, domain.messages); reason_code: the first's code.
REJECT_COLUMNS = (
    ("source", "VARCHAR"),
    ("locator", "VARCHAR"),
    ("reason", "VARCHAR"),
    ("raw", "VARCHAR"),
    ("seq", "BIGINT"),
    ("reasons", "VARCHAR"),
    ("reason_code", "VARCHAR"),
)
REJECT_SEQ_STRIDE = 10_000_000_000


def quote_ident(name: str) -> str:
    """Quote an identifier (a header as written in a file) for DuckDB."""
    return '"' + name.replace('"', '""') + '"'


def quote_literal(text: str) -> str:
    """A SQL string literal (for names the stages write into SQL, never user values in a WHERE)."""
    return "'" + text.replace("'", "''") + "'"


def columns_select(columns: dict[str, tuple[str, list]]) -> tuple[str, dict[str, list]]:
    """A SELECT of Python lists as rows (name -> (DuckDB type, values), all the same length).

    The values travel as bound list parameters. Handing DuckDB an Arrow table instead (register,
    from_arrow) makes it import pandas, ~0.75 s of every ETL run that loads nothing else of it.

    Returns:
        (sql, params): `SELECT unnest($c0::T[]) AS name, ...`, and its parameters.
    """
    lengths = {len(values) for _typ, values in columns.values()}
    if len(lengths) > 1:
        raise ValueError(f"columns of different lengths: {sorted(lengths)}")
    exprs, params = [], {}
    for i, (name, (typ, values)) in enumerate(columns.items()):
        exprs.append(f"unnest($c{i}::{typ}[]) AS {quote_ident(name)}")
        params[f"c{i}"] = values
    return "SELECT " + ", ".join(exprs), params
