"""The ETL run: extract -> normalize -> validate -> load -> publish.

`run_pipeline` is the one entry point of a run (`python -m etl run`). It takes the run lock,
opens a staging copy (`etl.publish.staging_copy`), stages every source with `stage_sources`
(each stage hands the next a named relation: `RawTable` -> `Normalized` -> `Validated`, and
RUN_ACCEPTED / RUN_REJECTS, see etl.relations), loads them (`etl.load.load_run`), refreshes
what readers see (`etl.publish.refresh_published`) and swaps the copy in.
"""

# ruff: noqa: S608  -- SQL text here is built from the run-table names of etl.relations and the contract's
# column names, never from input; every value is bound.

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa

from domain import config
from domain.messages import LISTED, Message, decode, encode, msg
from domain.record import ActivityRecord
from etl import interrupt
from etl import lock as locking
from etl.extract import SUPPORTED_SUFFIXES, kind_of
from etl.extract.archive import REQUIRED_PARTS, check_archive
from etl.extract.tabular import Extracted, ExtractError, RawTable, drop_raw, read_arrow, read_tabular
from etl.load import LoadCounts, SourceFileRow, load_run, utcnow
from etl.normalize import mapping_table, match_term, normalize_part, normalize_records, preload_gazetteer
from etl.publish import (
    PublishError,
    ResourceFailure,
    is_resource_error,
    new_run_id,
    record_failure,
    refresh_published,
    remove_stale_staging,
    staging_copy,
)
from etl.relations import DUP, LOC, REASON, ROW, RUN_REJECTS, W_PART, quote_literal
from etl.scope import enforce_scope, scope_of
from etl.validate import (
    PartResult,
    Validated,
    add_file_reject,
    create_run_tables,
    drop_source_rejects,
    drop_staged,
    reason_columns,
    refresh_accepted,
    render_reasons,
    schema_problem,
    validate_part,
)

DEMO_SOURCE = "demo"
# Dot-directories the project itself keeps beside data: not data, and not worth a line per run.
QUIET_DIRS = frozenset({".scope"})


@dataclass(frozen=True)
class Source:
    """One input of a run: a file, or the demo generator (path None)."""

    name: str
    kind: str
    path: Path | None = None
    scope: frozenset[str] | None = None  # districts a scoped uploader's file may write (None: unrestricted)
    refused: Message | None = None  # why the file must not load at all (an inbox file without a scope record)
    uploaded: bool = False  # in the upload inbox, where its name is its own (etl.load.withdraw_missing)

    @property
    def key(self) -> str | None:
        """The file as one file on this machine (its records' `source_path`): its resolved path.

        Not its name (two folders may each hold a `统计表.xlsx`), nor its path under the folder a run was given
        (`etl run` on data/sources and `--source data/sources/x.csv` must name the same file, and so must a
        relative and an absolute argument, or a link to it). A file moved keeps its record ids (they hold its
        name) and its records take the new path on their next load. None for the demo generator.
        """
        return str(self.path.resolve()) if self.path is not None else None


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
    skipped: list[tuple[Path, Message | str]] = []
    # Files in the upload inbox load with the scope the Upload page recorded (etl.scope).
    inbox = config.inbox_dir().resolve() if config.inbox_dir().exists() else None
    for p in paths:
        p = Path(p)
        if not p.exists():
            raise FileNotFoundError(f"{p}: no such file or directory")
        files = sorted(f for f in p.rglob("*") if f.is_file()) if p.is_dir() else [p]
        hidden_dirs: set[Path] = set()
        for f in files:
            rel = f.relative_to(p).parts if p.is_dir() else (f.name,)
            # Dot-directories (uploads' scope records, .git...) are not data: each is listed once.
            dot = next((i for i, part in enumerate(rel[:-1]) if part.startswith(".")), None)
            if dot is not None:
                d = p.joinpath(*rel[: dot + 1])
                if d not in hidden_dirs and rel[dot] not in QUIET_DIRS:
                    hidden_dirs.add(d)
                    skipped.append((d, "hidden directory (the name starts with '.'): not read"))
                continue
            if f.name.startswith("."):
                skipped.append((f, "hidden file (the name starts with '.'): not read"))
                continue
            if "~$" in f.name:
                skipped.append((f, "Office lock file (~$): not read"))
                continue
            kind = kind_of(f)
            if kind is None:
                skipped.append(
                    (
                        f,
                        msg(
                            "unsupported_type",
                            suffix=f.suffix or "(none)",
                            supported=", ".join(sorted(SUPPORTED_SUFFIXES)),
                        ),
                    )
                )
            elif inbox is not None and f.resolve().is_relative_to(inbox):
                scope, refused = scope_of(f, inbox)
                sources.append(Source(f.name, kind, f, scope=scope, refused=refused, uploaded=True))
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


