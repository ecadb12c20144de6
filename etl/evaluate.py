"""Score the bulletin extractor against hand-made labels.

Usage::

    python -m etl evaluate --docs DIR --labels FILE [--json] [--min-record-f1 0.85] ...
    python -m etl.evaluate  (same arguments)

Labels follow /work/shared/corpus/LABELS.md: one row per activity, columns doc, region_province,
region_city, region_district, date (YYYY-MM-DD / YYYY-MM / YYYY), campaign, activity_type, ...,
participants, participants_unit, participants_qualifier.

Definitions (grain: one labelled or extracted record; documents are scored separately and the
counts summed over documents):

* **Matching.** Within one document, every (extracted, labelled) pair gets a similarity: the
  number of the key fields region, date and activity_type on which they agree (two empty values
  agree), plus 0.5 when participants agree. Pairs are taken greedily from the most similar down,
  each record used at most once; a pair needs at least 2 agreeing key fields.
* **Record P/R/F1.** precision = matched pairs / extracted records, recall = matched pairs /
  labelled records, F1 their harmonic mean.
* **Field P/R/F1** (region, date, activity_type, participants). Over matched pairs and unmatched
  records: a field value is a true positive when both sides are non-empty and equal; a false
  positive when the extracted value is non-empty and differs from the label (including an empty
  label, or an unmatched extracted record); a false negative when the label is non-empty and the
  extracted value differs or is empty (including an unmatched label). Two empty values count for
  nothing. region compares (province, city, district); date compares the ISO string at the
  extracted precision (day / month / year); participants compares (count, unit, qualifier).
  activity_type 'other' is a value like any other.

Exit status: 0, or 1 when a ``--min-*`` threshold is given and not met, 2 on bad input.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

FIELDS = ("region", "date", "activity_type", "participants")
KEY_FIELDS = ("region", "date", "activity_type")


@dataclass(frozen=True)
class Row:
    """The compared values of one record (labelled or extracted)."""

    doc: str
    region: tuple[str, str, str] | None
    date: str | None
    activity_type: str | None
    participants: tuple[int, str, str] | None


def _none(v) -> str | None:
    v = (v or "").strip() if isinstance(v, str) or v is None else str(v)
    return v or None


def row_from_label(rec: dict) -> Row:
    """A labels.csv row as a `Row`."""
    region = tuple(_none(rec.get(k)) or "" for k in ("region_province", "region_city", "region_district"))
    count = _none(rec.get("participants"))
    part = None
    if count is not None:
        part = (int(float(count)), _none(rec.get("participants_unit")) or "", _none(rec.get("participants_qualifier")) or "")
    return Row(rec["doc"].strip(), region if any(region) else None, _none(rec.get("date")),
               _none(rec.get("activity_type")), part)


def row_from_record(doc: str, r) -> Row:
    """An `ActivityRecord` as a `Row` (date written at its precision)."""
    region = (r.province or "", r.city or "", r.district or "")
    date = None
    if r.start_date is not None:
        iso = r.start_date.isoformat()
        date = {"day": iso, "month": iso[:7], "year": iso[:4]}.get(r.date_precision or "day", iso)
    part = (int(r.participants), r.participants_unit or "", r.participants_qualifier or "") \
        if r.participants is not None else None
    return Row(doc, region if any(region) else None, date, r.activity_type, part)


def similarity(a: Row, b: Row) -> float:
    """Agreeing key fields (empty == empty counts), plus 0.5 for agreeing participants."""
    score = sum(1.0 for f in KEY_FIELDS if getattr(a, f) == getattr(b, f))
    return score + (0.5 if a.participants == b.participants else 0.0)


def match_doc(pred: list[Row], gold: list[Row]) -> list[tuple[int, int]]:
    """Greedy one-to-one matching of extracted to labelled rows of one document."""
    cands = []
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            key_agree = sum(1 for f in KEY_FIELDS if getattr(p, f) == getattr(g, f))
            if key_agree >= 2:
                cands.append((-similarity(p, g), i, j))
    cands.sort()
    used_p, used_g, pairs = set(), set(), []
    for _, i, j in cands:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return pairs


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    if tp + fp + fn == 0:
        p = r = f = 1.0  # nothing to find and nothing found
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


def score(pred_rows: Iterable[Row], gold_rows: Iterable[Row]) -> dict:
    """Record and field metrics (see the module docstring for the definitions)."""
    by_doc_p: dict[str, list[Row]] = {}
    by_doc_g: dict[str, list[Row]] = {}
    for r in pred_rows:
        by_doc_p.setdefault(r.doc, []).append(r)
    for r in gold_rows:
        by_doc_g.setdefault(r.doc, []).append(r)
    rec_tp = rec_fp = rec_fn = 0
    counts = {f: [0, 0, 0] for f in FIELDS}
    per_doc = {}
    for doc in sorted(set(by_doc_p) | set(by_doc_g)):
        pred, gold = by_doc_p.get(doc, []), by_doc_g.get(doc, [])
        pairs = match_doc(pred, gold)
        rec_tp += len(pairs)
        rec_fp += len(pred) - len(pairs)
        rec_fn += len(gold) - len(pairs)
        per_doc[doc] = {"extracted": len(pred), "labelled": len(gold), "matched": len(pairs)}
        mp = {i for i, _ in pairs}
        mg = {j for _, j in pairs}
        for f in FIELDS:
            c = counts[f]
            for i, j in pairs:
                pv, gv = getattr(pred[i], f), getattr(gold[j], f)
                if pv is not None and gv is not None and pv == gv:
                    c[0] += 1
                else:
                    if pv is not None:
                        c[1] += 1
                    if gv is not None:
                        c[2] += 1
            c[1] += sum(1 for i, p in enumerate(pred) if i not in mp and getattr(p, f) is not None)
            c[2] += sum(1 for j, g in enumerate(gold) if j not in mg and getattr(g, f) is not None)
    return {"records": _prf(rec_tp, rec_fp, rec_fn), "fields": {f: _prf(*counts[f]) for f in FIELDS},
            "docs": len(per_doc), "per_doc": per_doc}


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


def extract_docs(docs: Path, names: set[str] | None = None) -> tuple[list[Row], list[str]]:
    """Run the extractor over every bulletin in `docs` (or only those in `names`)."""
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
    return rows, problems


def _format(result: dict) -> str:
    lines = [f"documents: {result['docs']}"]
    head = f"{'':<16}{'precision':>10}{'recall':>10}{'F1':>8}{'tp':>6}{'fp':>6}{'fn':>6}"
    lines.append(head)
    items = [("records", result["records"])] + [(f, m) for f, m in result["fields"].items()]
    for name, m in items:
        lines.append(f"{name:<16}{m['precision']:>10.3f}{m['recall']:>10.3f}{m['f1']:>8.3f}{m['tp']:>6}{m['fp']:>6}{m['fn']:>6}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command line entry point; returns the exit status."""
    ap = argparse.ArgumentParser(prog="python -m etl evaluate", description=__doc__.split("\n")[0])
    ap.add_argument("--docs", required=True, type=Path, help="folder of bulletins (.txt/.html/.htm/.docx)")
    ap.add_argument("--labels", required=True, type=Path, help="labels.csv (see LABELS.md)")
    ap.add_argument("--json", action="store_true", help="also print the metrics as one JSON object on the last line")
    ap.add_argument("--all-docs", action="store_true", help="score every file in --docs, not only labelled ones")
    ap.add_argument("--verbose", action="store_true", help="print per-document counts and extraction problems")
    for f in ("record",) + FIELDS:
        ap.add_argument(f"--min-{f.replace('_', '-')}-f1", type=float, default=None, dest=f"min_{f}_f1",
                        help=f"fail (exit 1) when the {f} F1 is below this")
    args = ap.parse_args(argv)
    if not args.docs.is_dir():
        print(f"evaluate: --docs {args.docs}: not a folder", file=sys.stderr)
        return 2
    try:
        gold = load_labels(args.labels)
    except (OSError, ValueError) as exc:
        print(f"evaluate: {exc}", file=sys.stderr)
        return 2
    names = None if args.all_docs else {g.doc for g in gold}
    pred, problems = extract_docs(args.docs, names)
    result = score(pred, gold)
    print(_format(result))
    if args.verbose:
        for doc, c in result["per_doc"].items():
            print(f"  {doc}: extracted {c['extracted']}, labelled {c['labelled']}, matched {c['matched']}")
        for p in problems:
            print(f"  problem: {p}")
    failed = []
    for f in ("record",) + FIELDS:
        threshold = getattr(args, f"min_{f}_f1")
        got = result["records"]["f1"] if f == "record" else result["fields"][f]["f1"]
        if threshold is not None and got < threshold:
            failed.append(f"{f} F1 {got:.3f} < {threshold}")
    for msg in failed:
        print(f"below target: {msg}", file=sys.stderr)
    if args.json:
        out = {k: v for k, v in result.items() if k != "per_doc"}
        out["passed"] = not failed
        print(json.dumps(out, ensure_ascii=False))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
