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
from mekar.deliver.weekly import WeeklySummary, refuse_unfinished
from mekar.preflight import today_in
from mekar.warehouse.lock import run_lock
from mekar.week import Week
from tasks.outcome import finish
from tasks.weekly import (
    compose_week,
    publish_deliveries,
    refresh_if_stale,
    send_week,
    week_summary,
)


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
    summary = week_summary(the_week, batch, report, via, dry_run, refreshed, stale, seconds)
    publish_deliveries(summary)
    if summary.failed:
        failed = ", ".join(sorted({i.penerima for i, _ in summary.failed})[:5])
        problems.append(
            f"{len(summary.failed)} email gagal terkirim ({failed}); dicoba lagi run berikutnya"
        )
    return finish(summary, problems)
