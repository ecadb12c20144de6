"""Every string the dashboard shows, in Chinese (default) and English.

UI strings live in one table (``STRINGS``); vocabulary labels (activity types,
industries, ...) come from ``domain.taxonomy``; region names from the ``regions``
table (passed in by the caller, see ``region_name``).
"""

from __future__ import annotations

from collections.abc import Mapping

from domain import messages
from domain import taxonomy as tx

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"

# key -> (zh, en). Placeholders use str.format names.
STRINGS: dict[str, tuple[str, str]] = {
    "app_title": ("{place}质量月活动看板", "Quality Month dashboard: {place}"),
    "page_overview": ("概览", "Overview"),
    "page_districts": ("地区", "Regions"),
    "page_industries": ("行业", "Industries"),
    "page_types": ("活动类型", "Activity types"),
    "page_records": ("明细", "Records"),
    "page_status": ("数据状态", "Data status"),
    "filters": ("筛选", "Filters"),
    "language": ("语言 / Language", "语言 / Language"),
    "years": ("年份", "Years"),
    "districts": ("区", "Districts"),
    "industries": ("行业", "Industries"),
    "activity_types": ("活动类型", "Activity types"),
    "campaigns": ("专项活动", "Campaigns"),
    "organizer_types": ("主办方类型", "Organiser types"),
    "include_demo": ("包含演示数据", "Include demo data"),
    "reset_filters": ("清除筛选", "Reset filters"),
    "all": ("全部", "All"),
    "all_data": ("全部数据", "All data"),
    "with_demo": ("含演示数据", "incl. demo data"),
    "real_only": ("仅真实数据", "real data only"),
    "search_for": ("搜索“{q}”", "search “{q}”"),
    "banner_demo": (
        "包含演示数据：部分记录为生成的演示数据（非真实活动）。可在侧栏关闭“包含演示数据”。",
        "Includes demo data: some records are generated demo rows, not real activities. "
        "Switch off “Include demo data” in the sidebar.",
    ),
    "banner_empty": ("尚未加载数据。请运行：{cmd}", "No data loaded yet. Run: {cmd}"),
    "banner_stale": ("数据可能不是最新：{reason}", "Data may be out of date: {reason}"),
    "banner_no_rows": ("当前筛选条件下没有记录。", "No records match the current filters."),
    "no_district_rows": (
        "当前筛选条件下没有落到区的记录。",
        "No record of the current selection is placed in a district.",
    ),
    "kpi_activities": ("活动数", "Activities"),
    "kpi_participants": ("参与规模", "Participants"),
    "kpi_districts": ("有活动的区", "Active districts"),
    "kpi_organizers": ("主办单位", "Organisers"),
    "kpi_delta": ("{year} 较 {prev}", "{year} vs {prev}"),
    "kpi_no_prev": ("{prev} 年无可比数据", "no data for {prev}"),
    "kpi_none": ("无参与人数", "no participant counts"),
    "activities": ("活动数", "Activities"),
    "participants": ("参与人数", "Participants"),
    "year": ("年份", "Year"),
    "month": ("月份", "Month"),
    "month_label": ("{m}月", "{m_en}"),
    "district": ("区", "District"),
    "industry": ("行业", "Industry"),
    "activity_type": ("活动类型", "Activity type"),
    "campaign": ("专项活动", "Campaign"),
    "organizer_type": ("主办方类型", "Organiser type"),
    "unit": ("单位", "Unit"),
    "share": ("占比", "Share"),
    "change": ("同比变化", "Change"),
    "by_year": ("各年份活动与参与情况", "Activities and participants by year"),
    "trend": ("各年份活动数", "Activities by year"),
    "by_month": ("各月份活动数", "Activities by month"),
    "undated_month": (
        "另有 {n} 条记录只注明了年份，未计入月份分布。",
        "{n} more records give only a year and are not in the monthly chart.",
    ),
    "participants_by_unit": (
        "参与人数（按单位分列，不同单位不相加）",
        "Participants by unit (units are never added together)",
    ),
    "map_title": ("各区活动分布", "Activities by district"),
    "color_by": ("着色依据", "Colour by"),
    "map_hint": (
        "点击地图上的区圆点即可按该区筛选其他图表。",
        "Click a district's dot on the map to filter the other charts.",
    ),
    "map_selected": ("已选：{names}", "Selected: {names}"),
    "clear_district": ("清除区筛选", "Clear district filter"),
    "ranking": ("各区排名", "District ranking"),
    "heatmap": ("区 × 年份活动数（空白 = 未报送）", "Activities, district × year (blank = not reported)"),
    "not_reported": ("未报送", "not reported"),
    "breakdown": ("分布", "Breakdown"),
    "yoy": ("同比（{year} 较 {prev}）", "Year on year ({year} vs {prev})"),
    "yoy_need_two": ("同比需要至少两个年份的数据。", "Year-on-year needs data for at least two years."),
    "search": ("搜索（标题、主题、主办单位、摘录）", "Search (title, theme, organiser, excerpt)"),
    "sort_by": ("排序", "Sort by"),
    "descending": ("降序", "Descending"),
    "page": ("页码", "Page"),
    "page_of": ("第 {page} / {pages} 页，共 {total} 条", "Page {page} of {pages}, {total} records"),
    "page_size": ("每页条数", "Rows per page"),
    "download": ("下载筛选结果（{n} 条）", "Download the filtered rows ({n})"),
    "download_csv": ("CSV（Excel 可直接打开）", "CSV (opens in Excel)"),
    "download_xlsx": ("Excel (XLSX)", "Excel (XLSX)"),
    "download_parquet": ("Parquet", "Parquet"),
    "status_last_load": ("最近一次发布", "Last published"),
    "status_last_run": ("最近一次运行", "Last run"),
    "status_runs": ("最近的 ETL 运行", "Recent ETL runs"),
    "status_counts": ("记录数（真实 / 演示，按来源）", "Record counts (real / demo, by source)"),
    "status_files": ("最近一次运行读取的文件", "Files read by the last run"),
    "status_rejects": ("被拒绝的行", "Rejected rows"),
    "status_no_rejects": ("最近一次运行没有被拒绝的行。", "The last run rejected no rows."),
    "status_not_loaded": ("尚未加载数据。", "No data has been loaded yet."),
    "status_run_cmd": ("在项目目录运行以下命令以加载数据：", "Run this in the project folder to load data:"),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    "real": ("真实", "real"),
    "demo": ("演示", "demo"),
    "total": ("合计", "Total"),
    "source": ("来源", "Source"),
    "rows": ("行数", "Rows"),
    "no_data": ("无数据", "No data"),
    "status_published_local": ("{time}", "{time}"),
    "status_files_help": (
        "每个输入文件（表格文件和通报）一行：读取了多少行或多少条活动、接受多少、拒绝多少。"
        "“无法读取”的文件一行也没有导入，原因见“信息”和下方被拒绝的行。",
        "One row per input file (spreadsheets and bulletins): how many rows or activities "
        "were read, accepted and rejected. An “unreadable” file loaded nothing; the reason is "
        "in “Message” and in the rejected rows below.",
    ),
    "status_rejects_help": (
        "每一行都是最近一次运行未能导入的内容：来自哪个文件、在文件中的位置（行号、段落）和原因。"
        "整份无法读取的文件位置为空。",
        "Each row is something the last run could not load: the file, where in it (row, "
        "paragraph) and why. A file that could not be read at all has no location.",
    ),
    "status_demo_note": (
        "“演示数据”是程序生成的示例记录，不是真实活动。",
        "“Demo data” rows are generated examples, not real activities.",
    ),
    "rest": ("其余 {n} 项", "{n} more"),
    "yoy_new": ("新增", "new"),
    "yoy_gone": ("未开展", "none"),
    "yoy_counts": ("{latest}（{prev_year} 年 {prev}）", "{latest} ({prev_year}: {prev})"),
    "yoy_axis": ("同比变化（%）", "Change (%)"),
    "yoy_help": (
        "按同比变化排序（{year} 年活动数较 {prev} 年）。上一年为 0 的类别标为“新增”。",
        "Sorted by change (activities in {year} against {prev}). A category with none the year before is marked “new”.",
    ),
    "yoy_table": ("查看各类别 {year} 年与 {prev} 年活动数", "Show the activities of {year} and {prev}"),
    "qualifier_note": ("≥ 表示“至少”，约/≈ 表示含估计数。", "≥ means at least; ≈ means the total includes estimates."),
    # places: the region tree, the map's views, the place picker
    "nationwide": ("全国", "China"),
    "place_province": ("省份", "Province"),
    "place_city": ("城市", "City"),
    "place_counties": ("区县", "Counties"),
    "place_all_cities": ("全省", "Whole province"),
    "place_all_counties": ("全市", "Whole city"),
    "level_province": ("省", "province"),
    "level_city": ("市", "city"),
    "level_district": ("区县", "county"),
    "level_district_sh": ("区", "district"),
    # the same levels counted ("其余 3 个省未列出" / "3 more provinces not shown")
    "levels_province": ("省", "provinces"),
    "levels_city": ("市", "cities"),
    "levels_district": ("区县", "counties"),
    "levels_district_sh": ("区", "districts"),
    "more_not_shown": ("其余 {n} 个{levels}未列出", "{n} more {levels} not shown"),
    "map_view_title": ("{place}各{level}活动分布", "Activities by {level}: {place}"),
    "map_drill_hint": (
        "点击地图上的圆点进入该地区，所有页面随之筛选；点击上方路径可返回上一级。",
        "Click a dot on the map to drill into that region and filter every page; click the path above to go back up.",
    ),
    "own_level": ("{name}级活动 {n} 项，未落到{level}", "{n} activities of {name} as a whole, not placed in a {level}"),
    "ranking_level": ("各{level}排名", "Ranking by {level}"),
    "heatmap_level": ("{level} × 年份活动数（空白 = 未报送）", "Activities, {level} × year (blank = not reported)"),
}

