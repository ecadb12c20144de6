"""Districts: the district list, figures per district and per (district, year), boundaries.

A district with no record in the selection is listed with NULL figures ("not reported").
"""

# ruff: noqa: S608  -- SQL text here is built only from whitelisted identifiers and
# Filters.where() fragments that hold placeholders; every value is bound.

from __future__ import annotations

import pandas as pd
import pyarrow as pa

from analytics.db import Warehouse
from analytics.filters import Filters, region_groups
from analytics.queries.cache import SnapshotCache
from analytics.queries.routing import route
from analytics.queries.units import FOLD_COLUMNS, UNITS

# Base-table aggregates shared by the Districts page's queries, per selection.
_GROUPS = SnapshotCache(8)
# The district list (unfiltered, so one per published snapshot).
_LIST = SnapshotCache(4, filtered=False)


def district_groups(wh: Warehouse, f: Filters) -> pa.Table:
    """Grain: one row per (district, year, unit, qualifier) of the selection: rows ``n``, participants ``s``.

    When no roll-up covers the filters (district x vocabulary), ``by_district`` and ``district_year``
    both need a scan of the base table; this one scan answers both (they fold it), so a filter
    change on the Districts page costs one scan, not two. Kept per published snapshot.
    """

    def compute() -> pa.Table:
        where, params = f.where("a")
        return wh.arrow(
            f"SELECT district_adcode, year, participants_unit, participants_qualifier, count(*) AS n, "
            f"CAST(sum(participants) AS BIGINT) AS s FROM activities a WHERE {where} AND district_adcode IS NOT NULL GROUP BY ALL",
            params,
        )

    return _GROUPS.get(wh, f, compute)


def district_list(wh: Warehouse) -> pa.Table:
    """Grain: one row per district drawn on the map plus any district a record points to: adcode, names.

    It does not depend on the filters, and the DISTINCT over the district roll-up (350k rows at
    10M records) was the largest fixed cost of the Districts page's small selections, so it is
    computed once per published snapshot.
    """

    def compute() -> pa.Table:
        src = route(wh, None, "district_adcode")
        return wh.arrow(
            "SELECT r.adcode, r.name_zh, r.name_en, r.short_zh FROM regions r "
            "WHERE r.parent_adcode = '310100' AND r.level = 'district' AND r.status = 'current' "
            "UNION "
            "SELECT x.district_adcode, coalesce(r.name_zh, x.district_adcode), "
            "       coalesce(r.name_en, x.district_adcode), r.short_zh "
            f"FROM (SELECT DISTINCT district_adcode FROM {src.table} WHERE district_adcode IS NOT NULL) x "
            "LEFT JOIN regions r ON r.adcode = x.district_adcode"
        )

    return _LIST.get(wh, "district_list", compute)


_DISTRICTS_CTE = "d AS (SELECT * FROM district_list)"
# by_district's figures of ``c``, named one by one (a star with exclusions is not portable SQL)
_FIGURES = ", ".join(["c.activities", *(f"c.{u}, c.{u}_q" for u in UNITS)])


def districts(wh: Warehouse) -> pd.DataFrame:
    """Grain: one row per district (map districts plus any district in the data): adcode and names."""
    return wh.query(
        f"WITH {_DISTRICTS_CTE} SELECT * FROM d ORDER BY adcode", tables={"district_list": district_list(wh)}
    )


def _only_selected(f: Filters) -> tuple[str, dict[str, object]]:
    """WHERE over the district list ``d``: with a district filter, the other districts are not
    "not reported", they are out of scope: leave them out instead of showing them empty."""
    # (a province or city pick is drawn by analytics.places, which lists that region's children)
    picked = region_groups(f.districts).get("district")
    if not picked:
        return "", {}
    sql, params = Filters(districts=tuple(picked)).where("d", rename={"district_adcode": "adcode"})
    return f"WHERE {sql}", params


def by_district(wh: Warehouse, f: Filters) -> pd.DataFrame:
    """Grain: one row per district (the selected ones, or all); figures NULL when it reported nothing."""
    src = route(wh, f, "district_adcode")
    tables = {"district_list": district_list(wh)}
    if src.rollup:
        where, params = f.where("a")
        c = (
            f"SELECT district_adcode AS adcode, {src.count} AS activities, {src.units} FROM {src.table} a "
            f"WHERE {where} AND district_adcode IS NOT NULL GROUP BY district_adcode"
        )
    else:
        tables["district_groups"] = district_groups(wh, f)
        params = {}
        c = (
            f"SELECT district_adcode AS adcode, CAST(sum(g.n) AS BIGINT) AS activities, {FOLD_COLUMNS} "
            f"FROM district_groups g GROUP BY district_adcode"
        )
    only, only_params = _only_selected(f)
    sql = (
        f"WITH {_DISTRICTS_CTE}, c AS ({c}) "
        f"SELECT d.adcode, d.name_zh, d.name_en, {_FIGURES} "
        f"FROM d LEFT JOIN c USING (adcode) {only} "
        f"ORDER BY c.activities DESC NULLS LAST, d.adcode"
    )
    return wh.query(sql, {**params, **only_params}, tables=tables)


def district_year(wh: Warehouse, f: Filters) -> pd.DataFrame:
    """Grain: one row per (district, year) of the selection; activities NULL = not reported that year.

    Years are those with any record in the selection; districts as in ``by_district``.
    """
    where, params = f.where("a")
    ys = route(wh, f, "year")
    src = route(wh, f, "district_adcode", "year")
    tables = {"district_list": district_list(wh)}
    if src.rollup:
        c = (
            f"SELECT district_adcode AS adcode, year, {src.count} AS activities FROM {src.table} a "
            f"WHERE {where} AND district_adcode IS NOT NULL AND year IS NOT NULL GROUP BY ALL"
        )
    else:
        tables["district_groups"] = district_groups(wh, f)
        c = (
            "SELECT district_adcode AS adcode, year, CAST(sum(g.n) AS BIGINT) AS activities "
            "FROM district_groups g WHERE year IS NOT NULL GROUP BY ALL"
        )
    only, only_params = _only_selected(f)
    sql = (
        f"WITH {_DISTRICTS_CTE}, "
        f"y AS (SELECT DISTINCT year FROM {ys.table} a WHERE {where} AND year IS NOT NULL), "
        f"c AS ({c}) "
        f"SELECT d.adcode, d.name_zh, d.name_en, y.year, c.activities "
        f"FROM d CROSS JOIN y LEFT JOIN c ON c.adcode = d.adcode AND c.year = y.year {only} "
        f"ORDER BY d.adcode, y.year"
    )
    return wh.query(sql, {**params, **only_params}, tables=tables)


def boundaries(wh: Warehouse) -> pd.DataFrame:
    """Grain: one row per Shanghai district with a boundary: adcode, names, GeoJSON, centroid.

    (Every other level's boundaries are read per map view by ``analytics.places.view_boundaries``.)
    """
    return wh.query(
        "SELECT b.adcode, r.name_zh, r.name_en, r.short_zh, b.geojson, b.centroid_lon, b.centroid_lat "
        "FROM region_boundaries b JOIN regions r USING (adcode) WHERE r.level = 'district' "
        "AND r.parent_adcode = '310100' ORDER BY b.adcode"
    )
