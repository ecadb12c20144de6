"""The briefing as an ordered list of blocks, laid out once and written by both the DOCX and the PDF writer.

One layout means the Word file and the PDF hold the same sections, numbers and images in the same
order; a writer only knows how to draw a title, a heading, a paragraph, a table, an image.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analytics import fmt
from analytics.briefing.content import Briefing
from analytics.briefing.text import month_day, s, unit_words
from analytics.queries import Completeness, SamePeriod


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


def completeness_table(
    c: Completeness, lang: str, kind: str = "region", units: dict[str, str] | None = None
) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    """Header and rows of a completeness list (every expected unit: its figures or "not reported").

    Used by the documents and by the Briefing page, so both say the same thing.
    """
    rows = []
    for r in c.table.itertuples():
        status = s("reported", lang) if not pd.isna(r.current) else s("not_reported", lang)
        rows.append(
            (str(r.name_en if lang == "en" else r.name_zh), _count(r.current, lang), _count(r.previous, lang), status)
        )
    year = c.year or 0
    first = (
        s("name_district", lang, **(units or unit_words("district", lang)))
        if kind == "region"
        else (s("name_industry", lang))
    )
    return (first, s("col_current", lang, year=year), s("col_previous", lang, year=year - 1), s("status", lang)), rows


def same_period_table(sp: SamePeriod, lang: str) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    """Header and rows of the same-period comparison (one row per year)."""
    header = (
        s("year", lang),
        s("cutoff_row", lang, month=sp.month, day=sp.day),
        s("undetermined", lang),
        s("whole_year", lang),
    )
    return header, [
        (str(int(r.year)), fmt.fmt_int(r.by_cutoff), fmt.fmt_int(r.undetermined), fmt.fmt_int(r.whole_year))
        for r in sp.table.itertuples()
    ]


def _head(b: Briefing) -> list[Block]:
    lang = b.lang
    meta = (
        s("selection", lang, text=b.selection),
        s("data_as_of", lang, time=b.published_at) if b.published_at else "",
        s("generated", lang, time=b.generated_at),
    )
    out = [Block("title", b.title), Block("meta", "  ·  ".join(x for x in meta if x)), Block("rule")]
    if b.demo_included and b.demo_rows:
        out.append(Block("warning", s("demo_warning", lang, n=f"{b.demo_rows:,}")))
    return out


def _image(b: Briefing, key: str) -> list[Block]:
    for k, caption, png in b.images:
        if k == key:
            return [Block("image", png=png), Block("caption", caption)]
    return []


def _para(b: Briefing, key: str) -> list[Block]:
    return [Block("para", b.narrative[key])] if key in b.narrative else []


def _ranking(rows: list[tuple[str, str, str]], name: str, lang: str) -> list[Block]:
    if not rows:
        return []
    header = (s("rank", lang), name, s("activities", lang), s("share", lang))
    return [
        Block(
            "table", header=header, rows=tuple((str(i), *r) for i, r in enumerate(rows, 1)), widths=(0.8, 3, 1.5, 1.5)
        )
    ]


def _overall(b: Briefing) -> list[Block]:
    """Narrative, the KPI table (the Overview's cards, same titles and values), activities by year."""
    lang = b.lang
    out = [
        Block("heading", s("h_overall", lang)),
        *_para(b, "overall"),
        Block(
            "table",
            header=(s("kpi_item", lang), s("kpi_value", lang), s("kpi_change", lang)),
            rows=tuple((r.label, r.value, r.change or "—") for r in b.kpi_rows),
            widths=(3, 2, 1.4),
        ),
    ]
    if b.kpi_note:
        out.append(Block("caption", f"{s('kpi_change', lang)}{'：' if lang == 'zh' else ': '}{b.kpi_note}"))
    return out + _image(b, "years")


def _districts(b: Briefing) -> list[Block]:
    return [
        Block("heading", s("h_districts", b.lang, **b.units)),
        *_para(b, "districts"),
        *_image(b, "map"),
        *_ranking(b.top_districts, s("name_district", b.lang, **b.units), b.lang),
    ]


def _industries(b: Briefing) -> list[Block]:
    return [
        Block("heading", s("h_industries", b.lang)),
        *_para(b, "industries"),
        *_image(b, "industries"),
        *_ranking(b.top_industries, s("name_industry", b.lang), b.lang),
    ]


def _completeness(b: Briefing) -> list[Block]:
    """Every expected region with its figure or "not reported", the rate, the changes; industries' rate."""
    c, lang = b.completeness, b.lang
    out = [Block("heading", s("h_completeness", lang))]
    if c is None or c.year is None:
        return [*out, Block("para", s("no_year", lang))]
    sep = "、" if lang == "zh" else ", "
    rate = f"{c.rate * 100:.1f}%" if c.rate is not None else "–"
    header, rows = completeness_table(c, lang, "region", b.units)
    missing = b.names(c, c.not_reported)
    out += [
        Block("para", s("rate", lang, rate=rate, reported=len(c.reported), expected=c.expected)),
        Block("table", header=header, rows=tuple(rows), widths=(2.5, 1.6, 1.6, 1.4)),
        Block(
            "para",
            s("not_reported_list", lang, n=len(missing), names=sep.join(missing), **b.units)
            if missing
            else s("not_reported_none", lang, **b.units),
        ),
        Block("para", s("dropped", lang, names=sep.join(b.names(c, c.dropped)) or s("none", lang))),
        Block("para", s("new", lang, names=sep.join(b.names(c, c.new)) or s("none", lang))),
    ]
    ind = b.industries
    if ind is not None and ind.year is not None and ind.expected:
        irate = f"{ind.rate * 100:.1f}%" if ind.rate is not None else "–"
        out.append(
            Block(
                "para",
                s("industry_rate", lang, year=ind.year, rate=irate, reported=len(ind.reported), expected=ind.expected),
            )
        )
        names = b.names(ind, ind.not_reported)
        if names:
            out.append(Block("para", s("not_reported_industries", lang, n=len(names), names=sep.join(names))))
    return out


def _same_period(b: Briefing) -> list[Block]:
    sp = b.same_period
    if sp is None or sp.year is None or sp.table.empty:
        return []
    header, rows = same_period_table(sp, b.lang)
    return [
        Block("heading", s("h_same_period", b.lang)),
        *_para(b, "same_period"),
        *_image(b, "same_period"),
        Block("table", header=header, rows=tuple(rows), widths=(1, 1.6, 1.6, 1.2)),
    ]


def _note(b: Briefing) -> list[Block]:
    return [Block("heading", s("h_note", b.lang)), Block("bullets", rows=tuple((line,) for line in b.data_note))]


def blocks(b: Briefing) -> list[Block]:
    """The document, top to bottom. An empty selection gets its title, the statement that it is
    empty and the data note: no tables of zeros, no empty charts."""
    if b.empty:
        return [*_head(b), Block("para", b.narrative.get("no_data", s("no_data", b.lang))), *_note(b)]
    return [*_head(b), *_overall(b), *_districts(b), *_industries(b), *_completeness(b), *_same_period(b), *_note(b)]


__all__ = ["Block", "blocks", "completeness_table", "month_day", "same_period_table"]
