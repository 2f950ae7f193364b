"""What a person at the terminal sees when something goes wrong: one Indonesian line, an exit
code, no traceback (that goes to the log file); and the small guards around the edges:
recipient addresses, outbox file names, subjects, the lock that makes a run wait."""

from __future__ import annotations

import os
import subprocess
import sys
from email.message import EmailMessage

import pytest

from tests.conftest import REPO


def _mekar(*args: str, cwd) -> subprocess.CompletedProcess:
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    code = "import sys; from mekar.cli import main; sys.argv[0] = 'mekar'; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["nope"], "Gagal: perintah tidak dikenal: 'nope'. Lihat 'mekar --help'."),
        (
            ["run", "nightly", "--nowait"],
            "Gagal: opsi tidak dikenal: --nowait (maksudnya --no-wait, --out?). "
            "Lihat 'mekar run nightly --help'.",
        ),
        (
            ["export", "opd", "--year", "dua ribu", "--out", "x.csv"],
            "Gagal: --year harus bilangan bulat, mis. 2023. Lihat 'mekar export --help'.",
        ),
        (
            ["export", "kepatuhan", "--out", "x.csv"],
            "Gagal: nilai jenis tidak dikenal; pilihan: compliance | opd | credits | evidence | siasn | review | quarantine. "
            "Lihat 'mekar export --help'.",
        ),
        (["backfill"], "Gagal: --year wajib diisi. Lihat 'mekar backfill --help'."),
        (["run", "nightly", "--out"], "Gagal: opsi --out perlu nilai. Lihat 'mekar --help'."),
    ],
)
def test_usage_mistakes_are_one_indonesian_line(args, line, tmp_path):
    result = _mekar(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == [line]


def _mekar_with_a_bug(*args: str, cwd) -> subprocess.CompletedProcess:
    """The real entry point, with a bug planted in the export (a ZeroDivisionError)."""
    code = (
        "import sys, mekar.export as e; e.write_export = lambda *a, **k: 1 / 0; "
        "from mekar.cli import main; sys.argv[0] = 'mekar'; main()"
    )
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    env.pop("MEKAR_LOG_FILE", None)
    return subprocess.run(
        [sys.executable, "-c", code, *args], cwd=cwd, env=env, capture_output=True, text=True
    )


def test_an_unexpected_error_is_one_line_and_its_traceback_goes_to_the_log(tmp_path):
    args = ("export", "opd", "--year", "2023", "--out", "o.csv")
    (tmp_path / "mekar.db").touch()
    result = _mekar_with_a_bug(*args, cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("Gagal: kesalahan tak terduga (ZeroDivisionError)")
    assert "out/mekar.log" in line and "--debug" in line
    log = (tmp_path / "out" / "mekar.log").read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in log and "ZeroDivisionError" in log
    # with --debug the traceback is on the screen instead
    debug = _mekar_with_a_bug("--debug", *args, cwd=tmp_path)
    assert debug.returncode == 1 and "Traceback (most recent call last)" in debug.stderr


@pytest.mark.parametrize(
    ("args", "env", "line"),
    [
        (
            ["export", "opd", "--year", "2023", "--warehouse", "nosuchdb://x", "--out", "o.csv"],
            {},
            "Gagal: Gudang data 'nosuchdb' tidak didukung (nosuchdb://x): mekar memakai SQLite "
            "atau PostgreSQL. Contoh: sqlite:///mekar.db atau postgresql+psycopg://user@host/db "
            "(--warehouse atau MEKAR_WAREHOUSE_URL).",
        ),
        (
            ["run", "nightly", "--data", ".", "--warehouse", "sqlite:////nonexistent/dir/w.db"],
            {},
            "Gagal: Gudang data sqlite:////nonexistent/dir/w.db tidak dapat dibuka: unable to "
            "open database file. Periksa --warehouse (atau MEKAR_WAREHOUSE_URL), folder "
            "berkasnya, atau apakah server database berjalan.",
        ),
        (
            ["run", "weekly", "--dry-run"],
            {"MEKAR_SMTP__PORT": "abc"},
            "Gagal: pengaturan 'smtp.port' tidak sah (Input should be a valid integer, unable to "
            "parse string as an integer); periksa mekar.toml atau variabel MEKAR_*.",
        ),
        (
            ["sample-data", "--out", "/proc/mekar", "--scale", "0.01"],
            {},
            "Gagal: No such file or directory: /proc/mekar. Periksa folder/berkas itu dan izinnya.",
        ),
    ],
)
def test_setting_up_mistakes_are_one_line(args, env, line, tmp_path, monkeypatch):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    if args[:2] == ["run", "nightly"]:
        (tmp_path / "master").mkdir()  # a data folder that passes the first check
    result = _mekar(*args, cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stderr.strip().splitlines()[-1] == line


def test_a_broken_mekar_toml_is_one_line(tmp_path):
    (tmp_path / "mekar.toml").write_text("x = [\n", encoding="utf-8")
    result = _mekar("export", "opd", "--year", "2023", "--out", "o.csv", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"Gagal: berkas pengaturan mekar.toml ({tmp_path}/mekar.toml) tidak terbaca di akhir "
        "berkas (Invalid value; kurung atau tanda kutip belum ditutup?); periksa penulisannya "
        "(format TOML)."
    ]


def test_mekar_alone_shows_the_help(tmp_path):
    result = _mekar(cwd=tmp_path)
    assert result.returncode == 0
    assert "Menjalankan alur kerja" in result.stdout and "Traceback" not in result.stderr


def test_export_before_any_run_says_what_to_run(tmp_path):
    result = _mekar("export", "opd", "--year", "2023", "--out", "o.csv", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "Gagal: Gudang data tidak ditemukan: sqlite:///mekar.db. Periksa --warehouse atau "
        "MEKAR_WAREHOUSE_URL, atau isi dulu dengan 'mekar run nightly --data FOLDER'."
    ]


def test_recipient_addresses_are_checked_as_addresses():
    from mekar.addresses import invalid_addresses_of, recipients_of

    cell = "dinkes@sragen.go.id; ../../x@evil.example, tidak-ada-at; a..b@x.id Kepala@Dinkes.ID"
    assert recipients_of(cell) == ["dinkes@sragen.go.id", "kepala@dinkes.id"]
    assert invalid_addresses_of(cell) == ["../../x@evil.example", "tidak-ada-at", "a..b@x.id"]


def test_outbox_file_names_are_never_paths_or_hidden_files(tmp_path):
    from mekar.deliver.mailer import OutboxMailer

    message = EmailMessage()
    message["To"] = "../../.x@evil.example"
    message["Subject"] = "../Laporan"
    message.set_content("isi")
    OutboxMailer(tmp_path / "outbox").send(message)
    [written] = list((tmp_path / "outbox").iterdir())
    assert written.parent == tmp_path / "outbox"
    assert not written.name.startswith(".") and ".." not in written.name
    assert written.name.startswith("x@evil.example_") and written.name.endswith("Laporan.eml")


def test_a_subject_carries_no_markup():
    from mekar.deliver.compose import plain

    assert plain("<b>Dinas</b>  Kesehatan\n<script>alert(1)</script>") == "Dinas Kesehatan alert(1)"
    assert plain("<i></i>") == "-"


def test_a_waiting_run_says_so(tmp_path):
    import fcntl

    from mekar.warehouse.lock import run_lock

    database = tmp_path / "w.db"
    said: list[str] = []
    with open(f"{database}.lock", "a") as other:  # another run holds the lock...
        fcntl.flock(other, fcntl.LOCK_EX)
        import threading

        def release():
            fcntl.flock(other, fcntl.LOCK_UN)

        threading.Timer(0.3, release).start()
        with run_lock(f"sqlite:///{database}", wait=True, on_wait=said.append):
            pass  # ...and this one got it once the other let go
    assert said == [
        f"Menunggu run lain yang sedang memakai gudang data sqlite:///{database} selesai..."
    ]
    said.clear()
    with run_lock(f"sqlite:///{database}", on_wait=said.append):
        pass
    assert said == []  # nobody else: nothing to say


def test_the_console_script_is_the_wrapped_entry_point():
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert 'mekar = "mekar.cli:main"' in text


def test_an_error_inside_a_flow_reaches_the_screen_as_lines_not_a_traceback(tmp_path):
    """A session whose catalog row is quarantined cannot be rerun: the refusal is raised
    inside the flow, where Prefect would log it with a traceback."""
    from tests.conftest import GOLDEN
    from tests.helpers import run_stages

    run_stages(GOLDEN / "mini", f"sqlite:///{tmp_path / 'w.db'}")[0].dispose()
    result = _mekar(
        "rerun",
        "--session",
        "MEKAR-2023-008",
        "--data",
        str(GOLDEN / "mini"),
        "--warehouse",
        f"sqlite:///{tmp_path / 'w.db'}",
        "--out",
        str(tmp_path / "out"),
        cwd=tmp_path,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert (
        "Gagal: Kode Kegiatan 'MEKAR-2023-008' tidak dapat dipakai: kegiatan/kegiatan baris 9, "
        "kolom JP: JP 'empat' bukan bilangan bulat ≥ 1"
    ) in result.stderr
    # a refusal meant for a person is not a bug: no traceback anywhere, not even in the run log
    assert "Traceback" not in (tmp_path / "out" / "mekar.log").read_text(encoding="utf-8")
