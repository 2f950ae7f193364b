from __future__ import annotations

from pathlib import Path

from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from mekar import preflight
from mekar.config import Settings
from mekar.extract.base import SheetsSource
from mekar.extract.files import FilesSource
from mekar.extract.worksheets import Extracted, extract


def make_source(data_dir: str | None, settings: Settings) -> SheetsSource:
    """The files source for `--data`; otherwise Google Sheets as configured (checked by
    mekar.preflight, as the command line checks it)."""
    folder = Path(data_dir) if data_dir else None
    preflight.data_folder(folder)
    preflight.source(folder, settings)
    if folder is not None:
        return FilesSource(folder)
    from mekar.extract.sheets import GoogleSheetsSource

    return GoogleSheetsSource(settings.sheets)


def retry_on_io(task, task_run, state) -> bool:
    """Retry a read only when the failure is I/O (a network or disk hiccup), never a bug."""
    try:
        state.result()
    except (OSError, TimeoutError):
        return True
    except Exception:
        return False
    return False


# How every read from the sources retries: twice, only on I/O errors, never from a cache.
READ_RETRIES = dict(
    retries=2,
    retry_delay_seconds=[2, 10],
    retry_condition_fn=retry_on_io,
    cache_policy=NO_CACHE,
)


@task(name="extract", **READ_RETRIES)
def extract_sources(source: SheetsSource, settings: Settings) -> Extracted:
    logger = get_run_logger()
    logger.info("[1/5] Membaca spreadsheet dari %s", source.describe())
    extracted = extract(source, settings.form_worksheet_names)
    # CSV cells are parsed when validation first needs them (never, for an unchanged file).
    logger.info("[1/5] %d lembar kerja ditemukan", len(extracted.worksheets))
    for note in extracted.notes:
        logger.warning("Catatan: %s", note)
    for item in extracted.not_read:
        (logger.error if item.serious else logger.info)("Tidak dibaca: %s", item)
    return extracted