def _unreadable(
    con: duckdb.DuckDBPyConnection, src: Source, sha1: str | None, reason: Message | str, seq: int
) -> SourceFileRow:
    """The file row of a file that loads nothing, and its one reject (locator NULL).

    The file counts as one rejected input in both: its line and the run's summary agree.
    """
    reason = reason if isinstance(reason, Message) else msg("text", text=reason)
    add_file_reject(con, src.name, reason, seq)
    return SourceFileRow(src.name, src.kind, sha1, 0, 0, 1, "unreadable", reason.text("en"), messages=encode([reason]))


class _Run:
    """The validated parts of one run, in reading order; RUN_ACCEPTED is the view over them."""

    def __init__(self, con: duckdb.DuckDBPyConnection, run_id: str | None = None) -> None:
        self.con = con
        self.run_id = run_id
        self.parts: list[Validated] = []
        create_run_tables(con)

    def add(self, part: Validated) -> None:
        self.parts.append(part)
        refresh_accepted(self.con, self.parts)

    def take_back(self, keep: int, source: str) -> None:
        """Forget the parts after the first `keep` and every reject of `source` (it failed as a whole)."""
        if any(p.staged for p in self.parts[keep:]):
            drop_staged(self.con)
        del self.parts[keep:]
        refresh_accepted(self.con, self.parts)
        drop_source_rejects(self.con, source)


def _usable_parts(extracted_parts: list[RawTable], messages: list[Message]) -> list[RawTable]:
    usable = []
    for part in extracted_parts:
        problem = schema_problem(part)
        if problem:
            messages.append(problem)
        else:
            usable.append(part)
    return usable


def _stage_tabular(
    run: _Run, src: Source, seq: int, sha1: Callable[[], str | None], extracted: Extracted, synthetic: bool
) -> SourceFileRow:
    """Normalize and validate every sheet of one file; `sha1` gives the file's fingerprint when asked
    (it is computed in a thread while DuckDB reads the file)."""
    con = run.con
    messages: list[Message] = [n if isinstance(n, Message) else msg("text", text=str(n)) for n in extracted.notes]
    usable = _usable_parts(extracted.parts, messages)
    if not usable:
        problems = [
            m
            for m in messages
            if m.code in ("no_region_column", "no_date_column", "no_region_date_column") or m.code == "in_sheet"
        ]
        inner = (
            problems[0]
            if len(problems) == 1
            else (msg("text", text="; ".join(p.text("en") for p in problems)) if problems else msg("no_header_sheet"))
        )
        for part in extracted.parts:
            drop_raw(con, part)
        return _unreadable(con, src, sha1(), msg("in_file", file=src.name, inner=inner), seq)
    totals = PartResult(0, 0, 0, 0)
    skipped = []
    unknown_counts: list[str] = []
    unread: dict[str, list[str]] = {"organizer_type": [], "industry": [], "campaign": []}
    duplicate_rows: list[str] = []
    checks = reason_columns()
    for i, part in enumerate(usable):
        norm = normalize_part(con, part, src.name, f"{part.table}_n", synthetic=synthetic, extra=checks, path=src.key)
        for column, cells in _unread_codes(con, norm).items():
            unread[column] += [v for v in cells if v not in unread[column]]
        if src.scope is not None:  # a scoped upload: rows it may not write are rejected (etl.scope)
            norm.materialize(con)
            enforce_scope(con, norm.name, src.scope)
        validated = validate_part(con, norm, src.name, seq * 100 + i, reason=checks[REASON], run_id=run.run_id)
        run.add(validated)
        r = validated.result
        totals = PartResult(
            totals.read + r.read,
            totals.accepted + r.accepted,
            totals.rejected + r.rejected,
            totals.duplicates + r.duplicates,
        )
        skipped += part.skipped
        unknown_counts += _unknown_counts(con, validated)
        duplicate_rows += _duplicate_rows(con, validated, LISTED - len(duplicate_rows))
        if part.unknown:
            messages.append(
                msg("sheet_ignored_columns", sheet=part.sheet, columns=", ".join(part.unknown))
                if part.sheet
                else msg("ignored_columns", columns=", ".join(part.unknown))
            )
        if not validated.lazy:  # a lazy part's view reads its raw table until the load is done
            drop_raw(con, part)
    for part in extracted.parts:
        if part not in usable:
            drop_raw(con, part)
    if skipped:
        messages.append(msg("totals_skipped", n=len(skipped), locs=[loc for loc, _ in skipped[:LISTED]]))
    if totals.duplicates:
        messages.append(msg("duplicates_folded_rows", n=totals.duplicates, locs=duplicate_rows[:LISTED]))
    if unknown_counts:
        messages.append(msg("counts_unknown", n=len(unknown_counts), locs=unknown_counts[:LISTED]))
    for column, code in (
        ("organizer_type", "organizer_types_unknown"),
        ("industry", "industries_unknown"),
        ("campaign", "campaigns_unknown"),
    ):
        if unread[column]:
            messages.append(msg(code, n=len(unread[column]), values=unread[column][:LISTED]))
    status = "ok" if totals.rejected == 0 else "partial"
    return SourceFileRow(
        src.name,
        src.kind,
        sha1(),
        totals.read,
        totals.accepted,
        totals.rejected,
        status,
        "; ".join(m.text("en") for m in messages) or None,
        duplicates=totals.duplicates,
        messages=encode(messages),
        unread_parts=tuple(f"{src.name} {part.loc_prefix}" for part in extracted.parts if part not in usable),
        uploaded=src.uploaded,
        path=src.key,
    )


