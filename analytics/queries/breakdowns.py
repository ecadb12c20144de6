"""Categorical breakdowns: activities and participants per code of one vocabulary column."""

# ruff: noqa: S608  -- SQL text here is built only from whitelisted identifiers and
# Filters.where() fragments that hold placeholders; every value is bound.

from __future__ import annotations

import pandas as pd

from analytics.db import Warehouse
from analytics.filters import Filters
from analytics.queries import codes, units
from analytics.queries.routing import route

BREAKDOWN_COLUMNS = ("industry", "activity_type", "campaign", "organizer_type", "mode")


def _check(column: str) -> None:
    if column not in BREAKDOWN_COLUMNS:
        raise ValueError(f"breakdown column {column!r} not in {BREAKDOWN_COLUMNS}")


def _code(column: str) -> str:
    """The code column as text out of the statement: an ENUM in DuckDB would come out as a pandas
    categorical, which costs more to turn into text after the fetch (analytics.db.plain_codes). The
    rows are few and sorted after the fetch, in code-list order, the same on every engine (codes.sort)."""
    return f"CAST({column} AS VARCHAR) AS code"


def breakdown(wh: Warehouse, f: Filters, column: str) -> pd.DataFrame:
    """Grain: one row per code of `column` present in the selection: activities, share, per-unit participants."""
    _check(column)
    folded = route(wh, f, column, "year")
    data = units.of_any_years(wh, f, folded, column, _code(column)) if folded.rollup else None
    rows = data.rows(f.years) if data is not None else None
    if rows:  # (no row: the query below gives the empty frame's types)
        return codes.sort(units.fold(data, rows, "code"), [("activities", True), ("code", False)], {"code": column})
    where, params = f.where("a")
    src = route(wh, f, column)
    frame = wh.query(
        f"SELECT {_code(column)}, {src.count} AS activities, "
        f"{src.count} / sum({src.count}) OVER () AS share, {src.units} "
        f"FROM {src.table} a WHERE {where} GROUP BY {column}",
        params,
    )
    return codes.sort(frame, [("activities", True), ("code", False)], {"code": column})


def breakdown_yoy(wh: Warehouse, f: Filters, column: str) -> tuple[pd.DataFrame, int | None]:
    """Grain: one row per code: activities in the latest selected year and the year before, and the change.

    Returns:
        (frame, latest_year): columns code, latest, previous, change (absolute),
        change_pct (NULL when the previous year had none). latest_year is None
        when the selection is empty.
    """
    return yoy_of(breakdown_by_year(wh, f, column), column)


def yoy_of(by_year: pd.DataFrame, column: str) -> tuple[pd.DataFrame, int | None]:
    """``breakdown_yoy`` from a ``breakdown_by_year`` frame of `column` for the same selection, with no query.

    The latest year is the selection's latest dated year; a code is listed when it has activities
    in that year or the year before. A page that draws the trend by year already holds that frame,
    so its year-on-year chart costs no second scan.
    """
    if by_year.empty:
        return pd.DataFrame(columns=["code", "latest", "previous", "change", "change_pct"]), None
    latest = int(by_year["year"].max())
    counts: dict[str, list[int]] = {}  # code -> [latest, previous]; a few dozen rows, plain Python
    for code, year, n in zip(by_year["code"], by_year["year"], by_year["activities"], strict=True):
        if year >= latest - 1:
            counts.setdefault(code, [0, 0])[0 if year == latest else 1] += int(n)
    frame = pd.DataFrame(
        {
            "code": pd.array(list(counts), dtype=by_year["code"].dtype),
            "latest": pd.array([v[0] for v in counts.values()], dtype="int64"),
            "previous": pd.array([v[1] for v in counts.values()], dtype="int64"),
        }
    )
    frame["change"] = frame["latest"] - frame["previous"]
    frame["change_pct"] = (frame["change"] / frame["previous"].where(frame["previous"] > 0) * 100).astype("Float64")
    return codes.sort(frame, [("latest", True), ("code", False)], {"code": column}), latest


def breakdown_by_year(wh: Warehouse, f: Filters, column: str) -> pd.DataFrame:
    """Grain: one row per (code of `column`, year) with activities."""
    _check(column)
    src = route(wh, f, column, "year")
    data = units.of_any_years(wh, f, src, column, _code(column)) if src.rollup else None
    rows = data.rows(f.years, dated=True) if data is not None else None
    if rows:  # (no row: the query below gives the empty frame's types)
        frame = data.frame(rows, ("code", "year", "activities"), year="int16")
        return codes.sort(frame, [("year", False), ("code", False)], {"code": column})
    where, params = f.where("a")
    frame = wh.query(
        f"SELECT {_code(column)}, year, {src.count} AS activities FROM {src.table} a "
        f"WHERE {where} AND year IS NOT NULL GROUP BY {column}, year",
        params,
    )
    return codes.sort(frame, [("year", False), ("code", False)], {"code": column})


def by_industry(wh: Warehouse, f: Filters) -> pd.DataFrame:
    """Grain: one row per industry in the selection (see ``breakdown``)."""
    return breakdown(wh, f, "industry")


def by_activity_type(wh: Warehouse, f: Filters) -> pd.DataFrame:
    """Grain: one row per activity type in the selection (see ``breakdown``)."""
    return breakdown(wh, f, "activity_type")
