"""The dashboard freezes the server's long-lived objects once, so Streamlit's collection after each run skips them."""

from __future__ import annotations

import gc

import pytest

from tests.ui.test_pages import _app
from ui import heap


@pytest.fixture
def thawed(monkeypatch):
    """A process whose heap is not frozen yet (restored to unfrozen afterwards)."""
    gc.unfreeze()
    monkeypatch.setattr(heap, "_frozen", False)
    yield
    gc.unfreeze()


def test_freeze_once_freezes_only_on_the_first_call(thawed) -> None:
    assert heap.freeze_once() is True
    frozen = gc.get_freeze_count()
    assert frozen > 0
    kept = [object() for _ in range(10)]  # made after the freeze: not frozen by a second call
    assert heap.freeze_once() is False
    assert gc.get_freeze_count() <= frozen
    del kept


def test_dashboard_run_freezes_the_long_lived_heap(app_db, monkeypatch, thawed) -> None:
    at = _app(app_db, monkeypatch)
    frozen = gc.get_freeze_count()
    # modules, warehouse, options, region tree: a collection after the run walks far fewer objects
    assert frozen > 10_000
    assert len(gc.get_objects()) < frozen / 2
    at.run()
    assert not at.exception
    assert gc.get_freeze_count() <= frozen  # not frozen again: a run's own objects stay collectable
