"""Score the bulletin reader against hand-made labels.

Usage::

    python -m etl evaluate --docs DIR --labels FILE [--docs DIR2 --labels FILE2 ...]
        [--fold K/N | --exclude-fold K/N] [--folds N] [--explain] [--json] [--min-record-f1 0.85] ...

Labels follow /work/shared/corpus/LABELS.md: one row per activity, columns doc, region_province,
region_city, region_district, date (YYYY-MM-DD / YYYY-MM / YYYY), campaign, activity_type,
organizer, organizer_type, industry, participants, participants_unit, participants_qualifier,
mode, evidence. Several ``--docs``/``--labels`` pairs are scored together as one set (the n-th
``--labels`` belongs to the n-th ``--docs``).

Definitions (grain: one labelled or extracted record; documents are scored separately and the
counts summed over documents):

* **Documents.** Every file in ``--docs`` is read and scored. A file with no row in the labels is a
  bulletin that tells no concrete event (LABELS.md: a bulletin yields zero or more records), so
  every record read from it is spurious: the ETL would load it as an activity that did not happen.
  ``--labelled-only`` scores only the files the labels name (the headline before session 13).

* **Pairing (strict).** An extracted record and a label of the same document may be paired only
  when the place and the day agree as the label states them: the label's region (its most
  specific level, i.e. the whole province/city/district triple) equals the extracted one, and
  the label's date equals the extracted date read at the label's precision (label ``2022-09``
  agrees with ``2022-09-09``; label ``2022-09-09`` does not agree with ``2022-09``). An empty
  value never agrees with an empty one: an extracted record without a region or date never
  pairs on that field. A label that leaves its region (or its date) empty because the text does
  not give it is paired on the other key field alone; a label with neither can never be paired
  (counted as a miss; the report says how many there are). Among the pairs allowed, the ones
  that also agree on activity type, participants and organiser are taken first (greedy, each
  record used at most once).
* **Record P/R/F1.** precision = pairs / extracted records, recall = pairs / labelled records.
* **Field P/R/F1**, over all labelled and extracted records, not only the paired ones: a value is
  a true positive when the pair's two values are non-empty and agree; a false positive when the
  extracted value is non-empty and is wrong or has no label (an unpaired extracted record); a
  false negative when the label's value is non-empty and the extracted one is wrong, empty, or
  missing (an unpaired label). Two empty values count for nothing. ``unknown`` (organiser type,
  industry, mode) means "not read" and counts as empty; ``other`` (activity type, campaign) is a
  value. region compares the (province, city, district) triple; date the ISO string at the
  extracted precision; participants the (count, unit, qualifier) triple; organiser the names
  reduced by `etl.bulletins.dedupe.normalize_organizer`, one containing the other agreeing.
* **Labels found by date precision**: how many labels dated to the day, the month, the year or not
  at all were paired, of how many (aggregate counts only, so it may be printed for an unread set).
* **Loose (old) matching**, printed as a secondary line only: pairs need two of region, date and
  activity type to agree, two empty values agreeing. It overstates the reader and is kept only to
  compare with figures measured before the strict definition.

Folds: a document's fold is ``sha1(file name) mod N`` (`fold_of`). ``--fold K/N`` scores only the
documents of fold K, ``--exclude-fold K/N`` all the others; ``--folds N`` prints the aggregate
figures of every fold (never their documents). A held-out fold is read only through these
aggregate figures.

Exit status: 0, or 1 when a ``--min-*`` threshold is given and not met, 2 on bad input.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
from collections import Counter
from collections.abc import Iterable
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

# Scored fields; the first six are the headline ones (targets of issue 11).
FIELDS = (
    "region",
    "date",
    "activity_type",
    "participants",
    "organizer",
    "campaign",
    "mode",
    "organizer_type",
    "industry",
)
KEY_FIELDS = ("region", "date", "activity_type")
_NOT_READ = {"organizer_type": "unknown", "industry": "unknown", "mode": "unknown"}


@dataclass(frozen=True)
class Row:
    """The compared values of one record (labelled or extracted); ``note`` is shown, never compared."""

    doc: str
    region: tuple[str, str, str] | None
    date: str | None
    activity_type: str | None
    participants: tuple[int, str, str] | None
    organizer: str | None = None
    campaign: str | None = None
    mode: str | None = None
    organizer_type: str | None = None
    industry: str | None = None
    note: str | None = None


def _none(v) -> str | None:
    v = (v or "").strip() if isinstance(v, str) or v is None else str(v)
    return v or None


def _read(field: str, v) -> str | None:
    v = _none(v)
    return None if v is not None and _NOT_READ.get(field) == v else v


def row_from_label(rec: dict) -> Row:
    """A labels.csv row as a `Row`."""
    region = tuple(_none(rec.get(k)) or "" for k in ("region_province", "region_city", "region_district"))
    count = _none(rec.get("participants"))
    part = None
    if count is not None:
        part = (
            int(float(count)),
            _none(rec.get("participants_unit")) or "",
            _none(rec.get("participants_qualifier")) or "",
        )
    return Row(
        rec["doc"].strip(),
        region if any(region) else None,
        _none(rec.get("date")),
        _none(rec.get("activity_type")),
        part,
        _none(rec.get("organizer")),
        _none(rec.get("campaign")),
        _read("mode", rec.get("mode")),
        _read("organizer_type", rec.get("organizer_type")),
        _read("industry", rec.get("industry")),
        _none(rec.get("evidence")),
    )


def row_from_record(doc: str, r) -> Row:
    """An `ActivityRecord` as a `Row` (date written at its precision)."""
    region = (r.province or "", r.city or "", r.district or "")
    date = None
    if r.start_date is not None:
        iso = r.start_date.isoformat()
        date = {"day": iso, "month": iso[:7], "year": iso[:4]}.get(r.date_precision or "day", iso)
    part = (
        (int(r.participants), r.participants_unit or "", r.participants_qualifier or "")
        if r.participants is not None
        else None
    )
    return Row(
        doc,
        region if any(region) else None,
        date,
        r.activity_type,
        part,
        _none(r.organizer),
        _none(r.campaign),
        _read("mode", r.mode),
        _read("organizer_type", r.organizer_type),
        _read("industry", r.industry),
        (r.source_excerpt or "")[:80] or None,
    )


def fold_of(name: str, n: int) -> int:
    """The fold (0..n-1) of a document, from the SHA-1 of its file name: stable across machines."""
    return int(hashlib.sha1(name.encode("utf-8")).hexdigest(), 16) % n


def _org_key(name: str | None) -> str:
    from etl.bulletins.dedupe import normalize_organizer

    return normalize_organizer(name) if name else ""


def agrees(field: str, p, g) -> bool:
    """Whether two non-empty values of ``field`` agree (organiser: normalised, containment allowed)."""
    if p is None or g is None:
        return False
    if field == "organizer":
        a, b = _org_key(p), _org_key(g)
        return bool(a) and bool(b) and (a in b or b in a)
    return p == g


def key_agrees(p: Row, g: Row) -> bool:
    """Strict pairing: the label's region and its date at the label's precision both agree."""
    stated = 0
    if g.region is not None:
        if p.region != g.region:
            return False
        stated += 1
    if g.date is not None:
        if p.date is None or len(p.date) < len(g.date) or p.date[: len(g.date)] != g.date:
            return False
        stated += 1
    return stated > 0


def _tiebreak(p: Row, g: Row) -> float:
    return (
        agrees("activity_type", p.activity_type, g.activity_type)
        + agrees("date", p.date, g.date)
        + 0.5 * agrees("participants", p.participants, g.participants)
        + 0.25 * agrees("organizer", p.organizer, g.organizer)
    )


def match_doc(pred: list[Row], gold: list[Row]) -> list[tuple[int, int]]:
    """Strict one-to-one pairing of extracted to labelled rows of one document."""
    cands = sorted((-_tiebreak(p, g), i, j) for i, p in enumerate(pred) for j, g in enumerate(gold) if key_agrees(p, g))
    return _greedy(cands)


def _greedy(cands: list[tuple[float, int, int]]) -> list[tuple[int, int]]:
    used_p, used_g, pairs = set(), set(), []
    for _, i, j in cands:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return pairs


def match_doc_loose(pred: list[Row], gold: list[Row]) -> list[tuple[int, int]]:
    """The old matching: two of region, date, activity type agree (empty == empty counts)."""
    cands = []
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            key = sum(1 for f in KEY_FIELDS if getattr(p, f) == getattr(g, f))
            if key >= 2:
                cands.append((-(key + (0.5 if p.participants == g.participants else 0.0)), i, j))
    return _greedy(sorted(cands))


PRECISIONS = ("day", "month", "year", "none")


def date_precision(iso: str | None) -> str:
    """A label's date precision from its ISO string (``2022-09-09`` day, ``2022-09`` month, ``2022`` year)."""
    return {10: "day", 7: "month", 4: "year"}.get(len(iso or ""), "none")


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    if tp + fp + fn == 0:
        p = r = f = 1.0  # nothing to find and nothing found
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


