"""Filters: values quoted or bound, hostile values stay data, URL round trip and validation."""

from __future__ import annotations

import duckdb
import pytest
import sqlglot
from sqlglot import exp

from analytics.engines import render
from analytics.filters import Filters, _escape_like
from tests.analytics.conftest import TINY_ROWS

HOSTILE = [
    "'; DROP TABLE activities; --",
    '" OR 1=1 --',
    "%' OR '1'='1",
    "$f_years",
    "?",
    "徐汇'); DELETE FROM activities; --",
    "\\",
    "_",
    "%",
]


def _list_values(f: Filters) -> list[str]:
    """The text values of a selection's lists (years are integers; the search text is not a list)."""
    return [
        str(v)
        for name in ("districts", "industries", "activity_types", "campaigns", "organizer_types")
        for v in getattr(f, name)
    ]


@pytest.mark.parametrize(
    "f",
    [
        Filters(),
        Filters(years=(2023,)),
        Filters(years=(2024, 2023), districts=("310104",)),
        Filters(industries=("manufacturing", "food"), activity_types=("training",)),
        Filters(campaigns=("quality_month",), organizer_types=("enterprise",), include_demo=False),
        Filters(search="讲座"),
        *[Filters(search=h) for h in HOSTILE],
        *[Filters(districts=(h,)) for h in HOSTILE],
        *[Filters(industries=(h,), activity_types=(h,)) for h in HOSTILE],
    ],
)
def test_where_values_stay_data(f: Filters) -> None:
    """List values are written in as literals, each one exactly one literal holding exactly that value
    (on DuckDB as written and on Spark as rendered); the search text stays a bound parameter."""
    sql, params = f.where("a")
    # the search text stays bound parameters (one or two per word: f_search, f_search_run, f_search_1, ...)
    assert bool(params) == bool(f.search) and all(k.startswith(("f_search", "f_search_run")) for k in params)
    words = list(dict.fromkeys(f.search.split()))
    bound = [v for k, v in params.items() if not k.startswith("f_search_run")]
    assert len(bound) == len(words) and all(v in (w, f"%{_escape_like(w)}%") for v, w in zip(bound, words, strict=True))
    for engine in ("duckdb", "spark"):
        statements = sqlglot.parse(render(f"SELECT 1 FROM activities a WHERE {sql}", engine), read=engine)
        assert len(statements) == 1, (engine, sql)
        tree = statements[0]
        assert {p.name for p in tree.find_all(exp.Placeholder)} == set(params), (engine, sql)
        strings = [
            lit.this for lit in tree.find_all(exp.Literal) if lit.is_string and not isinstance(lit.parent, exp.Escape)
        ]
        assert sorted(strings) == sorted(_list_values(f)), (engine, sql)
        numbers = [int(lit.this) for lit in tree.find_all(exp.Literal) if not lit.is_string]
        assert sorted(numbers) == sorted([1, *f.years]), (engine, sql)


def test_where_empty_is_true() -> None:
    assert Filters().where() == ("TRUE", {})


def test_where_rejects_bad_alias() -> None:
    with pytest.raises(ValueError):
        Filters().where("a; DROP TABLE x")


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_search_stays_data(tiny_db, hostile: str) -> None:
    con = duckdb.connect(str(tiny_db), read_only=True)
    sql, params = Filters(search=hostile, districts=(hostile,), industries=(hostile,)).where("a")
    assert con.execute(f"SELECT count(*) FROM activities a WHERE {sql}", params).fetchone() == (0,)
    assert con.execute("SELECT count(*) FROM activities").fetchone() == (len(TINY_ROWS),)
    con.close()


@pytest.mark.parametrize(
    "search, expected",
    [
        ("讲座", {"r02", "r03"}),
        ("50%", {"r08"}),  # % is literal, not a wildcard
        ("=SUM", {"r02"}),
        ("监管局", {"r01"}),  # organizer
        ("摘录r05", {"r05"}),  # excerpt
        ("质量强国", {r[0] for r in TINY_ROWS}),  # theme
        ("no such text", set()),
    ],
)
def test_search_matches_text_columns(tiny_db, search: str, expected: set[str]) -> None:
    con = duckdb.connect(str(tiny_db), read_only=True)
    sql, params = Filters(search=search).where("a")
    got = {r[0] for r in con.execute(f"SELECT record_id FROM activities a WHERE {sql}", params).fetchall()}
    con.close()
    assert got == expected


