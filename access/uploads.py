"""Uploads: refuse what is dangerous, dry-run what is left, store it in the ETL inbox.

Order of a ``receive_upload``:

1. ``check_upload``: size limit, type allow-list (csv, xlsx, txt, html, docx), content that
   matches the suffix (an .xlsx must be an OOXML zip; a .csv must not be binary), zip limits
   (members, expanded size, compression ratio, encryption) and XML prologs parsed by
   defusedxml with DTDs forbidden (a DTD is where entity-expansion bombs live; OOXML never
   has one).
2. The bytes are written under a private staging directory with their final name: the
   uploader's scope, ``__``, then the sanitised original name (``310104__2023年质量月活动.xlsx``).
   Record ids derive from the source file's name, so a corrected re-upload of the same sheet
   replaces the previous file and updates the same records. The content hash goes to the audit row.
3. ``dry_run``: the ETL's own extract -> normalize -> validate (``etl.pipeline.stage_sources``)
   into a throw-away in-memory DuckDB; nothing is loaded. It returns what would load and what
   would be rejected with reasons; a scoped uploader (reporter) also gets every row outside
   their districts rejected.
4. The file is moved into the inbox with ``os.replace`` (atomic: the ETL sees the previous
   file of that name or the new one, never half a file) only when at least one row would load and no row is outside the uploader's scope:
   the ETL loads whole files, so a file with another district's rows must be fixed first.
5. One audit row per attempt, stored or refused.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import re
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET

from access.audit import AuditLog
from access.policy import Policy
from domain import config as domain_config

ALLOWED_SUFFIXES: dict[str, str] = {".csv": "csv", ".xlsx": "xlsx", ".txt": "bulletin", ".html": "bulletin",
                                    ".docx": "bulletin"}
MAX_UPLOAD_BYTES = int(os.environ.get("QM_UPLOAD_MAX_BYTES", 25 * 1024 * 1024))
# OOXML limits: district workbooks are kilobytes to a few megabytes; far below the ETL's own.
MAX_ZIP_MEMBERS = 2_000
MAX_MEMBER_BYTES = 100 * 1024 * 1024
MAX_EXPANDED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100
RATIO_FLOOR_BYTES = 1024 * 1024      # small members may compress absurdly well (blank XML); ignore them
MAX_NAME_CHARS = 255
MAX_STORED_NAME_BYTES = 200          # filesystems allow 255 bytes; CJK takes 3 bytes a character
MAX_HTML_DEPTH = 500                 # real news pages nest a few dozen deep; 10^4+ is an attack on the parser
REQUIRED_PARTS = {".xlsx": "xl/workbook.xml", ".docx": "word/document.xml"}
BINARY_MAGIC = (b"PK\x03\x04", b"%PDF", b"MZ", b"\x7fELF", b"\xd0\xcf\x11\xe0", b"\x1f\x8b", b"Rar!", b"7z\xbc\xaf")
PREVIEW_COLUMNS = ("source_locator", "district_adcode", "district", "start_date", "title", "activity_type",
                   "organizer", "participants", "participants_unit", "participants_qualifier", "record_id")


class UploadRefused(ValueError):
    """The file is refused before any parsing by the ETL; the message names the file and reason."""


def inbox_dir() -> Path:
    """The ETL inbox: $QM_INBOX, default data/inbox (``domain.config.inbox_dir``)."""
    return domain_config.inbox_dir()


def safe_display_name(name: str) -> str:
    """An uploaded name made printable and path-free (for messages and the audit log only)."""
    base = re.split(r"[\\/]", str(name or ""))[-1]
    base = "".join(ch if ch.isprintable() else "?" for ch in base).strip()
    return base[:MAX_NAME_CHARS] or "(unnamed)"


def _check_zip(name: str, data: bytes, suffix: str) -> None:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UploadRefused(f"{name}: not a valid {suffix} file (zip container unreadable: {exc})") from exc
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_ZIP_MEMBERS:
            raise UploadRefused(f"{name}: {len(infos):,} zip members (limit {MAX_ZIP_MEMBERS:,})")
        total = 0
        names = set()
        for info in infos:
            names.add(info.filename)
            if info.flag_bits & 0x1:
                raise UploadRefused(f"{name}: member {info.filename!r} is encrypted")
            total += info.file_size
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > MAX_MEMBER_BYTES:
                raise UploadRefused(f"{name}: member {info.filename!r} expands to {info.file_size:,} bytes "
                                    f"(limit {MAX_MEMBER_BYTES:,}); refused as a possible zip bomb")
            if info.file_size > RATIO_FLOOR_BYTES and ratio > MAX_RATIO:
                raise UploadRefused(f"{name}: member {info.filename!r} is compressed {ratio:,.0f}:1 "
                                    f"(limit {MAX_RATIO}:1); refused as a possible zip bomb")
        if total > MAX_EXPANDED_BYTES:
            raise UploadRefused(f"{name}: expands to {total:,} bytes in total (limit {MAX_EXPANDED_BYTES:,})")
        if "[Content_Types].xml" not in names or REQUIRED_PARTS[suffix] not in names:
            raise UploadRefused(f"{name}: a zip file but not a {suffix} document "
                                f"(no [Content_Types].xml or {REQUIRED_PARTS[suffix]})")
        for info in infos:
            if info.filename.lower().endswith((".xml", ".rels", ".vml")):
                _check_xml_prolog(name, zf, info)


def _check_xml_prolog(name: str, zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Parse a member up to its root element with DTDs, entities and external refs forbidden.

    A document type declaration can only come before the root element, so reading that far
    is enough to refuse every entity-expansion and external-entity attack, at a cost that
    does not grow with the sheet.
    """
    try:
        with zf.open(info) as fh:
            for _event, _elem in SafeET.iterparse(fh, events=("start",), forbid_dtd=True,
                                                   forbid_entities=True, forbid_external=True):
                break
    except DefusedXmlException as exc:
        raise UploadRefused(f"{name}: member {info.filename!r} declares a DTD or entities "
                            f"({type(exc).__name__}); refused as a possible XML bomb") from exc
    except SafeET.ParseError as exc:
        raise UploadRefused(f"{name}: member {info.filename!r} is not well-formed XML: {exc}") from exc
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError) as exc:
        raise UploadRefused(f"{name}: member {info.filename!r} cannot be read: {exc}") from exc


