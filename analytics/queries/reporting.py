"""Reporting completeness and same-period comparison of a selection.

Two questions a regulator asks after the campaign, answered from ``activities`` through
``Filters.where`` (every value bound):

* **Who has reported?** For the regions of one map level (``RegionLevel``: Shanghai's 16 districts
  by default; a province's cities or the country's provinces work the same way), which reported at
  least one activity in the period and which did not, the completeness rate, and who reported last
  year but not this year (and the reverse). The same for industries, counting enterprise-organised
  activities. "Not reported" is NULL, never 0 (docs/ARCHITECTURE.md, counting rules).
* **How far is this year's campaign compared with earlier years at the same day?** Activities
  dated on or before the same month/day of each year, so a mid-September look is not read as a
  collapse against whole earlier years.

The period is one campaign year: the latest year of the selection (as the Overview's KPI cards
compare the latest year with the year before); the other filters stay as selected.
"""

# ruff: noqa: S608  -- SQL text here is built only from whitelisted identifiers and
# Filters.where() fragments that hold placeholders; every value is bound.

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import pandas as pd
import pyarrow as pa

from analytics.db import Warehouse
from analytics.filters import Filters
from analytics.places import RegionTree
from analytics.queries.routing import route
from domain import taxonomy as tx
from domain.gazetteer import NOT_REPORTING_PROVINCES

# Region level -> the column of `activities` holding that level's adcode.
LEVEL_COLUMNS: dict[str, str] = {"province": "province_adcode", "city": "city_adcode", "district": "district_adcode"}
ENTERPRISE = "enterprise"
# Industries expected to report: every industry code but the catch-alls.
EXPECTED_INDUSTRIES: tuple[str, ...] = tuple(c for c in tx.INDUSTRY_CODES if c not in ("mixed", "unknown"))
# How many years the same-period comparison looks back from the latest one.
SAME_PERIOD_YEARS = 5


@dataclass(frozen=True)
class RegionLevel:
    """The regions a completeness list is made of: the current regions of `level` under `parent`.

    The drill-down map's view gives it (``map_level``): the country's provinces, a province's cities,
    a city's districts (Shanghai's 16 by default).

    Attributes:
        level: province / city / district.
        parent: adcode of the region whose children are listed (``310100``: Shanghai's districts);
            None = every region of that level in the country.
        parent_level: the parent's own level; default the level above `level` (a province's
            counties, e.g. directly administered ones, name it).
    """

    level: str = "district"
    parent: str | None = "310100"
    parent_level: str | None = None

    def __post_init__(self) -> None:
        if self.level not in LEVEL_COLUMNS:
            raise ValueError(f"region level {self.level!r} not in {tuple(LEVEL_COLUMNS)}")
        if self.parent is not None and not (len(self.parent) == 6 and self.parent.isdigit()):
            raise ValueError(f"parent adcode {self.parent!r} is not 6 digits")
        if self.parent is None:
            object.__setattr__(self, "parent_level", None)
        elif self.parent_level is None:
            object.__setattr__(self, "parent_level", {"district": "city", "city": "province"}.get(self.level))
        if self.parent_level is not None and self.parent_level not in LEVEL_COLUMNS:
            raise ValueError(f"parent level {self.parent_level!r} not in {tuple(LEVEL_COLUMNS)}")

    @property
    def column(self) -> str:
        return LEVEL_COLUMNS[self.level]

    @property
    def parent_column(self) -> str | None:
        """The column of ``activities`` that holds the parent's adcode (None for the whole country)."""
        return LEVEL_COLUMNS[self.parent_level] if self.parent_level else None


SHANGHAI_DISTRICTS = RegionLevel("district", "310100")


def map_level(tree: RegionTree, selection: tuple[str, ...]) -> RegionLevel:
    """The level the drill-down map draws for a place selection: the children of its view
    (``RegionTree.view_for``): 上海市 -> Shanghai's 16 districts, 山东省 -> its cities, none -> provinces."""
    view = tree.view_for(selection)
    kids = tree.children(view)
    if not kids:
        return SHANGHAI_DISTRICTS
    level = tree.regions[kids[0]].level
    return RegionLevel(level, view, tree.regions[view].level if view else None)


