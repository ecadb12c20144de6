"""Reliability figures of issue 5, item 6: ``python bench/reliability.py [--quick]``.

Four experiments, each against warehouses built by the real ETL in a scratch directory:

1. **Concurrent sessions during loads.** Reader threads (one shared ``Warehouse``, as
   ``st.cache_resource`` shares it, plus one private ``Warehouse`` each) run the dashboard's named
   queries in a loop, and AppTest sessions run the real ``dashboard.py``, while ``python -m etl
   run`` publishes new files one after another. Errors are any exception or AppTest error; a
   torn read is a total that matches no published state.
2. **ETL killed at random points.** ``python -m etl run`` is SIGKILLed at a uniformly random
   moment of its run; afterwards the published file must open and hold exactly the before or
   the after count, and the writer lock must be free.
3. **Malformed files.** Generated and hand-made files (encodings, truncation, huge fields,
   wrong types, formula cells, unknown regions, duplicates, XLSX/DOCX bombs...) go through the
   upload path (checks + ETL dry run) one by one and then through one real ETL run together.
   A crash is an exception escaping either path or the ETL exiting non-zero; a valid row is
   lost when a row known to be valid (explicit ``record_id`` ok-...) is not loaded.
4. **Forbidden reads per role.** For each role and scope, every filtered named query runs with
   the policy applied, with district picks inside and outside the scope and with the pages'
   own ``without('districts')`` variants; rows leaked counts records (or counts in aggregates)
   beyond what the scope allows.

Prints a table and writes bench/results/reliability.json.
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import io
import json
import os
import platform
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402

from analytics.queries.catalog import call_with_samples, filtered_queries, is_map_view  # noqa: E402

DISTRICT_NAMES = {
    "310101": "黄浦",
    "310104": "徐汇",
    "310105": "长宁",
    "310106": "静安",
    "310107": "普陀",
    "310109": "虹口",
    "310110": "杨浦",
    "310112": "闵行",
    "310113": "宝山",
    "310114": "嘉定",
    "310115": "浦东",
    "310116": "金山",
    "310117": "松江",
    "310118": "青浦",
    "310120": "奉贤",
    "310151": "崇明",
}
HEADER = ["record_id", "region", "start_date", "title", "organizer", "participants"]


# ----------------------------------------------------------------------------- helpers
def etl_cmd(db: Path, *sources: Path) -> list[str]:
    cmd = [sys.executable, "-m", "etl", "run", "--db", str(db), "--no-demo", "--quiet"]
    for s in sources:
        cmd += ["--source", str(s)]
    return cmd


def etl_env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def count(db: Path, where: str = "TRUE") -> int:
    con = duckdb.connect(":memory:")
    try:
        con.execute("ATTACH ? AS w (READ_ONLY)", [str(db)])
        return con.execute(f"SELECT count(*) FROM w.activities WHERE {where}").fetchone()[0]  # noqa: S608
    finally:
        con.close()


def district_rows(n: int, tag: str, city_rows: int = 0) -> list[list[str]]:
    names = list(DISTRICT_NAMES.values())
    rows = [
        [
            f"{tag}-{i}",
            names[i % 16],
            f"2024-09-{1 + i % 28:02d}",
            f"{names[i % 16]}质量活动{tag}{i}",
            f"{names[i % 16]}区市场监管局",
            str(10 + i % 500),
        ]
        for i in range(n)
    ]
    rows += [
        [f"{tag}-city-{i}", "上海市", "2023-09-15", f"全市质量活动{tag}{i}", "上海市质量办", "100"]
        for i in range(city_rows)
    ]
    return rows


def write_csv(
    path: Path,
    rows: list[list[str]],
    header: list[str] = HEADER,
    encoding: str = "utf-8",
    delim: str = ",",
    newline: str = "\n",
) -> Path:
    buf = io.StringIO()
    import csv

    w = csv.writer(buf, delimiter=delim, lineterminator=newline)
    w.writerow(header)
    w.writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def publish(db: Path, *sources: Path) -> None:
    proc = subprocess.run(etl_cmd(db, *sources), env=etl_env(), capture_output=True, text=True, timeout=600)
    if proc.returncode != 0:
        raise RuntimeError(f"etl run failed ({proc.returncode}): {proc.stderr[-2000:]}")


# ----------------------------------------------------------------------------- 1. concurrency
def concurrency(work: Path, sessions: int, loads: int, apptest: int) -> dict:
    from analytics import queries
    from analytics.db import Warehouse
    from analytics.filters import Filters

    d = work / "concurrency"
    d.mkdir()
    db = d / "quality.duckdb"
    base = write_csv(d / "base.csv", district_rows(3000, "base", 40))
    publish(db, base)
    step = 500
    states = {count(db) + k * step for k in range(loads + 1)}
    batches = [write_csv(d / f"load{k}.csv", district_rows(step, f"load{k}")) for k in range(loads)]
    shared = Warehouse(db)
    stop = threading.Event()
    lock = threading.Lock()
    stats = {"queries": 0, "errors": 0, "torn_reads": 0, "apptest_runs": 0, "apptest_errors": 0}
    samples: list[str] = []
    seen_totals: set[int] = set()
    qs = list(filtered_queries())
    picks = [Filters(), Filters(districts=("310104",)), Filters(years=(2024,)), Filters(search="质量")]

    def reader(n: int) -> None:
        wh = shared if n % 2 == 0 else Warehouse(db)
        rng = random.Random(n)
        while not stop.is_set():
            try:
                total = queries.kpis(wh, Filters()).total.activities
                name, fn = rng.choice(qs)
                call_with_samples(fn, wh, rng.choice(picks))
                with lock:
                    stats["queries"] += 2
                    seen_totals.add(total)
                    if total not in states:
                        stats["torn_reads"] += 1
            except Exception as exc:  # every failure is a figure
                with lock:
                    stats["errors"] += 1
                    if len(samples) < 5:
                        samples.append(f"{type(exc).__name__}: {str(exc)[:200]}")

    def app_session() -> None:
        from streamlit.testing.v1 import AppTest

        os.environ["QM_DB"] = str(db)
        while not stop.is_set():
            try:
                at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120).run()
                bad = list(at.exception) + list(at.error)
                with lock:
                    stats["apptest_runs"] += 1
                    if bad:
                        stats["apptest_errors"] += 1
                        if len(samples) < 5:
                            samples.append(f"AppTest: {str(bad[0].value)[:200]}")
            except Exception as exc:
                with lock:
                    stats["apptest_errors"] += 1
                    if len(samples) < 5:
                        samples.append(f"AppTest {type(exc).__name__}: {str(exc)[:200]}")

    threads = [threading.Thread(target=reader, args=(i,), daemon=True) for i in range(sessions)]
    threads += [threading.Thread(target=app_session, daemon=True) for _ in range(apptest)]
    t0 = time.monotonic()
    for t in threads:
        t.start()
    load_seconds = []
    for b in batches:
        t1 = time.monotonic()
        publish(db, b)
        load_seconds.append(time.monotonic() - t1)
        time.sleep(0.5)
    time.sleep(1.0)
    stop.set()
    for t in threads:
        t.join(timeout=180)
    return {
        "reader_threads": sessions,
        "apptest_sessions": apptest,
        "etl_publishes": loads,
        "seconds": round(time.monotonic() - t0, 1),
        "load_seconds_mean": round(sum(load_seconds) / len(load_seconds), 2),
        "states_seen": len(seen_totals & states),
        **stats,
        "error_samples": samples,
    }


# ----------------------------------------------------------------------------- 2. kills
def kills(work: Path, n: int, seed: int) -> dict:
    from etl.lock import LockHeld, exclusive

    d = work / "kills"
    d.mkdir()
    template = d / "template.duckdb"
    publish(template, write_csv(d / "base.csv", district_rows(2000, "base", 20)))
    extra = write_csv(d / "extra.csv", district_rows(3000, "extra"))
    before = count(template)
    # One full run to know how long a run takes; kills are spread over 0..110% of it.
    probe = d / "probe.duckdb"
    shutil.copyfile(template, probe)
    t0 = time.monotonic()
    publish(probe, extra)
    full = time.monotonic() - t0
    after = count(probe)
    rng = random.Random(seed)
    out = {
        "runs_killed": 0,
        "partial_publishes": 0,
        "unopenable_after_kill": 0,
        "lock_left_held": 0,
        "ended_before": 0,
        "ended_after": 0,
        "finished_before_kill": 0,
        "staging_files_left": 0,
        "stale_staging_kept_by_a_publishing_run": 0,
        "staging_files_after_next_run": 0,
        "full_run_seconds": round(full, 2),
        "before_rows": before,
        "after_rows": after,
    }
    db = d / "quality.duckdb"
    for _ in range(n):
        shutil.copyfile(template, db)
        # Copies left by the previous kill stay: the next run that takes the lock must delete them.
        stale = set(d.glob("quality.duckdb.staging-*"))
        proc = subprocess.Popen(etl_cmd(db, extra), env=etl_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.0, full * 1.1))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            out["runs_killed"] += 1
        else:
            out["finished_before_kill"] += 1
        proc.wait(timeout=60)
        try:
            c = count(db)
        except Exception:
            out["unopenable_after_kill"] += 1
            continue
        if c == before:
            out["ended_before"] += 1
        elif c == after:
            out["ended_after"] += 1
            out["stale_staging_kept_by_a_publishing_run"] += sum(1 for p in stale if p.exists())
        else:
            out["partial_publishes"] += 1
        try:
            with exclusive(db, "reliability-probe"):
                pass
        except LockHeld:
            out["lock_left_held"] += 1
        out["staging_files_left"] += len(list(d.glob("quality.duckdb.staging-*")))
    # One more run to completion: whatever the kills left must be gone after it.
    subprocess.run(etl_cmd(db, extra), env=etl_env(), capture_output=True, timeout=600)
    out["staging_files_after_next_run"] = len(list(d.glob("quality.duckdb.staging-*")))
    return out


# ----------------------------------------------------------------------------- 3. malformed files
@dataclass
class Case:
    """One hostile file and the record ids in it that are valid and must load."""

    name: str
    data: bytes
    valid: list[str] = field(default_factory=list)
    category: str = ""
    ids: list[str] = field(default_factory=list)  # every record_id written in the file (valid or not)
    etl_only: bool = False  # a type uploads do not take (JSON, hidden names): ETL only
    expect: dict[str, tuple] = field(default_factory=dict)  # record_id -> (participants, qualifier) it must load as
    locators: dict[str, str] = field(default_factory=dict)  # record_id -> where its reject is, when unreadable


def good_rows(tag: str) -> list[list[str]]:
    return [
        [f"ok-{tag}-1", "徐汇", "2024-09-01", f"徐汇质量开放日{tag}", "徐汇区市场监管局", "120"],
        [f"ok-{tag}-2", "浦东新区", "2024-09-02", f"浦东质量论坛{tag}", "浦东新区质量协会", "约200人"],
        [f"ok-{tag}-3", "Baoshan District", "2024-09-03", f"宝山质量培训{tag}", "宝山区某公司", "3000多人次"],
    ]


# kind -> (bad rows appended after the good ones, ids among them that are valid after all)
def row_kinds(tag: str) -> dict[str, tuple[list[list[str]], list[str]]]:
    g1 = good_rows(tag)[0]
    return {
        "unknown_region_zh": ([[f"bad-{tag}", "火星区", "2024-09-05", "t", "o", "1"]], []),
        "unknown_region_en": ([[f"bad-{tag}", "Atlantis", "2024-09-05", "t", "o", "1"]], []),
        "empty_region": ([[f"bad-{tag}", "", "2024-09-05", "t", "o", "1"]], []),
        "bad_date": ([[f"bad-{tag}", "徐汇", "2024-13-45", "t", "o", "1"]], []),
        "word_date": ([[f"bad-{tag}", "徐汇", "yesterday", "t", "o", "1"]], []),
        "future_date": ([[f"bad-{tag}", "徐汇", "2999-01-01", "t", "o", "1"]], []),
        "ancient_date": ([[f"bad-{tag}", "徐汇", "1900-01-01", "t", "o", "1"]], []),
        # a count with no number at all (lots, 不详): the activity happened, its size is unknown; the
        # row loads with participants NULL and the file's message says so (never a made-up number)
        "text_count": ([[f"ok-{tag}-u", "徐汇", "2024-09-05", "t", "o", "lots"]], [f"ok-{tag}-u"]),
        "negative_count": ([[f"bad-{tag}", "徐汇", "2024-09-05", "t", "o", "-5"]], []),
        "absurd_count": ([[f"bad-{tag}", "徐汇", "2024-09-05", "t", "o", "99999999999999999999"]], []),
        "huge_title": ([[f"bad-{tag}", "徐汇", "2024-09-05", "质" * 300_000, "o", "1"]], []),
        "huge_organizer": ([[f"bad-{tag}", "徐汇", "2024-09-05", "t", "o" * 50_000, "1"]], []),
        "formula_title": ([[f"ok-{tag}-f", "徐汇", "2024-09-06", "=cmd|' /C calc'!A0", "o", "1"]], [f"ok-{tag}-f"]),
        "formula_org": (
            [[f"ok-{tag}-h", "徐汇", "2024-09-06", "t", '=HYPERLINK("http://x","y")', "1"]],
            [f"ok-{tag}-h"],
        ),
        "sql_title": (
            [[f"ok-{tag}-s", "徐汇", "2024-09-06", "'); DROP TABLE activities;--", "o", "1"]],
            [f"ok-{tag}-s"],
        ),
        "exact_duplicate": ([list(g1)], []),
        "conflicting_duplicate": ([[g1[0], g1[1], g1[2], "另一个标题", g1[4], g1[5]]], []),
        "extra_cells": ([[f"bad-{tag}", "徐汇", "2024-09-05", "t", "o", "1", "x", "y", "z"]], []),
        "missing_cells": ([[f"bad-{tag}", "徐汇"]], []),
        "totals_row": ([["合计", "", "", "", "", "999"]], []),
        # control characters are removed from text (issue 12): the row loads, repaired
        "control_chars": ([[f"ok-{tag}-x", "徐汇", "2024-09-05", "a\x07b\x1bc", "o", "1"]], [f"ok-{tag}-x"]),
        # participants that are not a plain count: refused with the reason, or read as what they are
        "count_is_date": ([[f"bad-{tag}", "徐汇", "2024-09-05", "t", "o", "2023-09-01"]], []),
        "count_underscore": ([[f"bad-{tag}", "徐汇", "2024-09-05", "t", "o", "1_000"]], []),
        "count_fraction": ([[f"bad-{tag}", "徐汇", "2024-09-05", "t", "o", "3.7"]], []),
        "count_range": ([[f"ok-{tag}-r", "徐汇", "2024-09-05", "t", "o", "5-10"]], [f"ok-{tag}-r"]),
        "chinese_count": ([[f"ok-{tag}-c", "闵行", "2024-09-07", "t", "o", "近五十名"]], [f"ok-{tag}-c"]),
        "former_district": ([[f"ok-{tag}-n", "南汇区", "2008-09-07", "t", "o", "1"]], [f"ok-{tag}-n"]),
    }


def expected_values(tag: str) -> dict[str, tuple]:
    """record_id -> (participants, qualifier) the rows of row_kinds(tag) must load as."""
    return {f"ok-{tag}-r": (5, "at_least"), f"ok-{tag}-u": (None, None)}


def csv_case(tag: str, kind: str, encoding: str) -> Case:
    bad, extra_valid = row_kinds(tag)[kind]
    rows = good_rows(tag) + bad
    buf = io.StringIO()
    import csv

    crlf = encoding.endswith("-crlf")
    encoding = encoding.removesuffix("-crlf")
    csv.writer(buf, lineterminator="\r\n" if crlf else "\n").writerows([HEADER, *rows])
    try:
        data = buf.getvalue().encode(encoding)
    except UnicodeEncodeError:
        data = buf.getvalue().encode(encoding, errors="replace")
    valid = [r[0] for r in good_rows(tag)] + extra_valid
    return Case(
        f"{tag}.csv",
        data,
        valid,
        f"csv:{kind}",
        ids=[r[0] for r in rows if r[0].startswith(("ok-", "bad-"))],
        expect={rid: value for rid, value in expected_values(tag).items() if rid in {r[0] for r in rows}},
    )


def xlsx_bytes(rows: list[list[object]], sheets: int = 1, title_rows: int = 0) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    for s in range(sheets):
        if s:
            ws = wb.create_sheet(f"S{s}")
        for _ in range(title_rows):
            ws.append(["2024年质量月活动汇总表"])
        for r in rows:
            ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def zip_bytes(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as zf:
        for k, v in members.items():
            zf.writestr(k, v)
    return buf.getvalue()


CT = b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
WB = b'<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'
LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]><sst>&d;</sst>'
)
XXE = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><sst>&e;</sst>'


def big_member_bomb(suffix: str) -> bytes:
    main = "xl/workbook.xml" if suffix == ".xlsx" else "word/document.xml"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CT)
        zf.writestr(main, WB)
        with zf.open(
            "xl/worksheets/sheet1.xml" if suffix == ".xlsx" else "word/media/x.xml", "w", force_zip64=True
        ) as fh:
            chunk = b" " * (1 << 20)
            for _ in range(600):
                fh.write(chunk)
    return buf.getvalue()


def docx_bytes(paragraphs: list[str]) -> bytes:
    import docx

    doc = docx.Document()
    for p in paragraphs:
        doc.add_paragraph(p)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def malformed_cases() -> list[Case]:
    cases: list[Case] = []
    encodings = ("utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "utf-8-crlf")
    kinds = list(row_kinds("x"))
    n = 0
    for enc in encodings:
        for kind in kinds:
            n += 1
            cases.append(csv_case(f"c{n:03d}", kind, enc))
            cases[-1].category += f":{enc}"
    for kind in kinds:
        if kind == "control_chars":
            continue  # a worksheet cannot hold them at all (openpyxl refuses to write them)
        n += 1
        tag = f"x{n:03d}"
        bad, extra_valid = row_kinds(tag)[kind]
        cases.append(
            Case(
                f"{tag}.xlsx",
                xlsx_bytes([HEADER, *good_rows(tag), *bad]),
                [r[0] for r in good_rows(tag)] + [v for v in extra_valid if "-f" not in v and "-h" not in v],
                f"xlsx:{kind}",
                ids=[
                    r[0]
                    for r in [*good_rows(tag), *bad]
                    if r[0].startswith(("ok-", "bad-")) and "-f" not in r[0] and "-h" not in r[0]
                ],
            )
        )
    # -- structure and encoding accidents (CSV)
    base = "\n".join(",".join(r) for r in [HEADER, *good_rows("T")]) + "\n"

    def add(name: str, data: bytes, category: str, tag: str, valid_tags: Sequence[str] = ("1", "2", "3")) -> None:
        """One CSV case: rows ok-<tag>-<k> for k in `valid_tags` must load, a bad-<tag> row must not."""
        valid = [f"ok-{tag}-{k}" for k in valid_tags]
        bad = [f"bad-{tag}"] if f"bad-{tag},".encode() in data else []
        cases.append(Case(name, data, valid, category, ids=valid + bad))

    def body(tag: str, extra: str = "") -> str:
        return "\n".join(",".join(r) for r in [HEADER, *good_rows(tag)]) + "\n" + extra

    for i, enc in enumerate(("utf-8", "gb18030")):
        for j, frac in enumerate((0.55, 0.8, 0.97)):
            tag = f"tr{i}{j}"
            text = body(tag, ",".join([f"bad-{tag}", "徐汇", "2024-09-05", "被截断的最后一行" * 5, "o", "1"]) + "\n")
            raw = text.encode(enc)
            cut = raw[: int(len(raw) * frac)]
            complete = cut.decode(enc, errors="ignore").split("\n")[:-1]
            valid = [r.split(",")[0] for r in complete[1:] if r.startswith("ok-")]
            cases.append(Case(f"{tag}.csv", cut, valid, f"truncated:{enc}:{frac}"))
    add("hdronly.csv", ",".join(HEADER).encode() + b"\n", "header_only", "h", [])
    add("emptyish.csv", b"\n\n\n", "blank_lines", "e", [])
    add("bomonly.csv", codecs.BOM_UTF8, "bom_only", "b", [])
    add(
        "title-above.csv",
        ("2024年质量月活动统计表,,,,,\n填报单位：某区,,,,,\n" + body("ta")).encode(),
        "title_rows",
        "ta",
    )
    add("semicolon.csv", body("sc").replace(",", ";").encode(), "delimiter", "sc")
    add("tabs.csv", body("tb").replace(",", "\t").encode(), "delimiter", "tb")
    add("crlf.csv", body("cr").replace("\n", "\r\n").encode(), "line_endings", "cr")
    add("cr-only.csv", body("co").replace("\n", "\r").encode(), "line_endings", "co")
    add(
        "nul-row.csv", (body("nu") + "ok-nu-4,徐汇,2024-09-05,a\x00b,o,1\n").encode(), "nul", "nu", ["1", "2", "3", "4"]
    )
    add("dup-headers.csv", body("dh").replace("participants", "title", 1).encode(), "duplicate_headers", "dh")
    wide_header = HEADER + [f"extra{i}" for i in range(900)]
    wide = ",".join(wide_header) + "\n" + "".join(",".join(r + [""] * 900) + "\n" for r in good_rows("wd"))
    add("wide.csv", wide.encode(), "900_columns", "wd")
    add(
        "longline.csv",
        (body("ll") + "bad-ll,徐汇,2024-09-05," + "x" * 6_000_000 + ",o,1\n").encode(),
        "huge_field_6MB",
        "ll",
    )
    add("quote.csv", (body("qu") + 'bad-qu,徐汇,2024-09-05,"never closed,o,1\n').encode(), "unbalanced_quote", "qu")
    # A stray BOM before a row, and a GBK row in a UTF-8 file: both repaired, the rows load as written.
    add(
        "bom-mid.csv",
        (body("bm") + "\ufeffok-bm-4,徐汇,2024-09-05,t,o,1\n").encode(),
        "bom_in_middle",
        "bm",
        ["1", "2", "3", "4"],
    )
    add(
        "mixed-enc.csv",
        body("me").encode("utf-8") + "ok-me-4,徐汇,2024-09-05,混合编码,o,1\n".encode("gbk"),
        "mixed_encoding",
        "me",
        ["1", "2", "3", "4"],
    )
    add("stray-byte.csv", body("sb").encode("utf-8") + b"bad-sb,\xff\xfe,2024-09-05,t,o,1\n", "stray_byte", "sb")
    add("formula-header.csv", body("fh").replace("organizer", "=organizer").encode(), "formula_header", "fh")
    # Big5 is written in Traditional characters (the simplified ones have no Big5 code at all).
    traditional = str.maketrans("汇质开东区论坛协会约宝训监场", "匯質開東區論壇協會約寶訓監場")
    add("big5.csv", body("b5").translate(traditional).encode("big5"), "big5", "b5")
    add(
        "zh-headers.csv",
        body("zh").replace(",".join(HEADER), "记录编号,区,活动日期,活动名称,主办单位,参与人数").encode("gbk"),
        "chinese_headers_gbk",
        "zh",
    )
    add("no-header.csv", "\n".join(",".join(r) for r in good_rows("nh")).encode(), "no_header", "nh", [])
    add("binary.csv", bytes(random.Random(1).randbytes(50_000)), "random_bytes", "rb", [])
    add("html-as.csv", b"<html><body>not a csv</body></html>", "wrong_content", "wc", [])
    # -- spreadsheets
    add("multi-sheet.xlsx", xlsx_bytes([HEADER, *good_rows("ms")], sheets=3), "xlsx:3_sheets", "ms")
    add("title-rows.xlsx", xlsx_bytes([HEADER, *good_rows("tx")], title_rows=3), "xlsx:title_rows", "tx")
    junk_first = xlsx_bytes([["说明"], ["本表由各区填报"]])
    add("junk-sheet.xlsx", junk_first, "xlsx:no_header", "js", [])
    import datetime as dt

    typed = [HEADER] + [
        [r[0], r[1], dt.datetime(2024, 9, 1 + k), r[3], r[4], 10.0 + k] for k, r in enumerate(good_rows("ty"))
    ]
    add("typed.xlsx", xlsx_bytes(typed), "xlsx:native_types", "ty")
    full = xlsx_bytes([HEADER, *good_rows("tz")])
    for k, frac in enumerate((0.3, 0.6, 0.9)):
        add(f"trunc{k}.xlsx", full[: int(len(full) * frac)], "xlsx:truncated", f"tz{k}", [])
    add("csv-renamed.xlsx", base.encode(), "xlsx:not_zip", "cr", [])
    add("docx-renamed.xlsx", docx_bytes(["徐汇区质量月启动"]), "xlsx:docx_inside", "dr", [])
    add(
        "laughs.xlsx",
        zip_bytes({"[Content_Types].xml": CT, "xl/workbook.xml": WB, "xl/sharedStrings.xml": LAUGHS}),
        "xlsx:billion_laughs",
        "bl",
        [],
    )
    add(
        "xxe.xlsx",
        zip_bytes({"[Content_Types].xml": CT, "xl/workbook.xml": WB, "xl/sharedStrings.xml": XXE}),
        "xlsx:xxe",
        "xe",
        [],
    )
    add(
        "ratio.xlsx",
        zip_bytes(
            {
                "[Content_Types].xml": CT,
                "xl/workbook.xml": WB,
                "xl/sharedStrings.xml": b"<sst>" + b"a" * (20 << 20) + b"</sst>",
            }
        ),
        "xlsx:ratio_bomb",
        "rb",
        [],
    )
    add("bigmember.xlsx", big_member_bomb(".xlsx"), "xlsx:600MB_member", "bm", [])
    add(
        "members.xlsx",
        zip_bytes({f"m/{i}.xml": b"<a/>" for i in range(12_000)}, zipfile.ZIP_STORED),
        "xlsx:12000_members",
        "mm",
        [],
    )
    add(
        "nested.xlsx",
        zip_bytes(
            {"[Content_Types].xml": CT, "xl/workbook.xml": WB, "xl/inner.zip": zip_bytes({"a.xml": b"a" * (5 << 20)})}
        ),
        "xlsx:nested_zip",
        "nz",
        [],
    )
    hostile_cases(cases, body, add)
    # -- bulletins (txt / html / docx): crashes only; they carry no explicit ids
    bulletin = "2024年9月3日，徐汇区市场监管局举行“质量月”启动仪式，约200人参加。"
    for enc in ("utf-8", "gb18030", "utf-16", "utf-8-sig"):
        add(f"bul-{enc}.txt", bulletin.encode(enc), f"bulletin:{enc}", "bu", [])
    add("bul-empty.txt", b" \n\n", "bulletin:blank", "be", [])
    add("bul-huge.txt", ("质量" * 1_000_000).encode(), "bulletin:2M_chars_one_line", "bh", [])
    add("bul-pinyin.txt", "質(zhì)量(liàng)月(yuè)活動(dòng)在徐匯區舉行".encode(), "bulletin:pinyin", "bp", [])
    add("bul-random.txt", random.Random(2).randbytes(20_000).replace(b"\x00", b"."), "bulletin:random_bytes", "br", [])
    add(
        "bul-script.html",
        f"<html><script>alert(1)</script><p>{bulletin}</p><img src=x onerror=alert(1)>".encode(),
        "bulletin:script",
        "bs",
        [],
    )
    add("bul-deep.html", ("<div>" * 50_000 + bulletin + "</div>" * 50_000).encode(), "bulletin:deep_nesting", "bd", [])
    add(
        "bul-unclosed.html", b"<html><body><p>" + bulletin.encode() + b"<table><tr><td>", "bulletin:unclosed", "bu2", []
    )
    add(
        "bul-entity.html",
        b'<?xml version="1.0"?><!DOCTYPE h [<!ENTITY x SYSTEM "file:///etc/passwd">]><html>&x;</html>',
        "bulletin:xxe_html",
        "bx",
        [],
    )
    add("bul.docx", docx_bytes([bulletin, "浦东新区举办质量论坛。"]), "bulletin:docx", "bdx", [])
    add("bul-trunc.docx", docx_bytes([bulletin])[:2000], "bulletin:docx_truncated", "bdt", [])
    add(
        "bul-xxe.docx",
        zip_bytes({"[Content_Types].xml": CT, "word/document.xml": XXE}),
        "bulletin:docx_xxe",
        "bdx2",
        [],
    )
    add("bul-bomb.docx", big_member_bomb(".docx"), "bulletin:docx_bomb", "bdb", [])
    add(
        "bul-laughs.docx",
        zip_bytes({"[Content_Types].xml": CT, "word/document.xml": LAUGHS}),
        "bulletin:docx_laughs",
        "bdl",
        [],
    )
    return cases


def hostile_cases(cases: list[Case], body: Callable[..., str], add: Callable[..., None]) -> None:
    """The shapes of issue 12: files of kilobytes that ask for gigabytes, rows lost without a word, bad values."""
    from tests.etl.test_hostile_files import dimension_bomb  # the generator the tests use

    add("dimension-bomb.xlsx", dimension_bomb(), "limits:xlsx_declares_XFD1048576", "db", [])
    add("declared-big.xlsx", dimension_bomb(cell="C1048576"), "limits:xlsx_declared_size_one_cell", "dg", [])
    for label, width, tag in (("1m", 1_000_000, "hm"), ("20k", 20_000, "hk")):  # category: 1M, 20k
        header = ",".join(HEADER) + "".join(f",c{i}" for i in range(width)) + "\n"
        rows = "".join(",".join(r) + "\n" for r in good_rows(tag))
        add(
            f"header-{label}.csv", (header + rows).encode(), f"limits:header_{label.replace('m', 'M')}_columns", tag, []
        )
    # An unterminated quote on line 5 of 1,000 rows: that row is a reject, the 999 others load.
    rows = [
        [f"ok-uq-{i}", "徐汇", f"2024-09-{1 + i % 28:02d}", f"徐汇活动{i}", "徐汇区市场监管局", str(10 + i)]
        for i in range(1000)
    ]
    text = (
        ",".join(HEADER)
        + "\n"
        + "".join(
            ('bad-uq,徐汇,2024-09-05,"never closed,o,1\n' if i == 3 else ",".join(r) + "\n") for i, r in enumerate(rows)
        )
    )
    cases.append(
        Case(
            "unterminated.csv",
            text.encode(),
            [r[0] for i, r in enumerate(rows) if i != 3],
            "lost:unterminated_quote_1000_rows",
            ids=[r[0] for i, r in enumerate(rows) if i != 3] + ["bad-uq"],
        )
    )
    semis = (
        ",".join(HEADER)
        + "\n"
        + "".join(
            f'ok-sm-{i},徐汇,2024-09-0{1 + i},"开放日;论坛;培训;讲座;展览 {i}","甲;乙;丙;丁",12\n' for i in range(5)
        )
    )
    cases.append(
        Case(
            "semicolons.csv",
            semis.encode(),
            [f"ok-sm-{i}" for i in range(5)],
            "lost:quoted_semicolons",
            ids=[f"ok-sm-{i}" for i in range(5)],
        )
    )
    add("nul-header.csv", body("nh2").replace("title", "ti\x00tle", 1).encode(), "lost:nul_in_header", "nh2")
    for enc in ("utf-16-le", "utf-16-be"):
        tag = "u16" + enc[-2:]
        add(f"{tag}.csv", body(tag).encode(enc), f"encoding:{enc}_no_bom", tag)
    # ETL only (uploads take no JSON): one record nested 10,000 deep among good ones, as lines and as an array.
    deep = "[" * 10_000 + "]" * 10_000
    recs = [
        json.dumps({"record_id": r[0], "region": r[1], "start_date": r[2], "title": r[3]}, ensure_ascii=False)
        for r in good_rows("dj")
    ]
    recs.insert(1, '{"record_id": "bad-dj", "region": "徐汇", "start_date": "2024-09-01", "title": ' + deep + "}")
    for name, text, loc in (
        ("deep.jsonl", "\n".join(recs) + "\n", "line 2"),
        ("deep.json", "[" + ",".join(recs) + "]", "record 2"),
    ):
        # The deep record cannot be parsed, so its reject carries no cells: it is found by its locator.
        cases.append(
            Case(
                name,
                text.encode(),
                [r[0] for r in good_rows("dj")],
                "lost:json_10k_deep_record",
                ids=[r[0] for r in good_rows("dj")] + ["bad-dj"],
                etl_only=True,
                locators={"bad-dj": loc},
            )
        )
    # ETL only: a name that starts with dots, given directly: skipped, and said so.
    cases.append(Case("..dots.csv", body("dd").encode(), [], "lost:hidden_name_via_source", etl_only=True))


def _vm_hwm_mb() -> float:
    """Peak resident memory of this process so far (VmHWM), in MB: the 'server' of the upload path."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


