"""Partial rebuilds follow the model graph (SQLite and PostgreSQL): a model added to a copy of
`sql/` is built by the nightly, the session rerun and the backfill with no Python change; a
rerun that changes nothing rebuilds nothing; a session moved to a year of its own gives
what a full run gives."""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy import text

from mekar.config import Settings
from mekar.extract.files import FilesSource
from mekar.extract.worksheets import extract_session
from mekar.rerun import load_session, validate_session
from mekar.resources import sql_dir
from mekar.transform import models as transform
from mekar.transform.partial import Changes
from mekar.warehouse.backfill import load_year, recompute_year
from mekar.warehouse.reference import reference_from_warehouse
from tests.conftest import GOLDEN
from tests.helpers import extract_and_validate, run_stages
from tests.test_rerun_session import COMPARED, KODE, _edit_session, _tables

PER_SESSION = """-- grain: kode_kegiatan
-- depends_on: fct_credits
-- A throwaway model: how many ASN each session credited, and their JP.
select kode_kegiatan, tahun, count(*) as peserta, cast(sum(jp) as integer) as jp
from fct_credits
group by kode_kegiatan, tahun
"""
PER_YEAR = """-- grain: tahun
-- depends_on: zz_peserta_kegiatan
-- A throwaway model downstream of the other: the year's credited attendances.
select tahun, cast(sum(peserta) as integer) as peserta
from zz_peserta_kegiatan
group by tahun
"""
EXPECTED = """select kode_kegiatan, tahun, count(*), sum(jp) from fct_credits
group by kode_kegiatan, tahun order by kode_kegiatan"""


@pytest.fixture
def extra_models(tmp_path, monkeypatch):
    """The shipped models plus two throwaway marts, as the models every stage reads."""
    models = tmp_path / "sql"
    shutil.copytree(sql_dir(), models)
    (models / "marts" / "zz_peserta_kegiatan.sql").write_text(PER_SESSION, encoding="utf-8")
    (models / "marts" / "zz_peserta_tahun.sql").write_text(PER_YEAR, encoding="utf-8")
    monkeypatch.setattr(transform, "sql_dir_of_package", lambda: models)
    return models


def _rows(engine, sql: str) -> list[tuple]:
    with engine.connect() as conn:
        return [tuple(map(str, row)) for row in conn.execute(text(sql))]


def _per_session(engine):
    return _rows(engine, "select * from zz_peserta_kegiatan order by kode_kegiatan")


def _per_year(engine):
    return _rows(engine, "select * from zz_peserta_tahun order by tahun")


def _expected_per_year(engine):
    return _rows(
        engine,
        "select tahun, count(*) from fct_credits group by tahun order by tahun",
    )


def _rerun(engine, data, kode=KODE):
    settings = Settings()
    extracted = extract_session(FilesSource(data), kode)
    rows = validate_session(extracted, kode, settings, lambda: reference_from_warehouse(engine))
    with engine.begin() as conn:
        return load_session(conn, rows, True, settings.target_for)


def test_a_new_model_is_built_by_nightly_rerun_and_backfill(
    extra_models, tmp_path, warehouse_url, another_warehouse_url
):
    data = tmp_path / "data"
    shutil.copytree(GOLDEN / "mini", data)
    engine, *_ = run_stages(data, warehouse_url)
    # the nightly builds it, in graph order after fct_credits
    assert _per_session(engine) == _rows(engine, EXPECTED)
    assert _per_year(engine) == _expected_per_year(engine)
    before = _per_session(engine)

    # the rerun rebuilds the session's row of both, since its credits changed
    _edit_session(data)
    _rerun(engine, data)
    after_rerun = _per_session(engine)
    assert after_rerun != before
    assert after_rerun == _rows(engine, EXPECTED)
    assert _per_year(engine) == _expected_per_year(engine)

    # the backfill rebuilds the year's rows
    log = data / "log_zoom" / "MEKAR-2022-009.csv"
    lines = log.read_text(encoding="utf-8").splitlines()
    log.write_text("\n".join(lines[:-3]) + "\n", encoding="utf-8")
    _, validated = extract_and_validate(data, engine)
    with engine.begin() as conn:
        load_year(conn, validated.sheets, 2022)
        recompute_year(conn, 2022, Settings().target_for)
    assert _per_session(engine) != after_rerun
    assert _per_session(engine) == _rows(engine, EXPECTED)
    assert _per_year(engine) == _expected_per_year(engine)

    full, *_ = run_stages(data, another_warehouse_url)
    assert _per_session(engine) == _per_session(full)
    assert _per_year(engine) == _per_year(full)
    engine.dispose()
    full.dispose()


