"""Labels the reader missed with no record at all (session 15, reader-recall15, on corpus-8, corpus-11r and
corpus-12r): a story hidden under page-foot credit lines read as headings, and a story whose event is told
with no event verb. Every text is invented for its class; each class was seen in real bulletins of two
development sets (named in /work/notes/reader-recall15.md on the team's machine)."""

from __future__ import annotations

from tests.bulletins.reading import places_and_dates as _rows
from tests.bulletins.reading import records

# The page's credit lines at its foot (制作:某某 / 审核:某某; 联系电话:…) were two headings, and the story above
# them an intro nobody read (12r 12a06; 11r 11a08).
_STORY = (
    "连日来,安吉县市场监督管理局质量宣传小组先后走进某某竹木制品有限公司、某某椅业有限公司和某某茶叶合作社,"
    "与企业负责人围绕质量提升主题座谈交流,并实地察看生产车间和检验室。\n"
    "据了解,今年“质量月”宣传的主题是“质量强县 品质安吉”。县市场监督管理局表示,将继续组织执法检查和质量帮扶。\n"
)
_ANJI = ("浙江省", "湖州市", "安吉县")


def test_credit_lines_at_the_foot_do_not_hide_the_story(gz):
    assert _rows(_STORY + "制作:王某某\n审核:李某\n", gz) == [(_ANJI, None)]


def test_a_contact_line_is_no_heading_either(gz):
    assert _rows(_STORY + "主办:某某县融媒体中心\n联系电话:0572-1234567\n", gz) == [(_ANJI, None)]


def test_district_headings_still_open_sections(gz):
    text = (
        "9月份,全市各区开展“质量月”活动。\n"
        "西湖区:9月5日,西湖区市场监管局在文化广场举办质量月启动仪式。\n"
        "拱墅区:9月8日,拱墅区市场监管局在运河广场开展质量宣传咨询活动。\n"
    )
    assert [r for r, _ in _rows("2022年\n" + text, gz)] == [
        ("浙江省", "杭州市", "西湖区"),
        ("浙江省", "杭州市", "拱墅区"),
    ]


# A story that tells its event with no event verb (为某小学师生送上“质量大餐” / 迎来了43名学员参观学习), the kind
# only in later sentences (小讲堂, 课堂): its lead, stating the time, is the event (8 856; 12r 12a10).
_GIFT = (
    "{when}下午,嘉善县市场监管局联合县教育局,为魏塘小学五年级80名学生送去一份特别的“质量礼包”。\n"
    "监管局工作人员为孩子们讲授了一堂计量知识小课堂,现场气氛热烈。\n"
    "孩子们纷纷表示,要把质量意识带回家。\n"
)
_JIASHAN = ("浙江省", "嘉兴市", "嘉善县")


def test_a_story_told_with_no_event_verb_is_read_from_its_lead(gz):
    assert _rows(_GIFT.format(when="2023年9月20日"), gz) == [(_JIASHAN, "2023-09-20")]


def test_its_lead_with_no_year_gives_an_undated_record_at_its_place(gz):
    assert _rows(_GIFT.format(when="9月20日"), gz) == [(_JIASHAN, None)]


def test_a_dated_story_naming_no_activity_stays_without_record(gz):
    text = "2023年9月20日,嘉善县气温骤降,部分乡镇出现降雨。\n县气象局提醒市民注意出行安全。\n"
    assert _rows(text, gz) == []


def test_a_plan_with_no_event_verb_stays_without_record(gz):
    text = "嘉善县市场监管局表示,将于2023年10月10日为魏塘小学学生送去“质量礼包”,讲授计量知识小课堂。\n"
    assert _rows(text, gz) == []


def test_a_slogan_with_no_time_is_no_lead(gz):
    text = "一是广泛宣传,营造氛围。各单位要结合实际制定方案。\n二是强化服务,质量惠民。\n"
    assert _rows(text, gz) == []


# A report's further event told the same way, with no event verb: its own day, then the body acting
# (县市场监管局联合某公司,把“质量课堂”搬进居民楼下) (8 908; the class with 8 856 and 12r 12a10 above).
_ROUNDUP = (
    "2023年9月,嘉善县市场监管局开展了一系列质量月宣传活动。9月4日,县市场监管局在人民广场开展质量宣传咨询活动,"
    "发放资料200余份。9月6日上午,县市场监管局{told}\n"
)


def _days(text, gz):
    return [d for _, d in _rows(text, gz)]


def test_a_further_day_told_with_no_event_verb_is_an_event(gz):
    told = "联合县燃气公司,把“质量课堂”搬进魏塘街道居民小区,向居民讲解燃气安全知识。"
    assert _days(_ROUNDUP.format(told=told), gz) == ["2023-09", "2023-09-04", "2023-09-06"]


def test_a_further_day_naming_no_activity_is_none(gz):
    told = "联合县教育局,为全县中小学生印制了读本。"
    assert _days(_ROUNDUP.format(told=told), gz) == ["2023-09", "2023-09-04"]


def test_a_further_day_telling_a_plan_is_none(gz):
    told = "表示,将把“质量课堂”搬进居民小区。"
    assert _days(_ROUNDUP.format(told=told), gz) == ["2023-09", "2023-09-04"]


# A meeting held after or beside the main event, named by its head noun (主题宣传座谈会, 质量月活动宣贯会): a
# record of its own, also when the main event's body holds it or a company's short name opens it (8 893;
# 11r 11a29).
def _kinds(text, gz):
    return sorted(r.activity_type for r in records(text, gz))


def test_a_meeting_the_same_body_holds_beside_its_publicity_day_is_a_record(gz):
    text = (
        "2023年10月14日是第54个“世界标准日”。在世界标准日来临之际,嘉善县市场监督管理局举办“世界标准日”主题宣传活动。\n"
        "嘉善县市场监督管理局召开“世界标准日”主题宣传座谈会,8家企业代表参会,会上工作人员讲解了企业标准自我声明公开的要求。\n"
        "工作人员还在罗星街道人民广场向群众发放标准化宣传资料300余份。\n"
    )
    assert _kinds(text, gz) == ["forum_conference", "publicity"]


def test_a_meeting_a_company_holds_after_its_launch_is_a_record(gz):
    text = (
        "2023年9月1日下午,嘉善县某某电器有限公司在县城召开第五届质量月誓师动员大会,公司各部门负责人共60余人参加。\n"
        "大会结束后,嘉善电器随即召开质量月活动宣贯会,质量部负责人解读了今年的活动方案。\n"
    )
    assert _kinds(text, gz) == ["forum_conference", "launch_ceremony"]


def test_the_main_meeting_told_again_stays_one_record(gz):
    text = (
        "2023年9月5日,嘉善县市场监督管理局召开质量工作座谈会,10家企业代表参会。\n"
        "嘉善县市场监督管理局召开的座谈会上,企业代表交流了质量管理经验。\n"
    )
    assert _kinds(text, gz) == ["forum_conference"]


def test_departments_holding_their_own_launches_after_it_are_no_record(gz):
    text = (
        "2023年9月1日下午,嘉善县市场监督管理局召开质量月活动启动会。\n"
        "会后,各科室分别召开科室内启动会,部署本科室的质量月工作。\n"
    )
    assert _kinds(text, gz) == ["launch_ceremony"]
