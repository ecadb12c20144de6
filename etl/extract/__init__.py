"""Extract: read input files into raw rows.

Structured files (CSV/TSV, XLSX, JSON) are read by `etl.extract.tabular` into a DuckDB temp
table of raw text cells; bulletins (.txt/.html/.htm/.docx) are read by `etl.bulletins`.
"""

from __future__ import annotations

from pathlib import Path

TABULAR_SUFFIXES = {".csv": "csv", ".tsv": "csv", ".xlsx": "xlsx", ".json": "json", ".jsonl": "json"}
BULLETIN_SUFFIXES = {".txt", ".html", ".htm", ".docx"}
SUPPORTED_SUFFIXES = frozenset(TABULAR_SUFFIXES) | BULLETIN_SUFFIXES


def kind_of(path: Path) -> str | None:
    """The kind of a source file by its suffix.

    Args:
        path: The file.

    Returns:
        'csv', 'xlsx', 'json' or 'bulletin'; None for a file the ETL does not read.
    """
    suffix = path.suffix.lower()
    if suffix in TABULAR_SUFFIXES:
        return TABULAR_SUFFIXES[suffix]
    if suffix in BULLETIN_SUFFIXES:
        return "bulletin"
    return None
