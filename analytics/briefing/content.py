"""What a briefing says: its figures, read through the same queries the pages use, and its words.

``build`` gathers everything once (KPIs from ``queries.kpis`` as on the Overview, districts and
industries from ``queries.by_district`` / ``queries.breakdown``, completeness and same-period
figures from ``analytics.completeness``) into a ``Briefing``; the DOCX and PDF writers only lay it
out, so both files carry the same numbers as the screen.
"""

# ruff: noqa: S608  -- SQL text is built from Filters.where() fragments holding placeholders.

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

import pandas as pd

from analytics import completeness as cm
from analytics import fmt, queries
from analytics.briefing.text import month_day, s
from analytics.db import Warehouse
from analytics.filters import Filters
from analytics.i18n import label, norm_lang, t

TOP_N = 5
UNITS = ("people", "person_times", "organizations")
_UNIT_WORD = {"zh": {"people": "人", "person_times": "人次", "organizations": "家单位"},
              "en": {"people": "people", "person_times": "person-times", "organizations": "organisations"}}


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
    selection: str
    generated_at: str
    published_at: str
    empty: bool
    demo_rows: int
    demo_included: bool = False
    kpi_rows: list[KpiRow] = field(default_factory=list)
    kpi_note: str = ""
    narrative: list[str] = field(default_factory=list)
    top_districts: list[tuple[str, str, str]] = field(default_factory=list)
    top_industries: list[tuple[str, str, str]] = field(default_factory=list)
    completeness: cm.Completeness | None = None
    industries: cm.Completeness | None = None
    same_period: cm.SamePeriod | None = None
    data_note: list[str] = field(default_factory=list)
    images: list[tuple[str, str, bytes]] = field(default_factory=list)
    # raw figures, for the chart renderer and for tests
    kpis: queries.Kpis | None = None
    by_year: pd.DataFrame | None = None
    industry_frame: pd.DataFrame | None = None
    boundaries: pd.DataFrame | None = None
    level: cm.RegionLevel = cm.SHANGHAI_DISTRICTS

    def name(self, row: pd.Series) -> str:
        return str(row["name_en"] if self.lang == "en" else row["name_zh"])

    def names(self, unit: cm.Completeness | None, codes: list[str]) -> list[str]:
        return [] if unit is None else unit.names(codes, self.lang)


# -- small queries of the briefing's data note -------------------------------------------------

def selection_sources(wh: Warehouse, f: Filters) -> pd.DataFrame:
    """Grain: one row per source document of the selection: source, activities (most first)."""
    where, params = f.where("a")
    return wh.query(f"SELECT source, count(*) AS activities FROM activities a WHERE {where} "
                    "GROUP BY source ORDER BY activities DESC, source", params)


def demo_rows(wh: Warehouse, f: Filters) -> int:
    """Grain: one number: demo (synthetic) rows the selection holds, or would hold with demo data on."""
    where, params = replace(f, include_demo=True).where("a")
    return int(wh.rows(f"SELECT count(*) FROM activities a WHERE {where} AND a.is_synthetic", params)[0][0])


def city_wide(wh: Warehouse, f: Filters, level: cm.RegionLevel) -> int:
    """Grain: one number: activities of the selection with no region at `level` (e.g. city-wide ones)."""
    where, params = f.where("a")
    return int(wh.rows(f"SELECT count(*) FROM activities a WHERE {where} AND a.{level.column} IS NULL",
                       params)[0][0])


def region_title(wh: Warehouse, f: Filters, level: cm.RegionLevel, lang: str) -> str:
    """'上海市', '上海市徐汇区' (one or two districts picked or in scope), 'Shanghai'..."""
    col = "name_en" if norm_lang(lang) == "en" else "name_zh"
    parent = ""
    if level.parent is not None:
        rows = wh.rows(f"SELECT {col} FROM regions WHERE adcode = $p", {"p": level.parent})
        parent = str(rows[0][0]) if rows else level.parent
    elif lang != "en":
        parent = "全国"
    else:
        parent = "China"
    picked = set(f.districts) if f.districts else None
    if f.scope is not None:
        picked = set(f.scope) & picked if picked is not None else set(f.scope)
    if picked is None:
        return parent
    rows = wh.rows(f"SELECT {col} FROM regions WHERE adcode IN (SELECT unnest($a)) ORDER BY adcode",
                   {"a": sorted(picked)})
    names = [str(r[0]) for r in rows]
    if not names:
        return parent
    if norm_lang(lang) == "en":
        return f"{', '.join(names[:3])}{' etc.' if len(names) > 3 else ''}, {parent}"
    return parent + ("、".join(names[:3]) + ("等" if len(names) > 3 else ""))


