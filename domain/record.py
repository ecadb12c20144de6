"""The record contract: what every source becomes, stated once.

Grain: one row per activity (one event, or one named programme of one organiser in one place).

This module is the one statement of
- the canonical input columns of structured files and their accepted headers (`INPUT_COLUMNS`),
  read by the tabular reader, the normalizer and the demo generator;
- the columns of `activities` with their warehouse types (`RECORD_FIELDS` but the READ_TIME_COLUMNS
  joined from `regions`, then `STORED_FIELDS`), from which the table's DDL is generated
  (`activities_ddl`); code columns are ENUMs of the code lists in `domain.taxonomy`;
- the record_id rule (`make_record_id` in Python, `record_id_sql` in SQL: the same key);
- the content-hash rule (`content_hash_sql`), which tells an update from an unchanged re-load.

`ActivityRecord` is the Python form of one record (bulletins build them); its fields are the
record columns in order.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields
from datetime import date

from domain import taxonomy


def enum_sql(codes: tuple[str, ...]) -> str:
    """DuckDB type of a code column: an ENUM of the code list (one byte a row, labels joined at read time).

    Equality and IN with VARCHAR parameters work on it unchanged (a string that is no code
    matches nothing); Parquet stores it as a string.
    """
    return "ENUM(" + ", ".join("'" + c.replace("'", "''") + "'" for c in codes) + ")"


@dataclass(frozen=True)
class Field:
    """One column of `activities`: name, warehouse type, NOT NULL, and its code list if it has one."""

    name: str
    sql_type: str
    required: bool = False
    codes: tuple[str, ...] | None = None
    default: str | None = None

    def ddl(self) -> str:
        """The column definition in CREATE TABLE."""
        typ = enum_sql(self.codes) if self.codes is not None else self.sql_type
        return (
            f"{self.name} {typ}"
            + (" NOT NULL" if self.required else "")
            + (f" DEFAULT {self.default}" if self.default is not None else "")
        )

    @property
    def type_sql(self) -> str:
        """The column's type as DuckDB spells it (for CASTs)."""
        return enum_sql(self.codes) if self.codes is not None else self.sql_type


def _code(name: str, codes: tuple[str, ...], required: bool = False) -> Field:
    return Field(name, "VARCHAR", required, codes)


# The first characters that make a spreadsheet read a cell as a formula. A CSV export writes a text cell starting
# with one behind an apostrophe (analytics.export.neutralise), and the ETL reads that apostrophe as the guard it
# is, not as text (etl.normalize): a download loaded again holds its cells as they were.
FORMULA_PREFIXES = ("=", "+", "-", "@", "＝", "＋", "－", "＠", "\t", "\r")

REGION_LEVELS = ("province", "city", "district")

# The record columns, in order: every source produces these.
RECORD_FIELDS: tuple[Field, ...] = (
    Field("record_id", "VARCHAR", True),
    _code("campaign", taxonomy.CAMPAIGN_CODES, True),
    Field("campaign_year", "SMALLINT"),
    Field("title", "VARCHAR"),
    Field("theme", "VARCHAR"),
    _code("activity_type", taxonomy.ACTIVITY_TYPE_CODES, True),
    Field("start_date", "DATE"),
    Field("end_date", "DATE"),
    _code("date_precision", taxonomy.DATE_PRECISIONS),
    Field("province", "VARCHAR"),  # canonical simplified names
    Field("city", "VARCHAR"),
    Field("district", "VARCHAR"),
    Field("adcode", "VARCHAR"),  # 6-digit code of the most specific region known
    Field("province_adcode", "VARCHAR"),
    Field("city_adcode", "VARCHAR"),
    Field("district_adcode", "VARCHAR"),
    _code("region_level", REGION_LEVELS),
    Field("region_original", "VARCHAR"),  # the name as written when it was a former district, alias...
    Field("organizer", "VARCHAR"),
    _code("organizer_type", taxonomy.ORGANIZER_TYPE_CODES, True),
    _code("industry", taxonomy.INDUSTRY_CODES, True),
    Field("participants", "BIGINT"),
    _code("participants_unit", taxonomy.UNIT_CODES),
    _code("participants_qualifier", taxonomy.QUALIFIER_CODES),
    _code("mode", taxonomy.MODE_CODES, True),
    Field("source", "VARCHAR", True),  # file name or URL of the primary source
    # Where in its source: the text before a row number ('a.csv row ', 'a.xlsx Sheet1!'), or the
    # whole locator when it has none (a bulletin's 'paragraph 3, item'); read as `locator_sql`.
    Field("source_locator", "VARCHAR"),
    Field("source_excerpt", "VARCHAR"),  # the sentence / raw row the record was read from
    Field("sources", "VARCHAR[]"),  # every source reporting this activity
    Field("is_synthetic", "BOOLEAN", True, default="FALSE"),
    Field("source_row", "INTEGER"),  # the locator's row number (a tabular file's rows), else NULL
)

