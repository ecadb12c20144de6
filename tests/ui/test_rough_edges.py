"""Issue 14, rough edges 2, 4, 5 and 12 (and those of session 13's user walk), each pinned through the real dashboard (AppTest) or its figures.

The warehouse is `built_db` (the real ETL over tests/fixtures/tabular/set: 2021-2024, no demo rows).
"""

from __future__ import annotations

import math
import tomllib
from pathlib import Path

import plotly.io as pio
import pytest
from streamlit.testing.v1 import AppTest

from analytics import charts
from analytics import queries as q
from analytics.db import Warehouse
from analytics.filters import Filters
from etl.upload import MAX_UPLOAD_BYTES
from tests.ui.cards import cards
from ui.sidebar import ONE_YEAR_CSS

ROOT = Path(__file__).resolve().parents[2]
DASHBOARD = str(ROOT / "dashboard.py")


def _app(db: Path, monkeypatch, page: str | None = None, params: dict | None = None) -> AppTest:
    monkeypatch.setenv("QM_DB", str(db))
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    for k, v in (params or {}).items():
        at.query_params[k] = v
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _laid_out(fig) -> dict:
    """The figure as plotly.js receives it, with plotly's own defaults filled in (full_figure_for_development
    needs kaleido; the axis *type* is what matters and is explicit in the spec)."""
    return fig.to_plotly_json()["layout"]


# -- 4: one year selected ---------------------------------------------------------------------------------


def test_one_year_axis_is_a_category_not_2021_6(built_db) -> None:
    """With one year the year axis was linear: plotly labelled it 2,021.6 ... 2,022.4."""
    wh = Warehouse(built_db)
    years = q.by_year(wh, Filters(years=(2022,)))
    assert len(years) == 1
    for fig in (charts.activities_by_year(years, "zh"), charts.participants_by_year(years, "zh")):
        layout = _laid_out(fig)
        x_axes = [v for k, v in layout.items() if k.startswith("xaxis")]
        assert x_axes and all(a.get("type") == "category" for a in x_axes), x_axes
        assert "2022" in pio.to_json(fig)


def test_one_year_slider_shows_the_year_once(built_db, monkeypatch) -> None:
    """Both handles of the year slider on 2022 used to read "2022 2022"; the second label is hidden."""
    at = _app(built_db, monkeypatch, params={"year": "2022"})
    assert at.slider[0].value == (2022, 2022)
    assert any(ONE_YEAR_CSS in h.proto.body for h in at.get("html")), "one-year slider style not drawn"
    # a range keeps both labels
    at = _app(built_db, monkeypatch, params={"year": ["2022", "2023"]})
    assert not any(ONE_YEAR_CSS in h.proto.body for h in at.get("html"))


# -- 5: no data on the Districts page ---------------------------------------------------------------------


def test_districts_without_data_says_so_and_draws_no_empty_charts(built_db, monkeypatch) -> None:
    # service_consultation only occurs in 2023: 2021 has no such record.
    at = _app(built_db, monkeypatch, "app_pages/districts.py", params={"year": "2021", "type": "service_consultation"})
    assert [w.value for w in at.warning] == ["当前筛选条件下没有记录。"]
    assert len(at.get("plotly_chart")) == 0


# -- 12: KPI with no change, one selected district --------------------------------------------------------


def test_kpi_without_change_is_a_neutral_zero(make_db, tmp_path, monkeypatch) -> None:
    """A KPI whose latest year equals the year before showed a green "↑ +0.0%"."""
    src = tmp_path / "flat.csv"
    src.write_text(
        "区,日期,活动名称,主办单位,参与人数\n徐汇区,2022-09-01,甲,徐汇区局,10\n浦东新区,2022-09-02,乙,浦东局,10\n"
        "徐汇区,2023-09-01,丙,徐汇区局,12\n浦东新区,2023-09-02,丁,浦东局,10\n",
        encoding="utf-8",
    )
    db = make_db(tmp_path / "db", [src])
    at = _app(db, monkeypatch)
    metrics = cards(at)
    flat = [m for m in metrics.values() if m.label in ("活动数", "有活动的区", "主办单位")]
    assert len(flat) == 3
    for card in flat:  # 2 activities, 2 districts and 2 organisers in both years: grey, no arrow
        assert card.delta == "0%" and card.direction == "flat", card
    assert "qm-chip qm-flat" in next(h.proto.body for h in at.get("html") if "stMetric" in h.proto.body)
    people = metrics["参与规模 · 人"]
    assert people.delta == "+10.0%" and people.direction == "up"


def test_one_district_ranking_is_one_bar_of_normal_thickness(built_db) -> None:
    wh = Warehouse(built_db)
    one = q.by_district(wh, Filters(districts=("310104",)))
    assert len(one) == 1
    all_ = q.by_district(wh, Filters())
    h1 = charts.district_ranking(one, "zh").layout.height
    hn = charts.district_ranking(all_, "zh").layout.height
    # pixels per bar row: the same for one district as for many (was 320 px for the single bar)
    assert h1 <= 160 and abs((h1 - 110) / len(one) - (hn - 110) / len(all_)) < 1


