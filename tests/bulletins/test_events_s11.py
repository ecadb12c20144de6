"""Which events become records (issue 11, session 11, reader-events). Every text is invented for its
class (each class seen in two or more real bulletins of corpus-8 or the dev corpora)."""

from __future__ import annotations

from etl.evaluate import row_from_record
from tests.bulletins.reading import records


def _rows(text, gz):
    return [(r.activity_type, row_from_record("x", r).date) for r in records(text, gz)]


_CONTEST = (
    "某某科技公司举办质量知识竞赛\n"
    "发布时间:2023-09-28\n"
    "为响应“质量月”号召,9月26日,某某科技公司在三楼会议室举办了2023年质量知识竞赛。\n"
    "{a}\n"
    "来自各车间的8支代表队参加了比赛,现场气氛热烈。\n"
    "{b}\n"
    "最终,装配车间代表队获得一等奖。\n"
)


def test_an_image_file_name_is_no_numbered_item(gz):
    # a company post keeps its pictures as lines 1.jpg / 2.jpg: they are no programme items, so the
    # post's one event is still read
    text = _CONTEST.format(a="1.jpg", b="2.jpg")
    assert _rows(text, gz) == [("competition", "2023-09-26")]
    assert _rows(_CONTEST.format(a="图1.PNG", b="图2.PNG"), gz) == [("competition", "2023-09-26")]


def test_numbered_items_are_still_items(gz):
    # real numbered lines (1. 举办… / 2. 开展…) stay a programme of items
    text = (
        "某区2023年质量月活动安排\n发布时间:2023-08-30\n"
        "1. 9月5日,在区文化广场举办质量月启动仪式。\n"
        "2. 9月15日,在区行政中心举办首席质量官培训班。\n"
    )
    assert sorted(_rows(text, gz)) == [("launch_ceremony", "2023-09-05"), ("training", "2023-09-15")]


def _kinds(text, gz):
    return sorted((r.activity_type, row_from_record("x", r).date, r.district) for r in records(text, gz))


def test_a_plaque_given_at_the_meeting_in_a_sentence_of_its_own_is_part_of_it(gz):
    # 会议为…授牌 / 活动中,…为…揭牌: a plaque handed out or unveiled at the event, told by a sentence of
    # its own, is part of the meeting's record (convention C1, session 12; this test asserted an
    # appointment of its own while corpus-8's labels split such plaques)
    text = (
        "某区召开2023年标准化工作会议\n发布时间:2023-09-21\n"
        "9月20日上午,某市长宁区召开2023年标准化工作会议,总结上半年工作,部署下一阶段任务。\n"
        "会议指出,标准化是高质量发展的基础。\n"
        "会议为首批区级标准化服务站授牌。\n"
    )
    assert _kinds(text, gz) == [("forum_conference", "2023-09-20", "长宁区")]
    text = (
        "两地举办质量交流活动\n发布时间:2022-09-15\n"
        "9月14日,某省嘉善县和某市长宁区市场监管局在嘉善县举办首席质量官交流活动。\n"
        "活动中,两地市场监管局负责人、企业代表共同为某某电器有限公司“首席质量官实训基地”揭牌。\n"
    )
    assert [k for k, _, _ in _kinds(text, gz)] == ["forum_conference"]


def test_a_plaque_in_a_list_of_the_ceremony_programme_is_part_of_it(gz):
    # 在启动仪式上,…作了动员讲话,…为9家企业进行了授牌;…: the programme of the ceremony, one record
    text = (
        "某州启动质量月活动\n发布时间:2016-09-06\n"
        "9月5日,某州2016年“质量月”活动启动仪式在蒙自市举行。"
        "在启动仪式上,州质监局局长作了动员讲话,州质标办为荣获“质量提升示范单位”的9家企业进行了授牌;"
        "一家企业代表全州企业作了质量承诺。\n"
    )
    assert [k for k, _, _ in _kinds(text, gz)] == ["launch_ceremony"]


def test_a_plaque_planned_for_the_meeting_is_no_record(gz):
    text = (
        "某区召开2023年标准化工作会议\n发布时间:2023-09-21\n"
        "9月20日上午,某市长宁区召开2023年标准化工作会议,总结上半年工作。\n"
        "会议将为首批区级标准化服务站授牌。\n"
    )
    assert [k for k, _, _ in _kinds(text, gz)] == ["forum_conference"]


