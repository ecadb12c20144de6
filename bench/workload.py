"""What the benchmark runs: the pages, the queries each page runs, the filter sets, and the
same aggregates written as one raw DuckDB statement and as pandas.

``PAGES`` mirrors the ``ctx.q(...)`` calls of dashboard.py, app_pages/*.py and ui/breakdown_page.py
(tests/bench/test_workload.py fails when a page gains a query the benchmark does not run).
Each ``QueryCall`` knows three ways to compute its figures:

* ``product``: the function of ``analytics.queries`` the page calls (through ``Filters.where``);
* ``raw``: one hand-written DuckDB statement on the base table ``activities``, values inlined,
  no roll-up, no parameters: the floor a query of this shape can reach;
* ``pandas``: the same aggregate on an in-memory DataFrame of the base table.

``digest`` reduces a result to a few numbers so the three answers can be checked equal before
anything is timed (a fast wrong answer must not pass as a fast one).
"""

# ruff: noqa: S608  -- the raw statements inline the benchmark's own constant filter values on
# purpose (quoted by _lit): they are the hand-written baseline, not product code.

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd

from analytics import queries
from analytics.filters import DIMENSION_COLUMNS, REGION_COLUMNS, Filters
from analytics.queries.records import PRECISION_ORDER
from domain.gazetteer import adcode_level
from domain.record import locator_sql
from domain.rollups import FILTER_COLUMNS

UNITS = ("people", "person_times", "organizations")
SEARCH_COLUMNS = ("title", "theme", "organizer", "source_excerpt")
# Columns the pandas side keeps in memory: every column a page filters, groups or sorts on.
PANDAS_COLUMNS = (
    "record_id",
    *FILTER_COLUMNS,
    "month",
    "start_date",
    "date_precision",
    "mode",
    "organizer",
    "title",
    "theme",
    "source_excerpt",
    "participants",
    "participants_unit",
    "participants_qualifier",
    "source",
)
_CATEGORICAL = (
    *(c for c in FILTER_COLUMNS if c not in ("year", "is_synthetic")),
    "date_precision",
    "mode",
    "participants_unit",
    "participants_qualifier",
    "theme",
    "source",
)


# -- filter sets ------------------------------------------------------------------------------


@dataclass(frozen=True)
class FilterSet:
    """One representative selection a user makes (name, and the Filters value)."""

    name: str
    filters: Filters


def filter_sets(con) -> list[FilterSet]:
    """The representative selections, with values taken from the data (latest year, busiest district).

    Args:
        con: a DuckDB connection (or Warehouse-like object with ``rows``) on the benchmark warehouse.
    """
    rows = con.rows if hasattr(con, "rows") else (lambda sql, p=None: con.execute(sql, p or []).fetchall())
    latest = int(rows("SELECT max(year) FROM activities")[0][0])
    district = rows(
        "SELECT district_adcode FROM activities WHERE district_adcode IS NOT NULL "
        "GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1"
    )[0][0]
    return [
        FilterSet("none", Filters()),
        FilterSet("one_year", Filters(years=(latest,))),
        FilterSet("district_years", Filters(districts=(district,), years=tuple(range(latest - 2, latest + 1)))),
        FilterSet("industry_type", Filters(industries=("manufacturing",), activity_types=("training",))),
        FilterSet("search", Filters(search="开放日")),
        FilterSet("real_only", Filters(include_demo=False)),
        FilterSet(
            "campaign_org_year",
            Filters(campaigns=("quality_month",), organizer_types=("enterprise",), years=(latest - 1, latest)),
        ),
    ]


# -- raw SQL: values inlined by the benchmark itself (trusted constants, quoted) ---------------


def _lit(v: object) -> str:
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    return "'" + str(v).replace("'", "''") + "'"


