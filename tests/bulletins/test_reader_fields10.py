"""Field classes of issue 11, session 10 (readerfields), found on corpus-5 (read) and checked against
corpus-3's aggregate; every text here is invented. Classes and the corpus-5 documents that show them:

- organiser: the body that opens a clause is the subject of a holding verb told after a venue,
  manner or partner phrase (某局在某广场,开展了…; 某局围绕“…”主题,联合多部门…开展; a reference
  clause 根据某办公室通知 names no organiser): 531, 536, 538, 550, 607, 624, 636, 644, 645, 648;
  由某局牵头: 623;
- date: an event sentence naming no date of its own (2004年质量月 is the campaign's edition, not a
  date) is dated by the sentence just before it: 544, 639.
"""

from __future__ import annotations

from datetime import date

import pytest

from etl.bulletins import extract_text
from etl.bulletins.fields import find_organizer


def _one(text: str, gz):
    (rec,) = extract_text(text, "t.txt", gazetteer=gz).records
    return rec


@pytest.mark.parametrize(
    ("sentence", "organiser"),
    [
        # the verb's clause has no subject: the body opened an earlier clause
        ("为营造氛围,近日,德清县市场监管局在县体育馆广场,开展了计量宣传活动。", "德清县市场监管局"),
        ("日前,桐乡市市场监管局紧扣“质量强市”主题,联合县教育局在市民公园开展质量宣传活动。", "桐乡市市场监管局"),
        ("9月8日,安吉县质量强县工作领导小组办公室召集成员单位在广场开展集中宣传。", "安吉县质量强县工作领导小组办公室"),
        ("9月3日,海盐县计量检定所作为科普基地,精心组织了实验室开放活动。", "海盐县计量检定所"),
        # a list of bodies stays whole
        ("9月5日,长兴县市场监管局、县公安局等12家单位在步行街开展宣传活动。", "长兴县市场监管局、县公安局等12家单位"),
        # a body in a reference clause did not hold the event
        ("根据市质量强市办公室关于开展活动的通知,平湖市计量所精心组织了开放活动。", "平湖市计量所"),
        # 由X牵头
        ("9月20日上午,由区市场监管局牵头,在文化广场开展了质量咨询活动。", "区市场监管局"),
        # 进行 with the activity as its object
        ("近日,湖州市质监局在德清、长兴等县进行“质量月”巡回宣传。", "湖州市质监局"),
        # a body that only guides others keeps its own name, not the firms it guides
        ("5月20日,区市场监管局指导辖区内某热电有限公司开展计量宣传活动。", "区市场监管局"),
    ],
)
def test_the_body_opening_a_clause_holds_the_event(sentence, organiser):
    assert find_organizer(sentence, None, None) == organiser


@pytest.mark.parametrize(
    "sentence",
    [
        # the event named at a venue body is not held by it
        "9月12日,我市质量月活动启动仪式在市市场监管局举行。",
        # a reference clause only
        "根据省市场监管局的统一部署,开展了质量宣传。",
    ],
)
def test_no_opening_body(sentence):
    assert find_organizer(sentence, None, None) is None


def test_an_undated_event_sentence_takes_the_day_just_before(gz):
    text = (
        "某区举办质量月宣传日\n\n"
        "9月6日上午,新塘街道文化广场彩旗招展。按照市局统一部署,余杭区2019年质量月宣传咨询日活动在这里拉开帷幕。"
        "区市场监管局局长出席并讲话。"
    )
    rec = _one(text, gz)
    assert (rec.start_date, rec.date_precision) == (date(2019, 9, 6), "day")


def test_the_day_before_must_be_of_the_event_year(gz):
    text = "某区举办质量月宣传日\n\n2018年9月6日,新塘街道文化广场建成。余杭区2019年质量月宣传咨询日活动在这里拉开帷幕。"
    rec = _one(text, gz)
    assert (rec.start_date.year, rec.date_precision) == (2019, "year")


