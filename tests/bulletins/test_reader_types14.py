"""Classified fields of session 14 (reader-types14), seen on matched records of the development sets;
every text here is invented. Classes and the documents that show them (/work/notes/reader-types14.md):

- a department named by its function alone (质量管理部, 总经办, the quality management department, the group
  administration department) is a unit of the company writing the report, not a state body: 8 816,
  11r 11b03, corpus 053, corpus-2 225; the state's ministries (住房和城乡建设部, 8 853/854/888) and a place's
  office (哈密市质量强市办, 8 840; 区质量创建办, 8 862) stay the government's;
- an activity of a kind that itself starts (某竞答活动在某局拉开帷幕, …服务活动开始启动, …征集活动也于当天正式启动)
  is that activity, not a launch ceremony: 9 9a19 (publicity by C10), 11r 11b05, 11a36 (each read launch; their labels
  are publicity and forum, so only 9a19 is now right); the campaign itself starting (某市“质量月”活动在某广场拉开帷幕)
  stays a launch (corpus-2 127, 130; the 12a21 decision of CONVENTION14);
- a visit named an opening (实验室开放) is an open day, C9: 11r 11b34 (启动“实验室开放”集中展示月活动, read launch);
- an organiser named by a short name the report gives in full elsewhere (山西焦煤 … 山西焦煤集团公司党委副书记, 恒源祥 …
  恒源祥集团工会) takes the full name's type: 11r 11b37, corpus 042 (read unknown; labelled enterprise);
- a news site credited at the story's head (国际在线某频道消息, 中新网某地某日电, 某某在线据…报道) says nothing of how
  the event was held (read online): 8 802, 860 (x2), 890, 906; 11r 11b18;
- both ways at once told where the report goes on telling the event (供线上线下学习分享, 在现场或线上参会) makes it
  hybrid (read onsite): 8 804, 9 9a16;
- an event held or started at a market regulation bureau named with its place (在上海市市场监督管理局举行) or bare
  (在市场监管局拉开帷幕) is hosted by it when the sentence names no other body (organiser None): 8 899, 9 9a19.
"""

from __future__ import annotations

import pytest

from domain.activity_types import classify_activity
from etl.bulletins import extract_text
from etl.bulletins.fields import _mode
from etl.bulletins.rules import organizer_type, type_named_in_full


def _one(text: str, gz):
    (rec,) = extract_text(text, "t.txt", gazetteer=gz).records
    return rec


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("质量管理部", "enterprise"),
        ("总经办", "enterprise"),
        ("安全环保部", "enterprise"),
        ("the quality management department", "enterprise"),
        ("the group administration department", "enterprise"),
        ("住房和城乡建设部", "government"),
        ("工信部", "government"),
        ("质量办", "government"),
        ("应急管理部", "government"),
        ("市委宣传部", "government"),
        ("哈密市质量强市办", "government"),
        ("区质量创建办", "government"),
        ("Department of Commerce", "government"),
    ],
)
def test_a_department_named_by_its_function_is_the_companys(name, kind):
    assert organizer_type(name) == kind


def test_company_department_holding_a_contest_makes_it_the_companys_event(gz):
    rec = _one(
        "2023年6月12日,由品质管理部主办的“质量知识竞赛”在公司二楼培训室举行,来自各车间的8支代表队参加了比赛。",
        gz,
    )
    assert rec.organizer == "品质管理部"
    assert rec.organizer_type == "enterprise"
    assert rec.industry == "manufacturing"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("9月18日,我县“质量月”系列活动之质量知识竞答活动在县图书馆拉开帷幕", "publicity"),
        ("9月18日,某区计量技能比赛活动正式拉开序幕", "competition"),
        ("9月18日,某县“质量月”现场宣传咨询活动在人民广场开始启动", "publicity"),
        ("同日,“身边的好产品”征集活动也于当天正式启动", "competition"),
        ("自9月1日起,全省质检系统启动“实验室开放”主题月活动", "open_day"),
        # the campaign itself starting is its launch
        ("9月18日,某县2024年“质量月”活动在人民广场拉开帷幕", "launch_ceremony"),
        ("9月18日,某县2024年“质量月”活动正式启动", "launch_ceremony"),
    ],
)
def test_an_activity_that_starts_is_that_activity(text, code):
    assert classify_activity(text) == code


