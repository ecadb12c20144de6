"""Read CSV/TSV, XLSX and JSON record files into DuckDB temp tables of raw text.

Grain of every table produced here: one row per data row of one sheet of one file (header,
blank and totals rows excluded), every cell as VARCHAR exactly as written, plus `_row`, the
row number a spreadsheet user would quote (header = row 1; for JSON the record or line number).

Large UTF-8 CSV files go straight through DuckDB's parallel `read_csv`; everything else (GBK,
XLSX, JSON, odd CSV DuckDB refuses) is read in Python into an Arrow table of strings and handed
to DuckDB, so the stages after this one never loop over rows in Python.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import json
import os
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa

from domain.messages import LISTED, Message, msg
from domain.record import INPUT_ALIASES
from etl.relations import ROW, SKIP_BLANK, SKIP_TOTALS, quote_ident

# Canonical field -> accepted headers: the record contract's one alias table (domain.record),
# matched on `header_key` (NFKC, lower case, no spaces/underscores/brackets).
ALIASES: dict[str, tuple[str, ...]] = INPUT_ALIASES

TOTAL_WORDS = ("合计", "总计", "小计", "共计", "总数", "total", "totals", "sum", "grandtotal", "subtotal")

MAX_CELL_CHARS = 10_000  # longer cells are cut here; validation rejects > 2,000 anyway
HEADER_SCAN_ROWS = 10  # title rows above the header are skipped within this window
CSV_SNIFF_BYTES = 1 << 20


# C0 controls but tab, newline and carriage return; DEL; C1 controls. Removed from every cell.
# C0 controls but tab, newline and carriage return; DEL; C1 controls; and the invisible format
# characters that break matching (a BOM or zero-width space inside a cell). Removed from every cell.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff]")
# The same class, for DuckDB's regexp_replace.
CONTROL_CHARS_RE = "[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f\\x{200b}-\\x{200d}\\x{2060}\\x{feff}]"


def _has_format_controls(data: bytes) -> bool:
    """Whether UTF-8 bytes hold a C1 control (C2 80..9F) or U+200B-U+200D, U+2060, U+FEFF (E2 80 8B..8D,
    E2 81 A0, EF BB BF). The plain reference form, used where a sequence may straddle two chunks.
    """
    a = np.frombuffer(data, np.uint8)
    return _c1_or_bom(a, data, 0) or _E2_FORMAT.search(data) is not None


# The three-byte format characters that begin with E2: U+200B-U+200D and U+2060. A regular expression
# with a literal first byte searches for it at C speed; Chinese text holds E2 mostly in curly quotes.
_E2_FORMAT = re.compile(rb"\xe2(?:\x80[\x8b-\x8d]|\x81\xa0)")
_SCAN_CHUNK = 8 << 20


def _c1_or_bom(a: np.ndarray, data: bytes | bytearray, start: int) -> bool:
    """Whether `data[start:]` (`a` = its bytes as an array) holds C2 80..9F or EF BB BF.

    C2 and EF are looked for first at memchr speed (C2 is rare in Chinese text, EF common only
    where full-width punctuation is); only a chunk that has the lead byte pays for the vector test.
    """
    if data.find(b"\xc2", start) >= 0:
        c2 = np.flatnonzero(a[:-1] == 0xC2)
        if c2.size and np.any((a[c2 + 1] >= 0x80) & (a[c2 + 1] <= 0x9F)):
            return True
    if data.find(b"\xef", start) >= 0:
        ef = np.flatnonzero(a[:-2] == 0xEF)
        if ef.size and np.any((a[ef + 1] == 0xBB) & (a[ef + 2] == 0xBF)):
            return True
    return False


def _has_c0(a: np.ndarray) -> bool:
    """Whether bytes hold a C0 control other than tab, line feed and carriage return.

    Counts bytes below 0x20 and the allowed three (vectorised comparisons, ~10 GB/s) instead of
    deleting the controls (`bytes.translate`, ~1.5 GB/s): a CSV's only low bytes are its line breaks.
    """
    low = int(np.count_nonzero(a < 0x20))
    if not low:
        return False
    allowed = int(np.count_nonzero(a == 0x0A))
    if allowed != low:
        allowed += int(np.count_nonzero(a == 0x0D)) + int(np.count_nonzero(a == 0x09))
    return allowed != low


def strip_controls(text: str) -> str:
    """Text without control characters (NUL, BEL, ESC, DEL...); tab and line breaks are kept."""
    return _CONTROL.sub("", text) if _CONTROL.search(text) else text


def has_control_bytes(path: Path, chunk_size: int = _SCAN_CHUNK) -> bool:
    """Whether a UTF-8 file holds a character of `_CONTROL` (in UTF-8 those bytes are never part of
    another character); a leading BOM is the encoding's, not a character.

    One pass at C speed into one reused buffer (~0.25 CPU-s per 300 MB against ~0.65 for deleting
    the controls with `bytes.translate` and a numpy pass over every lead byte): the C0 controls by
    counting, DEL by memchr, the C1 controls and U+FEFF behind a memchr for their lead byte, the
    E2 format characters by a regular expression with a literal first byte. A sequence that
    straddles two chunks is checked on the four bytes around the seam.
    """
    buf = bytearray(max(chunk_size, 3))  # the first chunk holds a whole BOM
    tail = b""  # the last two bytes read before this chunk
    first = True
    with open(path, "rb", buffering=0) as fh:
        while n := fh.readinto(buf):
            if n < len(buf):
                del buf[n:]
            start = 3 if first and buf.startswith(b"\xef\xbb\xbf") else 0
            first = False
            a = np.frombuffer(buf, np.uint8)[start:]
            if (
                _has_c0(a)
                or buf.find(b"\x7f", start) >= 0
                or _c1_or_bom(a, buf, start)
                or _E2_FORMAT.search(buf, start) is not None
            ):
                del a  # release the buffer export before returning
                return True
            del a
            if tail and _has_format_controls(tail + bytes(buf[start : start + 2])):
                return True
            tail = (tail + bytes(buf[-2:]))[-2:]
    return False


@dataclass(frozen=True)
class Limits:
    """What one untrusted file may make the readers do; each is checked while reading, before it costs.

    The defaults pass a real 10M-row CSV of the canonical columns (bench: `python -m etl synth
    --rows 10000000`) and any spreadsheet Excel itself can write, and stop the shapes an attacker
    uses: a sheet whose declared size is a million rows by 16,384 columns, a header of a million
    columns, a JSON value nested ten thousand deep, an archive that inflates a thousandfold.
    Overridable by environment variables (named below) for unusual sites.
    """

    max_rows: int = 50_000_000  # QM_MAX_ROWS: data rows per file or sheet
    max_columns: int = 1_000  # QM_MAX_COLUMNS: header width
    max_header_bytes: int = 1 << 20  # QM_MAX_HEADER_BYTES: the header line
    max_cells: int = 30_000_000  # QM_MAX_CELLS: filled cells read in Python (XLSX, JSON, non-UTF-8 CSV)
    max_depth: int = 64  # QM_MAX_DEPTH: JSON nesting of one record
    max_inflated_bytes: int = 1 << 30  # QM_MAX_INFLATED_BYTES: all members of an archive, inflated
    max_member_bytes: int = 512 << 20  # QM_MAX_MEMBER_BYTES: one member of an archive, inflated
    max_ratio: int = 200  # QM_MAX_RATIO: inflated/compressed, for members over 1 MB
    max_members: int = 10_000  # QM_MAX_MEMBERS: members of an archive
    max_docx_part_bytes: int = 64 << 20  # QM_MAX_DOCX_PART_BYTES: one part of a Word document, inflated


_LIMIT_ENV = {
    "max_rows": "QM_MAX_ROWS",
    "max_columns": "QM_MAX_COLUMNS",
    "max_header_bytes": "QM_MAX_HEADER_BYTES",
    "max_cells": "QM_MAX_CELLS",
    "max_depth": "QM_MAX_DEPTH",
    "max_inflated_bytes": "QM_MAX_INFLATED_BYTES",
    "max_member_bytes": "QM_MAX_MEMBER_BYTES",
    "max_ratio": "QM_MAX_RATIO",
    "max_members": "QM_MAX_MEMBERS",
    "max_docx_part_bytes": "QM_MAX_DOCX_PART_BYTES",
}


def limits() -> Limits:
    """The readers' limits: the defaults, each overridden by its environment variable when set."""
    values = {}
    for name, env in _LIMIT_ENV.items():
        raw = os.environ.get(env)
        if raw:
            try:
                values[name] = int(raw.replace("_", ""))
            except ValueError as exc:
                raise ValueError(f"{env}={raw!r} is not a whole number") from exc
    return Limits(**values)


