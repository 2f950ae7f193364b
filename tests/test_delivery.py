"""Sending: a real SMTP server on loopback (aiosmtpd, STARTTLS and login), read back; the
delivery log makes every message go out exactly once (SQLite and PostgreSQL)."""

from __future__ import annotations

import email
from email.message import EmailMessage
from email.policy import default
from email.utils import make_msgid

import pytest
from sqlalchemy import select

from mekar.deliver.csv_safe import neutralise
from mekar.deliver.log import Outgoing, deliver
from mekar.deliver.mailer import OutboxMailer
from mekar.warehouse.db import ensure_schema, make_engine
from mekar.warehouse.schema import delivery_log


def _outgoing(recipients: dict[str, str], periode="2023-W28", body="Isi laporan") -> list[Outgoing]:
    items = []
    for laporan, address in recipients.items():

        def build(laporan=laporan, address=address):
            message = EmailMessage()
            message["From"] = "mekar@bkpsdm.sragen.example"
            message["To"] = address
            message["Subject"] = f"Laporan Sragen Mekar — {laporan} — Minggu 28/2023"
            message["Message-ID"] = make_msgid(domain="mekar.sragen.example")
            message.set_content(f"{body} untuk {laporan}")
            return message

        digest = __import__("hashlib").sha256(f"{body}{laporan}".encode()).hexdigest()
        items.append(Outgoing(periode, laporan, address, digest, build))
    return items


RECIPIENTS = {
    "opd:DINKES": "dinkes@sragen.example",
    "opd:SETDA": "setda@sragen.example",
    "bkpsdm": "bkpsdm@sragen.example",
}


def _log(engine):
    with engine.connect() as conn:
        return sorted((r.laporan, r.penerima, r.status) for r in conn.execute(select(delivery_log)))


def test_each_recipient_gets_one_message_and_a_rerun_sends_nothing(smtp, warehouse_url):
    inbox, mailer, *_ = smtp
    engine = make_engine(warehouse_url)
    ensure_schema(engine)

    first = deliver(engine, mailer, _outgoing(RECIPIENTS))
    assert len(first.sent) == 3 and not first.failed
    assert sorted((m["To"], m["Subject"]) for m in inbox.messages) == [
        ("bkpsdm@sragen.example", "Laporan Sragen Mekar — bkpsdm — Minggu 28/2023"),
        ("dinkes@sragen.example", "Laporan Sragen Mekar — opd:DINKES — Minggu 28/2023"),
        ("setda@sragen.example", "Laporan Sragen Mekar — opd:SETDA — Minggu 28/2023"),
    ]
    assert {row[2] for row in _log(engine)} == {"terkirim"}

    again = deliver(engine, mailer, _outgoing(RECIPIENTS))
    assert len(again.already) == 3 and not again.sent
    assert len(inbox.messages) == 3

    # a changed report goes again only when asked
    changed = _outgoing(RECIPIENTS, body="Isi baru")
    assert len(deliver(engine, mailer, changed).changed_not_resent) == 3
    assert len(inbox.messages) == 3
    assert len(deliver(engine, mailer, changed[:1], resend=True).sent) == 1
    assert len(inbox.messages) == 4
    engine.dispose()


class _DiesAfterSending:
    """The process is killed right after the server took the message, before the log."""

    def __init__(self, mailer):
        self.mailer = mailer

    def describe(self) -> str:
        return "dies"

    def send(self, message) -> None:
        self.mailer.send(message)
        raise SystemExit("killed")


def test_a_run_killed_mid_send_never_sends_twice_by_itself(smtp, warehouse_url):
    inbox, mailer, *_ = smtp
    engine = make_engine(warehouse_url)
    ensure_schema(engine)
    items = _outgoing(RECIPIENTS)
    with pytest.raises(SystemExit):
        deliver(engine, _DiesAfterSending(mailer), items)
    assert len(inbox.messages) == 1
    assert _log(engine) == [("opd:DINKES", "dinkes@sragen.example", "mengirim")]

    # the next run sends the others; the uncertain one waits for a person to decide
    after = deliver(engine, mailer, items)
    assert [i.laporan for i in after.uncertain] == ["opd:DINKES"]
    assert sorted(i.laporan for i in after.sent) == ["bkpsdm", "opd:SETDA"]
    assert len(inbox.messages) == 3
    resent = deliver(engine, mailer, items, resend=True)
    assert [i.laporan for i in resent.sent] == ["opd:DINKES"] and len(inbox.messages) == 4
    assert {row[2] for row in _log(engine)} == {"terkirim"}
    engine.dispose()


def test_a_message_that_cannot_be_built_fails_alone(smtp, warehouse_url):
    inbox, mailer, *_ = smtp
    engine = make_engine(warehouse_url)
    ensure_schema(engine)
    items = _outgoing(RECIPIENTS)

    def broken():
        raise ValueError("alamat tidak valid")

    items[0] = Outgoing(items[0].periode, items[0].laporan, "x", "h", broken)
    report = deliver(engine, mailer, items)
    assert [(i.laporan, why) for i, why in report.failed] == [
        ("opd:DINKES", "ValueError: alamat tidak valid")
    ]
    assert len(report.sent) == 2 and len(inbox.messages) == 2
    engine.dispose()


