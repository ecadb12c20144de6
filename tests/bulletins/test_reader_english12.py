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


def _orgs(text, gz):
    return [(r.activity_type, r.organizer) for r in records(text, gz)]


# An English report whose event sentence names no body holding the event names it in its headline or
# first line ("The X Administration holds …": 8 889) or in a later sentence about the event ("The events
# are jointly held by …": dev 234).
def test_the_headlines_body_holds_the_event_its_sentence_leaves_unheld(gz):
    text = (
        "The Ningbo Administration for Market Regulation holds a forum on brand building.\n"
        "On the morning of September 12, the Ningbo Quality Conference held a forum in Ningbo, Zhejiang Province, "
        "on how small firms can build their brands.\n"
        "About 200 business owners attended.\n"
    )
    assert _orgs(text, gz) == [("forum_conference", "Ningbo Administration for Market Regulation")]


def test_a_later_sentence_saying_who_holds_the_event_names_its_organiser(gz):
    text = (
        "Quality week opens in Hefei\n"
        "HEFEI, Sept 4 -- The 2024 Anhui quality forum opened in Hefei on Wednesday.\n"
        "It has a main session and eight parallel sessions on standards, brands and services.\n"
        "The forum is jointly hosted by the Anhui Provincial Quality Association, the provincial "
        "department of industry and several city governments.\n"
    )
    assert [o for _, o in _orgs(text, gz)] == ["Anhui Provincial Quality Association"]


def test_an_event_or_a_person_named_elsewhere_is_no_organiser(gz):
    # a headline whose subject is the event itself; a later sentence about a person, not the event
    text = (
        "The Hefei Quality Forum opens with 300 guests.\n"
        "On September 4, the forum was held in Hefei, Anhui Province.\n"
        "The keynote speech was given by a professor from a local university.\n"
    )
    assert [o for _, o in _orgs(text, gz)] == [None]


def _kinds(text, gz):
    return sorted((r.activity_type, r.campaign, row_from_record("x", r).date) for r in records(text, gz))


# Two gatherings held together in one English sentence, the second named by its ordinal: two events
# (8 876: a launch ceremony and the 9th summit; 9 9a14: a Quality Month summary and commendation and the
# 21st Safety Month mobilisation meeting). When the second is of the kind the main event is read as, the
# event of its own is the first one, typed and campaigned by its own words.
def test_a_commendation_held_with_an_ordinal_named_mobilisation_meeting_is_two_events(gz):
    text = (
        "Quality Month summary and Safety Month mobilisation held\n"
        "Posted: 2023-05-27\n"
        "On the afternoon of May 26, the 12th Quality Month summary and commendation of the company and "
        "the 8th Safety Month mobilization meeting were held in the training center of the Jiaxing plant.\n"
        "Ten teams and twenty staff were commended for their quality work.\n"
    )
    assert _kinds(text, gz) == [
        ("award_commendation", "quality_month", "2023-05-26"),
        ("launch_ceremony", "safety_month", "2023-05-26"),
    ]


def test_one_commendation_meeting_is_one_event(gz):
    text = (
        "Quality Month summary and commendation\n"
        "Posted: 2023-10-09\n"
        "On October 8, the company held the summary and commendation meeting of its 12th Quality Month "
        "in the training center of the Jiaxing plant.\n"
    )
    assert [k for k, _, _ in _kinds(text, gz)] == ["award_commendation"]
