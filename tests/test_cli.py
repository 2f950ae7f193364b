"""The command line: exports as the contract says, and one clear line on a mistake."""

from __future__ import annotations

import csv

from sqlalchemy import text
from typer.testing import CliRunner

from mekar.cli import app
from tests.conftest import GOLDEN
from tests.helpers import run_stages, write_files

runner = CliRunner()


def test_exports_write_the_contract_columns(tmp_path):
    url = f"sqlite:///{tmp_path / 'w.db'}"
    run_stages(GOLDEN / "mini", url)[0].dispose()

    result = runner.invoke(
        app,
        ["export", "opd", "--year", "2023", "--warehouse", url, "--out", str(tmp_path / "opd.csv")],
    )
    assert result.exit_code == 0, result.output
    assert "6 baris ditulis" in result.output
    rows = list(csv.reader((tmp_path / "opd.csv").open(encoding="utf-8")))
    assert rows[0] == [
        "kode_opd",
        "jumlah_asn",
        "jumlah_memenuhi",
        "persen_memenuhi",
        "total_jp",
        "responden_kebutuhan",
    ]
    assert rows[1] == ["BKPSDM", "20", "3", "15.0", "277", "14"]

    result = runner.invoke(
        app, ["export", "quarantine", "--warehouse", url, "--out", str(tmp_path / "q.csv")]
    )
    assert result.exit_code == 0, result.output
    header = next(csv.reader((tmp_path / "q.csv").open(encoding="utf-8")))
    assert header == ["sumber", "worksheet", "baris", "alasan", "data", "kolom", "pesan"]


def test_export_from_an_empty_warehouse_says_what_to_do(tmp_path):
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    assert runner.invoke(app, ["db", "upgrade", "--warehouse", url]).exit_code == 0
    result = runner.invoke(
        app,
        [
            "export",
            "credits",
            "--year",
            "2023",
            "--warehouse",
            url,
            "--out",
            str(tmp_path / "c.csv"),
        ],
    )
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"Gagal: Gudang data {url} belum berisi hasil perhitungan: jalankan dulu "
        "'mekar run nightly' dengan --warehouse yang sama."
    ]


def test_export_from_a_warehouse_that_does_not_exist_creates_nothing(tmp_path):
    url = f"sqlite:///{tmp_path / 'salah.db'}"
    result = runner.invoke(
        app,
        ["export", "opd", "--year", "2023", "--warehouse", url, "--out", str(tmp_path / "o.csv")],
    )
    assert result.exit_code == 1
    assert "Gudang data tidak ditemukan" in result.output
    assert not (tmp_path / "salah.db").exists()


def test_run_with_a_missing_folder_fails_in_one_line(tmp_path):
    result = runner.invoke(app, ["run", "nightly", "--data", str(tmp_path / "tidak-ada")])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"Gagal: Folder data tidak ditemukan: {tmp_path / 'tidak-ada'}"
    ]


def test_db_upgrade_creates_the_schema(tmp_path):
    url = f"sqlite:///{tmp_path / 'new.db'}"
    result = runner.invoke(app, ["db", "upgrade", "--warehouse", url])
    assert result.exit_code == 0, result.output
    assert "diperbarui dari revisi (kosong) ke 0008" in result.output
    again = runner.invoke(app, ["db", "upgrade", "--warehouse", url])
    assert "sudah pada revisi 0008" in again.output


def test_export_order_is_code_point_order_on_every_database(warehouse_url, tmp_path):
    """Code-point order ('A' < '_': KECAMATAN before KEC_SRAGEN), whatever the collation."""
    from mekar.export import export_rows
    from mekar.warehouse.db import make_engine

    data = write_files(
        tmp_path / "data",
        {
            "master/opd.csv": "Kode OPD,Nama OPD\nKECAMATAN,Kecamatan\nKEC_SRAGEN,Kec Sragen\nRSUDTEST,Uji\nRSUD_A,RSUD A",
            "kegiatan/kegiatan.csv": "Kode Kegiatan,Nama Kegiatan,Tanggal,Jam Mulai,Jam Selesai,JP,Jalur,Bentuk,Jenis Kompetensi,Moda\n"
            "K1,A,3/7/2023,08:00,10:00,2,Klasikal,Seminar,Teknis,Daring",
        },
    )
    engine, *_ = run_stages(data, warehouse_url)
    _, rows = export_rows(make_engine(warehouse_url), "opd", 2023)
    assert [r[0] for r in rows] == ["KECAMATAN", "KEC_SRAGEN", "RSUDTEST", "RSUD_A"]
    engine.dispose()


def test_run_with_a_folder_holding_no_spreadsheet_fails_in_one_line(tmp_path):
    (tmp_path / "lain").mkdir()
    (tmp_path / "lain" / "catatan.txt").write_text("bukan data", encoding="utf-8")
    result = runner.invoke(app, ["run", "nightly", "--data", str(tmp_path / "lain")])
    assert result.exit_code == 1
    [line] = result.output.strip().splitlines()
    assert line.startswith(f"Gagal: Folder {tmp_path / 'lain'} tidak berisi spreadsheet mekar")


