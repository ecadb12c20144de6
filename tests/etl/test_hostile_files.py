"""Issue 12: untrusted files cannot exhaust the machine, lose rows silently, or slip bad values in.

Each test pins one finding of the attack on the write side (items 1-4 of the issue); every file
is generated here.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import duckdb
import pytest

from etl.load import apply_schema
from etl.pipeline import collect_sources, stage_sources

HEAD = "record_id,region,start_date,title,organizer,participants\n"


def good(n: int, tag: str = "ok", start: int = 0) -> str:
    return "".join(
        f"{tag}-{i},徐汇,2024-09-{1 + i % 28:02d},徐汇质量活动{i},徐汇区市场监管局,{10 + i}\n"
        for i in range(start, start + n)
    )


def stage(*paths: Path) -> tuple[dict, list[tuple], list[tuple], list]:
    """Stage files as a run would, in memory: (file rows by name, accepted (id, title), rejects, skipped)."""
    con = duckdb.connect(":memory:")
    try:
        apply_schema(con)
        srcs, skipped = collect_sources(paths)
        rows = stage_sources(con, srcs)
        accepted = con.execute("SELECT record_id, title FROM run_accepted ORDER BY ALL").fetchall()
        rejects = con.execute("SELECT source, locator, reason FROM run_rejects ORDER BY seq, locator").fetchall()
        return {r.source: r for r in rows}, accepted, rejects, skipped
    finally:
        con.close()


# ----------------------------------------------------------------------------- item 3: values and encodings
def test_control_characters_are_removed_from_text_fields(tmp_path: Path) -> None:
    csv_file = tmp_path / "ctl.csv"
    csv_file.write_bytes((HEAD + "c1,徐汇,2024-09-01,a\x00b\x07c\x1b,o\x7fx,1\n" + good(2)).encode())
    js = tmp_path / "ctl.json"
    js.write_text(
        json.dumps([{"record_id": "j1", "region": "徐汇", "start_date": "2024-09-01", "title": "t\u0000i\u0008tle"}])
    )
    files, accepted, rejects, _ = stage(csv_file, js)
    titles = dict(accepted)
    assert titles["c1"] == "abc" and titles["j1"] == "title"
    assert not rejects


@pytest.mark.parametrize("encoding", ["big5", "utf-16-le", "utf-16-be", "utf-16"])
def test_big5_and_utf16_with_or_without_bom_are_read_correctly(tmp_path: Path, encoding: str) -> None:
    text = (
        HEAD
        + "b1,徐匯,2024-09-01,質量開放日活動,徐匯區市場監管局,120\n"
        + "b2,Pudong,2024-09-02,浦東質量論壇,浦東新區質量協會,50\n"
    )
    p = tmp_path / f"{encoding}.csv"
    p.write_bytes(text.encode(encoding))
    files, accepted, rejects, _ = stage(p)
    assert not rejects, rejects
    assert dict(accepted) == {"b1": "質量開放日活動", "b2": "浦東質量論壇"}
    assert files[p.name].status == "ok"


def test_a_doubtful_decode_is_refused_naming_the_encodings_tried(tmp_path: Path) -> None:
    # Bytes valid in no Chinese encoding at all: reading them "somehow" would load mojibake.
    p = tmp_path / "junk.csv"
    p.write_bytes(HEAD.encode() + b"x1,\x80\xff\x80\xff\xfe\x81\x30,2024-09-01,\xff\xfe\xfd\x80\x80,o,1\n" * 40)
    files, accepted, rejects, _ = stage(p)
    assert not accepted
    assert files[p.name].status == "unreadable"
    reason = rejects[0][2]
    assert "encoding" in reason and "utf-8" in reason and "gb18030" in reason and "big5" in reason


# ----------------------------------------------------------------------------- item 2: nothing lost silently
def test_unterminated_quote_names_its_line_and_the_following_rows_still_load(tmp_path: Path) -> None:
    p = tmp_path / "quote.csv"
    p.write_text(HEAD + good(2) + 'bad-q,徐汇,2024-09-05,"never closed,o,1\n' + good(997, start=2))
    files, accepted, rejects, _ = stage(p)
    ids = {i for i, _ in accepted}
    assert len(ids) == 999 and "bad-q" not in ids
    [(src, loc, reason)] = rejects
    assert loc == "row 4" and "unterminated quote" in reason and "opened on line 4" in reason
    assert files[p.name].rows_read == 1000


def test_delimiter_is_chosen_from_the_header_line(tmp_path: Path) -> None:
    p = tmp_path / "semis.csv"
    rows = "".join(f'q{i},徐汇,2024-09-0{1 + i},"开放日;论坛;培训;讲座;展览 {i}","甲;乙;丙;丁",12\n' for i in range(5))
    p.write_text(HEAD + rows)
    files, accepted, rejects, _ = stage(p)
    assert not rejects, rejects
    assert len(accepted) == 5


def test_one_deep_json_value_costs_only_its_record(tmp_path: Path) -> None:
    deep = "[" * 10_000 + "]" * 10_000
    lines = [
        json.dumps({"record_id": f"j{i}", "region": "徐汇", "start_date": "2024-09-01", "title": f"t{i}"})
        for i in range(3)
    ]
    lines.insert(1, '{"record_id": "deep", "region": "徐汇", "start_date": "2024-09-01", "title": ' + deep + "}")
    p = tmp_path / "deep.jsonl"
    p.write_text("\n".join(lines) + "\n")
    files, accepted, rejects, _ = stage(p)
    assert {i for i, _ in accepted} == {"j0", "j1", "j2"}
    [(src, loc, reason)] = rejects
    assert loc == "line 2" and "nested" in reason
    arr = tmp_path / "deep.json"
    arr.write_text("[" + ",".join(lines) + "]")
    files, accepted, rejects, _ = stage(arr)
    assert {i for i, _ in accepted} == {"j0", "j1", "j2"}
    assert [r[1] for r in rejects] == ["record 2"] and "nested" in rejects[0][2]


def test_a_nul_in_a_header_is_repaired_not_fatal(tmp_path: Path) -> None:
    p = tmp_path / "nulhead.csv"
    p.write_bytes(HEAD.replace("title", "ti\x00tle").encode() + good(3).encode())
    files, accepted, rejects, _ = stage(p)
    assert len(accepted) == 3 and not rejects
    assert dict(accepted)["ok-0"] == "徐汇质量活动0"


def test_skipped_files_given_by_name_are_listed(tmp_path: Path) -> None:
    p = tmp_path / "..x.csv"
    p.write_text(HEAD + good(1))
    srcs, skipped = collect_sources([p])
    assert not srcs
    assert [(s[0].name, "hidden") for s in skipped if "hidden" in s[1]] == [("..x.csv", "hidden")]


# ----------------------------------------------------------------------------- item 1: resource limits
XLSX_CT = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships'
    b'+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override '
    b'PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    b'spreadsheetml.worksheet+xml"/></Types>'
)
XLSX_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
    b'2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
XLSX_WB = (
    b'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
    b'2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet '
    b'name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
XLSX_WB_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
    b'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    b'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)


def dimension_bomb(ref: str = "A1:XFD1048576", cell: str = "XFD1048576", row: int = 1048576) -> bytes:
    """A workbook of kilobytes whose one sheet declares the largest size Excel allows and fills one cell."""
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
        f'spreadsheetml/2006/main"><dimension ref="{ref}"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is>'
        f'<t>region</t></is></c><c r="B1" t="inlineStr"><is><t>start_date</t></is></c></row><row r="{row}">'
        f'<c r="{cell}" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>'
    ).encode()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in (
            ("[Content_Types].xml", XLSX_CT),
            ("_rels/.rels", XLSX_RELS),
            ("xl/workbook.xml", XLSX_WB),
            ("xl/_rels/workbook.xml.rels", XLSX_WB_RELS),
            ("xl/worksheets/sheet1.xml", sheet),
        ):
            zf.writestr(name, data)
    return buf.getvalue()


STAGE_CAPPED = """
import json, resource, sys
resource.setrlimit(resource.RLIMIT_AS, (int(sys.argv[1]) << 20, int(sys.argv[1]) << 20))
from pathlib import Path
from tests.etl.test_hostile_files import stage
files, accepted, rejects, skipped = stage(*[Path(p) for p in sys.argv[2:]])
print(json.dumps({"accepted": [a[0] for a in accepted], "rejects": rejects,
                  "status": {k: v.status for k, v in files.items()}}))
