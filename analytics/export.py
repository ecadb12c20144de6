"""Downloads of exactly the filtered rows: CSV (UTF-8 with BOM), XLSX, Parquet.

Writers consume Arrow record batches (``queries.records_for_export``), so the
whole selection is exported, not the page on screen, without materialising it
as one DataFrame. Headers and vocabulary values are in the chosen language.

Spreadsheet safety: a text cell (headers included) starting with = + - @, their
full-width forms, tab or CR is never a formula. In XLSX it is a text cell with Excel's
"quote prefix" style (shown as typed; Excel and LibreOffice keep it text when the cell is
edited or the file re-saved); a CSV cell has no style, so it gets a leading apostrophe. Text of
digits alone stays text too: XLSX writes it as a text cell; in a CSV, digits a spreadsheet would
show otherwise as a number (a district's own record id 000123, an id of 12 or more digits) are
written ="000123", the one form Excel opens as that text (`neutralise` holds both CSV rules).
Numbers stay numbers, even negative ones: only text is touched.

Yes/no columns (``is_synthetic``) are written as 是/否 or yes/no, not True/False. The XLSX
sheet has a frozen, filterable header row and columns sized to their contents; its dates known to
the day are Excel dates shown as the text the other formats write (they sort and filter as dates).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import xlsxwriter

from analytics.fmt import date_text, file_stem, iso_date_text, locator_label, source_label
from analytics.i18n import VOCABULARIES, col, label, t
from domain.record import FORMULA_PREFIXES

DATE_COLUMNS = ("start_date", "end_date")
_LABELLED = tuple(VOCABULARIES)
MIME = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "parquet": "application/vnd.apache.parquet",
}


# Digits a spreadsheet opening a CSV reads as a number it shows otherwise: a leading zero (000123 -> 123), or
# 12 or more digits (General format shows 1.23457E+17, and rounds past 15 digits).
_DIGITS_SHOWN_OTHERWISE = re.compile(r"0[0-9]+|[0-9]{12,}")


def neutralise(value: object) -> object:
    """A text cell of a CSV as a spreadsheet keeps it; other values unchanged.

    Text it would run as a formula gets a leading apostrophe (any text: a title may be longer than
    the 255 characters of a formula's string). Digits it would turn into a number shown otherwise
    (000123) are written as the formula ="000123", whose value is that text: Excel shows no quote
    there, while an apostrophe stays visible in a CSV; the formula holds nothing but the digits.
    """
    if not isinstance(value, str):
        return value
    if is_dangerous(value.lstrip("'")):  # '=x too, so the ETL's reading of the guard gives '=x back
        return "'" + value
    if _DIGITS_SHOWN_OTHERWISE.fullmatch(value):
        return f'="{value}"'
    return value


def is_dangerous(value: object) -> bool:
    """Text that a spreadsheet would run as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


def localise(batch: pa.RecordBatch | pa.Table, lang: str, yes_no: bool = True, iso_dates: bool = False) -> pd.DataFrame:
    """One batch as a DataFrame with vocabulary codes replaced by labels and headers in `lang`.

    Args:
        yes_no: Write boolean columns as 是/否 (yes/no); Parquet keeps them boolean.
        iso_dates: Dates as ISO text at their precision (2022-09) for tools (Parquet), not as people read them.
    """
    frame = batch.to_pandas()
    if "date_precision" in frame:
        # dates as precisely as they are known (2022年9月, not 2022-09-01); the precision column stays.
        # No date stays missing (a blank XLSX cell, a Parquet null), not an empty text.
        for name in DATE_COLUMNS:
            if name in frame:
                frame[name] = pd.Series(
                    [
                        (iso_date_text(v, p) if iso_dates else date_text(v, p, lang)) or None
                        for v, p in zip(frame[name], frame["date_precision"], strict=True)
                    ],
                    dtype=object,
                )
    # An upload by the name it was uploaded as (not its stored scope-prefixed name), demo rows by their words in
    # `lang` (not the code 'demo'), and a row's place as the Records page writes it ('a.csv 第 3 行').
    if "source" in frame:
        frame["source"] = pd.Series(
            [v if _missing(v) else source_label(v, lang, folder=True) for v in frame["source"]],
            index=frame.index,
            dtype=object,
        )
    if "source_locator" in frame:
        frame["source_locator"] = pd.Series(
            [v if _missing(v) else locator_label(v, lang) for v in frame["source_locator"]],
            index=frame.index,
            dtype=object,
        )
    yes, no = t("yes", lang), t("no", lang)
    booleans = {f.name for f in batch.schema if pa.types.is_boolean(f.type)}
    for name in frame.columns:
        if name in _LABELLED:
            frame[name] = frame[name].map(lambda v, k=name: label(k, v, lang) if isinstance(v, str) else v)
        elif yes_no and name in booleans:
            frame[name] = pd.Series(
                [None if _missing(v) else (yes if v else no) for v in frame[name]], index=frame.index, dtype=object
            )
    return frame.rename(columns={c: col(c, lang) for c in frame.columns})


def _safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for name in out.columns:
        if not (pd.api.types.is_numeric_dtype(out[name]) or pd.api.types.is_bool_dtype(out[name])):
            out[name] = out[name].map(neutralise)
    out.columns = [neutralise(str(c)) for c in out.columns]
    return out


def write_csv(batches: Iterable[pa.RecordBatch], out: io.BufferedIOBase, lang: str) -> int:
    """Write the batches as CSV, UTF-8 with BOM so Excel detects the encoding.

    Returns:
        The number of data rows written.
    """
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="")
    writer = csv.writer(text)
    rows = 0
    header_done = False
    for batch in batches:
        frame = _safe_frame(localise(batch, lang))
        if not header_done:
            writer.writerow(frame.columns)
            header_done = True
        for record in frame.itertuples(index=False, name=None):
            writer.writerow(["" if _missing(v) else _plain(v) for v in record])
        rows += len(frame)
    text.flush()
    text.detach()  # leave `out` open for the caller
    return rows


