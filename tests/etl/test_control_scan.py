"""The control-character scan of a UTF-8 file (etl.extract.tabular.has_control_bytes) agrees with the
one stated class of control characters (`_CONTROL`, the regex every cell is cleaned with) on every
file, wherever the character falls relative to the scan's chunks; and a file that holds one has it
removed from the stored text by the real ETL, while tabs and line breaks alone cost nothing.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.extract.tabular import _CONTROL, has_control_bytes
from etl.pipeline import run_pipeline

# Every character the scan must find, the allowed low ones, and look-alikes sharing their lead
# bytes (NBSP C2 A0, curly quotes E2 80 9C, full-width comma EF BC 8C, U+2061 E2 81 A1).
_CONTROLS = [*map(chr, range(0x00, 0x09)), "\x0b", "\x0c", *map(chr, range(0x0E, 0x20)), "\x7f"]
_CONTROLS += [*map(chr, range(0x80, 0xA0)), "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]
_HARMLESS = [
    "\t",
    "\n",
    "\r",
    "\u00a0",
    "\u00b7",
    "\u201c",
    "\u201d",
    "\uff0c",
    "\u2061",
    "\u200a",
    "\u200e",
    "a",
    "质",
]
_ALPHABET = st.sampled_from(_CONTROLS + _HARMLESS * 4)


def _expected(text: str) -> bool:
    return _CONTROL.search(text.removeprefix("\ufeff")) is not None


@settings(max_examples=400, deadline=None)
@given(text=st.text(alphabet=_ALPHABET, max_size=40), chunk=st.integers(min_value=1, max_value=9))
def test_scan_agrees_with_the_control_class_at_every_chunk_seam(tmp_path_factory, text: str, chunk: int) -> None:
    p = tmp_path_factory.mktemp("scan") / "f.csv"
    p.write_bytes(text.encode())
    assert has_control_bytes(p, chunk_size=chunk) is _expected(text)


def test_a_sequence_split_by_the_seam_is_found(tmp_path: Path) -> None:
    for ch in ("\u200b", "\u2060", "\ufeff", "\x85"):
        data = ("质" * 3 + ch).encode()
        for cut in range(1, len(data)):
            p = tmp_path / f"seam{cut}.csv"
            p.write_bytes(data)
            assert has_control_bytes(p, chunk_size=cut), (ch, cut)


def test_a_leading_bom_is_the_encodings_and_crlf_and_tabs_are_no_control(tmp_path: Path) -> None:
    p = tmp_path / "bom.csv"
    p.write_bytes("\ufeffa,b\r\n“质”\t，\u00a0,1\r\n".encode())
    assert not has_control_bytes(p, chunk_size=2)
    assert not has_control_bytes(p)
    p.write_bytes("\ufeffa,b\r\nx\ufeffy,1\r\n".encode())  # a second BOM is a character
    assert has_control_bytes(p)


def test_the_etl_strips_what_the_scan_finds_and_keeps_tabs(tmp_path: Path) -> None:
    """Through the real ETL (a streamed UTF-8 CSV, first load): zero-width, C1 and C0 characters
    leave the stored title and organiser; a tab inside a cell is kept."""
    src = tmp_path / "ctl.csv"
    rows = [
        "record_id,region,start_date,title,organizer,participants",
        "z1,徐汇,2024-09-01,质量\u200b开放日,徐汇区\u2060市场监管局,10",
        "z2,徐汇,2024-09-02,质量\x85论坛\x07,徐汇区市场监管局,20",
        'z3,徐汇,2024-09-03,"质量\t讲座",徐汇区市场监管局,30',
    ]
    src.write_text("\n".join(rows) + "\n", encoding="utf-8")
    db = tmp_path / "w.duckdb"
    run_pipeline([src], db, demo=False)
    with duckdb.connect(str(db), read_only=True) as con:
        got = dict(con.execute("SELECT record_id, title || '|' || organizer FROM activities").fetchall())
    assert got == {
        "z1": "质量开放日|徐汇区市场监管局",
        "z2": "质量论坛|徐汇区市场监管局",
        "z3": "质量\t讲座|徐汇区市场监管局",
    }
