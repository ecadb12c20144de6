"""Display rules a regulator sees: local times, codes in words, empty cells empty, readable sources,
explained ETL messages, sorted year-on-year figures and a trend legend of distinct colours."""

from __future__ import annotations

import datetime as dt
import json
import re
from types import SimpleNamespace

import pandas as pd
import pytest

from analytics import charts, fmt
from analytics.filters import Filters
from analytics.i18n import code_label, locator_text, message_text
from domain.messages import TEMPLATES, encode, msg
from etl.upload import dry_run
from ui import nav, tables


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-11-22T02:58:04Z", "2026-11-22 10:58 (UTC+8)"),
        ("2026-11-22T02:58:04", "2026-11-22 10:58 (UTC+8)"),
        ("2026-11-22T20:30:00+00:00", "2026-11-23 04:30 (UTC+8)"),  # crosses midnight
        ("2026-11-22T10:58:00+08:00", "2026-11-22 10:58 (UTC+8)"),
        ("2025-12-31T16:00:00Z", "2026-01-01 00:00 (UTC+8)"),  # crosses the year
        (dt.datetime(2024, 9, 1, 1, 2, 3), "2024-09-01 09:02 (UTC+8)"),
        (pd.Timestamp("2024-09-01 23:59:59"), "2024-09-02 07:59 (UTC+8)"),
        (None, ""),
        (float("nan"), ""),
        (pd.NA, ""),
        (pd.NaT, ""),
        ("", ""),
        ("not a time", "not a time"),
    ],
)
def test_local_time(value, expected) -> None:
    assert fmt.local_time(value) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("seeds/004_0bce4af3382c1576.txt", ("004_0bce4af3382c1576.txt", "seeds")),
        ("a/b/c.csv", ("c.csv", "a/b")),
        # an upload by the name it was uploaded as: the scope prefix is internal (domain.uploads)
        ("inbox\\310104__徐汇.xlsx", ("徐汇.xlsx", "inbox")),
        ("all__mixed.csv", ("mixed.csv", "")),
        ("310104-310115__报表.csv", ("报表.csv", "")),
        ("seed__x.csv", ("seed__x.csv", "")),
        ("seed_activities.csv", ("seed_activities.csv", "")),
        ("demo", ("demo", "")),
        (None, ("", "")),
    ],
)
def test_split_source(source, expected) -> None:
    assert fmt.split_source(source) == expected


@pytest.mark.parametrize(
    ("kind", "code", "lang", "expected"),
    [
        ("status", "success", "zh", "成功"),
        ("status", "no_changes", "zh", "无变化"),
        ("status", "failed", "zh", "失败"),
        ("status", "ok", "zh", "正常"),
        ("status", "partial", "zh", "部分行被拒绝"),
        ("status", "unreadable", "zh", "无法读取"),
        ("status", "partial", "en", "some rows rejected"),
        ("status", "mystery", "zh", "mystery"),
        ("kind", "csv", "zh", "CSV 表格"),
        ("kind", "xlsx", "zh", "Excel 表格"),
        ("kind", "json", "zh", "JSON 文件"),
        ("kind", "bulletin", "zh", "通报"),
        ("kind", "demo", "zh", "演示数据（生成）"),
        ("kind", None, "zh", ""),
    ],
)
def test_code_label(kind, code, lang, expected) -> None:
    assert code_label(kind, code, lang) == expected


def _coded(*messages) -> str:
    return encode(list(messages))


