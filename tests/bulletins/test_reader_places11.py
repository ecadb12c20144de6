"""Region and organiser classes of session 11 (reader-places), found on corpus-8 (the development set
of real bulletins); every text here is invented. Classes and the corpus-8 documents that show them:

- organiser: who holds "this" event told further on in the report, past the next paragraph
  (据了解,本次活动由X、Y共同主办 / 本次培训班为期1天,由X主办): 824, 829;
- organiser: a body whose own name holds 和 (住房和城乡建设部, 人力资源和社会保障局) is one body: 853, 854;
- organiser: 由 + a person's office + 主持 names who presides, not a body holding the event (843), and
  a name lost from the page leaves its separator (由 、国资委共同举办: 804);
- organiser: a 领导小组 acting at the ceremony (启动仪式上,某市质量强市工作领导小组发布…): 805, 824;
- organiser: the 市 of 国家市场监督管理总局 is no body of the report's city (836).
"""

from __future__ import annotations

import pytest

from etl.bulletins import extract_text, rules
from etl.bulletins.fields import find_organizer


def _one(text: str, gz):
    (rec,) = extract_text(text, "t.txt", gazetteer=gz).records
    return rec


def test_this_events_holder_told_further_on(gz):
    text = (
        "9月12日上午,常德市2023年“质量月”活动启动仪式在桃源县文化广场举行。\n"
        "桃源县副县长、常德市市场监管局副局长等出席活动,各成员单位和企业代表约200人参加。\n"
        "桃源县近年来持续推进质量提升行动,全县规上工业企业产品合格率稳步上升。\n"
        "据悉,本次活动由常德市质量强市工作领导小组办公室、桃源县人民政府共同主办,桃源县市场监管局承办。"
    )
    assert _one(text, gz).organizer == "常德市质量强市工作领导小组办公室"


def test_this_training_held_by_after_its_length(gz):
    text = (
        "2024年无锡市质量管理骨干培训班在我院开班\n\n"
        "11月8日,2024年无锡市质量管理骨干培训班在我院开班。\n\n"
        "学院院长介绍了学院概况。\n\n"
        "授课专家围绕卓越绩效、质量工具等内容作了讲解。\n\n"
        "本次培训班为期2天,由无锡市市场监督管理局主办,学院承办,共80余人参加。"
    )
    assert _one(text, gz).organizer == "无锡市市场监督管理局"


def test_a_holder_of_another_event_is_not_taken():
    # 本次 names a meeting of its own: nothing is said of who held the event, no holder is read
    assert find_organizer("9月5日,2023年某县“质量月”活动启动仪式在县广场举行。", None, None) is None


@pytest.mark.parametrize(
    ("sentence", "organiser"),
    [
        ("9月6日,由住房和城乡建设部主办的工程质量观摩会在工地现场举行。", "住房和城乡建设部"),
        ("活动由县人力资源和社会保障局和县总工会共同举办。", "县人力资源和社会保障局"),
        # two bodies joined by 和 stay two
        ("活动由县市场监管局和县总工会共同举办。", "县市场监管局"),
    ],
)
def test_a_body_whose_name_holds_he(sentence, organiser):
    assert find_organizer(sentence, None, None) == organiser


def test_held_by_with_he_told_in_the_next_paragraph(gz):
    text = (
        "9月6日,2022年全国建筑施工“质量月”现场会在武汉某医院项目工地举行。\n"
        "据介绍,本次活动由住房和城乡建设部主办,湖北省住建厅协办。"
    )
    assert _one(text, gz).organizer == "住房和城乡建设部"


def test_the_one_who_presides_is_not_the_holder():
    sentence = "9月20日,市质量协会在某集团总部召开了第五届理事会第二次会议,会议由协会副会长、秘书长王某主持。"
    assert find_organizer(sentence, None, None) == "市质量协会"


def test_a_lost_name_leaves_its_separator():
    assert find_organizer("大会由 、市发展改革委共同举办。", None, None) == "市发展改革委"


def test_a_leading_group_acting_at_the_ceremony(gz):
    text = (
        "9月1日,2023年湖北省宜昌市“质量月”活动启动仪式在宜昌奥体中心举行。\n"
        "启动仪式上,宜昌市质量强市工作领导小组发布了2023年质量提升十大案例,并对先进单位进行表彰。"
    )
    assert _one(text, gz).organizer == "宜昌市质量强市工作领导小组"


