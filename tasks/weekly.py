"""The weekly run's tasks: compose the week's reports, send them (exactly once, through
the delivery log), publish who got what."""

from __future__ import annotations

from pathlib import Path

from prefect import get_run_logger, task
from prefect.artifacts import create_table_artifact
from prefect.cache_policies import NO_CACHE

from mekar.config import Settings
from mekar.deliver.log import DeliveryReport, Outgoing, cancel, deliver, failed_earlier, plan
from mekar.deliver.mailer import OutboxMailer, mailer_for
from mekar.deliver.weekly import WeekBatch, WeeklySummary, prepare_week, staleness
from mekar.errors import MekarError, RunIncomplete
from mekar.preflight import no_source_message
from mekar.secrets import url_for_flow
from mekar.warehouse.db import make_engine
from mekar.warehouse.freshness import utc_now
from mekar.warehouse.lock import run_lock
from mekar.week import Week


def _not_rebuilt():
    raise RuntimeError("listed only: run that week with --resend to send it")


@task(name="compose-week", cache_policy=NO_CACHE)
def compose_week(url: str, week: Week, opd: str | None, out: str, settings: Settings) -> WeekBatch:
    logger = get_run_logger()
    logger.info("Menyusun laporan minggu %s", week.iso)
    batch = prepare_week(make_engine(url), week, Path(out), settings, opd, progress=logger.info)
    if batch.tanpa_penerima:
        logger.warning(
            "OPD tanpa alamat email (dilaporkan ke BKPSDM): %s", ", ".join(batch.tanpa_penerima)
        )
    if batch.alamat_tidak_sah:
        logger.warning(
            "Alamat email tidak sah di lembar opd, tidak dikirimi (perbaiki kolom Email): %s",
            ", ".join(batch.alamat_tidak_sah),
        )
    if batch.bkpsdm_tanpa_penerima:
        logger.warning(
            "Ringkasan BKPSDM tidak dikirim: smtp.bkpsdm tidak berisi alamat email yang sah."
        )
    return batch


@task(name="send-week", cache_policy=NO_CACHE, retries=0)
def send_week(
    url: str,
    batch: WeekBatch,
    settings: Settings,
    out: str,
    resend: bool,
    dry_run: bool,
    retry_earlier: bool,
) -> tuple[DeliveryReport, str]:
    """Retries are the delivery log's: a recipient whose send failed is tried again by the
    next run, whatever week that run reports, and nobody else is."""
    logger = get_run_logger()
    engine = make_engine(url)
    outgoing = batch.outgoing(settings.smtp.sender, settings.timezone)
    if dry_run:
        return plan(engine, outgoing, resend), "dry run, belum ada yang dikirim"
    mailer = mailer_for(settings.smtp, Path(out) / "outbox")
    logger.info("Mengirim hingga %d email lewat %s", len(outgoing), mailer.describe())
    report = deliver(engine, mailer, outgoing, resend=resend)
    if retry_earlier:
        for periode, pairs in sorted(failed_earlier(engine, batch.week.iso).items()):
            logger.info("Mengulang %d email minggu %s yang gagal terkirim", len(pairs), periode)
            earlier = prepare_week(engine, Week.parse(periode), Path(out), settings)
            items = [
                o
                for o in earlier.outgoing(settings.smtp.sender, settings.timezone)
                if (o.laporan, o.penerima) in pairs
            ]
            gone = pairs - {(o.laporan, o.penerima) for o in items}
            if gone:
                cancel(engine, periode, gone, "penerima tidak lagi ada di lembar opd / smtp.bkpsdm")
            again = deliver(engine, mailer, items)
            report.sent += again.sent
            report.failed += again.failed
        # uncertain sends of earlier weeks are listed every week until someone decides
        for periode, pairs in sorted(failed_earlier(engine, batch.week.iso, "mengirim").items()):
            report.uncertain += [
                Outgoing(periode, laporan, penerima, "", _not_rebuilt)
                for laporan, penerima in sorted(pairs)
            ]
    for item, why in report.failed:
        logger.warning(
            "Gagal mengirim ke %s (%s, %s): %s", item.penerima, item.laporan, item.periode, why
        )
    logger.info(
        "Email: %d %s, %d gagal, %d sudah terkirim sebelumnya, %d tidak pasti",
        len(report.sent),
        "ditulis ke outbox" if isinstance(mailer, OutboxMailer) else "terkirim",
        len(report.failed),
        len(report.already),
        len(report.uncertain),
    )
    return report, mailer.describe()


