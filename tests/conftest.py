"""Shared fixtures: warehouses built by the real ETL from small fixture files.

`built_db` (session) runs `etl.pipeline.run_pipeline` on tests/fixtures/tabular/set/: a UTF-8 CSV
with English headers, a GBK CSV with Chinese headers, a UTF-8-BOM CSV, an XLSX with a merged
title row and totals rows, a JSON file, and a file with bad rows. Invented rows: several
districts (incl. former names, short and English forms, one region outside Shanghai), 2021-2024,
every activity type, several industries, all participant units and qualifiers.
`make_db(tmp_path, sources, demo=False)` builds another one on demand.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "tabular"
FIXTURE_SET = FIXTURES / "set"
EDGE = FIXTURES / "edge"


def _build(db_dir: Path, sources: Sequence[Path], demo: bool = False, name: str = "quality.duckdb") -> Path:
    from etl.pipeline import run_pipeline

    db_dir.mkdir(parents=True, exist_ok=True)
    db = db_dir / name
    run_pipeline([Path(s) for s in sources], db, demo=demo, progress=False)
    return db


@pytest.fixture(scope="session")
def built_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Path of a published warehouse built by the real ETL from the fixture set (read it read-only)."""
    return _build(tmp_path_factory.mktemp("built_db"), [FIXTURE_SET])


@pytest.fixture
def make_db() -> Callable[..., Path]:
    """Factory: make_db(tmp_path, sources, demo=False) -> path of a freshly published warehouse."""

    def factory(tmp_path: Path, sources: Sequence[Path], demo: bool = False) -> Path:
        return _build(Path(tmp_path), sources, demo=demo)

    return factory
