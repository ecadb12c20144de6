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
