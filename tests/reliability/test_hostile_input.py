"""Hostile input on the read side: URL parameters reach SQL only as bound values, the dashboard's
connection cannot touch other files, and exports never carry live formulas."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import duckdb
import openpyxl
import pyarrow as pa
import pytest

from analytics import queries
from analytics.db import Warehouse
from analytics.export import export_bytes
from analytics.filters import Filters
from analytics.queries.catalog import call_with_samples, filtered_queries

PAYLOADS = [
    "'; DROP TABLE activities; --",
    "310104') OR 1=1 --",
    "x' UNION SELECT * FROM read_csv('/etc/passwd') --",
    "$f_years",
    "?",
    "%' OR '%'='",
    "\\'; COPY activities TO '/tmp/qm-leak.csv'; --",
    "read_text('/etc/passwd')",
    "\x00\x1b[31m",
    "a" * 5000,
]


class SpyWarehouse(Warehouse):
    """Records every SQL text sent, to prove no user value is ever pasted into it."""

    def __init__(self, path):
        self.sent: list[str] = []
        super().__init__(path)

    def _cursor(self):
        cur = super()._cursor()
        spy = self

        class Cur:
            def execute(self, sql, params=None):
                spy.sent.append(sql)
                return cur.execute(sql, params)

            def sql(self, sql, params=None):
                spy.sent.append(sql)
                return cur.sql(sql, params=params)

            def register(self, name, table):  # in-memory Arrow tables only, never a path
                return cur.register(name, table)

            def close(self):
                cur.close()

        return Cur()


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_url_parameters_reach_sql_only_as_bound_values(small_db: Path, payload: str) -> None:
    params = {key: payload for key in ("year", "district", "industry", "type", "campaign", "org", "demo", "q")}
    f = Filters.from_query_params(params)
    wh = SpyWarehouse(small_db)
    names = []
    for name, fn in filtered_queries():
        call_with_samples(fn, wh, f)
        names.append(name)
    assert len(names) >= 8
    for sql in wh.sent:
        assert payload[:40] not in sql
        assert "passwd" not in sql and "DROP" not in sql.upper().replace("DROP COLUMN", "")
    assert wh.rows("SELECT count(*) FROM activities")[0][0] == 68  # nothing dropped or changed
    assert not Path("/tmp/qm-leak.csv").exists()


def test_a_search_for_sql_text_is_just_text(small_db: Path) -> None:
    wh = Warehouse(small_db)
    assert queries.count_records(wh, Filters(search="' OR 1=1 --")) == 0
    assert queries.count_records(wh, Filters(search="%")) == 0  # % is literal, not a wildcard
    assert queries.count_records(wh, Filters(search="徐汇质量活动base1")) >= 1


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT * FROM read_csv('/etc/passwd')",
        "SELECT * FROM read_text('/etc/passwd')",
        "SELECT * FROM read_blob('/etc/hostname')",
        "SELECT * FROM '/etc/passwd'",
        "SELECT * FROM glob('/etc/*')",
        "SELECT * FROM read_parquet('/tmp/*.parquet')",
        "COPY (SELECT 1) TO '/tmp/qm-escape.csv'",
        "ATTACH '/tmp/qm-escape.duckdb' AS x",
        "INSTALL httpfs",
        "LOAD httpfs",
        "SET enable_external_access = true",
        "SET lock_configuration = false",
        "CREATE TABLE evil AS SELECT 1",
        "DELETE FROM activities",
    ],
)
def test_dashboard_connection_cannot_reach_other_files(small_db: Path, sql: str) -> None:
    wh = Warehouse(small_db)
    with pytest.raises(duckdb.Error):
        wh.query(sql)
    assert not Path("/tmp/qm-escape.csv").exists() and not Path("/tmp/qm-escape.duckdb").exists()
    assert wh.rows("SELECT count(*) FROM activities")[0][0] == 68


HOSTILE_TEXT = [
    "=1+1",
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1)",
    '＝HYPERLINK("http://x")',
    "\t=1",
    "\r=1",
    '=HYPERLINK("http://evil","click")',
    "plain",
    "-",
    "a=b",
]


def hostile_batch() -> pa.RecordBatch:
    n = len(HOSTILE_TEXT)
    return pa.RecordBatch.from_pydict(
        {
            "=title": HOSTILE_TEXT,
            "participants": pa.array([-5, -1, 0, 3, -12345, 7, 8, 9, 10, -2, 1], pa.int64())[:n],
            "ratio": pa.array([-0.5] * n, pa.float64()),
        }
    )


def _formula_like(s: str) -> bool:
    return s.startswith(("=", "+", "-", "@", "＝", "＋", "－", "＠", "\t", "\r"))


def test_csv_export_neutralises_formulas_and_keeps_negatives() -> None:
    data = export_bytes([hostile_batch()], "csv", "en")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    header, body = rows[0], rows[1:]
    assert header[0] == "'=title"
    for cell in [*header, *(r[0] for r in body)]:
        assert not _formula_like(cell), cell
    assert [r[0] for r in body][:3] == ["'=1+1", "'+cmd|' /C calc'!A0", "'-2+3"]
    assert [r[1] for r in body][:5] == ["-5", "-1", "0", "3", "-12345"]
    assert {r[2] for r in body} == {"-0.5"}


def test_xlsx_export_has_no_formula_cells_and_numbers_stay_numbers() -> None:
    data = export_bytes([hostile_batch()], "xlsx", "en")
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb.active
    cells = [c for row in ws.iter_rows() for c in row if c.value is not None]
    assert all(c.data_type != "f" for c in cells)
    # formula-like text is stored as typed, marked with Excel's quote-prefix style (shown as text,
    # never evaluated, no visible apostrophe: issue 14, rough edge 6)
    formula_like = [c for c in cells if isinstance(c.value, str) and _formula_like(c.value)]
    assert formula_like and all(c.quotePrefix and c.data_type == "s" for c in formula_like), [
        (c.coordinate, c.value, c.quotePrefix) for c in formula_like
    ]
    assert ws.cell(1, 1).value == "=title"
    numbers = [ws.cell(r, 2).value for r in range(2, 2 + len(HOSTILE_TEXT))]
    assert numbers[:5] == [-5, -1, 0, 3, -12345] and all(isinstance(v, int | float) for v in numbers)
    assert ws.cell(2, 3).value == -0.5
