"""The district map, drawn with plain scatter traces so it renders with no internet.

Why not ``go.Choropleth`` / ``px.choropleth`` or tile maps: geo traces make the
browser fetch a base-map topojson from Plotly's CDN and tile maps fetch tiles;
on a closed network both draw nothing. Here every district polygon is a filled
``go.Scatter`` on ordinary x/y axes (lon/lat, GCJ-02 as stored), with equal
ground scale, our own colour scale, a hatched fill for districts that reported
nothing, and one clickable dot per district (customdata = adcode) whose area follows its figure.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import get_colorscale, sample_colorscale

from analytics import fmt
from analytics.i18n import label, norm_lang, region_name, t
from domain.gazetteer import NOT_REPORTING_PROVINCES

COLORSCALE = get_colorscale("Blues")
SCALE_LOW = 0.18  # keep the lightest data colour clearly apart from the "not reported" grey
# Blues from SCALE_LOW up: the scale of every count drawn in colour (the map, the region x year heatmap),
# so the smallest count is never drawn near-white, like an empty (not reported) cell.
DATA_COLORSCALE = [[i / 8, sample_colorscale(COLORSCALE, [SCALE_LOW + (1 - SCALE_LOW) * i / 8])[0]] for i in range(9)]
NOT_REPORTED_FILL = "#eeeeee"
NOT_REPORTED_HATCH = "#9e9e9e"
OUTSIDE_FILL = "#f5f5f5"  # a region no one expects to report (domain.gazetteer.NOT_REPORTING_PROVINCES), with no record


def not_expected(row: Mapping, metric: str = "activities") -> bool:
    """A region that is not expected to report and has no figure: drawn and named, never called 未报送."""
    return row.get("adcode") in NOT_REPORTING_PROVINCES and pd.isna(row.get(metric))


OUTLINE = "#ffffff"
SELECTED_OUTLINE = "#d1495b"
METRICS = ("activities", "people", "person_times", "organizations")


def _rings(geometry: Mapping) -> list[list[list[float]]]:
    """Exterior rings of a Polygon / MultiPolygon GeoJSON geometry (holes are not drawn)."""
    kind = geometry.get("type")
    if kind == "Polygon":
        return [geometry["coordinates"][0]]
    if kind == "MultiPolygon":
        return [poly[0] for poly in geometry["coordinates"]]
    if kind == "GeometryCollection":
        return [r for g in geometry.get("geometries", []) for r in _rings(g)]
    if kind == "Feature":
        return _rings(geometry["geometry"])
    if kind == "FeatureCollection":
        return [r for feat in geometry.get("features", []) for r in _rings(feat)]
    raise ValueError(f"unsupported GeoJSON type {kind!r}")


def polygon_xy(geojson: str | Mapping) -> tuple[list[float | None], list[float | None]]:
    """x (lon) and y (lat) lists of all rings, separated by None (one filled sub-path each).

    Raises:
        ValueError: the text is not GeoJSON of an areal geometry.
    """
    geometry = json.loads(geojson) if isinstance(geojson, str) else geojson
    xs: list[float | None] = []
    ys: list[float | None] = []
    for ring in _rings(geometry):
        if xs:
            xs.append(None)
            ys.append(None)
        xs.extend(float(p[0]) for p in ring)
        ys.extend(float(p[1]) for p in ring)
    return xs, ys


def _number(v) -> float | None:
    """A figure as a float, None when missing (None, NaN, pd.NA): a region with nothing to show."""
    return None if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)) else float(v)


def value_colors(
    values: Iterable[float | None], colorscale: list = COLORSCALE
) -> tuple[list[str | None], float, float]:
    """Colour for each value on a linear scale from the min to the max of the non-missing values.

    Returns:
        (colours, vmin, vmax); a missing value gets None (the caller hatches it).
    """
    vals = [_number(v) for v in values]
    present = [v for v in vals if v is not None]
    vmin = min(present, default=0.0)
    vmax = max(present, default=1.0)
    span = (vmax - vmin) or 1.0
    # One sampling call for all values (plotly validates the scale on every call: one call per region
    # was ~20 ms of the national map's figure on every filter change).
    positions = [min(1.0, max(0.0, SCALE_LOW + (1 - SCALE_LOW) * (v - vmin) / span)) for v in present]
    sampled = iter(sample_colorscale(colorscale, positions) if positions else [])
    return [None if v is None else next(sampled) for v in vals], vmin, vmax


# The region dots: area proportional to the region's figure, between a clickable minimum and a maximum
# that stays inside a province-sized region on the national view. A region with nothing to show keeps
# a smaller dot (still a click target). See `dot_sizes`.
DOT_MIN = 10.0
DOT_MAX = 46.0
DOT_NOT_REPORTED = 8.0
DOT_COLOR = "#37474f"
DOT_OPACITY = 0.6  # names under a large dot stay readable through it


def dot_sizes(values: Iterable[float | None]) -> list[float]:
    """Diameter (px) of each region's dot: area proportional to its value, the largest DOT_MAX.

    A value whose proportional dot would be smaller than DOT_MIN gets DOT_MIN (a dot must stay big
    enough to see and click); a missing value or zero gets DOT_NOT_REPORTED.
    """
    vals = [_number(v) for v in values]
    top = max((v for v in vals if v is not None), default=0.0)
    return [
        DOT_NOT_REPORTED if v is None or v <= 0 or top <= 0 else max(DOT_MIN, DOT_MAX * math.sqrt(v / top))
        for v in vals
    ]


@functools.lru_cache(maxsize=4096)
def _shape(geojson: str) -> tuple[tuple, tuple, tuple[float, float, float, float]]:
    """(xs, ys, bounding box (x0, y0, x1, y1)) of a stored boundary, parsed once per process.

    A map view is redrawn on every rerun of its page; its 16-38 boundaries do not change between
    publishes, and parsing them was most of the figure's cost (national view: ~185 KB of GeoJSON).
    """
    xs, ys = polygon_xy(geojson)
    return tuple(xs), tuple(ys), _bbox((xs, ys))


@functools.lru_cache(maxsize=4096)
def _ring_boxes(geojson: str) -> tuple[tuple[tuple, tuple, tuple[float, float, float, float]], ...]:
    """(xs, ys, bounding box) of each exterior ring of a stored boundary, parsed once per process."""
    geometry = json.loads(geojson)
    out = []
    for ring in _rings(geometry):
        xs = tuple(float(p[0]) for p in ring)
        ys = tuple(float(p[1]) for p in ring)
        out.append((xs, ys, _bbox((xs, ys))))
    return tuple(out)


@functools.lru_cache(maxsize=4096)
def visible_xy(geojson: str, min_size: float) -> tuple[tuple, tuple]:
    """x and y lists of a boundary's rings (None between rings) without the rings smaller than
    `min_size` (in degrees) both ways: islets under one pixel of the view cannot be seen, yet the
    national view holds ~1,450 of them (5,800 of its 10,600 points). The largest ring is always kept.
    """
    rings = _ring_boxes(geojson)
    if not rings:
        return (), ()
    largest = max(
        range(len(rings)), key=lambda i: (rings[i][2][2] - rings[i][2][0]) * (rings[i][2][3] - rings[i][2][1])
    )
    xs: list[float | None] = []
    ys: list[float | None] = []
    for i, (rx, ry, (x0, y0, x1, y1)) in enumerate(rings):
        if i != largest and x1 - x0 < min_size and y1 - y0 < min_size:
            continue
        if xs:
            xs.append(None)
            ys.append(None)
        xs.extend(rx)
        ys.extend(ry)
    return tuple(xs), tuple(ys)


def _bbox(xy: tuple[list, list]) -> tuple[float, float, float, float]:
    xs = [x for x in xy[0] if x is not None]
    ys = [y for y in xy[1] if y is not None]
    return (min(xs), min(ys), max(xs), max(ys)) if xs else (math.nan, math.nan, math.nan, math.nan)


def _hover(row: Mapping, lang: str, metric: str = "activities") -> str:
    name = region_name(row, lang)
    if not_expected(row):
        return f"<b>{name}</b>"
    if pd.isna(row.get("activities")):
        return f"<b>{name}</b><br>{t('not_reported', lang)}"
    lines = [f"<b>{name}</b>", f"{t('activities', lang)}: {fmt.fmt_int(row['activities'])}"]
    for unit in ("people", "person_times", "organizations"):
        v = row.get(unit)
        if (v is not None and not pd.isna(v)) or unit == metric:
            # fmt_total says "not reported" for the colouring unit when it is missing,
            # which is why that district is hatched although it has activities
            lines.append(
                f"{t('participants', lang)} ({label('participants_unit', unit, lang)}): "
                f"{fmt.fmt_total(v, row.get(unit + '_q'), lang)}"
            )
    return "<br>".join(lines)


def district_map(
    boundaries: pd.DataFrame,
    figures: pd.DataFrame,
    metric: str = "activities",
    lang: str = "zh",
    selected: Iterable[str] = (),
    height: int = 680,
) -> go.Figure:
    """The clickable district map.

    Args:
        boundaries: ``queries.boundaries`` (adcode, name_zh, name_en, short_zh, geojson, centroid_lon/lat).
        figures: ``queries.by_district`` (adcode, activities, per-unit sums and qualifiers; NULL = not reported).
        metric: what colours the districts: one of METRICS.
        lang: zh or en.
        selected: adcodes to outline (the current district filter).
        height: figure height in pixels.

    Returns:
        A figure whose only trace with customdata holds one dot per district (customdata = adcode), the
        next to last; the last trace is the names, drawn over the dots.
    """
    if metric not in METRICS:
        raise ValueError(f"map metric {metric!r} not in {METRICS}")
    lang = norm_lang(lang)
    data = boundaries.merge(figures.drop(columns=["name_zh", "name_en"], errors="ignore"), on="adcode", how="left")
    values = data[metric] if metric in data else pd.Series([None] * len(data))
    colors, vmin, vmax = value_colors(values.tolist())
    selected = set(selected)
    # Traces and layout are plain dicts, assembled into a figure once at the end without plotly's
    # per-property validation (see analytics.charts._figure; tests check the spec against the schema).
    traces: list[dict] = []
    legend_done = False
    xrange, yrange = _map_ranges(data)
    # Degrees of longitude per pixel, at least: the plot is at most MAP_PLOT_WIDTH wide.
    pixel = (xrange[1] - xrange[0]) / MAP_PLOT_WIDTH
    for row, color in zip(data.to_dict("records"), colors, strict=True):
        xs, ys = visible_xy(row["geojson"], pixel) if isinstance(row["geojson"], str) else polygon_xy(row["geojson"])
        chosen = row["adcode"] in selected
        line = dict(color=SELECTED_OUTLINE if chosen else OUTLINE, width=3 if chosen else 1)
        common = dict(
            type="scatter",
            x=xs,
            y=ys,
            mode="lines",
            fill="toself",
            line=line,
            hoveron="fills",
            text=_hover(row, lang, metric),
            hoverinfo="text",
            name=region_name(row, lang),
        )
        if color is None and not_expected(row, metric):
            traces.append(dict(common, fillcolor=OUTSIDE_FILL, showlegend=False))
        elif color is None:
            traces.append(
                dict(
                    common,
                    fillcolor=NOT_REPORTED_FILL,
                    fillpattern=dict(shape="/", fgcolor=NOT_REPORTED_HATCH, bgcolor=NOT_REPORTED_FILL, size=6),
                    legendgroup="nr",
                    showlegend=not legend_done,
                )
            )
            if not legend_done:
                traces[-1]["name"] = t("not_reported", lang)
                legend_done = True
        else:
            traces.append(dict(common, fillcolor=color, showlegend=False))

    # Colour bar: an invisible marker trace carrying the same colour scale.
    metric_title = (
        t("activities", lang)
        if metric == "activities"
        else f"{t('participants', lang)}<br>({label('participants_unit', metric, lang)})"
    )
    lon0 = float(data["centroid_lon"].mean()) if len(data) else 121.4
    lat0 = float(data["centroid_lat"].mean()) if len(data) else 31.2
    if values.notna().any():
        traces.append(
            dict(
                type="scatter",
                x=[lon0, lon0],
                y=[lat0, lat0],
                mode="markers",
                hoverinfo="skip",
                showlegend=False,
                marker=dict(
                    size=0.1,
                    opacity=0,
                    color=[vmin, vmax],
                    cmin=vmin,
                    cmax=vmax,
                    colorscale=[
                        [0, sample_colorscale(COLORSCALE, [SCALE_LOW])[0]],
                        [1, sample_colorscale(COLORSCALE, [1.0])[0]],
                    ],
                    showscale=True,
                    colorbar=dict(title=dict(text=metric_title), thickness=14, len=0.6, separatethousands=True),
                ),
            )
        )

    # Click targets: one marker per district at its centroid. Every name is placed where it covers no
    # other name, dot or leader line (`label_positions`): on its district when there is room, else on a
    # leader line out of the crowd (the central districts are a few km across). The names are one text
    # trace over the dots and the leader lines one line trace under them (`_label_traces`), not an
    # annotation each.
    records = data.to_dict("records")
    names = [_short_name(r, lang) for r in records]
    lons = [float(v) for v in data["centroid_lon"]]
    lats = [float(v) for v in data["centroid_lat"]]
    scaleratio = 1 / math.cos(math.radians(lat0))
    # Where the names go depends on the view only (its dots, names and ranges), not on the figures:
    # placed once per view and process, not on every filter change (~15-30 ms for 34 names).
    view = MapView(xrange, yrange, scaleratio, height)
    placed = view_label_positions(tuple(lons), tuple(lats), tuple(names), view)
    *leaders, name_trace = _label_traces(lons, lats, names, placed, view.pixel_scale())
    traces.extend(leaders)
    traces.append(
        dict(
            type="scatter",
            x=lons,
            y=lats,
            mode="markers",
            # Each dot's area follows its region's figure (`dot_sizes`): at a glance the eye goes where the
            # activities are, even when that region is a few pixels on the map (Shanghai on the national view).
            marker=dict(
                size=dot_sizes(values.tolist()),
                sizemode="diameter",
                color=[SELECTED_OUTLINE if a in selected else DOT_COLOR for a in data["adcode"]],
                opacity=DOT_OPACITY,
                line=dict(color="#ffffff", width=1.5),
            ),
            customdata=data["adcode"].tolist(),
            hovertext=[_hover(r, lang, metric) for r in records],
            hoverinfo="text",
            showlegend=False,
            name="districts",
        )
    )
    # The names over the dots: a large dot (most of the activities) never hides a name. A text trace
    # that skips hover takes no clicks, so a click on a name still reaches the dot under it.
    traces.append(name_trace)

    layout = dict(
        height=height,
        # The colour bar's room on the right from the start (see analytics.charts.COLORBAR_ROOM): Plotly
        # need not grow the margin and draw the map twice.
        margin=dict(l=0, r=MAP_COLORBAR_ROOM if values.notna().any() else 0, t=10, b=0),
        plot_bgcolor="rgba(0,0,0,0)",
        paper_bgcolor="rgba(0,0,0,0)",
        clickmode="event+select",
        dragmode=False,
        legend=dict(orientation="h", yanchor="bottom", y=0.0, xanchor="left", x=0.0),
        hoverlabel=dict(align="left"),
        xaxis=dict(visible=False, fixedrange=True, range=list(xrange)),
        # one degree of longitude is cos(lat) times one of latitude: keep shapes true
        yaxis=dict(visible=False, fixedrange=True, range=list(yrange), scaleanchor="x", scaleratio=scaleratio),
    )
    return go.Figure({"data": traces, "layout": layout}, _validate=False)


# Label placement. The map's pixel scale is known before the browser draws it: the axis ranges are
# fixed (`_map_ranges`) and plotly keeps them, widening only the axis with room to spare. The plot
# area is the figure's height less its margins by at most MAP_PLOT_WIDTH (the main column of a
# 1400-px window less the colour bar); a narrower window only spreads the labels further apart.
MAP_PLOT_WIDTH = 800.0
MAP_COLORBAR_ROOM = 90  # its colour bar (Plotly grows the margin to 79 for it)
LABEL_FONT_SIZE = 12
_LABEL_PAD = 3  # borderpad + border, each side
_DOT_RADIUS = 8.0  # marker radius 5.5 + outline + a little air
_DIRECT = ((0, -1), (0, 1), (1, 0), (-1, 0), (1, -1), (-1, -1), (1, 1), (-1, 1))
_LEADER_DISTANCES = (40.0, 60.0, 85.0, 115.0, 150.0)
_LEADER_ANGLES = 16


def _short_name(row: Mapping, lang: str) -> str:
    """A region's name as written on the map: 浦东 / Pudong (its hover says the full name)."""
    if lang == "zh":
        return str(row.get("short_zh") or row.get("name_zh"))
    return str(region_name(row, lang)).replace(" District", "").replace(" New Area", "")