def test_the_attendees_touring_a_site_later_in_the_report_is_a_visit_of_its_own(gz):
    # …,与会代表现场观摩了某项目 / 陪同与会的理事参观了厂区生产现场: a research visit at the meeting's
    # place and day, beside the meeting
    text = (
        "某省建设系统“质量月”启动\n发布时间:2023-09-08\n"
        "9月7日,某省住房和城乡建设厅在某市长宁区举办全省建设系统“质量月”启动仪式。\n"
        "本次活动以“建设放心工程”为主题,与会代表现场观摩了某某大厦施工项目。\n"
    )
    assert _kinds(text, gz) == [
        ("launch_ceremony", "2023-09-07", "长宁区"),
        ("research_visit", "2023-09-07", "长宁区"),
    ]
    text = (
        "某市质量协会召开理事会\n发布时间:2024-09-27\n"
        "2024年9月26日,某市质量协会在某某电子有限公司召开第五届理事会第二次会议。\n"
        "公司副总经理介绍了企业概况,陪同与会的理事参观了公司生产现场,听取质量改进介绍。\n"
    )
    assert [k for k, _, _ in _kinds(text, gz)] == ["forum_conference", "research_visit"]


def test_the_attendees_touring_a_laboratory_is_an_open_day_and_a_planned_tour_no_record(gz):
    text = (
        "某区召开质量工作推进会\n发布时间:2023-09-15\n"
        "9月14日,某市长宁区召开质量工作推进会。\n"
        "会议听取了工作汇报,与会人员还现场参观了区计量检测所实验室。\n"
    )
    assert [k for k, _, _ in _kinds(text, gz)] == ["forum_conference", "open_day"]
    planned = text.replace("与会人员还现场参观了", "会后将组织与会人员参观")
    assert [k for k, _, _ in _kinds(planned, gz)] == ["forum_conference"]


def _places(text, gz):
    return sorted((r.activity_type, r.city or "", r.district or "") for r in records(text, gz))


def test_places_listed_as_holding_one_activity_are_one_item_each(gz):
    # 甲、乙、丙等多地同步开展…: each place listed holds the activity, one record a place, at the
    # report's date (none here: no year in the text)
    text = (
        "近日,某省市场监督管理局在湖州市举办“世界标准日”宣传活动启动仪式。\n"
        "嘉兴、绍兴、金华等多地同步开展标准化知识宣传活动,向群众发放资料。\n"
    )
    got = _places(text, gz)
    assert {("publicity", c, "") for c in ("嘉兴市", "绍兴市", "金华市")} <= set(got)
    assert len(got) == 4
    assert {row_from_record("x", r).date for r in records(text, gz)} == {None}


def test_a_list_that_is_not_of_places_or_plans_is_no_item(gz):
    # 质量、标准、计量等部门… names no places; 将同步开展 is a plan
    base = "近日,某省市场监督管理局在湖州市举办“世界标准日”宣传活动启动仪式。\n"
    assert len(records(base + "质量、标准、计量等多个科室同步开展标准化知识宣传活动。\n", gz)) == 1
    assert len(records(base + "嘉兴、绍兴、金华等多地将同步开展标准化知识宣传活动。\n", gz)) == 1


def test_a_round_up_unit_without_le_is_an_item_at_its_own_place(gz):
    # in a round-up (多地…), a clause opening with a unit and the activity it held, told without 了
    # (以…为重点,开展…; 深入某商场开展…), is one more record, at the place the unit's name holds
    text = (
        "近日,某省市场监督管理局在湖州市举办“世界标准日”宣传活动启动仪式。\n"
        "嘉兴、绍兴等多地同步开展标准化知识宣传活动,金华市市场监管局以两个国家级试点为重点,"
        "开展首席质量官培训;丽水市市场监管局深入某商业大厦开展计量器具免费检定咨询服务。\n"
    )
    got = _places(text, gz)
    assert ("training", "金华市", "") in got
    assert ("service_consultation", "丽水市", "") in got
    assert len(got) == 5


