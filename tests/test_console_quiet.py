"""A normal run's screen fits one screen (issue 23): the stages, a short summary with counts
and where to look, the time it took; every detail in <out>/mekar.log. Through the installed
command in its own process, as an officer runs it."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections import Counter

from tests.conftest import GOLDEN, REPO

ENGLISH = (
    "Beginning flow run",
    "Finished in state",
    "Starting temporary server",
    "Stopping temporary server",
    "See https://www.prefect.io",
    "Created temporary directory",
    "Created task run",
)


def _nightly(tmp_path):
    env = {
        **os.environ,
        "PREFECT_HOME": str(tmp_path / "prefect"),
        "PYTHONPATH": str(REPO),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    }
    for name in ("MEKAR_LOG_FILE", "MEKAR_WAREHOUSE_URL", "PREFECT_API_URL"):
        env.pop(name, None)
    args = ["run", "nightly", "--data", str(GOLDEN / "mini"), "--warehouse"]
    args += [f"sqlite:///{tmp_path / 'w.db'}", "--out", str(tmp_path / "out")]
    return subprocess.run(
        [sys.executable, "-m", "mekar", *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_a_nightly_fits_one_screen_and_keeps_the_details_in_its_log(tmp_path):
    result = _nightly(tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    screen = [line for line in (result.stderr + result.stdout).splitlines() if line.strip()]
    assert len(screen) <= 45, "\n".join(screen)
    assert [w for w in ENGLISH if any(w in line for line in screen)] == []
    # each quarantined row is named once on the screen (the summary), not also as a log line
    named = Counter(line.strip() for line in screen if " baris " in line and "kolom" in line)
    assert [line for line, n in named.items() if n > 1] == []
    assert not any("Karantina: " in line for line in screen)
    # the stages, the counts, where to look, and the time
    assert [line.split(" - ", 1)[-1][:5] for line in screen if "[" in line and "/5]" in line][
        :1
    ] == ["[1/5]"]
    text = "\n".join(screen)
    assert "Selesai dalam" in text and "detik" in text
    assert "mekar export quarantine" in text
    assert "index.html" in text
    log = (tmp_path / "out" / "mekar.log").read_text(encoding="utf-8")
    # the details: every quarantined row as a log line, and Prefect's own notices
    assert log.count("Karantina: ") >= 20
    assert "Beginning flow run" in log and "src_zoom: +" in log


def test_a_regencys_recipients_are_counted_on_screen_and_listed_in_the_log(tmp_path, capsys):
    from types import SimpleNamespace

    from mekar import console, runlog
    from mekar.cli.weekly import RECIPIENTS_ON_SCREEN, _print_recipients

    log = tmp_path / "mekar.log"
    runlog.install(log, [])
    console_log = console._log_path
    console._log_path = log
    try:
        few = [SimpleNamespace(penerima="dinkes@x.id", laporan="opd:DINKES", periode="2023-W27")]
        _print_recipients(few, "2023-W27")
        assert capsys.readouterr().out == f"    {'dinkes@x.id':<40} opd:DINKES\n"
        many = [
            SimpleNamespace(penerima=f"opd{n}@x.id", laporan=f"opd:O{n}", periode="2023-W27")
            for n in range(RECIPIENTS_ON_SCREEN + 1)
        ] + [SimpleNamespace(penerima="bkpsdm@x.id", laporan="bkpsdm", periode="2023-W27")]
        _print_recipients(many, "2023-W27")
        assert capsys.readouterr().out == (
            f"    {RECIPIENTS_ON_SCREEN + 1} alamat OPD, 1 lainnya; daftar lengkap di {log}\n"
        )
        written = log.read_text(encoding="utf-8")
        assert written.count("Penerima: ") == len(many) and "bkpsdm@x.id" in written
    finally:
        console._log_path = console_log
        for handler in list(logging.getLogger().handlers):
            if isinstance(handler, runlog.RunLog):
                logging.getLogger().removeHandler(handler)
                handler.close()