def _check_text(name: str, data: bytes) -> None:
    if data.startswith(BINARY_MAGIC):
        raise UploadRefused(f"{name}: binary content (an archive, PDF or program) under a text file type")
    head = data[:1 << 20]
    utf16 = head.startswith((b"\xff\xfe", b"\xfe\xff"))
    # A stray NUL in one row is the ETL's to reject with its row number; many mean binary content.
    nuls = head.count(b"\x00")
    if not utf16 and nuls > max(16, len(head) // 100):
        at = head.index(b"\x00")
        raise UploadRefused(f"{name}: {nuls:,} NUL bytes from byte {at:,}; not a text file")


_TAG = re.compile(rb"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>")
_VOID = frozenset({b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta", b"source",
                   b"track", b"wbr", b"p", b"li", b"td", b"tr", b"th", b"option"})


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
            match the type or trips a bomb check.
    """
    shown = safe_display_name(name)
    limit = MAX_UPLOAD_BYTES if max_bytes is None else max_bytes
    suffix = Path(shown).suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        raise UploadRefused(f"{shown}: file type {suffix or '(none)'} is not accepted; upload one of "
                            f"{', '.join(sorted(ALLOWED_SUFFIXES))}")
    if len(data) == 0:
        raise UploadRefused(f"{shown}: the file is empty")
    if len(data) > limit:
        raise UploadRefused(f"{shown}: {len(data):,} bytes, more than the {limit:,}-byte limit")
    if suffix in REQUIRED_PARTS:
        if not data.startswith(b"PK\x03\x04"):
            raise UploadRefused(f"{shown}: not a {suffix} document (no zip signature)")
        _check_zip(shown, data, suffix)
    else:
        _check_text(shown, data)
        if suffix == ".html":
            depth = html_depth(data)
            if depth > MAX_HTML_DEPTH:
                raise UploadRefused(f"{shown}: elements nested {depth:,} deep (limit {MAX_HTML_DEPTH}); "
                                    "refused as an attack on the HTML parser")
    return suffix


# Kept in stored names: ASCII word characters, dot, hyphen and CJK ideographs; the rest becomes "_".
_NAME_UNSAFE = re.compile(r"[^A-Za-z0-9_.\-\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")


def scope_prefix(policy: Policy) -> str:
    """The part of an inbox name that says whose file it is: the scope's adcodes, or 'all'."""
    scope = policy.scope
    if scope is None:
        return "all"
    return "-".join(sorted(scope)) or "none"


def inbox_name(name: str, suffix: str, policy: Policy) -> str:
    """The inbox name of an upload: ``<scope>__<sanitised original name>``.

    The same sheet uploaded again by the same scope gets the same name, hence (record ids derive
    from the file name) the same records. Only ASCII letters, digits, ``_.-`` and CJK ideographs
    are kept (NFKC first, so full-width digits stay digits); no path component can survive, and
    the name never starts with a dot (the ETL skips dotfiles).

    Args:
        name: The browser's file name.
        suffix: The checked suffix ('.csv', ...), appended in lower case.
        policy: The uploader's policy (its scope is the prefix).

    Returns:
        A file name of at most ``MAX_STORED_NAME_BYTES`` UTF-8 bytes.
    """
    base = safe_display_name(name)
    stem = base[: -len(suffix)] if base.lower().endswith(suffix) else base
    stem = _NAME_UNSAFE.sub("_", unicodedata.normalize("NFKC", stem)).strip("._-") or "upload"
    prefix = f"{scope_prefix(policy)}__"
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
        rows_read: Data rows read.
        accepted: One row per record that would load (PREVIEW_COLUMNS).
        rejected: One row per rejected input row: locator, reason, raw (JSON).
        out_of_scope: How many of the rejected rows were rejected only for the uploader's scope.
        would_add, would_update, would_keep: Against the published warehouse; None when it
            could not be read.
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


def dry_run(path: Path, policy: Policy | None = None, warehouse: Path | None = None) -> DryRun:
    """Extract, normalize and validate one file with the ETL's functions, without loading.

    Args:
        path: The file (its name is what the ETL will record as the source).
        policy: The uploader's policy; rows outside its district scope are rejected.
        warehouse: The published warehouse, to tell new records from updates (optional).

    Returns:
        The dry run's outcome.
    """
    from etl.extract import kind_of  # the ETL is heavy; only uploads need it
    from etl.load import apply_schema
    from etl.pipeline import Source, stage_sources

    kind = kind_of(path)
    if kind is None:
        raise UploadRefused(f"{path.name}: the ETL does not read {path.suffix} files")
    con = duckdb.connect(":memory:", config={"threads": 1, "memory_limit": "512MB"})
    try:
        apply_schema(con)
        (row,) = stage_sources(con, [Source(path.name, kind, path)])
        cols = ", ".join(PREVIEW_COLUMNS)
        accepted = con.execute(f"SELECT {cols}, content_hash FROM run_accepted ORDER BY source_locator").df()  # noqa: S608
        rejected = con.execute("SELECT coalesce(locator, '(file)') AS locator, reason, raw FROM run_rejects "
                               "ORDER BY seq").df()
        out_of_scope = 0
        scope = policy.scope if policy is not None else None
        if scope is not None:
            inside = accepted["district_adcode"].map(lambda a: policy.allows_district(a if isinstance(a, str) else None))
            outside = accepted[~inside.astype(bool)]
            out_of_scope = len(outside)
            if out_of_scope:
                allowed = ", ".join(sorted(scope)) or "none"
                extra = pd.DataFrame({
                    "locator": outside["source_locator"].fillna("(record)").astype(str),
                    "reason": [f"district {a if isinstance(a, str) else '(none: a city-wide record)'} is outside "
                               f"your districts ({allowed})" for a in outside["district_adcode"]],
                    "raw": outside["title"].fillna("").astype(str)})
                rejected = pd.concat([rejected, extra], ignore_index=True)
                accepted = accepted[inside.astype(bool)].reset_index(drop=True)
        result = DryRun(source=path.name, status=row.status if not out_of_scope else "partial", message=row.message,
                        rows_read=row.rows_read, accepted=accepted.drop(columns=["content_hash"]),
                        rejected=rejected, out_of_scope=out_of_scope)
        if warehouse is not None and Path(warehouse).exists() and len(accepted):
            _compare(con, accepted, Path(warehouse), result)
        return result
    finally:
        con.close()


def _compare(con: duckdb.DuckDBPyConnection, accepted: pd.DataFrame, warehouse: Path, result: DryRun) -> None:
    """Fill would_add/update/keep by matching record ids against the published file (best effort)."""
    keys = accepted[["record_id", "content_hash"]]
    try:
        con.register("upload_keys", keys)
        con.execute("ATTACH ? AS published (READ_ONLY)", [str(warehouse)])
        add, upd, keep = con.execute(
            "SELECT count(*) FILTER (a.record_id IS NULL), "
            "count(*) FILTER (a.record_id IS NOT NULL AND a.content_hash <> k.content_hash), "
            "count(*) FILTER (a.content_hash = k.content_hash) "
            "FROM upload_keys k LEFT JOIN published.activities a USING (record_id)").fetchone()
        result.would_add, result.would_update, result.would_keep = int(add), int(upd), int(keep)
    except duckdb.Error:
        # An unreadable warehouse does not make the upload wrong; the counts stay unknown.
        pass
    finally:
        with contextlib.suppress(duckdb.Error):
            con.execute("DETACH published")


@dataclass
class UploadResult:
    """The outcome shown to the uploader.

    Attributes:
        original_name: The name the browser sent (display only).
        stored_name: The inbox name (``inbox_name``), or None when refused before it was named.
        stored: True when the file is now in the inbox.
        message: One sentence: what happened and why.
        dry: The dry run (None when the file was refused before it).
        path: Where it is stored (None unless stored).
        audit_id: The audit row written.
    """

    original_name: str
    stored_name: str | None
    stored: bool
    message: str
    dry: DryRun | None = None
    path: Path | None = None
    audit_id: int | None = None
    detail: dict[str, Any] = field(default_factory=dict)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _sha256_of(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None  # unreadable: treat as different, so the new file replaces it


def receive_upload(name: str, data: bytes, policy: Policy, *, inbox: Path | None = None,
                   warehouse: Path | None = None, audit: AuditLog | None = None,
                   max_bytes: int | None = None) -> UploadResult:
    """Check, dry-run and (when it would load) store one uploaded file, and audit the attempt.

    Args:
        name: The browser's file name.
        data: The bytes.
        policy: The uploader's policy (must allow uploads).
        inbox: The ETL inbox (default ``inbox_dir()``).
        warehouse: The published warehouse for new/updated counts (default ``domain.config.db_path()``).
        audit: Where to record the attempt (None: not recorded; tests only).
        max_bytes: Size limit override.

    Returns:
        The outcome. Refusals are outcomes too (stored False, message says why); the only
        exception raised is ``PermissionError`` for a principal who may not upload at all.
    """
    shown = safe_display_name(name)
    if not policy.can_upload:
        raise PermissionError(f"{policy.principal.user_id} (role {policy.role or 'none'}) may not upload files")
    inbox = Path(inbox) if inbox is not None else inbox_dir()
    warehouse = Path(warehouse) if warehouse is not None else domain_config.db_path()
    detail: dict[str, Any] = {"original_name": shown, "bytes": len(data)}
    result: UploadResult
    try:
        suffix = check_upload(shown, data, max_bytes)
    except UploadRefused as exc:
        result = UploadResult(shown, None, False, str(exc))
    else:
        stored_name = inbox_name(shown, suffix, policy)
        sha256 = hashlib.sha256(data).hexdigest()
        detail["sha256"] = sha256
        detail["stored_name"] = stored_name
        inbox.mkdir(parents=True, exist_ok=True)
        # Staged beside the inbox, not in it: the ETL reads every file under the inbox.
        staging_root = inbox.parent / ".upload-staging"
        staging_root.mkdir(parents=True, exist_ok=True)
        tmpdir = Path(tempfile.mkdtemp(dir=staging_root))
        tmp = tmpdir / stored_name
        try:
            with open(tmp, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            try:
                dry = dry_run(tmp, policy, warehouse)
            except Exception as exc:  # the ETL must never take the upload page down
                dry = None
                result = UploadResult(shown, stored_name, False,
                                      f"{shown}: the ETL could not read it ({type(exc).__name__}: {exc})")
            if dry is not None:
                n_ok, n_bad = len(dry.accepted), len(dry.rejected)
                detail.update(accepted=n_ok, rejected=n_bad, out_of_scope=dry.out_of_scope, status=dry.status)
                target = inbox / stored_name
                if dry.out_of_scope:
                    msg = (f"{shown}: not stored: {dry.out_of_scope} row(s) are outside your districts; "
                           "remove them and upload again")
                    result = UploadResult(shown, stored_name, False, msg, dry)
                elif n_ok == 0:
                    result = UploadResult(shown, stored_name, False,
                                          f"{shown}: not stored: no row would load ({n_bad} rejected)", dry)
                elif target.exists() and _sha256_of(target) == sha256:
                    result = UploadResult(shown, stored_name, True, f"{shown}: already in the inbox as "
                                          f"{stored_name} (same content); nothing new stored", dry, target)
                else:
                    replaced = target.exists()
                    detail["replaced"] = replaced
                    # Atomic: the ETL reads the previous version or this one, never a mix.
                    os.replace(tmp, target)
                    _fsync_dir(inbox)
                    how = "replaces the previous version of" if replaced else "stored as"
                    result = UploadResult(shown, stored_name, True,
                                          f"{shown}: {how} {stored_name}; {n_ok} row(s) will load at the next "
                                          f"ETL run, {n_bad} rejected", dry, target)
        finally:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
            with contextlib.suppress(OSError):
                tmpdir.rmdir()
    detail["stored"] = result.stored
    detail["message"] = result.message
    result.detail = detail
    if audit is not None:
        result.audit_id = audit.record(
            actor=policy.principal.user_id, role=policy.role.value if policy.role else None, action="upload",
            filters={"scope": sorted(policy.scope) if policy.scope is not None else None},
            fmt=Path(shown).suffix.lower().lstrip(".") or None,
            row_count=len(result.dry.accepted) if result.dry is not None and result.stored else 0,
            file_name=result.stored_name or shown, detail=detail)
    return result
