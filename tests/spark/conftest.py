"""Spark fixtures: a real standalone cluster on 127.0.0.1 and the test warehouse's lake.

One cluster per session (``spark_cluster``): a master and a worker started from the pyspark
package's ``bin/spark-class`` (analytics.local_cluster), every port on loopback. The warehouse
is built by the real ETL with ``QM_LAKE`` set, so its lake is the one ``etl.publish`` writes.
Every test here is marked ``spark`` (``-m "not spark"`` skips them locally; CI runs them).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from analytics.db import Warehouse
from tests.browser.conftest import app, browser, browser_db, nav_paths  # noqa: F401  (the browser test's fixtures)


@pytest.fixture(scope="session")
def spark_cluster():
    if not shutil.which("java"):
        pytest.fail("no Java runtime: the Spark tests need one (scripts/install_java.sh installs default-jre-headless)")
    from analytics import local_cluster

    cluster = local_cluster.start(cores=2, memory="1g")
    yield cluster
    cluster.stop()


@pytest.fixture(scope="session")
def lake_pair(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    """(DuckDB file, lake directory) of one publish by the real ETL: synthetic rows + the bundled sources."""
    from domain.config import SOURCES_DIR
    from etl import synth
    from etl.pipeline import run_pipeline

    d = tmp_path_factory.mktemp("spark_lake")
    csv = d / "synth.csv"
    synth.write(3000, csv, seed=11, scope="shanghai")
    db, lake = d / "quality.duckdb", d / "lake"
    run_pipeline([csv, SOURCES_DIR], db, demo=False, progress=False, lake=lake)
    yield db, lake


@pytest.fixture(scope="session")
def engines_pair(lake_pair, spark_cluster):
    """(DuckDB warehouse, Spark warehouse) over the same publish."""
    import os

    from analytics.spark import SparkWarehouse, start_session

    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    os.environ.setdefault("QM_SPARK_SHUFFLE_PARTITIONS", "2")  # one per core of the test cluster: tiny data
    db, lake = lake_pair
    session = start_session(spark_cluster.master_url, app_name="qm-tests")
    duck, spark = Warehouse(db), SparkWarehouse(lake, spark_cluster.master_url, session=session)
    yield duck, spark
    duck.close()
    spark.close()
    session.stop()


@pytest.fixture(scope="module")
def connect_server(spark_cluster):
    """A Spark Connect server on 127.0.0.1 (the driver), running its queries on the session's cluster.

    Module-scoped: on a standalone cluster an application holds every core it was given until it
    stops, so a server kept for the whole session starves the apps of the modules after it (the
    equivalence test's session then waits for executors forever).
    """
    from analytics import local_cluster

    server = local_cluster.start_connect(spark_cluster.master_url)
    yield server
    server.stop()
