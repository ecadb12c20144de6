"""Industry of matched records, session 16 (reader-types16); every text here is invented. Classes and the documents
that show them (/work/notes/reader-types16.md):

- an enterprise whose report speaks of its project departments (项目部: building sites) is a builder, construction,
  when neither its name nor the event's name gives a sector (read manufacturing): 8 813, 891 (also 815, 11r 11b15,
  both labelled construction);
"""

from __future__ import annotations

import pytest

from etl.bulletins import extract_text
from etl.bulletins.rules import industry_of


def _one(text: str, gz):
    (rec,) = extract_text(text, "t.txt", gazetteer=gz).records
    return rec


@pytest.mark.parametrize(
    ("document", "sector"),
    [
        ("公司组织各项目部质检员参加工程现场观摩。", "construction"),
        ("公司各項目部負責人參加了知識競賽。", "construction"),
        ("公司组织各车间质检员参加知识竞赛。", "manufacturing"),
    ],
)
def test_enterprise_with_project_departments_is_a_builder(document, sector):
    assert industry_of("enterprise", "丰源公司", "知识竞赛", "competition", document, document) == sector


def test_enterprise_named_sector_comes_first():
    # a name that gives its sector keeps it, whatever the report says of project departments
    doc = "丰源电力公司各项目部开展质量月活动。"
    assert industry_of("enterprise", "丰源电力公司", "质量月活动", "other", doc, doc) == "energy"


def test_builder_read_end_to_end(gz):
    text = (
        "丰源公司开展质量月知识竞赛\n"
        "2023年9月18日,丰源公司在江苏省南京市公司大会议室举办了“质量月”知识竞赛活动,公司各项目部共54人参赛。\n"
    )
    rec = _one(text, gz)
    assert rec.organizer_type == "enterprise"
    assert rec.industry == "construction"