def test_units_without_le_in_a_report_of_one_event_are_no_items(gz):
    # without a round-up (no 各单位/多地/一系列…), a unit's clause is part of the one event's report
    text = (
        "9月5日,某市市场监管局在文化广场举办“质量月”启动仪式。"
        "金华市市场监管局深入某商业大厦开展计量器具免费检定咨询服务。\n"
    )
    assert [r.activity_type for r in records(text, gz)] == ["launch_ceremony"]


_PARAGRAPH_CHAIN = (
    "某市市场监督管理局通过多种宣传方式,围绕今年“质量月”主题开展宣传活动,增强群众质量意识。\n"
    "一是通过公交站台、公交车体等开展为期1个月的“质量月”主题宣传。在6条线路公交车身喷绘宣传标语。\n"
    "二是组织相关企业参加质量法治讲座。组织企业代表共计30余人参加讲座。\n"
    "三是组织开展检验检测机构开放日活动。在市计量所开展实验室开放日活动。\n"
)


def test_a_chain_whose_links_head_paragraphs_with_their_activities_is_a_round_up(gz):
    # each link opens a paragraph of its own with the activity it held (一是通过…开展…宣传。/ 二是组织…
    # 讲座。/ 三是组织开展…开放日活动。), no 了 and no umbrella word: one record a link, beside the report's
    # own (undated: no year in the text)
    text = "长宁区多种方式开展质量月宣传\n" + _PARAGRAPH_CHAIN.replace("某市", "某市长宁区")
    kinds = sorted(r.activity_type for r in records(text, gz))
    assert kinds.count("publicity") == 2 and "training" in kinds and "open_day" in kinds
    assert len(kinds) == 4


def test_a_chain_of_requirements_or_slogans_stays_one_event(gz):
    # links that are duties (一是要…) or slogans with no activity of their own are no records
    text = (
        "长宁区召开质量工作会议\n9月5日,某市长宁区召开质量工作会议。\n"
        "一是要加强质量宣传,组织开展多种形式的宣传活动。\n"
        "二是要强化质量监管,组织开展重点产品质量检查。\n"
        "三是要优化质量服务,组织开展质量帮扶活动。\n"
    )
    assert [r.activity_type for r in records(text, gz)] == ["forum_conference"]
    slogans = (
        "长宁区启动质量月活动\n9月5日,某市长宁区举行“质量月”活动启动仪式。\n"
        "一是启动规模大。区、街镇两级分别召开启动会。\n"
        "二是参与范围广。组织32个成员单位参加启动仪式。\n"
        "三是活动内容多。围绕主题开展宣传、帮扶等活动。\n"
    )
    assert [r.activity_type for r in records(slogans, gz)] == ["launch_ceremony"]


def test_departments_of_the_reports_own_place_without_le_are_no_items(gz):
    # 各成员单位…组织开展系列活动。省住建厅开展…专项检查,团省委开展…技能大赛: the departments of the
    # report's own province run standing programmes; told without 了 they are no items (a unit of a
    # place of its own, 金华市市场监管局…开展…, is: test above)
    text = (
        "9月4日,某省2018年“质量月”活动启动仪式在杭州市召开。\n"
        "各成员单位认真组织开展系列活动。省住房和城乡建设厅开展工程质量安全提升专项检查,"
        "团省委开展以“培养大国工匠”为主题的青年职业技能大赛。\n"
    )
    assert [r.activity_type for r in records(text, gz)] == ["launch_ceremony"]


def test_a_titled_report_released_in_a_clause_of_the_events_report_is_a_release(gz):
    # …,并发布了《…研究报告》 in a later sentence, or …大会,发布了…、《…白皮书》等 in the event's own sentence:
    # a report_release at the event's place and day, beside it
    text = (
        "某市质量协会召开“质量月”工作会议\n发布时间:2020-08-28\n"
        "8月27日,某市长宁区质量协会召开2020年“质量月”工作会议。\n"
        "会议公布了系列活动安排,并发布了《某区制造业企业质量管理研究报告》。\n"
    )
    assert _kinds(text, gz) == [
        ("forum_conference", "2020-08-27", "长宁区"),
        ("report_release", "2020-08-27", "长宁区"),
    ]
    own = (
        "某区启动质量月活动\n发布时间:2025-09-03\n"
        "9月2日,某市长宁区举办2025年“质量月”活动启动仪式暨品牌故事大会,发布了品牌价值评价结果、"
        "《长宁区质量状况白皮书(2024年)》等。\n"
    )
    assert [k for k, _, _ in _kinds(own, gz)] == ["launch_ceremony", "report_release"]


