"""bench/etl_bench.py and bench/data.py on a small file: the real ETL, the raw read, the cache."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from bench import data, etl_bench


def test_measure_builds_the_warehouse_and_reports_throughput(tmp_path: Path, bench_csv: Path) -> None:
    db = tmp_path / "w.duckdb"
    r = etl_bench.measure(bench_csv, db, 4000, log=lambda *_: None)
    assert r.rows_read == 4000
    assert r.rows_added + r.rows_rejected == 4000
    assert r.etl_rows_per_s > 0 and r.raw_rows_per_s > 0
    assert r.ratio_etl_to_raw == pytest.approx(r.etl_rows_per_s / r.raw_rows_per_s)
    assert r.etl_peak_rss_mb > 20
    # CPU seconds of each command (the ETL does more work than the raw read) and the load around it
    assert r.etl_cpu_seconds > r.raw_cpu_seconds > 0
    assert r.cpu_ratio_etl_to_raw == pytest.approx(r.raw_cpu_seconds / r.etl_cpu_seconds)
    assert all(x >= 0 for x in (*r.load_etl, *r.load_raw))
    with duckdb.connect(str(db), read_only=True) as con:
        real, synthetic = con.execute(
            "SELECT count(*) FILTER (NOT is_synthetic), count(*) FILTER (is_synthetic) FROM activities"
        ).fetchone()
    assert synthetic == r.rows_added
    assert real > 0  # the incremental run added the bundled real sources
    assert not list(tmp_path.glob("*.raw-read*"))


def test_failed_command_names_itself(tmp_path: Path) -> None:
    missing = tmp_path / "missing.csv"
    missing.write_text("not,a,record,file\n", encoding="utf-8")
    with pytest.raises(etl_bench.BenchError, match="etl run"):
        etl_bench.run_measured([*etl_bench.etl_command(tmp_path / "nope.csv", tmp_path / "w.duckdb")])


def test_csv_cache_is_reused_and_keyed_by_generator(tmp_path: Path) -> None:
    lines: list[str] = []
    first = data.ensure_csv(50, tmp_path, lines.append)
    mtime = first.stat().st_mtime_ns
    again = data.ensure_csv(50, tmp_path, lines.append)
    assert again == first and again.stat().st_mtime_ns == mtime
    assert "using cached" in lines[-1]
    assert data.generator_hash() in first.name and "-50-" in first.name
    assert sum(1 for _ in first.open(encoding="utf-8")) == 51
