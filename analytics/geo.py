"""The district map, drawn with plain scatter traces so it renders with no internet.

Why not ``go.Choropleth`` / ``px.choropleth`` or tile maps: geo traces make the
browser fetch a base-map topojson from Plotly's CDN and tile maps fetch tiles;
on a closed network both draw nothing. Here every district polygon is a filled
``go.Scatter`` on ordinary x/y axes (lon/lat, GCJ-02 as stored), with equal
ground scale, our own colour scale, a hatched fill for districts that reported
nothing, and one clickable marker per district (customdata = adcode).
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Iterable, Mapping

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import get_colorscale, sample_colorscale

from analytics import fmt
from analytics.i18n import label, norm_lang, region_name, t

COLORSCALE = get_colorscale("Blues")
_SCALE_LOW = 0.18  # keep the lightest data colour clearly apart from the "not reported" grey
NOT_REPORTED_FILL = "#eeeeee"
NOT_REPORTED_HATCH = "#9e9e9e"
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


def value_colors(
    values: Iterable[float | None], colorscale: list = COLORSCALE
) -> tuple[list[str | None], float, float]:
    """Colour for each value on a linear scale from the min to the max of the non-missing values.

    Returns:
        (colours, vmin, vmax); a missing value gets None (the caller hatches it).
    """
    vals = [None if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA else float(v) for v in values]
    present = [v for v in vals if v is not None]
    vmin = min(present, default=0.0)
    vmax = max(present, default=1.0)
    span = (vmax - vmin) or 1.0
    out: list[str | None] = []
    for v in vals:
        if v is None:
            out.append(None)
        else:
            pos = min(1.0, max(0.0, _SCALE_LOW + (1 - _SCALE_LOW) * (v - vmin) / span))
            out.append(sample_colorscale(colorscale, [pos])[0])
    return out, vmin, vmax


@functools.lru_cache(maxsize=4096)
def _shape(geojson: str) -> tuple[tuple, tuple, float]:
    """(xs, ys, bounding-box area) of a stored boundary, parsed once per process.

    A map view is redrawn on every rerun of its page; its 16-38 boundaries do not change between
    publishes, and parsing them was most of the figure's cost (national view: ~185 KB of GeoJSON).
    """
    xs, ys = polygon_xy(geojson)
    return tuple(xs), tuple(ys), _bbox_area((xs, ys))


def _bbox_area(xy: tuple[list, list]) -> float:
    xs = [x for x in xy[0] if x is not None]
    ys = [y for y in xy[1] if y is not None]
    return (max(xs) - min(xs)) * (max(ys) - min(ys)) if xs else 0.0


def _is_dark(color: str | None) -> bool:
    """True for fills dark enough that a label needs white text."""
    if not color or not color.startswith("rgb("):
        return False
    r, g, b = (float(v) for v in color[4:-1].split(","))
    return 0.299 * r + 0.587 * g + 0.114 * b < 140


def _hover(row: Mapping, lang: str, metric: str = "activities") -> str:
    name = region_name(row, lang)
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
        A figure whose last trace holds one marker per district with customdata = adcode.
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
    annotations: list[dict] = []
    legend_done = False
    for row, color in zip(data.to_dict("records"), colors, strict=True):
        xs, ys, _area = (
            _shape(row["geojson"]) if isinstance(row["geojson"], str) else (*polygon_xy(row["geojson"]), 0.0)
        )
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
        if color is None:
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
                        [0, sample_colorscale(COLORSCALE, [_SCALE_LOW])[0]],
                        [1, sample_colorscale(COLORSCALE, [1.0])[0]],
                    ],
                    showscale=True,
                    colorbar=dict(title=dict(text=metric_title), thickness=14, len=0.6),
                ),
            )
        )

    # Click targets: one marker per district at its centroid. Names are written only
    # on districts large enough to hold them (the small central ones would overlap);
    # every district still shows its name on hover.
    records = data.to_dict("records")
    areas = [
        _shape(r["geojson"])[2] if isinstance(r["geojson"], str) else _bbox_area(polygon_xy(r["geojson"]))
        for r in records
    ]
    big = sorted(areas)[len(areas) // 3] if areas else 0
    short = [
        (
            (r.get("short_zh") or r.get("name_zh"))
            if lang == "zh"
            else str(region_name(r, lang)).replace(" District", "").replace(" New Area", "")
        )
        if a >= big
        else ""
        for r, a in zip(records, areas, strict=True)
    ]
    text_colors = ["#ffffff" if _is_dark(c) else "#263238" for c in colors]
    traces.append(
        dict(
            type="scatter",
            x=data["centroid_lon"].tolist(),
            y=data["centroid_lat"].tolist(),
            mode="markers+text",
            text=short,
            textposition="top center",
            textfont=dict(size=12, color=text_colors),
            marker=dict(
                size=11,
                color=[SELECTED_OUTLINE if a in selected else "#37474f" for a in data["adcode"]],
                line=dict(color="#ffffff", width=1.5),
            ),
            customdata=data["adcode"].tolist(),
            hovertext=[_hover(r, lang, metric) for r in records],
            hoverinfo="text",
            showlegend=False,
            name="districts",
        )
    )
    _callouts(annotations, records, areas, big, lang)

    layout = dict(
        height=height,
        margin=dict(l=0, r=0, t=10, b=0),
        plot_bgcolor="rgba(0,0,0,0)",
        paper_bgcolor="rgba(0,0,0,0)",
        clickmode="event+select",
        dragmode=False,
        legend=dict(orientation="h", yanchor="bottom", y=0.0, xanchor="left", x=0.0),
        hoverlabel=dict(align="left"),
        annotations=annotations,
        xaxis=dict(visible=False, fixedrange=True),
        # one degree of longitude is cos(lat) times one of latitude: keep shapes true
        yaxis=dict(visible=False, fixedrange=True, scaleanchor="x", scaleratio=1 / math.cos(math.radians(lat0))),
    )
    return go.Figure({"data": traces, "layout": layout}, _validate=False)


def _callouts(
    annotations: list[dict], records: list[dict], areas: list[float], big: float, lang: str, distance: float = 95.0
) -> None:
    """Name the small districts with leader lines fanned out around their cluster.

    Their own labels would overlap (the central districts are a few km across), but a
    regulator must still see which dot is which without hovering each one.
    """
    small = [(r, a) for r, a in zip(records, areas, strict=True) if a < big]
    if not small:
        return
    cx = sum(float(r["centroid_lon"]) for r, _a in small) / len(small)
    cy = sum(float(r["centroid_lat"]) for r, _a in small) / len(small)
    # keep each district on its own side of the cluster: order by angle, then spread evenly
    ordered = sorted(
        small, key=lambda ra: math.atan2(float(ra[0]["centroid_lat"]) - cy, float(ra[0]["centroid_lon"]) - cx)
    )
    start = math.atan2(float(ordered[0][0]["centroid_lat"]) - cy, float(ordered[0][0]["centroid_lon"]) - cx)
    for i, (r, _a) in enumerate(ordered):
        angle = start + 2 * math.pi * i / len(ordered)
        name = (
            (r.get("short_zh") or r.get("name_zh"))
            if lang == "zh"
            else str(region_name(r, lang)).replace(" District", "").replace(" New Area", "")
        )
        annotations.append(
            dict(
                x=float(r["centroid_lon"]),
                y=float(r["centroid_lat"]),
                text=name,
                showarrow=True,
                ax=distance * math.cos(angle),
                ay=-distance * math.sin(angle),  # pixels; screen y grows down
                arrowhead=0,
                arrowwidth=1,
                arrowcolor="#37474f",
                standoff=6,
                font=dict(size=12, color="#263238"),
                bgcolor="rgba(255,255,255,0.9)",
                borderpad=2,
            )
        )


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


def level_word(tree, view: str | None, lang: str) -> str:
    """What the children of `view` are called: 省 / 市 / 区 (Shanghai's districts) / 区县 (counties).

    Args:
        tree: an ``analytics.places.RegionTree``.
    """
    kids = tree.children(view)
    if not kids:
        return t("level_district", lang)
    level = tree.regions[kids[0]].level
    if level == "district" and all(tree.regions[k].name_zh.endswith("区") for k in kids):
        return t("level_district_sh", lang)
    return t(f"level_{level}", lang)
