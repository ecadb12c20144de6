"""Every string of the briefing (documents and the Briefing page), in Chinese and English."""

from __future__ import annotations

from analytics.i18n import norm_lang

# key -> (zh, en); placeholders use str.format names.
STRINGS: dict[str, tuple[str, str]] = {
    "page": ("报送与简报", "Reporting & briefing"),
    "download_title": ("一键生成简报", "One-click briefing"),
    "title": ("{years}年{region}“{campaign}”活动情况简报", "{region} {campaign} {years}: briefing"),
    "title_nodata": ("{region}“{campaign}”活动情况简报", "{region} {campaign}: briefing"),
    "selection": ("筛选条件：{text}", "Selection: {text}"),
    "generated": ("生成时间：{time}", "Generated: {time}"),
    "data_as_of": ("数据截至：{time}", "Data as of: {time}"),
    "demo_warning": (
        "注意：本简报包含演示数据（{n} 条生成记录，不是真实活动）。",
        "Note: this briefing includes demo data ({n} generated records, not real activities).",
    ),
    "h_overall": ("一、总体情况", "1. Overview"),
    "h_districts": ("二、各{unit}情况", "2. {Units}"),
    "h_industries": ("三、行业与活动类型", "3. Industries"),
    "h_completeness": ("四、报送情况", "4. Reporting completeness"),
    "h_same_period": ("五、同期比较", "5. Same-period comparison"),
    "h_note": ("六、数据说明", "6. About the data"),
    "no_data": (
        "所选范围内没有活动记录，本简报不含数字和图表。请调整筛选条件（年份、地区、是否包含演示数据）后重新生成。",
        "The selection holds no activity records, so this briefing has no figures or charts. Change "
        "the selection (years, districts, demo data) and generate it again.",
    ),
    "kpi_item": ("指标", "Figure"),
    "kpi_value": ("数值", "Value"),
    "kpi_change": ("同比", "Year on year"),
    "rank": ("序号", "#"),
    "name_district": ("{unit}", "{Unit}"),
    "name_industry": ("行业", "Industry"),
    "activities": ("活动数", "Activities"),
    "share": ("占比", "Share"),
    "status": ("报送情况", "Status"),
    "this_year": ("{year}年", "{year}"),
    "reported": ("已报送", "reported"),
    "not_reported": ("未报送", "not reported"),
    "not_reported_list": ("未报送的{unit}（{n}个）：{names}", "{Units} not reported ({n}): {names}"),
    "not_reported_none": ("所有{unit}均已报送。", "Every {unit} reported."),
    "not_reported_industries": (
        "无企业报送的行业（{n}个）：{names}",
        "Industries without enterprise reports ({n}): {names}",
    ),
    "industry_rate": (
        "{year}年，{expected}个行业中有{reported}个行业有企业主办的活动报送（{rate}）。",
        "In {year}, enterprises of {reported} of {expected} industries reported activities ({rate}).",
    ),
    "rate": ("报送率：{rate}（{reported} / {expected}）", "Completeness: {rate} ({reported} of {expected})"),
    "dropped": ("上年报送、本年未报送：{names}", "Reported last year, not this year: {names}"),
    "new": ("本年新报送（上年未报送）：{names}", "Reported this year, not last year: {names}"),
    "none": ("无", "none"),
    "cutoff_row": ("截至{month}月{day}日", "by {month_en} {day}"),
    "whole_year": ("全年", "whole year"),
    "undetermined": ("日期不足以判断", "date too coarse"),
    "year": ("年份", "Year"),
    "figure": ("图 {n}  {caption}", "Figure {n}  {caption}"),
    "fig_map": (
        "{year}年各{unit}活动数（灰色斜线 = 未报送）",
        "Activities by {unit}, {year} (hatched grey = not reported)",
    ),
    "fig_years": ("{first}–{year}年各年份活动数（深色为{year}年）", "Activities by year, {first}–{year} ({year} dark)"),
    "fig_same": (
        "各年截至{month}月{day}日的活动数（同期比较）",
        "Activities by {month_en} {day} of each year, against the whole year",
    ),
    "fig_industries": ("各行业活动数", "Activities by industry"),
    "legend_not_reported": ("未报送", "not reported"),
    "axis_activities": ("活动数", "Activities"),
    "bar_by_cutoff": ("截至{month}月{day}日", "by {month_en} {day}"),
    "bar_whole": ("全年", "Whole year"),
    "note_sources": ("数据来源：{n} 个来源文件（{names}）。", "Sources: {n} source file(s) ({names})."),
    "note_published": (
        "数据发布（ETL 载入）时间：{time}，批次 {run}。",
        "Data published (ETL load) at {time}, run {run}.",
    ),
    "note_demo_excluded": (
        "演示数据已排除：仓库中另有 {n} 条生成的演示记录，未计入本简报。",
        "Demo data excluded: {n} generated demo records in the warehouse are not counted here.",
    ),
    "note_demo_none": (
        "所选范围内没有演示数据，均为真实记录。",
        "The selection holds no demo data: every record is real.",
    ),
    "note_demo_included": (
        "本简报包含 {n} 条演示记录（程序生成，非真实活动），数字和图表均含这些记录。",
        "This briefing includes {n} demo records (generated, not real activities) in every figure and chart.",
    ),
    "note_rules": (
        "计数规则：参与人数按单位（人、人次、单位数）分列，不同单位不相加；“≥”表示至少，“约”表示含估计数；"
        "“未报送”表示所选期间没有活动记录，不等同于零。",
        "Counting rules: participants are given per unit (people, person-times, organisations), never "
        "added across units; “≥” means at least, “≈” that estimates are included; “not reported” means "
        "no record in the period, not zero.",
    ),
    "note_same_period": (
        "同期比较：按开始日期计算；只注明月份的活动在该月结束后计入，只注明年份的活动不计入。",
        "Same period: by start date; an activity dated only to a month counts once that month has "
        "ended, one dated only to a year never does.",
    ),
    "note_scope": ("本简报仅包含以下区的数据：{names}。", "This briefing covers these districts only: {names}."),
    "note_outside": (
        "另有 {n} 项活动在{region}以外（通报中提到的外地单位），计入总数，不计入各{unit}和报送率。",
        "{n} activities lie outside {region} (out-of-town organisations named in bulletins): in the "
        "totals, not in any {unit} or in the completeness rate.",
    ),
    "note_city_wide": (
        "另有 {n} 项活动未注明具体{unit}（如全市性活动），计入总数但不计入各{unit}。",
        "{n} more activities name no {unit} (city-wide ones, for example): in the totals, not in any {unit}.",
    ),
    "download_docx": ("下载简报（Word）", "Download briefing (Word)"),
    "download_pdf": ("下载简报（PDF）", "Download briefing (PDF)"),
    "download_help": (
        "一键生成当前筛选范围的书面简报：标题、核心指标及同比、文字概述、地图和图表、前列区和行业、报送情况、数据说明。",
        "One click writes a briefing of the current selection: title, key figures with year-on-year "
        "change, a short narrative, the map and charts, leading districts and industries, reporting "
        "completeness, and a note on the data.",
    ),
    "completeness_title": ("{year}年各{unit}报送情况", "Reporting by {unit}, {year}"),
    "completeness_industry_title": ("{year}年各行业企业报送情况", "Enterprise reports by industry, {year}"),
    "same_period_title": ("同期比较", "Same-period comparison"),
    "cutoff_pick": ("截至日期（每年同一天）", "Cut-off (the same day each year)"),
    "same_period_help": (
        "只比较每年截至同一天的活动，避免把 9 月中旬的数据误读为大幅下降。",
        "Each year counted up to the same day, so a mid-September look is not read as a collapse.",
    ),
    "col_current": ("{year}年活动数", "Activities {year}"),
    "col_previous": ("{year}年活动数", "Activities {year}"),
    "col_change": ("较上年", "vs last year"),
    "no_year": (
        "所选范围内没有注明年份的活动，无法计算报送情况。",
        "The selection has no dated activity: completeness cannot be computed.",
    ),
    "map_unavailable": ("此层级没有边界数据，未绘制地图。", "No boundaries at this level: no map drawn."),
    "briefing_failed": ("简报生成失败：{err}", "The briefing could not be written: {err}"),
}

