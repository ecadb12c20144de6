"""Read one bulletin file (.txt / .html / .htm / .docx) into plain text, one paragraph per line.

Grain: one file in, one string out. Nothing here interprets the text.
"""

from __future__ import annotations

import re
from pathlib import Path

SUPPORTED_SUFFIXES = (".txt", ".html", ".htm", ".docx")

# Corpus files start with crawl metadata ("URL: ...", "LANG: zh"). They describe where the file
# came from, not the event, so they are split off and never read as bulletin text.
_META_RE = re.compile(r"^(URL|LANG|SOURCE_URL|FETCHED)\s*:\s*(.*)$")


class UnreadableBulletin(Exception):
    """The file cannot be turned into text; the message names the file and the reason."""


def _decode(data: bytes, path: Path) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # GB18030 is a superset of GBK/GB2312: try it before asking the detector, which is slower
    # and sometimes calls short Chinese texts Big5 or Shift-JIS.
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise UnreadableBulletin(f"{path.name}: cannot detect the text encoding")
    return str(best)


def _html_text(markup: str) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "lxml")
    for tag in soup(["script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe"]):
        tag.decompose()
    # The main content is the <article>/<main> element when there is one; otherwise the body.
    root = soup.find("article") or soup.find("main") or soup.body or soup
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    blocks = []
    for el in root.find_all(["h1", "h2", "h3", "h4", "p", "li", "div", "td", "time"]):
        if el.find(["p", "div", "li", "h1", "h2", "h3", "h4", "td"]):
            continue  # only leaf blocks, so nested divs do not repeat their text
        text = el.get_text("", strip=True)
        if text:
            blocks.append(text)
    if not blocks:
        blocks = [ln.strip() for ln in root.get_text("\n").splitlines() if ln.strip()]
    if title and (not blocks or title not in blocks[0]):
        blocks.insert(0, title)
    return "\n".join(blocks)


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

    Raises:
        UnreadableBulletin: When the file is missing, of an unsupported type, empty or undecodable.
    """
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnreadableBulletin(f"{path.name}: unsupported file type {suffix or '(none)'}")
    try:
        if suffix == ".docx":
            text = _docx_text(path)
        else:
            text = _decode(path.read_bytes(), path)
            if suffix in (".html", ".htm"):
                text = _html_text(text)
    except UnreadableBulletin:
        raise
    except Exception as exc:  # a broken zip, a permission error...: the file is reported, the run goes on
        raise UnreadableBulletin(f"{path.name}: cannot read ({type(exc).__name__}: {exc})") from exc
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    meta: dict[str, str] = {}
    lines = text.split("\n")
    while lines and (not lines[0].strip() or _META_RE.match(lines[0].strip())):
        m = _META_RE.match(lines[0].strip())
        if m:
            meta[m.group(1)] = m.group(2).strip()
        lines.pop(0)
    body = "\n".join(lines)
    if not body.strip():
        raise UnreadableBulletin(f"{path.name}: no text")
    return body, meta
