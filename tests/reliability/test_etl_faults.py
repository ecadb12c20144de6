"""ETL faults: a second run exits at once; SIGKILL at any point leaves the published file as it was
(before or after, never between); a corrupt inbox file does not stop a run."""

from __future__ import annotations

import random
import shutil
import signal
import subprocess
import time
from pathlib import Path

import duckdb
import pytest

from bench.reliability import count, etl_cmd, etl_env
from etl.lock import exclusive
from tests.reliability.conftest import write_csv


def test_second_run_exits_at_once_naming_the_holder(tmp_path: Path) -> None:
    db = tmp_path / "quality.duckdb"
    src = write_csv(tmp_path / "a.csv", 3, "a")
    with exclusive(db, "holder-run-1"):
        t0 = time.monotonic()
        proc = subprocess.run(etl_cmd(db, src), env=etl_env(), capture_output=True, text=True, timeout=60)
        elapsed = time.monotonic() - t0
    assert proc.returncode == 75
    assert "another run is loading" in proc.stderr and "holder-run-1" in proc.stderr
    assert str(db) in proc.stderr
    # "at once": no waiting for the lock (the bound is interpreter start-up on a busy 2-core box)
    assert elapsed < 20
    assert not db.exists()
    # the lock is free again afterwards
    ok = subprocess.run(etl_cmd(db, src), env=etl_env(), capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0, ok.stderr
    assert count(db) == 3


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_sigkill_at_a_random_point_leaves_published_data_as_it_was(tmp_path: Path, small_db: Path, seed: int) -> None:
    db = tmp_path / "quality.duckdb"
    shutil.copyfile(small_db, db)
    before = count(db)
    extra = write_csv(tmp_path / "extra.csv", 400, f"x{seed}")
    after = before + 400
    proc = subprocess.Popen(etl_cmd(db, extra), env=etl_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # A full run takes a few seconds here (mostly imports); any point in it is fair game.
    time.sleep(random.Random(seed).uniform(0.2, 4.0))
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert count(db) in (before, after)
    # The kernel released the lock with the process: the next scheduled run goes through.
    again = subprocess.run(etl_cmd(db, extra), env=etl_env(), capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    assert count(db) == after


def test_corrupt_inbox_files_do_not_stop_the_run(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write_csv(inbox / "good.csv", 10, "good")
    (inbox / "broken.xlsx").write_bytes(b"PK\x03\x04 this zip stops here")
    (inbox / "binary.csv").write_bytes(bytes(range(256)) * 64)
    (inbox / "empty.csv").write_bytes(b"")
    (inbox / "truncated.docx").write_bytes(b"PK\x03\x04\x14\x00\x00\x00")
    db = tmp_path / "quality.duckdb"
    proc = subprocess.run(etl_cmd(db, inbox), env=etl_env(), capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert count(db) == 10
    con = duckdb.connect(":memory:")
    con.execute("ATTACH ? AS w (READ_ONLY)", [str(db)])
    status = dict(con.execute("SELECT source, status FROM w.source_files").fetchall())
    reasons = dict(con.execute("SELECT source, reason FROM w.rejects WHERE locator IS NULL").fetchall())
    con.close()
    assert status["good.csv"] == "ok"
    for name in ("broken.xlsx", "binary.csv", "empty.csv", "truncated.docx"):
        assert status[name] == "unreadable", (name, status)
        assert name in reasons[name]
