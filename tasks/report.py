from __future__ import annotations

from pathlib import Path

from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from mekar.warehouse.db import make_engine


@task(name="report", cache_policy=NO_CACHE)
def render_reports_task(warehouse_url: str, year: int, out_dir: str, settings=None):
    from mekar.report.render import render_reports

    logger = get_run_logger()
    logger.info("[5/5] Menyusun laporan HTML tahun %d", year)
    summary = render_reports(make_engine(warehouse_url), year, Path(out_dir), settings=settings)
    logger.info(
        "[5/5] %d halaman OPD di %s; %d dari %d halaman tidak berubah isinya (tidak ditulis ulang)",
        summary.opd_pages,
        summary.out_dir,
        summary.pages_unchanged,
        len(summary.pages),
    )
    return summary
