"""The `mekar` Typer app, its command groups (run, sheets, db) and its global --debug option."""

from __future__ import annotations

import typer

from mekar.cli.bahasa import use_indonesian

use_indonesian()
app = typer.Typer(
    help="Sragen Mekar: JP, kepatuhan 20 JP dan kebutuhan pengembangan kompetensi ASN.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,  # shell completion: English help, and nobody here asked for it
)
run_app = typer.Typer(help="Menjalankan alur kerja (flow).", no_args_is_help=True)
app.add_typer(run_app, name="run")
sheets_app = typer.Typer(help="Google Sheets.", no_args_is_help=True)
app.add_typer(sheets_app, name="sheets")
db_app = typer.Typer(help="Gudang data.", no_args_is_help=True)
app.add_typer(db_app, name="db")


@app.callback()
def _options(
    debug: bool = typer.Option(
        False, "--debug", help="Tampilkan rincian teknis (traceback) di layar, bukan di log"
    ),
) -> None:
    """Sragen Mekar: JP, kepatuhan 20 JP dan kebutuhan pengembangan kompetensi ASN."""
    # `--debug` is taken out of the command line by mekar.console.run before Typer sees it.
