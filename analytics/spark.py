"""The read side on Apache Spark: the same named queries, answered from the published Parquet lake.

``SparkWarehouse`` has the interface of ``analytics.db.Warehouse`` (snapshot, has_table, query,
rows, arrow, batches), so analytics.queries runs on it unchanged: each statement is rendered
for Spark by ``analytics.engines.render`` and its values are bound as Spark SQL parameters.

The lake (domain/lake.py) is read through its manifest. Each snapshot's tables are registered
as temporary views under names of their own (``s<snapshot>_<table>``) and the queries are
rendered against those names, so a query started before a publish finishes on the snapshot it
began with, and one started after reads only the new one.

Where Spark runs is configuration (``QM_SPARK_REMOTE``): ``sc://host:port`` is a Spark Connect
endpoint (the client is thin: the driver lives in the Connect server); anything else is a master
URL (``spark://host:7077``, ``yarn``, ``k8s://...``, ``local[N]``) for a driver inside this process.
"""

from __future__ import annotations

import hashlib
import os
import threading
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import duckdb
import pandas as pd
import pyarrow as pa

from analytics.db import FollowsPublishes, Snapshot, WarehouseUnavailable
from analytics.engines import render
from domain import lake as spec
from domain.messages import Message

Params = Sequence[Any] | dict[str, Any] | None
_LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def _is_local(remote: str) -> bool:
    """True for a master on this machine (local[N], or a spark:// master on loopback)."""
    if remote.startswith("local"):
        return True
    host = urlparse(remote).hostname or ""
    return host in _LOOPBACK


def start_session(remote: str, app_name: str = "quality-month-dashboard") -> Any:
    """A SparkSession for `remote` (Spark Connect for ``sc://``, else a driver in this process)."""
    from pyspark.sql import SparkSession

    if remote.startswith("sc://"):
        # the Connect client's own builder: a client even when a classic driver runs in this process
        from pyspark.sql.connect.session import SparkSession as ConnectSession

        return ConnectSession.builder.remote(remote).appName(app_name).getOrCreate()
    b = (
        SparkSession.builder.master(remote)
        .appName(app_name)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")  # no progress bars in the server's (or a bench's) output
        # the dashboard's statements are small: a few partitions per shuffle, not the default 200
        .config("spark.sql.shuffle.partitions", os.environ.get("QM_SPARK_SHUFFLE_PARTITIONS", "8"))
        # no waiting for a "better" executor: every task runs where a core is free now
        .config("spark.locality.wait", "0s")
        .config("spark.sql.session.timeZone", "UTC")
    )
    if _is_local(remote):
        # a cluster on this machine: the driver listens on loopback only
        b = b.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
    if os.environ.get("QM_SPARK_EXECUTOR_MEMORY"):
        b = b.config("spark.executor.memory", os.environ["QM_SPARK_EXECUTOR_MEMORY"])
    return b.getOrCreate()


def _to_pandas(table: pa.Table) -> pd.DataFrame:
    """Arrow -> pandas exactly as the DuckDB engine converts its results (same dtypes for the pages)."""
    return duckdb.from_arrow(table).df() if table.num_columns else table.to_pandas()


