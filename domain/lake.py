"""The published lake: the warehouse's tables as Parquet, for engines that read files (Spark).

Layout under one directory (``QM_LAKE``)::

    manifest.json                          the snapshot readers serve (swapped atomically)
    snapshots/<snapshot>/<table>/year=<y>/*.parquet     tables with a campaign year
    snapshots/<snapshot>/<table>/data_0.parquet         the others (reference and status tables)

A publish writes a whole new ``snapshots/<snapshot>/`` first, then replaces ``manifest.json``
(write a temporary file, ``os.replace``): a reader that opens the manifest sees the old snapshot
or the new one, never a mix. The previous snapshot is kept (queries still reading it finish),
older ones are deleted. Shared by the ETL (etl/lake.py writes it) and the read side
(analytics/spark.py reads it).

Column types are those of the DuckDB tables except where a Parquet reader such as Spark has no
equivalent: ``HUGEINT`` sums are written as ``BIGINT`` (a sum that does not fit fails the publish
rather than being rounded), unsigned integers as the next signed type, ENUM codes as text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from domain.rollups import ORGANIZER_IDS, ROLLUPS

MANIFEST = "manifest.json"
SNAPSHOTS = "snapshots"
PARTITION_COLUMN = "year"
FORMAT_VERSION = 1


@dataclass(frozen=True)
class LakeTable:
    """One table of the lake: its name (as in the warehouse) and whether it is partitioned by year."""

    name: str
    partitioned: bool


TABLES: tuple[LakeTable, ...] = (
    LakeTable("activities", True),
    *(LakeTable(r.table, True) for r in ROLLUPS),
    LakeTable(ORGANIZER_IDS, False),
    LakeTable("regions", False),
    LakeTable("region_boundaries", False),
    LakeTable("meta", False),
    LakeTable("etl_runs", False),
    LakeTable("source_files", False),
    LakeTable("rejects", False),
)


@dataclass(frozen=True)
class Manifest:
    """What ``manifest.json`` says: the snapshot and where each of its tables lies.

    Attributes:
        snapshot: the snapshot's id (directory name under ``snapshots/``).
        published_at, last_run_id: the warehouse's ``meta`` facts of that publish.
        tables: table name -> directory relative to the lake root.
        rows: table name -> row count.
    """

    snapshot: str
    published_at: str | None
    last_run_id: str | None
    tables: dict[str, str]
    rows: dict[str, int]

    def to_json(self) -> str:
        return json.dumps(
            {
                "format": FORMAT_VERSION,
                "snapshot": self.snapshot,
                "published_at": self.published_at,
                "last_run_id": self.last_run_id,
                "tables": self.tables,
                "rows": self.rows,
            },
            ensure_ascii=False,
            indent=1,
            sort_keys=True,
        )


def read_manifest(lake: Path) -> Manifest:
    """The manifest of `lake`.

    Raises:
        FileNotFoundError: nothing was ever published there.
        ValueError: the manifest is not one this version writes (names the file and the reason).
    """
    path = Path(lake) / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}: not JSON ({exc})") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT_VERSION:
        raise ValueError(f"{path}: unknown manifest format {data.get('format') if isinstance(data, dict) else data!r}")
    missing = [k for k in ("snapshot", "tables", "rows") if k not in data]
    if missing:
        raise ValueError(f"{path}: missing {', '.join(missing)}")
    return Manifest(
        str(data["snapshot"]),
        data.get("published_at"),
        data.get("last_run_id"),
        {str(k): str(v) for k, v in data["tables"].items()},
        {str(k): int(v) for k, v in data["rows"].items()},
    )