# Set by the loader (bookkeeping) and derived once at load so every query filters on plain columns.
STORED_FIELDS: tuple[Field, ...] = (
    Field("content_hash", "UBIGINT", True),  # content_hash_sql
    Field("first_run_id", "VARCHAR", True),
    Field("last_run_id", "VARCHAR", True),
    Field("year", "SMALLINT"),  # year of start_date, else campaign_year
    Field("month", "TINYINT"),  # month of start_date when precision is day or month
    # The file the record was read from, as one file on this machine: its resolved path (etl.pipeline.Source.key),
    # so two folders' `统计表.xlsx` are two files and `etl run` on a folder or `--source` on one of its files name
    # the same one. A structured file read again replaces the records of its path (etl.load.withdraw_missing).
    # NULL for bulletins, demo rows and rows loaded before it was kept. Last, so an older warehouse gains it by
    # ADD COLUMN (schema.sql); not part of the record nor of its content hash.
    Field("source_path", "VARCHAR"),
)

RECORD_COLUMNS: tuple[str, ...] = tuple(f.name for f in RECORD_FIELDS)
# Record columns that follow from `adcode` (the gazetteer's lineage, published as `regions`): part
# of the record (the bulletin reader and its evaluation use them) but not stored; the read side
# joins them from `regions` by adcode (analytics.queries.records). The adcodes stay stored: the
# filters, roll-ups and scopes key on them.
READ_TIME_COLUMNS: tuple[str, ...] = ("province", "city", "district", "region_level")
STORED_RECORD_FIELDS: tuple[Field, ...] = tuple(f for f in RECORD_FIELDS if f.name not in READ_TIME_COLUMNS)
STORED_RECORD_COLUMNS: tuple[str, ...] = tuple(f.name for f in STORED_RECORD_FIELDS)
# What the stages hand to the loader: the stored record plus what is derived from it (not the run ids).
LOADED_COLUMNS: tuple[str, ...] = (*STORED_RECORD_COLUMNS, "content_hash", "year", "month", "source_path")
# The columns of `activities`, in order.
FIELDS: dict[str, Field] = {f.name: f for f in (*STORED_RECORD_FIELDS, *STORED_FIELDS)}
ACTIVITY_CHECKS = (
    "CHECK (participants IS NULL OR participants >= 0)",
    "CHECK (participants IS NULL OR participants_unit IS NOT NULL)",
)


def activities_ddl(name: str = "activities", extra: tuple[str, ...] = ()) -> str:
    """CREATE TABLE for `activities`, generated from the contract (idempotent).

    The key, record_id, is kept unique by the loader's MERGE, not by a PRIMARY KEY: the index
    behind one cost about a third of a 10M-row load and no query looks rows up by id.

    Args:
        name: Another name, for a table built in the same shape (a first load's, etl.validate).
        extra: More column definitions after the contract's (dropped again before it is adopted).
    """
    body = ",\n    ".join([f.ddl() for f in FIELDS.values()] + list(extra) + list(ACTIVITY_CHECKS))
    return f"CREATE TABLE IF NOT EXISTS {name} (\n    {body}\n);\n"