def check_width(source: str, columns: int, lim: Limits | None = None) -> None:
    """Refuse a header wider than the limit.

    Raises:
        ExtractError: Naming the width and the limit.
    """
    lim = lim or limits()
    if columns > lim.max_columns:
        raise ExtractError.of(source, msg("too_many_columns", n=f"{columns:,}", limit=f"{lim.max_columns:,}"))


class ExtractError(Exception):
    """A file that cannot be read at all; the message names the file and the reason.

    `message` is the same as a coded domain.messages.Message (shown in the reader's language);
    errors raised with text only are carried as that text.
    """

    def __init__(self, text: str, message: Message | None = None) -> None:
        super().__init__(text)
        self.message = message or msg("text", text=text)

    @classmethod
    def of(cls, file: str, message: Message, sheet: str | None = None) -> ExtractError:
        """An error about `file` (and its `sheet`, named in the reader's language) with a coded reason."""
        coded = msg("in_file", file=file, inner=msg("in_sheet", sheet=sheet, inner=message) if sheet else message)
        return cls(coded.text("en"), coded)


def coded_problem(problem: str | None) -> str | None:
    """A row's structural problem as one message object (JSON text, see etl.validate.reason_sql)."""
    if problem is None or problem.startswith('{"code"'):
        return problem
    return msg("text", text=problem).json()


def header_key(text: object) -> str:
    """Normalise a header for alias lookup: NFKC, lower case, no spaces, underscores or brackets."""
    s = unicodedata.normalize("NFKC", strip_controls(str(text or ""))).strip().lower()
    s = re.sub(r"\(.*?\)|（.*?）", "", s) if not re.fullmatch(r"\(.*\)|（.*）", s) else s
    return re.sub(r"[\s_\-:：/]+", "", s)


_ALIAS_INDEX: dict[str, str] = {}
for _canon, _names in ALIASES.items():
    for _name in _names:
        _ALIAS_INDEX.setdefault(header_key(_name), _canon)


def canonical_header(text: object) -> str | None:
    """The canonical field a header names, or None for an unknown column."""
    return _ALIAS_INDEX.get(header_key(text))


@dataclass
class RawTable:
    """One sheet (or the whole of a CSV/JSON file) loaded as raw text into DuckDB.

    Attributes:
        table: Name of the DuckDB temp table (or view, see `cells`): `_row` BIGINT then the file's columns as VARCHAR.
        columns: Canonical field -> column name in `table` (the header as written).
        unknown: Headers that map to no field; ignored, listed in the run's message.
        loc_prefix: What goes before the row number in a locator: 'row ', 'Sheet1!', 'record '.
        rows: Number of data rows in `table`.
        skipped: (locator, reason) of rows dropped on purpose (totals rows).
        sheet: Sheet name for XLSX, else None.
    """

    table: str
    columns: dict[str, str]
    unknown: list[str]
    loc_prefix: str
    rows: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    sheet: str | None = None
    problem_column: str | None = None  # VARCHAR column naming a row's structural problem, if any
    controls: bool = False  # cells may hold control characters (read by DuckDB, not cleaned yet)
    cells: str | None = None  # when `table` is a view numbering rows: the temp table of the cells
    # A streamed part (a UTF-8 CSV read by DuckDB) is written nowhere yet: `table` is a view over
    # the file (`scan`) numbering rows with a window, and blank and totals rows are still in it
    # (SKIP says which). `number` writes it the way every other part is (cells table, rowid
    # numbering, dropped rows listed); a first load writes it once, straight into its table.
    streamed: bool = False
    scan: str | None = None  # SELECT of the file's cells under their header names
    headers: list[str] = field(default_factory=list)  # every column, in file order
    first_row: int = 2  # the row number of the first data row (header = first_row - 1)
    file: str = ""
    pending_controls: Future | None = None  # the control-character scan, still running

    def has_controls(self) -> bool:
        """`controls`, once the scan started by the reader has finished."""
        if self.pending_controls is not None:
            self.controls = self.pending_controls.result()
            self.pending_controls = None
        return self.controls

    def skip_sql(self) -> str:
        """SQL over `table`: SKIP_BLANK, SKIP_TOTALS or 0 (a data row); 0 once blank and totals rows are dropped."""
        if not self.streamed:
            return "0"
        blank, total = _blank_and_total_sql(self, self.headers)
        return f"CASE WHEN {blank} THEN {SKIP_BLANK} WHEN {total} THEN {SKIP_TOTALS} ELSE 0 END"

    def raw_json_sql(self, alias: str | None = None) -> str:
        """SQL building the JSON object of a raw row, keyed by the headers as written."""
        names = [n for n in list(self.columns.values()) + self.unknown if n != self.problem_column]
        if not names:
            return "'{}'"
        pre = f"{alias}." if alias else ""
        return "to_json(struct_pack(" + ", ".join(f"{quote_ident(n)} := {pre}{quote_ident(n)}" for n in names) + "))"

    def check_rows(self, n: int) -> None:
        """Refuse a part of more data rows than the limit (counted where they are written: DuckDB spills)."""
        lim = limits()
        if n > lim.max_rows:
            raise ExtractError.of(self.file, msg("too_many_rows_counted", n=f"{n:,}", limit=f"{lim.max_rows:,}"))

    def number(self, con: duckdb.DuckDBPyConnection) -> None:
        """Write a streamed part's cells into `<table>_cells` and number them; drop blank and totals rows.

        The cells go in in file order (the writer preserves insertion order), so a row's rowid
        is its position among the data rows, and `table` becomes a view numbering rows from it
        the way a spreadsheet does. Rowids survive the DELETE of totals rows. A no-op for a
        part already written.
        """
        if not self.streamed:
            return
        cells = f"{self.table}_cells"
        con.execute(f"CREATE OR REPLACE TEMP TABLE {cells} AS {self.scan}")
        con.execute(
            f"CREATE OR REPLACE TEMP VIEW {self.table} AS "  # noqa: S608
            f"SELECT rowid + {int(self.first_row)} AS {ROW}, * FROM {cells}"
        )
        self.cells, self.streamed = cells, False
        _drop_totals_and_blanks(con, self, self.headers)
        if self.rows > limits().max_rows:
            drop_raw(con, self)
            self.check_rows(self.rows)


