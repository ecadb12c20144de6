"""Every string the dashboard shows, in Chinese (default) and English.

UI strings live in one catalogue (``i18n.toml``, read into ``STRINGS``); vocabulary labels (activity types,
industries, ...) come from ``domain.taxonomy``; region names from the ``regions``
table (passed in by the caller, see ``region_name``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from domain import catalogue, messages
from domain import taxonomy as tx

LANGS = catalogue.LANGS
DEFAULT_LANG = "zh"

# key -> (zh, en), from the catalogue i18n.toml (domain.catalogue). Placeholders use str.format names.
STRINGS: dict[str, tuple[str, str]] = catalogue.pairs(Path(__file__).with_name("i18n.toml"), ("zh", "en"))

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
    # 人数单位 / 人数精度: headers the ETL reads back (domain.record.INPUT_COLUMNS; a bare 单位 means an organisation)
    "participants_unit": ("人数单位", "Unit"),
    "participants_qualifier": ("人数精度", "Qualifier"),
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

# Labels of stored codes, kind -> code -> (zh, en), from the catalogue codes.toml (keys "<kind>.<code>"):
# status and kind of etl_runs / source_files (etl.load, etl.pipeline), roles, special sources.
CODES: dict[str, dict[str, tuple[str, str]]] = {}
for _key, _pair in catalogue.pairs(Path(__file__).with_name("codes.toml"), ("zh", "en")).items():
    _kind, _code = _key.split(".", 1)
    CODES.setdefault(_kind, {})[_code] = _pair

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


def message_text(
    coded: object, lang: str, fallback: object = None, place_name: Callable[[str], str] | None = None
) -> str:
    """An ETL message or reject reason in `lang`, rendered from its codes (domain.messages).

    Args:
        coded: The JSON array of coded messages (``rejects.reasons``, ``source_files.messages``,
            ``etl_runs.messages``).
        lang: 'zh' or 'en'.
        fallback: The stored English text, shown as written when `coded` is empty (rows of a
            warehouse written before messages had codes).
        place_name: adcode -> name in `lang`: districts of a reason named, not given as bare codes.
    """
    return messages.render(coded, norm_lang(lang), fallback, place_name)


def locator_text(locator: object, lang: str) -> str:
    """Where in a file: 'a.csv row 3' -> 'a.csv 第 3 行' (zh); '' when missing."""
    return messages.locator_text(locator, norm_lang(lang))


# Plotly's own words (mode-bar tooltips, the image and zoom notices) -> Chinese, keyed by Plotly's
# English text (its locale dictionary); the wording is in i18n.toml as [plotly_*] entries.
PLOTLY_ZH: dict[str, str] = {en: zh for key, (zh, en) in STRINGS.items() if key.startswith("plotly_")}

# Mode-bar buttons Streamlit adds with a fixed English title (not through Plotly's dictionary):
# their tooltip text is replaced by CSS (ui.components.localise_chrome). In i18n.toml as [streamlit_button_*].
PLOTLY_STREAMLIT_BUTTONS = {en: zh for key, (zh, en) in STRINGS.items() if key.startswith("streamlit_button_")}

# Tooltips of the element toolbar over a data grid (Search, Show/hide columns, Fullscreen...), also
# fixed English labels retexted by CSS; [streamlit_toolbar_*] plus the two fullscreen buttons above.
STREAMLIT_TOOLBAR = {
    en: zh for key, (zh, en) in STRINGS.items() if key.startswith(("streamlit_toolbar_", "streamlit_button_"))
}


def _chrome_tables() -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Streamlit's own English texts -> Chinese ([streamlit_chrome_*] in i18n.toml).

    Returns:
        (exact texts, templates): a template is (an anchored regular expression with a group for
        ``{x}`` and one for ``{y}`` when present, the Chinese text with them); ``{month}`` stands for
        any English month name.
    """
    import calendar
    import re

    exact: dict[str, str] = {}
    templates: list[tuple[str, str]] = []
    for key, (zh, en) in STRINGS.items():
        if not key.startswith("streamlit_chrome_"):
            continue
        if "{x}" not in en:
            exact[en] = zh
            continue
        pattern = re.escape(en).replace(re.escape("{x}"), "(.+?)").replace(re.escape("{y}"), "(.+)")
        pattern = pattern.replace(re.escape("{month}"), "(?:" + "|".join(calendar.month_name[1:]) + ")")
        templates.append(("^" + pattern + "$", zh))
    return exact, templates


# Streamlit's screen-reader labels, titles, placeholders and the data grid's menu texts (ui.components).
STREAMLIT_CHROME_ZH, STREAMLIT_CHROME_TEMPLATES_ZH = _chrome_tables()


def plotly_locale(lang: str) -> dict[str, object]:
    """Plotly config keys that make its own words (mode bar, notices) speak `lang` (none for English)."""
    if norm_lang(lang) == "en":
        return {}
    return {"locale": "zh-CN", "locales": {"zh-CN": {"dictionary": PLOTLY_ZH}}}
