"""Spark Connect (``QM_SPARK_REMOTE=sc://...``): the dashboard as a thin client of a Connect server.

The server is started on 127.0.0.1 from the pyspark wheel (analytics.local_cluster.start_connect)
and runs its plans on the session's standalone cluster; the client is pyspark's Connect client
(its pinned "connect" extra in requirements.txt). The warehouse is opened the way the dashboard
opens it (engines.open_warehouse from the environment), and answers as DuckDB does.
"""

from __future__ import annotations

import pytest

from analytics import queries
from analytics.filters import Filters
from tests.spark.test_equivalence import same

pytestmark = [pytest.mark.spark, pytest.mark.timeout(1200)]

SETS = [
    Filters(),
    Filters(years=(2024,), include_demo=False),
    Filters(districts=("310000",), industries=("manufacturing",)),
    Filters(search="开放日"),
]


@pytest.fixture(scope="module")
def connected(lake_pair, connect_server, monkeypatch_module):
    from analytics.db import Warehouse
    from analytics.engines import open_warehouse

    db, lake = lake_pair
    monkeypatch_module.setenv("QM_ENGINE", "spark")
    monkeypatch_module.setenv("QM_LAKE", str(lake))
    monkeypatch_module.setenv("QM_SPARK_REMOTE", connect_server.remote)
    spark = open_warehouse(db)
    duck = Warehouse(db)
    yield duck, spark
    duck.close()
    spark.close()
    spark.spark.stop()  # the client's session only: the server keeps running until the fixture stops it


@pytest.fixture(scope="module")
def monkeypatch_module():
    mp = pytest.MonkeyPatch()
    yield mp
    mp.undo()


def test_the_dashboard_opens_the_lake_through_spark_connect(connected) -> None:
    duck, spark = connected
    assert type(spark).__name__ == "SparkWarehouse" and spark.remote.startswith("sc://127.0.0.1:")
    assert type(spark.spark).__module__.startswith("pyspark.sql.connect")  # a Connect client, no local driver
    assert spark.snapshot().last_run_id == duck.snapshot().last_run_id


@pytest.mark.parametrize("f", SETS, ids=["none", "year_real", "province_industry", "search"])
def test_pages_answer_the_same_over_spark_connect(connected, f) -> None:
    duck, spark = connected
    for q in ("kpis", "by_year", "by_month", "by_district", "count_records"):
        same(getattr(queries, q)(duck, f), getattr(queries, q)(spark, f))
    same(queries.breakdown(duck, f, "industry"), queries.breakdown(spark, f, "industry"))
    same(queries.view_figures(duck, f, "310100", "310000"), queries.view_figures(spark, f, "310100", "310000"))
    for sort in ("start_date", "activity_type"):
        same(
            queries.records_page(duck, f, sort, True, 20, 0, "en"),
            queries.records_page(spark, f, sort, True, 20, 0, "en"),
        )
