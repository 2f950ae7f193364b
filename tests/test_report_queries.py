"""The report queries: SQL files in sql/report and sql/weekly, each with a header naming its
parameters, run by one helper (mekar.report.queries), none inline in the report code; and the
numbers both the marts and the weekly queries give (newly at target, JP still needed) agree."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from sqlalchemy import text

from mekar.report import queries
from mekar.report.week_data import opd_week
from mekar.report.week_regency import regency_week
from mekar.resources import sql_dir
from mekar.week import Week
from tests.conftest import GOLDEN
from tests.helpers import run_stages

REPORT_CODE = Path(queries.__file__).parent
QUERY_FILES = sorted(
    p for folder in queries.QUERY_FOLDERS for p in (sql_dir() / folder).glob("*.sql")
)


def _name(path: Path) -> str:
    return f"{path.parent.name}/{path.stem}"


def test_there_are_queries_in_both_folders():
    assert {p.parent.name for p in QUERY_FILES} == {"report", "weekly"}
    assert all((sql_dir() / folder / "README.md").is_file() for folder in queries.QUERY_FOLDERS)


@pytest.mark.parametrize("path", QUERY_FILES, ids=_name)
def test_each_query_says_what_it_returns_and_its_parameters(path: Path):
    lines = path.read_text(encoding="utf-8").splitlines()
    header = []
    for line in lines:
        if not line.startswith("--"):
            break
        header.append(line.removeprefix("--").strip())
    assert header, f"{path.name}: no header comment"
    said = " ".join(header)
    binds = set(queries.query(_name(path)).compile().params)
    if not binds:
        assert "No parameters." in said, f"{path.name}: header should say 'No parameters.'"
        return
    found = re.search(r"Parameters: (.+?)\.", said)
    assert found, f"{path.name}: header does not list its parameters"
    listed = {re.sub(r"\s*\(.*\)$", "", p.strip()) for p in found.group(1).split(",")}
    assert listed == binds, f"{path.name}: header lists {sorted(listed)}, SQL binds {sorted(binds)}"


def test_every_query_is_run_by_the_report_code():
    code = "\n".join(p.read_text(encoding="utf-8") for p in REPORT_CODE.glob("*.py"))
    unused = [_name(p) for p in QUERY_FILES if f'"{_name(p)}"' not in code]
    assert unused == []


def test_no_sql_inline_in_the_report_code():
    sql = re.compile(r"(?is)\bselect\b.+\bfrom\b")
    for module in REPORT_CODE.glob("*.py"):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        strings = [
            n.value
            for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str)
        ]
        assert [s for s in strings if sql.search(s)] == [], module.name
        calls = [
            n
            for n in ast.walk(tree)
            if isinstance(n, ast.Call)
            and getattr(n.func, "attr", getattr(n.func, "id", None)) == "text"
        ]
        assert module.name == "queries.py" or not calls, f"{module.name} builds its own SQL"


@pytest.mark.parametrize("name", ["marts/fct_compliance", "staging/stg_opd", "report", "x/y/z"])
def test_only_query_folders_are_read(name):
    with pytest.raises(ValueError, match="not a report query"):
        queries.query(name)


def test_newly_at_target_and_jp_still_needed_agree_with_the_marts(tmp_path, warehouse_url):
    """Every week of the golden year: each OPD's list of ASN newly at target (asn_opd.sql) is
    as long as the mart's count (agg_opd_minggu, via opd_minggu.sql) and as the change in who
    is at target; on the last week each ASN's JP still needed is fct_compliance.kurang_jp."""
    engine, *_ = run_stages(GOLDEN / "mini", warehouse_url)
    with engine.connect() as conn:
        keys = conn.execute(
            text("select distinct minggu_tahun, minggu from dim_kegiatan_minggu where tahun = 2023")
        ).all()
        year_end = {
            nip: (kurang, memenuhi)
            for nip, kurang, memenuhi in conn.execute(
                text("select nip, kurang_jp, memenuhi from fct_compliance where tahun = 2023")
            )
        }
        weeks = sorted({Week(y, w) for y, w in keys} | {Week(2023, 1), Week(2023, 52)})
        newly = 0
        for week in weeks:
            regency = regency_week(conn, week)
            for rank in regency.peringkat + regency.tanpa_asn:
                data = opd_week(conn, week, rank.kode_opd)
                assert len(data.baru_memenuhi) == rank.baru_memenuhi, (week, rank.kode_opd)
                assert rank.baru_memenuhi == rank.memenuhi - rank.memenuhi_lalu
                assert all(a.memenuhi == (a.kurang_jp == 0) for a in data.asn)
                newly += rank.baru_memenuhi
                if week == Week(2023, 52):
                    assert {a.nip: (a.kurang_jp, int(a.memenuhi)) for a in data.asn} == {
                        a.nip: year_end[a.nip] for a in data.asn
                    }
        assert (
            0 < newly == sum(m for _, m in year_end.values())
        )  # everyone at target got there once
    engine.dispose()
