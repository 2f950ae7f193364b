"""A normal run's screen fits one screen (issue 23): the stages, a short summary with counts
and where to look, the time it took; every detail in <out>/mekar.log. Through the installed
command in its own process, as an officer runs it."""

from __future__ import annotations

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