def _group(rows: Iterable[Row]) -> dict[str, list[Row]]:
    out: dict[str, list[Row]] = {}
    for r in rows:
        out.setdefault(r.doc, []).append(r)
    return out


def score(pred_rows: Iterable[Row], gold_rows: Iterable[Row], loose: bool = False) -> dict:
    """Record and field metrics (see the module docstring for the definitions)."""
    by_doc_p, by_doc_g = _group(pred_rows), _group(gold_rows)
    rec = [0, 0, 0]
    counts = {f: [0, 0, 0] for f in FIELDS}
    per_doc = {}
    unpairable = 0
    by_precision = {k: [0, 0] for k in PRECISIONS}  # labels found / labelled, by the label's date precision
    matcher = match_doc_loose if loose else match_doc
    for doc in sorted(set(by_doc_p) | set(by_doc_g)):
        pred, gold = by_doc_p.get(doc, []), by_doc_g.get(doc, [])
        unpairable += sum(1 for g in gold if g.region is None and g.date is None)
        pairs = matcher(pred, gold)
        rec[0] += len(pairs)
        rec[1] += len(pred) - len(pairs)
        rec[2] += len(gold) - len(pairs)
        per_doc[doc] = {"extracted": len(pred), "labelled": len(gold), "matched": len(pairs), "pairs": pairs}
        mp, mg = {i for i, _ in pairs}, {j for _, j in pairs}
        for j, g in enumerate(gold):
            tally = by_precision[date_precision(g.date)]
            tally[0] += j in mg
            tally[1] += 1
        for f in FIELDS:
            c = counts[f]
            for i, j in pairs:
                pv, gv = getattr(pred[i], f), getattr(gold[j], f)
                if agrees(f, pv, gv):
                    c[0] += 1
                else:
                    c[1] += pv is not None
                    c[2] += gv is not None
            c[1] += sum(1 for i, p in enumerate(pred) if i not in mp and getattr(p, f) is not None)
            c[2] += sum(1 for j, g in enumerate(gold) if j not in mg and getattr(g, f) is not None)
    return {
        "records": _prf(*rec),
        "fields": {f: _prf(*counts[f]) for f in FIELDS},
        "docs": len(per_doc),
        "unpairable_labels": unpairable,
        "found_by_date_precision": {k: tuple(v) for k, v in by_precision.items()},
        "per_doc": per_doc,
    }