@pytest.mark.parametrize(
    "f, expected",
    [
        (Filters(years=(2023,)), {"r01", "r02", "r07"}),
        (Filters(districts=("310115",)), {"r04", "r05", "r08"}),
        (Filters(districts=("310115",), include_demo=False), {"r04", "r05"}),
        (Filters(industries=("manufacturing",), years=(2024,)), {"r08"}),
        (Filters(activity_types=("training", "publicity")), {"r02", "r03", "r06", "r07"}),
        (Filters(organizer_types=("government",)), {"r01", "r07"}),
        (Filters(campaigns=("safety_month",)), set()),
    ],
)
def test_where_selects_expected_rows(tiny_db, f: Filters, expected: set[str]) -> None:
    con = duckdb.connect(str(tiny_db), read_only=True)
    sql, params = f.where("a")
    got = {r[0] for r in con.execute(f"SELECT record_id FROM activities a WHERE {sql}", params).fetchall()}
    con.close()
    assert got == expected


@pytest.mark.parametrize(
    "f",
    [
        Filters(),
        Filters(years=(2022, 2023, 2024)),
        Filters(years=(2019, 2022)),
        Filters(districts=("310104", "310115"), industries=("food",)),
        Filters(activity_types=("training",), campaigns=("quality_month",), organizer_types=("government",)),
        Filters(include_demo=False, search="质量, 月 & 50%"),
    ],
)
def test_url_round_trip(f: Filters) -> None:
    params = f.to_query_params()
    assert all(isinstance(v, str) for v in params.values())
    assert Filters.from_query_params(params) == f


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"year": "2023"}, Filters(years=(2023,))),
        ({"year": "2021-2023"}, Filters(years=(2021, 2022, 2023))),
        ({"year": "2023-2021"}, Filters(years=(2021, 2022, 2023))),
        ({"year": "abc,2023,20233,1900"}, Filters(years=(2023,))),
        ({"year": "0000-9999"}, Filters(years=tuple(range(1978, 2101)))),
        ({"district": "310104,31010,abcdef,310104' OR 1=1"}, Filters(districts=("310104",))),
        ({"industry": "food,'; DROP TABLE x;--,FOOD"}, Filters(industries=("food",))),
        ({"type": "training,hacking"}, Filters(activity_types=("training",))),
        ({"campaign": "quality_month,other,x"}, Filters(campaigns=("other", "quality_month"))),
        ({"org": "enterprise,<script>"}, Filters(organizer_types=("enterprise",))),
        ({"demo": "0"}, Filters(include_demo=False)),
        ({"demo": "false"}, Filters(include_demo=False)),
        ({"demo": "1"}, Filters()),
        ({"demo": "maybe"}, Filters()),
        ({"q": "a\x00b\nc" + "x" * 500}, Filters(search="abc" + "x" * 197)),
        ({"unknown": "1", "lang": "en"}, Filters()),
        ({"year": ["2020", "2022"]}, Filters(years=(2020, 2022))),
    ],
)
def test_from_query_params_validates(params, expected: Filters) -> None:
    assert Filters.from_query_params(params) == expected


def test_from_query_params_known_districts() -> None:
    f = Filters.from_query_params({"district": "310104,310999"}, known_districts=["310104", "310115"])
    assert f.districts == ("310104",)


def test_filters_are_hashable_and_order_free() -> None:
    a = Filters(years=[2024, 2023], districts=["310115", "310104"])
    b = Filters(years=(2023, 2024), districts=("310104", "310115"))
    assert a == b and hash(a) == hash(b)


def test_without() -> None:
    f = Filters(years=(2023,), districts=("310104",), search="x")
    assert f.without("districts") == Filters(years=(2023,), search="x")
    assert f.without("districts", "search", "years") == Filters()
    with pytest.raises(ValueError):
        f.without("nonsense")


