"""The nightly run: extract -> validate -> load -> transform -> report.

Deployed from prefect.yaml at 01:00 Asia/Jakarta; also run by `mekar run nightly`.
"""

from __future__ import annotations

from prefect import flow, get_run_logger
from prefect.utilities.annotations import quote

from mekar import preflight
from mekar.config import Settings
from mekar.export import compliance_totals, dropped_guests, latest_year
from mekar.summary import RunSummary
from mekar.warehouse.db import make_engine
from mekar.warehouse.lock import run_lock
from tasks.extract import extract_sources, make_source
from tasks.load import load_and_transform
from tasks.outcome import finish
from tasks.publish import publish_artifacts
from tasks.report import render_reports_task
from tasks.validate import validate_sources


@flow(name="nightly")
def nightly(
    data_dir: str | None = None,
    year: int | None = None,
    warehouse_url: str | None = None,
    out_dir: str | None = None,
    wait: bool = True,
) -> RunSummary:
    """Refresh the warehouse from every source and re-render the reports.

    Args:
        data_dir: Folder of downloaded files (xlsx/csv); empty = the Google Sheets named in
            mekar.toml (sheets.spreadsheets).
        year: Report year; empty = the latest year with sessions. Never narrows what is
            loaded (recomputing one year alone is the backfill flow).
        warehouse_url: SQLAlchemy URL of the warehouse; empty = warehouse_url in mekar.toml.
        out_dir: Folder for the HTML reports; empty = out_dir in mekar.toml (out/).
        wait: Wait for a run already using the warehouse (false: stop with a message).
    """
    settings = Settings()
    url = warehouse_url or settings.warehouse_url
    out = out_dir or str(settings.out_dir)
    preflight.warehouse(url)  # a new warehouse is created; an outdated one refused

    source = make_source(data_dir, settings)
    with run_lock(url, wait=wait, on_wait=get_run_logger().info):
        extracted = extract_sources(quote(source), settings)
        # quote(): hand the rows over as they are; Prefect would otherwise walk every cell
        # looking for futures (18 s at S1). Only small summaries come back out of tasks.
        validated = validate_sources(quote(extracted), settings, url)
        loaded, transformed = load_and_transform(
            quote(validated), extracted.zoom_tabs, url, settings
        )
        year = year or latest_year(make_engine(url))
        report = render_reports_task(url, year, out) if year else None

        summary = RunSummary.from_stages(year, extracted, validated, loaded, transformed, report)
        if year:
            engine = make_engine(url)
            summary.asn_aktif, summary.asn_memenuhi = compliance_totals(engine, year)
            summary.guests_dropped = dropped_guests(engine, year)
            publish_artifacts(url, summary)
    return finish(summary, summary.problems)