def test_an_untitled_report_shown_or_a_planned_release_is_no_record(gz):
    base = "某区启动质量月活动\n发布时间:2022-09-02\n9月1日,某市长宁区举行2022年“质量月”活动启动仪式。\n"
    assert len(records(base + "会上,视频发布了区质量发展报告和标准领跑者成果。\n", gz)) == 1
    assert len(records(base + "会议明确,区市场监管局将于月底发布《长宁区质量状况白皮书》。\n", gz)) == 1


def test_activities_listed_after_the_ceremony_are_records_of_their_own(gz):
    # 启动仪式后,相继开展了A、B、C等系列活动: one record an item naming an activity (a drive, 价格专项整治,
    # names none), in the ceremony's month since they followed one after another
    text = (
        "某市启动质量月活动\n发布时间:2021-09-15\n"
        "9月14日上午,某市长宁区2021年“质量月”活动启动仪式在区文化广场举行。\n"
        "启动仪式后,相继开展了首席质量官培训、计量器具免费检定服务、质量技术帮扶服务、价格专项整治等系列活动。\n"
    )
    assert _kinds(text, gz) == [
        ("launch_ceremony", "2021-09-14", "长宁区"),
        ("service_consultation", "2021-09", "长宁区"),
        ("service_consultation", "2021-09", "长宁区"),
        ("training", "2021-09", "长宁区"),
    ]
    # one activity right after it: the same day
    one = text.replace(
        "相继开展了首席质量官培训、计量器具免费检定服务、质量技术帮扶服务、价格专项整治等系列活动",
        "各部门积极开展质量宣传活动,发放资料3000余份",
    )
    assert _kinds(one, gz) == [
        ("launch_ceremony", "2021-09-14", "长宁区"),
        ("publicity", "2021-09-14", "长宁区"),
    ]
    # (session 15, C3 in docs/corpora/README.md) a hands-on service given there that day is part of the launch
    service = one.replace("质量宣传活动,发放资料3000余份", "质量咨询服务活动,为群众免费测量血压")
    assert _kinds(service, gz) == [("launch_ceremony", "2021-09-14", "长宁区")]


def test_what_is_planned_after_the_ceremony_is_no_record(gz):
    text = (
        "某市启动质量月活动\n发布时间:2021-09-15\n"
        "9月14日上午,某市长宁区2021年“质量月”活动启动仪式在区文化广场举行。\n"
        "启动仪式后,各部门将陆续开展首席质量官培训、质量技术帮扶服务等系列活动。\n"
    )
    assert [k for k, _, _ in _kinds(text, gz)] == ["launch_ceremony"]


def test_a_plaque_unveiled_in_a_later_clause_of_a_visit_is_part_of_it(gz):
    # …致欢迎辞,并与…共同为某工匠创新工作室揭牌: part of the visit's record (convention C1, session 12)
    text = (
        "某协会走进某造船公司\n发布时间:2024-06-12\n"
        "6月11日,某市质量协会组织会员单位走进长宁区某造船公司开展质量交流观摩活动。\n"
        "公司总经理助理致欢迎辞,并与协会副秘书长共同为某某质量工匠创新工作室揭牌。\n"
    )
    kinds = [k for k, _, _ in _kinds(text, gz)]
    assert "appointment" not in kinds and len(kinds) == 1
    # the same unveiling in the programme of a launch ceremony is part of it (dev 119, 221)
    launch = (
        "某区启动质量月活动\n发布时间:2023-09-06\n"
        "9月5日,某市长宁区2023年“质量月”活动启动仪式在区文化广场举行。\n"
        "区领导作动员讲话,并与企业代表共同为长宁区质量文化展示馆揭牌。\n"
    )
    assert [k for k, _, _ in _kinds(launch, gz)] == ["launch_ceremony"]