def load_labels(path: Path) -> list[Row]:
    """Rows of a labels.csv file.

    Raises:
        ValueError: naming the file, row and reason when a row cannot be read.
    """
    rows = []
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        if not reader.fieldnames or "doc" not in reader.fieldnames:
            raise ValueError(f"{path}: no 'doc' column in the header")
        for n, rec in enumerate(reader, start=2):
            try:
                rows.append(row_from_label(rec))
            except (ValueError, KeyError, TypeError) as exc:
                raise ValueError(f"{path}: row {n}: {exc}") from exc
    return rows


def extract_docs(
    docs: Path,
    names: set[str] | None = None,
    sentences: dict[str, list[Told]] | None = None,
    codes: dict[str, set[str]] | None = None,
) -> tuple[list[Row], list[str]]:
    """Run the reader over every bulletin in `docs` (or only those in `names`); given a ``sentences``
    dict, also fill it with each document's sentences (`doc_sentences`), and a ``codes`` dict with each
    document's problem codes (`domain.messages` codes: why it gave no record), for `error_classes`."""
    from domain.gazetteer import Gazetteer
    from etl.bulletins import SUPPORTED_SUFFIXES, extract_file

    gz = Gazetteer.load()
    rows, problems = [], []
    for path in sorted(docs.iterdir()):
        if path.suffix.lower() not in SUPPORTED_SUFFIXES or (names is not None and path.name not in names):
            continue
        result = extract_file(path, gz)
        rows.extend(row_from_record(path.name, r) for r in result.records)
        problems.extend(f"{path.name}: {loc or '-'}: {reason}" for loc, reason in result.problems)
        if sentences is not None:
            sentences[path.name] = doc_sentences(path)
        if codes is not None:
            codes[path.name] = {getattr(reason, "code", "text") for _, reason in result.problems}
    return rows, problems


