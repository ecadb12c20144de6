"""Roll-up tables of the warehouse: what they hold, shared by the ETL (builds them at publish) and
the read side (answers from them when every active filter and grouping is one of their columns).

Each roll-up is ``activities`` grouped by its ``dims``, with the same measures:

* ``activities``: number of activity rows;
* per participant unit ``u`` (people, person_times, organizations): ``u`` = sum of participants in
  that unit (NULL when no row has a count in it), ``u_n`` = rows with a count in that unit,
  ``u_approx`` / ``u_at_least`` = of those, rows whose count is approximate / a lower bound.

These are additive, so any coarser grouping of a roll-up gives exactly what the same grouping of
``activities`` gives, qualifiers included (approx wins over at_least wins over exact).
The organiser roll-ups have no measures: they list which organisers (and districts) appear per
combination of the filter columns, for the distinct-district and distinct-organiser KPIs. They
hold ``organizer_id``, the organiser's integer id in ``organizer_ids`` (one row per distinct
non-NULL organiser name, ids dense from 1), not the name: a distinct count of integers is about
3x cheaper than of names, and the ids are a bijection, so the counts are the same. Rows with no
organiser keep a NULL id (their district still counts).

A measured roll-up is only worth having when it is much smaller than ``activities``; the district
column has thousands of values nationally, so no measured roll-up crosses district with the
vocabularies. Nor does an organiser roll-up: (year, vocabularies, organiser) has 0.7 rows per
activity at 10M rows and took 8-30 s to build, against a whole-ETL target of 36 s.

Every roll-up is stored sorted by is_synthetic first, then its dims: the few real rows form one
block (the "real only" view reads one row group) and the demo rows stay sorted by year (year
filters skip row groups).
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.taxonomy import UNIT_CODES

# Columns of `activities` a Filters value can restrict (analytics.filters maps its fields onto these).
FILTER_COLUMNS = (
    "year",
    "province_adcode",
    "city_adcode",
    "district_adcode",
    "industry",
    "activity_type",
    "campaign",
    "organizer_type",
    "is_synthetic",
)


@dataclass(frozen=True)
class Rollup:
    """One roll-up table.

    Attributes:
        table: table name in the warehouse.
        dims: its grain: one row per distinct combination of these columns of ``activities``.
        measures: whether it carries the activity and participant measures.
    """

    table: str
    dims: tuple[str, ...]
    measures: bool = True

    @property
    def grain(self) -> str:
        return "one row per (" + ", ".join(self.dims) + ")"


ROLLUPS: tuple[Rollup, ...] = (
    # smallest first: the read side takes the first one that covers a query
    Rollup("rollup_year_month", ("year", "month", "is_synthetic")),
    # province and city ride along with the district (they follow from it, except for records
    # above county level): a place picked at any level is answered from the same roll-up
    Rollup(
        "rollup_district_month", ("year", "month", "province_adcode", "city_adcode", "district_adcode", "is_synthetic")
    ),
    Rollup(
        "rollup_vocab_month",
        ("year", "month", "industry", "activity_type", "campaign", "organizer_type", "mode", "is_synthetic"),
    ),
    Rollup(
        "rollup_organizer_ids",
        ("year", "province_adcode", "city_adcode", "district_adcode", "is_synthetic", "organizer_id"),
        measures=False,
    ),
)

# The organiser dictionary: one row per distinct non-NULL ``activities.organizer``: (organizer, organizer_id).
ORGANIZER_IDS = "organizer_ids"
# Tables earlier versions built; a refresh drops them so no stale copy is left behind.
RETIRED_TABLES: tuple[str, ...] = ("rollup_organizers",)

MEASURE_COLUMNS: tuple[str, ...] = ("activities",) + tuple(
    c for u in UNIT_CODES for c in (u, f"{u}_n", f"{u}_approx", f"{u}_at_least")
)


def covering(needed: set[str], measures: bool = True) -> Rollup | None:
    """The first roll-up (in ``ROLLUPS`` order) whose dims include every column in `needed`."""
    for r in ROLLUPS:
        if r.measures == measures and needed <= set(r.dims):
            return r
    return None
