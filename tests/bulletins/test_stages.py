"""Each stage of the reader on its own: clean -> context -> segment -> resolve fields -> assemble."""

from __future__ import annotations

from datetime import date

import pytest

from etl.bulletins.cleaning import clean_paragraphs
from etl.bulletins.context import build_context
from etl.bulletins.document import split_sentences
from etl.bulletins.extract import extract_records
from etl.bulletins.fields import event_date, event_region, event_type
from etl.bulletins.segment import segment


def ctx_of(text, gz):
    return build_context("t.txt", clean_paragraphs(text), None, gz)


def test_context_reads_title_dateline_year_and_places(gz):
    ctx = ctx_of("徐州市质量月活动综述\n发布时间:2023-10-08\n9月5日,鼓楼区举办质量知识竞赛。", gz)
    assert ctx.title.text == "徐州市质量月活动综述"
    assert ctx.dateline == date(2023, 10, 8)
    assert ctx.within == "320000" and ctx.within_city == "320300"
    assert ctx.scope.resolution.region.name_zh == "徐州市"


def test_context_year_without_a_dateline(gz):
    ctx = ctx_of("某区召开质量工作会议\n会上交流了2015年质量工作情况及2016年工作打算。", gz)
    assert ctx.dateline is None and ctx.text_year == 2015


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        (
            "2019年9月,各区开展质量月活动。\n宝山:质量提升\n9月10日,宝山区举办竞赛。\n普陀:优化服务\n9月11日,普陀区开展咨询。",
            ["heading", "heading"],
        ),
        ("主要活动如下。\n1.举行质量奖表彰活动。\n2.举办质量开放日活动。", ["item", "item"]),
        (
            "活动一览\n| 9月2日 | 启动仪式 | 某区市场监管局 |\n| 9月14日 | 首席质量官培训班 | 某区质量协会 |",
            ["item", "item"],
        ),
        ("9月5日,某区举行质量月启动仪式。", ["body"]),
    ],
)
def test_segment_kinds(text, kinds, gz):
    _intro, sections = segment(ctx_of(text, gz), gz)
    assert [s.kind for s in sections] == kinds


def test_fields_resolve_with_document_context(gz):
    ctx = ctx_of("徐州市质量月活动综述\n发布时间:2023-10-08\n9月5日,鼓楼区举办质量知识竞赛,会上为获奖企业颁奖。", gz)
    _intro, (section,) = segment(ctx, gz)
    event = next(s for p in section.paragraphs for s in split_sentences(p) if "鼓楼区" in s.text)
    assert event_region(event, section, ctx, gz, None).resolution.region.adcode == "320302"
    assert event_date(event.text, section, ctx, None, None) == (date(2023, 9, 5), None, "day")
    assert event_type(event.text, section, ctx) == "competition"


def test_assemble_lists_what_it_cannot_place_or_date(gz):
    drafts, problems = extract_records(ctx_of("某公司举行质量月启动仪式,200人参加。", gz), gz)
    assert len(drafts) == 1 and drafts[0].start is None
    assert [str(p.reason) for p in problems] == ["activity without a resolvable region or date"]
