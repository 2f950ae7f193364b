"""`mekar`: the command line BKPSDM's staff and other tools call (DATA_CONTRACT.md)."""

from __future__ import annotations

import os
import sys
import time
from enum import StrEnum
from pathlib import Path

import typer

from mekar.errors import MekarError

app = typer.Typer(
    help="Sragen Mekar: JP, kepatuhan 20 JP dan kebutuhan pengembangan kompetensi ASN.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
run_app = typer.Typer(help="Menjalankan alur kerja (flow).", no_args_is_help=True)
app.add_typer(run_app, name="run")

WAREHOUSE_HELP = "URL SQLAlchemy gudang data (default: MEKAR_WAREHOUSE_URL atau sqlite:///mekar.db)"


@app.callback()
def _options(
    debug: bool = typer.Option(
        False, "--debug", help="Tampilkan rincian teknis (traceback) di layar, bukan di log"
    ),
) -> None:
    """Sragen Mekar: JP, kepatuhan 20 JP dan kebutuhan pengembangan kompetensi ASN."""
    # `--debug` is taken out of the command line by mekar.console.run before Typer sees it.


def _quiet_telemetry() -> None:
    # Neither tool may phone home from BKPSDM's machines, the demo or CI.
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    # Prefect's temporary server runs its own migrations the first time (an empty
    # PREFECT_HOME): on a 2-core machine that takes longer than Prefect's 20 s default.
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")


def _flow_logging(out: Path | None) -> None:
    """Tracebacks from inside a flow go to <out>/mekar.log, not to the screen."""
    from mekar.config import Settings
    from mekar.console import route_tracebacks_to_file

    route_tracebacks_to_file(out or Settings().out_dir)


def _fail(message: str) -> None:
    typer.secho(f"Gagal: {message}", fg=typer.colors.RED, err=True)
    raise typer.Exit(1)


def _angka(number: float, digits: int = 0) -> str:
    """A number the Indonesian way for console lines: 10.503; 20,4."""
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(number, format=pattern, locale="id_ID")


def _missing_sqlite_file(url: str) -> bool:
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    return (
        parsed.get_backend_name() == "sqlite"
        and parsed.database not in (None, "", ":memory:")
        and not Path(parsed.database).exists()
    )


def _warehouse(url: str | None) -> str:
    from mekar.config import Settings

    return url or Settings().warehouse_url


def _checked(check, *args):
    """A pre-run check of mekar.preflight (the flows make the same ones): one line on failure."""
    try:
        return check(*args)
    except MekarError as error:
        _fail(str(error))


def _check_data_folder(data: Path | None) -> None:
    from mekar import preflight

    _checked(preflight.data_folder, data)


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
    from flows.nightly import nightly

    _run_loading_flow(nightly, data, warehouse, out, no_wait, year=year)


@app.command("backfill")
def backfill(
    year: int = typer.Option(..., "--year", help="Tahun yang dihitung ulang, mis. 2022"),
    data: Path = typer.Option(None, "--data", help="Folder berkas unduhan (xlsx/csv)"),
    warehouse: str = typer.Option(None, "--warehouse", help=WAREHOUSE_HELP),
    out: Path = typer.Option(None, "--out", help="Folder laporan (default: out/)"),
    no_wait: bool = typer.Option(False, "--no-wait", help="Berhenti bila run lain sedang berjalan"),
) -> None:
    """Hitung ulang satu tahun saja (tahun lain tidak berubah)."""
    from flows.backfill import backfill as backfill_flow

    _run_loading_flow(backfill_flow, data, warehouse, out, no_wait, year=year, needs_results=True)


def _run_loading_flow(flow, data, warehouse, out, no_wait, year, needs_results=False) -> None:
    """nightly and backfill: the same checks first (a typo costs one line, not a flow run),
    the flow, its summary, and exit 1 when it could not do all of its work."""
    from mekar import preflight
    from tasks.outcome import outcome

    _quiet_telemetry()
    _check_data_folder(data)
    _require_source(data)
    url = _warehouse(warehouse)
    engine = _checked(preflight.warehouse, url)
    if needs_results:
        _checked(preflight.require_results, engine, "backfill")
    _flow_logging(out)
    started = time.perf_counter()
    try:
        summary, problems = outcome(
            flow(
                data_dir=str(data) if data else None,
                year=year,
                warehouse_url=url,
                out_dir=str(out) if out else None,
                wait=not no_wait,
                return_state=True,
            )
        )
    except MekarError as error:
        _fail(str(error))
    _print_summary(summary, time.perf_counter() - started)
    _fail_on_problems(summary, problems)


def _require_source(data: Path | None) -> None:
    from mekar import preflight
    from mekar.config import Settings

    _checked(preflight.source, data, Settings())


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
    _fail(
        f"run tidak lengkap ({len(problems)} masalah di atas); {loaded}. Perbaiki lalu "
        "jalankan lagi; sumber yang gagal tetap memakai data lamanya (bila ada)."
    )


def _print_summary(summary, elapsed: float) -> None:
    from mekar.report.formatting import REASON_LABELS, UNKNOWN_REASON_LABEL

    typer.echo("")
    typer.echo(f"Selesai dalam {_angka(elapsed, 1)} detik. Tahun laporan: {summary.year or '-'}")
    unchanged = (
        f" ({_angka(summary.worksheets_unchanged)} tidak berubah sejak run lalu, dilewati)"
        if summary.worksheets_unchanged
        else ""
    )
    typer.echo(
        f"  Diperiksa: {_angka(summary.rows_checked)} baris dari "
        f"{_angka(summary.worksheets_read)} lembar kerja{unchanged}"
    )
    for note in summary.notes:
        typer.secho(f"  Dibersihkan: {note}", fg=typer.colors.YELLOW)
    for warning in summary.warnings:
        typer.secho(f"  Peringatan: {warning}", fg=typer.colors.YELLOW)
    for item in summary.not_read:  # the serious ones come last, among the run's problems
        typer.echo(f"  Tidak dibaca: {item}")
    typer.echo(f"  Perubahan di gudang data: {_angka(summary.rows_changed)} baris")
    typer.echo(f"  Karantina (seluruh gudang data): {_angka(summary.quarantined)} baris")
    for reason, count in summary.quarantine_by_reason.items():
        label = REASON_LABELS.get(reason, UNKNOWN_REASON_LABEL)
        typer.echo(f"    {_angka(count):>7}  {reason}: {label}")
    if summary.quarantine_messages:
        typer.echo("  Baris yang dikarantina run ini (perbaiki di spreadsheet-nya):")
    for where, total, named, lines in summary.quarantine_messages:
        for line in lines:
            typer.echo(f"    {line}")
        if total > named:
            typer.echo(
                f"    ... dan {_angka(total - named)} baris lain di {where}: lihat "
                "halaman ringkasan (ringkasan.html) atau 'mekar export quarantine'"
            )
    if summary.guests_dropped:
        typer.echo(
            f"  Tamu Zoom (Guest) tanpa pasangan di daftar pegawai, diabaikan: "
            f"{_angka(summary.guests_dropped)} baris"
        )
    if summary.asn_aktif:
        share = 100 * summary.asn_memenuhi / summary.asn_aktif
        typer.echo(
            f"  Hasil {summary.year}: {_angka(summary.model_rows.get('fct_credits', 0))} kredit JP; "
            f"{_angka(summary.asn_memenuhi)} dari {_angka(summary.asn_aktif)} ASN aktif "
            f"memenuhi target ({_angka(share, 1)}%)"
        )
    if summary.report_dir:
        typer.echo(f"  Laporan: {Path(summary.report_dir).resolve() / 'index.html'}")


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
    _quiet_telemetry()
    _check_data_folder(data)
    from mekar import preflight
    from mekar.config import Settings
    from mekar.week import Week

    url = _warehouse(warehouse)
    try:
        if week:
            Week.parse(week)  # a typo first, before anything else
        if _missing_sqlite_file(url) and data is None:
            _fail(
                f"Gudang data {url} belum ada: jalankan 'mekar run nightly' dulu atau beri --data."
            )
        preflight.warehouse(url)
        # Checked before the orchestrator starts: a mistake costs one line, not a traceback.
        week, opd = preflight.weekly(url, week, opd, data, dry_run, Settings())
    except MekarError as error:
        _fail(str(error))
    _flow_logging(out)
    started = time.perf_counter()
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
                warehouse_url=url,
                out_dir=str(out) if out else None,
                return_state=True,
            )
        )
    except MekarError as error:
        _fail(str(error))
    _print_weekly(summary, time.perf_counter() - started)
    for problem in problems:
        if problem.startswith("Saat memperbarui"):
            typer.secho(f"  {problem}", fg=typer.colors.YELLOW, err=True)
    if summary.failed:
        _fail(
            f"{_angka(len(summary.failed))} email tidak terkirim; tercatat di gudang data dan "
            "akan dicoba lagi pada run berikutnya (penerima lain tidak dikirimi ulang)."
        )
    if problems:
        _fail(
            "gudang data tidak diperbarui sepenuhnya (lihat di atas); laporan dikirim dengan "
            "data lama sumber itu, bila ada."
        )


