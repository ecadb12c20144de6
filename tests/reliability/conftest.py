"""Fixtures of the fault tests: input files written here and warehouses built by the real ETL.

The ETL command line, its environment and the row count of a published file are the fault
benchmark's own (bench/reliability.py), so the tests run the ETL exactly as it does.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.reliability import DISTRICT_NAMES

ROOT = Path(__file__).resolve().parents[2]
NAMES = tuple(DISTRICT_NAMES.values())  # Shanghai's 16 districts, short names


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


@pytest.fixture(scope="session")
def small_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse with 64 district rows and 4 city-wide rows (template: copy before writing)."""
    from etl.pipeline import run_pipeline

    d = tmp_path_factory.mktemp("rel")
    src = write_csv(d / "base.csv", 64, "base", city_rows=4)
    db = d / "quality.duckdb"
    run_pipeline([src], db, demo=False)
    return db