@pytest.mark.parametrize(
    "f, lang, expected",
    [
        (Filters(), "zh", "全部数据 · 含演示数据"),
        (Filters(), "en", "All data · incl. demo data"),
        (
            Filters(years=(2022, 2023, 2024), districts=("310104", "310115")),
            "zh",
            "2022–2024 · 徐汇区、浦东新区 · 含演示数据",
        ),
        # Chinese lists take 、 and vocabulary values come in code-list order (制造业 before 食品), as the charts list them
        (
            Filters(years=(2019, 2022), industries=("food", "manufacturing")),
            "zh",
            "2019、2022 · 制造业、食品 · 含演示数据",
        ),
        (Filters(industries=("food", "manufacturing")), "en", "Manufacturing, Food · incl. demo data"),
        (Filters(years=(2019, 2022), include_demo=False), "en", "2019, 2022 · real data only"),
        (Filters(industries=("food",), activity_types=("training",)), "en", "Food · Training · incl. demo data"),
        (Filters(industries=("food",)), "zh", "食品 · 含演示数据"),
    ],
)
def test_describe(f: Filters, lang: str, expected: str) -> None:
    names = {"310104": "徐汇区", "310115": "浦东新区"}
    assert f.describe(lang, names) == expected


# -- free-text search: the fast forms select exactly what ILIKE selects ------------------------------

# Texts with cased letters (ASCII, Latin with diacritics, Greek, the odd Unicode cases), Chinese,
# wildcards and NULL; every needle below is tested against all of them.
_SEARCH_TEXTS = [
    "QC小组活动",
    "qc 小组",
    "Qc小组竞赛",
    "质量开放日",
    "开放日QC",
    "İstanbul 质量",
    "istanbul",
    "ǅemal 月",
    "ΣΊΣΥΦΟΣ 质量",
    "σίσυφος",
    "Straße 开放",
    "STRASSE",
    "50% 合格率",
    "a_b 质量",
    "ab质量",
    "KELVIN ｋ",
    "全角ＡＢＣ测试",
    "全角ａｂｃ测试",
    "",
    None,
]
_NEEDLES = [
    "开放日",
    "质量",
    "qc",
    "QC",
    "Qc小组",
    "qc 小组",
    "İ",
    "i",
    "\u0307",
    "ǆ",
    "ǅ",
    "σ",
    "Σ",
    "ß",
    "ss",
    "50%",
    "%",
    "_",
    "a_b",
    "ａｂｃ",
    "ＡＢＣ",
    "月",
    " ",
    "\\",
    "小组活",
    "K",
    "ｋ",
]


@pytest.fixture(scope="module")
def search_con():
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE activities (record_id INTEGER, title VARCHAR, theme VARCHAR, organizer VARCHAR, "
        "source_excerpt VARCHAR)"
    )
    rows = [
        (i, t, _SEARCH_TEXTS[(i + 3) % len(_SEARCH_TEXTS)], _SEARCH_TEXTS[(i + 7) % len(_SEARCH_TEXTS)], t)
        for i, t in enumerate(_SEARCH_TEXTS)
    ]
    con.executemany("INSERT INTO activities VALUES (?, ?, ?, ?, ?)", rows)
    yield con
    con.close()


@pytest.mark.parametrize("needle", _NEEDLES)
def test_search_condition_selects_what_ilike_selects(search_con, needle: str) -> None:
    f = Filters(search=needle)
    if not f.search:  # a blank needle is no search at all
        assert f.where("a") == ("TRUE", {})
        return
    sql, params = f.where("a")
    want = None
    for word in f.search.split():  # every word (one: the whole text) in one of the columns
        pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        found = {
            r[0]
            for r in search_con.execute(
                "SELECT record_id FROM activities a WHERE "
                + " OR ".join(f"a.{c} ILIKE $p ESCAPE '\\'" for c in ("title", "theme", "organizer", "source_excerpt")),
                {"p": pattern},
            ).fetchall()
        }
        want = found if want is None else want & found
    got = {r[0] for r in search_con.execute(f"SELECT record_id FROM activities a WHERE {sql}", params).fetchall()}
    assert got == want


@pytest.mark.parametrize(
    "needle, fast",
    [
        ("开放日", True),
        ("2024 质量", True),
        ("50%", True),
        ("qc", False),
        ("QC小组", False),
        ("İ", False),
        ("\u0307", False),
        ("ǅ", False),
    ],
)
def test_uncased_needles_skip_ilike(needle: str, fast: bool) -> None:
    sql, params = Filters(search=needle).where("a")
    assert ("ILIKE" not in sql) == fast
    assert "contains(a.title, $f_search" in sql or "contains(a.title, $f_search_run)" in sql or not fast
    if needle == "QC小组":  # cased needle with an uncased run: the run pre-filters ILIKE
        assert params["f_search_run"] == "小组"