# -- words ---------------------------------------------------------------------------------------

def _years_text(years: tuple[int, ...], latest: int | None) -> str:
    if not years:
        return str(latest) if latest is not None else ""
    ys = sorted(years)
    if len(ys) == 1:
        return str(ys[0])
    if ys == list(range(ys[0], ys[-1] + 1)):
        return f"{ys[0]}–{ys[-1]}"
    return "、".join(str(y) for y in ys)


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


def kpi_rows(k: queries.Kpis, lang: str) -> tuple[list[KpiRow], str]:
    """The Overview's KPI cards as rows (same titles, values and changes), and what the change compares."""
    has_prev = k.previous is not None and k.previous.activities > 0 and k.latest is not None
    if k.latest_year is None:
        note = ""
    elif has_prev:
        note = t("kpi_delta", lang, year=k.latest_year, prev=k.latest_year - 1)
    else:
        note = t("kpi_no_prev", lang, prev=k.latest_year - 1)
    rows = []
    for key, attr in (("kpi_activities", "activities"), ("kpi_districts", "districts"),
                      ("kpi_organizers", "organizers")):
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


def narrative(b: Briefing, f: Filters, region: str, city_wide_n: int) -> list[str]:
    """Four short paragraphs written from the figures (formal Chinese, or English)."""
    lang, k = b.lang, b.kpis
    if k is None or b.empty:
        return [s("no_data", lang)]
    zh = lang != "en"
    campaign = _campaign(f, lang)
    years = _years_text(f.years, k.latest_year)
    latest, prev = k.latest_year, (k.latest_year - 1 if k.latest_year else None)
    parts = [_prose_total(v, q, u, lang) for u in UNITS if (p := k.total.participants.get(u)) for v, q in [p]]
    out: list[str] = []
    # 1. the whole selection, and the latest year against the year before
    if zh:
        p1 = (f"{years}年，{region}共报送“{campaign}”相关活动{k.total.activities:,}项，涉及{k.total.districts}个区、"
              f"{k.total.organizers:,}家主办单位")
        p1 += f"，参与规模合计{'、'.join(parts)}（不同计量单位分列）。" if parts else "。"
    else:
        p1 = (f"In {years}, {region} reported {k.total.activities:,} {campaign} activities in "
              f"{k.total.districts} districts, held by {k.total.organizers:,} organisers")
        p1 += f"; participants: {', '.join(parts)} (units kept apart)." if parts else "."
    if len(f.years) > 1 and k.latest is not None:
        p1 += (f"其中{latest}年{k.latest.activities:,}项。" if zh else
               f" Of these, {k.latest.activities:,} were in {latest}.")
    if k.previous is not None and k.previous.activities > 0 and k.latest is not None:
        pct = fmt.pct_change(k.latest.activities, k.previous.activities) or 0.0
        if zh:
            trend = "持平" if abs(pct) < 0.05 else (f"增长{abs(pct):.1f}%" if pct > 0 else f"下降{abs(pct):.1f}%")
            p1 += f"与{prev}年相比（{k.previous.activities:,}项），{latest}年活动数{trend}。"
        else:
            trend = "unchanged" if abs(pct) < 0.05 else (f"up {pct:.1f}%" if pct > 0 else f"down {abs(pct):.1f}%")
            p1 += f" Against {prev} ({k.previous.activities:,}), activities in {latest} were {trend}."
    elif prev is not None:
        p1 += (f"{prev}年在所选范围内没有报送活动，暂无同比数据。" if zh else
               f" Nothing was reported for {prev} in this selection, so there is no year-on-year figure.")
    out.append(p1)
    # 2. districts and completeness
    c = b.completeness
    if c is not None and c.year is not None and c.expected:
        top = [f"{n}（{v}项）" if zh else f"{n} ({v})" for n, v, _p in b.top_districts[:3]]
        rate = f"{c.rate * 100:.1f}%" if c.rate is not None else "–"
        nr = b.names(c, c.not_reported)
        if zh:
            p2 = f"从各区看，{'、'.join(top)}活动数居前。" if top else ""
            p2 += f"{c.year}年，{c.expected}个区中已有{len(c.reported)}个区报送活动，报送率{rate}"
            p2 += f"；{_join(nr, lang)}{'区' if len(nr) > 8 else ''}尚未报送。" if nr else "，各区均已报送。"
            if c.previous_reported:
                if c.dropped:
                    p2 += f"{_join(b.names(c, c.dropped), lang)}上年有报送、本年尚未报送。"
                if c.new:
                    p2 += f"{_join(b.names(c, c.new), lang)}为本年新报送。"
            if city_wide_n:
                p2 += f"另有{city_wide_n:,}项活动为全市性活动，未归属具体区。"
        else:
            p2 = f"{', '.join(top)} led the districts. " if top else ""
            p2 += (f"In {c.year}, {len(c.reported)} of {c.expected} districts reported at least one activity "
                   f"({rate})")
            p2 += f"; not reported: {_join(nr, lang)}." if nr else "; every district reported."
            if c.previous_reported:
                if c.dropped:
                    p2 += f" Reported last year but not this year: {_join(b.names(c, c.dropped), lang)}."
                if c.new:
                    p2 += f" New this year: {_join(b.names(c, c.new), lang)}."
            if city_wide_n:
                p2 += f" {city_wide_n:,} more activities are city-wide, with no district."
        out.append(p2)
    # 3. industries
    ind = b.industries
    if b.top_industries:
        top = [f"{n}（{v}项）" if zh else f"{n} ({v})" for n, v, _s in b.top_industries[:3]]
        if zh:
            p3 = f"从行业看，{'、'.join(top)}的活动较多。"
            if ind is not None and ind.year is not None and ind.expected:
                p3 += f"{ind.year}年，{ind.expected}个行业中有{len(ind.reported)}个行业有企业主办的活动报送。"
        else:
            p3 = f"By industry, {', '.join(top)} held the most activities."
            if ind is not None and ind.year is not None and ind.expected:
                p3 += (f" In {ind.year}, enterprises of {len(ind.reported)} of {ind.expected} industries "
                       "reported activities.")
        out.append(p3)
    # 4. same period
    sp = b.same_period
    if sp is not None and sp.year is not None and (row := sp.row(sp.year)) is not None:
        before = sp.row(sp.year - 1)
        n, und = int(row["by_cutoff"]), int(row["undetermined"])
        if zh:
            p4 = f"截至{sp.month}月{sp.day}日，{sp.year}年可确认日期的活动{n:,}项"
            if before is not None:
                m = int(before["by_cutoff"])
                ch = fmt.pct_change(n, m)
                p4 += f"，上年同期{m:,}项" + (f"（{'增长' if ch >= 0 else '下降'}{abs(ch):.1f}%）" if ch is not None else "")
            else:
                p4 += f"，{sp.year - 1}年同期无可比数据"
            p4 += "。"
            if und:
                p4 += f"另有{und:,}项活动仅注明月份或年份，无法判断是否在该日期之前。"
        else:
            p4 = f"By {month_day(sp.month, sp.day, lang)}, {n:,} activities of {sp.year} had a date"
            if before is not None:
                m = int(before["by_cutoff"])
                ch = fmt.pct_change(n, m)
                p4 += f", against {m:,} by the same day of {sp.year - 1}" + (f" ({ch:+.1f}%)" if ch is not None else "")
            else:
                p4 += f"; {sp.year - 1} has nothing to compare by that day"
            p4 += "."
            if und:
                p4 += f" {und:,} more are dated only to a month or year, so they cannot be placed."
        out.append(p4)
    return out


