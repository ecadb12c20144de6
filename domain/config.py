"""Where things live. One place, overridable by environment variables (see README, Configuration)."""

from __future__ import annotations

import os
from pathlib import Path

from domain.record import activities_ddl

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
SOURCES_DIR = DATA_DIR / "sources"  # bundled input files loaded by default
SCHEMA_SQL = Path(__file__).resolve().parent / "schema.sql"


def db_path() -> Path:
    """The published warehouse file (QM_DB, default data/warehouse/quality.duckdb)."""
    return Path(os.environ.get("QM_DB", DATA_DIR / "warehouse" / "quality.duckdb"))


def inbox_dir() -> Path:
    """Where uploads are stored for the next ETL run (QM_INBOX, default data/inbox)."""
    return Path(os.environ.get("QM_INBOX", DATA_DIR / "inbox"))


def schema_ddl() -> str:
    """The warehouse DDL: `activities` from the record contract, then the other tables of schema.sql."""
    return activities_ddl() + "\n" + SCHEMA_SQL.read_text(encoding="utf-8")


def cache_dir() -> Path:
    """Derived files worth keeping between runs, e.g. simplified boundaries (QM_CACHE, default
    $XDG_CACHE_HOME/quality-month or ~/.cache/quality-month)."""
    given = os.environ.get("QM_CACHE")
    if given:
        return Path(given)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "quality-month"


def lake_dir() -> Path | None:
    """Where publish also writes the Parquet lake (QM_LAKE; unset = no lake is written)."""
    value = os.environ.get("QM_LAKE", "").strip()
    return Path(value) if value else None


ENGINES = ("duckdb", "spark")


def engine() -> str:
    """The read side's engine (QM_ENGINE: duckdb, the default, or spark)."""
    value = os.environ.get("QM_ENGINE", "duckdb").strip().lower() or "duckdb"
    if value not in ENGINES:
        raise ValueError(f"QM_ENGINE={value!r}: expected one of {', '.join(ENGINES)}")
    return value


def spark_remote() -> str:
    """The Spark to connect to (QM_SPARK_REMOTE): sc://host:15002 (Spark Connect), a master URL
    (spark://host:7077, yarn, k8s://...), or local[N]; default local[2]."""
    return os.environ.get("QM_SPARK_REMOTE", "").strip() or "local[2]"
