"""The extractor on bulletins written after it, by someone who had not read its rules.

tests/fixtures/bulletins_unseen/docs holds 20 invented bulletins with hand-made labels:
``dev/`` (10) was used to improve the extractor, ``heldout/`` (10) was only scored, never read
for failures while the rules were changed. tests/fixtures/bulletins_unseen/heldout2 holds 10 more,
written later (programme lists numbered 一、/（一）, coordinated attendee counts, counts around 组织,
places inside company unit names, 日前/据悉 with datelines, county-level cities, "Suzhou's Wuzhong
district"): scored once before and once after the rules for those failure classes were written on
dev + heldout + the shared corpus, never tuned on. The floors are the F1 measured when the fixtures
were finished minus a margin (0.1 for dev and for heldout, which became development data in the
second round; about 0.08 for heldout2), so a change that makes the extractor worse on unseen text
fails here even when the shared corpus still scores 1.0.

Measured (F1; records, region, date, activity_type, participants):
    dev       before 0.750 0.750 0.750 0.667 0.625   after 1.000 1.000 1.000 1.000 1.000
    heldout   before 0.800 0.720 0.800 0.720 0.588   after 0.929 0.929 0.929 0.857 0.737
              second round (now development data):       1.000 1.000 1.000 1.000 1.000
    heldout2  before 0.973 0.722 0.919 0.865 0.696   after 1.000 0.842 1.000 0.947 0.966

Those figures used the old loose matching (two of region, date and type agreeing, empty agreeing
with empty). Re-measured with the strict pairing of `etl.evaluate` (issue 11: the label's region
and its date must both agree) before any rule of issue 11 was written:
    dev 1.000 1.000 1.000 1.000 1.000 · heldout 1.000 1.000 1.000 1.000 1.000 ·
    heldout2 0.842 0.842 0.842 0.789 0.759 (precision 0.842)
The heldout2 floors are now those strict figures minus about 0.05.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.evaluate import extract_docs, load_labels, score

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "bulletins_unseen"
FOLDERS = {
    "dev": FIXTURES / "docs" / "dev",
    "heldout": FIXTURES / "docs" / "heldout",
    "heldout2": FIXTURES / "heldout2",
}

FLOORS = {
    "dev": {"records": 0.90, "region": 0.90, "date": 0.90, "activity_type": 0.90, "participants": 0.90},
    "heldout": {"records": 0.90, "region": 0.90, "date": 0.90, "activity_type": 0.90, "participants": 0.90},
    "heldout2": {"records": 0.80, "region": 0.80, "date": 0.80, "activity_type": 0.74, "participants": 0.71},
}


@pytest.fixture(scope="module", params=sorted(FLOORS))
def scored(request):
    folder = FOLDERS[request.param]
    gold = load_labels(folder / "labels.csv")
    pred, _problems = extract_docs(folder, {g.doc for g in gold})
    return request.param, score(pred, gold)


def test_every_labelled_document_is_there():
    for split in FLOORS:
        folder = FOLDERS[split]
        labelled = {g.doc for g in load_labels(folder / "labels.csv")}
        assert labelled and all((folder / name).is_file() for name in labelled), split


@pytest.mark.parametrize("metric", ["records", "region", "date", "activity_type", "participants"])
def test_f1_stays_above_the_floor(scored, metric):
    split, result = scored
    got = result["records"]["f1"] if metric == "records" else result["fields"][metric]["f1"]
    assert got >= FLOORS[split][metric], f"{split} {metric} F1 {got:.3f} < {FLOORS[split][metric]}"


def test_no_invented_records(scored):
    # Precision of whole records: every extracted record must match a labelled one, so a rule
    # that splits a report into spurious events shows up even when recall hides it.
    split, result = scored
    floor = 0.80 if split == "heldout2" else 0.95  # heldout2: strict figure 0.842 minus a margin
    assert result["records"]["precision"] >= floor, (split, result["records"])