# The mappings' key cells that name a code of a list (etl.normalize._MAPPINGS: the organiser mapping's k0 type and
# k1 industry, the campaign mapping's k0) -> (mapping, key, code column, the code a cell no term matches loads as).
_LISTED_KEYS = (
    ("org", "k0", "organizer_type", "unknown"),
    ("org", "k1", "industry", "unknown"),
    ("campaign", "k0", "campaign", "other"),
)


def _unread_codes(con: duckdb.DuckDBPyConnection, norm) -> dict[str, list[str]]:
    """Organiser-type, industry and campaign cells of a part that no code of the list matches (they load as 未注明 /
    unknown, a campaign as 其他 / other): column -> its distinct cells.

    Read from the part's mappings (one row per distinct key) before validation drops them; a streamed file's
    mapping holds the keys of its first rows (etl.normalize.PREFIX_ROWS).
    """
    out: dict[str, list[str]] = {}
    for name, key, column, fallback in _LISTED_KEYS:
        table = mapping_table(norm.part, name)
        if table not in norm.mapped:
            continue
        cells = con.execute(
            f"SELECT DISTINCT trim({key}) FROM {table} WHERE {column} = '{fallback}' "
            f"AND nullif(trim({key}), '') IS NOT NULL ORDER BY 1 LIMIT 20"
        ).fetchall()
        # not a word of that code itself (未注明, 其他)
        out[column] = [c for (c,) in cells if match_term(column, c) is None]
    return out


def _duplicate_rows(con: duckdb.DuckDBPyConnection, validated: Validated, room: int) -> list[str]:
    """Locators of the first `room` rows of a part folded into an identical earlier row (etl.validate's DUP);
    the part is read only when it folded any."""
    if not validated.result.duplicates or room <= 0:
        return []
    name = validated.normalized.name
    return [
        r[0] for r in con.execute(f"SELECT {LOC} FROM {name} WHERE {DUP} ORDER BY {ROW} LIMIT {int(room)}").fetchall()
    ]


def _unknown_counts(con: duckdb.DuckDBPyConnection, validated: Validated) -> list[str]:
    """Locators of the accepted rows of a part whose participant count was no number (loaded as unknown).

    The part's participant mapping (one row per distinct cell) says first whether any cell was
    such, so a lazy view is only scanned when one was.
    """
    if validated.unknown_counts is not None:
        return validated.unknown_counts
    norm = validated.normalized
    if "participants" not in norm.part.columns:
        return []
    table = mapping_table(norm.part, "part")
    if (
        not norm.materialized
        and table in norm.mapped
        and not con.execute(f"SELECT count(*) FROM {table} WHERE w_part IS NOT NULL").fetchall()[0][0]
    ):
        return []
    return [
        r[0]
        for r in con.execute(
            f"SELECT {LOC} FROM {norm.name} WHERE {W_PART} IS NOT NULL AND {REASON} IS NULL AND NOT {DUP} "
            f"ORDER BY {ROW}"
        ).fetchall()
    ]