@dataclass(frozen=True)
class Told:
    """A sentence of a bulletin, as `error_classes` locates a missed label in it: its text as written (what
    a label's evidence and a record's excerpt quote), its paragraph, and whether it names an activity or
    holds an event verb (the sentences the reader reads events from)."""

    text: str
    para: int
    activity: bool


def doc_sentences(path: Path) -> list[Told]:
    """The sentences of one bulletin (`Told`), split as the reader splits them; none when it cannot be read."""
    from etl.bulletins import rules
    from etl.bulletins.cleaning import clean_paragraphs
    from etl.bulletins.document import split_sentences
    from etl.bulletins.reading import UnreadableBulletin, read_bulletin

    try:
        text, _ = read_bulletin(path)
    except UnreadableBulletin:
        return []
    return [
        Told(s.excerpt(), p.index, bool(rules.EVENT_VERB_RE.search(s.text) or rules.classify_type(s.text)))
        for p in clean_paragraphs(text)
        for s in split_sentences(p)
    ]


# How much of a quote locates it: its first characters, spaces left out.
_QUOTE_HEAD = 12


def _squeezed(text: str | None) -> str:
    return "".join((text or "").split())


def where_told(evidence: str | None, excerpts: list[str], sentences: list[Told]) -> str:
    """Where a missed label's evidence sits, against the sentences its document's records were read from
    (their excerpts): ``record sentence`` (a sentence a record was read from tells it too), ``record
    paragraph`` (another sentence naming an activity, in a paragraph a record was read from), ``activity
    sentence`` (one naming an activity, elsewhere), ``other sentence`` (one naming none) or ``not found``
    (no evidence, or none of its text). Evidence quoted in several sentences counts where the reader came
    nearest."""
    head = _squeezed(evidence)[:_QUOTE_HEAD]
    told = [t for t in sentences if head and head in _squeezed(t.text)]
    if not told:
        return "not found"
    heads = [h for h in (_squeezed(e)[:_QUOTE_HEAD] for e in excerpts) if h]
    taken = [t for t in sentences if any(h in _squeezed(t.text) for h in heads)]
    if any(t in taken for t in told):
        return "record sentence"
    if any(t.activity and t.para == x.para for t in told for x in taken):
        return "record paragraph"
    return "activity sentence" if any(t.activity for t in told) else "other sentence"


_SHOWN = ("records", *FIELDS)


