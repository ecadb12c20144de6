"""Uploads: refusals before parsing (type, size, content, zip and XML bombs), the ETL dry run,
the reporter's district scope, atomic storage in the inbox under the scope and original name (a corrected
re-upload replaces the file and updates the same records), and the audit row."""

from __future__ import annotations

import hashlib
import io
import os
import zipfile
from pathlib import Path

import duckdb
import pytest

from access.audit import AuditLog
from access.policy import Policy, Principal, single_user
from access.roles import Role
from access.uploads import receive_upload
from bench.reliability import CT, WB, XXE, xlsx_bytes, zip_bytes
from domain.uploads import shown_name
from etl.pipeline import run_pipeline
from etl.upload import (
    MAX_STORED_NAME_BYTES,
    UploadRefused,
    check_upload,
    dry_run,
    inbox_name,
    safe_display_name,
)
from tests.access.conftest import GOOD_CSV

LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;">]><sst>&lol3;</sst>'
)


def encrypted_flag(data: bytes) -> bytes:
    """Set the 'encrypted' bit on every member's headers (no real encryption needed to test refusal)."""
    b = bytearray(data)
    for sig, off in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        i = b.find(sig)
        while i != -1:
            b[i + off] |= 1
            i = b.find(sig, i + 4)
    return bytes(b)


def bomb_member() -> bytes:
    # 101 MiB of one byte compresses to ~100 KiB: ratio ~1000:1, size over the member limit.
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CT)
        zf.writestr("xl/workbook.xml", WB)
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            chunk = b" " * (1 << 20)
            for _ in range(101):
                fh.write(chunk)
    return buf.getvalue()


def ratio_bomb() -> bytes:
    # 5 MiB compressing ~1000:1: under the size limit, over the ratio limit.
    return zip_bytes({"[Content_Types].xml": CT, "xl/workbook.xml": WB, "xl/sharedStrings.xml": b"a" * (5 << 20)})


