"""A real package: a built wheel, installed (not editable) into a fresh virtual environment,
runs the golden year from outside the checkout: the SQL models and templates travel as
package data, and the exports equal the golden ones."""

from __future__ import annotations

import csv
import os
import shutil
import site
import subprocess
import sys
from pathlib import Path

from tests.conftest import GOLDEN, REPO

EXPECTED = GOLDEN / "mini-expected"
NOT_SHIPPED = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "*.egg-info", "out", "data", "__pycache__", ".ruff_cache"
)


def _read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _run(command: list[str], cwd: Path, env: dict) -> subprocess.CompletedProcess:
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    return done


def test_a_built_wheel_runs_the_golden_year_outside_the_checkout(tmp_path):
    # build from a copy, so the checkout gets no build/ or egg-info
    source = tmp_path / "source"
    shutil.copytree(REPO, source, ignore=NOT_SHIPPED)
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect")}
    env.pop("PYTHONPATH", None)
    _run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation"]
        + ["-w", str(tmp_path / "dist"), str(source)],
        tmp_path,
        env,
    )
    (wheel,) = (tmp_path / "dist").glob("mekar-*.whl")

    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], tmp_path, env)
    # The dependencies come from the test environment (a path line, so its .pth files,
    # among them the editable checkout's finder, are not run); mekar itself from the wheel.
    packages = next(venv.glob("lib/python*/site-packages"))
    (packages / "dependencies.pth").write_text(site.getsitepackages()[0] + "\n")
    _run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(packages)]
        + [str(wheel)],
        tmp_path,
        env,
    )
    python = venv / "bin" / "python"
    where = _run([str(python), "-c", "import mekar; print(mekar.__file__)"], tmp_path, env)
    assert where.stdout.strip().startswith(str(packages))

    mekar = [str(python), "-m", "mekar"]
    warehouse = f"sqlite:///{tmp_path / 'w.db'}"
    out = tmp_path / "out"
    _run(
        mekar
        + ["run", "nightly", "--data", str(GOLDEN / "mini"), "--warehouse", warehouse]
        + ["--out", str(out)],
        tmp_path,
        env,
    )
    assert (out / "index.html").is_file() and list((out / "opd").glob("*.html"))
    for what in ("compliance", "credits"):
        _run(
            mekar
            + ["export", what, "--year", "2023", "--warehouse", warehouse]
            + ["--out", str(tmp_path / f"{what}.csv")],
            tmp_path,
            env,
        )
        assert _read(tmp_path / f"{what}.csv") == _read(EXPECTED / f"{what}.csv")
    models = _run(mekar + ["models"], tmp_path, env).stdout
    assert "fct_compliance" in models