def _format(result: dict, title: str = "") -> str:
    lines = [
        f"{title}documents: {result['docs']}, labels that cannot be paired (no region, no date): "
        f"{result['unpairable_labels']}"
    ]
    lines.append(f"{'strict':<16}{'precision':>10}{'recall':>10}{'F1':>8}{'tp':>6}{'fp':>6}{'fn':>6}")
    items = [("records", result["records"])] + list(result["fields"].items())
    for name, m in items:
        lines.append(
            f"{name:<16}{m['precision']:>10.3f}{m['recall']:>10.3f}{m['f1']:>8.3f}{m['tp']:>6}{m['fp']:>6}{m['fn']:>6}"
        )
    found = result["found_by_date_precision"]
    lines.append(
        "labels found, by the label's date precision: "
        + ", ".join(f"{k} {found[k][0]}/{found[k][1]}" for k in PRECISIONS if found[k][1])
    )
    return "\n".join(lines)


def _show(r: Row) -> str:
    region = "/".join(x for x in r.region if x) if r.region else "-"
    part = f"{r.participants[0]} {r.participants[1]} {r.participants[2]}" if r.participants else "-"
    return (
        f"{region} | {r.date or '-'} | {r.activity_type or '-'} | {part} | org={r.organizer or '-'} | "
        f"{r.campaign or '-'} | {r.mode or '-'}"
    )


def explain(pred_rows: list[Row], gold_rows: list[Row], result: dict) -> str:
    """Per-document diff: paired records with their wrong fields, missed labels, spurious records."""
    by_p, by_g = _group(pred_rows), _group(gold_rows)
    out = []
    for doc, c in result["per_doc"].items():
        pred, gold, pairs = by_p.get(doc, []), by_g.get(doc, []), c["pairs"]
        wrong = []
        for i, j in pairs:
            diffs = [
                f"{f}: {getattr(pred[i], f)!r} != {getattr(gold[j], f)!r}"
                for f in FIELDS
                if not agrees(f, getattr(pred[i], f), getattr(gold[j], f))
                and (getattr(pred[i], f) is not None or getattr(gold[j], f) is not None)
            ]
            if diffs:
                wrong.append(f"  paired  L{j + 1} ~ E{i + 1}: " + "; ".join(diffs))
        missed = [
            f"  missed  L{j + 1}: {_show(g)}  «{(g.note or '')[:60]}»"
            for j, g in enumerate(gold)
            if j not in {b for _, b in pairs}
        ]
        spurious = [
            f"  spurious E{i + 1}: {_show(p)}  «{(p.note or '')[:60]}»"
            for i, p in enumerate(pred)
            if i not in {a for a, _ in pairs}
        ]
        if wrong or missed or spurious:
            out.append(f"== {doc}: extracted {c['extracted']}, labelled {c['labelled']}, paired {c['matched']}")
            out.extend(wrong + missed + spurious)
    return "\n".join(out)


def _region_relation(p: tuple | None, g: tuple | None) -> str:
    """How an extracted region stands to the label's: same, coarser/finer on the same line, or elsewhere."""
    if g is None:
        return "same"
    if p is None:
        return "none"
    if p == g:
        return "same"
    pl, gl = [x for x in p if x], [x for x in g if x]
    if pl == gl[: len(pl)]:
        return "coarser"
    if gl == pl[: len(gl)]:
        return "finer"
    return "same-province" if pl and gl and pl[0] == gl[0] else "other-province"


def _place_level(region: tuple | None) -> str:
    """The level of a record's place: ``district``, ``city`` (a municipality too), ``province`` or ``no place``."""
    province, city, district = region or ("", "", "")
    return "district" if district else "city" if city else "province" if province else "no place"


def _date_relation(p: str | None, g: str | None) -> str:
    """How an extracted date stands to the label's at the label's precision."""
    if g is None:
        return "same"
    if p is None:
        return "none"
    if len(p) >= len(g) and p[: len(g)] == g:
        return "same"
    if g[: len(p)] == p:
        return "coarser"
    return "same-year" if p[:4] == g[:4] else "other-year"


