"""Region classes of session 14 (reader-places14), found on the development sets (classes and documents:
/work/notes/reader-places14.md); every text here is invented.

- a meeting told as held in a place (在X召开的…大会上, 在X举行的…论坛上) is where what the sentence tells
  happened, not the place of a body taking part named after it (a company honoured there, a bureau
  speaking). The class: 11r 11a38 (the company's city taken, the meeting's city dropped as a short form
  far from the report's province) and 8 842 (a province's bureau speaking at a national meeting taken as
  its place). Only a phrase that names the meeting's place moves the record: 11a38 is read right; 842's
  phrase names none (在市场监管总局召开的…), and it stays as it was.
"""

from __future__ import annotations

import pytest

from tests.bulletins.reading import records


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the meeting's city by its short name, far from the company's province named in the title
        (
            "唐山市某某钢管有限公司获评全国冶金质量标杆\n"
            "10月12日,在上海召开的2021年全国冶金行业质量大会上,唐山市某某钢管有限公司被评为质量标杆企业。\n"
            "这是该公司第二次获此荣誉。",
            ("上海市", "上海市", None),
        ),
        # the meeting's city; a speaker's district (deeper) after it
        (
            "9月8日,在杭州市举行的2022年浙江省质量论坛上,宁波市鄞州区某某阀门公司作交流发言。\n论坛共有200余人参加。",
            ("浙江省", "杭州市", None),
        ),
    ],
)
def test_meeting_held_in_a_place_is_where_it_happened(text, expected, gz):
    assert [(r.province, r.city, r.district) for r in records(text, gz)][:1] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # no place in the phrase (在随后召开的座谈会上): the sentence's own place stays
        (
            "9月8日,宁波市某某电器公司举行质量月启动仪式,在随后召开的座谈会上,公司负责人作动员讲话。",
            ("浙江省", "宁波市", None),
        ),
        # a date in the phrase, the place inside the meeting's name: read as before
        (
            "在9月28日召开的2022年南京市轨道交通建设推进会上,某某机械施工集团被授予质量信用A类单位称号。",
            ("江苏省", "南京市", None),
        ),
    ],
)
def test_meeting_phrase_without_a_place_changes_nothing(text, expected, gz):
    assert [(r.province, r.city, r.district) for r in records(text, gz)][:1] == [expected]


# A person's given name that is a place's short form (the class: 8 850, a photographer's credit read as a
# district of another province; 9 9a04, a secretary's name taking the report to another province; also
# harmless in 8 851, 874, 890, 9 9a30, 9a37, 11r 11b13, dev 005, 028).
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the credit at the end of the story's paragraph: no place written for the event
        (
            "2023年9月15日,省计量院举办计量开放日活动,市民走进实验室参观。李江山摄",
            [(None, None, None)],
        ),
        (
            "2023年9月15日,省计量院举办计量开放日活动,市民走进实验室参观。(记者 周海门 摄)",
            [(None, None, None)],
        ),
        # a secretary's given name is a district of the company's own city
        (
            "9月20日,宁波市某某电器公司举行质量月启动仪式,公司党委书记陈北仑作动员讲话。",
            [("浙江省", "宁波市", None)],
        ),
        # a title, then a verb of going (not a surname): the place stays
        (
            "9月20日,黑龙江省市场监管局副局长赴大庆检查质量月活动开展情况。",
            [("黑龙江省", "大庆市", None)],
        ),
    ],
)
def test_a_persons_given_name_is_no_place(text, expected, gz):
    assert [(r.province, r.city, r.district) for r in records(text, gz)] == expected


# A city's short name far from the report's province, written as a place: after a word of where (赴北京,
# 在北京召开) or heading the city's own public body that holds the event (宁波检验检疫局组织开展). The class (the
# far-short-form filter dropping the labelled city): 8 846 (来株洲考察), 8 857 (从北京人民大会堂: where an award
# comes from, left to the national-venue rule), 11r 11a38 (在北京召开), 11r 11b34 (宁波检验检疫局组织…); on the dev
# sets it keeps 846, 11a38 and 11b34 only.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "9月16日,重庆检验检疫局举办实验室开放日活动。\n"
            "9月20日,宁波检验检疫局组织开展实验室开放活动,市民代表参观食品检测实验室。",
            [("重庆市", "重庆市", None), ("浙江省", "宁波市", None)],
        ),
        (
            "石家庄某某药业有限公司质量小组再获佳绩\n"
            "9月5日,公司质量部一行赴北京参加全国医药行业质量管理小组成果发表会,两个小组获一等奖。",
            [("北京市", "北京市", None)],
        ),
        # not written as a place (a city's name on experts; 来宾 is a word): the report's city stays
        (
            "衡水市某某公司开展质量月活动\n9月5日,公司组织员工学习,北京质量专家到场授课。",
            [("河北省", "衡水市", None)],
        ),
        (
            "唐山市质协开展质量月活动\n9月5日,市质协组织会员企业开展质量知识竞赛,来宾为获奖选手颁奖。",
            [("河北省", "唐山市", None)],
        ),
        # a far city's body the visitors come from
        (
            "苏州某某公司开展质量月活动\n9月5日,公司举办质量培训,上海质协专家来公司授课。",
            [("江苏省", "苏州市", None)],
        ),
    ],
)
def test_a_far_citys_short_name_written_as_a_place(text, expected, gz):
    assert [(r.province, r.city, r.district) for r in records(text, gz)] == expected


# A county's two-character full name (磁县, 沛县) right after a particle, a word of where or a time word is the
# county, not the end of a longer word (the class: 11r 11b15 承建的磁县…, read at a district of another province;
# 9 9a29 推动曹县…, harmless there). 兴县 in 质量兴县 and 代县 in 现代县域 stay words.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "9月10日,某某集团第三分公司承建的磁县市政项目部举办质量月启动仪式。",
            [("河北省", "邯郸市", "磁县")],
        ),
        ("9月10日上午沛县市场监管局在文化广场开展质量月宣传活动。", [("江苏省", "徐州市", "沛县")]),
        ("9月12日,邯郸市市场监管局在磁县举办质量月宣传活动。", [("河北省", "邯郸市", "磁县")]),
        ("9月10日,湖北某县开展质量兴县活动,推进现代县域经济发展。", [("湖北省", None, None)]),
    ],
)
def test_a_two_character_county_after_a_particle(text, expected, gz):
    assert [(r.province, r.city, r.district) for r in records(text, gz)] == expected


def test_a_meeting_held_at_an_institution_keeps_the_places_inside_its_province(gz):
    # 在浙江大学召开的…: the province named inside the institution's name does not hide the city the meeting is of
    text = "9月8日,在浙江大学召开的2022年杭州市质量论坛上,杭州市某某公司作交流发言,共有200余人参加。"
    assert [(r.province, r.city, r.district) for r in records(text, gz)] == [("浙江省", "杭州市", None)]