REFUSED = [
    ("tool.exe", b"MZ\x90\x00", "file type .exe is not accepted"),
    ("noext", b"region,start_date\n", "file type (none) is not accepted"),
    ("records.json", b"[]", "file type .json is not accepted"),
    ("macro.xlsm", b"PK\x03\x04", "file type .xlsm is not accepted"),
    ("../../etc/cron.d/x.sh", b"echo", "file type .sh is not accepted"),
    ("empty.csv", b"", "the file is empty"),
    ("nul.csv", b"region,start_date\n" + b"\x00" * 40, "40 NUL bytes from byte 18"),
    ("zip.csv", zip_bytes({"a": b"b"}), "binary content"),
    ("pdf.html", b"%PDF-1.7\n...", "binary content"),
    ("gz.txt", b"\x1f\x8b\x08\x00", "binary content"),
    ("elf.txt", b"\x7fELF\x02\x01", "binary content"),
    ("ole.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "no zip signature"),
    ("plain.xlsx", b"region,start_date\n", "no zip signature"),
    ("trunc.xlsx", xlsx_bytes([["region", "start_date"]])[:300], "zip container unreadable"),
    ("notxlsx.xlsx", zip_bytes({"hello.txt": b"hi"}), "not a .xlsx document"),
    ("docxasxlsx.xlsx", zip_bytes({"[Content_Types].xml": CT, "word/document.xml": b"<w/>"}), "not a .xlsx document"),
    ("many.xlsx", zip_bytes({f"m{i}": b"" for i in range(10_001)}, zipfile.ZIP_STORED), "10,001 zip members"),
    (
        "laughs.xlsx",
        zip_bytes({"[Content_Types].xml": CT, "xl/workbook.xml": WB, "xl/sharedStrings.xml": LAUGHS}),
        "declares a DTD",
    ),
    (
        "xxe.xlsx",
        zip_bytes({"[Content_Types].xml": CT, "xl/workbook.xml": WB, "xl/sharedStrings.xml": XXE}),
        "declares a DTD",
    ),
    ("xxe.docx", zip_bytes({"[Content_Types].xml": CT, "word/document.xml": XXE}), "declares a DTD"),
    ("ct-dtd.docx", zip_bytes({"[Content_Types].xml": LAUGHS, "word/document.xml": b"<w/>"}), "declares a DTD"),
    ("badxml.xlsx", zip_bytes({"[Content_Types].xml": CT, "xl/workbook.xml": b"<workbook"}), "not well-formed"),
    ("ratio.xlsx", ratio_bomb(), "compressed"),
    ("enc.xlsx", encrypted_flag(xlsx_bytes([["region"]])), "encrypted"),
    ("deep.html", b"<html>" + b"<div>" * 5000 + b"x" + b"</div>" * 5000 + b"</html>", "nested 5,001 deep"),
]


@pytest.mark.parametrize(("name", "data", "fragment"), REFUSED, ids=[r[0] for r in REFUSED])
def test_refused_before_parsing(name: str, data: bytes, fragment: str) -> None:
    with pytest.raises(UploadRefused) as err:
        check_upload(name, data)
    assert fragment in str(err.value)
    assert str(err.value).startswith(safe_display_name(name))


@pytest.mark.slow
def test_zip_bomb_member_is_refused_without_expanding_it() -> None:
    data = bomb_member()
    assert len(data) < 2 * 1024 * 1024
    with pytest.raises(UploadRefused, match="possible zip bomb"):
        check_upload("bomb.xlsx", data)


@pytest.mark.parametrize(
    ("html", "depth"),
    [
        (b"<html><body><p>a<p>b<ul><li>x<li>y</ul></body></html>", 3),
        (b"<div><div><br><img src=x><span/></div></div>", 2),
        (b"</div></div><div>", 1),
        (b"<DIV><Div>" * 3, 6),
        (b"no tags at all", 0),
    ],
)
def test_html_depth(html: bytes, depth: int) -> None:
    from etl.upload import html_depth

    assert html_depth(html) == depth


def test_size_limit() -> None:
    with pytest.raises(UploadRefused, match="more than the 10-byte limit"):
        check_upload("big.csv", b"region,start_date\n", max_bytes=10)


@pytest.mark.parametrize(
    ("name", "data", "suffix"),
    [
        ("ok.csv", GOOD_CSV.encode("utf-8"), ".csv"),
        ("OK.CSV", GOOD_CSV.encode("utf-8-sig"), ".csv"),
        ("gbk.csv", GOOD_CSV.encode("gb18030"), ".csv"),
        ("utf16.csv", GOOD_CSV.encode("utf-16"), ".csv"),
        ("book.xlsx", xlsx_bytes([["region", "start_date"], ["徐汇", "2024-09-01"]]), ".xlsx"),
        ("note.txt", "2024年9月，徐汇区举行质量月启动仪式。".encode(), ".txt"),
        ("page.html", "<html><body><p>浦东质量论坛</p></body></html>".encode(), ".html"),
        (r"C:\Users\x\Desktop\报表.csv", GOOD_CSV.encode("utf-8"), ".csv"),
    ],
)
def test_accepted_types(name: str, data: bytes, suffix: str) -> None:
    assert check_upload(name, data) == suffix


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("../../etc/passwd.csv", "passwd.csv"),
        ("C:\\x\\y.csv", "y.csv"),
        ("a\x00b\nc.csv", "a?b?c.csv"),
        ("", "(unnamed)"),
        ("x" * 400 + ".csv", "x" * 255),
    ],
)
def test_display_names_are_path_free(raw: str, shown: str) -> None:
    assert safe_display_name(raw) == shown


XUHUI = Policy(Principal("rep@x.gov", Role.REPORTER, frozenset({"310104"})))
TWO = Policy(Principal("rep2@x.gov", Role.REPORTER, frozenset({"310115", "310104"})))
NOBODY = Policy(Principal("rep3@x.gov", Role.REPORTER, frozenset()))
ADMIN = Policy(single_user())


