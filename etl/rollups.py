"""Refresh the roll-up tables (domain/rollups.py) in the staging copy, before it is published.

Every roll-up is rebuilt from ``activities`` with ``CREATE OR REPLACE TABLE``: a full rebuild of
all of them reads the base table a few times (about a second per million rows on two cores),
which is cheaper and simpler to trust than maintaining them incrementally through upserts.
"""

# ruff: noqa: S608  -- table and column names come from domain/rollups.py, never from input.

from __future__ import annotations

import duckdb

from domain.rollups import MEASURE_COLUMNS, ROLLUPS, Rollup
from domain.taxonomy import UNIT_CODES


def _measures_sql() -> str:
    parts = ["count(*) AS activities"]
    for u in UNIT_CODES:
        unit = f"participants_unit = '{u}' AND participants IS NOT NULL"
        parts += [f"sum(participants) FILTER (WHERE {unit}) AS {u}",
                  f"count(*) FILTER (WHERE {unit}) AS {u}_n",
                  f"count(*) FILTER (WHERE {unit} AND participants_qualifier = 'approx') AS {u}_approx",
                  f"count(*) FILTER (WHERE {unit} AND participants_qualifier = 'at_least') AS {u}_at_least"]
    return ", ".join(parts)


def rollup_sql(r: Rollup, source: Rollup | None = None) -> str:
    """The statement that (re)builds roll-up `r` from ``activities``, or from the finer roll-up `source`.

    The measures are additive (domain/rollups.py), so summing them over a roll-up whose dims
    include all of `r`'s gives exactly what grouping ``activities`` gives, for a fraction of the scan.
    """
    dims = ", ".join(r.dims)
    if source is not None:
        if not (r.measures and source.measures and set(r.dims) <= set(source.dims)):
            raise ValueError(f"{source.table} cannot build {r.table}: it must have measures and every dim of it")
        sums = ", ".join(f"CAST(sum({m}) AS {'HUGEINT' if m in UNIT_CODES else 'BIGINT'}) AS {m}"
                         for m in MEASURE_COLUMNS)
        body = f"SELECT {dims}, {sums} FROM {source.table} GROUP BY {dims}"
    elif r.measures:
        body = f"SELECT {dims}, {_measures_sql()} FROM activities GROUP BY {dims}"
    else:
        body = f"SELECT DISTINCT {dims} FROM activities"
    # ORDER BY the leading dims so min/max zone maps let year filters skip row groups
    return f"CREATE OR REPLACE TABLE {r.table} AS {body} ORDER BY {dims}"


def build_order() -> list[tuple[Rollup, Rollup | None]]:
    """Each roll-up with the finer roll-up to build it from (None: from ``activities``), finer ones first."""
    order = sorted(ROLLUPS, key=lambda r: -len(r.dims))
    plan: list[tuple[Rollup, Rollup | None]] = []
    for r in order:
        finer = [s for s, _ in plan if r.measures and s.measures and set(r.dims) < set(s.dims)]
        plan.append((r, min(finer, key=lambda s: len(s.dims)) if finer else None))
    return plan


def refresh_rollups(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rebuild every roll-up; returns table -> row count (also stored in ``meta``).

    Roll-ups whose dims are a subset of a finer one's are summed from it (rollup_year_month from
    rollup_district_month), the others read ``activities``.
    """
    counts = {}
    for r, source in build_order():
        con.execute(rollup_sql(r, source))
        counts[r.table] = con.execute(f"SELECT count(*) FROM {r.table}").fetchone()[0]
    con.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                    [(f"rows_{t}", str(n)) for t, n in counts.items()])
    return counts
