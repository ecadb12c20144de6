"""Every named query returns the same rows on DuckDB (the file) and on Spark (the lake), on a real
standalone cluster, under every filter set of the roll-up equivalence tests (tests/analytics/test_rollups.py).

Rows are compared in order: every frame query orders its rows (the pages draw them in that order).
Values are compared, not dtypes: a sum is HUGEINT (pandas float) on DuckDB and BIGINT on Spark, and a
missing text is NaN or None.
"""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from analytics import queries
from tests.analytics.test_rollups import BREAKDOWNS, FRAME_QUERIES, SETS

pytestmark = [pytest.mark.spark, pytest.mark.timeout(1200)]  # a Spark session starts in the first one


def _normal(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.reset_index(drop=True).copy()
    for c in out.columns:
        if pd.api.types.is_numeric_dtype(out[c]) and not pd.api.types.is_bool_dtype(out[c]):
            out[c] = out[c].astype("Float64")
        elif pd.api.types.is_datetime64_any_dtype(out[c]):
            out[c] = out[c].astype("datetime64[us]")
        elif not pd.api.types.is_bool_dtype(out[c]):
            # text: a missing value is missing (an all-NULL ENUM column comes out as str NaN from DuckDB,
            # the lake's text column as object None from Spark)
            out[c] = out[c].astype("object").where(out[c].notna(), None)
    return out


def same(a, b) -> None:
    if isinstance(a, pd.DataFrame):
        assert list(a.columns) == list(b.columns)
        pd.testing.assert_frame_equal(_normal(a), _normal(b), check_dtype=False)
    elif isinstance(a, tuple):
        assert len(a) == len(b)
        for x, y in zip(a, b, strict=True):
            same(x, y)
    elif dataclasses.is_dataclass(a):  # ViewFigures, Completeness, SamePeriod hold frames
        assert type(a) is type(b)
        for fld in dataclasses.fields(a):
            same(getattr(a, fld.name), getattr(b, fld.name))
    else:
        assert a == b


@pytest.mark.parametrize("name, f", SETS, ids=[s[0] for s in SETS])
def test_filtered_queries_same_on_both_engines(engines_pair, name, f) -> None:
    duck, spark = engines_pair
    for q in (*FRAME_QUERIES, "kpis", "undated", "count_records"):
        same(getattr(queries, q)(duck, f), getattr(queries, q)(spark, f))
    for column in BREAKDOWNS:
        for q in ("breakdown", "breakdown_yoy", "breakdown_by_year"):
            same(getattr(queries, q)(duck, f, column), getattr(queries, q)(spark, f, column))
    for sort, desc, limit, offset, lang in (
        ("start_date", True, 50, 0, "zh"),
        ("start_date", False, 20, 120, "en"),
        ("district", False, 10, 5, "en"),
        ("participants", True, 10, 0, "zh"),
        # code columns sort in code-list order on both engines (analytics.queries.codes)
        ("industry", False, 30, 10, "en"),
        ("activity_type", True, 30, 0, "zh"),
    ):
        same(
            queries.records_page(duck, f, sort, desc, limit, offset, lang),
            queries.records_page(spark, f, sort, desc, limit, offset, lang),
        )
    assert _export(duck, f) == _export(spark, f)
    assert _export(duck, f, "activity_type") == _export(spark, f, "activity_type")


@pytest.mark.parametrize("name, f", SETS, ids=[s[0] for s in SETS])
def test_places_and_reporting_same_on_both_engines(engines_pair, name, f) -> None:
    """The map's views (analytics.queries.places) and the reporting questions (analytics.queries.reporting)."""
    duck, spark = engines_pair
    tree = queries.region_tree(duck)
    view = tree.view_for(f.districts)
    for v, region in {(view, tree.top(view)), (None, None), ("310100", "310000")}:
        queries.clear_caches()  # view_figures and view_years share one cached scan per engine
        for q in ("view_figures", "view_years"):
            same(getattr(queries, q)(duck, f, v, region), getattr(queries, q)(spark, f, v, region))
    for q in ("latest_year", "default_cutoff", "selection_sources", "demo_rows", "placement", "same_period"):
        same(getattr(queries, q)(duck, f), getattr(queries, q)(spark, f))
    level = queries.map_level(tree, f.districts)
    for lv in {level, queries.SHANGHAI_DISTRICTS, queries.RegionLevel("province", None)}:
        same(queries.region_completeness(duck, f, lv), queries.region_completeness(spark, f, lv))
        same(queries.regions(duck, f, lv), queries.regions(spark, f, lv))
        same(queries.placement(duck, f, lv), queries.placement(spark, f, lv))
    same(queries.industry_completeness(duck, f), queries.industry_completeness(spark, f))
    same(queries.same_period(duck, f, 6, 30, level), queries.same_period(spark, f, 6, 30, level))
    for lang in ("zh", "en"):
        codes = (*(f.districts or ("310104",)), "370100", "999999")
        assert queries.region_names(duck, codes, lang) == queries.region_names(spark, codes, lang)


def _export(wh, f, sort: str = "start_date") -> list[dict]:
    return [row for batch in queries.records_for_export(wh, f, sort=sort) for row in batch.to_pylist()]


@pytest.mark.parametrize(
    "q",
    [
        "options",
        "districts",
        "counts_real_demo",
        "counts_by_source",
        "meta",
        "etl_runs",
        "source_files",
        "rejects",
        "boundaries",
        "region_tree",
        "data_provinces",
    ],
)
def test_unfiltered_queries_same_on_both_engines(engines_pair, q) -> None:
    duck, spark = engines_pair
    same(getattr(queries, q)(duck), getattr(queries, q)(spark))


@pytest.mark.parametrize("view", [None, "310100", "370000"])
def test_view_boundaries_same_on_both_engines(engines_pair, view) -> None:
    duck, spark = engines_pair
    same(queries.view_boundaries(duck, view), queries.view_boundaries(spark, view))


def test_the_spark_side_reads_the_lake_snapshot_of_the_publish(engines_pair) -> None:
    duck, spark = engines_pair
    assert spark.snapshot().last_run_id == duck.snapshot().last_run_id
    assert spark.snapshot().published_at == duck.snapshot().published_at
    assert all(spark.has_table(t) for t in ("activities", "rollup_year_month", "rollup_organizer_ids"))
