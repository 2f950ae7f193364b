"""Checks made before a run starts, in one place: the command line calls them so a mistake
costs one line before any flow run, and the flows call the same ones (a deployment has no
command line in front of it). Each raises MekarError with what to do."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, inspect

from mekar.config import Settings
from mekar.errors import MekarError
from mekar.warehouse.db import ensure_schema, make_engine, require_results  # noqa: F401


def data_folder(data: Path | None) -> None:
    """`--data` names a folder in the contract's layout."""
    if data is None:
        return
    if not data.is_dir():
        raise MekarError(f"Folder data tidak ditemukan: {data}")
    from mekar.extract.files import FilesSource

    if not FilesSource(data).has_any_spreadsheet():
        raise MekarError(
            f"Folder {data} tidak berisi spreadsheet mekar: diharapkan master/, kebutuhan/, "
            "kegiatan/, log_zoom/ (berisi .csv) atau master.xlsx dan seterusnya (lihat README)."
        )


def source(data: Path | str | None, settings: Settings) -> None:
    """A run reads `--data` or the Google Sheets named in the settings: one of them."""
    if data is None and not settings.sheets.spreadsheets:
        raise MekarError(
            "Tidak ada sumber data: gunakan --data FOLDER, atau atur sheets.spreadsheets "
            "di mekar.toml (lihat README, 'Google Sheets')."
        )


def warehouse(url: str) -> Engine:
    """The warehouse, created when new; an outdated or unreachable one refused."""
    engine = make_engine(url)
    ensure_schema(engine)
    return engine


def today_in(settings: Settings) -> date:
    return datetime.now(ZoneInfo(settings.timezone)).date()


def no_source_message(stale: str) -> str:
    return (
        f"{stale}, dan tidak ada sumber data untuk memperbaruinya: beri --data FOLDER, atur "
        "sheets.spreadsheets, atau jalankan 'mekar run nightly' dulu. Tidak ada email yang dikirim."
    )


def weekly(
    url: str, week: str | None, opd: str | None, data, dry_run: bool, settings: Settings
) -> tuple[str | None, str | None]:
    """A weekly run's inputs: the week (finished, unless a dry run), the OPD code (as the
    sheet spells it), and fresh data or a source to refresh from. Returns (week, opd)."""
    from mekar.deliver.weekly import check_opd, refuse_unfinished, require_marts, staleness
    from mekar.warehouse.freshness import utc_now
    from mekar.week import Week

    engine = make_engine(url)
    if week:
        parsed = Week.parse(week)
        refuse_unfinished(parsed, today_in(settings), dry_run)
        week = parsed.iso
    has_source = data is not None or bool(settings.sheets.spreadsheets)
    if not has_source:
        require_marts(engine)
    if opd and "dim_opd" in inspect(engine).get_table_names():
        opd = check_opd(engine, opd)
    if not has_source and not dry_run:
        stale = staleness(engine, settings, utc_now())
        if stale:
            raise MekarError(no_source_message(stale))
    return week, opd
