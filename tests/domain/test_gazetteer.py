"""Gazetteer: region table, English names, resolve() and find_all() on invented text."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from domain.gazetteer import (
    FORMER_SHANGHAI_DISTRICTS,
    Gazetteer,
    Region,
    english_name,
    romanize,
)

SH = "310000"

# adcode, full name, short form, English (name_en), bare pinyin
SHANGHAI = [
    ("310101", "黄浦区", "黄浦", "Huangpu District", "Huangpu"),
    ("310104", "徐汇区", "徐汇", "Xuhui District", "Xuhui"),
    ("310105", "长宁区", "长宁", "Changning District", "Changning"),
    ("310106", "静安区", "静安", "Jing'an District", "Jing'an"),
    ("310107", "普陀区", "普陀", "Putuo District", "Putuo"),
    ("310109", "虹口区", "虹口", "Hongkou District", "Hongkou"),
    ("310110", "杨浦区", "杨浦", "Yangpu District", "Yangpu"),
    ("310112", "闵行区", "闵行", "Minhang District", "Minhang"),
    ("310113", "宝山区", "宝山", "Baoshan District", "Baoshan"),
    ("310114", "嘉定区", "嘉定", "Jiading District", "Jiading"),
    ("310115", "浦东新区", "浦东", "Pudong New Area", "Pudong"),
    ("310116", "金山区", "金山", "Jinshan District", "Jinshan"),
    ("310117", "松江区", "松江", "Songjiang District", "Songjiang"),
    ("310118", "青浦区", "青浦", "Qingpu District", "Qingpu"),
    ("310120", "奉贤区", "奉贤", "Fengxian District", "Fengxian"),
    ("310151", "崇明区", "崇明", "Chongming District", "Chongming"),
]
SH_IDS = [row[1] for row in SHANGHAI]


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    return Gazetteer.load()


def code_of(gz: Gazetteer, text: str, within: str | None = None) -> str | None:
    res = gz.resolve(text, within=within)
    return res.region.adcode if res else None


# ----------------------------------------------------------------------------- the table


def test_counts_and_levels(gz):
    regions = gz.regions()
    current = gz.regions(include_former=False)
    levels = {lvl: sum(r.level == lvl for r in current) for lvl in ("province", "city", "district")}
    assert levels["province"] == 34
    assert 360 <= levels["city"] <= 372
    assert 2800 <= levels["district"] <= 2880
    assert len(regions) > 3000
    assert len({r.adcode for r in regions}) == len(regions)
    assert all(re.fullmatch(r"\d{6}", r.adcode) for r in regions)
    assert all(r.name_en and r.name_en.isascii() or "ü" in r.name_en for r in regions)


def test_parents_exist_and_nest(gz):
    for r in gz.regions():
        if r.level == "province":
            assert r.parent_adcode is None and r.city_adcode is None and r.province_adcode == r.adcode
            continue
        parent = gz.get(r.parent_adcode)
        assert parent is not None, r
        assert gz.get(r.province_adcode).level == "province", r
        assert r.adcode[:2] == r.province_adcode[:2], r
        if r.level == "city":
            assert r.city_adcode == r.adcode and parent.level == "province"
        else:
            assert parent.level in ("city", "province"), r


def test_shanghai_districts(gz):
    districts = gz.shanghai_districts()
    assert [(d.adcode, d.name_zh, d.short_zh, d.name_en) for d in districts] == [row[:4] for row in SHANGHAI]
    assert all(d.parent_adcode == "310100" and d.city_adcode == "310100" for d in districts)


@pytest.mark.parametrize("code,name,en,successor", [(c, n, e, s) for c, n, e, s, _ in FORMER_SHANGHAI_DISTRICTS])
def test_former_rows(gz, code, name, en, successor):
    r = gz.get(code)
    assert (r.name_zh, r.name_en, r.status, r.successor_adcode) == (name, en, "former", successor)
    assert gz.get(successor).is_current
    assert r not in gz.shanghai_districts()
    assert gz.lineage(code)[2].adcode == successor


def test_lineage(gz):
    prov, city, dist = gz.lineage("310104")
    assert (prov.adcode, city.adcode, dist.adcode) == ("310000", "310100", "310104")
    prov, city, dist = gz.lineage("320312")  # 铜山区, 徐州市
    assert (prov.name_zh, city.name_zh, dist.name_zh) == ("江苏省", "徐州市", "铜山区")
    prov, city, dist = gz.lineage("320300")
    assert (prov.adcode, city.adcode, dist) == ("320000", "320300", None)
    assert gz.lineage("440000")[1:] == (None, None)
    assert gz.lineage("999999") == (None, None, None)


def test_children(gz):
    kids = gz.children("320300")
    assert kids and all(k.parent_adcode == "320300" for k in kids)
    assert [k.adcode for k in kids] == sorted(k.adcode for k in kids)
    # Shanghai's 16 districts, its 4 former districts and its 4 former counties (松江县 … 1997-2001)
    assert len(gz.children("310100", include_former=True)) == 24
    assert {k.adcode for k in gz.children("500100")} >= {"500101", "500229"}  # Chongqing districts and counties


@pytest.mark.parametrize(
    "code,level,name",
    [
        ("500100", "city", "重庆市"),  # the index points this city at 500000
        ("441900", "city", "东莞市"),  # listed as 市 and 区县 with one code
        ("419001", "city", "济源市"),
        ("810000", "province", "香港特别行政区"),
        ("710000", "province", "台湾省"),
    ],
)
def test_dataset_quirks(gz, code, level, name):
    r = gz.get(code)
    assert (r.level, r.name_zh) == (level, name)


# ----------------------------------------------------------------------------- English


@pytest.mark.parametrize(
    "code,english",
    [
        ("610000", "Shaanxi"),
        ("140000", "Shanxi"),
        ("150000", "Inner Mongolia"),
        ("540000", "Tibet"),
        ("450000", "Guangxi"),
        ("640000", "Ningxia"),
        ("650000", "Xinjiang"),
        ("810000", "Hong Kong"),
        ("820000", "Macao"),
        ("710000", "Taiwan"),
        ("320000", "Jiangsu"),
        ("310000", "Shanghai"),
        ("110000", "Beijing"),
        ("500000", "Chongqing"),
        ("230000", "Heilongjiang"),
        ("610100", "Xi'an"),
        ("341500", "Lu'an"),
        ("330782", "Yiwu"),
        ("320300", "Xuzhou"),
        ("430100", "Changsha"),
        ("350200", "Xiamen"),
        ("340300", "Bengbu"),
        ("110105", "Chaoyang District"),
        ("140400", "Changzhi"),
        ("222400", "Yanbian Autonomous Prefecture"),
        ("120116", "Binhai New Area"),
        ("441803", "Qingxin District"),
        ("520203", "Liuzhi Special District"),
        *[(c, e) for c, _, _, e, _ in SHANGHAI],
    ],
)
def test_english_names(gz, code, english):
    assert gz.get(code).name_en == english


@pytest.mark.parametrize(
    "zh,level,english",
    [
        ("徐汇区", "district", "Xuhui District"),
        ("义乌市", "district", "Yiwu"),
        ("沛县", "district", "Pei County"),
        ("长阳土家族自治县", "district", "Changyang Autonomous County"),
        ("保亭黎族苗族自治县", "district", "Baoting Autonomous County"),
        ("鄂温克族自治旗", "district", "Ewenke Autonomous Banner"),
        ("准格尔旗", "district", "Zhunge'er Banner"),
        ("阿拉善盟", "city", "Alashan League"),
        ("和田地区", "city", "Hetian Prefecture"),
        ("西安市", "city", "Xi'an"),
        ("静安区", "district", "Jing'an District"),
        ("江苏省", "province", "Jiangsu"),
    ],
)
def test_english_name_rules(zh, level, english):
    assert english_name(zh, level) == english


@pytest.mark.parametrize(
    "zh,pinyin",
    [
        ("西安", "Xi'an"),
        ("静安", "Jing'an"),
        ("天峨", "Tian'e"),
        ("徐汇", "Xuhui"),
        ("长宁", "Changning"),
        ("闵行", "Minhang"),
        ("吕梁", "Lüliang"),
        ("平安", "Ping'an"),
    ],
)
def test_romanize(zh, pinyin):
    assert romanize(zh) == pinyin


# ----------------------------------------------------------------------------- resolve


@pytest.mark.parametrize("code,full,short,english,pinyin", SHANGHAI, ids=SH_IDS)
def test_resolve_every_shanghai_district(gz, code, full, short, english, pinyin):
    # Shanghai context resolves every form, including names other provinces share.
    for text in (
        full,
        short,
        english,
        english.upper(),
        english.lower(),
        pinyin,
        pinyin.replace("'", ""),
        f"上海市{full}",
        f"上海{short}",
        f" {full} ",
        f"{english}, Shanghai",
    ):
        res = gz.resolve(text, within=SH)
        assert res is not None and res.region.adcode == code, text
        assert res.former is False and res.original == text


@pytest.mark.parametrize("code,full,short,english,pinyin", SHANGHAI, ids=SH_IDS)
def test_resolve_shanghai_without_context(gz, code, full, short, english, pinyin):
    # With the city named no context is needed; the bare English name needs none either,
    # except where another province has a namesake (Zhoushan's 普陀区, Guangzhou's 黄埔区).
    assert code_of(gz, f"上海市{full}") == code
    assert code_of(gz, f"上海{short}") == code
    assert code_of(gz, f"Shanghai {english}") == code
    assert code_of(gz, english) == (None if full in ENGLISH_SHARED else code)


ENGLISH_SHARED = {"普陀区", "宝山区", "黄浦区"}


@pytest.mark.parametrize(
    "text,code",
    [
        ("徐汇", "310104"),
        ("浦东", "310115"),
        ("闵行", "310112"),
        ("嘉定", "310114"),
        ("青浦", "310118"),
        ("奉贤区", "310120"),
        ("崇明", "310151"),
        ("杨浦区", "310110"),
        ("虹口", "310109"),
        ("松江区", "310117"),
        ("xuhui district", "310104"),
        ("Xu Hui", "310104"),
        ("PUDONG NEW AREA", "310115"),
        ("Pudong", "310115"),
        ("Jing'an District", "310106"),
        ("JING'AN DISTRICT", "310106"),
        ("Jing An District", "310106"),
        ("Xúhuì", "310104"),
        ("上海市", "310100"),
        ("上海", "310100"),
        ("Shanghai", "310100"),
        ("Shanghai Municipality", "310100"),
        ("北京市", "110100"),
        ("重庆", "500100"),
        ("江苏省", "320000"),
        ("江苏", "320000"),
        ("Jiangsu Province", "320000"),
        ("Shaanxi", "610000"),
        ("Shanxi", "140000"),
        ("Inner Mongolia", "150000"),
        ("Xizang", "540000"),
        ("Tibet", "540000"),
        ("内蒙古", "150000"),
        ("广西壮族自治区", "450000"),
        ("广西", "450000"),
        ("Hong Kong", "810000"),
        ("义乌", "330782"),
        ("义乌市", "330782"),
        ("Yiwu", "330782"),
        ("Xi'an", "610100"),
        ("西安", "610100"),
        ("江苏省徐州市铜山区", "320312"),
        ("徐州市铜山区", "320312"),
        ("北京市朝阳区", "110105"),
        ("长春市朝阳区", "220104"),
        ("Chaoyang District, Beijing", "110105"),
        ("浙江舟山普陀区", "330903"),
        ("朝阳", "211300"),  # a short form shared by a prefecture and some districts means the prefecture
        ("徐汇区：", "310104"),
        ("（闵行区）", "310112"),
        ("ＸＵＨＵＩ", "310104"),
    ],
)
def test_resolve_table(gz, text, code):
    assert code_of(gz, text) == code


@pytest.mark.parametrize(
    "text,successor,former_code",
    [
        ("南汇区", "310115", "310119"),
        ("南汇", "310115", "310119"),
        ("Nanhui District", "310115", "310119"),
        ("卢湾区", "310101", "310103"),
        ("卢湾", "310101", "310103"),
        ("Luwan", "310101", "310103"),
        ("闸北区", "310106", "310108"),
        ("上海市闸北区", "310106", "310108"),
        ("Zhabei District", "310106", "310108"),
        ("崇明县", "310151", "310230"),
        ("Chongming County", "310151", "310230"),
        ("閘北區", "310106", "310108"),
        ("盧灣區", "310101", "310103"),
    ],
)
def test_resolve_former(gz, text, successor, former_code):
    res = gz.resolve(text)
    assert res is not None and res.region.adcode == successor and res.region.is_current
    assert res.former is True and res.original == text
    assert gz.get(former_code).successor_adcode == successor


def test_current_name_beats_former_sharing_its_short_form(gz):
    res = gz.resolve("崇明")  # short for both 崇明区 and the former 崇明县
    assert res.region.adcode == "310151" and res.former is False


@pytest.mark.parametrize(
    "text",
    [
        "普陀区",
        "普陀",
        "朝阳区",
        "吉林",
        "鼓楼区",
        "宝山区",
        "宝山",
        "长宁",
        "Putuo",
        "Putuo District",
        "Chaoyang District",
        "Jingan",
        "城区",
        "新华区",
    ],
)
def test_ambiguous_without_context_is_none(gz, text):
    assert gz.resolve(text) is None


@pytest.mark.parametrize(
    "text,within,code",
    [
        ("普陀", SH, "310107"),
        ("普陀区", SH, "310107"),
        ("普陀区", "330900", "330903"),
        ("Putuo", SH, "310107"),
        ("朝阳区", "110000", "110105"),
        ("朝阳区", "220100", "220104"),
        ("宝山", "310100", "310113"),
        ("宝山区", "230500", "230506"),
        ("Jingan", SH, "310106"),
        ("Jingan", "360000", "360925"),
        ("长宁", SH, "310105"),
        ("义乌", SH, "330782"),  # context only breaks ties
        ("鼓楼区", "320100", "320106"),
        ("朝阳", "110000", "110105"),
    ],
)
def test_within_disambiguates(gz, text, within, code):
    assert code_of(gz, text, within) == code


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "abc",
        "Quality Month",
        "质量月",
        "市场监管局",
        "区",
        "县",
        "市",
        "徐",
        "上海市徐家汇",
        "Xuhui Mountains",
        "12345",
        "310104",
        "火星区",
        "Shanghai, Beijing",
    ],
)
def test_junk_is_none(gz, text):
    assert gz.resolve(text) is None


def test_none_input(gz):
    assert gz.resolve(None) is None


# ----------------------------------------------------------------------------- find_all


def spans(gz, text, within=None):
    return [(m.surface, m.resolution.region.adcode, m.resolution.former) for m in gz.find_all(text, within)]


@pytest.mark.parametrize(
    "text,within,expected",
    [
        ("闸北区与徐汇区共同举办了质量月启动仪式。", None, [("闸北区", "310106", True), ("徐汇区", "310104", False)]),
        ("浦东新区市场监管局组织企业参观", None, [("浦东新区", "310115", False)]),
        ("上海市嘉定区召开质量大会", None, [("上海市", "310100", False), ("嘉定区", "310114", False)]),
        ("宝山：区质量办在南京东路举办咨询活动", SH, [("宝山", "310113", False)]),
        ("宝山：区质量办举办咨询活动", None, []),  # shared by Shanghai and Shuangyashan
        ("践行金山银山理念，东方明珠下的宣传周", None, []),
        ("活动在长宁路和宝山路同时进行", SH, []),
        (
            "普陀区、静安区和松江区的企业参加",
            SH,
            [("普陀区", "310107", False), ("静安区", "310106", False), ("松江区", "310117", False)],
        ),
        (
            "来自江苏省徐州市和浙江义乌的代表",
            None,
            [
                ("江苏省", "320000", False),
                ("徐州市", "320300", False),
                ("浙江", "330000", False),
                ("义乌", "330782", False),
            ],
        ),
        ("原南汇、卢湾两区的老字号企业", None, [("南汇", "310115", True), ("卢湾", "310101", True)]),
        (
            "Xuhui District and Pudong New Area held a forum in Shanghai.",
            None,
            [("Xuhui District", "310104", False), ("Pudong New Area", "310115", False), ("Shanghai", "310100", False)],
        ),
        (
            "Officials from Jing'an District met Minhang colleagues",
            None,
            [("Jing'an District", "310106", False), ("Minhang", "310112", False)],
        ),
        ("the minhang office and xuhui teams", None, []),  # lower case is not a proper noun
        ("An open day in Putuo", SH, [("Putuo", "310107", False)]),
        ("An open day in Putuo", None, []),
        ("質量月期間，徐匯區舉辦論壇", None, []),  # traditional text is converted upstream, not here
        ("", None, []),
    ],
)
def test_find_all(gz, text, within, expected):
    assert spans(gz, text, within) == expected


def test_find_all_positions(gz):
    text = "9月12日，Xuhui District与闵行区联合开展质量宣传"
    for m in gz.find_all(text):
        assert text[m.start : m.end] == m.surface
    assert [m.surface for m in gz.find_all(text)] == ["Xuhui District", "闵行区"]


# ----------------------------------------------------------------------------- loading


def test_load_is_cached(gz):
    assert Gazetteer.load() is gz


def test_import_is_light():
    code = (
        "import sys; from domain.gazetteer import Gazetteer; g = Gazetteer.load(); "
        "assert 'streamlit' not in sys.modules and 'geopandas' not in sys.modules; print(len(g.regions()))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert int(out) > 3000


def test_region_is_frozen(gz):
    r: Region = gz.get("310104")
    with pytest.raises(AttributeError):
        r.name_zh = "x"  # type: ignore[misc]
    assert r.label("zh") == "徐汇区" and r.label("en") == "Xuhui District"


def test_adcode_level_matches_every_current_region():
    """The level read from a code's digits (what Filters uses to pick a column) is the stored level."""
    from domain.gazetteer import Gazetteer, adcode_level

    regions = Gazetteer.load().regions(include_former=False)
    wrong = [(r.adcode, r.level, adcode_level(r.adcode)) for r in regions if adcode_level(r.adcode) != r.level]
    assert wrong == []
    assert {adcode_level(c) for c in ("310000", "310100", "310115", "419001", "659010")} == {
        "province",
        "city",
        "district",
    }
    assert adcode_level("419001") == "city" and adcode_level("310119") == "district"  # 南汇区 (former)


