"""Backfill: recompute one (past) year alone, after its sheets were corrected.

    mekar run backfill --year 2022 [--data DIR]

Only that year's rows of the year-bearing sources are loaded (its sessions with their Zoom
tabs and check-ins, its needs responses; the roster and OPD list are current state and
load as usual), and only that year's rows of every model are rebuilt. Other years stay as
they are. The report pages of that year are rendered again: a past year's into
`<out>/<year>/`, so the pages at the folder's root keep showing the current year (the
latest with sessions), whose index then links the backfilled year (mekar.report.years).
"""

from __future__ import annotations

from prefect import flow, get_run_logger
from prefect.utilities.annotations import quote

from mekar import preflight
from mekar.config import Settings
from mekar.export import compliance_totals, dropped_guests
from mekar.summary import RunSummary
from mekar.warehouse.lock import run_lock
from tasks.extract import extract_sources, make_source
from tasks.load import backfill_year
from tasks.outcome import finish
from tasks.publish import publish_artifacts
from tasks.report import render_reports_task
from tasks.validate import validate_sources


@flow(name="backfill")
def backfill(
    year: int,
    data_dir: str | None = None,
    warehouse_url: str | None = None,
    out_dir: str | None = None,
    wait: bool = True,
) -> RunSummary:
    """Recompute one year alone; other years stay as they are.

    Args:
        year: The year to recompute, e.g. 2022.
        data_dir: Folder of downloaded files (xlsx/csv); empty = the Google Sheets named in
            mekar.toml (sheets.spreadsheets).
        warehouse_url: SQLAlchemy URL of the warehouse; empty = warehouse_url in mekar.toml.
        out_dir: Folder for the HTML reports; empty = out_dir in mekar.toml (out/). A year
            other than the current one is written to its subfolder (out/2022/).
        wait: Wait for a run already using the warehouse (false: stop with a message).
    """
    settings = Settings()
    url = warehouse_url or settings.warehouse_url
    engine = preflight.warehouse(url)
    preflight.require_results(engine, "backfill")
    source = make_source(data_dir, settings)
    with run_lock(url, wait=wait, on_wait=get_run_logger().info):
        extracted = extract_sources(quote(source), settings)
        # Every worksheet is validated anew: the year's rows are replaced whatever the
        # fingerprints say (a backfill is asked for because something was wrong).
        validated = validate_sources(quote(extracted), settings, url, skip_unchanged=False)
        loaded, transformed = backfill_year(quote(validated), url, settings, year)
        report = render_reports_task(url, year, out_dir or str(settings.out_dir))
        summary = RunSummary.from_stages(year, extracted, validated, loaded, transformed, report)
        summary.asn_aktif, summary.asn_memenuhi = compliance_totals(engine, year)
        summary.guests_dropped = dropped_guests(engine, year)
        publish_artifacts(url, summary, flow="backfill")
    return finish(summary, summary.problems)
