"""A further event told after the end of the gathering or contest the sentence opens with (session 17,
reader-fewer17): 某比赛结束后,某赛区组织了…评选 / 某会议结束后,在某会场,随后举行了…颁奖仪式 is an event of its own on
the main event's day, while the event's own closing (a speech, leaders signing, a review) is not. Every text is
invented; the class was seen in two development sets (7r 7b34, 10r 1134; named in docs/reader-log.md)."""

from __future__ import annotations

from tests.bulletins.reading import places_and_dates as _rows

_CONTEST = (
    "2023年9月6日,绍兴市质量协会在某某纺织集团举办了“质量故事”演讲比赛绍兴赛区决赛,来自全市企业的20名选手参赛。\n"
    "选手们围绕质量提升讲述了各自岗位上的故事。\n"
    "{after}\n"
)
_SHAOXING = ("浙江省", "绍兴市", "")


def test_what_follows_the_end_of_a_contest_is_an_event_of_its_own(gz):
    text = _CONTEST.format(after="演讲比赛结束后,绍兴赛区组织了征文和摄影作品的专家评选。")
    assert _rows(text, gz) == [(_SHAOXING, "2023-09-06"), (_SHAOXING, "2023-09-06")]


def test_a_ceremony_held_after_a_conference_ended_at_a_venue_told_first(gz):
    text = (
        "2019年4月2日,金华市政府在组织有关部门和企业代表参加全省质量奖表彰视频会议的同时,对获得市长质量奖的"
        "4家企业进行了表彰。\n"
        "会议当日,各县(市、区)均设立分会场。\n"
        "全省质量奖表彰视频会议结束后,在金华市政府行政中心会场,随后举行了2018年度金华市市长质量奖颁奖仪式。\n"
    )
    jinhua = ("浙江省", "金华市", "")
    assert _rows(text, gz) == [(jinhua, "2019-04-02"), (jinhua, "2019-04-02")]


def test_the_events_own_closing_is_no_event(gz):
    for after in (
        "演讲比赛结束后,协会会长作总结讲话。",
        "演讲比赛结束后,评委代表对选手的表现进行了点评。",
        "演讲比赛结束后,市领导为获奖选手颁发了证书。",
        "演讲比赛结束后,绍兴赛区将组织征文作品的专家评选。",
    ):
        assert _rows(_CONTEST.format(after=after), gz) == [(_SHAOXING, "2023-09-06")], after


def test_a_sentence_after_the_end_of_something_that_is_no_activity_adds_nothing(gz):
    after = "报名结束后,绍兴赛区组织了征文作品的专家评选。"
    assert _rows(_CONTEST.format(after=after), gz) == [(_SHAOXING, "2023-09-06")]


# A sentence no rule read that tells who attended (参加, 出席) and states its own date, at a day and place of
# its own or as another kind of activity than any record's: people came, so it was held (12r 12a09, 7r 7b13).
_BASE = (
    "2024年9月5日,芜湖市首家质量教育培训基地在安徽工程大学正式挂牌成立。\n"
    "该基地将依托高校的教育资源,开展全市质量人才培训。\n"
    "{after}\n"
)
_WUHU = ("安徽省", "芜湖市", "")


def test_a_training_attended_on_the_days_own_date_is_an_event_of_its_own(gz):
    after = "9月5日开始首期培训,全市200余家企业、80名质量管理人员参加;年底前,将完成1000名质量管理人员培训。"
    assert _rows(_BASE.format(after=after), gz) == [(_WUHU, "2024-09-05"), (_WUHU, "2024-09-05")]


def test_a_forum_attended_on_a_day_of_its_own_is_an_event_of_its_own(gz):
    text = (
        "2012年6月17日,厦门市质监局在市会展中心召开两岸标准化合作座谈会,双方就标准互认交换了意见。\n"
        "座谈会由市质监局局长主持。\n"
        "第二届两岸质量论坛于6月18日上午在厦门某酒店宴会厅举行,参加的嘉宾达300多人。\n"
    )
    xiamen = ("福建省", "厦门市", "")
    assert _rows(text, gz) == [(xiamen, "2012-06-17"), (xiamen, "2012-06-18")]


def test_attendance_with_no_date_or_at_the_event_itself_adds_nothing(gz):
    for after in (
        "首期培训中,全市200余家企业、80名质量管理人员参加。",
        "9月5日,市领导和200余名师生出席了挂牌仪式。",
    ):
        assert _rows(_BASE.format(after=after), gz) == [(_WUHU, "2024-09-05")], after
