"""Named queries of the dashboard. Each states its grain in the first docstring line.

All take ``(warehouse, filters, ...)``, build their WHERE clause only through
``Filters.where`` and bind every value. Codes are returned as stored; labels are
the caller's business (analytics.i18n). Counting rules (docs/ARCHITECTURE.md):
participants are summed per unit only, a sum carries the weakest qualifier of
its terms (see ``fmt.combine_qualifiers``), and a district with no record is
NULL ("not reported"), never 0.
"""

# ruff: noqa: S608  -- SQL text here is built only from whitelisted identifiers and
# Filters.where() fragments that hold placeholders; every value is bound.

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, field

import pandas as pd
import pyarrow as pa

from analytics.db import Warehouse
from analytics.filters import Filters
from domain import taxonomy as tx
from domain.rollups import ORGANIZER_IDS, covering

UNITS: tuple[str, ...] = tx.UNIT_CODES

def _unit_columns() -> str:
    """Per-unit sums and qualifiers as columns <unit>, <unit>_q; both NULL when no row has that unit.

    The qualifier is computed per unit (an estimate in person-times must not
    mark the people total as approximate).
    """
    out = []
    for u in UNITS:
        out.append(f"sum(participants) FILTER (WHERE participants_unit = '{u}') AS {u}")
        out.append(
            f"CASE WHEN bool_or(participants_unit = '{u}' AND participants_qualifier = 'approx') THEN 'approx' "
            f"WHEN bool_or(participants_unit = '{u}' AND participants_qualifier = 'at_least') THEN 'at_least' "
            f"WHEN bool_or(participants_unit = '{u}' AND participants IS NOT NULL) THEN 'exact' END AS {u}_q")
    return ", ".join(out)


_UNIT_COLS = _unit_columns()


def _rollup_unit_columns() -> str:
    """``_UNIT_COLS`` over a roll-up (domain/rollups.py): same names, types and qualifier rules."""
    out = []
    for u in UNITS:
        out.append(f"sum(a.{u}) AS {u}")
        out.append(f"CASE WHEN sum(a.{u}_approx) > 0 THEN 'approx' WHEN sum(a.{u}_at_least) > 0 THEN 'at_least' "
                   f"WHEN sum(a.{u}_n) > 0 THEN 'exact' END AS {u}_q")
    return ", ".join(out)


_ROLLUP_UNIT_COLS = _rollup_unit_columns()
_ALIASED_COLUMN = re.compile(r"\ba\.([a-z_]+)")


@dataclass(frozen=True)
class _Source:
    """Where one aggregate is read from: a roll-up (aggregated rows) or ``activities`` (one row per activity)."""

    table: str
    rollup: bool

    @property
    def count(self) -> str:
        """Number of activities of a group."""
        return "CAST(sum(a.activities) AS BIGINT)" if self.rollup else "count(*)"

    def count_where(self, condition: str) -> str:
        """Number of activities of a group meeting `condition` (0, not NULL, when none do)."""
        if self.rollup:
            return f"CAST(coalesce(sum(a.activities) FILTER (WHERE {condition}), 0) AS BIGINT)"
        return f"count(*) FILTER (WHERE {condition})"

    @property
    def units(self) -> str:
        return _ROLLUP_UNIT_COLS if self.rollup else _UNIT_COLS


_BASE = _Source("activities", False)


def _unit_fold_columns(cast: bool = False) -> str:
    """``_UNIT_COLS`` over per-(unit, qualifier) groups ``g`` with rows ``n`` and participants ``s``.

    Same names and qualifier rules; with `cast` the sums are cast to HUGEINT, the type of
    sum(participants) over the base table (needed when ``g`` comes back from Arrow as decimals).
    """
    out = []
    for u in UNITS:
        unit = f"participants_unit = '{u}'"
        total = f"sum(g.s) FILTER (WHERE {unit})"
        out.append(f"{f'CAST({total} AS HUGEINT)' if cast else total} AS {u}")
        out.append(f"CASE WHEN bool_or({unit} AND participants_qualifier = 'approx') THEN 'approx' "
                   f"WHEN bool_or({unit} AND participants_qualifier = 'at_least') THEN 'at_least' "
                   f"WHEN bool_or({unit} AND g.s IS NOT NULL) THEN 'exact' END AS {u}_q")
    return ", ".join(out)


_UNIT_FOLD_COLS = _unit_fold_columns()
_UNIT_FOLD_CAST = _unit_fold_columns(cast=True)


# Base-table aggregates shared by the Districts page's queries: (snapshot, where, params) -> Arrow.
_DISTRICT_GROUPS: OrderedDict[tuple, pa.Table] = OrderedDict()
_DISTRICT_GROUPS_MAX = 8
_DISTRICT_GROUPS_LOCK = threading.Lock()


def _used(sql: str, params: dict[str, object]) -> dict[str, object]:
    """The parameters `sql` refers to (DuckDB refuses unused named parameters)."""
    return {k: v for k, v in params.items() if re.search(rf"\${re.escape(k)}\b", sql)}


