"""Unit tests for one SQL model, as dbt's `unit_tests` (given rows -> expected rows): the
model's declared inputs become tables holding exactly the given rows, the model's own SQL
runs over them, and its rows come back, sorted. Nothing else of the pipeline runs."""

from __future__ import annotations

from sqlalchemy import create_engine, text

from mekar.transform.models import load_models


def _model(name: str):
    # a regency's models, and the province roll-up's (sql/province)
    for model in [*load_models(), *load_models(layers=("province",))]:
        if model.name == name:
            return model
    raise KeyError(name)


def _sql_type(values: list) -> str:
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, bool) for v in present):
        return "boolean"
    if present and all(isinstance(v, int) for v in present):
        return "bigint"
    if present and all(isinstance(v, int | float) for v in present):
        return "double precision"
    return "text"


def run_model(url: str, name: str, given: dict[str, list[dict]]) -> list[tuple]:
    """Run model `name` on `given` ({input: [row, ...]}, or {input: (columns, [])} for an
    input with no rows) in the empty warehouse at `url`. Every declared input (models and
    sources) must be given, so a test says what it feeds; columns are typed from values.
    The given tables are dropped again afterwards."""
    model = _model(name)
    inputs = set(model.depends_on) | set(model.sources)
    missing = sorted(inputs - given.keys())
    assert not missing, f"{name} reads {missing}: give them (an empty list is fine)"
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            for table, rows in given.items():
                if isinstance(rows, tuple):  # (columns, rows): an input given with no rows
                    columns, rows = rows
                else:
                    columns = list(rows[0])
                # a column may carry its type ("tahun bigint"): an empty input has no
                # values to type it from, and PostgreSQL will not union text with numbers
                typed = ", ".join(
                    c if " " in c else f"{c} {_sql_type([r.get(c) for r in rows])}" for c in columns
                )
                conn.execute(text(f"create table {table} ({typed})"))
                if rows:
                    names = ", ".join(c.split()[0] for c in columns)
                    marks = ", ".join(f":{c.split()[0]}" for c in columns)
                    conn.execute(text(f"insert into {table} ({names}) values ({marks})"), rows)
            body = model.sql.strip().rstrip(";")
            # None sorts first (a NULL key, e.g. a correction for every session)
            result = sorted(
                (tuple(row) for row in conn.execute(text(body))),
                key=lambda row: tuple((value is not None, value) for value in row),
            )
            # The warehouse is left empty again, so one test may run several models on it.
            for table in given:
                conn.execute(text(f"drop table {table}"))
            return result
    finally:
        engine.dispose()
