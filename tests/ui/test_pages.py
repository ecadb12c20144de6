"""Streamlit AppTest of every page: renders without exceptions, filters drive figures, URL, English."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from access.audit import AuditLog
from analytics.db import Warehouse
from analytics.filters import Filters
from analytics.i18n import col, t
from analytics.queries import kpis
from tests.analytics.conftest import build_tiny_db
from tests.ui.cards import cards as kpi_cards
from tests.ui.cards import headings

DASHBOARD = str(Path(__file__).resolve().parents[2] / "dashboard.py")
PAGES = {
    "app_pages/overview.py": ("概览", "Overview"),
    "app_pages/districts.py": ("地区", "Regions"),
    "app_pages/industries.py": ("行业", "Industries"),
    "app_pages/activity_types.py": ("活动类型", "Activity types"),
    "app_pages/records.py": ("明细", "Records"),
    "app_pages/data_status.py": ("数据状态", "Data status"),
    "app_pages/briefing.py": ("报送与简报", "Reporting & briefing"),
}


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


def _metric(at: AppTest, label: str) -> str:
    return kpi_cards(at)[label].value


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_renders(app_db, monkeypatch, page, lang) -> None:
    at = _app(app_db, monkeypatch, page, params={"lang": lang} if lang == "en" else None)
    title = PAGES[page][1 if lang == "en" else 0]
    assert title in headings(at, 2)
    assert not at.error
    # Headings are html elements (ui.components.heading), without Streamlit's anchor link; the few st.subheader
    # left (a heading with a help tooltip) carry none either.
    assert headings(at, 1) and not at.title and not at.header
    assert all(h.proto.hide_anchor for h in at.subheader), [h.value for h in at.subheader if not h.proto.hide_anchor]
    if page == "app_pages/overview.py":
        assert len(kpi_cards(at)) == 6
        assert len(at.get("plotly_chart")) == 3
    elif page == "app_pages/districts.py":
        assert len(at.get("plotly_chart")) == 3
    elif page in ("app_pages/industries.py", "app_pages/activity_types.py"):
        assert len(at.get("plotly_chart")) >= 2
    elif page == "app_pages/records.py":
        assert len(at.dataframe) == 1 and len(at.download_button) == 3
    elif page == "app_pages/data_status.py":
        assert len(at.dataframe) >= 3
    elif page == "app_pages/briefing.py":
        # regions, industries, same period; the two briefing downloads
        assert len(at.dataframe) == 3 and len(at.download_button) == 2


def test_filter_change_changes_kpi_and_url(app_db, monkeypatch) -> None:
    at = _app(app_db, monkeypatch)
    wh = Warehouse(app_db)
    before = _metric(at, "活动数")
    assert before == f"{kpis(wh, Filters()).total.activities:,}"
    district, city, province = wh.rows(
        "SELECT district_adcode, any_value(city_adcode), any_value(province_adcode) FROM activities "
        "WHERE district_adcode IS NOT NULL GROUP BY 1 ORDER BY count(*) LIMIT 1"
    )[0]
    # the place picker: a province first (34 options, not 2,840 districts), then its counties
    picker = at.selectbox(key="flt_province")
    assert len(picker.options) == 34
    picker.set_value(province).run()
    assert not at.exception
    assert _metric(at, "活动数") == f"{kpis(wh, Filters(districts=(province,))).total.activities:,}"
    assert at.query_params["region"] == province
    if any(s.key == "flt_city" for s in at.selectbox):
        at.selectbox(key="flt_city").set_value(city).run()
    at.multiselect(key="flt_districts").set_value([district]).run()
    assert not at.exception
    after = _metric(at, "活动数")
    assert after == f"{kpis(wh, Filters(districts=(district,))).total.activities:,}" and after != before
    assert at.query_params["region"] == district


@pytest.fixture
def two_provinces_db(make_db, tmp_path) -> Path:
    """A warehouse with records in Shanghai (徐汇区) and Shandong (济南市历下区): the country is the default view."""
    src = tmp_path / "two.csv"
    src.write_text(
        "区,日期,活动名称,主办单位,参与人数\n徐汇区,2023-09-01,甲,徐汇区局,10\n济南市历下区,2023-09-02,乙,历下区局,20\n",
        encoding="utf-8",
    )
    return make_db(tmp_path / "db", [src])


def test_overview_cards_are_three_elements(app_db, monkeypatch) -> None:
    """Six KPI cards were six st.metric elements in two containers (four Markdown renders each, redrawn on every
    filter change): now each row is one html element, with the participants' heading between them."""
    at = _app(app_db, monkeypatch)
    assert not at.metric
    rows = [h.proto.body for h in at.get("html") if 'data-testid="stMetric"' in h.proto.body]
    assert len(rows) == 2 and [body.count('class="qm-card"') for body in rows] == [3, 3]
    assert list(kpi_cards(at))[:3] == [t("kpi_activities", "zh"), "有活动的区县", t("kpi_organizers", "zh")]
    assert any(t("participants_by_unit", "zh") in m.value for m in at.markdown)