# Column headers for record tables and exports.
COLUMNS: dict[str, tuple[str, str]] = {
    "record_id": ("记录编号", "Record ID"),
    "year": ("年份", "Year"),
    "start_date": ("开始日期", "Start date"),
    "end_date": ("结束日期", "End date"),
    "campaign": ("专项活动", "Campaign"),
    "campaign_year": ("活动年度", "Campaign year"),
    "district": ("区", "District"),
    "district_adcode": ("区代码", "District code"),
    "province": ("省份", "Province"),
    "city": ("城市", "City"),
    "region": ("地区", "Region"),
    "adcode": ("地区代码", "Region code"),
    "date_precision": ("日期精度", "Date precision"),
    "title": ("标题", "Title"),
    "theme": ("主题", "Theme"),
    "activity_type": ("活动类型", "Activity type"),
    "industry": ("行业", "Industry"),
    "organizer": ("主办单位", "Organiser"),
    "organizer_type": ("主办方类型", "Organiser type"),
    "participants": ("参与人数", "Participants"),
    "participants_unit": ("单位", "Unit"),
    "participants_qualifier": ("精确度", "Qualifier"),
    "mode": ("形式", "Mode"),
    "source": ("来源", "Source"),
    "source_locator": ("来源位置", "Source locator"),
    "source_excerpt": ("原文摘录", "Excerpt"),
    "is_synthetic": ("演示数据", "Demo row"),
    "run_id": ("运行编号", "Run ID"),
    "started_at": ("开始时间", "Started"),
    "finished_at": ("结束时间", "Finished"),
    "status": ("状态", "Status"),
    "rows_read": ("读取行数", "Rows read"),
    "rows_added": ("新增", "Added"),
    "rows_updated": ("更新", "Updated"),
    "rows_unchanged": ("未变", "Unchanged"),
    "rows_rejected": ("拒绝", "Rejected"),
    "message": ("信息", "Message"),
    "kind": ("类型", "Kind"),
    "sha1": ("SHA1", "SHA1"),
    "accepted": ("接受", "Accepted"),
    "rejected": ("拒绝", "Rejected"),
    "locator": ("位置", "Locator"),
    "reason": ("原因", "Reason"),
    "raw": ("原始值", "Raw values"),
    "records": ("记录数", "Records"),
    "source_file": ("来源文件", "Source file"),
    "folder": ("所在文件夹", "Folder"),
    "change_abs": ("增减", "Change"),
    "at": ("时间", "Time"),
    "actor": ("用户", "User"),
    "role": ("角色", "Role"),
    "action": ("操作", "Action"),
    "format": ("格式", "Format"),
    "row_count": ("行数", "Rows"),
    "file_name": ("文件名", "File name"),
    "filters": ("筛选条件", "Filters"),
    "detail": ("详情", "Detail"),
    "change_pct": ("同比", "Change (%)"),
    "published_at": ("发布时间", "Published"),
}

