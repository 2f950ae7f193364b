"""On demand, right after a large session: re-pull that session and recompute what it
touches (its credits, the totals of its ASN and OPDs, their report pages).

    mekar rerun --session MEKAR-2023-001 [--data DIR]
"""

from __future__ import annotations

from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.utilities.annotations import quote

from mekar.config import Settings
from mekar.extract import Extracted, extract_session
from mekar.rerun import load_session, validate_session
from mekar.warehouse.db import ensure_schema, make_engine
from mekar.warehouse.lock import run_lock
from mekar.warehouse.reference import reference_from_warehouse
from tasks.extract import READ_RETRIES, make_source


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


@flow(name="rerun-session")
def rerun_session(
    kode: str,
    data_dir: str | None = None,
    warehouse_url: str | None = None,
    out_dir: str | None = None,
    wait: bool = True,
):
    settings = Settings()
    url = warehouse_url or settings.warehouse_url
    ensure_schema(make_engine(url))
    source = make_source(data_dir, settings)
    with run_lock(url, wait=wait):
        extracted = extract_session_task(quote(source), kode)
        rows, loaded, recomputed = load_session_task(quote(extracted), kode, url, settings)
        if recomputed is not None:
            render_session_reports(
                url, recomputed.years, recomputed.opd, out_dir or str(settings.out_dir)
            )
    return rows, loaded, recomputed