def _params_key(params: dict[str, object]) -> tuple:
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))


# Date groups of base-table selections (free-text search...): (snapshot, where, params) -> _DateGroups.
_DATE_GROUPS: OrderedDict[tuple, object] = OrderedDict()
_DATE_GROUPS_MAX = 16


def clear_caches() -> None:
    """Forget the filtered aggregates this module keeps between queries (benchmarks time cache misses).

    What does not depend on the filters (the district list) is kept: a filter change keeps it too.
    """
    with _DISTRICT_GROUPS_LOCK:
        _DISTRICT_GROUPS.clear()
        _DATE_GROUPS.clear()


def _district_groups(wh: Warehouse, where: str, params: dict[str, object]) -> pa.Table:
    """Grain: one row per (district, year, unit, qualifier) of the selection: rows ``n``, participants ``s``.

    When no roll-up covers the filters (district x vocabulary), ``by_district`` and ``district_year``
    both need a scan of the base table; this one scan answers both (they fold it), so a filter
    change on the Districts page costs one scan, not two. Kept per published snapshot.
    """
    snap = wh.snapshot()
    key = (snap.key if snap else None, where, _params_key(params))
    with _DISTRICT_GROUPS_LOCK:
        hit = _DISTRICT_GROUPS.get(key)
        if hit is not None:
            _DISTRICT_GROUPS.move_to_end(key)
            return hit
    table = wh.arrow(
        f"SELECT district_adcode, year, participants_unit, participants_qualifier, count(*) AS n, "
        f"sum(participants) AS s FROM activities a WHERE {where} AND district_adcode IS NOT NULL GROUP BY ALL",
        params)
    with _DISTRICT_GROUPS_LOCK:
        _DISTRICT_GROUPS[key] = table
        while len(_DISTRICT_GROUPS) > _DISTRICT_GROUPS_MAX:
            _DISTRICT_GROUPS.popitem(last=False)
    return table


def _grouped_units_sql(where: str, dims: tuple[str, ...]) -> str:
    """Activities and per-unit participants with qualifiers per `dims`, from the base table.

    Grain: one row per distinct `dims` of the selection. Same result as ``SELECT dims, count(*) AS
    activities, _UNIT_COLS FROM activities a WHERE .. GROUP BY dims``, but the scan only groups by
    (dims, unit, qualifier) with a count and a sum, and the nine conditional aggregates run over
    those few groups: on 10M rows the one-level form cost 1.7x a plain grouped sum.
    """
    d = ", ".join(dims)
    return (f"SELECT {d}, CAST(sum(g.n) AS BIGINT) AS activities, {_UNIT_FOLD_COLS} FROM ("
            f"SELECT {d}, participants_unit, participants_qualifier, count(*) AS n, sum(participants) AS s "
            f"FROM activities a WHERE {where} GROUP BY ALL) g GROUP BY {d}")


def _source(wh: Warehouse, where: str, *columns: str, measures: bool = True) -> _Source:
    """The smallest table that answers an aggregate: a roll-up when it has every column involved.

    Args:
        where: the condition from ``Filters.where("a")``: the columns it reads (``a.<col>``) must be
            roll-up dimensions, so a free-text search (title...) always goes to the base table.
        columns: the other columns the query groups or tests on.
        measures: whether activity/participant measures are needed (else the organiser roll-up).
    """
    needed = set(_ALIASED_COLUMN.findall(where)) | set(columns)
    r = covering(needed, measures)
    if r is not None and wh.has_table(r.table):
        return _Source(r.table, True)
    return _BASE


# -- KPIs ---------------------------------------------------------------------------

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


def _distinct_source(wh: Warehouse, where: str) -> _Source:
    """Where the selection's distinct districts and organisers are counted: an organiser roll-up
    (integer ``organizer_id``) when one covers the filters, else the base table (organiser names)."""
    return _source(wh, where, "district_adcode", "organizer_id", measures=False)


def _organizer_column(src: _Source) -> str:
    return "organizer_id" if src.rollup else "organizer"


