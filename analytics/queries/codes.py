"""The order of codes: wherever codes are listed or sorted, they follow their code list.

A vocabulary column (industry, activity_type, campaign, organizer_type, mode...) is shown as labels
in the user's language, and everywhere the dashboard lists them (the sidebar's options, the legends,
the breakdown tables) they come in code-list order (domain/taxonomy.py: the order the lists are
written in, the catch-alls last). Sorting the Records page by such a column follows the same order,
in both languages and on every engine: alphabetical order of the codes is what no user sees, and
alphabetical order of the labels would differ between Chinese and English.

DuckDB stores these columns as ENUMs, which already sort in code-list order; the lake stores them
as text, which Spark sorts alphabetically. So the rank is written out (``rank_sql``), once, in SQL
that sqlglot renders for every engine. A code that is not in the list (none can be in DuckDB; a
lake written by another tool might hold one) sorts after every listed code, then by its text.
"""

from __future__ import annotations

from domain.record import FIELDS


def code_list(column: str) -> tuple[str, ...]:
    """The code list of `column` ((), for a column without one)."""
    field = FIELDS.get(column)
    return tuple(field.codes or ()) if field is not None else ()


def rank(column: str) -> dict[str, int]:
    """Code -> its position in the code list of `column`."""
    return {c: i for i, c in enumerate(code_list(column))}


def rank_sql(column: str, expr: str) -> str:
    """SQL: the position of `expr`'s code in the code list of `column`; NULL for NULL, the list's
    length for a code not in it (then order by the text as well)."""
    codes = code_list(column)
    whens = " ".join(f"WHEN '{c.replace(chr(39), chr(39) * 2)}' THEN {i}" for i, c in enumerate(codes))
    return f"CASE CAST({expr} AS VARCHAR) {whens} ELSE CASE WHEN {expr} IS NOT NULL THEN {len(codes)} END END"


def order_sql(column: str, expr: str, direction: str) -> str:
    """ORDER BY terms sorting `expr` (a code of `column`) in code-list order, NULLs last."""
    return f"{rank_sql(column, expr)} {direction} NULLS LAST, CAST({expr} AS VARCHAR) {direction} NULLS LAST"