@pytest.mark.parametrize(
    ("coded", "zh", "en"),
    [
        (_coded(msg("encoding", encoding="utf-8-sig")), "文件编码：UTF-8（带 BOM）", "encoding UTF-8 with BOM"),
        (
            _coded(msg("encoding", encoding="utf-8"), msg("ignored_columns", columns="备注, x")),
            "文件编码：UTF-8；未识别、已忽略的列：备注, x",
            "encoding UTF-8; ignored columns: 备注, x",
        ),
        (
            _coded(msg("sheet_ignored_columns", sheet="二期", columns="y")),
            "工作表“二期”：未识别、已忽略的列：y",
            "sheet '二期': ignored columns: y",
        ),
        (
            _coded(msg("lines_redecoded", n=3, encoding="utf-8")),
            "3 行不是 UTF-8 编码，已逐行识别编码",
            "3 line(s) not in UTF-8: decoded line by line",
        ),
        (
            _coded(msg("totals_skipped", n=2, locs=["row 9", "row 10"])),
            "跳过 2 行合计行：第 9 行、第 10 行",
            "skipped 2 totals row(s): row 9, row 10",
        ),
        (
            _coded(
                msg("date_out_of_range", field="start_date", value="1899-01-01", min="1978-01-01", max="2027-12-31")
            ),
            "开始日期 1899-01-01 超出范围（1978-01-01 至 2027-12-31）",
            "start_date 1899-01-01 is out of range (1978-01-01 to 2027-12-31)",
        ),
        (
            _coded(msg("date_unreadable", field="start_date", value="九月底")),
            "开始日期：无法识别日期“九月底”",
            "start_date: cannot read '九月底' as a date",
        ),
        (
            _coded(msg("duplicate_id", id="r1", loc="b.csv row 2")),
            "记录编号 r1 重复且内容不同；首次出现于 b.csv 第 2 行",
            "duplicate record_id 'r1' with different content; first seen at b.csv row 2",
        ),
        (
            _coded(msg("in_file", file="a.csv", inner=msg("no_region_date_column", headers="name, when"))),
            "a.csv：缺少地区列（区、地区、省、市）和日期列（日期、活动日期、年份）；文件中的列：name, when",
            "a.csv: no region column (region/区/地区/district/province/city) and no date column "
            "(start_date/日期/活动日期/campaign_year/年份); headers found: name, when",
        ),
        (_coded(msg("activity_no_date")), "活动缺少可识别的日期", "activity without a resolvable date"),
        ('[{"code": "from_a_later_version", "text": "kept as written"}]', "kept as written", "kept as written"),
        (None, "", ""),
    ],
)
def test_message_text_renders_codes_per_language(coded, zh, en) -> None:
    assert message_text(coded, "zh") == zh
    assert message_text(coded, "en") == en


def test_every_template_renders_in_both_languages_without_english_in_chinese() -> None:
    """Each code's Chinese template is Chinese: only parameters, file-format words and column names are Latin."""
    import re
    import string

    for code, (en, zh) in TEMPLATES.items():
        names = [f for _, f, _, _ in string.Formatter().parse(en) if f]
        # Chinese may leave out a parameter that only makes sense in English (a list of English codes)
        assert {f for _, f, _, _ in string.Formatter().parse(zh) if f} <= set(names), code
        if code == "text":
            continue
        prose = re.sub(r"\{\w+\}|\(.*?\)|（.*?）", "", zh)
        # Acronyms (ETL, CSV, UTF-8) and names (Excel, the encoding Big5) are how Chinese users name these
        # too; an English word is not.
        assert not re.search(r"[A-Z]?[a-z]{2,}", prose.replace("Excel", "").replace("Big5", "")), (code, zh)


def test_message_text_falls_back_to_stored_text() -> None:
    """A warehouse written before codes existed still shows its (English) text, never an empty cell."""
    assert message_text(None, "zh", fallback="encoding utf-8") == "encoding utf-8"


@pytest.mark.parametrize(
    ("locator", "lang", "expected"),
    [
        ("seed_activities.csv row 3", "zh", "seed_activities.csv 第 3 行"),
        ("paragraph 12", "zh", "第 12 段"),
        ("paragraph 12", "en", "paragraph 12"),
        (None, "zh", ""),
    ],
)
def test_locator_text(locator, lang, expected) -> None:
    assert locator_text(locator, lang) == expected


def _records() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "record_id": ["a", "b"],
            "district_adcode": ["310104", "310115"],
            "start_date": pd.to_datetime(["2024-09-01", "2024-09-02"]),
            "date_precision": ["month", "day"],
            "region": ["徐汇区", "上海市"],
            "province": ["上海市", "上海市"],
            "city": ["上海市", "上海市"],
            "district": ["徐汇区", None],
            "title": ["质量月启动仪式", None],
            "source": ["seeds/001_x.txt", "demo"],
            "source_excerpt": [None, "原文一句"],
            "activity_type": ["launch_ceremony", None],
            "industry": [None, "manufacturing"],
            "source_locator": ["seed.csv row 4", "demo row 7"],
            "participants": pd.array([120, None], dtype="Int64"),
        }
    ).astype({"title": "string", "source_excerpt": "string"})


