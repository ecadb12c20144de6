"""Which events become records (issue 11, session 11, reader-events2, on the fresh dev set corpus-9).
Every text is invented for its class (each class seen in two or more real bulletins of corpus-9 and
corpus-8)."""

from __future__ import annotations

from etl.evaluate import row_from_record
from tests.bulletins.reading import records


def _rows(text, gz):
    return [(r.activity_type, row_from_record("x", r).date, r.province) for r in records(text, gz)]


_STORY = (
    "新华网太原9月6日电:9月5日,在山西省2021年“质量月”活动启动仪式上,山西省市场监督管理局通报了上半年产品抽查情况。\n"
)


def test_a_site_notice_numbered_under_the_story_is_no_programme(gz):
    # the page's copyright notice (1、…2、…) under the story named no event: the story is still read
    text = (
        _STORY + "本次“质量月”共安排了30项活动内容。\n"
        "1、本网站由某某广播电台主办,经授权由某某网络有限公司独家负责网站的经营。\n"
        "2、凡本网注明“来源:本网专稿”的作品,版权均属本网所有,未经书面授权不得转载、摘编。\n"
        "3、任何未与本公司签订协议的媒体、网站和个人均无权使用本网的信息产品。\n"
    )
    assert _rows(text, gz) == [("launch_ceremony", "2021-09-05", "山西省")]


def test_contact_lines_under_the_story_are_no_programme(gz):
    text = (
        _STORY + "上一条:某县开展食品安全宣传\n下一条:某市召开企业座谈会\n"
        "• 联系电话:0351-12345678\n"
        "• 传  真:0351-12345679\n"
    )
    assert _rows(text, gz) == [("launch_ceremony", "2021-09-05", "山西省")]


def test_a_programme_of_events_is_still_read_item_by_item(gz):
    # items that name events stay the records; the intro is not read a second time
    text = (
        "某县2021年“质量月”活动安排\n"
        "为推动质量强县建设,县市场监管局组织开展“质量月”系列活动,安排如下:\n"
        "1、9月3日,在县人民广场举办质量月启动仪式。\n"
        "2、9月16日,在县行政中心举办首席质量官培训班。\n"
    )
    assert sorted(r[0] for r in _rows(text, gz)) == ["launch_ceremony", "training"]


def test_a_plan_before_items_that_name_no_event_gives_no_record(gz):
    # the intro read as the report still reads no plan as held
    text = (
        "某县2021年“质量月”活动方案\n"
        "县市场监管局将于9月组织开展“质量月”活动,具体要求如下:\n"
        "1、各单位要高度重视,加强组织领导。\n"
        "2、各单位要于10月10日前报送工作总结。\n"
    )
    assert _rows(text, gz) == []


_LAUNCH = (
    "某县举行2022年质量月启动仪式\n"
    "9月8日上午,某县在人民广场举行了2022年“质量月”启动仪式。县政府副县长出席并讲话,各成员单位及企业代表共150余人参加。\n"
    "{after}\n"
)


def test_an_activity_after_the_ceremony_framed_by_its_theme_is_a_record(gz):
    # 启动仪式后,围绕“…”主题,开展了…: the theme clause before the verb does not hide the activity
    text = _LAUNCH.format(
        after="启动仪式后,围绕“提升产品质量 共建品质生活”主题,开展了现场宣传活动,发放宣传资料3000余份。"
    )
    assert [r[:2] for r in _rows(text, gz)] == [("launch_ceremony", "2022-09-08"), ("publicity", "2022-09-08")]
    # (session 15, C3 in docs/corpora/README.md) a hands-on service at the launch's own place on its day is part
    # of the launch, no record of its own
    text = _LAUNCH.format(after="仪式后,以“质量惠民”为主题,县市场监管局开展了计量器具免费检定服务。")
    assert [r[0] for r in _rows(text, gz)] == ["launch_ceremony"]


def test_a_theme_clause_after_the_ceremony_does_not_make_a_plan_held(gz):
    text = _LAUNCH.format(after="启动仪式后,围绕“提升产品质量 共建品质生活”主题,各部门将开展现场宣传活动。")
    assert [r[0] for r in _rows(text, gz)] == ["launch_ceremony"]


def test_page_lines_with_a_colon_are_no_section_headings(gz):
    # a breadcrumb and an empty hit counter (访问量:) are page furniture, not two headed sections: the
    # headline and the story tell one event
    text = (
        "您当前所在位置: 首页>政务公开>产品质量监管\n"
        "某县市场监管局开展“质量月”宣传咨询服务活动\n"
        "访问量:\n"
        "2023年9月12日,某县市场监管局联合县卫健委等成员单位在县人民广场开展“质量月”宣传咨询服务活动,发放资料800余份。\n"
    )
    assert len(records(text, gz)) == 1, [r.source_excerpt for r in records(text, gz)]
    # a search box's empty fields (信息类别: / 所在区域:) likewise
    text = (
        "当前位置:首页 > 资讯\n信息类别:\n所在区域:\n"
        "某区举办首席质量官培训班\n"
        "2023年9月20日,某区市场监管局在区行政中心举办首席质量官培训班,60余名企业质量负责人参加。\n"
    )
    assert [r.activity_type for r in records(text, gz)] == ["training"]


def test_photo_captions_are_no_section_headings(gz):
    # 图说:… under each photo names a winner; the report is one award ceremony, read from its story
    text = (
        "讯 今天上午,2021年某区政府质量奖颁奖仪式在区文化中心举行,3家组织和2名个人获得区长质量奖。\n"
        "图说:某某科技公司。主办方供图\n"
        "获奖的某某科技公司是一家芯片设计企业,公司负责人介绍了质量管理的做法。\n"
        "图片说明:某某剧院。主办方供图\n"
        "某某剧院此次也获得了区长质量奖,院长说剧院每年检查演出质量300余场。\n"
    )
    got = records(text, gz)
    assert [r.activity_type for r in got] == ["award_commendation"], [r.source_excerpt for r in got]


def test_an_award_list_made_public_is_the_award(gz):
    # a company post: the association made its list of award-winning projects public; no other event
    text = (
        "公司三个项目获评市优质工程\n"
        "发布时间:2023-06-18\n"
        "近日,某市建筑业协会公布关于“2022年度某市优质工程”获奖项目名单,公司承建的三个项目榜上有名。\n"
        "公司将以此为契机,继续提升工程质量管理水平。\n"
    )
    # 近日 on a page of 18 June about no campaign: the page's year (convention C5, session 13)
    assert [r[:2] for r in _rows(text, gz)] == [("award_commendation", "2023")]
    # dated by the words before the list (日前: the page's year), not by the year the award is named after
    text = (
        "某区12家企业获得某市名牌称号\n"
        "日期:2016-01-20\n"
        "日前,某市名牌产品推荐委员会公布了成功推荐成为2015年某市名牌的企业名单,某区共有12家企业获此殊荣。\n"
    )
    assert [r[:2] for r in _rows(text, gz)] == [("award_commendation", "2016")]


def test_a_list_of_firms_at_fault_is_no_award(gz):
    text = (
        "某市公布抽查结果\n"
        "发布时间:2023-06-18\n"
        "近日,某市市场监管局公布了电动自行车产品质量抽查不合格企业名单,责令相关企业限期整改。\n"
    )
    assert [r[0] for r in _rows(text, gz)] != ["award_commendation"]
