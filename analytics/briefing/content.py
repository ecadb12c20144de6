"""What a briefing says: its figures, read through the same queries the pages use, and its words.

``build`` gathers everything once (KPIs from ``queries.kpis`` as on the Overview, districts and
industries from ``queries.by_district`` / ``queries.breakdown``, completeness and same-period
figures from ``queries.reporting``) into a ``Briefing``; the DOCX and PDF writers only lay it
out, so both files carry the same numbers as the screen.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from analytics import fmt, queries
from analytics.briefing.text import month_day, s, unit_words
from analytics.db import Warehouse
from analytics.filters import Filters, years_text
from analytics.i18n import label, norm_lang, t
from analytics.queries import Completeness, RegionLevel, SamePeriod

TOP_N = 5
UNITS = ("people", "person_times", "organizations")
_UNIT_WORD = {
    "zh": {"people": "人", "person_times": "人次", "organizations": "家单位"},
    "en": {"people": "people", "person_times": "person-times", "organizations": "organisations"},
}


@dataclass(frozen=True)
class KpiRow:
    """One line of the KPI table: the Overview card's title, value and change, as shown there."""

    key: str
    label: str
    value: str
    change: str


@dataclass
class Briefing:
    """Everything one briefing shows, in one language. Writers (docx/pdf) only lay this out.

    Attributes:
        empty: the selection has no activity: the documents say so and draw no chart.
        images: (key, caption, PNG bytes) in document order; filled by ``analytics.briefing.images``.
    """

    lang: str
    title: str
    years: tuple[int, ...]  # the years the totals cover (``selection_years``)
    selection: str
    generated_at: str
    published_at: str
    empty: bool
    demo_rows: int
    demo_included: bool = False
    kpi_rows: list[KpiRow] = field(default_factory=list)
    kpi_note: str = ""
    narrative: dict[str, str] = field(default_factory=dict)
    top_districts: list[tuple[str, str, str]] = field(default_factory=list)
    top_industries: list[tuple[str, str, str]] = field(default_factory=list)
    top_types: list[tuple[str, str, str]] = field(default_factory=list)
    completeness: Completeness | None = None
    industries: Completeness | None = None
    same_period: SamePeriod | None = None
    data_note: list[str] = field(default_factory=list)
    images: list[tuple[str, str, bytes]] = field(default_factory=list)
    # raw figures, for the chart renderer and for tests
    kpis: queries.Kpis | None = None
    by_year: pd.DataFrame | None = None
    industry_frame: pd.DataFrame | None = None
    boundaries: pd.DataFrame | None = None
    level: RegionLevel = queries.SHANGHAI_DISTRICTS
    units: dict[str, str] = field(default_factory=dict)

    def name(self, row: pd.Series) -> str:
        return str(row["name_en"] if self.lang == "en" else row["name_zh"])

    def names(self, unit: Completeness | None, codes: list[str]) -> list[str]:
        return [] if unit is None else unit.names(codes, self.lang)


# -- words ---------------------------------------------------------------------------------------


def region_title(wh: Warehouse, f: Filters, level: RegionLevel, lang: str) -> str:
    """What the briefing covers: the level's parent ('上海市', '山东省', '全国'), followed by the regions
    the list is narrowed to when a pick or a scope narrows it ('上海市徐汇区')."""
    if level.parent is not None:
        parent = queries.region_names(wh, (level.parent,), lang).get(level.parent, level.parent)
    else:
        parent = t("nationwide", lang)
    expected = queries.regions(wh, f, level)
    if expected.empty or len(expected) == len(queries.regions(wh, Filters(), level)):
        return parent
    en = norm_lang(lang) == "en"
    names = expected["name_en" if en else "name_zh"].astype(str).tolist()
    shown = (", " if en else "、").join(names[:3]) + ((" etc." if en else "等") if len(names) > 3 else "")
    if level.parent is None:
        return shown
    return f"{shown}, {parent}" if en else parent + shown