def test_records_table_has_no_none_text_and_readable_sources() -> None:
    out = tables.records_table(_records(), "zh")
    cells = out.astype(str).to_numpy().ravel().tolist()
    assert "None" not in cells and "<NA>" not in cells
    assert list(out.columns[:5]) == ["开始日期", "地区", "标题", "来源", "原文摘录"]
    assert out["原文摘录"].tolist() == ["", "原文一句"]
    assert out["来源"].tolist() == ["001_x.txt", "演示数据（生成）"]
    assert out["活动类型"].tolist()[1] == "" and out["行业"].tolist()[0] == ""
    # a demo row's place in the words of its source, not the code 'demo' (audit16)
    assert out["来源位置"].tolist() == ["seed.csv 第 4 行", "演示数据（生成） 第 7 行"]
    assert "记录编号" not in out and "区代码" not in out
    # dates as precisely as they are known; the place at the record's own level, then its parts
    assert out["开始日期"].tolist() == ["2024年9月", "2024年9月2日"]
    assert out["地区"].tolist() == ["徐汇区", "上海市"]
    assert out["省份"].tolist() == ["上海市", "上海市"] and out["区"].tolist() == ["徐汇区", ""]
    assert "日期精度" not in out
    en = tables.records_table(_records(), "en")
    assert en["Start date"].tolist() == ["Sep 2024", "2 Sep 2024"]


def test_uploaded_files_are_shown_by_their_uploaded_name_on_every_table() -> None:
    """Uploads were listed as all__mixed.csv / 310115__… (the inbox name's scope prefix) in Records,
    Data status and the Upload page's message (audit13 row 16)."""
    records = _records()
    records["source"] = ["310115__浦东报表.csv", "all__mixed.csv"]
    assert tables.records_table(records, "zh")["来源"].tolist() == ["浦东报表.csv", "mixed.csv"]
    files = pd.DataFrame(
        {
            "source": ["all__mixed.csv"],
            "kind": ["csv"],
            "status": ["partial"],
            "rows_read": [8],
            "accepted": [2],
            "rejected": [6],
            "sha1": ["ab"],
            "message": [None],
        }
    )
    assert tables.files_table(files, "zh")["来源文件"].tolist() == ["mixed.csv"]
    counts = pd.DataFrame({"source": ["310115__浦东报表.csv"], "is_synthetic": [False], "records": [3]})
    assert tables.counts_table(counts, "en")["Source file"].tolist() == ["浦东报表.csv"]
    rejects = pd.DataFrame({"source": ["all__mixed.csv"], "locator": ["row 4"], "reason": ["x"], "raw": [None]})
    assert tables.rejects_table(rejects, "zh")["来源文件"].tolist() == ["mixed.csv"]
    stored = _coded(msg("upload_stored", file="mixed.csv", stored="all__mixed.csv", n_ok=2, n_bad=6))
    assert message_text(stored, "zh").startswith("mixed.csv：已保存为 mixed.csv；")
    assert "all__" not in message_text(stored, "en")


