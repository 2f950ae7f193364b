"""Crash safety and one run at a time.

A failure at each stage boundary leaves the warehouse exactly as the last good run left it,
and the next run completes normally (SQLite and PostgreSQL). Two real processes never hold
the run lock at once; with --no-wait the second says so and stops.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
import time

import pytest
from sqlalchemy import inspect, text

from mekar.warehouse.db import make_engine
from tests.conftest import GOLDEN, REPO


class Boom(RuntimeError):
    pass


def _snapshot(url: str) -> dict[str, list[tuple]]:
    """Every row of every table and mart, sorted."""
    engine = make_engine(url)
    tables = sorted(t for t in inspect(engine).get_table_names() if t != "alembic_version")
    with engine.connect() as conn:
        out = {
            t: sorted(tuple(map(str, r)) for r in conn.execute(text(f"select * from {t}")))
            for t in tables
        }
    engine.dispose()
    return out


def _fail_after(calls: int, original):
    """`original`, except that call number `calls` raises."""
    seen = {"n": 0}

    def fail(*args, **kwargs):
        seen["n"] += 1
        if seen["n"] >= calls:
            raise Boom("injected failure")
        return original(*args, **kwargs)

    return fail


@pytest.mark.parametrize(
    "boundary", ["after_extract", "mid_load", "mid_transform", "before_report"]
)
def test_a_crash_leaves_the_last_good_state(
    boundary, prefect_harness, warehouse_url, tmp_path, monkeypatch
):
    from flows.nightly import nightly
    from mekar.report import render as render_module
    from mekar.transform import models as transform_module
    from mekar.warehouse import load as load_module
    from tasks import validate as validate_task

    data = tmp_path / "data"
    shutil.copytree(GOLDEN / "mini", data)
    out = str(tmp_path / "out")
    nightly(str(data), None, warehouse_url, out)
    good = _snapshot(warehouse_url)

    # the sheets change, so a run that got through would change the warehouse
    roster = data / "master" / "pegawai.csv"
    roster.write_text(
        roster.read_text(encoding="utf-8").replace("Teguh Handayani", "Teguh H."), encoding="utf-8"
    )
    module, name, calls = {
        "after_extract": (validate_task, "validate_all", 1),
        "mid_load": (load_module, "load_sheet", 3),  # two sheets already written
        "mid_transform": (transform_module, "build_model", 10),  # staging and some models built
        "before_report": (render_module, "render_reports", 1),
    }[boundary]
    monkeypatch.setattr(module, name, _fail_after(calls, getattr(module, name)))

    with pytest.raises(Boom):
        nightly(str(data), None, warehouse_url, out)

    after = _snapshot(warehouse_url)
    if boundary == "before_report":
        # the warehouse committed the new good state; only the pages are behind
        assert after["src_pegawai"] != good["src_pegawai"]
    else:
        assert after == good

    monkeypatch.undo()
    summary = nightly(str(data), None, warehouse_url, out)
    assert summary.failures == []
    engine = make_engine(warehouse_url)
    with engine.connect() as conn:
        names = set(
            conn.scalars(text("select nama from fct_compliance where nip = '196702051995041009'"))
        )
    engine.dispose()
    assert names == {"Teguh H., S.Sos."}


LOCK_SCRIPT = textwrap.dedent(
    """
    import sys, time
    from mekar.warehouse.lock import run_lock
    from mekar.errors import MekarError
    url, log, wait, hold = sys.argv[1], sys.argv[2], sys.argv[3] == "wait", float(sys.argv[4])
    try:
        with run_lock(url, wait=wait, poll=0.05):
            with open(log, "a") as f:
                f.write(f"start {time.time()}\\n")
            time.sleep(hold)
            with open(log, "a") as f:
                f.write(f"end {time.time()}\\n")
    except MekarError as error:
        print(error)
        sys.exit(3)
    """
)


def _spawn(url, log, mode, hold):
    return subprocess.Popen(
        [sys.executable, "-c", LOCK_SCRIPT, url, str(log), mode, str(hold)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )


def test_two_processes_never_hold_the_run_lock_together(warehouse_url, tmp_path):
    log = tmp_path / "lock.log"
    first = _spawn(warehouse_url, log, "wait", 1.5)
    time.sleep(0.5)
    second = _spawn(warehouse_url, log, "wait", 0.2)
    assert first.wait(30) == 0 and second.wait(30) == 0
    events = [line.split() for line in log.read_text().splitlines()]
    assert [e[0] for e in events] == ["start", "end", "start", "end"]
    assert float(events[2][1]) >= float(events[1][1])  # the second started after the first ended


def test_no_wait_stops_with_a_clear_message(warehouse_url, tmp_path):
    log = tmp_path / "lock.log"
    holder = _spawn(warehouse_url, log, "wait", 2.0)
    for _ in range(100):
        if log.exists() and "start" in log.read_text():
            break
        time.sleep(0.05)
    impatient = _spawn(warehouse_url, log, "nowait", 0.1)
    output, _ = impatient.communicate(timeout=30)
    assert impatient.returncode == 3
    assert output.startswith("Run lain sedang memakai gudang data")
    assert holder.wait(30) == 0
    # once the first is done, the lock is free again
    assert _spawn(warehouse_url, log, "nowait", 0.1).wait(30) == 0


FIRST_RUN_SCRIPT = textwrap.dedent(
    """
    import sys, time
    from mekar import preflight
    from mekar.errors import MekarError
    url, start_at = sys.argv[1], float(sys.argv[2])
    time.sleep(max(0.0, start_at - time.time()))  # both processes reach the schema together
    try:
        preflight.warehouse(url).dispose()
    except MekarError as error:
        print(error)
        sys.exit(3)
    """
)


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_two_first_runs_on_a_new_warehouse_both_succeed(kind, tmp_path, request):
    """Schema creation runs under the run lock: two runs started together on a new warehouse
    (the first night of a regency, a deployment and a hand-started run) both go on, five
    times over, instead of one failing on a duplicate table or a half-made schema."""
    from tests.conftest import _warehouse

    if kind == "postgresql":
        request.getfixturevalue("postgres_ready")
    for attempt in range(5):
        with _warehouse(kind, tmp_path, f"first{attempt}") as url:
            start_at = time.time() + 3.0  # after both interpreters have imported mekar
            runs = [
                subprocess.Popen(
                    [sys.executable, "-c", FIRST_RUN_SCRIPT, url, str(start_at)],
                    cwd=REPO,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.STDOUT,
                    text=True,
                )
                for _ in range(2)
            ]
            outputs = [run.communicate(timeout=120)[0] for run in runs]
            assert [run.returncode for run in runs] == [0, 0], (attempt, outputs)
            engine = make_engine(url)
            with engine.connect() as conn:
                versions = conn.execute(text("select count(*) from alembic_version")).scalar()
            engine.dispose()
            assert versions == 1