def _totals(wh: Warehouse, f: Filters, distinct: tuple[int, int] | None = None) -> Totals:
    """Grain: one row for the whole selection.

    Args:
        distinct: (districts, organisers) when the caller already counted them.
    """
    where, params = f.where("a")
    src = _source(wh, where)
    ids = _distinct_source(wh, where)
    if distinct is None and not (src.rollup or ids.rollup):
        # nothing pre-aggregated covers this selection: one scan of the base table
        row = wh.query(
            f"SELECT count(*) AS activities, count(DISTINCT district_adcode) AS districts, "
            f"count(DISTINCT organizer) AS organizers, {_UNIT_COLS} FROM activities a WHERE {where}",
            params).iloc[0]
        distinct = int(row["districts"]), int(row["organizers"])
    else:
        row = wh.query(f"SELECT {src.count} AS activities, {src.units} FROM {src.table} a WHERE {where}",
                       params).iloc[0]
        if distinct is None and where == "TRUE" and ids.rollup and wh.has_table(ORGANIZER_IDS):
            # Nothing selected: the dictionary has one row per distinct organiser, and the
            # district roll-up's distinct districts are far fewer rows to read (348k vs 1.8M at 10M)
            dist = _source(wh, where, "district_adcode")
            distinct = (int(wh.rows(f"SELECT count(DISTINCT district_adcode) FROM {dist.table}")[0][0]),
                        int(wh.rows(f"SELECT count(*) FROM {ORGANIZER_IDS}")[0][0]))
        if distinct is None:
            # both distinct counts in one scan of the organiser roll-up (or of the base table)
            distinct = tuple(int(v) for v in wh.rows(
                f"SELECT count(DISTINCT district_adcode), count(DISTINCT {_organizer_column(ids)}) "
                f"FROM {ids.table} a WHERE {where}", params)[0])
    activities = 0 if pd.isna(row["activities"]) else int(row["activities"])
    parts = {u: (int(row[u]), str(row[u + "_q"])) for u in UNITS if pd.notna(row[u])}
    return Totals(activities, distinct[0], distinct[1], parts)


def _max_year(wh: Warehouse, f: Filters) -> int | None:
    """Grain: one number: the latest year of the selection (None when empty)."""
    where, params = f.where("a")
    src = _source(wh, where, "year")
    latest = wh.rows(f"SELECT max(year) FROM {src.table} a WHERE {where}", params)[0][0]
    return None if latest is None else int(latest)


def _distinct_by_period(wh: Warehouse, f: Filters, latest: int, table: str = "activities") -> dict[str, tuple[int, int]]:
    """Grain: (districts, organisers) for the selection ('t'), its latest year ('l') and the year before ('p').

    One scan instead of three: each organiser and district of the three periods' rows is
    grouped once (GROUPING SETS) with a flag per period it appears in.

    Args:
        table: ``activities`` (organiser names) or an organiser roll-up with year, district_adcode,
            organizer_id and every filtered column.
    """
    org = "organizer" if table == "activities" else "organizer_id"
    where, params = f.without("years").where("a")
    sel = "list_contains($k_years, a.year)" if f.years else "TRUE"
    params = {**params, "k_latest": latest, **({"k_years": list(f.years)} if f.years else {})}
    flags = (f"bool_or({sel}) AS in_t, bool_or(a.year = $k_latest) AS in_l, "
             f"bool_or(a.year = $k_latest - 1) AS in_p")
    row = wh.rows(
        f"SELECT count(*) FILTER (WHERE k = 'd' AND in_t), count(*) FILTER (WHERE k = 'o' AND in_t), "
        f"count(*) FILTER (WHERE k = 'd' AND in_l), count(*) FILTER (WHERE k = 'o' AND in_l), "
        f"count(*) FILTER (WHERE k = 'd' AND in_p), count(*) FILTER (WHERE k = 'o' AND in_p) FROM ("
        f"  SELECT CASE WHEN GROUPING(district_adcode) = 0 THEN 'd' ELSE 'o' END AS k, {flags} "
        f"  FROM {table} a WHERE {where} AND ({sel} OR a.year IN ($k_latest, $k_latest - 1)) "
        f"  GROUP BY GROUPING SETS ((district_adcode), ({org})) "
        f"  HAVING (GROUPING(district_adcode) = 0 AND district_adcode IS NOT NULL) "
        f"      OR (GROUPING({org}) = 0 AND {org} IS NOT NULL))", params)[0]
    n = [int(v) for v in row]
    return {"t": (n[0], n[1]), "l": (n[2], n[3]), "p": (n[4], n[5])}


def kpis(wh: Warehouse, f: Filters) -> Kpis:
    """Grain: one set of figures for the selection, plus its latest year and the year before."""
    latest = _max_year(wh, f)
    if latest is None:
        return Kpis(_totals(wh, f), None, None, None)
    # The previous year is compared with the same non-year filters even when the user's year
    # selection does not include it: that is what "vs last year" means.
    where, _params = f.where("a")
    src = _source(wh, where, "district_adcode", "organizer_id", "year", measures=False)
    if src.rollup:
        # an organiser roll-up covers the filters: three small scans (year zone maps prune two)
        return Kpis(_totals(wh, f), latest, _totals(wh, f.with_years([latest])),
                    _totals(wh, f.with_years([latest - 1])))
    # Distinct districts and organisers need the base table (e.g. a warehouse without the
    # organiser roll-ups): one scan counts them for the three periods, the other figures come
    # from the covering roll-ups.
    d = _distinct_by_period(wh, f, latest, src.table)
    return Kpis(_totals(wh, f, d["t"]), latest, _totals(wh, f.with_years([latest]), d["l"]),
                _totals(wh, f.with_years([latest - 1]), d["p"]))


# -- time -----------------------------------------------------------------------------

def by_year(wh: Warehouse, f: Filters) -> pd.DataFrame:
    """Grain: one row per year with records: activities, and per-unit participants with qualifiers."""
    where, params = f.where("a")
    src = _source(wh, where, "year")
    return wh.query(
        f"SELECT year, {src.count} AS activities, {src.units} FROM {src.table} a "
        f"WHERE {where} AND year IS NOT NULL GROUP BY year ORDER BY year", params)


