"""Spurious records (session 14, reader-negatives14, on corpus-8, corpus-9, corpus-11r and the dev corpora):
records read from texts or parts that tell no concrete event. Every text is invented for its class; each
class was seen in real bulletins of two or more of those sets (named in /work/notes/reader-negatives14.md on
the team's machine)."""

from __future__ import annotations

from etl.evaluate import row_from_record
from tests.bulletins.reading import records


def _rows(text, gz):
    return [(r.activity_type, row_from_record("x", r).date) for r in records(text, gz)]


# A notice of activities to come told by its operative formula (现将有关事项通知如下) when the page kept no
# title (9 9a17, 9a34; 11r 11a10): its items with no day and venue of their own are what units shall do.
_UNTITLED_NOTICE = (
    "各会员单位:\n"
    "为推动建材行业质量提升,根据《关于开展2022年建材行业质量改进活动的通知》文件精神,本会拟组织会员单位"
    "参与2022年度质量改进活动。{formula}\n"
    "一、申报要求\n"
    "1.凡在生产中形成的质量改进成果,均可自愿申报。\n"
    "二、活动安排\n"
    "1.申报(4月1日-6月30日):企业登录本会网站填报成果材料。\n"
    "2.形式审查(8月份):审查材料的完整性。\n"
    "3.发表交流(10月-11月):确定成果等级名单(组织优秀成果擂台竞赛,推广先进经验)。\n"
    "三、联系方式\n"
    "联系人:王某 电话:0571-12345678\n"
)


def test_an_untitled_notice_of_activities_to_come_gives_no_record(gz):
    assert _rows(_UNTITLED_NOTICE.format(formula="现将有关事项通知如下:"), gz) == []


def test_the_notice_formula_is_what_makes_it_a_notice(gz):
    # the same items under a report's words are read as before (the contest of the second item)
    rows = _rows(_UNTITLED_NOTICE.format(formula="各项工作已全面展开。"), gz)
    assert rows == [("competition", "2022-10")]


def test_a_notice_that_makes_results_public_stays_a_record(gz):
    text = (
        "关于公布2022年度全市质量改进优秀成果的通知\n"
        "各会员企业:\n"
        "10月18日,本会在杭州市召开2022年度质量改进成果发表交流会,评出一等成果12项。"
        "现将评审的有关事项通知如下:\n"
        "一、获奖名单见附件。\n"
    )
    assert [t for t, _ in _rows(text, gz)] != []


# The campaign deployed by a notice the bodies that run it issue (8部门联合发布了《关于开展…活动的通知》,
# 对…进行部署; earlier forms 联合印发…活动方案, 完成部署): no launch event when no day and no gathering are told
# (11r 11b39; the class: 8 832, 10r 1009, 1101).
_NOTICE_ISSUED = (
    "{title}\n"
    "为办好今年全市“质量月”活动,{who}{verb}《关于开展2015年全市“质量月”活动的通知》,"
    "对9月开展全市“质量月”活动进行部署。\n"
    "今年全市“质量月”活动的主题是“提升质量,服务发展”,围绕主题共安排四项工作内容。\n"
    "一是营造氛围。通过举办质量论坛、征文等活动,扩大“质量月”的影响。\n"
)


def test_a_campaign_deployed_by_issuing_its_notice_is_no_launch(gz):
    text = _NOTICE_ISSUED.format(
        title="绍兴市2015年“质量月”活动正式启动", who="绍兴市质监局、市经信委等6部门联合", verb="发布了"
    )
    assert [t for t, _ in _rows(text, gz) if t == "launch_ceremony"] == []


def test_a_notice_issued_by_others_does_not_deploy_the_reports_campaign(gz):
    # 根据《关于开展…的通知》: another's notice, the bulletin's own launch is an event
    text = (
        "绍兴市举行2015年“质量月”活动启动仪式\n"
        "根据《关于开展2015年全国“质量月”活动的通知》要求,9月2日上午,绍兴市在市民广场举行"
        "2015年“质量月”活动启动仪式,200余人参加。\n"
    )
    assert ("launch_ceremony", "2015-09-02") in _rows(text, gz)


