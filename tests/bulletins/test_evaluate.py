"""Evaluation metrics (strict pairing) on hand-checked cases, on the invented fixtures, and on the shared corpora."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from etl.evaluate import (
    Row,
    Told,
    _format_classes,
    doc_sentences,
    error_classes,
    fold_of,
    key_agrees,
    main,
    score,
    where_told,
)

FIX = Path(__file__).resolve().parent.parent / "fixtures" / "bulletins"
CORPUS = Path("/work/shared/corpus")
SH = ("上海市", "上海市", "徐汇区")
SH_CITY = ("上海市", "上海市", "")


def test_metrics_by_hand():
    gold = [
        Row("d1", SH, "2022-09-01", "forum_conference", (100, "people", "at_least"), organizer="徐汇区市场监管局"),
        Row("d1", SH, "2022-09-05", "training", None),
        Row("d2", None, None, "launch_ceremony", None),
    ]
    pred = [
        Row(
            "d1",
            SH,
            "2022-09-01",
            "forum_conference",
            (100, "people", "exact"),  # paired, count wrong
            organizer="上海市徐汇区市场监督管理局",
        ),  # organiser agrees once normalised
        Row("d1", SH, "2022-09-07", "training", (5, "people", "exact")),  # wrong day: not paired
        Row("d2", None, None, "launch_ceremony", None),
    ]  # empty never agrees with empty
    r = score(pred, gold)
    assert (r["records"]["tp"], r["records"]["fp"], r["records"]["fn"]) == (1, 2, 2)
    assert r["unpairable_labels"] == 1
    assert r["records"]["f1"] == pytest.approx(1 / 3, abs=1e-4)
    # region: pair TP; the unpaired d1 prediction FP, the unpaired d1 label FN; d2 empty on both sides: nothing
    assert (r["fields"]["region"]["tp"], r["fields"]["region"]["fp"], r["fields"]["region"]["fn"]) == (1, 1, 1)
    p = r["fields"]["participants"]
    assert (p["tp"], p["fp"], p["fn"]) == (0, 2, 1)
    # activity type over all records: the unpaired training records are FP and FN although equal
    t = r["fields"]["activity_type"]
    assert (t["tp"], t["fp"], t["fn"]) == (1, 2, 2)
    o = r["fields"]["organizer"]
    assert (o["tp"], o["fp"], o["fn"]) == (1, 0, 0)
    # the old loose matching pairs all three
    assert score(pred, gold, loose=True)["records"]["tp"] == 3
    # labels found, by the label's date precision: one of the two day-dated labels, not the undated one
    found = r["found_by_date_precision"]
    assert (found["day"], found["month"], found["year"], found["none"]) == ((1, 2), (0, 0), (0, 0), (0, 1))


def test_found_by_date_precision_counts_month_and_year_labels():
    gold = [Row("d", SH, "2022-09", None, None), Row("d", SH, "2022", None, None), Row("d", SH, "2023", None, None)]
    pred = [Row("d", SH, "2022-09-16", None, None), Row("d", SH, "2023-09-01", None, None)]
    found = score(pred, gold)["found_by_date_precision"]
    assert found["month"] == (1, 1)
    assert found["year"] == (1, 2)  # 2022-09-16 went to the month label; 2023-09-01 pairs the 2023 label


def test_error_classes_say_why_without_text():
    PD = ("上海市", "上海市", "浦东新区")
    gold = [
        Row("quiet", SH, "2022-09-01", None, None),  # the reader gave this document nothing
        Row("many", SH, "2022", None, None),
        Row("many", PD, "2022", None, None),  # one record for two events: the second is "fewer"
        Row("dated", SH, "2022-09-03", None, None),  # region right, day wrong
        Row("placed", PD, "2022-09-04", None, None),  # day right, only the city read
        Row("done", SH, "2022-09-05", None, None),
    ]
    pred = [
        Row("many", SH, "2022-05-01", None, None),
        Row("dated", SH, "2022-09-13", None, None),
        Row("placed", SH_CITY, "2022-09-04", None, None),
        Row("done", SH, "2022-09-05", None, None),
        Row("done", SH, "2022-09-06", None, None),  # every label of its document paired
        Row("notice", SH, "2022-09-07", None, None),  # a document with no label
    ]
    classes = error_classes(pred, gold, score(pred, gold))
    assert classes["missed"] == {
        "silent (day)": 1,
        "fewer (year)": 1,
        "date:same-year (day)": 1,
        "region:coarser (day)": 1,
    }
    assert classes["spurious"] == {"near": 2, "complete": 1, "negative": 1}
    # each spurious record by its date's precision and its place's level (a municipality reads as a city)
    assert classes["spurious by record"] == {
        "complete (day, district)": 1,
        "near (day, city)": 1,
        "near (day, district)": 1,
        "negative (day, district)": 1,
    }
    assert "silent by stage" not in classes  # the reader's codes were not given


def test_spurious_records_by_their_dates_precision_and_their_places_level():
    # a notice of a province's year (no label) and a national plan with no place (no label either)
    pred = [
        Row("review", ("浙江省", "", ""), "2023", None, None),
        Row("review", ("浙江省", "杭州市", ""), "2023-09", None, None),
        Row("national", None, None, None, None),
    ]
    classes = error_classes(pred, [], score(pred, []))
    assert classes["spurious by record"] == {
        "negative (month, city)": 1,
        "negative (none, no place)": 1,
        "negative (year, province)": 1,
    }
    assert "spurious by record 3: negative (month, city) 1, negative (none, no place) 1" in _format_classes(classes)


def test_silent_labels_by_the_stage_that_left_their_document_without_a_record():
    gold = [
        Row("nowhere", SH, None, None, None),  # read, but neither place nor date
        Row("plan", SH, "2022-09-01", None, None),
        Row("plan", SH, "2022-09-02", None, None),
        Row("blank", None, None, None, None),  # no region, no date: no record could pair it
        Row("quiet", SH, "2022-09-03", None, None),
        Row("read", SH, "2022-09-04", None, None),
    ]
    pred = [Row("read", SH, "2022-09-04", None, None)]
    codes = {
        "nowhere": {"activity_no_region_date"},
        "plan": {"no_held_activity"},
        "blank": {"activity_no_region_date"},
        "quiet": {"no_event_sentence", "activity_no_region_date"},  # the first stage that applies names it
        "read": set(),
    }
    classes = error_classes(pred, gold, score(pred, gold), codes=codes)
    assert classes["silent by stage"] == {"only planned": 2, "no place or date": 2, "unpairable": 1}


def test_where_a_missed_labels_evidence_sits():
    # An invented report: a launch read as a record, a second activity told in the same paragraph, one in a
    # paragraph of its own, one told without an activity word, and a sentence telling two events at once.
    sents = [
        Told("9月3日,某区市场监管局举行质量月启动仪式,并同时启动征文比赛。", 1, True),
        Told("随后,该局组织企业代表参观检测实验室。", 1, True),
        Told("某街道在社区广场开展质量宣传活动。", 2, True),
        Told("不少小区的宣传栏换上了新的宣传画。", 3, False),
    ]
    read = ["9月3日,某区市场监管局举行质量月启动仪式,并同时启动征文比赛。"]
    assert where_told("并同时启动征文比赛", read, sents) == "record sentence"
    assert where_told("随后,该局组织企业代表参观检测实验室", read, sents) == "record paragraph"
    assert where_told("某街道在社区广场开展 质量宣传活动", read, sents) == "activity sentence"  # spaces ignored
    assert where_told("不少小区的宣传栏换上了新的宣传画", read, sents) == "other sentence"
    assert where_told("某县举办质量知识竞赛", read, sents) == "not found"
    assert where_told(None, read, sents) == "not found"
    # with no record read, a sentence naming an activity is never in a record's paragraph
    assert where_told("随后,该局组织企业代表参观检测实验室", [], sents) == "activity sentence"


def test_error_classes_place_the_evidence_only_when_given_the_sentences():
    gold = [
        Row("many", SH, "2022", None, None, note="某区市场监管局举行启动仪式"),
        Row("many", SH_CITY, "2022", None, None, note="某市质量协会举办培训班"),
    ]
    pred = [Row("many", SH, "2022-09-03", None, None, note="9月3日,某区市场监管局举行启动仪式")]
    sents = {
        "many": [
            Told("9月3日,某区市场监管局举行启动仪式。", 1, True),
            Told("某市质量协会举办培训班。", 2, True),
        ]
    }
    result = score(pred, gold)
    assert "where" not in error_classes(pred, gold, result)
    classes = error_classes(pred, gold, result, sents)
    assert classes["missed"] == {"fewer (year)": 1}
    assert classes["where"] == {"fewer (year): activity sentence": 1}


def test_doc_sentences_split_as_the_reader_does(tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text("某区开展质量月活动\n9月3日,某区举行启动仪式;随后召开座谈会。\n天气晴朗。\n", encoding="utf-8")
    told = doc_sentences(doc)
    assert [t.text for t in told] == [
        "某区开展质量月活动",
        "9月3日,某区举行启动仪式;",
        "随后召开座谈会。",
        "天气晴朗。",
    ]
    assert [t.activity for t in told] == [True, True, True, False]
    assert told[1].para == told[2].para != told[3].para
    assert doc_sentences(tmp_path / "missing.txt") == []


def test_classes_print_where_the_missed_labels_sit(tmp_path, capsys):
    labels = _one_wrong_label(tmp_path, "no such words")
    assert main(["--docs", str(FIX / "docs"), "--labels", str(labels), "--classes"]) == 0
    out = capsys.readouterr().out
    assert "missed, where the label's evidence sits: date (day): not found 1" in out


def test_key_agreement_at_the_labels_precision():
    label_month = Row("d", SH, "2022-09", None, None)
    assert key_agrees(Row("d", SH, "2022-09-09", None, None), label_month)
    assert not key_agrees(Row("d", SH, "2022-08-31", None, None), label_month)
    # a vaguer extracted date does not state the labelled day
    assert not key_agrees(Row("d", SH, "2022-09", None, None), Row("d", SH, "2022-09-09", None, None))
    # the most specific region must agree: a district is not its city
    assert not key_agrees(Row("d", SH, "2022-09-09", None, None), Row("d", SH_CITY, "2022-09-09", None, None))
    # a label without a date pairs on its region alone; one with neither never pairs
    assert key_agrees(Row("d", SH, "2022", None, None), Row("d", SH, None, None, None))
    assert not key_agrees(Row("d", None, None, None, None), Row("d", None, None, None, None))
    assert not key_agrees(Row("d", None, "2022-09-09", None, None), Row("d", SH, "2022-09-09", None, None))


def test_folds_are_stable_and_partition():
    names = [f"{i:03d}_x.txt" for i in range(200)]
    folds = [fold_of(n, 5) for n in names]
    assert set(folds) == {0, 1, 2, 3, 4}
    assert fold_of("004_0bce4af3382c1576.txt", 5) == fold_of("004_0bce4af3382c1576.txt", 5)
    # sha1 of the name, independent of Python's hash seed
    assert fold_of("a", 5) == int("86f7e437faa5a7fce15d1ddcb9eaeaea377667b8", 16) % 5


def test_fixtures_meet_targets(capsys):
    code = main(
        [
            "--docs",
            str(FIX / "docs"),
            "--labels",
            str(FIX / "labels.csv"),
            "--json",
            "--min-record-f1",
            "0.85",
            "--min-region-f1",
            "0.95",
            "--min-date-f1",
            "0.9",
            "--min-activity-type-f1",
            "0.8",
            "--min-participants-f1",
            "0.9",
        ]
    )
    out = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert code == 0 and out["passed"] and out["docs"] == 6


def test_several_sets_folds_and_explain(capsys, tmp_path):
    # The same fixtures under two names: scored together they double every count.
    other = tmp_path / "docs"
    other.mkdir()
    lines = (FIX / "labels.csv").read_text(encoding="utf-8").splitlines()
    for p in (FIX / "docs").iterdir():
        (other / f"b_{p.name}").write_bytes(p.read_bytes())
    (tmp_path / "labels.csv").write_text(
        "\n".join([lines[0]] + [f"b_{ln}" for ln in lines[1:]]) + "\n", encoding="utf-8"
    )
    args = [
        "--docs",
        str(FIX / "docs"),
        "--labels",
        str(FIX / "labels.csv"),
        "--docs",
        str(other),
        "--labels",
        str(tmp_path / "labels.csv"),
        "--json",
    ]
    assert main(args) == 0
    both = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert both["docs"] == 12
    assert main(args[:4] + ["--json"]) == 0
    one = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert both["records"]["tp"] == 2 * one["records"]["tp"]
    # a fold and its complement split the documents
    assert main(args + ["--fold", "1/3"]) == 0
    f1 = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert main(args + ["--exclude-fold", "1/3"]) == 0
    rest = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert f1["docs"] + rest["docs"] == 12
    assert main(args[:4] + ["--explain", "--folds", "3"]) == 0
    out = capsys.readouterr().out
    assert "fold 0/3" in out and "fold 2/3" in out and "old loose matching" in out
    with pytest.raises(SystemExit):
        main(["--docs", str(FIX / "docs"), "--labels", str(FIX / "labels.csv"), "--fold", "5/5"])


def _one_wrong_label(tmp_path: Path, evidence: str) -> Path:
    """A labels file holding one label of a fixture that the reader reads on another day."""
    labels = tmp_path / "labels.csv"
    head = (FIX / "labels.csv").read_text(encoding="utf-8").splitlines()[0]
    labels.write_text(
        head + "\nf01_minhang_forum.txt,上海市,上海市,闵行区,2021-09-16,quality_month,training,,unknown,"
        f"unknown,,,,unknown,{evidence}\n",
        encoding="utf-8",
    )
    return labels


def test_explain_names_missed_and_spurious(tmp_path, capsys):
    labels = _one_wrong_label(tmp_path, "x")
    assert main(["--docs", str(FIX / "docs"), "--labels", str(labels), "--explain", "--json"]) == 0
    out = capsys.readouterr().out
    assert "== f01_minhang_forum.txt" in out and "missed  L1" in out and "spurious E1" in out


def test_threshold_failure_exits_1(capsys):
    code = main(["--docs", str(FIX / "docs"), "--labels", str(FIX / "labels.csv"), "--min-record-f1", "1.01"])
    assert code == 1


def test_bad_labels_exit_2(tmp_path, capsys):
    bad = tmp_path / "l.csv"
    bad.write_text("x,y\n1,2\n", encoding="utf-8")
    assert main(["--docs", str(FIX / "docs"), "--labels", str(bad)]) == 2
    assert main(["--docs", str(FIX / "docs"), "--labels", str(FIX / "labels.csv"), "--docs", str(FIX)]) == 2


@pytest.mark.skipif(not (CORPUS / "labels.csv").exists(), reason="shared corpus absent")
def test_shared_corpus_meets_targets(capsys):
    code = main(
        [
            "--docs",
            str(CORPUS / "raw"),
            "--labels",
            str(CORPUS / "labels.csv"),
            "--json",
            "--min-record-f1",
            "0.85",
            "--min-region-f1",
            "0.95",
            "--min-date-f1",
            "0.9",
            "--min-activity-type-f1",
            "0.8",
            "--min-participants-f1",
            "0.9",
        ]
    )
    assert code == 0, capsys.readouterr()


def test_records_from_a_document_with_no_label_are_spurious_unless_labelled_only(tmp_path, capsys):
    """A file the labels do not name tells no event (a bulletin yields zero or more records): what the
    reader takes from it would load as an activity that did not happen, so the default counts it."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "f01_minhang_forum.txt").write_bytes((FIX / "docs" / "f01_minhang_forum.txt").read_bytes())
    (docs / "n01_no_label.txt").write_text(
        "2023年9月5日上午，徐汇区市场监管局在徐家汇举办质量月启动仪式，约200人参加。\n", encoding="utf-8"
    )
    labels = tmp_path / "labels.csv"
    rows = (FIX / "labels.csv").read_text(encoding="utf-8").splitlines()
    labels.write_text("\n".join([rows[0], *[r for r in rows[1:] if r.startswith("f01_")]]) + "\n", encoding="utf-8")

    def counts(*extra: str) -> tuple[int, int, int]:
        assert main(["--docs", str(docs), "--labels", str(labels), "--json", *extra]) == 0
        rec = json.loads(capsys.readouterr().out.strip().splitlines()[-1])["records"]
        return rec["tp"], rec["fp"], rec["fn"]

    every, labelled = counts(), counts("--labelled-only")
    assert counts("--all-docs") == every  # the old spelling of the default
    assert every[0] == labelled[0] and every[2] == labelled[2]
    assert every[1] == labelled[1] + 1  # the unlabelled document's launch ceremony