def drop_raw(con: duckdb.DuckDBPyConnection, part: RawTable) -> None:
    """Drop a part's raw table (and, for a numbering view, the cells table under it)."""
    if part.cells or part.streamed:
        con.execute(f"DROP VIEW IF EXISTS {part.table}")
        if part.cells:
            con.execute(f"DROP TABLE IF EXISTS {part.cells}")
    else:
        con.execute(f"DROP TABLE IF EXISTS {part.table}")


@dataclass
class Extracted:
    """Everything read from one structured file.

    Attributes:
        parts: One RawTable per sheet with a recognisable header (one for CSV/JSON).
        notes: Facts worth a line in the per-file message (encoding, sheets skipped).
    """

    parts: list[RawTable]
    notes: list[Message] = field(default_factory=list)


# ----------------------------------------------------------------------------- helpers
def _cell_text(value: object) -> str | None:
    """A cell value as text, the way a person reading the sheet would write it."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if value != value:  # NaN
            return None
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    text = strip_controls(json.dumps(value, ensure_ascii=False) if isinstance(value, (dict, list)) else str(value))
    if len(text) > MAX_CELL_CHARS:
        text = text[:MAX_CELL_CHARS]
    return text if text.strip() else None


def _dedupe_headers(headers: Sequence[object]) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    for i, h in enumerate(headers):
        name = (_cell_text(h) or "").strip() or f"column{i + 1}"
        base, n = name, 2
        while name in seen or name == ROW:
            name, n = f"{base}_{n}", n + 1
        seen.add(name)
        out.append(name)
    return out


def find_header(rows: Sequence[Sequence[object]]) -> int | None:
    """Index of the header row among the first rows of a sheet.

    The header is the row naming the most known fields (at least two); merged title rows above
    it name none. Falls back to the first non-empty row so the schema check can say what it saw.

    Args:
        rows: The first rows of the sheet, cell values as read.

    Returns:
        The index into `rows`, or None when every row is empty.
    """
    best, best_score, first_nonempty = None, 1, None
    for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        cells = [c for c in row if _cell_text(c) is not None]
        if not cells:
            continue
        if first_nonempty is None:
            first_nonempty = i
        score = len({canonical_header(c) for c in cells} - {None})
        if score > best_score:
            best, best_score = i, score
    return best if best is not None else first_nonempty


def _map_columns(names: Iterable[str]) -> tuple[dict[str, str], list[str]]:
    columns: dict[str, str] = {}
    unknown: list[str] = []
    for name in names:
        canon = canonical_header(name)
        if canon is None or canon in columns:
            unknown.append(name)
        else:
            columns[canon] = name
    return columns, unknown


_qi = quote_ident


_TOTALS_SQL_LIST = (
    ", ".join("'" + w + "'" for w in TOTAL_WORDS)
    + ", "
    + ", ".join("'" + w + ":'" for w in TOTAL_WORDS)
    + ", "
    + ", ".join("'" + w + "：'" for w in TOTAL_WORDS)
)


# Code points a totals word can start with in ASCII, either case (the fast "not a totals row" test).
_TOTALS_FIRST_CODES = ", ".join(
    str(c) for c in sorted({ord(ch) for w in TOTAL_WORDS if w[0].isascii() for ch in (w[0].lower(), w[0].upper())})
)


def _blank_and_total_sql(part: RawTable, data_cols: list[str]) -> tuple[str, str]:
    """SQL over a raw part: (the row is blank, the row is a totals row 合计/总计/Total...).

    A totals row carries its label in one of the first columns (the rest are sums or empty), so
    only the first three cells are looked at: a cheap IN-list test instead of a regexp over every
    cell of every row.
    """
    first = "coalesce(" + ", ".join(f"nullif(trim({_qi(c)}), '')" for c in data_cols[:3]) + ")"
    # The label is the first cell when that one starts with a printable ASCII character (it is
    # then not blank); when that character starts no totals word the row is no totals row, and
    # the trim/replace/lower of the exact test (over an id or a name in every row) is skipped.
    c1 = _qi(data_cols[0])
    not_total = f"ascii({c1}) BETWEEN 33 AND 126 AND ascii({c1}) NOT IN ({_TOTALS_FIRST_CODES})"
    is_total = (
        f"(CASE WHEN {not_total} THEN FALSE "
        f"ELSE coalesce(lower(replace(replace({first}, ' ', ''), '\u3000', '')) IN ({_TOTALS_SQL_LIST}), FALSE) END)"
    )
    blank = "coalesce(" + ", ".join(_qi(c) for c in data_cols) + ") IS NULL"
    if part.problem_column:  # a row with a structural problem is a reject even when its cells are empty
        blank = f"({blank} AND {_qi(part.problem_column)} IS NULL)"
    return blank, is_total


def _drop_totals_and_blanks(con: duckdb.DuckDBPyConnection, part: RawTable, data_cols: list[str]) -> None:
    """Remove blank rows and totals rows (合计/总计/Total...) from a raw table, listing the latter."""
    if not data_cols:
        return
    blank, is_total = _blank_and_total_sql(part, data_cols)
    drop = con.execute(
        f"SELECT {ROW}, {blank} FROM {part.table} WHERE {blank} OR {is_total} ORDER BY {ROW}"  # noqa: S608
    ).fetchall()
    for row, is_blank in drop:
        if not is_blank:
            part.skipped.append((f"{part.loc_prefix}{row}", "totals row, not an activity"))
    if drop:
        con.execute(f"DELETE FROM {part.cells or part.table} WHERE {blank} OR {is_total}")  # noqa: S608
    part.rows = con.execute(f"SELECT count(*) FROM {part.table}").fetchall()[0][0]  # noqa: S608


PROBLEM_COLUMN = "_problem"


BATCH_ROWS = 50_000


def _load_rows(
    con: duckdb.DuckDBPyConnection,
    table: str,
    headers: list[str],
    rows: Iterable[tuple[int, list[str | None]]],
    loc_prefix: str,
    problems: dict[int, str] | None = None,
    source: str = "",
    sheet: str | None = None,
) -> RawTable:
    """Hand rows read in Python to DuckDB as Arrow batches of strings, within the limits.

    Rows are consumed as they are read and appended in batches, so Python never holds more than
    one batch of cells: memory is bounded by the Arrow columns, not by Python objects per cell.

    `problems` maps a row number to a structural problem (misaligned, truncated) that makes
    the row a reject even when its cells look valid; it may be filled while `rows` is consumed.

    Raises:
        ExtractError: More data rows or non-empty cells than the limits allow.
    """
    lim = limits()
    width = len(headers)
    names = [ROW, *headers, PROBLEM_COLUMN]
    schema = pa.schema([(ROW, pa.int64()), *[(h, pa.string()) for h in headers], (PROBLEM_COLUMN, pa.string())])
    created = False
    n_rows = n_cells = 0
    batch: list[tuple[int, list[str | None]]] = []
    problems = problems if problems is not None else {}

    def flush() -> None:
        nonlocal created
        cols = [pa.array([r for r, _ in batch], pa.int64())]
        cols += [
            pa.array([cells[j] if j < len(cells) else None for _, cells in batch], pa.string()) for j in range(width)
        ]
        cols.append(pa.array([coded_problem(problems.get(r)) for r, _ in batch], pa.string()))
        view = f"{table}_arrow"
        con.register(view, pa.Table.from_arrays(cols, schema=schema))
        try:
            if created:
                con.execute(f"INSERT INTO {table} SELECT * FROM {view}")  # noqa: S608
            else:
                con.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT * FROM {view}")  # noqa: S608
                created = True
        finally:
            con.unregister(view)
        batch.clear()

    for r, cells in rows:
        filled = sum(1 for c in cells if c is not None)
        if not filled and r not in problems:
            continue  # blank rows are not data (a row with a problem is a reject, even when empty)
        n_rows += 1
        n_cells += filled
        if n_rows > lim.max_rows:
            raise ExtractError.of(source, msg("too_many_rows", limit=f"{lim.max_rows:,}"), sheet)
        if n_cells > lim.max_cells:
            raise ExtractError.of(source, msg("too_many_cells", limit=f"{lim.max_cells:,}"), sheet)
        batch.append((r, cells))
        if len(batch) >= BATCH_ROWS:
            flush()
    if batch or not created:
        flush()
    has_problems = bool(problems)
    if not has_problems:
        con.execute(f"ALTER TABLE {table} DROP COLUMN {PROBLEM_COLUMN}")
    if not width:
        pass
    columns, unknown = _map_columns(headers)
    part = RawTable(
        table=table,
        columns=columns,
        unknown=unknown,
        loc_prefix=loc_prefix,
        problem_column=PROBLEM_COLUMN if has_problems else None,
    )
    _drop_totals_and_blanks(con, part, headers)
    del names
    return part


# ----------------------------------------------------------------------------- CSV
ENCODINGS_TRIED = ("utf-8", "utf-16", "gb18030", "big5")


def detect_encoding(path: Path) -> str:
    """Encoding of a text file, detected, not guessed.

    A BOM decides. Text with NUL bytes in every other position is UTF-16 without a BOM (its byte
    order from where the NULs are). Text that decodes as UTF-8 (strictly, or on most of its
    non-ASCII lines: a UTF-8 file with one GBK row pasted in) is UTF-8. Otherwise the Chinese
    encodings GB18030 (a superset of GBK/GB2312) and Big5 are weighed by charset-normalizer, which
    judges what the decoded text looks like, so Big5 bytes (which GB18030 would also accept) are
    not read as GB18030 mojibake.

    Args:
        path: The file.

    Returns:
        'utf-8-sig', 'utf-16', 'utf-16-le', 'utf-16-be', 'utf-8', 'gb18030' or 'big5'.

    Raises:
        ExtractError: No encoding reads the file convincingly; the message names those tried.
    """
    with open(path, "rb") as fh:
        head = fh.read(CSV_SNIFF_BYTES)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = head[: len(head) - len(head) % 2][:65536]
    if sample and sample.count(0) * 4 >= len(sample):
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        order = "utf-16-le" if odd > even else "utf-16-be"
        try:
            sample.decode(order)
            return order
        except UnicodeDecodeError:
            pass
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    # A UTF-8 file with a GBK row pasted in, or one stray byte. GBK text is almost never valid
    # UTF-8, but UTF-8 Chinese often is valid GB18030: reading such a file as GB18030 turned every
    # UTF-8 row into mojibake. When most non-ASCII lines are UTF-8, say UTF-8 so that the lines
    # are decoded one by one, UTF-8 first (decode_lines).
    lines = [ln for ln in head.split(b"\n")[:-1] if not ln.isascii()]  # the last may be cut short
    utf8 = sum(1 for ln in lines if _decodes(ln, "utf-8"))
    if lines and utf8 and utf8 >= len(lines) - utf8:
        return "utf-8"
    from charset_normalizer import from_bytes

    best = from_bytes(head, cp_isolation=["gb18030", "big5"], threshold=0.3).best()
    if best is not None:
        return "big5" if best.encoding == "big5" else "gb18030"
    # Too little text for charset-normalizer's judgement (one character repeated...): an
    # encoding that decodes the start strictly and reads mostly common characters of its own
    # script. GB18030 first: this is a mainland product.
    for encoding in ("gb18030", "big5"):
        readable = [ln for ln in lines if _decodes(ln, encoding)]
        if not readable or 2 * len(readable) < len(lines):
            continue
        cjk = [ch for ch in b"\n".join(readable).decode(encoding) if ord(ch) > 0x2E7F]
        if cjk and sum(_common(ch, encoding) for ch in cjk) >= 0.9 * len(cjk):
            return encoding
    raise ExtractError.of(path.name, msg("encoding_unknown", tried=", ".join(ENCODINGS_TRIED)))


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


# The common characters of each script, by the set holding them: GB2312 (the common simplified
# set), Big5's frequent level (lead bytes 0xA4-0xC6).
_COMMON: dict[str, tuple[str, range | None]] = {"gb18030": ("gb2312", None), "big5": ("big5", range(0xA4, 0xC7))}


def _common(ch: str, encoding: str) -> bool:
    """A character of the common set of `encoding`'s script."""
    charset, leads = _COMMON[encoding]
    try:
        b = ch.encode(charset)
    except UnicodeEncodeError:
        return False
    return leads is None or (len(b) == 2 and b[0] in leads)