# -- words ---------------------------------------------------------------------------------------


def selection_years(wh: Warehouse, f: Filters, latest: int | None) -> tuple[int, ...]:
    """The years the selection's totals cover (``queries.years_covered``): a briefing of all years is not titled
    with its latest year alone."""
    return queries.years_covered(f, queries.by_year(wh, f) if not f.years and latest is not None else None, latest)


def _years_text(years: tuple[int, ...], latest: int | None, lang: str) -> str:
    """The years as the title names them (2022, 2015–2025, 2016、2024); none: the latest year."""
    if not years:
        return str(latest) if latest is not None else ""
    return years_text(years, list_sep=", " if lang == "en" else "、")


def _campaign(f: Filters, lang: str) -> str:
    if len(f.campaigns) == 1:
        return label("campaign", f.campaigns[0], lang)
    return label("campaign", "quality_month", lang)


def _change(cur: float | None, prev: float | None) -> str:
    return fmt.fmt_pct(fmt.pct_change(cur, prev))


def _unit_value(totals: queries.Totals | None, unit: str) -> float | None:
    if totals is None or unit not in totals.participants:
        return None
    return float(totals.participants[unit][0])


def kpi_rows(k: queries.Kpis, lang: str, districts_key: str = "kpi_districts") -> tuple[list[KpiRow], str]:
    """The Overview's KPI cards as rows (same titles, values and changes), and what the change compares.

    Args:
        districts_key: title of the active-places row, as the Overview's card: ``kpi_districts`` (区)
            or ``kpi_counties`` (区县) (``RegionTree.county_level_key``).
    """
    has_prev = k.previous is not None and k.previous.activities > 0 and k.latest is not None
    if k.latest_year is None:
        note = ""
    elif has_prev:
        note = t("kpi_delta", lang, year=k.latest_year, prev=k.latest_year - 1)
    else:
        note = t("kpi_no_prev", lang, prev=k.latest_year - 1)
    rows = []
    for key, attr in (
        ("kpi_activities", "activities"),
        (districts_key, "districts"),
        ("kpi_organizers", "organizers"),
    ):
        change = _change(getattr(k.latest, attr), getattr(k.previous, attr)) if has_prev else ""
        rows.append(KpiRow(attr, t(key, lang), fmt.fmt_int(getattr(k.total, attr)), change))
    for unit in UNITS:
        title = f"{t('kpi_participants', lang)} · {label('participants_unit', unit, lang)}"
        total = k.total.participants.get(unit)
        if total is None:
            rows.append(KpiRow(unit, title, t("kpi_none", lang), ""))
            continue
        change = _change(_unit_value(k.latest, unit), _unit_value(k.previous, unit)) if has_prev else ""
        rows.append(KpiRow(unit, title, fmt.fmt_total(total[0], total[1], lang), change))
    return rows, note


def _prose_total(value: int, qualifier: str, unit: str, lang: str) -> str:
    word = _UNIT_WORD[lang][unit]
    if lang == "en":
        pre = {"at_least": "at least ", "approx": "about "}.get(qualifier, "")
        return f"{pre}{value:,} {word}"
    pre = {"at_least": "至少", "approx": "约"}.get(qualifier, "")
    return f"{pre}{value:,}{word}"


def _join(names: list[str], lang: str, limit: int = 8) -> str:
    if not names:
        return s("none", lang)
    shown = names[:limit]
    if lang == "en":
        text = ", ".join(shown)
        return text + (f" and {len(names) - limit} more" if len(names) > limit else "")
    return "、".join(shown) + (f"等{len(names)}个" if len(names) > limit else "")


def _plural(n: int, one: str, many: str | None = None, number: bool = True) -> str:
    """'1 district', '16 districts' (English); without `number` only the word."""
    word = one if n == 1 else (many or one + "s")
    return f"{n:,} {word}" if number else word


