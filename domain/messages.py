"""ETL messages as codes with parameters: one table of templates, rendered in either language.

The write side never stores English prose alone: every reject reason and every file note is a
``Message`` (a code and its parameters). The warehouse keeps them as JSON (``rejects.reasons``,
``source_files.messages``), plus the English rendering for people reading the tables with SQL.
The read side renders the same JSON in the reader's language with ``render``.

Encoding: one message is a JSON object ``{"code": ..., <params>}``; a list of messages is a JSON
array. Several failures of one row are several objects in one array. The SQL checks of
``etl.validate`` build the same objects with DuckDB's ``json_object``.

A message with an unknown code (a warehouse written by a later version) and the ``text`` code
(prose from a component that has no code for it, e.g. a third-party parser's own error) render
their text unchanged.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

# Field names as the Chinese UI calls them (column headers of the input format).
FIELDS_ZH = {
    "start_date": "开始日期",
    "end_date": "结束日期",
    "participants": "参与人数",
    "participants_unit": "参与人数单位",
    "participants_qualifier": "参与人数精确度",
    "campaign_year": "活动年度",
    "title": "标题",
    "theme": "主题",
    "organizer": "主办单位",
    "source_excerpt": "原文摘录",
    "region": "地区",
    "district": "区",
    "city": "市",
    "province": "省",
    "activity_type": "活动类型",
    "industry": "行业",
    "mode": "形式",
    "record_id": "记录编号",
    "source": "来源",
    "region_original": "原始地区名",
}
ENCODINGS_ZH = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8（带 BOM）",
    "gbk": "GBK",
    "gb18030": "GB18030",
    "gb2312": "GB2312",
    "big5": "Big5",
}
SEPARATOR = {"en": "; ", "zh": "；"}

# code -> (English, Chinese). str.format names are the message's parameters; a parameter named
# `field` is shown as its Chinese header in Chinese, `encoding` by its common name, `loc`/`locs`
# (where in a file) as 第 N 行 / 第 N 段.
TEMPLATES: dict[str, tuple[str, str]] = {
    # --- a row's region
    "region_empty": (
        "no region: region, province, city and district are all empty",
        "缺少地区：地区、省、市、区均为空",
    ),
    "region_unknown": ("{field}: unknown region '{value}'", "{field}：无法识别的地区“{value}”"),
    "region_unknown_within": (
        "{field}: unknown region '{value}' within {within}",
        "{field}：在 {within} 范围内无法识别的地区“{value}”",
    ),
    "region_outside": (
        "{field}: '{value}' ({name}) is not within '{parent}' ({parent_name})",
        "{field}：“{value}”（{name}）不在“{parent}”（{parent_name}）范围内",
    ),
    "region_out_of_scope": (
        "district {district} is outside the uploader's districts ({scope})",
        "区 {district} 不在上传者可上传的区（{scope}）之内",
    ),
    "region_out_of_scope_none": (
        "district (none: a city-wide record) is outside the uploader's districts ({scope})",
        "记录没有区（全市范围的记录），不在上传者可上传的区（{scope}）之内",
    ),
    "foreign_id": (
        "record_id {id} is the id of a record outside the uploader's districts ({scope}); an upload "
        "limited to those districts cannot change it",
        "记录编号 {id} 属于上传者可上传的区（{scope}）以外的记录，限定这些区的上传不能修改它",
    ),
    # --- a row's dates
    "year_unreadable": ("campaign_year: cannot read '{value}' as a year", "活动年度：无法识别“{value}”"),
    "date_unreadable": ("{field}: cannot read '{value}' as a date", "{field}：无法识别日期“{value}”"),
    "date_unreadable_no_year": (
        "{field}: cannot read '{value}' as a date (no year given and no campaign_year)",
        "{field}：无法识别日期“{value}”（没有年份，也没有活动年度）",
    ),
    "date_missing": ("no date: start_date and campaign_year are both empty", "缺少日期：开始日期和活动年度均为空"),
    "date_out_of_range": (
        "{field} {value} is out of range ({min} to {max})",
        "{field} {value} 超出范围（{min} 至 {max}）",
    ),
    "end_before_start": ("end_date {end} is before start_date {start}", "结束日期 {end} 早于开始日期 {start}"),
    # --- a row's participants
    "unit_unknown": (
        "participants_unit: unknown unit '{value}' (people, person_times, organizations)",
        "参与人数单位：无法识别“{value}”（应为 人、人次 或 家单位）",
    ),
    "qualifier_unknown": (
        "participants_qualifier: unknown qualifier '{value}' (exact, approx, at_least)",
        "参与人数精确度：无法识别“{value}”（应为 精确、约 或 至少）",
    ),
    "count_unreadable": ("participants: cannot read '{value}' as a count", "参与人数：无法识别“{value}”"),
    "count_is_date": ("participants: '{value}' is a date, not a count", "参与人数：“{value}”是日期，不是人数"),
    "count_is_time": ("participants: '{value}' is a time, not a count", "参与人数：“{value}”是时间，不是人数"),
    "count_is_percent": (
        "participants: '{value}' is a percentage, not a count",
        "参与人数：“{value}”是百分比，不是人数",
    ),
    "count_bad_grouping": (
        "participants: '{value}': digits are grouped by '{sep}', which is not a thousands "
        "separator here (write {plain})",
        "参与人数：“{value}”中的数字以“{sep}”分组，这里不是千位分隔符（应写作 {plain}）",
    ),
    "count_fraction": (
        "participants: '{value}' is a fraction ({fraction}); a count of participants is a whole number",
        "参与人数：“{value}”含小数（{fraction}），人数应为整数",
    ),
    "count_reversed_range": (
        "participants: '{value}' is a range whose lower bound {lo} is above its upper bound {hi}",
        "参与人数：“{value}”是范围，但下限 {lo} 大于上限 {hi}",
    ),
    "count_other_measure": (
        "participants: '{value}' counts '{word}', not a number of participants",
        "参与人数：“{value}”计量的是“{word}”，不是参与人数",
    ),
    "count_unknown": (
        "participants: '{value}' is not a count; loaded with the count unknown",
        "参与人数“{value}”不是数字，已按人数不详导入",
    ),
    "count_is_activities": (
        "participants: '{value}' counts activities, not participants",
        "参与人数：“{value}”是活动数量，不是参与人数",
    ),
    "count_negative": ("participants {value} is negative", "参与人数 {value} 为负数"),
    "count_absurd": ("participants {value} is absurd (more than {max})", "参与人数 {value} 不合理（超过 {max}）"),
    "count_absurd_text": (
        "participants '{value}' is absurd (more than {max})",
        "参与人数“{value}”不合理（超过 {max}）",
    ),
    # --- other cells
    "type_unknown_code": (
        "activity_type: unknown code '{value}' (expected one of {expected})",
        "活动类型：无法识别的代码“{value}”（请填写活动类型的中文名称或有效代码）",
    ),
    "text_too_long": (
        "{field} is too long ({length} characters, limit {limit})",
        "{field}过长（{length} 字，上限 {limit}）",
    ),
    "duplicate_id": (
        "duplicate record_id '{id}' with different content; first seen at {loc}",
        "记录编号 {id} 重复且内容不同；首次出现于 {loc}",
    ),
    "row_misaligned": (
        "row has {cells} cells but the header has {headers}: misaligned row (an unquoted delimiter?)",
        "该行有 {cells} 个单元格，表头只有 {headers} 列：行错位（可能有未加引号的分隔符）",
    ),
    "row_truncated": (
        "last row has {cells} of {headers} cells and the file does not end with a newline: truncated file",
        "最后一行只有 {cells}/{headers} 个单元格且文件末尾没有换行：文件不完整",
    ),
    "formula_no_value": (
        "{cell}: formula {formula} has no saved value (save the workbook in Excel to store it)",
        "{cell}：公式 {formula} 没有保存计算结果（请在 Excel 中打开并保存该工作簿）",
    ),
    # --- a whole file or sheet
    "encoding": ("encoding {encoding}", "文件编码：{encoding}"),
    "no_final_newline": ("no newline at the end: the last row may be cut", "文件末尾没有换行：最后一行可能不完整"),
    "lines_redecoded": (
        "{n} line(s) not in {encoding}: decoded line by line",
        "{n} 行不是 {encoding} 编码，已逐行识别编码",
    ),
    "fast_reader_declined": ("fast reader declined ({detail})", "快速读取未成功，已改用逐行读取"),
    "sheet_empty": ("sheet '{sheet}' is empty", "工作表“{sheet}”为空"),
    "ignored_columns": ("ignored columns: {columns}", "未识别、已忽略的列：{columns}"),
    "sheet_ignored_columns": (
        "sheet '{sheet}': ignored columns: {columns}",
        "工作表“{sheet}”：未识别、已忽略的列：{columns}",
    ),
    "totals_skipped": ("skipped {n} totals row(s): {locs}", "跳过 {n} 行合计行：{locs}"),
    "duplicates_folded": (
        "{n} exact duplicate row(s) folded into their first occurrence",
        "{n} 行与前面的行完全相同，已合并",
    ),
    "formulas_without_value": (
        "{n} formula cell(s) without a saved value read as empty: {cells}",
        "{n} 个公式单元格没有保存计算结果，按空值读取：{cells}",
    ),
    "counts_unknown": (
        "{n} row(s) with an unreadable participant count loaded with the count unknown: {locs}",
        "{n} 行的参与人数无法识别，已按人数不详导入：{locs}",
    ),
    "no_region_column": (
        "no region column (region/区/地区/district/province/city); headers found: {headers}",
        "缺少地区列（区、地区、省、市）；文件中的列：{headers}",
    ),
    "no_date_column": (
        "no date column (start_date/日期/活动日期/campaign_year/年份); headers found: {headers}",
        "缺少日期列（日期、活动日期、年份）；文件中的列：{headers}",
    ),
    "no_region_date_column": (
        "no region column (region/区/地区/district/province/city) and no date column "
        "(start_date/日期/活动日期/campaign_year/年份); headers found: {headers}",
        "缺少地区列（区、地区、省、市）和日期列（日期、活动日期、年份）；文件中的列：{headers}",
    ),
    "in_sheet": ("sheet '{sheet}': {inner}", "工作表“{sheet}”：{inner}"),
    "in_file": ("{file}: {inner}", "{file}：{inner}"),
    "no_header_sheet": ("no sheet with a header row", "没有带表头的工作表"),
    "file_empty": ("the file is empty", "文件为空"),
    "cannot_read": ("cannot read ({detail})", "无法读取（详细原因见英文界面）"),
    "unsupported_type": (
        "unsupported file type {suffix} (reads {supported})",
        "不支持的文件类型 {suffix}（可读取 {supported}）",
    ),
    "file_skipped": ("skipped {file}: {inner}", "跳过 {file}：{inner}"),
    # --- a file refused by the readers' limits and safety checks (etl.extract, etl.upload). The
    # English text of a third-party parser's error (`detail`) is kept for the log, not shown in Chinese.
    "too_many_rows": (
        "more than {limit} data rows (the limit, QM_MAX_ROWS); refused",
        "数据行超过 {limit} 行的上限（QM_MAX_ROWS），已拒绝",
    ),
    "too_many_rows_counted": (
        "{n} data rows, more than the limit of {limit} (QM_MAX_ROWS); refused",
        "共 {n} 行数据，超过 {limit} 行的上限（QM_MAX_ROWS），已拒绝",
    ),
    "too_many_cells": (
        "more than {limit} filled cells (the limit, QM_MAX_CELLS); refused",
        "有内容的单元格超过 {limit} 个的上限（QM_MAX_CELLS），已拒绝",
    ),
    "too_many_columns": (
        "the header has {n} columns, more than the limit of {limit} (QM_MAX_COLUMNS); refused",
        "表头有 {n} 列，超过 {limit} 列的上限（QM_MAX_COLUMNS），已拒绝",
    ),
    "cell_beyond_columns": (
        "row {row} has a value in column {column}, beyond the limit of {limit} columns (QM_MAX_COLUMNS); refused",
        "第 {row} 行第 {column} 列有内容，超出 {limit} 列的上限（QM_MAX_COLUMNS），已拒绝",
    ),
    "header_too_long": (
        "the first line is longer than {limit} bytes (QM_MAX_HEADER_BYTES); refused as a header no sheet has",
        "第一行超过 {limit} 字节（QM_MAX_HEADER_BYTES），不可能是表头，已拒绝",
    ),
    "encoding_unknown": (
        "cannot tell the text encoding (tried {tried}); save the file as UTF-8",
        "无法判断文件编码（已尝试 {tried}），请将文件另存为 UTF-8 编码",
    ),
    "decode_failed": ("cannot decode as {encoding} at byte {at}", "第 {at} 字节处无法按 {encoding} 编码读取"),
    "xml_unprotected": (
        "defusedxml is not installed; refusing to parse XLSX XML unprotected",
        "缺少安全解析组件（defusedxml），无法安全解析 XLSX，已拒绝（请联系管理员）",
    ),
    "workbook_unreadable": (
        "cannot open workbook: {detail}",
        "无法打开工作簿：文件已损坏或不是 Excel 工作簿（详细原因见英文界面）",
    ),
    "json_too_deep_file": (
        "JSON nested deeper than Python can read and not a list of records",
        "JSON 嵌套层数过深，且不是记录列表，无法读取",
    ),
    "json_no_records": ("a JSON object without a 'records' list", "JSON 对象中没有记录列表"),
    "json_not_records": (
        "JSON is neither a list of records nor {{'records': [...]}}",
        "JSON 既不是记录列表，也不是含记录列表的对象",
    ),
    "json_unreadable": ("not JSON or JSON lines: {inner}", "既不是 JSON 文件，也不是每行一条 JSON 记录的文件：{inner}"),
    "json_no_fields": ("no JSON objects with fields found", "没有找到带字段的 JSON 对象"),
    "json_line_invalid": ("not JSON: {detail}", "不是有效的 JSON（详细原因见英文界面）"),
    "json_not_object": (
        'not a JSON object (a record must be {{"field": value, ...}})',
        "不是 JSON 对象（每条记录应为“字段: 值”形式的对象）",
    ),
    "json_too_deep": (
        "record nested deeper than {depth} levels (QM_MAX_DEPTH); not read",
        "记录嵌套超过 {depth} 层（QM_MAX_DEPTH），未读取",
    ),
    "row_beyond_header": (
        "row has a value in column {column} but the header has {headers} columns: misaligned row",
        "该行第 {column} 列有内容，表头只有 {headers} 列：行错位",
    ),
    "unterminated_quote": (
        "unterminated quote: the quote opened on line {first} is never closed (it would swallow the "
        "{swallowed} line(s) after it, which are read on their own)",
        "引号未闭合：第 {first} 行开始的引号没有结束（其后的 {swallowed} 行已各自单独读取）",
    ),
    "not_structured": ("not a structured file type ({suffix})", "不是可读取的表格文件类型（{suffix}）"),
    "zip_unreadable": (
        "not a valid {suffix} file (zip container unreadable: {detail})",
        "不是有效的 {suffix} 文件：压缩包无法读取（详细原因见英文界面）",
    ),
    "zip_too_many_members": (
        "{n} zip members, more than the limit of {limit} (QM_MAX_MEMBERS); refused",
        "压缩包内有 {n} 个文件，超过 {limit} 个的上限（QM_MAX_MEMBERS），已拒绝",
    ),
    "zip_encrypted": ("member '{member}' is encrypted; refused", "压缩包内的“{member}”已加密，已拒绝"),
    "zip_member_too_big": (
        "member '{member}' inflates to {size} bytes (limit {limit}); refused as a possible zip bomb",
        "压缩包内的“{member}”解压后达 {size} 字节（上限 {limit}），疑似压缩炸弹，已拒绝",
    ),
    "zip_ratio": (
        "member '{member}' is compressed {ratio}:1 (limit {limit}:1, QM_MAX_RATIO); refused as a possible zip bomb",
        "压缩包内的“{member}”压缩比为 {ratio}:1（上限 {limit}:1，QM_MAX_RATIO），疑似压缩炸弹，已拒绝",
    ),
    "zip_inflated": (
        "inflates to {size} bytes in total (limit {limit}, QM_MAX_INFLATED_BYTES); refused",
        "解压后共 {size} 字节（上限 {limit}，QM_MAX_INFLATED_BYTES），已拒绝",
    ),
    "zip_not_document": (
        "a zip file but not a {suffix} document (no [Content_Types].xml or {required})",
        "是压缩包，但不是 {suffix} 文档（缺少 [Content_Types].xml 或 {required}）",
    ),
    "xml_entities": (
        "member '{member}' declares a DTD or entities ({detail}); refused as a possible XML bomb",
        "压缩包内的“{member}”声明了 DTD 或实体，疑似 XML 炸弹，已拒绝",
    ),
    "xml_malformed": (
        "member '{member}' is not well-formed XML: {detail}",
        "压缩包内的“{member}”不是格式正确的 XML（详细原因见英文界面）",
    ),
    "zip_member_unreadable": (
        "member '{member}' cannot be read: {detail}",
        "压缩包内的“{member}”无法读取（详细原因见英文界面）",
    ),
    "no_scope_record": (
        "no record of who uploaded it ({record}): files in the inbox come only through the Upload page, "
        "which records the uploader's districts; upload it again, or put an operator's file in data/sources",
        "没有上传者记录（{record}）：待导入目录中的文件只能经“上传”页面放入，该页面会记录上传者可上传的区；"
        "请重新上传，或由运维人员将文件放入数据源目录（data/sources）",
    ),
    "scope_record_other_file": (
        "its scope record names another file ('{other}'); upload it again",
        "其上传者记录对应的是另一个文件（“{other}”），请重新上传",
    ),
    # --- bulletins
    "item_cut_off": ("numbered item cut off: not read as an activity", "编号条目不完整，未作为活动读取"),
    "no_event_sentence": (
        "activity mentioned but no event sentence (date and action) found",
        "提到了活动，但没有找到含日期和动作的句子",
    ),
    "activity_no_region_date": ("activity without a resolvable region or date", "活动缺少可识别的地区或日期"),
    "activity_no_date": ("activity without a resolvable date", "活动缺少可识别的日期"),
    "no_activity": ("no activity found in the bulletin", "通报中没有找到活动"),
    "bulletin_unreadable": ("cannot read bulletin: {detail}", "无法读取通报（详细原因见英文界面）"),
    # --- uploads (access.uploads)
    "upload_stored": (
        "{file}: stored as {stored}; {n_ok} row(s) will load at the next ETL run, {n_bad} rejected",
        "{file}：已保存为 {stored}；下次 ETL 运行时将导入 {n_ok} 行，拒绝 {n_bad} 行",
    ),
    "upload_replaced": (
        "{file}: replaces the previous version of {stored}; {n_ok} row(s) will load at the next "
        "ETL run, {n_bad} rejected",
        "{file}：已替换之前的 {stored}；下次 ETL 运行时将导入 {n_ok} 行，拒绝 {n_bad} 行",
    ),
    "upload_same": (
        "{file}: already in the inbox as {stored} (same content); nothing new stored",
        "{file}：待导入目录中已有内容相同的 {stored}，未重复保存",
    ),
    "upload_nothing_loads": (
        "{file}: not stored: no row would load ({n_bad} rejected)",
        "{file}：未保存：没有可导入的行（拒绝 {n_bad} 行）",
    ),
    "upload_out_of_scope": (
        "{file}: not stored: {n} row(s) are outside your districts; remove them and upload again",
        "{file}：未保存：有 {n} 行不属于您可上传的区，请删除这些行后重新上传",
    ),
    "upload_etl_failed": (
        "{file}: the ETL could not read it ({detail})",
        "{file}：ETL 无法读取该文件，请确认文件完整后重新上传",
    ),
    "upload_type": (
        "{file}: file type {suffix} is not accepted; upload one of {allowed}",
        "{file}：不接受 {suffix} 类型的文件，请上传 {allowed} 文件",
    ),
    "upload_empty": ("{file}: the file is empty", "{file}：文件为空"),
    "upload_binary": (
        "{file}: binary content (an archive, PDF or program) under a text file type",
        "{file}：文件类型是文本，内容却是二进制（压缩包、PDF 或程序），已拒绝",
    ),
    "upload_nul": (
        "{file}: {n} NUL bytes from byte {at}; not a text file",
        "{file}：自第 {at} 字节起有 {n} 个空字节（NUL），不是文本文件",
    ),
    "upload_no_zip": (
        "{file}: not a {suffix} document (no zip signature)",
        "{file}：不是 {suffix} 文档（没有压缩包文件头）",
    ),
    "upload_html_deep": (
        "{file}: elements nested {depth} deep (limit {limit}); refused as an attack on the HTML parser",
        "{file}：元素嵌套 {depth} 层（上限 {limit}），疑似针对 HTML 解析器的攻击，已拒绝",
    ),
    "upload_not_read": ("{file}: the ETL does not read {suffix} files", "{file}：ETL 不读取 {suffix} 类型的文件"),
    "upload_check_slow": (
        "{file}: checking it took longer than {seconds} s (QM_UPLOAD_CHECK_SECONDS); refused",
        "{file}：检查用时超过 {seconds} 秒（QM_UPLOAD_CHECK_SECONDS），已拒绝",
    ),
    "upload_check_memory": (
        "{file}: checking it needed more than the {limit} MB allowed (QM_UPLOAD_CHECK_MEMORY_MB); refused ({detail})",
        "{file}：检查所需内存超过允许的 {limit} MB（QM_UPLOAD_CHECK_MEMORY_MB），已拒绝",
    ),
    "upload_check_failed": (
        "{file}: the ETL could not check it ({detail})",
        "{file}：ETL 无法检查该文件，请确认文件完整后重新上传",
    ),
    "upload_too_big": (
        "{file}: {size} bytes, more than the {limit}-byte limit",
        "{file}：{size} 字节，超过 {limit} 字节的上限",
    ),
    # --- prose without a code (shown as written in both languages)
    "text": ("{text}", "{text}"),
}

_LOCATOR = re.compile(r"\b(row|line|paragraph|item|record) (\d+)\b")
_LOCATOR_ZH = {
    "row": "第 {n} 行",
    "line": "第 {n} 行",
    "paragraph": "第 {n} 段",
    "item": "第 {n} 条",
    "record": "第 {n} 条记录",
}


@dataclass(frozen=True)
class Message:
    """One coded message: a key of TEMPLATES and the values its template names."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.code not in TEMPLATES:
            raise KeyError(f"unknown message code {self.code!r}")

    def as_dict(self) -> dict[str, Any]:
        """The JSON object stored in the warehouse."""
        return {"code": self.code, **{k: _plain(v) for k, v in self.params.items()}}

    def json(self) -> str:
        """One JSON object (the SQL of etl.validate joins such objects into an array)."""
        return json.dumps(self.as_dict(), ensure_ascii=False)

    def text(self, lang: str = "en") -> str:
        """The message in `lang` ('zh' or anything else for English)."""
        return _render_one(self.as_dict(), lang)

    def __str__(self) -> str:
        return self.text("en")


