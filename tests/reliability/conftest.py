"""Fixtures of the fault tests: input files written here and warehouses built by the real ETL."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[2]
DISTRICTS = (
    "310101",
    "310104",
    "310105",
    "310106",
    "310107",
    "310109",
    "310110",
    "310112",
    "310113",
    "310114",
    "310115",
    "310116",
    "310117",
    "310118",
    "310120",
    "310151",
)
NAMES = (
    "黄浦",
    "徐汇",
    "长宁",
    "静安",
    "普陀",
    "虹口",
    "杨浦",
    "闵行",
    "宝山",
    "嘉定",
    "浦东",
    "金山",
    "松江",
    "青浦",
    "奉贤",
    "崇明",
)


def write_csv(path: Path, n: int, tag: str, city_rows: int = 0) -> Path:
    """`n` valid rows spread over the 16 districts (+ `city_rows` Shanghai-wide rows); ids carry `tag`."""
    lines = ["record_id,region,start_date,title,organizer,participants"]
    for i in range(n):
        d = NAMES[i % len(NAMES)]
        lines.append(f"{tag}-{i},{d},2024-09-{1 + i % 28:02d},{d}质量活动{tag}{i},{d}区市场监管局,{10 + i}")
    for i in range(city_rows):
        lines.append(f"{tag}-city-{i},上海市,2024-09-15,全市质量活动{tag}{i},上海市质量办,{100 + i}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def etl_cmd(db: Path, *sources: Path) -> list[str]:
    """The ETL command line as a scheduler would run it."""
    cmd = [sys.executable, "-m", "etl", "run", "--db", str(db), "--no-demo", "--quiet"]
    for s in sources:
        cmd += ["--source", str(s)]
    return cmd


def etl_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT)
    return env


def count(db: Path) -> int:
    """Activities in a published file, opened read-only (raises when it cannot be opened)."""
    con = duckdb.connect(":memory:")
    try:
        con.execute("ATTACH ? AS w (READ_ONLY)", [str(db)])
        return con.execute("SELECT count(*) FROM w.activities").fetchone()[0]
    finally:
        con.close()


@pytest.fixture(scope="session")
def small_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse with 64 district rows and 4 city-wide rows (template: copy before writing)."""
    from etl.pipeline import run_pipeline

    d = tmp_path_factory.mktemp("rel")
    src = write_csv(d / "base.csv", 64, "base", city_rows=4)
    db = d / "quality.duckdb"
    run_pipeline([src], db, demo=False)
    return db
