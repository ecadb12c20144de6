"""Defects found by walking the product as its users (session 13 audit), each pinned through the real
dashboard (AppTest) on a warehouse built by the real ETL from rows written here."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

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


@pytest.fixture
def enterprise_db(make_db, tmp_path) -> Path:
    """徐汇区 2023: one enterprise-organised manufacturing activity (no other industry, no other district)."""
    src = tmp_path / "firm.csv"
    src.write_text(
        "区,日期,活动名称,主办单位,主办方类型,行业\n徐汇区,2023-09-01,质量开放日,某某机械有限公司,enterprise,制造业\n",
        encoding="utf-8",
    )
    return make_db(tmp_path / "db", [src])


@pytest.mark.parametrize(
    ("lang", "right", "wrong"),
    [("zh", "所有行业均已报送。", "所有区均已报送。"), ("en", "Every industry reported.", "Every district reported.")],
)
def test_briefing_page_says_every_industry_not_every_district(enterprise_db, monkeypatch, lang, right, wrong) -> None:
    """The industry list's "all reported" line named the map's regions: 所有省份均已报送 under 各行业企业报送情况."""
    params = {"region": "310000", "industry": "manufacturing"} | ({"lang": "en"} if lang == "en" else {})
    at = _app(enterprise_db, monkeypatch, "pages/briefing.py", params)
    texts = [m.value for m in at.markdown]
    assert right in texts, texts
    assert wrong not in texts


def test_briefing_page_of_an_empty_selection_says_there_is_no_record(enterprise_db, monkeypatch) -> None:
    """浦东新区 with no record: the page said 所选范围内没有注明年份的活动 (as if the records lacked a year)."""
    at = _app(enterprise_db, monkeypatch, "pages/briefing.py", {"region": "310115"})
    assert [w.value for w in at.warning] == ["当前筛选条件下没有记录。"]
