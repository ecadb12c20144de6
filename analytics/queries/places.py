"""Places: the region tree, and figures per child region of a map view (analytics.places explains views).

Records above the level a view draws (a city-wide 上海市 record in the 上海市 view) are counted
apart, never dropped: ``ViewFigures.own_level``.
"""

# ruff: noqa: S608  -- SQL text is built only from whitelisted column names and Filters.where()
# fragments that hold placeholders; every value is bound.

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from analytics.db import Warehouse
from analytics.filters import REGION_COLUMNS, Filters
from analytics.places import RegionTree
from analytics.queries import units
from analytics.queries.cache import SnapshotCache
from analytics.queries.routing import route
from analytics.queries.units import FOLD_COLUMNS, UNITS


def region_tree(wh: Warehouse) -> RegionTree:
    """Grain: one RegionTree for the warehouse: every current region (about 3,240)."""
    frame = wh.query(
        "SELECT adcode, level, parent_adcode, name_zh, name_en, short_zh FROM regions WHERE status = 'current'"
    )
    return RegionTree.from_frame(frame)


def view_boundaries(wh: Warehouse, view: str | None) -> pd.DataFrame:
    """Grain: one row per child region of `view` that has a boundary: adcode, names, GeoJSON, centroid.

    Args:
        view: a region drawn by its children (``RegionTree.shown``), None = the provinces.
    """
    cond = "r.parent_adcode = $view" if view else "r.level = 'province'"
    return wh.query(
        "SELECT b.adcode, r.name_zh, r.name_en, r.short_zh, b.geojson, b.centroid_lon, b.centroid_lat "
        f"FROM region_boundaries b JOIN regions r USING (adcode) WHERE r.status = 'current' AND {cond} "
        "ORDER BY b.adcode",
        {"view": view} if view else None,
    )


@dataclass(frozen=True)
class ViewFigures:
    """Figures of one map view.

    Attributes:
        children: one row per child region of the view (adcode, name_zh, name_en, activities,
            per-unit sums and qualifiers; figures NULL = not reported), as ``queries.by_district``.
        own_level: activities in the view's region that name no child (a city-wide record
            in the city's view); 0 when none.
        level: the children's level (province, city or district).
    """

    children: pd.DataFrame
    own_level: int
    level: str


def _view_filters(f: Filters, region: str | None) -> Filters:
    """The filters a view is drawn with: the user's, with the place replaced by the view's region."""
    return replace(f, districts=(region,) if region else ())


# A view's children do not depend on the filters: looked up once per view and snapshot, not twice per
# filter change (view_figures and view_years each need them). Shared read-only.
_CHILDREN = SnapshotCache(64, filtered=False)


def _view_children(wh: Warehouse, view: str | None) -> pd.DataFrame:
    """Grain: one row per child region of `view` (None = the provinces): adcode, level, names (never modify it)."""

    def compute() -> pd.DataFrame:
        cond = "parent_adcode = $view" if view else "level = 'province'"
        return wh.query(
            f"SELECT adcode, level, name_zh, name_en FROM regions WHERE status = 'current' AND {cond} ORDER BY adcode",
            {"view": view} if view else None,
        )

    return _CHILDREN.get(wh, view, compute)


# Base-table aggregates of a view shared by view_figures and view_years, per (selection, column).
_GROUPS = SnapshotCache(8)


def _view_groups(wh: Warehouse, g: Filters, column: str):
    """Grain: one row per (child region, year, unit, qualifier) of the selection: rows ``n``, participants ``s``.

    When no roll-up covers the filters (a place x vocabulary selection), the view's figures and its
    years both need the base table; this one scan answers both (each folds it).
    """

    def compute():
        where, params = g.where("a")
        return wh.arrow(
            f"SELECT {column}, year, participants_unit, participants_qualifier, count(*) AS n, "
            f"CAST(sum(participants) AS BIGINT) AS s FROM activities a WHERE {where} GROUP BY ALL",
            params,
        )

    return _GROUPS.get(wh, (g, column), compute)