def test_a_rerun_that_changes_nothing_rebuilds_nothing(tmp_path, warehouse_url):
    data = tmp_path / "data"
    shutil.copytree(GOLDEN / "mini", data)
    engine, *_ = run_stages(data, warehouse_url)
    before = _tables(engine)
    with engine.begin() as conn:
        changes = Changes(conn, {"kode_kegiatan": [KODE]})
        assert changes.rebuild().keys == {}  # nothing loaded in between: nothing differs
    _, recomputed = _rerun(engine, data)  # the same files again
    assert (recomputed.years, recomputed.asn, recomputed.opd) == ([], 0, [])
    assert _tables(engine) == before
    engine.dispose()


def test_a_session_moved_to_a_year_of_its_own_gives_the_full_run(
    tmp_path, warehouse_url, another_warehouse_url
):
    """Its old year loses its credits; the new year gets every active ASN (fct_compliance
    reads the catalog's years), though only the session's own rows were loaded."""
    data = tmp_path / "data"
    shutil.copytree(GOLDEN / "mini", data)
    engine, *_ = run_stages(data, warehouse_url)
    catalog = data / "kegiatan" / "kegiatan.csv"
    catalog.write_text(
        catalog.read_text(encoding="utf-8").replace(
            "MEKAR-2022-009,Refleksi Akhir Tahun,12/12/2022",
            "MEKAR-2022-009,Refleksi Akhir Tahun,12/1/2024",
        ),
        encoding="utf-8",
    )
    log = data / "log_zoom" / "MEKAR-2022-009.csv"
    log.write_text(log.read_text(encoding="utf-8").replace("12/12/2022", "01/12/2024"))
    _, recomputed = _rerun(engine, data, "MEKAR-2022-009")
    assert recomputed.years == [2022, 2024]

    full, *_ = run_stages(data, another_warehouse_url)
    assert _tables(engine) == _tables(full)
    with full.connect() as conn:
        asn_2024 = conn.execute(
            text("select count(*) from fct_compliance where tahun = 2024")
        ).scalar_one()
    assert asn_2024 == len(_rows(full, "select nip from stg_pegawai where aktif"))
    assert "fct_compliance" in COMPARED
    engine.dispose()
    full.dispose()


def test_transform_is_current_until_targets_models_or_marts_change(warehouse_url):
    """The nightly skips the transform when its load changed no row and this says the marts
    are what a transform would build: same JP targets, same models' SQL, every model there."""
    settings = Settings()
    engine, *_ = run_stages(GOLDEN / "mini", warehouse_url)
    with engine.begin() as conn:
        assert transform.transform_is_current(conn, settings.target_for)
        assert not transform.transform_is_current(conn, lambda year, jenis: 25)
        counts = transform.current_rows(conn)
        assert (
            counts.skipped
            and counts.rows["fct_credits"]
            == conn.execute(text("select count(*) from fct_credits")).scalar_one()
        )
    models = transform.load_models()
    edited = [
        transform.Model.parse(m.name, m.layer, m.sql + "\n-- edited\n")
        if m.name == "agg_opd"
        else m
        for m in models
    ]
    with engine.begin() as conn:
        assert transform.definitions_fingerprint(
            conn, settings.target_for, edited
        ) != transform.definitions_fingerprint(conn, settings.target_for, models)
        conn.execute(text("drop table agg_opd"))
        assert not transform.transform_is_current(conn, settings.target_for)
        conn.rollback()
    engine.dispose()
