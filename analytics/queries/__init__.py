"""Named queries of the dashboard, by what they answer. Each states its grain in the first docstring line.

* ``cards``: the KPI cards; ``timeline``: years and months; ``geography``: the district list,
  ranking, heat map and boundaries; ``breakdowns``: per code of a vocabulary column;
  ``records``: the Records page and exports; ``status``: ETL runs, sources, sidebar options.
* ``places``: the region tree and the drill-down map's views (children's figures, own-level counts).
* ``reporting``: who has (not) reported per region of a map level and per industry, each year
  against earlier years by the same day, and the facts a briefing's data note states.
* ``routing``: which table answers an aggregate (the smallest covering roll-up);
  ``cache``: what is kept per published snapshot; ``units``: the counting rule of participants.

All take ``(warehouse, filters, ...)``, build their WHERE clause only through
``Filters.where`` and bind every value. Codes are returned as stored; labels are
the caller's business (analytics.i18n). Counting rules (docs/ARCHITECTURE.md):
participants are summed per unit only, a sum carries the weakest qualifier of
its terms (see ``fmt.combine_qualifiers``), and a district with no record is
NULL ("not reported"), never 0. Pages call them by name (``ui.state.Context.q``).
"""

from analytics.queries.breakdowns import (
    BREAKDOWN_COLUMNS,
    breakdown,
    breakdown_by_year,
    breakdown_yoy,
    by_activity_type,
    by_industry,
    yoy_of,
)
from analytics.queries.cache import clear_caches
from analytics.queries.cards import Kpis, Totals, kpis
from analytics.queries.geography import boundaries, by_district, district_year, districts
from analytics.queries.places import (
    ViewFigures,
    data_provinces,
    region_tree,
    view_boundaries,
    view_figures,
    view_years,
)
from analytics.queries.records import RECORD_COLUMNS, SORTABLE, count_records, records_for_export, records_page
from analytics.queries.reporting import (
    SHANGHAI_DISTRICTS,
    Completeness,
    RegionLevel,
    SamePeriod,
    default_cutoff,
    demo_rows,
    industry_completeness,
    latest_year,
    map_level,
    placement,
    region_completeness,
    region_names,
    regions,
    same_period,
    selection_sources,
)
from analytics.queries.status import (
    Options,
    counts_by_source,
    counts_real_demo,
    etl_runs,
    meta,
    options,
    rejects,
    source_files,
)
from analytics.queries.timeline import by_month, by_year, undated, years_covered
from analytics.queries.units import UNITS

__all__ = [
    "ViewFigures",
    "data_provinces",
    "region_tree",
    "view_boundaries",
    "view_figures",
    "view_years",
    "SHANGHAI_DISTRICTS",
    "Completeness",
    "RegionLevel",
    "SamePeriod",
    "default_cutoff",
    "demo_rows",
    "industry_completeness",
    "latest_year",
    "map_level",
    "region_completeness",
    "region_names",
    "regions",
    "same_period",
    "selection_sources",
    "placement",
    "BREAKDOWN_COLUMNS",
    "RECORD_COLUMNS",
    "SORTABLE",
    "UNITS",
    "Kpis",
    "Options",
    "Totals",
    "boundaries",
    "breakdown",
    "breakdown_by_year",
    "breakdown_yoy",
    "by_activity_type",
    "by_district",
    "by_industry",
    "by_month",
    "by_year",
    "years_covered",
    "clear_caches",
    "count_records",
    "counts_by_source",
    "counts_real_demo",
    "district_year",
    "districts",
    "etl_runs",
    "kpis",
    "meta",
    "options",
    "records_for_export",
    "records_page",
    "rejects",
    "source_files",
    "undated",
    "yoy_of",
]
