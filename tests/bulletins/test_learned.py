"""The learned scoring of candidate events (etl/bulletins/learned.py) and its training (train.py).

Bulletins here are written for these tests (invented bodies, places used only as places).
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from domain.gazetteer import Gazetteer
from etl.bulletins import extract_text, learned
from etl.bulletins.cleaning import clean_paragraphs
from etl.bulletins.extract import build_context, extract_records
from etl.bulletins.learned import FEATURES, PLACE_FEATURES, Model

SHARED = Path(__file__).resolve().parents[2].parent / "shared"

# The rules read the headline as the event (no place in it); a body sentence of the same day names the city
# (and a body of another province: the story's places lie in no one city, `places.story_city`).
TRAINING_DAY = (
    "2023年长江流域企业质量负责人研修班今日开班\n"
    "发布时间：2023-10-12\n"
    "为推动流域质量协作，10月12日，江苏省质量协会牵头的2023年长江流域企业质量负责人研修班在武汉市开班。\n"
    "来自沿江七省的企业负责人80余人参加研修。\n"
)
# Two dated events in two paragraphs; the second told after a plain background sentence.
TWO_EVENTS = (
    "嘉定区开展质量月系列活动\n"
    "9月3日，嘉定区市场监管局在文化广场举办质量月启动仪式，300余名市民参加。\n"
    "每年9月全国各地都开展质量月宣传活动。\n"
    "2024年9月18日，区市场监管局在滨江社区举办计量惠民咨询活动。\n"
)


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    return Gazetteer.load()


def _ctx_drafts(text: str, gz: Gazetteer):
    ctx = build_context("own.txt", clean_paragraphs(text), None, gz)
    with learned.using(None):
        drafts, _ = extract_records(ctx, gz)
    return ctx, drafts


def _always(adds: bool = False, place: float | None = None) -> Model:
    return Model({}, 8.0, 0.9, adds, None if place is None else {}, place or 0.0)


def _never(adds: bool = False) -> Model:
    return Model({}, -8.0, 0.9, adds)


def test_score_is_the_logistic_of_the_weighted_sum():
    m = Model({"event_verb": 1.5, "in_title": -2.0}, -0.5, 0.6)
    z = -0.5 + 1.5 * 1.0 - 2.0 * 0.0
    assert m.score({"event_verb": 1.0, "in_title": 0.0}) == pytest.approx(1 / (1 + math.exp(-z)))
    assert m.score({}) == pytest.approx(1 / (1 + math.exp(0.5)))
    assert 0.0 < Model({}, -1000.0, 0.5).score({}) < 1e-12  # no overflow


def test_model_file_round_trip_and_mismatch(tmp_path):
    m = Model({f: 0.1 * i for i, f in enumerate(FEATURES)}, -1.25, 0.7, adds=True)
    assert Model.from_json(json.loads(json.dumps(m.to_json()))) == m  # without a place model
    m = Model(m.weights, m.bias, m.threshold, True, {f: -0.5 * i for i, f in enumerate(PLACE_FEATURES)}, 0.25)
    back = Model.from_json(json.loads(json.dumps(m.to_json())))
    assert back == m
    data = m.to_json()
    data["features"] = data["features"][:-1]
    with pytest.raises(ValueError, match="features differ"):
        Model.from_json(data)
    data = m.to_json()
    data["place"]["features"] = data["place"]["features"][1:]
    with pytest.raises(ValueError, match="place features differ"):
        Model.from_json(data)
    path = tmp_path / "m.json"
    path.write_text(json.dumps(m.to_json()), encoding="utf-8")
    assert learned.load_model(path) == m
    assert learned.load_model(tmp_path / "missing.json") is None


def test_committed_model_loads_with_every_feature():
    m = learned.load_model()
    assert m is not None and set(m.weights) == set(FEATURES) and set(m.place_weights) == set(PLACE_FEATURES)
    assert 0.5 <= m.threshold <= 1.0
    assert m.adds is False  # cross-validated, adding records cost precision (README)


def test_candidates_leave_out_the_rules_sentences_and_read_features(gz):
    ctx, drafts = _ctx_drafts(TRAINING_DAY, gz)
    assert len(drafts) == 1 and drafts[0].region is None
    found = learned.candidates(ctx, gz, drafts)
    texts = [c.sentence.text for c in found]
    assert drafts[0].sentence.text not in texts
    body = next(c for c in found if "武汉市" in c.sentence.text)
    f = body.features
    assert set(f) == set(FEATURES)
    assert f["in_title"] == 0.0 and f["in_opening"] == 0.0 and f["in_closing"] == 0.0
    assert f["own_date_day"] == 1.0 and f["own_place"] == 1.0 and f["activity_word"] == 1.0
    assert f["purpose_word"] == 1.0 and f["draft_day"] == 1.0 and f["draft_region"] == 1.0
    assert f["draft_new_region"] == 1.0 and f["draft_new_date"] == 0.0  # same day as the headline's event
    assert body.draft.region.surface == "武汉市"
    with_taken = learned.candidates(ctx, gz, drafts, with_taken=True)
    head = next(c for c in with_taken if c.taken)
    assert head.sentence.text == drafts[0].sentence.text and head.others == []
    assert ctx.title is None and head.features["in_opening"] == 1.0  # no title told apart: the first line opens
    assert [c.sentence.text for c in learned.candidates(ctx, gz, drafts, dated_only=True)] == [
        c.sentence.text for c in found if c.features["own_date_day"] or c.features["own_date_month"]
    ]


def test_background_sentence_features(gz):
    ctx, drafts = _ctx_drafts(TWO_EVENTS, gz)
    feats = {c.sentence.text: c.features for c in learned.candidates(ctx, gz, drafts, with_taken=True)}
    habitual = next(f for t, f in feats.items() if t.startswith("每年"))
    assert habitual["habitual_word"] == 1.0 and habitual["campaign_word"] == 1.0
    second = next(f for t, f in feats.items() if t.startswith("2024年9月18日"))
    assert second["date_opens"] == 1.0 and second["in_closing"] == 1.0 and second["position"] > 0.5


def test_a_place_left_empty_is_filled_from_a_sentence_of_the_same_day(gz):
    with learned.using(None):
        alone = extract_text(TRAINING_DAY, "own.txt", gazetteer=gz).records
    assert [(r.city, r.start_date.isoformat()) for r in alone] == [(None, "2023-10-12")]
    with learned.using(_always()):
        filled = extract_text(TRAINING_DAY, "own.txt", gazetteer=gz).records
    assert [(r.province, r.city, r.start_date.isoformat()) for r in filled] == [("湖北省", "武汉市", "2023-10-12")]
    with learned.using(_never()):
        kept = extract_text(TRAINING_DAY, "own.txt", gazetteer=gz).records
    assert [r.city for r in kept] == [None]


def test_adds_only_when_the_model_says_so_and_never_a_known_event_twice(gz):
    ctx, drafts = _ctx_drafts(TRAINING_DAY, gz)
    assert learned.recovered(ctx, gz, drafts, _always(adds=False)) == []
    ctx, drafts = _ctx_drafts(TRAINING_DAY, gz)
    added = learned.recovered(ctx, gz, drafts, _always(adds=True))
    # the headline's draft took the body's place, so the body sentence (same place, same day) is no new event
    assert drafts[0].region is not None and added == []
    ctx, drafts = _ctx_drafts(TWO_EVENTS, gz)
    keys = {(d.region.surface if d.region else None, d.start) for d in drafts}
    added = learned.recovered(ctx, gz, drafts, _always(adds=True))
    assert all((d.region.surface, d.start) not in keys for d in added)
    assert learned.recovered(ctx, gz, drafts, _never(adds=True)) == []


def test_fit_is_deterministic_and_sets_a_threshold():
    from etl.bulletins.train import Example, fit, same_model

    def place(share: float, pos: bool) -> Example:
        f = dict.fromkeys(PLACE_FEATURES, 0.0)
        f["share_of_others"] = share
        return Example("own.txt", True, f, pos, kind="place")

    def ex(verb: float, day: float, pos: bool, taken: bool = False) -> Example:
        f = dict.fromkeys(FEATURES, 0.0)
        f["event_verb"], f["draft_day"] = verb, day
        return Example("own.txt", True, f, pos, taken)

    data = [ex(1, 1, True, True)] * 6 + [ex(1, 1, True)] * 3 + [ex(0, 0, False)] * 8 + [ex(1, 0, False)] * 3
    assert fit(data).place_weights is None
    data += [place(1.0, True)] * 4 + [place(0.0, False)] * 4 + [place(0.5, True), place(0.5, False)]
    a, b = fit(data), fit(list(data))
    assert a.place_weights["share_of_others"] > 0
    assert same_model(a, b) and a == b
    assert a.weights["event_verb"] > 0 and a.weights["draft_day"] > 0
    assert a.score(ex(1, 1, True).features) >= a.threshold > a.score(ex(0, 0, False).features)
    assert not same_model(a, Model(dict(a.weights, event_verb=a.weights["event_verb"] + 0.01), a.bias, a.threshold))
    with pytest.raises(ValueError, match="one class"):
        fit([ex(0, 0, False)] * 3)


@pytest.mark.skipif(not (SHARED / "corpus" / "raw").is_dir(), reason="../shared/corpus not present")
def test_committed_model_is_what_training_on_the_repo_data_gives(capsys):
    from etl.bulletins import train

    assert train.main(["--check", "--shared", str(SHARED)]) == 0, capsys.readouterr().out


def test_evaluate_rules_only_reads_without_the_model(tmp_path, capsys):
    from etl import evaluate

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "own.txt").write_text(TRAINING_DAY, encoding="utf-8")
    labels = tmp_path / "labels.csv"
    labels.write_text(
        "doc,region_province,region_city,region_district,date,campaign,activity_type,organizer,organizer_type,"
        "industry,participants,participants_unit,participants_qualifier,mode,evidence\n"
        "own.txt,湖北省,武汉市,,2023-10-12,other,training,,,,80,people,at_least,onsite,\n",
        encoding="utf-8",
    )
    figures = {}
    for flag in ([], ["--rules-only"]):
        with learned.using(_always()):
            evaluate.main(["--docs", str(docs), "--labels", str(labels), "--json", *flag])
        figures[bool(flag)] = json.loads(capsys.readouterr().out.strip().splitlines()[-1])["fields"]["region"]["f1"]
    assert figures == {False: 1.0, True: 0.0}


def test_a_day_left_empty_is_filled_from_a_sentence_of_the_same_place(gz):
    ctx, drafts = _ctx_drafts(TWO_EVENTS, gz)
    drafts = drafts[:1]  # the later dated sentence becomes a candidate
    first = drafts[0]
    place = first.region.resolution.region.adcode
    same_place = [
        c
        for c in learned.candidates(ctx, gz, drafts, dated_only=True)
        if c.draft.region is not None and c.draft.region.resolution.region.adcode == place and c.draft.start
    ]
    assert same_place, "the own text must hold a dated sentence of the same place"
    first.start = first.end = first.precision = None  # as if the rules had found no day
    learned.recovered(ctx, gz, drafts, _always())
    assert (first.start, first.precision) == (same_place[0].draft.start, same_place[0].draft.precision)
    first.start = first.end = first.precision = None
    learned.recovered(ctx, gz, drafts, _never())
    assert first.start is None


def test_places_the_rest_of_the_report_offers(gz):
    ctx, drafts = _ctx_drafts(TWO_EVENTS, gz)
    first, second = drafts[:2]
    offered = learned.place_candidates(ctx, gz, second, [first])
    assert [m.surface for m, _ in offered] == ["嘉定区"]
    f = offered[0][1]
    assert set(f) == set(PLACE_FEATURES)
    assert f["share_of_others"] == 1.0 and f["nearest"] == 1.0 and f["level_district"] == 1.0
    assert f["is_scope"] == 1.0 and f["in_title"] == 1.0 and f["same_paragraph"] == 0.0
    assert f["draft_day"] == 1.0 and f["others_several"] == 0.0


def test_a_draft_without_a_place_takes_the_one_the_place_model_prefers(gz):
    ctx, drafts = _ctx_drafts(TWO_EVENTS, gz)
    drafts[1].region = None  # as if the rules had found no place for the second event
    learned.recovered(ctx, gz, drafts, _always(place=8.0))
    assert drafts[1].region is not None and drafts[1].region.surface == "嘉定区"
    drafts[1].region = None
    learned.recovered(ctx, gz, drafts, _always(place=-8.0))
    assert drafts[1].region is None
    learned.recovered(ctx, gz, drafts, _always())  # no place model: nothing offered
    assert drafts[1].region is None


def test_cv_own_reads_each_own_set_with_models_trained_without_it(monkeypatch, capsys, gz):
    from etl.bulletins import train
    from etl.evaluate import load_labels

    fixtures = Path(__file__).resolve().parents[1] / "fixtures"
    held, other = fixtures / "bulletins_reader3_fresh", fixtures / "bulletins_reader_multi"
    gold = load_labels(other / "labels.csv")
    examples = [
        e
        for name in sorted({g.doc for g in gold})
        for e in train.examples_of(other / name, [g for g in gold if g.doc == name], gz, False)
    ]
    seen: list[set[str]] = []
    real_fit = train.fit
    monkeypatch.setattr(train, "fit", lambda ex: seen.append({e.doc for e in ex}) or real_fit(ex))
    monkeypatch.setattr(train, "labelled_sets", lambda shared: [(held / "labels.csv", held, False)])
    train.cross_validate_own(SHARED, examples)
    out = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in out] == [
        f"own sets, each left out, {k}" for k in ("rules", "model", "model+adds")
    ]
    assert all("record " in line for line in out)
    held_docs = {g.doc for g in load_labels(held / "labels.csv")}
    assert len(seen) == 1 and seen[0] and not (seen[0] & held_docs)


# An out-of-repo labelled set for `train --extra-docs/--extra-labels`, written here: two invented reports,
# split by etl.evaluate.fold_of into fold 0 (a.txt) and fold 1 (c.txt) of 2.
EXTRA_DOCS = {
    "a.txt": (
        "岳阳市举办质量月计量服务进企业活动\n"
        "2024年9月14日，岳阳市市场监管局在经开区举办计量服务进企业活动，为20家企业免费校准仪器。\n"
    ),
    "c.txt": ("绵阳市召开质量提升推进会\n2024年9月20日，绵阳市在科技城会议中心召开质量提升推进会，120余人参加会议。\n"),
}
EXTRA_LABELS = (
    "doc,region_province,region_city,region_district,date,campaign,activity_type,organizer,organizer_type,"
    "industry,participants,participants_unit,participants_qualifier,mode,evidence\n"
    "a.txt,湖南省,岳阳市,,2024-09-14,quality_month,service_consultation,,,,,,,onsite,\n"
    "c.txt,四川省,绵阳市,,2024-09-20,quality_month,meeting,,,,120,people,at_least,onsite,\n"
)


def _extra_set(tmp_path: Path) -> tuple[Path, Path]:
    docs = tmp_path / "extra"
    docs.mkdir()
    for name, text in EXTRA_DOCS.items():
        (docs / name).write_text(text, encoding="utf-8")
    labels = tmp_path / "extra_labels.csv"
    labels.write_text(EXTRA_LABELS, encoding="utf-8")
    return docs, labels


def _repo_set_only(monkeypatch):
    """The training's repo data cut down to one own set, so the test needs no ../shared."""
    from etl.bulletins import train

    own = Path(__file__).resolve().parents[1] / "fixtures" / "bulletins_reader_multi"
    monkeypatch.setattr(train, "labelled_sets", lambda shared: [(own / "labels.csv", own, False)])


