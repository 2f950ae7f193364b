"""`mekar run nightly`, `mekar run backfill` and `mekar run rerun`: the flows that load and
recompute. The old spellings `mekar backfill` and `mekar rerun` still run, hidden, and say the
new one (scripts and cron lines written for them keep working)."""

from __future__ import annotations

import functools
import time
from importlib import import_module
from pathlib import Path

import typer

from mekar.cli.common import (
    WAREHOUSE_HELP,
    angka,
    check_data_folder,
    checked,
    fail,
    flow_logging,
    quiet_telemetry,
    warehouse_url,
)
from mekar.cli.orchestrator import VALIDATOR, start_orchestrator
from mekar.cli.root import app, run_app
from mekar.errors import MekarError
from mekar.secrets import url_for_flow


@run_app.command("nightly")
def run_nightly(
    data: Path = typer.Option(None, "--data", help="Folder berkas unduhan (xlsx/csv)"),
    year: int = typer.Option(
        None, "--year", help="Tahun laporan (default: tahun terakhir yang punya kegiatan)"
    ),
    warehouse: str = typer.Option(None, "--warehouse", help=WAREHOUSE_HELP),
    out: Path = typer.Option(None, "--out", help="Folder laporan (default: out/)"),
    no_wait: bool = typer.Option(
        False, "--no-wait", help="Berhenti (bukan menunggu) bila run lain sedang berjalan"
    ),
) -> None:
    """Tarik, validasi, muat, hitung, dan susun laporan (semua tahun dimuat)."""
    _run_loading_flow("flows.nightly:nightly", data, warehouse, out, no_wait, year=year)


@run_app.command("backfill")
def backfill(
    year: int = typer.Option(..., "--year", help="Tahun yang dihitung ulang, mis. 2022"),
    data: Path = typer.Option(None, "--data", help="Folder berkas unduhan (xlsx/csv)"),
    warehouse: str = typer.Option(None, "--warehouse", help=WAREHOUSE_HELP),
    out: Path = typer.Option(None, "--out", help="Folder laporan (default: out/)"),
    no_wait: bool = typer.Option(False, "--no-wait", help="Berhenti bila run lain sedang berjalan"),
) -> None:
    """Hitung ulang satu tahun saja (tahun lain tidak berubah)."""
    _run_loading_flow(
        "flows.backfill:backfill", data, warehouse, out, no_wait, year=year, needs_results=True
    )


def _run_loading_flow(flow_path, data, warehouse, out, no_wait, year, needs_results=False) -> None:
    """nightly and backfill: the same checks first (a typo costs one line, not a flow run),
    the flow, its summary, and exit 1 when it could not do all of its work."""
    from mekar import preflight

    quiet_telemetry()
    check_data_folder(data)
    _require_source(data)
    url = warehouse_url(warehouse)
    engine = checked(preflight.warehouse, url)
    if needs_results:
        checked(preflight.require_results, engine, "backfill")
    flow_logging(out)
    started = time.perf_counter()
    module, name = flow_path.split(":")
    ready = start_orchestrator(module, "tasks.outcome", VALIDATOR)
    flow = getattr(import_module(module), name)
    from tasks.outcome import outcome

    ready()
    try:
        summary, problems = outcome(
            flow(
                data_dir=str(data) if data else None,
                year=year,
                warehouse_url=url_for_flow(url),
                out_dir=str(out) if out else None,
                wait=not no_wait,
                return_state=True,
            )
        )
    except MekarError as error:
        fail(str(error))
    _print_summary(summary, time.perf_counter() - started)
    _fail_on_problems(summary, problems)


def _require_source(data: Path | None) -> None:
    from mekar import preflight
    from mekar.config import Settings

    checked(preflight.source, data, Settings())


def _fail_on_problems(summary, problems: list[str]) -> None:
    if not problems:
        return
    for problem in problems:
        typer.secho(f"  Masalah: {problem}", fg=typer.colors.YELLOW, err=True)
    loaded = (
        "data dari sumber lain sudah dimuat dan laporan disusun"
        if summary.rows_checked
        else "tidak ada data baru dimuat"
    )
    fail(
        f"run tidak lengkap ({len(problems)} masalah di atas); {loaded}. Perbaiki lalu "
        "jalankan lagi; sumber yang gagal tetap memakai data lamanya (bila ada)."
    )


