"""Benchmark inputs: the synthetic CSV for N rows, generated once and cached.

Grain of the CSV: one row per synthetic activity, national scope (``etl.synth``). The cache
key includes the row count, the seed and a hash of ``etl/synth.py``, so a change to the
generator never serves an old file.
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

from domain.config import DATA_DIR, ROOT

CACHE_DIR = Path(os.environ.get("QM_BENCH_CACHE", DATA_DIR / "bench-cache"))
SEED = 2025
SCOPE = "national"


def generator_hash() -> str:
    """First 8 hex digits of the SHA-1 of etl/synth.py (part of every cache key)."""
    return hashlib.sha1((ROOT / "etl" / "synth.py").read_bytes()).hexdigest()[:8]


def csv_path(rows: int, cache_dir: Path = CACHE_DIR) -> Path:
    """Where the CSV of `rows` rows is cached."""
    return Path(cache_dir) / f"synth-{SCOPE}-{rows}-s{SEED}-{generator_hash()}.csv"


def ensure_csv(rows: int, cache_dir: Path = CACHE_DIR, log=print) -> Path:
    """Return the cached synthetic CSV of `rows` rows, writing it first when missing.

    Args:
        rows: number of records.
        cache_dir: cache directory (created when missing).
        log: called with one progress line.
    """
    from etl import synth  # numpy-heavy, only when a file must be written

    path = csv_path(rows, cache_dir)
    if path.exists():
        log(f"bench: using cached {path} ({path.stat().st_size / 1e6:,.0f} MB)")
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    synth.write(rows, path, seed=SEED, scope=SCOPE)
    log(f"bench: wrote {path} ({rows:,} rows) in {time.perf_counter() - t0:.1f} s")
    return path


def warm_page_cache(path: Path) -> None:
    """Read a file once so the timed readers both start from the OS page cache."""
    with open(path, "rb") as fh:
        while fh.read(16 << 20):
            pass


def db_path(rows: int, cache_dir: Path = CACHE_DIR) -> Path:
    """The benchmark warehouse for `rows` rows (rebuilt by every ETL measurement)."""
    return Path(cache_dir) / f"warehouse-{rows}.duckdb"