@pytest.mark.parametrize(
    ("region", "title", "other"),
    [
        (None, "有活动的区县", "有活动的区"),
        ("370000", "有活动的区县", "有活动的区"),
        ("310000", "有活动的区", "有活动的区县"),
    ],
)
def test_active_places_card_names_the_level(two_provinces_db, monkeypatch, region, title, other) -> None:
    """issue 14: the card counts county-level places; outside Shanghai's districts they are 区县, not 区."""
    at = _app(two_provinces_db, monkeypatch, params={"region": region} if region else None)
    cards = list(kpi_cards(at))
    assert title in cards and other not in cards, cards


def test_demo_toggle_and_banner(tmp_path, monkeypatch) -> None:
    # built_db has no demo rows, so this one uses the hand-made db that has some
    db = build_tiny_db(tmp_path / "quality.duckdb")
    at = _app(db, monkeypatch)
    assert any("包含演示数据" in i.value for i in at.info)
    with_demo = _metric(at, "活动数")
    at.toggle(key="flt_demo").set_value(False).run()
    assert not at.exception
    assert at.query_params["demo"] == "0"
    assert not any("包含演示数据" in i.value for i in at.info)
    assert (
        _metric(at, "活动数") == f"{kpis(Warehouse(db), Filters(include_demo=False)).total.activities:,}" != with_demo
    )


def test_url_restores_view_and_drops_hostile_values(app_db, monkeypatch) -> None:
    wh = Warehouse(app_db)
    district = wh.rows("SELECT min(district_adcode) FROM activities")[0][0]
    at = _app(
        app_db,
        monkeypatch,
        params={
            "district": f"{district},'; DROP TABLE activities; --,999999",
            "year": "abc",
            "type": "<script>",
            "q": "x" * 5000,
            "lang": "en",
        },
    )
    assert at.multiselect(key="flt_districts").value == [district]
    assert _metric(at, "Activities") == f"{kpis(wh, Filters(districts=(district,))).total.activities:,}"
    assert wh.rows("SELECT count(*) FROM activities")[0][0] > 0


def test_english_switch(app_db, monkeypatch) -> None:
    at = _app(app_db, monkeypatch)
    assert "概览" in headings(at, 2)
    at.segmented_control(key="flt_lang").set_value("en").run()
    assert not at.exception
    assert "Overview" in headings(at, 2)
    assert "Activities" in kpi_cards(at)
    assert at.query_params["lang"] == "en"
    provinces = at.selectbox(key="flt_province")
    assert "Shanghai" in [provinces.format_func(o) for o in provinces.options]


def test_demo_banner(app_db, monkeypatch) -> None:
    at = _app(app_db, monkeypatch)
    has_demo = Warehouse(app_db).rows("SELECT bool_or(is_synthetic) FROM activities")[0][0]
    assert any("包含演示数据" in i.value for i in at.info) == bool(has_demo)


def test_records_search_and_paging(app_db, monkeypatch) -> None:
    at = _app(app_db, monkeypatch, "app_pages/records.py")
    total = Warehouse(app_db).rows("SELECT count(*) FROM activities")[0][0]
    assert len(at.dataframe[0].value) == min(total, 50)
    at.text_input(key="flt_search").set_value("no-such-text-anywhere-42").run()
    assert not at.exception
    assert len(at.dataframe[0].value) == 0
    assert all(b.proto.disabled for b in at.download_button)


