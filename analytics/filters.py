"""The user's filter choices, and the one place they become a predicate.

``Filters`` is frozen and made of tuples, so it is hashable and serves as the
cache key of every query. ``conditions()`` states the selection as structured terms
(column, operator, values); ``columns`` says which columns of ``activities`` they read
(the read side routes on that, never on SQL text). ``where()`` writes the chosen values of a
list (years, places, codes) into the text as literals: years as integers (``int``s by
construction, so nothing but digits can reach the text), codes and adcodes as SQL string literals
quoted by sqlglot (every quote doubled; the values are checked against the code lists and the
adcode pattern when read from a URL, and a value that is no code only matches nothing). A constant
list is a filter on the scan itself, about 2x cheaper per statement than a bound list unnested into
a semi-join (measured at 1M rows). The free-text search, the one value a user types, stays a
bound parameter (``$f_search``) with its value in a separate dict.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, replace

from sqlglot import exp

from analytics.i18n import label, t
from domain import taxonomy as tx
from domain.gazetteer import adcode_level

MIN_YEAR, MAX_YEAR = 1978, 2100  # the 1st Quality Month was 1978
MAX_SEARCH = 200
# Text columns of `activities` the free-text search reads.
SEARCH_COLUMNS: tuple[str, ...] = ("title", "theme", "organizer", "source_excerpt")
_ADCODE = re.compile(r"^\d{6}$")

# dimension -> (column of activities, allowed codes or None for "checked elsewhere", URL key)
# The region dimension ("districts") reads one of three columns per code, by the code's level.
_DIMENSIONS: dict[str, tuple[str, tuple[str, ...] | None, str]] = {
    "years": ("year", None, "year"),
    "districts": ("district_adcode", None, "region"),
    "industries": ("industry", tx.INDUSTRY_CODES, "industry"),
    "activity_types": ("activity_type", tx.ACTIVITY_TYPE_CODES, "type"),
    "campaigns": ("campaign", tx.CAMPAIGN_CODES, "campaign"),
    "organizer_types": ("organizer_type", tx.ORGANIZER_TYPE_CODES, "org"),
}
_VOCAB_KIND = {
    "industries": "industry",
    "activity_types": "activity_type",
    "campaigns": "campaign",
    "organizer_types": "organizer_type",
}
DIMENSIONS: tuple[str, ...] = tuple(_DIMENSIONS)
# Filters field -> the activities column it restricts.
DIMENSION_COLUMNS: dict[str, str] = {name: column for name, (column, _, _) in _DIMENSIONS.items()}
# Filters field -> its key in a link (year, region, industry...).
DIMENSION_URL_KEYS: dict[str, str] = {name: key for name, (_c, _a, key) in _DIMENSIONS.items()}
URL_KEYS: tuple[str, ...] = (*DIMENSION_URL_KEYS.values(), "demo", "q")
#: Older links name districts with ``district=``; they are read as regions.
LEGACY_URL_KEYS = {"district": "region"}
#: Region level -> the column of `activities` holding the record's code at that level.
REGION_COLUMNS = {"province": "province_adcode", "city": "city_adcode", "district": "district_adcode"}


def region_groups(adcodes: Iterable[str]) -> dict[str, list[str]]:
    """Selected region codes by level (``domain.gazetteer.adcode_level``), levels without codes left out."""
    out: dict[str, list[str]] = {}
    for code in adcodes:
        out.setdefault(adcode_level(code), []).append(code)
    return {level: out[level] for level in REGION_COLUMNS if level in out}


def _clean_search(text: str | None) -> str:
    """Strip control characters and cap the length (a URL can carry anything)."""
    if not text:
        return ""
    text = "".join(ch for ch in str(text) if unicodedata.category(ch)[0] != "C")
    return text.strip()[:MAX_SEARCH]


def _uncased(ch: str) -> bool:
    """True when `ch` has no case and is no combining mark: ILIKE can only match it by itself.

    ILIKE lower-cases both sides; a character that lower() and upper() leave alone, and that no
    case mapping produces as part of another character's lower form (the combining marks, e.g.
    the dot of 'İ'.lower()), matches only an identical character either way.
    """
    return ch.lower() == ch == ch.upper() and unicodedata.category(ch)[0] != "M"


def _search_terms_sql(alias: str, text: str) -> tuple[str, dict[str, object]]:
    """The free-text condition: each word of `text` (split at spaces, 浦东 培训) in one of the searched columns,
    so two words find the records that hold both, wherever they stand (one word: ``_search_sql``)."""
    terms = list(dict.fromkeys(text.split()))
    if len(terms) <= 1:
        return _search_sql(alias, text)
    parts, params = [], {}
    for i, term in enumerate(terms):
        sql, more = _search_sql(alias, term, "" if i == 0 else f"_{i}")
        parts.append(sql)
        params.update(more)
    return "(" + " AND ".join(parts) + ")", params


def _search_sql(alias: str, text: str, suffix: str = "") -> tuple[str, dict[str, object]]:
    """The free-text condition over the searched columns, and its parameters (named with `suffix`).

    Same rows as ``col ILIKE '%text%'`` on each column, cheaper: a needle without cased letters
    (most Chinese ones) is a plain substring test (``contains``, 3x faster than ILIKE at 10M rows,
    which lower-cases every non-ASCII value). A cased needle keeps ILIKE, behind a ``contains`` of
    its longest uncased run when it has one (that run must occur verbatim in any match), so ILIKE
    only runs on the few values that contain it.
    """
    columns = [f"{alias}.{c}" for c in SEARCH_COLUMNS]
    key, run_key = f"f_search{suffix}", f"f_search_run{suffix}"
    if all(_uncased(ch) for ch in text):
        return "(" + " OR ".join(f"contains({c}, ${key})" for c in columns) + ")", {key: text}
    params: dict[str, object] = {key: f"%{_escape_like(text)}%"}
    run, cur = "", ""
    for ch in text + "A":  # the sentinel is cased: it closes the last run
        if _uncased(ch):
            cur += ch
        else:
            run, cur = max(run, cur, key=len), ""
    ilike = [f"{c} ILIKE ${key} ESCAPE '\\'" for c in columns]
    if run.strip():
        params[run_key] = run
        ilike = [f"(contains({c}, ${run_key}) AND {cond})" for c, cond in zip(columns, ilike, strict=True)]
    return "(" + " OR ".join(ilike) + ")", params


def _literals(values: Iterable[object]) -> str:
    """SQL literals of a list's values: integers as digits, anything else as a string literal quoted by
    sqlglot (``'it''s'``), which every engine's rendering (analytics.engines) reads back as the same value."""
    return ", ".join(
        str(int(v)) if isinstance(v, int) else exp.Literal.string(str(v)).sql(dialect="duckdb") for v in values
    )