def _map_ranges(data: pd.DataFrame) -> tuple[tuple[float, float], tuple[float, float]]:
    """x (lon) and y (lat) ranges of the view: every boundary's extent plus 4% each side."""
    boxes = [_shape(g)[2] if isinstance(g, str) else _bbox(polygon_xy(g)) for g in data["geojson"]]
    boxes = [b for b in boxes if not math.isnan(b[0])]
    xs = [v for b in boxes for v in (b[0], b[2])]
    ys = [v for b in boxes for v in (b[1], b[3])]
    if not xs:
        xs, ys = [float(v) for v in data["centroid_lon"]] or [121.4], [float(v) for v in data["centroid_lat"]] or [31.2]
    px, py = (max(xs) - min(xs)) * 0.04 or 0.1, (max(ys) - min(ys)) * 0.04 or 0.1
    return (min(xs) - px, max(xs) + px), (min(ys) - py, max(ys) + py)


@dataclass(frozen=True)
class MapView:
    """A map view's geometry: its data ranges, the x/y scale ratio, the figure height (px), the plot
    width it is laid out for (px) and its top and bottom margins (px)."""

    xrange: tuple[float, float]
    yrange: tuple[float, float]
    scaleratio: float
    height: int
    plot_width: float = MAP_PLOT_WIDTH
    margin: tuple[float, float] = (10.0, 0.0)

    @property
    def plot_height(self) -> float:
        return self.height - self.margin[0] - self.margin[1]

    def pixel_scale(self) -> tuple[float, float]:
        """Pixels per degree of longitude and of latitude (see "Label placement" above)."""
        (x0, x1), (y0, y1) = self.xrange, self.yrange
        per_lat = min(self.plot_height / (y1 - y0), self.plot_width * self.scaleratio / (x1 - x0))
        return per_lat / self.scaleratio, per_lat


