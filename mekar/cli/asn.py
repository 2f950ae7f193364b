"""`mekar asn NIP`: one ASN's JP card for a year."""

from __future__ import annotations

import datetime as dt

import typer

from mekar.cli.common import WAREHOUSE_HELP, fail, missing_sqlite_file, warehouse_url
from mekar.cli.root import app
from mekar.errors import MekarError


@app.command("asn")
def asn(
    nip: str = typer.Argument(..., help="NIP 18 digit (spasi, titik dan strip boleh)"),
    year: int = typer.Option(
        None, "--year", help="Tahun (default: tahun terakhir yang ada kegiatan)"
    ),
    warehouse: str = typer.Option(None, "--warehouse", help=WAREHOUSE_HELP),
) -> None:
    """Kartu JP satu ASN: setiap kegiatan dengan buktinya, laporan pengembangan mandiri, total."""
    from mekar.export import latest_year
    from mekar.report.asn_card import card
    from mekar.validate.nip import check_nip
    from mekar.warehouse.db import make_engine, reachable_revision

    checked = check_nip(nip)
    if not checked.nip:
        fail(checked.message or f"NIP '{nip}' tidak valid")
    url = warehouse_url(warehouse)
    if missing_sqlite_file(url):
        fail(f"Gudang data tidak ditemukan: {url}. Jalankan dulu 'mekar run nightly'.")
    engine = make_engine(url)
    try:
        reachable_revision(engine)
        year = year or latest_year(engine)
        if year is None:
            fail("Gudang data belum berisi kegiatan: jalankan dulu 'mekar run nightly'.")
        lines = card(engine, checked.nip, year, dt.date.today())
    except MekarError as error:
        fail(str(error))
    if lines is None:
        fail(f"NIP {checked.nip} tidak ada di daftar pegawai (master/pegawai) gudang data ini.")
    typer.echo("\n".join(lines))
