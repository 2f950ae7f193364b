"""Commands backed by the `tooling` package: `mekar sample-data` and `mekar sheets serve`."""

from __future__ import annotations

import time
from pathlib import Path

import typer

from mekar.cli.common import fail
from mekar.cli.root import app, sheets_app


@app.command("sample-data")
def sample_data(
    out: Path = typer.Option(..., "--out", help="Folder tujuan"),
    scale: float = typer.Option(1.0, "--scale", help="1 = Sragen (10.503 ASN); 35 = provinsi"),
    seed: int = typer.Option(2023, "--seed", help="Benih acak (hasil sama untuk benih sama)"),
) -> None:
    """Tulis satu tahun data contoh dalam tata letak berkas kontrak."""
    from tooling.sample_year import write_sample_year

    started = time.perf_counter()
    counts = write_sample_year(
        out, scale=scale, seed=seed, progress=lambda m: typer.echo(m, err=True)
    )
    listed = ", ".join(f"{k} {v}" for k, v in counts.items())
    typer.echo(
        f"Data contoh ditulis ke {out} dalam {time.perf_counter() - started:.1f} detik: {listed}"
    )


@sheets_app.command("serve")
def sheets_serve(
    data: Path = typer.Option(..., "--data", help="Folder berkas (tata letak kontrak)"),
    port: int = typer.Option(8765, "--port", help="Port di 127.0.0.1"),
    long_numbers: bool = typer.Option(
        False, "--angka-panjang", help="Tampilkan angka ≥16 digit seperti Sheets (1.98503E+17)"
    ),
) -> None:
    """Server lokal tiruan Google Sheets API (untuk uji coba dan demo)."""
    from tooling.sheets_api import SheetsApiServer

    if not data.is_dir():
        fail(f"Folder data tidak ditemukan: {data}")
    server = SheetsApiServer(data, port=port, sheets_style_numbers=long_numbers).start()
    typer.echo(f"Server Sheets lokal di {server.url} (Ctrl+C untuk berhenti). Kunci spreadsheet:")
    for key, name in sorted(server.keys.items()):
        typer.echo(f'  {name} = "{key}"')
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop()
