"""On demand, right after a large session: re-pull that session and recompute what it
touches (its credits, the totals of its ASN and OPDs, their report pages).

    mekar rerun --session MEKAR-2023-001 [--data DIR]
"""

from __future__ import annotations

from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.utilities.annotations import quote

from mekar import preflight
from mekar.config import Settings
from mekar.extract import Extracted, extract_session
from mekar.rerun import load_session, validate_session
from mekar.warehouse.db import make_engine
from mekar.warehouse.lock import run_lock
from mekar.warehouse.reference import reference_from_warehouse
from tasks.extract import READ_RETRIES, make_source
from tasks.outcome import finish


@task(name="extract-session", **READ_RETRIES)
def extract_session_task(source, kode: str) -> Extracted:
    get_run_logger().info("[1/4] Membaca log Zoom dan daftar hadir kegiatan %s", kode)
    return extract_session(source, kode)


@task(name="load-session", cache_policy=NO_CACHE)
def load_session_task(extracted: Extracted, kode: str, warehouse_url: str, settings: Settings):
    logger = get_run_logger()
    engine = make_engine(warehouse_url)
    logger.info("[2/4] Memvalidasi baris kegiatan %s", kode)
    rows = validate_session(extracted, kode, settings, lambda: reference_from_warehouse(engine))
    if rows.failures:
        return rows, None, None
    zoom_read = not any(f.spreadsheet == "log_zoom" for f in extracted.failures)
    with engine.begin() as conn:  # one transaction: a crash leaves the last good state
        logger.info("[3/4] Memuat dan menghitung ulang kegiatan %s", kode)
        loaded, recomputed = load_session(conn, rows, zoom_read, settings.target_for)
    logger.info(
        "      %d ASN dihitung ulang, OPD: %s", recomputed.asn, ", ".join(recomputed.opd) or "-"
    )
    return rows, loaded, recomputed


@task(name="report-session", cache_policy=NO_CACHE)
def render_session_reports(warehouse_url: str, years: list[int], opd: list[str], out_dir: str):
    from mekar.report.render import render_reports

    get_run_logger().info("[4/4] Menyusun ulang %d halaman OPD dan ringkasan", len(opd))
    return [render_reports(make_engine(warehouse_url), y, Path(out_dir), opd) for y in years]


@task(name="publish-rerun", cache_policy=NO_CACHE)
def publish_rerun_artifact(kode: str, rows, loaded, recomputed) -> None:
    lines = [f"# Hitung ulang kegiatan {kode}", ""]
    if recomputed is None:
        lines.append("Tidak dihitung ulang; gudang data tidak berubah.")
    else:
        lines += [
            f"- Baris daftar hadir: {len(rows.checkins)}",
            f"- Baris log Zoom: {len(rows.zoom.records) if rows.zoom else 0}",
            f"- ASN dihitung ulang: {recomputed.asn}",
            f"- OPD diperbarui: {', '.join(recomputed.opd) or '-'}",
            f"- Baris gudang data berubah: {loaded.changed}",
        ]
    if rows.failures:
        lines += ["", "## Sumber gagal", ""] + [f"- {failure}" for failure in rows.failures]
    create_markdown_artifact(
        key="rerun-kegiatan",
        markdown="\n".join(lines),
        description=f"Hitung ulang kegiatan {kode}",
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
