"""The nightly run: extract -> validate -> load -> transform -> report.

Deployed from prefect.yaml at 01:00 Asia/Jakarta; also run by `mekar run nightly`.
"""

from __future__ import annotations

from prefect import flow

from mekar import preflight
from mekar.config import Settings
from mekar.summary import RunSummary
from tasks.extract import make_source
from tasks.outcome import finish
from tasks.refresh import refresh


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

    summary = refresh(make_source(data_dir, settings), settings, url, out, year, wait)
    return finish(summary, summary.problems)
