"""Classified fields of session 15 (reader-types15), seen on matched records of the development sets;
every text here is invented. Classes and the documents that show them (/work/notes/reader-types15.md):

- a sector's own regulator or trade body (住房和城乡建设部, 某区住建委, 某市住建局, 某市建设局, 某市安装行业协会, 某市工程建设
  质量管理协会) holds its events for its sector (construction), even its own meeting: 8 854, 855, 859, 888, 892;
  11r 11b16; 12r 12b07 (read mixed or public_admin); a city's government (市政府) is no 市政 body;
- a coal or power company (山西焦煤, 太平煤矿, 常州供电公司) is in energy, not manufacturing: 11r 11b37, 11a11; 12r 12b26
  (the last two need more than the word: a short name 常电公司, a wrong organiser);
- 组织 as a noun is no event verb: units counted as organisations (某公司等3家组织、某某等3名个人荣膺) and a prize for
  organising (某公司等6个单位获优秀组织奖) were read as the subject holding the event: 8 904, 12r 12b03;
- a record no clause with an event verb types, nor its headline, whose sentence tells what was done there as
  spreading word (…来到某广场开展“…”活动,向市民宣传…; …开展“…”主题活动,宣传标准文化) is publicity (read other): 11r
  11b19, 12r 12a16. Its mode is not guessed from that (an untyped record's mode was not before either);
- at a visit, the counted group that then goes to the site to see it (…监理员共250人,到某项目进行观摩; 组织…的24家企业,
  到某基地观摩学习) are its participants (read none): 11r 11a37, 12r 12b07;
- C8: a place heading the name of an event that is not its own campaign event (某省质量发展大会在某市召开, 某省质量提升
  行动工作推进会), where the report never makes the place hold anything, names no organiser (read the place); its type
  stays government: 8 807, 9 9a11, 11r 11b35, corpus-2 126. The place's campaign event (某省“质量月”活动启动仪式) and a
  conference the place holds (某区召开…大会) keep the place (corpus 057);
- a meeting named only as the setting of an honour the sentence's subject received (在某日召开的某推进会上,某集团被授予…
  荣誉; 在北京召开的某大会上,某公司荣获…奖) is an award, the report's event (read forum): 8 858, 11r 11a38;
- a brand (品牌故事大赛, “上海品牌”认证, 质量品牌培育座谈会) or consumption as a slogan (放心消费, 守护消费信心) in the name of a
  government's or an association's event names no sector (read retail_consumer, labelled mixed): 8 823, 882, 899, 900;
  corpus 016, 022; corpus-2 131. A trade word (商圈, 商场, 超市) still does (8 844);
- a body launching a programme of its own with no ceremony told (启动了“…”全民健走活动, launched its Shanghai brand building
  campaign) is not a launch ceremony: publicity, as labelled (read launch): 8 837, 9 9a32. Launching the campaign itself
  (启动了2021年“质量月”活动: 8 823, 838) or a programme at a ceremony stays a launch.
"""

from __future__ import annotations

import pytest

from etl.bulletins import extract_text
from etl.bulletins.rules import find_industry, industry_of, sector_of_body


def _one(text: str, gz):
    (rec,) = extract_text(text, "t.txt", gazetteer=gz).records
    return rec


@pytest.mark.parametrize(
    ("name", "sector"),
    [
        ("住房和城乡建设部", "construction"),
        ("某区住建委", "construction"),
        ("丰源市建设局", "construction"),
        ("某省建设厅", "construction"),
        ("某市工程建设质量管理协会", "construction"),
        ("某市安装行业协会", "construction"),
        ("某省市政行业协会", "construction"),
        ("某区建设工程质量安全监督站", "construction"),
        # not a sector's body
        ("丰源市政府", None),
        ("丰源市政协", None),
        ("丰源市市场监督管理局", None),
        ("某市质量协会", None),
        ("市经信委", None),
        ("某市精神文明建设委员会", None),
        ("某协会筹建委员会", None),
        (None, None),
    ],
)
def test_a_sector_body_is_known_by_its_name(name, sector):
    assert sector_of_body(name) == sector


