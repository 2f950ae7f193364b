"""`mekar run weekly`: the week's reports and emails, and the summary printed afterwards."""

from __future__ import annotations

import time
from pathlib import Path

import typer

from mekar.cli.common import (
    WAREHOUSE_HELP,
    angka,
    check_data_folder,
    fail,
    flow_logging,
    missing_sqlite_file,
    quiet_telemetry,
    warehouse_url,
)
from mekar.cli.orchestrator import start_orchestrator
from mekar.cli.root import run_app
from mekar.errors import MekarError
from mekar.secrets import url_for_flow


@run_app.command("weekly")
def run_weekly(
    week: str = typer.Option(
        None, "--week", help="Minggu ISO, mis. 2023-W28 (default: minggu terakhir yang selesai)"
    ),
    opd: str = typer.Option(None, "--opd", help="Hanya laporan satu OPD (Kode OPD)"),
    dry_run: bool = typer.Option(
        False, "--dry-run", help="Susun laporan dan tunjukkan siapa akan menerima, tanpa mengirim"
    ),
    resend: bool = typer.Option(
        False, "--resend", help="Kirim ulang laporan yang isinya berubah sejak terkirim"
    ),
    data: Path = typer.Option(
        None, "--data", help="Folder berkas unduhan, untuk memperbarui gudang data bila perlu"
    ),
    warehouse: str = typer.Option(None, "--warehouse", help=WAREHOUSE_HELP),
    out: Path = typer.Option(None, "--out", help="Folder laporan dan outbox (default: out/)"),
) -> None:
    """Susun laporan mingguan dan kirim email ke setiap OPD dan BKPSDM (sekali saja)."""
    quiet_telemetry()
    check_data_folder(data)
    from mekar import preflight
    from mekar.config import Settings
    from mekar.week import Week

    url = warehouse_url(warehouse)
    try:
        if week:
            Week.parse(week)  # a typo first, before anything else
        if missing_sqlite_file(url) and data is None:
            fail(
                f"Gudang data {url} belum ada: jalankan 'mekar run nightly' dulu atau beri --data."
            )
        preflight.warehouse(url)
        # Checked before the orchestrator starts: a mistake costs one line, not a traceback.
        week, opd = preflight.weekly(url, week, opd, data, dry_run, Settings())
    except MekarError as error:
        fail(str(error))
    flow_logging(out)
    started = time.perf_counter()
    start_orchestrator("flows.weekly")()
    from flows.weekly import weekly
    from tasks.outcome import outcome

    try:
        summary, problems = outcome(
            weekly(
                week=week,
                opd=opd,
                dry_run=dry_run,
                resend=resend,
                data_dir=str(data) if data else None,
                warehouse_url=url_for_flow(url),
                out_dir=str(out) if out else None,
                return_state=True,
            )
        )
    except MekarError as error:
        fail(str(error))
    _print_weekly(summary, time.perf_counter() - started)
    for problem in problems:
        if problem.startswith("Saat memperbarui"):
            typer.secho(f"  {problem}", fg=typer.colors.YELLOW, err=True)
    if summary.failed:
        fail(
            f"{angka(len(summary.failed))} email tidak terkirim; tercatat di gudang data dan "
            "akan dicoba lagi pada run berikutnya (penerima lain tidak dikirimi ulang)."
        )
    if problems:
        fail(
            "gudang data tidak diperbarui sepenuhnya (lihat di atas); laporan dikirim dengan "
            "data lama sumber itu, bila ada."
        )


# Up to this many recipients are listed on the screen; a whole regency's (50 OPDs, some with
# two addresses) goes to the run log, the screen says how many of each kind.
RECIPIENTS_ON_SCREEN = 12


def _print_recipients(sent, week: str) -> None:
    import logging

    from mekar.console import log_file

    lines = [
        f"{item.penerima:<40} {item.laporan}"
        + (f" (minggu {item.periode}, diulang)" if item.periode != week else "")
        for item in sent
    ]
    if len(lines) <= RECIPIENTS_ON_SCREEN:
        for line in lines:
            typer.echo(f"    {line}")
        return
    # The run log's handler sits on the root logger; this logger lets INFO through to it
    # (the console's filter keeps such lines off the screen).
    logger = logging.getLogger("mekar.weekly.penerima")
    logger.setLevel(logging.INFO)
    for line in lines:
        logger.info("Penerima: %s", line)
    opd = sum(1 for item in sent if item.laporan.startswith("opd:"))
    typer.echo(
        f"    {angka(opd)} alamat OPD, {angka(len(sent) - opd)} lainnya; daftar lengkap di "
        f"{log_file()}"
    )


