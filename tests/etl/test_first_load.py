"""The lazy first-load path (one source into an empty warehouse) equals the general path row by row.

The lazy path normalizes into a view that the rejects pass and the insert read, skips settling
duplicates when every record_id is distinct, and skips the rejects pass when the mapping tables
and the text lengths prove that no row is rejected. Each case here runs the same file through
both paths and compares every table a reader sees, and checks which path the lazy run took.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

import etl.normalize
import etl.pipeline
import etl.publish
import etl.validate
from domain.record import locator_sql
from etl.pipeline import run_pipeline

HEAD = "record_id,region,start_date,end_date,title,organizer,participants,activity_type\n"
CLEAN = [
    "a1,徐汇区,2023-09-01,,徐汇开放日,徐汇区市场监管局,120,open_day\n",
    "a2,浦东,2023年9月,,浦东质量论坛,浦东新区质量协会,3000多人次,\n",
    "a3,江苏省苏州市姑苏区,2024-09-12,2024-09-15,姑苏质量月启动,姑苏区某局,约50人,launch_ceremony\n",
    "a4,静安,2022,,静安宣传周,静安区某企业,,\n",
]
BAD = [
    "b1,火星区,2023-09-01,,未知地区,某单位,10,\n",  # unknown region
    "b2,徐汇区,2023-13-45,,坏日期,某单位,10,\n",  # unreadable date
    "b3,徐汇区,2023-09-01,,负人数,某单位,-5,\n",  # negative count
    "b4,徐汇区,2023-09-05,2023-09-01,倒序,某单位,5,\n",  # end before start
    "b5,徐汇区,2023-09-01,,长标题," + "某" * 2100 + ",5,\n",  # organiser too long
    "b6,徐汇区,2023-09-01,,坏代码,某单位,5,launch_party\n",  # unknown type code
    "b7,徐汇区,1960-09-01,,太早,某单位,5,\n",  # out of range
]
TOTALS = ["合计,,,,,,4000,\n", ",,,,,,,\n"]
DUPS = [
    "a1,徐汇区,2023-09-01,,徐汇开放日,徐汇区市场监管局,120,open_day\n",  # exact duplicate of a1: folded
    "a2,浦东,2023-09-02,,浦东质量论坛改期,浦东新区质量协会,10,\n",  # a2 with other content: rejected
]


def _snapshot(db: Path) -> dict:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {
            "activities": con.execute(
                "SELECT * EXCLUDE (first_run_id, last_run_id) FROM activities ORDER BY record_id"
            ).fetchall(),
            "rejects": con.execute("SELECT source, locator, reason, raw FROM rejects ORDER BY locator").fetchall(),
            "files": con.execute("SELECT * EXCLUDE (run_id) FROM source_files").fetchall(),
            "runs": con.execute(
                "SELECT status, rows_read, rows_added, rows_updated, rows_unchanged, rows_rejected, "
                "sources FROM etl_runs"
            ).fetchall(),
            "meta": con.execute(
                "SELECT key, value FROM meta WHERE key NOT IN ('published_at', 'last_run_id') ORDER BY key"
            ).fetchall(),
        }
    finally:
        con.close()


def _both(tmp_path: Path, monkeypatch, name: str, text: str) -> tuple[dict, dict, dict[str, int]]:
    """Load `text` as file `name` through the lazy and the general path: (lazy, general, lazy path's calls)."""
    src = tmp_path / "in" / name
    src.parent.mkdir(exist_ok=True)
    src.write_text(text, encoding="utf-8")
    calls = {"materialize": 0, "rejects_pass": 0, "written_once": 0}
    real_mat, real_rej = etl.normalize.Normalized.materialize, etl.validate.insert_rejects
    real_once = etl.validate.write_first_load

    def once(*a, **k):
        calls["written_once"] += 1
        return real_once(*a, **k)

    def mat(*a, **k):
        calls["materialize"] += 1
        return real_mat(*a, **k)

    def rej(*a, **k):
        calls["rejects_pass"] += 1
        return real_rej(*a, **k)

    monkeypatch.setattr(etl.normalize.Normalized, "materialize", mat)
    monkeypatch.setattr(etl.validate, "insert_rejects", rej)
    monkeypatch.setattr(etl.validate, "write_first_load", once)
    run_pipeline([src], tmp_path / "lazy.duckdb", demo=False, run_id="20260101T000000-0001")
    lazy_calls = dict(calls)
    monkeypatch.setattr(etl.validate, "first_load", lambda con: False)  # the general path
    run_pipeline([src], tmp_path / "general.duckdb", demo=False, run_id="20260101T000000-0001")
    return _snapshot(tmp_path / "lazy.duckdb"), _snapshot(tmp_path / "general.duckdb"), lazy_calls


# A UTF-8 CSV is written once, straight from the file (written_once); when two loading rows share
# an id that table is dropped and the rows take the general settling (materialize, rejects pass).
@pytest.mark.parametrize(
    ("case", "name", "rows", "materialize", "rejects_pass", "written_once", "n_rejects"),
    [
        ("clean", "clean.csv", CLEAN, 0, 0, 1, 0),
        ("bad rows", "bad.csv", CLEAN + BAD, 0, 0, 1, len(BAD)),
        ("totals and blank rows", "totals.csv", CLEAN[:2] + TOTALS + CLEAN[2:], 0, 0, 1, 0),
        ("duplicates", "dups.csv", CLEAN + BAD + DUPS, 1, 1, 1, len(BAD) + 1),
        ("only duplicates", "dups_only.csv", CLEAN + DUPS, 1, 1, 1, 1),
        ("tab separated", "clean.tsv", [r.replace(",", "\t") for r in CLEAN + BAD], 0, 0, 1, len(BAD)),
    ],
)
def test_lazy_path_equals_general_path(
    tmp_path, monkeypatch, case, name, rows, materialize, rejects_pass, written_once, n_rejects
):
    head = HEAD.replace(",", "\t") if name.endswith(".tsv") else HEAD
    lazy, general, calls = _both(tmp_path, monkeypatch, name, head + "".join(rows))
    assert lazy == general, case
    assert calls == {"materialize": materialize, "rejects_pass": rejects_pass, "written_once": written_once}, case
    assert len(lazy["rejects"]) == n_rejects
    assert len(lazy["activities"]) == len(CLEAN)


def test_lazy_path_rejects_name_file_row_and_reason(tmp_path, monkeypatch):
    lazy, _, _ = _both(tmp_path, monkeypatch, "bad.csv", HEAD + "".join(CLEAN + BAD))
    by_loc = {loc: (source, reason, json.loads(raw)) for source, loc, reason, raw in lazy["rejects"]}
    # header = row 1, so the first bad row (after four clean ones) is row 6
    source, reason, raw = by_loc["row 6"]
    assert source == "bad.csv" and reason.startswith("region: unknown region '火星区'")
    assert raw["record_id"] == "b1" and raw["title"] == "未知地区"
    assert "organizer is too long (2,100 characters" in by_loc["row 10"][1]


def test_mapped_values_proved_clean_leave_only_the_row_own_checks(tmp_path, monkeypatch):
    # Every region, date, count and type of this file maps cleanly, so the first load computes a
    # row's reason from its own cells only; the over-long organiser is still rejected, word for word.
    kinds = []
    real = etl.validate.reason_sql

    def spy(*a, **k):
        kinds.append(k.get("mapped", True))
        return real(*a, **k)

    monkeypatch.setattr(etl.validate, "reason_sql", spy)
    lazy, general, calls = _both(tmp_path, monkeypatch, "long.csv", HEAD + "".join(CLEAN + BAD[4:5]))
    assert lazy == general
    assert calls["written_once"] == 1 and False in kinds
    assert [loc for _, loc, _, _ in lazy["rejects"]] == ["row 6"]
    assert lazy["rejects"][0][2].startswith("organizer is too long (2,100 characters")
    assert len(lazy["activities"]) == len(CLEAN)


def test_file_without_record_ids_takes_the_general_settling(tmp_path, monkeypatch):
    head = "region,start_date,title,organizer,participants\n"
    rows = [
        "徐汇区,2023-09-01,甲,某局,1\n",
        "徐汇区,2023-09-01,甲,某局,1\n",
        "浦东,2023-09-02,乙,某会,2\n",
        "火星,2023-09-02,丙,某会,2\n",
    ]
    lazy, general, calls = _both(tmp_path, monkeypatch, "noid.csv", head + "".join(rows))
    assert lazy == general
    assert calls["materialize"] == 1
    assert len(lazy["activities"]) == 2 and len(lazy["rejects"]) == 1


def test_misaligned_rows_from_the_python_reader(tmp_path, monkeypatch):
    # no newline at the end: the Python CSV reader, which flags misaligned rows (problem column)
    text = (
        HEAD
        + "".join(CLEAN)
        + "c1,徐汇区,2023-09-01,,多一列,某单位,5,,多余\n"
        + CLEAN[0].replace("a1", "c2").rstrip("\n")
    )
    lazy, general, calls = _both(tmp_path, monkeypatch, "odd.csv", text)
    assert lazy == general
    assert calls["rejects_pass"] == 1
    assert any("misaligned row" in r[2] for r in lazy["rejects"])


@pytest.mark.parametrize("lazy", [True, False])
def test_row_numbers_count_totals_and_blank_rows(tmp_path, monkeypatch, lazy):
    # rows: header 1, clean 2-3, totals 4, blank 5, bad 6, clean 7: numbering survives the dropped rows
    if not lazy:
        monkeypatch.setattr(etl.validate, "first_load", lambda con: False)
    src = tmp_path / "numbered.csv"
    src.write_text(HEAD + "".join(CLEAN[:2] + TOTALS + BAD[:1] + CLEAN[2:3]), encoding="utf-8")
    run_pipeline([src], tmp_path / "w.duckdb", demo=False)
    con = duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True)
    try:
        rejects = con.execute("SELECT locator FROM rejects").fetchall()
        locators = con.execute(f"SELECT record_id, {locator_sql()} FROM activities ORDER BY record_id").fetchall()
        message = con.execute("SELECT message FROM source_files").fetchall()[0][0]
    finally:
        con.close()
    assert rejects == [("row 6",)]
    assert locators == [("a1", "numbered.csv row 2"), ("a2", "numbered.csv row 3"), ("a3", "numbered.csv row 7")]
    assert "skipped 1 totals row(s): row 4" in message