def _p_overall(b: Briefing, f: Filters, region: str, outside: int) -> str:
    """The whole selection, and its latest year against the year before.

    Args:
        outside: activities of the selection outside `region` (a bulletin's out-of-town enterprise):
            in the totals, so the sentence says how many lie inside and outside.
    """
    lang, k = b.lang, b.kpis
    zh = lang != "en"
    campaign = _campaign(f, lang)
    years = _years_text(b.years, k.latest_year, lang)
    latest, prev = k.latest_year, k.latest_year - 1
    parts = [_prose_total(v, q, u, lang) for u in UNITS if (p := k.total.participants.get(u)) for v, q in [p]]
    inside = k.total.activities - outside
    # a selection whose records name no district (a city's or a province's own) involves none: not said as "0个区"
    n_districts = (
        (f"{k.total.districts}个区、" if zh else f" in {_plural(k.total.districts, 'district')}")
        if k.total.districts
        else ""
    )
    if zh and outside:
        text = (
            f"{years}年，共报送“{campaign}”相关活动{k.total.activities:,}项（其中{region}{inside:,}项，"
            f"{region}以外{outside:,}项），涉及{n_districts}{k.total.organizers:,}家主办单位"
        )
    elif zh:
        text = (
            f"{years}年，{region}共报送“{campaign}”相关活动{k.total.activities:,}项，涉及{n_districts}"
            f"{k.total.organizers:,}家主办单位"
        )
    if zh:
        text += f"，参与规模合计{'、'.join(parts)}（不同计量单位分列）。" if parts else "。"
    else:
        where = f" ({inside:,} in {region}, {outside:,} elsewhere)" if outside else ""
        subject = (
            f"{k.total.activities:,} {campaign} {_plural(k.total.activities, 'activity', 'activities', False)} were "
            f"reported{where}"
            if outside
            else (f"{region} reported {_plural(k.total.activities, campaign + ' activity', campaign + ' activities')}")
        )
        text = f"In {years}, {subject}{n_districts}, held by {_plural(k.total.organizers, 'organiser')}"
        text += f"; participants: {', '.join(parts)} (units kept apart)." if parts else "."
    if len(b.years) > 1 and k.latest is not None:
        text += (
            f"其中{latest}年{k.latest.activities:,}项。"
            if zh
            else f" Of these, {k.latest.activities:,} were in {latest}."
        )
    if not (k.previous is not None and k.previous.activities > 0 and k.latest is not None):
        return text + (
            f"{prev}年在所选范围内没有报送活动，暂无同比数据。"
            if zh
            else f" Nothing was reported for {prev} in this selection, so there is no year-on-year figure."
        )
    pct = fmt.pct_change(k.latest.activities, k.previous.activities) or 0.0
    if zh:
        trend = "持平" if abs(pct) < 0.05 else (f"增长{abs(pct):.1f}%" if pct > 0 else f"下降{abs(pct):.1f}%")
        return text + f"与{prev}年相比（{k.previous.activities:,}项），{latest}年活动数{trend}。"
    trend = "unchanged" if abs(pct) < 0.05 else (f"up {pct:.1f}%" if pct > 0 else f"down {abs(pct):.1f}%")
    return text + f" Against {prev} ({k.previous.activities:,}), activities in {latest} were {trend}."