@dataclass(frozen=True)
class Completeness:
    """Who reported in one year, against the year before.

    Attributes:
        year: the period (None when the selection has no dated row: then nobody reported).
        kind: ``region`` or ``industry``.
        table: one row per expected unit: ``code``, ``name_zh``, ``name_en``, ``current`` and
            ``previous`` (activities in `year` and `year - 1`; <NA> = not reported, never 0).
    """

    year: int | None
    kind: str
    table: pd.DataFrame

    def _codes(self, mask: pd.Series) -> list[str]:
        return self.table.loc[mask, "code"].tolist()

    @property
    def expected(self) -> int:
        return len(self.table)

    @property
    def reported(self) -> list[str]:
        """Units with at least one activity in the year, most active first."""
        t = self.table[self.table["current"].notna()].sort_values(["current", "code"], ascending=[False, True])
        return t["code"].tolist()

    @property
    def not_reported(self) -> list[str]:
        return self._codes(self.table["current"].isna())

    @property
    def rate(self) -> float | None:
        """Share of expected units that reported (None when none is expected)."""
        return len(self.reported) / self.expected if self.expected else None

    @property
    def dropped(self) -> list[str]:
        """Reported the year before, not this year."""
        return self._codes(self.table["previous"].notna() & self.table["current"].isna())

    @property
    def new(self) -> list[str]:
        """Reported this year, not the year before."""
        return self._codes(self.table["current"].notna() & self.table["previous"].isna())

    @property
    def previous_reported(self) -> int:
        return int(self.table["previous"].notna().sum())

    def names(self, codes: list[str], lang: str) -> list[str]:
        """Names of `codes` in `lang` (zh/en), in the given order."""
        col = "name_en" if lang == "en" else "name_zh"
        by = dict(zip(self.table["code"], self.table[col], strict=True))
        return [str(by.get(c, c)) for c in codes]


def latest_year(wh: Warehouse, f: Filters) -> int | None:
    """Grain: one number: the latest year of the selection (None when it has no row with a year)."""
    where, params = f.where("a")
    src = route(wh, f, "year")
    value = wh.rows(f"SELECT max(year) FROM {src.table} a WHERE {where}", params)[0][0]
    return None if value is None else int(value)


def _restrict(level: RegionLevel, adcodes: tuple[str, ...], name: str) -> tuple[str, dict[str, object]]:
    """Condition on ``r`` (regions) keeping the regions of `level` that are, lie in or contain one of
    `adcodes` (a place picked at any level, or the districts of a scope)."""
    if level.level == "district":
        return (
            f"(r.adcode IN (SELECT unnest(${name})) OR r.parent_adcode IN (SELECT unnest(${name})) "
            f"OR r.province_adcode IN (SELECT unnest(${name})))"
        ), {name: list(adcodes)}
    if level.level == "city":  # a city picked, one holding a picked district, or every city of a picked province
        return (
            f"(r.adcode IN (SELECT unnest(${name})) OR r.parent_adcode IN (SELECT unnest(${name})) "
            f"OR r.adcode IN (SELECT x.parent_adcode FROM regions x WHERE x.adcode IN (SELECT unnest(${name}))))"
        ), {name: list(adcodes)}
    return (
        f"r.adcode IN (SELECT x.province_adcode FROM regions x WHERE x.adcode IN (SELECT unnest(${name})))",
        {name: list(adcodes)},
    )