@functools.lru_cache(maxsize=256)
def view_label_positions(
    lons: tuple[float, ...], lats: tuple[float, ...], names: tuple[str, ...], view: MapView
) -> tuple[tuple[float, float, bool], ...]:
    """``label_positions`` of one view, kept per process: a view's dots, names and ranges do not change
    with the filters, so a filter change does not place its names again."""
    return tuple(label_positions(list(lons), list(lats), list(names), view))


def label_size(text: str, font_size: float = LABEL_FONT_SIZE) -> tuple[float, float]:
    """Estimated pixel width and height of a map label's box (CJK full width, Latin ~0.62 em)."""
    width = sum(font_size if ord(ch) > 0x2E7F else 0.62 * font_size for ch in text)
    return width + 2 * _LABEL_PAD + 2, font_size * 1.35 + 2 * _LABEL_PAD


def label_positions(
    lons: list[float], lats: list[float], names: list[str], view: MapView
) -> list[tuple[float, float, bool]]:
    """Where each name goes: (dx, dy, leader) pixel offsets of its box centre from its dot (y down).

    Greedy: the most crowded dots choose first; each takes the first place, nearest first, whose box
    stays in the plot, covers no placed box, no dot and no leader line, and whose leader line (if
    any) crosses no placed box or other dot. A name with no free place takes the least crowded one.
    """
    xrange, yrange, plot_width, plot_h = view.xrange, view.yrange, view.plot_width, view.plot_height
    per_lon, per_lat = view.pixel_scale()
    # pixel positions with the plot's top-left corner at 0, 0 (the x range is centred if widened)
    width = (xrange[1] - xrange[0]) * per_lon
    points = [((lon - xrange[0]) * per_lon, (yrange[1] - lat) * per_lat) for lon, lat in zip(lons, lats, strict=True)]
    plot_box = (min(0.0, (width - plot_width) / 2), 0.0, max(width, (width + plot_width) / 2), plot_h)
    sizes = [label_size(n) for n in names]
    cx = sum(p[0] for p in points) / len(points) if points else 0.0
    cy = sum(p[1] for p in points) / len(points) if points else 0.0

    def crowd(i: int) -> int:
        return sum(1 for p in points if math.dist(p, points[i]) < 60.0)

    order = sorted(range(len(points)), key=lambda i: (-crowd(i), i))
    boxes: list[tuple[float, float, float, float]] = []
    leaders: list[tuple[tuple[float, float], tuple[float, float]]] = []
    out: list[tuple[float, float, bool] | None] = [None] * len(points)
    for i in order:
        (x, y), (w, h) = points[i], sizes[i]
        candidates: list[tuple[float, float, bool]] = [
            (ux * (w / 2 + _DOT_RADIUS - 2), uy * (h / 2 + _DOT_RADIUS - 2), False) for ux, uy in _DIRECT
        ]
        # out of the local crowd: away from the centre of the dots around this one
        near = [p for p in points if math.dist(p, (x, y)) < 90.0] or [(cx, cy)]
        lx, ly = sum(p[0] for p in near) / len(near), sum(p[1] for p in near) / len(near)
        if math.dist((lx, ly), (x, y)) < 1.0:
            lx, ly = cx, cy
        away = math.atan2(y - ly, x - lx) if math.dist((lx, ly), (x, y)) >= 1.0 else -math.pi / 2
        for dist in _LEADER_DISTANCES:
            for k in range(_LEADER_ANGLES):
                step = (k + 1) // 2 * (1 if k % 2 else -1)  # 0, +1, -1, +2, -2, ...: nearest to "away" first
                angle = away + step * 2 * math.pi / _LEADER_ANGLES
                candidates.append((dist * math.cos(angle), dist * math.sin(angle), True))
        # a free place first; among free places the nearest, pointing out of the crowd
        candidates.sort(key=lambda c: math.hypot(c[0], c[1]) + (40 * _turn(c, away) if c[2] else 0.0))
        boxes_of = [(x + dx - w / 2, y + dy - h / 2, x + dx + w / 2, y + dy + h / 2) for dx, dy, _l in candidates]
        best = next(
            (
                c
                for c, box in zip(candidates, boxes_of, strict=True)
                if _placement_cost(box, (x, y), c[2], i, points, boxes, leaders, plot_box, stop_at=1) == 0
            ),
            None,
        )
        if best is None:  # nowhere free: the place that covers least
            costs = [
                _placement_cost(box, (x, y), c[2], i, points, boxes, leaders, plot_box)
                for c, box in zip(candidates, boxes_of, strict=True)
            ]
            best = candidates[costs.index(min(costs))]
        dx, dy, leader = best
        boxes.append((x + dx - w / 2, y + dy - h / 2, x + dx + w / 2, y + dy + h / 2))
        if leader:
            leaders.append(((x, y), (x + dx, y + dy)))
        out[i] = best
    return [o if o is not None else (0.0, 0.0, False) for o in out]