def _sniff_delimiter(lines: list[str], suffix: str) -> str:
    """The delimiter, chosen by the header line.

    Each candidate splits the first lines (quotes respected); the one whose header row names the
    most known fields wins, then the one giving the header the most columns. Counting delimiter
    characters over the sample instead let quoted cells full of semicolons pick ';' and lose the
    whole file as "no region column".
    """
    if suffix == ".tsv":
        return "\t"
    best, best_score = ",", (0, 0)
    for delim in (",", "\t", ";", "|"):
        rows = _head_rows("\n".join(lines[:HEADER_SCAN_ROWS]), delim)
        idx = find_header(rows)
        if idx is None:
            continue
        header = [c for c in rows[idx] if _cell_text(c) is not None]
        score = (len({canonical_header(c) for c in header} - {None}), len(header))
        if score > best_score:
            best, best_score = delim, score
    return best


def _head_rows(text_head: str, delim: str) -> list[list[str]]:
    lines = text_head.splitlines()[: HEADER_SCAN_ROWS + 1]
    try:
        return [row for row in csv.reader(lines[:HEADER_SCAN_ROWS], delimiter=delim)]
    except csv.Error:
        # A line the csv module refuses (NUL bytes...): split naively, only to find the header.
        return [line.split(delim) for line in lines[:HEADER_SCAN_ROWS]]


