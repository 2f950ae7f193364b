"""Bad input, one fault at a time (tests/bad_input.py): the nightly run through the real
command line must quarantine the broken rows (naming sheet, row and column), fail a broken
worksheet or spreadsheet with one line and exit 1 while the warehouse keeps its last good
state, never print a traceback, and leave every export row the fault does not touch exactly
as in the clean year. Every case runs on SQLite and PostgreSQL.

Speed: the clean year is loaded once per database (through the CLI) and its exports kept;
a case that starts from "the clean year is in the warehouse" gets a copy of that warehouse
(a file copy on SQLite, a table-by-table copy of the schema on PostgreSQL), exactly what the
clean run left, instead of loading the year again.
"""

from __future__ import annotations

import csv
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mekar.cli import app
from tests.bad_input import CASES, Expect, Year
from tests.conftest import GOLDEN, PG_URL, _warehouse

REPO = Path(__file__).resolve().parents[1]
EXPORTS = ("compliance", "opd", "credits")
QUARANTINE_HEADER = ["sumber", "worksheet", "baris", "alasan", "data", "kolom", "pesan"]
FORMULA_STARTS = ("=", "+", "-", "@")

runner = CliRunner()


# --- running the CLI ------------------------------------------------------------------------


def nightly(data: Path, url: str, out: Path):
    return runner.invoke(
        app, ["run", "nightly", "--data", str(data), "--warehouse", url, "--out", str(out)]
    )


