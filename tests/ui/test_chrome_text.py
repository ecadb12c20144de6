"""Streamlit's own English words on the Chinese UI (screen-reader labels, placeholders, the data grid's
column menu and search box): the tables the page script of ui.components uses to retext them."""

from __future__ import annotations

import json
import re

import pytest

from analytics.i18n import STREAMLIT_CHROME_TEMPLATES_ZH, STREAMLIT_CHROME_ZH, STREAMLIT_TOOLBAR
from ui.components import CHROME_SCRIPT_ZH

LATIN_WORD = re.compile(r"[A-Za-z]*[a-z][A-Za-z]*")


def retext(value: str) -> str | None:
    """What the page script does with one attribute or text (its `zh` function, in Python)."""
    k = value.strip()
    if k in STREAMLIT_CHROME_ZH or k in STREAMLIT_TOOLBAR:
        return {**STREAMLIT_TOOLBAR, **STREAMLIT_CHROME_ZH}[k]
    for pattern, zh in STREAMLIT_CHROME_TEMPLATES_ZH:
        m = re.match(pattern, k)
        if m:
            y = m.group(2) if m.lastindex and m.lastindex > 1 else None
            out = zh.replace("{x}", retext(m.group(1)) or m.group(1))
            return out.replace("{y}", "" if y is None else retext(y) or y)
    return None


@pytest.mark.parametrize(
    ("english", "chinese"),
    [
        ("Collapse sidebar", "收起侧边栏"),
        ("Choose an option", "请选择"),
        ("年份 — start", "年份 — 起点"),
        ("年份 — end", "年份 — 终点"),
        ("day, 截至日期（每年同一天）", "日，截至日期（每年同一天）"),
        ("12 – December", "12月"),
        ("Sort ascending", "升序排列"),
        ("Show/hide columns", "显示或隐藏列"),
        ("4 results", "4 处匹配"),
        ("2 of 4 results", "第 2 处，共 4 处匹配"),
        ("1 of over 1000", "第 1 处，共 超过 1000 处匹配"),
        ("Top values frequency chart: 2024年9月: 4 (8%)", "最常见取值的频数图：2024年9月: 4 (8%)"),
        # the file uploader's refusals (audit16: an oversized file read "Error: File must be 25.0MB or smaller.")
        ("Error: ", "错误："),
        ("File must be 25.0MB or smaller.", "文件不能超过 25.0MB。"),
        ("application/x-msdownload files are not allowed.", "不接受 application/x-msdownload 类型的文件。"),
        (" files are not allowed.", "不接受这种类型的文件。"),
        ("Cancel upload of 报表.csv", "取消上传 报表.csv"),
    ],
)
def test_streamlit_texts_are_retexted(english: str, chinese: str) -> None:
    assert retext(english) == chinese


def test_our_own_and_unknown_texts_are_left_alone() -> None:
    assert retext("行业") is None
    assert retext("Some new Streamlit label") is None  # stays English: the browser test then fails on it


def test_the_chinese_texts_hold_no_english_word() -> None:
    texts = list(STREAMLIT_CHROME_ZH.values()) + [
        zh.replace("{x}", "").replace("{y}", "") for _p, zh in STREAMLIT_CHROME_TEMPLATES_ZH
    ]
    assert [t for t in texts if LATIN_WORD.search(t)] == []


def test_the_page_script_carries_both_tables() -> None:
    for en, zh in {**STREAMLIT_TOOLBAR, **STREAMLIT_CHROME_ZH}.items():
        assert f"{json.dumps(en, ensure_ascii=False)}: {json.dumps(zh, ensure_ascii=False)}" in CHROME_SCRIPT_ZH
    for pattern, zh in STREAMLIT_CHROME_TEMPLATES_ZH:
        assert json.dumps([pattern, zh], ensure_ascii=False) in CHROME_SCRIPT_ZH