def test_a_sector_bodys_event_is_for_its_sector_even_its_meeting():
    assert industry_of("government", "某市住建局", "", "launch_ceremony") == "construction"
    assert industry_of("association", "某市安装行业协会", "", "award_commendation") == "construction"
    # a government's own meeting stays public administration, a public event every sector's
    assert industry_of("government", "某市政府", "", "forum_conference") == "public_admin"
    assert industry_of("government", "某市市场监管局", "", "publicity") == "mixed"


def test_a_construction_authoritys_launch_is_constructions(gz):
    text = "9月5日上午,杭州市住建委在某工地举行2023年“质量月”活动启动仪式,200余名建设者参加。"
    rec = _one(text, gz)
    assert (rec.organizer_type, rec.industry) == ("government", "construction")


def test_a_market_bureaus_launch_stays_every_sectors(gz):
    text = "9月5日上午,杭州市市场监督管理局在武林广场举行2023年“质量月”活动启动仪式,200余名市民参加。"
    rec = _one(text, gz)
    assert (rec.organizer_type, rec.industry) == ("government", "mixed")


@pytest.mark.parametrize("name", ["山西焦煤集团", "东山煤矿", "某市供电公司", "某煤业公司", "某发电有限公司"])
def test_coal_and_power_companies_are_energy(name):
    assert find_industry(name) == "energy"
    assert industry_of("enterprise", name, "", "launch_ceremony") == "energy"


def test_a_coal_companys_launch_is_energys(gz):
    text = "2023年6月3日,阳泉市东山煤业有限公司在调度楼会议室召开“安全生产月”活动启动会,全公司200余名职工参加。"
    rec = _one(text, gz)
    assert (rec.organizer_type, rec.industry) == ("enterprise", "energy")


def test_organisations_counted_among_winners_do_not_hold_the_ceremony(gz):
    text = (
        "2020年9月28日上午,2020年徐汇区政府质量奖颁奖仪式在徐汇区文化中心举行,丰源科技股份有限公司等3家组织、"
        "某某等2名个人荣获表彰。"
    )
    rec = _one(text, gz)
    assert (rec.activity_type, rec.organizer, rec.organizer_type) == ("award_commendation", None, "unknown")


def test_a_prize_for_organising_is_no_verb(gz):
    text = "2013年8月22日,丰源电网公司质量管理知识竞赛在杭州市结束,某某电力等6个单位获优秀组织奖。"
    rec = _one(text, gz)
    assert (rec.organizer, rec.organizer_type, rec.industry) == ("丰源电网公司", "enterprise", "energy")


def test_the_verb_organises_still(gz):
    text = "2023年9月12日,杭州市市场监督管理局组织开展“质量月”知识竞赛,全市30家企业参加。"
    assert _one(text, gz).organizer == "杭州市市场监督管理局"


@pytest.mark.parametrize(
    "text",
    [
        "2023年9月15日,杭州市质量技术监督局的同志来到钻石广场开展“两个安全”主题活动,向市民宣传食品安全知识和电梯安全常识。",
        "2018年9月3日,某银行泰安分行开展“普及金融标准 提升服务质量”主题活动,宣传标准文化,提高公众质量意识。",
    ],
)
def test_an_untyped_activity_told_as_spreading_word_is_publicity(text, gz):
    rec = _one(text, gz)
    assert (rec.activity_type, rec.mode) == ("publicity", "unknown")


def test_an_untyped_activity_without_it_stays_other(gz):
    text = "2023年9月15日,杭州市质量技术监督局的同志来到钻石广场开展“两个安全”主题活动,向市民发放资料。"
    assert _one(text, gz).activity_type == "other"


def test_a_typed_meeting_asking_for_publicity_stays_a_meeting(gz):
    text = "2023年9月15日,杭州市市场监督管理局召开质量工作会议,要求各单位加大宣传力度。"
    assert _one(text, gz).activity_type == "forum_conference"


