"""Records: one page of the selection's activities (server-side paging), its count, the export stream."""

# ruff: noqa: S608  -- SQL text here is built only from whitelisted identifiers and
# Filters.where() fragments that hold placeholders; every value is bound.

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator
from dataclasses import dataclass

import pandas as pd
import pyarrow as pa

from analytics.db import Warehouse
from analytics.filters import Filters
from analytics.queries import codes
from analytics.queries.cache import SnapshotCache
from analytics.queries.routing import route
from domain.record import FIELDS, PARTICIPANT_COLUMNS, locator_sql

RECORD_COLUMNS: tuple[str, ...] = (
    "record_id",
    "year",
    "start_date",
    "end_date",
    "date_precision",
    "campaign",
    "region",
    "province",
    "city",
    "district",
    "adcode",
    "district_adcode",
    "title",
    "theme",
    "activity_type",
    "industry",
    "organizer",
    "organizer_type",
    *PARTICIPANT_COLUMNS,
    "mode",
    "source",
    "source_locator",
    "source_excerpt",
    "is_synthetic",
)
SORTABLE: tuple[str, ...] = (
    "start_date",
    "year",
    "district",
    "title",
    "activity_type",
    "industry",
    "organizer",
    "participants",
    "source",
)


# Sortable columns holding codes: sorted in code-list order, the order their labels are listed in
# everywhere else (analytics.queries.codes), not by the codes' text.
CODE_SORTS = ("activity_type", "industry")


def order_by(sort: str, descending: bool) -> str:
    """ORDER BY of the Records page and the export (the columns as ``record_rows`` outputs them).

    By start_date, rows of one stored date are kept together by their precision: a month stored as its
    first day (2022年9月 = 2022-09-01) comes after that day's rows when the newest come first and before
    them when the oldest do, never interleaved with 2022年9月1日 (``PRECISION_ORDER``).
    """
    if sort not in SORTABLE:
        raise ValueError(f"sort column {sort!r} not in {SORTABLE}")
    direction = "DESC" if descending else "ASC"
    key = codes.order_sql(sort, sort, direction) if sort in CODE_SORTS else f"{sort} {direction} NULLS LAST"
    if sort == "start_date":
        key += f", date_precision {'ASC' if descending else 'DESC'} NULLS LAST"
    # record_id breaks ties so that pages never overlap or skip rows
    return f"{key}, record_id"


# day < month < year, both as the warehouse's ENUM sorts them (code-list order) and as the lake's text
# sorts on Spark (alphabetically): so ``date_precision`` orders the same on both engines without a rank.
PRECISION_ORDER: tuple[str, ...] = ("day", "month", "year")


# Place columns of a record, named in the chosen language from `regions` by their adcode (the names
# are not stored: domain.record.READ_TIME_COLUMNS): output column -> adcode column. "region" is the
# place at the record's own level (its district, or the city / province of a city-wide /
# province-wide record). The one statement of the rule: ``record_rows`` renders it in SQL,
# ``_named`` applies it to fetched rows (tests/analytics/test_rollups.py checks the two agree).
_PLACE_COLUMNS: dict[str, str] = {
    "region": "adcode",
    "province": "province_adcode",
    "city": "city_adcode",
    "district": "district_adcode",
}
# What a page fetches from `activities`: every record column but the looked-up names, and the adcodes
# the names are looked up by.
_FETCHED: tuple[str, ...] = tuple(
    dict.fromkeys([c for c in RECORD_COLUMNS if c not in _PLACE_COLUMNS] + list(_PLACE_COLUMNS.values()))
)


# Code columns (ENUMs in DuckDB) come out as text from the statement itself: cheaper than turning
# pandas categoricals into text after (analytics.db.plain_codes), a few ms for a page's eight.
_CODE_COLUMNS = tuple(c for c in _FETCHED if c in FIELDS and FIELDS[c].codes is not None)
# Columns stored in another shape than they are shown: the locator's text and row number (one text).
_COMPOSED = {"source_locator": f"{locator_sql('a.')} AS source_locator"}


def _fetched(c: str) -> str:
    if c in _COMPOSED:
        return _COMPOSED[c]
    return f"CAST(a.{c} AS VARCHAR) AS {c}" if c in _CODE_COLUMNS else f"a.{c}"


_FETCH_LIST = ", ".join(_fetched(c) for c in _FETCHED)


def _name_column(lang: str) -> str:
    return "name_en" if lang == "en" else "name_zh"


def record_rows(lang: str, rows: str) -> str:
    """SELECT of RECORD_COLUMNS over `rows` (a FROM item aliased ``a``: the activities table or a
    subquery of it), the place names looked up in `lang`; the caller appends WHERE / ORDER BY.

    Names are looked up by joins on the rows given, never by a subquery per row: given the page's
    rows (a top-N subquery), only those rows are looked up, not the whole selection.
    """
    name = _name_column(lang)
    cols, joins = [], []
    for c in RECORD_COLUMNS:
        if c in _PLACE_COLUMNS:
            cols.append(f"n_{c}.{name} AS {c}")
            # adcode is the key of regions (domain/schema.sql): one row at most, no row multiplied
            joins.append(f"LEFT JOIN regions n_{c} ON n_{c}.adcode = a.{_PLACE_COLUMNS[c]}")
        else:
            cols.append(_COMPOSED.get(c, f"a.{c}"))
    return f"SELECT {', '.join(cols)} FROM {rows} {' '.join(joins)}"