def title(wh: Warehouse, f: Filters, lang: str, level: cm.RegionLevel, latest_year: int | None) -> str:
    """The briefing's title from the selection: '2022年上海市“质量月”活动情况简报'."""
    region = region_title(wh, f, level, lang)
    campaign = _campaign(f, lang)
    years = _years_text(f.years, latest_year)
    if years:
        return s("title", lang, years=years, region=region, campaign=campaign)
    return s("title_nodata", lang, region=region, campaign=campaign)


# -- assembly ---------------------------------------------------------------------------------------

def build(wh: Warehouse, f: Filters, lang: str = "zh", level: cm.RegionLevel = cm.SHANGHAI_DISTRICTS,
          now: dt.datetime | None = None, district_names: dict[str, str] | None = None) -> Briefing:
    """All figures and words of the briefing of selection `f` (the page's filters, scope included).

    Args:
        lang: zh or en.
        level: the map level whose regions the completeness list is made of.
        now: generation time (UTC); default now.
        district_names: adcode -> name in `lang`, for the selection description.
    """
    lang = norm_lang(lang)
    f = f.without("search")  # as the Overview: the search box belongs to Records
    k = queries.kpis(wh, f)
    snap = wh.snapshot()
    region = region_title(wh, f, level, lang)
    empty = k.total.activities == 0
    demo = demo_rows(wh, f)
    b = Briefing(lang=lang, title=title(wh, f, lang, level, k.latest_year), selection=f.describe(lang, district_names or {}),
                 generated_at=fmt.local_time(now or dt.datetime.now(dt.UTC)),
                 published_at=fmt.local_time(snap.published_at if snap else None), empty=empty,
                 demo_rows=demo, demo_included=f.include_demo, kpis=k, level=level)
    b.data_note = _data_note(wh, f, b, lang, snap)
    if empty:
        b.narrative = [s("no_data", lang)]
        return b
    b.kpi_rows, b.kpi_note = kpi_rows(k, lang)
    districts = queries.by_district(wh, f)
    reported = districts[districts["activities"].notna()].sort_values(["activities", "adcode"],
                                                                       ascending=[False, True])
    total = max(k.total.activities, 1)
    b.top_districts = [(b.name(r), fmt.fmt_int(r["activities"]), f"{r['activities'] / total * 100:.1f}%")
                       for _i, r in reported.head(TOP_N).iterrows()]
    ind = queries.breakdown(wh, f, "industry")
    b.industry_frame = ind
    b.top_industries = [(label("industry", r["code"], lang), fmt.fmt_int(r["activities"]), f"{r['share'] * 100:.1f}%")
                        for _i, r in ind[~ind["code"].isin(["unknown"])].head(TOP_N).iterrows()]
    b.completeness = cm.region_completeness(wh, f, level, k.latest_year)
    b.industries = cm.industry_completeness(wh, f, k.latest_year)
    b.same_period = cm.same_period(wh, f, level=level)
    b.by_year = queries.by_year(wh, f)
    b.boundaries = queries.boundaries(wh)
    b.narrative = narrative(b, f, region, city_wide(wh, f, level))
    return b


