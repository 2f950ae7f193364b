"""`mekar run province` as a person runs it: a fresh PREFECT_HOME, no Prefect server, SQLite,
a LocalCluster of two worker processes that must use the command's temporary server (not
start their own); a partition without its folder is reported in one line and the command
exits 1, the others loaded; `mekar export --partition` reads one regency."""

from __future__ import annotations

import csv
import os
import subprocess
import sys

from tooling.sample_year import write_sample_year


def test_province_command_reports_a_failed_partition_and_loads_the_rest(tmp_path):
    data = tmp_path / "provinsi"
    write_sample_year(data, scale=0.04, seed=5, regions=2, per_region=True)
    config = (data / "mekar-provinsi.toml").read_text(encoding="utf-8")
    config += '\n[[province.partitions]]\nkode = "RUSAK"\nnama = "Kabupaten Rusak"\n'
    config += f'data_dir = "{tmp_path / "tidak-ada"}"\n'
    (tmp_path / "mekar.toml").write_text(config, encoding="utf-8")
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect-home")}
    env.pop("PREFECT_API_URL", None)
    env.pop("MEKAR_CONFIG", None)

    def mekar(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "mekar", *args],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )

    result = mekar("run", "province", "--out", "out")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    # one temporary server for the command and both workers (said in the run log)
    log = (tmp_path / "out" / "mekar.log").read_text(encoding="utf-8")
    assert log.count("Starting temporary server") == 1, log
    assert "SRAGEN: berhasil" in result.stdout and "KARANGANYAR: berhasil" in result.stdout
    assert f"RUSAK: gagal — Folder data tidak ditemukan: {tmp_path / 'tidak-ada'}" in result.stdout
    assert "Gabungan provinsi: 2 kabupaten/kota; belum ada data: RUSAK" in result.stdout
    assert "ulangi dengan --partition KODE" in result.stderr
    assert "Traceback" not in output
    assert (tmp_path / "mekar_sragen.db").exists() and (tmp_path / "mekar_karanganyar.db").exists()
    assert (tmp_path / "out" / "provinsi.html").exists()
    assert (tmp_path / "out" / "KARANGANYAR" / "ringkasan.html").exists()

    exported = mekar(
        "export", "compliance", "--year", "2023", "--partition", "karanganyar", "--out", "k.csv"
    )
    assert exported.returncode == 0, exported.stderr
    with (tmp_path / "k.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and {row["kode_opd"] for row in rows} <= {
        line.split(",")[0]
        for line in (data / "KARANGANYAR" / "master" / "opd.csv").read_text("utf-8").splitlines()
    }
    unknown = mekar("export", "opd", "--year", "2023", "--partition", "BOYOLALI", "--out", "x.csv")
    assert unknown.returncode == 1
    assert "Partisi tidak dikenal: BOYOLALI" in unknown.stderr
    assert "Traceback" not in unknown.stdout + unknown.stderr
