"""Spurious records (session 15, reader-precision15, on corpus-8, corpus-9, corpus-11r, corpus-12r and the dev
corpora): records read from parts of a page that tell no event of its story. Every text is invented for its
class; each class was seen in real bulletins of two or more of those sets (named in
/work/notes/reader-precision15.md on the team's machine)."""

from __future__ import annotations

from etl.evaluate import row_from_record
from tests.bulletins.reading import records


def _rows(text, gz):
    return [(r.activity_type, row_from_record("x", r).date) for r in records(text, gz)]


# Other pages' headlines listed under the story at the page's end, with no heading or under a paper's own
# (标题导航 with the day's titles; a company site's related stories): no event of this story (8 815, 12r 12a18).
_STORY = (
    "德清县举办2023年“质量月”质量知识讲座\n"
    "9月12日,德清县市场监管局在县会议中心举办“质量月”质量知识讲座,120余名企业代表参加。"
    "讲座围绕质量管理体系建设展开,现场气氛热烈。\n"
)
_LECTURE = [("training", "2023-09-12")]


def test_headlines_of_other_pages_under_the_story_give_no_record(gz):
    text = _STORY + "某钢厂召开安全生产动员会\n某煤矿举办消防培训 筑牢安全防线\n"
    assert _rows(text, gz) == _LECTURE


def test_a_paper_s_title_list_after_its_navigation_gives_no_record(gz):
    text = (
        _STORY
        + "上一篇    下一篇\n标题导航\n第01版:要闻\n第02版:地方新闻\n"
        + "安吉县召开招商推介会\n老街改造完工 市民点赞\n某公司组织开展技能比武\n"
    )
    assert _rows(text, gz) == _LECTURE


def test_one_short_line_after_the_story_is_read_as_before(gz):
    # a single unpunctuated line is no list of links
    assert len(_rows(_STORY + "某钢厂召开安全生产动员会\n", gz)) == 2


def test_short_lines_naming_no_event_leave_the_story_as_it_was(gz):
    # a closing slogan and a credit are not titles of other stories; nothing changes
    assert _rows(_STORY + "质量第一 诚信为本\n编辑:王某\n", gz) == _LECTURE


def test_numbered_lines_after_the_story_are_its_own(gz):
    # numbered lines after a sentence are the story's programme, not other pages' titles
    text = (
        "德清县2023年“质量月”活动总结\n"
        "9月12日,德清县市场监管局在县城开展了以下“质量月”活动。\n"
        "(一)在县会议中心举办质量知识讲座\n"
        "(二)在人民广场开展质量宣传咨询活动\n"
    )
    assert _rows(text, gz) == [("training", "2023-09-12")]


# History told as background: the origin of a campaign or observance (始于1978年; 将每年5月20日定为“世界计量日”;
# started in 1978; 决定每年9月…开展): no event of the report, and its day dates no later event (11r 11a35,
# 12r 12b19; the wording also in 8 817).
def test_the_origin_of_an_observance_is_no_event(gz):
    text = (
        "德清县开展2023年“世界标准日”宣传活动\n"
        "1946年10月14日,25个国家的代表在伦敦召开会议,决定成立国际标准化组织,"
        "国际标准化组织理事会后来将每年10月14日定为“世界标准日”。\n"
        "10月14日上午,德清县市场监管局在县城人民广场开展“世界标准日”宣传活动,发放资料3000余份。\n"
    )
    assert _rows(text, gz) == [("publicity", "2023-10-14")]


def test_an_observance_set_up_by_a_congress_is_history_and_dates_nothing(gz):
    # 确定每年…为 (set up every year as): the congress of 1999 is no event of the report, nor the report's year
    text = (
        "德清县开展2024年“世界计量日”宣传活动\n"
        "1999年10月,第21届国际计量大会在巴黎召开,确定每年5月20日为“世界计量日”。\n"
        "5月20日上午,德清县市场监管局在县城人民广场开展“世界计量日”宣传活动,发放资料2000余份。\n"
    )
    assert _rows(text, gz) == [("publicity", "2024-05-20")]


