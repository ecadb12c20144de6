"""KPI cards: totals of the selection, and its latest year against the year before."""

# ruff: noqa: S608  -- SQL text here is built only from whitelisted identifiers and
# Filters.where() fragments that hold placeholders; every value is bound.

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from analytics.db import Warehouse
from analytics.filters import MIN_YEAR, Filters
from analytics.queries import units
from analytics.queries.cache import SnapshotCache
from analytics.queries.routing import Source, route
from analytics.queries.timeline import year_months
from analytics.queries.units import BASE_COLUMNS, UNITS
from domain.rollups import ORGANIZER_IDS


@dataclass(frozen=True)
class Totals:
    """Headline figures of one selection.

    Attributes:
        activities: number of activity rows.
        districts: distinct districts with at least one activity.
        organizers: distinct organiser names.
        participants: unit -> (sum, qualifier) for the units that have counts.
    """

    activities: int = 0
    districts: int = 0
    organizers: int = 0
    participants: dict[str, tuple[int, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Kpis:
    """KPI cards: totals of the selection, and the latest selected year vs the year before."""

    total: Totals
    latest_year: int | None
    latest: Totals | None
    previous: Totals | None


def distinct_source(wh: Warehouse, f: Filters) -> Source:
    """Where the selection's distinct districts and organisers are counted: an organiser roll-up
    (integer ``organizer_id``) when one covers the filters, else the base table (organiser names)."""
    return route(wh, f, "district_adcode", "organizer_id", measures=False)


def _totals(
    wh: Warehouse, f: Filters, distinct: tuple[int, int] | None = None, months: units.YearRows | None = None
) -> Totals:
    """Grain: one row for the whole selection.

    Args:
        distinct: (districts, organisers) when the caller already counted them.
        months: ``timeline.year_months`` of the selection (its figures then come from there, no query).
    """
    if distinct is not None and months is not None:
        activities, parts = units.totals(months, months.rows(f.years))
        return Totals(activities, distinct[0], distinct[1], parts)
    where, params = f.where("a")
    src = route(wh, f)
    ids = distinct_source(wh, f)
    if distinct is None and not (src.rollup or ids.rollup):
        # nothing pre-aggregated covers this selection: one scan of the base table
        row = wh.query(
            f"SELECT count(*) AS activities, count(DISTINCT district_adcode) AS districts, "
            f"count(DISTINCT organizer) AS organizers, {BASE_COLUMNS} FROM activities a WHERE {where}",
            params,
        ).iloc[0]
        distinct = int(row["districts"]), int(row["organizers"])
    else:
        row = wh.query(f"SELECT {src.count} AS activities, {src.units} FROM {src.table} a WHERE {where}", params).iloc[
            0
        ]
        if distinct is None and f.is_empty() and ids.rollup and wh.has_table(ORGANIZER_IDS):
            # Nothing selected: the dictionary has one row per distinct organiser, and the
            # district roll-up's distinct districts are far fewer rows to read (348k vs 1.8M at 10M)
            dist = route(wh, f, "district_adcode")
            distinct = (
                int(wh.rows(f"SELECT count(DISTINCT district_adcode) FROM {dist.table}")[0][0]),
                int(wh.rows(f"SELECT count(*) FROM {ORGANIZER_IDS}")[0][0]),
            )
        if distinct is None:
            # both distinct counts in one scan of the organiser roll-up (or of the base table)
            distinct = tuple(
                int(v)
                for v in wh.rows(
                    f"SELECT count(DISTINCT district_adcode), count(DISTINCT {ids.organizer}) "
                    f"FROM {ids.table} a WHERE {where}",
                    params,
                )[0]
            )
    activities = 0 if pd.isna(row["activities"]) else int(row["activities"])
    parts = {u: (int(row[u]), str(row[u + "_q"])) for u in UNITS if pd.notna(row[u])}
    return Totals(activities, distinct[0], distinct[1], parts)


def max_year(wh: Warehouse, f: Filters, months: units.YearRows | None = None) -> int | None:
    """Grain: one number: the latest year of the selection (None when empty).

    Args:
        months: ``timeline.year_months`` of the selection (the year is read there, no query).
    """
    if months is not None:
        years = [months.columns["year"][i] for i in months.rows(f.years, dated=True)]
        return int(max(years)) if years else None
    where, params = f.where("a")
    src = route(wh, f, "year")
    latest = wh.rows(f"SELECT max(year) FROM {src.table} a WHERE {where}", params)[0][0]
    return None if latest is None else int(latest)


def _distinct_by_period(wh: Warehouse, f: Filters, latest: int, src: Source) -> dict[str, tuple[int, int]]:
    """Grain: (districts, organisers) for the selection ('t'), its latest year ('l') and the year before ('p').

    One scan instead of three: each organiser and district of the three periods' rows is
    grouped once (GROUPING SETS) with a flag per period it appears in.

    Args:
        src: ``activities`` (organiser names) or an organiser roll-up with year, district_adcode,
            organizer_id and every filtered column.
    """
    org = src.organizer
    where, params = f.without("years").where("a")
    sel = "list_contains($k_years, a.year)" if f.years else "TRUE"
    params = {**params, "k_latest": latest, **({"k_years": list(f.years)} if f.years else {})}
    flags = f"bool_or({sel}) AS in_t, bool_or(a.year = $k_latest) AS in_l, bool_or(a.year = $k_latest - 1) AS in_p"
    row = wh.rows(
        f"SELECT count(*) FILTER (WHERE k = 'd' AND in_t), count(*) FILTER (WHERE k = 'o' AND in_t), "
        f"count(*) FILTER (WHERE k = 'd' AND in_l), count(*) FILTER (WHERE k = 'o' AND in_l), "
        f"count(*) FILTER (WHERE k = 'd' AND in_p), count(*) FILTER (WHERE k = 'o' AND in_p) FROM ("
        f"  SELECT CASE WHEN GROUPING(district_adcode) = 0 THEN 'd' ELSE 'o' END AS k, "
        f"  district_adcode AS dc, {org} AS oc, {flags} "
        f"  FROM {src.table} a WHERE {where} AND ({sel} OR a.year IN ($k_latest, $k_latest - 1)) "
        f"  GROUP BY GROUPING SETS ((district_adcode), ({org}))"
        # the NULL district / organiser groups are left out here, outside the grouping (a HAVING
        # on columns the SELECT does not name is DuckDB's, not every engine's)
        f") WHERE (k = 'd' AND dc IS NOT NULL) OR (k = 'o' AND oc IS NOT NULL)",
        params,
    )[0]
    n = [int(v) for v in row]
    return {"t": (n[0], n[1]), "l": (n[2], n[3]), "p": (n[4], n[5])}


# A year as one bit of a BIGINT mask: bit (year - MIN_YEAR); years past the last bit are not folded.
_MASK_BITS = 62
# Per selection without its years: distinct districts and organisers per set of years they appear in.
_YEAR_SETS = SnapshotCache(32)


def _year_sets(wh: Warehouse, f: Filters, src: Source) -> list[tuple[str, int | None, int]] | None:
    """Grain: one row per (k, years mask): how many districts (k 'd') or organisers ('o') of the
    selection `f` without its years appear in exactly the years of that mask (bit y - MIN_YEAR; None:
    only in rows with no year). None when a year of the selection lies outside the mask.

    Kept per snapshot and selection without years: a distinct count is not additive over years, but
    the number of districts or organisers with any year in a set is the sum over the masks that meet
    it, so every year range of one selection is answered from one scan (``_distinct_of_years``).

    Args:
        src: an organiser roll-up covering the filters, year, district_adcode and organizer_id.
    """
    g = f.without("years")

    def compute() -> list[tuple[str, int | None, int]] | None:
        where, params = g.where("a")
        lo, hi = wh.rows(f"SELECT min(year), max(year) FROM {src.table} a WHERE {where}", params)[0]
        if lo is not None and (lo < MIN_YEAR or hi - MIN_YEAR > _MASK_BITS):
            return None
        rows = wh.rows(
            f"SELECT k, m, count(*) FROM ("
            f"  SELECT CASE WHEN GROUPING(district_adcode) = 0 THEN 'd' ELSE 'o' END AS k, "
            f"  district_adcode AS dc, {src.organizer} AS oc, "
            f"  bit_or(CAST(1 AS BIGINT) << (a.year - {MIN_YEAR})) AS m "
            f"  FROM {src.table} a WHERE {where} GROUP BY GROUPING SETS ((district_adcode), ({src.organizer}))"
            f") WHERE (k = 'd' AND dc IS NOT NULL) OR (k = 'o' AND oc IS NOT NULL) GROUP BY k, m",
            params,
        )
        return [(str(k), None if m is None else int(m), int(n)) for k, m, n in rows]

    return _YEAR_SETS.get(wh, (src.table, g), compute)


def _distinct_of_years(sets: list[tuple[str, int | None, int]], years: tuple[int, ...]) -> tuple[int, int]:
    """(districts, organisers) with a record in `years` (() = any row, dated or not), from ``_year_sets``."""
    if not years:
        return sum(n for k, _m, n in sets if k == "d"), sum(n for k, _m, n in sets if k == "o")
    mask = sum(1 << (y - MIN_YEAR) for y in years if 0 <= y - MIN_YEAR <= _MASK_BITS)
    hit = [(k, n) for k, m, n in sets if m is not None and m & mask]
    return sum(n for k, n in hit if k == "d"), sum(n for k, n in hit if k == "o")


def kpis(wh: Warehouse, f: Filters) -> Kpis:
    """Grain: one set of figures for the selection, plus its latest year and the year before."""
    # The previous year is compared with the same non-year filters even when the user's year
    # selection does not include it: that is what "vs last year" means.
    src = route(wh, f, "district_adcode", "organizer_id", "year", measures=False)
    sets = _year_sets(wh, f, src) if src.rollup else None
    # With both folds (one small scan each per selection without years), a change of the years runs no query.
    months = year_months(wh, f) if sets is not None else None
    latest = max_year(wh, f, months)
    if latest is None:
        distinct = None if sets is None else _distinct_of_years(sets, f.years)
        return Kpis(_totals(wh, f, distinct, months), None, None, None)
    # A selection of its latest year alone is that year: its totals (Totals is frozen) are not read twice.
    one_year = f.with_years([latest]) == f
    if sets is not None:
        # the distinct districts and organisers of the three periods from the selection's year sets
        # (one scan per selection without years: a change of the years runs no distinct count)
        def period(years: tuple[int, ...]) -> Totals:
            return _totals(wh, f.with_years(years), _distinct_of_years(sets, years), months)

        total = _totals(wh, f, _distinct_of_years(sets, f.years), months)
        latest_totals = total if one_year else period((latest,))
        return Kpis(total, latest, latest_totals, period((latest - 1,)))
    if src.rollup:
        # an organiser roll-up covers the filters: three small scans (year zone maps prune two)
        total = _totals(wh, f)
        latest_totals = total if one_year else _totals(wh, f.with_years([latest]))
        return Kpis(total, latest, latest_totals, _totals(wh, f.with_years([latest - 1])))
    # Distinct districts and organisers need the base table (e.g. a warehouse without the
    # organiser roll-ups): one scan counts them for the three periods, the other figures come
    # from the covering roll-ups.
    d = _distinct_by_period(wh, f, latest, src)
    total = _totals(wh, f, d["t"])
    latest_totals = total if one_year else _totals(wh, f.with_years([latest]), d["l"])
    return Kpis(total, latest, latest_totals, _totals(wh, f.with_years([latest - 1]), d["p"]))
