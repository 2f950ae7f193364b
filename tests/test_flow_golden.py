"""The nightly flow end to end on the golden year (../shared/golden): its exports must equal
the independently computed ones, and a second run must change nothing."""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

import pytest
from sqlalchemy import inspect, select

from mekar.export import write_export
from mekar.warehouse.db import make_engine
from mekar.warehouse.freshness import last_refresh
from mekar.warehouse.schema import metadata
from tests.conftest import GOLDEN

EXPECTED = GOLDEN / "mini-expected"


def _read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _snapshot(url: str) -> dict[str, list[tuple]]:
    """Every loaded row of every source table, sorted."""
    engine = make_engine(url)
    with engine.connect() as conn:
        return {
            table.name: sorted(tuple(map(str, row)) for row in conn.execute(select(table)))
            for table in metadata.sorted_tables
            if table.name != "refresh_log"  # the run's own clock, checked on its own
        }


def _file_digests(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def golden_runs(prefect_harness, warehouse_url, tmp_path):
    from flows.nightly import nightly

    out = tmp_path / "out"
    first = nightly(str(GOLDEN / "mini"), None, warehouse_url, str(out))
    after_first = (
        _snapshot(warehouse_url),
        _file_digests(out),
        last_refresh(make_engine(warehouse_url)),
    )
    second = nightly(str(GOLDEN / "mini"), None, warehouse_url, str(out))
    after_second = (_snapshot(warehouse_url), _file_digests(out))
    return warehouse_url, tmp_path, first, second, after_first, after_second


def test_exports_equal_the_golden_year(golden_runs):
    url, tmp_path, first, *_ = golden_runs
    engine = make_engine(url)
    for what in ("compliance", "credits", "opd"):
        write_export(engine, what, 2023, tmp_path / f"{what}.csv")

    assert _read(tmp_path / "compliance.csv") == _read(EXPECTED / "compliance.csv")
    assert _read(tmp_path / "credits.csv") == _read(EXPECTED / "credits.csv")
    got, want = _read(tmp_path / "opd.csv"), _read(EXPECTED / "opd.csv")
    assert [r["kode_opd"] for r in got] == [r["kode_opd"] for r in want]
    for row, expected in zip(got, want, strict=True):
        assert (
            abs(float(row.pop("persen_memenuhi")) - float(expected.pop("persen_memenuhi"))) <= 0.05
        )
        assert row == expected
    assert first.failures == []


def test_broken_rows_are_quarantined_with_their_reason(golden_runs):
    url, tmp_path, first, *_ = golden_runs
    write_export(make_engine(url), "quarantine", None, tmp_path / "q.csv")
    rows = _read(tmp_path / "q.csv")
    assert len(rows) == first.quarantined
    by_content = {(r["sumber"], r["worksheet"], r["alasan"], r["data"]) for r in rows}
    assert any(
        r[:3] == ("master", "pegawai", "nip_invalid") and "19870101201001100" in r[3]
        for r in by_content
    )
    assert any(
        r[:3] == ("master", "pegawai", "opd_unknown") and "DINAS_X" in r[3] for r in by_content
    )
    assert any(
        r[:3] == ("kegiatan", "kegiatan", "jp_invalid") and "empat" in r[3] for r in by_content
    )
    assert any(
        r[:3] == ("kegiatan", "daftar_hadir", "session_unknown") and "MEKAR-2023-099" in r[3]
        for r in by_content
    )
    assert any(
        r[:3] == ("kegiatan", "daftar_hadir", "nip_precision_lost") and "1.98910E+17" in r[3]
        for r in by_content
    )
    # the Zoom tab of a session missing from the catalog: all its rows, none lost
    unknown_tab = [r for r in rows if r["worksheet"] == "MEKAR-2023-077"]
    assert {r["alasan"] for r in unknown_tab} == {"session_unknown"}
    lines = (GOLDEN / "mini" / "log_zoom" / "MEKAR-2023-077.csv").read_text().strip().splitlines()
    assert len(unknown_tab) == len(lines) - 1


def test_second_run_changes_nothing(golden_runs):
    url, _, first, second, after_first, after_second = golden_runs
    assert first.rows_changed > 0
    assert second.rows_changed == 0
    assert after_second[0] == after_first[0]  # same rows in every source table
    # each run records when it refreshed the warehouse (the weekly run reads it)
    assert last_refresh(make_engine(url)) > after_first[2]
    assert after_second[1] == after_first[1]  # same report bytes
    assert second.quarantine_by_reason == first.quarantine_by_reason  # the warehouse's state
    assert first.worksheets_unchanged == 0
    assert second.worksheets_unchanged == 12  # all 12 worksheets: nothing read again
    # nothing recomputed and no page rewritten: the marts and pages were already current
    assert (first.transform_skipped, second.transform_skipped) == (False, True)
    assert second.model_rows == first.model_rows
    assert (first.report_pages_unchanged, second.report_pages_unchanged) == (0, 8)


def test_schema_is_under_alembic(golden_runs):
    url, *_ = golden_runs
    tables = set(inspect(make_engine(url)).get_table_names())
    assert "alembic_version" in tables
    assert {t.name for t in metadata.sorted_tables} <= tables


def test_run_publishes_compliance_table_and_quality_note(golden_runs):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    *_, second, _, _ = golden_runs
    with get_client(sync_client=True) as client:
        table = client.read_latest_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["kepatuhan-opd"]))
        )
        note = client.read_latest_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["kualitas-data"]))
        )
    [table], [note] = table, note
    rows = {row["kode_opd"]: row for row in json.loads(table.data)}
    assert rows["DISDIK"]["persen_memenuhi"] == 22.7
    assert rows["DISDIK"]["jumlah_asn"] == 88
    assert "| nip_precision_lost | 9 |" in note.data
    assert f"Baris dikarantina (seluruh gudang data): {second.quarantined}" in note.data


def test_summary_lists_unit_kerja_that_differ_from_the_roster(golden_runs):
    from sqlalchemy import text

    url, tmp_path, *_ = golden_runs
    with make_engine(url).connect() as conn:
        expected = conn.execute(
            text("select count(*), max(jumlah) from rpt_unit_kerja where tahun = 2023")
        ).one()
    page = (tmp_path / "out" / "ringkasan.html").read_text(encoding="utf-8")
    section = page[page.index('id="unit-kerja-beda"') : page.index('id="zoom-tidak-cocok"')]
    assert expected[0] > 10  # the golden year's forms name OPDs every way
    assert section.count("<tr><td>") == expected[0]
    assert (
        f'<td class="num">{expected[1]}</td>' in section.split("<tr><td>")[1]
    )  # most frequent first
