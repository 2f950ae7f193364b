"""No secret in any log (issue 29): a warehouse password given on the command line never
reaches a file under --out, the temp folder or Prefect's own database, whatever happens."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from mekar.secrets import mask_secrets
from tests.conftest import GOLDEN, PG_URL, REPO

PASSWORD = "S3cretPw9"


@pytest.mark.parametrize(
    ("written", "masked"),
    [
        ("mysql://root:S3cretPw9@localhost/x", "mysql://root:***@localhost/x"),
        ("postgresql+psycopg://u:p@ss@h:5432/db", "postgresql+psycopg://u:***@h:5432/db"),
        (
            "['--warehouse', 'postgresql://u:S3cret@h/db']",
            "['--warehouse', 'postgresql://u:***@h/db']",
        ),
        ("host=h password=S3cret dbname=d", "host=h password=*** dbname=d"),
        ("postgresql://h/db?password=S3cret&x=1", "postgresql://h/db?password=***&x=1"),
        ("sqlite:///mekar.db", "sqlite:///mekar.db"),
        (
            "postgresql+psycopg://postgres@127.0.0.1/test",
            "postgresql+psycopg://postgres@127.0.0.1/test",
        ),
    ],
)
def test_passwords_are_masked_wherever_they_are_written(written, masked):
    assert mask_secrets(written) == masked


def _files_holding(password: str, *folders: Path) -> list[Path]:
    found = []
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file() and password.encode() in path.read_bytes():
                found.append(path)
    return found


def _mekar(args: list[str], cwd: Path, home: Path, code: str = "") -> subprocess.CompletedProcess:
    """The real command in its own process, with its own temp folder, Prefect home and
    per-user state folder, so every file it writes can be searched afterwards."""
    tmp, state, prefect = home / "tmp", home / "state", home / "prefect"
    for folder in (tmp, state, prefect):
        folder.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "TMPDIR": str(tmp),
        "XDG_STATE_HOME": str(state),
        "PREFECT_HOME": str(prefect),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    }
    for name in ("MEKAR_LOG_FILE", "MEKAR_WAREHOUSE_URL", "PREFECT_API_URL"):
        env.pop(name, None)
    program = code + "import sys; from mekar.cli import main; sys.argv[0] = 'mekar'; main()"
    return subprocess.run(
        [sys.executable, "-c", program, *args],
        cwd=cwd,
        env={**env, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_an_unsupported_database_is_one_line_and_logs_no_password(tmp_path):
    out = tmp_path / "out"
    result = _mekar(
        [
            "run",
            "nightly",
            "--data",
            str(GOLDEN / "mini"),
            "--warehouse",
            f"mysql://root:{PASSWORD}@localhost/x",
            "--out",
            str(out),
        ],
        cwd=tmp_path,
        home=tmp_path / "home",
    )
    assert result.returncode == 1
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(
        "Gagal: Gudang data 'mysql' tidak didukung (mysql://root:***@localhost/x)"
    )
    assert PASSWORD not in result.stdout + result.stderr
    assert _files_holding(PASSWORD, tmp_path) == []


def test_an_unexpected_error_logs_the_command_line_masked_under_out(tmp_path):
    """The traceback's log starts with the command line: its URL is masked, and the log is the
    command's --out (known before the command is parsed), never a shared folder."""
    out = tmp_path / "rapor"
    planted = "import mekar.preflight as p; p.data_folder = lambda d: 1 / 0\n"
    url = f"postgresql+psycopg://postgres:{PASSWORD}@127.0.0.1:1/nodb"
    result = _mekar(
        ["run", "nightly", "--data", str(GOLDEN / "mini"), "--warehouse", url, "--out", str(out)],
        cwd=tmp_path,
        home=tmp_path / "home",
        code=planted,
    )
    assert result.returncode == 1
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("Gagal: kesalahan tak terduga (ZeroDivisionError)")
    assert str(out / "mekar.log") in line
    log = (out / "mekar.log").read_text(encoding="utf-8")
    assert "postgresql+psycopg://postgres:***@127.0.0.1:1/nodb" in log
    assert "ZeroDivisionError" in log
    assert _files_holding(PASSWORD, tmp_path) == []


def test_a_log_that_cannot_go_under_out_goes_to_the_users_own_folder(tmp_path, monkeypatch):
    from mekar import console

    blocked = tmp_path / "file-not-folder"
    blocked.write_text("")
    state = tmp_path / "state"
    monkeypatch.setenv("XDG_STATE_HOME", str(state))
    monkeypatch.setenv(console.LOG_FILE_ENV, str(blocked / "mekar.log"))
    monkeypatch.setattr(sys, "argv", ["mekar", "--warehouse", f"postgresql://u:{PASSWORD}@h/d"])
    where = console.write_traceback(
        f"Traceback: could not connect to postgresql://u:{PASSWORD}@h/d"
    )
    assert where == state / "mekar" / "mekar.log"
    assert PASSWORD not in where.read_text(encoding="utf-8")
    assert oct(where.parent.stat().st_mode & 0o777) == "0o700"


@pytest.fixture
def password_database(postgres_ready):
    """A database of its own on the test server, reached with a password in the URL (the
    server trusts loopback, so any password is accepted, which is what makes it testable)."""
    name = f"mekar_pw_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"create database {name}"))
    url = make_url(PG_URL).set(database=name, password=PASSWORD)
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"drop database {name} with (force)"))
        admin.dispose()


def test_a_whole_run_with_a_password_leaves_it_in_no_file(password_database, tmp_path):
    """A nightly on PostgreSQL with the password on the command line: the reports, the log,
    the temp folder and Prefect's database (flow parameters are stored there and shown in
    its UI) never hold it."""
    out = tmp_path / "out"
    result = _mekar(
        [
            "run",
            "nightly",
            "--data",
            str(GOLDEN / "mini"),
            "--warehouse",
            password_database,
            "--out",
            str(out),
        ],
        cwd=tmp_path,
        home=tmp_path / "home",
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert (out / "index.html").is_file()
    assert PASSWORD not in result.stdout + result.stderr
    assert (tmp_path / "home" / "prefect").rglob("*.db")  # Prefect kept its runs there
    assert _files_holding(PASSWORD, tmp_path) == []