@task(name="publish-deliveries", cache_policy=NO_CACHE)
def publish_deliveries(summary: WeeklySummary) -> None:
    create_table_artifact(
        key="pengiriman-mingguan",
        table=delivery_rows(summary),
        description=f"Email mingguan {summary.week.iso}: status per penerima",
    )


def delivery_rows(summary: WeeklySummary) -> list[dict]:
    """One row per recipient and report, for the run's table artifact."""
    sent = "akan dikirim (dry run)" if summary.dry_run else "terkirim"
    rows = [(i, sent, "") for i in summary.sent]
    rows += [(i, "sudah terkirim sebelumnya", "") for i in summary.already]
    rows += [(i, "berubah, perlu --resend", "") for i in summary.changed_not_resent]
    rows += [
        (i, "tidak pasti (run terhenti saat mengirim), perlu --resend", "")
        for i in summary.uncertain
    ]
    rows += [(i, "gagal, dicoba lagi run berikutnya", why) for i, why in summary.failed]
    return [
        {
            "minggu": i.periode,
            "laporan": i.laporan,
            "penerima": i.penerima,
            "status": status,
            "pesan": why,
        }
        for i, status, why in sorted(
            rows, key=lambda r: (r[0].periode, r[0].laporan, r[0].penerima)
        )
    ]


def refresh_if_stale(
    data_dir: str | None, url: str, out: str, settings: Settings, dry_run: bool
) -> tuple[bool, str | None, list[str]]:
    """Run the nightly flow first when the warehouse predates the last nightly slot.
    Returns (refreshed, why it is stale and was not refreshed: dry runs only, what the
    refresh could not do). Without a source to refresh from, nothing is sent: last week's
    numbers must not go out as this week's."""
    logger = get_run_logger()
    engine = make_engine(url)
    now = utc_now()
    if staleness(engine, settings, now) is None:
        return False, None, []
    # A nightly run may be in progress right now: wait for it, then look again.
    with run_lock(url, wait=True, on_wait=logger.info):
        stale = staleness(engine, settings, now)
    if stale is None:
        return False, None, []
    if dry_run:
        logger.warning("%s; dry run: tidak diperbarui.", stale)
        return False, f"{stale} (dry run: tidak diperbarui)", []
    if not data_dir and not settings.sheets.spreadsheets:
        raise MekarError(no_source_message(stale))
    logger.info("%s: memperbarui dulu (alur nightly).", stale)
    from flows.nightly import nightly

    try:
        nightly(data_dir=data_dir, warehouse_url=url_for_flow(url), out_dir=out)
    except RunIncomplete as incomplete:  # the rest was loaded: the week goes on, and says so
        for problem in incomplete.problems:
            logger.warning("Saat memperbarui: %s", problem)
        return True, None, [f"Saat memperbarui: {p}" for p in incomplete.problems]
    return True, None, []


def week_summary(
    week: Week,
    batch: WeekBatch,
    report: DeliveryReport,
    via: str,
    dry_run: bool,
    refreshed: bool,
    stale: str | None,
    seconds: dict[str, float],
) -> WeeklySummary:
    """What the run did, from what was composed and what the delivery log says."""
    return WeeklySummary(
        week=week,
        pages_dir=batch.pages_dir,
        via=via,
        dry_run=dry_run,
        sent=report.sent,
        already=report.already,
        changed_not_resent=report.changed_not_resent,
        uncertain=report.uncertain,
        failed=report.failed,
        opd_pages=batch.opd_pages,
        tanpa_penerima=batch.tanpa_penerima,
        alamat_tidak_sah=batch.alamat_tidak_sah,
        dilewati=batch.dilewati,
        opd_ditahan=batch.opd_ditahan,
        bkpsdm_tanpa_penerima=batch.bkpsdm_tanpa_penerima,
        ringkasan=batch.ringkasan,
        refreshed=refreshed,
        stale=stale,
        seconds=seconds,
    )