@pytest.mark.parametrize(
    ("raw", "suffix", "policy", "stored"),
    [
        ("2023年质量月活动.xlsx", ".xlsx", XUHUI, "310104__2023年质量月活动.xlsx"),
        ("2023年质量月活动.XLSX", ".xlsx", XUHUI, "310104__2023年质量月活动.xlsx"),
        ("报表.csv", ".csv", TWO, "310104-310115__报表.csv"),
        ("报表.csv", ".csv", ADMIN, "all__报表.csv"),
        ("报表.csv", ".csv", NOBODY, "none__报表.csv"),
        ("../../etc/cron.d/x.csv", ".csv", XUHUI, "310104__x.csv"),
        (r"C:\Users\x\Desktop\徐汇 报表(终稿).csv", ".csv", XUHUI, "310104__徐汇_报表_终稿.csv"),
        ("２０２３年　质量月.csv", ".csv", XUHUI, "310104__2023年_质量月.csv"),
        (".hidden.csv", ".csv", XUHUI, "310104__hidden.csv"),
        ("..csv", ".csv", XUHUI, "310104__upload.csv"),
        ("~$lock.xlsx", ".xlsx", XUHUI, "310104__lock.xlsx"),
        ("a\x00b\nc.txt", ".txt", XUHUI, "310104__a_b_c.txt"),
        ("drop table;--.csv", ".csv", XUHUI, "310104__drop_table.csv"),
        ("a.b-c_d.csv", ".csv", XUHUI, "310104__a.b-c_d.csv"),
        ("Ünïcode😀.html", ".html", XUHUI, "310104__n_code.html"),
        ("", ".csv", XUHUI, "310104__unnamed.csv"),
    ],
)
def test_inbox_name_is_scope_and_sanitised_original(raw: str, suffix: str, policy: Policy, stored: str) -> None:
    assert inbox_name(raw, suffix, policy.scope) == stored


def test_same_name_from_two_scopes_stays_apart_and_reads_as_uploaded() -> None:
    """The prefix keeps two districts' files apart (record ids derive from the file name); a person reads
    the name they uploaded (domain.uploads.shown_name), whatever the scope."""
    pudong = Policy(Principal("rep4@x.gov", Role.REPORTER, frozenset({"310115"})))
    names = [inbox_name("报表.csv", ".csv", p.scope) for p in (XUHUI, pudong, TWO, ADMIN, NOBODY)]
    assert len(set(names)) == 5
    assert {shown_name(n) for n in names} == {"报表.csv"}
    assert shown_name(inbox_name("all__x.csv", ".csv", XUHUI.scope)) == "all__x.csv"  # only the one prefix comes off


@pytest.mark.parametrize("raw", ["质" * 300 + ".csv", "x" * 400 + ".csv", "质量-" * 80 + ".csv"])
def test_inbox_name_fits_the_filesystem(raw: str) -> None:
    everyone = Policy(Principal("r", Role.REPORTER, frozenset(f"3101{i:02d}" for i in range(1, 17))))
    name = inbox_name(raw, ".csv", everyone.scope)
    assert len(name.encode("utf-8")) <= MAX_STORED_NAME_BYTES and name.endswith(".csv")
    assert name.startswith("310101-310102-") and "__" in name and "/" not in name


def test_dry_run_uses_the_etl_and_loads_nothing(tmp_path: Path, published_db: Path) -> None:
    before = published_db.stat().st_mtime_ns
    path = tmp_path / "in.csv"
    path.write_text(GOOD_CSV, encoding="utf-8")
    dry = dry_run(path, None, published_db)
    assert dry.rows_read == 4
    assert sorted(dry.accepted["district_adcode"]) == ["310104", "310115"]
    reasons = " | ".join(dry.rejected["reason"])
    assert len(dry.rejected) == 2 and "火星基地" in reasons and "2024-13-40" in reasons
    assert all(loc.startswith("row ") for loc in dry.rejected["locator"])
    # Same records as the published ones? Different file name -> different ids -> all new.
    assert (dry.would_add, dry.would_update, dry.would_keep) == (2, 0, 0)
    assert published_db.stat().st_mtime_ns == before


def test_dry_run_recognises_already_published_records(tmp_path: Path, published_db: Path) -> None:
    path = tmp_path / "seed_upload.csv"  # the file name the warehouse was built from
    path.write_text("\n".join(GOOD_CSV.splitlines()[:3]) + "\n", encoding="utf-8")
    dry = dry_run(path, None, published_db)
    assert (dry.would_add, dry.would_update, dry.would_keep) == (0, 0, 2)


