"""Bulletins written for issue 11 in styles neither corpus has (tests/fixtures/bulletins_reader):
a WeChat post with emoji and one sentence broken over lines, a table of a district's activities,
an English release with a US date and a "Dth to Dth Month YYYY" range, a round-up of two years.

Scored once when written, before any rule for them (strict pairing): records 0.800, region 0.800,
date 0.800, type 0.800, participants 0.857, organiser 0.667. Then the WeChat line joining and
emoji removal (cleaning.py) and table rows as candidate events (extract.py) were written on them:
all 1.000. They are development data now; the floors keep them there.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.bulletins.cleaning import clean_paragraphs
from etl.bulletins.dates import find_dates
from etl.evaluate import extract_docs, load_labels, score

FOLDER = Path(__file__).resolve().parents[1] / "fixtures" / "bulletins_reader"
# A second set, written after the rules of issue 11's first rounds, in the issue's classes: a
# province-level event under a paper's city dateline with a side visit, an English release saying
# "the company", a yearbook paragraph of dated campaigns, prizes handed out at a meeting, a compound
# title with a side event. Scored once when written: records 0.588, region 0.588, date 0.588, type
# 0.471, participants 0.545, organiser 0.308. Rules then written on them (dateline city, side
# visits and side events, prizes at a meeting, 共同主办, "the company" named by the headline, the
# report's opening body holding its events, campaigns per event): records 0.842, type 0.842,
# participants 0.833, organiser 0.824. Left unread by any rule: Fuqing (福清) from "its Fuqing plant".
HELDOUT2 = Path(__file__).resolve().parents[1] / "fixtures" / "bulletins_reader_heldout"
# A third set (a repeated headline, an English "Administration for Market Regulation ... for SMEs",
# 昨(5)日 under a newspaper date line, 颁奖仪式暨启动会, two events in two paragraphs), scored once
# when written: records 0.833, type 0.667, participants 0.857, organiser 0.833. Then: compounds
# typed by their first half, a full date alone on a line is a date line (not a WeChat fragment),
# 昨(N)日 read against the date line, a two-character district name (东区) at the end of a longer
# name is not a place: records 1.000, type 1.000.
HELDOUT3 = Path(__file__).resolve().parents[1] / "fixtures" / "bulletins_reader_heldout3"


def assert_stays_read(folder: Path, records_floor: float, floors: dict[str, float]) -> None:
    """Score the own set in `folder` (strict pairing) against its record and field floors."""
    gold = load_labels(folder / "labels.csv")
    pred, _ = extract_docs(folder, {g.doc for g in gold})
    r = score(pred, gold)
    assert r["records"]["f1"] >= records_floor, r["records"]
    for f, floor in floors.items():
        assert r["fields"][f]["f1"] >= floor, (f, r["fields"][f])


def test_reader_fixtures_stay_read():
    assert_stays_read(
        FOLDER, 0.95, dict.fromkeys(("region", "date", "activity_type", "participants", "organizer"), 0.9)
    )


def test_second_own_set_stays_read():
    assert_stays_read(
        HELDOUT2,
        0.89,
        {"region": 0.80, "date": 0.80, "activity_type": 0.89, "participants": 0.80, "organizer": 0.88},
    )


def test_third_own_set_stays_read():
    assert_stays_read(HELDOUT3, 0.95, dict.fromkeys(("region", "date", "activity_type", "organizer"), 0.95))


def test_wechat_lines_joined_and_emoji_dropped():
    paras = clean_paragraphs("📣 9月16日上午\n某县市场监管局在文化广场\n举办质量宣传活动🔥\n\n✅ 现场设置咨询台")
    assert [p.text for p in paras] == ["9月16日上午某县市场监管局在文化广场举办质量宣传活动", "现场设置咨询台"]
    # the excerpt still quotes the file as written
    assert paras[0].original_span(0, 7) == "9月16日上午"


def test_english_sentence_broken_over_lines_is_joined_with_a_space():
    paras = clean_paragraphs("📅 On September 18, 2024, the Nanhu station\ntrained 85 boiler operators.\nNext line.")
    assert [p.text for p in paras] == [
        "On September 18, 2024, the Nanhu station trained 85 boiler operators.",
        "Next line.",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On 9/6/2022, the bureau held", (2022, 9, 6, None)),
        ("From 19th to 21st September 2022, the bureau", (2022, 9, 19, 21)),
        ("held on 12-14 June 2022", (2022, 6, 12, 14)),
    ],
)
def test_english_dates(text, expected):
    d = find_dates(text)[0]
    assert (d.year, d.month, d.day, d.end_day) == expected


def test_numeric_dates_in_chinese_are_not_us_dates():
    assert find_dates("编号9/6/2022号文件") == []


# A fourth set, for the events half of issue 11 (side events after a ceremony, a yearbook
# paragraph of dated campaigns down to a month, a table of district activities with a header row,
# an English company review with numbered headings, prizes handed out at a meeting, an English
# release whose organiser "kicked off", counts of units, people and person-times). Scored once
# when written, before any rule for it: records 0.774, type 0.710, participants 0.471,
# organiser 0.583, mode 0.759, organiser type 0.538, industry 0.357. Rules then written on it
# (side visits and openings, headings with the event below, tables read by their header row,
# month-led yearbook entries, trainees, streams told later, organisers told around the event):
# records 1.000, type 1.000, participants 0.870, organiser 1.000, mode 0.970, organiser type
# 1.000, industry 0.706. Left unread: a count of inspected enterprises (对21家企业开展抽查) and
# the online viewers of a hybrid open day (线上观看达1.2万人次) as participants.
EVENTS = Path(__file__).resolve().parents[1] / "fixtures" / "bulletins_reader_events"


def test_events_set_stays_read():
    assert_stays_read(
        EVENTS,
        0.99,
        {
            "activity_type": 0.99,
            "participants": 0.86,
            "organizer": 0.99,
            # 0.94: e02's month of supervision sampling (11月,对21家企业开展抽查) is now on site, labelled
            # unknown; publicity and inspection told as done are on site as the corpora label them
            "mode": 0.94,
            "organizer_type": 0.99,
            "industry": 0.70,
        },
    )


# A fifth set, written after the rounds above in the same classes but other wording (a county
# round-up of three dated events, an English company release with a side event after the meeting,
# a WeChat post of a festival opening broken over lines, a compound meeting暨training). Scored once
# when written: records 0.923, type 0.769, participants 1.000, organiser 0.909. Then festivals and
# fairs as publicity (the shared classifier) and English side events after a meeting: records
# 1.000, type 0.857. Left unread: Jiashan (嘉善) inside the company's name taken as its place, the
# quiz typed other.
EVENTS2 = Path(__file__).resolve().parents[1] / "fixtures" / "bulletins_reader_events2"


def test_fifth_set_stays_read():
    assert_stays_read(EVENTS2, 0.99, {"activity_type": 0.99, "participants": 0.99, "organizer": 0.99})


# Sets 6-8 (session 5, several events in one text), each scored once when written, before any rule
# for it (strict pairing):
# - set 6 `bulletins_reader_multi` (9 docs, 34 labels: yearbook chain with semicolons, mid-sentence
#   days after the body, 次日 and 又讯, a table aligned by spaces, a numbered summary with a dated
#   chain, English bullets, WeChat pins, ceremony side events, connectives): records 0.641
#   (P 0.895 / R 0.500), type 0.641, participants 0.375, organiser 0.146;
# - set 7 `bulletins_reader_multi2` (5 docs, 15 labels, written after set 6's rules: cities' own
#   events under a province launch, an English round-up, 活动期间 + body + day, WeChat lines, two
#   English events in one sentence): records 0.769 (P 0.909 / R 0.667), type 0.538;
# - set 8 `bulletins_reader_multi3` (4 docs, 10 labels, written after set 7's rules: same-day
#   events without a day of their own, a metrology day, English 'In the afternoon' / 'The same
#   day'): records 0.429 (P 0.750 / R 0.300).
# Rules were then written for each (tests/bulletins/test_reader_multi.py); the floors keep them.
MULTI = Path(__file__).resolve().parents[1] / "fixtures" / "bulletins_reader_multi"
MULTI2 = Path(__file__).resolve().parents[1] / "fixtures" / "bulletins_reader_multi2"
MULTI3 = Path(__file__).resolve().parents[1] / "fixtures" / "bulletins_reader_multi3"
# Set 9 `bulletins_reader_multi4` (5 docs, 14 labels, written after sets 6-8's rules: 第一/第二 ordinals,
# 【活动一】 sections, days enumerated with 、, an English list of verb-led dated clauses, a later 另悉
# event): records 0.636 (P 0.875 / R 0.500) before its rules, 0.786 after (its English town, Wenling,
# is not in the gazetteer's English names: no region, so its three records cannot pair).
MULTI4 = Path(__file__).resolve().parents[1] / "fixtures" / "bulletins_reader_multi4"

# Set 10 `bulletins_reader_types` (5 docs, 13 labels, session 6: a WeChat post about an enterprise's
# month meeting, English releases with US dates and English type synonyms, a pipe table of compound
# titles, a round-up over two years naming the type in a later sentence): records 0.870, type 0.696
# before its rules; 0.960 / 0.960 after.
TYPES = Path(__file__).resolve().parents[1] / "fixtures" / "bulletins_reader_types"

# Set 11 `bulletins_reader_roundup` (4 docs, 16 labels, session 6: a portal round-up whose items hold
# several events, a WeChat round-up under ✅ headings, an English review paragraph, an item mixing two
# years): records 0.250 (P 0.375 / R 0.188) before its rules, 0.714 after.
ROUNDUP = Path(__file__).resolve().parents[1] / "fixtures" / "bulletins_reader_roundup"

# Set 12 `bulletins_reader_fresh6` (4 docs, 10 labels), written after sets 10-11's rules to measure
# them (a WeChat post, an English release with US dates, a pipe table with counts, items typed in
# their next sentence): records 0.947 (P 1.000 / R 0.900), type 0.842 before its rules; 1.000 after.
FRESH6 = Path(__file__).resolve().parents[1] / "fixtures" / "bulletins_reader_fresh6"

# Session 7, each scored once before any rule for it:
# Set 13 `bulletins_reader_heads` (5 docs, 12 labels: English releases whose event is named by the
# head of the held phrase or by a verb, a WeChat English post broken over lines, a passive seminar, a
# pipe table of titles): records 0.600, type 0.300, participants 0.000, organiser 0.471 before; 0.750,
# 0.750, 0.615, 0.783 after (Liandu is spelt Liandou in the gazetteer, a region case left open).
HEADS = Path(__file__).resolve().parents[1] / "fixtures" / "bulletins_reader_heads"
# Set 14 `bulletins_reader_structure` (5 docs, 12 labels: WeChat keycap items, a series told by its first
# session, English district headings, a background event then this year's, an umbrella sentence then
# its events): records 0.909, type 0.818, participants 0.857, organiser 0.636 before; 1.000, 0.917,
# 1.000, 0.750 after.
STRUCTURE = Path(__file__).resolve().parents[1] / "fixtures" / "bulletins_reader_structure"
# Set 15 `bulletins_reader_titles` (5 docs, 5 labels: English kickoff words "got under way" / "flagged
# off", a traditional-script compound title, 拉开帷幕, awards received at a conference): records 0.500,
# type 0.500, participants 0.400, organiser 0.500 before; 0.800, 0.800, 0.667, 0.667 after.
TITLES = Path(__file__).resolve().parents[1] / "fixtures" / "bulletins_reader_titles"
# Set 16 `bulletins_reader_probe` (5 docs, 13 labels: portal items holding two dated events each, an
# English same-day side visit, a background intro before the event, an enterprises' table aligned by
# full-width spaces, WeChat 🔹【…】 headings naming topics): records 0.880, type 0.880, participants 0.615,
# organiser 0.800 before; 0.846, 0.846, 0.667, 0.846 after. The English side visit is now read, with the
# main event, but "Deqing" has no English name in the gazetteer (德清/德庆), so both stay unpaired.
PROBE = Path(__file__).resolve().parents[1] / "fixtures" / "bulletins_reader_probe"
# Set 17 `bulletins_reader_fresh7` (4 docs, 9 labels), written after the session 7 rules in new wording and
# scored once with no rule written for it: records 1.000, type 1.000, participants 0.857, organiser 1.000
# (same hand as the rules: weak evidence).
FRESH7 = Path(__file__).resolve().parents[1] / "fixtures" / "bulletins_reader_fresh7"


def test_multi_event_sets_stay_read():
    # organiser 0.66: m08's attendees' tour labelled with the main event's organiser (session 8, as the corpora do)
    assert_stays_read(MULTI, 0.95, {"activity_type": 0.95, "participants": 0.92, "organizer": 0.66})
    assert_stays_read(MULTI2, 0.93, {"activity_type": 0.86, "participants": 0.84, "organizer": 0.81})
    assert_stays_read(MULTI3, 0.99, {"activity_type": 0.99, "participants": 0.99, "organizer": 0.94})
    assert_stays_read(TYPES, 0.96, {"activity_type": 0.96, "participants": 0.85, "organizer": 0.95})
    assert_stays_read(ROUNDUP, 0.71, {"activity_type": 0.59})
    assert_stays_read(FRESH6, 0.99, {"activity_type": 0.99, "participants": 0.93, "organizer": 0.89})
    assert_stays_read(HEADS, 0.75, {"activity_type": 0.75, "participants": 0.61, "organizer": 0.78})
    assert_stays_read(STRUCTURE, 0.99, {"activity_type": 0.91, "participants": 0.99, "organizer": 0.75})
    assert_stays_read(TITLES, 0.80, {"activity_type": 0.80, "participants": 0.66, "organizer": 0.66})
    assert_stays_read(PROBE, 0.84, {"activity_type": 0.84, "participants": 0.66, "organizer": 0.84})
    assert_stays_read(FRESH7, 0.99, {"activity_type": 0.99, "participants": 0.85, "organizer": 0.99})
    assert_stays_read(MULTI4, 0.99, {"activity_type": 0.99, "participants": 0.85, "organizer": 0.51})