def test_rows_written_once_keep_their_file_order_at_a_million_rows(tmp_path, monkeypatch):
    """The rowid numbering of a first load, pinned where the order could break: 1M rows, 2 threads.

    Rows with a quoted newline, a totals row and a blank row (both counted, not loaded), rejected
    rows at known positions: every reject names its file and row, every loaded record's locator
    names its own row (header = row 1).
    """
    monkeypatch.setattr(etl.publish, "WRITER_THREADS", 2)
    n = 1_000_000
    bad = {i for i in range(n) if i % 99_991 == 7}
    lines = ["record_id,region,start_date,title,participants\n"]
    for i in range(n):
        title = f'"第{i}行\n续行"' if i % 50_000 == 3 else f"t{i}"
        lines.append(f"r{i},{'火星区' if i in bad else '徐汇区'},2023-09-01,{title},{i % 1000}\n")
        if i == 500_000:
            lines.append("合计,,,,123\n")
        elif i == 700_000:
            lines.append(",,,,\n")
    src = tmp_path / "big.csv"
    src.write_text("".join(lines), encoding="utf-8")
    del lines
    written = []
    real = etl.validate.write_first_load
    monkeypatch.setattr(etl.validate, "write_first_load", lambda *a, **k: written.append(real(*a, **k)) or written[-1])
    db = tmp_path / "w.duckdb"
    run_pipeline([src], db, demo=False)
    assert written and written[0] is not None  # the rows were written once, straight from the file

    def row_of(i: str) -> str:  # data row i is record i (+1 after the totals row, +1 after the blank row)
        return f"({i} + 2 + ({i} > 500000)::INT + ({i} > 700000)::INT)"

    con = duckdb.connect(str(db), read_only=True)
    try:
        loaded, wrong = con.execute(
            f"SELECT count(*), count(*) FILTER ({locator_sql()} <> 'big.csv row ' || "
            f"{row_of('CAST(substr(record_id, 2) AS BIGINT)')}) FROM activities"
        ).fetchall()[0]
        rejects = con.execute(
            "SELECT source, locator, json_extract_string(raw, '$.record_id') FROM rejects ORDER BY locator"
        ).fetchall()
        message = con.execute("SELECT message FROM source_files").fetchall()[0][0]
    finally:
        con.close()
    assert loaded == n - len(bad) and wrong == 0
    assert len(rejects) == len(bad)
    for source, locator, rid in rejects:
        i = int(rid[1:])
        assert i in bad and source == "big.csv"
        assert locator == f"row {i + 2 + (i > 500_000) + (i > 700_000)}"
    assert "skipped 1 totals row(s): row 500003" in message


