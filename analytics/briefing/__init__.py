"""The regulator's briefing: the current selection as a DOCX or PDF document to take to a meeting.

``build_files`` is the one entry point the page calls: figures through the same query layer as the
pages (``content.build``), images drawn on the server (``images.render``), then the same layout
written as Word (``docx.render_docx``) or PDF (``pdf.render_pdf``). Nothing here imports streamlit.
"""

from __future__ import annotations

from typing import Any

from analytics import fmt
from analytics.briefing.content import Briefing, build, region_title, title
from analytics.db import Warehouse
from analytics.filters import Filters

FORMATS = ("docx", "pdf")
MIME = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "pdf": "application/pdf"}


def prepare(wh: Warehouse, f: Filters, *args: Any, **kwargs: Any) -> Briefing:
    """The briefing's figures, words and images (shared by both formats).

    Takes the arguments of ``content.build`` (language, level of the completeness list, time,
    district names) and draws the images of what it returns.
    """
    from analytics.briefing.images import render  # matplotlib only when a briefing is drawn

    return render(build(wh, f, *args, **kwargs))


def write(b: Briefing, fmt_name: str) -> bytes:
    """The file bytes of a prepared briefing in `fmt_name` (docx or pdf)."""
    if fmt_name == "docx":
        from analytics.briefing.docx import render_docx

        return render_docx(b)
    if fmt_name == "pdf":
        from analytics.briefing.pdf import render_pdf

        return render_pdf(b)
    raise ValueError(f"briefing format {fmt_name!r} not in {FORMATS}")


def file_name(title: str, fmt_name: str) -> str:
    """'2022年上海市质量月活动情况简报.pdf' (characters unsafe in file names removed)."""
    return f"{fmt.file_stem(title, 'briefing')}.{fmt_name}"


__all__ = ["FORMATS", "MIME", "Briefing", "file_name", "prepare", "region_title", "title", "write"]
