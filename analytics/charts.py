"""Plotly figure builders for the dashboard (no streamlit, no data access).

Each takes the frame of one named query (analytics.queries) and a language,
and returns a figure. Missing values are drawn as gaps, never as zeros.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from analytics import fmt, geo
from analytics.i18n import label, month_label, norm_lang, region_name, t

PALETTE = ("#1f5fa8", "#e07b39", "#3a9d5d", "#8e5ea2", "#c44e52", "#4c9fb8", "#a6761d", "#666666")
UNIT_COLORS = {"people": "#1f5fa8", "person_times": "#e07b39", "organizations": "#3a9d5d"}
UNITS = ("people", "person_times", "organizations")
# Tableau 10: colours that stay distinct from each other in a stack and for colour-blind readers.
QUALITATIVE = ("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f")
REST_COLOR = "#bab0ac"
TREND_TOP = len(QUALITATIVE)
RISE, FALL = "#3a9d5d", "#c44e52"
FONT = dict(family="'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', sans-serif", size=13)
# A panel's title over its subplot (an annotation; y is the panel's top): left-aligned, axis-title grey.
PANEL_TITLE = dict(
    x=0,
    xanchor="left",
    xref="paper",
    yanchor="bottom",
    yref="paper",
    showarrow=False,
    font=dict(size=12, color="#555555"),
)


# Streamlit's chart theme writes tick labels at 12 px and lets Plotly grow a margin to fit what sits in
# it (automargin). Growing a margin draws the whole figure once more in the browser (measured at 1M:
# ~55-115 ms of CPU per first drawing of the ranking, the heatmap and the map): margins that already
# fit their labels let the first drawing stand. Plotly still grows a margin a label does not fit in,
# so an estimate that falls short costs that drawing again, never a cut label.
# The rooms below are what Plotly grows the margins to on the bundled and the 1M data (in brackets), plus a
# little: a few pixels of white are cheaper than a second drawing.
TICK_FONT_PX = 12
X_TITLE_ROOM = 66  # an x axis' tick labels, its title and the gap between them (64)
X_TICKS_ROOM = 46  # an x axis' tick labels alone (a heatmap's years: 43)
LEGEND_ROOM = 64  # a one-row legend above the plot (64)
COLORBAR_ROOM = 110  # a vertical colour bar with its title and tick labels right of the plot (92-106)
BAR_LABEL_ROOM = 24  # right of a bar chart whose last tick label sits on the plot's edge (19)


def label_room(labels, gap: int = 14) -> int:
    """Left margin (px) that holds the widest of `labels` written as tick labels, and `gap` for the ticks
    (a heatmap's labels sit further out: 20)."""
    widest = max((geo.label_size(str(s), TICK_FONT_PX)[0] for s in labels), default=0.0)
    return int(math.ceil(widest)) + gap


def _si(value: float) -> str:
    """`value` as Plotly's default tick labels write it: 800, 140k, 1M."""
    for unit, size in (("G", 1e9), ("M", 1e6), ("k", 1e3)):
        if value >= size:
            return f"{value / size:.0f}{unit}"
    return f"{value:.0f}"


def y_tick_label(top: float, written_out: bool = False) -> str:
    """About the widest tick label Plotly writes on a y axis that reaches `top`, one character to spare for
    the round tick above it: abbreviated from 10,000 up (140k0), written out below that (8,0000; the axes
    separate thousands). `written_out` (tickformat ",~r"): every number written out, as long as the axis'
    end 5% above `top` (its thousands separators are narrower than the estimate's 0.62 em: no spare)."""
    if written_out:
        return f"{top * 1.05:,.0f}"
    if top < 1e4:
        return f"{top:,.0f}0"
    return _si(top) + "0"


def _y_room(top: float, written_out: bool = False, title: bool = True) -> int:
    """Left margin (px) for a y axis reaching `top`: its tick labels, and its title when it has one."""
    return label_room([y_tick_label(top, written_out)], gap=36 if title else 14)


def _top(values) -> float:
    """The largest of `values` (missing ones left out), 0 when there is none."""
    present = [v for v in _values(values) if v is not None]
    return float(max(present, default=0))


def _merge(base: dict, extra: dict) -> dict:
    """`base` updated by `extra`, nested dicts merged key by key (as plotly's update_layout does)."""
    out = dict(base)
    for key, value in extra.items():
        out[key] = _merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def _title(text: str) -> dict:
    return {"title": {"text": text}}


def _figure(data: list[dict], layout: dict) -> go.Figure:
    """A figure from plain trace and layout dicts, without plotly's per-property validation.

    Validating each property as it is set cost 10-70 ms per figure (a filter change rebuilds
    three or more), against under 1 ms for the same figure from dicts. The specs are checked
    against plotly's schema by tests/analytics/test_charts.py instead, once, not on every rerun.
    """
    return go.Figure({"data": data, "layout": layout}, _validate=False)


def _layout(height: int = 360, legend: dict | None = None, yaxes: tuple[str, ...] = ("yaxis",), **kwargs) -> dict:
    """The dashboard's common layout; `kwargs` (nested dicts: xaxis=..., barmode=...) are merged over it.

    Args:
        yaxes: the y axes that get the light grid and thousands separators (every panel's axis).
    """
    layout = dict(
        height=height,
        margin=dict(l=10, r=10, t=30, b=10),
        font=FONT,
        plot_bgcolor="rgba(0,0,0,0)",
        paper_bgcolor="rgba(0,0,0,0)",
        legend={**dict(orientation="h", yanchor="bottom", y=1.02, x=0), **(legend or {})},
    )
    layout = _merge(layout, kwargs)
    for axis in yaxes:
        layout[axis] = _merge(layout.get(axis, {}), dict(gridcolor="#e6e6e6", zeroline=False, separatethousands=True))
    return layout


def _values(series: pd.Series | list) -> list:
    """Plain Python values for a trace array (missing -> None, drawn as a gap)."""
    return [
        None if v is None or v is pd.NA or (isinstance(v, float) and v != v) else v
        for v in (series.tolist() if hasattr(series, "tolist") else series)
    ]


def activities_by_year(df: pd.DataFrame, lang: str) -> go.Figure:
    """Bars of activities per year (``queries.by_year``)."""
    bar = dict(
        type="bar",
        x=df["year"].astype(str).tolist(),
        y=_values(df["activities"]),
        marker=dict(color=PALETTE[0]),
        name=t("activities", lang),
        hovertemplate="%{x}: %{y:,}<extra></extra>",
    )
    # Years are labels: a linear axis around one year reads "2,021.6 ... 2,022.4".
    return _figure(
        [bar],
        _layout(
            margin=dict(l=_y_room(_top(df["activities"])), b=X_TITLE_ROOM),
            xaxis=dict(type="category", **_title(t("year", lang))),
            yaxis=_title(t("activities", lang)),
        ),
    )


def participants_by_year(df: pd.DataFrame, lang: str) -> go.Figure:
    """Participants per year: one small panel per unit, each with its own y axis.

    Units are never added, and their sizes differ by orders of magnitude (person-times run
    to hundreds of thousands, organisations to hundreds): on one shared axis the smaller
    units would be drawn as flat lines that read as zero.
    """
    units = [u for u in UNITS if u in df and not df[u].isna().all()]
    if not units:
        return _figure(
            [], _layout(xaxis=dict(type="category", **_title(t("year", lang))), yaxis=_title(t("participants", lang)))
        )
    grid = stacked_panels(len(units))
    years = df["year"].astype(str).tolist()
    data = []
    axes: dict[str, dict] = {}
    for row, unit in enumerate(units, start=1):
        text = [
            fmt.fmt_total(v, q, lang) if pd.notna(v) else "" for v, q in zip(df[unit], df[unit + "_q"], strict=True)
        ]
        suffix = "" if row == 1 else str(row)
        data.append(
            dict(
                type="bar",
                x=years,
                y=_values(df[unit]),
                name=label("participants_unit", unit, lang),
                marker=dict(color=UNIT_COLORS[unit]),
                customdata=text,
                showlegend=False,
                hovertemplate="%{x}: %{customdata}<extra>%{fullData.name}</extra>",
                xaxis="x" + suffix,
                yaxis="y" + suffix,
            )
        )
        # "400k" is an English abbreviation: Chinese ticks are written out (400,000)
        tickformat = "~s" if norm_lang(lang) == "en" else ",~r"
        axes["yaxis" + suffix] = _merge(grid["yaxis" + suffix], dict(tickformat=tickformat, nticks=4))
        axes["xaxis" + suffix] = _merge(grid["xaxis" + suffix], dict(type="category"))  # years are labels
    axes["xaxis" + ("" if len(units) == 1 else str(len(units)))].update(_title(t("year", lang)))
    # the widest tick label of any panel (no y titles: each panel is titled above it)
    left = max(_y_room(_top(df[u]), written_out=norm_lang(lang) != "en", title=False) for u in units)
    # subplot titles are annotations: left-align them over their panel, in the axis-title grey
    titles = [
        {**PANEL_TITLE, "text": label("participants_unit", u, lang), "y": top}
        for u, top in zip(units, grid["tops"], strict=True)
    ]
    # same height as the activities chart beside it
    return _figure(
        data,
        _layout(
            yaxes=tuple(k for k in axes if k.startswith("yaxis")),
            annotations=titles,
            margin=dict(l=left, b=X_TITLE_ROOM),
            **axes,
        ),
    )


def stacked_panels(rows: int, spacing: float = 0.16) -> dict:
    """Axes of `rows` stacked panels sharing the bottom x axis (what ``make_subplots(rows, 1,
    shared_xaxes=True, vertical_spacing=spacing)`` lays out), plus each panel's top edge ("tops")."""
    height = (1 - spacing * (rows - 1)) / rows
    out: dict = {"tops": []}
    bottom_x = "x" + ("" if rows == 1 else str(rows))
    for row in range(1, rows + 1):
        suffix = "" if row == 1 else str(row)
        top = 1 - (row - 1) * (height + spacing)
        lo = max(0.0, top - height)
        out["tops"].append(top)
        out["yaxis" + suffix] = dict(anchor="x" + suffix, domain=[lo, top])
        x = dict(anchor="y" + suffix, domain=[0.0, 1.0])
        if row < rows:
            x.update(matches=bottom_x, showticklabels=False)
        out["xaxis" + suffix] = x
    return out


def activities_by_month(df: pd.DataFrame, lang: str) -> go.Figure:
    """Bars of activities per calendar month (``queries.by_month``)."""
    names = [month_label(int(m), lang) for m in df["month"]]
    colors = [PALETTE[1] if int(m) == 9 else PALETTE[0] for m in df["month"]]  # September is Quality Month
    bar = dict(
        type="bar",
        x=names,
        y=_values(df["activities"]),
        marker=dict(color=colors),
        hovertemplate="%{x}: %{y:,}<extra></extra>",
    )
    return _figure(
        [bar],
        _layout(
            margin=dict(l=_y_room(_top(df["activities"])), b=X_TITLE_ROOM),
            xaxis=_title(t("month", lang)),
            yaxis=_title(t("activities", lang)),
        ),
    )


# Nationally the selection spans ~2,800 districts: a bar or heatmap row each took a minute to draw
# in the browser and could not be read. The ranking and heatmap show this many, the map all.
DISTRICTS_SHOWN = 30


def top_districts(
    df: pd.DataFrame, metric: str = "activities", limit: int = DISTRICTS_SHOWN
) -> tuple[pd.DataFrame, int]:
    """The rows (``queries.by_district``) of the `limit` districts that lead on `metric`, and how many are left out.

    Largest `metric` first; districts that reported nothing come after every reported one (by
    adcode), so a small selection such as Shanghai's 16 districts keeps all its rows, in their order.

    Returns:
        (shown, hidden): the kept rows in the frame's own order, and the number of rows left out.
    """
    if len(df) <= limit:
        return df, 0
    ranked = df.sort_values([metric, "adcode"], ascending=[False, True], na_position="last", kind="stable")
    keep = set(ranked["adcode"].head(limit))
    return df[df["adcode"].isin(keep)], len(df) - limit


def more_not_shown(hidden: int, lang: str, level: str = "district") -> str:
    """Caption under a chart cut to its leading regions, in the words of the regions' level.

    Args:
        level: the level key of the regions shown (``analytics.geo.level_key``): province, city,
            district (counties) or district_sh (Shanghai's districts).

    '其余 3 个省未列出' / '3 more provinces not shown'; '其余 2,811 个区县未列出' / '2,811 more counties not shown'.
    """
    return t("more_not_shown", lang, n=fmt.fmt_int(hidden), levels=t(f"levels_{level}", lang))


def _labelled_hbar(x: list, y: list, text: list[str], **extra) -> dict:
    """One horizontal bar trace in the first palette colour, each bar's figure written beside it
    (also its hover text): the ranking and breakdown charts."""
    return dict(
        type="bar",
        x=x,
        y=y,
        orientation="h",
        marker=dict(color=PALETTE[0]),
        text=text,
        textposition="outside",
        cliponaxis=False,
        hovertemplate="%{y}: %{text}<extra></extra>",
        **extra,
    )


def district_ranking(df: pd.DataFrame, lang: str, metric: str = "activities") -> go.Figure:
    """Horizontal bars of districts by `metric` (``queries.by_district``); not reported ones labelled, no bar."""
    data = df[[not geo.not_expected(r, metric) for r in df.to_dict("records")]].copy()  # Taiwan...: not 未报送
    data["name"] = [region_name(r, lang) for r in data.to_dict("records")]
    data = data.sort_values(metric, ascending=True, na_position="first")
    reported = data[data[metric].notna()]
    missing = data[data[metric].isna()]
    if metric == "activities":
        text = [fmt.fmt_int(v) for v in reported[metric]]
        axis = t("activities", lang)
    else:
        text = [fmt.fmt_total(v, q, lang) for v, q in zip(reported[metric], reported[metric + "_q"], strict=True)]
        axis = f"{t('participants', lang)} ({label('participants_unit', metric, lang)})"
    traces = [_labelled_hbar(_values(reported[metric]), reported["name"].tolist(), text, showlegend=False)]
    if len(missing):
        traces.append(
            dict(
                type="scatter",
                x=[0] * len(missing),
                y=missing["name"].tolist(),
                mode="text",
                text=[t("not_reported", lang)] * len(missing),
                textposition="middle right",
                textfont=dict(color="#888888"),
                hoverinfo="skip",
                showlegend=False,
            )
        )
    top = float(reported[metric].max()) if len(reported) else 1.0
    # About 26 px a district: one selected district is one bar of that thickness, not the whole plot.
    return _figure(
        traces,
        _layout(
            height=26 * len(data) + 110,
            margin=dict(l=label_room(data["name"]), r=BAR_LABEL_ROOM, b=X_TITLE_ROOM),
            yaxis=dict(categoryorder="array", categoryarray=list(data["name"])),
            xaxis=dict(range=[0, top * 1.22], separatethousands=True, **_title(axis)),
        ),
    )  # room for the outside labels of the longest bar


# Cell labels of the heatmap up to this many cells: a city's 16 districts over 11 years keep theirs.
# Each label is a separately measured SVG text in the browser: the national top 30 x 11 years cost
# about a second of drawing per load and per filter change, for numbers too small to read; there
# the colour and the hover carry the value.
HEATMAP_LABELS_MAX = 200


def district_year_heatmap(df: pd.DataFrame, lang: str, max_labels: int = HEATMAP_LABELS_MAX) -> go.Figure:
    """Heatmap district × year (``queries.district_year``); cells with no record stay empty, not 0.

    Args:
        max_labels: cells are labelled with their count when the grid has at most this many cells.
    """
    if df.empty:
        return _figure([], _layout())
    data = df[[not geo.not_expected(r) for r in df.to_dict("records")]].copy()  # a blank row would say 未报送
    data["name"] = [region_name(r, lang) for r in data.to_dict("records")]
    order = list(dict.fromkeys(data.sort_values("adcode")["name"]))
    wide = data.pivot_table(index="name", columns="year", values="activities", aggfunc="first", dropna=False)
    wide = wide.reindex(order)
    z = wide.astype("float64").to_numpy()
    hover = [
        [f"{n} · {y}: {fmt.fmt_count(v, lang)}" for y, v in zip(wide.columns, row, strict=True)]
        for n, row in zip(wide.index, z, strict=True)
    ]
    heat = dict(
        type="heatmap",
        z=z,
        x=[str(c) for c in wide.columns],
        y=list(wide.index),
        colorscale=geo.DATA_COLORSCALE,  # the smallest count is blue, never white like an empty cell
        hoverongaps=True,
        customdata=hover,
        hovertemplate="%{customdata}<extra></extra>",
        colorbar=dict(title=dict(text=t("activities", lang)), thickness=12, separatethousands=True),
        xgap=2,
        ygap=2,
    )
    if z.size <= max_labels:
        heat.update(text=[["" if pd.isna(v) else fmt.fmt_int(v) for v in row] for row in z], texttemplate="%{text}")
    return _figure(
        [heat],
        _layout(
            height=max(360, 26 * len(wide) + 80),
            margin=dict(l=label_room(wide.index, gap=20), r=COLORBAR_ROOM, b=X_TICKS_ROOM),
            yaxis=dict(autorange="reversed"),
            xaxis=dict(type="category"),
        ),
    )  # years are labels: never "2,021.5"


def breakdown_bars(df: pd.DataFrame, kind: str, lang: str) -> go.Figure:
    """Horizontal bars of activities per code (``queries.breakdown``), labelled in `lang`."""
    data = df.sort_values("activities", ascending=True)
    names = [label(kind, c, lang) for c in data["code"]]
    text = [f"{fmt.fmt_int(v)} ({s:.0%})" for v, s in zip(data["activities"], data["share"], strict=True)]
    bar = _labelled_hbar(_values(data["activities"]), names, text)
    return _figure(
        [bar],
        _layout(
            height=max(300, 28 * len(data) + 60),
            margin=dict(l=label_room(names), b=X_TITLE_ROOM),
            xaxis=dict(
                range=[0, float(data["activities"].max() or 1) * 1.25],
                separatethousands=True,
                **_title(t("activities", lang)),
            ),
        ),
    )


def yoy_bars(df: pd.DataFrame, kind: str, latest_year: int, lang: str) -> go.Figure:
    """Year-on-year change per code, sorted, one labelled bar each (``queries.breakdown_yoy``).

    The change in percent is the bar (rises green to the right, falls red to the left), its
    label gives the percentage in a readable size plus the two counts it compares. A code with
    none the year before has no percentage: it is labelled "new" and drawn without a bar.
    """
    data = df.copy()
    # Sort: largest rise on top (plotly draws the first category at the bottom), new codes above all.
    data["_key"] = [
        (float("inf") if int(n) > 0 else float("-inf")) if pd.isna(p) else float(p)
        for p, n in zip(data["change_pct"], data["latest"], strict=True)
    ]
    data = data.sort_values(["_key", "latest"], ascending=[True, True])
    pcts = [None if pd.isna(p) else float(p) for p in data["change_pct"]]  # a list: a column would make None NaN
    names = [label(kind, c, lang) for c in data["code"]]
    counts = [
        t("yoy_counts", lang, latest=fmt.fmt_int(n), prev_year=latest_year - 1, prev=fmt.fmt_int(p))
        for n, p in zip(data["latest"], data["previous"], strict=True)
    ]
    text, colors, xs = [], [], []
    for pct, n in zip(pcts, data["latest"], strict=True):
        if pct is None:
            text.append(f"<b>{t('yoy_new', lang) if int(n) else t('yoy_gone', lang)}</b>")
            colors.append(PALETTE[0])
            xs.append(0.0)
        else:
            text.append(f"<b>{fmt.fmt_pct(pct)}</b>")
            colors.append(RISE if pct >= 0 else FALL)
            xs.append(pct)
    bar = dict(
        type="bar",
        x=xs,
        y=names,
        orientation="h",
        marker=dict(color=colors),
        text=text,
        textposition="outside",
        cliponaxis=False,
        textfont=dict(size=13),
        customdata=counts,
        showlegend=False,
        hovertemplate="%{y}: %{text}<br>%{customdata}<extra></extra>",
    )
    span = max([abs(x) for x in xs] + [10.0])
    # Room on both sides for the outside percentage labels.
    lo = -span * 1.35 if min(xs, default=0) < 0 else -span * 0.1
    return _figure(
        [bar],
        _layout(
            height=max(300, 30 * len(data) + 80),
            margin=dict(l=label_room(names), r=BAR_LABEL_ROOM, b=X_TITLE_ROOM),
            xaxis=dict(
                range=[lo, span * 1.35],
                ticksuffix="%",
                zeroline=True,
                zerolinecolor="#888888",
                zerolinewidth=1,
                **_title(t("yoy_axis", lang)),
            ),
        ),
    )


def breakdown_trend(df: pd.DataFrame, kind: str, lang: str, top: int = TREND_TOP) -> go.Figure:
    """Stacked bars of activities per year (``queries.breakdown_by_year``): the `top` codes, then the rest.

    Fourteen series in one stack cannot all get colours a reader tells apart; the largest
    `top` codes (over the whole selection) get one distinct colour each, the others are
    summed into one grey "n more" series at the top of the stack.
    """
    traces = []
    totals = df.groupby("code")["activities"].sum().sort_values(ascending=False)
    keep = list(totals.index[:top]) if len(totals) > top + 1 else list(totals.index)
    years = sorted(df["year"].unique())
    # One row per year, one column per code (the frame has one row per code and year): a column
    # per trace instead of filtering the frame once per code.
    wide = df.pivot(index="year", columns="code", values="activities").reindex(years) if len(df) else None
    for i, code in enumerate(keep):
        part = wide[code]
        traces.append(
            dict(
                type="bar",
                x=[str(y) for y in years],
                y=_values(part),
                name=label(kind, code, lang),
                marker=dict(color=QUALITATIVE[i % len(QUALITATIVE)]),
                hovertemplate="%{x}: %{y:,}<extra>%{fullData.name}</extra>",
            )
        )
    rest = [c for c in totals.index if c not in keep]
    if rest:
        part = wide[rest].sum(axis=1, min_count=1)  # a year none of them reported stays a gap
        names = (
            "、".join(label(kind, c, lang) for c in rest)
            if lang != "en"
            else ", ".join(label(kind, c, lang) for c in rest)
        )
        traces.append(
            dict(
                type="bar",
                x=[str(y) for y in years],
                y=_values(part),
                name=t("rest", lang, n=len(rest)),
                marker=dict(color=REST_COLOR),
                customdata=[names] * len(years),
                hovertemplate="%{x}: %{y:,}<br>%{customdata}<extra>%{fullData.name}</extra>",
            )
        )
    tallest = float(wide.sum(axis=1).max()) if wide is not None and len(wide) else 0.0
    return _figure(
        traces,
        _layout(
            height=420,
            # the y axis' widest tick label (Plotly writes 140k) and its title
            margin=dict(l=_y_room(tallest), t=LEGEND_ROOM, b=X_TITLE_ROOM),
            barmode="stack",
            xaxis=dict(type="category", **_title(t("year", lang))),
            yaxis=_title(t("activities", lang)),
            legend=dict(traceorder="normal"),
        ),
    )