def test_files_table_counts_per_file_in_chinese() -> None:
    files = pd.DataFrame(
        {
            "source": ["bulletins/2023/徐汇通报.txt", "seed_activities.csv", "demo", "inbox/bad.xlsx"],
            "kind": ["bulletin", "csv", "demo", "xlsx"],
            "status": ["partial", "ok", "ok", "unreadable"],
            "rows_read": [12, 94, 6000, 0],
            "accepted": [10, 94, 6000, 0],
            "rejected": [2, 0, 0, 0],
            "sha1": ["ab", "cd", None, "ef"],
            "message": [None, "encoding utf-8-sig", None, "bad.xlsx: no sheet"],
            "messages": [
                None,
                _coded(msg("encoding", encoding="utf-8-sig")),
                None,
                _coded(msg("in_file", file="bad.xlsx", inner=msg("no_header_sheet"))),
            ],
        }
    )
    out = tables.files_table(files, "zh")
    assert list(out.columns) == ["来源文件", "类型", "状态", "读取行数", "接受", "拒绝", "信息", "所在文件夹", "SHA1"]
    assert out["来源文件"].tolist() == ["徐汇通报.txt", "seed_activities.csv", "演示数据（生成）", "bad.xlsx"]
    assert out["所在文件夹"].tolist() == ["bulletins/2023", "", "", "inbox"]
    assert out["状态"].tolist() == ["部分行被拒绝", "正常", "正常", "无法读取"]
    assert out["类型"].tolist() == ["通报", "CSV 表格", "演示数据（生成）", "Excel 表格"]
    assert out["信息"].tolist() == ["", "文件编码：UTF-8（带 BOM）", "", "bad.xlsx：没有带表头的工作表"]
    assert out["SHA1"].tolist()[2] == ""
    assert tables.file_totals(files) == {
        "files": 4,
        "unreadable": 1,
        "rows_read": 6106,
        "accepted": 6104,
        "rejected": 2,
    }


def test_runs_and_rejects_tables() -> None:
    runs = pd.DataFrame(
        {
            "run_id": ["r"],
            "started_at": [pd.Timestamp("2026-11-22 02:58:02")],
            "finished_at": [pd.NaT],
            "status": ["no_changes"],
            "message": [None],
        }
    )
    out = tables.runs_table(runs, "zh")
    assert out.iloc[0].tolist() == ["2026-11-22 10:58 (UTC+8)", "无变化", "", "", "r"]
    # Issue 14 item 12: the message comes right after the status, not cut off at the right edge.
    assert list(out.columns)[:3] == ["开始时间", "状态", "信息"]
    rejects = pd.DataFrame(
        {
            "source": ["bulletins/x.html", "a.csv"],
            "locator": ["paragraph 3", None],
            "reason": ["activity without a resolvable date", "a.csv: no sheet with a header row"],
            "raw": [None, '{"区": "?"}'],
            "reasons": [
                _coded(msg("activity_no_date")),
                _coded(msg("in_file", file="a.csv", inner=msg("no_header_sheet"))),
            ],
        }
    )
    out = tables.rejects_table(rejects, "zh")
    assert list(out.columns) == ["来源文件", "位置", "原因", "原始值"]
    assert out.iloc[0].tolist() == ["x.html", "第 3 段", "活动缺少可识别的日期", ""]
    assert out.iloc[1].tolist()[2] == "a.csv：没有带表头的工作表"


def test_upload_rejects_name_the_districts_not_bare_adcodes(tmp_path) -> None:
    """A 浦东新区 reporter's rejects read 区 310104 不在上传者可上传的区（310115）之内: codes nobody knows by heart."""
    path = tmp_path / "rep.csv"
    path.write_text(
        "region,start_date,title\n浦东新区,2024-09-10,甲\n徐汇区,2024-09-11,乙\n上海市,2024-09-12,丙\n",
        encoding="utf-8",
    )
    dry = dry_run(path, frozenset({"310115"}), None)
    names = {"zh": {"310104": "徐汇区", "310115": "浦东新区"}, "en": {"310104": "Xuhui", "310115": "Pudong"}}
    zh = tables.upload_rejects_table(dry.rejected, "zh", names["zh"].__getitem__)["原因"].tolist()
    assert zh == [
        "徐汇区（310104）不在上传者可上传的区之内；可上传的区：浦东新区（310115）",
        "记录没有区（全市范围的记录），不在上传者可上传的区之内；可上传的区：浦东新区（310115）",
    ], zh
    en = tables.upload_rejects_table(dry.rejected, "en", names["en"].__getitem__)["Reason"].tolist()
    assert en[0] == "district Xuhui (310104) is outside the uploader's districts (Pudong (310115))", en
    # without names (the CLI, a table read with SQL) the codes stay as stored
    assert "310104" in tables.upload_rejects_table(dry.rejected, "zh")["原因"][0]


