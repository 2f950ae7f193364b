from __future__ import annotations

from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE
from sqlalchemy import text

from mekar.config import Settings
from mekar.transform.models import (
    TransformSummary,
    current_rows,
    run_transform,
    transform_is_current,
)
from mekar.validate.all_sources import Validated
from mekar.warehouse.backfill import load_year, recompute_year
from mekar.warehouse.db import make_engine
from mekar.warehouse.freshness import record_refresh
from mekar.warehouse.load import LoadSummary, load_warehouse, quarantine_by_reason


@task(name="load-transform", cache_policy=NO_CACHE)
def load_and_transform(
    validated: Validated,
    zoom_tabs: set[str] | None,
    warehouse_url: str,
    settings: Settings,
) -> tuple[LoadSummary, TransformSummary]:
    """Load, then rebuild the marts, in ONE transaction: a crash anywhere in between leaves
    the warehouse exactly as the last good run left it."""
    logger = get_run_logger()
    engine = make_engine(warehouse_url)
    with engine.begin() as conn:
        logger.info("[3/5] Memuat ke gudang data")
        loaded = load_warehouse(
            conn, validated.sheets, zoom_tabs, validated.failures, validated.absent
        )
        for table, changes in sorted(loaded.by_table.items()):
            logger.info(
                "      %s: +%d baru, ~%d berubah, -%d dihapus, %d tetap",
                table,
                changes.inserted,
                changes.updated,
                changes.deleted,
                changes.unchanged,
            )
        if loaded.changed == 0 and transform_is_current(conn, settings.target_for):
            # No source row changed, nor the models or targets: the marts are current.
            logger.info("[4/5] Tidak ada baris sumber yang berubah: JP dan kepatuhan tetap")
            transformed = current_rows(conn)
        else:
            logger.info("[4/5] Menghitung JP, kepatuhan dan kebutuhan (sql/)")
            transformed = run_transform(conn, settings.target_for)
        record_refresh(conn)  # the weekly run trusts the warehouse from here on
        for name in ("fct_credits", "fct_compliance", "agg_opd"):
            logger.info("      %s: %d baris", name, transformed.rows.get(name, 0))
    return loaded, transformed


@task(name="backfill-year", cache_policy=NO_CACHE)
def backfill_year(
    validated: Validated, warehouse_url: str, settings: Settings, year: int
) -> tuple[LoadSummary, TransformSummary]:
    """Load and rebuild one year only, in one transaction; other years stay as they are."""
    logger = get_run_logger()
    engine = make_engine(warehouse_url)
    with engine.begin() as conn:
        logger.info("[3/5] Memuat dan menghitung ulang tahun %d saja", year)
        loaded = load_year(conn, validated.sheets, year)
        loaded.quarantine_by_reason = quarantine_by_reason(conn)
        sessions = recompute_year(conn, year, settings.target_for)
        credits = conn.execute(
            text("select count(*) from fct_credits where tahun = :y"), {"y": year}
        ).scalar_one()
    logger.info("      %d kegiatan, %d kredit JP tahun %d", len(sessions), credits, year)
    return loaded, TransformSummary(rows={"fct_credits": credits})
