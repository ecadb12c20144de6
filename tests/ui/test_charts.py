"""Chart specs built from plain dicts: valid against plotly's schema, laid out as plotly would.

analytics.charts and analytics.geo skip plotly's per-property validation at run time (it cost
10-70 ms per figure on every filter change); these tests are where the specs are validated.
"""

from __future__ import annotations

import pandas as pd
import pytest
from plotly import graph_objects as go
from plotly.subplots import make_subplots

from analytics import charts, geo
from analytics import queries as q
from analytics.db import Warehouse
from analytics.filters import Filters
from tests.analytics.conftest import build_tiny_db

FILTER_SETS = {
    "all": Filters(),
    "2024": Filters(years=(2024,)),
    "xuhui": Filters(districts=("310104",)),
    "nothing": Filters(years=(1990,)),
}


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> Warehouse:
    return Warehouse(build_tiny_db(tmp_path_factory.mktemp("charts") / "tiny.duckdb"))


def _figures(wh: Warehouse, f: Filters, lang: str) -> dict[str, go.Figure]:
    out = {
        "activities_by_year": charts.activities_by_year(q.by_year(wh, f), lang),
        "participants_by_year": charts.participants_by_year(q.by_year(wh, f), lang),
        "activities_by_month": charts.activities_by_month(q.by_month(wh, f), lang),
        "heatmap": charts.district_year_heatmap(q.district_year(wh, f), lang),
    }
    for metric in geo.METRICS:
        out[f"ranking_{metric}"] = charts.district_ranking(q.by_district(wh, f), lang, metric)
        out[f"map_{metric}"] = geo.district_map(
            q.boundaries(wh), q.by_district(wh, f), metric, lang, selected=f.districts
        )
    for col in ("industry", "activity_type"):
        data = q.breakdown(wh, f, col)
        if not data.empty:
            out[f"bars_{col}"] = charts.breakdown_bars(data, col, lang)
        yoy, latest = q.breakdown_yoy(wh, f, col)
        if latest is not None:
            out[f"yoy_{col}"] = charts.yoy_bars(yoy, col, latest, lang)
        out[f"trend_{col}"] = charts.breakdown_trend(q.breakdown_by_year(wh, f, col), col, lang)
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("filter_set", list(FILTER_SETS))
def test_every_spec_passes_plotly_validation(tiny, filter_set, lang) -> None:
    for name, fig in _figures(tiny, FILTER_SETS[filter_set], lang).items():
        spec = fig.to_dict()
        try:
            checked = go.Figure(spec)  # validates every property; raises on an unknown or ill-typed one
        except ValueError as exc:  # pragma: no cover - the message is the point
            pytest.fail(f"{name} ({filter_set}, {lang}): invalid plotly spec: {exc}")
        assert len(checked.data) == len(spec["data"]), name
        assert "template" in spec["layout"], f"{name}: the default template must still apply"


@pytest.mark.parametrize("rows", [1, 2, 3])
def test_participant_panels_match_make_subplots(rows) -> None:
    ref = make_subplots(
        rows=rows, cols=1, shared_xaxes=True, vertical_spacing=0.16, subplot_titles=[f"t{i}" for i in range(rows)]
    ).to_dict()["layout"]
    ours = charts.stacked_panels(rows)
    for i in range(1, rows + 1):
        suffix = "" if i == 1 else str(i)
        for axis in ("xaxis", "yaxis"):
            want = ref[axis + suffix]
            got = ours[axis + suffix]
            assert got.keys() == want.keys(), (axis, i)
            for key, value in want.items():
                if key == "domain":
                    assert got[key] == pytest.approx(value), (axis, i)
                else:
                    assert got[key] == value, (axis, i, key)
    assert ours["tops"] == pytest.approx([a["y"] for a in ref["annotations"]])


def test_participants_chart_keeps_one_axis_per_unit(tiny) -> None:
    fig = charts.participants_by_year(q.by_year(tiny, Filters()), "en")
    spec = fig.to_dict()
    assert [tr["yaxis"] for tr in spec["data"]] == ["y", "y2", "y3"]
    for axis in ("yaxis", "yaxis2", "yaxis3"):
        assert spec["layout"][axis]["tickformat"] == "~s"
        assert spec["layout"][axis]["separatethousands"] is True
    assert spec["layout"]["xaxis3"]["title"]["text"]  # the year title sits under the bottom panel only
    assert "title" not in spec["layout"]["xaxis"]
    assert [a["text"] for a in spec["layout"]["annotations"]] == [tr["name"] for tr in spec["data"]]


