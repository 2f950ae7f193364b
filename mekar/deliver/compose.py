"""An OPD's weekly email: HTML with inline styles and the JP chart as an inline PNG, a
plain-text alternative, and the ASN below target as a CSV attachment. Only that OPD's ASN
appear in it (privacy), and what it says is fingerprinted for the delivery log."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

from sqlalchemy import Engine, text

from mekar.deliver.csv_safe import csv_bytes
from mekar.report.render import template_environment

# Rows shown in the body; the attachment always has all of them.
SHOWN_IN_BODY = 50
CHART_CID = "grafik-jp"


@dataclass(frozen=True)
class OpdEmail:
    kode_opd: str
    recipients: list[str]
    subject: str
    html: str
    text: str
    attachment_name: str
    attachment: bytes
    chart: bytes | None

    @property
    def content_hash(self) -> str:
        digest = hashlib.sha256()
        for part in (self.subject, self.html, self.text, self.attachment_name):
            digest.update(part.encode())
        digest.update(self.attachment)
        digest.update(self.chart or b"")
        return digest.hexdigest()

    def message(self, to: str, sender: str) -> EmailMessage:
        message = EmailMessage()
        message["From"] = sender
        message["To"] = to
        message["Subject"] = self.subject
        message["Message-ID"] = make_msgid(domain="mekar.sragen")
        message.set_content(self.text)
        message.add_alternative(self.html, subtype="html")
        if self.chart:
            html_part = message.get_payload()[1]
            html_part.add_related(self.chart, "image", "png", cid=f"<{CHART_CID}>")
        message.add_attachment(
            self.attachment, maintype="text", subtype="csv", filename=self.attachment_name
        )
        return message


def week_number(week: str) -> tuple[int, int]:
    """'2023-W28' -> (2023, 28)."""
    year, number = week.split("-W")
    return int(year), int(number)


def compose_opd_email(
    engine: Engine, year: int, week: str, kode_opd: str, report_dir: Path
) -> OpdEmail:
    week_year, number = week_number(week)
    with engine.connect() as conn:
        opd = (
            conn.execute(
                text("select kode_opd, nama_opd, email from dim_opd where kode_opd = :k"),
                {"k": kode_opd},
            )
            .mappings()
            .one()
        )
        kpi = (
            conn.execute(
                text("select * from agg_opd where tahun = :t and kode_opd = :k"),
                {"t": year, "k": kode_opd},
            )
            .mappings()
            .first()
        )
        below = [
            dict(r)
            for r in conn.execute(
                text(
                    "select nip, nama, jenis_asn, jabatan, jp, kurang_jp from fct_compliance "
                    "where tahun = :t and kode_opd = :k and memenuhi = 0"
                ),
                {"t": year, "k": kode_opd},
            ).mappings()
        ]
    below.sort(key=lambda r: (-r["kurang_jp"], r["nama"], r["nip"]))
    has_asn = bool(kpi and kpi["jumlah_asn"])
    context = {
        "opd": opd,
        "kpi": kpi,
        "ada_asn": has_asn,
        "di_bawah": below,
        "tampil": SHOWN_IN_BODY,
        "tahun": week_year,
        "minggu": number,
        "grafik_cid": CHART_CID,
    }
    subject = f"Laporan Sragen Mekar — {opd['nama_opd']} — Minggu {number}/{week_year}"
    env = template_environment()
    chart_path = Path(report_dir) / "img" / f"opd_{kode_opd}.png"
    columns = ["nip", "nama", "jenis_asn", "jabatan", "jp", "kurang_jp"]
    return OpdEmail(
        kode_opd=kode_opd,
        recipients=[a.strip().lower() for a in (opd["email"] or "").split(";") if a.strip()],
        subject=subject,
        html=env.get_template("email_opd.html").render(subjek=subject, **context),
        text=env.get_template("email_opd.txt").render(**context),
        attachment_name=f"asn_di_bawah_target_{kode_opd}_{week}.csv",
        attachment=csv_bytes(columns, ([r[c] for c in columns] for r in below)),
        chart=chart_path.read_bytes() if has_asn and chart_path.is_file() else None,
    )