def by_month(wh: Warehouse, f: Filters) -> pd.DataFrame:
    """Grain: one row per calendar month 1-12 (activities summed over the selected years).

    Months with no activity are 0 here (a month is not a reporting unit); rows
    dated only to the year are counted in ``undated(...)``.
    """
    where, params = f.where("a")
    src = _source(wh, where, "month")
    return wh.query(
        f"SELECT m.month, coalesce(c.activities, 0) AS activities "
        f"FROM range(1, 13) AS m(month) LEFT JOIN ("
        f"  SELECT month, {src.count} AS activities FROM {src.table} a WHERE {where} AND month IS NOT NULL "
        f"  GROUP BY month"
        f") c ON c.month = m.month ORDER BY m.month", params)


def undated(wh: Warehouse, f: Filters) -> int:
    """Grain: one number: activities in the selection without a month."""
    where, params = f.where("a")
    src = _source(wh, where, "month")
    n = wh.rows(f"SELECT {src.count} FROM {src.table} a WHERE {where} AND month IS NULL", params)[0][0]
    return int(n or 0)


# -- districts ---------------------------------------------------------------------------

# The district list (unfiltered, so one per published snapshot): snapshot key -> Arrow table.
_DISTRICT_LIST: OrderedDict[object, pa.Table] = OrderedDict()
_DISTRICT_LIST_MAX = 4


def _district_list(wh: Warehouse) -> pa.Table:
    """Grain: one row per district drawn on the map plus any district a record points to: adcode, names.

    It does not depend on the filters, and the DISTINCT over the district roll-up (350k rows at
    10M records) was the largest fixed cost of the Districts page's small selections, so it is
    computed once per published snapshot.
    """
    snap = wh.snapshot()
    key = snap.key if snap else None
    with _DISTRICT_GROUPS_LOCK:
        hit = _DISTRICT_LIST.get(key)
        if hit is not None:
            return hit
    src = _source(wh, "TRUE", "district_adcode")
    table = wh.arrow(
        "SELECT r.adcode, r.name_zh, r.name_en, r.short_zh FROM regions r "
        "WHERE r.adcode IN (SELECT adcode FROM region_boundaries) AND r.level = 'district' "
        "UNION "
        "SELECT x.district_adcode, coalesce(r.name_zh, x.district_adcode), "
        "       coalesce(r.name_en, x.district_adcode), r.short_zh "
        f"FROM (SELECT DISTINCT district_adcode FROM {src.table} WHERE district_adcode IS NOT NULL) x "
        "LEFT JOIN regions r ON r.adcode = x.district_adcode")
    with _DISTRICT_GROUPS_LOCK:
        _DISTRICT_LIST[key] = table
        while len(_DISTRICT_LIST) > _DISTRICT_LIST_MAX:
            _DISTRICT_LIST.popitem(last=False)
    return table


def _districts_cte() -> str:
    """CTE ``d`` over the registered ``district_list`` (``_district_list``)."""
    return "d AS (SELECT * FROM district_list)"


def districts(wh: Warehouse) -> pd.DataFrame:
    """Grain: one row per district (map districts plus any district in the data): adcode and names."""
    return wh.query(f"WITH {_districts_cte()} SELECT * FROM d ORDER BY adcode",
                    tables={"district_list": _district_list(wh)})


def _only_selected(f: Filters) -> str:
    # With a district filter, the other districts are not "not reported", they are
    # out of scope: leave them out instead of showing them empty.
    return "WHERE d.adcode IN (SELECT unnest($f_districts))" if f.districts else ""


def by_district(wh: Warehouse, f: Filters) -> pd.DataFrame:
    """Grain: one row per district (the selected ones, or all); figures NULL when it reported nothing."""
    where, params = f.where("a")
    src = _source(wh, where, "district_adcode")
    if src.rollup:
        c = (f"SELECT district_adcode AS adcode, {src.count} AS activities, {src.units} FROM {src.table} a "
             f"WHERE {where} AND district_adcode IS NOT NULL GROUP BY district_adcode")
        tables = {}
    else:
        tables = {"district_groups": _district_groups(wh, where, params)}
        c = (f"SELECT district_adcode AS adcode, CAST(sum(g.n) AS BIGINT) AS activities, {_UNIT_FOLD_CAST} "
             f"FROM district_groups g GROUP BY district_adcode")
    tables["district_list"] = _district_list(wh)
    sql = (f"WITH {_districts_cte()}, c AS ({c}) "
           f"SELECT d.adcode, d.name_zh, d.name_en, c.* EXCLUDE (adcode) "
           f"FROM d LEFT JOIN c USING (adcode) {_only_selected(f)} "
           f"ORDER BY c.activities DESC NULLS LAST, d.adcode")
    return wh.query(sql, _used(sql, params), tables=tables)