def _turn(candidate: tuple[float, float, bool], away: float) -> float:
    return abs(math.remainder(math.atan2(candidate[1], candidate[0]) - away, 2 * math.pi))


def _placement_cost(
    box, dot, leader: bool, own: int, points, boxes, leaders, plot_box, stop_at: float = math.inf
) -> float:
    """How much a label box (and its leader line) would cover; 0 = a free place.

    Args:
        stop_at: return as soon as the cost reaches this (1: only "is it free?" is asked).
    """
    gap = 2.0
    cost = 0.0
    if box[0] < plot_box[0] or box[1] < plot_box[1] or box[2] > plot_box[2] or box[3] > plot_box[3]:
        cost += 100
    end = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    checks = (
        (10, (b for b in boxes if _overlap(box, b, gap))),
        (10, (p for j, p in enumerate(points) if j != own and _hits_circle(box, p, _DOT_RADIUS))),
        (10, (dot for _ in (0,) if not leader and _hits_circle(box, dot, _DOT_RADIUS - 3))),
        (5, (a for a, b in leaders if _segment_hits_box(a, b, box))),
        (5, (b for b in boxes if leader and _segment_hits_box(dot, end, b))),
        (5, (p for j, p in enumerate(points) if leader and j != own and _segment_near(dot, end, p, _DOT_RADIUS))),
        (5, (a for a, b in leaders if leader and _segments_cross(dot, end, a, b))),
    )
    for weight, hits in checks:
        if cost >= stop_at:
            return cost
        for _hit in hits:
            cost += weight
            if cost >= stop_at:
                return cost
    return cost


