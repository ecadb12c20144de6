"""Labelled events the reader never produced (session 13, reader-recall13, on corpus-7r, corpus-8, corpus-9 and
corpus-10r). Every text is invented for its class; each class was seen in real bulletins of at least two of those
sets or the dev corpora (the documents are named in /work/notes/reader-recall13.md on the team's machine)."""

from __future__ import annotations

from etl.evaluate import row_from_record
from tests.bulletins.reading import records


def _found(text, gz):
    return [(r.activity_type, r.district or r.city, row_from_record("x", r).date) for r in records(text, gz)]


# Activities told as held one after another or alongside (先后, 相继, 同步), listed with 、 and closed by
# 等…系列活动: one record for the first item of each kind not yet read, at the place its name holds, else the
# event's; in the event's month when the campaign's period is named, else its year (7r 7b21, 10r
# 1015). An item of a kind already read is that activity; a plan is none.
_SUMMARY = (
    "某项目部质量月活动圆满收官\n"
    "9月28日,浙江省湖州市某建设集团项目部召开2022年“质量月”总结大会,对活动期间表现突出的班组进行了表彰。\n"
    "{listed}\n"
)


def test_a_list_of_activities_held_one_after_another_gives_one_record_per_new_kind(gz):
    listed = "在“质量月”期间,项目部先后组织了质量安全知识讲座、质量标准集中学习、施工工艺经验交流会、焊工技能比武等一系列活动。"
    assert _found(_SUMMARY.format(listed=listed), gz) == [
        ("forum_conference", "湖州市", "2022-09-28"),
        ("training", "湖州市", "2022-09"),
        ("competition", "湖州市", "2022-09"),
    ]


def test_a_listed_item_naming_a_place_of_its_own_is_held_there_in_the_year(gz):
    text = (
        "某市质量月启动\n"
        "9月1日,浙江省湖州市举办2022年“质量月”活动启动仪式。全市同步开展质量诚信倡议、召开吴兴区质量大会、"
        "签署质量合作协议等系列活动。\n"
    )
    assert _found(text, gz) == [("launch_ceremony", "湖州市", "2022-09-01"), ("forum_conference", "吴兴区", "2022")]


def test_a_listed_item_of_a_kind_already_read_or_of_no_kind_is_no_record(gz):
    listed = "随后,项目部先后组织了质量经验交流会、质量书籍学习、“找问题”活动等一系列活动。"
    assert _found(_SUMMARY.format(listed=listed), gz) == [("forum_conference", "湖州市", "2022-09-28")]


def test_a_list_of_planned_activities_is_no_record(gz):
    for listed in (
        "10月,项目部将先后组织质量安全知识讲座、焊工技能比武等一系列活动。",
        "项目部计划先后组织质量安全知识讲座、焊工技能比武等一系列活动。",
    ):
        assert _found(_SUMMARY.format(listed=listed), gz) == [("forum_conference", "湖州市", "2022-09-28")], listed