def msg(code: str, **params: Any) -> Message:
    """Shorthand: ``msg("region_unknown", field="region", value="火星区")``."""
    return Message(code, params)


def encode(messages: Iterable[Message]) -> str | None:
    """A JSON array of the messages; None when there are none."""
    items = [m.as_dict() for m in messages]
    return json.dumps(items, ensure_ascii=False) if items else None


def objects(messages: Iterable[Message]) -> str | None:
    """The messages as comma-joined JSON objects without brackets (a row's `_e_*` column; see etl.validate)."""
    items = [m.json() for m in messages]
    return ",".join(items) if items else None


def decode(value: object) -> list[dict[str, Any]]:
    """The message objects stored in `value` (a JSON array or object); [] when empty or not JSON."""
    if value is None or (isinstance(value, float) and value != value):
        return []
    if isinstance(value, (list, tuple)):
        return [v for v in value if isinstance(v, dict)]
    text = str(value).strip()
    if not text or text[0] not in "[{":
        return []
    try:
        data = json.loads(text)
    except ValueError:
        return []
    if isinstance(data, dict):
        return [data]
    return [d for d in data if isinstance(d, dict)] if isinstance(data, list) else []


def render(value: object, lang: str = "en", fallback: object = None) -> str:
    """Stored messages (JSON) in `lang`, joined; `fallback` text when `value` holds none.

    Args:
        value: A JSON array/object of messages (``rejects.reasons``, ``source_files.messages``).
        lang: 'zh' or 'en'.
        fallback: Plain text to show when there are no coded messages (a warehouse written
            before messages had codes); shown unchanged.
    """
    items = decode(value)
    if not items:
        if fallback is None or (isinstance(fallback, float) and fallback != fallback):
            return ""
        return str(fallback)
    return SEPARATOR["zh" if lang == "zh" else "en"].join(_render_one(d, lang) for d in items)