def _p_districts(b: Briefing, unplaced: int) -> str | None:
    """Leading regions of the level, completeness, who dropped out or came in, activities naming no region."""
    c, lang = b.completeness, b.lang
    if c is None or c.year is None or not c.expected:
        return None
    u = b.units["unit"]
    rate = f"{c.rate * 100:.1f}%" if c.rate is not None else "–"
    missing = b.names(c, c.not_reported)
    dropped, new = b.names(c, c.dropped), b.names(c, c.new)
    if c.expected == 1:  # one region (a district picked): whether it reported, not a ranking of one
        (name,) = b.names(c, c.reported) or missing
        if lang != "en":
            text = f"{c.year}年，{name}" + ("已报送活动。" if c.reported else "尚未报送活动。")
            text += (
                "上年有报送、本年尚未报送。" if dropped else ("为本年新报送。" if new and c.previous_reported else "")
            )
            return text + (f"另有{unplaced:,}项活动未注明具体{u}。" if unplaced else "")
        text = f"In {c.year}, {name} " + ("reported activities." if c.reported else "has not reported yet.")
        text += " It reported last year." if dropped else (" New this year." if new and c.previous_reported else "")
        return text + (f" {unplaced:,} more activities name no {u}." if unplaced else "")
    if lang != "en":
        top = "、".join(f"{n}（{v}项）" for n, v, _p in b.top_districts[:3])
        # one region with activities leads nothing: it is the only one
        lead = f"从各{u}看，只有{top}有活动。" if len(b.top_districts) == 1 else f"从各{u}看，{top}活动数居前。"
        text = lead if top else ""
        text += f"{c.year}年，{c.expected}个{u}中已有{len(c.reported)}个{u}报送活动，报送率{rate}"
        text += (
            f"；{_join(missing, lang)}{u if len(missing) > 8 else ''}尚未报送。" if missing else f"，各{u}均已报送。"
        )
        text += f"{_join(dropped, lang)}上年有报送、本年尚未报送。" if dropped else ""
        text += f"{_join(new, lang)}为本年新报送。" if new and c.previous_reported else ""
        return text + (f"另有{unplaced:,}项活动未注明具体{u}（如{b.units['wide']}活动）。" if unplaced else "")
    us = b.units["units"]
    top = ", ".join(f"{n} ({v})" for n, v, _p in b.top_districts[:3])
    lead = f"Only {top} had activities among the {us}. " if len(b.top_districts) == 1 else f"{top} led the {us}. "
    text = lead if top else ""
    text += f"In {c.year}, {len(c.reported)} of {c.expected} {us} reported at least one activity ({rate})"
    text += f"; not reported: {_join(missing, lang)}." if missing else f"; every {u} reported."
    text += f" Reported last year but not this year: {_join(dropped, lang)}." if dropped else ""
    text += f" New this year: {_join(new, lang)}." if new and c.previous_reported else ""
    return text + (
        f" {unplaced:,} more activities name no {u} ({b.units['wide']} ones, for example)." if unplaced else ""
    )


def _p_industries(b: Briefing) -> str | None:
    """Leading industries, how many industries' enterprises reported, and the most frequent activity types."""
    if not b.top_industries and not b.top_types:
        return None
    ind, zh = b.industries, b.lang != "en"
    known = ind is not None and ind.year is not None and ind.expected
    if zh:
        text = "从行业看，" + "、".join(f"{n}（{v}项）" for n, v, _s in b.top_industries[:3]) + "的活动较多。"
        text += (
            f"{ind.year}年，{ind.expected}个行业中有{len(ind.reported)}个行业有企业主办的活动报送。" if known else ""
        )
        types = "、".join(f"{n}（{v}项）" for n, v, _s in b.top_types[:3])
        return text + (f"从活动类型看，以{types}居多。" if types else "")
    text = "By industry, " + ", ".join(f"{n} ({v})" for n, v, _s in b.top_industries[:3]) + " held the most activities."
    text += (
        f" In {ind.year}, enterprises of {len(ind.reported)} of {ind.expected} industries reported activities."
        if known
        else ""
    )
    types = ", ".join(f"{n} ({v})" for n, v, _s in b.top_types[:3])
    return text + (f" The most frequent kinds of activity: {types}." if types else "")


