"""Every example in the README runs as written on the demo year (issue 23).

An example is a line of a ```sh block that calls `.venv/bin/mekar`. They run in order, in a
fresh folder where the demo ran first with the Makefile's own command, each as its own
process, exactly as written (only `.venv/bin/mekar` is this checkout's). Blocks that need
what a test machine has not (Google Sheets, a real SMTP server, a Prefect server, a province
warehouse) are written as ```bash or ```text, and are not examples of the demo year.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys

import pytest

from tests.conftest import REPO

_SH_BLOCK = re.compile(r"^```sh\n(.*?)^```", re.S | re.M)
_DEMO = re.compile(r"^demo:.*\n\t\$\(BIN\)/(mekar demo .*)$", re.M)


def readme_examples() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    found = []
    for block in _SH_BLOCK.findall(text):
        for line in block.replace("\\\n", " ").splitlines():
            line = re.split(r"\s+#", line, maxsplit=1)[0].strip()
            if line.startswith(".venv/bin/mekar "):
                found.append(line)
    return found


def _mekar(line: str) -> list[str]:
    words = shlex.split(line)
    assert words[0] == ".venv/bin/mekar"
    return [sys.executable, "-m", "mekar", *words[1:]]


def test_the_readme_has_examples_and_no_placeholders():
    examples = readme_examples()
    assert len(examples) >= 12
    # a placeholder (DIR, URL, [--year 2023]) is a synopsis, not an example: ```text
    assert [e for e in examples if re.search(r"\b(DIR|URL|KODE|NIP)\b|\[", e)] == []


def test_every_readme_example_runs_on_the_demo_year(tmp_path):
    demo = _DEMO.search((REPO / "Makefile").read_text(encoding="utf-8"))
    assert demo, "the Makefile's demo recipe moved: keep this test's demo the README's"
    env = {
        **os.environ,
        "PREFECT_HOME": str(tmp_path / "prefect"),
        "PYTHONPATH": str(REPO),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    }
    for name in ("MEKAR_WAREHOUSE_URL", "MEKAR_CONFIG", "MEKAR_LOG_FILE", "PREFECT_API_URL"):
        env.pop(name, None)
    week = re.search(r"^DEMO_WEEK := (\S+)$", (REPO / "Makefile").read_text(), re.M).group(1)
    command = demo.group(1).replace("$(SAMPLE)", "data/sample").replace("$(DEMO_WEEK)", week)
    done = subprocess.run(
        _mekar(f".venv/bin/{command}"), cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-3000:]
    # the demo's console (sample year written, nightly, weekly) fits one screen
    screen = [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]
    assert len(screen) <= 50, "\n".join(screen)
    failures = []
    for line in readme_examples():
        ran = subprocess.run(
            _mekar(line), cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600
        )
        if ran.returncode != 0 or "Traceback" in ran.stdout + ran.stderr:
            failures.append(f"{line}\n  exit {ran.returncode}: {(ran.stdout + ran.stderr)[-800:]}")
    assert failures == [], "\n".join(failures)


@pytest.mark.parametrize("line", readme_examples())
def test_each_example_names_a_command_that_exists(line):
    # the cheap half, for a quick lane: the command and its options parse (--help wins)
    from typer.testing import CliRunner

    from mekar.cli import app

    words = shlex.split(line)[1:]
    path = [w for w in words if not w.startswith("-")][:2]
    result = CliRunner().invoke(app, [*path, "--help"])
    assert result.exit_code == 0, result.output