def first_code(value: object) -> str | None:
    """The code of the first stored message (for grouping rejects by reason)."""
    items = decode(value)
    return str(items[0].get("code")) if items else None


def locator_text(locator: object, lang: str) -> str:
    """Where in a file: 'a.csv row 3' -> 'a.csv 第 3 行' (zh); '' when missing."""
    if locator is None or (isinstance(locator, float) and locator != locator):
        return ""
    text = str(locator)
    if lang != "zh":
        return text
    return _LOCATOR.sub(lambda m: _LOCATOR_ZH[m[1]].format(n=m[2]), text)


def _plain(v: Any) -> Any:
    if isinstance(v, Message):
        return v.as_dict()
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    if v is None or isinstance(v, (str, int, float, bool, dict)):
        return v
    return str(v)


def _param(name: str, value: Any, lang: str) -> str:
    if isinstance(value, dict) and "code" in value:
        return _render_one(value, lang)
    if isinstance(value, list):
        sep = "、" if lang == "zh" else ", "
        return sep.join(_param(name, v, lang) for v in value)
    if value is None:
        return ""
    text = str(value)
    if lang != "zh":
        return text
    if name == "field":
        return FIELDS_ZH.get(text, text)
    if name == "encoding":
        return ENCODINGS_ZH.get(text.lower(), text)
    if name in ("loc", "locs"):
        return locator_text(text, lang)
    return text


def _render_one(item: Mapping[str, Any], lang: str) -> str:
    code = str(item.get("code"))
    pair = TEMPLATES.get(code)
    params = {k: _param(k, v, lang) for k, v in item.items() if k != "code"}
    if pair is None:
        return params.get("text") or json.dumps(dict(item), ensure_ascii=False)
    template = pair[1] if lang == "zh" else pair[0]
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return pair[0] if "{" not in pair[0] else json.dumps(dict(item), ensure_ascii=False)
