"""bench/etl_profile.py on a small file: the real ETL, each statement timed, the costly ones named."""

from __future__ import annotations

from pathlib import Path

import duckdb

import etl.publish
from bench import etl_profile


def test_profile_times_the_first_load_statements(tmp_path: Path, bench_csv: Path) -> None:
    db = tmp_path / "w.duckdb"
    real = etl.publish.connect_writer
    p = etl_profile.profile(bench_csv, db)
    assert etl.publish.connect_writer is real  # the timing wrapper is taken off again
    assert p.rows_read == 4000
    texts = [s.sql for s in p.statements]
    # the first load's single insert, the keys scan and the locator update are all seen
    assert any(t.startswith("INSERT INTO run_staged") for t in texts)
    assert any("GROUPING SETS" in t for t in texts)
    assert any(t.startswith("UPDATE run_staged SET source_row") for t in texts)
    assert all(s.cpu >= 0 and s.wall >= 0 for s in p.statements)
    assert sum(s.wall for s in p.statements) <= p.wall
    assert p.top(3) == sorted(p.statements, key=lambda s: -s.cpu)[:3]
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM activities").fetchone()[0] == 4000
    text = etl_profile.report(p, top=5)
    assert "rows read 4,000" in text
    assert len(text.splitlines()) == 3 + 5


def test_command_line_prints_the_report(tmp_path: Path, bench_csv: Path, capsys) -> None:
    etl_profile.main([str(bench_csv), "--db", str(tmp_path / "w.duckdb"), "--top", "2"])
    out = capsys.readouterr().out
    assert "load average at start" in out and "load average at end" in out
    assert "statements: wall" in out
