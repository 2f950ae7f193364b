"""`mekar export`: the warehouse's exports, as the data contract's CSVs or as workbooks for
officers; the file's name decides which."""

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


# The file's format is its name's: an .xlsx holding CSV text (or a .csv holding a zip)
# opens as garbage, and a person names the file they want to open.
FORMATS = {".csv": "csv", ".xlsx": "xlsx"}


@app.command("export")
def export(
    jenis: ExportKind = typer.Argument(
        ..., help="compliance | opd | credits | evidence | siasn | review | quarantine"
    ),
    year: int = typer.Option(
        None, "--year", help="Tahun (default: tahun terakhir yang ada kegiatan)"
    ),
    warehouse: str = typer.Option(None, "--warehouse", help=WAREHOUSE_HELP),
    out: Path = typer.Option(
        ...,
        "--out",
        help="Berkas tujuan: .csv (kolom kontrak data, untuk alat lain) atau .xlsx (buku kerja "
        "untuk petugas); formatnya mengikuti akhiran nama ini",
    ),
    fmt: str = typer.Option(
        None, "--format", help="csv | xlsx; tidak perlu, harus sama dengan akhiran --out"
    ),
    partition: str = typer.Option(
        None,
        "--partition",
        help="Kode kabupaten/kota sebuah run provinsi (province.partitions di mekar.toml)",
    ),
) -> None:
    """Ekspor data: CSV sesuai kontrak data, atau buku kerja .xlsx untuk petugas."""
    from mekar.export import latest_year, write_export
    from mekar.warehouse.db import make_engine, reachable_revision

    chosen = _format_of(jenis, out, fmt)
    url = warehouse_url(warehouse)
    if partition:
        url = _partition_url(url, partition)
    if missing_sqlite_file(url):
        # Connecting would create an empty file and hide the real mistake (a wrong path).
        fail(
            f"Gudang data tidak ditemukan: {url}. Periksa --warehouse atau MEKAR_WAREHOUSE_URL, "
            "atau isi dulu dengan 'mekar run nightly --data FOLDER'."
        )
    yearly = jenis is not ExportKind.quarantine
    defaulted = yearly and year is None
    try:
        engine = make_engine(url)
        if defaulted:
            # as the nightly does: the latest year with sessions
            reachable_revision(engine)  # an unreachable warehouse is one line
            year = latest_year(engine)
            if year is None:
                fail(
                    f"Gudang data {engine.url.render_as_string(hide_password=True)} belum "
                    "berisi kegiatan: jalankan dulu 'mekar run nightly' dengan --warehouse "
                    "yang sama."
                )
        if jenis is ExportKind.review:
            # A workbook, not a CSV: its first columns paste into kegiatan/koreksi.
            from mekar.config import Settings
            from mekar.report.review import write_review

            count = write_review(engine, year, out, Settings().zoom_host_names)
        else:
            count = write_export(engine, jenis.value, year, out, chosen)
    except MekarError as error:
        fail(str(error))
    which = ""
    if yearly:
        which = (
            f" (tahun {year}, tahun terakhir yang ada kegiatan)"
            if defaulted
            else f" (tahun {year})"
        )
    typer.echo(f"{angka(count)} baris ditulis ke {out}{which}.")
    if count == 0 and yearly:
        typer.secho(
            f"Peringatan: tidak ada data untuk tahun {year}.", fg=typer.colors.YELLOW, err=True
        )


def _format_of(jenis: ExportKind, out: Path, fmt: str | None) -> str:
    """csv or xlsx, from the file's name; a --format that says otherwise is refused."""
    if fmt is not None and fmt not in FORMATS.values():
        fail(f"--format '{fmt}' tidak dikenal; pilihan: {' | '.join(FORMATS.values())}")
    named = FORMATS.get(out.suffix.casefold())
    if jenis is ExportKind.review and named != "xlsx":
        fail(
            f"'mekar export review' menulis buku kerja .xlsx, bukan {out}: "
            f"tulis --out {out.with_suffix('.xlsx')}."
        )
    if named is None:
        fail(
            f"nama berkas {out} harus berakhiran .csv (kolom kontrak data) atau .xlsx (buku "
            f"kerja untuk petugas), mis. --out {out.with_suffix('.csv')}."
        )
    if fmt is not None and fmt != named:
        fail(
            f"--format {fmt} tidak cocok dengan nama berkas {out}: tulis --out "
            f"{out.with_suffix('.' + fmt)}, atau tanpa --format (format mengikuti akhiran "
            "nama berkas)."
        )
    return named


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
