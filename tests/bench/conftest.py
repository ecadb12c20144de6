"""Fixtures of the benchmark tests: a small national warehouse built by the real ETL.

`bench_db` (session): 4,000 synthetic national rows (etl.synth, seed 7) plus the bundled real
sources, loaded by ``etl.pipeline.run_pipeline``: every page has data, demo and real rows mix,
and the district filter has thousands of districts to choose from.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from domain.config import SOURCES_DIR


@pytest.fixture(scope="session")
def bench_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from etl import synth

    path = tmp_path_factory.mktemp("bench_csv") / "synth.csv"
    synth.write(4000, path, seed=7, scope="national")
    return path


@pytest.fixture(scope="session")
def bench_db(tmp_path_factory: pytest.TempPathFactory, bench_csv: Path) -> Path:
    from etl.pipeline import run_pipeline

    db = tmp_path_factory.mktemp("bench_db") / "quality.duckdb"
    run_pipeline([bench_csv, SOURCES_DIR], db, demo=False, progress=False)
    return db