def test_dry_run_with_a_corrupt_warehouse_still_answers(tmp_path: Path) -> None:
    bad = tmp_path / "corrupt.duckdb"
    bad.write_bytes(b"\x00garbage" * 1000)
    path = tmp_path / "in.csv"
    path.write_text(GOOD_CSV, encoding="utf-8")
    dry = dry_run(path, None, bad)
    assert len(dry.accepted) == 2 and dry.would_add is None


def reporter(districts: set[str]) -> Policy:
    return Policy(Principal("rep@x.gov", Role.REPORTER, frozenset(districts)))


def test_reporter_rows_of_other_districts_are_rejected_and_file_not_stored(tmp_path: Path) -> None:
    inbox, audit = tmp_path / "inbox", AuditLog(tmp_path / "audit.db")
    res = receive_upload(
        "mixed.csv",
        GOOD_CSV.encode(),
        reporter({"310104"}),
        inbox=inbox,
        audit=audit,
        warehouse=tmp_path / "none.duckdb",
    )
    assert not res.stored and "outside your districts" in res.message
    assert res.dry.out_of_scope == 1
    assert list(res.dry.accepted["district_adcode"]) == ["310104"]
    assert any("district 310115 is outside the uploader's districts (310104)" in r for r in res.dry.rejected["reason"])
    assert not any(p.is_file() for p in inbox.iterdir())
    (entry,) = audit.entries()
    assert entry.action == "upload" and entry.actor == "rep@x.gov" and entry.role == "reporter"
    assert entry.row_count == 0 and '"stored": false' in entry.detail


def test_reporter_city_wide_rows_are_outside_scope(tmp_path: Path) -> None:
    data = "region,start_date,title\n上海市,2024-09-01,全市质量月启动\n徐汇,2024-09-02,徐汇活动\n".encode()
    res = receive_upload(
        "c.csv", data, reporter({"310104"}), inbox=tmp_path / "inbox", warehouse=tmp_path / "none.duckdb"
    )
    assert not res.stored and res.dry.out_of_scope == 1
    assert "(none: a city-wide record)" in " ".join(res.dry.rejected["reason"])


def test_in_scope_upload_is_stored_atomically_once(tmp_path: Path) -> None:
    inbox, audit = tmp_path / "inbox", AuditLog(tmp_path / "audit.db")
    data = "region,start_date,title\n徐汇,2024-09-02,徐汇活动\n徐汇,2024-09-03,另一活动\n".encode()
    res = receive_upload(
        "xuhui.csv", data, reporter({"310104"}), inbox=inbox, audit=audit, warehouse=tmp_path / "none.duckdb"
    )
    assert res.stored and res.path == inbox / "310104__xuhui.csv" and res.stored_name == "310104__xuhui.csv"
    assert res.path.read_bytes() == data
    # the message names the file as uploaded: the scope prefix is the inbox's, not the reporter's (audit13 row 16)
    assert "stored as xuhui.csv; 2 row(s) will load" in res.message and "310104__" not in res.message
    again = receive_upload(
        "xuhui.csv", data, reporter({"310104"}), inbox=inbox, audit=audit, warehouse=tmp_path / "none.duckdb"
    )
    assert again.stored and "already in the inbox" in again.message
    assert [p.name for p in inbox.iterdir() if p.is_file()] == [res.path.name]
    # the uploader's scope is recorded beside it, bound to the content (etl.scope)
    import json

    record = json.loads((inbox / ".scope" / f"{hashlib.sha256(data).hexdigest()}.json").read_text())
    assert record == {
        "file": "310104__xuhui.csv",
        "sha256": hashlib.sha256(data).hexdigest(),
        "scope": ["310104"],
        "uploader": "rep@x.gov",
    }
    # no staging leftovers anywhere the ETL reads, nor beside it
    assert not any((tmp_path / ".upload-staging").iterdir())
    assert [e.row_count for e in audit.entries()] == [2, 2]
    # the content hash stays in the audit row, next to the stored name
    assert all(
        hashlib.sha256(data).hexdigest() in e.detail and "310104__xuhui.csv" in e.detail for e in audit.entries()
    )
    assert audit.verify() == 2


