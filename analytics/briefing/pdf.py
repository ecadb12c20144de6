"""The briefing as PDF (fpdf2): A4, the CJK fonts embedded as subsets, so it prints and reads anywhere.

Why fpdf2: a pure-Python writer (340 kB wheel) that embeds and subsets OpenType CJK fonts (Noto
CJK's CFF outlines included) with a Unicode map, so ``pdftotext`` and screen readers get the text
back. LibreOffice converting the DOCX would add ~270 MB of Debian packages and seconds per file;
reportlab embeds only TrueType outlines (not Debian's Noto CJK).
"""

from __future__ import annotations

import io
import re

from fpdf import FPDF
from fpdf.enums import TableCellFillMode
from fpdf.fonts import FontFace
from PIL import Image

from analytics.briefing.content import Briefing
from analytics.briefing.fonts import fonts
from analytics.briefing.layout import Block, blocks

RED = (192, 0, 0)
TEXT = (20, 20, 20)
MUTED = (100, 100, 100)
MARGIN = 22  # mm
MAX_IMAGE_MM = 118.0
CAPTION_MM = 9.0


class _Doc(FPDF):
    footer_text = ""

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font("serif", "", 8)
        self.set_text_color(*MUTED)
        self.cell(0, 6, f"{self.footer_text}    {self.page_no()} / {{nb}}", align="C")


def add_fonts(pdf: FPDF) -> None:
    """Register the briefing's faces on `pdf`: ``serif`` (body text) and ``sans`` bold (headings)."""
    fs = fonts()
    # Two faces only: embedding subsets one face at a time, and a CJK face costs ~0.5 s of CPU to
    # parse and ~0.3 s to subset (Noto CJK, measured): text in serif, headings and title in bold sans.
    for family, style, face in (("serif", "", fs.serif), ("sans", "B", fs.sans_bold)):
        pdf.add_font(family, style=style, fname=face.path, collection_font_number=face.index)


def render_pdf(b: Briefing) -> bytes:
    """The PDF file of briefing `b` (images must already be drawn, see ``images.render``)."""
    pdf = _Doc(format="A4", unit="mm")
    pdf.footer_text = b.title
    pdf.set_margins(MARGIN, 20, MARGIN)
    pdf.set_auto_page_break(True, margin=20)
    pdf.set_title(b.title)
    pdf.set_creator("Quality Month dashboard")
    pdf.set_lang("zh-CN" if b.lang == "zh" else "en")
    add_fonts(pdf)
    pdf.add_page()
    width = pdf.epw
    for block in blocks(b):
        _draw(pdf, block, width)
    return bytes(pdf.output())


# Line breaking for mixed Chinese and Latin text: a Chinese character may end a line anywhere, a
# number or Latin word never splits (fpdf2 breaks a space-less run anywhere, so "2021" could become
# "2" + "021"), closing punctuation never starts a line and an opening one never ends it.
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.,%+\-–/:'’_]*|\s+|.", re.S)
_NO_START = frozenset("，。、；：？！）》」』”’%,.;:?!)]")
_NO_END = frozenset("（《「『“‘([")


def lines(pdf: FPDF, text: str, width: float) -> list[str]:
    """`text` cut into lines no wider than `width` in the current font (see the rules above)."""
    out: list[str] = []
    cur = ""
    for tok in _TOKEN.findall(text):
        if cur and tok.strip() and tok[0] not in _NO_START and pdf.get_string_width(cur + tok) > width:
            carry = ""
            while cur and cur[-1] in _NO_END:
                cur, carry = cur[:-1], cur[-1] + carry
            out.append(cur.rstrip())
            cur = carry + tok
        else:
            cur += tok
    if cur.strip():
        out.append(cur.rstrip())
    return out


def _flow(pdf: FPDF, text: str, width: float, height: float, align: str = "L") -> None:
    for line in lines(pdf, text, width):
        pdf.cell(width, height, line, align=align, new_x="LMARGIN", new_y="NEXT")