# -- 2: one upload limit ------------------------------------------------------------------------------------


def test_upload_limit_has_one_source(built_db, monkeypatch) -> None:
    """The page, the widget and the server agree with QM_UPLOAD_MAX_BYTES (the widget said 1 MB, the page 25)."""
    at = _app(built_db, monkeypatch, "app_pages/upload.py")
    mb = math.ceil(MAX_UPLOAD_BYTES / (1024 * 1024))
    uploader = at.get("file_uploader")[0].proto
    assert uploader.max_upload_size_mb == mb
    assert any(f"不超过 {mb} MB" in c.value for c in at.caption)
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    server_mb = config.get("server", {}).get("maxUploadSize", 200)  # Streamlit's default
    assert server_mb >= mb, "the server would refuse files the page accepts"


# -- session 13, the product walked as its users: the Reporting & briefing page -------------------------------


@pytest.mark.parametrize(
    ("lang", "right", "wrong"),
    [("zh", "所有行业均已报送。", "所有区均已报送。"), ("en", "Every industry reported.", "Every district reported.")],
)
def test_briefing_page_says_every_industry_not_every_district(built_db, monkeypatch, lang, right, wrong) -> None:
    """The industry list's "all reported" line named the map's regions: 所有省份均已报送 under 各行业企业报送情况.
    (2023's one manufacturing activity is an enterprise's, so with that industry picked every industry reported.)"""
    params = {"year": "2023", "region": "310000", "industry": "manufacturing"} | (
        {"lang": "en"} if lang == "en" else {}
    )
    at = _app(built_db, monkeypatch, "app_pages/briefing.py", params)
    texts = [m.value for m in at.markdown]
    assert right in texts, texts
    assert wrong not in texts


def test_briefing_page_of_an_empty_selection_says_there_is_no_record(built_db, monkeypatch) -> None:
    """A selection with no record said 所选范围内没有注明年份的活动 (as if its records lacked a year)."""
    at = _app(built_db, monkeypatch, "app_pages/briefing.py", params={"year": "2021", "type": "service_consultation"})
    assert [w.value for w in at.warning] == ["当前筛选条件下没有记录。"]


def test_kpi_change_names_the_latest_years_own_figure(make_db, tmp_path, monkeypatch) -> None:
    """A card's value is the selection's total (2022-2023: 3 activities) while its change is 2023 against
    2022: the description said only "2023 较 2022", which reads as "2023 had 3". It names 2023's own figure."""
    src = tmp_path / "two-years.csv"
    src.write_text(
        "区,日期,活动名称,主办单位,参与人数\n徐汇区,2022-09-01,甲,徐汇区局,10\n"
        "徐汇区,2023-09-01,丙,徐汇区局,12\n浦东新区,2023-09-02,丁,浦东局,30\n",
        encoding="utf-8",
    )
    db = make_db(tmp_path / "db", [src])
    metrics = cards(_app(db, monkeypatch))
    acts = metrics["活动数"]
    assert (acts.value, acts.delta, acts.description) == ("3", "+100.0%", "2023 年 2，较 2022 年")
    people = metrics["参与规模 · 人"]
    assert (people.value, people.description) == ("52", "2023 年 42，较 2022 年")
    # one year selected: the total is that year's figure, and the description stays short
    metrics = cards(_app(db, monkeypatch, params={"year": "2023"}))
    assert metrics["活动数"].value == "2" and not metrics["活动数"].description.startswith("2023 年 2")


# -- audit16: one year picked, the breakdown pages' year-on-year -------------------------------------------


@pytest.mark.parametrize(
    ("page", "column"), [("app_pages/industries.py", "industry"), ("app_pages/activity_types.py", "activity_type")]
)
def test_one_year_picked_still_gets_its_year_on_year(built_db, monkeypatch, page: str, column: str) -> None:
    """With one year picked the heading said 同比（2023 较 2022） over 同比需要至少两个年份的数据, while the
    Overview's cards and the briefing compared that year with the one before: the same comparison here."""
    at = _app(built_db, monkeypatch, page, params={"year": "2023"})
    assert "同比需要至少两个年份的数据。" not in [i.value for i in at.info]
    charts_drawn = [c.proto.spec for c in at.get("plotly_chart")]
    assert len(charts_drawn) == 3, "breakdown, year-on-year and trend"
    wh = Warehouse(built_db)
    expected, latest = q.yoy_of(q.breakdown_by_year(wh, Filters(years=(2022, 2023)), column), column)
    assert latest == 2023 and int(expected["previous"].sum()) > 0
    # the chart is fed the two years' counts of each code (its labels: 2023 年 n 项，2022 年 m 项)
    drawn = pio.from_json(charts_drawn[1]).data[0]
    assert sorted(drawn.customdata) == sorted(charts.yoy_bars(expected, column, 2023, "zh").data[0].customdata)