def decode_lines(data: bytes, encoding: str) -> tuple[str, int]:
    """Decode a file line by line when it does not decode as a whole.

    Files assembled from several sources mix UTF-8 and GBK lines; a truncated download ends in
    half a character. Each line is tried as UTF-8, then GB18030, then UTF-8 with U+FFFD for the
    bad bytes, so one damaged line costs that line at most, not the file.

    Returns:
        (text, number of lines that needed a fallback).
    """
    first = "utf-8" if encoding.startswith("utf-8") else encoding
    second = "gb18030" if first == "utf-8" else "utf-8"
    out, repaired = [], 0
    for line in data.split(b"\n"):
        try:
            out.append(line.decode(first))
            continue
        except UnicodeDecodeError:
            repaired += 1
        try:
            out.append(line.decode(second))
        except UnicodeDecodeError:
            out.append(line.decode("utf-8", errors="replace"))
    return "\n".join(out), repaired


def read_csv(con: duckdb.DuckDBPyConnection, path: Path, table: str, stream: bool = True) -> Extracted:
    """Read a CSV/TSV file into `table`.

    Args:
        con: The run's DuckDB connection.
        path: The file.
        table: Name for the temp table.
        stream: A UTF-8 file DuckDB reads becomes a streamed part (read where it is used). Its
            problems (a short row, a stray quote) then surface there, as a duckdb.Error: the
            caller reads the file again with stream=False, which writes the cells at once and
            falls back to the Python reader for what DuckDB refuses.

    Returns:
        The extracted part and notes (the encoding used).

    Raises:
        ExtractError: The file cannot be decoded or parsed.
    """
    encoding = detect_encoding(path)
    with open(path, "rb") as fh:
        head_bytes = fh.read(CSV_SNIFF_BYTES)
    head = codecs.getincrementaldecoder(encoding)(errors="replace").decode(head_bytes, final=False)
    delim = _sniff_delimiter(head.lstrip("\ufeff").splitlines(), path.suffix.lower())
    lim = limits()
    first_break = min((i for i in (head_bytes.find(b"\n"), head_bytes.find(b"\r")) if i >= 0), default=-1)
    if first_break < 0 and len(head_bytes) >= min(lim.max_header_bytes, CSV_SNIFF_BYTES):
        raise ExtractError.of(
            path.name, msg("header_too_long", limit=f"{min(lim.max_header_bytes, CSV_SNIFF_BYTES):,}")
        )
    head_rows = _head_rows(head.lstrip("\ufeff"), delim)
    header_idx = find_header(head_rows)
    if header_idx is None:
        raise ExtractError.of(path.name, msg("file_empty"))
    check_width(path.name, len(head_rows[header_idx]), lim)
    notes = [msg("encoding", encoding=encoding)]
    with open(path, "rb") as fh:
        fh.seek(max(path.stat().st_size - 1, 0))
        complete = fh.read(1) in (b"\n", b"\r")
    if not complete:
        notes.append(msg("no_final_newline"))
    if encoding in ("utf-8", "utf-8-sig") and complete:
        try:
            part = (_read_csv_duckdb if stream else _read_csv_duckdb_written)(con, path, table, delim, header_idx)
            part.file = path.name
            if part.streamed:
                # The scan for control characters (one pass over the bytes) runs while DuckDB reads
                # the file; only a file that has some pays for removing them in the normalizer.
                part.pending_controls = _background().submit(has_control_bytes, path)
            else:
                part.controls = has_control_bytes(path)
                part.check_rows(part.rows)
            return Extracted([part], notes)
        except duckdb.Error:
            # DuckDB is strict about quoting and column counts; the Python reader below pads
            # short rows and reports the file's real problem row by row. The engine's own words
            # (its parser's terms, a temporary path) mean nothing to the person who uploaded it.
            notes.append(msg("fast_reader_declined"))
    return Extracted([_read_csv_python(con, path, table, encoding, delim, header_idx, notes)], notes)


_BACKGROUND: ThreadPoolExecutor | None = None


def _background() -> ThreadPoolExecutor:
    """One worker thread for scans that overlap with DuckDB's reading (it releases the GIL)."""
    global _BACKGROUND
    if _BACKGROUND is None:
        _BACKGROUND = ThreadPoolExecutor(max_workers=1, thread_name_prefix="etl-scan")
    return _BACKGROUND


def _read_csv_duckdb_written(
    con: duckdb.DuckDBPyConnection, path: Path, table: str, delim: str, header_idx: int
) -> RawTable:
    """The file's cells written and numbered now (short rows padded with NULLs)."""
    part = _read_csv_duckdb(con, path, table, delim, header_idx, null_padding=True)
    try:
        part.number(con)
    except duckdb.Error:
        drop_raw(con, part)  # the Python reader writes a table of the same name
        raise
    return part


