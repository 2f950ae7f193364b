"""Where messages go: an SMTP server (STARTTLS and login), or an outbox folder of `.eml`
files when no SMTP server is configured (demo, tests, a machine without mail)."""

from __future__ import annotations

import re
import smtplib
import ssl
from email.message import EmailMessage
from pathlib import Path
from typing import Protocol

from mekar.config import SmtpSettings


class Mailer(Protocol):
    def describe(self) -> str: ...

    def send(self, message: EmailMessage) -> None:
        """Deliver one message or raise (OSError, smtplib.SMTPException)."""
        ...


class SmtpMailer:
    def __init__(
        self,
        host: str,
        port: int = 587,
        username: str | None = None,
        password: str | None = None,
        starttls: bool = True,
        timeout: float = 30.0,
        tls_context: ssl.SSLContext | None = None,
    ):
        self.host, self.port = host, port
        self.username, self._password = username, password
        self.starttls, self.timeout = starttls, timeout
        self.tls_context = tls_context or ssl.create_default_context()

    def describe(self) -> str:
        return f"SMTP {self.host}:{self.port}"  # never the password

    def send(self, message: EmailMessage) -> None:
        smtp = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        try:
            if self.starttls:
                smtp.starttls(context=self.tls_context)
            if self.username:
                smtp.login(self.username, self._password or "")
            smtp.send_message(message)
        finally:
            # Once the server has accepted the message, a failing goodbye changes nothing:
            # it must not turn a delivered message into a failed one (and a second copy).
            try:
                smtp.quit()
            except (OSError, smtplib.SMTPException):
                smtp.close()


class OutboxMailer:
    """Writes each message as `<folder>/<recipient>__<subject>.eml`, ready to open or send."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def describe(self) -> str:
        return f"folder outbox {self.folder}"

    def send(self, message: EmailMessage) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        name = f"{message['To']}__{message['Subject']}"
        # Only word characters, @, - and inner dots: never a path, never a hidden dot-file.
        safe = re.sub(r"[^\w.@-]+", "_", name).replace("..", "_").strip("._")[:150] or "email"
        path, n = self.folder / f"{safe}.eml", 1
        while path.exists():  # a re-sent report sits beside the first, never over it
            n += 1
            path = self.folder / f"{safe}-{n}.eml"
        path.write_bytes(bytes(message))


def smtp_password(smtp: SmtpSettings) -> str | None:
    """From a Prefect Secret block when one is named, else from settings or the environment
    (MEKAR_SMTP__PASSWORD). The password never reaches a message."""
    if not smtp.password_block:
        return smtp.password
    from mekar.secrets import read_secret_block

    return str(
        read_secret_block(smtp.password_block, "kata sandi SMTP", "smtp.password_block", text=True)
    )


def mailer_for(smtp: SmtpSettings, outbox: Path) -> Mailer:
    """The agency's SMTP server when a host is set; otherwise the outbox folder."""
    if not smtp.host:
        return OutboxMailer(outbox)
    tls = ssl.create_default_context(cafile=str(smtp.ca_file) if smtp.ca_file else None)
    return SmtpMailer(
        smtp.host,
        smtp.port,
        smtp.username,
        smtp_password(smtp),
        smtp.starttls,
        timeout=smtp.timeout_seconds,
        tls_context=tls,
    )
