"""Segment a bulletin into candidate events (stage: segment): district/enterprise headings,
numbered programme items, table rows, and the body.
"""

from __future__ import annotations

import re

from domain.gazetteer import Gazetteer

from . import rules
from .cleaning import CleanParagraph
from .dates import find_dates
from .document import DocContext, Section, is_meta
from .lexicon import chars, one_of, words

_HEADING_RE = re.compile(r"^(?P<name>[^\s:,。;“”()]{2,12})\s*:\s*(?P<rest>.*)$")
# 【嘉定区】 / [嘉定区] / 〖嘉定区〗 on a line of its own, or followed by the section's first sentence.
_BRACKET_HEADING_RE = re.compile(r"^[【\[〖]\s*(?P<name>[^】\]〗\s]{2,15})\s*[】\]〗]\s*[::]?\s*(?P<rest>.*)$")
# Programme numbering: 1. / 1、 / 1) / (1) / (一) / 一、 / ① / ❶ / a WeChat keycap 1️⃣, and list bullets (- / • / ◆ / ▲ / ★ ...)
# before a line of its own. Full-width brackets are ASCII after cleaning.
_NUMERAL = "[" + chars("numbering", "zh") + "]"
ITEM_RE = re.compile(
    r"^\s*(?:(?P<n>\d{1,2})\s*[.、)]|[(]\s*(?P<p>\d{1,2}|" + _NUMERAL + r"{1,3})\s*[)]\s*[、.]?"
    r"|(?P<c>" + _NUMERAL + r"{1,3})\s*、|(?P<o>[\u2460-\u2473\u2776-\u2793])|(?P<k>\d{1,2})\ufe0f?\u20e3"
    r"|(?P<b>[-*](?=\s)|[" + chars("numbering", "bullets") + r"]|——(?!.*——\s*$)))"
    r"\s*(?=\S)"
)


_NOTICE = re.compile(r"^\s*(?:活动)?" + one_of("notice_key", "zh") + r"\s*:")
# A line that is only an image's file name (1.jpg, image.png): a picture left by the page, no text
# (and never a numbered item: 1.jpg / 2.jpg / 3.jpg between paragraphs are no programme).
_IMAGE_LINE = re.compile(r"^\s*[^\s。,;:]{1,40}\." + one_of("image_file", "suffix") + r"\s*$", re.IGNORECASE)


def _heading(p: CleanParagraph, gazetteer: Gazetteer | None, within: str | None) -> tuple[str, str] | None:
    """``(name, rest)`` when the paragraph opens a district/enterprise section, else None.

    Three forms: ``宝山:质量提升`` (a short name and a slogan, on its own line); ``【嘉定区】`` (a
    bracketed name, alone or followed by the section's first sentence); ``宝山:9月2日,宝山区...``
    (a place name, then the section's text on the same line) -- the last only when the name is a
    place the gazetteer knows, because a long line with a colon is usually a sentence.
    """
    m = _BRACKET_HEADING_RE.match(p.text)
    if m and not re.search(r"\d", m.group("name")):
        return m.group("name"), m.group("rest")
    m = _HEADING_RE.match(p.text)
    if not m or is_meta(p.text) or re.search(r"\d", m.group("name")):
        return None
    if not find_dates(m.group("rest")[:12]) and len(p.text) < 60:
        return m.group("name"), m.group("rest")
    if (
        gazetteer is not None
        and gazetteer.resolve(m.group("name"), within=within) is not None
        and (find_dates(m.group("rest")) or rules.EVENT_VERB_RE.search(m.group("rest")))
    ):
        return m.group("name"), m.group("rest")
    return None


def _heading_carries_text(rest: str | None) -> bool:
    """The text after a heading name is the section's first sentence, not a slogan."""
    return bool(rest) and bool(find_dates(rest) or len(rest) > 30)


def story_paragraphs(ctx: DocContext) -> list[CleanParagraph]:
    """The paragraphs a bulletin's story is read from: all but the dateline's, image-name lines and the
    other pages' headlines listed under the story (`DocContext.link_paras`)."""
    return [
        p
        for p in ctx.paragraphs
        if p.index not in ctx.dateline_paras and p.index not in ctx.link_paras and not _IMAGE_LINE.match(p.text)
    ]