# Status and kind codes of etl_runs / source_files (etl.load, etl.pipeline).
CODES: dict[str, dict[str, tuple[str, str]]] = {
    "status": {
        "success": ("成功", "success"),
        "no_changes": ("无变化", "no changes"),
        "failed": ("失败", "failed"),
        "ok": ("正常", "ok"),
        "partial": ("部分行被拒绝", "some rows rejected"),
        "unreadable": ("无法读取", "unreadable"),
    },
    "kind": {
        "csv": ("CSV 表格", "CSV"),
        "xlsx": ("Excel 表格", "Excel"),
        "json": ("JSON 文件", "JSON"),
        "bulletin": ("通报", "bulletin"),
        "demo": ("演示数据（生成）", "demo (generated)"),
    },
    "role": {  # access.roles.Role
        "viewer": ("查看者", "viewer"),
        "analyst": ("分析员", "analyst"),
        "admin": ("管理员", "admin"),
        "reporter": ("报送员", "reporter"),
    },
    "source": {
        "demo": ("演示数据（生成）", "demo data (generated)"),
        "bulletins": ("通报", "bulletins"),
    },
}

_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

VOCABULARIES: dict[str, tuple[tx.Term, ...]] = {
    "activity_type": tx.ACTIVITY_TYPES,
    "industry": tx.INDUSTRIES,
    "campaign": tx.CAMPAIGNS,
    "organizer_type": tx.ORGANIZER_TYPES,
    "participants_unit": tx.PARTICIPANT_UNITS,
    "participants_qualifier": tx.QUALIFIERS,
    "mode": tx.MODES,
    "date_precision": tx.DATE_PRECISION_TERMS,
}
_BY_CODE = {kind: tx.by_code(terms) for kind, terms in VOCABULARIES.items()}