# ----------------------------------------------------------------------------- keys from the first rows
# Rows whose keys (regions, dates, counts, types, modes) first appear after the first two rows,
# among them keys that reject their row (an unknown region, an unreadable date, a typo'd code).
LATE = [
    "c1,江苏省苏州市姑苏区,2024年9月,,姑苏论坛,姑苏区某局,近50名,seminar\n",
    "c2,黄浦,September 12th,,黄浦开放日,黄浦区某协会,3000多人次,open_day\n",  # no year: rejected
    "c3,黄浦,2023-09-03,2023-09-04,黄浦宣传周,黄浦区某企业,不详,\n",
]


_WRITE_FIRST_LOAD = etl.validate.write_first_load


def _load(tmp_path: Path, monkeypatch, text: str, prefix: int, db: str) -> tuple[dict, list]:
    """Load `text` with keys read from the first `prefix` rows: (snapshot, each write_first_load's outcome)."""
    src = tmp_path / "keys.csv"
    src.write_text(text, encoding="utf-8")
    monkeypatch.setattr(etl.normalize, "PREFIX_ROWS", prefix)
    outcomes: list = []
    real = _WRITE_FIRST_LOAD

    def once(con, norm, *a, **k):
        written = real(con, norm, *a, **k)
        outcomes.append(("written", norm.late.rows if norm.late else None, written is not None))
        return written

    monkeypatch.setattr(etl.validate, "write_first_load", once)
    run_pipeline([src], tmp_path / db, demo=False, run_id="20260101T000000-0001")
    return _snapshot(tmp_path / db), outcomes


