"""English and traditional-script bulletins (session 13, reader-english13, on corpus-7r, 8, 9, 10r and the
dev corpora). Every text is invented for its class; the documents that show each class are named in
/work/notes/reader-english13.md on the team's machine."""

from __future__ import annotations

from etl.bulletins.cleaning import clean_line
from tests.bulletins.reading import records


# A typographic apostrophe inside an English word is the apostrophe (7r 7b41 "Government’s Information
# Office held", 8 810 "People’s Government"; the form is in 8 English documents of 7r, 8, 9 and dev): every
# English rule reads one form.
def test_a_typographic_apostrophe_in_a_word_is_the_apostrophe():
    got, offsets = clean_line("The City’s Quality Office and the People’s Government")
    assert got == "The City's Quality Office and the People's Government"
    assert len(offsets) == len(got)


def test_a_closing_quote_is_no_apostrophe():
    # after a closing quote, between CJK characters, and before a space the mark closes a quotation
    for text in ("the ‘quality first’ slogan", "‘质量’月", "‘Quality’ Month"):
        assert clean_line(text)[0] == text


def test_a_body_named_with_a_typographic_apostrophe_holds_the_event(gz):
    text = (
        "Quality campaign plan presented\n"
        "Apr 3, 2019\n"
        "The Ningbo Municipal Government’s Press Office held a press conference on March 28 on the city’s "
        "quality campaign in Ningbo.\n"
    )
    [rec] = records(text, gz)
    assert rec.organizer == "The Ningbo Municipal Government's Press Office"
    assert rec.city == "宁波市"


# A text put into Traditional with Taiwan's vocabulary calls the campaign 品質月 (7r 7a08, 8 802: neither
# writes 質量 at all): it is the Quality Month; a monthly report (品質月報) is not, and bodies keep their name.
def test_the_quality_month_in_taiwan_vocabulary_is_the_quality_month():
    assert clean_line("2019年全國“品質月”活動啟動")[0] == "2019年全国“质量月”活动启动"
    assert clean_line("公司發布產品品質月報")[0] == "公司发布产品品质月报"
    assert clean_line("中國品質協會主辦")[0] == "中国品质协会主办"


def test_a_launch_of_the_quality_month_in_taiwan_vocabulary_is_of_that_campaign(gz):
    text = (
        "本報訊 9月3日,中國品質協會在杭州舉行2019年全國“品質月”活動啟動儀式。\n"
        "儀式上,與會代表共同發出建設品質強國倡議。\n"
    )
    [rec] = records(text, gz)
    assert (rec.campaign, rec.activity_type, rec.city) == ("quality_month", "launch_ceremony", "杭州市")
    assert rec.organizer == "中国品质协会"


# A fragment taken for the organiser that is no name and stands for none (7r 7a13 "——写", 8 820 "、公交车体等",
# 10r 1112 "Successfully"): the record has no organiser rather than a fragment.
def test_an_adverb_opening_an_english_sentence_is_no_organiser(gz):
    text = (
        "Quality forum comes to Wuhan\n"
        "September 20, 2023\n"
        "Successfully held three times before, the Yangtze Quality Forum met on September 18 in Wuhan.\n"
    )
    assert [r.organizer for r in records(text, gz)] == [None]


def test_a_list_fragment_is_no_name():
    from etl.bulletins.extract import _NO_NAME

    for fragment in ("、公交车体等", "——写", ",、广场", "Successfully", "Recently"):
        assert _NO_NAME.search(fragment), fragment
    for name in ("芜湖市市场监督管理局", "Jiangsu Quality Association", "Italy Quality Office", "Bureau"):
        assert not _NO_NAME.search(name), name


def test_a_named_body_stays_the_organiser(gz):
    text = "2023年9月5日,芜湖市市场监督管理局在中山路广场开展“质量月”主题宣传活动。\n"
    assert [r.organizer for r in records(text, gz)] == ["芜湖市市场监督管理局"]
