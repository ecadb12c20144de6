"""The briefing as a Word file (python-docx): the same blocks as the PDF, editable.

Chinese text gets East Asian fonts named the way Word and WPS know them (宋体 for the text, 黑体 for
headings); the images are the PNGs drawn on the server.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from analytics.briefing.content import Briefing
from analytics.briefing.layout import Block, blocks

SERIF, SANS, LATIN = "宋体", "黑体", "Times New Roman"
RED = RGBColor(0xC0, 0x00, 0x00)
MUTED = RGBColor(0x64, 0x64, 0x64)
BLACK = RGBColor(0, 0, 0)


def _font(run, east: str, size: float, bold: bool = False, color: RGBColor | None = None) -> None:
    run.font.name = LATIN
    run.font.size = Pt(size)
    run.font.bold = bold
    if color is not None:
        run.font.color.rgb = color
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), east)


def _para(
    doc,
    text: str,
    east: str = SERIF,
    size: float = 12,
    bold: bool = False,
    color: RGBColor | None = None,
    align=None,
    space_after: float = 6,
    indent: bool = False,
    style: str | None = None,
):
    p = doc.add_paragraph(style=style)
    if align is not None:
        p.alignment = align
    p.paragraph_format.space_after = Pt(space_after)
    p.paragraph_format.line_spacing = 1.35
    if indent:
        p.paragraph_format.first_line_indent = Pt(size * 2)
    _font(p.add_run(text), east, size, bold, color)
    return p


def _without_theme_fonts(doc, names: tuple[str, ...]) -> None:
    """The template's styles name theme fonts, which Word prefers over a run's own (宋体/黑体): unset them."""
    for name in names:
        fonts = doc.styles[name].element.get_or_add_rPr().find(qn("w:rFonts"))
        if fonts is not None:
            for attr in ("w:asciiTheme", "w:eastAsiaTheme", "w:hAnsiTheme", "w:cstheme"):
                fonts.attrib.pop(qn(attr), None)


# The children of w:pPr that come after w:pBdr (ECMA-376 CT_PPrBase, then w:rPr, w:sectPr, w:pPrChange).
_AFTER_PBDR = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)


def _rule(paragraph) -> None:
    """A red double line under `paragraph` (the mark of a 简报 masthead)."""
    ppr = paragraph._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "double"), ("w:sz", "12"), ("w:space", "4"), ("w:color", "C00000")):
        bottom.set(qn(key), value)
    border.append(bottom)
    # in the schema's order (a w:pBdr after w:spacing or w:jc is out of sequence for strict readers)
    ppr.insert_element_before(border, *_AFTER_PBDR)


def render_docx(b: Briefing) -> bytes:
    """The DOCX file of briefing `b` (images must already be drawn, see ``images.render``)."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.4))
    section.top_margin = section.bottom_margin = Cm(2.2)
    doc.core_properties.title = b.title
    _without_theme_fonts(doc, ("Title", "Heading 1"))
    zh = b.lang == "zh"
    last = None
    for block in blocks(b):
        kind = block.kind
        if kind == "title":
            # Word's Title style (the document's title for Word and screen readers); its own bottom line is
            # replaced by the red double rule below (direct formatting of the same border side)
            last = _para(doc, block.text, SERIF, 20, True, RED, WD_ALIGN_PARAGRAPH.CENTER, 4, style="Title")
        elif kind == "meta":
            last = _para(doc, block.text, SANS, 8, color=MUTED, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=2)
        elif kind == "rule":
            if last is not None:
                _rule(last)
        elif kind == "warning":
            _para(doc, block.text, SANS, 10.5, True, RED)
        elif kind == "heading":
            # Word's own heading style, so the navigation pane and a table of contents list the sections
            heading = _para(doc, block.text, SANS, 14, True, BLACK, space_after=4, style="Heading 1")
            heading.paragraph_format.space_before = Pt(10)
        elif kind == "para":
            _para(doc, block.text, SERIF, 12, indent=zh)
        elif kind == "caption":
            _para(doc, block.text, SANS, 9, color=MUTED, align=WD_ALIGN_PARAGRAPH.CENTER)
        elif kind == "bullets":
            for (line,) in block.rows:
                _para(doc, f"•  {line}", SERIF, 10.5, space_after=2)
        elif kind == "image":
            p = doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.add_run().add_picture(io.BytesIO(block.png), width=Cm(15.5))
        elif kind == "table":
            _table(doc, block)
        else:
            raise ValueError(f"unknown block kind {kind!r}")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _table(doc, block: Block) -> None:
    table = doc.add_table(rows=1 + len(block.rows), cols=len(block.header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    total = sum(block.widths) or 1
    header = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")  # a table that runs over a page repeats its header row
    repeat.set(qn("w:val"), "true")
    header.append(repeat)
    for r, values in enumerate((block.header, *block.rows)):
        for c, text in enumerate(values):
            cell = table.cell(r, c)
            if block.widths:
                cell.width = Cm(16.2 * block.widths[c] / total)
            cell.text = ""
            _font(cell.paragraphs[0].add_run(text), SANS, 9.5, bold=r == 0)
    doc.add_paragraph().paragraph_format.space_after = Pt(2)