def test_an_english_essay_on_the_campaign_s_start_gives_no_record(gz):
    text = (
        "Quality Month: let good products speak\n\n"
        "September is the national “Quality Month”.\n\n"
        "The “Quality Month” activity started in 1978. At that time, many enterprises had serious quality problems.\n\n"
        "This year, the activities are in full swing as in previous years.\n"
    )
    assert _rows(text, gz) == []


def test_a_day_of_the_campaign_s_history_dates_no_event(gz):
    text = (
        "德清县开展“质量月”宣传活动\n"
        "我国的“质量月”活动始于1978年。原国家经委于1978年6月24日向全国发出通知,决定每年9月在全国开展“质量月”活动。\n"
        "今年,德清县市场监管局在县城人民广场开展“质量月”宣传活动,发放资料3000余份。\n"
    )
    assert [d for _, d in _rows(text, gz)] == [None]


def test_a_first_edition_held_on_its_day_stays_an_event(gz):
    # a first event told with its own day is no history (首届…举行), nor a yearly plan told as held
    text = "首届德清县质量论坛举行\n2023年9月12日,首届德清县质量论坛在县会议中心举行,论坛决定每年举办一次。\n"
    assert _rows(text, gz) == [("forum_conference", "2023-09-12")]


# A plan laid out under a plan's own headings (一、组织领导 / 二、活动主题 / 三、活动内容 / 四、工作要求), with no
# notice title or formula kept: a plan of activities to come, whose items are events only when dated to a day or
# a month of their own, as C13 announces them (12r 12b41; the layout in 9 9a34; the class with 9 9a17, 11r 11a10).
_PLAN = (
    "为进一步提升全县产品质量水平,根据上级文件要求,结合我局实际,制定本方案。\n"
    "一、组织领导\n"
    "成立“质量月”活动领导小组,局长任组长。\n"
    "二、活动主题\n"
    "质量筑基 品牌引领。\n"
    "三、活动内容\n"
    "(一)广泛开展质量宣传\n"
    "1.在德清县城区开展“质量月”宣传咨询活动,发放宣传资料。\n"
    "2.组织企业开展质量知识竞赛,提高全员质量意识。\n"
    "(二)开展质量提升行动\n"
    "3.9月15日在县会议中心举办质量管理培训班。\n"
    "4.9月下旬,召开全县质量工作推进会。\n"
    "四、工作要求\n"
    "各科室要高度重视,按时报送活动总结。\n"
)


def test_a_plan_laid_out_under_its_headings_keeps_only_its_dated_items(gz):
    text = "德清县市场监管局2023年“质量月”活动方案\n" + _PLAN
    assert sorted(_rows(text, gz)) == [("forum_conference", "2023-09"), ("training", "2023-09-15")]


def test_a_plan_without_its_title_gives_no_undated_item(gz):
    assert [d for _, d in _rows(_PLAN, gz) if d is None or len(d) == 4] == []


def test_a_report_laid_out_under_a_summary_s_headings_is_read_as_before(gz):
    text = (
        "德清县2023年“质量月”活动总结\n"
        "2023年9月,德清县市场监管局开展了“质量月”系列活动。\n"
        "一、主要做法\n"
        "9月12日,在县城人民广场开展“质量月”宣传咨询活动,发放资料3000余份。\n"
        "二、取得成效\n"
        "9月20日,在县会议中心举办质量管理培训班,120名企业代表参加。\n"
    )
    assert _rows(text, gz) == [("publicity", "2023-09-12"), ("training", "2023-09-20")]