def _overlap(a, b, gap: float = 0.0) -> bool:
    return a[0] < b[2] + gap and b[0] < a[2] + gap and a[1] < b[3] + gap and b[1] < a[3] + gap


def _hits_circle(box, p, r: float) -> bool:
    nx, ny = min(max(p[0], box[0]), box[2]), min(max(p[1], box[1]), box[3])
    return math.dist((nx, ny), p) < r


def _segment_hits_box(a, b, box) -> bool:
    """True when the segment a-b passes through the box (Liang-Barsky clipping)."""
    (ax, ay), (bx, by) = a, b
    dx, dy = bx - ax, by - ay
    lo, hi = 0.0, 1.0
    for p, q in ((-dx, ax - box[0]), (dx, box[2] - ax), (-dy, ay - box[1]), (dy, box[3] - ay)):
        if p == 0:
            if q < 0:
                return False
            continue
        r = q / p
        if p < 0:
            lo = max(lo, r)
        else:
            hi = min(hi, r)
        if lo > hi:
            return False
    return True


def _segments_cross(p1, p2, q1, q2) -> bool:
    def side(a, b, c) -> float:
        return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])

    return side(p1, p2, q1) * side(p1, p2, q2) < 0 and side(q1, q2, p1) * side(q1, q2, p2) < 0


