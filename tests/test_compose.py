"""An OPD's weekly email, as it arrives: parts, subject, inline chart, attachment, privacy."""

from __future__ import annotations

import csv
import email
import io
from email.policy import default

from mekar.deliver.compose import compose_opd_email
from mekar.report.render import render_reports
from tests.conftest import GOLDEN
from tests.helpers import run_stages


def _parts(message):
    return {part.get_content_type(): part for part in message.walk() if not part.is_multipart()}


def test_opd_email_parts_and_privacy(tmp_path):
    engine, *_ = run_stages(GOLDEN / "mini", f"sqlite:///{tmp_path / 'w.db'}")
    render_reports(engine, 2023, tmp_path / "out")
    mail = compose_opd_email(engine, 2023, "2023-W28", "SETDA", tmp_path / "out")
    message = email.message_from_bytes(
        bytes(mail.message("setda@sragen.example", "mekar@sragen.example")), policy=default
    )

    assert message["Subject"] == "Laporan Sragen Mekar — Sekretariat Daerah — Minggu 28/2023"
    assert mail.recipients == ["setda@sragen.example"]
    parts = _parts(message)
    assert set(parts) == {"text/plain", "text/html", "image/png", "text/csv"}
    html = parts["text/html"].get_content()
    assert 'src="cid:grafik-jp"' in html and parts["image/png"]["Content-ID"] == "<grafik-jp>"
    assert "<style" not in html and "<script" not in html.lower() and "<svg" not in html
    assert "Tatik &lt;b&gt;Sumarni&lt;/b&gt;" in html  # a name carrying markup stays text
    assert parts["text/csv"].get_filename() == "asn_di_bawah_target_SETDA_2023-W28.csv"

    attached = parts["text/csv"].get_payload(decode=True).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(attached)))
    with engine.connect() as conn:
        from sqlalchemy import text

        setda = set(
            conn.scalars(
                text("select nip from fct_compliance where tahun = 2023 and kode_opd = 'SETDA'")
            )
        )
        others = set(
            conn.scalars(
                text("select nip from fct_compliance where tahun = 2023 and kode_opd <> 'SETDA'")
            )
        )
    assert {r["nip"] for r in rows} <= setda and len(rows) == 18
    body = html + parts["text/plain"].get_content() + attached
    assert not any(nip in body for nip in others)
    assert [int(r["kurang_jp"]) for r in rows] == sorted(
        (int(r["kurang_jp"]) for r in rows), reverse=True
    )
    # the same warehouse gives the same content: the delivery log can tell a changed report
    assert (
        compose_opd_email(engine, 2023, "2023-W28", "SETDA", tmp_path / "out").content_hash
        == mail.content_hash
    )
    engine.dispose()
