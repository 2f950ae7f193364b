from __future__ import annotations

from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from mekar.validate import Validated
from mekar.warehouse.db import ensure_schema, make_engine
from mekar.warehouse.load import LoadSummary, load_warehouse


@task(name="load", cache_policy=NO_CACHE)
def load_sources(
    validated: Validated, zoom_tabs: set[str] | None, warehouse_url: str
) -> LoadSummary:
    logger = get_run_logger()
    engine = make_engine(warehouse_url)
    ensure_schema(engine)
    logger.info("[3/5] Memuat ke gudang data (satu transaksi)")
    summary = load_warehouse(engine, validated.sheets, zoom_tabs, validated.failures)
    for table, changes in sorted(summary.by_table.items()):
        logger.info(
            "      %s: +%d baru, ~%d berubah, -%d dihapus, %d tetap",
            table,
            changes.inserted,
            changes.updated,
            changes.deleted,
            changes.unchanged,
        )
    return summary
