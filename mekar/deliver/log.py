"""Sending with a delivery log, so that every weekly email goes out exactly once.

Each message is recorded in its own transaction twice: as `mengirim` just before it is
handed to the server, then as `terkirim` or `gagal`. A crash in between leaves `mengirim`:
the message may or may not have arrived, so it is not sent again by itself (a duplicate is
worse than a question); the run lists it and `--resend` sends it. Everything else in the log
says exactly who has theirs.
"""

from __future__ import annotations

import smtplib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage

from sqlalchemy import Engine, select

from mekar.deliver.mailer import Mailer
from mekar.warehouse.load import sync_scope
from mekar.warehouse.schema import delivery_log


@dataclass(frozen=True)
class Outgoing:
    periode: str  # ISO week, e.g. 2023-W28
    laporan: str  # "opd:DINKES" or "bkpsdm"
    penerima: str  # one email address
    content_hash: str  # digest of what the recipient would read
    build: Callable[[], EmailMessage]  # the message, built only when it is sent
    # The same, marked as correcting a report sent before (a changed report sent again).
    build_correction: Callable[[], EmailMessage] | None = None


@dataclass
class DeliveryReport:
    sent: list[Outgoing] = field(default_factory=list)
    already: list[Outgoing] = field(default_factory=list)  # same content, sent before
    changed_not_resent: list[Outgoing] = field(default_factory=list)  # needs --resend
    uncertain: list[Outgoing] = field(default_factory=list)  # a run died mid-send: --resend
    failed: list[tuple[Outgoing, str]] = field(default_factory=list)


def _previous(engine: Engine, item: Outgoing):
    with engine.connect() as conn:
        return (
            conn.execute(
                select(delivery_log).where(
                    delivery_log.c.periode == item.periode,
                    delivery_log.c.laporan == item.laporan,
                    delivery_log.c.penerima == item.penerima,
                )
            )
            .mappings()
            .first()
        )


def _record(engine: Engine, item: Outgoing, message_id: str, status: str, why: str | None, now):
    row = {
        "content_hash": item.content_hash,
        "message_id": message_id,
        "status": status,
        "pesan": why,
        "waktu": now(),
    }
    scope = {"periode": item.periode, "laporan": item.laporan, "penerima": item.penerima}
    with engine.begin() as conn:
        sync_scope(conn, delivery_log, [row], scope)


def _due(before, item: Outgoing, resend: bool, report: DeliveryReport) -> bool:
    """Whether `item` is to be sent, given its last log row `before`; if not, it is filed
    in `report` with the reason."""
    if before is not None and before["status"] == "mengirim" and not resend:
        report.uncertain.append(item)
        return False
    if before is not None and before["status"] == "terkirim":
        if before["content_hash"] == item.content_hash:
            report.already.append(item)
            return False
        if not resend:
            report.changed_not_resent.append(item)
            return False
    return True


def plan(engine: Engine, outgoing: list[Outgoing], resend: bool = False) -> DeliveryReport:
    """What `deliver` would do (dry run): `sent` lists what would go out; nothing is sent
    and the log is not touched."""
    report = DeliveryReport()
    report.sent = [item for item in outgoing if _due(_previous(engine, item), item, resend, report)]
    return report


def deliver(
    engine: Engine,
    mailer: Mailer,
    outgoing: list[Outgoing],
    resend: bool = False,
    now: Callable[[], datetime] = datetime.now,
) -> DeliveryReport:
    report = DeliveryReport()
    for item in outgoing:
        before = _previous(engine, item)
        if not _due(before, item, resend, report):
            continue
        # due although sent before: a changed report, sent again as a correction
        correcting = (
            before is not None
            and before["status"] == "terkirim"
            and item.build_correction is not None
        )
        try:
            message = item.build_correction() if correcting else item.build()
        except ValueError as error:  # e.g. an address the email library cannot write
            why = f"{type(error).__name__}: {error}"
            _record(engine, item, "-", "gagal", why, now)
            report.failed.append((item, why))
            continue
        _record(engine, item, message["Message-ID"], "mengirim", None, now)
        try:
            mailer.send(message)
        except (OSError, smtplib.SMTPException) as error:
            why = f"{type(error).__name__}: {error}"
            _record(engine, item, message["Message-ID"], "gagal", why, now)
            report.failed.append((item, why))
            continue
        _record(engine, item, message["Message-ID"], "terkirim", None, now)
        report.sent.append(item)
    return report


def failed_earlier(
    engine: Engine, periode: str, status: str = "gagal"
) -> dict[str, set[tuple[str, str]]]:
    """Sends of other weeks that failed and wait for a retry: {week: {(report, recipient)}}.
    With status="mengirim": the uncertain ones, for a person to decide on."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(delivery_log.c.periode, delivery_log.c.laporan, delivery_log.c.penerima).where(
                delivery_log.c.status == status, delivery_log.c.periode != periode
            )
        ).all()
    pending: dict[str, set[tuple[str, str]]] = {}
    for week, laporan, penerima in rows:
        pending.setdefault(week, set()).add((laporan, penerima))
    return pending


def cancel(
    engine: Engine, periode: str, pairs: set[tuple[str, str]], why: str, now=datetime.now
) -> None:
    """A failed send that can no longer be retried (the address left the opd sheet)."""
    with engine.begin() as conn:
        for laporan, penerima in sorted(pairs):
            conn.execute(
                delivery_log.update()
                .where(
                    delivery_log.c.periode == periode,
                    delivery_log.c.laporan == laporan,
                    delivery_log.c.penerima == penerima,
                )
                .values(status="batal", pesan=why, waktu=now())
            )
