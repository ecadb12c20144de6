"""Several events in one text, by general cues (issue 11, events half, session 5): a table whose
columns are aligned by spaces, a bulleted list, dated clauses that open after a connective or
after the body's name, a next-day event, a chain inside a numbered item. Every text is invented
for its class; each test fails when the reader yields one record for the whole text."""

from __future__ import annotations

from tests.bulletins.reading import records


def test_space_aligned_table_is_one_record_per_row_with_its_count(gz):
    text = (
        "2021年某市各县“质量月”活动一览\n"
        "县区    时间    活动内容    参加人数\n"
        "南湖区    9月3日    质量月活动启动仪式    120\n"
        "秀洲区    9月7日    企业质量管理培训班    60\n"
        "海盐县    9月12日    重点产品质量监督抽查    \n"
    )
    got = records(text, gz)
    assert [(r.district, r.start_date.isoformat(), r.activity_type) for r in got] == [
        ("南湖区", "2021-09-03", "launch_ceremony"),
        ("秀洲区", "2021-09-07", "training"),
        ("海盐县", "2021-09-12", "inspection_supervision"),
    ]
    assert [r.participants for r in got] == [120, 60, None]
    assert got[0].participants_unit == "people"


def test_bulleted_list_of_dated_events_is_one_record_each(gz):
    text = (
        "Jiaxing celebrates Quality Month\n"
        "September 20, 2022\n"
        "The Jiaxing Administration for Market Regulation held several Quality Month events this month:\n"
        "• Sept. 2: a kickoff ceremony at the city convention center;\n"
        "• Sept. 9: a lecture on product standards for local manufacturers;\n"
        "• Sept. 16: random inspections of children's products in shopping malls.\n"
    )
    got = records(text, gz)
    assert [(r.start_date.isoformat(), r.activity_type) for r in got] == [
        ("2022-09-02", "launch_ceremony"),
        ("2022-09-09", "training"),
        ("2022-09-16", "inspection_supervision"),
    ]
    assert {r.city for r in got} == {"嘉兴市"}


def test_dash_line_closing_a_heading_is_not_an_item(gz):
    text = (
        "9月6日,某县举行2021年“质量月”质量知识竞赛,全县12支代表队参赛。\n——竞赛结果——\n一等奖由县供电公司代表队获得。\n"
    )
    assert len(records(text, gz)) == 1
