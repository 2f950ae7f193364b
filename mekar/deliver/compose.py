"""The week's emails: one per OPD and BKPSDM's regency summary.

Each is HTML with inline styles (no stylesheet, no SVG, no script: common clients drop them),
its chart as an inline PNG part, a plain-text alternative read line by line, and workbook
attachments (deliver.workbooks) whose cells cannot run as formulas. The same HTML, with the
chart as a file beside it, is kept as a page under out/minggu/<week>/ so the report exists
even when mail cannot go out. An OPD's email
carries that OPD's ASN only (privacy). What a message says is fingerprinted so the delivery
log can tell a changed report from one already sent.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from functools import cache
from zoneinfo import ZoneInfo

from mekar.deliver.opd_lists import opd_lists
from mekar.deliver.workbooks import bkpsdm_workbook, opd_workbook
from mekar.report.formatting import made_at
from mekar.report.render import template_environment
from mekar.report.risk import rule_sentence
from mekar.report.week_data import OpdWeek
from mekar.report.week_regency import RegencyWeek

# Rows shown in a body; the attachment always has all of them.
SHOWN_IN_BODY = 50
# The oldest waiting reports BKPSDM reads first; 50 of them made a phone scroll for metres.
WAITING_SHOWN = 20
CHART_CID = "grafik"

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Email:
    laporan: str  # "opd:DINKES" or "bkpsdm": the delivery log's report key
    recipients: tuple[str, ...]
    subject: str
    html: str  # images referenced as cid:
    text: str
    chart: bytes | None
    attachments: tuple[tuple[str, bytes], ...]  # (file name, CSV or workbook bytes)
    page: str  # the same HTML for a browser, the chart as a file beside it
    ringkas: bool = False  # the short "nothing to report" message

    @property
    def content_hash(self) -> str:
        digest = hashlib.sha256()
        # the "Dibuat" time is when it was composed, not what it says
        for part in (self.subject, _STAMP.sub("", self.html), self.text):
            digest.update(part.encode())
            digest.update(b"\0")
        digest.update(self.chart or b"")
        for name, data in self.attachments:
            digest.update(name.encode() + b"\0" + data)
        return digest.hexdigest()

    def message(
        self, to: str, sender: str, timezone: str = "Asia/Jakarta", correction: bool = False
    ) -> EmailMessage:
        """`correction`: this report went to `to` before with other numbers."""
        message = EmailMessage()
        message["From"] = sender
        message["To"] = to
        message["Subject"] = f"Perbaikan: {self.subject}" if correction else self.subject
        # The agency's clock, whatever the server's: "Mon, 17 Jul 2023 07:00:12 +0700".
        message["Date"] = format_datetime(datetime.now(ZoneInfo(timezone)))
        message["Message-ID"] = make_msgid(domain="mekar.sragen")
        message.set_content(self.text)
        message.add_alternative(self.html, subtype="html")
        if self.chart:
            html_part = message.get_payload()[1]
            html_part.add_related(self.chart, "image", "png", cid=f"<{CHART_CID}>")
        for name, data in self.attachments:
            maintype, subtype = XLSX.split("/")
            message.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
        return message


@cache
def _environment():
    # Compiled once per process: compiling the templates for every OPD cost 1.5 s at S1.
    return template_environment()


_STAMP = re.compile(r"<!--dibuat-->.*?<!--/dibuat-->", re.S)


def _render(name: str, chart_file: str | None, **context) -> tuple[str, str, str]:
    """(email HTML, page HTML, plain text) of one template pair."""
    context.setdefault("dibuat", made_at())
    env = _environment()
    html = env.get_template(f"{name}.html")
    email_html = html.render(grafik=f"cid:{CHART_CID}", untuk_email=True, **context)
    page = html.render(grafik=chart_file, untuk_email=False, **context)
    return email_html, page, env.get_template(f"{name}.txt").render(**context)


def plain(text: str) -> str:
    """A name as a Subject may carry it: markup and control characters taken out (a header
    is plain text; a mail client shows `<b>` as typed), white space collapsed."""
    text = re.sub(r"<[^>]*>", "", text)
    return " ".join("".join(c if c.isprintable() else " " for c in text).split()) or "-"


def opd_subject(data: OpdWeek) -> str:
    return (
        f"Laporan Sragen Mekar — {plain(data.nama_opd)} — "
        f"Minggu {data.week.number}/{data.week.year}"
    )


def compose_opd_email(
    data: OpdWeek, chart: bytes | None, chart_file: str | None, pages_url: str | None = None
) -> Email:
    """`pages_url`: where the year's pages are published (Settings.pages_url): the email
    links to the OPD's page."""
    subject = opd_subject(data)
    ringkas = data.nothing_to_report
    below = data.di_bawah
    context = {
        "subjek": subject,
        "d": data,
        "di_bawah": below,
        "daftar": opd_lists(data, SHOWN_IN_BODY),  # each ASN listed once
        "tampil": SHOWN_IN_BODY,
        "aturan": rule_sentence(data.pace_after),
        "halaman": f"{pages_url.rstrip('/')}/opd/{data.kode_opd}.html" if pages_url else None,
    }
    html, page, plain = _render("email_opd", None if ringkas else chart_file, **context)
    attachments = ()
    if data.asn and not ringkas:
        name = f"asn_{data.kode_opd}_{data.week.iso}.xlsx"
        attachments = ((name, opd_workbook(data)),)
    return Email(
        laporan=f"opd:{data.kode_opd}",
        recipients=tuple(data.recipients),
        subject=subject,
        html=html,
        text=plain,
        chart=None if ringkas else chart,
        attachments=attachments,
        page=page,
        ringkas=ringkas,
    )


def bkpsdm_subject(data: RegencyWeek) -> str:
    return f"Ringkasan Sragen Mekar — Kabupaten Sragen — Minggu {data.week.number}/{data.week.year}"


def compose_bkpsdm_email(
    data: RegencyWeek,
    recipients: list[str],
    chart: bytes | None,
    chart_file: str | None,
    opd_tanpa_email_terkirim: list[str] | None = None,
    opd_ditahan: bool = False,
) -> Email:
    """`opd_ditahan`: the OPD emails of this week were held (a year with no session yet)."""
    subject = bkpsdm_subject(data)
    context = {
        "subjek": subject,
        "d": data,
        "tampil": SHOWN_IN_BODY,
        "tampil_menunggu": WAITING_SHOWN,
        "dilewati": opd_tanpa_email_terkirim or [],
        "opd_ditahan": opd_ditahan,
    }
    html, page, plain = _render("email_bkpsdm", chart_file, **context)
    attachments = ((f"ringkasan_{data.week.iso}.xlsx", bkpsdm_workbook(data)),)
    return Email(
        laporan="bkpsdm",
        recipients=tuple(recipients),
        subject=subject,
        html=html,
        text=plain,
        chart=chart,
        attachments=tuple(attachments),
        page=page,
    )
