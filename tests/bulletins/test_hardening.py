"""Hardening of bulletin reading (reliability findings, bench/reliability.py).

Each test names the bug it pins:
- DEEP-NESTING: 50,000 nested <div> took ~134 s (bs4 `el.find` per element walks its subtree).
- SIZE-CAP: one huge bulletin must cost seconds, never hang the run; the cut is reported.
- TAIL-CUT: a text cut inside its last character was decoded as GB18030 (mojibake) or refused.
- LEADING-BLANKS: `list.pop(0)` per leading blank line was quadratic.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from etl.bulletins import extract_file, reading
from etl.bulletins.reading import TRUNCATED, UnreadableBulletin, html_text, read_bulletin

NEWS = "2023年9月5日，长宁区市场监管局举办质量月主题宣传活动，约150人参加。"


# -- DEEP-NESTING ---------------------------------------------------------------------------------


def test_deep_nesting_50000_divs_reads_in_seconds(tmp_path: Path) -> None:
    """DEEP-NESTING: the reliability bench's file (50,000 nested divs) read in ~134 s before the fix."""
    path = tmp_path / "deep.html"
    path.write_text("<div>" * 50_000 + NEWS + "</div>" * 50_000, encoding="utf-8")
    # Correctness only; its time is a figure of bench/reliability.py, not a unit-test assertion.
    text, _meta = read_bulletin(path)
    assert text == NEWS


@pytest.mark.parametrize("tag", ["div", "li", "td", "span", "time", "blockquote"])
def test_deep_nesting_of_any_tag_is_linear(tag: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """DEEP-NESTING: the reader walks the tree a bounded number of times, whatever the depth.

    Counted, not timed (a shared machine makes timings flaky): every node bs4 yields while walking
    a subtree is counted. Linear reading visits each of the ``depth`` elements a few times; the old
    per-element ``find`` visited ~depth**2 / 2 nodes.
    """
    import bs4.element

    visits = 0
    original = bs4.element.Tag.descendants

    def counting(self):  # property wrapper
        nonlocal visits
        for node in original.fget(self):
            visits += 1
            yield node

    monkeypatch.setattr(bs4.element.Tag, "descendants", property(counting))
    depth = 4_000
    markup = f"<html><body>{f'<{tag}>' * depth}{NEWS}{f'</{tag}>' * depth}</body></html>"
    text = html_text(markup)
    assert text.count(NEWS) == 1, "the innermost text is read once, not once per level"
    assert visits < 20 * depth, f"{visits:,} node visits for depth {depth:,}: not linear"


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        # leaf blocks only: the outer div repeats nothing
        ("<div><div><p>甲</p><p>乙</p></div></div>", ["甲", "乙"]),
        ("<div>外<div>内</div></div>", ["内"]),
        ("<ul><li>一</li><li>二<ul><li>三</li></ul></li></ul>", ["一", "三"]),
        ("<table><tr><td>单元</td><td><div>嵌套</div></td></tr></table>", ["单元", "嵌套"]),
        # a <time> inside a leaf is read on its own line too (dates near the top help the dateline)
        ("<p><time>2023-09-05</time> 启动</p>", ["2023-09-05启动", "2023-09-05"]),
        # ...but a <time> inside a <time> is not read again
        ("<p><time><time><time>9月5日</time></time></time></p>", ["9月5日", "9月5日"]),
        ("<div><span><b>粗</b>体</span></div>", ["粗体"]),
        ("<div><script>alert(1)</script>正文</div>", ["正文"]),
        ("<nav><p>导航</p></nav><article><p>文章</p></article><p>旁注</p>", ["文章"]),
        ("<html><head><title>标题</title></head><body><p>正文</p></body></html>", ["标题", "正文"]),
        ("<html><head><title>正文</title></head><body><p>正文在此</p></body></html>", ["正文在此"]),
        ("<body>无块<br>文本</body>", ["无块", "文本"]),
        ("<div></div><p>  </p><h2>小标题</h2>", ["小标题"]),
    ],
)
def test_html_text_reads_each_leaf_block_once(markup: str, expected: list[str]) -> None:
    assert html_text(markup).split("\n") == expected


# -- SIZE-CAP -------------------------------------------------------------------------------------


@pytest.fixture
def small_cap(monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(reading, "MAX_BULLETIN_BYTES", 1_000)
    return 1_000


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "utf-16", "utf-8-sig"])
def test_size_cap_cuts_at_a_whole_line_in_the_file_encoding(tmp_path: Path, small_cap: int, encoding: str) -> None:
    """SIZE-CAP + TAIL-CUT: the kept text is whole lines, decoded in the file's own encoding."""
    lines = [f"第{i}段：徐汇区质量月活动。" for i in range(200)]
    path = tmp_path / f"long-{encoding}.txt"
    path.write_bytes("\n".join(lines).encode(encoding))
    text, meta = read_bulletin(path)
    kept = text.split("\n")
    assert 10 < len(kept) < 200
    assert kept == lines[: len(kept)] or (
        kept[:-1] == lines[: len(kept) - 1] and lines[len(kept) - 1].startswith(kept[-1])
    )
    assert len(text.encode(encoding)) <= small_cap + 4
    assert path.name in meta[TRUNCATED] and f"{path.stat().st_size:,}" in meta[TRUNCATED]


