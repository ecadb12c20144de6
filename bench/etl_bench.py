"""ETL throughput: the real ``python -m etl run`` against DuckDB's raw ``read_csv`` of the same file.

Both run as child processes of the benchmark, so each figure is a wall time including
interpreter start-up, and each child's peak RSS (with its own children) is sampled.

The baseline (`_RAW_SCRIPT`) is DuckDB doing the least a load can do with the file: one parallel
``CREATE TABLE t AS SELECT * FROM read_csv(file)`` into a fresh database file (column types
sniffed by DuckDB, nothing checked, mapped or rejected), a count and a CHECKPOINT, on the ETL's
thread count. The ETL parses, maps, validates, writes the typed rows, builds the roll-ups and
publishes atomically. The ratio compares throughputs (rows/s) in one run.

The machine is shared, so each command's CPU seconds (user + system, its own and its waited-for
children's) and the load average around it are recorded too: on a busy box the wall times of the
two commands can be disturbed unequally, their CPU seconds much less.
"""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from bench.data import warm_page_cache
from bench.memory import wait_exit_with_peak
from domain.config import ROOT, SOURCES_DIR

_SUMMARY = re.compile(r"([\d,]+) read, ([\d,]+) added, ([\d,]+) updated, ([\d,]+) unchanged, ([\d,]+) rejected")

# Runs in a child process: the limit the ETL is compared with. Same thread count as the ETL.
_RAW_SCRIPT = """
import json, sys, time, duckdb
csv, db, threads = sys.argv[1], sys.argv[2], int(sys.argv[3])
con = duckdb.connect(db, config={"threads": threads})
t0 = time.perf_counter()
con.execute("CREATE TABLE t AS SELECT * FROM read_csv(?)", [csv])
n = con.execute("SELECT count(*) FROM t").fetchone()[0]
con.execute("CHECKPOINT")
print(json.dumps({"rows": n, "seconds": time.perf_counter() - t0}))
"""


class BenchError(RuntimeError):
    """A measured command failed; the message names the command and its stderr tail."""


@dataclass
class EtlResult:
    """Figures of one ETL measurement (grain: one input file)."""

    rows_in_file: int
    rows_read: int
    rows_added: int
    rows_rejected: int
    etl_seconds: float
    etl_rows_per_s: float
    etl_peak_rss_mb: float
    raw_seconds: float
    raw_rows_per_s: float
    raw_peak_rss_mb: float
    ratio_etl_to_raw: float  # throughput ETL / raw read_csv (target >= 0.5)
    incremental_seconds: float  # second run adding the bundled real sources to the same file
    incremental_peak_rss_mb: float
    etl_cpu_seconds: float = 0.0  # user + system CPU of the ETL's process (and its children)
    raw_cpu_seconds: float = 0.0
    cpu_ratio_etl_to_raw: float = 0.0  # raw CPU / ETL CPU: the work ratio, less sensitive to load than the wall ratio
    load_etl: tuple[float, float] = (0.0, 0.0)  # 1-minute load average when the ETL started and ended
    load_raw: tuple[float, float] = (0.0, 0.0)


def _remove_db(path: Path) -> None:
    for p in (path, path.with_name(path.name + ".wal"), path.with_name(path.name + ".lock")):
        p.unlink(missing_ok=True)


@dataclass
class Measured:
    """One command's figures: its output, peak RSS (bytes), wall and CPU seconds, load average around it."""

    out: str
    peak: int
    seconds: float
    cpu_seconds: float
    load: tuple[float, float]


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run_measured(cmd: list[str], env: dict[str, str] | None = None) -> Measured:
    """Run `cmd` from the repository root and measure it.

    Its CPU time is the growth of this process's reaped-children CPU (RUSAGE_CHILDREN) across
    the run: the command and whatever it waited for, nothing else (the benchmark runs one
    command at a time).

    Raises:
        BenchError: it exited non-zero (naming the command, with the end of its stderr).
    """
    load0, cpu0 = os.getloadavg()[0], _children_cpu()
    proc = subprocess.Popen(
        cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, **(env or {})}
    )
    # Drain pipes in threads via communicate after waiting would deadlock on big output; the
    # ETL and the raw script print a few lines only, so waiting first is safe.
    code, peak, secs = wait_exit_with_peak(proc)
    out, err = proc.communicate()
    if code != 0:
        raise BenchError(f"{' '.join(cmd)} exited {code}: {err.strip()[-2000:]}")
    return Measured(out, peak, secs, _children_cpu() - cpu0, (load0, os.getloadavg()[0]))