def district_year(wh: Warehouse, f: Filters) -> pd.DataFrame:
    """Grain: one row per (district, year) of the selection; activities NULL = not reported that year.

    Years are those with any record in the selection; districts as in ``by_district``.
    """
    where, params = f.where("a")
    ys = _source(wh, where, "year")
    src = _source(wh, where, "district_adcode", "year")
    if src.rollup:
        c = (f"SELECT district_adcode AS adcode, year, {src.count} AS activities FROM {src.table} a "
             f"WHERE {where} AND district_adcode IS NOT NULL AND year IS NOT NULL GROUP BY ALL")
        tables = {}
    else:
        tables = {"district_groups": _district_groups(wh, where, params)}
        c = ("SELECT district_adcode AS adcode, year, CAST(sum(g.n) AS BIGINT) AS activities "
             "FROM district_groups g WHERE year IS NOT NULL GROUP BY ALL")
    tables["district_list"] = _district_list(wh)
    sql = (f"WITH {_districts_cte()}, "
           f"y AS (SELECT DISTINCT year FROM {ys.table} a WHERE {where} AND year IS NOT NULL), "
           f"c AS ({c}) "
           f"SELECT d.adcode, d.name_zh, d.name_en, y.year, c.activities "
           f"FROM d CROSS JOIN y LEFT JOIN c ON c.adcode = d.adcode AND c.year = y.year {_only_selected(f)} "
           f"ORDER BY d.adcode, y.year")
    return wh.query(sql, _used(sql, params), tables=tables)


def boundaries(wh: Warehouse) -> pd.DataFrame:
    """Grain: one row per district with a boundary: adcode, names, GeoJSON, centroid."""
    return wh.query(
        "SELECT b.adcode, r.name_zh, r.name_en, r.short_zh, b.geojson, b.centroid_lon, b.centroid_lat "
        "FROM region_boundaries b JOIN regions r USING (adcode) WHERE r.level = 'district' ORDER BY b.adcode")


# -- categorical breakdowns ----------------------------------------------------------------

BREAKDOWN_COLUMNS = ("industry", "activity_type", "campaign", "organizer_type", "mode")


def breakdown(wh: Warehouse, f: Filters, column: str) -> pd.DataFrame:
    """Grain: one row per code of `column` present in the selection: activities, share, per-unit participants."""
    if column not in BREAKDOWN_COLUMNS:
        raise ValueError(f"breakdown column {column!r} not in {BREAKDOWN_COLUMNS}")
    where, params = f.where("a")
    src = _source(wh, where, column)
    return wh.query(
        f"SELECT {column} AS code, {src.count} AS activities, "
        f"{src.count} / sum({src.count}) OVER () AS share, {src.units} "
        f"FROM {src.table} a WHERE {where} GROUP BY {column} ORDER BY activities DESC, code", params)


def breakdown_yoy(wh: Warehouse, f: Filters, column: str) -> tuple[pd.DataFrame, int | None]:
    """Grain: one row per code: activities in the latest selected year and the year before, and the change.

    Returns:
        (frame, latest_year): columns code, latest, previous, change (absolute),
        change_pct (NULL when the previous year had none). latest_year is None
        when the selection is empty.
    """
    if column not in BREAKDOWN_COLUMNS:
        raise ValueError(f"breakdown column {column!r} not in {BREAKDOWN_COLUMNS}")
    latest = _max_year(wh, f)
    if latest is None:
        return pd.DataFrame(columns=["code", "latest", "previous", "change", "change_pct"]), None
    g = f.with_years([latest - 1, latest])
    where, params = g.where("a")
    params = {**params, "latest": latest}
    src = _source(wh, where, column, "year")
    frame = wh.query(
        f"SELECT {column} AS code, {src.count_where('year = $latest')} AS latest, "
        f"{src.count_where('year = $latest - 1')} AS previous "
        f"FROM {src.table} a WHERE {where} GROUP BY {column}", params)
    frame["change"] = frame["latest"] - frame["previous"]
    frame["change_pct"] = (frame["change"] / frame["previous"].where(frame["previous"] > 0) * 100).astype("Float64")
    return frame.sort_values(["latest", "code"], ascending=[False, True], ignore_index=True), int(latest)


def breakdown_by_year(wh: Warehouse, f: Filters, column: str) -> pd.DataFrame:
    """Grain: one row per (code of `column`, year) with activities."""
    if column not in BREAKDOWN_COLUMNS:
        raise ValueError(f"breakdown column {column!r} not in {BREAKDOWN_COLUMNS}")
    where, params = f.where("a")
    src = _source(wh, where, column, "year")
    return wh.query(
        f"SELECT {column} AS code, year, {src.count} AS activities FROM {src.table} a "
        f"WHERE {where} AND year IS NOT NULL GROUP BY ALL ORDER BY year, code", params)


def by_industry(wh: Warehouse, f: Filters) -> pd.DataFrame:
    """Grain: one row per industry in the selection (see ``breakdown``)."""
    return breakdown(wh, f, "industry")


