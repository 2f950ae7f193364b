"""Weekly: each OPD gets its own report by email and BKPSDM the regency summary, exactly once.

Deployed from prefect.yaml for Monday 07:00 Asia/Jakarta; also `mekar run weekly`. The week
reported is the last one that has ended (on Monday, the week up to yesterday) unless given.
"""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.utilities.annotations import quote

from mekar.config import Settings
from mekar.deliver.log import DeliveryReport, deliver, plan
from mekar.deliver.mailer import mailer_for
from mekar.deliver.weekly import WeekBatch, WeeklySummary, prepare_week
from mekar.warehouse.db import ensure_schema, make_engine
from mekar.warehouse.freshness import is_stale, last_nightly_slot, last_refresh, utc_now
from mekar.warehouse.lock import run_lock
from mekar.week import Week


def refresh_if_stale(
    data_dir: str | None, url: str, out: str, settings: Settings, dry_run: bool
) -> tuple[bool, str | None]:
    """Run the nightly flow first when the warehouse predates the last nightly slot.
    Returns (refreshed, why it is stale and was not refreshed)."""
    logger = get_run_logger()
    last = last_refresh(make_engine(url))
    now = utc_now()
    if not is_stale(last, now, settings.nightly_time, settings.timezone):
        return False, None
    slot = last_nightly_slot(now, settings.nightly_time, settings.timezone)
    when = f"terakhir diperbarui {last:%Y-%m-%d %H:%M} UTC" if last else "belum pernah diperbarui"
    stale = f"Gudang data {when}, sebelum jadwal malam {slot:%Y-%m-%d %H:%M} UTC"
    if dry_run:
        logger.warning("%s; dry run: tidak diperbarui.", stale)
        return False, f"{stale} (dry run: tidak diperbarui)"
    if not data_dir and not settings.sheets.spreadsheets:
        logger.warning("%s, dan tidak ada sumber data untuk memperbaruinya.", stale)
        return False, f"{stale}; tidak ada sumber data (--data atau sheets.spreadsheets)"
    logger.info("%s: memperbarui dulu (alur nightly).", stale)
    from flows.nightly import nightly

    summary = nightly(data_dir=data_dir, warehouse_url=url, out_dir=out)
    for failure in summary.failures:
        logger.warning("Sumber gagal saat memperbarui: %s", failure)
    return True, None


@task(name="compose-week", cache_policy=NO_CACHE)
def compose_week(url: str, week: Week, opd: str | None, out: str, settings: Settings) -> WeekBatch:
    logger = get_run_logger()
    logger.info("Menyusun laporan minggu %s", week.iso)
    batch = prepare_week(make_engine(url), week, Path(out), settings, opd, progress=logger.info)
    if batch.tanpa_penerima:
        logger.warning(
            "OPD tanpa alamat email (dilaporkan ke BKPSDM): %s", ", ".join(batch.tanpa_penerima)
        )
    if batch.bkpsdm_tanpa_penerima:
        logger.warning("Ringkasan BKPSDM tidak dikirim: daftar smtp.bkpsdm kosong.")
    return batch


@task(name="send-week", cache_policy=NO_CACHE, retries=0)
def send_week(
    url: str, batch: WeekBatch, settings: Settings, out: str, resend: bool, dry_run: bool
) -> tuple[DeliveryReport, str]:
    """Retries are the delivery log's: a failed recipient is tried again by the next run."""
    logger = get_run_logger()
    engine = make_engine(url)
    outgoing = batch.outgoing(settings.smtp.sender)
    if dry_run:
        return plan(engine, outgoing, resend), "dry run, belum ada yang dikirim"
    mailer = mailer_for(settings.smtp, Path(out) / "outbox")
    logger.info("Mengirim hingga %d email lewat %s", len(outgoing), mailer.describe())
    report = deliver(engine, mailer, outgoing, resend=resend)
    for item, why in report.failed:
        logger.warning("Gagal mengirim ke %s (%s): %s", item.penerima, item.laporan, why)
    return report, mailer.describe()


@flow(name="weekly")
def weekly(
    week: str | None = None,
    opd: str | None = None,
    dry_run: bool = False,
    resend: bool = False,
    data_dir: str | None = None,
    warehouse_url: str | None = None,
    out_dir: str | None = None,
) -> WeeklySummary:
    settings = Settings()
    url = warehouse_url or settings.warehouse_url
    out = out_dir or str(settings.out_dir)
    ensure_schema(make_engine(url))
    the_week = (
        Week.parse(week)
        if week
        else Week.last_completed(datetime.now(ZoneInfo(settings.timezone)).date())
    )
    seconds: dict[str, float] = {}
    started = time.perf_counter()
    refreshed, stale = refresh_if_stale(data_dir, url, out, settings, dry_run)
    seconds["refresh"] = time.perf_counter() - started
    # After the refresh, which takes the lock itself: a second weekly run waits here, then
    # finds everything in the delivery log and sends nothing.
    with run_lock(url, wait=True):
        started = time.perf_counter()
        batch = compose_week(url, the_week, opd, out, settings)
        seconds["compose"] = time.perf_counter() - started
        started = time.perf_counter()
        report, via = send_week(url, quote(batch), settings, out, resend, dry_run)
        seconds["send"] = time.perf_counter() - started
    summary = WeeklySummary(
        week=the_week,
        pages_dir=batch.pages_dir,
        via=via,
        dry_run=dry_run,
        sent=report.sent,
        already=report.already,
        changed_not_resent=report.changed_not_resent,
        failed=report.failed,
        opd_pages=batch.opd_pages,
        tanpa_penerima=batch.tanpa_penerima,
        dilewati=batch.dilewati,
        bkpsdm_tanpa_penerima=batch.bkpsdm_tanpa_penerima,
        refreshed=refreshed,
        stale=stale,
        seconds=seconds,
    )
    create_table_artifact(
        key="pengiriman-mingguan",
        table=delivery_rows(summary),
        description=f"Email mingguan {the_week.iso}: status per penerima",
    )
    return summary


def delivery_rows(summary: WeeklySummary) -> list[dict]:
    """One row per recipient and report, for the run's table artifact."""
    sent = "akan dikirim (dry run)" if summary.dry_run else "terkirim"
    rows = [(i, sent, "") for i in summary.sent]
    rows += [(i, "sudah terkirim sebelumnya", "") for i in summary.already]
    rows += [(i, "berubah, perlu --resend", "") for i in summary.changed_not_resent]
    rows += [(i, "gagal, dicoba lagi run berikutnya", why) for i, why in summary.failed]
    return [
        {"laporan": i.laporan, "penerima": i.penerima, "status": status, "pesan": why}
        for i, status, why in sorted(rows, key=lambda r: (r[0].laporan, r[0].penerima))
    ]