def _title(pdf: FPDF, block: Block, width: float) -> None:
    pdf.set_font("sans", "B", 19)
    pdf.set_text_color(*RED)
    pdf.multi_cell(width, 11, block.text, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def _meta(pdf: FPDF, block: Block, width: float) -> None:
    pdf.set_font("serif", "", 8)
    pdf.set_text_color(*MUTED)
    _flow(pdf, block.text, width, 4.5, "C")


def _rule(pdf: FPDF, _block: Block, width: float) -> None:
    """The red double rule under a 简报 masthead."""
    pdf.ln(2)
    pdf.set_draw_color(*RED)
    pdf.set_line_width(0.7)
    y = pdf.get_y()
    pdf.line(pdf.l_margin, y, pdf.l_margin + width, y)
    pdf.set_line_width(0.2)
    pdf.line(pdf.l_margin, y + 1.1, pdf.l_margin + width, y + 1.1)
    pdf.ln(5)


def _warning(pdf: FPDF, block: Block, width: float) -> None:
    pdf.set_font("sans", "B", 10)
    pdf.set_text_color(*RED)
    _flow(pdf, block.text, width, 6)
    pdf.ln(1)


def _heading(pdf: FPDF, block: Block, width: float) -> None:
    if pdf.get_y() > pdf.h - 45:  # keep a heading with what follows it
        pdf.add_page()
    pdf.ln(2)
    pdf.set_font("sans", "B", 13)
    pdf.multi_cell(width, 8, block.text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def _para(pdf: FPDF, block: Block, width: float) -> None:
    pdf.set_font("serif", "", 11)
    _flow(pdf, block.text, width, 6.8)
    pdf.ln(1.5)


def _caption(pdf: FPDF, block: Block, width: float) -> None:
    pdf.set_font("serif", "", 8.5)
    pdf.set_text_color(*MUTED)
    _flow(pdf, block.text, width, 5, "C")
    pdf.ln(2)


def _bullets(pdf: FPDF, block: Block, width: float) -> None:
    pdf.set_font("serif", "", 9.5)
    for (line,) in block.rows:
        # the bullet in its own cell: a hanging indent, and no line break right after the mark
        for i, part in enumerate(lines(pdf, line, width - 5)):
            pdf.set_x(pdf.l_margin)
            pdf.cell(5, 5.4, "•" if i == 0 else "")
            pdf.cell(width - 5, 5.4, part, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(0.6)


def _image(pdf: FPDF, block: Block, width: float) -> None:
    with Image.open(io.BytesIO(block.png)) as im:
        w_px, h_px = im.size
    w = min(width, 160.0)
    h = w * h_px / w_px
    if h > MAX_IMAGE_MM:  # a tall figure (the map) is narrowed rather than given a page of its own
        w, h = w * MAX_IMAGE_MM / h, MAX_IMAGE_MM
    if pdf.get_y() + h + CAPTION_MM > pdf.h - pdf.b_margin:  # the caption stays with its figure
        pdf.add_page()
    pdf.image(io.BytesIO(block.png), x=pdf.l_margin + (width - w) / 2, w=w, h=h)
    pdf.ln(1)


def _table(pdf: FPDF, block: Block, width: float) -> None:
    pdf.set_font("serif", "", 9)
    pdf.set_draw_color(170, 170, 170)
    total = sum(block.widths) or 1
    widths = tuple(width * w / total for w in block.widths) if block.widths else None
    with pdf.table(
        col_widths=widths,
        line_height=6.2,
        text_align="LEFT",
        first_row_as_headings=True,
        cell_fill_color=(242, 245, 250),
        cell_fill_mode=TableCellFillMode.ROWS,
        headings_style=FontFace(family="sans", emphasis="BOLD", fill_color=(222, 230, 242)),
    ) as table:
        head = table.row()
        for cell in block.header:
            head.cell(cell)
        for values in block.rows:
            row = table.row()
            for cell in values:
                row.cell(cell)
    pdf.ln(3)


_DRAW = {
    "title": _title,
    "meta": _meta,
    "rule": _rule,
    "warning": _warning,
    "heading": _heading,
    "para": _para,
    "caption": _caption,
    "bullets": _bullets,
    "image": _image,
    "table": _table,
}


def _draw(pdf: FPDF, block: Block, width: float) -> None:
    draw = _DRAW.get(block.kind)
    if draw is None:
        raise ValueError(f"unknown block kind {block.kind!r}")
    pdf.set_text_color(*TEXT)
    draw(pdf, block, width)
