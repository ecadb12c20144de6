"""Activities and per-unit participants with their qualifiers: the counting rule, stated once.

Participants are summed per unit only; a sum carries the weakest qualifier of its terms
(approx over at_least over exact, see ``fmt.combine_qualifiers``); a unit no row counts in is
NULL. The same columns ``<unit>``, ``<unit>_q`` come from three kinds of input: rows of
``activities``, rows of a roll-up (domain/rollups.py), and per-(unit, qualifier) groups.
"""

# ruff: noqa: S608  -- SQL text here is built only from the taxonomy's unit codes.

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import pandas as pd

from analytics.fmt import combine_qualifiers
from analytics.queries.cache import SnapshotCache
from domain import taxonomy as tx

if TYPE_CHECKING:
    from analytics.db import Warehouse
    from analytics.filters import Filters
    from analytics.queries.routing import Source

UNITS: tuple[str, ...] = tx.UNIT_CODES


def qualifier(approx: str, at_least: str, counted: str) -> str:
    """The qualifier of a sum, given conditions: some term is approximate / a lower bound / counted."""
    return f"CASE WHEN {approx} THEN 'approx' WHEN {at_least} THEN 'at_least' WHEN {counted} THEN 'exact' END"


def _rows(unit: str, participants: str) -> str:
    """Qualifier over rows with columns participants_unit, participants_qualifier, `participants`."""
    is_unit = f"participants_unit = '{unit}'"
    return qualifier(
        f"bool_or({is_unit} AND participants_qualifier = 'approx')",
        f"bool_or({is_unit} AND participants_qualifier = 'at_least')",
        f"bool_or({is_unit} AND {participants} IS NOT NULL)",
    )


def base_columns() -> str:
    """Per-unit sums and qualifiers over rows of ``activities``."""
    return ", ".join(
        f"sum(participants) FILTER (WHERE participants_unit = '{u}') AS {u}, {_rows(u, 'participants')} AS {u}_q"
        for u in UNITS
    )


def rollup_columns() -> str:
    """The same columns over rows of a roll-up (alias ``a``): same names, types and rules."""
    return ", ".join(
        f"sum(a.{u}) AS {u}, "
        f"{qualifier(f'sum(a.{u}_approx) > 0', f'sum(a.{u}_at_least) > 0', f'sum(a.{u}_n) > 0')} AS {u}_q"
        for u in UNITS
    )


def fold_columns() -> str:
    """The same columns over per-(unit, qualifier) groups ``g`` with rows ``n`` and BIGINT participants ``s``."""
    return ", ".join(
        f"sum(g.s) FILTER (WHERE participants_unit = '{u}') AS {u}, {_rows(u, 'g.s')} AS {u}_q" for u in UNITS
    )


BASE_COLUMNS = base_columns()
ROLLUP_COLUMNS = rollup_columns()
FOLD_COLUMNS = fold_columns()


def grouped_units_sql(where: str, dims: tuple[str, ...]) -> str:
    """Activities and per-unit participants with qualifiers per `dims`, from the base table.

    Grain: one row per distinct `dims` of the selection. Same result as ``SELECT dims, count(*) AS
    activities, BASE_COLUMNS FROM activities a WHERE .. GROUP BY dims``, but the scan only groups by
    (dims, unit, qualifier) with a count and a sum, and the nine conditional aggregates run over
    those few groups: on 10M rows the one-level form cost 1.7x a plain grouped sum.
    """
    d = ", ".join(dims)
    return (
        f"SELECT {d}, CAST(sum(g.n) AS BIGINT) AS activities, {FOLD_COLUMNS} FROM ("
        f"SELECT {d}, participants_unit, participants_qualifier, count(*) AS n, sum(participants) AS s "
        f"FROM activities a WHERE {where} GROUP BY ALL) g GROUP BY {d}"
    )


class YearRows:
    """A small grouped result with a year column (one row per (year, ...)), kept as Python lists so a
    year range of it is folded without pandas (a change of the years: well under a millisecond).

    Built once per cached scan and shared read-only. ``dtypes`` are the result's column types, so a
    frame made from its rows has the types the same query would give.
    """

    def __init__(self, frame: pd.DataFrame):
        self.columns = {c: frame[c].tolist() for c in frame.columns}
        self.dtypes = dict(frame.dtypes)

    def rows(self, years: tuple[int, ...], dated: bool = False) -> list[int]:
        """Positions of the rows in `years` (() = every row, undated too; `dated`: only rows with a year)."""
        ys = self.columns["year"]
        if years:
            keep = set(years)
            return [i for i, y in enumerate(ys) if y in keep]
        return [i for i, y in enumerate(ys) if not (dated and missing(y))]

    def frame(self, rows: list[int], names: tuple[str, ...], **types: str) -> pd.DataFrame:
        """The columns `names` of `rows` as a DataFrame (`types`: column -> dtype, else the result's)."""
        return pd.DataFrame(
            {c: pd.array([self.columns[c][i] for i in rows], dtype=types.get(c, self.dtypes[c])) for c in names}
        )


