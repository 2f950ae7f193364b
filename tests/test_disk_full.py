"""A full disk is named (issue 29): which folder or warehouse file filled up and what is left,
in one Indonesian line, never Python's English "No space left on device" alone. The disks are
real: a small tmpfs mounted for the test (CI runs as root; elsewhere the test is skipped
without it)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import GOLDEN, REPO


@pytest.fixture
def small_disk(tmp_path):
    """A 2 MiB disk of its own."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(disk)], capture_output=True
    )
    if mounted.returncode != 0:
        if os.environ.get("CI"):
            pytest.fail(f"cannot mount a tmpfs for the disk-full test: {mounted.stderr!r}")
        pytest.skip("mounting a tmpfs needs root")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def _nightly(warehouse: str, out: Path, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    env.pop("MEKAR_LOG_FILE", None)
    code = "import sys; from mekar.cli import main; sys.argv[0] = 'mekar'; main()"
    args = ["run", "nightly", "--data", str(GOLDEN / "mini"), "--warehouse", warehouse]
    return subprocess.run(
        [sys.executable, "-c", code, *args, "--out", str(out)],
        cwd=cwd,
        env={**env, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=600,
    )


def _last_line(result: subprocess.CompletedProcess) -> str:
    assert "Traceback" not in result.stdout + result.stderr
    return [line for line in result.stderr.splitlines() if line.startswith("Gagal:")][-1]


def test_a_warehouse_file_on_a_full_disk_says_so(small_disk, tmp_path):
    database = small_disk / "mekar.db"  # the golden year needs more than 2 MiB of SQLite
    result = _nightly(f"sqlite:///{database}", tmp_path / "out", tmp_path)
    assert result.returncode == 1
    line = _last_line(result)
    assert line.startswith(
        f"Gagal: gudang data {database} tidak dapat ditulis: disk tempat berkas itu penuh (sisa "
    )
    assert "Kosongkan ruang disk" in line and "OperationalError" not in line


def test_reports_on_a_full_disk_name_the_folder(small_disk, tmp_path):
    (small_disk / "isi").write_bytes(b"\0" * (2 * 2**20 - 64 * 2**10))  # 64 KiB left
    out = small_disk / "laporan"
    result = _nightly(f"sqlite:///{tmp_path / 'mekar.db'}", out, tmp_path)
    assert result.returncode == 1
    line = _last_line(result)
    assert line.startswith(f"Gagal: disk penuh: tidak ada ruang tersisa untuk menulis di {out} ")
    assert "No space left on device" not in line