def _read_csv(path: Path) -> tuple[list[str], list[dict]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[0] if rows else []
    return header, [dict(zip(header, r, strict=False)) for r in rows[1:]]


def export_all(url: str, folder: Path) -> tuple[dict, list[str]]:
    """Every export through the CLI: {what: (header, rows)} and the problems met."""
    folder.mkdir(parents=True, exist_ok=True)
    exports, problems = {}, []
    for what in (*EXPORTS, "quarantine"):
        path = folder / f"{what}.csv"
        year = [] if what == "quarantine" else ["--year", "2023"]
        result = runner.invoke(app, ["export", what, *year, "--warehouse", url, "--out", str(path)])
        if result.exit_code != 0 or not path.is_file():
            problems.append(f"'mekar export {what}' exit {result.exit_code}: {result.output}")
            exports[what] = ([], [])
            continue
        exports[what] = _read_csv(path)
    return exports, problems


# --- the clean year, once per database ---------------------------------------------------


@dataclass
class CleanYear:
    kind: str
    url: str
    folder: Path
    exports: dict  # what -> (header, rows)


def _prefect_console_on_session_stderr() -> None:
    """Prefect configures its logging once per process and binds its console handler to the
    sys.stderr of that moment. Had that been a CliRunner's stream (closed since), every log
    line of a later flow run would print "--- Logging error --- Traceback" into the output of
    whatever CliRunner runs then. Bind the console to the session's stderr before any run."""
    import logging

    from prefect.logging.handlers import PrefectConsoleHandler

    import flows.nightly  # noqa: F401  (this import configures Prefect's logging)

    loggers = [logging.getLogger(), *logging.Logger.manager.loggerDict.values()]
    for logger in loggers:
        for handler in getattr(logger, "handlers", ()):
            if isinstance(handler, PrefectConsoleHandler):
                handler.stream = sys.stderr  # not setStream(): it flushes the closed one
                handler.console.file = sys.stderr


@pytest.fixture(scope="session")
def clean_years(prefect_harness, tmp_path_factory):
    """`clean_years(kind)`: the golden year loaded into a warehouse of that kind, with its
    exports. Built on first use."""
    _prefect_console_on_session_stderr()
    cache: dict[str, CleanYear] = {}
    with ExitStack() as stack:

        def get(kind: str) -> CleanYear:
            if kind not in cache:
                folder = tmp_path_factory.mktemp(f"clean-{kind}")
                url = stack.enter_context(_warehouse(kind, folder, "clean"))
                result = nightly(GOLDEN / "mini", url, folder / "out")
                assert result.exit_code == 0, result.output
                exports, problems = export_all(url, folder / "exports")
                assert not problems, problems
                cache[kind] = CleanYear(kind, url, folder, exports)
            return cache[kind]

        yield get


def _schema(url: str) -> str:
    return re.search(r"search_path%3D(\w+)", url).group(1)


def copy_warehouse(clean: CleanYear, url: str) -> None:
    """Give `url` (a fresh, empty warehouse) exactly the clean run's warehouse."""
    if clean.kind == "sqlite":
        # the backup API, not a file copy: the warehouse is in WAL mode, and what the clean
        # run wrote may still sit in its -wal file
        source = sqlite3.connect(clean.url.removeprefix("sqlite:///"))
        target = sqlite3.connect(url.removeprefix("sqlite:///"))
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
        return
    from sqlalchemy import create_engine, text

    source, target = _schema(clean.url), _schema(url)
    engine = create_engine(PG_URL)
    try:
        with engine.begin() as conn:
            tables = conn.scalars(
                text("select tablename from pg_tables where schemaname = :s"), {"s": source}
            ).all()
            # one round trip: every table's definition (keys, indexes), then its rows
            conn.exec_driver_sql(
                "".join(
                    f'create table {target}."{t}" (like {source}."{t}" including all); '
                    f'insert into {target}."{t}" select * from {source}."{t}"; '
                    for t in tables
                )
            )
    finally:
        engine.dispose()


# --- what the exports must be --------------------------------------------------------------


def as_csv(value: str) -> str:
    """A text cell as every export must write it: never a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def expected_exports(clean: CleanYear, expect: Expect) -> dict[str, dict]:
    """The clean year's exports with the case's changes: credits dropped or re-labelled,
    compliance recomputed from the credits (jp = sum, memenuhi = jp >= target), OPD rows
    recomputed from compliance."""
    credits = {}
    for row in clean.exports["credits"][1]:
        key = (row["nip"], row["kode_kegiatan"])
        if (
            row["nip"] in expect.roster_removed
            or row["kode_kegiatan"] in expect.sessions_removed
            or key in expect.credits_removed
        ):
            continue
        credits[key] = dict(row, bukti=expect.credits_bukti.get(key, row["bukti"]))
    earned: dict[str, int] = {}
    for (nip, _), row in credits.items():
        earned[nip] = earned.get(nip, 0) + int(row["jp"])

    compliance = {}
    for row in clean.exports["compliance"][1]:
        nip = row["nip"]
        if nip in expect.roster_removed:
            continue
        jp = earned.get(nip, 0)
        compliance[nip] = dict(
            row,
            nama=expect.names.get(nip, row["nama"]),
            jp=str(jp),
            memenuhi="1" if jp >= int(row["target_jp"]) else "0",
        )

    clean_opd_of = {r["nip"]: r["kode_opd"] for r in clean.exports["compliance"][1]}
    opd = {}
    for row in clean.exports["opd"][1]:
        code = row["kode_opd"]
        members = [r for r in compliance.values() if r["kode_opd"] == code]
        count, meeting = len(members), sum(int(r["memenuhi"]) for r in members)
        lost_needs = sum(
            1 for nip in expect.needs_removed if clean_opd_of.get(nip) == code and nip in compliance
        )
        opd[code] = dict(
            row,
            jumlah_asn=str(count),
            jumlah_memenuhi=str(meeting),
            total_jp=str(sum(int(r["jp"]) for r in members)),
            responden_kebutuhan=str(int(row["responden_kebutuhan"]) - lost_needs),
            persen_memenuhi=(
                row["persen_memenuhi"]
                if (str(count), str(meeting)) == (row["jumlah_asn"], row["jumlah_memenuhi"])
                else f"{100 * meeting / count:.1f}"
            ),
        )
    return {"compliance": compliance, "credits": credits, "opd": opd}


def _diff(what: str, got: dict, want: dict, close=None) -> list[str]:
    problems = []
    missing, extra = sorted(set(want) - set(got)), sorted(set(got) - set(want))
    if missing:
        problems.append(f"{what}: rows missing {missing[:8]}{' ...' if len(missing) > 8 else ''}")
    if extra:
        problems.append(f"{what}: rows not expected {extra[:8]}{' ...' if len(extra) > 8 else ''}")
    changed = [
        k for k in sorted(set(got) & set(want)) if not (close or dict.__eq__)(got[k], want[k])
    ]
    for key in changed[:6]:
        cells = {c: (got[key].get(c), want[key].get(c)) for c in want[key]}
        delta = {c: f"got {g!r}, want {w!r}" for c, (g, w) in cells.items() if g != w}
        problems.append(f"{what}: row {key} differs: {delta}")
    if len(changed) > 6:
        problems.append(f"{what}: ... and {len(changed) - 6} more rows differ")
    return problems


def _opd_close(got: dict, want: dict) -> bool:
    got, want = dict(got), dict(want)
    try:
        near = abs(float(got.pop("persen_memenuhi")) - float(want.pop("persen_memenuhi"))) <= 0.05
    except (KeyError, ValueError):
        return False
    return near and got == want


def check_exports(clean: CleanYear, expect: Expect, exports: dict) -> list[str]:
    want = expected_exports(clean, expect)
    problems = []
    for what in EXPORTS:
        header, rows = exports[what]
        if header != clean.exports[what][0]:
            problems.append(f"{what}: header {header}, want {clean.exports[what][0]}")
    got = {
        "compliance": {r["nip"]: r for r in exports["compliance"][1]},
        "credits": {(r["nip"], r["kode_kegiatan"]): r for r in exports["credits"][1]},
        "opd": {r["kode_opd"]: r for r in exports["opd"][1]},
    }
    problems += _diff("compliance", got["compliance"], want["compliance"])
    problems += _diff("credits", got["credits"], want["credits"])
    problems += _diff("opd", got["opd"], want["opd"], _opd_close)
    return problems


def _qkey(row: dict) -> tuple[str, str, int]:
    return (row.get("sumber", ""), row.get("worksheet", ""), int(row.get("baris") or 0))


def check_quarantine(clean: CleanYear, expect: Expect, exports: dict) -> list[str]:
    header, rows = exports["quarantine"]
    problems = []
    if header != QUARANTINE_HEADER:
        problems.append(f"quarantine export: header {header}, want {QUARANTINE_HEADER}")
    got = {_qkey(r): r for r in rows}
    want = {_qkey(r): r["alasan"] for r in clean.exports["quarantine"][1]}
    for q in expect.quarantined:
        want[(as_csv(q.sumber), as_csv(q.worksheet), q.baris)] = q.alasan
    got_reasons = {k: r["alasan"] for k, r in got.items()}
    problems += _diff_reasons(got_reasons, want)
    for q in expect.quarantined:
        row = got.get((as_csv(q.sumber), as_csv(q.worksheet), q.baris))
        if row is None or row["alasan"] != q.alasan:
            continue  # reported above
        if q.kolom is not None and row.get("kolom") != q.kolom:
            problems.append(f"quarantine {q.key}: kolom {row.get('kolom')!r}, want {q.kolom!r}")
        if not (row.get("pesan") or "").startswith(q.prefix):
            problems.append(
                f"quarantine {q.key}: pesan {row.get('pesan')!r} does not start with {q.prefix!r}"
            )
    return problems


def _diff_reasons(got: dict, want: dict) -> list[str]:
    problems = []
    missing = sorted(set(want) - set(got))
    extra = sorted(set(got) - set(want))
    wrong = sorted(k for k in set(got) & set(want) if got[k] != want[k])
    if missing:
        problems.append(
            f"quarantine: rows missing {[(k, want[k]) for k in missing[:6]]}"
            + (f" ... ({len(missing)} in all)" if len(missing) > 6 else "")
        )
    if extra:
        problems.append(
            f"quarantine: rows not expected {[(k, got[k]) for k in extra[:6]]}"
            + (f" ... ({len(extra)} in all)" if len(extra) > 6 else "")
        )
    if wrong:
        problems.append(
            "quarantine: wrong reason "
            + str([(k, f"got {got[k]}, want {want[k]}") for k in wrong[:6]])
            + (f" ... ({len(wrong)} in all)" if len(wrong) > 6 else "")
        )
    return problems


def check_output(expect: Expect, result, out: Path | None = None) -> list[str]:
    """The screen says what failed; each quarantined row is named on the screen or, past the
    few examples the screen shows, in the run log <out>/mekar.log."""
    output = result.output
    log = out / "mekar.log" if out else None
    named = output + ("\n" + log.read_text(encoding="utf-8") if log and log.exists() else "")
    problems = []
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        problems.append(f"the command raised {type(result.exception).__name__}: {result.exception}")
    if "Traceback" in output:
        problems.append("the output holds a Traceback")
    if result.exit_code != expect.exit_code:
        problems.append(f"exit code {result.exit_code}, want {expect.exit_code}")
    for q in expect.quarantined:
        if not q.shown:
            continue
        if q.grouped:
            first = rf"{re.escape(q.sumber)}/{re.escape(q.worksheet)} baris {q.baris}(?!\d)"
            if not re.search(first, named):
                problems.append(f"the output does not name the quarantined rows from {q.key}")
        elif q.prefix not in named:
            problems.append(f"the output does not name the quarantined row: {q.prefix!r}")
    if expect.failure:
        # a quarantined row's message ("kegiatan/kegiatan baris 9, kolom JP: ...") is not it
        row_message = re.compile(rf"{re.escape(expect.failure[0])} baris \d")
        lines = [
            line
            for line in output.splitlines()
            if all(w in line for w in expect.failure) and not row_message.search(line)
        ]
        if not lines:
            problems.append(f"no output line names the failure: all of {list(expect.failure)}")
    return problems


def _kind(url: str) -> str:
    return "sqlite" if url.startswith("sqlite") else "postgresql"


def _copy_year(tmp_path: Path) -> Year:
    year = Year(tmp_path / "data")
    shutil.copytree(GOLDEN / "mini", year.root)
    return year


# --- the corpus ----------------------------------------------------------------------------


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 45


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_bad_input(case, warehouse_url, clean_years, tmp_path):
    clean = clean_years(_kind(warehouse_url))
    year = _copy_year(tmp_path)
    expect = case.mutate(year)
    if expect.start == "clean":
        copy_warehouse(clean, warehouse_url)
    out = tmp_path / "out"

    result = nightly(year.root, warehouse_url, out)

    problems = check_output(expect, result, out)
    exports, export_problems = export_all(warehouse_url, tmp_path / "exports")
    problems += export_problems
    if not export_problems:
        problems += check_exports(clean, expect, exports)
        problems += check_quarantine(clean, expect, exports)
        if expect.check:
            problems += expect.check(out, result.output, {k: v[1] for k, v in exports.items()})
    tail = result.output[-3000:]
    assert not problems, (
        f"{case.name} ({case.what}) on {_kind(warehouse_url)}:\n- "
        + "\n- ".join(problems)
        + f"\n--- CLI output (end):\n{tail}"
    )


def test_every_export_neutralises_formulas(warehouse_url, clean_years, tmp_path):
    """A formula-like name in every text column an export can carry: written with a
    leading apostrophe in compliance and quarantine; numbers untouched everywhere."""
    clean = clean_years(_kind(warehouse_url))
    year = _copy_year(tmp_path)
    names = {
        "199706202022121007": '=HYPERLINK("http://evil.example/?x","klik")',
        "199705182017062010": "+1+2",
        "199103182013021009": "@SUM(1+1)",
        "197210032001051002": "-2+3",
    }
    for nip, name in names.items():
        year.set_cell(
            "master/pegawai.csv", year.row_of("master/pegawai.csv", "NIP", nip), "Nama", name
        )
    # a Zoom tab no session owns: its title becomes the quarantine's `worksheet` cell
    year.write("log_zoom/@cmd.csv", year.rows("log_zoom/MEKAR-2023-077.csv")[:2])
    copy_warehouse(clean, warehouse_url)

    result = nightly(year.root, warehouse_url, tmp_path / "out")
    assert result.exit_code == 0, result.output
    exports, problems = export_all(warehouse_url, tmp_path / "exports")
    assert not problems, problems
    for what, (_header, rows) in exports.items():
        for row in rows:
            for column, cell in row.items():
                numeric = re.fullmatch(r"-?\d+(\.\d+)?", cell or "")
                if cell.startswith(FORMULA_STARTS) and not numeric:
                    problems.append(f"{what}.{column}: {cell!r} written as a formula")
    compliance = {r["nip"]: r["nama"] for r in exports["compliance"][1]}
    problems += [
        f"compliance nama of {nip}: {compliance.get(nip)!r}, want {as_csv(name)!r}"
        for nip, name in names.items()
        if compliance.get(nip) != as_csv(name)
    ]
    if "'@cmd" not in {r["worksheet"] for r in exports["quarantine"][1]}:
        problems.append("quarantine: the tab '@cmd' is not written as \"'@cmd\"")
    assert not problems, problems


# --- a handful through the installed command, in its own process (SQLite) ---------------

SUBPROCESS_CASES = {
    "nul_roster_name": 0,
    "missing_column_daftar_hadir": 1,
    "xlsx_garbage": 1,
    "zoom_in_wrong_folder": 1,
}


@pytest.mark.parametrize("name", SUBPROCESS_CASES)
def test_installed_command_never_prints_a_traceback(name, clean_years, tmp_path):
    """`mekar run nightly` as BKPSDM runs it. It talks to the session's Prefect test server
    (PREFECT_API_URL), so no process starts a server of its own."""
    from prefect.settings import PREFECT_API_URL

    case = next(c for c in CASES if c.name == name)
    year = _copy_year(tmp_path)
    expect = case.mutate(year)
    url = f"sqlite:///{tmp_path / 'warehouse.db'}"
    if expect.start == "clean":
        copy_warehouse(clean_years("sqlite"), url)
    env = {
        **os.environ,
        "PREFECT_API_URL": PREFECT_API_URL.value(),
        "PREFECT_HOME": str(tmp_path / "prefect-home"),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "GX_ANALYTICS_ENABLED": "false",
        "DO_NOT_TRACK": "1",
    }
    command = [
        str(Path(sys.executable).with_name("mekar")),
        "run",
        "nightly",
        "--data",
        str(year.root),
        "--warehouse",
        url,
        "--out",
        str(tmp_path / "out"),
    ]
    done = subprocess.run(
        command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=180
    )
    both = done.stdout + done.stderr
    assert "Traceback" not in done.stdout, done.stdout
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == SUBPROCESS_CASES[name], both
    if expect.failure:
        assert any(all(w in line for w in expect.failure) for line in both.splitlines()), both
