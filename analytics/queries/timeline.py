"""Time: activities and participants per year, activities per calendar month, undated rows."""

# ruff: noqa: S608  -- SQL text here is built only from whitelisted identifiers and
# Filters.where() fragments that hold placeholders; every value is bound.

from __future__ import annotations

import pandas as pd

from analytics.db import Warehouse
from analytics.filters import Filters
from analytics.queries.routing import route

# The twelve calendar months as a table (a VALUES list: every engine has one; DuckDB's range() is its own).
_MONTHS = "(VALUES " + ", ".join(f"({m})" for m in range(1, 13)) + ")"


def by_year(wh: Warehouse, f: Filters) -> pd.DataFrame:
    """Grain: one row per year with records: activities, and per-unit participants with qualifiers."""
    where, params = f.where("a")
    src = route(wh, f, "year")
    return wh.query(
        f"SELECT year, {src.count} AS activities, {src.units} FROM {src.table} a "
        f"WHERE {where} AND year IS NOT NULL GROUP BY year ORDER BY year",
        params,
    )


def by_month(wh: Warehouse, f: Filters) -> pd.DataFrame:
    """Grain: one row per calendar month 1-12 (activities summed over the selected years).

    Months with no activity are 0 here (a month is not a reporting unit); rows
    dated only to the year are counted in ``undated(...)``.
    """
    where, params = f.where("a")
    src = route(wh, f, "month")
    return wh.query(
        f"SELECT CAST(m.month AS BIGINT) AS month, coalesce(c.activities, 0) AS activities "
        f"FROM {_MONTHS} AS m(month) LEFT JOIN ("
        f"  SELECT month, {src.count} AS activities FROM {src.table} a WHERE {where} AND month IS NOT NULL "
        f"  GROUP BY month"
        f") c ON c.month = m.month ORDER BY m.month",
        params,
    )


def undated(wh: Warehouse, f: Filters) -> int:
    """Grain: one number: activities in the selection without a month."""
    where, params = f.where("a")
    src = route(wh, f, "month")
    n = wh.rows(f"SELECT {src.count} FROM {src.table} a WHERE {where} AND month IS NULL", params)[0][0]
    return int(n or 0)
