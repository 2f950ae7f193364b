"""Weekly: each OPD gets its own report by email and BKPSDM the regency summary, exactly once.

Deployed from prefect.yaml for Monday 07:00 Asia/Jakarta; also `mekar run weekly`. The week
reported is the last one that has ended (on Monday, the week up to yesterday) unless given.
"""

from __future__ import annotations

import time

from prefect import flow, get_run_logger
from prefect.utilities.annotations import quote

from mekar import preflight
from mekar.config import Settings
from mekar.deliver.weekly import (
    WeeklySummary,
    refuse_unfinished,
    staleness,
)
from mekar.errors import MekarError, RunIncomplete
from mekar.preflight import no_source_message, today_in
from mekar.warehouse.db import make_engine
from mekar.warehouse.freshness import utc_now
from mekar.warehouse.lock import run_lock
from mekar.week import Week
from tasks.outcome import finish
from tasks.weekly import compose_week, publish_deliveries, send_week


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
        nightly(data_dir=data_dir, warehouse_url=url, out_dir=out)
    except RunIncomplete as incomplete:  # the rest was loaded: the week goes on, and says so
        for problem in incomplete.problems:
            logger.warning("Saat memperbarui: %s", problem)
        return True, None, [f"Saat memperbarui: {p}" for p in incomplete.problems]
    return True, None, []


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
    """Email each OPD its week and BKPSDM the regency summary, once per recipient.

    Args:
        week: ISO week to report, e.g. 2023-W28; empty = the last week that ended.
        opd: Only this OPD's report (Kode OPD), e.g. to re-send one; empty = all.
        dry_run: Compose and list who would get what, sending and logging nothing.
        resend: Send again a report whose content changed since it was sent.
        data_dir: Folder of downloaded files for a refresh when the warehouse is stale;
            empty = the Google Sheets named in mekar.toml.
        warehouse_url: SQLAlchemy URL of the warehouse; empty = warehouse_url in mekar.toml.
        out_dir: Folder for the week's pages and the outbox; empty = out_dir in mekar.toml.
    """
    settings = Settings()
    url = warehouse_url or settings.warehouse_url
    out = out_dir or str(settings.out_dir)
    preflight.warehouse(url)
    the_week = Week.parse(week) if week else Week.last_completed(today_in(settings))
    refuse_unfinished(the_week, today_in(settings), dry_run)
    seconds: dict[str, float] = {}
    started = time.perf_counter()
    refreshed, stale, problems = refresh_if_stale(data_dir, url, out, settings, dry_run)
    seconds["refresh"] = time.perf_counter() - started
    # After the refresh, which takes the lock itself: a second weekly run waits here, then
    # finds everything in the delivery log and sends nothing.
    with run_lock(url, wait=True, on_wait=get_run_logger().info):
        started = time.perf_counter()
        batch = compose_week(url, the_week, opd, out, settings)
        seconds["compose"] = time.perf_counter() - started
        started = time.perf_counter()
        # a run for one OPD (a re-send) leaves other weeks' failures to the regular run
        report, via = send_week(
            url, quote(batch), settings, out, resend, dry_run, retry_earlier=opd is None
        )
        seconds["send"] = time.perf_counter() - started
    summary = WeeklySummary(
        week=the_week,
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
        bkpsdm_tanpa_penerima=batch.bkpsdm_tanpa_penerima,
        ringkasan=batch.ringkasan,
        refreshed=refreshed,
        stale=stale,
        seconds=seconds,
    )
    publish_deliveries(summary)
    if summary.failed:
        failed = ", ".join(sorted({i.penerima for i, _ in summary.failed})[:5])
        problems.append(
            f"{len(summary.failed)} email gagal terkirim ({failed}); dicoba lagi run berikutnya"
        )
    return finish(summary, problems)