def by_activity_type(wh: Warehouse, f: Filters) -> pd.DataFrame:
    """Grain: one row per activity type in the selection (see ``breakdown``)."""
    return breakdown(wh, f, "activity_type")


# -- records ------------------------------------------------------------------------------

RECORD_COLUMNS: tuple[str, ...] = (
    "record_id", "year", "start_date", "end_date", "campaign", "district", "district_adcode", "title", "theme",
    "activity_type", "industry", "organizer", "organizer_type", "participants", "participants_unit",
    "participants_qualifier", "mode", "source", "source_locator", "source_excerpt", "is_synthetic",
)
SORTABLE: tuple[str, ...] = ("start_date", "year", "district", "title", "activity_type", "industry",
                             "organizer", "participants", "source")


def _order_by(sort: str, descending: bool) -> str:
    if sort not in SORTABLE:
        raise ValueError(f"sort column {sort!r} not in {SORTABLE}")
    # record_id breaks ties so that pages never overlap or skip rows
    return f"{sort} {'DESC' if descending else 'ASC'} NULLS LAST, record_id"


def _district_name_sql(lang: str) -> str:
    col = "name_en" if lang == "en" else "name_zh"
    return f"coalesce((SELECT r.{col} FROM regions r WHERE r.adcode = a.district_adcode), a.district)"


def _record_select(lang: str) -> str:
    cols = [f"{_district_name_sql(lang)} AS district" if c == "district" else f"a.{c}" for c in RECORD_COLUMNS]
    return ", ".join(cols)


# Rows of a base-table selection's first pages kept per date: enough for pages 1-2 of 50 rows.
DATE_GROUP_ROWS = 100


@dataclass(frozen=True)
class _DateGroups:
    """One scan of a base-table selection, grouped by start_date (see ``_date_groups``).

    Attributes:
        hist: (year, month, activities) of the selection, as ``_date_bound`` takes it.
        total: activities in the selection.
        firsts: per sort direction (True = newest first), the row ids of the leading dates'
            ``DATE_GROUP_ROWS`` rows that sort first within their date (smallest record_id),
            in sort order of the dates, until at least ``DATE_GROUP_ROWS`` rows are covered.
    """

    hist: list[tuple]
    total: int
    firsts: dict[bool, list[int]]


def _date_groups(wh: Warehouse, f: Filters) -> _DateGroups:
    """Grain: one scan of the base table per selection (kept per published snapshot).

    Used when no roll-up covers the filters (a free-text search, district x vocabulary): the
    Records page's count, its total and its first pages (sorted by start_date) all come from
    this one scan. Each start_date group keeps the ids of its ``DATE_GROUP_ROWS`` rows with the
    smallest record_id (the tie-break of ``_order_by``); a page among the first
    ``DATE_GROUP_ROWS`` rows lies within the leading groups' kept rows, so it is found by
    sorting those few rows only: the page is exactly the naive query's.
    """
    where, params = f.where("a")
    snap = wh.snapshot()
    key = (snap.key if snap else None, where, _params_key(params))
    with _DISTRICT_GROUPS_LOCK:
        hit = _DATE_GROUPS.get(key)
        if hit is not None:
            _DATE_GROUPS.move_to_end(key)
            return hit
    rows = wh.rows(
        f"SELECT start_date, year, month, count(*) AS n, min_by(a.rowid, a.record_id, $k_rows) "
        f"FROM activities a WHERE {where} GROUP BY ALL", {**params, "k_rows": DATE_GROUP_ROWS})
    hist: dict[tuple, int] = {}
    for _d, y, m, n, _ids in rows:
        hist[(y, m)] = hist.get((y, m), 0) + int(n)
    firsts: dict[bool, list[int]] = {}
    for descending in (True, False):
        # NULL dates sort last either way (NULLS LAST)
        ordered = sorted((r for r in rows if r[0] is not None), key=lambda r: r[0], reverse=descending)
        ordered += [r for r in rows if r[0] is None]
        ids: list[int] = []
        seen = 0
        for r in ordered:
            if seen >= DATE_GROUP_ROWS:
                break
            ids += [int(i) for i in r[4]]
            seen += int(r[3])
        firsts[descending] = ids
    out = _DateGroups([(y, m, n) for (y, m), n in hist.items()], sum(hist.values()), firsts)
    with _DISTRICT_GROUPS_LOCK:
        _DATE_GROUPS[key] = out
        while len(_DATE_GROUPS) > _DATE_GROUPS_MAX:
            _DATE_GROUPS.popitem(last=False)
    return out


def _month_counts(wh: Warehouse, f: Filters) -> list[tuple]:
    """Grain: one row per (year, month) of the selection (NULLs included): its number of activities.

    From a roll-up when one covers the filters, else from the base-table scan of ``_date_groups``.
    """
    where, params = f.where("a")
    src = _source(wh, where, "year", "month")
    if src.rollup:
        return wh.rows(f"SELECT year, month, {src.count} FROM {src.table} a WHERE {where} GROUP BY ALL", params)
    return _date_groups(wh, f).hist