def test_the_state_administration_is_no_body_of_the_city(gz):
    text = (
        "9月10日,2024年盐城市“质量月”活动在盐城市民广场启动。\n"
        "“质量月”是国家市场监督管理总局联合多个部委共同开展的全民质量活动,每年9月开展。"
    )
    assert _one(text, gz).organizer == "盐城市"


# ---------------------------------------------------------------------------------------- regions
# - the visitors' own bureau names where they come from; where they go (赴上海市…局参加, 来株,就…考察调研)
#   is the event's place: 821, 846;
# - a city's one character where the event is held (在京举行) stays in a report whose other places are
#   of another province (a speaker's 浙江省人民政府): 804, and 来株 of 846 in a Shanghai bureau's visit.


def test_visitors_go_to_another_citys_bureau(gz):
    text = "昆山市监局应邀参加质量沙龙\n\n日前,昆山市监局副局长带领质量科人员受邀赴杭州市市场监管局参加“质量发展一体化”质量沙龙活动。"
    rec = _one(text, gz)
    assert (rec.province, rec.city, rec.district) == ("浙江省", "杭州市", None)


def test_visitors_come_to_a_city_named_by_its_first_character(gz):
    text = (
        "9月15日,苏州市吴中区市场监管局副局长一行来衢,就质量强区建设进行考察调研。\n"
        "衢州市市场监管局局长对吴中同仁来衢州考察表示欢迎,并介绍了衢州质量工作情况。"
    )
    rec = _one(text, gz)
    assert (rec.province, rec.city) == ("浙江省", "衢州市")


@pytest.mark.parametrize(
    "sentence",
    [
        # 来自: where people come from, not where they go
        "9月15日,来自杭州市市场监管局的专家在德清县开展质量帮扶活动。",
        # 以来: a time phrase before the subject
        "9月15日,今年以来德清县市场监管局在县体育馆广场开展质量帮扶活动。",
    ],
)
def test_no_visit(sentence, gz):
    rec = _one(sentence, gz)
    assert (rec.city, rec.district) == ("湖州市", "德清县")


def test_held_in_the_capital_named_by_one_character(gz):
    text = (
        "9月1日下午,全国“质量月”活动启动仪式在京举行。\n"
        "会上,浙江省人民政府、江苏省人民政府负责同志作了交流发言。浙江省市场监管局介绍了浙江质量工作。"
    )
    rec = _one(text, gz)
    assert (rec.province, rec.city) == ("北京市", "北京市")


def test_a_lost_name_told_after_the_event(gz):
    text = "9月1日下午,2023年全国“质量月”活动启动仪式在杭州举行。\n大会由 、市发展改革委共同举办。"
    assert _one(text, gz).organizer == "市发展改革委"


# - the nation's own venue (在人民大会堂举行, "in the Great Hall of the People") is in Beijing, whoever
#   came to it: 857, 811 (a province's hall is named with its province: 广西人民大会堂 is not Beijing's).
@pytest.mark.parametrize(
    "text",
    [
        "12月20日,2023年度“质量之星”年度颁奖典礼在人民大会堂隆重举行。",
        "9月10日,宁波市两家企业代表在人民大会堂领取全国质量奖,颁奖仪式同日举行。",
        "Ningbo\n\nOn September 10, 2023, the fourth national quality award ceremony was held in the Great Hall "
        "of the People.",
    ],
)
def test_the_great_hall_is_in_beijing(text, gz):
    rec = _one(text, gz)
    assert (rec.province, rec.city, rec.district) == ("北京市", "北京市", None)


def test_a_provinces_hall_is_not_beijings(gz):
    rec = _one("9月5日,2023年广西“质量月”活动启动仪式在广西人民大会堂举行。", gz)
    assert rec.province == "广西壮族自治区"


