"""The DOCX/PDF briefing, written and read back: figures equal the query layer's, every district accounted for,
images present, an empty selection says so, a scoped briefing holds only its districts."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pandas as pd
import pytest
from docx.oxml.ns import qn

from analytics import briefing, fmt, i18n, queries
from analytics.briefing import fonts as fonts_mod
from analytics.briefing.text import s
from analytics.db import Warehouse
from analytics.filters import Filters

ROOT = Path(__file__).resolve().parents[2]
# Written from public fact, not read from the app.
SHANGHAI = {
    "310101": "黄浦区",
    "310104": "徐汇区",
    "310105": "长宁区",
    "310106": "静安区",
    "310107": "普陀区",
    "310109": "虹口区",
    "310110": "杨浦区",
    "310112": "闵行区",
    "310113": "宝山区",
    "310114": "嘉定区",
    "310115": "浦东新区",
    "310116": "金山区",
    "310117": "松江区",
    "310118": "青浦区",
    "310120": "奉贤区",
    "310151": "崇明区",
}


def poppler(tool: str) -> str:
    exe = shutil.which(tool)
    if exe is None:
        if os.environ.get("QM_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{tool} missing: scripts/install_poppler.sh installs poppler-utils")
        pytest.skip(f"{tool} missing (apt-get install poppler-utils)")
    return exe


def pdf_text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "b.pdf"
    path.write_bytes(data)
    return subprocess.run(
        [poppler("pdftotext"), "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def pdf_images(data: bytes, tmp_path: Path) -> int:
    path = tmp_path / "i.pdf"
    path.write_bytes(data)
    out = subprocess.run([poppler("pdfimages"), "-list", str(path)], capture_output=True, text=True, check=True).stdout
    return sum(1 for line in out.splitlines()[2:] if line.strip())


def docx_text(data: bytes) -> tuple[str, list[list[list[str]]], int]:
    d = docx.Document(io.BytesIO(data))
    text = "\n".join(p.text for p in d.paragraphs)
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in d.tables]
    return text, tables, len(d.inline_shapes)


@pytest.fixture(scope="module")
def wh(tmp_path_factory) -> Warehouse:
    from etl.pipeline import run_pipeline

    db = tmp_path_factory.mktemp("briefing") / "quality.duckdb"
    run_pipeline([ROOT / "data" / "sources"], db, demo=True, progress=False)
    return Warehouse(db)


@pytest.fixture(scope="module")
def real_2022(wh):
    # 2022 · 上海市 · real data only: the place picked is Shanghai, so the map level is its 16 districts
    f = Filters(years=(2022,), districts=("310000",), include_demo=False)
    b = briefing.prepare(wh, f, "zh")
    assert b.level == queries.SHANGHAI_DISTRICTS
    return f, b, briefing.write(b, "docx"), briefing.write(b, "pdf")


def test_docx_holds_the_query_layers_figures(wh, real_2022) -> None:
    f, b, data, _pdf = real_2022
    text, tables, images = docx_text(data)
    assert b.title == "2022年上海市“质量月”活动情况简报" and b.title in text
    k = queries.kpis(wh, f)
    kpi = {row[0]: row[1] for row in tables[0][1:]}
    assert kpi["活动数"] == fmt.fmt_int(k.total.activities) == "85"
    assert kpi["有活动的区"] == fmt.fmt_int(k.total.districts)
    assert kpi["主办单位"] == fmt.fmt_int(k.total.organizers)
    for unit, label in (("people", "人"), ("person_times", "人次")):
        total, qualifier = k.total.participants[unit]
        assert kpi[f"参与规模 · {label}"] == fmt.fmt_total(total, qualifier, "zh")
    # every district either with its figure or "not reported", in the completeness table
    status = next(t for t in tables if t[0][0] == "区" and "报送情况" in t[0])
    rows = {r[0]: r for r in status[1:]}
    assert set(rows) == set(SHANGHAI.values())
    counts = queries.view_figures(wh, f, "310100").children.set_index("name_zh")["activities"]
    for name, row in rows.items():
        value = counts.get(name)
        assert row[1] == ("未报送" if pd.isna(value) else fmt.fmt_int(value)), name
    assert "未报送的区（6个）" in text
    assert images >= 3
    assert "2022 · 上海市 · 仅真实数据" in text
    assert "演示数据已排除" in text and "1 个来源文件" in text


def test_pdf_reads_back_with_the_same_figures(wh, real_2022, tmp_path) -> None:
    f, b, _docx, data = real_2022
    assert data.startswith(b"%PDF")
    text = pdf_text(data, tmp_path)
    assert b.title in text
    assert re.search(r"活动数\s+85\s", text)
    for name in SHANGHAI.values():
        assert name in text, name
    assert pdf_images(data, tmp_path) >= 3
    fonts = subprocess.run([poppler("pdffonts"), str(tmp_path / "i.pdf")], capture_output=True, text=True).stdout
    assert "NotoS" in fonts and all(" yes " in line for line in fonts.splitlines()[2:] if line.strip())


def test_narrative_is_written_from_the_numbers(wh, real_2022) -> None:
    f, b, _d, _p = real_2022
    first = b.narrative["overall"]
    assert first.startswith("2022年，上海市共报送“质量月”相关活动85项，涉及10个区")
    assert "2021年在所选范围内没有报送活动" in first
    assert "报送率62.5%" in b.narrative["districts"]
    assert "另有40项活动未注明具体区（如全市性活动）" in b.narrative["districts"]
    assert not any("上海市以外" in line for line in b.data_note)
    # the demo rows left out are the selection's (2022, 上海市), not the warehouse's 6,000: said so
    n = queries.demo_rows(wh, f)
    assert 0 < n < wh.rows("SELECT count(*) FROM activities WHERE is_synthetic")[0][0]
    assert f"演示数据已排除：所选范围内另有 {n:,} 条生成的演示记录，未计入本简报。" in b.data_note, b.data_note
    # section 3 is headed 行业与活动类型: it names the leading activity types too, from the query layer
    types = queries.breakdown(wh, f, "activity_type")
    lead = [r for r in types.itertuples() if r.code != "other"][:3]
    named = "、".join(f"{i18n.label('activity_type', r.code, 'zh')}（{r.activities}项）" for r in lead)
    assert f"从活动类型看，以{named}居多。" in b.narrative["industries"], b.narrative["industries"]


def test_no_place_picked_lists_provinces(wh) -> None:
    b = briefing.prepare(wh, Filters(years=(2022,), include_demo=False), "zh")
    assert b.title == "2022年全国“质量月”活动情况简报"
    assert b.level == queries.RegionLevel("province", None)
    assert b.completeness.expected == 31 and sorted(b.completeness.reported) == ["310000", "370000", "450000"]
    assert b.narrative["districts"].startswith("从各省份看，上海市（85项）")


def test_shanghai_level_without_a_pick_counts_the_rest_apart(wh) -> None:
    # three of the 88 real 2022 activities are out-of-town enterprises named in Shanghai's bulletins
    b = briefing.prepare(wh, Filters(years=(2022,), include_demo=False), "zh", queries.SHANGHAI_DISTRICTS)
    assert b.narrative["overall"].startswith("2022年，共报送“质量月”相关活动88项（其中上海市85项，上海市以外3项）")
    assert any(line.startswith("另有 3 项活动在上海市以外") for line in b.data_note)
    assert b.narrative["same_period"].startswith("截至9月14日，2022年可确认日期的活动")
    assert b.narrative["industries"].startswith("从行业看，")


def test_english_briefing(wh, tmp_path) -> None:
    b = briefing.prepare(wh, Filters(years=(2024,), districts=("310000",)), "en")
    assert b.title == "Shanghai Quality Month 2024: briefing"
    text = pdf_text(briefing.write(b, "pdf"), tmp_path)
    assert "Overview" in text and "Reporting completeness" in text and "Pudong" in text
    assert b.narrative["overall"].startswith("In 2024, Shanghai reported 732 Quality Month activities in 16 districts")
    assert "demo" in text  # the demo rows are flagged
    d_text, _t, images = docx_text(briefing.write(b, "docx"))
    assert "includes" in d_text and images >= 3


def test_empty_selection_says_so_without_charts(wh, tmp_path) -> None:
    b = briefing.prepare(wh, Filters(years=(1990,)), "zh")
    assert b.empty and b.images == []
    text, tables, images = docx_text(briefing.write(b, "docx"))
    assert s("no_data", "zh") in text and images == 0 and tables == []
    pdf = briefing.write(b, "pdf")
    assert "没有活动记录" in pdf_text(pdf, tmp_path) and pdf_images(pdf, tmp_path) == 0


def test_scoped_briefing_holds_only_its_districts(wh, tmp_path) -> None:
    f = Filters(years=(2024,), districts=("310000",), scope=("310104",))  # a scoped user opens on their province
    b = briefing.prepare(wh, f, "zh")
    assert b.title == "2024年上海市徐汇区“质量月”活动情况简报"
    text, tables, _i = docx_text(briefing.write(b, "docx"))
    everything = text + "\n".join("|".join(c) for t in tables for row in t for c in row)
    everything += pdf_text(briefing.write(b, "pdf"), tmp_path)
    others = [n for a, n in SHANGHAI.items() if a != "310104" and n in everything]
    assert others == [] and "徐汇区" in everything
    assert queries.kpis(wh, f).total.activities == int(tables[0][1][1].replace(",", ""))


def test_no_cjk_font_is_a_clear_error(monkeypatch) -> None:
    monkeypatch.setenv("QM_CJK_FONT", "/no/such/font.ttc")
    fonts_mod.fonts.cache_clear()
    try:
        with pytest.raises(fonts_mod.BriefingFontError, match="QM_CJK_FONT=/no/such/font.ttc"):
            fonts_mod.fonts()
    finally:
        monkeypatch.delenv("QM_CJK_FONT")
        fonts_mod.fonts.cache_clear()


def test_file_name_is_safe() -> None:
    assert briefing.file_name("2022年上海市“质量月”活动情况简报", "pdf") == "2022年上海市质量月活动情况简报.pdf"
    assert briefing.file_name('a/b:c*"', "docx") == "abc.docx"


def test_pdf_lines_never_split_a_number_or_start_with_closing_punctuation() -> None:
    from fpdf import FPDF

    from analytics.briefing.pdf import add_fonts, lines

    pdf = FPDF()
    add_fonts(pdf)
    pdf.set_font("serif", "", 11)
    text = (
        "2022年，共报送“质量月”相关活动88项（其中上海市85项，上海市以外3项），涉及10个区、16家主办单位，"
        "参与规模合计约94人、至少3,000人次、约100家单位（不同计量单位分列）。2021年在所选范围内没有报送活动，"
        "暂无同比数据。Against 2023 (693), activities in 2024 were up 6.2%."
    )
    for width in (60.0, 90.0, 120.0, 166.0):
        got = lines(pdf, text, width)
        assert "".join(got).replace(" ", "") == text.replace(" ", "")
        for a, b in zip(got, got[1:], strict=False):
            assert not (a[-1].isdigit() and b[0].isdigit()), (width, a, b)  # no number cut in two
            assert b[0] not in "，。、；：）%,.)", (width, b)
            assert a[-1] not in "（“(", (width, a)
        assert all(pdf.get_string_width(line) <= width + pdf.get_string_width("，。") for line in got)


@pytest.mark.parametrize(("lang", "words"), [("zh", "演示数据（生成）"), ("en", "demo data (generated)")])
def test_data_note_names_the_demo_source_in_words(wh, lang: str, words: str) -> None:
    """The data note listed its sources as `1 个来源文件（demo）`: the code, in English (audit16)."""
    b = briefing.prepare(wh, Filters(years=(2024,), districts=("310000",)), lang)
    line = next(x for x in b.data_note if x.startswith(("数据来源", "Sources")))
    assert words in line and "(demo)" not in line and "（demo）" not in line


def test_one_district_is_said_to_have_reported_not_ranked_first_of_one(wh) -> None:
    """A district's briefing read 从各区看，浦东新区（164项）活动数居前。2024年，1个区中已有1个区报送活动，报送率100.0%，
    各区均已报送; a province whose one record names no district read 涉及0个区, in English '1 districts' (audit16)."""
    b = briefing.prepare(wh, Filters(years=(2024,), districts=("310115",)), "zh")
    assert b.narrative["districts"] == "2024年，浦东新区已报送活动。"
    b = briefing.prepare(wh, Filters(years=(2024,), districts=("310115",)), "en")
    assert b.narrative["districts"] == "In 2024, Pudong New Area reported activities."
    assert " in 1 district, held by " in b.narrative["overall"]
    hunan = Filters(years=(2025,), districts=("430000",))  # one city-level record (湘潭市), no district
    assert "0个区" not in briefing.prepare(wh, hunan, "zh").narrative["overall"]
    assert (
        briefing.prepare(wh, hunan, "en")
        .narrative["overall"]
        .startswith("In 2025, Hunan reported 1 Quality Month activity, held by 1 organiser.")
    )
    # a level with many regions still ranks them
    assert (
        briefing.prepare(wh, Filters(years=(2024,), districts=("310000",)), "zh")
        .narrative["districts"]
        .startswith("从各区看，浦东新区")
    )


def test_the_national_maps_small_regions_are_named_apart_and_taiwan_is_drawn(wh, monkeypatch) -> None:
    """The column naming small regions was spaced for Shanghai (0.06°): on the country's map 北京、天津、上海、香港、
    澳门 were printed over one another ('上海 85' unreadable). Taiwan, expected to report or not, is on the map."""
    from matplotlib.text import Text

    from analytics.briefing import images

    axes = []
    label_regions = images._label_regions

    def spy(ax, labels, shapes, norm, lang):
        axes.append((ax, shapes))
        return label_regions(ax, labels, shapes, norm, lang)

    monkeypatch.setattr(images, "_label_regions", spy)
    b = briefing.prepare(wh, Filters(years=(2022,), include_demo=False), "zh")
    assert images.district_map(b) is not None
    (ax, shapes), renderer = axes[0], axes[0][0].figure.canvas.get_renderer()
    assert "710000" in set(shapes["adcode"])
    column = [a for a in ax.texts if getattr(a, "arrow_patch", None) is not None]
    assert {a.get_text().split()[0] for a in column} >= {"北京", "天津", "上海", "香港", "澳门"}
    boxes = [Text.get_window_extent(a, renderer) for a in column]  # the text, not its leader line
    overlapping = [
        (column[i].get_text(), column[j].get_text())
        for i in range(len(boxes))
        for j in range(i)
        if boxes[i].overlaps(boxes[j])
    ]
    assert not overlapping


def test_docx_sections_are_word_headings(real_2022) -> None:
    """Every section heading was a Normal paragraph in bold: Word's navigation pane and a table of contents
    listed nothing, and a long table's header row was not repeated on the next page."""
    _f, b, data, _pdf = real_2022
    d = docx.Document(io.BytesIO(data))
    styled = {p.text: p.style.name for p in d.paragraphs if p.text.strip()}
    assert styled[b.title] == "Title"
    headings = [t for t, style in styled.items() if style == "Heading 1"]
    assert headings[:2] == ["一、总体情况", "二、各区情况"] and "六、数据说明" in headings
    assert all(style == "Normal" for t, style in styled.items() if t.startswith("2022年，"))
    ruled = next(p for p in d.paragraphs if p._p.pPr is not None and p._p.pPr.find(qn("w:pBdr")) is not None)
    children = [c.tag.split("}")[1] for c in ruled._p.pPr]
    assert children.index("pBdr") < children.index("spacing") < children.index("jc")  # schema order
    assert all(t.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None for t in d.tables)
    # the styles' theme fonts would win over the runs' 宋体/黑体 in Word: none is left
    for name in ("Title", "Heading 1"):
        fonts = d.styles[name].element.rPr.find(qn("w:rFonts"))
        assert fonts is None or not any(k.endswith("Theme") or k.endswith("theme") for k in fonts.attrib), name