def count_records(wh: Warehouse, f: Filters) -> int:
    """Grain: one number: activities in the selection."""
    where, params = f.where("a")
    src = _source(wh, where)
    if not src.rollup:
        # the base table is scanned anyway: the scan that also serves the page's first rows
        return _date_groups(wh, f).total
    return int(wh.rows(f"SELECT {src.count} FROM {src.table} a WHERE {where}", params)[0][0] or 0)


def _date_bound(hist: list[tuple], needed: int, descending: bool) -> tuple[str, object] | None:
    """A start_date bound that at least `needed` rows of the selection meet, from its month counts.

    Args:
        hist: (year, month, activities) of the selection; only rows with a month count, because
            only for them is start_date known to lie in that month (``month`` is set only for day
            and month precision, and then from start_date itself).
        needed: rows the page must reach (offset + limit).
        descending: newest first (the bound is a lower one) or oldest first (an upper one).

    Returns:
        (operator, date) to add as ``start_date <op> date``, or None when the dated rows are
        fewer than `needed` (then every row may be on the page: no bound).
    """
    import datetime as dt

    months = sorted(((int(y), int(m), int(n)) for y, m, n in hist if y is not None and m is not None and n),
                    reverse=descending)
    seen = 0
    for y, m, n in months:
        seen += n
        if seen >= needed:
            if descending:
                return ">=", dt.date(y, m, 1)
            return "<", dt.date(y + (m == 12), m % 12 + 1, 1)
    return None


def records_page(wh: Warehouse, f: Filters, sort: str = "start_date", descending: bool = True,
                 limit: int = 50, offset: int = 0, lang: str = "zh") -> tuple[pd.DataFrame, int]:
    """Grain: one row per activity, one page of the selection (server-side paging).

    Sorted by start_date (the default), the page is a top-N over the whole selection, which at
    10M rows costs a second. When no roll-up covers the filters (a search), one scan shared with
    ``count_records`` gives the total and the first pages (``_date_groups``). Otherwise, or for
    a later page, the selection's per-month counts are read first and give both the total and the month
    where the first ``offset + limit`` rows must start: the top-N then reads only rows on the
    right side of that month. Since at least that many rows lie there, and every row outside
    sorts after them, the page is exactly the naive query's.

    Args:
        sort: a column of SORTABLE (anything else raises ValueError).
        limit, offset: page size (1..1000) and start row.
        lang: language of the district name column.

    Returns:
        (page, total): the rows of the page and the number of rows in the whole selection.
    """
    limit = max(1, min(int(limit), 1000))
    offset = max(0, int(offset))
    order = _order_by(sort, descending)
    where, params = f.where("a")
    page_where = where
    page_params: dict[str, object] = {**params, "limit": limit, "offset": offset}
    if sort == "start_date" and offset + limit <= DATE_GROUP_ROWS and not _source(wh, where, "year", "month").rollup:
        # base-table selection: the page is among the kept leading rows of the one scan
        groups = _date_groups(wh, f)
        sql = (f"SELECT {_record_select(lang)} FROM activities a WHERE a.rowid IN (SELECT unnest($row_ids)) "
               f"ORDER BY {order} LIMIT $limit OFFSET $offset")
        return wh.query(sql, {"row_ids": groups.firsts[descending], "limit": limit, "offset": offset}), groups.total
    if sort == "start_date":
        hist = _month_counts(wh, f)
        total = sum(int(n or 0) for _y, _m, n in hist)
        bound = _date_bound(hist, offset + limit, descending)
        if bound is not None:
            page_where = f"{where} AND a.start_date {bound[0]} $date_bound"
            page_params["date_bound"] = bound[1]
    else:
        total = count_records(wh, f)
    if sort == "district":
        # sorted by the shown (looked-up) name, so the name is needed before the LIMIT
        sql = (f"SELECT {_record_select(lang)} FROM activities a WHERE {page_where} "
               f"ORDER BY {order} LIMIT $limit OFFSET $offset")
    else:
        # Two steps in one statement: the top-N picks row ids reading only the filter and sort
        # columns, then the page's rows are fetched by id and their district names looked up.
        # Done in one pass, every column (and a name lookup) was read for every selected row
        # before the LIMIT: 10-20x slower at 10M rows.
        sql = (f"SELECT {_record_select(lang)} FROM activities a WHERE a.rowid IN ("
               f"SELECT a.rowid FROM activities a WHERE {page_where} ORDER BY {order} LIMIT $limit OFFSET $offset) "
               f"ORDER BY {order}")
    return wh.query(sql, page_params), total


def records_for_export(wh: Warehouse, f: Filters, sort: str = "start_date", descending: bool = True,
                       lang: str = "zh", batch_rows: int = 50_000) -> Iterator[pa.RecordBatch]:
    """Grain: one row per activity, every row of the selection, streamed as Arrow batches."""
    where, params = f.where("a")
    yield from wh.batches(
        f"SELECT {_record_select(lang)} FROM activities a WHERE {where} ORDER BY {_order_by(sort, descending)}",
        params, batch_rows)


# -- data status ------------------------------------------------------------------------------

