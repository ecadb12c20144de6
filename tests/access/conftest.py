"""Fixtures of the access tests: small input files written here, and a warehouse built by the real ETL."""

from __future__ import annotations

from pathlib import Path

import pytest

GOOD_CSV = (
    "region,start_date,title,organizer,participants\n"
    "徐汇,2024-09-03,徐汇质量开放日,徐汇区市场监管局,约200人\n"
    "浦东,2024-09-05,浦东质量论坛,浦东新区质量协会,50\n"
    "火星基地,2024-09-06,无法识别的地区,某单位,10\n"
    "徐汇,2024-13-40,日期错误的活动,某单位,10\n"
)


@pytest.fixture(scope="session")
def published_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse published by the real ETL from the first two rows of GOOD_CSV."""
    from etl.pipeline import run_pipeline

    d = tmp_path_factory.mktemp("wh")
    src = d / "seed_upload.csv"
    src.write_text("\n".join(GOOD_CSV.splitlines()[:3]) + "\n", encoding="utf-8")
    db = d / "quality.duckdb"
    run_pipeline([src], db, demo=False)
    return db