# The stage that left a labelled document with no record, by the reader's problem codes (first that applies).
_SILENT_STAGES = (
    ("no_held_activity", "only planned"),  # every activity read was a plan, notice, deployment or history: dropped
    ("activity_no_region_date", "no place or date"),  # an activity read, with neither place nor date
    ("no_event_sentence", "no event sentence"),  # an activity named, no sentence telling it held
    ("no_activity", "nothing named"),  # no sentence names a kind of activity
)


def _silent_stage(label: Row, codes: set[str]) -> str:
    """Why a label's document gave no record: ``unpairable`` (the label has neither region nor date, so no
    record could pair it), else the reader's stage by its problem codes (`_SILENT_STAGES`), or ``other``
    (an unreadable file)."""
    if label.region is None and label.date is None:
        return "unpairable"
    return next((name for code, name in _SILENT_STAGES if code in codes), "other")


def error_classes(
    pred_rows: list[Row],
    gold_rows: list[Row],
    result: dict,
    sentences: dict[str, list[Told]] | None = None,
    codes: dict[str, set[str]] | None = None,
) -> dict[str, dict[str, int]]:
    """Counts of why labels were missed and records were spurious; no text, so safe on an unread set.

    A missed label is ``silent`` (the reader gave its document no record), ``fewer`` (every record of
    the document paired with another label: the document holds more events than were read), or is
    compared with the nearest unpaired record of its document: ``date:<relation>`` (region right),
    ``region:<relation>`` (date right) or ``both``. Each carries the label's date precision. A spurious
    record is in a ``negative`` document (no label), a ``complete`` one (every label paired) or one
    with a label left unpaired (``near``); ``spurious by record`` also gives each such record's date
    precision and the level of its place (`_place_level`), which tell a page's kind apart without its text
    (a review's year-dated province-wide records, a national notice's unplaced ones, a day's event).

    Given each document's sentences (`doc_sentences`), ``where`` also counts, for each kind of miss (its
    class without the relation, with the label's date precision), where the label's evidence sits against
    the records read (`where_told`): whether the reader read the sentence and did not split it, passed
    over a sentence naming an activity, or never looks at such a sentence. Given each document's problem
    codes (`extract_docs`), ``silent by stage`` counts each silent label by the stage that left its document
    without a record (`_silent_stage`).
    """
    by_p, by_g = _group(pred_rows), _group(gold_rows)
    missed: Counter[str] = Counter()
    spurious: Counter[str] = Counter()
    where: Counter[str] = Counter()
    silent: Counter[str] = Counter()
    made: Counter[str] = Counter()
    for doc, c in result["per_doc"].items():
        pred, gold = by_p.get(doc, []), by_g.get(doc, [])
        mp, mg = {i for i, _ in c["pairs"]}, {j for _, j in c["pairs"]}
        left = [p for i, p in enumerate(pred) if i not in mp]
        open_labels = [g for j, g in enumerate(gold) if j not in mg]
        for g in open_labels:
            if not pred:
                why = "silent"
                if codes is not None:
                    silent[_silent_stage(g, codes.get(doc, set()))] += 1
            elif not left:
                why = "fewer"
            else:
                rel = max(
                    ((_region_relation(p.region, g.region), _date_relation(p.date, g.date)) for p in left),
                    key=lambda rd: 2 * (rd[0] == "same") + (rd[1] == "same"),
                )
                why = f"date:{rel[1]}" if rel[0] == "same" else f"region:{rel[0]}" if rel[1] == "same" else "both"
            missed[f"{why} ({date_precision(g.date)})"] += 1
            if sentences is not None:
                kind = f"{why.split(':')[0]} ({date_precision(g.date)})"
                where[f"{kind}: {where_told(g.note, [p.note or '' for p in pred], sentences.get(doc, []))}"] += 1
        page = "negative" if not gold else "near" if open_labels else "complete"
        spurious[page] += len(left)
        for rec in left:
            made[f"{page} ({date_precision(rec.date)}, {_place_level(rec.region)})"] += 1
    out = {
        "missed": dict(missed.most_common()),
        "spurious": {k: v for k, v in spurious.most_common() if v},
        "spurious by record": dict(sorted(made.items(), key=lambda kv: (kv[0].split(" ")[0], -kv[1], kv[0]))),
    }
    if codes is not None:
        out["silent by stage"] = dict(silent.most_common())
    if sentences is not None:
        out["where"] = dict(sorted(where.items(), key=lambda kv: (kv[0].split(":")[0], -kv[1], kv[0])))
    return out