def _read_csv_duckdb(
    con: duckdb.DuckDBPyConnection, path: Path, table: str, delim: str, header_idx: int, null_padding: bool = False
) -> RawTable:
    """A streamed part over DuckDB's parallel `read_csv` of the file: nothing is read or written yet.

    `table` numbers rows with `row_number() OVER ()` (the file's order; a consumer that reads
    `_row` reads the file on one thread), `RawTable.number` writes and numbers the cells in
    parallel, and a first load writes the typed rows straight from the file (etl.validate).

    Without `null_padding` a short row is an error, and quoted line breaks are read in parallel
    (DuckDB's parallel reader does not pad rows and follow quoted line breaks at once).
    """
    read = (
        f"read_csv({_ql(str(path))}, header = true, all_varchar = true, delim = {_ql(delim)}, quote = '\"', "
        f"escape = '\"', skip = {int(header_idx)}, null_padding = {'true' if null_padding else 'false'}, "
        "encoding = 'utf-8', max_line_size = 8388608)"
    )
    names = [r[0] for r in con.execute(f"DESCRIBE SELECT * FROM {read}").fetchall()]  # noqa: S608
    # DuckDB keeps a UTF-8 BOM glued to the first header on some inputs; strip it.
    clean = [strip_controls(n.lstrip("\ufeff")).strip() for n in names]
    final = [new if old != new and new and new not in names else old for old, new in zip(names, clean, strict=True)]
    if ROW in final:
        # A file with its own `_row` column would shadow the row number: number it the old way.
        return _read_csv_duckdb_numbered(con, path, table, delim, header_idx)
    scan = "SELECT " + ", ".join(f"{_qi(o)} AS {_qi(n)}" for o, n in zip(names, final, strict=True)) + f" FROM {read}"  # noqa: S608
    first_row = int(header_idx) + 2
    con.execute(
        f"CREATE OR REPLACE TEMP VIEW {table} AS "  # noqa: S608
        f"SELECT row_number() OVER () + {first_row - 1} AS {ROW}, * FROM ({scan})"
    )
    columns, unknown = _map_columns(final)
    return RawTable(
        table=table,
        columns=columns,
        unknown=unknown,
        loc_prefix="row ",
        streamed=True,
        scan=scan,
        headers=final,
        first_row=first_row,
        file=path.name,
    )


def _ql(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _read_csv_duckdb_numbered(
    con: duckdb.DuckDBPyConnection, path: Path, table: str, delim: str, header_idx: int
) -> RawTable:
    # row_number() OVER () streams in scan order (insertion order is preserved), which gives
    # each row the number a spreadsheet shows: header at header_idx + 1.
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {table} AS "  # noqa: S608
        f"SELECT row_number() OVER () + {header_idx + 1} AS {ROW}, * FROM read_csv(?, header = true, "
        f"all_varchar = true, delim = ?, quote = '\"', escape = '\"', skip = {int(header_idx)}, "
        f"null_padding = true, encoding = 'utf-8', max_line_size = 8388608)",
        [str(path), delim],
    )
    names = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()][1:]
    # DuckDB keeps a UTF-8 BOM glued to the first header on some inputs; strip it.
    clean = [strip_controls(n.lstrip("\ufeff")).strip() for n in names]
    for old, new in zip(names, clean, strict=True):
        if old != new and new and new not in names:
            con.execute(f"ALTER TABLE {table} RENAME COLUMN {_qi(old)} TO {_qi(new)}")
    names = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()][1:]
    columns, unknown = _map_columns(names)
    part = RawTable(table=table, columns=columns, unknown=unknown, loc_prefix="row ")
    _drop_totals_and_blanks(con, part, names)
    return part


def _read_csv_python(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    table: str,
    encoding: str,
    delim: str,
    header_idx: int,
    notes: list[Message],
) -> RawTable:
    data = path.read_bytes()
    try:
        text, repaired = data.decode(encoding), 0
    except UnicodeDecodeError:
        text, repaired = decode_lines(data, encoding)
    if repaired:
        notes.append(msg("lines_redecoded", n=repaired, encoding=encoding))
    text = text.lstrip("\ufeff").replace("\0", "")
    # Cells are cut to MAX_CELL_CHARS below; the file is in memory already, so a long field
    # costs nothing more than its bytes.
    csv.field_size_limit(2**31 - 1)
    lines = text.splitlines(keepends=True)
    problems: dict[int, str] = {}
    lim = limits()
    recs = iter(_csv_records(lines, delim))
    for _ in range(header_idx):
        next(recs, None)
    head = next(recs, None)
    headers = _dedupe_headers(head[1]) if head else []
    check_width(path.name, len(headers), lim)

    # A last line cut short (no newline at the end, fewer cells than the header) is a truncated file.
    last_width = None if text.endswith(("\n", "\r")) else _csv_last_record_width(lines, delim)
    truncated = last_width is not None and last_width < len(headers)

    def rows() -> Iterable[tuple[int, list[str | None]]]:
        # Rows are numbered as records (header = header_idx + 1), the way a spreadsheet numbers them.
        pending = None
        for n, (first_line, row, unterminated) in enumerate(recs, start=header_idx + 2):
            if pending is not None:
                yield pending
            if unterminated is not None:
                problems[n] = unterminated
                row = lines[first_line - 1].rstrip("\r\n").split(delim)
            cells = [_cell_text(c) for c in row[: len(headers) + 1]]
            if (
                len(row) > len(headers)
                and any(_cell_text(c) is not None for c in row[len(headers) :])
                and n not in problems
            ):
                problems[n] = msg("row_misaligned", cells=len(row), headers=len(headers)).json()
            pending = (n, cells[: len(headers)])
        if pending is not None:
            if truncated and pending[0] not in problems:
                problems[pending[0]] = msg("row_truncated", cells=last_width, headers=len(headers)).json()
            yield pending

    return _load_rows(con, table, headers, rows(), "row ", problems, source=path.name)


def _csv_last_record_width(lines: list[str], delim: str) -> int | None:
    """How many cells the last line of a CSV text has (None when it is blank)."""
    for line in reversed(lines[-50:]):
        if line.strip():
            return len(next(csv.reader([line], delimiter=delim), []))
    return None


def _csv_records(lines: list[str], delim: str) -> Iterable[tuple[int, list[str], str | None]]:
    """CSV records with the physical line each starts on, recovering from a quote that never closes.

    A quote left open swallows every line after it into one cell. When a record runs to the end
    of the file inside a quote, that record alone is returned with the reason (naming the line
    where the quote opened and the lines it would have swallowed), and reading starts again on
    the next line, so the rows after it still load.

    Yields:
        (first line number, cells, None) per record, or (line, [], reason) for an unterminated quote.
    """
    start = 0
    while start < len(lines):
        reader = csv.reader(iter(lines[start:]), delimiter=delim)
        consumed = 0
        restart = None
        for row in reader:
            first = start + consumed + 1
            consumed = reader.line_num
            if consumed == len(lines) - start and _unclosed(lines[first - 1 :], delim):
                swallowed = consumed - (first - start)
                yield (
                    first,
                    [],
                    msg("unterminated_quote", first=first, swallowed=f"{swallowed:,}").json(),
                )
                restart = first  # read again from the line after the one that opened the quote
                break
            yield first, row, None
        if restart is None:
            return
        start = restart