def regions(wh: Warehouse, f: Filters, level: RegionLevel = SHANGHAI_DISTRICTS) -> pd.DataFrame:
    """Grain: one row per region expected to report: adcode, name_zh, name_en.

    The current regions of the level, narrowed to those holding the selected districts and to
    the access scope (a scoped user's list holds only their districts: the others are out of
    scope, not "not reported").
    """
    conds = ["r.level = $c_level", "r.status = 'current'"]
    params: dict[str, object] = {"c_level": level.level}
    if level.parent is not None:
        conds.append("r.parent_adcode = $c_parent")
        params["c_parent"] = level.parent
    if level.parent is None or level.parent[:2] + "0000" not in NOT_REPORTING_PROVINCES:
        # Taiwan, Hong Kong and Macao are not expected to report (unless the view is inside one of them)
        conds.append(f"r.province_adcode NOT IN ({', '.join(repr(c) for c in NOT_REPORTING_PROVINCES)})")
    for adcodes, name in ((f.districts, "c_picked"), (f.scope, "c_scope")):
        if adcodes is None or (name == "c_picked" and not adcodes):
            continue
        cond, p = _restrict(level, adcodes, name)
        conds.append(cond)
        params.update(p)
    return wh.query(
        f"SELECT r.adcode, r.name_zh, r.name_en FROM regions r WHERE {' AND '.join(conds)} ORDER BY r.adcode", params
    )


def _year_counts(
    wh: Warehouse, f: Filters, year: int, column: str, enterprise: bool = False, successors: bool = False
) -> pd.DataFrame:
    """Grain: one row per value of `column` with activities in `year` or `year - 1`: cur, prev (NULL = none).

    Read from the smallest roll-up holding `column`, the year and the filtered columns (the
    district roll-up for Shanghai's districts, the vocabulary one for industries), else the base table.

    Args:
        enterprise: count only activities organised by enterprises.
        successors: count a former region's rows for its successor (a record may still carry
            南汇区's adcode); mapped after grouping, so the scan groups plain column values.
    """
    g = f.without("years")
    where, params = g.where("a")
    src = route(wh, g, column, "year", *(("organizer_type",) if enterprise else ()))
    extra = f"a.organizer_type = '{ENTERPRISE}'" if enterprise else "TRUE"
    inner = (
        f"SELECT a.{column} AS code, {src.count_where('a.year = $c_year')} AS cur, "
        f"{src.count_where('a.year = $c_year - 1')} AS prev "
        f"FROM {src.table} a WHERE {where} AND {extra} AND a.year IN ($c_year, $c_year - 1) "
        f"AND a.{column} IS NOT NULL GROUP BY 1"
    )
    code = "coalesce(s.successor_adcode, g.code)" if successors else "g.code"
    join = "LEFT JOIN regions s ON s.adcode = g.code AND s.status = 'former'" if successors else ""
    sql = (
        f"SELECT {code} AS code, nullif(sum(g.cur), 0) AS cur, nullif(sum(g.prev), 0) AS prev "
        f"FROM ({inner}) g {join} GROUP BY 1"
    )
    return wh.query(sql, {**params, "c_year": year})


def _completeness(expected: pd.DataFrame, counts: pd.DataFrame | None, year: int | None, kind: str) -> Completeness:
    table = expected.rename(columns={"adcode": "code"})[["code", "name_zh", "name_en"]].copy()
    cur = prev = pd.Series(pd.NA, index=table.index, dtype="Int64")
    if counts is not None and len(counts):
        by = counts.groupby("code")[["cur", "prev"]].sum(min_count=1)
        cur = table["code"].map(by["cur"]).astype("Int64")
        prev = table["code"].map(by["prev"]).astype("Int64")
    table["current"], table["previous"] = cur, prev
    return Completeness(year, kind, table.reset_index(drop=True))


def region_completeness(
    wh: Warehouse, f: Filters, level: RegionLevel = SHANGHAI_DISTRICTS, year: int | None = None
) -> Completeness:
    """Grain: one row per expected region of `level`: activities in the period and the year before.

    Args:
        year: the period; default the latest year of the selection.
    """
    year = latest_year(wh, f) if year is None else int(year)
    expected = regions(wh, f, level)
    if year is None:
        return _completeness(expected, None, None, "region")
    return _completeness(expected, _year_counts(wh, f, year, level.column, successors=True), year, "region")


