"""English bulletins (session 12, reader-english12, on corpus-7r, corpus-8, corpus-9 and the dev corpora).
Every text is invented for its class; the documents that show each class are named in
/work/notes/misses-english12.md on the team's machine."""

from __future__ import annotations

from domain.activity_types import classify_type
from etl.evaluate import row_from_record
from tests.bulletins.reading import records


def _rows(text, gz):
    return [(r.activity_type, row_from_record("x", r).date, r.city) for r in records(text, gz)]


# An award handed out at a ceremony named by its presentation ("the Quality Award presentation
# ceremony was held", "an awarding ceremony", "prize-giving") is an award event (8 811; the class of
# English award events not read: 8 811, 9 9a31, 9 9a14).
def test_an_award_presentation_ceremony_is_an_award_event(gz):
    text = (
        "City Quality Award presented\n"
        "Posted: September 21, 2023\n"
        "On September 20, the fourth Wuhu Mayor's Quality Award presentation ceremony was held in Wuhu. "
        "Six companies and two individuals received the award from the vice mayor.\n"
        "The award has been given every two years since 2016.\n"
    )
    assert _rows(text, gz) == [("award_commendation", "2023-09-20", "芜湖市")]


def test_award_ceremonies_in_other_words_are_award_events():
    for said in (
        "The awarding ceremony of the provincial quality prize was held on Friday.",
        "A prize-giving for the best quality circles took place at the plant.",
        "The award presentation for this year's quality stars was held in the main hall.",
    ):
        assert classify_type(said) == "award_commendation", said


def test_a_presentation_that_hands_out_nothing_is_no_award():
    # a talk given at a seminar, a product shown to the press: presentations, not prizes
    assert classify_type("Experts gave a presentation on the new standard at the seminar.") != "award_commendation"
    assert classify_type("The product presentation was held at the trade fair.") != "award_commendation"