def _unclosed(tail: list[str], delim: str) -> bool:
    """Whether the record starting at tail[0] hits the end of the text inside a quote."""
    try:
        for _ in csv.reader(iter(tail), delimiter=delim, strict=True):
            return False
    except csv.Error:
        return True
    return False


# ----------------------------------------------------------------------------- XLSX
def read_xlsx(con: duckdb.DuckDBPyConnection, path: Path, table: str) -> Extracted:
    """Read every sheet of an XLSX workbook; each sheet with a header becomes one part.

    Title rows above the header (merged cells) are skipped by `find_header`; totals rows are
    dropped and listed as skipped. openpyxl parses the XML with defusedxml when it is installed
    (it is pinned in requirements.txt), which stops entity-expansion bombs.

    Raises:
        ExtractError: The workbook cannot be opened.
    """
    import openpyxl  # lazily: only XLSX files need it
    from openpyxl import xml as oxml

    if not oxml.DEFUSEDXML:
        raise ExtractError.of(path.name, msg("xml_unprotected"))
    from etl.extract.archive import check_archive

    lim = limits()
    check_archive(path.name, path, ".xlsx", lim)
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for broken files
        raise ExtractError.of(path.name, msg("workbook_unreadable", detail=str(exc))) from exc
    parts: list[RawTable] = []
    notes: list[Message] = []
    formulas = _formula_workbook(path)
    try:
        for n, ws in enumerate(wb.worksheets):
            part = _read_sheet(con, ws, f"{table}_s{n}", path.name, lim)
            if formulas is not None:
                unsaved = _formulas_without_value(formulas[ws.title], ws)
                if unsaved:
                    notes.append(
                        msg(
                            "formulas_without_value",
                            n=len(unsaved),
                            cells=[f"{ws.title}!{ref} ({formula[:60]})" for ref, formula in unsaved[:LISTED]],
                        )
                    )
            if part is None:
                notes.append(msg("sheet_empty", sheet=ws.title))
                continue
            part.sheet = ws.title
            parts.append(part)
    finally:
        wb.close()
        if formulas is not None:
            formulas.close()
    return Extracted(parts, notes)


def _formula_workbook(path: Path):
    """The workbook opened with formulas as written, or None when no sheet has a formula (the usual case).

    Values are read with their saved results (``data_only``); a formula cell a program wrote without
    computing it has no saved result and would read as an empty cell with nothing said. The zip was
    checked (size, ratio) before; a sheet's XML is only searched for a formula element.
    """
    import openpyxl  # lazily: only XLSX files need it

    with zipfile.ZipFile(path) as zf:
        if not any(
            re.search(rb"<(?:\w+:)?f[ >/]", zf.read(i))
            for i in zf.infolist()
            if i.filename.startswith("xl/worksheets/") and i.filename.endswith(".xml")
        ):
            return None
    return openpyxl.load_workbook(path, read_only=True, data_only=False)


def _formulas_without_value(ws_formulas, ws_values) -> list[tuple[str, str]]:
    """(cell reference, formula) of each formula cell whose saved value (in `ws_values`) is missing.

    Both sheets are read row by row in step (read-only mode), bounded like the values were.
    """
    from openpyxl.utils import get_column_letter

    ws_formulas.reset_dimensions()
    ws_values.reset_dimensions()
    out = []
    for i, (frow, vrow) in enumerate(
        zip(
            ws_formulas.iter_rows(min_row=1, values_only=True),
            ws_values.iter_rows(min_row=1, values_only=True),
            strict=False,
        ),
        start=1,
    ):
        for j, cell in enumerate(frow):
            if isinstance(cell, str) and cell.startswith("=") and (j >= len(vrow) or vrow[j] is None):
                out.append((f"{get_column_letter(j + 1)}{i}", cell))
                if len(out) > 100:
                    return out
    return out


def _read_sheet(con: duckdb.DuckDBPyConnection, ws, table: str, file: str, lim: Limits) -> RawTable | None:
    """Stream one worksheet into a raw table, row by row, within the limits.

    The size a sheet declares (`<dimension ref="A1:XFD1048576">`) is ignored: openpyxl would pad
    every row to it, building a million rows of 16,384 cells for a file of one cell. Rows are
    read as they are, numbered from 1 (missing rows count, as in Excel), and a row with a filled
    cell beyond the column limit refuses the sheet before anything else is built.
    """
    ws.reset_dimensions()
    it = enumerate(ws.iter_rows(min_row=1, values_only=True), start=1)

    def trimmed(number: int, row: Sequence[object]) -> list[object]:
        end = len(row)
        while end and row[end - 1] is None:
            end -= 1
        if end > lim.max_columns:
            raise ExtractError.of(
                file,
                msg("cell_beyond_columns", row=f"{number:,}", column=f"{end:,}", limit=f"{lim.max_columns:,}"),
                ws.title,
            )
        return list(row[:end])

    head: list[tuple[int, list[object]]] = []
    for number, row in it:
        head.append((number, trimmed(number, row)))
        if len(head) >= HEADER_SCAN_ROWS:
            break
    idx = find_header([r for _, r in head])
    if idx is None:
        return None
    headers = _dedupe_headers(head[idx][1])

    problems: dict[int, str] = {}

    def cells(number: int, row: list[object]) -> list[str | None]:
        out = [_cell_text(c) for c in row]
        if any(c is not None for c in out[len(headers) :]):
            problems[number] = msg("row_beyond_header", column=f"{len(out):,}", headers=len(headers)).json()
        return out

    def rows() -> Iterable[tuple[int, list[str | None]]]:
        for number, row in head[idx + 1 :]:
            yield number, cells(number, row)
        for number, row in it:
            yield number, cells(number, trimmed(number, row))

    return _load_rows(con, table, headers, rows(), f"{ws.title}!", problems, source=file, sheet=ws.title)


# ----------------------------------------------------------------------------- JSON
def read_json(con: duckdb.DuckDBPyConnection, path: Path, table: str) -> Extracted:
    """Read a JSON array of objects, {"records": [...]}, or JSON lines.

    One record that cannot be read (not JSON, nested deeper than the limit, not an object) is a
    reject of its own with the reason; the other records load.

    Raises:
        ExtractError: Not JSON, or not a list of objects.
    """
    encoding = detect_encoding(path)
    try:
        text = path.read_bytes().decode(encoding).lstrip("\ufeff")
    except UnicodeDecodeError as exc:
        raise ExtractError.of(path.name, msg("decode_failed", encoding=encoding, at=f"{exc.start:,}")) from exc
    lim = limits()
    problems: dict[int, str] = {}
    records, prefix = _json_records(path.name, text, problems, lim)
    headers = _json_headers(path.name, records, lim)
    rows: list[tuple[int, list[str | None]]] = []
    for i, rec in records:
        if isinstance(rec, dict):
            d = {strip_controls(str(k)): v for k, v in rec.items()}
            rows.append((i, [_cell_text(d.get(h)) for h in headers]))
        else:
            if i not in problems:
                problems[i] = msg("json_not_object").json()
            rows.append((i, [None] * len(headers)))
    return Extracted([_load_rows(con, table, headers, rows, prefix, problems, source=path.name)], [])


