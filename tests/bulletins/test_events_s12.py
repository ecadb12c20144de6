"""Which events become records (session 12, reader-events12, on corpus-7r, corpus-8 and corpus-9).
Every text is invented for its class; each class was seen in two or more real bulletins of at least two
of those sets (the documents are named in /work/notes/misses-events12.md on the team's machine)."""

from __future__ import annotations

from etl.evaluate import row_from_record
from tests.bulletins.reading import records


def _rows(text, gz):
    return [(r.activity_type, row_from_record("x", r).date, r.province) for r in records(text, gz)]


# A story whose numbered or bulleted lines name no event (a speaker's demands, the page's contact
# lines): the story is the report and is read whole, its later events too (7r 7a34, 8 910, 9 9a19, 9a39).
_STORY = (
    "某市举行2023年质量月启动仪式\n"
    "8月30日,安徽省某某市举行2023年“质量月”启动仪式,市直各部门及企业代表100余人出席。\n"
    "今年9月是全国第46个“质量月”。某某市质量发展委员会于4月10日在全市范围内启动了“质量为先”主题征文比赛,"
    "共评选出一等奖1名、二等奖2名。\n"
)


def test_a_later_dated_event_is_read_when_the_lines_below_name_no_event(gz):
    for tail in (
        "• 联系电话:0563-1234567\n• 传  真:0563-1234568\n• 邮  箱:info@example.com\n",
        "副市长要求:\n1.要充分发挥企业的质量主体作用\n2.要持续优化质量发展环境\n",
    ):
        rows = _rows(_STORY + tail, gz)
        assert [(t, d) for t, d, _ in rows] == [("launch_ceremony", "2023-08-30"), ("competition", "2023-04-10")]


def test_lines_that_name_no_event_do_not_make_a_plan_held(gz):
    text = (
        "某市质量月活动方案\n"
        "某某市质量发展委员会将于9月在全市范围内开展“质量为先”主题征文比赛。\n"
        "• 联系电话:0563-1234567\n• 传  真:0563-1234568\n"
    )
    assert _rows(text, gz) == []


def test_items_that_name_events_are_still_the_records(gz):
    text = (
        "某县2023年“质量月”活动总结\n"
        "9月1日,县市场监管局召开质量月动员会。质量月期间,县市场监管局开展了以下活动:\n"
        "1、9月5日,在县人民广场举办质量宣传咨询活动。\n"
        "2、9月16日,在县行政中心举办首席质量官培训班。\n"
    )
    assert sorted(t for t, _, _ in _rows(text, gz)) == ["launch_ceremony", "publicity", "training"]


# An activity started together with the event (同期启动了…, 同步启动…), told in a clause of a later sentence
# (7r 7b28, 8 887): a record of its own kind, at the event's place and day.
_MEETING = (
    "某省质量协会召开2024年工作会议\n"
    "9月3日,某省质量协会2024年工作会议暨“质量月”活动启动仪式在杭州举行,300余名代表参加。\n"
    "{after}\n"
)


def test_an_activity_started_with_the_event_is_a_record(gz):
    text = _MEETING.format(after="会议公布了全省“质量月”活动方案,同期启动了全省职工质量知识竞赛活动。")
    assert [(t, d) for t, d, _ in _rows(text, gz)] == [("launch_ceremony", "2024-09-03"), ("competition", "2024-09-03")]
    text = _MEETING.format(after="活动期间,同步启动计量器具专项执法检查行动,检查集贸市场12个。")
    assert [t for t, _, _ in _rows(text, gz)] == ["launch_ceremony", "inspection_supervision"]


def test_an_activity_started_with_the_event_shares_its_sentence_with_a_release(gz):
    text = _MEETING.format(after="会议同期启动了全省职工质量知识竞赛活动,并发布了《某省制造业质量管理研究报告》。")
    assert sorted(t for t, _, _ in _rows(text, gz)) == ["competition", "launch_ceremony", "report_release"]


def test_the_campaign_started_at_its_ceremony_is_no_further_record(gz):
    # the campaign itself starting (同时启动…质量月活动) is the ceremony, and a plan is not held
    for after in (
        "副省长宣布活动启动,同时启动2024年全省“质量月”活动。",
        "会议提出,质量月期间将同步启动职工质量知识竞赛活动。",
    ):
        assert [t for t, _, _ in _rows(_MEETING.format(after=after), gz)] == ["launch_ceremony"]


