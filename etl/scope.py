"""District scope on the write side: what a file uploaded by a scoped user may add or change.

A reporter's upload may only add or update records inside the reporter's districts. Whose file
it is cannot be read from the file or its name (anyone can name a file ``310104__x.csv``), so
the Upload page records it: for every file it stores in the inbox it writes a *scope record*,
``<inbox>/.scope/<sha256 of the file>.json`` = ``{"file": stored name, "sha256": ..., "scope":
[adcodes] or null (unrestricted), "uploader": user id}``. Only the dashboard server writes
there (uploads can never name a path, and their stored names never start with a dot), and the
record is bound to the exact content by its hash.

The ETL (``etl.pipeline.collect_sources``) reads a file under the inbox only with a scope record
matching its content; one without is refused with that reason (files placed by operators belong
in ``data/sources`` or a ``--source`` outside the inbox, which are not restricted). For a scoped
file, every row is rejected, with its reason, when

1. its district is not one of the scope's (a city-wide row has no district and is outside), or
2. its ``record_id`` is already the id of a record outside the scope (it would move or rewrite
   another district's record).

The upload's dry run applies the same rule against an empty warehouse, so it never tells a
reporter whether an id exists elsewhere; the second check happens when the ETL loads.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

import duckdb

from domain.messages import Message, msg
from etl.files import replace_synced, write_synced
from etl.relations import REASON

SCOPE_DIR = ".scope"
REASON_DISTRICT = "district {district} is outside the uploader's districts ({allowed})"
REASON_FOREIGN_ID = (
    "record_id {record_id} is the id of a record outside the uploader's districts ({allowed}); "
    "an upload limited to those districts cannot change it"
)
CITY_WIDE = "(none: a city-wide record)"


def sha256_of(path: Path) -> str:
    """SHA-256 of a file's bytes."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(8 << 20):
            h.update(chunk)
    return h.hexdigest()


def record_path(inbox: Path, sha256: str) -> Path:
    """Where the scope record of content `sha256` lives in `inbox`."""
    return Path(inbox) / SCOPE_DIR / f"{sha256}.json"


def write_record(inbox: Path, stored_name: str, sha256: str, scope: frozenset[str] | None, uploader: str) -> Path:
    """Write (atomically) the scope record of a file about to be stored in the inbox."""
    d = Path(inbox) / SCOPE_DIR
    d.mkdir(parents=True, exist_ok=True)
    body = {
        "file": stored_name,
        "sha256": sha256,
        "scope": sorted(scope) if scope is not None else None,
        "uploader": uploader,
    }
    fd, tmp = tempfile.mkstemp(dir=d, prefix=".tmp-")
    os.close(fd)
    write_synced(Path(tmp), json.dumps(body, ensure_ascii=False).encode("utf-8"))
    target = record_path(inbox, sha256)
    replace_synced(Path(tmp), target)
    return target


def prune_records(inbox: Path) -> None:
    """Delete scope records whose content is no longer in the inbox (a file replaced by a corrected one)."""
    d = Path(inbox) / SCOPE_DIR
    if not d.is_dir():
        return
    live = set()
    for f in Path(inbox).iterdir():
        if f.is_file():
            try:
                live.add(sha256_of(f))
            except OSError:
                continue
    for rec in d.glob("*.json"):
        if rec.stem not in live:
            rec.unlink(missing_ok=True)


def scope_of(path: Path, inbox: Path) -> tuple[frozenset[str] | None, Message | None]:
    """The scope of a file in the inbox, from its scope record.

    Returns:
        (scope, None): scope None = unrestricted; or (None, reason) when the file has no valid
        record and must not load.
    """
    digest = sha256_of(path)
    rec = record_path(inbox, digest)
    try:
        body = json.loads(rec.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None, msg(
            "in_file", file=path.name, inner=msg("no_scope_record", record=f"{SCOPE_DIR}/{digest[:12]}….json")
        )
    if body.get("sha256") != digest or body.get("file") != path.name:
        return None, msg("in_file", file=path.name, inner=msg("scope_record_other_file", other=str(body.get("file"))))
    scope = body.get("scope")
    return (None if scope is None else frozenset(str(a) for a in scope)), None


def _allowed(scope: frozenset[str]) -> str:
    return ", ".join(sorted(scope)) or "none"


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _template_sql(template: str, column_sql: str, **fixed: str) -> str:
    """SQL building `template` with one placeholder filled by a column (quotes in the text escaped)."""
    marker = "\x00"
    before, after = template.format(**{**fixed, "value": marker}).split(marker)
    return f"{_lit(before)} || {column_sql} || {_lit(after)}"


def _obj_sql(code: str, **params: str) -> str:
    """SQL building a one-message reasons array (domain.messages); params are SQL expressions."""
    args = "".join(f", '{k}', {v}" for k, v in params.items())
    return f"'[' || CAST(json_object('code', '{code}'{args}) AS VARCHAR) || ']'"


def scope_reason_sql(scope: frozenset[str], existing: bool) -> str:
    """SQL (over a normalized table) giving a row's scope reason (coded, domain.messages), NULL when inside.

    Args:
        scope: The uploader's districts.
        existing: Also refuse ids of records outside the scope in the connection's `activities`.
    """
    allowed = _allowed(scope)
    in_list = ", ".join(_lit(a) for a in sorted(scope)) or "NULL"
    district = (
        f"CASE WHEN district_adcode IS NULL THEN {_obj_sql('region_out_of_scope_none', scope=_lit(allowed))} "
        f"ELSE {_obj_sql('region_out_of_scope', district='district_adcode', scope=_lit(allowed))} END"
    )
    checks = [f"CASE WHEN NOT coalesce(district_adcode IN ({in_list}), FALSE) THEN {district} END"]
    if existing:
        foreign = _obj_sql("foreign_id", id="record_id", scope=_lit(allowed))
        outside = f"SELECT record_id FROM activities WHERE NOT coalesce(district_adcode IN ({in_list}), FALSE)"  # noqa: S608
        checks.append(f"CASE WHEN record_id IN ({outside}) THEN {foreign} END")
    return "coalesce(" + ", ".join(checks) + ")"


def enforce_scope(con: duckdb.DuckDBPyConnection, norm: str, scope: frozenset[str], where: str = "TRUE") -> int:
    """Reject the rows of a normalized table (not a view) that a scoped upload may not write.

    Args:
        con: The run's connection (its `activities` are the records already published).
        norm: The normalized table, before validation settles duplicates and writes rejects.
        scope: The uploader's districts.
        where: Restrict to these rows (SQL over `norm`), e.g. one bulletin file's records.

    Returns:
        How many rows were rejected for their scope.
    """
    reason = scope_reason_sql(scope, existing=True)
    return con.execute(
        f"UPDATE {norm} SET {REASON} = {reason} "  # noqa: S608 - identifiers and literals we built
        f"WHERE {REASON} IS NULL AND ({where}) AND {reason} IS NOT NULL"
    ).fetchall()[0][0]