def test_one_plan_heading_alone_makes_no_plan(gz):
    text = (
        "德清县开展2023年“质量月”活动\n"
        "一、活动内容\n"
        "9月12日,德清县市场监管局在县城人民广场开展“质量月”宣传咨询活动,发放资料3000余份。\n"
        "9月20日,德清县市场监管局组织企业开展质量知识竞赛。\n"
    )
    assert ("competition", "2023-09-20") in _rows(text, gz)


def test_a_summary_headed_by_its_theme_and_contents_is_no_plan(gz):
    # 活动主题 / 活动内容 head a summary too; only a plan has 组织领导, 工作要求 …: the summary's year-dated contest stays
    text = (
        "德清县某公司2023年“质量月”活动回顾\n"
        "2023年“质量月”期间,德清县某公司开展了形式多样的质量活动。\n"
        "一、活动主题\n"
        "质量筑基 品牌引领。\n"
        "二、活动内容\n"
        "公司组织开展了质量知识竞赛,300名员工参加。\n"
    )
    assert _rows(text, gz) == [("competition", "2023")]


# The campaign deployed by a notice its bodies issue, told with no title (联合下发以下通知,要求…): the deployment,
# no event, as with a titled notice or an English "issued a circular on" (12r 12b40; the class: 8 832, 11r 11b39).
def test_a_notice_issued_with_its_requirements_is_no_event(gz):
    text = (
        "浙江日报讯 记者从浙江省市场监管局获悉,省市场监管局等12个部门近日联合下发通知,要求在2023年“质量月”"
        "活动期间,在全省开展质量提升行动,严厉打击假冒伪劣行为。\n"
        "通知提出了20多项具体活动内容。\n"
    )
    assert _rows(text, gz) == []


def test_an_event_held_under_another_s_notice_stays(gz):
    text = "浙江日报讯 根据省局下发的通知要求,9月12日,德清县市场监管局在县城人民广场举办2023年“质量月”活动启动仪式。\n"
    assert _rows(text, gz) == [("launch_ceremony", "2023-09-12")]


def test_a_gathering_the_notice_sets_on_a_day_stays_a_record(gz):
    # C13: an announced single gathering with its day is a record
    text = "湖州市市场监管局近日下发通知,要求各县区于9月12日在县城广场同步举办2023年“质量月”活动启动仪式。\n"
    assert _rows(text, gz) == [("launch_ceremony", "2023-09-12")]


# Work measures in a speaker's or a review's chain (一是加强领导…;二是加大宣传力度…;三是建立…考核机制; 二是实施
# 质量考核,促进…): policy work, no event, when the link names no date and no activity held (11r 11a32, 11a05;
# 12r 12b41's 深入宣贯 item).
_SPEECH = (
    "德清县召开2023年“质量月”活动动员会\n"
    "9月1日,德清县市场监管局在县会议中心召开2023年“质量月”活动动员会,全县50家企业负责人参加。\n"
    "局长表示,要多措并举,扎实推进“质量月”活动落实落地。一是加强领导,抓好责任落实;二是加大宣传力度,"
    "营造全社会重视质量的氛围;三是建立“质量月”监督考核机制,完善奖惩办法;四是组织企业开展质量知识竞赛活动。\n"
)


def test_work_measures_of_a_speech_are_no_events(gz):
    rows = _rows(_SPEECH, gz)
    assert ("publicity", "2023-09-01") not in rows
    assert ("inspection_supervision", "2023-09-01") not in rows
    assert ("launch_ceremony", "2023-09-01") in rows


def test_a_link_that_names_an_activity_is_read_as_before(gz):
    assert ("competition", "2023-09-01") in _rows(_SPEECH, gz)


def test_a_review_s_measures_give_no_record(gz):
    text = (
        "浙江省2016年质量工作回顾\n"
        "2016年,浙江省质量工作取得新进展。一是实施质量考核,促进质量工作深入开展。二是强化监督抽查,全年抽查产品2000批次。\n"
    )
    assert _rows(text, gz) == []


