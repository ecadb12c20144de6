"""Organisers of matched records, session 16 (reader-org16); every text here is invented. Classes and the documents
that show them (/work/notes/reader-org16.md):

- C11: a bare 公司 / "the company" holding the event is the writer's own company, named as the page names it. A
  Chinese page that names its company in full (广东某某有限公司 over the story, or in the headline) gives that name
  (read empty): 8 885; an English report saying "the clothing company held …" gives that noun phrase (read empty, the
  subject was looked for only when capitalised): 12r 12a32. A page that never names its company in full keeps no
  organiser (12r 12b08, corpus-2 224 are labelled empty).
"""

from __future__ import annotations

from etl.bulletins import extract_text


def _one(text: str, gz):
    (rec,) = extract_text(text, "t.txt", gazetteer=gz).records
    return rec


def test_bare_company_is_the_company_the_page_names_in_full(gz):
    text = (
        "江苏丰源精密齿轮有限公司\n"
        "新闻中心\n"
        "质量月 | 公司举办2023年质量知识竞赛\n"
        "发布时间: 2023-09-26\n"
        "为增强员工质量意识,9月25日下午,公司举办了2023年“质量月”质量知识竞赛活动。各车间共12支队伍参赛。\n"
    )
    rec = _one(text, gz)
    assert rec.organizer == "江苏丰源精密齿轮有限公司"
    assert rec.organizer_type == "enterprise"


def test_bare_company_with_no_name_on_the_page_names_no_organiser(gz):
    text = (
        "9月3日,为提高全员质量意识,公司组织召开了2019年质量月启动大会。公司总经理、各部门负责人参加会议。\n"
        "会上,总经理对质量月活动作了部署。\n"
    )
    rec = _one(text, gz)
    assert rec.organizer is None
    assert rec.organizer_type == "enterprise"


def test_english_company_named_by_a_common_noun_holds_its_contest(gz):
    text = (
        "Quality in every stitch: apparel maker holds speech contest\n"
        "2022/9/20\n"
        "Recently, to raise the quality awareness of all staff, the garment company held a speech contest on the "
        "theme of quality in my heart on Sept 18, 2022.\n"
        "Twelve contestants from the production lines took part.\n"
    )
    rec = _one(text, gz)
    assert rec.organizer == "the garment company"
