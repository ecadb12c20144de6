"""scripts/corpus_manifest.py: a gathered set's addresses and labels kept, its text checked when rebuilt."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "corpus_manifest.py"
HEADER = "doc,region_province,region_city,region_district,date,activity_type,evidence\n"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, check=False)


def make_set(root: Path) -> Path:
    (root / "raw").mkdir(parents=True)
    (root / "raw" / "x01_a.txt").write_text("某区九月五日举行质量月启动仪式。\n", encoding="utf-8")
    (root / "raw" / "x02_b.txt").write_text("Some district held an open day.\n", encoding="utf-8")
    (root / "SOURCES.md").write_text(
        "# sources\n- x01_a.txt — https://example.org/a.html — a launch\nx02_b.txt | http://example.org/b | open day\n",
        encoding="utf-8",
    )
    (root / "labels.csv").write_text(
        HEADER + "x01_a.txt,上海市,上海市,徐汇区,2022-09-05,launch_ceremony,九月五日举行\n", encoding="utf-8"
    )
    return root


def test_write_keeps_addresses_hashes_and_labels_without_quotes(tmp_path):
    corpus = make_set(tmp_path / "c")
    out = tmp_path / "docs" / "corpus-x"
    r = run("write", str(corpus), str(out))
    assert r.returncode == 0, r.stderr
    sources = list(csv.DictReader(Path(f"{out}.sources.csv").read_text(encoding="utf-8").splitlines()))
    assert [(s["doc"], s["address"]) for s in sources] == [
        ("x01_a.txt", "https://example.org/a.html"),
        ("x02_b.txt", "http://example.org/b"),
    ]
    labels = list(csv.DictReader(Path(f"{out}.labels.csv").read_text(encoding="utf-8").splitlines()))
    assert labels[0]["region_district"] == "徐汇区" and "evidence" not in labels[0]
    assert run("check", str(corpus), str(out)).returncode == 0


def test_check_names_a_missing_or_changed_text(tmp_path):
    corpus = make_set(tmp_path / "c")
    out = tmp_path / "m"
    assert run("write", str(corpus), str(out)).returncode == 0
    (corpus / "raw" / "x01_a.txt").write_text("另一段文字。\n", encoding="utf-8")
    (corpus / "raw" / "x02_b.txt").unlink()
    r = run("check", str(corpus), str(out))
    assert r.returncode == 1
    assert "x01_a.txt: differs" in r.stderr and "x02_b.txt: missing" in r.stderr
    assert "0 of 2 documents as labelled" in r.stdout


def test_write_refuses_a_text_without_an_address(tmp_path):
    corpus = make_set(tmp_path / "c")
    (corpus / "raw" / "x03_c.txt").write_text("无来源。\n", encoding="utf-8")
    r = run("write", str(corpus), str(tmp_path / "m"))
    assert r.returncode == 1 and "no address for x03_c.txt" in r.stderr