def _print_weekly(summary, elapsed: float) -> None:
    from mekar.report.formatting import tanggal

    week = summary.week
    typer.echo("")
    typer.echo(
        f"Minggu {week.iso} ({tanggal(week.monday)} – {tanggal(week.sunday)}), "
        f"selesai dalam {angka(elapsed, 1)} detik."
    )
    if summary.refreshed:
        typer.echo("  Gudang data diperbarui dulu (alur nightly).")
    if summary.stale:
        typer.secho(f"  Perhatian: {summary.stale}.", fg=typer.colors.YELLOW, err=True)
    pages = Path(summary.pages_dir).resolve()
    summary_page = " + ringkasan BKPSDM" if summary.ringkasan else ""
    typer.echo(f"  Laporan: {angka(summary.opd_pages)} OPD{summary_page} di {pages}")
    verb = (
        "akan dikirim"
        if summary.dry_run
        else "ditulis"
        if summary.via.startswith("folder")
        else "terkirim"
    )
    typer.echo(f"  Email {verb}: {angka(len(summary.sent))} ({summary.via})")
    _print_recipients(summary.sent, week.iso)
    if summary.already:
        typer.echo(
            f"  Sudah terkirim sebelumnya (tidak dikirim lagi): {angka(len(summary.already))}"
        )
    if summary.changed_not_resent:
        typer.secho(
            f"  Isi berubah sejak terkirim, tidak dikirim ulang: "
            f"{angka(len(summary.changed_not_resent))} (gunakan --resend untuk mengirim ulang)",
            fg=typer.colors.YELLOW,
        )
        for item in summary.changed_not_resent:
            typer.echo(f"    {item.penerima:<40} {item.laporan}")
    if summary.uncertain:
        typer.secho(
            "  Tidak pasti terkirim (run sebelumnya terhenti saat mengirim): "
            + ", ".join(f"{i.penerima} ({i.laporan}, {i.periode})" for i in summary.uncertain)
            + ". Tanyakan ke penerima, lalu jalankan minggu itu dengan --week dan --resend bila"
            " perlu.",
            fg=typer.colors.YELLOW,
        )
    for item, why in summary.failed:
        typer.secho(
            f"  Gagal: {item.penerima} ({item.laporan}): {why}", fg=typer.colors.RED, err=True
        )
    if summary.tanpa_penerima:
        typer.secho(
            "  OPD tanpa alamat email (isi kolom Email di lembar opd; dilaporkan ke BKPSDM): "
            + ", ".join(summary.tanpa_penerima),
            fg=typer.colors.YELLOW,
        )
    if summary.opd_ditahan:
        typer.echo(held_line(summary))
    if summary.dilewati:
        typer.echo(
            "  Tidak ada yang perlu dilaporkan, tidak dikirimi: " + ", ".join(summary.dilewati)
        )
    if summary.alamat_tidak_sah:
        typer.secho(
            "  Alamat email tidak sah di lembar opd, tidak dikirimi (perbaiki kolom Email): "
            + ", ".join(summary.alamat_tidak_sah),
            fg=typer.colors.YELLOW,
        )
    if summary.bkpsdm_tanpa_penerima and not summary.opd_ditahan:  # else said just above
        typer.secho(f"  Ringkasan BKPSDM tidak dikirim: {SET_BKPSDM}.", fg=typer.colors.YELLOW)


# How to give the BKPSDM summary its recipients, said wherever it cannot go out.
SET_BKPSDM = "atur smtp.bkpsdm (mis. MEKAR_SMTP__BKPSDM='[\"data@bkpsdm.sragenkab.go.id\"]')"


def held_line(summary) -> str:
    """The OPD emails were held (a year with no session yet): one sentence on whether BKPSDM
    hears of it, which is true only when its summary goes out to someone."""
    year = summary.week.year
    opd = "tidak akan dikirim" if summary.dry_run else "tidak dikirim"
    change = 'ubah dengan smtp.year_without_sessions = "all"'
    if not summary.ringkasan:  # a run for one OPD composes no summary
        return f"  Belum ada kegiatan tahun {year} dalam katalog: laporan OPD {opd} ({change})."
    if summary.bkpsdm_tanpa_penerima:
        return (
            f"  Belum ada kegiatan tahun {year} dalam katalog: laporan OPD {opd}, dan ringkasan "
            f"BKPSDM yang menjelaskannya juga tidak, karena tidak ada penerimanya: {SET_BKPSDM}."
        )
    told = "akan diberi tahu" if summary.dry_run else "diberi tahu"
    return (
        f"  Belum ada kegiatan tahun {year} dalam katalog: laporan OPD {opd}, BKPSDM {told} "
        f"lewat ringkasannya ({change})."
    )