def _read_bulletins(
    con: duckdb.DuckDBPyConnection, bulletins, srcs: list[Source], seq: int, sha1s: dict[str, str | None]
) -> tuple[list[SourceFileRow], list[ActivityRecord], dict]:
    """Extract every bulletin: (unreadable-file rows, records kept, per file (kept, problems, whole file failed))."""
    rows: list[SourceFileRow] = []
    records: list[ActivityRecord] = []
    per_file: dict[str, tuple[int, int, bool]] = {}
    for i, s in enumerate(srcs):
        try:
            if s.refused:
                raise ExtractError(s.refused.text("en"), s.refused)
            if s.path.suffix.lower() in REQUIRED_PARTS:
                check_archive(s.name, s.path, s.path.suffix.lower())  # the one archive guard, before python-docx
            result = bulletins.extract_file(s.path)
        except ExtractError as exc:
            rows.append(_unreadable(con, s, sha1s.get(s.name), exc.message, seq + i))
            continue
        except Exception as exc:  # a broken document must not stop the run (a stop asked meanwhile does)
            interrupt.check()
            rows.append(
                _unreadable(
                    con,
                    s,
                    sha1s.get(s.name),
                    msg("in_file", file=s.name, inner=msg("bulletin_unreadable", detail=str(exc))),
                    seq + i,
                )
            )
            continue
        for locator, reason in result.problems:
            add_file_reject(
                con,
                s.name,
                reason if isinstance(reason, Message) else msg("text", text=str(reason)),
                seq + i,
                None if locator is None else str(locator),
            )
        # An activity with neither place nor date is not among the reader's records, only among its
        # problems: it is rejected once, with the reader's reason.
        kept = result.records
        records.extend(kept)
        whole_file = any(loc is None for loc, _ in result.problems) and not result.records
        per_file[s.name] = (len(kept), len(result.problems), whole_file)
    return rows, records, per_file


def _stage_bulletins(run: _Run, srcs: list[Source], seq: int, sha1s: dict[str, str | None]) -> list[SourceFileRow]:
    """Read bulletins, dedupe across them, and normalize and validate the records as one part."""
    con = run.con
    try:
        from etl import bulletins  # lazily: heavy imports, only for bulletin files
    except ImportError as exc:
        return [
            _unreadable(
                con,
                s,
                sha1s.get(s.name),
                msg("in_file", file=s.name, inner=msg("bulletin_unreadable", detail=str(exc))),
                seq + i,
            )
            for i, s in enumerate(srcs)
        ]
    rows, records, per_file = _read_bulletins(con, bulletins, srcs, seq, sha1s)
    folded = 0
    if records:
        merged = bulletins.dedupe(records)
        folded = len(records) - len(merged)  # the same event in several bulletins: one record
        norm = normalize_records(con, merged, "bulletin_n", extra=reason_columns())
        for s in srcs:
            if s.scope is not None:  # a scoped upload: its records it may not write are rejected (etl.scope)
                norm.materialize(con)
                enforce_scope(con, norm.name, s.scope, where=f"list_contains(sources, {quote_literal(s.name)})")
        run.add(validate_part(con, norm, "bulletins", seq + len(srcs)))
        # The bulletins part is validated as one; attribute its rejects back to each file by source.
        con.execute(
            f"UPDATE {RUN_REJECTS} SET source = json_extract_string(raw, '$.source') "
            "WHERE source = 'bulletins' AND json_extract_string(raw, '$.source') IS NOT NULL"
        )
        drop_raw(con, norm.part)
    for s in srcs:
        if s.name not in per_file:
            continue
        n, problems, whole_file = per_file[s.name]
        rejected = con.execute(
            f"SELECT count(*) FROM {RUN_REJECTS} WHERE source = ?",
            [s.name],
        ).fetchall()[0][0]
        status = "unreadable" if whole_file else ("ok" if not rejected else "partial")
        message = messages = None
        if whole_file:
            found = con.execute(
                f"SELECT reason, reasons FROM {RUN_REJECTS} WHERE source = ? AND locator IS NULL ORDER BY seq",
                [s.name],
            ).fetchall()
            message = "; ".join(r for r, _ in found) or None
            messages = json.dumps([m for _, j in found for m in decode(j)], ensure_ascii=False) if found else None
        read = 0 if whole_file else n + problems
        rows.append(
            SourceFileRow(
                s.name,
                "bulletin",
                sha1s.get(s.name),
                read,
                max(read - rejected, 0),
                rejected,
                status,
                message,
                duplicates=folded,
                messages=messages,
            )
        )
        folded = 0  # attributed to the first file
    return rows


