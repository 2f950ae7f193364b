"""The province summary email: one message to the province's recipients (province.recipients),
through the agency's SMTP server or, without one, the outbox folder."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from mekar.config import Settings
from mekar.deliver.compose import Email
from mekar.deliver.mailer import mailer_for
from mekar.report.province import province_context, read_province
from mekar.report.render import template_environment


def compose_province_email(engine: Engine, settings: Settings, year: int | None) -> Email:
    with engine.connect() as conn:
        data = read_province(conn, year)
    nama = settings.province.nama
    subject = f"Ringkasan Sragen Mekar — {nama} — tahun {data.tahun}"
    context = province_context(data, nama, settings.timezone) | {"subjek": subject}
    env = template_environment()
    html = env.get_template("email_provinsi.html").render(**context)
    return Email(
        laporan="provinsi",
        recipients=tuple(settings.province.recipients),
        subject=subject,
        html=html,
        text=env.get_template("email_provinsi.txt").render(**context),
        chart=None,
        attachments=(),
        page=html,
    )


def send_province_email(email: Email, settings: Settings, out_dir: Path) -> list[str]:
    """Send to every recipient; returns who got it. No recipient: nothing is sent."""
    mailer = mailer_for(settings.smtp, Path(out_dir) / "outbox")
    sent = []
    for to in email.recipients:
        mailer.send(email.message(to, settings.smtp.sender, settings.timezone))
        sent.append(to)
    return sent
