"""The weekly flow end to end, under Prefect, against a real SMTP server on loopback
(aiosmtpd with STARTTLS and login), reading what arrived: one message per recipient, exactly
once; a changed report only with resend; a server that is down costs nothing but a retry."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from sqlalchemy import select, text

from mekar.errors import MekarError
from mekar.warehouse.freshness import last_refresh, record_refresh
from mekar.warehouse.schema import delivery_log
from tests.conftest import GOLDEN
from tests.helpers import run_stages

SUBJECT = "Laporan Sragen Mekar — {} — Minggu {}/2023"
OPD_RECIPIENTS = [
    ("bkpsdm@sragen.example", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"),
    ("dinkes@sragen.example", "Dinas Kesehatan"),
    ("disdik@sragen.example", "Dinas Pendidikan dan Kebudayaan"),
    ("gemolong@sragen.example", "Kecamatan Gemolong"),
    ("setda@sragen.example", "Sekretariat Daerah"),
]


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _use_smtp(monkeypatch, state) -> None:
    for key, value in {
        "HOST": "127.0.0.1",
        "PORT": str(state["port"]),
        "USERNAME": "mekar",
        "PASSWORD": "rahasia",
        "CA_FILE": str(state["cert"]),
        "TIMEOUT_SECONDS": "5",
        "BKPSDM": json.dumps(["kepala@bkpsdm.example"]),
    }.items():
        monkeypatch.setenv(f"MEKAR_SMTP__{key}", value)


def _fresh_golden(url):
    engine, *_ = run_stages(GOLDEN / "mini", url)
    with engine.begin() as conn:
        record_refresh(conn)  # as the nightly run does: no refresh needed first
    return engine


def _expected(week: int) -> list[tuple[str, str]]:
    return sorted(
        [(to, SUBJECT.format(name, week)) for to, name in OPD_RECIPIENTS]
        + [
            (
                "kepala@bkpsdm.example",
                f"Ringkasan Sragen Mekar — Kabupaten Sragen — Minggu {week}/2023",
            )
        ]
    )


def _types(message) -> list[str]:
    return [p.get_content_type() for p in message.walk() if not p.is_multipart()]


def test_one_message_per_recipient_exactly_once(
    prefect_harness, smtp, warehouse_url, tmp_path, monkeypatch
):
    from flows.weekly import weekly

    inbox, _, state, _ = smtp
    _use_smtp(monkeypatch, state)
    engine = _fresh_golden(warehouse_url)
    out = str(tmp_path / "out")

    first = weekly("2023-W27", warehouse_url=warehouse_url, out_dir=out)
    assert sorted((m["To"], m["Subject"]) for m in inbox.messages) == _expected(27)
    assert first.via == f"SMTP 127.0.0.1:{state['port']}" and not first.refreshed
    assert first.tanpa_penerima == ["RSUD_SOEHADI"] and first.opd_pages == 6
    by_to = {m["To"]: m for m in inbox.messages}
    assert _types(by_to["dinkes@sragen.example"]) == [
        "text/plain",
        "text/html",
        "image/png",
        XLSX,
    ]
    assert _types(by_to["kepala@bkpsdm.example"]) == [
        "text/plain",
        "text/html",
        "image/png",
        XLSX,
    ]
    summary_text = by_to["kepala@bkpsdm.example"].get_body(("plain",)).get_content()
    assert "OPD tanpa alamat email (laporannya tidak terkirim): RSUD dr. Soehadi" in summary_text
    # the Zoom name that carries markup stays text in the summary
    summary_html = by_to["kepala@bkpsdm.example"].get_body(("html",)).get_content()
    assert "&lt;script&gt;alert(" in summary_html and "<script" not in summary_html

    # the run's table artifact: one row per recipient
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    with get_client(sync_client=True) as client:
        [artifact] = client.read_latest_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["pengiriman-mingguan"]))
        )
    table = json.loads(artifact.data)
    assert [(r["penerima"], r["status"]) for r in table][:2] == [
        ("kepala@bkpsdm.example", "terkirim"),
        ("bkpsdm@sragen.example", "terkirim"),
    ] and len(table) == 6

    # a rerun of the same week sends nothing
    second = weekly("2023-W27", warehouse_url=warehouse_url, out_dir=out)
    assert second.sent == [] and len(second.already) == 6 and len(inbox.messages) == 6

    # a changed report is held back unless resend is asked for
    with engine.begin() as conn:
        conn.execute(
            text(
                "update dim_opd set nama_opd = 'Dinas Kesehatan Kab. Sragen' where kode_opd = 'DINKES'"
            )
        )
    held = weekly("2023-W27", warehouse_url=warehouse_url, out_dir=out)
    assert sorted(i.laporan for i in held.changed_not_resent) == ["bkpsdm", "opd:DINKES"]
    assert held.sent == [] and len(inbox.messages) == 6
    dry = weekly("2023-W27", dry_run=True, resend=True, warehouse_url=warehouse_url, out_dir=out)
    assert sorted(i.laporan for i in dry.sent) == ["bkpsdm", "opd:DINKES"]
    assert len(inbox.messages) == 6  # a dry run sends nothing
    resent = weekly("2023-W27", resend=True, warehouse_url=warehouse_url, out_dir=out)
    assert sorted(i.penerima for i in resent.sent) == [
        "dinkes@sragen.example",
        "kepala@bkpsdm.example",
    ]
    # marked as a correction of the report sent before
    assert "Perbaikan: " + SUBJECT.format("Dinas Kesehatan Kab. Sragen", 27) in {
        m["Subject"] for m in inbox.messages[-2:]
    }
    assert len(inbox.messages) == 8

    # a send of an earlier week left uncertain (run killed mid-send) is listed every week,
    # and not sent by itself
    with engine.begin() as conn:
        conn.execute(
            delivery_log.insert().values(
                periode="2023-W26",
                laporan="opd:DINKES",
                penerima="dinkes@sragen.example",
                content_hash="x",
                message_id="<m@x>",
                status="mengirim",
                waktu=datetime(2023, 7, 3, 0, 0),
            )
        )
    later = weekly("2023-W27", warehouse_url=warehouse_url, out_dir=out)
    assert [(i.periode, i.laporan) for i in later.uncertain] == [("2023-W26", "opd:DINKES")]
    assert len(inbox.messages) == 8
    engine.dispose()


def test_server_down_then_back(prefect_harness, smtp, warehouse_url, tmp_path, monkeypatch):
    from flows.weekly import weekly

    inbox, _, state, make = smtp
    _use_smtp(monkeypatch, state)
    engine = _fresh_golden(warehouse_url)
    out = tmp_path / "out"
    state["controller"].stop()
    state["controller"] = None

    state_down = weekly(
        "2023-W29", warehouse_url=warehouse_url, out_dir=str(out), return_state=True
    )
    # the run ends Failed (an operator's automation sees it), says why, and keeps its work:
    # the reports are there, every failure is logged for the next run
    assert state_down.is_failed()
    assert state_down.message.startswith("1 masalah: 6 email gagal terkirim (")
    down = state_down.result(raise_on_failure=False).summary
    assert down.sent == [] and len(down.failed) == 6
    pages = sorted(p.name for p in (out / "minggu" / "2023-W29").glob("*.html"))
    assert pages == [
        "opd_BKPSDM.html",
        "opd_DINKES.html",
        "opd_DISDIK.html",
        "opd_KEC_GEMOLONG.html",
        "opd_RSUD_SOEHADI.html",
        "opd_SETDA.html",
        "ringkasan.html",
    ]
    with engine.connect() as conn:
        log = conn.execute(select(delivery_log.c.penerima, delivery_log.c.status)).all()
    assert sorted(log) == sorted((to, "gagal") for to, _ in _expected(29))

    # meanwhile SETDA changed its address: its failed W29 send is cancelled, not retried
    with engine.begin() as conn:
        conn.execute(
            text("update dim_opd set email = 'sekda@sragen.example' where kode_opd = 'SETDA'")
        )
    state["controller"] = make()
    state["controller"].start()
    # the next Monday's run (W30) also retries W29's failed sends, and nobody else's
    back = weekly("2023-W30", warehouse_url=warehouse_url, out_dir=str(out))
    assert back.failed == []
    assert sorted((i.periode, i.penerima) for i in back.sent if i.periode == "2023-W29") == [
        ("2023-W29", to) for to, _ in _expected(29) if to != "setda@sragen.example"
    ]
    w30 = [(t.replace("setda@", "sekda@"), s) for t, s in _expected(30)]
    assert sorted((m["To"], m["Subject"]) for m in inbox.messages) == sorted(
        [p for p in _expected(29) if p[0] != "setda@sragen.example"] + w30
    )
    with engine.connect() as conn:
        status = conn.execute(
            select(delivery_log.c.status).where(
                delivery_log.c.periode == "2023-W29",
                delivery_log.c.penerima == "setda@sragen.example",
            )
        ).scalar_one()
    assert status == "batal"
    again = weekly("2023-W30", warehouse_url=warehouse_url, out_dir=str(out))
    assert again.sent == [] and len(inbox.messages) == 11
    engine.dispose()


def test_refreshes_a_stale_warehouse_first_and_writes_the_outbox(prefect_harness, tmp_path):
    from flows.weekly import weekly

    url = f"sqlite:///{tmp_path / 'w.db'}"
    out = tmp_path / "out"
    # an empty warehouse and no source: nothing to report from, said plainly
    with pytest.raises(MekarError, match="jalankan 'mekar run nightly' dulu"):
        weekly("2023-W27", warehouse_url=url, out_dir=str(out))

    first = weekly("2023-W27", data_dir=str(GOLDEN / "mini"), warehouse_url=url, out_dir=str(out))
    assert first.refreshed and first.stale is None
    from mekar.warehouse.db import make_engine

    refreshed_at = last_refresh(make_engine(url))
    assert refreshed_at is not None
    # no SMTP host: .eml files in the outbox; no BKPSDM address: the summary is a page only
    eml = sorted(p.name.split("__")[0] for p in (out / "outbox").glob("*.eml"))
    assert eml == [to for to, _ in OPD_RECIPIENTS] and first.bkpsdm_tanpa_penerima
    assert (out / "minggu" / "2023-W27" / "ringkasan.html").is_file()

    second = weekly("2023-W27", data_dir=str(GOLDEN / "mini"), warehouse_url=url, out_dir=str(out))
    assert not second.refreshed and second.sent == []
    assert last_refresh(make_engine(url)) == refreshed_at

    # stale and no source to refresh from: nothing is sent (a dry run may look, and says so)
    with make_engine(url).begin() as conn:
        conn.execute(text("delete from refresh_log"))
    with pytest.raises(MekarError, match="tidak ada sumber data untuk memperbaruinya"):
        weekly("2023-W28", warehouse_url=url, out_dir=str(out))
    look = weekly("2023-W28", dry_run=True, warehouse_url=url, out_dir=str(out))
    assert "belum pernah diperbarui" in look.stale and len(look.sent) == 5
    assert len(list((out / "outbox").glob("*.eml"))) == 5  # W27's only

    # a week that has not ended is not sent
    with pytest.raises(MekarError, match="Minggu 2999-W01 belum selesai"):
        weekly("2999-W01", data_dir=str(GOLDEN / "mini"), warehouse_url=url, out_dir=str(out))