def raw_where(f: Filters, skip: tuple[str, ...] = ()) -> str:
    """The selection as a plain SQL condition with inlined values (the hand-written equivalent)."""
    cols = DIMENSION_COLUMNS
    parts = []
    for name, column in cols.items():
        values = getattr(f, name)
        if values and name not in skip:
            parts.append(f"{column} IN ({', '.join(_lit(v) for v in values)})")
    if not f.include_demo:
        parts.append("NOT is_synthetic")
    if f.search and "search" not in skip:
        pat = _lit("%" + f.search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
        parts.append("(" + " OR ".join(f"{c} ILIKE {pat} ESCAPE '\\'" for c in SEARCH_COLUMNS) + ")")
    return " AND ".join(parts) or "TRUE"


_RAW_UNITS = ", ".join(f"sum(participants) FILTER (WHERE participants_unit = '{u}') AS {u}" for u in UNITS)


def _raw_kpis(f: Filters, column: str | None) -> str:
    w = raw_where(f)
    wy = raw_where(f, skip=("years",))
    latest = f"(SELECT max(year) FROM activities WHERE {w})"
    sel = f"({w})" if f.years else "TRUE"
    blocks = []
    for tag, cond in (("t", sel), ("l", f"year = {latest}"), ("p", f"year = {latest} - 1")):
        blocks.append(
            f"count(*) FILTER (WHERE {cond}) AS {tag}_activities, "
            f"count(DISTINCT district_adcode) FILTER (WHERE {cond}) AS {tag}_districts, "
            f"count(DISTINCT organizer) FILTER (WHERE {cond}) AS {tag}_organizers, "
            + ", ".join(
                f"sum(participants) FILTER (WHERE {cond} AND participants_unit = '{u}') AS {tag}_{u}" for u in UNITS
            )
        )
    return f"SELECT {latest} AS latest, {', '.join(blocks)} FROM activities WHERE {wy}"


def _raw_by_year(f: Filters, column: str | None) -> str:
    return (
        f"SELECT year, count(*) AS activities, {_RAW_UNITS} FROM activities "
        f"WHERE {raw_where(f)} AND year IS NOT NULL GROUP BY year ORDER BY year"
    )


def _raw_by_month(f: Filters, column: str | None) -> str:
    return (
        f"SELECT month, count(*) AS activities FROM activities WHERE {raw_where(f)} AND month IS NOT NULL "
        f"GROUP BY month ORDER BY month"
    )


def _raw_undated(f: Filters, column: str | None) -> str:
    return f"SELECT count(*) FROM activities WHERE {raw_where(f)} AND month IS NULL"


def _raw_figures(key: str, where: str) -> str:
    """Activities and participant sums per `key`, most activities first."""
    return (
        f"SELECT {key}, count(*) AS activities, {_RAW_UNITS} FROM activities WHERE {where} "
        f"GROUP BY 1 ORDER BY activities DESC"
    )


def _raw_per_year(key: str, where: str) -> str:
    """Activities per (`key`, year) of the dated rows."""
    return f"SELECT {key}, year, count(*) AS activities FROM activities WHERE {where} AND year IS NOT NULL GROUP BY ALL"


def _raw_by_district(f: Filters, column: str | None) -> str:
    return _raw_figures("district_adcode", f"{raw_where(f)} AND district_adcode IS NOT NULL")


def _raw_district_year(f: Filters, column: str | None) -> str:
    return _raw_per_year("district_adcode", f"{raw_where(f)} AND district_adcode IS NOT NULL")


def _raw_view_where(f: Filters, column: str) -> tuple[str, str]:
    """(child column, condition) of a map view.

    ``column`` is "<child column>|<region column or ''>|<region adcode or ''>" (see ``QueryCall.column``).
    """
    child, region_col, region = column.split("|")
    w = raw_where(f, skip=("districts",)) + (f" AND {region_col} = {_lit(region)}" if region else "")
    return child, w


def _raw_view_figures(f: Filters, column: str | None) -> str:
    child, w = _raw_view_where(f, column)
    return _raw_figures(child, w)


def _raw_view_years(f: Filters, column: str | None) -> str:
    child, w = _raw_view_where(f, column)
    return _raw_per_year(child, f"{w} AND {child} IS NOT NULL")


def _raw_breakdown(f: Filters, column: str | None) -> str:
    return _raw_figures(column, raw_where(f))


def _raw_breakdown_yoy(f: Filters, column: str | None) -> str:
    latest = f"(SELECT max(year) FROM activities WHERE {raw_where(f)})"
    wy = raw_where(f, skip=("years",))
    return (
        f"SELECT {column}, count(*) FILTER (WHERE year = {latest}) AS latest, "
        f"count(*) FILTER (WHERE year = {latest} - 1) AS previous FROM activities "
        f"WHERE {wy} AND year IN ({latest}, {latest} - 1) GROUP BY 1"
    )


def _raw_breakdown_by_year(f: Filters, column: str | None) -> str:
    return _raw_per_year(column, raw_where(f))


def _raw_count_records(f: Filters, column: str | None) -> str:
    return f"SELECT count(*) FROM activities WHERE {raw_where(f)}"


def _raw_records_page(f: Filters, column: str | None) -> str:
    w = raw_where(f)
    # names are not stored (domain.record.READ_TIME_COLUMNS): the page's 50 rows look them up in regions
    places = {"region": "adcode", "province": "province_adcode", "city": "city_adcode", "district": "district_adcode"}
    shown = {c: f"n_{c}.name_zh AS {c}" for c in places} | {"source_locator": f"{locator_sql('a.')} AS source_locator"}
    cols = ", ".join(shown.get(c, f"a.{c}") for c in queries.RECORD_COLUMNS)
    joins = " ".join(f"LEFT JOIN regions n_{c} ON n_{c}.adcode = a.{code}" for c, code in places.items())
    order = "start_date DESC NULLS LAST, date_precision ASC NULLS LAST, record_id"  # queries.order_by
    return (
        f"SELECT {cols}, (SELECT count(*) FROM activities WHERE {w}) AS total "
        f"FROM (SELECT * FROM activities WHERE {w} ORDER BY {order} LIMIT 50) a {joins} ORDER BY a.{order}"
    )


def _raw_options(f: Filters, column: str | None) -> str:
    return (
        "SELECT list(DISTINCT year), list(DISTINCT district_adcode), list(DISTINCT industry), "
        "list(DISTINCT activity_type), list(DISTINCT campaign), list(DISTINCT organizer_type), "
        "bool_or(is_synthetic) FROM activities"
    )


def _raw_counts_real_demo(f: Filters, column: str | None) -> str:
    return "SELECT is_synthetic, count(*) FROM activities GROUP BY ALL"


def _raw_counts_by_source(f: Filters, column: str | None) -> str:
    return "SELECT source, is_synthetic, count(*) FROM activities GROUP BY ALL"


# query kind -> its raw statement for (filters, column)
_RAW_SQL: dict[str, Callable[[Filters, str | None], str]] = {
    "kpis": _raw_kpis,
    "by_year": _raw_by_year,
    "by_month": _raw_by_month,
    "undated": _raw_undated,
    "by_district": _raw_by_district,
    "district_year": _raw_district_year,
    "view_figures": _raw_view_figures,
    "view_years": _raw_view_years,
    "breakdown": _raw_breakdown,
    "breakdown_yoy": _raw_breakdown_yoy,
    "breakdown_by_year": _raw_breakdown_by_year,
    "count_records": _raw_count_records,
    "records_page": _raw_records_page,
    "options": _raw_options,
    "counts_real_demo": _raw_counts_real_demo,
    "counts_by_source": _raw_counts_by_source,
}


def raw_sql(kind: str, f: Filters, column: str | None = None) -> str:
    """One DuckDB statement on `activities` computing what query `kind` computes for `f`."""
    if kind not in _RAW_SQL:
        raise KeyError(kind)
    return _RAW_SQL[kind](f, column)


# -- pandas: the same aggregates on an in-memory frame ----------------------------------------


def load_frame(con) -> pd.DataFrame:
    """The base table as a DataFrame (codes as categoricals, as a careful pandas user would keep them)."""
    frame = con.execute(f"SELECT {', '.join(PANDAS_COLUMNS)} FROM activities").df()
    for c in _CATEGORICAL:
        frame[c] = frame[c].astype("category")
    return frame


def pandas_mask(df: pd.DataFrame, f: Filters, skip: tuple[str, ...] = ()) -> np.ndarray:
    """Boolean row mask of the selection."""
    cols = DIMENSION_COLUMNS
    mask = np.ones(len(df), dtype=bool)
    for name, column in cols.items():
        values = getattr(f, name)
        if values and name not in skip:
            mask &= df[column].isin(list(values)).to_numpy(dtype=bool, na_value=False)
    if not f.include_demo:
        mask &= ~df["is_synthetic"].to_numpy(dtype=bool)
    if f.search and "search" not in skip:
        hit = np.zeros(len(df), dtype=bool)
        for c in SEARCH_COLUMNS:
            s = df[c].astype("string") if isinstance(df[c].dtype, pd.CategoricalDtype) else df[c]
            hit |= s.str.contains(f.search, case=False, regex=False).to_numpy(dtype=bool, na_value=False)
        mask &= hit
    return mask


def _unit_sums(g: pd.DataFrame, by: str) -> pd.DataFrame:
    """Activities and per-unit participant sums per value of `by` (one groupby each)."""
    out = g.groupby(by, observed=True, dropna=True).size().rename("activities").to_frame()
    sums = g.groupby([by, "participants_unit"], observed=True, dropna=True)["participants"].sum().unstack()
    # plain indexes: pandas cannot align two CategoricalIndex of different code widths
    out.index = out.index.astype(object)
    sums.index = sums.index.astype(object)
    sums.columns = sums.columns.astype(object)
    for u in UNITS:
        out[u] = sums[u].reindex(out.index) if u in sums.columns else np.nan
    return out


def _selected(df: pd.DataFrame, f: Filters) -> pd.DataFrame:
    return df[pandas_mask(df, f)]


def _pd_kpis(df: pd.DataFrame, f: Filters, column: str | None) -> dict:
    sel = _selected(df, f)
    base = df[pandas_mask(df, f, skip=("years",))]
    latest = sel["year"].max()
    out = {"latest": None if pd.isna(latest) else int(latest)}
    parts = {"t": sel}
    if out["latest"] is not None:
        parts["l"] = base[base["year"] == out["latest"]]
        parts["p"] = base[base["year"] == out["latest"] - 1]
    for tag, part in parts.items():
        out[f"{tag}_activities"] = len(part)
        out[f"{tag}_districts"] = part["district_adcode"].nunique()
        out[f"{tag}_organizers"] = part["organizer"].nunique()
        for u in UNITS:
            out[f"{tag}_{u}"] = part.loc[part["participants_unit"] == u, "participants"].sum()
    return out


def _pd_by_year(df: pd.DataFrame, f: Filters, column: str | None) -> pd.DataFrame:
    sel = _selected(df, f)
    return _unit_sums(sel[sel["year"].notna()], "year").sort_index()


def _pd_by_month(df: pd.DataFrame, f: Filters, column: str | None) -> pd.Series:
    return _selected(df, f).groupby("month").size()


def _pd_undated(df: pd.DataFrame, f: Filters, column: str | None) -> int:
    return int(_selected(df, f)["month"].isna().sum())


def _pd_by_district(df: pd.DataFrame, f: Filters, column: str | None) -> pd.DataFrame:
    return _unit_sums(_selected(df, f), "district_adcode").sort_values("activities", ascending=False)


def _pd_district_year(df: pd.DataFrame, f: Filters, column: str | None) -> pd.Series:
    return _selected(df, f).groupby(["district_adcode", "year"], observed=True).size()


def _pd_view_rows(df: pd.DataFrame, f: Filters, column: str) -> tuple[str, pd.DataFrame]:
    """(child column, rows) of a map view (column as for _raw_view_where)."""
    child, region_col, region = column.split("|")
    sel = df[pandas_mask(df, f, skip=("districts",))]
    if region:
        sel = sel[(sel[region_col] == region).to_numpy(dtype=bool, na_value=False)]
    return child, sel


def _pd_view_figures(df: pd.DataFrame, f: Filters, column: str | None) -> pd.DataFrame:
    child, sel = _pd_view_rows(df, f, column)
    own = int(sel[child].isna().sum())
    out = _unit_sums(sel, child).sort_values("activities", ascending=False)
    out.attrs["own_level"] = own
    return out


def _pd_view_years(df: pd.DataFrame, f: Filters, column: str | None) -> pd.Series:
    child, sel = _pd_view_rows(df, f, column)
    return sel[sel["year"].notna()].groupby([child, "year"], observed=True).size()


def _pd_breakdown(df: pd.DataFrame, f: Filters, column: str | None) -> pd.DataFrame:
    return _unit_sums(_selected(df, f), column).sort_values("activities", ascending=False)


def _pd_breakdown_yoy(df: pd.DataFrame, f: Filters, column: str | None) -> pd.DataFrame:
    latest = _selected(df, f)["year"].max()
    if pd.isna(latest):
        return pd.DataFrame()
    base = df[pandas_mask(df, f, skip=("years",))]
    two = base[base["year"].isin([latest, latest - 1])]
    return pd.crosstab(two[column], two["year"])


def _pd_breakdown_by_year(df: pd.DataFrame, f: Filters, column: str | None) -> pd.Series:
    return _selected(df, f).groupby([column, "year"], observed=True).size()


def _pd_count_records(df: pd.DataFrame, f: Filters, column: str | None) -> int:
    return len(_selected(df, f))


def _pd_records_page(df: pd.DataFrame, f: Filters, column: str | None) -> tuple[pd.DataFrame, int]:
    sel = _selected(df, f)
    # queries.order_by: newest first, a day's rows before its month's and year's (PRECISION_ORDER)
    rank = sel["date_precision"].astype("str").map({p: i for i, p in enumerate(PRECISION_ORDER)})
    page = (
        sel.assign(_rank=rank)
        .sort_values(["start_date", "_rank", "record_id"], ascending=[False, True, True], na_position="last")
        .drop(columns="_rank")
        .head(50)
    )
    return page, len(sel)


def _pd_options(df: pd.DataFrame, f: Filters, column: str | None) -> dict:
    return {
        c: sorted(df[c].dropna().unique().tolist())
        for c in ("year", "industry", "activity_type", "campaign", "organizer_type")
    }


def _pd_counts_real_demo(df: pd.DataFrame, f: Filters, column: str | None) -> pd.Series:
    return df["is_synthetic"].value_counts()


def _pd_counts_by_source(df: pd.DataFrame, f: Filters, column: str | None) -> pd.Series:
    sizes = df.groupby(["source", "is_synthetic"], observed=True).size()
    out = df.groupby("is_synthetic").size()
    out.attrs["groups"] = len(sizes)
    return out


# query kind -> its pandas computation for (frame, filters, column)
_PANDAS_RESULT: dict[str, Callable[[pd.DataFrame, Filters, str | None], Any]] = {
    "kpis": _pd_kpis,
    "by_year": _pd_by_year,
    "by_month": _pd_by_month,
    "undated": _pd_undated,
    "by_district": _pd_by_district,
    "district_year": _pd_district_year,
    "view_figures": _pd_view_figures,
    "view_years": _pd_view_years,
    "breakdown": _pd_breakdown,
    "breakdown_yoy": _pd_breakdown_yoy,
    "breakdown_by_year": _pd_breakdown_by_year,
    "count_records": _pd_count_records,
    "records_page": _pd_records_page,
    "options": _pd_options,
    "counts_real_demo": _pd_counts_real_demo,
    "counts_by_source": _pd_counts_by_source,
}


def pandas_result(kind: str, df: pd.DataFrame, f: Filters, column: str | None = None) -> Any:
    """What query `kind` returns for `f`, computed with pandas on `df`."""
    if kind not in _PANDAS_RESULT:
        raise KeyError(kind)
    return _PANDAS_RESULT[kind](df, f, column)


# -- digests: a few numbers per answer, equal across product / raw / pandas --------------------


def _total(x: Any) -> int:
    return int(np.nansum(np.asarray(x, dtype="float64")))


_KPI_RAW_NAMES = ["latest", *[f"{t}_{x}" for t in "tlp" for x in ("activities", "districts", "organizers", *UNITS)]]


def _digest_kpis(how: str, result: Any) -> tuple:
    if how == "product":
        k = result
        out = [
            k.latest_year,
            k.total.activities,
            k.total.districts,
            k.total.organizers,
            *(k.total.participants.get(u, (0,))[0] for u in UNITS),
        ]
        if k.latest is not None:
            out += [k.latest.activities, k.latest.organizers, k.previous.activities, k.previous.organizers]
        return tuple(out)
    d = dict(zip(_KPI_RAW_NAMES, result[0], strict=True)) if how == "raw" else result
    out = [d["latest"], d["t_activities"], d["t_districts"], d["t_organizers"], *(int(d[f"t_{u}"] or 0) for u in UNITS)]
    if d["latest"] is not None:
        out += [d["l_activities"], d["l_organizers"], d["p_activities"], d["p_organizers"]]
    return tuple(int(x) if x is not None else None for x in out)


def _digest_counts_real_demo(how: str, result: Any) -> tuple:
    if how == "product":
        return (result["real"], result["demo"])
    counts = dict(result) if how == "raw" else {bool(k): int(v) for k, v in result.items()}
    return (int(counts.get(False, 0)), int(counts.get(True, 0)))


def _digest_counts_by_source(how: str, result: Any) -> tuple:
    if how == "product":
        return (int(result["records"].sum()), len(result))
    if how == "raw":
        return (_total([r[2] for r in result]), len(result))
    return (_total(result), int(result.attrs.get("groups", 0)))


def _digest_count(how: str, result: Any) -> tuple:
    return (int(result if how != "raw" else result[0][0]),)


def _digest_records_page(how: str, result: Any) -> tuple:
    if how == "raw":
        return (int(result[0][-1]) if result else 0, tuple(r[0] for r in result))
    page, total = result  # product and pandas: (page, total)
    return (total, tuple(page["record_id"]))


def _digest_options(how: str, result: Any) -> tuple:
    if how == "product":
        return (
            len(result.years),
            len(result.industries),
            len(result.activity_types),
            len(result.campaigns),
            len(result.organizer_types),
        )
    if how == "raw":
        r = result[0]
        return (len(r[0]), len(r[2]), len(r[3]), len(r[4]), len(r[5]))
    return (
        len(result["year"]),
        len(result["industry"]),
        len(result["activity_type"]),
        len(result["campaign"]),
        len(result["organizer_type"]),
    )


def _digest_breakdown_yoy(how: str, result: Any) -> tuple:
    if how == "product":
        frame, _latest = result
        return (
            _total(frame["latest"]),
            _total(frame["previous"]),
            len(frame[(frame["latest"] > 0) | (frame["previous"] > 0)]),
        )
    if how == "raw":
        return (_total([r[1] for r in result]), _total([r[2] for r in result]), sum(1 for r in result if r[1] or r[2]))
    if result.empty:
        return (0, 0, 0)
    cols = sorted(result.columns)
    latest = result[cols[-1]] if len(cols) else 0
    prev = result[cols[-2]] if len(cols) > 1 else latest * 0
    return (_total(latest), _total(prev), int(((latest > 0) | (prev > 0)).sum()))


def _digest_view_figures(how: str, result: Any) -> tuple:
    """Children with activities, their total and people, and the own-level count."""
    if how == "product":
        acts = result.children["activities"].dropna()
        return (int((acts > 0).sum()), _total(acts), _total(result.children["people"]), result.own_level)
    if how == "raw":
        placed = [r for r in result if r[0] is not None]
        return (
            len(placed),
            _total([r[1] for r in placed]),
            _total([r[2] for r in placed]),
            _total([r[1] for r in result if r[0] is None]),
        )
    return (
        int((result["activities"] > 0).sum()),
        _total(result["activities"]),
        _total(result["people"]),
        result.attrs["own_level"],
    )


def _digest_view_years(how: str, result: Any) -> tuple:
    if how == "raw":
        return (len(result), _total([r[2] for r in result]))
    if how == "pandas":
        return (int((result > 0).sum()), _total(result))
    return _digest_grouped("view_years", how, result)


# grouped counts, raw rows: kind -> index of the activities column (people follows it for unit sums)
_RAW_ACTIVITIES_INDEX = {
    "by_year": 1,
    "by_month": 1,
    "by_district": 1,
    "district_year": 2,
    "breakdown": 1,
    "breakdown_by_year": 2,
}


def _digest_grouped(kind: str, how: str, result: Any) -> tuple:
    """Grouped counts: number of non-empty groups and total activities (+ people for unit sums)."""
    if how == "product":
        frame = result
        acts = frame["activities"].dropna()
        out = (int((acts > 0).sum()), _total(acts))
        return out + ((_total(frame["people"]),) if "people" in frame else ())
    if how == "raw":
        idx = _RAW_ACTIVITIES_INDEX[kind]
        out = (sum(1 for r in result if r[idx]), _total([r[idx] for r in result]))
        return out + (
            (_total([r[idx + 1] for r in result]),) if kind in ("by_year", "by_district", "breakdown") else ()
        )
    if isinstance(result, pd.DataFrame):
        out = (int((result["activities"] > 0).sum()), _total(result["activities"]))
        return out + ((_total(result["people"]),) if "people" in result else ())
    return (int((result > 0).sum()), _total(result))


# query kind -> its digest for (how, result); kinds not listed are grouped counts (_digest_grouped)
_DIGEST: dict[str, Callable[[str, Any], tuple]] = {
    "kpis": _digest_kpis,
    "counts_real_demo": _digest_counts_real_demo,
    "counts_by_source": _digest_counts_by_source,
    "undated": _digest_count,
    "count_records": _digest_count,
    "records_page": _digest_records_page,
    "options": _digest_options,
    "breakdown_yoy": _digest_breakdown_yoy,
    "view_figures": _digest_view_figures,
    "view_years": _digest_view_years,
}


def digest(kind: str, how: str, result: Any) -> tuple:
    """Reduce one answer to comparable numbers.

    Args:
        kind: the query.
        how: 'product', 'raw' (a list of tuples) or 'pandas'.
        result: what that way returned.
    """
    if kind in _DIGEST:
        return _DIGEST[kind](how, result)
    return _digest_grouped(kind, how, result)


# -- pages ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QueryCall:
    """One query a page runs on every run of its script.

    Attributes:
        name: the ``analytics.queries`` function.
        kind: which raw/pandas equivalent computes the same figures (None: no equivalent,
            e.g. small lookups on the meta tables, timed for the product only).
        args: positional arguments after (warehouse, filters).
        kwargs: keyword arguments.
        filtered: whether the page passes the sidebar filters.
        adapt: how the page derives this query's filters from the sidebar's (e.g. ``without('search')``).
        label: how the call is named in the report.
    """

    name: str
    kind: str | None
    args: tuple = ()
    kwargs: tuple = ()
    filtered: bool = True
    adapt: Callable[[Filters], Filters] | None = None
    label: str = ""
    view: bool = False  # args are the map view of the selection (analytics.places), set by set_tree

    @property
    def title(self) -> str:
        return self.label or (self.name + (f"({', '.join(map(str, self.args))})" if self.args else ""))

    def filters_for(self, f: Filters) -> Filters | None:
        if not self.filtered:
            return None
        return self.adapt(f) if self.adapt else f

    def column(self, f: Filters | None = None) -> str | None:
        if self.view:
            view, region, child = _view_of(f or Filters())
            region_col = REGION_COLUMNS[adcode_level(region)] if region else ""
            return f"{child}|{region_col}|{region or ''}"
        return self.args[0] if self.args else None

    def args_for(self, f: Filters) -> tuple:
        if self.view:  # the map's view of the selection, as the Districts page computes it
            view, region, _child = _view_of(f)
            return (view,) if self.name == "view_boundaries" else (view, region)
        return self.args

    def run_product(self, wh, f: Filters) -> Any:
        fn = getattr(queries, self.name)
        g = self.filters_for(f)
        args = self.args_for(f)
        return fn(wh, *args, **dict(self.kwargs)) if g is None else fn(wh, g, *args, **dict(self.kwargs))

    def run_raw(self, con, f: Filters) -> list[tuple]:
        return con.execute(raw_sql(self.kind, self.filters_for(f) or Filters(), self.column(f))).fetchall()

    def run_pandas(self, df: pd.DataFrame, f: Filters) -> Any:
        return pandas_result(self.kind, df, self.filters_for(f) or Filters(), self.column(f))


_TREE: list = []  # the region tree of the benchmark warehouse (set_tree), for the map's view


def set_tree(rows: Callable) -> None:
    """Read the region tree of the warehouse the benchmark measures (`rows(sql)` -> tuples)."""
    from analytics.places import RegionTree

    frame = pd.DataFrame(
        rows("SELECT adcode, level, parent_adcode, name_zh, name_en, short_zh FROM regions WHERE status = 'current'"),
        columns=["adcode", "level", "parent_adcode", "name_zh", "name_en", "short_zh"],
    )
    _TREE[:] = [RegionTree.from_frame(frame)]


def _view_of(f: Filters) -> tuple[str | None, str | None, str]:
    """(view, the region it stands for, the children's column) of the selection, as app_pages/districts.py."""
    if not _TREE:
        raise RuntimeError("bench.workload.set_tree() was not called")
    tree = _TREE[0]
    view = tree.view_for(f.districts)
    kids = tree.children(view)
    return view, tree.top(view), REGION_COLUMNS[tree.regions[kids[0]].level]


def _no_search(f: Filters) -> Filters:
    return f.without("search")


def _no_search_no_district(f: Filters) -> Filters:
    return f.without("search", "districts")


def _breakdown_page(column: str) -> tuple[QueryCall, ...]:
    return (
        QueryCall("breakdown", "breakdown", (column,), adapt=_no_search),
        # the year-on-year chart is derived from this frame (queries.yoy_of), no query of its own
        QueryCall("breakdown_by_year", "breakdown_by_year", (column,), adapt=_no_search),
    )


RECORDS_PAGE_KWARGS = (("descending", True), ("lang", "zh"), ("limit", 50), ("offset", 0), ("sort", "start_date"))

PAGES: dict[str, tuple[QueryCall, ...]] = {
    # dashboard.py runs this before every page (cached per snapshot in the product).
    "sidebar": (QueryCall("options", "options", filtered=False),),
    "overview": (
        QueryCall("kpis", "kpis", adapt=_no_search),
        QueryCall("by_year", "by_year", adapt=_no_search),
        QueryCall("by_month", "by_month", adapt=_no_search),
        QueryCall("undated", "undated", adapt=_no_search),
    ),
    # the map's view follows the place picked (the country, a province's cities, a city's counties)
    "districts": (
        QueryCall("view_boundaries", None, filtered=False, view=True),
        QueryCall("view_figures", "view_figures", adapt=_no_search, view=True),
        QueryCall("view_years", "view_years", adapt=_no_search, view=True),
    ),
    "industries": _breakdown_page("industry"),
    "activity_types": _breakdown_page("activity_type"),
    "records": (
        QueryCall("count_records", "count_records"),
        QueryCall("records_page", "records_page", kwargs=RECORDS_PAGE_KWARGS),
    ),
    "data_status": (
        QueryCall("meta", None, filtered=False),
        QueryCall("counts_real_demo", "counts_real_demo", filtered=False),
        QueryCall("etl_runs", None, filtered=False),
        QueryCall("counts_by_source", "counts_by_source", filtered=False),
        QueryCall("source_files", None, filtered=False),
        QueryCall("rejects", None, filtered=False),
    ),
}


def page_query_names() -> dict[str, set[str]]:
    """Page -> names of the analytics.queries functions the benchmark runs for it."""
    return {page: {c.name for c in calls} for page, calls in PAGES.items()}


def with_search(fs: FilterSet, text: str) -> FilterSet:
    """A copy of `fs` with a search term (used by tests)."""
    return FilterSet(fs.name + "+search", replace(fs.filters, search=text))
