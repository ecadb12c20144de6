"""`python -m etl` as a subprocess: summary line, exit codes, the lock, defaults."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from domain.messages import render
from etl.lock import exclusive
from tests.conftest import EDGE, FIXTURE_SET

ROOT = Path(__file__).resolve().parents[2]
SUMMARY = re.compile(
    r"^run (\d{8}T\d{6}-[0-9a-f]{4}): (\d+) files?( \+ demo)?, ([\d,]+) read, ([\d,]+) added, "
    r"([\d,]+) updated, ([\d,]+) unchanged, ([\d,]+) rejected, 0 unaccounted(?:, [\d,]+ demo rows removed)? -> (.+) "
    r"\(published\)$"
)


def etl(*args: str, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "etl", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )


def test_run_prints_one_summary_line_and_exits_0(tmp_path):
    db = tmp_path / "w.duckdb"
    p = etl("run", "--source", str(FIXTURE_SET), "--db", str(db), "--quiet")
    assert p.returncode == 0, p.stderr
    lines = p.stdout.strip().splitlines()
    assert len(lines) == 1
    m = SUMMARY.match(lines[0])
    assert m, lines[0]
    files, demo, read, added, updated, unchanged, rejected, path = m.group(2, 3, 4, 5, 6, 7, 8, 9)
    assert (files, demo, updated, unchanged, path) == ("6", None, "0", "0", str(db))
    assert int(added) + int(rejected) < int(read.replace(",", ""))  # one exact duplicate is folded
    assert rejected == "11"
    p2 = etl("run", "--source", str(FIXTURE_SET), "--db", str(db), "--quiet")
    m2 = SUMMARY.match(p2.stdout.strip())
    assert m2 and m2.group(5) == "0" and m2.group(7) == added


def test_rejects_are_reported_on_stderr_without_failing(tmp_path):
    p = etl("run", "--source", str(FIXTURE_SET / "bad_rows.csv"), "--db", str(tmp_path / "w.duckdb"))
    assert p.returncode == 0
    assert "bad_rows.csv: partial: 11 rejected" in p.stderr


def test_locked_run_exits_75(tmp_path):
    db = tmp_path / "w.duckdb"
    with exclusive(db, "other-run-1234"):
        p = etl("run", "--source", str(EDGE / "semicolon.csv"), "--db", str(db), "--quiet")
    assert p.returncode == 75
    assert "other-run-1234" in p.stderr and str(db) in p.stderr
    assert p.stdout == ""


def test_failure_exits_1_naming_the_file(tmp_path):
    p = etl("run", "--source", str(tmp_path / "missing.xlsx"), "--db", str(tmp_path / "w.duckdb"), "--quiet")
    assert p.returncode == 1
    assert "missing.xlsx" in p.stderr
    assert p.stdout == ""


def test_default_db_from_env_and_demo_only_without_sources(tmp_path):
    db = tmp_path / "env.duckdb"
    p = etl("run", "--quiet", env={"QM_DB": str(db)})
    assert p.returncode == 0, p.stderr
    m = SUMMARY.match(p.stdout.strip())
    assert m and m.group(3) == " + demo" and m.group(9) == str(db)
    con = duckdb.connect(str(db), read_only=True)
    try:
        kinds = dict(con.execute("SELECT kind, count(*) FROM source_files GROUP BY kind").fetchall())
    finally:
        con.close()
    assert kinds.get("demo") == 1 and kinds.get("csv", 0) >= 1  # bundled data/sources plus the demo rows


def test_demo_flag_with_sources(tmp_path):
    p = etl("run", "--source", str(EDGE / "semicolon.csv"), "--demo", "--db", str(tmp_path / "w.duckdb"), "--quiet")
    assert p.returncode == 0 and " + demo," in p.stdout


@pytest.mark.parametrize(("args", "code"), [([], 2), (["bogus"], 2), (["--help"], 0), (["run", "--nope"], 2)])
def test_usage(args, code):
    assert etl(*args).returncode == code


def test_help_is_output_and_an_unknown_command_is_named():
    """`python -m etl --help` printed its usage on stderr (`| less` showed nothing), and `python -m etl bogus` the
    same usage without saying what was wrong (audit18)."""
    asked = etl("--help")
    assert asked.stdout.startswith("usage: python -m etl {run,") and asked.stderr == ""
    wrong = etl("bogus")
    assert wrong.stdout == "" and wrong.stderr.startswith("python -m etl: unknown command 'bogus'\nusage: ")


def test_subcommands_are_dispatched_lazily():
    p = etl("synth", "--help")
    assert p.returncode == 0 and "--rows" in p.stdout
    # `run` does not import the other subcommands' modules
    code = (
        "import sys, etl.__main__; "
        "print(sorted(k for k in sys.modules if k in ('etl.synth', 'etl.evaluate', 'etl.reference')))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "[]"


# -- issue 14, rough edges 9 and 10 -------------------------------------------------------------------------


def test_rejects_print_top_reasons_and_where_to_read_them(tmp_path):
    db = tmp_path / "w.duckdb"
    p = etl(
        "run", "--source", str(FIXTURE_SET / "bad_rows.csv"), "--source", str(EDGE / "no_region.csv"), "--db", str(db)
    )
    assert p.returncode == 0, p.stderr
    m = SUMMARY.match(p.stdout.strip())
    assert m and m.group(8) == "12"
    err = p.stderr
    assert "top reasons of the 12 rejected row(s):" in err
    assert "date_out_of_range: start_date 1970-09-01 is out of range" in err and "(bad_rows.csv row 6)" in err
    assert "Data status" in err and f"rejects table of {db}" in err and "WHERE run_id = '" + m.group(1) + "'" in err
    # an unreadable file counts as one rejected input on its own line and in the summary alike
    assert "no_region.csv: unreadable: 1 rejected" in err


def test_top_reasons_name_each_unreadable_file_and_count_the_rest(tmp_path):
    """Two unreadable files were one line, "2  in_file: <the first file's reason>", the other's reason unsaid;
    and the reasons past the fifth were dropped without a word (6 rejected, 5 listed)."""
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"this is not a zip archive at all" * 20)
    many = tmp_path / "many.csv"
    many.write_text(
        "region,start_date,participants\n火星区,2024-09-11,10\n宝山区,2024-13-45,10\n静安区,,10\n"
        "闵行区,2024-09-16,1_000\n徐汇区,2024-09-16,3.7\n长宁区,1970-09-01,5\n",
        encoding="utf-8",
    )
    p = etl(
        "run",
        *("--source", str(broken), "--source", str(EDGE / "no_region.csv"), "--source", str(many)),
        "--db",
        str(tmp_path / "w.duckdb"),
    )
    assert p.returncode == 0, p.stderr
    m = SUMMARY.match(p.stdout.strip())
    assert m and m.group(8) == "8", p.stdout
    listed = p.stderr.split("top reasons of the 8 rejected row(s):")[1].split("etl run: every rejected row")[0]
    lines = [line for line in listed.splitlines() if line.strip()]
    assert any("in_file: broken.xlsx:" in line and line.split()[0] == "1" for line in lines), listed
    assert any("in_file: no_region.csv:" in line and line.split()[0] == "1" for line in lines), listed
    assert sum(int(line.split()[0]) for line in lines) == 8, listed
    assert "other reasons" in lines[-1], listed


def test_unreadable_file_counts_agree(tmp_path):
    p = etl("run", "--source", str(EDGE / "no_region.csv"), "--db", str(tmp_path / "w.duckdb"))
    m = SUMMARY.match(p.stdout.strip())
    assert m and m.group(8) == "1"
    assert "no_region.csv: unreadable: 1 rejected" in p.stderr


def test_help_lists_exit_codes():
    out = etl("run", "--help").stdout
    for code in ("0 ", "1 ", "2 ", "75 "):
        assert f"\n  {code}" in out, out
    assert "exit codes:" in out


def test_no_demo_removes_the_demo_rows(tmp_path):
    """`etl run --no-demo` (the README's cron line) takes the demo rows out of a warehouse that has them."""
    db = tmp_path / "w.duckdb"
    assert etl("run", "--source", str(EDGE / "semicolon.csv"), "--demo", "--db", str(db), "--quiet").returncode == 0

    def counts():
        con = duckdb.connect(str(db), read_only=True)
        try:
            return dict(con.execute("SELECT is_synthetic, count(*) FROM activities GROUP BY ALL").fetchall())
        finally:
            con.close()

    before = counts()
    assert before[True] > 1000 and before[False] == 2
    p = etl("run", "--source", str(EDGE / "semicolon.csv"), "--no-demo", "--db", str(db), "--quiet")
    assert p.returncode == 0, p.stderr
    assert f", {before[True]:,} demo rows removed -> " in p.stdout and SUMMARY.match(p.stdout.strip())
    assert counts() == {False: 2}
    # without --demo or --no-demo a run with sources leaves the warehouse's demo rows as they are
    etl("run", "--source", str(EDGE / "semicolon.csv"), "--demo", "--db", str(db), "--quiet")
    etl("run", "--source", str(EDGE / "semicolon.csv"), "--db", str(db), "--quiet")
    assert counts()[True] == before[True]


@pytest.mark.parametrize(("stop", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_stopped_run_says_so_leaves_nothing_and_the_next_run_loads(tmp_path, stop, code):
    """Ctrl-C printed a 30-line traceback and a scheduler's SIGTERM killed the run without a word; both left
    the staging copy on disk and no trace in etl_runs (audit16). Now: one line, exit 128 + the signal, the
    copy removed, the stop recorded, the published warehouse unchanged, and the next run loads."""
    db = tmp_path / "w.duckdb"
    assert etl("run", "--source", str(FIXTURE_SET), "--db", str(db), "--quiet").returncode == 0
    before = duckdb.connect(str(db), read_only=True).execute("SELECT count(*) FROM activities").fetchall()
    big = tmp_path / "big.csv"
    with big.open("w", encoding="utf-8") as out:
        out.write("record_id,region,start_date,title,participants\n")
        out.writelines(f"b{i},浦东新区,2023-09-{1 + i % 28:02d},活动{i},{i % 500}\n" for i in range(300_000))
    proc = subprocess.Popen(
        [sys.executable, "-m", "etl", "run", "--source", str(big), "--db", str(db)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # a shell's background job ignores SIGINT; Ctrl-C reaches a foreground run with its default action
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob("w.duckdb.staging-*")) and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    time.sleep(0.5)  # inside the load of the big file
    proc.send_signal(stop)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == code, err
    assert err.strip() == f"etl run: interrupted ({stop.name}): nothing was published, {db} is unchanged"
    assert out == ""
    assert list(tmp_path.glob("w.duckdb.staging-*")) == []
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM activities").fetchall() == before
        status, message, coded = con.execute(
            "SELECT status, message, messages FROM etl_runs ORDER BY started_at DESC LIMIT 1"
        ).fetchone()
    assert status == "failed" and f"interrupted ({stop.name}); nothing was published" in message
    # Data status shows it in the reader's language
    assert render(coded, "zh") == f"运行被中止（{stop.name}），没有发布任何数据"
    again = etl("run", "--source", str(FIXTURE_SET), "--db", str(db), "--quiet")
    assert again.returncode == 0 and SUMMARY.match(again.stdout.strip()), again.stderr


def test_a_loaded_file_whose_formulas_were_read_empty_is_named(tmp_path):
    """A workbook saved without its formulas' values loaded with those cells empty (a title lost) and the run
    printed nothing about it: only files with rejects got a line (audit16). Now it gets one too."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["区", "日期", "活动名称"])
    sheet.append(["徐汇区", "2024-09-03", "徐汇质量讲座"])
    sheet.append(["徐汇区", "2024-09-04", '=A2&"开放日"'])  # openpyxl saves no value for a formula
    book.save(tmp_path / "徐汇.xlsx")
    p = etl("run", "--source", str(tmp_path / "徐汇.xlsx"), "--db", str(tmp_path / "w.duckdb"))
    assert p.returncode == 0, p.stderr
    assert (
        "etl run: 徐汇.xlsx: ok: 0 rejected (1 formula cell(s) without a saved value read as empty: Sheet!C3"
        in p.stderr
    )


def test_an_error_raised_by_a_stop_is_the_stop_not_a_broken_file(tmp_path, monkeypatch):
    """A Ctrl-C landing inside a DuckDB query makes DuckDB raise its own 'Query interrupted', which the
    per-file handler took for a broken file: the run went on and published without that file, exit 0 (audit16,
    seen on test_a_stopped_run_… above). Here the stop is asked and the file's read fails: nothing is published."""
    from etl import interrupt
    from etl.pipeline import run_pipeline

    db = tmp_path / "w.duckdb"
    run_pipeline([FIXTURE_SET], db, demo=False)
    with duckdb.connect(str(db), read_only=True) as con:
        before = {r for (r,) in con.execute("SELECT run_id FROM etl_runs").fetchall()}
    broken = tmp_path / "坏.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")  # unreadable: normally one reject, the run publishes
    monkeypatch.setattr(interrupt, "_requested", "SIGTERM")
    with pytest.raises(KeyboardInterrupt, match="SIGTERM"):
        run_pipeline([broken, FIXTURE_SET / "bad_rows.csv"], db, demo=False)
    assert list(tmp_path.glob("w.duckdb.staging-*")) == []
    with duckdb.connect(str(db), read_only=True) as con:
        # run ids sort by second only (a random suffix after it): both runs may share one second, so the new
        # run is the id that was not there before, not the largest one
        (last,) = {r for (r,) in con.execute("SELECT run_id FROM etl_runs").fetchall()} - before
        assert con.execute("SELECT status, messages FROM etl_runs WHERE run_id = ?", [last]).fetchone()[0] == "failed"
        assert con.execute("SELECT count(*) FROM source_files WHERE source = '坏.xlsx'").fetchone()[0] == 0