def _format_classes(classes: dict[str, dict[str, int]]) -> str:
    lines = []
    for kind in ("missed", "spurious", "spurious by record", "silent by stage"):
        if kind not in classes:
            continue
        items = classes[kind]
        lines.append(f"{kind} {sum(items.values())}: " + ", ".join(f"{k} {v}" for k, v in items.items()))
    if "where" in classes:
        lines.append(
            "missed, where the label's evidence sits: " + ", ".join(f"{k} {v}" for k, v in classes["where"].items())
        )
    return "\n".join(lines)


def _fold_arg(s: str) -> tuple[int, int]:
    try:
        k, n = (int(x) for x in s.split("/"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected K/N, e.g. 2/5, got {s!r}") from None
    if n < 2 or not 0 <= k < n:
        raise argparse.ArgumentTypeError(f"fold {s!r}: need N >= 2 and 0 <= K < N")
    return k, n


def _headline(result: dict) -> str:
    f = result["fields"]
    return (
        f"record F1 {result['records']['f1']:.3f}  region {f['region']['f1']:.3f}  date {f['date']['f1']:.3f}  "
        f"type {f['activity_type']['f1']:.3f}  participants {f['participants']['f1']:.3f}  "
        f"organiser {f['organizer']['f1']:.3f}"
    )


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m etl evaluate", description=__doc__.split("\n")[0])
    ap.add_argument(
        "--docs",
        required=True,
        type=Path,
        action="append",
        help="folder of bulletins (.txt/.html/.htm/.docx); repeat with --labels for several sets",
    )
    ap.add_argument("--labels", required=True, type=Path, action="append", help="labels.csv (see LABELS.md)")
    ap.add_argument("--json", action="store_true", help="also print the metrics as one JSON object on the last line")
    docs_scope = ap.add_mutually_exclusive_group()
    docs_scope.add_argument(
        "--all-docs", action="store_true", help="score every file in --docs (the default; kept for old commands)"
    )
    docs_scope.add_argument(
        "--labelled-only",
        action="store_true",
        help="score only the files the labels name (records read from a file with no label are then not counted)",
    )
    ap.add_argument("--verbose", action="store_true", help="print per-document counts and extraction problems")
    ap.add_argument("--explain", action="store_true", help="print a per-document diff (missed, spurious, wrong fields)")
    ap.add_argument(
        "--classes",
        action="store_true",
        help="print counts of why labels were missed and records spurious (no text: fit for a set nobody reads)",
    )
    ap.add_argument(
        "--rules-only",
        action="store_true",
        help="read without the learned candidate scoring (etl/bulletins/learned.py), to compare",
    )
    sel = ap.add_mutually_exclusive_group()
    sel.add_argument("--fold", type=_fold_arg, metavar="K/N", help="score only the documents of fold K of N")
    sel.add_argument("--exclude-fold", type=_fold_arg, metavar="K/N", help="score every document but those of fold K")
    ap.add_argument("--folds", type=int, metavar="N", help="also print the aggregate figures of each of N folds")
    for f in ("record",) + FIELDS:
        ap.add_argument(
            f"--min-{f.replace('_', '-')}-f1",
            type=float,
            default=None,
            dest=f"min_{f}_f1",
            help=f"fail (exit 1) when the strict {f} F1 is below this",
        )
    return ap


class _BadInput(Exception):
    pass


def _read_sets(
    args, sentences: dict[str, list[Told]] | None = None, codes: dict[str, set[str]] | None = None
) -> tuple[list[Row], list[Row], list[str]]:
    """Labels and extracted rows of every --docs/--labels pair (a document name may occur in one set only);
    ``sentences`` and ``codes`` as `extract_docs` fills them."""
    if len(args.docs) != len(args.labels):
        raise _BadInput("give one --labels for each --docs")
    gold: list[Row] = []
    pred: list[Row] = []
    problems: list[str] = []
    seen: dict[str, Path] = {}
    for docs, labels in zip(args.docs, args.labels, strict=True):
        if not docs.is_dir():
            raise _BadInput(f"--docs {docs}: not a folder")
        try:
            g = load_labels(labels)
        except (OSError, ValueError) as exc:
            raise _BadInput(str(exc)) from exc
        p, probs = extract_docs(docs, {x.doc for x in g} if args.labelled_only else None, sentences, codes)
        for name in {x.doc for x in g} | {x.doc for x in p}:
            if seen.setdefault(name, docs) != docs:
                raise _BadInput(f"document {name} is in both {seen[name]} and {docs}")
        gold += g
        pred += p
        problems += probs
    return gold, pred, problems


def _print_folds(pred: list[Row], gold: list[Row], n: int) -> None:
    for k in range(n):
        sub = score([r for r in pred if fold_of(r.doc, n) == k], [r for r in gold if fold_of(r.doc, n) == k])
        print(
            f"fold {k}/{n}: docs {sub['docs']:>3}  labels {sub['records']['tp'] + sub['records']['fn']:>3}  "
            + _headline(sub)
        )


def _failures(args, result: dict) -> list[str]:
    failed = []
    for f in ("record",) + FIELDS:
        threshold = getattr(args, f"min_{f}_f1")
        got = result["records"]["f1"] if f == "record" else result["fields"][f]["f1"]
        if threshold is not None and got < threshold:
            failed.append(f"{f} F1 {got:.3f} < {threshold}")
    return failed


def main(argv: list[str] | None = None) -> int:
    """Command line entry point; returns the exit status."""
    args = _parser().parse_args(argv)
    from etl.bulletins import learned

    sentences: dict[str, list[Told]] | None = {} if args.classes else None
    codes: dict[str, set[str]] | None = {} if args.classes else None
    try:
        with learned.using(None) if args.rules_only else nullcontext():
            gold, pred, problems = _read_sets(args, sentences, codes)
    except _BadInput as exc:
        print(f"evaluate: {exc}", file=sys.stderr)
        return 2
    chosen = args.fold or args.exclude_fold
    if chosen:
        k, n = chosen
        keep = (lambda d: fold_of(d, n) == k) if args.fold else (lambda d: fold_of(d, n) != k)
        gold = [r for r in gold if keep(r.doc)]
        pred = [r for r in pred if keep(r.doc)]
        problems = [p for p in problems if keep(p.split(":", 1)[0])]
    result = score(pred, gold)
    print(_format(result))
    loose = score(pred, gold, loose=True)
    print(
        f"(old loose matching, not the headline: record F1 {loose['records']['f1']:.3f}, "
        f"region {loose['fields']['region']['f1']:.3f}, date {loose['fields']['date']['f1']:.3f})"
    )
    if args.folds:
        _print_folds(pred, gold, args.folds)
    if args.verbose:
        for doc, c in result["per_doc"].items():
            print(f"  {doc}: extracted {c['extracted']}, labelled {c['labelled']}, matched {c['matched']}")
        for p in problems:
            print(f"  problem: {p}")
    if args.classes:
        print(_format_classes(error_classes(pred, gold, result, sentences, codes)))
    if args.explain:
        print(explain(pred, gold, result))
    failed = _failures(args, result)
    for msg in failed:
        print(f"below target: {msg}", file=sys.stderr)
    if args.json:
        out = {k: v for k, v in result.items() if k != "per_doc"}
        out["loose_records"] = loose["records"]
        out["passed"] = not failed
        print(json.dumps(out, ensure_ascii=False))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
