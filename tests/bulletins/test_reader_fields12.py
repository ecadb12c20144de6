"""Organiser, type and participant classes of session 12 (reader-fields12), each seen in two or more
documents of at least two of the read sets (corpus-7r, corpus-8, corpus-9, the dev corpora); every text
here is invented. Classes and the documents that show them (/work/notes/misses-fields12.md):

- organiser: the body acting at the event, in a setting that names the event in full (在某省2019年“质量月”
  活动启动仪式上,某局宣布…: 9a39) or reporting results there (在活动现场,某办公室通报了…评选结果: 7a28),
  holds it when the event's sentence names no body.
- organiser: a body's short name given in brackets after its full name (某协会(以下简称某质协)在…指导下,
  …开展了: 7b34; an English bureau followed by its acronym, "… Supervision (SMBQTS) launched": 9a32) cut the
  body off from its verb.
- organiser: the body of the official who declares the event open (…副局长某某出席仪式并宣布活动正式启动: 9a43,
  the province's bureau two paragraphs after the event named by its province) or who speaks for its host
  (某局局长某某同志代表主办方致辞: 7b16) holds it when the event's sentence names no body or only its place.
- organiser: a place written after the place it lies in at the head of the event's name (2023年某市某区“质量月”
  活动启动仪式: 9a30, 9a29; 湖北省来凤县质量月活动: 7b16; dev corpus 003, 上海市青浦区2008年“质量月”活动协调会)
  is the place holding it, and gives way to its body as a single place does.
- organiser: the body whose verb is one the organiser finder did not know, though the event is one the reader
  reads — a list published (某协会公布…获奖项目名单: 892; 9a33), a white paper compiled (某办公室、某局编撰了《…
  白皮书》: 7b03), a campaign opened (某局和某局在某广场正式开启…宣传活动: 9a13).
- organiser: an event whose sentence names neither a body nor a place is held by the body whose head addresses
  it in the paragraphs that tell it (某协会会长某某在会上发表讲话: 806, 887; the host's address, 7b16; 7a20 now
  names the district bureau whose deputy head presides and speaks, where its label names no organiser).
- participants: a figure over a year (每年…吸引观众超30万人次: 904) or over all the campaign's activities (33万余名群众
  参与到“质量月”各项活动之中: 7b21) is no one event's attendance.
"""

from __future__ import annotations

import pytest

from tests.bulletins.reading import records


def _first_organizer(text: str, gz) -> str | None:
    got = [r.organizer for r in records(text, gz)]
    assert got, "no record"
    return got[0]


@pytest.mark.parametrize(
    ("text", "organizer"),
    [
        # acting at the event: the setting names the event in full, the body announces there
        (
            "8月28日,在湖北省2021年“质量月”活动启动仪式上,湖北省市场监督管理局宣布了今年的抽查结果。",
            "湖北省市场监督管理局",
        ),
        # acting at the event: the body reports results at its site
        (
            "15日上午,2022年“质量月”宣传活动在黄石市举办。在活动现场,市质量强市工作领导小组办公室通报了"
            "第三届质量奖评选结果。",
            "市质量强市工作领导小组办公室",
        ),
        # the event's own sentence names who holds it: a body acting at it later does not replace it
        (
            "8月28日,黄石市市场监管局举办2021年“质量月”启动仪式。在启动仪式上,黄石市质量协会宣布了优秀企业名单。",
            "黄石市市场监管局",
        ),
        # a bracketed short name
        (
            "黄石市质量管理协会(以下简称黄石质协)在政府有关部门指导下,开展了一系列质量活动:9月6日,"
            "在某公司举办了质量知识竞赛。",
            "黄石市质量管理协会",
        ),
        (
            "On September 3, Hubei Provincial Bureau of Quality and Technical Supervision (HBQTS) launched "
            "its product quality month in Wuhan.",
            "Hubei Provincial Bureau of Quality and Technical Supervision",
        ),
        # the event named by its place; the province's bureau declares it open two paragraphs on
        (
            "9月6日,2024年湖北省“质量月”活动启动仪式在宜昌举行。\n“质量月”活动正式启动。\n"
            "9月6日,2024年湖北省“质量月”活动启动仪式在宜昌举行。省市场监管局党组成员、副局长某某出席仪式并"
            "宣布活动正式启动。",
            "省市场监管局",
        ),
        # no body in the event's sentence; the bureau's head speaks for the host
        (
            "9月7日上午,某县质量月活动启动仪式在黄石市下陆区步行街隆重举行。副区长某某到场并讲话,"
            "下陆区市场监督管理局局长某某同志代表主办方致辞。",
            "下陆区市场监督管理局",
        ),
        # a place written after its parent heads the event's name
        ("9月5日上午,2023年黄石市下陆区“质量月”活动启动仪式举行。区政府副区长某某出席。", "下陆区"),
        ("9月7日,湖北省阳新县质量月活动启动仪式在县城广场举行。", "阳新县"),
        # a list published, a report compiled, a campaign opened
        ("近日,黄石市建筑业协会公布关于“2023年度黄石市优质工程”获奖项目名单。", "黄石市建筑业协会"),
        (
            "黄石:2022年“质量月”\n9月20日,为贯彻落实质量强国建设部署,市质量工作领导小组办公室、市市场监督管理局"
            "编撰了《黄石市质量状况白皮书(2022年)》。",
            "市质量工作领导小组办公室、市市场监督管理局",
        ),
        ("9月10日,市质监局和市工商局在万达广场正式开启2015年“全国质量月”宣传活动。", "市质监局和市工商局"),
        # no body or place named by the event: the body whose head addresses it
        (
            "8月27日,2021年全国质协系统工作会议暨“质量月”活动启动仪式在京举行。\n"
            "会议公布了全国质协系统“质量月”活动工作方案。\n"
            "黄石市质量协会会长某某在会上发表讲话强调,要发挥合力。",
            "黄石市质量协会",
        ),
    ],
)
def test_organiser_classes(text, organizer, gz):
    assert _first_organizer(text, gz) == organizer


@pytest.mark.parametrize(
    ("text", "not_organizer"),
    [
        # a speech alone is no host's act: the place heading the event stays its organiser
        ("9月6日,2024年黄石市“质量月”活动启动仪式在下陆区举行。省市场监管局副局长某某出席仪式并讲话。", "省市场监管局"),
        # 黄石市 does not lie in 浙江省: the second place is no inner one heading the name
        ("9月7日,浙江省黄石市质量月活动启动仪式在广场举行。", "黄石市"),
    ],
)
def test_organiser_not_taken(text, not_organizer, gz):
    assert _first_organizer(text, gz) != not_organizer


def test_a_speaker_with_no_body_names_no_organiser(gz):
    assert _first_organizer("8月27日,2021年“质量月”质量提升座谈会在京举行。\n副市长某某出席会议并讲话。", gz) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "9月20日,黄石市质量奖颁奖仪式在市民中心举行。获奖的黄石剧院每年演出300余场、吸引观众超20万人次。",
            None,
        ),
        (
            "9月20日,黄石市“质量月”启动仪式在市民中心举行。全月共开展活动120场次,5万余名群众参与到“质量月”各项活动之中。",
            None,
        ),
        # the event's own attendance is still read
        ("9月20日,黄石市“质量月”启动仪式在市民中心举行,200余人参加了启动仪式。", (200, "at_least")),
    ],
)
def test_a_yearly_or_campaign_wide_figure_is_no_events_attendance(text, expected, gz):
    (rec,) = records(text, gz)
    assert (None if rec.participants is None else (rec.participants, rec.participants_qualifier)) == expected
