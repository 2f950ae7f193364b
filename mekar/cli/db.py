"""Warehouse commands: `mekar models` (the SQL model graph) and `mekar db upgrade`."""

from __future__ import annotations

import typer

from mekar.cli.common import WAREHOUSE_HELP, fail, warehouse_url
from mekar.cli.root import app, db_app
from mekar.errors import MekarError


@app.command("models")
def models() -> None:
    """Daftar model SQL dalam urutan jalan: lapisan, grain, masukan, indeks."""
    from mekar.transform.models import load_models

    try:
        ordered = load_models()
    except ValueError as error:
        fail(str(error))
    for position, model in enumerate(ordered, start=1):
        inputs = ", ".join([*model.depends_on, *model.sources]) or "-"
        indexes = "; ".join(", ".join(columns) for columns in model.indexes) or "-"
        typer.echo(
            f"{position:>2}. {model.name:<24} {model.layer:<12} grain: {model.grain:<17} "
            f"masukan: {inputs}  indeks: {indexes}"
        )


@db_app.command("upgrade")
def db_upgrade(warehouse: str = typer.Option(None, "--warehouse", help=WAREHOUSE_HELP)) -> None:
    """Buat atau perbarui skema gudang data (migrasi Alembic)."""
    from mekar.warehouse.db import make_engine, upgrade_schema

    try:
        before, after = upgrade_schema(make_engine(warehouse_url(warehouse)))
    except MekarError as error:
        fail(str(error))
    if before == after:
        typer.echo(f"Skema gudang data sudah pada revisi {after}")
    else:
        typer.echo(f"Skema gudang data diperbarui dari revisi {before or '(kosong)'} ke {after}")
