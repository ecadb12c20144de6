"""News bulletins in, activity records out.

Public API (used by ``python -m etl run`` for .txt/.html/.htm/.docx files):

    result = extract_file(Path("bulletin.txt"))
    result.records      # list[ActivityRecord], normalised, with excerpt and locator
    result.problems     # list[(locator | None, reason)]
    result.text_stats   # dict: characters, paragraphs, sentences, traditional, pinyin_removed, lang
    dedupe(records)     # same event reported by two bulletins -> one record with both sources

Pipeline: reading.py (file -> text) -> cleaning.py (t2s, pinyin, full-width) -> extract.py
(segmentation, fields) -> dedupe.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from domain.gazetteer import Gazetteer
from domain.record import ActivityRecord

from .cleaning import clean_paragraphs
from .dedupe import content_record_id, dedupe, normalize_organizer
from .extract import build_context, extract_records, to_record
from .reading import SUPPORTED_SUFFIXES, TRUNCATED, UnreadableBulletin, read_bulletin

__all__ = [
    "BulletinResult",
    "SUPPORTED_SUFFIXES",
    "extract_file",
    "extract_text",
    "dedupe",
    "content_record_id",
    "normalize_organizer",
]


@dataclass
class BulletinResult:
    """What one bulletin yielded.

    Attributes:
        records: Activity records (grain: one per activity reported with a place or a date).
        problems: ``(locator, reason)`` pairs; locator is ``'paragraph N'`` or None for the whole file
            (an activity with neither place nor date is one of these, never a record).
        text_stats: Counts describing the text (characters, paragraphs, sentences, lang...).
    """

    records: list[ActivityRecord] = field(default_factory=list)
    problems: list[tuple[str | None, str]] = field(default_factory=list)
    text_stats: dict = field(default_factory=dict)


def extract_text(text: str, source: str, lang: str | None = None, gazetteer: Gazetteer | None = None) -> BulletinResult:
    """Extract activity records from bulletin text.

    Args:
        text: The bulletin, one paragraph per line, as written (Traditional, pinyin noise allowed).
        source: The file name (or URL) recorded as ``source`` of every record.
        lang: 'zh' or 'en' when known; detected otherwise.
        gazetteer: A loaded gazetteer (default: ``Gazetteer.load()``).

    Returns:
        The records, problems and text statistics.
    """
    gz = gazetteer or Gazetteer.load()
    paragraphs = clean_paragraphs(text)
    stats = {
        "characters": len(text),
        "paragraphs": len(paragraphs),
        "traditional_converted": sum(1 for p in paragraphs if p.text != p.original and len(p.text) == len(p.original)),
        "pinyin_removed_chars": sum(len(p.original) - len(p.text) for p in paragraphs),
    }
    if not paragraphs:
        return BulletinResult([], [(None, f"{source}: no text")], stats)
    ctx = build_context(source, paragraphs, lang, gz)
    stats["lang"] = ctx.lang
    stats["dateline"] = ctx.dateline.isoformat() if ctx.dateline else None
    drafts, problems = extract_records(ctx, gz)
    # An activity with neither place nor date (extract_records lists it as a problem) is no record: nothing
    # tells it apart from another, so it is reported, not returned (the ETL rejects it with that reason).
    drafts = [d for d in drafts if d.region is not None or d.start is not None]
    records = [to_record(d, ctx, gz, i) for i, d in enumerate(drafts)]
    # Two drafts of one bulletin with the same content id are one activity reported twice.
    records = dedupe(records)
    stats["records"] = len(records)
    return BulletinResult(records, [(p.locator, p.reason) for p in problems], stats)


def extract_file(path: Path, gazetteer: Gazetteer | None = None) -> BulletinResult:
    """Extract activity records from one bulletin file (.txt, .html, .htm, .docx).

    Never raises for a bad file: an unreadable file gives no records and one problem with
    locator None naming the file and the reason. A file longer than the reading cap
    (``reading.MAX_BULLETIN_BYTES``) is read up to it and gets one such problem saying so.

    Args:
        path: The bulletin file; its base name becomes the records' ``source``.
        gazetteer: A loaded gazetteer (default: ``Gazetteer.load()``).
    """
    path = Path(path)
    try:
        text, meta = read_bulletin(path)
    except UnreadableBulletin as exc:
        return BulletinResult([], [(None, str(exc))], {"characters": 0})
    lang = (meta.get("LANG") or "").lower()[:2] or None
    result = extract_text(text, path.name, lang if lang in ("zh", "en") else None, gazetteer)
    result.text_stats["file_type"] = path.suffix.lower().lstrip(".")
    if meta.get(TRUNCATED):  # the part past the size cap was not read: the run reports it
        result.problems.append((None, meta[TRUNCATED]))
    return result
