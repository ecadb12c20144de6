"""Fixtures of the read side.

`warehouse_db` is the database built by the real ETL (`built_db` from tests/conftest.py)
when that fixture exists, else a small hand-made one, so the recount tests run either way.
`tiny_db` is always hand-made with known rows, for exact assertions on counting rules.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import duckdb
import pytest

from domain.config import schema_ddl

DISTRICTS = [
    ("310101", "黄浦区", "Huangpu District", "黄浦"),
    ("310104", "徐汇区", "Xuhui District", "徐汇"),
    ("310105", "长宁区", "Changning District", "长宁"),
    ("310106", "静安区", "Jing'an District", "静安"),
    ("310107", "普陀区", "Putuo District", "普陀"),
    ("310109", "虹口区", "Hongkou District", "虹口"),
    ("310110", "杨浦区", "Yangpu District", "杨浦"),
    ("310112", "闵行区", "Minhang District", "闵行"),
    ("310113", "宝山区", "Baoshan District", "宝山"),
    ("310114", "嘉定区", "Jiading District", "嘉定"),
    ("310115", "浦东新区", "Pudong New Area", "浦东"),
    ("310116", "金山区", "Jinshan District", "金山"),
    ("310117", "松江区", "Songjiang District", "松江"),
    ("310118", "青浦区", "Qingpu District", "青浦"),
    ("310120", "奉贤区", "Fengxian District", "奉贤"),
    ("310151", "崇明区", "Chongming District", "崇明"),
]

# (id, year, month, district, type, industry, org, org_type, participants, unit, qualifier, synthetic, title)
TINY_ROWS = [
    (
        "r01",
        2023,
        9,
        "310104",
        "launch_ceremony",
        "manufacturing",
        "徐汇区市场监管局",
        "government",
        300,
        "people",
        "exact",
        False,
        "徐汇质量月启动",
    ),
    (
        "r02",
        2023,
        9,
        "310104",
        "training",
        "manufacturing",
        "某电机公司",
        "enterprise",
        1000,
        "person_times",
        "at_least",
        False,
        "=SUM(A1:A9)讲座",
    ),
    (
        "r03",
        2024,
        9,
        "310104",
        "training",
        "food",
        "某食品公司",
        "enterprise",
        50,
        "people",
        "approx",
        False,
        "食品安全讲座",
    ),
    (
        "r04",
        2024,
        9,
        "310115",
        "forum_conference",
        "finance",
        "浦东新区金融协会",
        "association",
        200,
        "people",
        "at_least",
        False,
        "金融质量论坛",
    ),
    (
        "r05",
        2024,
        5,
        "310115",
        "open_day",
        "energy",
        "某电力公司",
        "enterprise",
        40,
        "organizations",
        "exact",
        False,
        "-开放日",
    ),
    ("r06", 2024, None, "310113", "publicity", "unknown", None, "unknown", None, None, None, False, "宝山质量宣传"),
    (
        "r07",
        2023,
        9,
        "310113",
        "publicity",
        "mixed",
        "宝山区政府",
        "government",
        120,
        "people",
        "exact",
        True,
        "演示：质量宣传周",
    ),
    (
        "r08",
        2024,
        9,
        "310115",
        "competition",
        "manufacturing",
        "＝某公司",
        "enterprise",
        10,
        "people",
        "exact",
        True,
        "演示：QC 小组竞赛 50%",
    ),
]


def square(lon: float, lat: float, d: float = 0.04) -> str:
    """GeoJSON polygon of a small square around (lon, lat)."""
    ring = [[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]
    return json.dumps({"type": "Polygon", "coordinates": [ring]})


def build_tiny_db(path: Path, rows=TINY_ROWS, run_id: str = "run-1") -> Path:
    """Write a warehouse with the 16 districts (square boundaries) and `rows` as activities."""
    con = duckdb.connect(str(path))
    con.execute(schema_ddl())
    con.execute(
        "INSERT INTO regions VALUES ('310000','province',NULL,'310000','上海市','Shanghai','上海',[],'current',NULL), "
        "('310100','city','310000','310000','上海市','Shanghai','上海',[],'current',NULL)"
    )
    for i, (a, zh, en, short) in enumerate(DISTRICTS):
        con.execute(
            "INSERT INTO regions VALUES (?, 'district', '310100', '310000', ?, ?, ?, [], 'current', NULL)",
            [a, zh, en, short],
        )
        lon, lat = 121.0 + (i % 4) * 0.1, 31.0 + (i // 4) * 0.1
        con.execute("INSERT INTO region_boundaries VALUES (?, ?, ?, ?, 0.001)", [a, square(lon, lat), lon, lat])
    for rid, year, month, adcode, atype, ind, org, otype, n, unit, q, syn, title in rows:
        start = dt.date(year, month, 10) if month else None
        con.execute(
            "INSERT INTO activities (record_id, campaign, campaign_year, title, theme, activity_type, start_date, "
            "date_precision, adcode, province_adcode, city_adcode, district_adcode, "
            "organizer, organizer_type, industry, participants, participants_unit, "
            "participants_qualifier, mode, source, source_locator, source_excerpt, sources, is_synthetic, "
            "content_hash, first_run_id, last_run_id, year, month) VALUES "
            "(?, 'quality_month', ?, ?, '质量强国', ?, ?, ?, ?, '310000', '310100', ?, "
            "?, ?, ?, ?, ?, ?, 'onsite', ?, ?, ?, [], ?, 0, ?, ?, ?, ?)",
            [
                rid,
                year,
                title,
                atype,
                start,
                "day" if month else "year",
                adcode,
                adcode,
                org,
                otype,
                ind,
                n,
                unit,
                q,
                "demo" if syn else "tiny.csv",
                f"row {rid[1:]}",
                f"摘录{rid}：{title}",
                syn,
                run_id,
                run_id,
                year,
                month,
            ],
        )
    con.execute(
        "INSERT INTO etl_runs (run_id, started_at, finished_at, status, sources, rows_read, rows_added, "
        "rows_updated, rows_unchanged, rows_rejected, message) VALUES (?, TIMESTAMP '2025-01-02 03:04:05', "
        "TIMESTAMP '2025-01-02 03:04:09', 'success', '{}', 9, 8, 0, 0, 1, 'ok')",
        [run_id],
    )
    reasons = json.dumps([{"code": "region_unknown", "field": "region", "value": "火星区"}], ensure_ascii=False)
    con.execute(
        "INSERT INTO rejects (run_id, source, locator, reason, raw, reason_code, reasons) VALUES "
        "(?, 'tiny.csv', 'row 9', ?, ?, 'region_unknown', ?)",
        [run_id, "region: unknown region '火星区'", json.dumps({"region": "火星区"}, ensure_ascii=False), reasons],
    )
    con.execute(
        "INSERT INTO source_files (run_id, source, kind, sha1, rows_read, accepted, rejected, status, message) "
        "VALUES (?, 'tiny.csv', 'csv', 'abc', 7, 6, 1, 'partial', NULL)",
        [run_id],
    )
    con.execute(
        "INSERT INTO meta VALUES ('published_at', '2025-01-02T03:04:09'), ('last_run_id', ?), ('schema_version', '1')",
        [run_id],
    )
    con.close()
    return path


@pytest.fixture(scope="session")
def tiny_db(tmp_path_factory) -> Path:
    """A hand-made warehouse with TINY_ROWS (read-only use)."""
    return build_tiny_db(tmp_path_factory.mktemp("tiny") / "tiny.duckdb")


@pytest.fixture(scope="session")
def warehouse_db(request, tiny_db) -> Path:
    """The ETL-built database when tests/conftest.py provides `built_db`, else `tiny_db`."""
    try:
        return Path(request.getfixturevalue("built_db"))
    except pytest.FixtureLookupError:
        return tiny_db