_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


# level -> (zh word, en singular, en plural)
_UNIT_WORDS = {
    "district": ("区", "district", "districts"),
    "city": ("市", "city", "cities"),
    "province": ("省份", "province", "provinces"),
}


def unit_words(level: str, lang: str) -> dict[str, str]:
    """The words naming regions of `level` for strings with {unit}, {units}, {Unit}, {Units}."""
    zh, one, many = _UNIT_WORDS.get(level, _UNIT_WORDS["district"])
    if norm_lang(lang) != "en":
        return {"unit": zh, "units": zh, "Unit": zh, "Units": zh}
    return {"unit": one, "units": many, "Unit": one.capitalize(), "Units": many.capitalize()}


def month_day(month: int, day: int, lang: str) -> str:
    """'9月15日' / 'September 15'."""
    if norm_lang(lang) == "en":
        return f"{_MONTHS_EN[int(month) - 1]} {int(day)}"
    return f"{int(month)}月{int(day)}日"


def s(key: str, lang: str, **kwargs: object) -> str:
    """The string `key` in `lang`, formatted; ``month`` also fills ``month_en``."""
    zh, en = STRINGS[key]
    text = en if norm_lang(lang) == "en" else zh
    if "month" in kwargs and "month_en" not in kwargs:
        kwargs["month_en"] = _MONTHS_EN[int(kwargs["month"]) - 1]  # type: ignore[call-overload]
    return text.format(**kwargs) if kwargs else text
