"""Read one bulletin file (.txt / .html / .htm / .docx) into plain text, one paragraph per line.

Grain: one file in, one string out. Nothing here interprets the text.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

SUPPORTED_SUFFIXES = (".txt", ".html", ".htm", ".docx")

# Corpus files start with crawl metadata ("URL: ...", "LANG: zh"). They describe where the file
# came from, not the event, so they are split off and never read as bulletin text.
_META_RE = re.compile(r"^(URL|LANG|SOURCE_URL|FETCHED)\s*:\s*(.*)$")
# A news bulletin is a few kilobytes; reading is capped so that one huge or hostile file costs
# seconds, not minutes, and never stops a run. The cap is on the bytes of a .txt/.html file and
# on the UTF-8 size of a .docx's text.
MAX_BULLETIN_BYTES = int(os.environ.get("QM_BULLETIN_MAX_BYTES", 2 * 1024 * 1024))
# Key of the `meta` entry that says the text was cut at MAX_BULLETIN_BYTES (never a crawl-metadata name).
TRUNCATED = "TRUNCATED"


class UnreadableBulletin(Exception):
    """The file cannot be turned into text; the message names the file and the reason."""


def _decode(data: bytes, path: Path) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    # GB18030 is a superset of GBK/GB2312: try it before asking the detector, which is slower
    # and sometimes calls short Chinese texts Big5 or Shift-JIS.
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as exc:
            # Only the last character cut short (a truncated transfer, or the size cap): the
            # encoding is right, drop that character rather than mis-decode the whole file.
            if exc.end == len(data) and exc.start >= len(data) - 3:
                try:
                    return data[: exc.start].decode(encoding)
                except UnicodeDecodeError:
                    pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise UnreadableBulletin(f"{path.name}: cannot detect the text encoding")
    return str(best)


# Elements whose text is one paragraph, and those among them that are blocks (a block inside
# one means it is not the innermost, so its text would repeat).
_TEXT_TAGS = frozenset({"h1", "h2", "h3", "h4", "p", "li", "div", "td", "time"})
_BLOCK_TAGS = frozenset({"p", "div", "li", "h1", "h2", "h3", "h4", "td"})


def html_text(markup: str) -> str:
    """The text of a web page, one line per block: its <article>/<main> (else its body) without
    scripts, navigation and forms, the <title> first unless the first block holds it; each leaf
    block read once, in time linear in the number of elements."""
    from bs4 import BeautifulSoup, Tag

    soup = BeautifulSoup(markup, "lxml")
    for tag in soup(["script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe"]):
        tag.decompose()
    # The main content is the <article>/<main> element when there is one; otherwise the body.
    root = soup.find("article") or soup.find("main") or soup.body or soup
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    # Only leaf blocks are read, so nested divs do not repeat their text. Asking each element
    # `el.find(block)` walks its subtree (bs4 re-finds the last descendant each time): 50,000
    # nested divs took minutes. One backward pass marks the parents of blocks instead, so the
    # cost is linear in the number of elements.
    elements = [el for el in root.descendants if isinstance(el, Tag)]
    contains_block: set[int] = set()
    for el in reversed(elements):
        if el.parent is not None and (el.name in _BLOCK_TAGS or id(el) in contains_block):
            contains_block.add(id(el.parent))
    # A <time> inside a <time> already read would re-read the same text at every level.
    in_time: set[int] = set()
    blocks = []
    for el in elements:
        inside = el.parent is not None and id(el.parent) in in_time
        if inside:
            in_time.add(id(el))
        if el.name not in _TEXT_TAGS or id(el) in contains_block or inside:
            continue
        text = el.get_text("", strip=True)
        if text:
            blocks.append(text)
            if el.name == "time":
                in_time.add(id(el))
    if not blocks:
        blocks = [ln.strip() for ln in root.get_text("\n").splitlines() if ln.strip()]
    if title and (not blocks or title not in blocks[0]):
        blocks.insert(0, title)
    return "\n".join(blocks)


def _cut(data: bytes, limit: int) -> bytes:
    """The first ``limit`` bytes of ``data``, ending at a line break when one is in the second half.

    A line feed byte never occurs inside a UTF-8 or GB18030 character, so cutting after one keeps
    every character whole; UTF-16 is cut at a code-unit boundary outside a surrogate pair.
    """
    head = data[:limit]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head[: len(head) - len(head) % 2]
        last = head[-2:]
        unit = int.from_bytes(last, "little" if head.startswith(b"\xff\xfe") else "big") if len(last) == 2 else 0
        return head[:-2] if 0xD800 <= unit < 0xDC00 else head
    nl = head.rfind(b"\n")
    return head[: nl + 1] if nl >= limit // 2 else head


def _docx_text(path: Path) -> str:
    import docx

    document = docx.Document(str(path))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" ".join(c.text for c in row.cells))
    return "\n".join(lines)


def read_bulletin(path: Path) -> tuple[str, dict[str, str]]:
    """Text of a bulletin and its crawl metadata.

    Args:
        path: A .txt, .html, .htm or .docx file.

    Returns:
        ``(text, meta)``: the text with one paragraph per line (original characters, not cleaned),
        and metadata lines such as ``{'URL': ..., 'LANG': 'zh'}`` taken off the top of text files.
        Only the first ``MAX_BULLETIN_BYTES`` are read; when the file is longer, ``meta[TRUNCATED]``
        says so (file name, sizes) and the text ends at the last whole line within the limit.

    Raises:
        UnreadableBulletin: When the file is missing, of an unsupported type, empty or undecodable.
    """
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnreadableBulletin(f"{path.name}: unsupported file type {suffix or '(none)'}")
    limit = MAX_BULLETIN_BYTES
    truncated = None
    try:
        if suffix == ".docx":
            text = _docx_text(path)
            encoded = text.encode("utf-8")
            if len(encoded) > limit:
                truncated = (
                    f"{path.name}: only the first {limit:,} of {len(encoded):,} bytes of text were read "
                    "(size limit per bulletin); the rest is ignored"
                )
                text = _decode(_cut(encoded, limit), path)
        else:
            with open(path, "rb") as fh:
                data = fh.read(limit + 1)
            if len(data) > limit:
                truncated = (
                    f"{path.name}: only the first {limit:,} of {path.stat().st_size:,} bytes were read "
                    "(size limit per bulletin); the rest is ignored"
                )
                data = _cut(data, limit)
            text = _decode(data, path)
            if suffix in (".html", ".htm"):
                text = html_text(text)
    except UnreadableBulletin:
        raise
    except Exception as exc:  # a broken zip, a permission error...: the file is reported, the run goes on
        raise UnreadableBulletin(f"{path.name}: cannot read ({type(exc).__name__}: {exc})") from exc
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    meta: dict[str, str] = {}
    lines = text.split("\n")
    first = 0  # an index, not list.pop(0), which made a million leading blank lines quadratic
    while first < len(lines) and (not lines[first].strip() or _META_RE.match(lines[first].strip())):
        m = _META_RE.match(lines[first].strip())
        if m:
            meta[m.group(1)] = m.group(2).strip()
        first += 1
    body = "\n".join(lines[first:])
    if truncated:
        meta[TRUNCATED] = truncated
    if not body.strip():
        raise UnreadableBulletin(f"{path.name}: no text" + (f" in its first {limit:,} bytes" if truncated else ""))
    return body, meta
