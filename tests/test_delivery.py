"""Sending: a real SMTP server on loopback (aiosmtpd, STARTTLS and login), read back; the
delivery log makes every message go out exactly once (SQLite and PostgreSQL)."""

from __future__ import annotations

import csv
import datetime as dt
import email
import io
import socket
import ssl
from email.message import EmailMessage
from email.policy import default
from email.utils import make_msgid

import pytest
from sqlalchemy import select

from mekar.deliver.csv_safe import csv_bytes, neutralise
from mekar.deliver.log import Outgoing, deliver
from mekar.deliver.mailer import OutboxMailer, SmtpMailer
from mekar.warehouse.db import ensure_schema, make_engine
from mekar.warehouse.schema import delivery_log


def _self_signed(tmp_path):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.IPAddress(__import__("ipaddress").ip_address("127.0.0.1"))]
            ),
            False,
        )
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


class Inbox:
    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=default))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp(tmp_path):
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword

    cert, key = _self_signed(tmp_path)
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_tls.load_cert_chain(cert, key)

    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (
            b"mekar",
            b"rahasia",
        )
        return AuthResult(success=ok)

    inbox, port = Inbox(), _free_port()

    def make():
        return Controller(
            inbox,
            hostname="127.0.0.1",
            port=port,
            tls_context=server_tls,
            require_starttls=True,
            authenticator=authenticate,
            auth_require_tls=True,
        )

    client_tls = ssl.create_default_context(cafile=str(cert))
    mailer = SmtpMailer(
        "127.0.0.1", port, "mekar", "rahasia", starttls=True, timeout=5, tls_context=client_tls
    )
    controller = make()
    controller.start()
    state = {"controller": controller}
    yield inbox, mailer, state, make
    if state["controller"] is not None:
        state["controller"].stop()


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


def test_csv_attachment_bytes():
    data = csv_bytes(["nip", "nama"], [["198503122010011003", '=HYPERLINK("http://x")']])
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows == [["nip", "nama"], ["198503122010011003", '\'=HYPERLINK("http://x")']]
