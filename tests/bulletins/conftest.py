"""Fixtures shared by the reader's tests."""

from __future__ import annotations

import pytest

from domain.gazetteer import Gazetteer


@pytest.fixture(scope="session")
def gz() -> Gazetteer:
    """The shipped gazetteer, loaded once."""
    return Gazetteer.load()
