"""The briefing as an ordered list of blocks, laid out once and written by both the DOCX and the PDF writer.

One layout means the Word file and the PDF hold the same sections, numbers and images in the same
order; a writer only knows how to draw a title, a heading, a paragraph, a table, an image.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analytics import fmt
from analytics.briefing.content import Briefing
from analytics.briefing.text import month_day, s
from analytics.completeness import Completeness, SamePeriod


@dataclass(frozen=True)
class Block:
    """One block of the document.

    Attributes:
        kind: title / meta / warning / heading / para / table / image / caption / bullets / rule.
        text: the text (title, heading, paragraph, caption).
        header: table header cells.
        rows: table rows, or bullet lines (one cell each).
        widths: relative column widths of a table.
        png: image bytes.
    """

    kind: str
    text: str = ""
    header: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    widths: tuple[float, ...] = ()
    png: bytes = b""


def _count(value, lang: str) -> str:
    return s("not_reported", lang) if pd.isna(value) else fmt.fmt_int(value)


def completeness_table(c: Completeness, lang: str, kind: str = "region") -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    """Header and rows of a completeness list (every expected unit: its figures or "not reported").

    Used by the documents and by the Briefing page, so both say the same thing.
    """
    rows = []
    for r in c.table.itertuples():
        status = s("reported", lang) if not pd.isna(r.current) else s("not_reported", lang)
        rows.append((str(r.name_en if lang == "en" else r.name_zh), _count(r.current, lang),
                     _count(r.previous, lang), status))
    year = c.year or 0
    first = s("name_district" if kind == "region" else "name_industry", lang)
    return (first, s("col_current", lang, year=year), s("col_previous", lang, year=year - 1), s("status", lang)), rows


def same_period_table(sp: SamePeriod, lang: str) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    """Header and rows of the same-period comparison (one row per year)."""
    header = (s("year", lang), s("cutoff_row", lang, month=sp.month, day=sp.day), s("undetermined", lang),
              s("whole_year", lang))
    return header, [(str(int(r.year)), fmt.fmt_int(r.by_cutoff), fmt.fmt_int(r.undetermined), fmt.fmt_int(r.whole_year))
                    for r in sp.table.itertuples()]


def blocks(b: Briefing) -> list[Block]:
    """The document, top to bottom."""
    lang = b.lang
    out = [Block("title", b.title),
           Block("meta", "  ·  ".join(x for x in (s("selection", lang, text=b.selection),
                                                  s("data_as_of", lang, time=b.published_at) if b.published_at else "",
                                                  s("generated", lang, time=b.generated_at)) if x)),
           Block("rule")]
    if b.demo_included and b.demo_rows:
        out.append(Block("warning", s("demo_warning", lang, n=f"{b.demo_rows:,}")))
    images = {key: (caption, png) for key, caption, png in b.images}

    def image(key: str) -> None:
        if key in images:
            caption, png = images[key]
            out.append(Block("image", png=png))
            out.append(Block("caption", caption))

    paras = list(b.narrative)
    if b.empty:
        out.append(Block("para", paras[0] if paras else s("no_data", lang)))
        out.append(Block("heading", s("h_note", lang)))
        out.append(Block("bullets", rows=tuple((line,) for line in b.data_note)))
        return out

    # 1. overview: narrative, KPI table (the Overview's cards), activities by year
    out.append(Block("heading", s("h_overall", lang)))
    if paras:
        out.append(Block("para", paras.pop(0)))
    out.append(Block("table", header=(s("kpi_item", lang), s("kpi_value", lang), s("kpi_change", lang)),
                     rows=tuple((r.label, r.value, r.change or "—") for r in b.kpi_rows), widths=(3, 2, 1.4)))
    if b.kpi_note:
        out.append(Block("caption", f"{s('kpi_change', lang)}：{b.kpi_note}" if lang == "zh"
                         else f"{s('kpi_change', lang)}: {b.kpi_note}"))
    image("years")

    # 2. districts
    out.append(Block("heading", s("h_districts", lang)))
    if paras and b.completeness is not None:
        out.append(Block("para", paras.pop(0)))
    image("map")
    if b.top_districts:
        out.append(Block("table", header=(s("rank", lang), s("name_district", lang), s("activities", lang),
                                          s("share", lang)),
                         rows=tuple((str(i), *r) for i, r in enumerate(b.top_districts, 1)), widths=(0.8, 3, 1.5, 1.5)))

    # 3. industries
    out.append(Block("heading", s("h_industries", lang)))
    if paras and b.top_industries:
        out.append(Block("para", paras.pop(0)))
    image("industries")
    if b.top_industries:
        out.append(Block("table", header=(s("rank", lang), s("name_industry", lang), s("activities", lang),
                                          s("share", lang)),
                         rows=tuple((str(i), *r) for i, r in enumerate(b.top_industries, 1)), widths=(0.8, 3, 1.5, 1.5)))

    # 4. completeness: every expected region, with its figure or "not reported"
    c = b.completeness
    out.append(Block("heading", s("h_completeness", lang)))
    if c is None or c.year is None:
        out.append(Block("para", s("no_year", lang)))
    else:
        rate = f"{c.rate * 100:.1f}%" if c.rate is not None else "–"
        out.append(Block("para", s("rate", lang, rate=rate, reported=len(c.reported), expected=c.expected)))
        header, rows = completeness_table(c, lang)
        out.append(Block("table", header=header, rows=tuple(rows), widths=(2.5, 1.6, 1.6, 1.4)))
        nr = b.names(c, c.not_reported)
        out.append(Block("para", s("not_reported_list", lang, n=len(nr), names=("、" if lang == "zh" else ", ").join(nr))
                         if nr else s("not_reported_none", lang)))
        sep = "、" if lang == "zh" else ", "
        out.append(Block("para", s("dropped", lang, names=sep.join(b.names(c, c.dropped)) or s("none", lang))))
        out.append(Block("para", s("new", lang, names=sep.join(b.names(c, c.new)) or s("none", lang))))
        ind = b.industries
        if ind is not None and ind.year is not None and ind.expected:
            irate = f"{ind.rate * 100:.1f}%" if ind.rate is not None else "–"
            names = b.names(ind, ind.not_reported)
            out.append(Block("para", s("industry_rate", lang, year=ind.year, rate=irate, reported=len(ind.reported),
                                       expected=ind.expected)))
            if names:
                out.append(Block("para", s("not_reported_industries", lang, n=len(names), names=sep.join(names))))

    # 5. same period
    sp = b.same_period
    if sp is not None and sp.year is not None and not sp.table.empty:
        out.append(Block("heading", s("h_same_period", lang)))
        if paras:
            out.append(Block("para", paras.pop(0)))
        image("same_period")
        header, rows = same_period_table(sp, lang)
        out.append(Block("table", header=header, rows=tuple(rows), widths=(1, 1.6, 1.6, 1.2)))
    for p in paras:  # anything the sections above did not place
        out.append(Block("para", p))

    # 6. data note
    out.append(Block("heading", s("h_note", lang)))
    out.append(Block("bullets", rows=tuple((line,) for line in b.data_note)))
    return out


__all__ = ["Block", "blocks", "completeness_table", "month_day", "same_period_table"]