def industry_completeness(wh: Warehouse, f: Filters, year: int | None = None) -> Completeness:
    """Grain: one row per expected industry: enterprise-organised activities in the period and the year before.

    Industries come from the taxonomy (catch-alls ``mixed``/``unknown`` left out), narrowed to the
    industry filter when there is one.
    """
    year = latest_year(wh, f) if year is None else int(year)
    codes = [c for c in EXPECTED_INDUSTRIES if not f.industries or c in f.industries]
    by_code = tx.by_code(tx.INDUSTRIES)
    expected = pd.DataFrame(
        {"adcode": codes, "name_zh": [by_code[c].zh for c in codes], "name_en": [by_code[c].en for c in codes]}
    )
    if year is None:
        return _completeness(expected, None, None, "industry")
    counts = _year_counts(wh, f, year, "industry", enterprise=True)
    return _completeness(expected, counts, year, "industry")


# -- same period -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SamePeriod:
    """Each year's campaign up to the same day of the year.

    Attributes:
        year: the latest year of the selection (None when it has no dated row).
        month, day: the cut-off, the same in every year.
        table: one row per year (the latest and up to ``SAME_PERIOD_YEARS - 1`` before it that
            have any row): ``year``, ``cutoff`` (date), ``by_cutoff`` (activities dated on or
            before it), ``regions_by_cutoff`` (districts with one), ``undetermined`` (dated
            only to a month or a year that the cut-off falls inside, so neither before nor
            after), ``whole_year`` (all activities of that year).
    """

    year: int | None
    month: int
    day: int
    table: pd.DataFrame

    def row(self, year: int) -> pd.Series | None:
        rows = self.table[self.table["year"] == year]
        return None if rows.empty else rows.iloc[0]

    def change_pct(self, year: int) -> float | None:
        """Change of `year`'s activities by the cut-off against the year before's by the same day, in
        percent (None when the year before has none to compare with)."""
        this, before = self.row(year), self.row(year - 1)
        if this is None or before is None or not int(before["by_cutoff"]):
            return None
        return (int(this["by_cutoff"]) - int(before["by_cutoff"])) / int(before["by_cutoff"]) * 100