# - a heading that is page furniture (【初审】, 您的位置:, 图说:, a site's name before a colon) or a notice's
#   addressees (各有关单位:) holds no event: 846, 878, 883, 904;
# - a headline's slogan before a dash, its column before a bar, a time word before the body (前不久) are
#   no part of the organiser: 885, 886, 891.
@pytest.mark.parametrize(
    "text",
    [
        "【初审】某省2024年“质量月”系列活动启动\n\n9月6日,2024年“质量月”系列活动在西宁启动。",
        "您的位置: 首页 >> 通知公告\n\n9月6日,2024年“质量月”系列活动在西宁启动。",
        "快资讯网:某局来西宁考察\n\n9月6日,2024年“质量月”系列活动在西宁启动。",
    ],
)
def test_page_furniture_heading_holds_nothing(text, gz):
    assert _one(text, gz).organizer is None


def test_a_body_heading_still_holds(gz):
    text = (
        "某省各地开展质量月活动\n\n【西宁市质量协会】\n\n9月6日,2024年“质量月”宣传活动在中心广场启动。"
        "\n\n【海东市质量协会】\n\n9月8日,2024年“质量月”知识竞赛在海东举行。"
    )
    recs = extract_text(text, "t.txt", gazetteer=gz).records
    assert [r.organizer for r in recs] == ["西宁市质量协会", "海东市质量协会"]


@pytest.mark.parametrize(
    ("sentence", "organiser"),
    [
        ("凝聚质量合力,护航品质生活——某某电器公司开展“质量月”知识竞赛活动", "某某电器公司"),
        ("为提升质量意识,前不久杭州公司组织各项目部负责人参加了工程观摩活动。", "杭州公司"),
        # a bar before the writer's own 公司: no name is given
        ("质量月 | 公司举办2024年质量知识竞赛活动", None),
    ],
)
def test_headline_words_are_no_part_of_the_body(sentence, organiser):
    assert find_organizer(sentence, None, None) == organiser


# - the body opening the sentence with its partners (联合/会同…成员单位), the verb after a comma, 启动 a
#   holding verb, 质量强市办 an office by its short form: 823, 840;
# - a later sentence opening with the event's noun (观摩会由X主办) tells "this" event's holder: 890 (with
#   824, 829 above).
@pytest.mark.parametrize(
    ("sentence", "organiser"),
    [
        (
            "9月3日,江西省质量强省工作领导小组办公室联合省市场监管局等成员单位,启动2022年江西“质量月”活动。",
            "江西省质量强省工作领导小组办公室",
        ),
        ("9月2日,吐鲁番市质量强市办会同各成员单位,举行了“质量月”活动启动仪式。", "吐鲁番市质量强市办"),
        # 主办 is no office's short form (not 市质量协会主办)
        ("9月2日,市质量协会主办、各企业协办,举行了质量知识竞赛。", "市质量协会"),
    ],
)
def test_opening_body_with_partners(sentence, organiser):
    assert find_organizer(sentence, None, None) == organiser


def test_event_noun_opens_the_held_by_sentence(gz):
    text = (
        "9月24日,嘉兴市南湖区质量安全观摩会在某项目工地举行。\n"
        "区建设局主任、副主任等领导出席。施工、监理单位等200余位代表参加。\n"
        "此次观摩会主题为建设质量新高地。观摩会由南湖区建设工程质量安全监督站主办,某集团承办。"
    )
    assert _one(text, gz).organizer == "南湖区建设工程质量安全监督站"


# - a company named after its seat (宝山钢铁股份有限公司, 甘肃普安制药股份有限公司) named after an event someone
#   else holds is not where the event was: 906 (宝山区), 833 (普安, a county of Guizhou); the company that
#   holds its own event, or heads its own page, keeps its seat (885).
def test_a_company_named_after_its_seat_receives_an_award(gz):
    text = "10月30日,上海市政府举行首届市长质量奖颁奖仪式,市长向获得组织奖的宝山钢铁股份有限公司颁奖。"
    rec = _one(text, gz)
    assert (rec.province, rec.city, rec.district) == ("上海市", "上海市", None)


def test_a_company_named_after_its_seat_holds_its_own_event(gz):
    rec = _one("9月3日,慈溪恒达电器股份有限公司举办2023年质量月启动会。", gz)
    assert rec.district == "慈溪市"


def test_a_company_heading_its_own_page(gz):
    text = "嘉兴恒达连杆有限公司\n\n新闻中心\n\n9月22日下午,公司举办了2023年“质量月”质量知识竞赛活动。"
    rec = _one(text, gz)
    assert (rec.province, rec.city) == ("浙江省", "嘉兴市")