@pytest.mark.parametrize(
    ("lang", "said"),
    [("zh", "从各省份看，只有湖南省（1项）有活动。"), ("en", "Only Hunan (1) had activities among the provinces.")],
)
def test_the_only_region_with_activities_is_not_said_to_lead(wh, lang: str, said: str) -> None:
    """2025, real data, the whole country: one province had one activity and the briefing said 湖南省（1项）活动数居前."""
    b = briefing.prepare(wh, Filters(years=(2025,), include_demo=False), lang)
    assert len(b.top_districts) == 1
    assert b.narrative["districts"].startswith(said), b.narrative["districts"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_year_picked_is_titled_with_every_year_its_totals_cover(wh, lang: str) -> None:
    """With no year picked (the page's default) the briefing was titled and opened with its latest year alone,
    `2025年上海市…简报`, `2025年，上海市共报送…6,085项`, while 6,085 is every year's total (2025 alone: 760), and
    went on `与2024年相比（732项），2025年活动数增长3.8%` (audit18)."""
    from analytics.briefing.content import build

    b = build(wh, Filters(districts=("310000",)), lang)
    (first, latest, total), (in_latest,) = (
        wh.rows("SELECT min(year), max(year), count(*) FROM activities WHERE province_adcode = '310000'")[0],
        wh.rows(
            "SELECT count(*) FROM activities WHERE province_adcode = '310000' AND year = "
            "(SELECT max(year) FROM activities)"
        )[0],
    )
    assert first < latest and in_latest < total
    span = f"{first}–{latest}"
    overall = b.narrative["overall"]
    if lang == "zh":
        assert b.title == f"{span}年上海市“质量月”活动情况简报"
        assert overall.startswith(f"{span}年，上海市共报送“质量月”相关活动{total:,}项"), overall
        assert f"其中{latest}年{in_latest:,}项。" in overall
    else:
        assert b.title == f"Shanghai Quality Month {span}: briefing"
        assert overall.startswith(f"In {span}, Shanghai reported {total:,} Quality Month activities"), overall
        assert f"Of these, {in_latest:,} were in {latest}." in overall
    # a year picked is still that year
    assert build(wh, Filters(years=(latest,), districts=("310000",)), lang).title.count(str(latest)) == 1


@pytest.mark.parametrize(
    ("lang", "said"),
    [("zh", "另有2项活动未注明具体市（如全省性活动）。"), ("en", "2 more activities name no city (province-wide ones")],
)
def test_a_provinces_own_records_are_called_province_wide(wh, lang: str, said: str) -> None:
    """山东省's cities: its two records naming the province only were said to be 全市性 / city-wide (audit18); the
    list now expects its 16 cities (0 of 16 reported, not `Every city reported.`)."""
    from analytics.briefing.content import build

    b = build(wh, Filters(years=(2022,), districts=("370000",), include_demo=False), lang)
    assert b.level == queries.RegionLevel("city", "370000", "province")
    assert b.completeness.expected == 16 and not b.completeness.reported
    assert said in b.narrative["districts"], b.narrative["districts"]
    assert "Every city reported" not in b.narrative["districts"] and "各市均已报送" not in b.narrative["districts"]