def norm_lang(lang: str | None) -> str:
    """Map anything that is not a supported language to the default (zh)."""
    return lang if lang in LANGS else DEFAULT_LANG


def t(key: str, lang: str, **kwargs: object) -> str:
    """The UI string `key` in `lang`, formatted with `kwargs`.

    Raises:
        KeyError: `key` is not in STRINGS (a typo must fail loudly in tests).
    """
    zh, en = STRINGS[key]
    text = en if norm_lang(lang) == "en" else zh
    return text.format(**kwargs) if kwargs else text


def col(name: str, lang: str) -> str:
    """Column header for `name` in `lang` (the raw name when it has no label)."""
    pair = COLUMNS.get(name)
    if pair is None:
        return name
    return pair[1] if norm_lang(lang) == "en" else pair[0]


def label(kind: str, code: str | None, lang: str) -> str:
    """Label of a vocabulary code (`kind` is a key of VOCABULARIES); unknown codes pass through."""
    if code is None:
        return ""
    term = _BY_CODE[kind].get(code)
    return term.label(norm_lang(lang)) if term else str(code)


def month_label(month: int, lang: str) -> str:
    """'9月' or 'Sep'."""
    return t("month_label", lang, m=month, m_en=_MONTHS_EN[month - 1])


def region_name(row: Mapping[str, object], lang: str) -> str:
    """Pick the name of a region row (keys name_zh, name_en, adcode) for `lang`."""
    key = "name_en" if norm_lang(lang) == "en" else "name_zh"
    value = row.get(key) or row.get("name_zh") or row.get("adcode")
    return str(value) if value is not None else ""


