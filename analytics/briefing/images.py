"""The briefing's map and charts as PNG images, drawn on the server with matplotlib (no network).

Why matplotlib and not Plotly's static export: Plotly's image export drives a browser (Kaleido +
Chrome) per figure, seconds each and a browser on the server; matplotlib's Agg canvas draws the
same bars and the district polygons (from the warehouse's GeoJSON) in tens of milliseconds, with
the CJK font of ``analytics.briefing.fonts``. Figures are built on ``matplotlib.figure.Figure``
directly (no pyplot global state), so concurrent sessions do not share a current figure. This module
is imported only when a briefing is drawn (``analytics.briefing.prepare``): importing matplotlib
costs ~0.7 s, which no page should pay.
"""

from __future__ import annotations

import io
import math
import threading

import matplotlib
import pandas as pd
from matplotlib import colormaps, font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.cm import ScalarMappable
from matplotlib.colors import ListedColormap, Normalize
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Polygon

from analytics.briefing.content import Briefing
from analytics.briefing.fonts import fonts
from analytics.briefing.text import month_day, s
from analytics.geo import polygon_xy
from analytics.i18n import label
from domain.gazetteer import NOT_REPORTING_PROVINCES

BLUE = "#2b6cb0"
LIGHT = "#a9c4e4"
GREY = "#eeeeee"
HATCH = "#9e9e9e"
DPI = 200
_SETUP = threading.Lock()
_READY: list[str] = []


def _setup() -> str:
    """Register the CJK fonts with matplotlib once; returns the family name to draw with."""
    with _SETUP:
        if _READY:
            return _READY[0]
        fs = fonts()
        for face in (fs.sans, fs.sans_bold):
            font_manager.fontManager.addfont(face.path)
        matplotlib.rcParams["font.family"] = [fs.sans.family, "DejaVu Sans"]
        matplotlib.rcParams["axes.unicode_minus"] = False
        matplotlib.rcParams["svg.fonttype"] = "none"
        _READY.append(fs.sans.family)
        return fs.sans.family


def _figure(width: float, height: float):
    _setup()

    fig = Figure(figsize=(width, height), dpi=DPI)
    return fig


def _png(fig) -> bytes:

    FigureCanvasAgg(fig)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, bbox_inches="tight", pad_inches=0.08, facecolor="white")
    return buf.getvalue()


def _style(ax) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.spines["left"].set_color("#888888")
    ax.spines["bottom"].set_color("#888888")
    ax.tick_params(colors="#333333", labelsize=8)
    ax.grid(axis="y", color="#e5e5e5", linewidth=0.6)
    ax.set_axisbelow(True)


def district_map(b: Briefing) -> bytes | None:
    """Choropleth of the expected regions by activities in the period; not reported = hatched grey."""
    c, bounds = b.completeness, b.boundaries
    if c is None or bounds is None or bounds.empty:
        return None

    table = c.table.set_index("code")
    # Taiwan, Hong Kong and Macao are drawn (plain, named) though no list expects them to report
    outside = bounds["adcode"].str[:2].add("0000").isin(NOT_REPORTING_PROVINCES) & ~bounds["adcode"].isin(table.index)
    if not bounds["adcode"].isin(table.index).any():
        return None
    shapes = bounds[bounds["adcode"].isin(table.index) | outside]
    values = table["current"].dropna().astype(float)
    norm = Normalize(vmin=float(values.min()) if len(values) else 0.0, vmax=float(values.max()) if len(values) else 1.0)

    blues = colormaps["Blues"]
    # the lightest fifth of the scale is left out: too close to the grey of "not reported"
    cmap = ListedColormap([blues(0.2 + 0.8 * i / 255) for i in range(256)])
    fig = _figure(7.2, 5.0)
    ax = fig.add_subplot(1, 1, 1)
    lat0 = float(shapes["centroid_lat"].mean())
    labels: list = []
    for row in shapes.itertuples():
        xs, ys = polygon_xy(row.geojson)
        listed = row.adcode in table.index
        value = table.at[row.adcode, "current"] if listed else None
        reported = not pd.isna(value)
        ring: list[tuple[float, float]] = []
        for x, y in [*zip(xs, ys, strict=True), (None, None)]:
            if x is None or y is None:
                if len(ring) > 2:
                    color = cmap(norm(float(value))) if reported else GREY
                    ax.add_patch(
                        Polygon(
                            ring,
                            closed=True,
                            facecolor=color,
                            edgecolor="white" if reported or not listed else HATCH,
                            linewidth=0.6,
                            hatch=None if reported or not listed else "////",
                        )
                    )
                ring = []
            else:
                ring.append((x, y))
        labels.append((row, value, reported))
    right = _label_regions(ax, labels, shapes, norm, b.lang)
    ax.autoscale_view()
    if right is not None:
        lo, hi = ax.get_xlim()
        ax.set_xlim(lo, max(hi, right))
    ax.set_aspect(1 / math.cos(math.radians(lat0)))
    ax.axis("off")
    sm = ScalarMappable(norm=Normalize(norm.vmin, norm.vmax), cmap=cmap)
    if len(values):
        bar = fig.colorbar(sm, ax=ax, shrink=0.45, pad=0.0, location="left", anchor=(0.0, 0.15))
        bar.set_label(s("axis_activities", b.lang), fontsize=8)
        bar.ax.tick_params(labelsize=7)
    ax.legend(
        handles=[Patch(facecolor=GREY, edgecolor=HATCH, hatch="////", label=s("legend_not_reported", b.lang))],
        loc="lower left",
        fontsize=8,
        frameon=False,
    )
    return _png(fig)


