"""Which events become records (session 13, reader-events13, on corpus-10r, corpus-7r, corpus-8 and corpus-9).
Every text is invented for its class; each class was seen in two or more real bulletins of at least two
of those sets (the documents are named in /work/notes/reader-events13.md on the team's machine)."""

from __future__ import annotations

from etl.bulletins import extract_text
from etl.evaluate import row_from_record
from tests.bulletins.reading import records


def _rows(text, gz):
    return [(r.activity_type, row_from_record("x", r).date) for r in records(text, gz)]


# The tour verb's noun that names who watched (观摩代表, 观摩人员, 参观者) is no tour: the viewers of the
# event talking it over after it are part of it (7r 7b34, 10r 1026).
_DRILL = (
    "某市开展电梯应急救援演练\n"
    "2023年6月12日,浙江省嘉兴市某小区内,某物业公司在市市场监管局的指导下开展了电梯困人应急救援演练,"
    "居民及企业代表60余人到场观摩。\n"
    "{after}\n"
)


def test_the_viewers_named_by_the_tour_verb_make_no_visit(gz):
    for after in (
        "演练结束后,主办单位、参演单位和观摩代表在现场对此次演练进行了点评,并向居民发放了宣传资料。",
        "演练结束后,观摩人员在现场交流了各自的体会。",
        "活动结束后,参观者纷纷表示收获很大。",
    ):
        assert _rows(_DRILL.format(after=after), gz) == [("other", "2023-06-12")], after


def test_a_tour_after_the_event_is_still_its_own_visit(gz):
    rows = _rows(_DRILL.format(after="演练结束后,与会代表参观了某公司的电梯检测实验室。"), gz)
    assert rows == [("other", "2023-06-12"), ("open_day", "2023-06-12")]
    rows = _rows(_DRILL.format(after="演练结束后,与会代表观摩了代表性物业小区的电梯安全管理。"), gz)
    assert [t for t, _ in rows] == ["other", "open_day"]


# An activity the text gives neither a place nor a date is no record: nothing tells it apart from another, and the
# ETL never loads it. The reader reports it (one problem) and returns no record of it (10r 1008, 1124; 7r 7a30;
# 9 9a26; dev corpus 052).
def test_an_activity_with_neither_place_nor_date_is_a_problem_not_a_record(gz):
    result = extract_text("某公司举行质量月启动仪式,200余名员工参加。\n", "x.txt", gazetteer=gz)
    assert result.records == []
    assert [str(reason) for _, reason in result.problems] == ["activity without a resolvable region or date"]


def test_an_activity_with_a_place_or_a_date_is_still_a_record(gz):
    placed = extract_text("嘉兴市某公司举行质量月启动仪式,200余名员工参加。\n", "x.txt", gazetteer=gz)
    dated = extract_text("2023年9月5日,某公司举行质量月启动仪式,200余名员工参加。\n", "x.txt", gazetteer=gz)
    assert [(r.activity_type, r.city, r.start_date) for r in placed.records] == [("launch_ceremony", "嘉兴市", None)]
    assert [(r.activity_type, r.province, str(r.start_date)) for r in dated.records] == [
        ("launch_ceremony", None, "2023-09-05")
    ]
