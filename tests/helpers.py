"""Running the stages without Prefect, for tests that look at the warehouse itself."""

from __future__ import annotations

from pathlib import Path

from mekar.config import Settings
from mekar.extract.files import FilesSource
from mekar.extract.worksheets import extract
from mekar.transform.models import run_transform
from mekar.validate.all_sources import validate_all
from mekar.warehouse.db import ensure_schema, make_engine
from mekar.warehouse.load import load_warehouse
from mekar.warehouse.reference import loaded_fingerprints, reference_from_warehouse


def write_files(folder: Path, files: dict[str, str]) -> Path:
    """Write `{"master/opd.csv": "...csv text..."}` into a contract files layout."""
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text.strip() + "\n", encoding="utf-8")
    return folder


def extract_and_validate(data, engine, skip_unchanged: bool = False):
    """extract -> validate against what `engine`'s warehouse holds. `data` is a files folder
    or a source object."""
    settings = Settings()
    source = FilesSource(data) if isinstance(data, Path) else data
    extracted = extract(source, settings.form_worksheet_names)
    validated = validate_all(
        extracted,
        settings.header_aliases,
        settings.default_min_kehadiran,
        lambda: reference_from_warehouse(engine),
        loaded_fingerprints(engine) if skip_unchanged else None,
    )
    return extracted, validated


def run_stages(data, url: str, targets=None, skip_unchanged: bool = False):
    """extract -> validate -> load -> transform, as the nightly flow does. `data` is a files
    folder or a source object."""
    settings = Settings()
    engine = make_engine(url)
    extracted, validated = extract_and_validate(data, engine, skip_unchanged)
    ensure_schema(engine)
    with engine.begin() as conn:  # one transaction, as tasks/load.py
        loaded = load_warehouse(
            conn, validated.sheets, extracted.zoom_tabs, validated.failures, validated.absent
        )
        run_transform(conn, targets or settings.target_for)
    return engine, extracted, validated, loaded