def write_xlsx(batches: Iterable[pa.RecordBatch], out: io.BufferedIOBase, lang: str, sheet: str | None = None) -> int:
    """Write the batches as one XLSX sheet; numbers as numbers, text never as formulas or links.

    Returns:
        The number of data rows written.
    """
    wb = xlsxwriter.Workbook(
        out,
        {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False, "constant_memory": True},
    )
    ws = wb.add_worksheet(sheet or t("page_records", lang))  # the sheet's tab in the file's language (明细)
    date_fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
    # A date known to the day is an Excel date shown as the other formats write it (2022年9月14日 / 14 Sep
    # 2022), so the column sorts and filters as dates; a month or a year stays text (no made-up first day).
    day_fmt = wb.add_format({"num_format": 'yyyy"年"m"月"d"日"' if lang == "zh" else "d mmm yyyy"})
    bold = wb.add_format({"bold": True})
    quoted = wb.add_format({"quote_prefix": True})  # shown as typed, never evaluated
    quoted_bold = wb.add_format({"quote_prefix": True, "bold": True})
    r = 0
    ncols = 0
    for batch in batches:
        days = _day_dates(batch)
        frame = localise(batch, lang)
        if r == 0:
            ncols = len(frame.columns)
            for c, name in enumerate(frame.columns):
                ws.write_string(0, c, str(name), quoted_bold if is_dangerous(str(name)) else bold)
            # Widths from the header and the first batch (constant_memory writes rows as they come).
            for c, width in enumerate(column_widths(frame)):
                ws.set_column(c, c, width)
            ws.freeze_panes(1, 0)
            r = 1
        for i, record in enumerate(frame.itertuples(index=False, name=None)):
            for c, v in enumerate(record):
                if _missing(v):
                    continue
                if c in days and days[c][i] is not None:
                    ws.write_datetime(r, c, days[c][i], day_fmt)
                elif isinstance(v, bool):
                    ws.write_boolean(r, c, v)
                elif isinstance(v, (int, float)):
                    ws.write_number(r, c, v)
                elif isinstance(v, (dt.date, pd.Timestamp)):
                    ws.write_datetime(r, c, pd.Timestamp(v).to_pydatetime(), date_fmt)
                else:
                    text = str(v)
                    ws.write_string(r, c, text, quoted if is_dangerous(text) else None)
            r += 1
    if r == 0:  # empty selection: still write the header the caller expects
        ws.write_string(0, 0, "")
    elif ncols:
        ws.autofilter(0, 0, max(r - 1, 1), ncols - 1)
    wb.close()
    return max(r - 1, 0)