def test_rejected_rows_raw_cells_read_as_the_files_words() -> None:
    """The 原始值 column showed the stored JSON: {"region":"火星区","start_date":"2024-09-11","title":"\\"未闭合…"}."""
    raw = json.dumps({"region": "火星区", "start_date": "2024-09-11", "title": '"未闭合', "industry": None, "x": ""})
    rejects = pd.DataFrame(
        {"locator": ["row 4", "(file)"], "reason": ["r", "f"], "reasons": [None, None], "raw": [raw, None]}
    )
    zh = tables.upload_rejects_table(rejects, "zh")["原始值"].tolist()
    assert zh == ['region：火星区；start_date：2024-09-11；title："未闭合', ""]
    assert (
        tables.upload_rejects_table(rejects, "en")["Raw values"][0]
        == 'region: 火星区; start_date: 2024-09-11; title: "未闭合'
    )
    rejects["source"] = ["a.csv", "b.csv"]
    assert tables.rejects_table(rejects, "zh")["原始值"].tolist() == zh
    assert tables.raw_cells("not json {", "zh") == "not json {"


def _audit_entry(**fields: object) -> SimpleNamespace:
    """One audit log entry (access.audit) as the Data status page reads it."""
    base = dict(at="2026-11-22T02:00:00Z", actor="alice", role=None, action="download", filters="{}", format="csv")
    return SimpleNamespace(**(base | dict(id=1, row_count=5, file_name="q.csv", detail=None) | fields))


def test_audit_table() -> None:
    entry = _audit_entry()
    out = tables.audit_table([entry], "zh")
    assert out.iloc[0]["时间"] == "2026-11-22 10:00 (UTC+8)"
    assert out.iloc[0]["操作"] == "下载" and out.iloc[0]["角色"] == "" and out.iloc[0]["详情"] == ""


def test_audit_table_chinese_names_every_filter_and_briefing_detail() -> None:
    """The Chinese audit log showed region：310000, 行业：manufacturing, 演示数据：0 and a briefing's detail as
    kind：briefing；语言：zh；level：district；parent：310100. Rows as the dashboard writes them (ui.access)."""
    f = Filters(
        years=(2022,),
        districts=("310000",),
        industries=("manufacturing",),
        activity_types=("training",),
        campaigns=("quality_month",),
        organizer_types=("enterprise",),
        include_demo=False,
        search="质量",
    )
    names = {"310000": "上海市", "310100": "上海市", "310115": "浦东新区"}
    entry = _audit_entry(
        role="analyst",
        filters=json.dumps(f.to_query_params() | {"scope": ["310115"]}),
        format="pdf",
        detail=json.dumps({"kind": "briefing", "lang": "zh", "level": "district", "parent": "310100"}),
    )
    row = tables.audit_table([entry], "zh", names.__getitem__).iloc[0]
    shown = f"{row['筛选条件']}；{row['详情']}"
    assert re.findall(r"[A-Za-z]{2,}", shown) == [], shown
    for part in ("地区：上海市（310000）", "行业：制造业", "演示数据：否", "可见区：浦东新区（310115）", "类别：简报"):
        assert part in shown, shown
    assert "上级地区：上海市（310100）" in shown and "语言：中文" in shown and "列出的地区层级：区县" in shown
    # English keeps the JSON as stored
    assert tables.audit_table([entry], "en").iloc[0]["Filters"] == entry.filters


YOY = pd.DataFrame(
    {
        "code": ["training", "launch_ceremony", "other", "forum_conference", "inspection_supervision"],
        "latest": [120, 50, 9, 30, 0],
        "previous": [100, 60, 0, 30, 7],
        "change_pct": pd.array([20.0, -16.666, None, 0.0, -100.0], dtype="Float64"),
    }
)


def test_yoy_chart_sorted_with_readable_labels() -> None:
    fig = charts.yoy_bars(YOY, "activity_type", 2025, "zh")
    bar = fig.data[0]
    # plotly draws the first category at the bottom: top of the chart = last = the new one, then the largest rise
    assert list(bar.y)[::-1] == ["其他", "培训讲座", "论坛会议", "启动仪式", "监督检查"]
    # no change reads 0% as on the KPI cards (it read +0.0% in green beside the cards' grey 0%)
    assert list(bar.text)[::-1] == ["<b>新增</b>", "<b>+20.0%</b>", "<b>0%</b>", "<b>-16.7%</b>", "<b>-100.0%</b>"]
    assert bar.textfont.size >= 12
    assert list(bar.customdata)[::-1][1] == "120（2024 年 100）"