@pytest.mark.parametrize(
    ("text", "count"),
    [
        (
            "2023年10月16日,杭州市住建局组织各区建设单位、监理企业技术负责人共120人,到某某广场项目进行观摩。",
            (120, "people", "exact"),
        ),
        (
            "2023年9月20日,杭州市上城区市场监管局组织辖区食品生产、流通领域的24家企业,到某粮油集团生产基地开展观摩调研。",
            (24, "organizations", "exact"),
        ),
    ],
)
def test_the_group_that_goes_to_see_a_site_are_the_visits_participants(text, count, gz):
    rec = _one(text, gz)
    assert rec.activity_type == "research_visit"
    assert (rec.participants, rec.participants_unit, rec.participants_qualifier) == count


def test_a_place_visited_is_not_counted_as_the_visitors(gz):
    text = "2023年9月20日,杭州市上城区市场监管局组织质量负责人到3家汽车零部件企业观摩学习。"
    assert _one(text, gz).participants is None


def test_a_place_heading_its_conference_names_no_organiser(gz):
    rec = _one("2021年12月20日,2021年湖南省质量工作大会在长沙市召开,200余人参加。", gz)
    assert (rec.activity_type, rec.organizer, rec.organizer_type) == ("forum_conference", None, "government")


def test_a_place_heading_its_campaign_event_organises_it(gz):
    rec = _one("2021年9月3日,2021年湖南省“质量月”活动启动仪式在长沙市举行。", gz)
    assert (rec.activity_type, rec.organizer) == ("launch_ceremony", "湖南省")


def test_a_place_holding_its_conference_organises_it(gz):
    text = "湖南省召开2021年质量工作大会\n2021年12月20日,2021年湖南省质量工作大会在长沙市召开,200余人参加。"
    assert _one(text, gz).organizer == "湖南省"


@pytest.mark.parametrize(
    "text",
    [
        "2023年9月28日,在杭州市召开的2023年建设工程质量推进会上,丰源建设集团被授予“质量安全信用评价A类单位”荣誉。",
        "2023年7月30日,在北京召开的2023年全国食品质量大会上,保定市某食品有限公司荣获第十届“全国食品质量奖”。",
    ],
)
def test_an_honour_received_at_a_meeting_is_the_award(text, gz):
    assert _one(text, gz).activity_type == "award_commendation"


def test_a_meeting_held_stays_a_meeting(gz):
    text = "2023年9月28日,杭州市召开2023年建设工程质量推进会,会议总结了上半年工作。"
    assert _one(text, gz).activity_type == "forum_conference"


@pytest.mark.parametrize(
    "title", ["2021年湖南品牌故事大赛", "“上海品牌”认证培训", "2020年“全国质量月”暨“放心消费”宣传活动"]
)
def test_a_brand_or_a_consumption_slogan_names_no_sector(title):
    assert industry_of("government", "某区市场监管局", title, "publicity") == "mixed"


def test_a_trade_word_still_names_retail():
    assert (
        industry_of("government", "某区市场监管局", "万达商圈诚信计量示范创建启动仪式", "launch_ceremony")
        == "retail_consumer"
    )
    assert industry_of("government", "某区市场监管局", "消费品质量安全宣传活动", "publicity") == "retail_consumer"


@pytest.mark.parametrize(
    "text",
    [
        "2016年9月15日,昆明市质量强市办公室启动了“质量强市 健康快走”全民健走活动。",
        "On September 5, 2017, the Shanghai Municipal Bureau of Quality and Technical Supervision launched its Shanghai "
        "brand building campaign.",
    ],
)
def test_a_programme_launched_without_a_ceremony_is_publicity(text, gz):
    assert _one(text, gz).activity_type == "publicity"


@pytest.mark.parametrize(
    "text",
    [
        "2021年9月3日,湖南省市场监管局启动了2021年湖南“质量月”活动。",
        "2016年9月15日,昆明市质量强市办公室在滇池广场举行仪式,启动了“质量强市 健康快走”全民健走活动。",
    ],
)
def test_the_campaign_or_a_ceremony_stays_a_launch(text, gz):
    assert _one(text, gz).activity_type == "launch_ceremony"