def test_an_events_second_name_after_a_dash_is_no_body():
    sentence = "9月6日,某省2024年“质量月”系列活动暨第二届中国质量万里行——甘肃质量行在兰州启动。"
    assert find_organizer(sentence, None, None) is None


# - an event named after its place (岳阳市2021年“质量月”…启动仪式, 2023年苏州市…培训班, 湖南省2017年“质量月”
#   活动启动仪式) is held by the body the report names for that place: this event's credit (本次活动由…主办),
#   else the first body named in full after the place: 823, 824, 827, 829 (written by reader-fields, c9c89a6).
#   A place that acts itself (兰溪市召开质量工作会议) stays the organiser (dev corpora 007, 013).
@pytest.mark.parametrize(
    ("text", "organiser"),
    [
        # the body of the place, named in full in the next sentence
        (
            "金华市举办质量月启动仪式\n\n9月6日上午,金华市2023年“质量月”活动启动仪式在婺城区文化广场举行。"
            "金华市市场监督管理局局长出席并讲话。",
            "金华市市场监督管理局",
        ),
        # the report's credit, two paragraphs on, beats the first body named
        (
            "金华市质量月启动\n\n9月6日上午,金华市2023年“质量月”活动启动仪式在婺城区文化广场举行,"
            "金华市市场监督管理局局长出席。\n活动现场,群众踊跃咨询。\n"
            "据悉,本次活动由金华市质量强市工作领导小组办公室、金华市市场监督管理局共同主办。",
            "金华市质量强市工作领导小组办公室",
        ),
        # a training class named after its city, the city's bureau named as the school's partner
        (
            "某学院简讯\n\n10月12日,2022年绍兴市首席质量官培训班在我院开班。培训班是我院与绍兴市市场监督管理局"
            "合作的重点项目。",
            "绍兴市市场监督管理局",
        ),
        # the province's body named in full only with its head's title after it
        (
            "某省质量月启动\n\n今日,江西省2019年“质量月”活动启动仪式在南昌举行。江西省质监局局长出席并讲话。",
            "江西省质监局",
        ),
    ],
)
def test_an_event_named_after_its_place_is_held_by_the_places_body(text, organiser, gz):
    rec = _one(text, gz)
    assert rec.organizer == organiser


@pytest.mark.parametrize(
    ("text", "organiser"),
    [
        # the place acts: it holds its meeting, whatever bodies attend
        ("兰溪召开质量工作会议\n\n2023年9月8日,兰溪市召开质量工作会议,兰溪市市场监管局局长作工作报告。", "兰溪市"),
        # no body of the place is named: the place stays
        (
            "某地启动质量月\n\n9月6日上午,金华市2023年“质量月”活动启动仪式在婺城区文化广场举行。",
            "金华市",
        ),
        # a body of another place is not the place's
        (
            "某地启动质量月\n\n9月6日上午,金华市2023年“质量月”活动启动仪式在婺城区文化广场举行。"
            "浙江省市场监督管理局领导出席。",
            "金华市",
        ),
    ],
)
def test_a_place_keeps_the_event_when_no_body_of_it_is_named_or_it_acts(text, organiser, gz):
    rec = _one(text, gz)
    assert rec.organizer == organiser


# - a public institute named by its short name (浙江省质科院, 湖北省质检院荆州分院, 省标准化院) is an institution,
#   not an organiser of unknown type: 848, 849 (two labels), 834; so is a government's 领导小组 (805, 907) or
#   监督站 (890) a government body.
@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("江苏省质科院", "institution"),
        ("广东省质检院佛山分院", "institution"),
        ("省标准化院", "institution"),
        # a government's leading group or supervision station (805, 907; 890)
        ("郑州市质量强市战略工作领导小组", "government"),
        ("上海市质量工作领导小组", "government"),
        ("嘉定区建设工程质量安全监督站", "government"),
        # a keyword still decides first
        ("省计量院质量协会", "association"),
        ("市市场监管局", "government"),
    ],
)
def test_organiser_type_by_the_name_s_end(name, kind):
    assert rules.organizer_type(name) == kind
