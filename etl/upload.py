"""Uploads through the ETL: refuse what is dangerous, dry-run the rest in a child process, store it.

The Upload page calls ``receive`` (the one entry point; ``access.uploads`` adds the permission
check and the audit row). Order:

1. ``check_upload``: size limit, type allow-list (csv, xlsx, txt, html, docx), content matching
   the suffix (an .xlsx/.docx must be an OOXML zip, a text file must not be binary), the one
   archive guard of the ETL (``etl.extract.archive.check_archive``: members, inflated sizes,
   compression ratio, encryption, XML prologs with DTDs forbidden) and, for HTML, nesting depth.
2. The bytes are written under a private staging directory with their final name: the uploader's
   scope, ``__``, then the sanitised original name (``310104__2023年质量月活动.xlsx``). Record ids
   derive from the source file's name, so a corrected re-upload of the same sheet replaces the
   previous file and updates the same records.
3. ``dry_run_isolated``: the ETL's own extract -> normalize -> validate (``etl.pipeline.stage_sources``,
   with the readers' limits and the uploader's scope, ``etl.scope``) into a throw-away in-memory
   DuckDB, **in a child process** with its own resident-memory ceiling (``QM_UPLOAD_CHECK_MEMORY_MB``,
   default 1,024 MB, polled) and time limit
   (``QM_UPLOAD_CHECK_SECONDS``, default 120 s). Whatever a file makes the readers do, the dashboard
   server only waits for the child; a child that runs out of either is killed and the file refused.
4. The file is moved into the inbox with ``os.replace`` (atomic) only when at least one row would
   load and no row is outside the uploader's districts, after its scope record
   (``etl.scope.write_record``) is written: the ETL loads an inbox file only within that scope.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import psutil

from domain import config as domain_config
from domain.messages import Message, msg
from domain.record import locator_sql
from domain.uploads import SEPARATOR, scope_prefix
from etl.extract.archive import REQUIRED_PARTS, check_archive
from etl.extract.tabular import ExtractError
from etl.files import replace_synced, write_synced
from etl.relations import RUN_ACCEPTED, RUN_REJECTS
from etl.scope import prune_records, sha256_of, write_record

ALLOWED_SUFFIXES: dict[str, str] = {
    ".csv": "csv",
    ".xlsx": "xlsx",
    ".txt": "bulletin",
    ".html": "bulletin",
    ".docx": "bulletin",
}
MAX_UPLOAD_BYTES = int(os.environ.get("QM_UPLOAD_MAX_BYTES", 25 * 1024 * 1024))
MAX_NAME_CHARS = 255
MAX_STORED_NAME_BYTES = 200  # filesystems allow 255 bytes; CJK takes 3 bytes a character
MAX_HTML_DEPTH = 500  # real news pages nest a few dozen deep; 10^4+ is an attack on the parser
BINARY_MAGIC = (b"PK\x03\x04", b"%PDF", b"MZ", b"\x7fELF", b"\xd0\xcf\x11\xe0", b"\x1f\x8b", b"Rar!", b"7z\xbc\xaf")
PREVIEW_COLUMNS = (
    "source_locator",
    "district_adcode",
    "district",
    "start_date",
    "title",
    "activity_type",
    "organizer",
    "participants",
    "participants_unit",
    "participants_qualifier",
    "record_id",
)
STAGING_DIR = ".upload-staging"  # beside the inbox, never in it


def check_memory_mb() -> int:
    """Resident-memory ceiling of the dry-run child (QM_UPLOAD_CHECK_MEMORY_MB, default 1,024)."""
    return int(os.environ.get("QM_UPLOAD_CHECK_MEMORY_MB", "1024"))


def check_seconds() -> float:
    """Time limit of the dry-run child (QM_UPLOAD_CHECK_SECONDS, default 120)."""
    return float(os.environ.get("QM_UPLOAD_CHECK_SECONDS", "120"))


class UploadRefused(ValueError):
    """The file is refused; the message names the file and the reason.

    `notice` is the same as a coded message (domain.messages), shown in the uploader's language.
    """

    def __init__(self, text: str, notice: Message | None = None) -> None:
        super().__init__(text if notice is None else notice.text("en"))
        self.notice = notice or msg("text", text=text)


def _refused(code: str, **params: object) -> UploadRefused:
    return UploadRefused("", msg(code, **params))


def inbox_dir() -> Path:
    """The ETL inbox: $QM_INBOX, default data/inbox (``domain.config.inbox_dir``)."""
    return domain_config.inbox_dir()


def safe_display_name(name: str) -> str:
    """An uploaded name made printable and path-free (for messages and the audit log only)."""
    base = re.split(r"[\\/]", str(name or ""))[-1]
    base = "".join(ch if ch.isprintable() else "?" for ch in base).strip()
    return base[:MAX_NAME_CHARS] or "(unnamed)"


def _check_text(name: str, data: bytes) -> None:
    if data.startswith(BINARY_MAGIC):
        raise _refused("upload_binary", file=name)
    head = data[: 1 << 20]
    utf16 = head.startswith((b"\xff\xfe", b"\xfe\xff"))
    # UTF-16 without a BOM has a NUL in every other byte: text all the same (the ETL detects it).
    even, odd = head[0::2].count(0), head[1::2].count(0)
    utf16 = utf16 or max(even, odd) * 2 >= len(head) * 0.4 and min(even, odd) * 20 < max(even, odd)
    # A stray NUL in one row is the ETL's to remove; many mean binary content.
    nuls = head.count(b"\x00")
    if not utf16 and nuls > max(16, len(head) // 100):
        at = head.index(b"\x00")
        raise _refused("upload_nul", file=name, n=f"{nuls:,}", at=f"{at:,}")


_TAG = re.compile(rb"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>")
_VOID = frozenset(
    {
        b"area",
        b"base",
        b"br",
        b"col",
        b"embed",
        b"hr",
        b"img",
        b"input",
        b"link",
        b"meta",
        b"source",
        b"track",
        b"wbr",
        b"p",
        b"li",
        b"td",
        b"tr",
        b"th",
        b"option",
    }
)


def html_depth(data: bytes) -> int:
    """Deepest element nesting of an HTML document, estimated in one linear pass over its tags.

    Elements that HTML lets authors leave open (p, li, td...) are not counted, so sloppy but
    real pages stay shallow while a page of 10,000 nested divs does not.
    """
    depth = deepest = 0
    for m in _TAG.finditer(data):
        name = m.group(2).lower()
        if name in _VOID or m.group(3):
            continue
        depth = max(depth - 1, 0) if m.group(1) else depth + 1
        deepest = max(deepest, depth)
    return deepest


def check_upload(name: str, data: bytes, max_bytes: int | None = None) -> str:
    """Refuse a file that must not reach the ETL.

    Args:
        name: The name the browser sent (only its suffix matters).
        data: The file's bytes.
        max_bytes: Size limit (default ``MAX_UPLOAD_BYTES``).

    Returns:
        The lower-case suffix ('.csv', '.xlsx', '.txt', '.html' or '.docx').

    Raises:
        UploadRefused: Too big, empty, a type outside the allow-list, or content that does not
            match the type or trips the archive guard.
    """
    shown = safe_display_name(name)
    limit = MAX_UPLOAD_BYTES if max_bytes is None else max_bytes
    suffix = Path(shown).suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        raise _refused(
            "upload_type", file=shown, suffix=suffix or "(none)", allowed=", ".join(sorted(ALLOWED_SUFFIXES))
        )
    if len(data) == 0:
        raise _refused("upload_empty", file=shown)
    if len(data) > limit:
        raise _refused("upload_too_big", file=shown, size=f"{len(data):,}", limit=f"{limit:,}")
    if suffix in REQUIRED_PARTS:
        if not data.startswith(b"PK\x03\x04"):
            raise _refused("upload_no_zip", file=shown, suffix=suffix)
        try:
            check_archive(shown, data, suffix)
        except ExtractError as exc:
            raise UploadRefused("", exc.message) from exc
    else:
        _check_text(shown, data)
        if suffix == ".html":
            depth = html_depth(data)
            if depth > MAX_HTML_DEPTH:
                raise _refused("upload_html_deep", file=shown, depth=f"{depth:,}", limit=MAX_HTML_DEPTH)
    return suffix


# Kept in stored names: ASCII word characters, dot, hyphen and CJK ideographs; the rest becomes "_".
_NAME_UNSAFE = re.compile(r"[^A-Za-z0-9_.\-\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")


def inbox_name(name: str, suffix: str, scope: frozenset[str] | None) -> str:
    """The inbox name of an upload: ``<scope>__<sanitised original name>`` (``domain.uploads``).

    The same sheet uploaded again by the same scope gets the same name, hence (record ids derive
    from the file name) the same records. Only ASCII letters, digits, ``_.-`` and CJK ideographs
    are kept (NFKC first, so full-width digits stay digits); no path component can survive, and
    the name never starts with a dot (the ETL skips dotfiles).

    Args:
        name: The browser's file name.
        suffix: The checked suffix ('.csv', ...), appended in lower case.
        scope: The uploader's districts (None: every district).

    Returns:
        A file name of at most ``MAX_STORED_NAME_BYTES`` UTF-8 bytes.
    """
    base = safe_display_name(name)
    stem = base[: -len(suffix)] if base.lower().endswith(suffix) else base
    stem = _NAME_UNSAFE.sub("_", unicodedata.normalize("NFKC", stem)).strip("._-") or "upload"
    prefix = f"{scope_prefix(scope)}{SEPARATOR}"
    budget = MAX_STORED_NAME_BYTES - len(prefix.encode()) - len(suffix.encode())
    while len(stem.encode("utf-8")) > budget:
        stem = stem[:-1]
    return f"{prefix}{stem.rstrip('._-') or 'upload'}{suffix}"


@dataclass
class DryRun:
    """What loading one file would do. Nothing of it is written to the warehouse.

    Attributes:
        source: The file name the ETL would record.
        status: 'ok', 'partial' or 'unreadable' (as in ``source_files.status``).
        message: The ETL's note on the file (encoding, ignored columns...), or None.
        messages: The same as coded messages (JSON array, domain.messages), or None.
        rows_read: Data rows read.
        accepted: One row per record that would load (PREVIEW_COLUMNS).
        rejected: One row per rejected input row: locator, reason, raw (JSON).
        out_of_scope: How many of the rejected rows were rejected for the uploader's districts.
        would_add, would_update, would_keep: Against the published warehouse, counting only
            records inside the uploader's districts (so they never tell whether an id exists
            elsewhere); None when it could not be read.
        would_remove: Records an earlier version of this file loaded (inside those districts) that it no
            longer holds: the ETL deletes them (``etl.load.withdraw_missing``).
    """

    source: str
    status: str
    message: str | None
    rows_read: int
    accepted: pd.DataFrame
    rejected: pd.DataFrame
    out_of_scope: int = 0
    would_add: int | None = None
    would_update: int | None = None
    would_keep: int | None = None
    messages: str | None = None
    would_remove: int | None = None
    unread_parts: tuple[str, ...] = ()


# Reasons a scoped upload's row is refused for its district (etl.scope).
SCOPE_CODES = ("region_out_of_scope", "region_out_of_scope_none")


def dry_run(path: Path, scope: frozenset[str] | None = None, warehouse: Path | None = None) -> DryRun:
    """Extract, normalize and validate one file with the ETL's functions, without loading (in this process).

    The Upload page uses ``dry_run_isolated``, which runs this in a child process.

    Args:
        path: The file (its name is what the ETL will record as the source).
        scope: The uploader's districts; rows outside them are rejected (``etl.scope``).
        warehouse: The published warehouse, to tell new records from updates (optional).

    Returns:
        The dry run's outcome.
    """
    from domain.gazetteer import Gazetteer
    from etl.extract import kind_of
    from etl.load import apply_schema
    from etl.pipeline import Source, stage_sources
    from etl.reference import region_table

    kind = kind_of(path)
    if kind is None:
        raise _refused("upload_not_read", file=path.name, suffix=path.suffix)
    con = duckdb.connect(":memory:", config={"threads": 1, "memory_limit": "512MB"})
    try:
        apply_schema(con)  # an empty warehouse: the dry run never looks up ids outside the scope
        (row,) = stage_sources(con, [Source(path.name, kind, path, scope=scope)])
        # district names are not stored (domain.record.READ_TIME_COLUMNS): read from regions, as readers do
        regions, params = region_table(Gazetteer.load())
        con.execute("INSERT INTO regions BY NAME " + regions, params)
        shown = {"source_locator": f"{locator_sql('r.')} AS source_locator", "district": "n.name_zh AS district"}
        cols = ", ".join(shown.get(c, f"r.{c}") for c in PREVIEW_COLUMNS)
        accepted = con.execute(
            f"SELECT {cols}, r.content_hash FROM {RUN_ACCEPTED} r LEFT JOIN regions n ON n.adcode = r.district_adcode "  # noqa: S608
            # in file order (the stored columns, not the text: row 10 after row 9)
            "ORDER BY r.source_locator, r.source_row"
        ).df()
        rejected = con.execute(
            f"SELECT coalesce(locator, '(file)') AS locator, reason, raw, reasons, reason_code "  # noqa: S608
            f"FROM {RUN_REJECTS} ORDER BY seq"
        ).df()
        out_of_scope = int(rejected["reason_code"].isin(SCOPE_CODES).sum())
        result = DryRun(
            source=path.name,
            status=row.status,
            message=row.message,
            rows_read=row.rows_read,
            accepted=accepted.drop(columns=["content_hash"]),
            rejected=rejected.drop(columns=["reason_code"]),
            out_of_scope=out_of_scope,
            messages=row.messages,
            unread_parts=row.unread_parts,
        )
        if warehouse is not None and Path(warehouse).exists() and (len(accepted) or row.status != "unreadable"):
            _compare(con, accepted, Path(warehouse), scope, result)
        return result
    finally:
        con.close()


def _compare(
    con: duckdb.DuckDBPyConnection,
    accepted: pd.DataFrame,
    warehouse: Path,
    scope: frozenset[str] | None,
    result: DryRun,
) -> None:
    """Fill would_add/update/keep by matching record ids against the published file (best effort).

    For a scoped uploader only the records inside the scope are looked at: an id of a record
    elsewhere counts as new here (the ETL then rejects that row), so the counts reveal nothing.
    """
    from etl.load import file_owns

    keys = accepted[["record_id", "content_hash"]]
    try:
        con.register("upload_keys", keys)
        con.execute("ATTACH ? AS published (READ_ONLY)", [str(warehouse)])
        add, upd, keep = con.execute(
            "SELECT count(*) FILTER (a.record_id IS NULL), "
            "count(*) FILTER (a.record_id IS NOT NULL AND a.content_hash <> k.content_hash), "
            "count(*) FILTER (a.content_hash = k.content_hash) "
            "FROM upload_keys k LEFT JOIN (SELECT record_id, content_hash FROM published.activities "
            "WHERE $all OR district_adcode IN (SELECT unnest($scope))) a USING (record_id)",
            {"all": scope is None, "scope": sorted(scope or ())},
        ).fetchone()
        result.would_add, result.would_update, result.would_keep = int(add), int(upd), int(keep)
        if result.status != "unreadable":  # as the load does for a structured file read again (withdraw_missing)
            mine = "($all OR district_adcode IN (SELECT unnest($scope))) AND NOT is_synthetic"
            locs = [
                loc
                for (loc,) in con.execute(
                    f"SELECT DISTINCT source_locator FROM published.activities WHERE {mine} AND source_locator IS NOT NULL",  # noqa: S608
                    {"all": scope is None, "scope": sorted(scope or ())},
                ).fetchall()
                if file_owns(result.source, result.unread_parts, loc, uploaded=True)
            ]
            result.would_remove = int(
                con.execute(
                    f"SELECT count(*) FROM published.activities WHERE {mine} AND list_contains($locs, source_locator) "  # noqa: S608
                    "AND record_id NOT IN (SELECT record_id FROM upload_keys)",
                    {"all": scope is None, "scope": sorted(scope or ()), "locs": locs},
                ).fetchone()[0]
            )
    except duckdb.Error:
        # An unreadable warehouse does not make the upload wrong; the counts stay unknown.
        pass
    finally:
        with contextlib.suppress(duckdb.Error):
            con.execute("DETACH published")


# How running out of the address-space ceiling shows in a child's stderr.
_OUT_OF_MEMORY = (
    "MemoryError",
    "Out of Memory",
    "failed to map segment",
    "Cannot allocate memory",
    "bad_alloc",
    "mmap failed",
)


def _no_core_dumps() -> None:
    """In the child, before exec: a crash leaves no core file behind."""
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _rss_mb(proc: psutil.Process) -> float:
    """Resident memory of `proc` and its children, in MB (0 once it has exited)."""
    try:
        procs = [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return 0.0
    total = 0
    for p in procs:
        with contextlib.suppress(psutil.Error):
            total += p.memory_info().rss
    return total / 2**20


def _watch(
    args: list[str], env: dict[str, str], cwd: Path, memory_mb: int, seconds: float, log: Path
) -> tuple[int, str | None]:
    """Run `args`, killing it when its resident memory passes `memory_mb` or it runs past `seconds`.

    A resident-memory watchdog rather than an address-space rlimit: DuckDB and the Python runtime
    reserve far more address space than they touch, so an rlimit low enough to protect the machine
    refused ordinary files. Polled every 20 ms; a child allocating faster than that can overshoot
    by what it allocates in one interval.

    Returns:
        (exit code, None) when it finished; (-9, "memory" | "time") when it was killed.
    """
    with open(log, "wb") as err:
        child = subprocess.Popen(
            args, stdout=subprocess.DEVNULL, stderr=err, env=env, cwd=cwd, preexec_fn=_no_core_dumps
        )
        watched = psutil.Process(child.pid)
        deadline = time.monotonic() + seconds
        reason = None
        while child.poll() is None:
            if _rss_mb(watched) > memory_mb:
                reason = "memory"
            elif time.monotonic() > deadline:
                reason = "time"
            if reason:
                with contextlib.suppress(psutil.Error):
                    for p in watched.children(recursive=True):
                        p.kill()
                child.kill()
                child.wait()
                return -9, reason
            time.sleep(0.02)
    return child.returncode, None


def dry_run_isolated(
    path: Path,
    scope: frozenset[str] | None = None,
    warehouse: Path | None = None,
    memory_mb: int | None = None,
    seconds: float | None = None,
) -> DryRun:
    """``dry_run`` in a child process with a resident-memory ceiling and a time limit.

    Args:
        path: The staged file.
        scope: The uploader's districts (None: every district).
        warehouse: The published warehouse (optional).
        memory_mb: The child's resident-memory ceiling (default ``check_memory_mb()``).
        seconds: The child's time limit (default ``check_seconds()``).

    Returns:
        The dry run's outcome.

    Raises:
        UploadRefused: The child ran out of memory or time, or failed; the message says which.
    """
    memory_mb = memory_mb or check_memory_mb()
    seconds = seconds or check_seconds()
    with tempfile.TemporaryDirectory(prefix="qm-dryrun-") as out:
        args = [sys.executable, "-m", "etl.upload", "--dry-run", str(path), "--out", out]
        if scope is not None:
            args += ["--scope", ",".join(sorted(scope))]
        if warehouse is not None:
            args += ["--warehouse", str(warehouse)]
        root = Path(__file__).resolve().parents[1]
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")])),
            "QM_ETL_THREADS": "1",
            "OMP_NUM_THREADS": "1",
        }
        code, killed = _watch(args, env, root, memory_mb, seconds, Path(out) / "stderr.txt")
        stderr = (Path(out) / "stderr.txt").read_text(encoding="utf-8", errors="replace")
        if killed == "time":
            raise _refused("upload_check_slow", file=path.name, seconds=f"{seconds:.0f}")
        meta = Path(out) / "dry.json"
        if code != 0 or not meta.exists():
            tail = stderr.strip().splitlines()[-1:] or [f"exit {code}"]
            if killed == "memory" or any(m in stderr for m in _OUT_OF_MEMORY) or code < 0:
                raise _refused("upload_check_memory", file=path.name, limit=f"{memory_mb:,}", detail=tail[0][:200])
            refused = Path(out) / "refused.json"
            if refused.exists():  # the child refused the file: its coded reason
                body = json.loads(refused.read_text(encoding="utf-8"))
                raise UploadRefused("", Message(str(body.pop("code")), body))
            if "UploadRefused:" in stderr:
                raise UploadRefused(tail[0].split("UploadRefused:", 1)[1].strip())
            raise _refused("upload_check_failed", file=path.name, detail=tail[0][:300])
        body = json.loads(meta.read_text(encoding="utf-8"))
        accepted = pd.read_parquet(Path(out) / "accepted.parquet")
        rejected = pd.read_parquet(Path(out) / "rejected.parquet")
    return DryRun(accepted=accepted, rejected=rejected, **body)


def _child_main(argv: list[str]) -> int:
    """``python -m etl.upload --dry-run FILE --out DIR [--scope A,B] [--warehouse W]``: the child's side."""
    import argparse

    ap = argparse.ArgumentParser(prog="python -m etl.upload")
    ap.add_argument("--dry-run", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--scope", default=None)
    ap.add_argument("--warehouse", type=Path, default=None)
    args = ap.parse_args(argv)
    scope = None if args.scope is None else frozenset(a for a in args.scope.split(",") if a)
    try:
        dry = dry_run(args.dry_run, scope, args.warehouse)
    except UploadRefused as exc:  # the parent reads the coded reason, to show it in the uploader's language
        (args.out / "refused.json").write_text(exc.notice.json(), encoding="utf-8")
        raise
    dry.accepted.to_parquet(args.out / "accepted.parquet", index=False)
    dry.rejected.to_parquet(args.out / "rejected.parquet", index=False)
    body = {
        k: getattr(dry, k)
        for k in (
            "source",
            "status",
            "message",
            "rows_read",
            "out_of_scope",
            "would_add",
            "would_update",
            "would_keep",
            "messages",
            "would_remove",
        )
    }
    (args.out / "dry.json").write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
    return 0


@dataclass
class UploadResult:
    """The outcome shown to the uploader.

    Attributes:
        original_name: The name the browser sent (display only).
        stored_name: The inbox name (``inbox_name``), or None when refused before it was named.
        stored: True when the file is now in the inbox.
        message: One sentence: what happened and why (English).
        notice: The same as a coded message, for the uploader's language (``text(lang)``).
        dry: The dry run (None when the file was refused before it).
        path: Where it is stored (None unless stored).
        detail: Facts for the audit row (sizes, hash, counts).
    """

    original_name: str
    stored_name: str | None
    stored: bool
    message: str
    dry: DryRun | None = None
    path: Path | None = None
    detail: dict[str, Any] = field(default_factory=dict)
    audit_id: int | None = None
    notice: Message | None = None

    def text(self, lang: str) -> str:
        """The outcome in `lang` ('zh' or 'en')."""
        return self.notice.text(lang) if self.notice is not None else self.message


def _result(
    shown: str,
    stored_name: str | None,
    stored: bool,
    notice: Message,
    dry: DryRun | None = None,
    path: Path | None = None,
) -> UploadResult:
    return UploadResult(shown, stored_name, stored, notice.text("en"), dry, path, notice=notice)


def _sha256_of(path: Path) -> str | None:
    try:
        return sha256_of(path)
    except OSError:
        return None  # unreadable: treat as different, so the new file replaces it


def receive(
    name: str,
    data: bytes,
    *,
    scope: frozenset[str] | None,
    uploader: str,
    inbox: Path | None = None,
    warehouse: Path | None = None,
    max_bytes: int | None = None,
) -> UploadResult:
    """Check, dry-run (isolated) and, when it would load, store one uploaded file with its scope record.

    Args:
        name: The browser's file name.
        data: The bytes.
        scope: The uploader's districts (None: every district).
        uploader: Who uploads (for the scope record).
        inbox: The ETL inbox (default ``inbox_dir()``).
        warehouse: The published warehouse for new/updated counts (default ``domain.config.db_path()``).
        max_bytes: Size limit override.

    Returns:
        The outcome. Refusals are outcomes too (stored False, message says why).
    """
    shown = safe_display_name(name)
    inbox = Path(inbox) if inbox is not None else inbox_dir()
    warehouse = Path(warehouse) if warehouse is not None else domain_config.db_path()
    detail: dict[str, Any] = {"original_name": shown, "bytes": len(data)}
    try:
        suffix = check_upload(shown, data, max_bytes)
    except UploadRefused as exc:
        result = UploadResult(shown, None, False, str(exc), notice=exc.notice)
        result.detail = {**detail, "stored": False, "message": result.message, "notice": exc.notice.as_dict()}
        return result
    stored_name = inbox_name(shown, suffix, scope)
    sha256 = hashlib.sha256(data).hexdigest()
    detail.update(sha256=sha256, stored_name=stored_name)
    inbox.mkdir(parents=True, exist_ok=True)
    # Staged beside the inbox, not in it: the ETL reads every file under the inbox.
    staging_root = inbox.parent / STAGING_DIR
    staging_root.mkdir(parents=True, exist_ok=True)
    tmpdir = Path(tempfile.mkdtemp(dir=staging_root))
    tmp = tmpdir / stored_name
    try:
        write_synced(tmp, data)
        try:
            dry = dry_run_isolated(tmp, scope, warehouse)
        except UploadRefused as exc:
            dry = None
            result = UploadResult(shown, stored_name, False, str(exc), notice=exc.notice)
        if dry is not None:
            result = _store(shown, stored_name, sha256, tmp, dry, inbox, scope, uploader, detail)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        with contextlib.suppress(OSError):
            tmpdir.rmdir()
    detail["stored"] = result.stored
    detail["message"] = result.message
    if result.notice is not None:
        detail["notice"] = result.notice.as_dict()  # the same, coded: shown in the reader's language
    result.detail = detail
    return result


def _store(
    shown: str,
    stored_name: str,
    sha256: str,
    tmp: Path,
    dry: DryRun,
    inbox: Path,
    scope: frozenset[str] | None,
    uploader: str,
    detail: dict[str, Any],
) -> UploadResult:
    n_ok, n_bad = len(dry.accepted), len(dry.rejected)
    detail.update(accepted=n_ok, rejected=n_bad, out_of_scope=dry.out_of_scope, status=dry.status)
    target = inbox / stored_name
    if dry.out_of_scope:
        return _result(shown, stored_name, False, msg("upload_out_of_scope", file=shown, n=dry.out_of_scope), dry)
    # A file with no row at all that replaces an earlier version withdraws that version's records (its sheet
    # emptied, or the file gone from the inbox): stored, and the page says how many go. A file whose rows are all
    # rejected is not (its mistakes would delete the district's records).
    if n_ok == 0 and not (n_bad == 0 and dry.would_remove):
        return _result(shown, stored_name, False, msg("upload_nothing_loads", file=shown, n_bad=n_bad), dry)
    if target.exists() and _sha256_of(target) == sha256:
        write_record(inbox, stored_name, sha256, scope, uploader)  # (re)write: older files may predate records
        return _result(shown, stored_name, True, msg("upload_same", file=shown, stored=stored_name), dry, target)
    replaced = target.exists()
    detail["replaced"] = replaced
    # The scope record first: the ETL loads an inbox file only with a record of its content.
    write_record(inbox, stored_name, sha256, scope, uploader)
    # Atomic: the ETL reads the previous version or this one, never a mix.
    replace_synced(tmp, target)
    prune_records(inbox)
    return _result(
        shown,
        stored_name,
        True,
        msg("upload_replaced" if replaced else "upload_stored", file=shown, stored=stored_name, n_ok=n_ok, n_bad=n_bad),
        dry,
        target,
    )


if __name__ == "__main__":
    try:
        sys.exit(_child_main(sys.argv[1:]))
    except UploadRefused as exc:
        print(f"UploadRefused: {exc}", file=sys.stderr)
        sys.exit(3)
