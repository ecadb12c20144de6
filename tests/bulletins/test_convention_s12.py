"""Labelling conventions C1/C2 (session 12, docs/corpora/README.md): an award or plaque handed out during
a gathering, or a tour that is the gathering's own programme (the B of 启动暨现场观摩活动, a 现场会), is
part of its record; one held on its own day or at its own place is a record of its own. Every text is
invented (class seen in corpus-8 822/845/852/853/854/855/894, corpus-9 9a29, dev 119/207/221)."""

from __future__ import annotations

from etl.evaluate import row_from_record
from tests.bulletins.reading import records


def _kinds(text, gz):
    return sorted((r.activity_type, row_from_record("x", r).date, r.district) for r in records(text, gz))


_MEETING = (
    "某区召开质量工作推进会\n发布时间:2024-09-13\n"
    "9月12日下午,某市长宁区召开2024年质量工作推进会,总结工作,部署任务。\n"
    "{after}\n"
)


def test_a_plaque_handed_out_during_the_meeting_is_part_of_its_record(gz):
    for after in (
        "会议为首批区级质量服务站授牌。",
        "会上,区领导为三家企业“质量标杆”授牌。",
        "活动中,区市场监管局局长与企业代表共同为某某公司“质量创新实验室”揭牌。",
        "区长作讲话,并与企业代表共同为某某质量工匠工作室揭牌。",
    ):
        assert _kinds(_MEETING.format(after=after), gz) == [("forum_conference", "2024-09-12", "长宁区")], after


def test_a_plaque_on_a_day_of_its_own_is_a_record_of_its_own(gz):
    text = _MEETING.format(after="9月20日,区长再次来到某某公司调研,并为某某质量工匠工作室揭牌。")
    assert ("appointment", "2024-09-20", "长宁区") in _kinds(text, gz)
    assert ("forum_conference", "2024-09-12", "长宁区") in _kinds(text, gz)


def test_an_unveiling_ceremony_right_after_at_the_same_place_is_part_of_it(gz):
    # 随后,举行了…揭牌仪式 (no day or place of its own): part of the meeting (the later-same-day rule,
    # unchanged)
    text = _MEETING.format(after="随后,举行了质量文化公园揭牌仪式。")
    assert [k for k, _, _ in _kinds(text, gz)] == ["forum_conference"]


_SITE_MEETING = (
    "某省建设系统“质量月”启动\n发布时间:2023-09-08\n"
    "9月7日,某省住房和城乡建设厅在某市长宁区举办全省建设系统“质量月”启动暨现场观摩活动。\n"
    "{after}\n"
)


def test_the_tour_of_a_touring_gathering_is_part_of_it(gz):
    for text in (
        _SITE_MEETING.format(after="本次活动以“建设放心工程”为主题,与会代表现场观摩了某某大厦施工项目。"),
        _SITE_MEETING.format(after="副厅长向优秀班组代表赠送质量手册,并观摩了工程质量提升示范样板。"),
        "某市建设工程质量现场会召开\n发布时间:2020-09-03\n"
        "9月2日,某市建设工程质量现场会在长宁区某某医院工程项目现场举行。\n"
        "副市长向优秀班组代表赠送质量手册,并观摩了工程质量提升示范样板。\n",
    ):
        kinds = _kinds(text, gz)
        assert len(kinds) == 1 and kinds[0][0] != "research_visit", text


def test_a_tour_of_a_plain_ceremony_or_to_another_place_stays_a_visit(gz):
    plain = _SITE_MEETING.replace("启动暨现场观摩活动", "启动仪式")
    text = plain.format(after="本次活动以“建设放心工程”为主题,与会代表现场观摩了某某大厦施工项目。")
    assert [k for k, _, _ in _kinds(text, gz)] == ["launch_ceremony", "research_visit"]
    elsewhere = _SITE_MEETING.format(after="仪式后,与会代表前往徐汇区参观某某大厦施工项目。")
    kinds = _kinds(elsewhere, gz)
    assert ("research_visit", "2023-09-07", "徐汇区") in kinds and len(kinds) == 2