@pytest.mark.parametrize(
    ("sentence", "place"),
    [
        # several cities listed together, inside the province the sentence names: the province
        ("9月10日,浙江省市场监管局在宁波、温州、台州等地组织开放日活动。", "浙江省"),
        # several counties listed together, inside the city named: the city
        ("9月12日,湖州市质监局在德清、长兴、安吉等县开展巡回宣传。", "湖州市"),
    ],
)
def test_places_listed_inside_a_named_place_are_at_that_place(gz, sentence, place):
    from etl.bulletins.places import pick_region

    assert pick_region(gz.find_all(sentence)).resolution.region.name_zh == place


@pytest.mark.parametrize(
    "sentence",
    [
        # not listed together (a tea's and a company's names): the text does not say, as before
        "义乌市市场监管局讲座以西湖龙井、安吉白茶为例。",
        # listed, but no place above them named
        "在宁波、温州等地开展开放日活动。",
    ],
)
def test_no_parent_without_a_list_under_a_named_place(gz, sentence):
    from etl.bulletins.places import pick_region

    assert pick_region(gz.find_all(sentence)) is None


def test_recently_on_a_later_page_keeps_the_year_the_sentence_writes(gz):
    text = (
        "某市质量月活动回顾\n\n2025-03-02 10:00\n\n"
        "近日,2024年嘉兴市“质量月”活动启动仪式在市民中心举行,全市将开展三大类活动。"
    )
    rec = _one(text, gz)
    assert (rec.start_date, rec.date_precision) == (date(2024, 1, 1), "year")


def test_recently_with_the_page_year_is_read_as_before(gz):
    text = "某市质量月活动\n\n2024-09-20 10:00\n\n近日,2024年嘉兴市“质量月”活动启动仪式在市民中心举行。"
    rec = _one(text, gz)
    assert (rec.start_date, rec.date_precision) == (date(2024, 9, 1), "month")


def test_a_broad_headline_types_a_sentence_naming_no_type(gz):
    text = (
        "南浔区开展质量月主题宣传活动\n\n发布时间:2023-09-21\n\n"
        "9月20日,南浔区市场监管局在古镇广场举办以“质量强区”为主题的质量月活动。"
    )
    assert _one(text, gz).activity_type == "publicity"


def test_a_sentence_naming_its_type_keeps_it_under_a_broad_headline(gz):
    text = "南浔区开展质量月主题宣传活动\n\n发布时间:2023-09-21\n\n9月20日,南浔区市场监管局在古镇广场举办质量知识竞赛。"
    assert _one(text, gz).activity_type == "competition"


def test_summit_is_a_forum():
    from domain.activity_types import classify_activity

    assert classify_activity("The second Quality Summit of river-delta firms") == "forum_conference"


def test_a_headline_like_line_after_its_story_takes_the_story_day(gz):
    text = (
        "某区质量月活动\n\n"
        "9月12日上午,南浔区市场监管局与区经信局等部门将围绕“品质南浔”主题,在古镇广场展开服务。区领导到现场参加活动。\n\n"
        "南浔区举办2021年“质量月”现场宣传咨询服务活动\n\n"
        "活动现场发放资料800余份。"
    )
    rec = _one(text, gz)
    assert (rec.start_date, rec.date_precision) == (date(2021, 9, 12), "day")


def test_a_place_named_as_a_disaster_is_no_place_and_the_capital_abbreviation_is(gz):
    text = "本报讯 2010年质量万里行暨玉树地震灾后重建质量行出征仪式日前在京举行。来自玉树地震灾区的代表出席。"
    rec = _one(text, gz)
    assert (rec.region_original, rec.start_date, rec.date_precision) == ("京", date(2010, 1, 1), "year")
    assert rec.activity_type == "launch_ceremony"


