"""Districts page at national scale: ranking and heatmap keep the leading 30 districts, the rest is counted."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analytics import charts
from analytics import queries as q
from analytics.db import Warehouse
from analytics.filters import Filters
from domain.gazetteer import NOT_REPORTING_PROVINCES


def _ranking(n: int, reported: int, seed: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    acts = [float(v) for v in rng.integers(1, 10_000, reported)] + [np.nan] * (n - reported)
    people = [float(v) * 3 for v in acts[:reported]] + [np.nan] * (n - reported)
    return pd.DataFrame(
        {
            "adcode": [f"{110000 + i:06d}" for i in range(n)],
            "name_zh": [f"区{i}" for i in range(n)],
            "name_en": [f"D{i}" for i in range(n)],
            "activities": acts,
            "people": people,
            "people_q": ["exact" if i < reported else None for i in range(n)],
        }
    )


@pytest.mark.parametrize(
    "n, reported, metric, shown, hidden",
    [
        (2800, 2800, "activities", 30, 2770),
        (2800, 12, "activities", 30, 2770),  # 12 reported, then 18 not reported ones fill the 30
        (2800, 2800, "people", 30, 2770),
        (31, 31, "activities", 30, 1),
        (30, 30, "activities", 30, 0),
        (16, 9, "activities", 16, 0),  # Shanghai: every district stays, not reported ones included
        (0, 0, "activities", 0, 0),
    ],
)
def test_top_districts(n: int, reported: int, metric: str, shown: int, hidden: int) -> None:
    df = _ranking(n, reported)
    top, left_out = charts.top_districts(df, metric)
    assert (len(top), left_out) == (shown, hidden)
    if hidden:
        kept = top[metric].dropna()
        dropped = df.loc[~df["adcode"].isin(top["adcode"]), metric].dropna()
        assert dropped.empty or kept.min() >= dropped.max()  # nothing left out leads anything kept
        assert top[metric].notna().sum() == min(reported, 30)  # reported ones come first
        assert list(top.index) == sorted(top.index)  # the frame's own order is kept
    else:
        assert top is df


def test_top_districts_ties_break_by_adcode() -> None:
    df = pd.DataFrame({"adcode": [f"{i:06d}" for i in range(40, 0, -1)], "activities": [5.0] * 40})
    top, hidden = charts.top_districts(df, limit=30)
    assert hidden == 10 and sorted(top["adcode"]) == [f"{i:06d}" for i in range(1, 31)]


@pytest.mark.parametrize(
    "hidden, lang, level, text",
    [
        (2770, "zh", "district", "其余 2,770 个区县未列出"),
        (1, "zh", "district", "其余 1 个区县未列出"),
        (2770, "en", "district", "2,770 more counties not shown"),
        (4, "zh", "province", "其余 4 个省未列出"),
        (4, "en", "province", "4 more provinces not shown"),
        (12, "zh", "city", "其余 12 个市未列出"),
        (12, "en", "city", "12 more cities not shown"),
        (2, "zh", "district_sh", "其余 2 个区未列出"),
    ],
)
def test_more_not_shown_names_the_level(hidden: int, lang: str, level: str, text: str) -> None:
    # issue 14: the caption said 区县 whatever the level of the regions cut off
    assert charts.more_not_shown(hidden, lang, level) == text


def test_ranking_figure_of_a_national_selection_has_thirty_bars() -> None:
    df = _ranking(2800, 2800)
    top, _hidden = charts.top_districts(df)
    fig = charts.district_ranking(top, "zh")
    assert len(fig.data[0].y) == 30
    assert set(fig.data[0].y) == {f"区{i}" for i in top.index}


# -- the page itself, on a national warehouse built by the real ETL -------------------------------


@pytest.fixture(scope="module")
def national_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from etl import synth
    from etl.pipeline import run_pipeline

    d = tmp_path_factory.mktemp("national")
    csv = d / "synth.csv"
    synth.write(3000, csv, seed=5, scope="national")
    db = d / "quality.duckdb"
    run_pipeline([csv], db, demo=False, progress=False)
    return db


def _districts_page(db: Path, monkeypatch, lang: str = "zh"):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("QM_DB", str(db))
    at = AppTest.from_file(str(Path(__file__).resolve().parents[2] / "dashboard.py"), default_timeout=60)
    if lang == "en":
        at.query_params["lang"] = "en"
    at.run()
    at.switch_page("app_pages/districts.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_districts_page_at_national_scale(national_db: Path, monkeypatch, lang: str) -> None:
    """Thousands of districts with data: the page opens on the country and ranks its 34 provinces,
    none cut; the heatmap has the same rows."""
    wh = Warehouse(national_db)
    try:
        ranking = q.by_district(wh, Filters())
        provinces = q.view_figures(wh, Filters(), None).children
    finally:
        wh.close()
    assert len(ranking) > 100  # the point: far more than 30
    # Taiwan, Hong Kong and Macao with no record are not listed as 未报送 (audit17): the other provinces all are
    quiet = provinces["adcode"].isin(NOT_REPORTING_PROVINCES) & provinces["activities"].isna()
    at = _districts_page(national_db, monkeypatch, lang)
    charts_ = at.get("plotly_chart")
    assert len(charts_) == 3
    figs = [json.loads(c.proto.spec) for c in charts_]
    rank = next(f for f in figs if f["data"] and f["data"][0].get("orientation") == "h")
    heat = next(f for f in figs if f["data"] and f["data"][0].get("type") == "heatmap")
    names = set(rank["data"][0]["y"]) | {y for tr in rank["data"][1:] for y in tr.get("y") or []}
    assert len(provinces) == 34 and len(names) == 34 - int(quiet.sum())
    assert set(heat["data"][0]["y"]) == names
    assert not any("more" in str(c.value) or "未列出" in str(c.value) for c in at.caption)
