"""The record contract (domain/record.py) is the one statement of columns, keys and input headers.

Each test pins one place where the contract used to be written twice: the DDL against the
contract, the record_id rule in Python against its SQL form, the input columns of the reader
and the demo generator, and the code columns of a real warehouse (ENUMs a string parameter
still filters).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import fields
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from domain import taxonomy
from domain.config import SCHEMA_SQL, schema_ddl
from domain.record import (
    FIELDS,
    INPUT_ALIASES,
    INPUT_NAMES,
    READ_TIME_COLUMNS,
    RECORD_COLUMNS,
    STORED_RECORD_COLUMNS,
    UNHASHED,
    ActivityRecord,
    content_hash_sql,
    enum_sql,
    locator_sql,
    make_record_id,
    record_id_sql,
)


def _describe(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple[str, str, str]]:
    return [(name, typ, null) for name, typ, null, *_ in con.execute(f"DESCRIBE {table}").fetchall()]


def test_activities_ddl_is_the_contract():
    con = duckdb.connect()
    con.execute(schema_ddl())
    described = _describe(con, "activities")
    assert [c for c, _, _ in described] == list(FIELDS)
    for name, typ, null in described:
        f = FIELDS[name]
        assert typ == (enum_sql(f.codes) if f.codes is not None else f.sql_type), name
        assert (null == "NO") == f.required, name
    # the table is stated once: schema.sql only holds the other tables
    assert "CREATE TABLE IF NOT EXISTS activities" not in SCHEMA_SQL.read_text(encoding="utf-8")


def test_activity_record_fields_are_the_record_columns():
    assert tuple(f.name for f in fields(ActivityRecord)) == RECORD_COLUMNS


@pytest.mark.parametrize(
    ("column", "codes"),
    [
        ("activity_type", taxonomy.ACTIVITY_TYPE_CODES),
        ("industry", taxonomy.INDUSTRY_CODES),
        ("campaign", taxonomy.CAMPAIGN_CODES),
        ("organizer_type", taxonomy.ORGANIZER_TYPE_CODES),
        ("mode", taxonomy.MODE_CODES),
        ("participants_unit", taxonomy.UNIT_CODES),
        ("participants_qualifier", taxonomy.QUALIFIER_CODES),
        ("date_precision", taxonomy.DATE_PRECISIONS),
    ],
)
def test_code_columns_are_enums_of_the_taxonomy(column, codes):
    assert FIELDS[column].codes == codes


@pytest.mark.parametrize(
    "parts",
    [
        ("file.csv", "310104", dt.date(2023, 9, 12), "质量月启动", "徐汇区市场监管局", None),
        ("file.csv", None, None, None, None, None),
        ("bulletin", "310115", "2024-09-01", "forum_conference", "浦东新区质量协会", "p3#1"),
        ("a'b.csv", "310101", dt.date(1999, 1, 1), '它\'s "quoted"', "", "x\x1fy"),
    ],
)
def test_record_id_sql_equals_python(parts):
    source, adcode, start, title, organizer, extra = parts
    con = duckdb.connect()
    sql = record_id_sql(
        source="$source", adcode="$adcode", start="$start", title="$title", organizer="$organizer", extra="$extra"
    )
    got = con.execute(
        f"SELECT {sql}",
        {"source": source, "adcode": adcode, "start": start, "title": title, "organizer": organizer, "extra": extra},
    ).fetchall()[0][0]
    assert got == make_record_id(source, adcode, start, title, organizer, extra)


def test_record_id_sql_refuses_unknown_parts():
    with pytest.raises(ValueError, match="not record_id parts"):
        record_id_sql(sources="x")


def _record(**kw) -> ActivityRecord:
    base = dict(
        record_id="r1",
        campaign="quality_month",
        campaign_year=2023,
        title="A",
        theme=None,
        activity_type="forum_conference",
        start_date=dt.date(2023, 9, 1),
        end_date=None,
        date_precision="day",
        province="上海市",
        city="上海市",
        district="徐汇区",
        adcode="310104",
        province_adcode="310000",
        city_adcode="310100",
        district_adcode="310104",
        region_level="district",
        region_original=None,
        organizer="某局",
        organizer_type="government",
        industry="unknown",
        participants=10,
        participants_unit="people",
        participants_qualifier="exact",
        mode="onsite",
        source="a.csv",
        source_locator="a.csv row ",
        source_excerpt=None,
        sources=("a.csv",),
        source_row=2,
    )
    return ActivityRecord(**{**base, **kw})


def _hash(con: duckdb.DuckDBPyConnection, rec: ActivityRecord) -> str:
    con.execute("DELETE FROM activities")
    row = dict(zip(RECORD_COLUMNS, rec.to_row(), strict=True))
    cols = ", ".join(STORED_RECORD_COLUMNS)
    marks = ", ".join("?" for _ in STORED_RECORD_COLUMNS)
    con.execute(
        f"INSERT INTO activities ({cols}, content_hash, first_run_id, last_run_id) VALUES ({marks}, 0, 'r', 'r')",
        [row[c] for c in STORED_RECORD_COLUMNS],
    )
    return con.execute(f"SELECT {content_hash_sql()} FROM activities").fetchall()[0][0]


def test_content_hash_ignores_bookkeeping_and_sees_content():
    con = duckdb.connect()
    con.execute(schema_ddl())
    base = _hash(con, _record())
    assert set(UNHASHED) == {"record_id", "source_locator", "source_row", "sources"}
    moved = _record(record_id="other", source_locator="b.csv row ", source_row=9, sources=("a.csv", "b.csv"))
    assert _hash(con, moved) == base
    for change in ({"title": "B"}, {"activity_type": "training"}, {"participants": 11}, {"mode": "online"}):
        assert _hash(con, _record(**change)) != base, change


def test_input_columns_are_stated_once():
    from etl import synth
    from etl.extract import tabular

    assert tabular.ALIASES is INPUT_ALIASES
    assert synth.COLUMNS == INPUT_NAMES
    # every accepted header names its own column, and no header is claimed by two columns
    for name, aliases in INPUT_ALIASES.items():
        for alias in aliases:
            assert tabular.canonical_header(alias) == name, alias


def test_warehouse_stores_codes_as_enums_that_string_filters_match(built_db: Path):
    from analytics.db import Warehouse
    from analytics.filters import Filters

    con = duckdb.connect(str(built_db), read_only=True)
    try:
        types = dict(
            con.execute(
                "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = 'activities'"
            ).fetchall()
        )
        expected = con.execute(
            "SELECT count(*) FROM activities WHERE CAST(activity_type AS VARCHAR) = 'training'"
        ).fetchall()[0][0]
    finally:
        con.close()
    assert types["activity_type"].startswith("ENUM(") and types["mode"].startswith("ENUM(")
    assert expected > 0
    db = Warehouse(built_db)
    try:
        for codes, n in ((("training",), expected), (("no_such_code",), 0)):
            where, params = Filters(activity_types=codes).where("a")
            frame = db.query(
                f"SELECT a.activity_type, count(*) AS n FROM activities a WHERE {where} GROUP BY ALL", params
            )
            assert int(frame["n"].sum()) == n
            # the read side sees text, not categoricals
            assert all(v == "training" for v in frame["activity_type"])
            assert not isinstance(frame["activity_type"].dtype, pd.CategoricalDtype)
    finally:
        db.close()


def test_locator_reads_as_one_text_from_its_two_columns():
    """A row's number is stored as an integer after its text; a locator without one (a bulletin's,
    or a row written before the split) is its text alone. The same words as one stored text."""
    con = duckdb.connect()
    con.execute("CREATE TABLE t (source_locator VARCHAR, source_row INTEGER)")
    con.execute(
        "INSERT INTO t VALUES ('a.csv row ', 7), ('b.xlsx 活动!', 12), ('paragraph 3, item', NULL), "
        "('old.csv row 5', NULL), (NULL, NULL)"
    )
    got = [r[0] for r in con.execute(f"SELECT {locator_sql()} FROM t ORDER BY rowid").fetchall()]
    assert got == ["a.csv row 7", "b.xlsx 活动!12", "paragraph 3, item", "old.csv row 5", None]
    assert con.execute(f"SELECT {locator_sql('x.')} FROM t x LIMIT 1").fetchall() == [("a.csv row 7",)]


def test_place_names_and_level_are_read_from_regions_not_stored():
    """The record keeps its place names and level (the reader and its evaluation use them), but the
    table stores only the adcodes they follow from; the DDL, the loaded columns and the hash agree."""
    con = duckdb.connect()
    con.execute(schema_ddl())
    stored = [
        r[0] for r in con.execute("SELECT column_name FROM duckdb_columns() WHERE table_name = 'activities'").fetchall()
    ]
    assert stored == list(FIELDS)
    hashed = content_hash_sql().removeprefix("hash(").removesuffix(")").split(", ")
    for c in READ_TIME_COLUMNS:
        assert c in RECORD_COLUMNS and c not in stored and c not in hashed
    assert {"adcode", "province_adcode", "city_adcode", "district_adcode", "region_original"} <= set(stored)
    # the same place under another name (a renamed region keeps its code) is not an update
    base = _hash(con, _record())
    assert _hash(con, _record(district="另一个名字", city=None, region_level="city")) == base
    assert _hash(con, _record(adcode="310105")) != base
