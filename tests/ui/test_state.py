"""ui.state: unfiltered results shared read-only by every session, not copied on every rerun."""

from __future__ import annotations

from analytics import queries
from analytics.filters import Filters
from ui import state


def test_shared_results_are_one_object_per_snapshot(app_db) -> None:
    # The sidebar's options and a view's boundaries are read on every rerun: one object, the same
    # as the query gives, rather than a copy unpickled from st.cache_data each time.
    wh = state.get_warehouse(str(app_db))
    ctx = state.Context(
        db=str(app_db), wh=wh, snapshot=wh.snapshot(), filters=Filters(), lang="zh", options=None, district_names={}
    )
    options = ctx.shared("options")
    assert options is ctx.shared("options")
    assert options == queries.options(wh)
    _wh, _snap, opened = state.open_warehouse(str(app_db))
    assert opened is options  # dashboard.py's options are the same shared object
    boundaries = ctx.shared("view_boundaries", None)
    assert boundaries is ctx.shared("view_boundaries", None)
    assert boundaries.equals(queries.view_boundaries(wh, None))
    assert len(boundaries) > 0
