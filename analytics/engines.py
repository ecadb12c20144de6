"""Engines of the read side: what differs between them is stated here, never in the queries.

Every query is written once, in DuckDB's SQL (analytics/queries/), and rendered for the engine
that runs it with sqlglot (``render``). DuckDB runs the text as written. For another engine the
text is parsed, the engine's own rewrites are applied (``EngineSpec.rewrites``: constructs that
engine has but sqlglot does not yet map), and it is generated in the engine's dialect with
``unsupported_level=RAISE``: a construct sqlglot cannot express there fails loudly, it is never
silently dropped. Bound parameters stay parameters (``$name`` becomes ``:name`` for Spark).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import sqlglot
from sqlglot import exp
from sqlglot.errors import ErrorLevel


def _min_by_with_count(node: exp.Expression) -> exp.Expression:
    """``min_by(x, y, n)`` (the n values of x with the smallest y, as a list): Spark 4.3 has the same
    three-argument function, sqlglot's Spark dialect only knows the two-argument one."""
    if isinstance(node, exp.ArgMin) and node.args.get("count") is not None:
        return exp.Anonymous(this="min_by", expressions=[node.this, node.expression, node.args["count"]])
    return node


def _row_pointer(node: exp.Expression) -> exp.Expression:
    """``rowid``: DuckDB's row pointer, by which a page's rows are fetched reading only those rows
    (by a key column, every row's key is read and every column of the table scanned). Spark has no
    row pointer; the record's key ``record_id`` (unique, NOT NULL) stands for it: the same rows."""
    if isinstance(node, exp.Column) and node.name.lower() == "rowid":
        return exp.Column(this=exp.to_identifier("record_id"), table=node.args.get("table"))
    return node


@dataclass(frozen=True)
class EngineSpec:
    """One engine: its sqlglot dialect and its rewrites (applied to the parsed DuckDB query)."""

    name: str
    dialect: str
    rewrites: tuple[Callable[[exp.Expression], exp.Expression], ...] = field(default=())


DUCKDB = EngineSpec("duckdb", "duckdb")
SPARK = EngineSpec("spark", "spark", (_min_by_with_count, _row_pointer))
SPECS = {s.name: s for s in (DUCKDB, SPARK)}


@lru_cache(maxsize=4096)
def render(sql: str, engine: str, rename: tuple[tuple[str, str], ...] = ()) -> str:
    """`sql` (DuckDB SQL) as the engine `engine` runs it.

    Args:
        rename: (table, new name) pairs: tables the query reads under another name on that engine
            (e.g. an Arrow table registered for this query only).

    Raises:
        sqlglot.errors.UnsupportedError: the query uses something the engine's dialect cannot express.
    """
    spec = SPECS[engine]
    if spec.dialect == "duckdb" and not rename:
        return sql
    tree = sqlglot.parse_one(sql, read="duckdb")
    names = dict(rename)
    if names:
        for table in tree.find_all(exp.Table):
            if table.name in names and not table.db:
                table.set("this", exp.to_identifier(names[table.name]))
    for rewrite in spec.rewrites:
        tree = tree.transform(rewrite)
    return tree.sql(dialect=spec.dialect, unsupported_level=ErrorLevel.RAISE)


def open_warehouse(db: str | os.PathLike[str]) -> Any:
    """The read side's warehouse for this process's configuration; pages never know which engine runs.

    ``QM_ENGINE=duckdb`` (default): the published DuckDB file `db` (analytics.db.Warehouse).
    ``QM_ENGINE=spark``: the Parquet lake ``QM_LAKE`` on ``QM_SPARK_REMOTE`` (analytics.spark).
    """
    from analytics.db import Warehouse
    from domain import config

    if config.engine() == "duckdb":
        return Warehouse(db)
    lake = config.lake_dir()
    if lake is None:
        raise ValueError(
            "QM_ENGINE=spark needs QM_LAKE, the lake directory the ETL publishes "
            "(python -m etl run with QM_LAKE set, or python -m etl lake)"
        )
    from analytics.spark import SparkWarehouse

    return SparkWarehouse(lake, config.spark_remote())
