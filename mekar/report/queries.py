"""Read and run the report queries kept as SQL files: `sql/report/` and `sql/weekly/`.

A query is named by its folder and file name without `.sql`: `"report/kegiatan"` is
`sql/report/kegiatan.sql`. The yearly pages and the weekly report both run their queries
through here, so there is one reader, one way of binding parameters and one row shape (a
plain dict per row). These are not models: nothing here is materialised (the models in
`sql/staging`, `sql/intermediate` and `sql/marts` are built by `mekar.transform.models`).
"""

from __future__ import annotations

from functools import cache
from typing import Any

import sqlalchemy as sa

from mekar.resources import sql_dir

# The folders holding queries; the model folders are not read here.
QUERY_FOLDERS = ("report", "weekly")

Row = dict[str, Any]


@cache
def query(name: str) -> sa.TextClause:
    """The statement of `sql/<folder>/<file>.sql`, for `name` = "<folder>/<file>"."""
    folder, _, stem = name.partition("/")
    if folder not in QUERY_FOLDERS or not stem or "/" in stem:
        raise ValueError(f"not a report query: {name!r} (want one of {QUERY_FOLDERS}/<name>)")
    return sa.text((sql_dir() / folder / f"{stem}.sql").read_text(encoding="utf-8"))


def run(conn: sa.Connection, name: str, **params: Any) -> sa.CursorResult:
    """Run query `name` with named parameters; a list or tuple binds as an `IN` list."""
    stmt = query(name)
    lists = [sa.bindparam(k, expanding=True) for k, v in params.items() if _is_list(v)]
    if lists:
        stmt = stmt.bindparams(*lists)
    return conn.execute(stmt, params)


def rows(conn: sa.Connection, name: str, **params: Any) -> list[Row]:
    """The rows of query `name`, each a dict of column name to value."""
    result = run(conn, name, **params)
    names = list(result.keys())
    # zip over the rows as tuples: a RowMapping per row costs more than the query at S35.
    return [dict(zip(names, row, strict=True)) for row in result]


def _is_list(value: Any) -> bool:
    return isinstance(value, list | tuple)
