"""Classified fields of session 14 (reader-types14), seen on matched records of the development sets;
every text here is invented. Classes and the documents that show them (/work/notes/reader-types14.md):

- a department named by its function alone (质量管理部, 总经办, the quality management department, the group
  administration department) is a unit of the company writing the report, not a state body: 8 816,
  11r 11b03, corpus 053, corpus-2 225; the state's ministries (住房和城乡建设部, 8 853/854/888) and a place's
  office (哈密市质量强市办, 8 840; 区质量创建办, 8 862) stay the government's.
"""

from __future__ import annotations

import pytest

from etl.bulletins import extract_text
from etl.bulletins.rules import organizer_type


def _one(text: str, gz):
    (rec,) = extract_text(text, "t.txt", gazetteer=gz).records
    return rec


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("质量管理部", "enterprise"),
        ("总经办", "enterprise"),
        ("安全环保部", "enterprise"),
        ("the quality management department", "enterprise"),
        ("the group administration department", "enterprise"),
        ("住房和城乡建设部", "government"),
        ("应急管理部", "government"),
        ("市委宣传部", "government"),
        ("哈密市质量强市办", "government"),
        ("区质量创建办", "government"),
        ("Department of Commerce", "government"),
    ],
)
def test_a_department_named_by_its_function_is_the_companys(name, kind):
    assert organizer_type(name) == kind


def test_company_department_holding_a_contest_makes_it_the_companys_event(gz):
    rec = _one(
        "2023年6月12日,由品质管理部主办的“质量知识竞赛”在公司二楼培训室举行,来自各车间的8支代表队参加了比赛。",
        gz,
    )
    assert rec.organizer == "品质管理部"
    assert rec.organizer_type == "enterprise"
    assert rec.industry == "manufacturing"
