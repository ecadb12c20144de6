"""Refresh the roll-up tables (domain/rollups.py) in the staging copy, before it is published.

Every roll-up is rebuilt from ``activities`` with ``CREATE OR REPLACE TABLE``: a full rebuild of
all of them reads the base table a few times (about a second per million rows on two cores),
which is cheaper and simpler to trust than maintaining them incrementally through upserts.
"""

# ruff: noqa: S608  -- table and column names come from domain/rollups.py, never from input.

from __future__ import annotations

import duckdb

from domain.rollups import MEASURE_COLUMNS, ORGANIZER_IDS, RETIRED_TABLES, ROLLUPS, Rollup
from domain.taxonomy import UNIT_CODES


def _measures_sql() -> str:
    parts = ["count(*) AS activities"]
    for u in UNIT_CODES:
        unit = f"participants_unit = '{u}' AND participants IS NOT NULL"
        parts += [
            f"sum(participants) FILTER (WHERE {unit}) AS {u}",
            f"count(*) FILTER (WHERE {unit}) AS {u}_n",
            f"count(*) FILTER (WHERE {unit} AND participants_qualifier = 'approx') AS {u}_approx",
            f"count(*) FILTER (WHERE {unit} AND participants_qualifier = 'at_least') AS {u}_at_least",
        ]
    return ", ".join(parts)


def rollup_sql(r: Rollup, source: Rollup | None = None) -> str:
    """The statement that (re)builds roll-up `r` from ``activities``, or from the finer roll-up `source`.

    The measures are additive (domain/rollups.py), so summing them over a roll-up whose dims
    include all of `r`'s gives exactly what grouping ``activities`` gives, for a fraction of the scan.
    """
    dims = ", ".join(r.dims)
    if source is not None:
        if not (r.measures == source.measures and set(r.dims) <= set(source.dims)):
            raise ValueError(
                f"{source.table} cannot build {r.table}: it must have the same kind of measures and every dim of it"
            )
        if r.measures:
            sums = ", ".join(
                f"CAST(sum({m}) AS {'HUGEINT' if m in UNIT_CODES else 'BIGINT'}) AS {m}" for m in MEASURE_COLUMNS
            )
            body = f"SELECT {dims}, {sums} FROM {source.table} GROUP BY {dims}"
        else:
            body = f"SELECT DISTINCT {dims} FROM {source.table}"
    elif r.measures:
        body = f"SELECT {dims}, {_measures_sql()} FROM activities GROUP BY {dims}"
    elif "organizer_id" in r.dims:
        # LEFT JOIN: a row without organiser keeps its district (and a NULL id)
        body = (
            f"SELECT DISTINCT {dims} FROM activities LEFT JOIN {ORGANIZER_IDS} o ON o.organizer = activities.organizer"
        )
    else:
        body = f"SELECT DISTINCT {dims} FROM activities"
    # is_synthetic first: the real rows form one block (a "real only" filter reads one row group)
    # and the rest stays sorted by the leading dims, so year filters skip row groups too
    order = ", ".join(["is_synthetic"] * ("is_synthetic" in r.dims) + [d for d in r.dims if d != "is_synthetic"])
    return f"CREATE OR REPLACE TABLE {r.table} AS {body} ORDER BY {order}"


def organizer_ids_sql() -> str:
    """The statement that (re)builds the organiser dictionary ``organizer_ids`` (domain/rollups.py)."""
    return (
        f"CREATE OR REPLACE TABLE {ORGANIZER_IDS} AS SELECT organizer, "
        f"CAST(row_number() OVER () AS INTEGER) AS organizer_id "
        f"FROM (SELECT DISTINCT organizer FROM activities WHERE organizer IS NOT NULL)"
    )


def build_order() -> list[tuple[Rollup, Rollup | None]]:
    """Each roll-up with the finer roll-up to build it from (None: from ``activities``), finer ones first."""
    order = sorted(ROLLUPS, key=lambda r: -len(r.dims))
    plan: list[tuple[Rollup, Rollup | None]] = []
    for r in order:
        finer = [s for s, _ in plan if r.measures == s.measures and set(r.dims) < set(s.dims)]
        plan.append((r, min(finer, key=lambda s: len(s.dims)) if finer else None))
    return plan


def refresh_rollups(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rebuild every roll-up; returns table -> row count (also stored in ``meta``).

    Roll-ups whose dims are a subset of a finer one's are summed (or, without measures, reduced
    with DISTINCT) from it (rollup_year_month from rollup_district_month); the others read
    ``activities``. The organiser dictionary is rebuilt
    first, so ids are dense and consistent within one published snapshot (they are not stable
    across snapshots and are never shown).
    """
    counts = {}
    for table in RETIRED_TABLES:
        con.execute(f"DROP TABLE IF EXISTS {table}")
    con.execute(organizer_ids_sql())
    for r, source in build_order():
        con.execute(rollup_sql(r, source))
        counts[r.table] = con.execute(f"SELECT count(*) FROM {r.table}").fetchone()[0]
    con.executemany(
        "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", [(f"rows_{t}", str(n)) for t, n in counts.items()]
    )
    return counts