# A plan of a series of activities (将联合…共同开展5个大类40余项活动; 决定…组织开展“质量月”系列活动) is no event
# (convention C13; dev 118, 11r 11b26); one gathering announced, or a single kind decided, stays what it was.
def test_a_plan_of_many_activities_is_no_event(gz):
    text = (
        "打造质量强市 共建品质常州\n"
        "今年9月全国“质量月”的主题是“质量提升,惠及民生”,常州市市场监督管理局将联合各辖市区和相关部门,"
        "共同开展5个大类40余项活动,让质量融入百姓生活。\n"
    )
    assert _rows(text, gz) == []


def test_a_decided_series_is_no_launch_but_its_ceremony_is(gz):
    text = (
        "盘锦市启动2018年“质量月”活动\n"
        "为建设质量强市,盘锦市质量强市工作领导小组决定今年9月继续在全市范围内组织开展“质量月”系列活动。"
        "9月6日,盘锦市在市民广场举行2018年“质量月”活动启动仪式。\n"
    )
    assert _rows(text, gz) == [("launch_ceremony", "2018-09-06")]


def test_a_series_told_as_done_with_jiang_taking_an_object_stays_an_event(gz):
    # 将 + object + 与…相结合 is no plan; 开展了 tells the activities done
    text = (
        "某区开展质量月系列活动\n"
        "2020年9月,某区市场监管局将“质量月”活动与“中秋国庆”消费季相结合,在全区开展了质量宣传、"
        "质量帮扶等系列活动,惠及群众5000余人。\n"
    )
    assert [d for _, d in _rows(text, gz)] == ["2020-09"]


def test_a_plan_named_as_a_noun_is_no_plan(gz):
    # 按照年度工作计划 / 宣读表彰决定 before realised activities tell no plan
    for lead in ("按照年度工作计划,", "会议宣读了表彰决定,"):
        text = (
            "嘉兴市2021年“质量月”活动综述\n"
            f"2021年9月,{lead}嘉兴市市场监管局在南湖区组织开展质量宣传、质量帮扶等系列活动,惠及群众3000余人。\n"
        )
        assert len(_rows(text, gz)) == 1, lead


def test_a_single_kind_decided_stays_an_event(gz):
    text = (
        "某公司开展2013年质量竞赛活动\n"
        "为提升全业务链质量保障能力,公司工会和质量部决定自4月起联合组织2013年质量竞赛活动,"
        "全公司32个班组参加。\n"
    )
    assert [t for t, _ in _rows(text, gz)] == ["competition"]


# At a visit or an open day the attendees touring on (与会人员随后参观了…生产一线) is that event going on, not a
# visit of its own (11r 11a37; the class with 8 852-855 and 9 9a29, tours at a touring gathering).
_TOUR = (
    "{place}\n"
    "2020年9月18日,为丰富质量月活动内容,西安市未央区市场监管局{what}\n"
    "会上,公司负责人介绍了产品质量管理和标准执行情况。\n"
    "与会人员随后参观了该集团的面粉生产一线和食品科普馆,了解企业质量管理的做法。\n"
)


def test_the_attendees_tour_at_an_open_day_is_the_open_day(gz):
    what = "组织辖区食品企业20家到某粮油集团生产基地观摩学习,举行“质量开放日”活动。"
    rows = _rows(_TOUR.format(place="未央区举行质量开放日活动", what=what), gz)
    assert len(rows) == 1 and rows[0][1] == "2020-09-18"