class SparkWarehouse(FollowsPublishes):
    """A read-only view of the lake's current snapshot, queried on Spark. Thread-safe.

    Args:
        lake: the lake directory (``QM_LAKE``), as the Spark cluster sees it too.
        remote: ``QM_SPARK_REMOTE`` (see the module docstring).
        session: an existing SparkSession to use instead of starting one (tests, notebooks).
    """

    engine = "spark"

    def __init__(self, lake: str | os.PathLike[str], remote: str = "local[2]", session: Any = None):
        self.path = Path(lake)
        self.remote = remote
        self._spark = session
        self._lock = threading.RLock()  # the first refresh starts the session under it
        self._manifest_id: tuple[int, int] | None = None
        self._snapshot: Snapshot | None = None
        self._views: dict[str, str] = {}
        self._old_views: list[str] = []
        self.stale_reason: Message | None = None
        self._refresh()

    # -- session and snapshot --------------------------------------------------------

    @property
    def spark(self) -> Any:
        if self._spark is None:
            with self._lock:
                if self._spark is None:
                    self._spark = start_session(self.remote)
        return self._spark

    def _refresh(self) -> None:
        """Register the snapshot the manifest names, if it changed since the last query."""
        path = self.path / spec.MANIFEST
        try:
            st = os.stat(path)
            ident = (st.st_ino, st.st_mtime_ns)
        except OSError as exc:
            self.stale_reason = self._stale("lake_cannot_read_manifest", path=str(path), detail=exc.strerror or exc)
            return
        if ident == self._manifest_id:
            return
        with self._lock:
            if ident == self._manifest_id:
                return
            try:
                m = spec.read_manifest(self.path)
                tag = "s" + hashlib.sha1(m.snapshot.encode()).hexdigest()[:12]
                views = {}
                for table, rel in m.tables.items():
                    view = f"{tag}_{table}"
                    # the files carry every column (year too): no partition inference, no type guessing
                    (
                        self.spark.read.option("recursiveFileLookup", "true")
                        .parquet(str(self.path / rel))
                        .createOrReplaceTempView(view)
                    )
                    views[table] = view
            except Exception as exc:  # unreadable manifest or files: keep serving what we have
                self._manifest_id = ident
                self.stale_reason = self._stale("lake_cannot_open", path=str(path), detail=self._error_line(exc))
                return
            # views of the snapshot before the previous one are dropped (a query may still read the previous)
            for v in self._old_views:
                self.spark.catalog.dropTempView(v)
            self._old_views = list(self._views.values())
            self._views = views
            self._manifest_id = ident
            self._snapshot = Snapshot(m.published_at, m.last_run_id, f"lake:{m.snapshot}")
            self.stale_reason = None

    def has_table(self, name: str) -> bool:
        self._refresh()
        return name in self._views

    # -- statements ----------------------------------------------------------------------

    def _frame(self, sql: str, params: Params, tables: dict[str, pa.Table] | None = None) -> tuple[Any, list[str]]:
        self._refresh()
        if self._snapshot is None:
            raise WarehouseUnavailable(str(self.stale_reason or f"{self.path}: no lake snapshot yet"))
        if params is not None and not isinstance(params, dict):
            raise TypeError("the Spark engine takes named parameters only")
        names = dict(self._views)
        temp = []
        for name, table in (tables or {}).items():
            view = f"t_{uuid.uuid4().hex}"
            self.spark.createDataFrame(table).createOrReplaceTempView(view)
            names[name] = view
            temp.append(view)
        text = render(sql, "spark", tuple(sorted(names.items())))
        args = {k: (list(v) if isinstance(v, tuple) else v) for k, v in (params or {}).items()}
        return self.spark.sql(text, args=args or None), temp

    def _drop(self, views: list[str]) -> None:
        for v in views:
            self.spark.catalog.dropTempView(v)

    def arrow(self, sql: str, params: Params = None, tables: dict[str, pa.Table] | None = None) -> pa.Table:
        """Run one SELECT and return an Arrow table."""
        df, temp = self._frame(sql, params, tables)
        try:
            return df.toArrow()
        finally:
            self._drop(temp)

    def query(self, sql: str, params: Params = None, tables: dict[str, pa.Table] | None = None) -> pd.DataFrame:
        """Run one SELECT and return a pandas DataFrame (dtypes as the DuckDB engine gives them)."""
        return _to_pandas(self.arrow(sql, params, tables))

    def rows(self, sql: str, params: Params = None) -> list[tuple]:
        """Run one SELECT and return plain tuples."""
        df, _temp = self._frame(sql, params)
        return [tuple(r) for r in df.collect()]

    def batches(self, sql: str, params: Params = None, batch_rows: int = 50_000) -> Iterator[pa.RecordBatch]:
        """The result of one SELECT as Arrow record batches."""
        yield from self.arrow(sql, params).to_batches(batch_rows)

    def close(self) -> None:
        """Forget the registered snapshot (the session is left to its owner or the process)."""
        with self._lock:
            if self._spark is not None:
                for v in [*self._views.values(), *self._old_views]:
                    self._spark.catalog.dropTempView(v)
            self._views, self._old_views, self._snapshot, self._manifest_id = {}, [], None, None
