"""Train the learned models (etl/bulletins/event_model.json: events and places) from the labelled bulletins.

    python -m etl.bulletins.train                 # write event_model.json from the repo's data
    python -m etl.bulletins.train --check         # exit 1 when the committed file differs
    python -m etl.bulletins.train --cv 5          # cross-validate over the dev corpora's folds
    python -m etl.bulletins.train --cv-own        # each own set read by models trained without it
    python -m etl.bulletins.train --extra-docs DIR --extra-labels CSV --cv-extra 2
                                                  # each fold of an out-of-repo labelled set read by
                                                  # models trained on the repo's data and its other folds
    python -m etl.bulletins.train --extra-docs DIR --extra-labels CSV --out FILE [--adds]
                                                  # a model trained also on that set, written elsewhere

Training data: every labelled set the repository can reproduce — the dev corpora in ../shared
(corpus, corpus-2) and the team's own sets under tests/fixtures/bulletins_*/ (each a labels.csv
beside its bulletins). For each document the rules read it first; then every sentence that names
an activity or an event verb is a candidate (etl.bulletins.learned.candidates), the rules' own
event sentences included, each seen as if the rules had not found it (its features relate it to the
other drafts only). A candidate is positive when its draft, as a record, pairs with one of the
document's labels that the other drafts' records leave unpaired (strict pairing, etl.evaluate),
negative otherwise: a sentence telling an event the rules already hold again is no gain. Candidates whose
place or day is unresolved, or whose (place, day, kind) another draft already has, are left out: the
reader never adds those. The place model's examples are leave-one-out too: each draft whose record
pairs with a label, seen as if it had no place; a place the report's other drafts have
(etl.bulletins.learned.place_candidates) is positive when the record placed there still pairs.

The event model is an L2-regularised logistic regression (scikit-learn, a training-time dependency only;
reading applies the JSON weights with plain Python). Its threshold for adding a record is the one
maximising pairs won minus records added wrongly over the sentences the rules left alone, never
below 0.5; adding is off in the committed model (``adds``), as cross-validation showed it to cost
precision. Weights are rounded so the file is the same on every machine; `--check` and the test
suite compare it within that rounding.

`--cv K` assigns the dev corpora's documents to K folds (etl.evaluate.fold_of, as `evaluate
--folds K`), trains on the other folds plus the own sets (and any --extra sets), reads the held-out fold with that model,
and prints each fold's strict figures with the rules alone, with the models, and with the models
adding records. `--cv-own` does the same leaving out one own set at a time.

`--extra-docs DIR --extra-labels CSV` (repeatable, in pairs) adds labelled sets from outside the
repository to the training data. A model trained on them is not reproducible from the repository, so
it is never written over the committed event_model.json (give `--out`) and `--check` refuses them.
`--cv-extra K` splits the extra sets' documents into K folds (etl.evaluate.fold_of) and reads each
fold with the rules alone, with a model trained on the repo's data only, and with a model trained on
the repo's data plus the other extra folds (with and without adding records).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from domain.gazetteer import Gazetteer

from .learned import FEATURES, MODEL_PATH, PLACE_FEATURES, Model, candidates, event_key, place_candidates, using

ROOT = Path(__file__).resolve().parents[2]
DEV_SETS = ("corpus", "corpus-2")
DIGITS = 4  # weights are stored rounded to this many decimals


@dataclass
class Example:
    doc: str
    dev: bool  # a document of the dev corpora (the folds of --cv), else an own set
    features: dict[str, float]
    positive: bool
    taken: bool = False  # a sentence the rules read as an event (seen as if they had not)
    kind: str = "event"  # 'event': a candidate sentence; 'place': a place offered to a draft
    extra: bool = False  # from a labelled set outside the repository (--extra-docs)


def labelled_sets(shared: Path) -> list[tuple[Path, Path, bool]]:
    """(labels.csv, folder of its bulletins, is a dev corpus) for every set the repo can reproduce."""
    sets = [(shared / s / "labels.csv", shared / s / "raw", True) for s in DEV_SETS if (shared / s / "raw").is_dir()]
    for labels in sorted((ROOT / "tests" / "fixtures").glob("bulletins_*/**/labels.csv")):
        sets.append((labels, labels.parent, False))
    return sets


def _files(folder: Path) -> dict[str, Path]:
    from etl.bulletins import SUPPORTED_SUFFIXES

    return {p.name: p for p in sorted(folder.rglob("*")) if p.suffix.lower() in SUPPORTED_SUFFIXES}


def read_doc(path: Path, gz: Gazetteer):
    """(ctx, rule drafts, records) of one bulletin, read by the rules alone."""
    from etl.bulletins.cleaning import clean_paragraphs
    from etl.bulletins.dedupe import dedupe
    from etl.bulletins.extract import build_context, extract_records, to_record
    from etl.bulletins.reading import read_bulletin

    text, meta = read_bulletin(path)
    lang = (meta.get("LANG") or "").lower()[:2] or None
    paragraphs = clean_paragraphs(text)
    if not paragraphs:
        return None, [], []
    ctx = build_context(path.name, paragraphs, lang if lang in ("zh", "en") else None, gz)
    with using(None):
        drafts, _ = extract_records(ctx, gz)
    records = dedupe([to_record(d, ctx, gz, i) for i, d in enumerate(drafts)])
    return ctx, drafts, records


def examples_of(path: Path, gold: list, gz: Gazetteer, dev: bool) -> list[Example]:
    """The training examples of one labelled bulletin."""
    import copy

    from etl.bulletins.extract import to_record
    from etl.evaluate import key_agrees, match_doc, row_from_record

    ctx, drafts, _ = read_doc(path, gz)
    if ctx is None:
        return []
    out = []
    for c in candidates(ctx, gz, drafts, with_taken=True):
        d = c.draft
        if d.start is None or d.region is None or event_key(d) in {event_key(o) for o in c.others}:
            continue
        # Positive: a label this draft pairs with and the other drafts' records leave unpaired.
        rows = [row_from_record(path.name, to_record(copy.copy(o), ctx, gz, i)) for i, o in enumerate(c.others)]
        paired = {j for _, j in match_doc(rows, gold)}
        row = row_from_record(path.name, to_record(copy.copy(d), ctx, gz, 0))
        wins = any(key_agrees(row, g) for j, g in enumerate(gold) if j not in paired)
        out.append(Example(path.name, dev, c.features, wins, c.taken))
    # Places, leave-one-out: each draft whose record pairs with a label, seen as if it had no place;
    # a place the rest of the report offers is positive when the record placed there still pairs.
    rows = [row_from_record(path.name, to_record(copy.copy(d), ctx, gz, i)) for i, d in enumerate(drafts)]
    for i, j in match_doc(rows, gold):
        d = drafts[i]
        if d.region is None or d.start is None:
            continue
        for m, f in place_candidates(ctx, gz, d, [o for o in drafts if o is not d]):
            moved = copy.copy(d)
            moved.region = m
            row = row_from_record(path.name, to_record(moved, ctx, gz, 0))
            out.append(Example(path.name, dev, f, key_agrees(row, gold[j]), kind="place"))
    return out


def build_examples(shared: Path, extra: list[tuple[Path, Path]] = ()) -> list[Example]:
    """The examples of every set the repo can reproduce, then of each extra (labels.csv, folder) pair."""
    from etl.evaluate import load_labels

    gz = Gazetteer.load()
    out = []
    sets = [(labels, folder, dev, False) for labels, folder, dev in labelled_sets(shared)]
    sets += [(labels, folder, False, True) for labels, folder in extra]
    for labels, folder, dev, is_extra in sets:
        gold = load_labels(labels)
        files = _files(folder)
        for name in sorted({g.doc for g in gold}):
            if name in files:
                got = examples_of(files[name], [g for g in gold if g.doc == name], gz, dev)
                out.extend(dataclasses.replace(e, extra=True) if is_extra else e for e in got)
    return out


def check_extra(docs: list[Path], labels: list[Path]) -> list[tuple[Path, Path]]:
    """The (labels.csv, folder) pairs of --extra-docs/--extra-labels; ValueError naming what is wrong."""
    if len(docs) != len(labels):
        raise ValueError("give one --extra-labels for each --extra-docs")
    for d, lab in zip(docs, labels, strict=True):
        if not d.is_dir():
            raise ValueError(f"--extra-docs {d}: not a folder")
        if not lab.is_file():
            raise ValueError(f"--extra-labels {lab}: no such file")
    return [(lab, d) for d, lab in zip(docs, labels, strict=True)]


def _logistic_fit(examples: list[Example], names: tuple[str, ...]) -> tuple[dict[str, float], float]:
    from sklearn.linear_model import LogisticRegression

    x = [[e.features[f] for f in names] for e in examples]
    y = [int(e.positive) for e in examples]
    if len(set(y)) < 2:
        raise ValueError("training data: the candidates are all of one class; no model can be fitted")
    clf = LogisticRegression(C=1.0, class_weight="balanced", solver="lbfgs", max_iter=5000, tol=1e-8)
    clf.fit(x, y)
    weights = {f: round(float(w), DIGITS) for f, w in zip(names, clf.coef_[0], strict=True)}
    return weights, round(float(clf.intercept_[0]), DIGITS)


def fit(examples: list[Example]) -> Model:
    """The event model and its threshold, and the place model when there are place examples (see
    the module's docstring)."""
    events = [e for e in examples if e.kind == "event"]
    places = [e for e in examples if e.kind == "place"]
    weights, bias = _logistic_fit(events, FEATURES)
    model = Model(weights, bias, 0.5)
    # The threshold is set where the model is used: on sentences the rules left alone.
    scored = sorted(((model.score(e.features), e.positive) for e in events if not e.taken), reverse=True)
    best, threshold, net = 0, 1.0, 0
    for p, pos in scored:
        net += 1 if pos else -1
        if net > best and p >= 0.5:
            best, threshold = net, p
    place_weights, place_bias = _logistic_fit(places, PLACE_FEATURES) if places else (None, 0.0)
    return Model(weights, bias, round(max(0.5, threshold - 1e-6), DIGITS), False, place_weights, place_bias)


def cross_validate(shared: Path, k: int, examples: list[Example]) -> None:
    """Each dev fold read by a model trained without it, beside the rules alone."""
    from etl.evaluate import extract_docs, fold_of, load_labels, score

    gold, folders = [], {}
    for labels, folder, dev in labelled_sets(shared):
        if dev:
            g = load_labels(labels)
            gold += g
            folders.update({x.doc: folder for x in g})
    total = {"rules": [], "model": [], "model+adds": []}
    for fold in range(k):
        names = {d for d in folders if fold_of(d, k) == fold}
        model = fit([e for e in examples if not (e.dev and fold_of(e.doc, k) == fold)])
        g = [r for r in gold if r.doc in names]
        line = []
        plus = dataclasses.replace(model, adds=True)
        for label, m in (("rules", None), ("model", model), ("model+adds", plus)):
            pred = []
            with using(m):
                for folder in sorted(set(folders.values())):
                    pred += extract_docs(folder, {d for d in names if folders[d] == folder})[0]
            total[label] += pred
            s = score(pred, g)
            line.append(f"{label} {_figures(s)}")
        print(f"fold {fold}/{k} (docs {len(names)}, labels {len(g)}, threshold {model.threshold}): " + " | ".join(line))
    for label in total:
        print(f"all folds, {label}: {_figures(score(total[label], gold))}")


def cross_validate_own(shared: Path, examples: list[Example]) -> None:
    """Each own set (tests/fixtures/bulletins_*) read by models trained without it, beside the rules."""
    from etl.bulletins import extract_file
    from etl.evaluate import load_labels, row_from_record, score

    gz = Gazetteer.load()
    total: dict[str, list] = {"rules": [], "model": [], "model+adds": []}
    gold_all = []
    for labels, folder, dev in labelled_sets(shared):
        if dev:
            continue
        gold = load_labels(labels)
        names = {g.doc for g in gold}
        model = fit([e for e in examples if e.dev or e.doc not in names])
        files = _files(folder)
        for label, m in (("rules", None), ("model", model), ("model+adds", dataclasses.replace(model, adds=True))):
            with using(m):
                total[label] += [
                    row_from_record(n, r)
                    for n in sorted(names & set(files))
                    for r in extract_file(files[n], gz).records
                ]
        gold_all += gold
    for label, pred in total.items():
        print(f"own sets, each left out, {label}: {_figures(score(pred, gold_all))}")


def cross_validate_extra(extra: list[tuple[Path, Path]], k: int, examples: list[Example]) -> None:
    """Each of K folds of the extra sets read by the rules alone, by a model trained on the repo's data
    only, and by models trained on the repo's data plus the extra sets' other folds."""
    from etl.evaluate import extract_docs, fold_of, load_labels, score

    gold, folders = [], {}
    for labels, folder in extra:
        g = load_labels(labels)
        gold += g
        folders.update({x.doc: folder for x in g})
    repo_model = fit([e for e in examples if not e.extra])
    runs = ("rules", "repo model", "model", "model+adds")
    total: dict[str, list] = {r: [] for r in runs}
    for fold in range(k):
        names = {d for d in folders if fold_of(d, k) == fold}
        model = fit([e for e in examples if not (e.extra and fold_of(e.doc, k) == fold)])
        g = [r for r in gold if r.doc in names]
        models = dict(zip(runs, (None, repo_model, model, dataclasses.replace(model, adds=True)), strict=True))
        line = []
        for label, m in models.items():
            pred = []
            with using(m):
                for folder in sorted(set(folders.values())):
                    pred += extract_docs(folder, {d for d in names if folders[d] == folder})[0]
            total[label] += pred
            line.append(f"{label} {_figures(score(pred, g))}")
        print(
            f"extra fold {fold}/{k} (docs {len(names)}, labels {len(g)}, threshold {model.threshold}): "
            + " | ".join(line)
        )
    for label in runs:
        print(f"extra, all folds, {label}: {_figures(score(total[label], gold))}")


def _figures(s: dict) -> str:
    r = s["records"]
    f = s["fields"]
    return (
        f"record {r['f1']:.3f} (P {r['precision']:.3f} R {r['recall']:.3f}) region {f['region']['f1']:.3f} "
        f"date {f['date']['f1']:.3f} type {f['activity_type']['f1']:.3f}"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m etl.bulletins.train", description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="folder holding corpus and corpus-2")
    ap.add_argument("--out", type=Path, default=MODEL_PATH, help="where to write the model")
    ap.add_argument("--check", action="store_true", help="compare with the committed model instead of writing it")
    ap.add_argument("--cv", type=int, metavar="K", help="cross-validate over K folds of the dev corpora")
    ap.add_argument("--cv-own", action="store_true", help="cross-validate leaving out one own set at a time")
    ap.add_argument(
        "--extra-docs",
        type=Path,
        action="append",
        default=[],
        metavar="DIR",
        help="bulletins of a labelled set outside the repo to train on too (with --extra-labels; repeatable)",
    )
    ap.add_argument("--extra-labels", type=Path, action="append", default=[], metavar="CSV", help="its labels.csv")
    ap.add_argument("--cv-extra", type=int, metavar="K", help="cross-validate over K folds of the extra sets")
    ap.add_argument("--adds", action="store_true", help="write the model with adding records on")
    args = ap.parse_args(argv)
    if not all((args.shared / s / "raw").is_dir() for s in DEV_SETS):
        print(f"train: {args.shared} holds no corpus/raw and corpus-2/raw", file=sys.stderr)
        return 2
    try:
        extra = check_extra(args.extra_docs, args.extra_labels)
    except ValueError as exc:
        print(f"train: {exc}", file=sys.stderr)
        return 2
    if args.cv_extra and not extra:
        print("train: --cv-extra needs --extra-docs and --extra-labels", file=sys.stderr)
        return 2
    if extra and args.check:
        print("train: --check compares with weights trained on the repo's data only; drop --extra-*", file=sys.stderr)
        return 2
    writes = not (args.check or args.cv or args.cv_own or args.cv_extra)
    if extra and writes and args.out.resolve() == MODEL_PATH.resolve():
        print(
            f"train: a model trained on --extra-* sets is not reproducible from the repo; give --out (not {MODEL_PATH})",
            file=sys.stderr,
        )
        return 2
    examples = build_examples(args.shared, extra)
    for kind in ("event", "place"):
        part = [e for e in examples if e.kind == kind]
        print(
            f"{kind}: {len(part)} candidates, {sum(e.positive for e in part)} positive "
            f"({sum(e.dev for e in part)} from the dev corpora, {sum(e.extra for e in part)} from extra sets)"
        )
    if not writes and not args.check:
        if args.cv:
            cross_validate(args.shared, args.cv, examples)
        if args.cv_own:
            cross_validate_own(args.shared, examples)
        if args.cv_extra:
            cross_validate_extra(extra, args.cv_extra, examples)
        return 0
    model = fit(examples)
    if args.adds:
        model = dataclasses.replace(model, adds=True)
    text = json.dumps(model.to_json(), indent=1) + "\n"
    if args.check:
        committed = Model.from_json(json.loads(args.out.read_text(encoding="utf-8")))
        same = same_model(committed, model)
        print(
            "the committed model matches the data"
            if same
            else f"{args.out} differs from what the data gives: run python -m etl.bulletins.train and commit it"
        )
        return 0 if same else 1
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} (threshold {model.threshold})")
    return 0


def same_model(a: Model, b: Model, tol: float = 2 * 10**-DIGITS) -> bool:
    """Equal within the stored rounding (a last digit may differ between BLAS builds)."""
    pa, pb = a.place_weights or {}, b.place_weights or {}
    return (
        abs(a.bias - b.bias) <= tol
        and abs(a.threshold - b.threshold) <= tol
        and a.adds == b.adds
        and all(abs(a.weights.get(f, 0.0) - b.weights.get(f, 0.0)) <= tol for f in FEATURES)
        and (a.place_weights is None) == (b.place_weights is None)
        and abs(a.place_bias - b.place_bias) <= tol
        and all(abs(pa.get(f, 0.0) - pb.get(f, 0.0)) <= tol for f in PLACE_FEATURES)
    )


if __name__ == "__main__":
    sys.exit(main())