def meta(wh: Warehouse) -> dict[str, str]:
    """Grain: one entry per key of the `meta` table."""
    return dict(wh.rows("SELECT key, value FROM meta"))


def etl_runs(wh: Warehouse, limit: int = 20) -> pd.DataFrame:
    """Grain: one row per ETL run, newest first (at most `limit`)."""
    return wh.query(
        "SELECT run_id, started_at, finished_at, status, rows_read, rows_added, rows_updated, rows_unchanged, "
        "rows_rejected, message FROM etl_runs ORDER BY started_at DESC LIMIT $limit", {"limit": int(limit)})


def _last_run_id(wh: Warehouse) -> str | None:
    rows = wh.rows("SELECT value FROM meta WHERE key = 'last_run_id'")
    if rows and rows[0][0]:
        return rows[0][0]
    rows = wh.rows("SELECT run_id FROM etl_runs ORDER BY started_at DESC LIMIT 1")
    return rows[0][0] if rows else None


def source_files(wh: Warehouse, run_id: str | None = None) -> pd.DataFrame:
    """Grain: one row per source file read by `run_id` (default: the last run)."""
    run_id = run_id or _last_run_id(wh)
    return wh.query(
        "SELECT source, kind, status, rows_read, accepted, rejected, sha1, message FROM source_files "
        "WHERE run_id = $run ORDER BY source", {"run": run_id})


def rejects(wh: Warehouse, run_id: str | None = None, limit: int = 1000) -> tuple[pd.DataFrame, int]:
    """Grain: one row per rejected input row of `run_id` (default: the last run), at most `limit`.

    Returns:
        (rows, total): the first `limit` rejects and how many there are in all.
    """
    run_id = run_id or _last_run_id(wh)
    rows = wh.query(
        "SELECT source, locator, reason, raw FROM rejects WHERE run_id = $run "
        "ORDER BY source, locator LIMIT $limit", {"run": run_id, "limit": int(limit)})
    total = wh.rows("SELECT count(*) FROM rejects WHERE run_id = $run", {"run": run_id})[0][0]
    return rows, int(total)


def counts_by_source(wh: Warehouse) -> pd.DataFrame:
    """Grain: one row per (source, is_synthetic) over the whole warehouse, unfiltered."""
    return wh.query(
        "SELECT source, is_synthetic, count(*) AS records FROM activities GROUP BY ALL "
        "ORDER BY is_synthetic, records DESC, source")


def counts_real_demo(wh: Warehouse) -> dict[str, int]:
    """Grain: one number per kind (real, demo) over the whole warehouse, unfiltered."""
    src = _source(wh, "TRUE", "is_synthetic")
    rows = dict(wh.rows(f"SELECT is_synthetic, {src.count} FROM {src.table} a GROUP BY ALL"))
    return {"real": int(rows.get(False, 0)), "demo": int(rows.get(True, 0))}


# -- sidebar options -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Options:
    """What the sidebar offers: only values that exist in the warehouse.

    Attributes:
        years: distinct years, ascending.
        districts: (adcode, name_zh, name_en) of the districts (map ones plus any in the data).
        industries, activity_types, campaigns, organizer_types: codes present, in taxonomy order.
        has_demo: whether any synthetic row exists.
    """

    years: tuple[int, ...]
    districts: tuple[tuple[str, str, str], ...]
    industries: tuple[str, ...]
    activity_types: tuple[str, ...]
    campaigns: tuple[str, ...]
    organizer_types: tuple[str, ...]
    has_demo: bool


def options(wh: Warehouse) -> Options:
    """Grain: one Options value for the whole warehouse (unfiltered)."""
    ys = _source(wh, "TRUE", "year", "is_synthetic")
    years = tuple(int(r[0]) for r in wh.rows(
        f"SELECT DISTINCT year FROM {ys.table} WHERE year IS NOT NULL ORDER BY year"))
    dist = districts(wh)
    present = {}
    for col in ("industry", "activity_type", "campaign", "organizer_type"):
        src = _source(wh, "TRUE", col)
        present[col] = {r[0] for r in wh.rows(f"SELECT DISTINCT {col} FROM {src.table}")}
    has_demo = bool(wh.rows(f"SELECT count(*) FROM {ys.table} WHERE is_synthetic")[0][0])

    def ordered(codes: tuple[str, ...], col: str) -> tuple[str, ...]:
        # taxonomy order first, then unexpected codes so nothing in the data is unreachable
        return tuple(c for c in codes if c in present[col]) + tuple(sorted(present[col] - set(codes)))

    return Options(
        years=years,
        districts=tuple((r.adcode, r.name_zh, r.name_en) for r in dist.itertuples()),
        industries=ordered(tx.INDUSTRY_CODES, "industry"),
        activity_types=ordered(tx.ACTIVITY_TYPE_CODES, "activity_type"),
        campaigns=ordered(tx.CAMPAIGN_CODES, "campaign"),
        organizer_types=ordered(tx.ORGANIZER_TYPE_CODES, "organizer_type"),
        has_demo=has_demo,
    )