# -- audit17: a link asking for what the data does not hold ------------------------------------------------


@pytest.mark.parametrize(
    ("params", "said"),
    [
        ({"year": "2030"}, "年份“2030”"),  # no such year: every year was shown without a word
        ({"year": "2021,2024"}, "年份“2021,2024”"),  # a gap: the slider shows 2021–2024
        ({"region": "999999", "industry": "manufacturing,nosuch"}, "地区代码“999999”；行业“nosuch”"),
    ],
)
def test_a_link_asking_for_what_the_data_does_not_hold_says_so(built_db, monkeypatch, params, said) -> None:
    """`?year=2030` opened on every year, `?region=999999` on the whole country, and the page said nothing: a
    shared link's reader took the figures for what the link named."""
    at = _app(built_db, monkeypatch, params=params)
    warnings = [w.value for w in at.warning]
    assert any(said in w and w.startswith("链接中的部分筛选条件") for w in warnings), warnings
    # while the selection the link opened on stands: changing it (here: clear every filter) drops the note
    at.button(key="flt_reset").click().run()
    assert not [w.value for w in at.warning if w.value.startswith("链接中的部分筛选条件")]


def test_a_link_the_data_holds_says_nothing(built_db, monkeypatch) -> None:
    wh = Warehouse(built_db)
    district = wh.query("SELECT any_value(district_adcode) FROM activities WHERE district_adcode IS NOT NULL").iat[0, 0]
    province = district[:2] + "0000"
    city = district[:4] + "00"  # Shanghai's one city: picked as 上海市, the place it stands for
    for params in (
        {"year": "2022"},
        {"year": "2021-2024", "region": district, "demo": "0"},
        {"region": province},
        {"region": city},
        {"district": district},
    ):
        at = _app(built_db, monkeypatch, params=params)
        assert not [w.value for w in at.warning if w.value.startswith("链接中的部分筛选条件")], params


def test_kpi_cards_of_several_years_say_the_figures_are_their_total(make_db, tmp_path, monkeypatch) -> None:
    """The big number was the whole period's and its change the latest year's against the year before: at a glance
    +100.0% sat under a total of several years. A line above the cards names the years the figures add up
    (audit17 #12); one year picked has none."""
    src = tmp_path / "years.csv"
    rows = "区,日期,活动名称,主办单位\n徐汇区,2021-09-01,甲,徐汇区局\n徐汇区,2023-09-01,丙,徐汇区局\n浦东新区,2023-09-02,丁,浦东局\n"
    src.write_text(rows, encoding="utf-8")
    db = make_db(tmp_path / "db", [src])

    def lines(at) -> list[str]:
        return [m.value for m in at.markdown if "卡片数值" in m.value or "Figures are" in m.value]

    # 2021 and 2023 hold records (2022 none: no change to show); every year from the first is named
    assert lines(_app(db, monkeypatch)) == [":small[:gray[卡片数值为 2021–2023 年合计]]"]
    assert lines(_app(db, monkeypatch, params={"lang": "en"})) == [":small[:gray[Figures are 2021–2023 totals]]"]
    assert lines(_app(db, monkeypatch, params={"year": "2023"})) == []
    # with a change to show, the line says what it compares
    src.write_text(rows + "徐汇区,2022-09-03,乙,徐汇区局\n", encoding="utf-8")
    db = make_db(tmp_path / "db2", [src])
    assert lines(_app(db, monkeypatch)) == [":small[:gray[卡片数值为 2021–2023 年合计；升降为 2023 年较 2022 年]]"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_view_whose_records_name_no_child_draws_no_empty_heatmap(make_db, tmp_path, monkeypatch, lang) -> None:
    """山东省's records name the province only: its Regions page drew the city × year heatmap as an empty chart with
    axes -1…6 and -1…4 (audit18). It says there is no such figure; the ranking still lists the cities 未报送."""
    src = tmp_path / "sd.csv"
    src.write_text(
        "区,日期,活动名称\n山东省,2024-09-01,甲\n山东省,2024-09-02,乙\n徐汇区,2024-09-03,丙\n", encoding="utf-8"
    )
    db = make_db(tmp_path / "db", [src])
    params = {"region": "370000"} | ({"lang": "en"} if lang == "en" else {})
    at = _app(db, monkeypatch, "app_pages/districts.py", params)
    said = {
        "zh": "所选范围内各市均无活动记录，没有市 × 年份数据。",
        "en": "No city holds an activity in this selection",
    }
    assert any(said[lang] in i.value for i in at.info), [i.value for i in at.info]
    keys = [c.proto.id for c in at.get("plotly_chart")]
    assert len(keys) == 2, "the map and the ranking, no heatmap"