def test_corrected_reupload_replaces_the_file_and_updates_the_same_records(tmp_path: Path) -> None:
    """A content-hash name gave a corrected sheet new record ids: the old and new rows both loaded."""
    inbox, audit, db = tmp_path / "inbox", AuditLog(tmp_path / "audit.db"), tmp_path / "wh" / "q.duckdb"
    first = "region,start_date,title,participants\n徐汇,2024-09-02,开放日,100\n徐汇,2024-09-03,论坛,40\n".encode()
    fixed = "region,start_date,title,participants\n徐汇,2024-09-02,开放日,120\n徐汇,2024-09-03,论坛,40\n".encode()
    res = receive_upload("2024年报表.csv", first, reporter({"310104"}), inbox=inbox, audit=audit, warehouse=db)
    assert res.stored
    run_pipeline([inbox], db, demo=False)
    res2 = receive_upload("2024年报表.csv", fixed, reporter({"310104"}), inbox=inbox, audit=audit, warehouse=db)
    assert res2.stored and "replaces the previous version of 2024年报表.csv" in res2.message
    assert (res2.dry.would_add, res2.dry.would_update, res2.dry.would_keep) == (0, 1, 1)
    assert [p.name for p in inbox.iterdir() if p.is_file()] == ["310104__2024年报表.csv"]
    # the replaced content's scope record is pruned with it
    assert [p.stem for p in (inbox / ".scope").iterdir()] == [hashlib.sha256(fixed).hexdigest()]
    assert (inbox / "310104__2024年报表.csv").read_bytes() == fixed
    summary = run_pipeline([inbox], db, demo=False)
    assert (summary.counts.added, summary.counts.updated, summary.counts.unchanged) == (0, 1, 1)
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT title, participants FROM activities ORDER BY start_date").fetchall()
    assert rows == [("开放日", 120), ("论坛", 40)]
    newest, oldest = audit.entries()  # newest first
    assert '"replaced": true' in newest.detail and hashlib.sha256(fixed).hexdigest() in newest.detail
    assert '"replaced": false' in oldest.detail and hashlib.sha256(first).hexdigest() in oldest.detail


@pytest.mark.parametrize(
    ("name", "data", "fragment"),
    [
        ("x.exe", b"MZ", "not accepted"),
        ("nothing.csv", "region,start_date\n火星,2024-09-01\n".encode(), "no row would load"),
        ("noheader.csv", b"a,b\n1,2\n", "no row would load"),
    ],
)
def test_refusals_are_outcomes_and_audited(tmp_path: Path, name: str, data: bytes, fragment: str) -> None:
    audit = AuditLog(tmp_path / "audit.db")
    res = receive_upload(
        name, data, Policy(single_user()), inbox=tmp_path / "inbox", audit=audit, warehouse=tmp_path / "none.duckdb"
    )
    assert not res.stored and fragment in res.message
    assert not (tmp_path / "inbox").exists() or not any((tmp_path / "inbox").iterdir())
    (entry,) = audit.entries()
    assert entry.actor == "local" and entry.action == "upload"


@pytest.mark.parametrize("role", [Role.VIEWER, Role.ANALYST, None])
def test_roles_without_upload_power_are_refused(tmp_path: Path, role: Role | None) -> None:
    with pytest.raises(PermissionError, match="may not upload"):
        receive_upload("a.csv", GOOD_CSV.encode(), Policy(Principal("u", role, None)), inbox=tmp_path)


def test_xlsx_upload_with_formula_and_bad_rows(tmp_path: Path) -> None:
    data = xlsx_bytes(
        [
            ["区", "活动日期", "活动名称", "参与人数"],
            ["徐汇", "2024-09-01", '=HYPERLINK("http://x","y")', 10],
            ["浦东", "2024-09-02", "论坛", "三千多人次"],
            ["徐汇", "not a date", "坏日期", 5],
        ]
    )
    res = receive_upload(
        "book.xlsx", data, Policy(single_user()), inbox=tmp_path / "inbox", warehouse=tmp_path / "none.duckdb"
    )
    assert res.stored
    assert len(res.dry.accepted) == 2 and len(res.dry.rejected) == 1
    assert os.path.getsize(res.path) == len(data)


