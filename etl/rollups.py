"""Refresh the roll-up tables (domain/rollups.py) in the staging copy, before it is published.

Every roll-up is rebuilt from ``activities`` with ``CREATE OR REPLACE TABLE``: a full rebuild of
all of them reads the base table a few times (about a second per million rows on two cores),
which is cheaper and simpler to trust than maintaining them incrementally through upserts.
"""

# ruff: noqa: S608  -- table and column names come from domain/rollups.py, never from input.

from __future__ import annotations

import duckdb

from domain.rollups import ROLLUPS, Rollup
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


def rollup_sql(r: Rollup) -> str:
    """The statement that (re)builds roll-up `r` from ``activities``."""
    dims = ", ".join(r.dims)
    if r.measures:
        body = f"SELECT {dims}, {_measures_sql()} FROM activities GROUP BY {dims}"
    else:
        body = f"SELECT DISTINCT {dims} FROM activities"
    # ORDER BY the leading dims so min/max zone maps let year filters skip row groups
    return f"CREATE OR REPLACE TABLE {r.table} AS {body} ORDER BY {dims}"


def refresh_rollups(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rebuild every roll-up from ``activities``; returns table -> row count (also stored in ``meta``)."""
    counts = {}
    for r in ROLLUPS:
        con.execute(rollup_sql(r))
        counts[r.table] = con.execute(f"SELECT count(*) FROM {r.table}").fetchone()[0]
    con.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                    [(f"rows_{t}", str(n)) for t, n in counts.items()])
    return counts
