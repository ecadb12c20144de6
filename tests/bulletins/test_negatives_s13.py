"""Documents that tell no concrete event (session 13, reader-negatives13, on corpus-7r, corpus-8, corpus-9,
corpus-10r and the dev corpora). Every text is invented for its class; each class was seen in two or more
real bulletins of at least two of those sets (the documents are named in /work/notes/reader-negatives13.md
on the team's machine)."""

from __future__ import annotations

from etl.evaluate import row_from_record
from tests.bulletins.reading import records


def _rows(text, gz):
    return [(r.activity_type, row_from_record("x", r).date) for r in records(text, gz)]


# A notice telling units what to do (关于开展…的通知, an addressee line, numbered items): an item is an
# event only when its own paragraph tells the day and the venue (9 9a17, 9a34; 10r 1035).
_NOTICE = (
    "{title}\n"
    "发布日期:2019-08-20\n"
    "各区质量协会,各会员单位:\n"
    "{lead}\n"
    "一、主要活动\n"
    "(一)举行“质量月”活动启动仪式。8月16日,在湖州市启动“质量月”活动,邀请会员企业代表出席,"
    "发布本年度用户满意度测评结果。\n"
    "(二)开展质量志愿者行动。组织质量专家深入企业,开展咨询、诊断和培训服务,帮助企业改进管理。\n"
    "(三)举办质量知识竞赛。9月20日,本会举办以“质量提升”为主题的全市质量知识竞赛活动。\n"
)
_NOTIFY = "为做好2019年全国“质量月”工作,现将本会开展“质量月”活动的有关事项通知如下。"
_REPORT = "为做好2019年全国“质量月”工作,本会围绕质量提升开展了以下活动。"


def test_a_programme_notice_gives_only_its_items_with_a_day_and_a_venue(gz):
    rows = _rows(_NOTICE.format(title="湖州市质量协会关于开展2019年“质量月”活动的通知", lead=_NOTIFY), gz)
    assert rows == [("launch_ceremony", "2019-08-16")]


def test_the_same_items_told_by_a_report_stay_records(gz):
    rows = _rows(_NOTICE.format(title="湖州市质量协会开展2019年“质量月”活动", lead=_REPORT), gz)
    assert rows == [("launch_ceremony", "2019-08-16"), ("training", "2019"), ("competition", "2019-09-20")]


def test_a_notice_of_one_event_with_its_time_line_is_that_event(gz):
    text = (
        "关于举办2024年计量知识培训班的通知\n"
        "各有关企业:\n"
        "为提升企业计量管理水平,嘉善县市场监管局决定举办计量知识培训班。\n"
        "时间:2024年5月16日\n"
        "地点:嘉善县行政中心二楼会议室\n"
    )
    assert _rows(text, gz) == [("training", "2024-05-16")]


def test_a_notice_that_names_no_item_with_a_day_gives_no_record(gz):
    text = (
        "关于开展2024年全市质量管理小组活动的通知\n"
        "各有关单位:\n"
        "为推动质量社会共治,市质协将继续组织开展本年度的质量管理小组活动,现就有关事宜通知如下。\n"
        "一、活动要求\n"
        "在全市各区、各行业宣传发动下,广泛开展质量改进、质量创新、技能竞赛等群众性质量活动。\n"
    )
    assert _rows(text, gz) == []


# The campaign deployed by document (联合印发…活动方案, 已完成部署, 共同部署开展) is no launch event when
# no day and no gathering are told (10r 1009, 1101; 8 832).
_DEPLOYED = (
    "“质量月”是每年九月在全国开展的群众性质量活动,旨在提高全民质量意识,营造关心质量、重视质量的"
    "社会氛围,推动质量强国建设,至今已开展四十余年。\n"
    "嘉兴市启动2021年质量月活动\n"
    "时间:2021-09-03 10:12 来源:某市政府网\n"
    "{body}\n"
    "质量宣传方面,将重点开展质量论坛,举行摄影大赛等活动。\n"
)
_PLANS = "各部门将在9月陆续开展质量宣传、质量提升等三大主题活动。"


def test_a_campaign_launched_by_issuing_its_plan_is_no_event(gz):
    body = "近日,嘉兴市市场监管局等10个部门联合印发2021年全市质量月活动方案," + _PLANS
    assert _rows(_DEPLOYED.format(body=body), gz) == []


def test_a_campaign_whose_deployment_is_complete_is_no_event(gz):
    text = (
        "2021年浙江省“质量月”活动正式启动\n"
        "记者从省质量强省工作领导小组办公室获悉,2021年浙江省“质量月”活动已完成部署,正式启动。\n"
        "今年活动以“提升质量”为主题,省级层面将重点开展质量品牌宣传等系列活动。\n"
    )
    assert _rows(text, gz) == []


def test_a_launch_told_with_a_day_a_gathering_or_under_anothers_deployment_stays(gz):
    dated = "9月2日,嘉兴市市场监管局等10个部门联合印发2021年全市质量月活动方案,并在南湖区启动2021年质量月活动。"
    assert _rows(_DEPLOYED.format(body=dated), gz) == [("launch_ceremony", "2021-09-02")]
    met = "近日,嘉兴市市场监管局等10个部门联合印发2021年全市质量月活动方案,全市质量月活动启动仪式在南湖区举行。"
    assert _rows(_DEPLOYED.format(body=met), gz) == [("launch_ceremony", "2021-09")]
    referred = "按照全国“质量月”活动部署,近日,嘉兴市市场监管局等10个部门启动2021年质量月活动," + _PLANS
    assert _rows(_DEPLOYED.format(body=referred), gz) == [("launch_ceremony", "2021-09")]


# A sentence whose subject is every unit of a kind and whose verb is what they shall do (各区各部门将…,
# 各单位要…) tells a duty, not an event (dev corpus-2 218; the form in 10r 1009, 1101, 1127).
_PLAN = (
    "2023年天津市“质量月”活动正式启动\n"
    "2023年09月05日 09:12 信息来源:天津市市场监督管理局\n"
    "为推进高质量发展,9月1日起我市将开展为期一个月的2023年天津市“质量月”活动。\n"
    "{said}\n"
    "通过广泛开展质量月活动,营造人人关心质量的良好氛围。\n"
)


def test_what_every_unit_shall_do_is_no_event(gz):
    for said in (
        "各区各部门将通过制作宣传片,组织“质量月”启动仪式,开展质量知识竞赛等多种形式,广泛开展主题宣传;",
        "各区、各部门和广大企业要组织“质量月”启动仪式,开展质量知识竞赛等多种形式的主题宣传。",
    ):
        assert _rows(_PLAN.format(said=said), gz) == [], said


def test_what_units_did_stays_an_event(gz):
    said = "9月4日,河西区市场监管局组织“质量月”启动仪式,开展质量知识竞赛等多种形式的主题宣传。"
    assert _rows(_PLAN.format(said=said), gz) == [("launch_ceremony", "2023-09-04")]
    said = "各区市场监管局组织了“质量月”启动仪式,开展质量知识竞赛等多种形式的主题宣传。"
    assert [t for t, _ in _rows(_PLAN.format(said=said), gz)] == ["launch_ceremony"]