def _label_regions(ax, labels: list, shapes: pd.DataFrame, norm, lang: str) -> float | None:
    """Name and figure of each region; small ones (central districts) in a column east of the map, with leader lines.

    Returns:
        the longitude where that column's text ends (None when no region is small), so the caller
        can widen the axes to it.
    """
    areas, east, south, north = {}, -math.inf, math.inf, -math.inf
    for row in shapes.itertuples():
        xs, ys = polygon_xy(row.geojson)
        xs_, ys_ = [x for x in xs if x is not None], [y for y in ys if y is not None]
        areas[row.adcode] = (max(xs_) - min(xs_)) * (max(ys_) - min(ys_)) if xs_ else 0.0
        east = max(east, max(xs_, default=east))
        south, north = min(south, min(ys_, default=south)), max(north, max(ys_, default=north))
    # the column's spacing in degrees, for a map as tall as Shanghai's (~1.2°) and in proportion on a taller one
    # (the country's: a fixed 0.06° stacked Beijing, Tianjin, Shanghai, Hong Kong and Macao on one line)
    scale = max((north - south) / 1.2, 1.0) if north > south else 1.0
    cut = sorted(areas.values())[len(areas) // 2] * 0.25 if len(areas) > 3 else 0.0
    small = sorted((r for r in labels if areas.get(r[0].adcode, 0.0) < cut), key=lambda r: -r[0].centroid_lat)
    small_codes = {r[0].adcode for r in small}
    for row, value, reported in labels:
        if row.adcode in small_codes:
            continue
        dark = reported and norm(float(value)) > 0.55
        ax.annotate(
            _name(row, value, reported, lang),
            (row.centroid_lon, row.centroid_lat),
            ha="center",
            va="center",
            fontsize=7.5,
            color="white" if dark else "#222222",
        )
    if not small:
        return None
    # the sea east of the city is empty: a column there, top to bottom in the order of latitude
    lats = [r[0].centroid_lat for r in small]
    mid = (max(lats) + min(lats)) / 2
    step = 0.06 * scale
    x_text = east + 0.06 * scale
    for i, (row, value, reported) in enumerate(small):
        y_text = mid + (len(small) - 1) / 2 * step - i * step
        ax.annotate(
            _name(row, value, reported, lang, one_line=True),
            (row.centroid_lon, row.centroid_lat),
            xytext=(x_text, y_text),
            textcoords="data",
            ha="left",
            va="center",
            fontsize=7.5,
            color="#222222",
            arrowprops={"arrowstyle": "-", "color": "#777777", "linewidth": 0.45, "shrinkA": 1, "shrinkB": 0},
        )
    return x_text + 0.22 * scale


def _name(row, value, reported: bool, lang: str, one_line: bool = False) -> str:
    name = (
        row.name_en.replace(" District", "").replace(" New Area", "") if lang == "en" else (row.short_zh or row.name_zh)
    )
    if not reported:
        return name
    return f"{name}  {int(value)}" if one_line else f"{name}\n{int(value)}"


def by_year_chart(b: Briefing) -> bytes | None:
    """Bars of activities per year, the latest in the strong colour; a year without records has no bar
    and says "not reported" (never a bar of 0)."""
    df = b.by_year
    if df is None or df.empty or b.kpis is None or b.kpis.latest_year is None:
        return None
    latest = b.kpis.latest_year
    years = list(range(latest - 4, latest + 1))
    counts = {int(r.year): int(r.activities) for r in df.itertuples()}
    fig = _figure(6.4, 2.6)
    ax = fig.add_subplot(1, 1, 1)
    shown = [y for y in years if y in counts]
    bars = ax.bar(
        [years.index(y) for y in shown],
        [counts[y] for y in shown],
        color=[BLUE if y == latest else LIGHT for y in shown],
        width=0.55,
    )
    ax.bar_label(bars, fontsize=7, padding=2)
    for i, y in enumerate(years):
        if y not in counts:
            ax.annotate(
                s("legend_not_reported", b.lang),
                (i, 0),
                xytext=(0, 4),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=7,
                color="#888888",
            )
    ax.set_xticks(range(len(years)), [str(y) for y in years])
    ax.set_xlim(-0.6, len(years) - 0.4)
    ax.set_ylim(0, max(counts.values()) * 1.15 or 1)
    ax.set_ylabel(s("axis_activities", b.lang), fontsize=8)
    _style(ax)
    return _png(fig)


def _narrow(ax, n: int, slots: int = 6) -> None:
    """Keep bars of a short series narrow (one year must not fill the whole width)."""
    if n < slots:
        pad = (slots - n) / 2
        ax.set_xlim(-0.5 - pad, n - 0.5 + pad)


def same_period_chart(b: Briefing) -> bytes | None:
    """Per year: activities by the cut-off day against the whole year."""
    sp = b.same_period
    if sp is None or sp.table.empty:
        return None
    df = sp.table
    fig = _figure(6.4, 2.8)
    ax = fig.add_subplot(1, 1, 1)
    x = list(range(len(df)))
    w = 0.38
    whole = ax.bar(
        [i + w / 2 for i in x], df["whole_year"].astype(int), width=w, color="#d9d9d9", label=s("bar_whole", b.lang)
    )
    cut = ax.bar(
        [i - w / 2 for i in x],
        df["by_cutoff"].astype(int),
        width=w,
        color=BLUE,
        label=s("bar_by_cutoff", b.lang, month=sp.month, day=sp.day),
    )
    ax.bar_label(cut, fontsize=7, padding=2)
    ax.bar_label(whole, fontsize=7, padding=2, color="#666666")
    ax.set_xticks(x, [str(int(y)) for y in df["year"]])
    _narrow(ax, len(x), 4)
    ax.set_ylabel(s("axis_activities", b.lang), fontsize=8)
    # the legend above the plot: inside it would sit on the bars' labels
    ax.legend(fontsize=8, frameon=False, loc="lower left", bbox_to_anchor=(0, 1.02), ncol=2, borderaxespad=0)
    _style(ax)
    return _png(fig)


def industry_chart(b: Briefing) -> bytes | None:
    """Horizontal bars of activities per industry (largest on top)."""
    df = b.industry_frame
    if df is None or df.empty:
        return None
    df = df.head(10).iloc[::-1]
    fig = _figure(6.4, 0.45 + 0.24 * len(df))
    ax = fig.add_subplot(1, 1, 1)
    bars = ax.barh(
        [label("industry", c, b.lang) for c in df["code"]], df["activities"].astype(int), color=BLUE, height=0.6
    )
    ax.bar_label(bars, fontsize=7, padding=2)
    ax.set_xlabel(s("axis_activities", b.lang), fontsize=8)
    _style(ax)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", color="#e5e5e5", linewidth=0.6)
    return _png(fig)


def render(b: Briefing) -> Briefing:
    """Draw the briefing's images into ``b.images`` (none for an empty selection), numbered in document order."""
    b.images = []
    if b.empty:
        return b
    year = b.completeness.year if b.completeness is not None else None
    sp = b.same_period
    drawn = [
        ("years", s("fig_years", b.lang, first=b.kpis.latest_year - 4, year=b.kpis.latest_year), by_year_chart(b)),
        ("map", s("fig_map", b.lang, year=year, **b.units), district_map(b)),
        ("industries", s("fig_industries", b.lang), industry_chart(b)),
        ("same_period", s("fig_same", b.lang, month=sp.month, day=sp.day) if sp else "", same_period_chart(b)),
    ]
    kept = [(key, caption, png) for key, caption, png in drawn if png]
    b.images = [(key, s("figure", b.lang, n=i, caption=caption), png) for i, (key, caption, png) in enumerate(kept, 1)]
    return b


__all__ = ["by_year_chart", "district_map", "industry_chart", "month_day", "render", "same_period_chart"]