def _day_dates(batch: pa.RecordBatch | pa.Table) -> dict[int, list[dt.datetime | None]]:
    """Column position -> per row, the date of a date column when it is known to the day (else None)."""
    names = batch.schema.names
    if "date_precision" not in names:
        return {}
    precision = batch.column(names.index("date_precision")).to_pylist()
    out = {}
    for name in DATE_COLUMNS:
        if name in names:
            values = batch.column(names.index(name)).to_pylist()
            out[names.index(name)] = [
                dt.datetime(v.year, v.month, v.day) if v is not None and p in (None, "day") else None
                for v, p in zip(values, precision, strict=True)
            ]
    return out


MIN_WIDTH, MAX_WIDTH = 6, 60  # Excel column widths, in characters


def display_width(text: object) -> int:
    """Width of a cell's text in Excel's character units: CJK and full-width characters count two."""
    s = "" if _missing(text) else str(_plain(text))
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in s)


def column_widths(frame: pd.DataFrame, sample: int = 500) -> list[float]:
    """A width per column: the widest of its header and its first `sample` values, within limits."""
    widths = []
    for name in frame.columns:
        values = frame[name].head(sample)
        widest = max([display_width(name)] + [display_width(v) for v in values])
        widths.append(float(min(max(widest + 2, MIN_WIDTH), MAX_WIDTH)))
    return widths


def write_parquet(batches: Iterable[pa.RecordBatch], out: io.BufferedIOBase, lang: str) -> int:
    """Write the batches as Parquet (labels and headers in `lang`, dates as ISO text at their precision; values
    unmodified otherwise).

    Returns:
        The number of data rows written.
    """
    writer: pq.ParquetWriter | None = None
    rows = 0
    for batch in batches:
        # dates as ISO text at their precision (2022-09-14 / 2022-09 / 2022): a tool sorts and parses them, where
        # 2022年10月1日 sorted before 2022年9月1日 (audit17 #9); no first day of a month is made up
        table = pa.Table.from_pandas(localise(batch, lang, yes_no=False, iso_dates=True), preserve_index=False)
        # pandas reads an integer column with a missing value as floats (参与人数 210.0): its own type back
        for field in batch.schema:
            if pa.types.is_integer(field.type):
                i = table.schema.get_field_index(col(field.name, lang))
                table = table.set_column(i, table.field(i).with_type(field.type), table.column(i).cast(field.type))
        if writer is None:
            writer = pq.ParquetWriter(out, table.schema)
        writer.write_table(table.cast(writer.schema))
        rows += table.num_rows
    if writer is None:
        raise ValueError("write_parquet: the selection is empty; a Parquet file needs at least one batch")
    writer.close()
    return rows


WRITERS = {"csv": write_csv, "xlsx": write_xlsx, "parquet": write_parquet}


STEM_CHARS = 60  # of the selection's words in a file name: 60 CJK characters are 180 of the 255 bytes a name may hold


def file_name(selection: str, version: str, fmt: str, lang: str) -> str:
    """'质量月活动明细（2024 · 上海市 · 含演示数据）_20261207T190912-4168.csv': the selection's words (the line under
    each heading, ``Filters.describe``), so two downloads of two selections are told apart, and the data version."""
    what = selection if len(selection) <= STEM_CHARS else selection[: STEM_CHARS - 1] + "…"
    return f"{file_stem(t('records_file', lang, what=what), 'records')}_{file_stem(version, 'data')}.{fmt}"


def export_bytes(batches: Iterator[pa.RecordBatch] | Iterable[pa.RecordBatch], fmt: str, lang: str) -> bytes:
    """Run one writer into memory and return the file's bytes (for a download button)."""
    if fmt not in WRITERS:
        raise ValueError(f"unknown export format {fmt!r}; expected one of {sorted(WRITERS)}")
    buf = io.BytesIO()
    WRITERS[fmt](batches, buf, lang)
    return buf.getvalue()


def _missing(v: object) -> bool:
    if v is None or v is pd.NA or v is pd.NaT:
        return True
    return isinstance(v, float) and v != v


def _plain(v: object) -> object:
    if isinstance(v, pd.Timestamp):
        return v.date().isoformat() if v == v.normalize() else v.isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v