def _segment_near(a, b, p, r: float) -> bool:
    (ax, ay), (bx, by) = a, b
    length2 = (bx - ax) ** 2 + (by - ay) ** 2 or 1.0
    u = max(0.0, min(1.0, ((p[0] - ax) * (bx - ax) + (p[1] - ay) * (by - ay)) / length2))
    return math.dist(p, (ax + u * (bx - ax), ay + u * (by - ay))) < r


LABEL_COLOR = "#263238"
# A white outline around every glyph (eight offset shadows), where an annotation had its white box: a
# name stays readable over district borders, leader lines and the darkest fills.
LABEL_HALO = ", ".join(f"{dx}px {dy}px 1px rgba(255,255,255,0.9)" for dx in (-2, 0, 2) for dy in (-2, 0, 2) if dx or dy)
LEADER_COLOR = "#37474f"
_LEADER_STANDOFF = 6.0  # px of air between a dot and its leader line


def _label_traces(
    lons: list[float],
    lats: list[float],
    names: list[str],
    placed: Iterable[tuple[float, float, bool]],
    scale: tuple[float, float],
) -> list[dict]:
    """The map's names as one text trace (the last) and their leader lines as one line trace (if any).

    Each name's pixel offset from its dot (``label_positions``) becomes a data offset at the view's pixel
    scale (`scale`: ``pixel_scale``). A leader line runs from just off the dot to the edge of its name's box.
    One annotation per name cost the browser a measured text box and a redraw each, on every drawing.
    """
    per_lon, per_lat = scale
    xs, ys, lx, ly = [], [], [], []
    for lon, lat, name, (dx, dy, leader) in zip(lons, lats, names, placed, strict=True):
        xs.append(lon + dx / per_lon)
        ys.append(lat - dy / per_lat)  # dy is down the screen, latitude up
        length = math.hypot(dx, dy)
        if not leader or not length:
            continue
        w, h = label_size(name)
        # from the box's centre back to its edge, along the line
        back = min(w / 2 / abs(dx) if dx else math.inf, h / 2 / abs(dy) if dy else math.inf)
        start, end = _LEADER_STANDOFF / length, max(0.0, 1.0 - back)
        if end <= start:
            continue
        lx += [lon + start * dx / per_lon, lon + end * dx / per_lon, None]
        ly += [lat - start * dy / per_lat, lat - end * dy / per_lat, None]
    out = []
    if lx:
        out.append(
            dict(
                type="scatter",
                x=lx,
                y=ly,
                mode="lines",
                line=dict(color=LEADER_COLOR, width=1),
                hoverinfo="skip",
                showlegend=False,
                name="leaders",
            )
        )
    out.append(
        dict(
            type="scatter",
            x=xs,
            y=ys,
            mode="text",
            text=names,
            textposition="middle center",
            textfont=dict(size=LABEL_FONT_SIZE, color=LABEL_COLOR, shadow=LABEL_HALO),
            hoverinfo="skip",
            showlegend=False,
            name="names",
        )
    )
    return out


