"""Stage a run's sources: extract -> normalize -> validate, into the run tables of one connection.

`stage_sources` reads every source into `run_accepted` / `run_rejects` (see etl.validate) and
returns one `SourceFileRow` per source; `etl.load` then writes them, `etl.publish` wraps it all
in the staging-copy protocol.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa

from domain.record import RECORD_COLUMNS, ActivityRecord
from etl.extract import SUPPORTED_SUFFIXES, kind_of
from etl.extract.tabular import ExtractError, RawTable, drop_raw, read_arrow, read_tabular
from etl.load import SourceFileRow
from etl.normalize import CONTENT_HASH_SQL, normalize_part, preload_gazetteer
from etl.validate import (
    PartResult,
    create_run_tables,
    reason_columns,
    refresh_accepted,
    schema_problem,
    validate_part,
)

DEMO_SOURCE = "demo"
# The lazy first-load path (see stage_sources). A switch only so that tests can run the general
# path on the same input and compare the two row by row.
LAZY_FIRST_LOAD = True


@dataclass(frozen=True)
class Source:
    """One input of a run: a file, or the demo generator (path None)."""

    name: str
    kind: str
    path: Path | None = None


def collect_sources(paths: Iterable[Path]) -> tuple[list[Source], list[tuple[Path, str]]]:
    """Expand files and directories (recursively, sorted) into sources.

    Files whose name, or any directory below the given one, starts with "." are left out, as are
    Office lock files (~$name).

    Args:
        paths: Files or directories.

    Returns:
        (sources, skipped) where skipped lists (path, reason) for files the ETL does not read.

    Raises:
        FileNotFoundError: A given path does not exist (names it).
    """
    sources: list[Source] = []
    skipped: list[tuple[Path, str]] = []
    for p in paths:
        p = Path(p)
        if not p.exists():
            raise FileNotFoundError(f"{p}: no such file or directory")
        files = sorted(f for f in p.rglob("*") if f.is_file()) if p.is_dir() else [p]
        for f in files:
            hidden = f.relative_to(p).parts if p.is_dir() else (f.name,)
            if any(part.startswith(".") for part in hidden) or "~$" in f.name:
                # Dotfiles, dot-directories (uploads are staged in .upload-staging before they are
                # checked) and Office lock files are not data.
                continue
            kind = kind_of(f)
            if kind is None:
                skipped.append((f, f"unsupported file type {f.suffix or '(none)'} "
                                   f"(reads {', '.join(sorted(SUPPORTED_SUFFIXES))})"))
            else:
                sources.append(Source(f.name, kind, f))
    return sources, skipped


def file_sha1(path: Path) -> str:
    """SHA-1 of a file's bytes (hashlib releases the GIL, so this overlaps with DuckDB's parsing)."""
    h = hashlib.sha1()  # a fingerprint, not security
    with open(path, "rb") as fh:
        while chunk := fh.read(8 << 20):
            h.update(chunk)
    return h.hexdigest()


def _unreadable(con: duckdb.DuckDBPyConnection, src: Source, sha1: str | None, reason: str,
                seq: int) -> SourceFileRow:
    con.execute("INSERT INTO run_rejects VALUES (?, NULL, ?, NULL, ?)", [src.name, reason, seq * 10_000_000_000])
    return SourceFileRow(src.name, src.kind, sha1, 0, 0, 0, "unreadable", reason)


def _stage_tabular(con: duckdb.DuckDBPyConnection, src: Source, seq: int, sha1: str | None,
                   extracted_parts: list[RawTable], notes: list[str], synthetic: bool,
                   norms: list[str], only_source: bool = False) -> SourceFileRow:
    totals = PartResult(0, 0, 0, 0)
    messages = list(notes)
    usable = []
    for part in extracted_parts:
        problem = schema_problem(part)
        if problem:
            messages.append(problem)
        else:
            usable.append(part)
    if not usable:
        reason = "; ".join(m for m in messages if "no region column" in m or "no date column" in m) or \
            "no sheet with a header row"
        for part in extracted_parts:
            drop_raw(con, part)
        return _unreadable(con, src, sha1, f"{src.name}: {reason}", seq)
    skipped = []
    # The one part of a run's only source is normalized lazily (a view the load reads): its rows
    # are then written once, into `activities`, instead of into a normalized copy first.
    lazy = only_source and len(usable) == 1 and not norms
    checks = reason_columns()
    for i, part in enumerate(usable):
        norm = f"{part.table}_n"
        normalize_part(con, part, src.name, norm, synthetic=synthetic, extra=checks, lazy=lazy)
        r = validate_part(con, norm, part, src.name, seq * 100 + i, lazy=lazy, reason=checks["_reason"])
        norms.append(norm)
        refresh_accepted(con, norms, clean=(norm,) if lazy and not r.rejected and not r.duplicates else ())
        totals = PartResult(totals.read + r.read, totals.accepted + r.accepted, totals.rejected + r.rejected,
                            totals.duplicates + r.duplicates)
        skipped += part.skipped
        if part.unknown:
            where = f"sheet {part.sheet!r}: " if part.sheet else ""
            messages.append(f"{where}ignored columns: {', '.join(part.unknown)}")
    for part in extracted_parts:
        if not lazy:  # a lazy view reads its raw table until the load is done
            drop_raw(con, part)
    if skipped:
        messages.append(f"skipped {len(skipped)} totals row(s): {', '.join(loc for loc, _ in skipped[:10])}")
    if totals.duplicates:
        messages.append(f"{totals.duplicates} exact duplicate row(s) folded into their first occurrence")
    status = "ok" if totals.rejected == 0 else "partial"
    return SourceFileRow(src.name, src.kind, sha1, totals.read, totals.accepted, totals.rejected, status,
                         "; ".join(messages) or None)


def _records_table(records: Sequence[ActivityRecord]) -> pa.Table:
    rows = [r.to_row() for r in records]
    cols = {c: [row[i] for row in rows] for i, c in enumerate(RECORD_COLUMNS)}
    types = {"campaign_year": pa.int16(), "start_date": pa.date32(), "end_date": pa.date32(),
             "participants": pa.int64(), "sources": pa.list_(pa.string()), "is_synthetic": pa.bool_()}
    return pa.table({c: pa.array(v, types.get(c, pa.string())) for c, v in cols.items()})


def _stage_bulletins(con: duckdb.DuckDBPyConnection, srcs: list[Source], seq: int,
                     sha1s: dict[str, str | None], norms: list[str]) -> list[SourceFileRow]:
    """Read bulletins, dedupe across them, and validate the records as one part."""
    try:
        from etl import bulletins  # lazily: heavy imports, only for bulletin files
    except ImportError as exc:
        return [_unreadable(con, s, sha1s.get(s.name), f"{s.name}: bulletin reader unavailable ({exc})", seq + i)
                for i, s in enumerate(srcs)]
    rows: list[SourceFileRow] = []
    records: list[ActivityRecord] = []
    per_file: dict[str, tuple[int, int]] = {}
    for i, s in enumerate(srcs):
        try:
            result = bulletins.extract_file(s.path)
        except Exception as exc:  # a broken document must not stop the run
            rows.append(_unreadable(con, s, sha1s.get(s.name), f"{s.name}: cannot read bulletin: {exc}", seq + i))
            continue
        for locator, reason in result.problems:
            con.execute("INSERT INTO run_rejects VALUES (?, ?, ?, NULL, ?)",
                        [s.name, None if locator is None else str(locator), str(reason), (seq + i) * 10_000_000_000])
        # A record the reader reported as a problem (no region and no date) is dropped here so it
        # is rejected once, with the reader's reason.
        reported = {str(loc) for loc, _ in result.problems if loc is not None}
        kept = [r for r in result.records if not (r.adcode is None and r.source_locator in reported)]
        records.extend(kept)
        whole_file = any(loc is None for loc, _ in result.problems) and not result.records
        per_file[s.name] = (len(kept), len(result.problems), whole_file)
    if records:
        merged = bulletins.dedupe(records)
        data = _records_table(merged).append_column("_row", pa.array(range(1, len(merged) + 1), pa.int64()))
        con.register("bulletin_arrow", data)
        con.execute("CREATE OR REPLACE TEMP TABLE bulletin_raw AS SELECT * FROM bulletin_arrow")
        con.unregister("bulletin_arrow")
        con.execute(f"""CREATE OR REPLACE TEMP TABLE bulletin_n AS SELECT _row, coalesce(source_locator, 'record ' || _row)
            AS _loc, * EXCLUDE (_row), {CONTENT_HASH_SQL} AS content_hash,
            CAST(coalesce(year(start_date), campaign_year) AS SMALLINT) AS year,
            CAST(CASE WHEN date_precision IN ('day', 'month') THEN month(start_date) END AS TINYINT) AS month,
            CAST(NULL AS VARCHAR) AS _e_region,  -- region-less bulletin records load (region not stated)
            CAST(NULL AS VARCHAR) AS _e_date, CAST(NULL AS VARCHAR) AS _e_part, CAST(NULL AS VARCHAR) AS _e_type,
            CAST(NULL AS VARCHAR) AS _e_raw
            FROM bulletin_raw""")  # noqa: S608
        checks = reason_columns()
        con.execute(f"CREATE OR REPLACE TEMP TABLE bulletin_n AS SELECT *, {checks['_reason']} AS _reason, "  # noqa: S608
                    f"{checks['_dup']} AS _dup FROM bulletin_n")
        part = RawTable("bulletin_raw", {}, list(RECORD_COLUMNS), "record ")
        validate_part(con, "bulletin_n", part, "bulletins", seq + len(srcs))
        norms.append("bulletin_n")
        refresh_accepted(con, norms)
        # The bulletins part is validated as one; attribute its rejects back to each file by source.
        con.execute("UPDATE run_rejects SET source = json_extract_string(raw, '$.source') "
                    "WHERE source = 'bulletins' AND json_extract_string(raw, '$.source') IS NOT NULL")
        con.execute("DROP TABLE IF EXISTS bulletin_raw")
    for s in srcs:
        if s.name not in per_file:
            continue
        n, problems, whole_file = per_file[s.name]
        rejected = con.execute("SELECT count(*) FROM run_rejects WHERE source = ?", [s.name]).fetchall()[0][0]
        status = "unreadable" if whole_file else ("ok" if not rejected else "partial")
        message = None
        if whole_file:
            message = con.execute("SELECT string_agg(reason, '; ') FROM run_rejects WHERE source = ? "
                                  "AND locator IS NULL", [s.name]).fetchall()[0][0]
        read = 0 if whole_file else n + problems
        rows.append(SourceFileRow(s.name, "bulletin", sha1s.get(s.name), read, max(read - rejected, 0), rejected,
                                  status, message))
    return rows


def stage_sources(con: duckdb.DuckDBPyConnection, sources: Sequence[Source],
                  progress: Callable[[str], None] | None = None) -> list[SourceFileRow]:
    """Extract, normalize and validate every source into the run tables.

    A source that cannot be read, or whose staging fails in any way, becomes an 'unreadable'
    file row with one reject (locator NULL) and nothing of it loads; the other sources still load.

    Args:
        con: Connection to the staging copy (schema applied).
        sources: The run's sources, in order.
        progress: Called with each source's name as it finishes (for the progress bar).

    Returns:
        One SourceFileRow per source, in order.
    """
    create_run_tables(con)
    norms: list[str] = []  # normalized tables, kept until the load reads them through run_accepted
    rows: list[SourceFileRow] = []
    bulletin_srcs = [s for s in sources if s.kind == "bulletin"]
    # A run with one structured source into an empty warehouse (a first load, an upload's dry
    # run) may normalize lazily: nothing else in the run can hold a duplicate of its rows, and
    # the load is a plain insert that reads the view once.
    only_source = LAZY_FIRST_LOAD and len(sources) == 1 and not bulletin_srcs and con.execute(
        "SELECT count(*) = 0 FROM (SELECT 1 FROM activities LIMIT 1)").fetchall()[0][0]
    with ThreadPoolExecutor(max_workers=2) as pool:
        # The gazetteer (~0.5 s of Python) loads while DuckDB parses the first file (it releases
        # the GIL); normalizing waits for it.
        gazetteer = pool.submit(preload_gazetteer) if any(s.kind != "bulletin" for s in sources) else None
        for seq, src in enumerate(sources, start=1):
            if src.kind == "bulletin":
                continue
            sha_future = pool.submit(file_sha1, src.path) if src.path is not None else None
            table = f"f{seq}"
            kept = len(norms)
            try:
                if src.kind == DEMO_SOURCE:
                    from etl import synth  # lazily: only for demo runs

                    frame = synth.demo_frame(seed=2025)
                    extracted = read_arrow(con, pa.Table.from_pandas(frame, preserve_index=False), table,
                                           loc_prefix="row ")
                else:
                    extracted = read_tabular(con, src.path, table)
                sha1 = sha_future.result() if sha_future else None
                if gazetteer is not None:
                    gazetteer.result()
                rows.append(_stage_tabular(con, src, seq, sha1, extracted.parts, extracted.notes,
                                           synthetic=src.kind == DEMO_SOURCE, norms=norms,
                                           only_source=only_source))
            except Exception as exc:  # one file, whatever breaks in it, must not stop the run
                # Whatever this file staged (accepted parts of earlier sheets, rejects) is taken
                # back, so the file loads wholly or not at all, like an unreadable one.
                del norms[kept:]
                refresh_accepted(con, norms)
                con.execute("DELETE FROM run_rejects WHERE source = ?", [src.name])
                reason = str(exc) if isinstance(exc, ExtractError) else \
                    f"{src.name}: cannot read ({type(exc).__name__}: {exc})"
                sha1 = None
                if sha_future is not None and sha_future.exception() is None:
                    sha1 = sha_future.result()
                rows.append(_unreadable(con, src, sha1, reason, seq))
            if progress:
                progress(src.name)
    if bulletin_srcs:
        sha1s = {s.name: file_sha1(s.path) for s in bulletin_srcs}
        rows += _stage_bulletins(con, bulletin_srcs, len(sources) + 1, sha1s, norms)
        if progress:
            for s in bulletin_srcs:
                progress(s.name)
    return rows


def stderr_is_tty() -> bool:
    """True when a progress bar would be seen."""
    return sys.stderr.isatty() and os.environ.get("TERM") != "dumb"
