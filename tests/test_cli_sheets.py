"""`mekar run nightly` and `mekar sheets check` with a Sheets configuration (mekar.toml)
pointing at the local Sheets API server, as the README shows."""

from __future__ import annotations

import shutil

import pytest
from typer.testing import CliRunner

from mekar.cli import app
from tests.conftest import GOLDEN
from tooling.sheets_api import SheetsApiServer

runner = CliRunner()


@pytest.fixture
def configured(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(GOLDEN / "mini", data)
    with SheetsApiServer(data) as server:
        lines = [
            "[sheets]",
            f'api_url = "{server.url}"',
            "anonymous = true",
            "max_retries = 1",
            "backoff_seconds = 0.01",
            "[sheets.spreadsheets]",
        ]
        lines += [f'{name} = "{key}"' for key, name in sorted(server.keys.items())]
        (tmp_path / "mekar.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        monkeypatch.chdir(tmp_path)
        yield server, data, tmp_path


def test_nightly_from_google_sheets_configuration(prefect_harness, configured):
    server, _, folder = configured
    result = runner.invoke(
        app,
        [
            "run",
            "nightly",
            "--warehouse",
            f"sqlite:///{folder / 'w.db'}",
            "--out",
            str(folder / "out"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Tahun laporan: 2023" in result.output
    assert (folder / "out" / "opd" / "DISDIK.html").is_file()
    assert server.count("batchGet") == 4


def test_sheets_check_reports_each_worksheet(configured):
    server, data, _ = configured
    result = runner.invoke(app, ["sheets", "check"])
    assert result.exit_code == 0, result.output
    assert "OK    master/pegawai: ditemukan, kolom wajib lengkap" in result.output
    assert "OK    log_zoom: 7 lembar log Zoom ditemukan, kolom wajib lengkap" in result.output
    assert "OK    pengembangan: tidak diatur (opsional)" in result.output

    roster = data / "master" / "pegawai.csv"
    roster.write_text(
        roster.read_text(encoding="utf-8").replace("Jenis Jabatan", "Jenis Jab", 1),
        encoding="utf-8",
    )
    server.inject("403", times=5, key="key-kegiatan")
    result = runner.invoke(app, ["sheets", "check"])
    assert result.exit_code == 1
    assert "GAGAL master/pegawai: kolom wajib tidak ada: 'Jenis Jabatan'" in result.output
    assert "GAGAL kegiatan: akses ditolak (HTTP 403): bagikan spreadsheet ini" in result.output
    assert "2 masalah ditemukan" in result.output