def _extract(con: duckdb.DuckDBPyConnection, src: Source, table: str, stream: bool = True) -> Extracted:
    if src.kind == DEMO_SOURCE:
        from etl import synth  # lazily: only for demo runs

        frame = synth.demo_frame(seed=2025)
        return read_arrow(con, pa.Table.from_pandas(frame, preserve_index=False), table, loc_prefix="row ")
    return read_tabular(con, src.path, table, stream=stream)


def _stage_file(run: _Run, src: Source, seq: int, sha1: Callable[[], str | None]) -> SourceFileRow:
    """Extract one tabular file and stage its parts.

    A streamed part (read from the file where it is used) meets the file's problems late: when
    DuckDB's reader refuses the file there, what was staged is taken back and the file is read
    again the way that writes its cells first (and falls back to the Python reader).
    """
    kept = len(run.parts)
    extracted = _extract(run.con, src, f"f{seq}")
    try:
        return _stage_tabular(run, src, seq, sha1, extracted, synthetic=src.kind == DEMO_SOURCE)
    except duckdb.Error as exc:
        if is_resource_error(exc) or not any(p.streamed or p.scan for p in extracted.parts):
            raise
        run.take_back(kept, src.name)
        for part in extracted.parts:
            drop_raw(run.con, part)
        extracted = _extract(run.con, src, f"f{seq}", stream=False)
        return _stage_tabular(run, src, seq, sha1, extracted, synthetic=src.kind == DEMO_SOURCE)


def stage_sources(
    con: duckdb.DuckDBPyConnection,
    sources: Sequence[Source],
    progress: Callable[[str], None] | None = None,
    run_id: str | None = None,
) -> list[SourceFileRow]:
    """Extract, normalize and validate every source into the run tables (RUN_ACCEPTED, RUN_REJECTS).

    A source that cannot be read, or whose staging fails in any way, becomes an 'unreadable'
    file row with one reject (locator NULL) and nothing of it loads; the other sources still load.

    Args:
        con: Connection to the staging copy (schema applied).
        sources: The run's sources, in order.
        progress: Called with each source's name as it finishes (for the progress bar).
        run_id: The run's id; a first load's rows are then written once, already stamped with it
            (etl.validate). None: every part is staged for the load to write.

    Returns:
        One SourceFileRow per source, in order.
    """
    run = _Run(con, run_id)
    rows: list[SourceFileRow] = []
    bulletin_srcs = [s for s in sources if s.kind == "bulletin"]
    with ThreadPoolExecutor(max_workers=2) as pool:
        # The gazetteer (~0.5 s of Python) loads while DuckDB parses the first file (it releases
        # the GIL); normalizing waits for it.
        gazetteer = pool.submit(preload_gazetteer) if any(s.kind != "bulletin" for s in sources) else None
        for seq, src in enumerate(sources, start=1):
            if src.kind == "bulletin":
                continue
            sha_future = pool.submit(file_sha1, src.path) if src.path is not None else None
            kept = len(run.parts)
            try:
                if src.refused:
                    raise ExtractError(src.refused.text("en"), src.refused)
                if gazetteer is not None:
                    gazetteer.result()
                rows.append(_stage_file(run, src, seq, lambda f=sha_future: f.result() if f else None))
            except Exception as exc:  # one file, whatever breaks in it, must not stop the run...
                interrupt.check()  # ...unless it broke because the run is being stopped (Ctrl-C, SIGTERM)
                if is_resource_error(exc):
                    # ...but running out of memory, disk or the engine is not the file's fault: the
                    # whole run fails (nothing is published) instead of calling its rows rejects.
                    raise ResourceFailure(
                        f"{src.name}: the ETL ran out of a resource while reading it ({type(exc).__name__}: {exc})"
                    ) from exc
                # Whatever this file staged (accepted parts of earlier sheets, rejects) is taken
                # back, so the file loads wholly or not at all, like an unreadable one.
                run.take_back(kept, src.name)
                reason = (
                    exc.message
                    if isinstance(exc, ExtractError)
                    else msg("in_file", file=src.name, inner=msg("cannot_read", detail=f"{type(exc).__name__}: {exc}"))
                )
                sha1 = None
                if sha_future is not None and sha_future.exception() is None:
                    sha1 = sha_future.result()
                rows.append(_unreadable(con, src, sha1, reason, seq))
            if progress:
                progress(src.name)
    if bulletin_srcs:
        sha1s = {s.name: file_sha1(s.path) for s in bulletin_srcs}
        rows += _stage_bulletins(run, bulletin_srcs, len(sources) + 1, sha1s)
        if progress:
            for s in bulletin_srcs:
                progress(s.name)
    render_reasons(con)
    return rows


