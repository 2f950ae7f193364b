"""Commands backed by the `tooling` package: `mekar sample-data` and `mekar sheets serve`."""

from __future__ import annotations

import time
from pathlib import Path

import typer

from mekar.cli.common import checked, fail
from mekar.cli.root import app, sheets_app


@app.command("sample-data")
def sample_data(
    out: Path = typer.Option(..., "--out", help="Folder tujuan"),
    scale: float = typer.Option(1.0, "--scale", help="1 = Sragen (10.503 ASN); 35 = provinsi"),
    seed: int = typer.Option(2023, "--seed", help="Benih acak (hasil sama untuk benih sama)"),
    regions: int = typer.Option(
        None, "--regions", help="Jumlah kabupaten/kota (default: skala dibulatkan)"
    ),
    per_region: bool = typer.Option(
        False,
        "--per-region",
        help="Satu folder per kabupaten/kota + mekar-provinsi.toml (partisi run provinsi)",
    ),
    quiet: bool = typer.Option(False, "--quiet", hidden=True),  # the demo: no progress lines
) -> None:
    """Tulis satu tahun data contoh dalam tata letak berkas kontrak."""
    from tooling.sample_year import write_sample_year

    started = time.perf_counter()
    counts = write_sample_year(
        out,
        scale=scale,
        seed=seed,
        progress=(lambda m: None) if quiet else (lambda m: typer.echo(m, err=True)),
        regions=regions,
        per_region=per_region,
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


@app.command("demo")
def demo(
    data: Path = typer.Option(Path("data/sample"), "--data", help="Folder data contoh"),
    out: Path = typer.Option(Path("out"), "--out", help="Folder laporan dan outbox"),
    week: str = typer.Option("2023-W27", "--week", help="Minggu laporan mingguan"),
) -> None:
    """Contoh lengkap dalam satu perintah: data contoh (bila belum ada), alur nightly, lalu
    laporan mingguan yang ditulis ke folder outbox (tidak ada email sungguhan)."""
    import os

    from mekar.cli.run import run_nightly
    from mekar.cli.weekly import run_weekly
    from mekar.week import Week

    checked(Week.parse, week)  # a typo costs one line, not a nightly run first

    # One process, so one Prefect temporary server for both flows (each command would start
    # its own: ~7 s of the demo). The demo never mails anyone: no SMTP host means the outbox.
    os.environ["MEKAR_SMTP__HOST"] = ""
    os.environ.setdefault("MEKAR_SMTP__BKPSDM", '["bkpsdm@sragen.example"]')
    if not (data / "master" / "pegawai.csv").exists():
        typer.echo(f"Menulis data contoh (satu tahun Kabupaten Sragen) ke {data} ...", err=True)
        sample_data(out=data, scale=1.0, seed=2023, regions=None, per_region=False, quiet=True)
    run_nightly(data=data, year=None, warehouse=None, out=out, no_wait=False)
    run_weekly(week=week, opd=None, dry_run=False, resend=False, data=data, warehouse=None, out=out)