def etl_command(csv: Path, db: Path) -> list[str]:
    """The measured ETL command line."""
    return [sys.executable, "-m", "etl", "run", "--source", str(csv), "--db", str(db), "--no-demo", "--quiet"]


def measure(csv: Path, db: Path, rows: int, threads: int | None = None, log=print) -> EtlResult:
    """Load `csv` into a fresh `db` with the real ETL, then time DuckDB's raw read of the same file.

    Afterwards `db` holds the synthetic rows plus the bundled real sources (a second, incremental
    run), which is the warehouse the query and browser benchmarks read.

    Args:
        csv: the synthetic CSV.
        db: the warehouse to (re)build.
        rows: rows in `csv` (for the throughput figures).
        threads: DuckDB threads for the raw read (default: the ETL's QM_ETL_THREADS or 2).
        log: progress lines.

    Raises:
        BenchError: the ETL or the raw read failed.
    """
    threads = threads or int(os.environ.get("QM_ETL_THREADS", "2"))
    warm_page_cache(csv)
    raw_db = db.with_name(db.name + ".raw-read.duckdb")
    _remove_db(raw_db)
    try:
        raw = run_measured([sys.executable, "-c", _RAW_SCRIPT, str(csv), str(raw_db), str(threads)])
    finally:
        _remove_db(raw_db)
    raw_rows = json.loads(raw.out.strip().splitlines()[-1])["rows"]
    log(
        f"bench: raw read_csv {raw_rows:,} rows in {raw.seconds:.1f} s ({raw_rows / raw.seconds:,.0f} rows/s), "
        f"CPU {raw.cpu_seconds:.1f} s, load {raw.load[0]:.1f} -> {raw.load[1]:.1f}"
    )

    _remove_db(db)
    etl = run_measured(etl_command(csv, db))
    m = _SUMMARY.search(etl.out)
    if not m:
        raise BenchError(f"etl run printed no summary line: {etl.out.strip()[-500:]}")
    read, added, _upd, _unch, rejected = (int(g.replace(",", "")) for g in m.groups())
    log(
        f"bench: etl run {read:,} rows in {etl.seconds:.1f} s ({rows / etl.seconds:,.0f} rows/s), "
        f"CPU {etl.cpu_seconds:.1f} s, peak {etl.peak / 2**20:,.0f} MB, load {etl.load[0]:.1f} -> {etl.load[1]:.1f}"
    )

    # no --no-demo here: it would delete the benchmark's own rows (they are is_synthetic)
    inc_cmd = [sys.executable, "-m", "etl", "run", "--source", str(SOURCES_DIR), "--db", str(db), "--quiet"]
    inc = run_measured(inc_cmd)
    log(f"bench: incremental run (bundled real sources) in {inc.seconds:.1f} s")
    return EtlResult(
        rows_in_file=rows,
        rows_read=read,
        rows_added=added,
        rows_rejected=rejected,
        etl_seconds=etl.seconds,
        etl_rows_per_s=rows / etl.seconds,
        etl_peak_rss_mb=etl.peak / 2**20,
        raw_seconds=raw.seconds,
        raw_rows_per_s=raw_rows / raw.seconds,
        raw_peak_rss_mb=raw.peak / 2**20,
        ratio_etl_to_raw=(rows / etl.seconds) / (raw_rows / raw.seconds),
        incremental_seconds=inc.seconds,
        incremental_peak_rss_mb=inc.peak / 2**20,
        etl_cpu_seconds=etl.cpu_seconds,
        raw_cpu_seconds=raw.cpu_seconds,
        cpu_ratio_etl_to_raw=(raw.cpu_seconds / etl.cpu_seconds) * (rows / raw_rows) if etl.cpu_seconds else 0.0,
        load_etl=etl.load,
        load_raw=raw.load,
    )


def as_dict(result: EtlResult) -> dict:
    """JSON-ready figures."""
    return asdict(result)
