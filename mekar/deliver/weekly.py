"""A week's reports: read the week from the warehouse, draw its charts, compose every email
and keep each as a page under out/minggu/<week>/, before anything is sent. Sending is the
delivery log's business (deliver.log); this module only says what would go to whom."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, inspect, text

from mekar.config import Settings
from mekar.deliver.compose import Email, compose_bkpsdm_email, compose_opd_email
from mekar.deliver.log import Outgoing
from mekar.errors import MekarError
from mekar.report.charts import jp_bin_counts, jp_histograms, persen_bars
from mekar.report.week_data import opd_week, recipients_of, regency_week, week_sessions
from mekar.week import Week


@dataclass
class WeekBatch:
    week: Week
    pages_dir: Path
    emails: list[Email] = field(default_factory=list)
    tanpa_penerima: list[str] = field(default_factory=list)  # OPDs with no address
    dilewati: list[str] = field(default_factory=list)  # nothing to report, empty_report=none
    bkpsdm_tanpa_penerima: bool = False
    opd_pages: int = 0

    def outgoing(self, sender: str, timezone: str = "Asia/Jakarta") -> list[Outgoing]:
        """One item per (email, recipient), in a stable order: OPDs first, BKPSDM last."""
        return [
            Outgoing(
                self.week.iso,
                mail.laporan,
                address,
                mail.content_hash,
                lambda mail=mail, address=address: mail.message(address, sender, timezone),
            )
            for mail in self.emails
            for address in mail.recipients
        ]


def prepare_week(
    engine: Engine,
    week: Week,
    out_dir: Path,
    settings: Settings,
    opd: str | None = None,
    progress: Callable[[str], None] = lambda _msg: None,
) -> WeekBatch:
    """Compose the week's emails (every OPD, or only `opd`, which then gets no BKPSDM
    summary) and write them as pages. Nothing is sent here."""
    pages = Path(out_dir) / "minggu" / week.iso
    batch = WeekBatch(week, pages)
    if "dim_opd" not in inspect(engine).get_table_names():
        raise MekarError(
            "Gudang data belum berisi hasil hitungan: jalankan 'mekar run nightly' dulu, "
            "atau beri --data agar run mingguan memperbaruinya."
        )
    with engine.connect() as conn:
        codes = sorted(conn.scalars(text("select kode_opd from dim_opd")))
        if opd is not None and opd not in codes:
            known = ", ".join(codes[:10]) + (" …" if len(codes) > 10 else "")
            raise MekarError(f"Kode OPD '{opd}' tidak ada di lembar opd (yang ada: {known}).")
        selected = [opd] if opd else codes
        sessions = week_sessions(conn, week)
        with jp_histograms() as draw:
            for i, code in enumerate(selected, start=1):
                data = opd_week(conn, week, code, sessions)
                chart, chart_file = None, None
                if not data.nothing_to_report:  # the short message has no chart
                    chart_path = pages / "img" / f"opd_{code}.png"
                    counts = jp_bin_counts(data.jp_counts())
                    draw(counts, f"{code}, s.d. minggu {week.number}/{week.year}", chart_path)
                    chart, chart_file = chart_path.read_bytes(), f"img/{chart_path.name}"
                mail = compose_opd_email(data, chart, chart_file)
                _write(pages / f"opd_{code}.html", mail.page)
                batch.opd_pages += 1
                if mail.ringkas and settings.smtp.empty_report == "none":
                    batch.dilewati.append(code)
                elif not mail.recipients:
                    batch.tanpa_penerima.append(code)
                else:
                    batch.emails.append(mail)
                if i % 10 == 0 or i == len(selected):
                    progress(f"{i}/{len(selected)} laporan OPD disusun")
        if opd is None:
            regency = regency_week(conn, week)
            chart, chart_file = None, None
            if regency.peringkat:  # no OPD with active ASN yet (a new year): no chart
                chart_path = pages / "img" / "ringkasan.png"
                persen_bars(
                    [(r.nama_opd, r.persen) for r in regency.peringkat],
                    f"S.d. minggu {week.number}/{week.year}",
                    chart_path,
                )
                chart, chart_file = chart_path.read_bytes(), "img/ringkasan.png"
            recipients = [a for r in settings.smtp.bkpsdm for a in recipients_of(r)]
            summary = compose_bkpsdm_email(regency, recipients, chart, chart_file, batch.dilewati)
            _write(pages / "ringkasan.html", summary.page)
            if recipients:
                batch.emails.append(summary)
            else:
                batch.bkpsdm_tanpa_penerima = True
    return batch


def _write(path: Path, html: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")


@dataclass
class WeeklySummary:
    """What a weekly run did, for the console and the flow's artifact."""

    week: Week
    pages_dir: Path
    via: str  # "SMTP host:port" or "folder outbox …"
    dry_run: bool
    sent: list[Outgoing]  # in a dry run: what would be sent
    already: list[Outgoing]
    changed_not_resent: list[Outgoing]
    uncertain: list[Outgoing]  # a run died mid-send: sent only with --resend
    failed: list[tuple[Outgoing, str]]
    opd_pages: int
    tanpa_penerima: list[str]
    dilewati: list[str]
    bkpsdm_tanpa_penerima: bool
    refreshed: bool = False
    stale: str | None = None  # why the warehouse could not be refreshed first
    seconds: dict[str, float] = field(default_factory=dict)
