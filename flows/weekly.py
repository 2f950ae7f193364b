"""Weekly: each OPD gets its own report by email (Monday 07:00 Asia/Jakarta), exactly once.

First step of issue 5: compose and deliver the OPD emails through SMTP or the outbox. The
week's own sections and BKPSDM's summary email come next.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from sqlalchemy import text

from mekar.config import Settings
from mekar.deliver.compose import compose_opd_email, week_number
from mekar.deliver.log import DeliveryReport, Outgoing, deliver
from mekar.deliver.mailer import OutboxMailer, SmtpMailer
from mekar.warehouse.db import ensure_schema, make_engine


def mailer_for(settings: Settings, out_dir: str):
    smtp = settings.smtp
    if smtp.host:
        return SmtpMailer(smtp.host, smtp.port, smtp.username, smtp.password, smtp.starttls)
    return OutboxMailer(Path(out_dir) / "outbox")


def this_week() -> str:
    year, number, _ = date.today().isocalendar()
    return f"{year}-W{number:02d}"


@task(name="send-opd-emails", cache_policy=NO_CACHE)
def send_opd_emails(
    url: str, week: str, opd: str | None, out_dir: str, settings: Settings, resend: bool
) -> DeliveryReport:
    logger = get_run_logger()
    engine = make_engine(url)
    year, _ = week_number(week)
    with engine.connect() as conn:
        codes = sorted(conn.scalars(text("select kode_opd from dim_opd")))
    if opd:
        codes = [c for c in codes if c == opd]
    outgoing, without_recipient = [], []
    for code in codes:
        mail = compose_opd_email(engine, year, week, code, Path(out_dir))
        if not mail.recipients:
            without_recipient.append(code)
        for address in mail.recipients:
            outgoing.append(
                Outgoing(
                    week,
                    f"opd:{code}",
                    address,
                    mail.content_hash,
                    lambda mail=mail, address=address: mail.message(address, settings.smtp.sender),
                )
            )
    mailer = mailer_for(settings, out_dir)
    logger.info("Mengirim %d email lewat %s", len(outgoing), mailer.describe())
    report = deliver(engine, mailer, outgoing, resend=resend)
    if without_recipient:
        logger.warning("OPD tanpa alamat email: %s", ", ".join(without_recipient))
    for item, why in report.failed:
        logger.warning("Gagal mengirim ke %s (%s): %s", item.penerima, item.laporan, why)
    return report


@flow(name="weekly")
def weekly(
    week: str | None = None,
    opd: str | None = None,
    resend: bool = False,
    warehouse_url: str | None = None,
    out_dir: str | None = None,
) -> DeliveryReport:
    settings = Settings()
    url = warehouse_url or settings.warehouse_url
    out = out_dir or str(settings.out_dir)
    ensure_schema(make_engine(url))
    return send_opd_emails(url, week or this_week(), opd, out, settings, resend)
