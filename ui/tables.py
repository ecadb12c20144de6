"""Display frames for the dashboard's tables: codes labelled, times local, empty cells empty.

Pure pandas (no streamlit), so every rule is unit-tested without a server. Each function takes
the frame of one named query (analytics.queries) and returns a new frame whose columns are the
translated headers, in display order. Grains are those of the queries.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import pandas as pd

from analytics import fmt
from analytics.filters import DIMENSION_COLUMNS, DIMENSIONS, URL_KEYS
from analytics.i18n import VOCABULARIES, code_label, col, label, locator_text, message_text, t
from domain.messages import place_list
from domain.record import PARTICIPANT_COLUMNS
from domain.uploads import shown_name

RECORD_LABELLED = (
    "campaign",
    "activity_type",
    "industry",
    "organizer_type",
    "participants_unit",
    "participants_qualifier",
    "mode",
)
# Source and excerpt come right after the title: they are how a reader checks a record.
# The place at the record's own level leads; province, city and district follow the figures.
RECORD_ORDER = (
    "start_date",
    "region",
    "title",
    "source",
    "source_excerpt",
    "activity_type",
    "industry",
    "organizer",
    "organizer_type",
    *PARTICIPANT_COLUMNS,
    "theme",
    "campaign",
    "mode",
    "province",
    "city",
    "district",
    "year",
    "end_date",
    "source_locator",
    "is_synthetic",
)
RECORD_TEXT = (
    "title",
    "source_excerpt",
    "theme",
    "organizer",
    "source_locator",
    "region",
    "province",
    "city",
    "district",
)


source_label = fmt.source_label  # the file name ('004_x.txt'), or 'demo data (generated)'


def _text(series: pd.Series) -> pd.Series:
    # object dtype: a pandas string column would turn '' back into a missing cell for some writers
    return pd.Series([fmt.text_or_empty(v) for v in series], index=series.index, dtype=object)


def raw_cells(value: object, lang: str) -> str:
    """A rejected row's raw cells (stored as a JSON object, header -> cell) as the file's own words:
    区：火星区；日期：2024-09-11 (en: 区: 火星区; 日期: 2024-09-11), empty cells left out. Other text unchanged."""
    text = fmt.text_or_empty(value)
    if not text.startswith("{"):
        return text
    try:
        cells = json.loads(text)
    except ValueError:
        return text
    if not isinstance(cells, dict):
        return text
    colon, sep = ("：", "；") if lang == "zh" else (": ", "; ")
    return sep.join(f"{k}{colon}{v}" for k, v in cells.items() if v is not None and str(v).strip() != "")


def _headers(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    return df.rename(columns={c: col(c, lang) for c in df.columns})


def records_table(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Records page (grain: one row per activity): labels, readable source, no 'None' text."""
    out = rows.drop(columns=[c for c in ("record_id", "district_adcode", "adcode") if c in rows])
    if "date_precision" in out:
        # dates as precisely as they are known: 2022年9月, not 2022-09-01 (the precision is in the text)
        for name in ("start_date", "end_date"):
            if name in out:
                out[name] = pd.Series(
                    [fmt.date_text(v, p, lang) for v, p in zip(out[name], out["date_precision"], strict=True)],
                    index=out.index,
                    dtype=object,
                )
        out = out.drop(columns="date_precision")
    for name in RECORD_LABELLED:
        if name in out:
            out[name] = [label(name, v, lang) if isinstance(v, str) else "" for v in out[name]]
    for name in RECORD_TEXT:
        if name in out:
            out[name] = _text(out[name])
    if "source_locator" in out:
        out["source_locator"] = [fmt.locator_label(v, lang) for v in out["source_locator"]]
    if "source" in out:
        out["source"] = [source_label(v, lang) for v in out["source"]]
    order = [c for c in RECORD_ORDER if c in out] + [c for c in out if c not in RECORD_ORDER]
    return _headers(out[order], lang)


def _coded(out: pd.DataFrame, text: str, coded: str, lang: str, place_name: Callable[[str], str] | None = None) -> None:
    """Column `text` rendered in `lang` from the coded messages in `coded` (its English text when uncoded)."""
    if text not in out:
        return
    codes = out[coded] if coded in out else [None] * len(out)
    out[text] = [
        message_text(c, lang, fallback=v, place_name=place_name) for c, v in zip(codes, out[text], strict=True)
    ]


