"""AppTest fixtures: the ETL-built db (`built_db`) when available, else the hand-made one."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.analytics.conftest import build_tiny_db


@pytest.fixture(scope="session")
def app_db(request, tmp_path_factory) -> Path:
    """Database the dashboard is tested against."""
    try:
        return Path(request.getfixturevalue("built_db"))
    except pytest.FixtureLookupError:
        return build_tiny_db(tmp_path_factory.mktemp("ui") / "quality.duckdb")
