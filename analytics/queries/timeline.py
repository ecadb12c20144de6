"""Time: activities and participants per year, activities per calendar month, undated rows."""

# ruff: noqa: S608  -- SQL text here is built only from whitelisted identifiers and
# Filters.where() fragments that hold placeholders; every value is bound.

from __future__ import annotations

import pandas as pd

from analytics.db import Warehouse
from analytics.filters import Filters
from analytics.queries import units
from analytics.queries.routing import route

# The twelve calendar months as a table (a VALUES list: every engine has one; DuckDB's range() is its own).
_MONTHS = "(VALUES " + ", ".join(f"({m})" for m in range(1, 13)) + ")"


def year_months(wh: Warehouse, f: Filters) -> units.YearRows | None:
    """Grain: one row per (year, month), NULLs included, of the selection `f` without its years (``units.
    of_any_years``); None when no roll-up covers the filters. The timeline and the KPI cards' figures of any
    year range of it are folded from it (``by_year``, ``by_month``, ``undated``, ``cards.kpis``)."""
    src = route(wh, f, "year", "month")
    return units.of_any_years(wh, f, src, "month", "month") if src.rollup else None


def years_covered(f: Filters, years: pd.DataFrame | None, latest: int | None) -> tuple[int, ...]:
    """The years a selection's totals cover: those picked, or with none picked every year from the first with
    records in `years` (``by_year`` of the selection) to `latest`. A total of all years is never read as its
    latest year's (the briefing's title, the Overview's cards)."""
    if f.years or latest is None or years is None:
        return f.years
    held = years.loc[years["activities"] > 0, "year"]
    first = int(held.min()) if len(held) else latest
    return tuple(range(min(first, latest), latest + 1))


def by_year(wh: Warehouse, f: Filters) -> pd.DataFrame:
    """Grain: one row per year with records: activities, and per-unit participants with qualifiers."""
    data = year_months(wh, f)
    rows = data.rows(f.years, dated=True) if data is not None else None
    if rows:  # (no row: the query below gives the empty frame's types)
        years = data.columns["year"]
        rows.sort(key=years.__getitem__)  # folded in order of year
        folded = units.fold(data, rows, "year").drop(columns="share")
        folded["year"] = folded["year"].astype("int16")
        return folded
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
    data = year_months(wh, f)
    if data is not None:
        counts: dict[int, int] = {}
        months, activities = data.columns["month"], data.columns["activities"]
        for i in data.rows(f.years):
            if not units.missing(months[i]):
                counts[int(months[i])] = counts.get(int(months[i]), 0) + int(activities[i])
        return pd.DataFrame(
            {
                "month": pd.array(range(1, 13), dtype="int64"),
                "activities": pd.array([counts.get(m, 0) for m in range(1, 13)], dtype="int64"),
            }
        )
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
    data = year_months(wh, f)
    if data is not None:
        months, activities = data.columns["month"], data.columns["activities"]
        return sum(int(activities[i]) for i in data.rows(f.years) if units.missing(months[i]))
    where, params = f.where("a")
    src = route(wh, f, "month")
    n = wh.rows(f"SELECT {src.count} FROM {src.table} a WHERE {where} AND month IS NULL", params)[0][0]
    return int(n or 0)
