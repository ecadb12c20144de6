"""Evaluation metrics on a hand-checked case, on the invented fixtures, and on the shared corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from etl.evaluate import Row, main, score

FIX = Path(__file__).resolve().parent.parent / "fixtures" / "bulletins"
CORPUS = Path("/work/shared/corpus")
SH = ("上海市", "上海市", "徐汇区")


def test_metrics_by_hand():
    gold = [Row("d1", SH, "2022-09-01", "forum_conference", (100, "people", "at_least")),
            Row("d1", SH, "2022-09-05", "training", None),
            Row("d2", None, None, "launch_ceremony", None)]
    pred = [Row("d1", SH, "2022-09-01", "forum_conference", (100, "people", "exact")),   # matched, count wrong
            Row("d1", SH, "2022-09-07", "publicity", (5, "people", "exact")),            # unmatched
            Row("d2", None, None, "launch_ceremony", None)]                                # matched
    r = score(pred, gold)
    # records: 2 matched of 3 extracted and 3 labelled
    assert (r["records"]["tp"], r["records"]["fp"], r["records"]["fn"]) == (2, 1, 1)
    assert r["records"]["f1"] == pytest.approx(2 / 3, abs=1e-4)
    # region: pair 1 TP; unmatched pred FP; unmatched gold FN; d2 both empty -> nothing
    assert (r["fields"]["region"]["tp"], r["fields"]["region"]["fp"], r["fields"]["region"]["fn"]) == (1, 1, 1)
    # participants: pair 1 differs -> FP+FN; unmatched pred FP; unmatched gold has none
    p = r["fields"]["participants"]
    assert (p["tp"], p["fp"], p["fn"]) == (0, 2, 1)
    t = r["fields"]["activity_type"]
    assert (t["tp"], t["fp"], t["fn"]) == (2, 1, 1)


def test_fixtures_meet_targets(capsys):
    code = main(["--docs", str(FIX / "docs"), "--labels", str(FIX / "labels.csv"), "--json",
                 "--min-record-f1", "0.85", "--min-region-f1", "0.95", "--min-date-f1", "0.9",
                 "--min-activity-type-f1", "0.8", "--min-participants-f1", "0.9"])
    out = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert code == 0 and out["passed"] and out["docs"] == 6


def test_threshold_failure_exits_1(capsys):
    code = main(["--docs", str(FIX / "docs"), "--labels", str(FIX / "labels.csv"), "--min-record-f1", "1.01"])
    assert code == 1


def test_bad_labels_exit_2(tmp_path, capsys):
    bad = tmp_path / "l.csv"
    bad.write_text("x,y\n1,2\n", encoding="utf-8")
    assert main(["--docs", str(FIX / "docs"), "--labels", str(bad)]) == 2


@pytest.mark.skipif(not (CORPUS / "labels.csv").exists(), reason="shared corpus absent")
def test_shared_corpus_meets_targets(capsys):
    code = main(["--docs", str(CORPUS / "raw"), "--labels", str(CORPUS / "labels.csv"), "--json",
                 "--min-record-f1", "0.85", "--min-region-f1", "0.95", "--min-date-f1", "0.9",
                 "--min-activity-type-f1", "0.8", "--min-participants-f1", "0.9"])
    assert code == 0, capsys.readouterr()
