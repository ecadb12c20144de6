"""Plotly figure builders for the dashboard (no streamlit, no data access).

Each takes the frame of one named query (analytics.queries) and a language,
and returns a figure. Missing values are drawn as gaps, never as zeros.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analytics import fmt
from analytics.i18n import label, month_label, norm_lang, region_name, t

PALETTE = ("#1f5fa8", "#e07b39", "#3a9d5d", "#8e5ea2", "#c44e52", "#4c9fb8", "#a6761d", "#666666")
UNIT_COLORS = {"people": "#1f5fa8", "person_times": "#e07b39", "organizations": "#3a9d5d"}
UNITS = ("people", "person_times", "organizations")
# Tableau 10: colours that stay distinct from each other in a stack and for colour-blind readers.
QUALITATIVE = ("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7",
               "#9c755f")
REST_COLOR = "#bab0ac"
TREND_TOP = len(QUALITATIVE)
RISE, FALL = "#3a9d5d", "#c44e52"
FONT = dict(family="'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', sans-serif", size=13)


def _layout(fig: go.Figure, height: int = 360, **kwargs) -> go.Figure:
    legend = {**dict(orientation="h", yanchor="bottom", y=1.02, x=0), **kwargs.pop("legend", {})}
    fig.update_layout(height=height, margin=dict(l=10, r=10, t=30, b=10), font=FONT,
                      plot_bgcolor="rgba(0,0,0,0)", paper_bgcolor="rgba(0,0,0,0)", legend=legend, **kwargs)
    fig.update_yaxes(gridcolor="#e6e6e6", zeroline=False, separatethousands=True)
    return fig


def activities_by_year(df: pd.DataFrame, lang: str) -> go.Figure:
    """Bars of activities per year (``queries.by_year``)."""
    fig = go.Figure(go.Bar(x=df["year"].astype(str), y=df["activities"], marker_color=PALETTE[0],
                           name=t("activities", lang),
                           hovertemplate="%{x}: %{y:,}<extra></extra>"))
    return _layout(fig, xaxis_title=t("year", lang), yaxis_title=t("activities", lang))


def participants_by_year(df: pd.DataFrame, lang: str) -> go.Figure:
    """Participants per year: one small panel per unit, each with its own y axis.

    Units are never added, and their sizes differ by orders of magnitude (person-times run
    to hundreds of thousands, organisations to hundreds): on one shared axis the smaller
    units would be drawn as flat lines that read as zero.
    """
    units = [u for u in UNITS if u in df and not df[u].isna().all()]
    if not units:
        return _layout(go.Figure(), xaxis_title=t("year", lang), yaxis_title=t("participants", lang))
    fig = make_subplots(rows=len(units), cols=1, shared_xaxes=True, vertical_spacing=0.16,
                        subplot_titles=[label("participants_unit", u, lang) for u in units])
    years = df["year"].astype(str)
    for row, unit in enumerate(units, start=1):
        text = [fmt.fmt_total(v, q, lang) if pd.notna(v) else "" for v, q in zip(df[unit], df[unit + "_q"], strict=True)]
        fig.add_trace(go.Bar(
            x=years, y=df[unit], name=label("participants_unit", unit, lang),
            marker_color=UNIT_COLORS[unit], customdata=text, showlegend=False,
            hovertemplate="%{x}: %{customdata}<extra>%{fullData.name}</extra>"), row=row, col=1)
        fig.update_yaxes(tickformat="~s", nticks=4, row=row, col=1)
    fig.update_xaxes(title_text=t("year", lang), row=len(units), col=1)
    # subplot titles are annotations: left-align them over their panel, in the axis-title grey
    fig.update_annotations(x=0, xanchor="left", font=dict(size=12, color="#555555"))
    return _layout(fig)  # same height as the activities chart beside it


def activities_by_month(df: pd.DataFrame, lang: str) -> go.Figure:
    """Bars of activities per calendar month (``queries.by_month``)."""
    names = [month_label(int(m), lang) for m in df["month"]]
    colors = [PALETTE[1] if int(m) == 9 else PALETTE[0] for m in df["month"]]  # September is Quality Month
    fig = go.Figure(go.Bar(x=names, y=df["activities"], marker_color=colors,
                           hovertemplate="%{x}: %{y:,}<extra></extra>"))
    return _layout(fig, xaxis_title=t("month", lang), yaxis_title=t("activities", lang))


# Nationally the selection spans ~2,800 districts: a bar or heatmap row each took a minute to draw
# in the browser and could not be read. The ranking and heatmap show this many, the map all.
DISTRICTS_SHOWN = 30


def top_districts(df: pd.DataFrame, metric: str = "activities",
                  limit: int = DISTRICTS_SHOWN) -> tuple[pd.DataFrame, int]:
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


def more_not_shown(hidden: int, lang: str) -> str:
    """Caption under a chart cut to DISTRICTS_SHOWN districts: '其余 2,811 个区县未列出' / '2,811 more not shown'."""
    n = fmt.fmt_int(hidden)
    return f"{n} more districts not shown" if norm_lang(lang) == "en" else f"其余 {n} 个区县未列出"


def district_ranking(df: pd.DataFrame, lang: str, metric: str = "activities") -> go.Figure:
    """Horizontal bars of districts by `metric` (``queries.by_district``); not reported ones labelled, no bar."""
    data = df.copy()
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
    fig = go.Figure(go.Bar(x=reported[metric], y=reported["name"], orientation="h", marker_color=PALETTE[0],
                           text=text, textposition="outside", cliponaxis=False,
                           hovertemplate="%{y}: %{text}<extra></extra>", showlegend=False))
    if len(missing):
        fig.add_trace(go.Scatter(x=[0] * len(missing), y=missing["name"], mode="text",
                                 text=[t("not_reported", lang)] * len(missing), textposition="middle right",
                                 textfont=dict(color="#888888"), hoverinfo="skip", showlegend=False))
    fig.update_yaxes(categoryorder="array", categoryarray=list(data["name"]))
    top = float(reported[metric].max()) if len(reported) else 1.0
    fig.update_xaxes(range=[0, top * 1.22])  # room for the outside labels of the longest bar
    return _layout(fig, height=max(320, 26 * len(data) + 60), xaxis_title=axis)


def district_year_heatmap(df: pd.DataFrame, lang: str) -> go.Figure:
    """Heatmap district × year (``queries.district_year``); cells with no record stay empty, not 0."""
    if df.empty:
        return _layout(go.Figure())
    data = df.copy()
    data["name"] = [region_name(r, lang) for r in data.to_dict("records")]
    order = list(dict.fromkeys(data.sort_values("adcode")["name"]))
    wide = data.pivot_table(index="name", columns="year", values="activities", aggfunc="first", dropna=False)
    wide = wide.reindex(order)
    z = wide.astype("float64").to_numpy()
    hover = [[f"{n} · {y}: {fmt.fmt_count(v, lang)}" for y, v in zip(wide.columns, row, strict=True)]
             for n, row in zip(wide.index, z, strict=True)]
    text = [["" if pd.isna(v) else fmt.fmt_int(v) for v in row] for row in z]
    fig = go.Figure(go.Heatmap(
        z=z, x=[str(c) for c in wide.columns], y=list(wide.index), colorscale="Blues", hoverongaps=True,
        text=text, texttemplate="%{text}", customdata=hover, hovertemplate="%{customdata}<extra></extra>",
        colorbar=dict(title=dict(text=t("activities", lang)), thickness=12), xgap=2, ygap=2))
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(type="category")  # years are labels: never "2,021.5"
    return _layout(fig, height=max(360, 26 * len(wide) + 80))


def breakdown_bars(df: pd.DataFrame, kind: str, lang: str) -> go.Figure:
    """Horizontal bars of activities per code (``queries.breakdown``), labelled in `lang`."""
    data = df.sort_values("activities", ascending=True)
    names = [label(kind, c, lang) for c in data["code"]]
    text = [f"{fmt.fmt_int(v)} ({s:.0%})" for v, s in zip(data["activities"], data["share"], strict=True)]
    fig = go.Figure(go.Bar(x=data["activities"], y=names, orientation="h", marker_color=PALETTE[0],
                           text=text, textposition="outside", cliponaxis=False,
                           hovertemplate="%{y}: %{text}<extra></extra>"))
    fig.update_xaxes(range=[0, float(data["activities"].max() or 1) * 1.25])
    return _layout(fig, height=max(300, 28 * len(data) + 60), xaxis_title=t("activities", lang))


def yoy_bars(df: pd.DataFrame, kind: str, latest_year: int, lang: str) -> go.Figure:
    """Year-on-year change per code, sorted, one labelled bar each (``queries.breakdown_yoy``).

    The change in percent is the bar (rises green to the right, falls red to the left), its
    label gives the percentage in a readable size plus the two counts it compares. A code with
    none the year before has no percentage: it is labelled "new" and drawn without a bar.
    """
    data = df.copy()
    # Sort: largest rise on top (plotly draws the first category at the bottom), new codes above all.
    data["_key"] = [(float("inf") if int(n) > 0 else float("-inf")) if pd.isna(p) else float(p)
                    for p, n in zip(data["change_pct"], data["latest"], strict=True)]
    data = data.sort_values(["_key", "latest"], ascending=[True, True])
    pcts = [None if pd.isna(p) else float(p) for p in data["change_pct"]]  # a list: a column would make None NaN
    names = [label(kind, c, lang) for c in data["code"]]
    counts = [t("yoy_counts", lang, latest=fmt.fmt_int(n), prev_year=latest_year - 1, prev=fmt.fmt_int(p))
              for n, p in zip(data["latest"], data["previous"], strict=True)]
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
    fig = go.Figure(go.Bar(x=xs, y=names, orientation="h", marker_color=colors, text=text,
                           textposition="outside", cliponaxis=False, textfont=dict(size=13),
                           customdata=counts, showlegend=False,
                           hovertemplate="%{y}: %{text}<br>%{customdata}<extra></extra>"))
    span = max([abs(x) for x in xs] + [10.0])
    # Room on both sides for the outside percentage labels.
    lo = -span * 1.35 if min(xs, default=0) < 0 else -span * 0.1
    fig.update_xaxes(range=[lo, span * 1.35], ticksuffix="%", zeroline=True, zerolinecolor="#888888",
                     zerolinewidth=1, title_text=t("yoy_axis", lang))
    return _layout(fig, height=max(300, 30 * len(data) + 80))


def breakdown_trend(df: pd.DataFrame, kind: str, lang: str, top: int = TREND_TOP) -> go.Figure:
    """Stacked bars of activities per year (``queries.breakdown_by_year``): the `top` codes, then the rest.

    Fourteen series in one stack cannot all get colours a reader tells apart; the largest
    `top` codes (over the whole selection) get one distinct colour each, the others are
    summed into one grey "n more" series at the top of the stack.
    """
    fig = go.Figure()
    totals = df.groupby("code")["activities"].sum().sort_values(ascending=False)
    keep = list(totals.index[:top]) if len(totals) > top + 1 else list(totals.index)
    years = sorted(df["year"].unique())
    for i, code in enumerate(keep):
        part = df[df["code"] == code].set_index("year")["activities"].reindex(years)
        fig.add_trace(go.Bar(x=[str(y) for y in years], y=part, name=label(kind, code, lang),
                             marker_color=QUALITATIVE[i % len(QUALITATIVE)],
                             hovertemplate="%{x}: %{y:,}<extra>%{fullData.name}</extra>"))
    rest = [c for c in totals.index if c not in keep]
    if rest:
        part = df[df["code"].isin(rest)].groupby("year")["activities"].sum().reindex(years)
        names = "、".join(label(kind, c, lang) for c in rest) if lang != "en" else \
            ", ".join(label(kind, c, lang) for c in rest)
        fig.add_trace(go.Bar(x=[str(y) for y in years], y=part, name=t("rest", lang, n=len(rest)),
                             marker_color=REST_COLOR, customdata=[names] * len(years),
                             hovertemplate="%{x}: %{y:,}<br>%{customdata}<extra>%{fullData.name}</extra>"))
    fig.update_xaxes(type="category")
    return _layout(fig, height=420, barmode="stack", xaxis_title=t("year", lang), yaxis_title=t("activities", lang),
                   legend=dict(traceorder="normal"))