@pytest.mark.parametrize("page", ["app_pages/overview.py", "app_pages/data_status.py", "app_pages/districts.py"])
def test_not_loaded_state(tmp_path, monkeypatch, page) -> None:
    at = _app(tmp_path / "missing.duckdb", monkeypatch, page)
    text = " ".join(e.value for e in at.error) + " ".join(c.value for c in at.code)
    assert "python -m etl run" in text or "python -m etl run" in " ".join(m.value for m in at.markdown + at.code)


@pytest.mark.parametrize("page", PAGES)
def test_rerun_keeps_sidebar(app_db, monkeypatch, page) -> None:
    """Regression: a url_path equal to a app_pages/ file stem made reruns skip dashboard.py (no sidebar)."""
    at = _app(app_db, monkeypatch, page)
    at.run()
    assert not at.exception
    assert at.selectbox(key="flt_province") is not None and at.toggle(key="flt_demo") is not None
    assert PAGES[page][0] in headings(at, 2)


def test_map_click_request_sets_district_filter(app_db, monkeypatch) -> None:
    wh = Warehouse(app_db)
    district = wh.rows("SELECT min(district_adcode) FROM activities")[0][0]
    at = _app(app_db, monkeypatch, "app_pages/districts.py")
    at.session_state["_flt_pending"] = {"flt_districts": [district]}  # what sidebar.request_districts stores
    at.run()
    assert not at.exception
    assert at.multiselect(key="flt_districts").value == [district]
    assert at.query_params["region"] == district
    # the breadcrumb leads back up: 全国 › <province> › <district>
    assert [b.label for b in at.button if (b.key or "").startswith("crumb_")][0] == "全国"


def test_data_status_in_chinese_has_local_time_and_no_raw_codes(app_db, monkeypatch) -> None:
    at = _app(app_db, monkeypatch, "app_pages/data_status.py")
    assert any("(UTC+8)" in m.value for m in at.markdown)
    frames = {df.proto.id: df.value for df in at.dataframe}
    assert frames
    for frame in frames.values():
        cells = {str(v) for v in frame.astype(str).to_numpy().ravel()}
        assert not cells & {"None", "success", "ok", "partial", "unreadable", "no_changes", "csv", "bulletin"}, cells
        assert not any(str(c).isascii() and str(c).islower() for c in frame.columns), list(frame.columns)


@pytest.mark.parametrize(("lang", "cards"), [("zh", ["真实", "演示"]), ("en", ["Real records", "Demo records"])])
def test_data_status_count_cards_are_named_as_records(app_db, monkeypatch, lang, cards) -> None:
    at = _app(app_db, monkeypatch, "app_pages/data_status.py", params={"lang": lang} if lang == "en" else None)
    assert [m.label for m in at.metric] == cards


def _widths(frame) -> dict:
    return {name: c.get("width") for name, c in json.loads(frame.proto.columns).items()}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_data_status_gives_long_values_the_room(app_db, tmp_path, monkeypatch, lang) -> None:
    """Run id, a reject's reason and an export's filters were cut at the right edge while a mostly empty
    message column took the room (audit13 row 18): the message column is narrow, the long ones wide."""
    monkeypatch.setenv("QM_AUDIT_DB", str(tmp_path / "audit.db"))
    AuditLog(str(tmp_path / "audit.db")).record(
        actor="local",
        role="admin",
        action="download",
        filters={"region": "310101", "demo": "0"},
        fmt="csv",
        row_count=18,
        file_name="quality-month-20261207T104240-2a01.csv",
    )
    at = _app(app_db, monkeypatch, "app_pages/data_status.py", params={"lang": lang} if lang == "en" else None)
    # each table told by a column of its own: runs by the run id, rejects by the reason, the audit log by filters
    runs, rejects, audit = (
        [_widths(f) for f in at.dataframe if col(name, lang) in f.value.columns]
        for name in ("run_id", "reason", "filters")
    )
    assert len(runs) == len(rejects) == len(audit) == 1, (runs, rejects, audit)
    runs, rejects, audit = runs[0], rejects[0], audit[0]
    px = {"small": 75, "medium": 200, "large": 400}  # Streamlit's named widths

    def width(widths: dict, name: str) -> int:
        value = widths.get(col(name, lang))
        assert value is not None, (name, widths)
        return px.get(value, value)

    assert width(runs, "run_id") >= 190 > width(runs, "message")
    assert width(rejects, "reason") > 400 and width(rejects, "reason") > width(rejects, "raw")
    assert width(audit, "filters") > 400 and width(audit, "file_name") >= 290


