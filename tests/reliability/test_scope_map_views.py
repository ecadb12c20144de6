"""A district-scoped user's map views: every sibling region is drawn, but only records of the scope count.

The map replaces the user's place pick by the view's region (so siblings appear around the pick);
the access scope is not a pick and must survive that replacement. Runs every map-view query of
the catalogue, so a view query added later is covered.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest

from access.policy import Policy, Principal
from access.roles import Role
from analytics.db import Warehouse
from analytics.filters import Filters
from analytics.queries.catalog import filtered_queries, is_map_view

MAP_VIEWS = [(name, fn) for name, fn in filtered_queries() if is_map_view(fn)]


def district_counts(db: Path) -> dict[str, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(
            "SELECT district_adcode, count(*) FROM activities WHERE district_adcode IS NOT NULL GROUP BY 1"
        ).fetchall()
    return dict(rows)


def figures(answer) -> pd.DataFrame:
    frame = answer.children if hasattr(answer, "children") else answer
    return frame.groupby("adcode", as_index=False)["activities"].sum(min_count=1)


def test_catalogue_has_the_map_views() -> None:
    assert {"view_figures", "view_years"} <= {name for name, _ in MAP_VIEWS}


@pytest.mark.parametrize(("name", "fn"), MAP_VIEWS, ids=[n for n, _ in MAP_VIEWS])
@pytest.mark.parametrize("pick", [(), ("310115",), ("310104",)], ids=["no-pick", "pick-outside", "pick-inside"])
def test_scoped_map_view_counts_only_the_scope(small_db: Path, name, fn, pick) -> None:
    truth = district_counts(small_db)
    scope = "310104"
    assert truth.get(scope, 0) > 0 and sum(truth.values()) > truth[scope]
    f = Policy(Principal("v", Role.VIEWER, frozenset({scope}))).apply(Filters(districts=pick))
    shown = figures(fn(Warehouse(small_db), f, "310100"))
    counted = shown[shown["activities"].fillna(0) > 0]
    assert set(counted["adcode"]) == {scope}
    assert int(counted["activities"].sum()) == truth[scope]
    # without a scope the same view counts every district: the test can see a leak when there is one
    everyone = figures(fn(Warehouse(small_db), Filters(districts=pick), "310100"))
    assert int(everyone["activities"].fillna(0).sum()) == sum(truth.values())
