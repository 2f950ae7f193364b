"""Alembic migrations: a warehouse made by an older release upgrades in place, rows kept."""

from alembic import command
from sqlalchemy import insert, inspect, select

from mekar.warehouse.db import (
    _alembic_config,
    current_revision,
    ensure_schema,
    head_revision,
    make_engine,
)
from mekar.warehouse.schema import src_opd


def test_upgrade_from_the_first_revision_keeps_rows(warehouse_url):
    engine = make_engine(warehouse_url)
    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "0001")
    with engine.begin() as conn:
        conn.execute(
            insert(src_opd), [{"kode_opd": "DINKES", "nama_opd": "Dinas Kesehatan", "baris": 2}]
        )
    assert current_revision(engine) == "0001"

    ensure_schema(engine)

    assert current_revision(engine) == head_revision() == "0003"
    with engine.connect() as conn:
        assert conn.execute(select(src_opd.c.kode_opd, src_opd.c.nama_opd)).all() == [
            ("DINKES", "Dinas Kesehatan")
        ]
    column = {c["name"]: c for c in inspect(engine).get_columns("src_opd")}["kode_opd"]
    assert "CHAR" not in str(column["type"]).upper()  # now TEXT: no length limit
    engine.dispose()