def clicked_adcodes(selection: Mapping | None, known: Iterable[str]) -> list[str]:
    """Adcodes in a plotly selection event (``st.plotly_chart(on_select=...)`` state), validated.

    Args:
        selection: the event's ``selection`` mapping (with ``points``), or None.
        known: adcodes that may be returned (anything else is ignored).
    """
    if not selection:
        return []
    allowed = set(known)
    out: list[str] = []
    for point in selection.get("points", []) or []:
        cd = point.get("customdata")
        if isinstance(cd, (list, tuple)):
            cd = cd[0] if cd else None
        if isinstance(cd, str) and cd in allowed and cd not in out:
            out.append(cd)
    return out


def level_key(tree, view: str | None) -> str:
    """The level of the children of `view`: province, city, district_sh (districts all named 区) or district.

    Args:
        tree: an ``analytics.places.RegionTree``.
    """
    kids = tree.children(view)
    if not kids:
        return "district"
    level = tree.regions[kids[0]].level
    if level == "district" and all(tree.regions[k].name_zh.endswith("区") for k in kids):
        return "district_sh"
    return level


def level_word(tree, view: str | None, lang: str) -> str:
    """What the children of `view` are called: 省 / 市 / 区 (Shanghai's districts) / 区县 (counties)."""
    return t(f"level_{level_key(tree, view)}", lang)