def runs_table(runs: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Recent ETL runs (grain: one row per run): local times, status in words, message explained."""
    out = runs.copy()
    for name in ("started_at", "finished_at"):
        if name in out:
            out[name] = [fmt.local_time(v) for v in out[name]]
    if "status" in out:
        out["status"] = [code_label("status", v, lang) for v in out["status"]]
    _coded(out, "message", "messages", lang)
    # The message right after the status: last, it was cut off at the table's right edge in English
    # (longer headers); the run id (also shown above the table) goes last.
    order = [
        "started_at",
        "status",
        "message",
        "rows_read",
        "rows_added",
        "rows_updated",
        "rows_unchanged",
        "rows_rejected",
        "finished_at",
        "run_id",
    ]
    return _headers(out[[c for c in order if c in out]], lang)


def files_table(files: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Files of the last run (grain: one row per input file, bulletins included): read/accepted/rejected.

    The file name leads; its folder gets a column of its own; the SHA-1 fingerprint goes last.
    """
    out = files.copy()
    split = [fmt.split_source(v) for v in out["source"]]
    out["folder"] = [folder for _name, folder in split]
    out["source"] = [source_label(v, lang) for v in out["source"]]
    out["kind"] = [code_label("kind", v, lang) for v in out["kind"]]
    out["status"] = [code_label("status", v, lang) for v in out["status"]]
    _coded(out, "message", "messages", lang)
    out["sha1"] = _text(out["sha1"])
    out = out.rename(columns={"source": "source_file"})
    order = ["source_file", "kind", "status", "rows_read", "accepted", "rejected", "message", "folder", "sha1"]
    return _headers(out[[c for c in order if c in out]], lang)


def counts_table(counts: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Record counts by source (grain: one row per source document and demo flag)."""
    out = counts.copy()
    split = [fmt.split_source(v) for v in out["source"]]
    out["folder"] = [folder for _name, folder in split]
    out["source"] = [source_label(v, lang) for v in out["source"]]
    if "is_synthetic" in out:
        out["is_synthetic"] = [t("yes" if v else "no", lang) for v in out["is_synthetic"]]
    out = out.rename(columns={"source": "source_file"})
    order = ["source_file", "folder", "is_synthetic", "records"]
    return _headers(out[[c for c in order if c in out]], lang)


def rejects_table(rejects: pd.DataFrame, lang: str, place_name: Callable[[str], str] | None = None) -> pd.DataFrame:
    """Rejected rows of the last run (grain: one row per reject): file, where, why, raw values.

    Args:
        place_name: adcode -> name in `lang`, so a reason names districts (徐汇区（310104）), not bare codes.
    """
    out = rejects.copy()
    out["source"] = [source_label(v, lang) for v in out["source"]]
    out["locator"] = [locator_text(v, lang) for v in out["locator"]]
    _coded(out, "reason", "reasons", lang, place_name)
    out["raw"] = [raw_cells(v, lang) for v in out["raw"]]
    out = out.rename(columns={"source": "source_file"})
    return _headers(out[["source_file", "locator", "reason", "raw"]], lang)


def upload_rejects_table(
    rejects: pd.DataFrame, lang: str, place_name: Callable[[str], str] | None = None
) -> pd.DataFrame:
    """Rejected rows of an upload's dry run (grain: one row per reject): where, why, raw values (`place_name`:
    as in ``rejects_table``)."""
    out = rejects.copy()
    out["locator"] = [locator_text(v, lang) if v != "(file)" else "" for v in out["locator"]]
    _coded(out, "reason", "reasons", lang, place_name)
    out["raw"] = [raw_cells(v, lang) for v in out["raw"]]
    return _headers(out[["locator", "reason", "raw"]], lang)


def file_totals(files: pd.DataFrame) -> dict[str, int]:
    """Totals over the files of the last run: files, unreadable files, rows read / accepted / rejected."""

    def total(name: str) -> int:
        return int(pd.to_numeric(files[name], errors="coerce").fillna(0).sum()) if name in files else 0

    return {
        "files": len(files),
        "unreadable": int((files["status"] == "unreadable").sum()) if len(files) else 0,
        "rows_read": total("rows_read"),
        "accepted": total("accepted"),
        "rejected": total("rejected"),
    }


def yoy_table(yoy: pd.DataFrame, kind: str, latest_year: int, lang: str) -> pd.DataFrame:
    """Year-on-year figures (grain: one row per code), sorted by change: the numbers behind the chart."""
    out = pd.DataFrame(
        {
            col(kind, lang): [label(kind, c, lang) for c in yoy["code"]],
            str(latest_year): [int(v) for v in yoy["latest"]],
            str(latest_year - 1): [int(v) for v in yoy["previous"]],
            col("change_abs", lang): [f"{int(v):+,}" for v in yoy["latest"] - yoy["previous"]],
            col("change_pct", lang): [fmt.fmt_pct(None if pd.isna(p) else float(p)) or "–" for p in yoy["change_pct"]],
            "_key": [float("inf") if pd.isna(p) else float(p) for p in yoy["change_pct"]],
        }
    )
    return out.sort_values("_key", ascending=False).drop(columns="_key").reset_index(drop=True)


AUDIT_ACTIONS = {"download": ("下载", "download"), "upload": ("上传", "upload")}


# Keys of the audit log's JSON columns (filters: URL keys of analytics.filters; detail: access.uploads
# and the Records download), named in Chinese for the Chinese view.
AUDIT_KEYS_ZH = {
    "year": "年份",
    "region": "地区",
    "district": "区",
    "industry": "行业",
    "type": "活动类型",
    "campaign": "专项活动",
    "org": "主办方类型",
    "demo": "演示数据",
    "q": "搜索",
    "scope": "可见区",
    "original_name": "原文件名",
    "bytes": "字节数",
    "sha256": "SHA-256",
    "stored_name": "保存为",
    "accepted": "将导入",
    "rejected": "被拒绝",
    "out_of_scope": "不属于可上传的区",
    "status": "状态",
    "stored": "已保存",
    "replaced": "替换旧文件",
    "message": "结果",
    "sort": "排序",
    "descending": "降序",
    "lang": "语言",
    "kind": "类别",
    "level": "列出的地区层级",
    "parent": "上级地区",
}
# Values of the audit log that are codes, in Chinese: the briefing's kind, the page language.
AUDIT_VALUES_ZH = {"kind": {"briefing": "简报"}, "lang": {"zh": "中文", "en": "English"}}
# URL key of a filter -> the vocabulary its codes belong to (industry=manufacturing -> 制造业).
_AUDIT_VOCAB = {
    key: DIMENSION_COLUMNS[dim]
    for key, dim in zip(URL_KEYS, DIMENSIONS, strict=False)
    if DIMENSION_COLUMNS[dim] in VOCABULARIES
}
_AUDIT_PLACES = ("region", "district", "parent", "scope")


def _audit_json(value: object, lang: str, place_name: Callable[[str], str] | None = None) -> str:
    """A JSON column of the audit log: as stored in English; in Chinese as 键：值 pairs with coded results,
    vocabulary codes, levels and (given `place_name`) places rendered in words, each place with its adcode."""
    text = fmt.text_or_empty(value)
    if lang == "en" or not text.startswith("{"):
        return text
    try:
        data = json.loads(text)
    except ValueError:
        return text
    notice = data.pop("notice", None)

    def show(key: str, v: object) -> str:
        if key == "message" and notice:
            return message_text([notice], lang)
        if isinstance(v, bool):
            return t("yes" if v else "no", lang)
        if v is None:
            return t("all", lang) if key == "scope" else ""
        if key == "status":
            return code_label("status", v, lang)
        if key == "sort":
            return col(str(v), lang)
        if key == "demo":  # only written as "0": demo rows left out
            return t("yes" if str(v) == "1" else "no", lang)
        if key == "level":
            return t(f"level_{v}", lang)
        if key in AUDIT_VALUES_ZH:
            return AUDIT_VALUES_ZH[key].get(str(v), str(v))
        items = v if isinstance(v, list) else str(v).split(",") if key in _AUDIT_VOCAB else None
        if key in _AUDIT_PLACES and place_name is not None:
            return place_list(",".join(str(x) for x in v) if isinstance(v, list) else str(v), lang, place_name)
        if items is None:
            return "、".join(str(x) for x in v) if isinstance(v, list) else str(v)
        return "、".join(label(_AUDIT_VOCAB[key], str(x), lang) for x in items)

    return "；".join(f"{AUDIT_KEYS_ZH.get(k, k)}：{show(k, v)}" for k, v in data.items())


def audit_table(entries: list, lang: str, place_name: Callable[[str], str] | None = None) -> pd.DataFrame:
    """Audit log (grain: one row per download or upload): local time, action in words, no 'None'.

    Args:
        place_name: adcode -> the place's name in `lang` (the Chinese view names the places of filters).
    """

    def action(code: object) -> str:
        pair = AUDIT_ACTIONS.get(str(code))
        return fmt.text_or_empty(code) if pair is None else pair[1 if lang == "en" else 0]

    rows = [
        {
            "at": fmt.local_time(e.at),
            "actor": fmt.text_or_empty(e.actor),
            "role": code_label("role", e.role, lang),
            "action": action(e.action),
            "format": fmt.text_or_empty(e.format),
            "row_count": e.row_count,
            "file_name": shown_name(fmt.text_or_empty(e.file_name)),
            "filters": _audit_json(e.filters, lang, place_name),
            "detail": _audit_json(e.detail, lang, place_name),
        }
        for e in entries
    ]
    columns = ["at", "actor", "role", "action", "format", "row_count", "file_name", "filters", "detail"]
    return _headers(pd.DataFrame(rows, columns=columns), lang)
