"""`mekar`: the command line BKPSDM's staff and other tools call (DATA_CONTRACT.md).

`app` is the Typer app (`mekar.cli.root`); each command module registers its commands on it
when imported. They are imported here in a fixed order because Typer lists commands in the
order they were registered: run (nightly, backfill, rerun), weekly, export, asn, sheets (check),
tools (sample-data, sheets serve), db (models, db upgrade).
"""

from __future__ import annotations

import sys
from importlib import import_module

from mekar.cli.root import app

for _module in ("run", "weekly", "export", "asn", "sheets", "tools", "db"):
    import_module(f"mekar.cli.{_module}")

__all__ = ["app", "main"]


def main() -> None:  # pragma: no cover - console entry point
    from mekar.console import run

    sys.exit(run(app))