def stderr_is_tty() -> bool:
    """True when a progress bar would be seen."""
    return sys.stderr.isatty() and os.environ.get("TERM") != "dumb"


@dataclass
class RunSummary:
    """Outcome of one `python -m etl run`."""

    run_id: str
    db_path: Path
    status: str  # success / no_changes / failed
    files: list[SourceFileRow] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    rows_read: int = 0
    counts: LoadCounts = LoadCounts(0, 0, 0)
    rows_rejected: int = 0
    rows_rejected_rows: int = 0  # rejects of a row (not of a whole file)
    published: bool = False
    seconds: float = 0.0
    message: str | None = None
    # (reason code, rejected rows, one example in English with its place), most frequent first
    top_reasons: list[tuple[str, int, str]] = field(default_factory=list)

    @property
    def unaccounted(self) -> int:
        """Input rows neither loaded (added, updated, unchanged or folded into an identical row) nor rejected.

        Counted from both ends of the run: the rows the readers handed on against what the load
        wrote and the rejects it recorded. Always 0 unless a stage drops rows it should not.
        """
        folded = sum(f.duplicates for f in self.files)
        loaded = self.counts.added + self.counts.updated + self.counts.unchanged
        return max(self.rows_read - loaded - folded - self.rows_rejected_rows, 0)

    def line(self) -> str:
        """The one-line summary printed at the end of a run."""
        n_files = sum(1 for f in self.files if f.kind != DEMO_SOURCE)
        demo = " + demo" if any(f.kind == DEMO_SOURCE for f in self.files) else ""
        tail = "published" if self.published else "NOT published"
        return (
            f"run {self.run_id}: {n_files:,} file{'s' if n_files != 1 else ''}{demo}, "
            f"{self.rows_read:,} read, {self.counts.added:,} added, {self.counts.updated:,} updated, "
            f"{self.counts.unchanged:,} unchanged, {self.rows_rejected:,} rejected, {self.unaccounted:,} unaccounted"
            + (f", {self.counts.removed:,} demo rows removed" if self.counts.removed else "")
            + (f", {self.counts.withdrawn:,} removed (no longer in their file)" if self.counts.withdrawn else "")
            + f" -> {self.db_path} ({tail})"
        )