@pytest.mark.parametrize(
    ("name", "successor", "code"),
    [("吴江市", "320509", "320584"), ("萧山市", "330109", "330181"), ("顺德市", "440606", "440681")],
)
def test_former_county_level_units_resolve_to_their_successor(gz, name, successor, code):
    """A county-level unit that became a district of the same name (former_county_units.csv) is
    found in text and resolves to the district, named as written (region_original)."""
    res = gz.resolve(name)
    assert res is not None and res.region.adcode == successor and res.former is True
    assert gz.get(code).successor_adcode == successor and gz.get(code).parent_adcode == res.region.parent_adcode
    found = gz.find_all(f"2010年9月8日,{name}质量月启动仪式举行。")
    assert [(m.surface, m.resolution.region.adcode) for m in found] == [(name, successor)]


@pytest.mark.parametrize(
    ("name", "successor", "code", "year"),
    [("鄞县", "330212", "330227", 2002), ("江干区", "330102", "330104", 2021), ("崇文区", "110101", "110103", 2010)],
)
def test_renamed_and_merged_units_resolve_to_their_successor(gz, name, successor, code, year):
    """A unit renamed (鄞县 -> 鄞州区) or merged away (江干区 -> 上城区) resolves to today's district
    by its full name, and is read as named in a year before the change."""
    res = gz.resolve(name)
    assert res is not None and res.region.adcode == successor and res.former is True
    (m,) = gz.find_all(f"{name}质量月启动仪式举行。")
    assert gz.unit_as_named(m, year - 1).adcode == code
    assert gz.unit_as_named(m, year) is None  # from the year of the change on: the successor
    assert gz.get(code).short_zh is None  # 江干 / 平江 / 大港 alone are no former unit


