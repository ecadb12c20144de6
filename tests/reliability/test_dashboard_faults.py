"""A corrupt or vanished warehouse never takes the dashboard down: it keeps serving the last good
snapshot and says so; with no good snapshot at all it says what is wrong instead of crashing."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from analytics import queries
from analytics.db import Warehouse
from analytics.filters import Filters
from bench.reliability import count
from tests.reliability.conftest import ROOT
from ui.state import LOAD_COMMAND

CORRUPTIONS = {
    "garbage": lambda good: b"\x00not a duckdb file\x00" * 4096,
    "truncated": lambda good: good[: len(good) // 3],
    "empty": lambda good: b"",
    "flipped-header": lambda good: bytes(b ^ 0xFF for b in good[:8192]) + good[8192:],
}


def publish_bytes(db: Path, data: bytes) -> None:
    """Replace the published file the way a publish does (new inode, atomic rename)."""
    tmp = db.with_name(db.name + ".incoming")
    tmp.write_bytes(data)
    os.replace(tmp, db)


@pytest.mark.parametrize("kind", list(CORRUPTIONS))
def test_warehouse_keeps_the_last_good_snapshot(tmp_path: Path, small_db: Path, kind: str) -> None:
    db = tmp_path / "quality.duckdb"
    shutil.copyfile(small_db, db)
    wh = Warehouse(db)
    good = queries.kpis(wh, Filters()).total.activities
    assert good == count(small_db)
    publish_bytes(db, CORRUPTIONS[kind](small_db.read_bytes()))
    assert queries.kpis(wh, Filters()).total.activities == good
    assert queries.count_records(wh, Filters(districts=("310104",))) > 0
    assert "serving the last good snapshot" in str(wh.stale_reason) and str(db) in str(wh.stale_reason)
    # the next good publish is picked up and the warning clears
    publish_bytes(db, small_db.read_bytes())
    assert queries.kpis(wh, Filters()).total.activities == good and wh.stale_reason is None


def test_vanished_file_keeps_serving(tmp_path: Path, small_db: Path) -> None:
    db = tmp_path / "quality.duckdb"
    shutil.copyfile(small_db, db)
    wh = Warehouse(db)
    n = queries.count_records(wh, Filters())
    db.unlink()
    assert queries.count_records(wh, Filters()) == n
    assert "cannot stat" in str(wh.stale_reason)


def app(db: Path) -> AppTest:
    os.environ["QM_DB"] = str(db)
    return AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)


@pytest.fixture
def restore_env():
    old = os.environ.get("QM_DB")
    yield
    if old is None:
        os.environ.pop("QM_DB", None)
    else:
        os.environ["QM_DB"] = old


def test_dashboard_with_only_a_corrupt_file_says_so(tmp_path: Path, restore_env) -> None:
    db = tmp_path / "quality.duckdb"
    db.write_bytes(b"\x00corrupt\x00" * 1000)
    at = app(db).run()
    assert not at.exception
    shown = " ".join(str(e.value) for e in [*at.error, *at.warning, *at.caption])
    assert str(db) in shown or "cannot open" in shown


def test_dashboard_serves_last_good_data_after_a_corrupt_publish(tmp_path: Path, small_db: Path, restore_env) -> None:
    db = tmp_path / "quality.duckdb"
    shutil.copyfile(small_db, db)
    at = app(db).run()
    assert not at.exception and not at.error
    publish_bytes(db, b"\x00corrupt\x00" * 1000)
    at.run()
    assert not at.exception
    warnings = " ".join(str(w.value) for w in at.warning)
    # the reason in the page's language (Chinese by default): the file named, no English words
    assert "仍显示上一版可用数据" in warnings and str(db) in warnings
    assert not re.search("[A-Za-z]{2,}", warnings.replace(str(db), "")), warnings
    assert not at.error


def test_dashboard_says_in_chinese_why_nothing_is_served(tmp_path: Path, restore_env) -> None:
    """A fresh install (no file yet) and a warehouse written by an older ETL: the reason under the
    "no data" banner is Chinese on the Chinese UI, naming the file (and the command to run)."""
    db = tmp_path / "quality.duckdb"
    at = app(db).run()
    shown = " ".join(str(e.value) for e in [*at.error, *at.caption])
    assert "找不到或无法访问已发布的数据文件" in shown and str(db) in shown
    assert not re.search("[A-Za-z]{2,}", shown.replace(str(db), "").replace(LOAD_COMMAND, "")), shown
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE activities (record_id VARCHAR)")
    con.close()
    at = app(db).run()
    shown = " ".join(str(e.value) for e in [*at.error, *at.caption])
    assert "由旧版本 ETL 写入" in shown and "source_row" in shown and LOAD_COMMAND in shown