def test_a_round_up_is_announced_before_the_event_not_by_later_paragraphs(gz):
    # 活动现场,各单位通过展板宣传… in a later paragraph tells how the one event went: the report is no
    # round-up, so a unit's sentence beside the event is no round-up item (各单位 before the event would
    # make it one)
    text = (
        "某县开展质量月宣传活动\n发布时间:2023-09-15\n"
        "9月14日,某市长宁区市场监管局在区文化广场开展“质量月”集中宣传活动。"
        "区教育局组织开展了中小学生质量征文比赛。\n"
        "活动现场,各单位通过展板宣传、现场答疑等多种形式宣传质量法规。\n"
    )
    assert [k for k, _, _ in _kinds(text, gz)] == ["publicity"]
    roundup = text.replace("9月14日,某市长宁区市场监管局", "9月14日,各单位积极参与,某市长宁区市场监管局")
    assert sorted(k for k, _, _ in _kinds(roundup, gz)) == ["competition", "publicity"]


def test_a_body_going_on_to_hold_another_activity_later_is_a_record_of_the_year(gz):
    # a later paragraph: 省市场监管局与…等7个厅局共同举办了…大赛 / 某局还通过“某某眼”开展了线上的主题宣传:
    # another activity told as done with no day of its own, dated to the year, at the report's place
    text = (
        "某市启动质量月活动\n发布时间:2021-09-05\n"
        "9月3日,某市长宁区质量强区领导小组办公室启动2021年长宁区“质量月”活动。\n"
        "区市场监管局与区农业农村委、区住建委等7个部门共同举办了2021年长宁品牌故事大赛。\n"
        "区市场监管局还通过“长宁眼”开展了线上的主题宣传和线上答题活动。\n"
    )
    got = _kinds(text, gz)
    assert ("competition", "2021", "长宁区") in got and ("publicity", "2021", "长宁区") in got
    assert len(got) == 3


def test_background_or_plans_of_the_body_are_no_records(gz):
    # a dated sentence is further_events' business; plans (将) and duties are none
    text = (
        "某市启动质量月活动\n发布时间:2021-09-05\n"
        "9月3日,某市长宁区质量强区领导小组办公室启动2021年长宁区“质量月”活动。\n"
        "区市场监管局将与区住建委共同举办长宁品牌故事大赛。\n"
        "各单位要开展了解质量法规的宣传活动。\n"
    )
    assert len(records(text, gz)) == 1


def test_a_ceremony_held_with_an_ordinal_named_forum_is_two_events(gz):
    # …启动仪式和第五届某某品质论坛开幕式在某地举行 (and its English telling): the forum is an event of its own
    text = (
        "某协会启动质量月活动\n发布时间:2024-08-30\n"
        "8月29日,2024年某省质协系统“质量月”活动启动仪式和第五届长三角品质论坛开幕式在某市长宁区举行。\n"
    )
    assert _kinds(text, gz) == [
        ("forum_conference", "2024-08-29", "长宁区"),
        ("launch_ceremony", "2024-08-29", "长宁区"),
    ]
    en = (
        "The 5th Yangtze Delta Quality Forum\n"
        "On August 29, 2024, the launching ceremony of the 2024 Quality Month activity of the Shanghai quality "
        "associations and the 5th Yangtze Delta Quality Forum were held in Changning District, Shanghai.\n"
    )
    assert sorted(r.activity_type for r in records(en, gz)) == ["forum_conference", "launch_ceremony"]


def test_a_ceremony_with_an_unnamed_side_activity_or_joined_by_ji_is_one_event(gz):
    # 启动仪式和现场咨询活动 (corpus-8 833's labels) and A暨第四届…大会 (one event, the dev convention)
    one = (
        "某省启动世界标准日活动\n发布时间:2023-10-15\n"
        "10月14日,某省“世界标准日”系列宣传活动启动仪式和现场咨询活动在某市长宁区举行。\n"
    )
    assert [k for k, _, _ in _kinds(one, gz)] == ["launch_ceremony"]
    ji = (
        "某区召开质量大会\n发布时间:2023-11-28\n"
        "11月27日下午,2023年长宁区质量大会暨第四届长宁区政府质量奖表彰大会召开。\n"
    )
    assert len(records(ji, gz)) == 1
