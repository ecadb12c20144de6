"""The floor of each page: its figures, computed ahead of time for the year ranges the browser bench visits.

``bench/bare_app.py`` draws these with nothing else (no queries, no figure building, no sidebar of
filters but the year slider), so its timings are what Streamlit and the browser cost to show the
same charts: the floor a page's filter change is compared with (issue 14 asks for <= 1.2x).

The figures are built by the same code the pages use (analytics.queries + analytics.charts/geo),
with the dashboard's default selection (demo rows in, no search, the national map view) and years
from the first year to each of the last years the bench's ArrowLeft presses reach.
"""

from __future__ import annotations

import pickle
from pathlib import Path

from analytics import charts, geo
from analytics import queries as q
from analytics.db import Warehouse
from analytics.filters import Filters
from ui.tables import records_table

# page -> what it draws: "figures" (Plotly specs) or "table" (one data frame)
PAGES = ("overview", "districts", "industries", "activity_types", "records")
LANG = "zh"


def _figures(wh: Warehouse, page: str, f: Filters, tree) -> list:
    """The Plotly figures (or the one table) `page` draws for the selection `f`, in page order."""
    if page == "overview":
        years = q.by_year(wh, f)
        return [
            charts.activities_by_year(years, LANG),
            charts.participants_by_year(years, LANG),
            charts.activities_by_month(q.by_month(wh, f), LANG),
        ]
    if page == "districts":
        view = tree.view_for(f.districts)
        region = tree.top(view)
        figures = q.view_figures(wh, f, view, region)
        shown, _hidden = charts.top_districts(figures.children, "activities", limit=40)
        return [
            geo.district_map(q.view_boundaries(wh, view), figures.children, lang=LANG),
            charts.district_ranking(shown, LANG),
            charts.district_year_heatmap(q.view_years(wh, f, view, region), LANG),
        ]
    if page in ("industries", "activity_types"):
        column = "industry" if page == "industries" else "activity_type"
        out = [charts.breakdown_bars(q.breakdown(wh, f, column), column, LANG)]
        yoy, latest = q.breakdown_yoy(wh, f, column)
        if latest is not None and int(yoy["previous"].sum()):
            out.append(charts.yoy_bars(yoy, column, latest, LANG))
        out.append(charts.breakdown_trend(q.breakdown_by_year(wh, f, column), column, LANG))
        return out
    if page == "records":
        rows, _total = q.records_page(wh, f, lang=LANG)
        return [records_table(rows, LANG)]
    raise ValueError(f"no floor for page {page!r}")


def precompute(db: Path, out: Path, changes: int = 3) -> Path:
    """Write every page's figures for the year ranges (first, last - k), k = 0..changes, to `out` (pickle).

    Figures are stored as JSON text (Plotly's own serialisation), tables as DataFrames.
    """
    wh = Warehouse(db)
    try:
        lo, hi = (int(v) for v in wh.rows("SELECT min(year), max(year) FROM activities")[0])
        tree = q.region_tree(wh)
        pages: dict[str, dict[int, list]] = {}
        for page in PAGES:
            pages[page] = {}
            for k in range(changes + 1):
                end = max(lo, hi - k)
                f = Filters() if end == hi else Filters(years=tuple(range(lo, end + 1)))
                items = _figures(wh, page, f, tree)
                pages[page][end] = [item if page == "records" else item.to_json() for item in items]
    finally:
        wh.close()
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("wb") as fh:
        pickle.dump({"years": (lo, hi), "pages": pages}, fh)
    return out
