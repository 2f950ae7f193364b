"""Alembic migrations: a warehouse made by an older release upgrades in place, rows kept."""

import pytest
from alembic import command
from sqlalchemy import insert, inspect, select, text

from mekar.errors import MekarError
from mekar.warehouse.db import (
    _alembic_config,
    current_revision,
    ensure_schema,
    head_revision,
    make_engine,
    upgrade_schema,
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

    # a run refuses the old schema and says what to do; the upgrade is a deliberate step
    with pytest.raises(MekarError) as refused:
        ensure_schema(engine)
    assert "masih versi 0001, perlu 0008: jalankan 'mekar db upgrade" in str(refused.value)
    assert upgrade_schema(engine) == ("0001", "0008")

    assert current_revision(engine) == head_revision() == "0008"
    with engine.connect() as conn:
        assert conn.execute(select(src_opd.c.kode_opd, src_opd.c.nama_opd)).all() == [
            ("DINKES", "Dinas Kesehatan")
        ]
    column = {c["name"]: c for c in inspect(engine).get_columns("src_opd")}["kode_opd"]
    assert "CHAR" not in str(column["type"]).upper()  # now TEXT: no length limit
    engine.dispose()


def test_a_warehouse_from_a_newer_release_is_refused(warehouse_url):
    engine = make_engine(warehouse_url)
    ensure_schema(engine)  # a new, empty warehouse is created at once
    with engine.begin() as conn:
        conn.execute(text("update alembic_version set version_num = '0999'"))
    for step in (ensure_schema, upgrade_schema):
        with pytest.raises(MekarError) as refused:
            step(engine)
        assert "dari versi mekar yang lebih baru" in str(refused.value)
    engine.dispose()