def test_yoy_table_sorted_by_change() -> None:
    out = tables.yoy_table(YOY, "activity_type", 2025, "zh")
    assert list(out.columns) == ["活动类型", "2025", "2024", "增减", "同比"]
    assert out["活动类型"].tolist() == ["其他", "培训讲座", "论坛会议", "启动仪式", "监督检查"]
    assert out["同比"].tolist() == ["–", "+20.0%", "0%", "-16.7%", "-100.0%"]
    assert out["增减"].tolist() == ["+9", "+20", "+0", "-10", "-7"]


def test_trend_has_distinct_colours_and_a_rest_series() -> None:
    codes = [f"c{i:02d}" for i in range(14)]
    df = pd.DataFrame(
        [{"code": c, "year": y, "activities": 100 - i} for i, c in enumerate(codes) for y in (2023, 2024)]
    )
    fig = charts.breakdown_trend(df, "industry", "zh")
    colours = [tr.marker.color for tr in fig.data]
    assert len(fig.data) == charts.TREND_TOP + 1
    assert len(set(colours)) == len(colours)
    assert fig.data[-1].name == "其余 5 项"
    assert list(fig.data[-1].y) == [sum(100 - i for i in range(9, 14))] * 2
    # a breakdown that fits is drawn whole, no "rest"
    small = charts.breakdown_trend(df[df["code"].isin(codes[:5])], "industry", "zh")
    assert [tr.name for tr in small.data] == codes[:5]


def test_nav_aliases_cover_home_and_every_page_file_stem() -> None:
    aliases = nav.aliases()
    assert aliases["home"].default and aliases["overview"].default
    assert {k: v.url_path for k, v in aliases.items() if not v.default} == {
        "districts": "district-map",
        "industries": "industry-breakdown",
        "activity_types": "activity-types",
        "records": "record-list",
        "data_status": "data-status",
    }
    # no alias shadows a real address, and every file of app_pages/ has a page
    assert not set(aliases) & {p.url_path for p in nav.PAGES}
    files = {f.stem for f in nav.PAGES_DIR.glob("*.py") if f.stem != "__init__"}
    assert {p.stem for p in nav.PAGES} == files
    # no folder named pages/ beside dashboard.py: Streamlit would run it as a legacy multipage app,
    # listing its file names in the sidebar on a fresh server's first load (audit16 #15)
    assert nav.PAGES_DIR.name != "pages" and not (nav.PAGES_DIR.parent / "pages").exists()
    # a role without the records page gets no alias to it either
    viewer = tuple(p for p in nav.PAGES if p.policy_key not in ("record-list", "data-status", "upload"))
    assert "records" not in nav.aliases(viewer) and "data_status" not in nav.aliases(viewer)


def test_a_refused_sheet_is_named_by_the_uploaded_name_and_in_chinese(tmp_path) -> None:
    """A reporter's refused workbook read `310115__bomb.xlsx, sheet 'S'：第 1048576 行第 16,384 列…`: the inbox
    name's scope prefix and English in the Chinese reason, and one number grouped, the other not (audit16)."""
    from tests.etl.test_hostile_files import dimension_bomb

    path = tmp_path / "310115__bomb.xlsx"  # the name the Upload page stores it under
    path.write_bytes(dimension_bomb())
    dry = dry_run(path, frozenset({"310115"}), None)
    zh = tables.upload_rejects_table(dry.rejected, "zh")["原因"].tolist()
    assert zh == [
        "bomb.xlsx：工作表“S”：第 1,048,576 行第 16,384 列有内容，超出 1,000 列的上限（QM_MAX_COLUMNS），已拒绝"
    ], zh
    en = tables.upload_rejects_table(dry.rejected, "en")["Reason"].tolist()
    assert en == [
        "bomb.xlsx: sheet 'S': row 1,048,576 has a value in column 16,384, beyond the limit of 1,000 columns "
        "(QM_MAX_COLUMNS); refused"
    ], en
