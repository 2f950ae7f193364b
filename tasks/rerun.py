"""The session rerun's tasks: read one session, validate and reload it with what it touches
recomputed (one transaction), re-render the touched pages, publish what changed."""

from __future__ import annotations

from pathlib import Path

from prefect import get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE

from mekar.config import Settings
from mekar.extract.worksheets import Extracted, extract_session
from mekar.rerun import load_session, validate_session
from mekar.warehouse.db import make_engine
from mekar.warehouse.reference import reference_from_warehouse
from tasks.extract import READ_RETRIES


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