def test_quiz_starting_at_a_venue_is_read_as_the_quiz(gz):
    rec = _one(
        "2024年9月18日,嘉善县“质量月”系列活动之“质量达人”知识竞答活动在县市场监管局拉开帷幕,12支代表队参加。",
        gz,
    )
    assert rec.activity_type == "publicity"


@pytest.mark.parametrize(
    ("name", "text", "kind"),
    [
        ("云岭焦化", "云岭焦化在办公楼大厅举办质量展。云岭焦化集团公司副总经理致辞。", "enterprise"),
        ("滨江质协", "滨江质协组织会员参观。滨江质协会长讲话。", "unknown"),
        ("江州计量", "江州计量举办开放日。江州计量研究所所长介绍了实验室。", "institution"),
        # a type word not right after the name names no body of it
        ("东湖高新区", "东湖高新区举办颁证仪式。东湖高新区首批企业首席质量官领取聘书。", "unknown"),
        ("云岭焦化", "云岭焦化在办公楼大厅举办质量展。", "unknown"),
    ],
)
def test_short_name_typed_by_its_full_name_elsewhere(name, text, kind):
    assert type_named_in_full(name, text) == kind


def test_company_by_its_short_name_is_an_enterprise(gz):
    rec = _one(
        "2021年9月3日,云岭焦化在公司办公楼一楼大厅举办了“质量月”成果展。云岭焦化集团公司副总经理出席并讲话。",
        gz,
    )
    assert rec.organizer == "云岭焦化"
    assert rec.organizer_type == "enterprise"


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("环球在线江南频道消息:9月3日,某省“质量月”活动启动仪式在某市广场举行。", "onsite"),
        ("华夏网上海9月3日电 今天,某市政府在市民中心举行市长质量奖颁奖仪式。", "onsite"),
        ("茶叶在线据某集团官网报道 3月25日,某茶厂在厂区举办质量技能竞赛。", "onsite"),
        # the event's own words still count
        ("华夏网江州9月3日电 今天,某市政府举行市长质量奖颁奖仪式,活动在线直播。", "online"),
        ("9月3日,某局通过网上直播开展计量知识讲座。", "online"),
    ],
)
def test_a_news_sites_credit_is_not_the_events_mode(text, mode):
    assert _mode(text) == mode


@pytest.mark.parametrize(
    "after",
    [
        "来自企业的300余人分批次进行现场参赛,活动采用图文直播的形式供线上线下观看。",
        "各区市场监管局负责同志、企业代表在现场或线上参会。",
    ],
)
def test_both_ways_told_after_the_event_make_it_hybrid(after, gz):
    rec = _one(f"2023年9月26日上午,2023年度江州市质量管理小组成果发表赛在江州市会展中心举行。{after}", gz)
    assert rec.mode == "hybrid"


def test_a_venue_alone_stays_onsite(gz):
    rec = _one("2023年9月26日上午,2023年度江州市质量管理小组成果发表赛在江州市会展中心举行。300余人参赛。", gz)
    assert rec.mode == "onsite"


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("2023年6月9日,世界认可日宣传活动暨认证颁证仪式在江州市市场监督管理局举行。", "江州市市场监督管理局"),
        ("2023年9月22日,我市“质量月”系列活动之质量知识竞答活动在市场监管局拉开帷幕。", "市场监管局"),
    ],
)
def test_event_at_a_named_bureau_is_hosted_by_it(text, org, gz):
    assert _one(text, gz).organizer == org