def segment(ctx: DocContext, gazetteer: Gazetteer | None = None) -> tuple[list[CleanParagraph], list[Section]]:
    """Split a bulletin into an intro and sections.

    Headings (see `_heading`; at least two in the bulletin) open district/enterprise sections.
    Numbered items (1. / (1) / 一、) in the intro become item sections when there are at least two
    of them. A bulletin with neither is one body section.

    Args:
        ctx: The bulletin's context.
        gazetteer: Used to accept a place-name heading followed by text on the same line.

    Returns:
        (intro paragraphs, sections).
    """
    paras = story_paragraphs(ctx)
    heads: list[int] = []
    found: dict[int, tuple[str, str]] = {}
    for i, p in enumerate(paras):
        h = _heading(p, gazetteer, ctx.within)
        if h is not None:
            heads.append(i)
            found[i] = h
    sections: list[Section] = []
    if len(heads) >= 2:
        intro = paras[: heads[0]]
        for k, i in enumerate(heads):
            end = heads[k + 1] if k + 1 < len(heads) else len(paras)
            name, rest = found[i]
            if _heading_carries_text(rest):
                # 宝山:9月2日,宝山区举行…: the heading line is the section's first paragraph.
                sections.append(Section("heading", paras[i:end], name, None))
            else:
                sections.append(Section("heading", paras[i + 1 : end], name, rest))
    else:
        intro, rest = [], paras
        items = [i for i, p in enumerate(paras) if ITEM_RE.match(p.text) or table_row(p.text)]
        if len(items) >= 2:
            intro = paras[: items[0]]
            for k, i in enumerate(items):
                end = items[k + 1] if k + 1 < len(items) else len(paras)
                # An item is its own line; the lines after the last item are only its continuation
                # when they do not look like a new section (heading or dateline).
                if k + 1 == len(items):
                    # The last item's own notice lines (时间:…地点:…) continue it, and so does the
                    # paragraph under an item that is a bare heading (2. Quality skills contest);
                    # other text does not.
                    more = next(
                        (n for n, p in enumerate(paras[i + 1 :]) if not _NOTICE.match(p.text)), len(paras) - i - 1
                    )
                    if more == 0 and i + 1 < len(paras) and bare_heading(paras[i].text):
                        more = 1
                    end = i + 1 + more
                sections.append(Section("item", paras[i:end]))
            return intro, sections
        sections.append(Section("body", rest))
    # Items inside the intro of a headed bulletin are city-wide programme items.
    items = [i for i, p in enumerate(intro) if ITEM_RE.match(p.text) or table_row(p.text)]
    if len(items) >= 2:
        item_secs = [Section("item", [intro[i]]) for i in items]
        intro = intro[: items[0]]
        sections = item_secs + sections
    return intro, sections


def bare_heading(text: str) -> bool:
    """A numbered line that is a heading, not a sentence: short, no sentence end, no date."""
    head = ITEM_RE.sub("", text, count=1).strip()
    return len(head) <= 60 and not re.search(r"[。;,.!?:]\s*$|[。;]", head) and not find_dates(head)


# A table copied from a web page keeps its columns apart by runs of spaces (or full-width spaces).
_WIDE_GAP = re.compile(r"(?: {2,}|\u3000+)\s*")


def table_cells(text: str) -> list[str]:
    """The cells of a table line: split by | or tabs, else by runs of two or more spaces."""
    if text.count("|") >= 2 or text.count("\t") >= 2:
        return [c for c in re.split(r"\s*[|\t]\s*", text.strip(" |")) if c]
    return [c for c in _WIDE_GAP.split(text.strip()) if c]


def table_row(text: str) -> bool:
    """A row of a table of activities: cells split by | or tabs (or aligned by runs of spaces,
    three cells at least), one a date and one an activity."""
    if text.count("|") < 2 and text.count("\t") < 2 and len(_WIDE_GAP.findall(text.strip())) < 2:
        return False
    cells = table_cells(text)
    return len(cells) >= 2 and any(find_dates(c) for c in cells) and any(rules.classify_type(c) for c in cells)


# A header cell naming who holds the activity, and one naming where it is.
_HOLDER_HEAD = re.compile(words("column_head", "zh_holder") + "|" + words("column_head", "en_holder"), re.IGNORECASE)
_VENUE_HEAD = re.compile(words("column_head", "zh_venue") + "|" + words("column_head", "en_venue"), re.IGNORECASE)


# A header cell counting who took part (参加人数, 参与人次, attendees).
_COUNT_HEAD = re.compile(words("column_head", "zh_count") + "|" + words("column_head", "en_count"), re.IGNORECASE)


def _header_cells(row: str, paras: list[CleanParagraph], head: re.Pattern[str]) -> list[str] | None:
    """The header row above a table row with a cell matching ``head`` and as many cells as the row."""
    header = None
    for p in paras:
        if p.text == row:
            break
        cells = table_cells(p.text)
        if len(cells) >= 2 and not table_row(p.text) and any(head.search(c) for c in cells):
            header = cells
    return header


def holder_cell(row: str, paras: list[CleanParagraph]) -> str | None:
    """The organiser's cell of a table row, by the table's header row (| 日期 | 活动 | 地点 | 主办单位 |)
    above it: the cell under a holder heading, never the one under a venue heading. None when the
    table has no such header or the row has no such cell."""
    header = _header_cells(row, paras, _HOLDER_HEAD)
    cells = table_cells(row)
    if header is None or len(cells) != len(header):
        return None
    for head, cell in zip(header, cells, strict=True):
        if _HOLDER_HEAD.search(head) and not _VENUE_HEAD.search(head) and cell.strip():
            return cell.strip()
    return None


def count_cell(row: str, paras: list[CleanParagraph]) -> str | None:
    """The participants' cell of a table row, under a header such as 参加人数 / attendees (a row
    whose trailing empty cell was dropped lines up with the header's first cells)."""
    header = _header_cells(row, paras, _COUNT_HEAD)
    cells = table_cells(row)
    if header is None or not cells or len(cells) > len(header):
        return None
    for head, cell in zip(header, cells, strict=False):
        if _COUNT_HEAD.search(head) and not _HOLDER_HEAD.search(head) and cell.strip():
            return cell.strip()
    return None
