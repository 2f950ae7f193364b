"""`mekar export`: CSV exports of the warehouse as the data contract describes them."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from mekar.cli.common import WAREHOUSE_HELP, angka, fail, missing_sqlite_file, warehouse_url
from mekar.cli.root import app
from mekar.errors import MekarError


class ExportKind(StrEnum):
    compliance = "compliance"
    opd = "opd"
    credits = "credits"
    evidence = "evidence"
    siasn = "siasn"
    review = "review"
    quarantine = "quarantine"


@app.command("export")
def export(
    jenis: ExportKind = typer.Argument(
        ..., help="compliance | opd | credits | evidence | siasn | review | quarantine"
    ),
    year: int = typer.Option(None, "--year", help="Tahun (wajib kecuali quarantine)"),
    warehouse: str = typer.Option(None, "--warehouse", help=WAREHOUSE_HELP),
    out: Path = typer.Option(
        ..., "--out", help="Berkas tujuan (.csv, atau .xlsx dengan --format xlsx)"
    ),
    fmt: str = typer.Option(
        "csv", "--format", help="csv (kolom kontrak, untuk alat lain) | xlsx (untuk dibuka petugas)"
    ),
    partition: str = typer.Option(
        None,
        "--partition",
        help="Kode kabupaten/kota sebuah run provinsi ([[province.partitions]])",
    ),
) -> None:
    """Ekspor CSV sesuai kontrak data."""
    from mekar.export import write_export
    from mekar.warehouse.db import make_engine

    if year is None and jenis is not ExportKind.quarantine:
        fail(f"'mekar export {jenis.value}' memerlukan --year, mis. --year 2023")
    url = warehouse_url(warehouse)
    if partition:
        url = _partition_url(url, partition)
    if missing_sqlite_file(url):
        # Connecting would create an empty file and hide the real mistake (a wrong path).
        fail(
            f"Gudang data tidak ditemukan: {url}. Periksa --warehouse atau MEKAR_WAREHOUSE_URL, "
            "atau isi dulu dengan 'mekar run nightly --data FOLDER'."
        )
    try:
        if jenis is ExportKind.review:
            # A workbook, not a CSV: its first columns paste into kegiatan/koreksi.
            from mekar.config import Settings
            from mekar.report.review import write_review

            if out.suffix.casefold() != ".xlsx":
                fail(f"'mekar export review' menulis berkas .xlsx, bukan {out.name}")
            count = write_review(make_engine(url), year, out, Settings().zoom_host_names)
        else:
            if fmt not in ("csv", "xlsx"):
                fail(f"--format '{fmt}' tidak dikenal; pilihan: csv | xlsx")
            count = write_export(make_engine(url), jenis.value, year, out, fmt)
    except MekarError as error:
        fail(str(error))
    typer.echo(f"{angka(count)} baris ditulis ke {out}")
    if count == 0 and year is not None:
        typer.secho(
            f"Peringatan: tidak ada data untuk tahun {year}.", fg=typer.colors.YELLOW, err=True
        )


def _partition_url(base: str, kode: str) -> str:
    """The warehouse of one partition of the configured province (its schema or file)."""
    from mekar.config import Settings
    from mekar.warehouse.partitions import choose, partition_url

    province = Settings().province
    try:
        (chosen,) = choose(province, [kode])
        return partition_url(base, province, chosen.kode)
    except MekarError as error:
        fail(str(error))