def test_code_lists_keep_null_columns_out() -> None:
    con = duckdb.connect()
    con.execute("CREATE TABLE activities (year INTEGER, district_adcode VARCHAR)")
    con.execute("INSERT INTO activities VALUES (2024, '310104'), (NULL, NULL), (2023, '310115')")
    sql, params = Filters(years=(2024,), districts=("310104",)).where("a")
    assert con.execute(f"SELECT count(*) FROM activities a WHERE {sql}", params).fetchone() == (1,)
    sql, params = Filters(years=(2024, 2023)).where("a")
    assert con.execute(f"SELECT count(*) FROM activities a WHERE NOT ({sql})", params).fetchone() == (0,)
    con.close()


# -- the structured predicate: what routing reads ------------------------------------------------


@pytest.mark.parametrize(
    "f, columns",
    [
        (Filters(), set()),
        (Filters(years=(2024,), industries=("food",)), {"year", "industry"}),
        (Filters(include_demo=False), {"is_synthetic"}),
        (Filters(scope=("310104",), districts=("310115",)), {"district_adcode"}),
        (Filters(scope=()), set()),  # nothing readable: no column needed
        (Filters(search="质量", years=(2024,)), {"year", "title", "theme", "organizer", "source_excerpt"}),
    ],
)
def test_declared_columns(f: Filters, columns: set[str]) -> None:
    assert f.columns == frozenset(columns)
    assert {c for cond in f.conditions() for c in cond.columns} == columns


def test_conditions_state_column_operator_values() -> None:
    f = Filters(years=(2024, 2023), include_demo=False, scope=(), search="开放日")
    assert [(c.op, c.column, c.values) for c in f.conditions()] == [
        ("in", "year", (2023, 2024)),
        ("is_false", "is_synthetic", ()),
        ("never", None, ()),
        ("search", None, ("开放日",)),
    ]


def test_only_and_rename_restrict_another_table() -> None:
    con = duckdb.connect()
    con.execute("CREATE TABLE d (adcode VARCHAR)")
    con.execute("INSERT INTO d VALUES ('310104'), ('310115'), ('310113')")
    f = Filters(districts=("310104", "310113"), years=(2024,), include_demo=False, search="x", scope=("310104",))
    only = f.only("districts")
    assert only == Filters(districts=("310104", "310113"))
    sql, params = only.where("d", rename={"district_adcode": "adcode"})
    assert sorted(r[0] for r in con.execute(f"SELECT adcode FROM d WHERE {sql}", params).fetchall()) == [
        "310104",
        "310113",
    ]
    with pytest.raises(ValueError):
        f.only("search")
    con.close()


def test_several_words_find_the_records_holding_each(search_con) -> None:
    """浦东 培训 found nothing: the two words were one phrase, though 1,440 records said 浦东 and 233 of them
    培训 too (audit16). Each word must occur, in any searched column, in any order."""
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE activities (record_id INTEGER, title VARCHAR, theme VARCHAR, organizer VARCHAR, source_excerpt VARCHAR)"
    )
    con.executemany(
        "INSERT INTO activities VALUES (?, ?, ?, ?, ?)",
        [
            (1, "浦东新区质量管理培训班", None, None, None),  # both words, apart
            (2, "质量培训", None, "浦东新区市场监管局", None),  # one in the title, one in the organiser
            (3, "浦东新区开放日", None, None, None),  # one word only
            (4, "培训 浦东", None, None, None),  # the other order
            (5, "QC小组培训", None, "浦东", None),  # a cased word matches without case
        ],
    )
    for text, want in (
        ("浦东 培训", {1, 2, 4, 5}),
        ("浦东\u3000培训", {1, 2, 4, 5}),
        ("qc 浦东", {5}),
        ("浦东", {1, 2, 3, 4, 5}),
    ):
        sql, params = Filters(search=text).where("a")
        got = {r[0] for r in con.execute(f"SELECT record_id FROM activities a WHERE {sql}", params).fetchall()}
        assert got == want, text