def _p_same_period(b: Briefing) -> str | None:
    """This year by the cut-off day against the year before by the same day."""
    sp, lang = b.same_period, b.lang
    row = sp.row(sp.year) if sp is not None and sp.year is not None else None
    if row is None:
        return None
    before = sp.row(sp.year - 1)
    n, und = int(row["by_cutoff"]), int(row["undetermined"])
    m = None if before is None else int(before["by_cutoff"])
    ch = sp.change_pct(sp.year)
    if lang != "en":
        text = f"截至{month_day(sp.month, sp.day, lang)}，{sp.year}年可确认日期的活动{n:,}项"
        if m is None:
            text += f"，{sp.year - 1}年同期无可比数据"
        else:
            text += f"，上年同期{m:,}项" + (
                f"（{'增长' if ch >= 0 else '下降'}{abs(ch):.1f}%）" if ch is not None else ""
            )
        return text + "。" + (f"另有{und:,}项活动仅注明月份或年份，无法判断是否在该日期之前。" if und else "")
    text = f"By {month_day(sp.month, sp.day, lang)}, {n:,} activities of {sp.year} had a date"
    if m is None:
        text += f"; {sp.year - 1} has nothing to compare by that day"
    else:
        text += f", against {m:,} by the same day of {sp.year - 1}" + (f" ({ch:+.1f}%)" if ch is not None else "")
    return text + "." + (f" {und:,} more are dated only to a month or year, so they cannot be placed." if und else "")


def narrative(b: Briefing, f: Filters, region: str, placement: tuple[int, int]) -> dict[str, str]:
    """Short paragraphs written from the figures (formal Chinese, or English), by section: overall,
    districts, industries, same_period (a section without figures has none); no_data when empty."""
    if b.kpis is None or b.empty or b.kpis.latest_year is None:
        return {"no_data": s("no_data", b.lang)}
    outside, unplaced = placement
    paras = {
        "overall": _p_overall(b, f, region, outside),
        "districts": _p_districts(b, unplaced),
        "industries": _p_industries(b),
        "same_period": _p_same_period(b),
    }
    return {k: v for k, v in paras.items() if v}


def title(
    wh: Warehouse,
    f: Filters,
    lang: str,
    level: RegionLevel,
    latest_year: int | None,
    years: tuple[int, ...] | None = None,
) -> str:
    """The briefing's title from the selection: '2022年上海市“质量月”活动情况简报'.

    Args:
        years: ``selection_years`` when the caller has them (read here otherwise).
    """
    region = region_title(wh, f, level, lang)
    campaign = _campaign(f, lang)
    years = _years_text(selection_years(wh, f, latest_year) if years is None else years, latest_year, lang)
    if years:
        return s("title", lang, years=years, region=region, campaign=campaign)
    return s("title_nodata", lang, region=region, campaign=campaign)


# -- assembly ---------------------------------------------------------------------------------------