def test_extra_sets_are_checked_and_marked_as_extra(tmp_path, monkeypatch):
    from etl.bulletins import train
    from etl.evaluate import fold_of

    assert [fold_of(n, 2) for n in EXTRA_DOCS] == [0, 1]
    docs, labels = _extra_set(tmp_path)
    with pytest.raises(ValueError, match="one --extra-labels for each --extra-docs"):
        train.check_extra([docs], [])
    with pytest.raises(ValueError, match="not a folder"):
        train.check_extra([tmp_path / "missing"], [labels])
    with pytest.raises(ValueError, match="no such file"):
        train.check_extra([docs], [tmp_path / "missing.csv"])
    extra = train.check_extra([docs], [labels])
    _repo_set_only(monkeypatch)
    plain = train.build_examples(tmp_path)
    both = train.build_examples(tmp_path, extra)
    assert not any(e.extra for e in plain)
    added = both[len(plain) :]
    assert both[: len(plain)] == plain and added
    assert all(e.extra and not e.dev and e.doc in EXTRA_DOCS for e in added)
    assert any(e.positive for e in added)


def test_train_with_extra_sets_never_writes_the_committed_model(tmp_path, monkeypatch, capsys):
    from etl.bulletins import train

    docs, labels = _extra_set(tmp_path)
    shared = tmp_path / "shared"
    for s in train.DEV_SETS:
        (shared / s / "raw").mkdir(parents=True)
    _repo_set_only(monkeypatch)
    committed = learned.MODEL_PATH.read_bytes()
    extra = ["--shared", str(shared), "--extra-docs", str(docs), "--extra-labels", str(labels)]
    assert train.main(extra) == 2
    assert train.main([*extra, "--check"]) == 2
    assert train.main(["--shared", str(shared), "--extra-docs", str(docs)]) == 2
    assert train.main(["--shared", str(shared), "--cv-extra", "2"]) == 2
    err = capsys.readouterr().err
    assert "not reproducible from the repo" in err and "one --extra-labels" in err and "--cv-extra needs" in err
    assert learned.MODEL_PATH.read_bytes() == committed
    out = tmp_path / "model.json"
    assert train.main([*extra, "--out", str(out), "--adds"]) == 0
    model = Model.from_json(json.loads(out.read_text(encoding="utf-8")))
    assert model.adds and set(model.weights) == set(FEATURES)
    assert "from extra sets" in capsys.readouterr().out


def test_cv_extra_reads_each_extra_fold_with_models_trained_without_it(tmp_path, monkeypatch, capsys):
    from etl.bulletins import train

    docs, labels = _extra_set(tmp_path)
    extra = train.check_extra([docs], [labels])
    _repo_set_only(monkeypatch)
    examples = train.build_examples(tmp_path, extra)
    seen: list[set[str]] = []
    real_fit = train.fit
    monkeypatch.setattr(train, "fit", lambda ex: seen.append({e.doc for e in ex if e.extra}) or real_fit(ex))
    train.cross_validate_extra(extra, 2, examples)
    out = capsys.readouterr().out.splitlines()
    # the repo-only model, then one model per fold trained without that fold's documents
    assert seen == [set(), {"c.txt"}, {"a.txt"}]
    assert [line.split(" (")[0] for line in out[:2]] == ["extra fold 0/2", "extra fold 1/2"]
    assert [line.split(":")[0] for line in out[2:]] == [
        f"extra, all folds, {k}" for k in ("rules", "repo model", "model", "model+adds")
    ]
    assert all("labels 1," in line for line in out[:2]) and all("record " in line for line in out)
