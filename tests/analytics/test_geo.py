"""The offline map: scatter polygons only, 16 districts, hatched not-reported, clickable centroids."""

from __future__ import annotations

import json

import pytest

from analytics import charts, geo
from analytics import queries as q
from analytics.db import Warehouse
from analytics.filters import Filters


@pytest.fixture(scope="module")
def tiny(tiny_db) -> Warehouse:
    return Warehouse(tiny_db)


@pytest.mark.parametrize("metric", geo.METRICS)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_map_is_offline_and_complete(tiny, metric, lang) -> None:
    fig = geo.district_map(q.boundaries(tiny), q.by_district(tiny, Filters()), metric, lang, selected=["310104"])
    spec = json.loads(fig.to_json())
    assert {t["type"] for t in spec["data"]} == {"scatter"}  # no geo / map / mapbox traces
    assert "geo" not in spec["layout"] and "mapbox" not in spec["layout"] and "map" not in spec["layout"]
    polygons = [t for t in spec["data"] if t.get("fill") == "toself"]
    assert len(polygons) == 16
    hatched = [t for t in polygons if t.get("fillpattern", {}).get("shape") == "/"]
    not_reported = {"zh": "未报送", "en": "not reported"}[lang]
    assert hatched and all(not_reported in t["text"] for t in hatched)
    markers = spec["data"][-2]  # the names are drawn over the dots
    assert spec["data"][-1]["mode"] == "text" and spec["data"][-1]["hoverinfo"] == "skip"  # takes no clicks
    assert sorted(markers["customdata"]) == sorted(q.boundaries(tiny)["adcode"])
    assert spec["layout"]["yaxis"]["scaleanchor"] == "x"


def test_map_hover_has_qualified_figures(tiny) -> None:
    fig = geo.district_map(q.boundaries(tiny), q.by_district(tiny, Filters(years=(2023,))), "people", "zh")
    polygons = {t.text.split("</b>")[0].removeprefix("<b>"): t for t in fig.data if t.fill == "toself"}
    xuhui, pudong = polygons["徐汇区"], polygons["浦东新区"]
    assert "≥ 1,000" in xuhui.text and "300" in xuhui.text and xuhui.fillpattern.shape is None
    # 浦东 has nothing in 2023: hatched, and its hover says so
    assert pudong.fillpattern.shape == "/" and "未报送" in pudong.text


@pytest.mark.parametrize(
    "selection, expected",
    [
        (None, []),
        ({"points": []}, []),
        ({"points": [{"customdata": "310104"}]}, ["310104"]),
        ({"points": [{"customdata": ["310115"]}, {"customdata": "310115"}]}, ["310115"]),
        ({"points": [{"customdata": "999999"}, {"customdata": "'; DROP"}, {"x": 1}]}, []),
    ],
)
def test_clicked_adcodes(selection, expected) -> None:
    assert geo.clicked_adcodes(selection, ["310104", "310115"]) == expected


def test_polygon_xy_multipolygon() -> None:
    gj = {
        "type": "MultiPolygon",
        "coordinates": [[[[0, 0], [1, 0], [1, 1], [0, 0]]], [[[2, 2], [3, 2], [3, 3], [2, 2]]]],
    }
    xs, ys = geo.polygon_xy(gj)
    assert xs.count(None) == 1 and len(xs) == 9
    with pytest.raises(ValueError):
        geo.polygon_xy({"type": "Point", "coordinates": [0, 0]})


def test_heatmap_leaves_not_reported_empty(tiny) -> None:
    fig = charts.district_year_heatmap(q.district_year(tiny, Filters()), "zh")
    z = fig.data[0].z
    flat = [v for row in z for v in row]
    assert any(v != v for v in flat)  # NaN gaps
    assert 0 not in flat


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_all_charts_build(tiny, lang) -> None:
    f = Filters()
    charts.activities_by_year(q.by_year(tiny, f), lang).to_json()
    charts.participants_by_year(q.by_year(tiny, f), lang).to_json()
    charts.activities_by_month(q.by_month(tiny, f), lang).to_json()
    rank = charts.district_ranking(q.by_district(tiny, f), lang, "people")
    assert any("未报送" in (t.text or [""])[0] or "not reported" in (t.text or [""])[0] for t in rank.data[1:])
    for col in ("industry", "activity_type"):
        charts.breakdown_bars(q.breakdown(tiny, f, col), col, lang).to_json()
        frame, latest = q.breakdown_yoy(tiny, f, col)
        charts.yoy_bars(frame, col, latest, lang).to_json()
        charts.breakdown_trend(q.breakdown_by_year(tiny, f, col), col, lang).to_json()


def test_islets_under_a_pixel_of_the_view_are_left_out() -> None:
    # One region: a main island 1 degree wide, an islet 0.01 degree wide, and a second island 0.3 wide.
    def square(x: float, y: float, size: float) -> list:
        return [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]]

    gj = json.dumps({"type": "MultiPolygon", "coordinates": [square(0, 0, 1), square(2, 0, 0.01), square(3, 0, 0.3)]})
    xs, ys = geo.visible_xy(gj, 0.05)  # one pixel = 0.05 degree: the islet goes, both islands stay
    assert [x for x in xs if x is not None] == [0, 1, 1, 0, 0, 3, 3.3, 3.3, 3, 3]
    assert xs.count(None) == 1 and len(xs) == len(ys)
    xs, _ys = geo.visible_xy(gj, 0.005)  # zoomed in: the islet is two pixels wide and is drawn
    assert xs.count(None) == 2 and 2.01 in xs
    # A region made only of islets keeps its largest, so it can still be seen, hovered and clicked.
    tiny = json.dumps({"type": "MultiPolygon", "coordinates": [square(0, 0, 0.001), square(1, 0, 0.002)]})
    xs, _ys = geo.visible_xy(tiny, 0.05)
    assert xs == (1, 1.002, 1.002, 1, 1)