def run_pipeline(
    sources: Sequence[Path] | None,
    db_path: Path,
    demo: bool,
    progress: bool = False,
    run_id: str | None = None,
    lake: Path | None = None,
    drop_demo: bool = False,
) -> RunSummary:
    """Run the whole ETL for `sources` and publish the result to `db_path`.

    extract -> normalize -> validate (`stage_sources`) -> load (`etl.load.load_run`) -> publish
    (`etl.publish`: roll-ups, meta, atomic swap), all in a staging copy under the run lock.

    Args:
        sources: Files or directories; None or empty for none (demo only).
        db_path: The published warehouse file (created when missing).
        demo: Add the demo generator's rows (is_synthetic) as a source named 'demo'.
        progress: Show a tqdm bar on stderr.
        run_id: Fixed run id (tests); generated otherwise.
        lake: Also publish the tables as a Parquet lake there (domain/lake.py); default $QM_LAKE
            (unset: the DuckDB file only).
        drop_demo: Delete every demo row (is_synthetic) already in the warehouse, in the run's
            transaction (`python -m etl run --no-demo`); ignored when `demo` adds them.

    Returns:
        The run summary (published=True).

    Raises:
        etl.lock.LockHeld: Another run holds the lock.
        PublishError: The run failed; the message names the file or stage. `db_path` is untouched
            and the failure is recorded in its etl_runs (best effort).
    """
    db_path = Path(db_path)
    run_id = run_id or new_run_id()
    started = utcnow()
    t0 = time.perf_counter()
    db_path.parent.mkdir(parents=True, exist_ok=True)
    with locking.exclusive(db_path, run_id):
        # Every run stages under the lock, so with the lock held no staging copy is in use: one
        # left now is from a killed run (SIGKILL skips the cleanup) and only wastes disk.
        remove_stale_staging(db_path, max_age=None)
        try:
            srcs, skipped = collect_sources(sources or [])
        except FileNotFoundError as exc:
            record_failure(db_path, run_id, started, str(exc))
            raise PublishError(str(exc)) from exc
        if demo:
            srcs.append(Source(DEMO_SOURCE, DEMO_SOURCE))
        bar = None
        if progress:
            from tqdm import tqdm

            bar = tqdm(total=len(srcs) + 1, file=sys.stderr, unit="file", desc="etl", leave=False)
        try:
            names = ", ".join(s.name for s in srcs[:5]) + (f" and {len(srcs) - 5} more" if len(srcs) > 5 else "")
            with staging_copy(db_path, run_id, started, what=names, lake=lake) as con:
                files = stage_sources(
                    con,
                    srcs,
                    progress=(lambda name: (bar.set_postfix_str(name), bar.update())) if bar else None,
                    run_id=run_id,
                )
                if bar:
                    bar.set_postfix_str("loading")
                rows_read = sum(f.rows_read for f in files)
                notes = [
                    msg(
                        "file_skipped",
                        file=p.name,
                        inner=why if isinstance(why, Message) else msg("text", text=str(why)),
                    )
                    for p, why in skipped
                ]
                message = "; ".join(m.text("en") for m in notes) or None
                counts, files = load_run(
                    con,
                    run_id=run_id,
                    started_at=started,
                    files=files,
                    rows_read=rows_read,
                    message=message,
                    messages=encode(notes),
                    drop_demo=drop_demo and not demo,
                )
                rejected, rejected_rows = con.execute(
                    "SELECT count(*), count(locator) FROM rejects WHERE run_id = ?", [run_id]
                ).fetchall()[0]
                top = top_reasons(con, run_id) if rejected else []
                if bar:
                    bar.set_postfix_str("publishing")
                refresh_published(con, run_id)
            if bar:
                bar.update()
        finally:
            if bar:
                bar.close()
    status = "success" if counts.added + counts.updated + counts.removed + counts.withdrawn else "no_changes"
    return RunSummary(
        run_id=run_id,
        db_path=db_path,
        status=status,
        files=files,
        skipped=skipped,
        rows_read=rows_read,
        counts=counts,
        rows_rejected=rejected,
        rows_rejected_rows=rejected_rows,
        published=True,
        seconds=time.perf_counter() - t0,
        message=message,
        top_reasons=top,
    )


def top_reasons(con: duckdb.DuckDBPyConnection, run_id: str, limit: int = 5) -> list[tuple[str, int, str]]:
    """The most frequent reject reasons of a run: (code, rows, an example's English text with its place).

    Rows are grouped by reason code, except a whole file's reject (``in_file``): each such file is a line of
    its own, with its own reason (two unreadable files rarely fail for the same reason), listed first: a
    whole file lost outweighs a row.
    """
    return [
        (code or "text", int(n), f"{example} ({where})" if where else example)
        for code, n, example, where in con.execute(
            "SELECT any_value(reason_code), count(*) AS n, arg_min(reason, seq), arg_min(concat_ws(' ', source, "
            "locator), seq) FROM (SELECT *, row_number() OVER () AS seq, CASE WHEN reason_code = 'in_file' "
            "THEN reason ELSE reason_code END AS grp FROM rejects WHERE run_id = ?) "
            "GROUP BY grp ORDER BY bool_or(reason_code = 'in_file') DESC, n DESC, grp LIMIT ?",
            [run_id, limit],
        ).fetchall()
    ]