@pytest.mark.parametrize(("name", "code"), [("Wenling City", "331081"), ("Yiwu City", "330782")])
def test_county_level_cities_answer_to_their_english_city_name(gz, name, code):
    assert gz.resolve(name).region.adcode == code


def test_state_level_new_areas_are_read_from_their_table_as_the_region_administering_them(gz):
    """`new_areas.csv` is loaded once into NEW_AREAS, and each area answers, in Chinese and English, to
    the region its row names."""
    from domain.gazetteer import NEW_AREAS

    assert ("两江新区", "500100", "Liangjiang New Area") in NEW_AREAS and len(NEW_AREAS) == 17
    for name, code, name_en in NEW_AREAS:
        assert gz.resolve(name).region.adcode == code, name
        assert gz.resolve(name_en).region.adcode == code, name_en


@pytest.mark.parametrize(
    ("text", "line", "why"),
    [
        ("# a note\nname_zh,adcode\n两江新区,500100\n", None, None),
        ("# a note\nname,adcode\n两江新区,500100\n", 2, "the header must be name_zh,adcode"),
        ("name_zh,adcode\n两江新区,500100\n\n# gap\n兰州新区,62010x\n", 5, "expected name_zh,adcode, with adcode"),
        ("name_zh,adcode\n两江新区,500100,extra\n", 2, "expected name_zh,adcode"),
    ],
)
def test_a_reference_table_that_does_not_fit_names_its_file_and_line(tmp_path, text, line, why):
    from domain.gazetteer import _read_table

    path = tmp_path / "areas.csv"
    path.write_text(text, encoding="utf-8")
    if line is None:
        assert _read_table(path, ("name_zh", "adcode"), digits=("adcode",)) == (("两江新区", "500100"),)
        return
    with pytest.raises(ValueError, match=re.escape(f"{path}: line {line}: {why}")):
        _read_table(path, ("name_zh", "adcode"), digits=("adcode",))
