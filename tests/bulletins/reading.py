"""Helpers shared by the reader's tests."""

from __future__ import annotations

from etl.bulletins import extract_text


def records(text: str, gz) -> list:
    """The records the reader extracts from `text` given as a .txt bulletin."""
    return extract_text(text, "t.txt", gazetteer=gz).records
