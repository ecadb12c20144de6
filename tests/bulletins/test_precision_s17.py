"""Spurious records (session 17, reader-precision17, on corpus-8, -9, -11r, -12r, -7r, -10r and the dev corpora):
records read from parts of a page that tell no event of its story. Every text is invented for its class; each
class was seen in real bulletins of two or more of those sets (named in docs/reader-log.md, session 17)."""

from __future__ import annotations

from etl.bulletins.cleaning import clean_paragraphs
from etl.evaluate import row_from_record
from tests.bulletins.reading import records


def _rows(text, gz):
    return [(r.activity_type, row_from_record("x", r).date) for r in records(text, gz)]


def _lines(text):
    return [p.text for p in clean_paragraphs(text)]


# A page's posting header glued to the first line of its body (its line break lost): the header is the page's
# date line, not a clause of the story dated the day the page was posted (11r 11b03, 10r 1129).
_KEYED = (
    "湖州某公司举办质量知识竞赛\n"
    "发布时间:2024-03-02为迎接“质量月”活动,提高员工质量意识,公司工会于2024年2月27日下午在总部举办了质量知识竞赛。\n"
    "共有八支队伍参赛,比赛分必答、抢答两轮进行。\n"
)
_CLOCKED = (
    "某项目部举行“质量月”活动启动仪式\n"
    "项目新闻 2019-09-06 10:21:05 96浏览 作者:李某为了落实公司关于开展2019年“质量月”活动的通知,9月5日上午,"
    "某公司杭州地铁五号线项目部在项目会议室举行了“质量月”活动启动仪式,项目全体人员参加。\n"
    "项目经理作动员讲话,要求全员严把质量关。\n"
)


def test_a_publication_key_glued_to_the_body_is_a_line_of_its_own():
    assert _lines(_KEYED)[1:3] == [
        "发布时间:2024-03-02",
        "为迎接“质量月”活动,提高员工质量意识,公司工会于2024年2月27日下午在总部举办了质量知识竞赛。",
    ]


def test_a_publication_key_with_a_chinese_date_and_its_clock_is_split_too():
    line = "发布时间:2024年03月02日 10:20 为迎接“质量月”活动,公司工会于2024年2月27日下午在总部举办了质量知识竞赛。"
    assert _lines(line) == ["发布时间:2024年03月02日 10:20", line.split(" 10:20 ")[1]]


def test_the_event_under_a_glued_publication_key_is_read_on_its_own_day(gz):
    assert _rows(_KEYED, gz) == [("competition", "2024-02-27")]


def test_a_posting_time_and_views_glued_to_the_body_date_no_event(gz):
    assert _lines(_CLOCKED)[1] == "项目新闻 2019-09-06 10:21:05 96浏览"
    assert _rows(_CLOCKED, gz) == [("launch_ceremony", "2019-09-05")]


def test_a_sentence_opening_with_its_own_date_is_not_split():
    # an event's own date, and its time of day, open its sentence: no posting header
    for line in (
        "2024年9月5日余杭区市场监管局在区行政中心召开“质量月”工作推进会,40余家企业参加。",
        "2024-09-05,余杭区市场监管局走进社区开展“质量月”宣传活动,发放资料500份。",
        "发布时间:2024-09-05上午,余杭区市场监管局走进社区开展宣传活动,发放资料500份。",
        "2024年9月5日9:30,余杭区市场监管局在区行政中心召开推进会,40余家企业参加。",
    ):
        assert _lines(line) == [line]


def test_a_posting_header_on_its_own_line_is_left_as_it_was():
    text = "发布时间:2024-03-02\n为迎接“质量月”活动,公司工会于2024年2月27日下午在总部举办了质量知识竞赛。\n"
    assert _lines(text) == text.strip().split("\n")