def test_map_leaves_out_an_islet_under_a_pixel(tiny) -> None:
    boundaries = q.boundaries(tiny).copy()
    row = boundaries.index[boundaries["adcode"] == "310115"][0]  # 浦东新区 gets an islet 0.0005 degree wide
    geometry = json.loads(boundaries.at[row, "geojson"])
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    x, y = 121.9, 31.0
    islet = [[[x, y], [x + 0.0005, y], [x + 0.0005, y + 0.0005], [x, y + 0.0005], [x, y]]]
    boundaries.at[row, "geojson"] = json.dumps({"type": "MultiPolygon", "coordinates": [*polygons, islet]})
    fig = geo.district_map(boundaries, q.by_district(tiny, Filters()))
    pudong = next(t for t in fig.data if t.fill == "toself" and "浦东新区" in t.text)
    assert x + 0.0005 not in pudong.x  # under a pixel of the Shanghai view (~0.0015 degree): not drawn
    assert len(pudong.x) == len(geo.polygon_xy(json.dumps({"type": "MultiPolygon", "coordinates": polygons}))[0])


def test_labels_are_placed_once_per_view_not_per_filter_change(tiny) -> None:
    # Where the names go depends on the view (dots, names, ranges), not on the figures: a filter
    # change redraws the same view with the placement it already has, and the labels are the same.
    boundaries = q.boundaries(tiny)
    geo.view_label_positions.cache_clear()
    first = geo.district_map(boundaries, q.by_district(tiny, Filters()))
    placed = geo.view_label_positions.cache_info()
    second = geo.district_map(boundaries, q.by_district(tiny, Filters(years=(2023,))), "people")
    after = geo.view_label_positions.cache_info()
    assert (placed.misses, after.misses, after.hits - placed.hits) == (1, 1, 1)
    names = [next(t for t in fig.data if t.mode == "text") for fig in (first, second)]
    assert (names[0].x, names[0].y, names[0].text) == (names[1].x, names[1].y, names[1].text)
    assert len(names[0].text) == 16  # the view has labels at all


def test_map_dots_are_sized_by_the_figures(tiny) -> None:
    """audit16 #14: on the national view one region held 6,085 of 6,094 activities yet was a few pixels,
    so the coloured areas pointed at regions with one record. Each dot's area now follows its figure."""
    boundaries = q.boundaries(tiny)
    codes = boundaries["adcode"].tolist()
    counts = {codes[0]: 6085, codes[1]: 1000, codes[2]: 4, codes[3]: 1}  # the rest not reported
    figures = boundaries[["adcode"]].assign(activities=[counts.get(c) for c in codes])
    for metric_figures, metric in (
        (figures, "activities"),
        (figures.rename(columns={"activities": "people"}), "people"),
    ):
        spec = json.loads(geo.district_map(boundaries, metric_figures, metric, "zh").to_json())
        dots = spec["data"][-2]
        size = dict(zip(dots["customdata"], dots["marker"]["size"], strict=True))
        assert size[codes[0]] == geo.DOT_MAX  # the largest figure has the largest dot
        # area proportional to the figure: 1000 / 6085 of the largest dot's area
        assert size[codes[1]] ** 2 / size[codes[0]] ** 2 == pytest.approx(1000 / 6085)
        # too small to see in proportion: the minimum, still larger than a region with nothing
        assert size[codes[2]] == size[codes[3]] == geo.DOT_MIN
        assert all(size[c] == geo.DOT_NOT_REPORTED < geo.DOT_MIN for c in codes[4:])
        assert "6,085" in dots["hovertext"][0] or metric != "activities"


def test_dot_sizes_of_no_figures_are_all_the_small_dot() -> None:
    assert geo.dot_sizes([None, float("nan"), 0]) == [geo.DOT_NOT_REPORTED] * 3
    assert geo.dot_sizes([]) == []


def test_taiwan_hong_kong_and_macao_are_drawn_but_never_called_not_reported(built_db) -> None:
    """The national map hatched 台湾、香港、澳门 as 未报送, the ranking listed 台湾省 未报送 and the heatmap gave them
    blank (= 未报送) rows: they are not expected to report (the Reporting page and the briefing agree)."""
    wh = Warehouse(built_db)  # the real ETL over the fixture set: regions of the whole country
    boundaries = q.view_boundaries(wh, None)
    children = q.view_figures(wh, Filters(), None).children
    assert {"710000", "810000", "820000"} <= set(boundaries["adcode"]) and children["activities"].isna().any()
    fig = geo.district_map(boundaries, children, "activities", "zh")
    polygons = {t.text.split("</b>")[0].removeprefix("<b>"): t for t in fig.data if t.fill == "toself"}
    assert polygons["台湾省"].text == "<b>台湾省</b>" and polygons["台湾省"].fillpattern.shape is None
    assert "未报送" in polygons["河北省"].text and polygons["河北省"].fillpattern.shape == "/"
    ranked = charts.district_ranking(children, "zh")
    named = [y for trace in ranked.data for y in trace.y]
    assert "台湾省" not in named and "香港特别行政区" not in named and "河北省" in named
    heat = charts.district_year_heatmap(q.view_years(wh, Filters(), None), "zh")
    assert "台湾省" not in heat.data[0].y and "河北省" in heat.data[0].y
