"""A rerun after one session gives the warehouse a full run would give, touching only that
session's rows and the totals of the ASN and OPDs it concerns (SQLite and PostgreSQL)."""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy import inspect, text

from mekar.config import Settings
from mekar.extract.files import FilesSource
from mekar.extract.worksheets import extract_session
from mekar.rerun import load_session, validate_session
from mekar.warehouse.db import make_engine
from mekar.warehouse.reference import reference_from_warehouse
from tests.conftest import GOLDEN
from tests.helpers import run_stages

KODE = "MEKAR-2023-002"
COMPARED = (
    "src_kegiatan",
    "src_daftar_hadir",
    "src_zoom",
    "quarantine",
    "int_zoom_matched",
    "int_zoom_attendance",
    "int_credit_zoom",
    "int_credit_checkin",
    "fct_credits",
    "fct_compliance",
    "agg_opd",
    "agg_opd_kegiatan",
    "rpt_zoom_unmatched",
    "dim_kegiatan",
    "dim_kegiatan_minggu",
    "agg_asn_minggu",
    "agg_opd_minggu",
    # rules 9 and 10
    "int_koreksi_kredit",
    "fct_evidence",
    "fct_credits_mandiri",
    "rpt_hampir",
)


def _tables(engine) -> dict[str, list[tuple]]:
    with engine.connect() as conn:
        return {
            t: sorted(tuple(map(str, r)) for r in conn.execute(text(f"select * from {t}")))
            for t in COMPARED
        }


def _edit_session(data):
    """After the session: a late participant's log, one person dropped, the JP corrected."""
    log = data / "log_zoom" / f"{KODE}.csv"
    lines = log.read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if "Teguh Handayani" not in line]
    kept.append(
        "199309142020061007_Ratna Handayani_DINKES,,07/17/2023 1:00:00 PM,07/17/2023 3:15:00 PM,135,No"
    )
    log.write_text("\n".join(kept) + "\n", encoding="utf-8")
    catalog = data / "kegiatan" / "kegiatan.csv"
    catalog.write_text(
        catalog.read_text(encoding="utf-8")
        .replace("15/7/2023,13.00,15.15,3,", "17/7/2023,13.00,15.15,5,")
        .replace("17/7/2023,13.00,15.15,3,", "17/7/2023,13.00,15.15,5,"),
        encoding="utf-8",
    )


@pytest.mark.parametrize("year", ["mini", "records"])  # records: with corrections, reports
def test_rerun_of_one_session_equals_a_full_run(
    year, tmp_path, warehouse_url, another_warehouse_url
):
    data = tmp_path / "data"
    shutil.copytree(GOLDEN / year, data)
    engine, *_ = run_stages(data, warehouse_url)
    before = _tables(engine)
    _edit_session(data)

    settings = Settings()
    extracted = extract_session(FilesSource(data), KODE)
    assert sorted(s.title for _, s in extracted.worksheets) == [
        "MEKAR-2023-002",
        "daftar_hadir",
        "kegiatan",
    ]
    rows = validate_session(extracted, KODE, settings, lambda: reference_from_warehouse(engine))
    with engine.begin() as conn:
        _, recomputed = load_session(conn, rows, True, settings.target_for)
    after_rerun = _tables(engine)
    engine.dispose()

    full, *_ = run_stages(data, another_warehouse_url)
    assert after_rerun == _tables(full)
    full.dispose()

    # it changed what it should, and only that
    assert after_rerun["fct_credits"] != before["fct_credits"]
    untouched = [r for r in before["fct_credits"] if r[2] != KODE]
    assert [r for r in after_rerun["fct_credits"] if r[2] != KODE] == untouched
    assert recomputed.years == [2023]
    assert 0 < recomputed.asn < 290 and recomputed.opd


def test_rerun_refuses_a_session_whose_catalog_row_is_broken(tmp_path):
    import pytest

    from mekar.errors import MekarError

    url = f"sqlite:///{tmp_path / 'w.db'}"
    engine, *_ = run_stages(GOLDEN / "mini", url)
    extracted = extract_session(FilesSource(GOLDEN / "mini"), "MEKAR-2023-008")
    with pytest.raises(MekarError) as refused:
        validate_session(
            extracted, "MEKAR-2023-008", Settings(), lambda: reference_from_warehouse(engine)
        )
    assert "Kode Kegiatan 'MEKAR-2023-008' tidak dapat dipakai" in str(refused.value)
    assert "JP 'empat' bukan bilangan bulat" in str(refused.value)
    assert inspect(engine).has_table("fct_credits")
    engine.dispose()


def test_cli_rerun_re_renders_only_the_touched_opd_pages(prefect_harness, tmp_path):
    import os

    from typer.testing import CliRunner

    from mekar.cli import app

    data = tmp_path / "data"
    shutil.copytree(GOLDEN / "mini", data)
    url, out = f"sqlite:///{tmp_path / 'w.db'}", tmp_path / "out"
    runner = CliRunner()
    assert (
        runner.invoke(
            app, ["run", "nightly", "--data", str(data), "--warehouse", url, "--out", str(out)]
        ).exit_code
        == 0
    )
    for page in (out / "opd").glob("*.html"):
        os.utime(page, (0, 0))  # mark every page as old
    _edit_session(data)

    result = runner.invoke(
        app,
        ["rerun", "--session", KODE, "--data", str(data), "--warehouse", url, "--out", str(out)],
    )
    assert result.exit_code == 0, result.output
    assert f"Kegiatan {KODE} dihitung ulang" in result.output
    engine = make_engine(url)
    with engine.connect() as conn:
        touched = set(
            conn.scalars(
                text(
                    "select distinct p.kode_opd from fct_credits c join stg_pegawai p on p.nip = c.nip "
                    f"where c.kode_kegiatan = '{KODE}'"
                )
            )
        )
    engine.dispose()
    rewritten = {p.stem for p in (out / "opd").glob("*.html") if p.stat().st_mtime > 0}
    assert touched <= rewritten  # the OPDs of everyone credited now (and before) are rewritten
    assert rewritten <= {p.stem for p in (out / "opd").glob("*.html")}
