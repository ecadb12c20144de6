"""Data status and sidebar options: what was loaded, by which run, and which values exist (unfiltered)."""

# ruff: noqa: S608  -- SQL text here is built only from whitelisted identifiers; every value is bound.

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analytics.db import Warehouse
from analytics.queries.geography import districts
from analytics.queries.routing import route
from domain import taxonomy as tx


def meta(wh: Warehouse) -> dict[str, str]:
    """Grain: one entry per key of the `meta` table."""
    return dict(wh.rows("SELECT key, value FROM meta"))


def etl_runs(wh: Warehouse, limit: int = 20) -> pd.DataFrame:
    """Grain: one row per ETL run, newest first (at most `limit`)."""
    # `*`: `messages` (coded, domain.messages) exists only in warehouses written since it was added.
    return wh.query(
        "SELECT * EXCLUDE (sources) FROM etl_runs ORDER BY started_at DESC LIMIT $limit", {"limit": int(limit)}
    )


def _last_run_id(wh: Warehouse) -> str | None:
    rows = wh.rows("SELECT value FROM meta WHERE key = 'last_run_id'")
    if rows and rows[0][0]:
        return rows[0][0]
    rows = wh.rows("SELECT run_id FROM etl_runs ORDER BY started_at DESC LIMIT 1")
    return rows[0][0] if rows else None


def source_files(wh: Warehouse, run_id: str | None = None) -> pd.DataFrame:
    """Grain: one row per source file read by `run_id` (default: the last run)."""
    run_id = run_id or _last_run_id(wh)
    # `*`: `messages` (coded) exists only in warehouses written since it was added.
    return wh.query("SELECT * EXCLUDE (run_id) FROM source_files WHERE run_id = $run ORDER BY source", {"run": run_id})


def rejects(wh: Warehouse, run_id: str | None = None, limit: int = 1000) -> tuple[pd.DataFrame, int]:
    """Grain: one row per rejected input row of `run_id` (default: the last run), at most `limit`.

    Returns:
        (rows, total): the first `limit` rejects and how many there are in all.
    """
    run_id = run_id or _last_run_id(wh)
    # `*`: `reasons` and `reason_code` (coded) exist only in warehouses written since they were added.
    # In file order: by the locator's text, then its number ('row 3' before 'row 10', as a sheet counts).
    rows = wh.query(
        "SELECT * EXCLUDE (run_id) FROM rejects WHERE run_id = $run ORDER BY source, "
        "regexp_replace(locator, '[0-9]+$', ''), CAST(NULLIF(regexp_extract(locator, '([0-9]+)$', 1), '') AS BIGINT), "
        "locator LIMIT $limit",
        {"run": run_id, "limit": int(limit)},
    )
    total = wh.rows("SELECT count(*) FROM rejects WHERE run_id = $run", {"run": run_id})[0][0]
    return rows, int(total)


def counts_by_source(wh: Warehouse) -> pd.DataFrame:
    """Grain: one row per (source, is_synthetic) over the whole warehouse, unfiltered."""
    return wh.query(
        "SELECT source, is_synthetic, count(*) AS records FROM activities GROUP BY ALL "
        "ORDER BY is_synthetic, records DESC, source"
    )


def counts_real_demo(wh: Warehouse) -> dict[str, int]:
    """Grain: one number per kind (real, demo) over the whole warehouse, unfiltered."""
    src = route(wh, None, "is_synthetic")
    rows = dict(wh.rows(f"SELECT is_synthetic, {src.count} FROM {src.table} a GROUP BY ALL"))
    return {"real": int(rows.get(False, 0)), "demo": int(rows.get(True, 0))}


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
    ys = route(wh, None, "year", "is_synthetic")
    years = tuple(
        int(r[0]) for r in wh.rows(f"SELECT DISTINCT year FROM {ys.table} WHERE year IS NOT NULL ORDER BY year")
    )
    dist = districts(wh)
    present = {}
    for col in ("industry", "activity_type", "campaign", "organizer_type"):
        src = route(wh, None, col)
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