@pytest.mark.parametrize(
    ("encoding", "unit"), [("utf-8", "质"), ("gb18030", "质"), ("utf-8", "a"), ("gb18030", "a"), ("utf-16", "𠀀")]
)
def test_size_cap_on_one_long_line_never_splits_a_character(
    tmp_path: Path, small_cap: int, encoding: str, unit: str
) -> None:
    """TAIL-CUT: a single line longer than the cap is cut inside a character, which is dropped, not mis-decoded."""
    path = tmp_path / "one-line.txt"
    path.write_bytes(("徐汇区" + unit * 3_000).encode(encoding))
    text, meta = read_bulletin(path)
    assert text.startswith("徐汇区") and set(text[3:]) == {unit}
    assert TRUNCATED in meta


def test_file_within_the_cap_is_read_whole(tmp_path: Path, small_cap: int) -> None:
    path = tmp_path / "short.txt"
    path.write_bytes(("徐汇区" * 100).encode("utf-8"))  # 900 bytes
    text, meta = read_bulletin(path)
    assert text == "徐汇区" * 100 and TRUNCATED not in meta


def test_size_cap_applies_to_docx_text(tmp_path: Path, small_cap: int) -> None:
    document = docx.Document()
    for i in range(100):
        document.add_paragraph(f"第{i}段：浦东新区质量月活动。")
    path = tmp_path / "long.docx"
    document.save(str(path))
    text, meta = read_bulletin(path)
    assert text.startswith("第0段") and len(text.encode("utf-8")) <= small_cap
    assert "bytes of text were read" in meta[TRUNCATED]


def test_truncation_is_reported_as_a_problem_of_the_file(tmp_path: Path, small_cap: int) -> None:
    """SIZE-CAP: the cut reaches the run as a whole-file problem next to the records that were read."""
    path = tmp_path / "big.txt"
    path.write_text(NEWS + "\n" + "质量月宣传。\n" * 400, encoding="utf-8")
    result = extract_file(path)
    assert len(result.records) == 1
    assert (
        None,
        f"big.txt: only the first 1,000 of {path.stat().st_size:,} bytes were read "
        "(size limit per bulletin); the rest is ignored",
    ) in result.problems


def test_blank_text_within_the_cap_says_where_it_looked(tmp_path: Path, small_cap: int) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(b" \n" * 2_000 + NEWS.encode())
    with pytest.raises(UnreadableBulletin, match=r"blank.txt: no text in its first 1,000 bytes"):
        read_bulletin(path)


def test_default_cap_bounds_a_6mb_one_line_bulletin(tmp_path: Path) -> None:
    """SIZE-CAP: the bench's 2,000,000-character line is read only up to 2 MB."""
    path = tmp_path / "huge.txt"
    path.write_bytes(("质量" * 1_000_000).encode("utf-8"))
    text, meta = read_bulletin(path)
    assert len(text.encode("utf-8")) <= reading.MAX_BULLETIN_BYTES == 2 * 1024 * 1024
    assert "6,000,000 bytes" in meta[TRUNCATED]


# -- TAIL-CUT / LEADING-BLANKS -------------------------------------------------------------------


@pytest.mark.parametrize(("encoding", "cut"), [("utf-8", 1), ("utf-8", 2), ("gb18030", 1)])
def test_file_cut_inside_its_last_character_keeps_its_encoding(tmp_path: Path, encoding: str, cut: int) -> None:
    """TAIL-CUT: before the fix a UTF-8 file cut mid-character was decoded as GB18030 (every line mojibake)."""
    path = tmp_path / "cut.txt"
    path.write_bytes(f"{NEWS}\n第二段徐汇区".encode(encoding)[:-cut])
    text, meta = read_bulletin(path)
    assert text == f"{NEWS}\n第二段徐汇" and meta == {}


def test_million_leading_blank_lines_are_linear(tmp_path: Path) -> None:
    """LEADING-BLANKS: 1,000,000 blank lines before the text (list.pop(0) each) took minutes."""
    path = tmp_path / "blanks.txt"
    path.write_bytes(b"\n" * 1_000_000 + b"URL: http://example.org/x\n" + NEWS.encode())
    text, meta = read_bulletin(path)
    assert text == NEWS and meta == {"URL": "http://example.org/x"}
