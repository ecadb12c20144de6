"""Which events become records (issue 11, session 11, reader-events). Every text is invented for its
class (each class seen in two or more real bulletins of corpus-8 or the dev corpora)."""

from __future__ import annotations

from etl.evaluate import row_from_record
from tests.bulletins.reading import records


def _rows(text, gz):
    return [(r.activity_type, row_from_record("x", r).date) for r in records(text, gz)]


_CONTEST = (
    "某某科技公司举办质量知识竞赛\n"
    "发布时间:2023-09-28\n"
    "为响应“质量月”号召,9月26日,某某科技公司在三楼会议室举办了2023年质量知识竞赛。\n"
    "{a}\n"
    "来自各车间的8支代表队参加了比赛,现场气氛热烈。\n"
    "{b}\n"
    "最终,装配车间代表队获得一等奖。\n"
)


def test_an_image_file_name_is_no_numbered_item(gz):
    # a company post keeps its pictures as lines 1.jpg / 2.jpg: they are no programme items, so the
    # post's one event is still read
    text = _CONTEST.format(a="1.jpg", b="2.jpg")
    assert _rows(text, gz) == [("competition", "2023-09-26")]
    assert _rows(_CONTEST.format(a="图1.PNG", b="图2.PNG"), gz) == [("competition", "2023-09-26")]


def test_numbered_items_are_still_items(gz):
    # real numbered lines (1. 举办… / 2. 开展…) stay a programme of items
    text = (
        "某区2023年质量月活动安排\n发布时间:2023-08-30\n"
        "1. 9月5日,在区文化广场举办质量月启动仪式。\n"
        "2. 9月15日,在区行政中心举办首席质量官培训班。\n"
    )
    assert sorted(_rows(text, gz)) == [("launch_ceremony", "2023-09-05"), ("training", "2023-09-15")]