def test_records_excerpt_empty_not_none(app_db, monkeypatch) -> None:
    at = _app(app_db, monkeypatch, "app_pages/records.py")
    frame = at.dataframe[0].value
    assert "None" not in set(frame.astype(str).to_numpy().ravel())
    assert not any("/" in str(s) for s in frame["来源"]), "source shown as a path, not a file name"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_districts_leaf_without_records_says_so(app_db, monkeypatch, lang) -> None:
    """audit13 #13: a county picked that has no record is drawn among its siblings; the page says the
    selection itself has none (as Overview/Records do) above the siblings' map."""
    from analytics import queries as q

    wh = Warehouse(app_db)
    tree = q.region_tree(wh)
    counted = {r[0] for r in wh.rows("SELECT DISTINCT district_adcode FROM activities")}
    # a county without children and without records, one of whose siblings has records
    empty = next(
        c
        for d in sorted(counted - {None})
        if d in tree
        for c in tree.children(tree.regions[d].parent)
        if c not in counted and not tree.children(c)
    )
    name = tree.name(empty, lang)
    at = _app(app_db, monkeypatch, "app_pages/districts.py", params={"lang": lang} if lang == "en" else None)
    at.session_state["_flt_pending"] = {"flt_districts": [empty]}
    at.run()
    assert not at.exception and at.multiselect(key="flt_districts").value == [empty]
    no_rows = "当前筛选条件下没有记录。" if lang == "zh" else "No records match the current filters."
    sep = "：" if lang == "zh" else ": "
    assert f"{name}{sep}{no_rows}" in [i.value for i in at.info]
    assert len(at.get("plotly_chart")) == 3  # the siblings' map, ranking and heatmap stay

    # a county with records: no such line
    at.session_state["_flt_pending"] = {"flt_districts": [min(counted - {None})]}
    at.run()
    assert not [i.value for i in at.info if no_rows in i.value]


def _popover_labels(node) -> list[str]:
    out = []
    for child in getattr(node, "children", {}).values():
        proto = getattr(child, "proto", None)
        if type(proto).__name__ == "Block" and proto.WhichOneof("type") == "popover":
            out.append(proto.popover.label)
        out += _popover_labels(child)
    return out


def _display_width(text: str) -> int:
    """Width in half-width columns: a CJK or full-width character counts two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


@pytest.mark.parametrize(("lang", "budget"), [("zh", 22), ("en", 28)])
def test_filter_popover_label_fits_one_line(app_db, monkeypatch, lang, budget) -> None:
    """audit13 #15: the popover's label wrapped mid-word (`行业、类型等筛选（已选 3` / `项）`, 27 columns,
    at a 1400-px window). It reads `<names>（n）`; every value of every list picked, it stays within the
    widths seen on one line of its 240-px button in Chromium (`行业、类型等筛选（28）` 22 columns,
    `Industry, type and more (28)` 28 characters)."""
    at = _app(app_db, monkeypatch, params={"lang": lang} if lang == "en" else None)
    names = t("more_filters", lang)
    assert _popover_labels(at.sidebar) == [names]
    keys = ("flt_industries", "flt_types", "flt_campaigns", "flt_org")
    for key in keys:
        box = at.multiselect(key=key)
        box.set_value(list(box.options))
    at.run()
    n = sum(len(at.multiselect(key=key).value) for key in keys)
    (shown,) = _popover_labels(at.sidebar)
    assert n >= 3 and shown == (f"{names}（{n}）" if lang == "zh" else f"{names} ({n})")
    assert _display_width(shown) <= budget, shown
