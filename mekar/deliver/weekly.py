"""A week's reports: read the week from the warehouse, draw its charts, compose every email
and keep each as a page under out/minggu/<week>/, before anything is sent. Sending is the
delivery log's business (deliver.log); this module only says what would go to whom."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from difflib import get_close_matches
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, inspect, text

from mekar.addresses import invalid_addresses_of, recipients_of
from mekar.config import Settings
from mekar.deliver.compose import Email, compose_bkpsdm_email, compose_opd_email
from mekar.deliver.log import Outgoing
from mekar.errors import MekarError
from mekar.report.charts import jp_bin_counts, jp_histograms, persen_bars
from mekar.report.formatting import tanggal
from mekar.report.week_data import opd_week, week_facts
from mekar.report.week_regency import regency_week
from mekar.warehouse.freshness import is_stale, last_nightly_slot, last_refresh
from mekar.week import Week


@dataclass
class WeekBatch:
    week: Week
    pages_dir: Path
    emails: list[Email] = field(default_factory=list)
    tanpa_penerima: list[str] = field(default_factory=list)  # OPDs with no address
    alamat_tidak_sah: list[str] = field(default_factory=list)  # "KODE: address" not mailed
    dilewati: list[str] = field(default_factory=list)  # nothing to report, empty_report=none
    bkpsdm_tanpa_penerima: bool = False
    opd_pages: int = 0
    ringkasan: bool = False  # the BKPSDM summary was composed (not for a single OPD)
    # the year has no session in the catalog yet: OPD emails held, BKPSDM told once a week
    opd_ditahan: bool = False

    def outgoing(self, sender: str, timezone: str = "Asia/Jakarta") -> list[Outgoing]:
        """One item per (email, recipient), in a stable order: OPDs first, BKPSDM last."""
        return [
            Outgoing(
                self.week.iso,
                mail.laporan,
                address,
                mail.content_hash,
                lambda mail=mail, address=address: mail.message(address, sender, timezone),
                lambda mail=mail, address=address: mail.message(
                    address, sender, timezone, correction=True
                ),
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
    require_marts(engine)
    if opd is not None:
        opd = check_opd(engine, opd)
    with engine.connect() as conn:
        codes = sorted(conn.scalars(text("select kode_opd from dim_opd")))
        selected = [opd] if opd else codes
        facts = week_facts(conn, week, settings.pace_after_share_of_year, settings.zoom_host_names)
        # Fifty emails saying "no session yet" teach people to ignore the next fifty.
        quiet = facts.first_session is None and settings.smtp.year_without_sessions == "bkpsdm"
        batch.opd_ditahan = quiet
        with jp_histograms() as draw:
            for i, code in enumerate(selected, start=1):
                data = opd_week(conn, week, code, facts, settings.bkpsdm_contact.line)
                chart, chart_file = None, None
                if not data.nothing_to_report:  # the short message has no chart
                    chart_path = pages / "img" / f"opd_{code}.png"
                    counts = jp_bin_counts(data.jp_counts())
                    draw(counts, f"{code}, s.d. minggu {week.number}/{week.year}", chart_path)
                    chart, chart_file = chart_path.read_bytes(), f"img/{chart_path.name}"
                mail = compose_opd_email(data, chart, chart_file, settings.pages_url)
                batch.alamat_tidak_sah += [f"{code}: {a}" for a in data.alamat_tidak_sah]
                _write(pages / f"opd_{code}.html", mail.page)
                batch.opd_pages += 1
                if quiet:
                    pass  # the page is written; the BKPSDM summary says why none was sent
                elif mail.ringkas and settings.smtp.empty_report == "none":
                    batch.dilewati.append(code)
                elif not mail.recipients:
                    batch.tanpa_penerima.append(code)
                else:
                    batch.emails.append(mail)
                if i % 10 == 0 or i == len(selected):
                    progress(f"{i}/{len(selected)} laporan OPD disusun")
        if opd is None:
            regency = regency_week(conn, week, facts)
            chart, chart_file = None, None
            if regency.peringkat:  # no OPD with active ASN yet (a new year): no chart
                chart_path = pages / "img" / "ringkasan.png"
                persen_bars(
                    [
                        (r.kode_opd, r.persen) for r in regency.peringkat
                    ],  # codes: short at a phone's width
                    f"S.d. minggu {week.number}/{week.year}",
                    chart_path,
                )
                chart, chart_file = chart_path.read_bytes(), "img/ringkasan.png"
            recipients = [a for r in settings.smtp.bkpsdm for a in recipients_of(r)]
            batch.alamat_tidak_sah += [
                f"smtp.bkpsdm: {a}" for r in settings.smtp.bkpsdm for a in invalid_addresses_of(r)
            ]
            summary = compose_bkpsdm_email(
                regency, recipients, chart, chart_file, batch.dilewati, batch.opd_ditahan
            )
            _write(pages / "ringkasan.html", summary.page)
            batch.ringkasan = True
            if recipients:
                batch.emails.append(summary)
            else:
                batch.bkpsdm_tanpa_penerima = True
    return batch


def require_marts(engine: Engine) -> None:
    if "dim_opd" not in inspect(engine).get_table_names():
        raise MekarError(
            "Gudang data belum berisi hasil hitungan: jalankan 'mekar run nightly' dulu, "
            "atau beri --data agar run mingguan memperbaruinya."
        )


def check_opd(engine: Engine, opd: str) -> str:
    """The OPD code as the opd sheet writes it (any case), or a message with the nearest."""
    with engine.connect() as conn:
        names = dict(conn.execute(text("select kode_opd, nama_opd from dim_opd")).all())
    by_upper = {code.upper(): code for code in names}
    wanted = opd.strip().upper()
    if wanted in by_upper:
        return by_upper[wanted]
    near = get_close_matches(wanted, list(by_upper), n=3, cutoff=0.5)
    near += [
        code
        for code, name in names.items()
        if wanted.lower() in name.lower() and code.upper() not in near
    ][:3]
    hint = (
        "Mungkin: " + ", ".join(f"{by_upper.get(c, c)} ({names[by_upper.get(c, c)]})" for c in near)
        if near
        else "Lihat kolom Kode OPD di lembar opd"
    )
    raise MekarError(f"Kode OPD '{opd}' tidak ada di lembar opd. {hint}.")


def refuse_unfinished(week: Week, today: date, dry_run: bool) -> None:
    """A week is reported once it has ended: numbers of a week in progress would go out as
    final and the real ones would then count as a changed report."""
    if week.sunday >= today and not dry_run:
        raise MekarError(
            f"Minggu {week.iso} belum selesai (berakhir {tanggal(week.sunday)}): laporan "
            "mingguan dikirim setelah minggunya berakhir. Gunakan --dry-run untuk melihatnya."
        )


def staleness(engine: Engine, settings: Settings, now_utc: datetime) -> str | None:
    """Why the warehouse is too old to report from (None when it is fresh enough)."""
    last = last_refresh(engine)
    if not is_stale(last, now_utc, settings.nightly_time, settings.timezone):
        return None
    slot = last_nightly_slot(now_utc, settings.nightly_time, settings.timezone)
    zone = ZoneInfo(settings.timezone)

    def local(moment: datetime) -> str:  # stored in UTC; staff read their own clock
        return f"{moment.replace(tzinfo=UTC).astimezone(zone):%Y-%m-%d %H:%M} {settings.timezone}"

    when = f"terakhir diperbarui {local(last)}" if last else "belum pernah diperbarui"
    return f"Gudang data {when}, sebelum jadwal malam {local(slot)}"


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
    ringkasan: bool = False
    refreshed: bool = False
    stale: str | None = None  # why the warehouse could not be refreshed first
    seconds: dict[str, float] = field(default_factory=dict)
    alamat_tidak_sah: list[str] = field(default_factory=list)
    opd_ditahan: bool = False  # a year with no session yet: OPD emails held