def code_label(kind: str, code: object, lang: str) -> str:
    """Label of an ETL status / file kind / special source (`kind` is a key of CODES); '' when missing."""
    if code is None or (isinstance(code, float) and code != code):
        return ""
    pair = CODES[kind].get(str(code))
    if pair is None:
        return str(code)
    return pair[1] if norm_lang(lang) == "en" else pair[0]


def message_text(coded: object, lang: str, fallback: object = None) -> str:
    """An ETL message or reject reason in `lang`, rendered from its codes (domain.messages).

    Args:
        coded: The JSON array of coded messages (``rejects.reasons``, ``source_files.messages``,
            ``etl_runs.messages``).
        lang: 'zh' or 'en'.
        fallback: The stored English text, shown as written when `coded` is empty (rows of a
            warehouse written before messages had codes).
    """
    return messages.render(coded, norm_lang(lang), fallback)


def locator_text(locator: object, lang: str) -> str:
    """Where in a file: 'a.csv row 3' -> 'a.csv 第 3 行' (zh); '' when missing."""
    return messages.locator_text(locator, norm_lang(lang))


# Plotly's own words (mode-bar tooltips, the snapshot and zoom notices), keyed by its English text.
PLOTLY_ZH: dict[str, str] = {
    "Download plot as a png": "下载图表（PNG）",
    "Download plot": "下载图表",
    "Download plot as a PNG": "下载图表（PNG）",
    "Download plot as JSON": "下载图表（JSON）",
    "Preparing image - this may take a few seconds": "正在生成图片，请稍候",
    "Image download succeeded": "图片已下载",
    "Sorry, there was a problem downloading your image!": "抱歉，图片下载失败！",
    "JSON download succeeded": "JSON 已下载",
    "Sorry, there was a problem downloading your JSON file!": "抱歉，JSON 下载失败！",
    "Reset views": "重置视图",
    "Reset": "重置",
    "Zoom": "缩放",
    "Pan": "平移",
    "Box Select": "框选",
    "Lasso Select": "套索选择",
    "Zoom in": "放大",
    "Zoom out": "缩小",
    "Autoscale": "自动缩放",
    "Reset axes": "重置坐标轴",
    "Reset view": "重置视图",
    "Reset camera to default": "重置视角",
    "Toggle Spike Lines": "显示/隐藏参考线",
    "Toggle show closest data on hover": "切换悬停显示最近数据",
    "Show closest data on hover": "悬停显示最近数据",
    "Compare data on hover": "悬停比较数据",
    "Double-click to zoom back out": "双击可恢复原始大小",
    "Taking snapshot - this may take a few seconds": "正在生成图片，请稍候",
    "Snapshot succeeded": "图片已生成",
    "Sorry, there was a problem downloading your snapshot!": "抱歉，图片下载失败！",
    "Produced with Plotly.js": "由 Plotly.js 绘制",
    "Click to enter Plot title": "点击输入图表标题",
    "Click to enter X axis title": "点击输入 X 轴标题",
    "Click to enter Y axis title": "点击输入 Y 轴标题",
    "Click to enter Colorscale title": "点击输入色标标题",
    "Click to enter radial axis title": "点击输入径向轴标题",
    "Click to enter Component A title": "点击输入成分 A 标题",
    "Click to enter Component B title": "点击输入成分 B 标题",
    "Click to enter Component C title": "点击输入成分 C 标题",
    "new text": "新文本",
    "trace": "数据系列",
    "Draw line": "画线",
    "Draw open freeform": "画开放曲线",
    "Draw closed freeform": "画闭合曲线",
    "Draw circle": "画圆",
    "Draw rectangle": "画矩形",
    "Erase active shape": "删除选中的形状",
}


# Mode-bar buttons Streamlit adds with a fixed English title (not through Plotly's dictionary):
# their tooltip text is replaced by CSS (ui.components.localise_chrome).
PLOTLY_STREAMLIT_BUTTONS = {"Fullscreen": "全屏", "Close fullscreen": "退出全屏"}


def plotly_locale(lang: str) -> dict[str, object]:
    """Plotly config keys that make its own words (mode bar, notices) speak `lang` (none for English)."""
    if norm_lang(lang) == "en":
        return {}
    return {"locale": "zh-CN", "locales": {"zh-CN": {"dictionary": PLOTLY_ZH}}}