# A tour told in a later clause by attendees or officials, however it is worded (7r 7b10, 8 853, 860,
# 910): a research visit where and when the event was; a tour of the event's own displays is part of it.
_LAUNCH = (
    "某市举行2021年质量月启动仪式\n"
    "9月17日上午,湛江市2021年“质量月”活动启动仪式在市民广场举行,副市长出席并讲话。\n"
    "{after}\n"
)


def test_a_tour_by_attendees_or_officials_is_a_research_visit(gz):
    for after in (
        "启动仪式结束后,参会领导参观某某标准化展示中心。",
        "王建国、李明在某某超市对商品质量进行考察。",
        "副市长向优秀班组代表赠送质量手册,并观摩了工程质量提升示范样板。",
        "会后,全体代表“走进某某集团”,展示了质量志愿者的风采。",
    ):
        rows = _rows(_LAUNCH.format(after=after), gz)
        assert [(t, d) for t, d, _ in rows] == [("launch_ceremony", "2021-09-17"), ("research_visit", "2021-09-17")]


def test_a_tour_of_the_events_own_scene_viewers_or_a_plan_is_no_visit(gz):
    for after in (
        "启动仪式结束后,县领导和有关部门负责人在质量承诺书上签字并参观了各单位、企业的咨询宣传服务现场。",
        "据统计,现场参会人员及线上观摩人员达三千五百余人。",
        "质量月期间,市市场监管局将组织企业代表参观质量标杆企业。",
        "今年,市市场监管局将陆续推出质量专家百企行、企业先进管理方法观摩等活动。",
    ):
        assert [t for t, _, _ in _rows(_LAUNCH.format(after=after), gz)] == ["launch_ceremony"]


def test_the_text_after_lines_that_name_no_event_is_read_too(gz):
    text = _LAUNCH.format(
        after="副市长要求:\n1.要充分发挥企业的质量主体作用\n2.要持续优化质量发展环境\n王建国、李明在某某超市对商品质量进行考察。"
    )
    assert [t for t, _, _ in _rows(text, gz)] == ["launch_ceremony", "research_visit"]


# A summary with no event of its own tells its activities one clause each, opening with the activity done
# and leaving its body out (7r 7a24, 8 872): one item each, at the summary's place, dated to its year.
_SUMMARY = (
    "某县市场监管局开展质量月系列活动\n"
    "今年9月是全国第46个“质量月”,福建省永泰县市场监管局围绕活动主题,结合实际开展“质量月”系列活动。\n"
    "{body}\n"
)


def test_a_summarys_clauses_that_open_with_the_activity_are_its_items(gz):
    text = _SUMMARY.format(
        body="联合县商务局、县教育局等部门,组织开展质量安全宣传教育活动,发放资料200余份。"
        "发挥品牌带动作用,开展“品牌故事”微视频比赛,组织进行了“优秀民营企业50强”评选活动。"
        "组织全县120多家企业召开首席质量官经验交流会。"
    )
    rows = _rows(text, gz)
    assert [(t, d) for t, d, _ in rows[1:]] == [
        ("publicity", "2023"),
        ("competition", "2023"),
        ("competition", "2023"),
        ("forum_conference", "2023"),
    ]
    assert {p for _, _, p in rows} == {"福建省"}


def test_a_summarys_duties_plans_and_bodies_clauses_are_no_items(gz):
    text = _SUMMARY.format(
        body="要加强组织领导,开展质量安全宣传教育活动。"
        "下一步,将组织开展质量知识竞赛活动。"
        "联合县公安局、县农业农村局等部门,强化食品安全监管,加大执法力度。"
    )
    assert [t for t, _, _ in _rows(text, gz)] == ["other"]


def test_an_event_report_gets_no_summary_items(gz):
    # the main event is a concrete one (a launch): its clauses are read by the side-event rules only
    text = "9月5日,某县举行2023年质量月启动仪式。仪式上,县领导讲话,组织开展质量安全宣传教育活动,发放资料200余份。\n"
    assert [t for t, _, _ in _rows(text, gz)] == ["launch_ceremony"]