"""


def stage_capped(*paths: Path, mb: int = 2048, timeout: float = 120) -> dict:
    """Stage files in a child process with an address-space ceiling and a time limit, as a hostile file would run."""
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.run(
        [sys.executable, "-c", STAGE_CAPPED, str(mb), *map(str, paths)],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_a_declared_sheet_size_costs_nothing_and_a_cell_beyond_the_column_limit_refuses_it(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.xlsx"
    bomb.write_bytes(dimension_bomb())
    assert bomb.stat().st_size < 4096
    ok = tmp_path / "ok.csv"
    ok.write_text(HEAD + good(3))
    out = stage_capped(bomb, ok)
    assert out["status"] == {"bomb.xlsx": "unreadable", "ok.csv": "ok"}
    assert len(out["accepted"]) == 3
    reason = next(r[2] for r in out["rejects"] if r[0] == "bomb.xlsx")
    assert "column 16,384" in reason and "QM_MAX_COLUMNS" in reason


def test_a_declared_sheet_size_is_ignored_when_the_cells_are_few(tmp_path: Path) -> None:
    # The same declaration with its one cell in column C: read as the two rows it really has.
    p = tmp_path / "declared.xlsx"
    p.write_bytes(dimension_bomb(cell="C1048576"))
    out = stage_capped(p)
    assert out["status"] == {"declared.xlsx": "partial"}
    assert [r[1] for r in out["rejects"]] == ["S!1048576"]


@pytest.mark.parametrize(("columns", "fragment"), [(20_000, "20,006 columns"), (1_000_000, "first line is longer")])
def test_a_header_wider_than_the_limit_is_refused_and_the_other_files_load(
    tmp_path: Path, columns: int, fragment: str
) -> None:
    wide = tmp_path / "wide.csv"
    wide.write_text(HEAD.rstrip("\n") + "".join(f",c{i}" for i in range(columns)) + "\n" + good(2))
    ok = tmp_path / "ok.csv"
    ok.write_text(HEAD + good(3))
    out = stage_capped(wide, ok, timeout=60)
    assert out["status"] == {"wide.csv": "unreadable", "ok.csv": "ok"}
    assert fragment in next(r[2] for r in out["rejects"] if r[0] == "wide.csv")


def test_the_etl_checks_word_archives_too(tmp_path: Path) -> None:
    # document.xml inflating to 600 MB from a file of well under 1 MB; python-docx would parse it whole.
    p = tmp_path / "bomb.docx"
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", XLSX_CT)
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(b'<?xml version="1.0"?><w:document xmlns:w="x"><w:body>')
            chunk = b" " * (1 << 20)
            for _ in range(600):
                fh.write(chunk)
            fh.write(b"</w:body></w:document>")
    ok = tmp_path / "ok.csv"
    ok.write_text(HEAD + good(3))
    out = stage_capped(p, ok)
    assert out["status"] == {"bomb.docx": "unreadable", "ok.csv": "ok"}
    assert "zip bomb" in next(r[2] for r in out["rejects"] if r[0] == "bomb.docx")


# ----------------------------------------------------------------------------- item 4: failure is failure
def etl_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    root = Path(__file__).resolve().parents[2]
    return subprocess.run(
        [sys.executable, "-m", "etl", *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **(env or {})},
    )


def test_a_writer_out_of_memory_fails_the_run_even_under_quiet(tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    with open(big, "w", encoding="utf-8") as fh:
        fh.write(HEAD)
        for i in range(300_000):
            fh.write(
                f"id{i},徐汇,2024-09-{1 + i % 28:02d},徐汇质量活动标题{i},徐汇区市场监管局{i % 100},{10 + i % 500}\n"
            )
    db = tmp_path / "w.duckdb"
    p = etl_cli("run", "--source", str(big), "--db", str(db), "--no-demo", "--quiet", env={"QM_ETL_MEMORY": "20MB"})
    assert p.returncode == 1, (p.stdout, p.stderr)
    assert "memory" in p.stderr.lower() and "big.csv" in p.stderr
    assert "published)" not in p.stdout
    assert (
        not db.exists()
        or duckdb.connect(str(db), read_only=True).execute("SELECT count(*) FROM activities").fetchone()[0] == 0
    )


def test_the_summary_line_says_how_many_lines_are_unaccounted(tmp_path: Path) -> None:
    p = tmp_path / "a.csv"
    p.write_text(HEAD + good(3) + "bad,火星,2024-09-01,t,o,1\n")
    out = etl_cli("run", "--source", str(p), "--db", str(tmp_path / "w.duckdb"), "--no-demo", "--quiet")
    assert out.returncode == 0, out.stderr
    assert ", 4 read, 3 added, 0 updated, 0 unchanged, 1 rejected, 0 unaccounted -> " in out.stdout


@pytest.mark.parametrize(
    "error",
    [MemoryError(), duckdb.OutOfMemoryException("Out of Memory Error: x"), OSError(28, "No space left on device")],
)
def test_resource_errors_while_reading_fail_the_run_not_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: Exception
) -> None:
    import etl.pipeline

    (tmp_path / "a.csv").write_text(HEAD + good(1))

    def read(con, path, table, **kw):
        raise error

    monkeypatch.setattr(etl.pipeline, "read_tabular", read)
    with pytest.raises(etl.pipeline.ResourceFailure, match="a.csv: the ETL ran out of a resource"):
        stage(tmp_path)


# ----------------------------------------------------------------------------- item 5: scope on the write side
def test_the_inbox_loads_each_file_within_its_recorded_scope(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from etl.pipeline import run_pipeline
    from etl.scope import sha256_of, write_record

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    monkeypatch.setenv("QM_INBOX", str(inbox))
    db = tmp_path / "w.duckdb"
    # An admin's file publishes a 徐汇 record with a known id.
    admin = tmp_path / "admin.csv"
    admin.write_text(HEAD + "xh-1,徐汇,2024-09-01,徐汇原标题,徐汇区市场监管局,10\n")
    run_pipeline([admin], db, demo=False)
    # A 浦东 reporter's upload names that id (to move it), adds a 徐汇 row, and one good 浦东 row.
    pd_file = inbox / "310115__pd.csv"
    pd_file.write_text(
        HEAD + "xh-1,浦东,2024-09-02,被改写的标题,浦东某单位,10\n"
        "pd-2,徐汇,2024-09-03,越界的行,某单位,5\npd-3,浦东,2024-09-04,浦东开放日,浦东新区质量协会,50\n"
    )
    write_record(inbox, pd_file.name, sha256_of(pd_file), frozenset({"310115"}), "rep@pd")
    # A file dropped in the inbox with a forged prefix and no scope record.
    forged = inbox / "all__forged.csv"
    forged.write_text(HEAD + "xh-1,浦东,2024-09-02,伪造,某单位,1\n")
    summary = run_pipeline([inbox], db, demo=False)
    files = {f.source: f for f in summary.files}
    assert (
        files["all__forged.csv"].status == "unreadable"
        and "no record of who uploaded it" in files["all__forged.csv"].message
    )
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT record_id, district_adcode, title FROM activities ORDER BY 1").fetchall()
        reasons = dict(con.execute("SELECT locator, reason FROM rejects WHERE source = '310115__pd.csv'").fetchall())
    assert rows == [("pd-3", "310115", "浦东开放日"), ("xh-1", "310104", "徐汇原标题")]
    assert "record_id xh-1 is the id of a record outside the uploader's districts (310115)" in reasons["row 2"]
    assert "district 310104 is outside the uploader's districts (310115)" in reasons["row 3"]


@pytest.mark.parametrize("fmt", ["csv", "gbk.csv", "jsonl"])
def test_a_file_over_the_row_limit_is_refused_and_the_others_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    monkeypatch.setenv("QM_MAX_ROWS", "5")
    big = tmp_path / f"big.{fmt}"
    if fmt == "jsonl":
        big.write_text(
            "".join(
                json.dumps({"record_id": f"b{i}", "region": "徐汇", "start_date": "2024-09-01"}) + "\n"
                for i in range(6)
            )
        )
    else:
        big.write_bytes((HEAD + good(6, "big")).encode("gbk" if fmt.startswith("gbk") else "utf-8"))
    ok = tmp_path / "ok.csv"
    ok.write_text(HEAD + good(3))
    files, accepted, rejects, _ = stage(big, ok)
    assert files[big.name].status == "unreadable" and files["ok.csv"].status == "ok"
    assert "QM_MAX_ROWS" in files[big.name].message and len(accepted) == 3


def test_an_unterminated_quote_on_the_last_line_is_a_reject_not_a_row(tmp_path: Path) -> None:
    p = tmp_path / "lastquote.csv"
    p.write_text(HEAD + good(3) + 'bad-q,徐汇,2024-09-05,"never closed,o,1\n')
    files, accepted, rejects, _ = stage(p)
    assert "bad-q" not in dict(accepted) and len(accepted) == 3
    [(src, loc, reason)] = rejects
    assert loc == "row 5" and "opened on line 5" in reason


def test_invisible_characters_inside_cells_are_removed(tmp_path: Path) -> None:
    p = tmp_path / "bom.csv"
    p.write_bytes((HEAD + good(2) + "\ufeffz1,徐汇,2024-09-05,标\u200b题,o\u0085,1\n").encode())
    files, accepted, rejects, _ = stage(p)
    assert dict(accepted)["z1"] == "标题" and not rejects