def _cutoff(year: int, month: int, day: int) -> dt.date:
    """The month/day in `year` (29 February becomes the 28th in other years)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return dt.date(year, month, 28)


def default_cutoff(wh: Warehouse, f: Filters) -> tuple[int, int] | None:
    """Grain: one (month, day): the latest day-precise start date of the selection's latest year.

    That is how far this year's reports reach; comparing earlier years up to the same day is
    the fair comparison. None when the latest year has no day-precise date.
    """
    year = latest_year(wh, f)
    if year is None:
        return None
    where, params = f.without("years").where("a")
    value = wh.rows(
        f"SELECT max(start_date) FROM activities a WHERE {where} AND a.year = $c_year AND a.date_precision = 'day'",
        {**params, "c_year": year},
    )[0][0]
    return None if value is None else (value.month, value.day)


def same_period(
    wh: Warehouse, f: Filters, month: int | None = None, day: int | None = None, level: RegionLevel = SHANGHAI_DISTRICTS
) -> SamePeriod:
    """Grain: one row per year (the latest of the selection and the years before it): activities by the cut-off.

    A row counts by the cut-off when its date places it there: a day-precise start date on or
    before the cut-off, or a month-precise one whose whole month ends by then. Rows dated only to
    the year, or to the month the cut-off falls in, are ``undetermined``. Earlier years are
    compared under the same non-year filters even when the year filter leaves them out.

    Args:
        month, day: the cut-off; default ``default_cutoff`` (else 30 September, the campaign's end).
        level: the region level whose regions are counted in ``regions_by_cutoff``.
    """
    year = latest_year(wh, f)
    if month is None or day is None:
        month, day = default_cutoff(wh, f) or (9, 30)
    month, day = int(month), int(day)
    _cutoff(2000, month, day)  # ValueError for an impossible day (31 April)
    cols = ["year", "cutoff", "by_cutoff", "regions_by_cutoff", "undetermined", "whole_year"]
    if year is None:
        return SamePeriod(None, month, day, pd.DataFrame(columns=cols))
    where, params = f.without("years").where("a")
    years = list(range(year - SAME_PERIOD_YEARS + 1, year + 1))
    cutoffs = pd.DataFrame({"year": years, "cutoff": [_cutoff(y, month, day) for y in years]})
    # month_end: the last day a month-precise date may stand for
    placed = (
        "(a.date_precision = 'day' AND a.start_date <= c.cutoff) OR (a.date_precision = 'month' "
        "AND last_day(a.start_date) <= c.cutoff)"
    )
    undetermined = (
        "a.date_precision = 'year' OR a.start_date IS NULL OR (a.date_precision = 'month' "
        "AND a.start_date <= c.cutoff AND last_day(a.start_date) > c.cutoff)"
    )
    sql = (
        f"SELECT c.year, c.cutoff, count(*) FILTER (WHERE {placed}) AS by_cutoff, "
        f"count(DISTINCT a.{level.column}) FILTER (WHERE {placed}) AS regions_by_cutoff, "
        f"count(*) FILTER (WHERE {undetermined}) AS undetermined, count(*) AS whole_year "
        f"FROM activities a JOIN cutoffs c ON a.year = c.year WHERE {where} "
        f"GROUP BY c.year, c.cutoff ORDER BY c.year"
    )
    table = wh.query(sql, params, tables={"cutoffs": pa.Table.from_pandas(cutoffs, preserve_index=False)})
    table["year"] = table["year"].astype(int)
    return SamePeriod(year, month, day, table[cols])


# -- what a briefing's data note says about the selection ---------------------------------------------


def selection_sources(wh: Warehouse, f: Filters) -> pd.DataFrame:
    """Grain: one row per source document of the selection: source, activities (most first)."""
    where, params = f.where("a")
    return wh.query(
        f"SELECT source, count(*) AS activities FROM activities a WHERE {where} "
        "GROUP BY source ORDER BY activities DESC, source",
        params,
    )


def demo_rows(wh: Warehouse, f: Filters) -> int:
    """Grain: one number: demo (synthetic) rows the selection holds, or would hold with demo data on."""
    g = replace(f, include_demo=True)
    where, params = g.where("a")
    src = route(wh, g, "is_synthetic")
    return int(wh.rows(f"SELECT {src.count_where('a.is_synthetic')} FROM {src.table} a WHERE {where}", params)[0][0])


def placement(wh: Warehouse, f: Filters, level: RegionLevel = SHANGHAI_DISTRICTS) -> tuple[int, int]:
    """Grain: one pair for the selection: (activities outside the level's parent region, activities inside
    it with no region at the level, such as city-wide ones).

    Both are in the selection's totals but in no region of the completeness list; a briefing says so.
    """
    where, params = f.where("a")
    col, parent_col = level.column, level.parent_column
    if parent_col is None:
        src = route(wh, f, col)
        unplaced = wh.rows(f"SELECT {src.count_where(f'a.{col} IS NULL')} FROM {src.table} a WHERE {where}", params)[0][
            0
        ]
        return 0, int(unplaced)
    row = wh.rows(
        f"SELECT count(*) FILTER (WHERE a.{parent_col} IS DISTINCT FROM $p_parent), "
        f"count(*) FILTER (WHERE a.{parent_col} = $p_parent AND a.{col} IS NULL) "
        f"FROM activities a WHERE {where}",
        {**params, "p_parent": level.parent},
    )[0]
    return int(row[0]), int(row[1])


def region_names(wh: Warehouse, adcodes: tuple[str, ...], lang: str) -> dict[str, str]:
    """Grain: one name per adcode found in ``regions``, in `lang` (zh/en): adcode -> name, in adcode order."""
    col = "name_en" if lang == "en" else "name_zh"
    rows = wh.rows(
        f"SELECT adcode, {col} FROM regions WHERE adcode IN (SELECT unnest($r_codes)) ORDER BY adcode",
        {"r_codes": list(adcodes)},
    )
    return {str(a): str(n) for a, n in rows}