# ----------------------------------------------------------------------------- input columns
@dataclass(frozen=True)
class InputColumn:
    """A column of the canonical input format (CSV/XLSX/JSON) and the headers accepted for it."""

    name: str
    aliases: tuple[str, ...]

    @classmethod
    def of(cls, name: str, headers: str) -> InputColumn:
        """The column `name`, accepted under its own name and the space-separated `headers`."""
        return cls(name, (name, *headers.split()))


# Canonical input columns, in the order the demo generator writes them. Headers are matched on
# etl.extract.tabular.header_key (NFKC, lower case, no spaces/underscores/brackets). Only a
# region column and a date column are required (REGION_INPUTS, DATE_INPUTS).
INPUT_COLUMNS: tuple[InputColumn, ...] = (
    InputColumn.of("record_id", "id 记录编号 记录id 编号 活动编号"),
    InputColumn.of("region", "region_name 区 区县 地区 所属区 所在区 所属区县 区域 行政区 行政区划 地点区域"),
    InputColumn.of("province", "省 省份 所属省份 省级"),
    InputColumn.of("city", "市 城市 地市 所属城市 所属地市"),
    InputColumn.of("district", "county 区名 县区 区县名称 所属区县名称"),
    InputColumn.of("start_date", "date start 日期 活动日期 开始日期 开始时间 活动时间 举办日期 举办时间 时间"),
    InputColumn.of("end_date", "end 结束日期 结束时间 截止日期"),
    InputColumn.of("campaign", "campaign_name 专项活动 所属活动 活动系列 活动专项"),
    InputColumn.of("campaign_year", "year 年份 年度 活动年份 活动年度"),
    InputColumn.of("title", "name activity activity_name 活动名称 名称 标题 活动 活动标题 项目名称"),
    InputColumn.of("theme", "slogan 主题 活动主题"),
    InputColumn.of("activity_type", "type 活动类型 类型 活动类别 类别"),
    InputColumn.of("organizer", "organiser organizer_name 主办单位 组织单位 承办单位 举办单位 主办方 组织者 单位名称"),
    InputColumn.of("organizer_type", "organiser_type 单位类型 主办单位类型 组织单位类型 单位性质 主办方类型"),
    InputColumn.of("industry", "sector 行业 所属行业 行业领域 行业类别"),
    InputColumn.of(
        "participants", "participant_count attendance 参与人数 参加人数 人数 参与人次 参加人次 参与规模 参与人员 参与数"
    ),
    InputColumn.of("participants_unit", "unit participant_unit 人数单位 计量单位 单位类别"),
    InputColumn.of("participants_qualifier", "qualifier 人数说明 人数精度 数量说明"),
    InputColumn.of("mode", "format 形式 活动形式 活动方式 举办方式 举办形式"),
    InputColumn.of("source", "来源 信息来源 出处 数据来源"),
    InputColumn.of("source_excerpt", "excerpt 摘录 原文 原文摘录 摘要"),
    InputColumn.of("is_synthetic", "synthetic 模拟数据 是否模拟 演示数据 demo_row"),
)
INPUT_NAMES: tuple[str, ...] = tuple(c.name for c in INPUT_COLUMNS)
INPUT_ALIASES: dict[str, tuple[str, ...]] = {c.name: c.aliases for c in INPUT_COLUMNS}
REGION_INPUTS = ("region", "province", "city", "district")  # a file needs one of these
DATE_INPUTS = ("start_date", "campaign_year")  # and one of these
# A count travels with its unit and qualifier (input columns and record columns alike).
PARTICIPANT_COLUMNS = ("participants", "participants_unit", "participants_qualifier")