_RECORD_KEYS = ("records", "data", "activities", "items", "rows")


def _too_deep(depth: int) -> str:
    return msg("json_too_deep", depth=depth).json()


def _json_records(name: str, text: str, problems: dict[int, str], lim: Limits) -> tuple[list[tuple[int, object]], str]:
    """(number, record or None) for each record of a JSON document or JSON-lines text, and the locator prefix.

    A record that cannot be read gets its reason in `problems` (keyed by its number).
    """
    try:
        doc = json.loads(text)
    except RecursionError:  # one record nested too deep for Python: read the records one by one
        body = _records_body(text)
        if body is None:
            raise ExtractError.of(name, msg("json_too_deep_file")) from None
        return [
            (i, _load_one(chunk, i, problems, lim)) for i, chunk in enumerate(_split_top_level(text, body), start=1)
        ], "record "
    except json.JSONDecodeError:
        return _json_lines(name, text, problems, lim), "line "
    if isinstance(doc, dict):
        key = next((k for k in _RECORD_KEYS if k in doc), None)
        if key is None:
            raise ExtractError.of(name, msg("json_no_records"))
        doc = doc[key]
    if not isinstance(doc, list):
        raise ExtractError.of(name, msg("json_not_records"))
    records: list[tuple[int, object]] = []
    for i, rec in enumerate(doc, start=1):
        if _depth_over(rec, lim.max_depth):
            problems[i] = _too_deep(lim.max_depth)
            rec = None
        records.append((i, rec))
    return records, "record "


def _json_lines(name: str, text: str, problems: dict[int, str], lim: Limits) -> list[tuple[int, object]]:
    records: list[tuple[int, object]] = []
    for i, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        rec = _load_one(line, i, problems, lim)
        if i in problems and not records and '"json_line_invalid"' in problems[i]:
            raise ExtractError.of(name, msg("json_unreadable", inner=json.loads(problems[i])))
        records.append((i, rec))
    return records


def _json_headers(name: str, records: list[tuple[int, object]], lim: Limits) -> list[str]:
    """Every field named by some record, in order of first appearance, within the column limit."""
    headers: list[str] = []
    seen: set[str] = set()
    for _, rec in records:
        if not isinstance(rec, dict):
            continue
        for k in rec:
            if str(k) not in seen:
                seen.add(str(k))
                headers.append(strip_controls(str(k)))
                check_width(name, len(headers), lim)
    if not headers:
        raise ExtractError.of(name, msg("json_no_fields"))
    return headers


def _load_one(text: str, n: int, problems: dict[int, str], lim: Limits) -> object:
    """One record's JSON text parsed, or None with the reason in `problems[n]`."""
    try:
        rec = json.loads(text)
    except RecursionError:
        problems[n] = _too_deep(lim.max_depth)
        return None
    except json.JSONDecodeError as exc:
        problems[n] = msg("json_line_invalid", detail=str(exc)).json()
        return None
    if _depth_over(rec, lim.max_depth):
        problems[n] = _too_deep(lim.max_depth)
        return None
    return rec


def _depth_over(value: object, limit: int) -> bool:
    """Whether a parsed JSON value nests deeper than `limit` (iterative: no recursion to exhaust)."""
    stack = [(value, 1)]
    while stack:
        v, d = stack.pop()
        if isinstance(v, dict):
            v = list(v.values())
        elif not isinstance(v, list):
            continue
        if d > limit:
            return True
        stack.extend((x, d + 1) for x in v if isinstance(x, (dict, list)))
    return False


def _records_body(text: str) -> int | None:
    """Offset just after the '[' that opens the list of records (top level, or under a records key)."""
    m = re.match(r"\s*\[", text)
    if m:
        return m.end()
    m = re.match(r'\s*\{\s*"(?:records|data|activities|items|rows)"\s*:\s*\[', text)
    return m.end() if m else None


def _split_top_level(text: str, start: int) -> Iterable[str]:
    """The elements of the JSON list opening at `start`, as texts (strings and nesting respected)."""
    depth, in_str, esc, begin = 0, False, False, start
    for i in range(start, len(text)):
        ch = text[i]
        if in_str:
            if esc:
                esc = False
            elif ch == "\\":
                esc = True
            elif ch == '"':
                in_str = False
        elif ch == '"':
            in_str = True
        elif ch in "[{":
            depth += 1
        elif ch in "]}":
            if depth == 0:  # the list's own closing bracket
                if text[begin:i].strip():
                    yield text[begin:i]
                return
            depth -= 1
        elif ch == "," and depth == 0:
            yield text[begin:i]
            begin = i + 1
    if text[begin:].strip():
        yield text[begin:]


# ----------------------------------------------------------------------------- frames
def read_arrow(con: duckdb.DuckDBPyConnection, data: pa.Table, table: str, loc_prefix: str = "row ") -> Extracted:
    """Load an in-memory table (e.g. the demo frame) as if it were a file with a header row.

    Args:
        con: The run's DuckDB connection.
        data: Columns named like canonical headers; any types (cast to text).
        table: Name for the temp table.
        loc_prefix: Locator prefix; rows are numbered from 2 as in a file with a header.
    """
    cols = {ROW: pa.array(range(2, data.num_rows + 2), pa.int64())}
    for name in data.column_names:
        col = data.column(name)
        if pa.types.is_boolean(col.type):
            col = pa.array(
                ["true" if v else ("false" if v is not None else None) for v in col.to_pylist()], pa.string()
            )
        elif not pa.types.is_string(col.type) and not pa.types.is_large_string(col.type):
            col = col.cast(pa.string())
        cols[name] = col
    view = f"{table}_arrow"
    con.register(view, pa.table(cols))
    try:
        con.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT * FROM {view}")  # noqa: S608
    finally:
        con.unregister(view)
    columns, unknown = _map_columns(data.column_names)
    part = RawTable(table=table, columns=columns, unknown=unknown, loc_prefix=loc_prefix)
    _drop_totals_and_blanks(con, part, list(data.column_names))
    return Extracted([part], [])


def read_tabular(con: duckdb.DuckDBPyConnection, path: Path, table: str, stream: bool = True) -> Extracted:
    """Read any structured file by its suffix (`stream`: see `read_csv`).

    Raises:
        ExtractError: The file cannot be read; the message names it and says why.
    """
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv"):
        return read_csv(con, path, table, stream=stream)
    if suffix == ".xlsx":
        return read_xlsx(con, path, table)
    if suffix in (".json", ".jsonl"):
        return read_json(con, path, table)
    raise ExtractError.of(path.name, msg("not_structured", suffix=suffix))
