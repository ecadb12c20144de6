"""Where an ETL run's time goes: the real pipeline on one file, with each SQL statement's wall and CPU time.

``python -m bench.etl_profile FILE [--db PATH] [--top N]`` runs ``etl.pipeline.run_pipeline`` on FILE
(demo rows off, as ``python -m etl run --no-demo``) into a fresh warehouse and prints the run's wall
and CPU time, the share spent inside DuckDB statements and the costliest statements. Run it under
``flock /work/notes/bench.lock`` like every benchmark, and read CPU seconds rather than wall when
the machine is busy.

Each statement's CPU time is the process's (every DuckDB thread's) user + system time across the
call, so a Python thread running meanwhile (the gazetteer loader) is counted into the statement it
overlaps. Statements run one at a time on the writer connection, so the figures add up.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import resource
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import etl.publish


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


@dataclass(frozen=True)
class Statement:
    """One SQL statement executed on the writer connection (grain: one call)."""

    wall: float
    cpu: float
    sql: str  # whitespace collapsed


@dataclass
class Profile:
    """One profiled ETL run."""

    wall: float = 0.0
    cpu: float = 0.0
    peak_rss_mb: float = 0.0
    rows_read: int = 0
    statements: list[Statement] = field(default_factory=list)

    def top(self, n: int) -> list[Statement]:
        """The `n` statements with the most CPU time, costliest first."""
        return sorted(self.statements, key=lambda s: -s.cpu)[:n]


class _Timed:
    """A DuckDB connection whose `execute` records each statement's wall and CPU time into `log`."""

    def __init__(self, con, log: list[Statement]) -> None:
        self._con = con
        self._log = log

    def __getattr__(self, name: str):
        return getattr(self._con, name)

    def execute(self, sql, *args, **kwargs):
        t0, c0 = time.perf_counter(), _cpu()
        try:
            return self._con.execute(sql, *args, **kwargs)
        finally:
            self._log.append(Statement(time.perf_counter() - t0, _cpu() - c0, " ".join(str(sql).split())))


@contextlib.contextmanager
def _timed_writer(log: list[Statement]) -> Iterator[None]:
    real = etl.publish.connect_writer
    etl.publish.connect_writer = lambda path: _Timed(real(path), log)
    try:
        yield
    finally:
        etl.publish.connect_writer = real


def profile(source: Path, db: Path) -> Profile:
    """Run the ETL on `source` into a new warehouse `db` (removed first) and time its statements."""
    from etl.pipeline import run_pipeline  # lazily: the module reads settings at import

    for p in (db, db.with_name(db.name + ".wal")):
        p.unlink(missing_ok=True)
    out = Profile()
    t0, c0 = time.perf_counter(), _cpu()
    with _timed_writer(out.statements):
        summary = run_pipeline([source], db, demo=False)
    out.wall, out.cpu = time.perf_counter() - t0, _cpu() - c0
    out.peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out.rows_read = summary.rows_read
    return out


def report(p: Profile, top: int = 15, width: int = 110) -> str:
    """The profile as text: totals, then the costliest statements (CPU s, wall s, share of CPU, SQL)."""
    sql_wall = sum(s.wall for s in p.statements)
    sql_cpu = sum(s.cpu for s in p.statements)
    lines = [
        f"rows read {p.rows_read:,}; run wall {p.wall:.1f} s, CPU {p.cpu:.1f} s, peak RSS {p.peak_rss_mb:,.0f} MB",
        f"{len(p.statements)} statements: wall {sql_wall:.1f} s, CPU {sql_cpu:.1f} s",
        f"{'CPU s':>7} {'wall s':>7} {'CPU %':>6}  statement",
    ]
    for s in p.top(top):
        share = 100 * s.cpu / p.cpu if p.cpu else 0.0
        lines.append(f"{s.cpu:7.2f} {s.wall:7.2f} {share:5.1f}%  {s.sql[:width]}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m bench.etl_profile", description=__doc__.splitlines()[0])
    ap.add_argument("source", type=Path, help="the file to load (e.g. a cached synthetic CSV of python -m bench)")
    ap.add_argument("--db", type=Path, default=Path("/tmp/etl-profile.duckdb"), help="the warehouse to (re)build")
    ap.add_argument("--top", type=int, default=15, help="how many statements to list")
    args = ap.parse_args(argv)
    print(f"load average at start {os.getloadavg()}")
    p = profile(args.source, args.db)
    print(report(p, args.top))
    print(f"load average at end {os.getloadavg()}")


if __name__ == "__main__":
    main()
