"""Organisers of matched records, session 16 (reader-org16); every text here is invented. Classes and the documents
that show them (/work/notes/reader-org16.md):

- C11: a bare 公司 / "the company" holding the event is the writer's own company, named as the page names it. A
  Chinese page that names its company in full (广东某某有限公司 over the story, or in the headline) gives that name
  (read empty): 8 885; an English report saying "the clothing company held …" gives that noun phrase (read empty, the
  subject was looked for only when capitalised): 12r 12a32. A page that never names its company in full keeps no
  organiser (12r 12b08, corpus-2 224 are labelled empty).
"""

from __future__ import annotations

from tests.bulletins.reading import records


def _one(text: str, gz):
    (rec,) = records(text, gz)
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


def test_verb_clause_with_no_subject_goes_on_with_the_body_opening_the_sentence(gz):
    # 8 818, 11r 11a22: the body opens the sentence with another verb (迎来了, 紧贴民生), the event's verb follows
    # in a later clause with no subject of its own
    text = (
        "2024年9月26日,常州丰源精工公司迎来了一场质量知识的比拼,以“质量共创”为主题,成功举办了2024年“质量月”知识竞赛活动。"
        "来自各部门的40名选手参赛。\n"
    )
    assert _one(text, gz).organizer == "常州丰源精工公司"
    text = (
        "在世界计量日到来前夕,2023年5月18日上午,市质监局紧贴民生,在常州市南大街开展免费计量检测及定量包装抽查活动。\n"
    )
    assert _one(text, gz).organizer == "市质监局"


def test_a_reference_clause_names_no_subject_for_a_later_verb(gz):
    # the body named in a clause of reference (按照某局的部署) does not hold what follows
    text = "2023年9月12日,按照市市场监管局的统一部署,在常州市文化广场开展了“质量月”宣传咨询活动,发放资料500余份。\n"
    assert _one(text, gz).organizer != "市市场监管局"