# ----------------------------------------------------------------------------- the record
@dataclass(frozen=True, slots=True)
class ActivityRecord:
    """One record in Python (bulletins build these); fields are RECORD_COLUMNS in order."""

    record_id: str
    campaign: str  # taxonomy.CAMPAIGN_CODES
    campaign_year: int | None
    title: str | None
    theme: str | None
    activity_type: str  # taxonomy.ACTIVITY_TYPE_CODES
    start_date: date | None
    end_date: date | None
    date_precision: str | None  # day / month / year (None when no date)
    province: str | None
    city: str | None
    district: str | None
    adcode: str | None
    province_adcode: str | None
    city_adcode: str | None
    district_adcode: str | None
    region_level: str | None  # province / city / district
    region_original: str | None
    organizer: str | None
    organizer_type: str  # taxonomy.ORGANIZER_TYPE_CODES
    industry: str  # taxonomy.INDUSTRY_CODES
    participants: int | None
    participants_unit: str | None  # people / person_times / organizations
    participants_qualifier: str | None  # exact / approx / at_least
    mode: str  # taxonomy.MODE_CODES
    source: str
    source_locator: str | None
    source_excerpt: str | None
    sources: tuple[str, ...] = field(default_factory=tuple)
    is_synthetic: bool = False
    source_row: int | None = None  # the row number ending the locator (tabular rows); None for bulletins

    def to_row(self) -> tuple:
        """The record as a tuple in RECORD_COLUMNS order (`sources` defaults to the one source)."""
        d = asdict(self)
        d["sources"] = list(self.sources or (self.source,))
        return tuple(d[c] for c in RECORD_COLUMNS)


if tuple(f.name for f in fields(ActivityRecord)) != RECORD_COLUMNS:  # pragma: no cover - a contract edit
    raise AssertionError("ActivityRecord's fields must be RECORD_FIELDS in order")


# ----------------------------------------------------------------------------- keys
# The record_id: sha1 over these parts joined by U+001F, first RECORD_ID_CHARS hex digits.
RECORD_ID_PARTS = ("source", "adcode", "start", "title", "organizer", "extra")
RECORD_ID_CHARS = 20


def make_record_id(
    source: str,
    adcode: str | None,
    start: date | str | None,
    title: str | None,
    organizer: str | None = None,
    extra: str | None = None,
) -> str:
    """Stable id: re-loading the same source never duplicates.

    `source` should be the file's base name (not its path) so that moving a file does not
    create new records. A date is keyed by its ISO text, like `record_id_sql`.
    """
    key = "\x1f".join(str(x or "") for x in (source, adcode, start, title, organizer, extra))
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:RECORD_ID_CHARS]


def record_id_sql(**parts: str) -> str:
    """`make_record_id` as a SQL expression over SQL expressions for RECORD_ID_PARTS (missing ones: '')."""
    unknown = set(parts) - set(RECORD_ID_PARTS)
    if unknown:
        raise ValueError(f"not record_id parts: {sorted(unknown)}")
    args = ", ".join(f"coalesce(CAST({parts[p]} AS VARCHAR), '')" if p in parts else "''" for p in RECORD_ID_PARTS)
    return f"left(sha1(concat_ws(chr(31), {args})), {RECORD_ID_CHARS})"


# Bookkeeping columns left out of the content hash: a row moving down a file, or one more source
# reporting it, is not an update.
UNHASHED = ("record_id", "source_locator", "source_row", "sources")


def locator_sql(alias: str = "") -> str:
    """The locator as readers see it ('a.csv row 7', 'a.xlsx Sheet1!12', 'paragraph 3, item'), as SQL.

    Stored in two columns so a row's number is an integer (cheaper to write than 10M distinct
    texts, and smaller): `source_locator` holds the text before the number, `source_row` the
    number (NULL when the locator has none). Rows written before the split hold the whole text
    with a NULL number, which reads the same.

    Args:
        alias: The relation's alias with its dot ('a.'), or '' for bare column names.
    """
    return f"({alias}source_locator || coalesce(CAST({alias}source_row AS VARCHAR), ''))"


def content_hash_sql() -> str:
    """SQL for `content_hash` (UBIGINT) over a relation with the stored record columns: every one but UNHASHED.

    DuckDB's built-in `hash()` over the typed columns, kept as the integer it is: ~4x cheaper
    than md5 over a cast and concatenated string, and a third of the cost of printing it as hex
    (0.17 s against 0.6 s per million rows, and an integer column compresses for almost nothing).
    It is stable for a DuckDB version; should an upgrade (or a column's type) change it, the next
    run reports every row as updated once (rewritten with the same content), which is harmless.
    """
    cols = [c for c in STORED_RECORD_COLUMNS if c not in UNHASHED]
    return f"hash({', '.join(cols)})"