def test_keys_first_met_after_the_first_rows_are_mapped_as_when_every_key_was_read(tmp_path, monkeypatch):
    """Keys read from the first rows only: the keys met later (clean and rejecting) are mapped where
    the one INSERT meets them, and the warehouse, rejects and messages are those of a full keys scan."""
    text = HEAD + "".join(CLEAN[:2] + LATE + CLEAN[2:] + BAD + TOTALS)
    every, every_calls = _load(tmp_path, monkeypatch, text, prefix=10**9, db="every.duckdb")
    late, late_calls = _load(tmp_path, monkeypatch, text, prefix=2, db="late.duckdb")
    assert every_calls == [("written", None, True)]  # every key read first: nothing met late
    assert len(late_calls) == 1 and late_calls[0][0] == "written" and late_calls[0][1] > 0
    assert late == every
    assert [r[1] for r in late["rejects"] if "September" in r[2]] == ["row 5"]
    assert len(late["rejects"]) == len(BAD) + 1
    assert len(late["activities"]) == len(CLEAN) + len(LATE) - 1


def test_late_keys_on_the_general_path(tmp_path, monkeypatch):
    """The same on the path that writes the normalized rows to a table first (duplicates settled):
    the part is normalized once, from its first rows' keys."""
    text = HEAD + "".join(CLEAN[:2] + LATE + CLEAN[2:] + BAD + DUPS)
    monkeypatch.setattr(etl.validate, "first_load", lambda con: False)
    every, _ = _load(tmp_path, monkeypatch, text, prefix=10**9, db="every.duckdb")
    normalized = []
    real = etl.pipeline.normalize_part

    def normalize(*a, **k):
        norm = real(*a, **k)
        normalized.append(norm.late is not None)
        return norm

    monkeypatch.setattr(etl.pipeline, "normalize_part", normalize)
    late, calls = _load(tmp_path, monkeypatch, text, prefix=2, db="late.duckdb")
    assert calls == []
    assert normalized == [True]
    assert late == every
    assert len(late["rejects"]) == len(BAD) + 2


def test_a_file_whose_every_later_row_brings_new_keys_is_written_once(tmp_path, monkeypatch):
    """The worst case for keys read from the first rows: after them every row holds keys not seen
    before (a file sorted by date, counts that never repeat). It is still one INSERT, with the rows,
    rejects and locators of a full keys scan."""
    rows = [
        f"s{i},{['徐汇区', '黄浦', '火星区', '江苏省苏州市姑苏区'][i % 4]},2023-{1 + i // 28:02d}-{1 + i % 28:02d},,"
        f"活动{i},某单位{i % 3},{i * 7 + 1}人,{['', 'seminar', 'launch_party'][i % 3]}\n"
        for i in range(300)
    ]
    text = HEAD + "".join(rows)
    every, _ = _load(tmp_path, monkeypatch, text, prefix=10**9, db="every.duckdb")
    late, calls = _load(tmp_path, monkeypatch, text, prefix=1, db="late.duckdb")
    assert len(calls) == 1 and calls[0][0] == "written" and calls[0][1] >= 299
    assert late == every
    assert len(late["rejects"]) == 150  # 火星区 (unknown) and launch_party (not a code): 1 - 3/4 * 2/3