def _print_summary(summary, elapsed: float) -> None:
    from mekar.report.formatting import REASON_LABELS, UNKNOWN_REASON_LABEL

    typer.echo("")
    typer.echo(f"Selesai dalam {angka(elapsed, 1)} detik. Tahun laporan: {summary.year or '-'}")
    unchanged = (
        f" ({angka(summary.worksheets_unchanged)} tidak berubah sejak run lalu, dilewati)"
        if summary.worksheets_unchanged
        else ""
    )
    typer.echo(
        f"  Diperiksa: {angka(summary.rows_checked)} baris dari "
        f"{angka(summary.worksheets_read)} lembar kerja{unchanged}"
    )
    for note in summary.notes:
        typer.secho(f"  Catatan: {note}", fg=typer.colors.YELLOW)
    for warning in summary.warnings:
        typer.secho(f"  Peringatan: {warning}", fg=typer.colors.YELLOW)
    for item in summary.not_read:  # the serious ones come last, among the run's problems
        typer.echo(f"  Tidak dibaca: {item}")
    typer.echo(f"  Perubahan di gudang data: {angka(summary.rows_changed)} baris")
    if summary.transform_skipped:
        typer.echo("  JP dan kepatuhan tidak dihitung ulang: tidak ada data sumber yang berubah")
    typer.echo(f"  Karantina (seluruh gudang data): {angka(summary.quarantined)} baris")
    for reason, count in summary.quarantine_by_reason.items():
        label = REASON_LABELS.get(reason, UNKNOWN_REASON_LABEL)
        typer.echo(f"    {angka(count):>7}  {reason}: {label}")
    _print_quarantine_examples(summary.quarantine_messages)
    if summary.guests_dropped:
        typer.echo(
            f"  Tamu Zoom (Guest) tanpa pasangan di daftar pegawai, diabaikan: "
            f"{angka(summary.guests_dropped)} baris"
        )
    if summary.asn_aktif:
        share = 100 * summary.asn_memenuhi / summary.asn_aktif
        typer.echo(
            f"  Hasil {summary.year}: {angka(summary.model_rows.get('fct_credits', 0))} kredit JP; "
            f"{angka(summary.asn_memenuhi)} dari {angka(summary.asn_aktif)} ASN aktif "
            f"memenuhi target ({angka(share, 1)}%)"
        )
    if summary.report_dir:
        kept = (
            f" ({angka(summary.report_pages_unchanged)} dari {angka(summary.report_pages)} "
            "halaman tidak berubah, tidak ditulis ulang)"
            if summary.report_pages_unchanged
            else ""
        )
        typer.echo(f"  Laporan: {Path(summary.report_dir).resolve() / 'index.html'}{kept}")


# The screen names this many quarantined rows (one worksheet each first); the run log names
# them all, grouped, and `mekar export quarantine` lists every row.
SHOWN_ON_SCREEN = 8


def _print_quarantine_examples(messages) -> None:
    if not messages:
        return
    total = sum(count for _, count, _, _ in messages)
    # One line of each worksheet first, then the rest in order, up to SHOWN_ON_SCREEN.
    firsts = [lines[0] for _, _, _, lines in messages if lines]
    rest = [line for _, _, _, lines in messages for line in lines[1:]]
    shown = (firsts + rest)[:SHOWN_ON_SCREEN]
    typer.echo(
        f"  Dikarantina run ini: {angka(total)} baris di {angka(len(messages))} lembar kerja; "
        "perbaiki di spreadsheet-nya, mis.:"
    )
    for line in shown:
        typer.echo(f"    {line}")
    from mekar.console import log_file

    typer.echo(
        "  Daftar lengkap: 'mekar export quarantine --out karantina.xlsx' "
        f"(rincian run ini di {log_file()})"
    )


@run_app.command("rerun")
def rerun(
    session: str = typer.Option(..., "--session", help="Kode Kegiatan, mis. MEKAR-2023-001"),
    data: Path = typer.Option(None, "--data", help="Folder berkas unduhan (xlsx/csv)"),
    warehouse: str = typer.Option(None, "--warehouse", help=WAREHOUSE_HELP),
    out: Path = typer.Option(None, "--out", help="Folder laporan (default: out/)"),
    no_wait: bool = typer.Option(False, "--no-wait", help="Berhenti bila run lain sedang berjalan"),
) -> None:
    """Hitung ulang satu kegiatan (mis. setelah webinar besar) tanpa memproses setahun."""
    quiet_telemetry()
    if data is not None and not data.is_dir():
        fail(f"Folder data tidak ditemukan: {data}")
    from mekar import preflight

    url = warehouse_url(warehouse)
    checked(preflight.require_results, checked(preflight.warehouse, url), "rerun")
    flow_logging(out)
    started = time.perf_counter()
    start_orchestrator("flows.rerun_session", VALIDATOR)()
    from flows.rerun_session import rerun_session
    from tasks.outcome import outcome

    try:
        (rows, loaded, recomputed), _ = outcome(
            rerun_session(
                session,
                str(data) if data else None,
                url_for_flow(url),
                str(out) if out else None,
                not no_wait,
                return_state=True,
            )
        )
    except MekarError as error:
        fail(str(error))
    if rows.failures:
        for failure in rows.failures:
            typer.secho(f"  Sumber gagal: {failure}", fg=typer.colors.YELLOW, err=True)
        fail("kegiatan tidak dihitung ulang; gudang data tidak berubah.")
    typer.echo(
        f"Kegiatan {session} dihitung ulang dalam {angka(time.perf_counter() - started, 1)} detik: "
        f"{angka(len(rows.checkins))} baris daftar hadir, "
        f"{angka(len(rows.zoom.records) if rows.zoom else 0)} baris log Zoom; "
        f"{angka(recomputed.asn)} ASN dan {angka(len(recomputed.opd))} OPD diperbarui "
        f"({angka(loaded.changed)} baris gudang data berubah)."
    )