def _escape_like(text: str) -> str:
    """Make % and _ literal inside an ILIKE pattern (escape char: backslash)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@dataclass(frozen=True)
class Condition:
    """One term of a selection, on columns of ``activities``.

    Attributes:
        name: the Filters field it comes from (years, districts, ..., include_demo, scope, search).
        op: ``in`` (column is one of `values`), ``is_false`` (column is false), ``never`` (no row),
            ``search`` (one of SEARCH_COLUMNS contains ``values[0]``, case-insensitively),
            ``place`` (the record's province, city or county is one of `values`: each code is
            tested on the column of its level, REGION_COLUMNS).
        column: the column tested (None for ``never``, ``search`` and ``place``).
        values: the values of ``in`` and ``place``, the text of ``search``.
    """

    name: str
    op: str
    column: str | None = None
    values: tuple = ()

    @property
    def columns(self) -> frozenset[str]:
        """The columns this condition reads."""
        if self.op == "search":
            return frozenset(SEARCH_COLUMNS)
        if self.op == "place":
            return frozenset(REGION_COLUMNS[level] for level in region_groups(self.values))
        return frozenset((self.column,)) if self.column else frozenset()


@dataclass(frozen=True)
class Filters:
    """What the user selected. Empty tuple = no restriction on that dimension.

    Attributes:
        years: campaign years (activities.year).
        districts: the selected regions: 6-digit adcodes of provinces, cities or counties (the map
            and the sidebar's place picker). A record is selected when its province, city or
            county is one of them, so picking 上海市 keeps its city-wide records as well as
            those of its 16 districts.
        industries, activity_types, campaigns, organizer_types: taxonomy codes.
        include_demo: include rows with is_synthetic = true.
        search: free text matched case-insensitively (as ILIKE) against title, theme, organiser, excerpt.
        scope: districts the signed-in user may read (access.policy), None = every district,
            empty = none. Set only by ``access.policy.Policy.apply``, never from the URL, and
            kept by ``without()`` so no chart can drop it; records with no district are
            outside every scope.
    """

    years: tuple[int, ...] = ()
    districts: tuple[str, ...] = ()
    industries: tuple[str, ...] = ()
    activity_types: tuple[str, ...] = ()
    campaigns: tuple[str, ...] = ()
    organizer_types: tuple[str, ...] = ()
    include_demo: bool = True
    search: str = ""
    scope: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        # Normalise so that equal selections are equal cache keys whatever the
        # order or container they were built from.
        for name in DIMENSIONS:
            value = getattr(self, name)
            if isinstance(value, (str, int)):
                value = (value,)
            cast = int if name == "years" else str
            object.__setattr__(self, name, tuple(sorted({cast(v) for v in value})))
        object.__setattr__(self, "include_demo", bool(self.include_demo))
        object.__setattr__(self, "search", _clean_search(self.search))
        if self.scope is not None:
            scope = (self.scope,) if isinstance(self.scope, str) else self.scope
            object.__setattr__(self, "scope", tuple(sorted({str(a) for a in scope})))

    # -- the predicate ------------------------------------------------------------------

    def conditions(self) -> tuple[Condition, ...]:
        """The selection as a conjunction of conditions on columns of ``activities`` (empty = every row)."""
        out: list[Condition] = []
        for name, (column, _allowed, _key) in _DIMENSIONS.items():
            values = getattr(self, name)
            if values and name == "districts":
                out.append(Condition(name, "place", None, values))
            elif values:
                out.append(Condition(name, "in", column, values))
        if not self.include_demo:
            out.append(Condition("include_demo", "is_false", "is_synthetic"))
        if self.scope is not None:
            # The access scope is ANDed with the user's own district pick, never replaced by it.
            out.append(
                Condition("scope", "in", "district_adcode", self.scope) if self.scope else Condition("scope", "never")
            )
        if self.search:
            out.append(Condition("search", "search", None, (self.search,)))
        return tuple(out)

    @property
    def columns(self) -> frozenset[str]:
        """Every column of ``activities`` the selection reads (what routing to a roll-up checks)."""
        return frozenset(c for cond in self.conditions() for c in cond.columns)

    def where(self, alias: str = "a", rename: Mapping[str, str] | None = None) -> tuple[str, dict[str, object]]:
        """The WHERE condition for `activities` under `alias`, and its bound parameters.

        Args:
            alias: table alias the columns are qualified with.
            rename: column of ``activities`` -> column of the queried table, for a table that holds the
                same values under another name (e.g. ``district_adcode`` -> ``adcode`` of a district list).

        Returns:
            (sql, params): sql is a boolean expression (``TRUE`` when nothing is
            selected): list values as quoted literals, the search text as a
            placeholder; params maps the placeholder names to values. Combine params
            with the caller's own named parameters (never positional ones: DuckDB forbids mixing).
        """
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", alias):
            raise ValueError(f"invalid table alias {alias!r}")
        rename = rename or {}
        parts: list[str] = []
        params: dict[str, object] = {}
        for cond in self.conditions():
            col = f"{alias}.{rename.get(cond.column, cond.column)}" if cond.column else ""
            if cond.op == "in":
                # A constant IN list, never list_contains() (measured at 10M rows, it made a district x
                # years breakdown page 2.5x slower): the list is a filter on the scan itself (row groups
                # skipped by their min/max), cheaper than a bound list unnested into a semi-join.
                parts.append(f"{col} IN ({_literals(cond.values)})")
            elif cond.op == "place":
                # one list per level present (usually one: a province, a city or counties)
                ors = [
                    f"{alias}.{rename.get(REGION_COLUMNS[level], REGION_COLUMNS[level])} IN ({_literals(codes)})"
                    for level, codes in region_groups(cond.values).items()
                ]
                parts.append(ors[0] if len(ors) == 1 else "(" + " OR ".join(ors) + ")")
            elif cond.op == "is_false":
                parts.append(f"NOT {col}")
            elif cond.op == "never":
                parts.append("FALSE")
            else:
                sql, search_params = _search_terms_sql(alias, cond.values[0])
                parts.append(sql)
                params.update(search_params)
        return (" AND ".join(parts) if parts else "TRUE"), params

    # -- variants ----------------------------------------------------------------------

    def without(self, *dimensions: str) -> Filters:
        """The same filters with `dimensions` unrestricted (for charts broken down by them)."""
        changes: dict[str, object] = {}
        for d in dimensions:
            if d == "search":
                changes[d] = ""
            elif d in _DIMENSIONS:
                changes[d] = ()
            else:
                raise ValueError(f"unknown filter dimension {d!r}")
        return replace(self, **changes)

    def only(self, *dimensions: str) -> Filters:
        """The same choices on `dimensions` alone (demo rows included, no search, no scope)."""
        for d in dimensions:
            if d not in _DIMENSIONS:
                raise ValueError(f"unknown filter dimension {d!r}")
        return Filters(**{d: getattr(self, d) for d in dimensions})

    def with_years(self, years: Iterable[int]) -> Filters:
        """The same filters restricted to `years`."""
        return replace(self, years=tuple(years))

    def is_empty(self) -> bool:
        """True when nothing restricts the selection (demo rows included, no search)."""
        return self == Filters()

    # -- words -------------------------------------------------------------------------

    def describe(self, lang: str, district_names: Mapping[str, str] | None = None) -> str:
        """Plain-language summary, e.g. '2022–2024 · 徐汇区, 浦东新区 · 含演示数据'.

        Args:
            lang: zh or en.
            district_names: adcode -> name in `lang` (adcodes are shown when absent).
        """
        # a list reads 徐汇区、浦东新区 in Chinese (an ASCII comma is English punctuation); codes in code-list order
        sep = ", " if lang == "en" else "、"
        parts: list[str] = []
        if self.years:
            parts.append(years_text(self.years, list_sep=sep))
        if self.districts:
            names = district_names or {}
            parts.append(sep.join(names.get(a, a) for a in self.districts))
        for name, kind in _VOCAB_KIND.items():
            values = getattr(self, name)
            if values:
                order = _DIMENSIONS[name][1] or ()
                ranked = sorted(values, key=lambda v, o=order: o.index(v) if v in o else len(o))
                parts.append(sep.join(label(kind, v, lang) for v in ranked))
        if self.search:
            parts.append(t("search_for", lang, q=self.search))
        if not parts:
            parts.append(t("all_data", lang))
        parts.append(t("with_demo" if self.include_demo else "real_only", lang))
        return " · ".join(parts)

    # -- URL ---------------------------------------------------------------------------

    def to_query_params(self) -> dict[str, str]:
        """Compact URL parameters; defaults are left out so a clean view has a clean URL."""
        out: dict[str, str] = {}
        for name, (_c, _a, key) in _DIMENSIONS.items():
            values = getattr(self, name)
            if values:
                out[key] = years_text(values, sep="-") if name == "years" else ",".join(values)
        if not self.include_demo:
            out["demo"] = "0"
        if self.search:
            out["q"] = self.search
        return out

    @classmethod
    def from_query_params(cls, params: Mapping[str, object], known_districts: Iterable[str] | None = None) -> Filters:
        """Rebuild filters from URL parameters, dropping anything invalid.

        URL parameters are hostile input: unknown codes, malformed years, adcodes
        that are not 6 digits (or not in `known_districts` when given) and
        oversized searches are dropped silently rather than failing the page.

        Args:
            params: e.g. ``st.query_params`` (str values) or a dict of lists.
            known_districts: adcodes allowed in the district filter.
        """
        known = set(known_districts) if known_districts is not None else None
        kwargs: dict[str, object] = {}
        for name, (_c, allowed, key) in _DIMENSIONS.items():
            tokens = _tokens(params.get(key))
            for old, new in LEGACY_URL_KEYS.items():
                if new == key:
                    tokens += _tokens(params.get(old))
            if name == "years":
                kwargs[name] = tuple(_parse_years(tokens))
            elif name == "districts":
                kwargs[name] = tuple(a for a in tokens if _ADCODE.match(a) and (known is None or a in known))
            else:
                kwargs[name] = tuple(v for v in tokens if v in allowed)
        demo = _tokens(params.get("demo"))
        kwargs["include_demo"] = not (demo and demo[-1].lower() in ("0", "false", "no", "off"))
        q = params.get("q")
        if isinstance(q, (list, tuple)):
            q = q[-1] if q else ""
        kwargs["search"] = q if isinstance(q, str) else ""
        return cls(**kwargs)


def _tokens(value: object) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, (list, tuple)) else [value]
    out: list[str] = []
    for item in items:
        if isinstance(item, str):
            out.extend(tok.strip() for tok in item[:2000].split(",") if tok.strip())
    return out[:100]


def _parse_years(tokens: list[str]) -> list[int]:
    years: set[int] = set()
    for tok in tokens:
        m = re.fullmatch(r"(\d{4})(?:[-–](\d{4}))?", tok)
        if not m:
            continue
        lo, hi = int(m.group(1)), int(m.group(2) or m.group(1))
        if lo > hi:
            lo, hi = hi, lo
        lo, hi = max(lo, MIN_YEAR), min(hi, MAX_YEAR)
        years.update(range(lo, hi + 1))
    return sorted(years)


def years_text(years: tuple[int, ...], sep: str = "–", list_sep: str | None = None) -> str:
    """'2022–2024' for a contiguous run, else '2019, 2022' (URL form: '2022-2024', '2019,2022';
    `list_sep` '、' for Chinese words: '2019、2022')."""
    ys = sorted(years)
    if len(ys) > 1 and ys == list(range(ys[0], ys[-1] + 1)):
        return f"{ys[0]}{sep}{ys[-1]}"
    return (list_sep or (", " if sep == "–" else ",")).join(str(y) for y in ys)


FILTER_FIELDS = tuple(f.name for f in fields(Filters))
