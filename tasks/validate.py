from __future__ import annotations

from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from mekar.config import Settings
from mekar.extract.worksheets import Extracted
from mekar.summary import quarantine_messages
from mekar.validate.all_sources import Validated, validate_all
from mekar.warehouse.db import make_engine
from mekar.warehouse.reference import (
    loaded_fingerprints,
    reference_from_warehouse,
    stored_zoom_names,
)


@task(name="validate", cache_policy=NO_CACHE)
def validate_sources(
    extracted: Extracted, settings: Settings, warehouse_url: str, skip_unchanged: bool = True
) -> Validated:
    logger = get_run_logger()
    logger.info("[2/5] Memvalidasi %d lembar kerja", len(extracted.worksheets))
    engine = make_engine(warehouse_url)
    validated = validate_all(
        extracted,
        settings.header_aliases,
        settings.default_min_kehadiran,
        lambda: reference_from_warehouse(engine),
        loaded_fingerprints(engine) if settings.skip_unchanged and skip_unchanged else None,
        stored_zoom_names=lambda names: stored_zoom_names(engine, names),
        jp_per_day=settings.pengembangan_jp_per_hari,
        guard_share=settings.quarantine_guard_share,
    )
    if validated.unchanged:
        logger.info(
            "[2/5] %d lembar kerja tidak berubah sejak run lalu: dilewati", len(validated.unchanged)
        )
    good = sum(len(s.records) for s in validated.sheets)
    bad = sum(len(s.quarantine) for s in validated.sheets)
    logger.info("[2/5] %d baris lolos, %d baris dikarantina", good, bad)
    for reason, count in validated.quarantine_counts().items():
        logger.info("      karantina %s: %d", reason, count)
    for sheet in validated.sheets:
        for warning in sheet.warnings:
            logger.warning("Peringatan: %s", warning)
    # Every quarantined row by name, so the run log alone tells what to fix where.
    for where, total, named, lines in quarantine_messages(validated):
        for line in lines:
            logger.warning("Karantina: %s", line)
        if total > named:
            logger.warning(
                "Karantina: %s: %d baris lain; lihat out/ringkasan.html atau "
                "'mekar export quarantine'",
                where,
                total - named,
            )
    for failure in validated.failures:
        logger.warning("Sumber gagal: %s", failure)
    return validated