def build(
    wh: Warehouse,
    f: Filters,
    lang: str = "zh",
    level: RegionLevel | None = None,
    now: dt.datetime | None = None,
    district_names: dict[str, str] | None = None,
) -> Briefing:
    """All figures and words of the briefing of selection `f` (the page's filters, scope included).

    Args:
        lang: zh or en.
        level: the map level whose regions the completeness list is made of; default the level the
            drill-down map draws for the selection's place (``queries.map_level``).
        now: generation time (UTC); default now.
        district_names: adcode -> name in `lang`, for the selection description.
    """
    lang = norm_lang(lang)
    f = f.without("search")  # as the Overview: the search box belongs to Records
    tree = queries.region_tree(wh)
    if level is None:
        level = queries.map_level(tree, f.districts)
    k = queries.kpis(wh, f)
    snap = wh.snapshot()
    region = region_title(wh, f, level, lang)
    empty = k.total.activities == 0
    demo = queries.demo_rows(wh, f)
    names = {**queries.region_names(wh, f.districts, lang), **(district_names or {})}
    years = selection_years(wh, f, k.latest_year)
    b = Briefing(
        lang=lang,
        title=title(wh, f, lang, level, k.latest_year, years),
        years=years,
        selection=f.describe(lang, names),
        generated_at=fmt.local_time(now or dt.datetime.now(dt.UTC)),
        published_at=fmt.local_time(snap.published_at if snap else None),
        empty=empty,
        demo_rows=demo,
        demo_included=f.include_demo,
        kpis=k,
        level=level,
        units=unit_words(level.level, lang),
    )
    b.data_note = _data_note(wh, f, b, lang, snap)
    if empty:
        b.narrative = {"no_data": s("no_data", lang)}
        return b
    places_key = "kpi_districts" if tree.county_level_key(f.districts) == "district_sh" else "kpi_counties"
    b.kpi_rows, b.kpi_note = kpi_rows(k, lang, places_key)
    b.completeness = queries.region_completeness(wh, f, level, k.latest_year)
    # the leading regions of the map level (as the map page ranks them), among those the list holds
    children = queries.view_figures(wh, f, level.parent).children
    reported = children[children["adcode"].isin(b.completeness.table["code"]) & children["activities"].notna()]
    total = max(k.total.activities, 1)
    b.top_districts = [
        (b.name(r), fmt.fmt_int(r["activities"]), f"{r['activities'] / total * 100:.1f}%")
        for _i, r in reported.head(TOP_N).iterrows()
    ]
    b.industry_frame = queries.breakdown(wh, f, "industry")
    b.top_industries = _leading(b.industry_frame, "industry", "unknown", lang)
    b.top_types = _leading(queries.breakdown(wh, f, "activity_type"), "activity_type", "other", lang)
    b.industries = queries.industry_completeness(wh, f, k.latest_year)
    b.same_period = queries.same_period(wh, f, level=level)
    # the selection's latest year among the four before it (the selection's other filters kept)
    b.by_year = queries.by_year(wh, f.with_years(range(k.latest_year - 4, k.latest_year + 1)))
    b.boundaries = queries.view_boundaries(wh, level.parent)
    placed = queries.placement(wh, f, level)
    b.narrative = narrative(b, f, region, placed)
    if placed[0]:
        b.data_note.insert(1, s("note_outside", lang, n=f"{placed[0]:,}", region=region, **b.units))
    return b


def _leading(frame: pd.DataFrame, kind: str, catch_all: str, lang: str) -> list[tuple[str, str, str]]:
    """The first TOP_N codes of a breakdown (its catch-all code left out): (label, activities, share)."""
    return [
        (label(kind, r["code"], lang), fmt.fmt_int(r["activities"]), f"{r['share'] * 100:.1f}%")
        for _i, r in frame[frame["code"] != catch_all].head(TOP_N).iterrows()
    ]


def _data_note(wh: Warehouse, f: Filters, b: Briefing, lang: str, snap) -> list[str]:
    lines = []
    src = queries.selection_sources(wh, f)
    if len(src):
        names = [fmt.source_label(x, lang) or str(x) for x in src["source"].head(4)]
        more = len(src) - len(names)
        shown = ("、" if lang == "zh" else ", ").join(names) + (
            (" 等" if lang == "zh" else f", {more} more") if more > 0 else ""
        )
        lines.append(s("note_sources", lang, n=len(src), names=shown))
    if snap is not None:
        lines.append(s("note_published", lang, time=b.published_at or "–", run=snap.last_run_id or "–"))
    if f.include_demo:
        lines.append(s("note_demo_included", lang, n=f"{b.demo_rows:,}") if b.demo_rows else s("note_demo_none", lang))
    else:
        lines.append(s("note_demo_excluded", lang, n=f"{b.demo_rows:,}") if b.demo_rows else s("note_demo_none", lang))
    if f.scope is not None:
        lines.append(
            s("note_scope", lang, names=_join(list(queries.region_names(wh, f.scope, lang).values()), lang, 20))
        )
    lines.append(s("note_rules", lang))
    lines.append(s("note_same_period", lang))
    return lines