SERVER_CEILING_MB = 1536


def malformed(work: Path) -> dict:
    """Every case through the upload path (checks + dry run) and then all of them through one ETL run.

    The dry runs of the resource classes (``limits:``) go through the Upload page's real path, a
    child process with its own memory and time ceiling (``etl.upload.dry_run_isolated``); this
    process plays the dashboard server, and its peak RSS (VmHWM) must stay under 1.5 GB. The other
    dry runs call ``etl.upload.dry_run`` in this process (a child each would add ~2 s per file).
    """
    from bench.memory import PeakRss
    from etl.upload import UploadRefused, check_upload, dry_run, dry_run_isolated

    d = work / "malformed"
    files, direct = d / "inbox", d / "direct"
    files.mkdir(parents=True)
    direct.mkdir()
    cases = malformed_cases()
    out = {
        "files": len(cases),
        "refused_at_upload": 0,
        "dry_run": 0,
        "dry_run_isolated": 0,
        "upload_crashes": 0,
        "valid_rows": 0,
        "valid_rows_refused_at_upload": 0,
        "valid_rows_lost_dry_run": 0,
        "valid_rows_lost_etl": 0,
        "etl_crashes": 0,
        "etl_unreadable_files": 0,
        "bad_rows_loaded": 0,
        "values_changed": 0,
        "control_chars_kept": 0,
        "lines_unaccounted": 0,
        "skipped_unlisted": 0,
        "seconds_upload_path": 0.0,
        "seconds_etl": 0.0,
    }
    samples: dict[str, list[str]] = {"crash": [], "lost": [], "bad": [], "unaccounted": []}
    lost_ids: set[str] = set()
    t0 = time.monotonic()
    refused_dir = d / "refused"
    refused_dir.mkdir()
    for c in cases:
        out["valid_rows"] += len(c.valid)
        if c.etl_only:
            (direct / c.name).write_bytes(c.data)
            continue
        path = refused_dir / c.name
        path.write_bytes(c.data)
        try:
            check_upload(c.name, c.data)
            path = path.rename(files / c.name)
        except UploadRefused as exc:
            out["refused_at_upload"] += 1
            out["valid_rows_refused_at_upload"] += len(c.valid)
            lost_ids.update(c.valid)
            if c.valid:
                samples["lost"].append(f"{c.category} ({c.name}): refused at upload: {str(exc)[:120]}")
            continue
        except Exception as exc:
            out["upload_crashes"] += 1
            samples["crash"].append(f"{c.name} check: {type(exc).__name__}: {str(exc)[:160]}")
            continue
        try:
            if c.category.startswith("limits:"):
                dry = dry_run_isolated(path, None)
                out["dry_run_isolated"] += 1
            else:
                dry = dry_run(path, None)
            out["dry_run"] += 1
            missing = [v for v in c.valid if v not in set(dry.accepted["record_id"])]
            out["valid_rows_lost_dry_run"] += len(missing)
            lost_ids.update(missing)
            if missing:
                samples["lost"].append(f"{c.category} ({c.name}): dry run lost {missing[:5]}")
        except UploadRefused as exc:
            out["refused_at_upload"] += 1  # refused by the isolated check (its memory or time ceiling)
            samples["bad"].append(f"{c.name}: dry run refused: {str(exc)[:160]}")
        except Exception as exc:
            out["upload_crashes"] += 1
            samples["crash"].append(f"{c.name} dry run: {type(exc).__name__}: {str(exc)[:160]}")
    out["seconds_upload_path"] = round(time.monotonic() - t0, 1)
    out["server_peak_rss_mb"] = round(_vm_hwm_mb())
    out["runs_over_memory_ceiling"] = int(out["server_peak_rss_mb"] > SERVER_CEILING_MB)
    db = d / "quality.duckdb"
    t0 = time.monotonic()
    proc = subprocess.Popen(
        [*etl_cmd(db, files, direct), "--source", str(direct / "..dots.csv")],
        env=etl_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    with PeakRss(proc.pid, interval=0.1) as peak:
        stdout, stderr = proc.communicate(timeout=1800)
    out["seconds_etl"] = round(time.monotonic() - t0, 1)
    out["etl_peak_rss_mb"] = round(peak.peak / 2**20)
    out["etl_summary"] = stdout.strip().splitlines()[-1] if stdout.strip() else ""
    if proc.returncode != 0:
        out["etl_crashes"] += 1
        samples["crash"].append(f"etl run exit {proc.returncode}: {stderr.strip()[-300:]}")
    else:
        _account(db, cases, files, direct, out, samples, lost_ids)
        out["skipped_unlisted"] = int("..dots.csv" not in stderr)
    out["memory_failure"] = writer_memory_failure(d)
    out["categories"] = len(
        {c.category.split(":")[0] + ":" + c.category.split(":")[1] if ":" in c.category else c.category for c in cases}
    )
    out["valid_rows_lost"] = len(lost_ids)
    out["crash_samples"] = samples["crash"][:12]
    out["lost_samples"] = samples["lost"][:24]
    out["bad_samples"] = samples["bad"][:12]
    out["unaccounted_samples"] = samples["unaccounted"][:12]
    return out


def _account(db: Path, cases: list[Case], files: Path, direct: Path, out: dict, samples: dict, lost_ids: set) -> None:
    """Compare what the ETL loaded and rejected with what each generated file holds."""
    con = duckdb.connect(":memory:")
    con.execute("ATTACH ? AS w (READ_ONLY)", [str(db)])
    loaded = {
        r[0]: r[1:]
        for r in con.execute(
            "SELECT record_id, participants, participants_qualifier, title FROM w.activities"
        ).fetchall()
    }
    out["etl_unreadable_files"] = con.execute(
        "SELECT count(*) FROM w.source_files WHERE status = 'unreadable'"
    ).fetchone()[0]
    whole = {r[0] for r in con.execute("SELECT DISTINCT source FROM w.rejects WHERE locator IS NULL").fetchall()}
    rejected = {
        (r[0], r[1])
        for r in con.execute(
            "SELECT source, json_extract_string(raw, '$.record_id') FROM w.rejects WHERE raw IS NOT NULL"
        ).fetchall()
    }
    rejected |= {(r[0], r[1]) for r in con.execute("SELECT source, locator FROM w.rejects").fetchall()}
    con.close()
    for c in cases:
        if not ((files / c.name).exists() or (c.etl_only and (direct / c.name).exists())):
            continue  # refused at upload: counted there, never in the inbox
        missing = [v for v in c.valid if v not in loaded]
        out["valid_rows_lost_etl"] += len(missing)
        lost_ids.update(missing)
        if missing:
            samples["lost"].append(f"{c.category} ({c.name}): etl lost {missing[:5]}")
        for rid in c.ids:
            if (
                rid not in loaded
                and (c.name, rid) not in rejected
                and c.name not in whole
                and (c.name, c.locators.get(rid)) not in rejected
            ):
                out["lines_unaccounted"] += 1
                samples["unaccounted"].append(f"{c.category} ({c.name}): {rid} neither loaded nor rejected")
        for rid, (value, qualifier) in c.expect.items():
            if rid in loaded and tuple(loaded[rid][:2]) != (value, qualifier):
                out["values_changed"] += 1
                samples["bad"].append(f"{c.category}: {rid} loaded as {loaded[rid][:2]}, not {(value, qualifier)}")
    bad = [i for i in loaded if i.startswith("bad-")]
    out["bad_rows_loaded"] = len(bad)
    samples["bad"] += [f"bad row loaded: {i}" for i in bad[:5]]
    out["control_chars_kept"] = sum(
        1
        for i, v in loaded.items()
        if i.startswith("ok-") and v[2] and any(ord(ch) < 32 and ch not in "\t\n\r" for ch in v[2])
    )


def writer_memory_failure(d: Path) -> dict:
    """A 300k-row file with the writer's memory limit far too small: the run must fail, loudly, under --quiet."""
    src = d / "big300k.csv"
    write_csv(src, district_rows(300_000, "mem"))
    db = d / "memory.duckdb"
    proc = subprocess.run(
        etl_cmd(db, src), env={**etl_env(), "QM_ETL_MEMORY": "20MB"}, capture_output=True, text=True, timeout=600
    )
    reported = proc.returncode == 1 and "ran out of a resource" in proc.stderr
    # The failed run is recorded (an etl_runs row is published); no activity may be.
    published = db.exists() and count(db) > 0
    return {
        "exit": proc.returncode,
        "reported_as_failure": reported,
        "rows_published": published,
        "stderr": proc.stderr.strip()[:300],
        "silent_failures": int(not reported or published),
    }


def upload_scope(work: Path) -> dict:
    """A 浦东 reporter uploads a row carrying a 徐汇 record's id, and one carrying an id that exists nowhere.

    Figures: whether the two dry runs read differently (an existence leak), and records of other
    districts changed by the ETL run that loads the inbox (cross-district writes).
    """
    from access.policy import Policy, Principal
    from access.roles import Role
    from access.uploads import receive_upload
    from etl.pipeline import run_pipeline

    d = work / "scope"
    inbox, db = d / "inbox", d / "quality.duckdb"
    d.mkdir()
    seed = write_csv(d / "seed.csv", district_rows(32, "seed"))
    os.environ["QM_INBOX"] = str(inbox)
    try:
        run_pipeline([seed], db, demo=False)
        xuhui = count(db, "district_adcode = '310104'")
        before = (
            duckdb.connect(str(db), read_only=True)
            .execute("SELECT record_id, district_adcode, title FROM activities ORDER BY 1")
            .fetchall()
        )
        reporter = Policy(Principal("rep@pd", Role.REPORTER, frozenset({"310115"})))
        foreign = next(r[0] for r in before if r[1] == "310104")
        seen = []
        for rid in (foreign, "no-such-id"):
            rows = [[rid, "浦东", "2024-09-20", "改写的标题", "浦东某单位", "5"]]
            res = receive_upload(
                f"{rid}.csv", write_csv(d / "x.csv", rows).read_bytes(), reporter, inbox=inbox, warehouse=db
            )
            seen.append(
                (res.stored, res.dry.would_add, res.dry.would_update, res.dry.would_keep, len(res.dry.rejected))
            )
        run_pipeline([inbox], db, demo=False)
        after = {
            r[0]: r[1:]
            for r in duckdb.connect(str(db), read_only=True)
            .execute("SELECT record_id, district_adcode, title FROM activities")
            .fetchall()
        }
        changed = sum(1 for r in before if after.get(r[0]) != r[1:])
        return {
            "dry_runs": seen,
            "existence_leaks": int(seen[0] != seen[1]),
            "cross_district_writes": changed,
            "xuhui_records": xuhui,
        }
    finally:
        os.environ.pop("QM_INBOX", None)


# ----------------------------------------------------------------------------- 4. forbidden reads
def forbidden_reads(work: Path) -> dict:
    from access.policy import Policy, Principal
    from access.roles import Role
    from analytics.db import Warehouse
    from analytics.filters import Filters

    d = work / "forbidden"
    d.mkdir()
    db = d / "quality.duckdb"
    publish(db, write_csv(d / "all.csv", district_rows(800, "all", 30)))
    wh = Warehouse(db)
    truth = dict(wh.rows("SELECT coalesce(district_adcode, ''), count(*) FROM activities GROUP BY 1"))
    principals = {
        "viewer@310104": Principal("v", Role.VIEWER, frozenset({"310104"})),
        "analyst@310104+310115": Principal("a", Role.ANALYST, frozenset({"310104", "310115"})),
        "reporter@310115": Principal("r", Role.REPORTER, frozenset({"310115"})),
        "no-role": Principal("n", None, None),
        "viewer(all)": Principal("va", Role.VIEWER, None),
    }
    picks = [(), ("310104",), ("310115",), ("310113",), ("310104", "310113"), ("310113", "310151")]
    qs = list(filtered_queries())
    out = {"attempts": 0, "rows_leaked": 0, "per_role": {}, "leak_samples": []}
    for label, pr in principals.items():
        pol = Policy(pr)
        leaked_role = 0
        for pick in picks:
            for variant in ("as_picked", "without_districts"):
                f = pol.apply(Filters(districts=pick))
                if variant == "without_districts":
                    f = f.without("districts")  # what the district map does
                in_scope = tuple(sorted(pol.scope)) if pol.scope is not None else None
                picked = pol.effective_districts(pick) if variant == "as_picked" else in_scope
                for name, fn in qs:
                    # a map view shows every sibling of the pick (the scope still applies)
                    allowed = in_scope if is_map_view(fn) else picked
                    limit = sum(truth.values()) if allowed is None else sum(truth.get(a, 0) for a in allowed)
                    out["attempts"] += 1
                    leak = _leak(name, call_with_samples(fn, wh, f), allowed, limit)
                    if leak:
                        leaked_role += leak
                        if len(out["leak_samples"]) < 10:
                            out["leak_samples"].append(f"{label} pick={pick} {variant} {name}: {leak}")
        out["per_role"][label] = leaked_role
        out["rows_leaked"] += leaked_role
    return out


def _leak(name: str, result, allowed: tuple[str, ...] | None, limit: int) -> int:
    """Records beyond what `allowed` permits that a query's result reveals."""
    import pandas as pd

    def over(n) -> int:
        return max(0, int(n) - limit)

    if allowed is None:
        return 0
    if name == "kpis":
        return over(result.total.activities)
    if name in ("count_records", "undated"):
        return over(result)
    if name == "records_for_export":
        codes = [a for b in result for a in b.column("district_adcode").to_pylist()]
        return sum(1 for a in codes if a not in allowed)
    if isinstance(result, tuple):
        result = result[0]
    if hasattr(result, "children"):  # a map view's figures: its child regions (a district view here)
        result = result.children
    if isinstance(result, pd.DataFrame):
        if "district_adcode" in result.columns:
            return int((~result["district_adcode"].isin(allowed)).sum())
        if "adcode" in result.columns and "activities" in result.columns:
            shown = result[result["activities"].fillna(0) > 0]
            return int(shown.loc[~shown["adcode"].isin(allowed), "activities"].sum())
        if "activities" in result.columns:
            return over(result["activities"].fillna(0).sum())
    return 0


# ----------------------------------------------------------------------------- main
def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="smaller runs (a minute or two)")
    ap.add_argument("--sessions", type=int, default=None, help="reader threads (default 8, quick 4)")
    ap.add_argument("--loads", type=int, default=None, help="ETL publishes during the sessions (default 6, quick 3)")
    ap.add_argument("--apptest", type=int, default=1, help="AppTest sessions running dashboard.py (default 1)")
    ap.add_argument("--kills", type=int, default=None, help="ETL runs to SIGKILL (default 30, quick 8)")
    ap.add_argument("--seed", type=int, default=2025)
    ap.add_argument("--only", choices=("concurrency", "kills", "malformed", "scope", "forbidden"), action="append")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "reliability.json")
    args = ap.parse_args(argv)
    sessions = args.sessions or (4 if args.quick else 8)
    loads = args.loads or (3 if args.quick else 6)
    n_kills = args.kills or (8 if args.quick else 30)
    only = set(args.only or ("concurrency", "kills", "malformed", "scope", "forbidden"))
    results: dict = {
        "command": "python bench/reliability.py " + " ".join(argv if argv is not None else sys.argv[1:]),
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
        "started_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    with tempfile.TemporaryDirectory(prefix="qm-reliability-") as tmp:
        work = Path(tmp)
        steps = [
            ("malformed", lambda: malformed(work)),
            ("scope", lambda: upload_scope(work)),
            ("forbidden", lambda: forbidden_reads(work)),
            ("kills", lambda: kills(work, n_kills, args.seed)),
            ("concurrency", lambda: concurrency(work, sessions, loads, args.apptest)),
        ]
        for name, fn in steps:
            if name not in only:
                continue
            t0 = time.monotonic()
            print(f"[{name}] running...", file=sys.stderr, flush=True)
            results[name] = fn()
            results[name]["wall_seconds"] = round(time.monotonic() - t0, 1)
    targets = {
        "concurrency.errors": results.get("concurrency", {}).get("errors", 0)
        + results.get("concurrency", {}).get("apptest_errors", 0)
        + results.get("concurrency", {}).get("torn_reads", 0),
        "kills.partial_publishes": results.get("kills", {}).get("partial_publishes", 0)
        + results.get("kills", {}).get("unopenable_after_kill", 0)
        + results.get("kills", {}).get("lock_left_held", 0),
        "kills.staging_left_after_next_run": results.get("kills", {}).get("staging_files_after_next_run", 0)
        + results.get("kills", {}).get("stale_staging_kept_by_a_publishing_run", 0),
        "malformed.crashes": results.get("malformed", {}).get("upload_crashes", 0)
        + results.get("malformed", {}).get("etl_crashes", 0),
        "malformed.valid_rows_lost": results.get("malformed", {}).get("valid_rows_lost", 0),
        "malformed.bad_rows_loaded": results.get("malformed", {}).get("bad_rows_loaded", 0)
        + results.get("malformed", {}).get("values_changed", 0)
        + results.get("malformed", {}).get("control_chars_kept", 0),
        "malformed.lines_unaccounted": results.get("malformed", {}).get("lines_unaccounted", 0)
        + results.get("malformed", {}).get("skipped_unlisted", 0),
        "malformed.runs_over_memory_ceiling": results.get("malformed", {}).get("runs_over_memory_ceiling", 0),
        "malformed.resource_failures_not_reported": results.get("malformed", {})
        .get("memory_failure", {})
        .get("silent_failures", 0),
        "scope.existence_leaks": results.get("scope", {}).get("existence_leaks", 0),
        "scope.cross_district_writes": results.get("scope", {}).get("cross_district_writes", 0),
        "forbidden.rows_leaked": results.get("forbidden", {}).get("rows_leaked", 0),
    }
    results["targets"] = {k: {"value": v, "target": 0, "met": v == 0} for k, v in targets.items()}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(render(results))
    print(f"\nwritten {args.out}")
    return 0 if all(t["met"] for t in results["targets"].values()) else 1


def render(r: dict) -> str:
    lines = ["Reliability figures (issue 5, item 6)", ""]
    c = r.get("concurrency")
    if c:
        lines.append(
            f"concurrent sessions : {c['reader_threads']} reader threads + {c['apptest_sessions']} AppTest "
            f"session(s) over {c['seconds']} s while {c['etl_publishes']} ETL runs published "
            f"({c['states_seen']} states seen); {c['queries']:,} queries, {c['apptest_runs']} dashboard runs; "
            f"errors {c['errors'] + c['apptest_errors']}, torn reads {c['torn_reads']}"
        )
    k = r.get("kills")
    if k:
        lines.append(
            f"ETL killed          : {k['runs_killed']} runs SIGKILLed at random points (+{k['finished_before_kill']}"
            f" finished first); partial publishes {k['partial_publishes']}, unopenable "
            f"{k['unopenable_after_kill']}, lock left held {k['lock_left_held']}; ended before/after "
            f"{k['ended_before']}/{k['ended_after']}; staging files left by kills {k['staging_files_left']}, "
            f"kept by a publishing run {k['stale_staging_kept_by_a_publishing_run']}, "
            f"after the next run {k['staging_files_after_next_run']}"
        )
    m = r.get("malformed")
    if m:
        lines.append(
            f"malformed files     : {m['files']} files ({m['categories']} kinds); refused at upload "
            f"{m['refused_at_upload']}, dry-run {m['dry_run']}; crashes {m['upload_crashes'] + m['etl_crashes']}; "
            f"valid rows {m['valid_rows']}, lost {m['valid_rows_lost']} ({m['valid_rows_lost_etl']} in the ETL run, "
            f"{m['valid_rows_lost_dry_run']} in dry runs, {m['valid_rows_refused_at_upload']} refused at upload); "
            f"bad rows loaded {m['bad_rows_loaded']} (+{m['values_changed']} values changed, "
            f"{m['control_chars_kept']} control characters kept); lines unaccounted {m['lines_unaccounted']} "
            f"(+{m['skipped_unlisted']} skipped unlisted); dashboard-side peak RSS {m['server_peak_rss_mb']} MB "
            f"(ceiling {SERVER_CEILING_MB}), {m['dry_run_isolated']} checks in a capped child; ETL peak RSS "
            f"{m['etl_peak_rss_mb']} MB; writer out of memory: exit {m['memory_failure']['exit']}, "
            f"reported {m['memory_failure']['reported_as_failure']}"
        )
    sc = r.get("scope")
    if sc:
        lines.append(
            f"upload scope        : dry runs of a foreign id vs an unknown id {sc['dry_runs']}; existence "
            f"leaks {sc['existence_leaks']}, other districts' records changed {sc['cross_district_writes']}"
        )
    f = r.get("forbidden")
    if f:
        lines.append(
            f"forbidden reads     : {f['attempts']:,} scoped queries over {len(f['per_role'])} roles; "
            f"rows leaked {f['rows_leaked']} ({', '.join(f'{k}: {v}' for k, v in f['per_role'].items())})"
        )
    lines.append("")
    for name, t in r["targets"].items():
        lines.append(f"  {'OK  ' if t['met'] else 'MISS'} {name} = {t['value']} (target {t['target']})")
    for key in ("concurrency", "malformed", "forbidden"):
        for s in (
            r.get(key, {}).get("error_samples", [])
            + r.get(key, {}).get("crash_samples", [])
            + r.get(key, {}).get("lost_samples", [])
            + r.get(key, {}).get("leak_samples", [])
            + r.get(key, {}).get("bad_samples", [])
            + r.get(key, {}).get("unaccounted_samples", [])
        ):
            lines.append(f"    {key}: {s}")
    return "\n".join(lines)


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        sys.exit(main())
