"""What the commands share: the warehouse URL, pre-run checks, one-line failures, numbers."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from mekar.errors import MekarError

WAREHOUSE_HELP = "URL SQLAlchemy gudang data (default: MEKAR_WAREHOUSE_URL atau sqlite:///mekar.db)"


def quiet_telemetry() -> None:
    # Neither tool may phone home from BKPSDM's machines, the demo or CI.
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    # Prefect's temporary server runs its own migrations the first time (an empty
    # PREFECT_HOME): on a 2-core machine that takes longer than Prefect's 20 s default.
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")


def flow_logging(out: Path | None) -> None:
    """Tracebacks from inside a flow go to <out>/mekar.log, not to the screen."""
    from mekar.config import Settings
    from mekar.console import route_tracebacks_to_file

    route_tracebacks_to_file(out or Settings().out_dir)


def fail(message: str) -> None:
    typer.secho(f"Gagal: {message}", fg=typer.colors.RED, err=True)
    raise typer.Exit(1)


def angka(number: float, digits: int = 0) -> str:
    """A number the Indonesian way for console lines: 10.503; 20,4."""
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(number, format=pattern, locale="id_ID")


def missing_sqlite_file(url: str) -> bool:
    from mekar.warehouse.db import sqlite_file

    path = sqlite_file(url)
    return path is not None and not path.exists()


def warehouse_url(url: str | None) -> str:
    from mekar.config import Settings

    return url or Settings().warehouse_url


def checked(check, *args):
    """A pre-run check of mekar.preflight (the flows make the same ones): one line on failure."""
    try:
        return check(*args)
    except MekarError as error:
        fail(str(error))


def check_data_folder(data: Path | None) -> None:
    from mekar import preflight

    checked(preflight.data_folder, data)
