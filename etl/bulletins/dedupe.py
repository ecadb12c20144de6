"""Merging the same event reported by several bulletins into one record.

Grain: one output record per (region, start date, activity type, organiser) cluster. The id is
computed from the content, not from the file, so whichever bulletin is loaded first (or alone)
the event lands on the same row.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date

from domain.record import ActivityRecord, make_record_id

from .document import is_item_locator

# Words that vary between reports of the same organiser (上海市徐汇区市场监督管理局 vs 徐汇区市场监管局).
_ORG_NOISE = re.compile(
    r"中华人民共和国|上海市|[\u4e00-\u9fff]{1,4}?(?:省|自治区|市|新区|区|县)(?=[\u4e00-\u9fff]{2,})|"
    r"有限责任公司|股份有限公司|有限公司|集团|\b(?:co|ltd|inc|corp|corporation|company|group|the|of|and)\b|[\s.,()'’-]"
)
_ORG_SYNONYMS = (
    ("市场监督管理局", "市场监管局"),
    ("质量技术监督局", "质监局"),
    ("质量技监局", "质监局"),
    ("质量协会", "质协"),
)


def normalize_organizer(name: str | None) -> str:
    """Organiser name reduced to what stays the same across reports (lower case, no place prefix)."""
    if not name:
        return ""
    text = name.strip().lower()
    for long, short in _ORG_SYNONYMS:
        text = text.replace(long, short)
    stripped = _ORG_NOISE.sub("", text)
    return stripped or text


def content_record_id(adcode: str | None, start: date | None, activity_type: str, organizer: str | None) -> str | None:
    """Id of a bulletin activity from its content; None when region or date is unknown.

    Without both a place and a date two reports cannot be told to be the same event, so such
    records keep a file-based id instead.
    """
    if not adcode or start is None:
        return None
    return make_record_id("bulletin", adcode, start.isoformat(), activity_type, normalize_organizer(organizer))


def _is_item(r: ActivityRecord) -> bool:
    """A numbered programme item (the reader's locator says so): distinct from every other record of its bulletin."""
    return is_item_locator(r.source_locator)


def _similar(a: str, b: str) -> bool:
    if not a or not b or a == b or a in b or b in a:
        return True
    grams_a = {a[i : i + 2] for i in range(len(a) - 1)} or {a}
    grams_b = {b[i : i + 2] for i in range(len(b) - 1)} or {b}
    return len(grams_a & grams_b) / len(grams_a | grams_b) >= 0.5


def _richer(a: ActivityRecord, b: ActivityRecord) -> ActivityRecord:
    """Fill the empty fields of `a` from `b` (a keeps its own values where it has them)."""
    updates = {}
    for f in dataclasses.fields(ActivityRecord):
        va, vb = getattr(a, f.name), getattr(b, f.name)
        if (va is None or va in ("unknown", "other")) and vb not in (None, "unknown", "other"):
            if f.name.startswith("participants"):
                continue  # the count, unit and qualifier travel together below
            updates[f.name] = vb
    if a.participants is None and b.participants is not None:
        updates.update(
            participants=b.participants,
            participants_unit=b.participants_unit,
            participants_qualifier=b.participants_qualifier,
        )
    return dataclasses.replace(a, **updates) if updates else a


def dedupe(records: list[ActivityRecord]) -> list[ActivityRecord]:
    """Merge records that report the same event.

    Two records are the same event when they share region adcode, start date and activity type
    and their organisers are similar (one contains the other, or character-bigram Jaccard >= 0.5,
    or one is unnamed). The merged record keeps every source in ``sources`` (sorted), takes the
    primary ``source`` and the base values from the alphabetically first source, fills its empty
    fields from the others, and has a content-based ``record_id`` (see `content_record_id`), so the
    result does not depend on the order of the input.

    Args:
        records: Records from one or several bulletins.

    Returns:
        The records with duplicates merged, in the order of first appearance.
    """
    groups: dict[tuple, list[list[ActivityRecord]]] = {}
    order: list[tuple[tuple, int]] = []
    passthrough: list[tuple[int, ActivityRecord]] = []
    for pos, r in enumerate(records):
        if not r.adcode or r.start_date is None:
            passthrough.append((pos, r))
            continue
        key = (r.adcode, r.start_date, r.activity_type)
        clusters = groups.setdefault(key, [])
        norm = normalize_organizer(r.organizer)
        for cl in clusters:
            if _is_item(r) and any(o.source == r.source for o in cl):
                continue  # two numbered items of one programme are two activities
            if all(_similar(norm, normalize_organizer(o.organizer)) for o in cl):
                cl.append(r)
                break
        else:
            clusters.append([r])
            order.append((key, len(clusters) - 1))
    first_pos: dict[tuple, int] = {}
    out: list[tuple[int, ActivityRecord]] = []
    for pos, r in enumerate(records):
        if r.adcode and r.start_date is not None:
            key = (r.adcode, r.start_date, r.activity_type)
            for i, cl in enumerate(groups[key]):
                if any(x is r for x in cl) and (key, i) not in first_pos:
                    first_pos[(key, i)] = pos
    for key, i in order:
        cl = sorted(groups[key][i], key=lambda r: (r.source, r.source_locator or "", r.record_id))
        if len(cl) == 1 and _is_item(cl[0]):
            out.append((first_pos[(key, i)], cl[0]))  # a programme item alone keeps its own id
            continue
        merged = cl[0]
        for other in cl[1:]:
            merged = _richer(merged, other)
        sources = tuple(sorted({s for r in cl for s in (r.sources or (r.source,))}))
        # The id comes from the shortest normalised organiser of the cluster: order-independent.
        orgs = sorted((normalize_organizer(r.organizer) for r in cl), key=lambda s: (len(s), s))
        rid = make_record_id("bulletin", merged.adcode, merged.start_date.isoformat(), merged.activity_type, orgs[0])
        merged = dataclasses.replace(merged, sources=sources, record_id=rid)
        out.append((first_pos[(key, i)], merged))
    out.extend(passthrough)
    out.sort(key=lambda t: t[0])
    return [r for _, r in out]
