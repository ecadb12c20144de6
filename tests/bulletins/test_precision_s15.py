"""Spurious records (session 15, reader-precision15, on corpus-8, corpus-9, corpus-11r, corpus-12r and the dev
corpora): records read from parts of a page that tell no event of its story. Every text is invented for its
class; each class was seen in real bulletins of two or more of those sets (named in
/work/notes/reader-precision15.md on the team's machine)."""

from __future__ import annotations

from etl.evaluate import row_from_record
from tests.bulletins.reading import records


def _rows(text, gz):
    return [(r.activity_type, row_from_record("x", r).date) for r in records(text, gz)]


# Other pages' headlines listed under the story at the page's end, with no heading or under a paper's own
# (标题导航 with the day's titles; a company site's related stories): no event of this story (8 815, 12r 12a18).
_STORY = (
    "德清县举办2023年“质量月”质量知识讲座\n"
    "9月12日,德清县市场监管局在县会议中心举办“质量月”质量知识讲座,120余名企业代表参加。"
    "讲座围绕质量管理体系建设展开,现场气氛热烈。\n"
)
_LECTURE = [("training", "2023-09-12")]


def test_headlines_of_other_pages_under_the_story_give_no_record(gz):
    text = _STORY + "某钢厂召开安全生产动员会\n某煤矿举办消防培训 筑牢安全防线\n"
    assert _rows(text, gz) == _LECTURE


def test_a_paper_s_title_list_after_its_navigation_gives_no_record(gz):
    text = (
        _STORY
        + "上一篇    下一篇\n标题导航\n第01版:要闻\n第02版:地方新闻\n"
        + "安吉县召开招商推介会\n老街改造完工 市民点赞\n某公司组织开展技能比武\n"
    )
    assert _rows(text, gz) == _LECTURE


def test_one_short_line_after_the_story_is_read_as_before(gz):
    # a single unpunctuated line is no list of links
    assert len(_rows(_STORY + "某钢厂召开安全生产动员会\n", gz)) == 2


def test_short_lines_naming_no_event_leave_the_story_as_it_was(gz):
    # a closing slogan and a credit are not titles of other stories; nothing changes
    assert _rows(_STORY + "质量第一 诚信为本\n编辑:王某\n", gz) == _LECTURE


def test_numbered_lines_after_the_story_are_its_own(gz):
    # numbered lines after a sentence are the story's programme, not other pages' titles
    text = (
        "德清县2023年“质量月”活动总结\n"
        "9月12日,德清县市场监管局在县城开展了以下“质量月”活动。\n"
        "(一)在县会议中心举办质量知识讲座\n"
        "(二)在人民广场开展质量宣传咨询活动\n"
    )
    assert _rows(text, gz) == [("training", "2023-09-12")]
