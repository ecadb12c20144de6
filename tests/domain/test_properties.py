"""Property tests (hypothesis) for the parsers that have an algebra.

Counts: a number written in digits, with thousands separators, or as a Chinese numeral reads back
as itself, and a qualifier or unit word around it changes only the qualifier or unit. Dates: every
written form of a day, month or year reads back as that day, month or year, and a range's end
is its last day. Regions: every current region resolves from its own name within its parent,
whatever the surrounding spaces or full-width forms.
"""

from __future__ import annotations

import calendar
import datetime as dt
import unicodedata

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from domain import taxonomy
from domain.numbers import cn_to_int, parse_count
from etl.normalize import parse_date, parse_year

COUNTS = st.integers(min_value=1, max_value=99_999_999)
DAYS = st.dates(min_value=dt.date(1978, 1, 1), max_value=dt.date(2100, 12, 31))

_ZH_DIGITS = "零一二三四五六七八九"


def zh_numeral(n: int) -> str:
    """The standard Chinese reading of 0 < n < 10**8 (一万零五百, 三千零二十, 十五)."""

    def section(k: int) -> str:  # 0 < k < 10**4, with the zeros a reader says
        out, zero = "", False
        for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            d = k // value % 10
            if d:
                out += ("零" if zero and out else "") + _ZH_DIGITS[d] + unit
                zero = False
            else:
                zero = True
        return out

    high, low = divmod(n, 10_000)
    if not high:
        text = section(low)
        return text[1:] if text.startswith("一十") else text  # 十五, not 一十五
    tail = ("零" if low and low < 1000 else "") + section(low) if low else ""
    return section(high) + "万" + tail


@given(COUNTS)
def test_digits_read_back(n):
    for text in (
        str(n),
        f"{n:,}",
        unicodedata.normalize("NFKC", str(n)).translate(str.maketrans("0123456789", "０１２３４５６７８９")),
    ):
        assert cn_to_int(text) == n, text
        c = parse_count(text)
        assert c is not None and (c.value, c.qualifier) == (n, "exact"), text


@given(COUNTS)
def test_chinese_numerals_read_back(n):
    assert cn_to_int(zh_numeral(n)) == n, zh_numeral(n)


@given(
    COUNTS,
    st.sampled_from([("{}人", "people"), ("{}人次", "person_times"), ("{}名", "people"), ("{}家", "organizations")]),
    st.sampled_from(
        [("{}", "exact"), ("约{}", "approx"), ("近{}", "approx"), ("{}多", "at_least"), ("超过{}", "at_least")]
    ),
)
def test_qualifier_and_unit_words_change_only_qualifier_and_unit(n, unit_form, qualifier_form):
    unit_fmt, unit = unit_form
    qual_fmt, qualifier = qualifier_form
    text = unit_fmt.format(qual_fmt.format(n))
    c = parse_count(text)
    assert c is not None, text
    assert (c.value, c.unit, c.qualifier) == (n, unit, qualifier), text


@given(DAYS)
def test_every_written_day_reads_back(d):
    for text in (
        d.isoformat(),
        f"{d.year}/{d.month}/{d.day}",
        f"{d.year}.{d.month}.{d.day}",
        f"{d:%Y%m%d}",
        f"{d.year}年{d.month}月{d.day}日",
        f"{calendar.month_name[d.month]} {d.day}, {d.year}",
        f"{d.day} {calendar.month_abbr[d.month]} {d.year}",
    ):
        start, end = parse_date(text)
        assert end is None and (start.first, start.last, start.precision) == (d, d, "day"), text
    start, _ = parse_date(f"{d.month}月{d.day}日", year_hint=d.year)
    assert (start.first, start.precision) == (d, "day")


@given(DAYS)
def test_a_month_is_its_first_to_its_last_day(d):
    last = dt.date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])
    for text in (f"{d.year}年{d.month}月", f"{d.year}-{d.month:02d}"):
        start, _ = parse_date(text)
        assert (start.first, start.last, start.precision) == (d.replace(day=1), last, "month"), text


@given(DAYS, st.integers(min_value=0, max_value=27))
def test_a_range_ends_on_its_last_day(d, days):
    end = d + dt.timedelta(days=days)
    assume(end.month == d.month)
    start, stop = parse_date(f"{d.year}年{d.month}月{d.day}日至{end.day}日")
    assert (start.first, stop.last) == (d, end)


@given(st.integers(min_value=1, max_value=150))
def test_quality_month_ordinals_are_years(n):
    assert parse_year(f"第{n}届") == taxonomy.quality_month_year(n)
    assert taxonomy.quality_month_ordinal(parse_year(f"第{n}届")) == n


@pytest.fixture(scope="module")
def gazetteer():
    from domain.gazetteer import Gazetteer

    return Gazetteer.load()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_every_region_resolves_from_its_own_name_within_its_parent(gazetteer, data):
    regions = [r for r in gazetteer.regions(include_former=False) if r.is_current]
    r = data.draw(st.sampled_from(regions))
    pad = data.draw(st.sampled_from(["{}", " {} ", "\u3000{}", "{}\t"]))
    for name in (r.name_zh, r.name_en):
        res = gazetteer.resolve(pad.format(name), within=r.parent_adcode or r.adcode)
        if res is None and name == r.name_en:
            # An English name two regions of the province share (Jilin province / Jilin city) is
            # ambiguous: no guess, which is right only when such a twin exists.
            assert [
                x
                for x in regions
                if x.name_en == name and x.province_adcode == r.province_adcode and x.adcode != r.adcode
            ], name
            continue
        assert res is not None, (name, r.adcode)
        if r.level == "district":
            assert res.region.adcode == r.adcode, (name, r.adcode)
        else:
            # A municipality's province and city share one name (北京市 110000 / 110100): either
            # is right, never a region elsewhere.
            assert res.region.name_zh == r.name_zh and res.region.province_adcode == r.province_adcode, name
