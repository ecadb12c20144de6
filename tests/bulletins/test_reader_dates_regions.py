"""Date and region classes of issue 11 (readerdates), one invented bulletin per class in
tests/fixtures/bulletins_readerdates: each test failed before its rule was written.

Dates: a newspaper's story date (…9月4日讯, "CHANGZHOU, Sept. 8 (Xinhua) --") anchors 昨天/on Monday/last Friday and is not the event's day; 昨(N)日 and
今天 without any date line still give what the text says (the campaign's month and year, or the
year); a 时间: line of a notice is the event's time, not page furniture or a date line.
Regions: a newspaper's own city, else a source or credit line at the end, settles a district two
provinces share; the city a reporter files from (发自合肥, 本报杭州讯) is not the event's place; 全州/全市 is the whole
prefecture, not a county, and
全市 in the event's sentence is the report's own city, named elsewhere in it; a county named inside a slogan is not where the event is; common words
(振兴, 新兴) and town or street names (东阳路) are not counties; a county-level city named for an
event before it became a district (吴江市 in 2010) is that city, not its successor (吴江区, 2012).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.bulletins import extract_file
from etl.evaluate import row_from_record

FOLDER = Path(__file__).resolve().parents[1] / "fixtures" / "bulletins_readerdates"


@pytest.mark.parametrize(
    ("doc", "region", "day"),
    [
        ("d01_paper_story_date_anchor.txt", ("湖南省", "", ""), "2023-09-03"),
        ("d02_paper_story_date_yesterday.txt", ("湖南省", "邵阳市", ""), "2022-09-11"),
        ("d03_day_in_brackets_no_dateline.txt", ("甘肃省", "酒泉市", ""), "2017-09-08"),
        ("d04_today_no_dateline.txt", ("江苏省", "泰州市", ""), "2020"),
        ("d05_notice_time_line.txt", ("浙江省", "台州市", "温岭市"), "2023-09-15"),
        ("d06_paper_names_the_city.txt", ("浙江省", "舟山市", "普陀区"), "2022-09-02"),
        ("d07_whole_prefecture_is_not_a_county.txt", ("四川省", "凉山彝族自治州", "西昌市"), "2016-09-09"),
        ("d08_county_in_a_slogan.txt", ("浙江省", "杭州市", "临安区"), "2023-09-05"),
        ("d09_ordinary_words.txt", ("浙江省", "温州市", "鹿城区"), "2021-09-16"),
        ("d10_street_and_town_names.txt", ("浙江省", "杭州市", "临平区"), "2022-09-08"),
        ("d11_since_a_month.txt", ("江苏省", "常州市", "武进区"), "2022-03"),
        ("d12_whole_city_is_the_report_city.txt", ("安徽省", "芜湖市", ""), "2019-09-14"),
        ("d13_credit_line_settles_a_district.txt", ("浙江省", "宁波市", "江北区"), "2021-09-08"),
        ("d14_reporter_files_from_a_city.txt", ("安徽省", "", ""), "2020-09-02"),
        ("d15_bracketed_date_before_a_headline.txt", ("浙江省", "台州市", "天台县"), "2022-09-05"),
        ("d16_en_published_line.txt", ("浙江省", "台州市", "温岭市"), "2023-09-05"),
        ("d17_en_story_dateline.txt", ("江苏省", "常州市", ""), "2021-09-06"),
        ("d18_en_last_weekday.txt", ("浙江省", "台州市", ""), "2020-09-11"),
        ("d19_last_month_day.txt", ("浙江省", "嘉兴市", "海盐县"), "2021-09-28"),
        ("d20_year_in_chinese_digits.txt", ("浙江省", "嘉兴市", "海宁市"), "2019-09-06"),
        ("d21_county_city_before_it_became_a_district.txt", ("江苏省", "苏州市", "吴江市"), "2010-09-08"),
        ("d22_after_the_change_the_successor.txt", ("浙江省", "杭州市", "萧山区"), "2016-09-08"),
    ],
)
def test_date_and_region_classes(doc, region, day, gz):
    rows = [row_from_record(doc, r) for r in extract_file(FOLDER / doc, gz).records]
    assert [(r.region, r.date) for r in rows][:1] == [(region, day)], rows


def test_historical_unit_keeps_the_successor_for_the_map(gz):
    """吴江市 in 2010: the record names the county-level city (its own code) while the adcode the
    map and the roll-ups use is today's 吴江区."""
    rec = extract_file(FOLDER / "d21_county_city_before_it_became_a_district.txt", gz).records[0]
    assert (rec.district, rec.district_adcode, rec.adcode, rec.region_original) == (
        "吴江市",
        "320584",
        "320509",
        "吴江市",
    )


def test_historical_unit_through_the_etl(tmp_path, make_db):
    """The real ETL loads the 2010 吴江市 record whole: the county-level city as named, today's
    吴江区 as the adcode the map and roll-ups use."""
    import duckdb

    db = make_db(tmp_path, [FOLDER / "d21_county_city_before_it_became_a_district.txt"])
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(
            # names are read from `regions` by adcode, as the read side does (domain.record.READ_TIME_COLUMNS)
            "SELECT n.name_zh, a.district_adcode, a.adcode, CAST(a.start_date AS VARCHAR) "
            "FROM activities a LEFT JOIN regions n ON n.adcode = a.district_adcode"
        ).fetchall()
        rejected = con.execute("SELECT count(*) FROM rejects").fetchone()[0]
    finally:
        con.close()
    assert rows == [("吴江市", "320584", "320509", "2010-09-08")] and rejected == 0


def test_wider_body_holding_its_own_event(gz):
    """A further event held by a wider place's body (杭州市人民政府新闻办公室召开…) is at that place,
    not at the district of the report's main event; an official of it attending does not move it."""
    rows = [
        row_from_record("d23", r) for r in extract_file(FOLDER / "d23_wider_body_holds_its_own_event.txt", gz).records
    ]
    assert [(r.region, r.date) for r in rows] == [
        (("浙江省", "杭州市", "滨江区"), "2021-09-05"),
        (("浙江省", "杭州市", ""), "2021-09-06"),
    ]