def _print_weekly(summary, elapsed: float) -> None:
    from mekar.report.formatting import tanggal

    week = summary.week
    typer.echo("")
    typer.echo(
        f"Minggu {week.iso} ({tanggal(week.monday)} – {tanggal(week.sunday)}), "
        f"selesai dalam {_angka(elapsed, 1)} detik."
    )
    if summary.refreshed:
        typer.echo("  Gudang data diperbarui dulu (alur nightly).")
    if summary.stale:
        typer.secho(f"  Perhatian: {summary.stale}.", fg=typer.colors.YELLOW, err=True)
    pages = Path(summary.pages_dir).resolve()
    summary_page = " + ringkasan BKPSDM" if summary.ringkasan else ""
    typer.echo(f"  Laporan: {_angka(summary.opd_pages)} OPD{summary_page} di {pages}")
    verb = (
        "akan dikirim"
        if summary.dry_run
        else "ditulis"
        if summary.via.startswith("folder")
        else "terkirim"
    )
    typer.echo(f"  Email {verb}: {_angka(len(summary.sent))} ({summary.via})")
    for item in summary.sent:
        earlier = f" (minggu {item.periode}, diulang)" if item.periode != week.iso else ""
        typer.echo(f"    {item.penerima:<40} {item.laporan}{earlier}")
    if summary.already:
        typer.echo(
            f"  Sudah terkirim sebelumnya (tidak dikirim lagi): {_angka(len(summary.already))}"
        )
    if summary.changed_not_resent:
        typer.secho(
            f"  Isi berubah sejak terkirim, tidak dikirim ulang: "
            f"{_angka(len(summary.changed_not_resent))} (gunakan --resend untuk mengirim ulang)",
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
    if summary.bkpsdm_tanpa_penerima:
        typer.secho(
            "  Ringkasan BKPSDM tidak dikirim: atur smtp.bkpsdm (mis. MEKAR_SMTP__BKPSDM='[\"data@bkpsdm.sragenkab.go.id\"]').",
            fg=typer.colors.YELLOW,
        )


@app.command("rerun")
def rerun(
    session: str = typer.Option(..., "--session", help="Kode Kegiatan, mis. MEKAR-2023-001"),
    data: Path = typer.Option(None, "--data", help="Folder berkas unduhan (xlsx/csv)"),
    warehouse: str = typer.Option(None, "--warehouse", help=WAREHOUSE_HELP),
    out: Path = typer.Option(None, "--out", help="Folder laporan (default: out/)"),
    no_wait: bool = typer.Option(False, "--no-wait", help="Berhenti bila run lain sedang berjalan"),
) -> None:
    """Hitung ulang satu kegiatan (mis. setelah webinar besar) tanpa memproses setahun."""
    _quiet_telemetry()
    if data is not None and not data.is_dir():
        _fail(f"Folder data tidak ditemukan: {data}")
    from mekar import preflight

    url = _warehouse(warehouse)
    _checked(preflight.require_results, _checked(preflight.warehouse, url), "rerun")
    _flow_logging(out)
    started = time.perf_counter()
    from flows.rerun_session import rerun_session
    from tasks.outcome import outcome

    try:
        (rows, loaded, recomputed), _ = outcome(
            rerun_session(
                session,
                str(data) if data else None,
                url,
                str(out) if out else None,
                not no_wait,
                return_state=True,
            )
        )
    except MekarError as error:
        _fail(str(error))
    if rows.failures:
        for failure in rows.failures:
            typer.secho(f"  Sumber gagal: {failure}", fg=typer.colors.YELLOW, err=True)
        _fail("kegiatan tidak dihitung ulang; gudang data tidak berubah.")
    typer.echo(
        f"Kegiatan {session} dihitung ulang dalam {_angka(time.perf_counter() - started, 1)} detik: "
        f"{_angka(len(rows.checkins))} baris daftar hadir, "
        f"{_angka(len(rows.zoom.records) if rows.zoom else 0)} baris log Zoom; "
        f"{_angka(recomputed.asn)} ASN dan {_angka(len(recomputed.opd))} OPD diperbarui "
        f"({_angka(loaded.changed)} baris gudang data berubah)."
    )


class ExportKind(StrEnum):
    compliance = "compliance"
    opd = "opd"
    credits = "credits"
    quarantine = "quarantine"


@app.command("export")
def export(
    jenis: ExportKind = typer.Argument(..., help="compliance | opd | credits | quarantine"),
    year: int = typer.Option(None, "--year", help="Tahun (wajib kecuali quarantine)"),
    warehouse: str = typer.Option(None, "--warehouse", help=WAREHOUSE_HELP),
    out: Path = typer.Option(..., "--out", help="Berkas CSV tujuan"),
) -> None:
    """Ekspor CSV sesuai kontrak data."""
    from mekar.export import write_export
    from mekar.warehouse.db import make_engine

    if year is None and jenis is not ExportKind.quarantine:
        _fail(f"'mekar export {jenis.value}' memerlukan --year, mis. --year 2023")
    url = _warehouse(warehouse)
    if _missing_sqlite_file(url):
        # Connecting would create an empty file and hide the real mistake (a wrong path).
        _fail(
            f"Gudang data tidak ditemukan: {url}. Periksa --warehouse atau MEKAR_WAREHOUSE_URL, "
            "atau isi dulu dengan 'mekar run nightly --data FOLDER'."
        )
    try:
        count = write_export(make_engine(url), jenis.value, year, out)
    except MekarError as error:
        _fail(str(error))
    typer.echo(f"{_angka(count)} baris ditulis ke {out}")
    if count == 0 and year is not None:
        typer.secho(
            f"Peringatan: tidak ada data untuk tahun {year}.", fg=typer.colors.YELLOW, err=True
        )


@app.command("sample-data")
def sample_data(
    out: Path = typer.Option(..., "--out", help="Folder tujuan"),
    scale: float = typer.Option(1.0, "--scale", help="1 = Sragen (10.503 ASN); 35 = provinsi"),
    seed: int = typer.Option(2023, "--seed", help="Benih acak (hasil sama untuk benih sama)"),
) -> None:
    """Tulis satu tahun data contoh dalam tata letak berkas kontrak."""
    from mekar.sample_data import write_sample_year

    started = time.perf_counter()
    counts = write_sample_year(
        out, scale=scale, seed=seed, progress=lambda m: typer.echo(m, err=True)
    )
    listed = ", ".join(f"{k} {v}" for k, v in counts.items())
    typer.echo(
        f"Data contoh ditulis ke {out} dalam {time.perf_counter() - started:.1f} detik: {listed}"
    )


sheets_app = typer.Typer(help="Google Sheets.", no_args_is_help=True)
app.add_typer(sheets_app, name="sheets")


@sheets_app.command("check")
def sheets_check() -> None:
    """Periksa akses dan kolom setiap spreadsheet yang dikonfigurasi."""
    from mekar.config import Settings
    from mekar.sheets_check import check_sheets

    _quiet_telemetry()
    settings = Settings()
    if not settings.sheets.spreadsheets:
        _fail("sheets.spreadsheets belum diatur di mekar.toml (lihat README, 'Google Sheets').")
    try:
        lines = check_sheets(settings)
    except MekarError as error:
        _fail(str(error))
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
        _fail(f"{failed} masalah ditemukan; perbaiki lalu jalankan 'mekar sheets check' lagi.")
    typer.echo("Semua spreadsheet dapat dibaca dan kolomnya lengkap.")


@sheets_app.command("serve")
def sheets_serve(
    data: Path = typer.Option(..., "--data", help="Folder berkas (tata letak kontrak)"),
    port: int = typer.Option(8765, "--port", help="Port di 127.0.0.1"),
    long_numbers: bool = typer.Option(
        False, "--angka-panjang", help="Tampilkan angka ≥16 digit seperti Sheets (1.98503E+17)"
    ),
) -> None:
    """Server lokal tiruan Google Sheets API (untuk uji coba dan demo)."""
    from mekar.sheets_server import SheetsApiServer

    if not data.is_dir():
        _fail(f"Folder data tidak ditemukan: {data}")
    server = SheetsApiServer(data, port=port, sheets_style_numbers=long_numbers).start()
    typer.echo(f"Server Sheets lokal di {server.url} (Ctrl+C untuk berhenti). Kunci spreadsheet:")
    for key, name in sorted(server.keys.items()):
        typer.echo(f'  {name} = "{key}"')
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop()


@app.command("models")
def models() -> None:
    """Daftar model SQL dalam urutan jalan: lapisan, grain, masukan, indeks."""
    from mekar.warehouse.transform import load_models

    try:
        ordered = load_models()
    except ValueError as error:
        _fail(str(error))
    for position, model in enumerate(ordered, start=1):
        inputs = ", ".join([*model.depends_on, *model.sources]) or "-"
        indexes = "; ".join(", ".join(columns) for columns in model.indexes) or "-"
        typer.echo(
            f"{position:>2}. {model.name:<24} {model.layer:<12} grain: {model.grain:<13} "
            f"masukan: {inputs}  indeks: {indexes}"
        )


db_app = typer.Typer(help="Gudang data.", no_args_is_help=True)
app.add_typer(db_app, name="db")


@db_app.command("upgrade")
def db_upgrade(warehouse: str = typer.Option(None, "--warehouse", help=WAREHOUSE_HELP)) -> None:
    """Buat atau perbarui skema gudang data (migrasi Alembic)."""
    from mekar.warehouse.db import make_engine, upgrade_schema

    try:
        before, after = upgrade_schema(make_engine(_warehouse(warehouse)))
    except MekarError as error:
        _fail(str(error))
    if before == after:
        typer.echo(f"Skema gudang data sudah pada revisi {after}")
    else:
        typer.echo(f"Skema gudang data diperbarui dari revisi {before or '(kosong)'} ke {after}")


def main() -> None:  # pragma: no cover - console entry point
    from mekar.console import run

    sys.exit(run(app))
