"""`mekar sheets check`: access and columns of every configured Google spreadsheet."""

from __future__ import annotations

import typer

from mekar.cli.common import fail, quiet_telemetry
from mekar.cli.root import sheets_app
from mekar.errors import MekarError


@sheets_app.command("check")
def sheets_check() -> None:
    """Periksa akses dan kolom setiap spreadsheet yang dikonfigurasi."""
    from mekar.config import Settings
    from mekar.extract.sheets_check import check_sheets

    quiet_telemetry()
    settings = Settings()
    if not settings.sheets.spreadsheets:
        fail("sheets.spreadsheets belum diatur di mekar.toml (lihat README, 'Google Sheets').")
    try:
        lines = check_sheets(settings)
    except MekarError as error:
        fail(str(error))
    zoom_ok = [line for line in lines if line.ok and line.spreadsheet == "log_zoom"]
    for line in lines:
        if line in zoom_ok[1:]:
            continue  # one line for all the healthy Zoom tabs: there may be hundreds
        mark = "OK   " if line.ok else "GAGAL"
        where = f"{line.spreadsheet}/{line.worksheet}" if line.worksheet else line.spreadsheet
        text = line.text
        if line in zoom_ok[:1]:
            where, text = (
                "log_zoom",
                f"{len(zoom_ok)} lembar log Zoom ditemukan, kolom wajib lengkap",
            )
        typer.secho(f"{mark} {where}: {text}", fg=None if line.ok else typer.colors.RED)
    failed = sum(not line.ok for line in lines)
    if failed:
        fail(f"{failed} masalah ditemukan; perbaiki lalu jalankan 'mekar sheets check' lagi.")
    typer.echo("Semua spreadsheet dapat dibaca dan kolomnya lengkap.")
