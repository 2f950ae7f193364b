"""Run the DuckDB floor (../shared/bench/floor_duckdb.py) on the same files as a bench, in a
venv of its own (bench/floor-requirements.txt, made once under the bench's work folder),
and report its seconds and peak memory. Never imported by the product."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
FLOOR = BENCH.parents[1] / "shared" / "bench" / "floor_duckdb.py"
# Peak RSS of the child, in KiB, printed by the wrapper below (the floor prints only seconds).
# VmHWM, not getrusage: ru_maxrss survives fork+exec, so it would report the bench's own peak.
_WRAPPER = (
    "import runpy, sys; sys.argv = sys.argv[1:]; "
    "exec('try:\\n runpy.run_path(sys.argv[0], run_name=\"__main__\")\\n'"
    '\'finally:\\n print("peak kib:", [l.split()[1] for l in open("/proc/self/status")\''
    "' if l.startswith(\"VmHWM\")][0])')"
)


@dataclass
class FloorRun:
    seconds: float
    peak_mib: float


def floor_python(work: Path) -> Path:
    """The floor's interpreter: a venv with the pinned DuckDB, created on first use."""
    venv = work / "floor-venv"
    python = venv / "bin" / "python"
    if not python.exists():
        print("  (creating the floor's venv with DuckDB, once)", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run(
            [
                str(python),
                "-m",
                "pip",
                "install",
                "-q",
                "-r",
                str(BENCH / "floor-requirements.txt"),
            ],
            check=True,
        )
    return python


def run_floor(data: Path, year: int, work: Path) -> FloorRun:
    if not FLOOR.exists():
        raise SystemExit(f"floor not found: {FLOOR}")
    out = work / f"floor-out-{data.name}"
    out.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [str(floor_python(work)), "-c", _WRAPPER, str(FLOOR), str(data), str(year), str(out)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    if done.returncode != 0:
        raise SystemExit(f"the floor failed:\n{done.stderr}")
    seconds = float(re.search(r"reference seconds: ([\d.]+)", done.stdout).group(1))
    kib = float(re.search(r"peak kib: (\d+)", done.stdout).group(1))
    return FloorRun(seconds, kib / 1024)
