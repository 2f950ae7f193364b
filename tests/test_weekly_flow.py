"""The weekly flow (first step): one email per OPD recipient into the outbox, once."""

from __future__ import annotations

from mekar.report.render import render_reports
from tests.conftest import GOLDEN
from tests.helpers import run_stages


def test_weekly_writes_each_opd_email_once(prefect_harness, tmp_path):
    from flows.weekly import weekly

    url = f"sqlite:///{tmp_path / 'w.db'}"
    engine, *_ = run_stages(GOLDEN / "mini", url)
    render_reports(engine, 2023, tmp_path / "out")

    first = weekly("2023-W46", None, False, url, str(tmp_path / "out"))
    outbox = sorted(p.name for p in (tmp_path / "out" / "outbox").glob("*.eml"))
    # RSUD_SOEHADI has no address in master/opd: no email, reported in the run log
    assert [i.laporan for i in first.sent] == [
        "opd:BKPSDM",
        "opd:DINKES",
        "opd:DISDIK",
        "opd:KEC_GEMOLONG",
        "opd:SETDA",
    ]
    assert len(outbox) == 5 and outbox[0].startswith("bkpsdm@sragen.example__Laporan_Sragen_Mekar")

    second = weekly("2023-W46", None, False, url, str(tmp_path / "out"))
    assert second.sent == [] and len(second.already) == 5
    assert len(list((tmp_path / "out" / "outbox").glob("*.eml"))) == 5
    engine.dispose()