# Per snapshot, roll-up, grouping and selection without its years: one scan's rows (see of_any_years).
_BY_YEAR = SnapshotCache(96)


def of_any_years(wh: Warehouse, f: Filters, src: Source, column: str, select: str) -> YearRows:
    """Grain: one row per (`column`, year), NULLs included, of the selection `f` without its years:
    activities, per-unit participants with qualifiers, from the roll-up `src` (shared read-only).

    Kept per selection without years, so the figures of any year range of it are folded from one
    scan (``fold``, ``totals``, ``YearRows.frame``): a change of the years runs no query.

    Args:
        src: a roll-up covering the filters, `column` and year.
        select: `column` as the result names it (``CAST(industry AS VARCHAR) AS code``, ``month``).
    """
    g = f.without("years")

    def compute() -> YearRows:
        where, params = g.where("a")
        return YearRows(
            wh.query(
                f"SELECT {select}, year, {src.count} AS activities, {src.units} FROM {src.table} a "
                f"WHERE {where} GROUP BY {column}, year",
                params,
            )
        )

    return _BY_YEAR.get(wh, (src.table, select, g), compute)


def fold(data: YearRows, rows: list[int], key: str | None) -> pd.DataFrame:
    """Per `key`, the `rows` of a grouped result (activities, ``<unit>``, ``<unit>_q``, e.g. one row per
    (key, year)) summed: activities, each unit's participants with the weakest qualifier of its terms
    (``fmt.combine_qualifiers``), and each key's share of the activities. Grain: one row per `key` value
    (NULL is one key; `key` None: one row for all), in first-seen order; the same columns and types a
    query over the rows gives.
    """
    found = _sums(data, rows, key)
    activities = [sum(acc["activities"]) for acc in found.values()]
    total = sum(activities)
    out = {} if key is None else {key: pd.array(list(found), dtype=data.dtypes[key])}
    out["activities"] = pd.array(activities, dtype="int64")
    out["share"] = pd.array([n / total for n in activities], dtype="float64")
    for u in UNITS:
        out[u] = pd.array([sum(acc[u]) if acc[u] else math.nan for acc in found.values()], dtype=data.dtypes[u])
        # a plain list, typed as the engine's text comes out (str, or object when every value is NULL)
        out[f"{u}_q"] = [combine_qualifiers(acc[f"{u}_q"]) if acc[f"{u}_q"] else None for acc in found.values()]
    return pd.DataFrame(out)


def totals(data: YearRows, rows: list[int]) -> tuple[int, dict[str, tuple[int, str]]]:
    """``fold`` of all `rows` as one group: (activities, unit -> (participants, qualifier) for the units counted)."""
    acc = _sums(data, rows, None).get(None)
    if acc is None:
        return 0, {}
    parts = {u: (int(sum(acc[u])), combine_qualifiers(acc[f"{u}_q"])) for u in UNITS if acc[u] and acc[f"{u}_q"]}
    return int(sum(acc["activities"])), parts


def _sums(data: YearRows, rows: list[int], key: str | None) -> dict[object, dict[str, list]]:
    """Per `key` value of `rows` (None: one group), the non-NULL values of each measure column, to be summed."""
    names = ("activities", *UNITS, *(f"{u}_q" for u in UNITS))
    cols = [(c, data.columns[c]) for c in names]
    keys = data.columns[key] if key is not None else None
    found: dict[object, dict[str, list]] = {}
    for i in rows:
        k = None if keys is None or missing(keys[i]) else keys[i]
        acc = found.get(k)
        if acc is None:
            acc = found[k] = {c: [] for c in names}
        for c, values in cols:
            v = values[i]
            if not missing(v):
                acc[c].append(v)
    return found


def missing(value: object) -> bool:
    """NULL as a value of ``tolist()`` comes out: None, NaN or pandas' NA (``pd.isna`` per value costs ~10x)."""
    return value is None or value is pd.NA or value != value  # (NaN: the value unequal to itself)
