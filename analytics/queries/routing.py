"""Which table answers an aggregate: the smallest covering roll-up, else ``activities``. Stated once.

A roll-up answers when it has every column the selection reads (``Filters.columns``, never the
SQL text) and every column the query groups or tests on (domain/rollups.py lists them).
"""

from __future__ import annotations

from dataclasses import dataclass

from analytics.db import Warehouse
from analytics.filters import Filters
from analytics.queries import units
from domain.rollups import covering


@dataclass(frozen=True)
class Source:
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
        """Per-unit participants with qualifiers (``units``) over this source."""
        return units.ROLLUP_COLUMNS if self.rollup else units.BASE_COLUMNS

    @property
    def organizer(self) -> str:
        """The column that tells organisers apart: integer ids in a roll-up, names in the base table."""
        return "organizer_id" if self.rollup else "organizer"


BASE = Source("activities", False)


def route(wh: Warehouse, f: Filters | None, *columns: str, measures: bool = True) -> Source:
    """The smallest table that answers an aggregate of the selection `f`.

    Args:
        f: the selection (None = every row); the columns it reads must be roll-up dimensions, so a
            free-text search (title...) always goes to the base table.
        columns: the other columns the query groups or tests on.
        measures: whether activity/participant measures are needed (else the organiser roll-up).
    """
    needed = set(f.columns if f is not None else ()) | set(columns)
    r = covering(needed, measures)
    if r is not None and wh.has_table(r.table):
        return Source(r.table, True)
    return BASE
