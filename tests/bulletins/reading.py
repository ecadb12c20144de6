"""Helpers shared by the reader's tests."""

from __future__ import annotations

import csv
from pathlib import Path

from etl.bulletins import extract_text


def records(text: str, gz) -> list:
    """The records the reader extracts from `text` given as a .txt bulletin."""
    return extract_text(text, "t.txt", gazetteer=gz).records


def places_and_dates(text: str, gz) -> list[tuple]:
    """(region, date) of each record read from `text`, as `etl evaluate` pairs them."""
    from etl.evaluate import row_from_record

    return [(row.region, row.date) for row in (row_from_record("x", r) for r in records(text, gz))]


def place_date_labels(folder: Path) -> dict[str, list[tuple[tuple[str, str, str], str]]]:
    """A fixture set's labels.csv as doc -> [((province, city, district), date), ...] in file order."""
    out: dict[str, list] = {}
    with (folder / "labels.csv").open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            out.setdefault(r["doc"], []).append(
                ((r["region_province"], r["region_city"], r["region_district"]), r["date"])
            )
    return out
