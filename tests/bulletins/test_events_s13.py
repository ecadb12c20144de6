"""Which events become records (session 13, reader-events13, on corpus-10r, corpus-7r, corpus-8 and corpus-9).
Every text is invented for its class; each class was seen in two or more real bulletins of at least two
of those sets (the documents are named in /work/notes/reader-events13.md on the team's machine)."""

from __future__ import annotations

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