def view_figures(wh: Warehouse, f: Filters, view: str | None, region: str | None = None) -> ViewFigures:
    """Grain: one row per child region of `view`, plus the view's own-level count (see ViewFigures).

    Args:
        view: the region whose children are drawn (``RegionTree.view_for``), None = the country.
        region: the region the view stands for (``RegionTree.top(view)``: 上海市 310000 for the
            view of its one city 310100), default `view`. The place filter is replaced by it (the
            map shows every sibling; the selection is outlined); every other filter applies, and
            its records that name no child are ``own_level``.
    """
    kids = _view_children(wh, view)
    level = str(kids["level"].iloc[0]) if len(kids) else "district"
    column = REGION_COLUMNS[level]
    g = _view_filters(f, region or view)
    where, params = g.where("a")
    src = route(wh, g, column)
    folded = route(wh, g, column, "year")
    data = units.of_any_years(wh, g, folded, column, f"{column} AS adcode") if folded.rollup else None
    rows = data.rows(g.years) if data is not None else None
    if rows:  # (no row: the query below gives the empty frame's types)
        figures = units.fold(data, rows, "adcode").drop(columns="share")
    elif src.rollup:
        sql = (
            f"SELECT {column} AS adcode, {src.count} AS activities, {src.units} FROM {src.table} a "
            f"WHERE {where} GROUP BY {column}"
        )
        figures = wh.query(sql, params)
    else:
        # one scan of the base table serves this and view_years (see _view_groups)
        figures = wh.query(
            f"SELECT {column} AS adcode, CAST(sum(g.n) AS BIGINT) AS activities, "
            f"{FOLD_COLUMNS} FROM view_groups g GROUP BY {column}",
            tables={"view_groups": _view_groups(wh, g, column)},
        )
    own = figures[figures["adcode"].isna()]
    own_level = int(own["activities"].sum()) if len(own) else 0
    out = kids.drop(columns="level").merge(figures[figures["adcode"].notna()], on="adcode", how="left")
    for name in ("activities", *UNITS):
        if name in out:
            out[name] = out[name].astype("Int64")
    out = out.sort_values(["activities", "adcode"], ascending=[False, True], na_position="last", ignore_index=True)
    return ViewFigures(out, own_level, level)


def view_years(wh: Warehouse, f: Filters, view: str | None, region: str | None = None) -> pd.DataFrame:
    """Grain: one row per (child region of `view`, year of the selection); activities NULL = not reported.

    Same layout as ``queries.district_year`` (adcode, name_zh, name_en, year, activities); `view`
    and `region` as in ``view_figures``.
    """
    kids = _view_children(wh, view)
    level = str(kids["level"].iloc[0]) if len(kids) else "district"
    column = REGION_COLUMNS[level]
    g = _view_filters(f, region or view)
    where, params = g.where("a")
    src = route(wh, g, column, "year")
    data = units.of_any_years(wh, g, src, column, f"{column} AS adcode") if src.rollup else None
    rows = data.rows(g.years, dated=True) if data is not None else None
    if rows is not None:
        adcodes = data.columns["adcode"]
        rows = [i for i in rows if not units.missing(adcodes[i])]
    if rows:  # (no row: the query below gives the empty frame's types)
        counts = data.frame(rows, ("adcode", "year", "activities"), year="int16")
    elif src.rollup:
        counts = wh.query(
            f"SELECT {column} AS adcode, year, {src.count} AS activities FROM {src.table} a "
            f"WHERE {where} AND {column} IS NOT NULL AND year IS NOT NULL GROUP BY ALL",
            params,
        )
    else:
        counts = wh.query(
            f"SELECT {column} AS adcode, year, CAST(sum(g.n) AS BIGINT) AS activities "
            f"FROM view_groups g WHERE {column} IS NOT NULL AND year IS NOT NULL GROUP BY ALL",
            tables={"view_groups": _view_groups(wh, g, column)},
        )
    years = sorted(int(y) for y in counts["year"].unique())
    grid = pd.DataFrame(
        [
            (k, n_zh, n_en, y)
            for k, n_zh, n_en in kids[["adcode", "name_zh", "name_en"]].itertuples(index=False)
            for y in years
        ],
        columns=["adcode", "name_zh", "name_en", "year"],
    )
    counts["year"] = counts["year"].astype(int)
    counts["activities"] = counts["activities"].astype("Int64")
    return grid.merge(counts, on=["adcode", "year"], how="left")


def data_provinces(wh: Warehouse) -> tuple[str, ...]:
    """Grain: one code per province with at least one record (unfiltered), in adcode order."""
    src = route(wh, None, "province_adcode")
    return tuple(
        r[0]
        for r in wh.rows(
            f"SELECT DISTINCT province_adcode FROM {src.table} WHERE province_adcode IS NOT NULL ORDER BY 1"
        )
    )