def _data_note(wh: Warehouse, f: Filters, b: Briefing, lang: str, snap) -> list[str]:
    lines = []
    src = selection_sources(wh, f)
    if len(src):
        names = [fmt.split_source(x)[0] or str(x) for x in src["source"].head(4)]
        more = len(src) - len(names)
        shown = ("、" if lang == "zh" else ", ").join(names) + (
            (" 等" if lang == "zh" else f", {more} more") if more > 0 else "")
        lines.append(s("note_sources", lang, n=len(src), names=shown))
    if snap is not None:
        lines.append(s("note_published", lang, time=b.published_at or "–", run=snap.last_run_id or "–"))
    if f.include_demo:
        lines.append(s("note_demo_included", lang, n=f"{b.demo_rows:,}") if b.demo_rows
                     else s("note_demo_none", lang))
    else:
        lines.append(s("note_demo_excluded", lang, n=f"{b.demo_rows:,}") if b.demo_rows
                     else s("note_demo_none", lang))
    if f.scope is not None:
        rows = wh.rows("SELECT name_zh, name_en FROM regions WHERE adcode IN (SELECT unnest($a)) ORDER BY adcode",
                       {"a": list(f.scope)})
        names = [str(r[1] if lang == "en" else r[0]) for r in rows]
        lines.append(s("note_scope", lang, names=_join(names, lang, 20)))
    lines.append(s("note_rules", lang))
    lines.append(s("note_same_period", lang))
    return lines
