"""On demand, right after a large session: re-pull that session and recompute what it
touches (its credits, the totals of its ASN and OPDs, their report pages).

    mekar rerun --session MEKAR-2023-001 [--data DIR]
"""

from __future__ import annotations

from prefect import flow, get_run_logger
from prefect.utilities.annotations import quote

from mekar import preflight
from mekar.config import Settings
from mekar.warehouse.lock import run_lock
from tasks.extract import make_source
from tasks.outcome import finish
from tasks.rerun import (
    extract_session_task,
    load_session_task,
    publish_rerun_artifact,
    render_session_reports,
)


@flow(name="rerun-session")
def rerun_session(
    kode: str,
    data_dir: str | None = None,
    warehouse_url: str | None = None,
    out_dir: str | None = None,
    wait: bool = True,
):
    """Re-pull one session and recompute what it touches.

    Args:
        kode: Kode Kegiatan of the session, e.g. MEKAR-2023-001.
        data_dir: Folder of downloaded files (xlsx/csv); empty = the Google Sheets named in
            mekar.toml (sheets.spreadsheets).
        warehouse_url: SQLAlchemy URL of the warehouse; empty = warehouse_url in mekar.toml.
        out_dir: Folder for the HTML reports; empty = out_dir in mekar.toml (out/).
        wait: Wait for a run already using the warehouse (false: stop with a message).
    """
    settings = Settings()
    url = warehouse_url or settings.warehouse_url
    preflight.require_results(preflight.warehouse(url), "rerun")
    source = make_source(data_dir, settings)
    with run_lock(url, wait=wait, on_wait=get_run_logger().info):
        extracted = extract_session_task(quote(source), kode)
        rows, loaded, recomputed = load_session_task(quote(extracted), kode, url, settings)
        if recomputed is not None:
            render_session_reports(
                url, recomputed.years, recomputed.opd, out_dir or str(settings.out_dir)
            )
        publish_rerun_artifact(kode, quote(rows), loaded, recomputed)
    return finish((rows, loaded, recomputed), [str(f) for f in rows.failures])
