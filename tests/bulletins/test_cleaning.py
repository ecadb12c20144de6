"""Cleaning: pinyin annotations, Traditional -> Simplified, full-width forms, offsets back to the original."""

from __future__ import annotations

import pytest

from etl.bulletins.cleaning import clean_line, clean_paragraphs


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("質(zhì)量", "质量"),
        ("國(guó)務(wù)院", "国务院"),
        ("(集團(tuán))", "(集团)"),
        ("上海汽車(集團(tuán))股份有限公司", "上海汽车(集团)股份有限公司"),
        ("質（zhì）量", "质量"),
        ("燃?xì)氣安全", "燃气安全"),
        ("ISO(International)", "ISO(International)"),
        ("中国(China)", "中国(China)"),
        ("(ABC)公司", "(ABC)公司"),
        ("(2022年)", "(2022年)"),
        ("(以下简称“得物公司”)", "(以下简称“得物公司”)"),
        ("質量月", "质量月"),
        ("９月１日，", "9月1日,"),
        ("「质量月」", "“质量月”"),
        ("主題：“質量強國”", "主题:“质量强国”"),
        ("活動(dòng)啟動(dòng)儀式", "活动启动仪式"),
        ("plain English (not pinyin)", "plain English (not pinyin)"),
    ],
)
def test_clean_line(raw, clean):
    got, offsets = clean_line(raw)
    assert got == clean
    assert len(offsets) == len(got)


def test_offsets_point_back_to_original_text():
    [p] = clean_paragraphs("9月1日，嘉定區(qū)舉辦質(zhì)量月活動(dòng)。")
    start = p.text.index("嘉定区")
    assert p.original_span(start, start + 3) == "嘉定區"
    assert p.original_span(start, start + 5) == "嘉定區(qū)舉辦"
    assert p.original_span(0, len(p.text)) == p.original


def test_blank_lines_are_not_paragraphs():
    paras = clean_paragraphs("标题\n\n   \n正文第一段。\n　\n正文第二段。")
    assert [p.index for p in paras] == [1, 2, 3]
    assert paras[2].text == "正文第二段。"
