"""Labels the reader made no candidate for (session 12, reader-recall12b, on corpus-7r, corpus-8 and
corpus-9). Every text is invented for its class; each class was seen in two or more real bulletins of at
least two of those sets (the documents are named in /work/notes/misses-recall12b.md on the team's machine)."""

from __future__ import annotations

from etl.evaluate import row_from_record
from tests.bulletins.reading import records


def _rows(text, gz):
    return [(r.activity_type, row_from_record("x", r).date, r.city, r.district) for r in records(text, gz)]


# A body or a site opening told by its verb (挂牌成立, 开业) is the event, an appointment like a plaque
# unveiled, at the place the opening names (7r 7b13, 9 9a22).
def test_an_opening_told_by_its_verb_is_the_event(gz):
    text = (
        "质量技术服务中心开业\n"
        "发布时间:2023-10-13 09:30\n"
        "10月12日上午,扬州市江都区质量技术服务中心在区科技产业园正式开业。"
        "江苏省市场监管局副局长、扬州市副市长等共同为中心揭牌,区有关部门负责人出席仪式。\n"
        "该中心由省、市、区三方共同建设,将为园区企业提供计量、标准、认证等一站式服务。\n"
    )
    assert _rows(text, gz) == [("appointment", "2023-10-12", "扬州市", "江都区")]


def test_a_base_set_up_with_its_plaque_is_the_event(gz):
    text = (
        "我市首家标准化人才培训基地挂牌成立\n"
        "2022-09-09 16:20:00 来源:某某网\n"
        "9月8日,我市首家标准化人才培训基地在芜湖职业技术学院正式挂牌成立。\n"
        "该基地将围绕标准化人才培养,每年为全市企业培训标准化工作人员。\n"
    )
    assert [(t, d, c) for t, d, c, _ in _rows(text, gz)] == [("appointment", "2022-09-08", "芜湖市")]


def test_opening_words_that_are_not_an_opening_do_not_make_one(gz):
    # a check of newly opened shops is a check; a planned opening is no event
    check = (
        "某区开展新开业药店专项检查\n"
        "2023-09-15\n"
        "9月14日,扬州市江都区市场监管局对辖区新开业药店开展计量器具专项检查,共检查药店12家。\n"
    )
    assert [t for t, _, _, _ in _rows(check, gz)] == ["inspection_supervision"]
    plan = "某中心即将开业\n2023-09-15\n扬州市江都区质量技术服务中心将于10月在区科技产业园开业。\n"
    assert _rows(plan, gz) == []


# The headline names what the report is about (a body's activity of a named kind, or a quoted thing of its
# own), the body opens with another event and tells the headline's activity after it: a record of its
# own, at the place its sentence names (7r 7b17, 8 841).
def test_the_headlines_activity_told_after_another_event_is_its_own_record(gz):
    text = (
        "余姚市质检所开展“质量月”宣传活动\n"
        "发布时间:2021-09-10\n"
        "9月6日,2021年宁波市“质量月”活动启动仪式在宁波市天一广场举行。\n"
        "余姚市质检所在今年的“质量月”宣传活动中,采取发放宣传资料、现场检测等方式,向群众讲解产品质量知识。\n"
    )
    assert _rows(text, gz) == [
        ("launch_ceremony", "2021-09-06", "宁波市", None),
        ("publicity", "2021", "宁波市", "余姚市"),
    ]


def test_a_quoted_thing_of_the_headline_started_after_the_ceremony_takes_its_day(gz):
    text = (
        "浙江:杭州地铁“品质专列”开通\n"
        "发布时间:2022-09-02\n"
        "9月1日,浙江省2022年“质量月”活动启动仪式在杭州市西湖文化广场举行。\n"
        "仪式结束后,杭州地铁首趟“品质专列”在1号线开通运行,车厢内张贴质量知识海报。\n"
    )
    rows = _rows(text, gz)
    assert [(d, c) for _, d, c, _ in rows] == [("2022-09-01", "杭州市"), ("2022-09-01", "杭州市")]
    assert rows[0][0] == "launch_ceremony"


# A headline that does not name a subject of its own adds nothing: a body's headline naming no kind (the
# body holds the event read, by its full name), or a quoted theme of a typed activity repeated in the body.
def test_a_headline_with_no_subject_of_its_own_adds_nothing(gz):
    for headline, lines, kind in (
        (
            "宁波市计量所开展质量月活动邀请市民走进实验室\n发布时间:2021-09-24\n",
            "9月23日下午,宁波市计量测试研究院开展“质量月”实验室开放活动,30多位市民走进该院实验室。\n"
            "在宁波市计量所实验室,工程师现场演示了电能表的检定过程,并讲解了相关知识。\n",
            "open_day",
        ),
        (
            "“品质生活 你我共享”主题宣传活动走进社区\n发布时间:2022-09-02\n",
            "9月1日,浙江省2022年“质量月”活动启动仪式在杭州市西湖文化广场举行。\n"
            "围绕“品质生活 你我共享”这一主题,各成员单位在现场设置展板,向市民讲解质量知识。\n",
            "launch_ceremony",
        ),
    ):
        assert [t for t, _, _, _ in _rows(headline + lines, gz)] == [kind]