def test_a_visit_going_on_to_another_company_stays_its_own(gz):
    text = (
        "某区市场监管局调研食品企业\n"
        "2020年9月18日,某区市场监管局组织辖区食品企业20家到某粮油集团生产基地观摩学习。\n"
        "随后,与会人员前往某乳业公司,参观其生产车间。\n"
    )
    assert len(_rows(text, gz)) == 2


def test_the_attendees_tour_after_a_meeting_stays_a_visit(gz):
    what = "在某粮油集团会议室召开食品企业质量提升座谈会,辖区食品企业20家参加。"
    rows = _rows(_TOUR.format(place="未央区召开食品企业质量提升座谈会", what=what), gz)
    assert [t for t, _ in rows][0] == "forum_conference" and len(rows) == 2


# An English bulletin of the national campaign deployed by document (jointly deploy the …, issued a circular on
# …): the campaign launched, whatever its sentence's other words suggest, is no event when no day and no
# gathering are told (8 808 "month of quality"; 11r 11b17 "are scheduled to jointly launch the National Quality
# Month"); a launch ceremony with its day stays one.
_EN_DEPLOYED = (
    "The 2021 national Quality Month will start soon\n"
    "On July 30, the State Administration for Market Regulation issued a circular on the national {name} "
    "activities in 2021.\n"
    "{launch}\n"
    "The theme of this year's activities is to improve quality and build a strong quality country.\n"
)


def test_an_english_campaign_launched_by_circular_is_no_event(gz):
    launch = (
        "Led by the market supervision administration, 30 departments are scheduled to launch the national {name} "
        "together in September 2021."
    )
    for name in ("\u201cQuality Month\u201d", "\u201cmonth of quality\u201d"):
        text = _EN_DEPLOYED.format(name=name, launch=launch.format(name=name))
        assert _rows(text, gz) == []


def test_an_english_launch_ceremony_with_its_day_stays_an_event(gz):
    launch = (
        "On September 3, 2021, the launch ceremony of the national \u201cQuality Month\u201d was held in Hefei, "
        "attended by 300 people."
    )
    text = _EN_DEPLOYED.format(name="\u201cQuality Month\u201d", launch=launch)
    assert ("launch_ceremony", "2021-09-03") in _rows(text, gz)


def test_month_of_quality_is_the_quality_month():
    from etl.bulletins import rules

    assert rules.find_campaign("the 2018 national activity for \u201cmonth of quality\u201d")[0] == "quality_month"
    assert rules.find_campaign("a month of quality-related checks") is None


def test_an_activity_launched_in_a_deployed_campaign_stays_an_event(gz):
    # 启动“质量月”质量知识培训 launches a training of the campaign, not the campaign
    text = (
        "某市启动2021年质量月活动\n"
        "近日,某市市场监管局等8部门联合印发2021年全市质量月活动方案。\n"
        "9月中旬,市市场监管局启动“质量月”质量知识培训,200名企业质量负责人参加。\n"
    )
    assert ("training", "2021-09") in _rows(text, gz)


# The campaign's own launch planned (… are scheduled to launch the provincial Quality Month) with no gathering is
# the campaign to come, no event (C13; 11r 11b17 with no circular told); a gathering the plan names stays (8 810: "are scheduled to jointly hold … Conference", a held conference in a machine translation).
def test_the_campaign_launch_planned_is_no_event(gz):
    text = (
        "Quality Month of 2023 is on its way\n"
        "Fifteen departments, including the provincial market supervision bureau, are scheduled to launch the "
        "provincial \u201cQuality Month\u201d together in September 2023.\n"
    )
    assert _rows(text, gz) == []


def test_a_gathering_the_plan_words_name_stays(gz):
    text = (
        "City quality conference held\n"
        "The city quality association and the city development research center are scheduled to jointly hold "
        "the 2019 Wuxi City Quality Conference at 2 pm on April 18, 2019, at the Wuxi Expo Center, and nearly 600 "
        "people attended the meeting.\n"
    )
    assert [t for t, _ in _rows(text, gz)] == ["forum_conference"]
