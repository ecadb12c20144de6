"""Issue 12 through the Upload page's path: the dry run cannot take the server down, and a reporter's
upload cannot reach another district's record nor learn whether its id exists."""

from __future__ import annotations

import resource
from pathlib import Path

import duckdb
import pytest

from access.policy import Policy, Principal
from access.roles import Role
from access.uploads import receive_upload
from etl.pipeline import run_pipeline
from tests.etl.test_hostile_files import dimension_bomb

HEAD = "record_id,region,start_date,title,organizer,participants\n"


def reporter(*districts: str) -> Policy:
    return Policy(Principal("rep@pd.gov", Role.REPORTER, frozenset(districts)))


def test_a_hostile_workbook_is_checked_in_a_child_and_the_server_does_not_grow(tmp_path: Path) -> None:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    res = receive_upload(
        "bomb.xlsx", dimension_bomb(), reporter("310115"), inbox=tmp_path / "inbox", warehouse=tmp_path / "none.duckdb"
    )
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert not res.stored
    assert res.dry is not None and res.dry.status == "unreadable"
    assert "column 16,384" in " ".join(res.dry.rejected["reason"])
    assert grown_mb < 100, grown_mb


def test_a_check_over_the_memory_ceiling_is_a_refusal_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QM_UPLOAD_CHECK_MEMORY_MB", "40")  # below what the interpreter with its imports needs
    res = receive_upload(
        "a.csv",
        (HEAD + "a1,浦东,2024-09-01,t,o,1\n").encode(),
        reporter("310115"),
        inbox=tmp_path / "inbox",
        warehouse=tmp_path / "none.duckdb",
    )
    assert not res.stored and "more than the 40 MB allowed" in res.message


def test_a_check_over_the_time_limit_is_a_refusal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QM_UPLOAD_CHECK_SECONDS", "0.2")
    res = receive_upload(
        "a.csv",
        (HEAD + "a1,浦东,2024-09-01,t,o,1\n").encode(),
        reporter("310115"),
        inbox=tmp_path / "inbox",
        warehouse=tmp_path / "none.duckdb",
    )
    assert not res.stored and "took longer than" in res.message and "QM_UPLOAD_CHECK_SECONDS" in res.message


def test_a_reporter_cannot_move_another_districts_record_nor_learn_its_id_exists(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inbox, db = tmp_path / "inbox", tmp_path / "wh" / "q.duckdb"
    monkeypatch.setenv("QM_INBOX", str(inbox))
    seed = tmp_path / "xuhui.csv"
    seed.write_text(HEAD + "xh-1,徐汇,2024-09-01,徐汇原标题,徐汇区市场监管局,10\n", encoding="utf-8")
    run_pipeline([seed], db, demo=False)
    # Two uploads that differ only in whether the id exists (in 徐汇): the dry runs must read the same.
    outcomes = []
    for rid in ("xh-1", "no-such-id"):
        data = (HEAD + f"{rid},浦东,2024-09-02,被改写的标题,浦东某单位,10\n").encode()
        res = receive_upload(f"{rid}.csv", data, reporter("310115"), inbox=inbox, warehouse=db)
        outcomes.append(
            (res.stored, res.dry.would_add, res.dry.would_update, res.dry.would_keep, list(res.dry.rejected["reason"]))
        )
    assert outcomes[0] == outcomes[1] == (True, 1, 0, 0, [])
    # The ETL loading the inbox then refuses to touch the 徐汇 record.
    summary = run_pipeline([inbox], db, demo=False)
    assert summary.counts.added == 1 and summary.counts.updated == 0
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT district_adcode, title FROM activities WHERE record_id = 'xh-1'").fetchall() == [
            ("310104", "徐汇原标题")
        ]
        (reason,) = con.execute("SELECT reason FROM rejects WHERE source = '310115__xh-1.csv'").fetchone()
    assert "record_id xh-1 is the id of a record outside the uploader's districts (310115)" in reason