# Region names per language, per published snapshot (a few thousand rows; a filter change keeps them).
_REGION_NAMES = SnapshotCache(4, filtered=False)


def _region_names(wh: Warehouse, lang: str) -> dict[str, str]:
    """adcode -> the region's name in `lang` (regions without one are left out: no name is shown)."""
    name = _name_column(lang)
    return _REGION_NAMES.get(
        wh,
        ("region_names", name),
        lambda: dict(wh.rows(f"SELECT adcode, {name} FROM regions WHERE {name} IS NOT NULL")),
    )


def _named(frame: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """RECORD_COLUMNS of fetched rows (``_FETCHED``), the place names looked up in `names` (``_region_names``).

    Row by row in Python: a page has at most 1,000 rows, and per-column pandas operations cost more
    (each column read once as a list; measured at 50 rows: 1.1 ms against 2.6 ms reading per use).
    """
    dtype = frame["adcode"].dtype
    for c, code in _PLACE_COLUMNS.items():
        frame[c] = pd.array([names.get(key) for key in frame[code].tolist()], dtype=dtype)
    for c in _CODE_COLUMNS:
        if frame[c].dtype == object:  # no row, or no value: text of no rows is untyped, codes stay str
            frame[c] = frame[c].astype("str")
    return frame[list(RECORD_COLUMNS)]


def _page(wh: Warehouse, lang: str, rows: str, tail: str, params: dict[str, object]) -> pd.DataFrame:
    """A page's rows: `rows` (a FROM item aliased ``a`` holding at most the page's rows) and `tail`
    (ORDER BY / LIMIT), fetched without names, then named from the snapshot's region names.

    Looked up in the statement, four joins cost more than the fetch of the page's rows itself: each
    is a pipeline of its own and the join order is planned for every page (measured at 1M rows).
    """
    fetched = wh.query(f"SELECT {_FETCH_LIST} FROM {rows} {tail}", params)
    return _named(fetched, _region_names(wh, lang))


# Rows of a base-table selection's first pages kept per date: enough for pages 1-2 of 50 rows.
DATE_GROUP_ROWS = 100


@dataclass(frozen=True)
class _DateGroups:
    """One scan of a base-table selection, grouped by start_date and its precision (see ``date_groups``).

    Attributes:
        hist: (year, month, activities) of the selection, as ``date_bound`` takes it.
        total: activities in the selection.
        firsts: per sort direction (True = newest first), the row pointers (rowid) of the leading dates'
            ``DATE_GROUP_ROWS`` rows that sort first within their date (smallest record_id),
            in sort order of the dates, until at least ``DATE_GROUP_ROWS`` rows are covered.
    """

    hist: list[tuple]
    total: int
    firsts: dict[bool, list]


# Date groups of base-table selections (free-text search...), per selection.
_DATE_GROUPS = SnapshotCache(16)


def date_groups(wh: Warehouse, f: Filters) -> _DateGroups:
    """Grain: one scan of the base table per selection (kept per published snapshot).

    Used when no roll-up covers the filters (a free-text search, district x vocabulary): the
    Records page's count, its total and its first pages (sorted by start_date) all come from
    this one scan. Each (start_date, precision) group keeps the ids of its ``DATE_GROUP_ROWS`` rows with the
    smallest record_id (the tie-break of ``order_by``); a page among the first
    ``DATE_GROUP_ROWS`` rows lies within the leading groups' kept rows, so it is found by
    sorting those few rows only: the page is exactly the naive query's.
    """
    return _DATE_GROUPS.get(wh, f, lambda: _scan_date_groups(wh, f))


def _scan_date_groups(wh: Warehouse, f: Filters) -> _DateGroups:
    where, params = f.where("a")
    rows = wh.rows(
        f"SELECT start_date, CAST(date_precision AS VARCHAR), year, month, count(*) AS n, "
        f"min_by(a.rowid, a.record_id, $k_rows) FROM activities a WHERE {where} GROUP BY ALL",
        {**params, "k_rows": DATE_GROUP_ROWS},
    )
    hist: dict[tuple, int] = {}
    for _d, _p, y, m, n, _ids in rows:
        hist[(y, m)] = hist.get((y, m), 0) + int(n)
    coarse = {p: i for i, p in enumerate(PRECISION_ORDER)}

    def key(r: tuple, descending: bool) -> tuple:
        # order_by's: the date, then its precision the other way round, a missing precision last
        if r[1] not in coarse:
            return r[0], -math.inf if descending else math.inf
        return r[0], -coarse[r[1]]

    firsts: dict[bool, list] = {}
    for descending in (True, False):
        # NULL dates sort last either way (NULLS LAST)
        dated = (r for r in rows if r[0] is not None)
        ordered = sorted(dated, key=lambda r, d=descending: key(r, d), reverse=descending)
        ordered += [r for r in rows if r[0] is None]
        ids: list[str] = []
        seen = 0
        for r in ordered:
            if seen >= DATE_GROUP_ROWS:
                break
            ids += list(r[5])
            seen += int(r[4])
        firsts[descending] = ids
    return _DateGroups([(y, m, n) for (y, m), n in hist.items()], sum(hist.values()), firsts)


def _month_counts(wh: Warehouse, f: Filters) -> list[tuple]:
    """Grain: one row per (year, month) of the selection (NULLs included): its number of activities.

    From a roll-up when one covers the filters, else from the base-table scan of ``date_groups``.
    """
    where, params = f.where("a")
    src = route(wh, f, "year", "month")
    if src.rollup:
        return wh.rows(f"SELECT year, month, {src.count} FROM {src.table} a WHERE {where} GROUP BY ALL", params)
    return date_groups(wh, f).hist


def count_records(wh: Warehouse, f: Filters) -> int:
    """Grain: one number: activities in the selection."""
    src = route(wh, f)
    if not src.rollup:
        # the base table is scanned anyway: the scan that also serves the page's first rows
        return date_groups(wh, f).total
    where, params = f.where("a")
    return int(wh.rows(f"SELECT {src.count} FROM {src.table} a WHERE {where}", params)[0][0] or 0)


def date_bound(hist: list[tuple], needed: int, descending: bool) -> tuple[str, object] | None:
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
    months = sorted(
        ((int(y), int(m), int(n)) for y, m, n in hist if y is not None and m is not None and n), reverse=descending
    )
    seen = 0
    for y, m, n in months:
        seen += n
        if seen >= needed:
            if descending:
                return ">=", dt.date(y, m, 1)
            return "<", dt.date(y + (m == 12), m % 12 + 1, 1)
    return None


def records_page(
    wh: Warehouse,
    f: Filters,
    sort: str = "start_date",
    descending: bool = True,
    limit: int = 50,
    offset: int = 0,
    lang: str = "zh",
) -> tuple[pd.DataFrame, int]:
    """Grain: one row per activity, one page of the selection (server-side paging).

    Sorted by start_date (the default), the page is a top-N over the whole selection, which at
    10M rows costs a second. When no roll-up covers the filters (a search), one scan shared with
    ``count_records`` gives the total and the first pages (``date_groups``). Otherwise, or for
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
    order = order_by(sort, descending)
    where, params = f.where("a")
    page_where = where
    page_params: dict[str, object] = {**params, "limit": limit, "offset": offset}
    if sort == "start_date" and offset + limit <= DATE_GROUP_ROWS and not route(wh, f, "year", "month").rollup:
        # base-table selection: the page is among the kept leading rows of the one scan
        groups = date_groups(wh, f)
        rows = "(SELECT * FROM activities a WHERE a.rowid IN (SELECT unnest($row_ids))) a"
        params = {"row_ids": groups.firsts[descending], "limit": limit, "offset": offset}
        return _page(wh, lang, rows, f"ORDER BY {order} LIMIT $limit OFFSET $offset", params), groups.total
    if sort == "start_date":
        hist = _month_counts(wh, f)
        total = sum(int(n or 0) for _y, _m, n in hist)
        bound = date_bound(hist, offset + limit, descending)
        if bound is not None:
            page_where = f"{where} AND a.start_date {bound[0]} $date_bound"
            page_params["date_bound"] = bound[1]
    else:
        total = count_records(wh, f)
    if sort == "district":
        # sorted by the shown (looked-up) name, so the names are needed before the LIMIT
        rows = f"(SELECT * FROM activities a WHERE {page_where}) a"
        sql = f"{record_rows(lang, rows)} ORDER BY {order} LIMIT $limit OFFSET $offset"
    else:
        # Two steps in one statement: the top-N picks the page's rows reading only the filter and sort
        # columns, then only those rows are fetched (by row pointer: analytics.engines); their place
        # names are looked up after (``_page``). Done in one pass, every column and every name was
        # read for every selected row before the LIMIT: 4-5x slower at 1M rows.
        rows = (
            f"(SELECT * FROM activities a WHERE a.rowid IN (SELECT a.rowid FROM activities a WHERE {page_where} "
            f"ORDER BY {order} LIMIT $limit OFFSET $offset)) a"
        )
        return _page(wh, lang, rows, f"ORDER BY {order}", page_params), total
    return wh.query(sql, page_params), total


def records_for_export(
    wh: Warehouse,
    f: Filters,
    sort: str = "start_date",
    descending: bool = True,
    lang: str = "zh",
    batch_rows: int = 50_000,
) -> Iterator[pa.RecordBatch]:
    """Grain: one row per activity, every row of the selection, streamed as Arrow batches."""
    where, params = f.where("a")
    yield from wh.batches(
        f"{record_rows(lang, f'(SELECT * FROM activities a WHERE {where}) a')} ORDER BY {order_by(sort, descending)}",
        params,
        batch_rows,
    )