def test_server_down_then_back_only_the_failed_are_retried(smtp, warehouse_url):
    inbox, mailer, state, make = smtp
    engine = make_engine(warehouse_url)
    ensure_schema(engine)
    deliver(engine, mailer, _outgoing({"opd:DINKES": "dinkes@sragen.example"}))
    state["controller"].stop()
    state["controller"] = None

    down = deliver(engine, mailer, _outgoing(RECIPIENTS))
    assert [i.laporan for i in down.already] == ["opd:DINKES"]
    assert sorted(i.laporan for i, _ in down.failed) == ["bkpsdm", "opd:SETDA"]
    assert ("opd:SETDA", "setda@sragen.example", "gagal") in _log(engine)

    state["controller"] = make()
    state["controller"].start()
    back = deliver(engine, mailer, _outgoing(RECIPIENTS))
    assert sorted(i.laporan for i in back.sent) == ["bkpsdm", "opd:SETDA"]
    assert sorted(m["To"] for m in inbox.messages) == [
        "bkpsdm@sragen.example",
        "dinkes@sragen.example",
        "setda@sragen.example",
    ]  # nobody twice
    assert {row[2] for row in _log(engine)} == {"terkirim"}
    engine.dispose()


def test_wrong_password_is_a_failure_not_a_send(smtp, tmp_path):
    inbox, mailer, *_ = smtp
    engine = make_engine(f"sqlite:///{tmp_path / 'w.db'}")
    ensure_schema(engine)
    mailer._password = "salah"
    report = deliver(engine, mailer, _outgoing({"bkpsdm": "bkpsdm@sragen.example"}))
    [(_, why)] = report.failed  # refused (or cut off) by the server: recorded, not sent
    assert why.startswith("SMTP")
    assert "salah" not in why
    assert inbox.messages == []
    assert "rahasia" not in mailer.describe()


def test_outbox_writes_eml_files(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'w.db'}")
    ensure_schema(engine)
    report = deliver(engine, OutboxMailer(tmp_path / "outbox"), _outgoing(RECIPIENTS))
    files = sorted((tmp_path / "outbox").glob("*.eml"))
    assert len(report.sent) == len(files) == 3
    parsed = email.message_from_bytes(files[0].read_bytes(), policy=default)
    assert parsed["To"] == "bkpsdm@sragen.example"
    assert parsed.get_content().strip() == "Isi laporan untuk bkpsdm"
    # a changed report sent again lands beside the first, never over it
    changed = _outgoing(RECIPIENTS, body="Isi baru")
    assert len(deliver(engine, OutboxMailer(tmp_path / "outbox"), changed, resend=True).sent) == 3
    files = sorted(p.name for p in (tmp_path / "outbox").glob("*.eml"))
    assert len(files) == 6 and files[0] == files[1].replace(".eml", "-2.eml")


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+62812", "'+62812"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=x", "'\t=x"),
        ("Budi", "Budi"),
        ("198503122010011003", "198503122010011003"),
        (None, ""),
    ],
)
def test_csv_cells_cannot_run_as_formulas(cell, safe):
    assert neutralise(cell) == safe


def test_smtp_password_from_a_prefect_secret_block(prefect_harness, smtp, tmp_path):
    from prefect.blocks.system import Secret

    from mekar.config import SmtpSettings
    from mekar.deliver.mailer import mailer_for
    from mekar.errors import MekarError

    inbox, _, state, _ = smtp
    Secret(value="rahasia").save("mekar-smtp-test", overwrite=True)
    settings = SmtpSettings(
        host="127.0.0.1",
        port=state["port"],
        username="mekar",
        password_block="mekar-smtp-test",
        ca_file=state["cert"],
    )
    mailer = mailer_for(settings, tmp_path / "outbox")
    assert mailer.describe() == f"SMTP 127.0.0.1:{state['port']}"  # never the password
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "a@x.example", "b@x.example", "Uji"
    message["Message-ID"] = make_msgid()
    message.set_content("isi")
    mailer.send(message)  # the server accepts only mekar / rahasia
    assert [m["Subject"] for m in inbox.messages] == ["Uji"]

    # a password that happens to be JSON comes back exactly as stored, not decoded
    from mekar.deliver.mailer import smtp_password

    for typed in ("1.50", "true", "null", '{"a": 1}'):
        Secret(value=typed).save("mekar-smtp-json", overwrite=True)
        assert smtp_password(SmtpSettings(password_block="mekar-smtp-json")) == typed

    with pytest.raises(MekarError, match="Blok Secret Prefect 'tidak-ada'"):
        mailer_for(settings.model_copy(update={"password_block": "tidak-ada"}), tmp_path)
    # no host: the outbox, whatever else is set
    assert (
        mailer_for(SmtpSettings(), tmp_path / "o").describe() == f"folder outbox {tmp_path / 'o'}"
    )