def test_is_a_word_refuses_a_disaster_name(gz):
    from etl.bulletins.places import is_a_word

    text = "支援芦山地震灾区,芦山县市场监管局开展质量服务。"
    words = [(m.surface, is_a_word(text, m)) for m in gz.find_all(text)]
    assert words == [("芦山", False), ("芦山县", True)]


def test_a_province_event_is_at_the_venue_the_next_sentence_names(gz):
    text = (
        "某省质量月启动\n\n发布时间:2019-09-03\n\n"
        "9月2日,由浙江省市场监管局等15个部门共同组织的2019年浙江省质量月活动正式启动。"
        "启动仪式在湖州市南太湖会展中心举行,300余人参加。"
    )
    rec = _one(text, gz)
    assert (rec.region_original, rec.start_date) == ("湖州市", date(2019, 9, 2))


def test_a_venue_in_another_province_does_not_move_a_province_event(gz):
    text = (
        "某省质量月启动\n\n发布时间:2019-09-03\n\n"
        "9月2日,由浙江省市场监管局等15个部门共同组织的2019年浙江省质量月活动正式启动。"
        "启动仪式在苏州市会展中心举行。"
    )
    assert _one(text, gz).region_original == "浙江省"


@pytest.mark.parametrize(
    "sentence",
    [
        "为响应号召,9月27日,以“质量共创”为主题,成功举办了质量知识竞赛。",
        "9月5日,记者从全省质量月启动仪式上获悉:今年将开展一系列宣传活动。",
    ],
)
def test_an_adverb_or_the_reporter_is_no_organiser(sentence):
    assert find_organizer(sentence, None, None) is None


def test_our_province_heading_an_organiser_is_named(gz):
    text = (
        "我省多部门联合开展质量月宣传\n\n发布时间:2019-09-06\n\n"
        "9月5日,在2019年福建省质量月启动仪式上,我省17个部门联合举办了质量月主题宣传活动。"
    )
    assert _one(text, gz).organizer == "福建省17个部门"


def test_a_comma_between_the_counted_group_and_its_verb(gz):
    text = (
        "某所开展计量开放日\n\n发布时间:2020-05-21\n\n"
        "5月20日上午,嘉兴市计量所组织计量实验室开放活动。来自南湖街道的35名社区居民,参加了此次活动。"
    )
    rec = _one(text, gz)
    assert (rec.participants, rec.participants_unit) == (35, "people")


def test_a_year_of_a_campaign_edition_written_with_du(gz):
    text = "某市启动质量月\n\n9月3日,嘉兴市质量强市办举行启动仪式,正式拉开了2022年度“质量月”活动序幕。"
    rec = _one(text, gz)
    assert (rec.start_date, rec.date_precision) == (date(2022, 9, 3), "day")


def test_a_year_report_written_with_du_is_no_year_of_the_text():
    from etl.bulletins.dates import YEAR_ZH

    assert YEAR_ZH.findall("发布2021年度质量报告,2022年度“质量月”") == ["2022"]


def test_an_undated_event_on_a_dated_page_has_the_page_year_and_a_former_city_as_named(gz):
    # 吴江市 became a district of Suzhou in 2012: a page of 2010 names the county-level city
    text = (
        "吴江市开展质量月集中宣传\n\n发布时间: 2010-10-08 09:12:40\n\n"
        "为提升全民质量意识,江苏省苏州市吴江市质监局在人民广场开展了“质量月”大型宣传服务活动。"
    )
    rec = _one(text, gz)
    assert (rec.start_date, rec.date_precision) == (date(2010, 1, 1), "year")
    assert (rec.district, rec.region_original) == ("吴江市", "吴江市")


def test_the_activity_held_by_told_after_with_gai(gz):
    text = (
        "福州举办质量月系列活动\n\n"
        "近日,福建省福州市举行2023年“质量月”系列活动启动仪式。该活动由省、市、区三级市场监管部门联合主办。"
    )
    assert _one(text, gz).organizer == "省、市、区三级市场监管部门"