def test_missing_values_stay_gaps_not_zeros(tiny) -> None:
    df = q.by_year(tiny, Filters())
    df.loc[df.index[0], "activities"] = None
    spec = charts.activities_by_year(df, "zh").to_dict()
    assert spec["data"][0]["y"][0] is None


def _grid(districts: int, years: int):
    import pandas as pd

    rows = [
        (f"{310100 + d:06d}", f"区{d}", f"D{d}", 2015 + y, 10 * d + y) for d in range(districts) for y in range(years)
    ]
    return pd.DataFrame(rows, columns=["adcode", "name_zh", "name_en", "year", "activities"])


@pytest.mark.parametrize(
    ("districts", "years", "labelled"),
    [
        (16, 11, True),  # a city: every cell keeps its count
        (30, 6, True),  # national top 30 over a few years: 180 cells
        (30, 7, False),  # 210 cells: colour and hover only
        (30, 11, False),  # national top 30 over all years
        (1, 1, True),
    ],
)
def test_heatmap_labels_cells_only_when_few(districts, years, labelled) -> None:
    trace = charts.district_year_heatmap(_grid(districts, years), "zh").to_dict()["data"][0]
    assert ("texttemplate" in trace) is labelled
    assert len(trace["customdata"]) == districts  # the hover names every cell either way
    if labelled:
        assert trace["text"][0][0] == "0" and trace["text"][-1][-1] == f"{10 * (districts - 1) + years - 1:,}"


def test_heatmap_smallest_count_is_not_drawn_like_an_empty_cell() -> None:
    """Screenshot review (issue 14): on the national heatmap, provinces with 1-2 activities were drawn
    near-white, like the empty cells the title calls 未报送. The smallest count takes the map's lightest
    data colour, clearly apart from white."""
    from plotly.colors import hex_to_rgb, unlabel_rgb

    trace = charts.district_year_heatmap(_grid(3, 2), "zh").to_dict()["data"][0]
    low = trace["colorscale"][0][1]
    rgb = unlabel_rgb(low) if low.startswith("rgb") else hex_to_rgb(low)
    assert low == geo.DATA_COLORSCALE[0][1]
    assert min(rgb) <= 215, low  # a visible pale blue (Blues starts at rgb(247, 251, 255), near-white)
    colours, _lo, _hi = geo.value_colors([1.0, 50.0])
    assert colours[0] == low  # the same lightest colour as the map's smallest count


def test_chinese_axes_write_numbers_out_with_separators() -> None:
    """Screenshot review (issue 14): the Chinese participants panels read "400k", "1k" (an English
    abbreviation) and the ranking axis "2000 4000 6000" without separators."""
    years = pd.DataFrame(
        {
            "year": [2022, 2023],
            "people": [400_000.0, 300_000.0],
            "people_q": ["exact", "exact"],
            "person_times": [None, None],
            "person_times_q": [None, None],
            "organizations": [1_000.0, 1_200.0],
            "organizations_q": ["exact", "exact"],
        }
    )
    zh = charts.participants_by_year(years, "zh").to_plotly_json()["layout"]
    en = charts.participants_by_year(years, "en").to_plotly_json()["layout"]
    assert {zh[k]["tickformat"] for k in zh if k.startswith("yaxis")} == {",~r"}
    assert {en[k]["tickformat"] for k in en if k.startswith("yaxis")} == {"~s"}
    ranking = pd.DataFrame(
        {
            "adcode": ["310101", "310104"],
            "name_zh": ["黄浦区", "徐汇区"],
            "name_en": ["Huangpu", "Xuhui"],
            "activities": [6_000.0, 10.0],
        }
    )
    assert charts.district_ranking(ranking, "zh").to_plotly_json()["layout"]["xaxis"]["separatethousands"] is True
    # the breakdown bars' axis (0 500 1000 1500) and the colour bars of the map and heatmap (6000) too
    breakdown = pd.DataFrame({"code": ["manufacturing", "food"], "activities": [1_522, 442], "share": [0.78, 0.22]})
    assert charts.breakdown_bars(breakdown, "industry", "zh").to_plotly_json()["layout"]["xaxis"]["separatethousands"]
    heat = charts.district_year_heatmap(_grid(2, 2), "zh").to_plotly_json()["data"][0]
    assert heat["colorbar"]["separatethousands"] is True
