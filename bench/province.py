"""A province year on PostgreSQL: one process (every regency in one warehouse, as
`mekar run nightly` on one folder) against partitions (`mekar run province`: a regency per
partition on a Dask LocalCluster of 2 one-thread workers). Prints the wall time of each,
the peak memory of every process they started, and the ratio.

    .venv/bin/python bench/province.py --scales 1 5 35 [--work /tmp/mekar-province]
                                       [--pg URL] [--workers 2] [--floor]

Each scale's year is generated twice from the same seed (sample-data, and with
--per-region), so both runs read the same rows; only the OPD codes differ (suffixed in the
one folder, plain and qualified by partition in the other). Both run as a person runs them:
the command line, with its temporary Prefect server (empty PREFECT_HOME), so the figures
include orchestration. Peak memory is each process's VmHWM (the kernel's high-water mark),
read every 0.2 s while it lives. `--floor` also runs the DuckDB floor on the one folder.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
from sqlalchemy import create_engine, text

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))
MEKAR = [sys.executable, "-m", "mekar"]
YEAR = 2023


def _role(cmdline: list[str]) -> str:
    line = " ".join(cmdline)
    if ("prefect" in line and "server" in line) or "uvicorn" in line:
        return "prefect server"
    if "multiprocessing" in line or "spawn_main" in line or "forkserver" in line:
        return "dask worker/nanny"
    if "run nightly" in line or "run province" in line or line.endswith("-m mekar"):
        return "mekar (flow)"
    return cmdline[0].rsplit("/", 1)[-1] if cmdline else "?"


def _vmhwm_kib(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def timed(command: list[str], env: dict[str, str], log: Path) -> tuple[float, list[tuple]]:
    """Run `command`; (wall seconds, [(pid, role, peak MiB), ...] of it and its children)."""
    peaks: dict[int, tuple[str, int]] = {}
    started = time.perf_counter()
    with log.open("w") as out:
        process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
        done = threading.Event()

        def sample() -> None:
            root = psutil.Process(process.pid)
            while not done.is_set():
                try:
                    tree = [root, *root.children(recursive=True)]
                except psutil.NoSuchProcess:
                    break
                for proc in tree:
                    kib = _vmhwm_kib(proc.pid)
                    if kib is None:
                        continue
                    role = peaks.get(proc.pid, (None,))[0]
                    if role is None:
                        try:
                            role = _role(proc.cmdline())
                        except psutil.Error:
                            role = "?"
                    peaks[proc.pid] = (role, max(kib, peaks.get(proc.pid, ("", 0))[1]))
                time.sleep(0.2)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        code = process.wait()
        done.set()
        sampler.join()
    seconds = time.perf_counter() - started
    if code != 0:
        print(f"  ! {' '.join(command[2:5])} exited {code}: see {log}", flush=True)
    rows = sorted(
        ((pid, role, kib / 1024) for pid, (role, kib) in peaks.items()), key=lambda r: -r[2]
    )
    return seconds, rows


def drop_schemas(pg: str, like: str) -> None:
    engine = create_engine(pg)
    with engine.begin() as conn:
        for (schema,) in conn.execute(
            text("select nspname from pg_namespace where nspname like :p"), {"p": like}
        ):
            conn.execute(text(f'drop schema "{schema}" cascade'))
        conn.execute(text("create schema if not exists bench_one"))
    engine.dispose()


_STAMP = re.compile(r"^(\d\d):(\d\d):(\d\d\.\d+) \| \w+ +\| Task run '([\w-]+)' - (.*)$")


def task_seconds(log: Path) -> dict[str, float]:
    """Each task run's seconds, from its first to its last line in the run's log
    (a partition's "mulai" to its "Finished in state")."""
    first: dict[str, float] = {}
    last: dict[str, float] = {}
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        match = _STAMP.match(line)
        if not match:
            continue
        hours, minutes, seconds, name, _message = match.groups()
        at = int(hours) * 3600 + int(minutes) * 60 + float(seconds)
        first.setdefault(name, at)
        last[name] = at
    return {name: (last[name] - first[name]) % 86400 for name in first}


def partition_figures(log: Path) -> str:
    runs = task_seconds(log)
    parts = sorted(v for k, v in runs.items() if k.startswith("partisi-"))
    roll = [v for k, v in runs.items() if k.startswith("province-roll-up")]
    if not parts:
        return "no partition found in the log"
    return (
        f"{len(parts)} partitions: min {parts[0]:.1f} s, median {statistics.median(parts):.1f} s, "
        f"max {parts[-1]:.1f} s, sum {sum(parts):.1f} s; roll-up {roll[0] if roll else 0:.1f} s"
    )


def schema_mib(pg: str, like: str) -> float:
    """The tables and indexes of the schemas matching `like`, in MiB."""
    engine = create_engine(pg)
    with engine.connect() as conn:
        size = conn.execute(
            text(
                "select coalesce(sum(pg_total_relation_size(c.oid)), 0) from pg_class c "
                "join pg_namespace n on n.oid = c.relnamespace "
                "where n.nspname like :p and c.relkind in ('r', 'm')"
            ),
            {"p": like},
        ).scalar_one()
    engine.dispose()
    return size / 2**20


def _tag(scale: float) -> str:
    return f"s{scale:g}".replace(".", "_")


def generate(work: Path, scale: float) -> tuple[Path, Path]:
    from tooling.sample_year import write_sample_year

    one, parts = work / _tag(scale) / "one", work / _tag(scale) / "parts"
    if not (one / "master" / "pegawai.csv").exists():
        write_sample_year(one, scale=scale)
    if not (parts / "mekar-provinsi.toml").exists():
        write_sample_year(parts, scale=scale, per_region=True)
    return one, parts


def _print_peaks(rows: list[tuple]) -> float:
    by_role: dict[str, list[float]] = {}
    for _pid, role, mib in rows:
        by_role.setdefault(role, []).append(mib)
    for role, values in sorted(by_role.items(), key=lambda kv: -max(kv[1])):
        shown = ", ".join(f"{v:,.0f}" for v in sorted(values, reverse=True)[:4])
        more = f" (+{len(values) - 4} more)" if len(values) > 4 else ""
        print(f"      {role:<20} {len(values)} process(es), peak MiB: {shown}{more}")
    return sum(mib for _pid, _role, mib in rows)


def bench_scale(scale: float, work: Path, pg: str, workers: int, floor: bool) -> dict:
    one, parts = generate(work, scale)
    tag = _tag(scale)
    env = {
        **os.environ,
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "DO_NOT_TRACK": "1",
        "GX_ANALYTICS_ENABLED": "false",
    }
    env.pop("PREFECT_API_URL", None)
    env.pop("MEKAR_CONFIG", None)

    # One process: every regency in one warehouse schema
    drop_schemas(pg, "bench_one")
    home = work / tag / "prefect-one"
    shutil.rmtree(home, ignore_errors=True)
    url_one = f"{pg}?options=-csearch_path%3Dbench_one"
    print(f"S{scale:g}: one process ({one}) ...", flush=True)
    one_s, one_peaks = timed(
        [
            *MEKAR,
            "run",
            "nightly",
            "--data",
            str(one),
            "--warehouse",
            url_one,
            "--out",
            str(work / tag / "out-one"),
        ],
        {**env, "PREFECT_HOME": str(home)},
        work / tag / "one.log",
    )
    print(f"  one process: {one_s:,.1f} s", flush=True)
    one_total = _print_peaks(one_peaks)
    print(f"      warehouse: {schema_mib(pg, 'bench_one'):,.0f} MiB", flush=True)

    # Partitions on a LocalCluster
    prefix = f"bench_{tag}_"
    drop_schemas(pg, f"{prefix}%")
    config = work / tag / "mekar-provinsi.toml"
    text_ = (parts / "mekar-provinsi.toml").read_text(encoding="utf-8")
    text_ = text_.replace(
        "local_workers = 2", f'local_workers = {workers}\nschema_prefix = "{prefix}"'
    )
    config.write_text(text_, encoding="utf-8")
    home = work / tag / "prefect-parts"
    shutil.rmtree(home, ignore_errors=True)
    print(f"S{scale:g}: partitions on a LocalCluster of {workers} ({parts}) ...", flush=True)
    parts_s, parts_peaks = timed(
        [*MEKAR, "run", "province", "--warehouse", pg, "--out", str(work / tag / "out-parts")],
        {**env, "PREFECT_HOME": str(home), "MEKAR_CONFIG": str(config)},
        work / tag / "parts.log",
    )
    print(f"  partitions: {parts_s:,.1f} s", flush=True)
    parts_total = _print_peaks(parts_peaks)
    print(f"      {partition_figures(work / tag / 'parts.log')}", flush=True)
    print(f"      warehouse: {schema_mib(pg, prefix + '%'):,.0f} MiB", flush=True)
    print(
        f"  ratio one process / partitions: {one_s / parts_s:.2f}x wall; peak of the largest "
        f"process {max(p[2] for p in one_peaks):,.0f} vs {max(p[2] for p in parts_peaks):,.0f} MiB; "
        f"sum of peaks {one_total:,.0f} vs {parts_total:,.0f} MiB",
        flush=True,
    )
    result = {
        "scale": scale,
        "one_s": one_s,
        "parts_s": parts_s,
        "one_peak": max(p[2] for p in one_peaks),
        "parts_peak": max(p[2] for p in parts_peaks),
    }
    if floor:
        from bench.floor import run_floor

        run = run_floor(one, YEAR, work)
        print(
            f"  floor (DuckDB, one folder): {run.seconds:,.1f} s, peak {run.peak_mib:,.0f} MiB; "
            f"one process {one_s / run.seconds:.1f}x, partitions {parts_s / run.seconds:.1f}x"
        )
        result["floor_s"] = run.seconds
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=float, nargs="+", default=[1, 5, 35])
    parser.add_argument("--work", type=Path, default=Path("/tmp/mekar-province"))
    parser.add_argument(
        "--pg",
        default=os.environ.get(
            "MEKAR_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
        ),
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--floor", action="store_true")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    results = [bench_scale(s, args.work, args.pg, args.workers, args.floor) for s in args.scales]
    print("\nscale  one process s  partitions s  ratio  peak MiB (one / largest of partitions)")
    for r in results:
        print(
            f"S{r['scale']:<5g} {r['one_s']:>13,.1f} {r['parts_s']:>13,.1f} "
            f"{r['one_s'] / r['parts_s']:>6.2f} {r['one_peak']:>10,.0f} / {r['parts_peak']:,.0f}"
        )


if __name__ == "__main__":
    main()