def test_a_news_agency_is_no_organiser():
    assert find_organizer("新华社北京9月3日电 新华社北京举办了质量论坛。", None, None) is None


@pytest.mark.parametrize(
    "title",
    ["2024年“世界标准日”某省纪念活动在杭州举行", "某市质监局在人民广场开展大型质量公益活动"],
)
def test_a_commemoration_or_public_welfare_event_is_publicity(title):
    from domain.activity_types import classify_activity

    assert classify_activity(title) == "publicity"


def test_questions_answered_are_served(gz):
    text = (
        "某区开展质量咨询活动\n\n发布时间:2023-09-26\n\n"
        "9月25日上午,区市场监管局在文化广场开展质量咨询活动。现场发放资料2000余份,解答群众问题150余人次。"
    )
    rec = _one(text, gz)
    assert (rec.participants, rec.participants_unit) == (150, "person_times")


def test_a_running_total_served_is_not_the_event_count(gz):
    text = (
        "某区开展质量咨询活动\n\n发布时间:2023-09-26\n\n"
        "9月25日上午,区市场监管局在文化广场开展质量咨询活动。该中心已累计为企业提供技术服务3.2万次。"
    )
    assert _one(text, gz).participants is None


def test_a_former_county_level_city_with_the_year_unknown_is_as_named(gz):
    m = next(m for m in gz.find_all("海门市质量节开幕") if m.surface == "海门市")
    assert gz.unit_as_named(m, None).name_zh == "海门市"
    assert gz.unit_as_named(m, 2021) is None  # after the change (2020) its successor, 海门区


def test_the_body_before_a_dated_clause_holds_its_event(gz):
    text = (
        "某区开展质量月集中宣传\n\n"
        "本报讯 2023年全国“质量月”期间,湖州市吴兴区市场监管局紧紧围绕“质量强区”主题,结合全年重点工作,"
        "于9月20日组织5个股室及全区6个市场监管所开展了“质量月”集中宣传活动。"
    )
    assert _one(text, gz).organizer == "湖州市吴兴区市场监管局"


@pytest.mark.parametrize(
    ("sentence", "organiser"),
    [
        (
            "A training session organized by the Huzhou Bureau of Quality and Technical Supervision was held on September 3.",
            "Huzhou Bureau of Quality and Technical Supervision",
        ),
        (
            "The event was hosted by the China Association for Quality and attended by 300 people.",
            "China Association for Quality",
        ),
        ("The forum, organized by Ningbo Shengxing Co., Ltd., drew 80 engineers.", "Ningbo Shengxing Co., Ltd."),
    ],
)
def test_an_english_body_named_after_by_keeps_of_and_for(sentence, organiser):
    assert find_organizer(sentence, None, None) == organiser


def test_an_event_held_at_the_report_own_bureau_is_hosted_by_it(gz):
    text = (
        "某市质量月活动启动\n\n发布时间:2022-09-01\n\n"
        "8月31日上午,2022年台州市“质量月”活动新闻通气会在市市场监管局召开,10家媒体参加。"
    )
    assert _one(text, gz).organizer == "市市场监管局"


def test_a_named_body_still_holds_an_event_at_the_bureau(gz):
    text = "某协会召开座谈会\n\n发布时间:2022-09-01\n\n8月31日上午,台州市质量协会在市市场监管局召开质量工作座谈会。"
    assert _one(text, gz).organizer == "台州市质量协会"


def test_winners_counted_are_not_attendees(gz):
    text = (
        "某市启动质量月活动\n\n时间:2018-09-06 10:00\n\n"
        "5日,嘉兴市启动2018年质量月活动。当日还举行了质量故事大赛颁奖仪式,某电器、某地铁等十二家参赛单位获得“最具影响力品牌”称号。"
    )
    assert all(r.participants is None for r in extract_text(text, "t.txt", gazetteer=gz).records)
