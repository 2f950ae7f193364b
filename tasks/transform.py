from __future__ import annotations

from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from mekar.config import Settings
from mekar.warehouse.db import make_engine
from mekar.warehouse.transform import TransformSummary, run_transform


@task(name="transform", cache_policy=NO_CACHE)
def transform_warehouse(warehouse_url: str, settings: Settings) -> TransformSummary:
    logger = get_run_logger()
    logger.info("[4/5] Menghitung JP, kepatuhan dan kebutuhan (sql/)")
    summary = run_transform(make_engine(warehouse_url), settings.target_for)
    for name in ("fct_credits", "fct_compliance", "agg_opd"):
        logger.info("      %s: %d baris", name, summary.rows.get(name, 0))
    return summary