@run_app.command("province")
def run_province(
    partition: list[str] = typer.Option(
        None, "--partition", help="Kode partisi yang dijalankan (boleh berulang); default: semua"
    ),
    year: int = typer.Option(None, "--year", help="Tahun laporan (default: tahun terakhir)"),
    warehouse: str = typer.Option(None, "--warehouse", help=WAREHOUSE_HELP),
    out: Path = typer.Option(None, "--out", help="Folder laporan (default: out/)"),
    email: bool = typer.Option(False, "--email", help="Kirim email ringkasan provinsi"),
) -> None:
    """Jalankan tiap kabupaten/kota provinsi sebagai partisi di klaster Dask, lalu gabungannya."""
    from mekar.config import Settings
    from mekar.warehouse.partitions import choose

    quiet_telemetry()
    settings = Settings()
    chosen = checked(choose, settings.province, partition)
    url = warehouse_url(warehouse)
    flow_logging(out)
    started = time.perf_counter()
    ready = start_orchestrator("flows.province", "tasks.outcome", VALIDATOR)
    ready()
    _share_temporary_server()
    from flows.province import province
    from tasks.outcome import outcome

    typer.echo(f"Menjalankan {len(chosen)} partisi: {', '.join(p.kode for p in chosen)}", err=True)
    try:
        summary, problems = outcome(
            province(
                partitions=[p.kode for p in chosen] if partition else None,
                year=year,
                warehouse_url=url_for_flow(url),
                out_dir=str(out) if out else None,
                email=email,
                return_state=True,
            )
        )
    except MekarError as error:
        fail(str(error))
    elapsed = time.perf_counter() - started
    typer.echo("")
    typer.echo(f"Selesai dalam {angka(elapsed, 1)} detik.")
    for item in summary.outcomes:
        typer.echo(
            f"  {item.kode}: {item.status.replace('_', ' ')}{f' — {item.pesan}' if item.pesan else ''}"
        )
    if summary.rolled is not None:
        typer.echo(
            f"  Gabungan provinsi: {angka(len(summary.rolled.included))} kabupaten/kota"
            + (
                f"; belum ada data: {', '.join(summary.rolled.missing)}"
                if summary.rolled.missing
                else ""
            )
        )
    if summary.page:
        typer.echo(f"  Halaman provinsi: {Path(summary.page).resolve()}")
    if summary.emailed:
        typer.echo(f"  Email ringkasan provinsi: {', '.join(summary.emailed)}")
    if problems:
        fail(
            f"{len(problems)} partisi tidak berhasil (di atas); partisi lain sudah dimuat dan "
            "digabung. Perbaiki lalu ulangi dengan --partition KODE."
        )


def _share_temporary_server() -> None:
    """The Dask workers are other processes (they inherit the environment): without
    PREFECT_API_URL each would start a temporary Prefect server of its own, so point them
    at this command's; and pass `--debug` on."""
    import os

    from prefect.settings import PREFECT_API_URL

    from mekar import console

    if console.debug:  # `mekar --debug`: the workers keep their tracebacks on screen too
        os.environ["MEKAR_DEBUG"] = "1"
    if PREFECT_API_URL.value() or os.environ.get("PREFECT_API_URL"):
        return
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer()
    server.start()  # already running: returns at once
    os.environ["PREFECT_API_URL"] = server.api_url


def _old_spelling(command, new: str):
    """`command` under its old name: hidden from the help, it says the new name and runs."""

    @functools.wraps(command)
    def moved(*args, **kwargs):
        typer.secho(
            f"Catatan: perintah ini sekarang '{new}'; ejaan lama tetap berjalan.",
            fg=typer.colors.YELLOW,
            err=True,
        )
        return command(*args, **kwargs)

    return moved


app.command("backfill", hidden=True)(_old_spelling(backfill, "mekar run backfill"))
app.command("rerun", hidden=True)(_old_spelling(rerun, "mekar run rerun"))
