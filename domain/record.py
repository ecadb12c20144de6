"""The activity record: the one typed row every source is turned into.

Grain: one row per activity (one event, or one named programme of one organiser
in one place). Structured files, bulletins and the demo generator all produce
`ActivityRecord`s; the loader writes them to `activities` (see schema.sql) in
the column order of `RECORD_COLUMNS`.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields
from datetime import date


@dataclass(frozen=True, slots=True)
class ActivityRecord:
    record_id: str
    campaign: str                      # taxonomy.CAMPAIGN_CODES
    campaign_year: int | None
    title: str | None
    theme: str | None
    activity_type: str                 # taxonomy.ACTIVITY_TYPE_CODES
    start_date: date | None
    end_date: date | None
    date_precision: str | None         # day / month / year (None when no date)
    province: str | None               # canonical simplified names
    city: str | None
    district: str | None
    adcode: str | None                 # 6-digit code of the most specific region known
    province_adcode: str | None
    city_adcode: str | None
    district_adcode: str | None
    region_level: str | None           # province / city / district
    region_original: str | None        # the name as written (kept when it was a former district, alias, English...)
    organizer: str | None
    organizer_type: str                # taxonomy.ORGANIZER_TYPE_CODES
    industry: str                      # taxonomy.INDUSTRY_CODES
    participants: int | None
    participants_unit: str | None      # people / person_times / organizations
    participants_qualifier: str | None  # exact / approx / at_least
    mode: str                          # taxonomy.MODE_CODES
    source: str                        # file name or URL of the primary source
    source_locator: str | None         # row number, sheet!row, paragraph index...
    source_excerpt: str | None         # the sentence / raw row the record was read from
    sources: tuple[str, ...] = field(default_factory=tuple)  # every source reporting this activity
    is_synthetic: bool = False

    def to_row(self) -> tuple:
        d = asdict(self)
        d["sources"] = list(self.sources or (self.source,))
        return tuple(d[c] for c in RECORD_COLUMNS)

    def content_hash(self) -> str:
        """Hash of everything but the id: tells an update from an unchanged re-load."""
        row = self.to_row()[1:]
        return hashlib.sha1(repr(row).encode("utf-8")).hexdigest()[:16]


RECORD_COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(ActivityRecord))


def make_record_id(source: str, adcode: str | None, start: date | str | None,
                   title: str | None, organizer: str | None = None, extra: str | None = None) -> str:
    """Stable id: re-loading the same source never duplicates.

    `source` should be the file's base name (not its path) so that moving a file
    does not create new records.
    """
    key = "\x1f".join(str(x or "") for x in (source, adcode, start, title, organizer, extra))
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]