def test_run_weekly_checks_its_arguments_in_one_line(tmp_path):
    bad_week = runner.invoke(app, ["run", "weekly", "--week", "28/2023"])
    assert bad_week.exit_code == 1
    assert "Minggu '28/2023' tidak dikenali: tulis seperti 2023-W28." in bad_week.output
    url = f"sqlite:///{tmp_path / 'tidak-ada.db'}"
    missing = runner.invoke(app, ["run", "weekly", "--warehouse", url])
    assert missing.exit_code == 1
    assert "belum ada: jalankan 'mekar run nightly' dulu atau beri --data" in missing.output
    assert not (tmp_path / "tidak-ada.db").exists()


def test_run_weekly_dry_run_for_one_opd(prefect_harness, tmp_path):
    from mekar.warehouse.freshness import record_refresh
    from tests.conftest import GOLDEN
    from tests.helpers import run_stages

    url = f"sqlite:///{tmp_path / 'w.db'}"
    engine, *_ = run_stages(GOLDEN / "mini", url)
    with engine.begin() as conn:
        record_refresh(conn)
    out = tmp_path / "out"
    args = ["run", "weekly", "--week", "2023-w27", "--warehouse", url, "--out", str(out)]
    result = runner.invoke(app, [*args, "--opd", "dinkes", "--dry-run"])  # any case
    assert result.exit_code == 0, result.output
    assert "Minggu 2023-W27 (3 Juli 2023 – 9 Juli 2023)" in result.output
    assert "Laporan: 1 OPD di " in result.output
    assert "Email akan dikirim: 1 (dry run, belum ada yang dikirim)" in result.output
    assert "dinkes@sragen.example" in result.output and "opd:DINKES" in result.output
    assert not (out / "outbox").exists()  # nothing sent, nothing logged
    assert (out / "minggu" / "2023-W27" / "opd_DINKES.html").is_file()

    # mistakes cost one line each, before any flow run (no traceback)
    unknown = runner.invoke(app, [*args, "--opd", "DINKS"])
    assert unknown.exit_code == 1 and "Traceback" not in unknown.output
    assert unknown.output.strip().splitlines() == [
        "Gagal: Kode OPD 'DINKS' tidak ada di lembar opd. Mungkin: DINKES (Dinas Kesehatan), "
        "DISDIK (Dinas Pendidikan dan Kebudayaan)."
    ]
    running = runner.invoke(app, [*args[:2], "--week", "2999-W01", *args[4:]])
    assert running.exit_code == 1 and "Minggu 2999-W01 belum selesai" in running.output
    with engine.begin() as conn:
        conn.execute(text("delete from refresh_log"))
    stale = runner.invoke(app, args)
    assert stale.exit_code == 1 and "Traceback" not in stale.output
    assert "Gudang data belum pernah diperbarui, sebelum jadwal malam" in stale.output
    assert "Asia/Jakarta, dan tidak ada sumber data untuk memperbaruinya" in stale.output
    engine.dispose()


def test_demo_is_one_command_under_one_prefect_server(tmp_path):
    """`make demo` runs `mekar demo`: nightly then weekly in one process, so Prefect's
    temporary server (seconds to start) starts once; the week's emails go to the outbox."""
    import os
    import shutil
    import subprocess
    import sys

    data = tmp_path / "data"
    shutil.copytree(GOLDEN / "mini", data)
    env = {
        **os.environ,
        "PREFECT_HOME": str(tmp_path / "prefect-home"),  # empty, as on a fresh machine
        "MEKAR_SMTP__HOST": "smtp.example.invalid",  # the demo must not use it
    }
    env.pop("PREFECT_API_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "mekar", "demo", "--data", str(data), "--out", "out"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    # one temporary Prefect server for both flows: said in the run log, not on the screen
    log = (tmp_path / "out" / "mekar.log").read_text(encoding="utf-8")
    assert log.count("Starting temporary server") == 1 and "temporary server" not in output
    assert "Selesai dalam" in output and "Minggu 2023-W27" in output
    screen = [line for line in output.splitlines() if line.strip()]
    assert len(screen) <= 50, output  # the demo's two runs fit one screen
    assert (tmp_path / "mekar.db").exists() and (tmp_path / "out" / "index.html").exists()
    emails = sorted(p.name for p in (tmp_path / "out" / "outbox").glob("*.eml"))
    # The mini year's 5 OPDs with an address (RSUD_SOEHADI has none) and BKPSDM's summary.
    assert len(emails) == 6, emails
    assert sum(name.startswith("bkpsdm@sragen.example__") for name in emails) == 2
    assert "Traceback" not in output


def test_demo_with_a_mistyped_week_stops_before_running_anything(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["demo", "--data", str(tmp_path / "data"), "--week", "2023-W99"])
    assert result.exit_code == 1
    assert result.output.strip() == "Gagal: Tahun 2023 tidak punya minggu ke-99."
    assert list(tmp_path.iterdir()) == []  # no sample data, warehouse or reports written