def test_a_measure_verb_before_a_dated_activity_keeps_it(gz):
    text = (
        "德清县开展2023年“质量月”宣传活动\n"
        "加强质量宣传,9月12日,德清县市场监管局在县城人民广场开展“质量月”宣传活动,发放资料3000余份。\n"
    )
    assert _rows(text, gz) == [("publicity", "2023-09-12")]


def test_the_origin_told_as_a_clause_of_the_report_s_event_keeps_it(gz):
    # a relative clause (which was launched in 1978) or an attribute (始于1978年的) is no history sentence
    en = (
        "Deqing kicks off Quality Month\n"
        "The Quality Month, which was launched in 1978, kicked off in Deqing County on Sept 1, 2023, "
        "with a ceremony at the county hall.\n"
    )
    assert _rows(en, gz) == [("launch_ceremony", "2023-09-01")]
    zh = "德清县启动2023年“质量月”活动\n始于1978年的“质量月”活动,今年9月1日在德清县人民广场启动,县领导出席启动仪式。\n"
    assert _rows(zh, gz) == [("launch_ceremony", "2023-09-01")]


def test_a_measure_told_as_done_stays_an_activity(gz):
    # 加强计量监督,…进行了检查,共检查电子秤300台: what the measure did is an inspection held
    text = (
        "德清县开展计量监督检查\n"
        "发布时间:2023-09-12\n"
        "加强计量监督,德清县市场监管局对全县集贸市场的电子秤进行了检查,共检查电子秤300台。\n"
    )
    assert len(_rows(text, gz)) == 1


# A hands-on service given at the event's place on its day is part of it (convention C3; 8 871: free tests after a
# launch by 各部门; 11r 11b07: 同时,现场还开展…便民服务活动 at a publicity day); an outing or a venue of its own, or a
# publicity event of its own after the launch, stays a record.
_LAUNCH_DAY = (
    "屯溪区举办2019年“质量月”活动启动仪式\n"
    "9月6日,屯溪区在老街广场举办2019年“质量月”活动启动仪式,区质量强区工作领导小组成员单位及企业代表150余人参加。\n"
    "{after}\n"
)


def test_free_services_after_the_launch_are_part_of_it(gz):
    after = "启动仪式后,各部门在现场开展质量宣传咨询活动,为群众免费测量血压、免费检测农药残留。"
    assert [t for t, _ in _rows(_LAUNCH_DAY.format(after=after), gz)] == ["launch_ceremony"]


def test_a_convenience_service_on_site_at_a_publicity_day_is_part_of_it(gz):
    text = (
        "涪城区开展“质量月”集中宣传活动\n"
        "2024年9月20日上午,绵阳市涪城区市场监管局在人民公园开展“质量月”集中宣传活动,发放宣传资料2000余份。\n"
        "同时,现场还开展计量惠民便民服务活动,工作人员为群众的家用电子秤进行校准。\n"
    )
    assert _rows(text, gz) == [("publicity", "2024-09-20")]


def test_an_outing_or_a_publicity_event_after_the_launch_stays_its_own(gz):
    outing = "当天,区市场监管局还来到区工业园区开展计量便民服务活动,为企业免费检定计量器具。"
    assert len(_rows(_LAUNCH_DAY.format(after=outing), gz)) == 2
    show = "启动仪式后,开展了集中宣传活动,全区20家企业的30余类产品参加了展示。"
    assert [t for t, _ in _rows(_LAUNCH_DAY.format(after=show), gz)] == ["launch_ceremony", "publicity"]


def test_a_service_at_a_venue_of_its_own_that_day_stays_its_own(gz):
    after = "同日下午,区市场监管局在阳湖社区开展了“质量惠民”进社区服务活动,为居民免费检测眼镜、血压计等120余件。"
    assert [t for t, _ in _rows(_LAUNCH_DAY.format(after=after), gz)] == ["launch_ceremony", "service_consultation"]