def test_a_corrected_reupload_that_drops_a_row_says_so_and_the_load_removes_it(tmp_path: Path, monkeypatch) -> None:
    """A re-upload without one row and with one title corrected: the dry run said 1 new, 1 unchanged, and the two old
    records stayed in the warehouse beside the file's two (audit17). The dry run now says two go; the load removes them."""
    inbox, audit, db = tmp_path / "inbox", AuditLog(tmp_path / "audit.db"), tmp_path / "wh" / "q.duckdb"
    monkeypatch.setenv("QM_INBOX", str(inbox))  # the ETL reads it as the inbox (scope records, uploaded files)
    first = "region,start_date,title\n徐汇,2024-09-02,开放日\n徐汇,2024-09-03,论坛\n徐汇,2024-09-04,培训\n".encode()
    fixed = "region,start_date,title\n徐汇,2024-09-02,开放日\n徐汇,2024-09-04,质量培训\n".encode()
    assert receive_upload("报表.csv", first, reporter({"310104"}), inbox=inbox, audit=audit, warehouse=db).stored
    run_pipeline([inbox], db, demo=False)
    res = receive_upload("报表.csv", fixed, reporter({"310104"}), inbox=inbox, audit=audit, warehouse=db)
    assert (res.dry.would_add, res.dry.would_update, res.dry.would_keep, res.dry.would_remove) == (1, 0, 1, 2)
    summary = run_pipeline([inbox], db, demo=False)
    assert summary.counts.withdrawn == 2
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT title FROM activities ORDER BY start_date").fetchall() == [
            ("开放日",),
            ("质量培训",),
        ]


def test_an_emptied_sheet_uploaded_again_withdraws_its_records(tmp_path: Path, monkeypatch) -> None:
    """A reporter who needs an uploaded sheet's records gone (sent by mistake; the file deleted from the inbox keeps
    them) uploads it again with its header only: that was refused as 没有可导入的行, so nothing could take them out
    (audit18). It is stored when it would remove records, and the load removes them; a file whose rows are all
    rejected is still refused (it must not delete the district's records by its mistakes)."""
    inbox, audit, db = tmp_path / "inbox", AuditLog(tmp_path / "audit.db"), tmp_path / "wh" / "q.duckdb"
    monkeypatch.setenv("QM_INBOX", str(inbox))
    first = "region,start_date,title\n徐汇,2024-09-02,开放日\n徐汇,2024-09-03,论坛\n".encode()
    assert receive_upload("报表.csv", first, reporter({"310104"}), inbox=inbox, audit=audit, warehouse=db).stored
    run_pipeline([inbox], db, demo=False)
    broken = "region,start_date,title\n徐汇,2024-13-45,开放日\n".encode()
    res = receive_upload("报表.csv", broken, reporter({"310104"}), inbox=inbox, audit=audit, warehouse=db)
    assert not res.stored and res.dry.would_remove == 2
    # the file gone from the inbox (its scope record too): its records stay until an emptied version comes
    for f in inbox.rglob("*报表.csv"):
        f.unlink()
    run_pipeline([inbox], db, demo=False)
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM activities").fetchone()[0] == 2
    res = receive_upload(
        "报表.csv", b"region,start_date,title\n", reporter({"310104"}), inbox=inbox, audit=audit, warehouse=db
    )
    assert res.stored and (res.dry.would_add, res.dry.would_remove) == (0, 2), res.message
    summary = run_pipeline([inbox], db, demo=False)
    assert summary.counts.withdrawn == 2
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM activities").fetchone()[0] == 0
    # another district's reporter cannot withdraw them: its file has another inbox name
    assert (
        receive_upload(
            "报表.csv", b"region,start_date,title\n", reporter({"310115"}), inbox=inbox, audit=audit, warehouse=db
        ).stored
        is False
    )
