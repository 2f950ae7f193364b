"""The contract's exports (DATA_CONTRACT.md "Command line"): CSV files other tools check.
The same rows as a workbook for officers are export_workbook's."""

from __future__ import annotations

import csv
from pathlib import Path

from sqlalchemy import Engine, inspect, text

from mekar.deliver.csv_safe import neutralise
from mekar.errors import MekarError
from mekar.report.formatting import as_date

EXPORTS: dict[str, tuple[list[str], str]] = {
    "compliance": (
        ["nip", "nama", "kode_opd", "jenis_asn", "jp", "target_jp", "memenuhi"],
        "select nip, nama, kode_opd, jenis_asn, jp, target_jp, memenuhi "
        "from fct_compliance where tahun = :tahun",
    ),
    "opd": (
        [
            "kode_opd",
            "jumlah_asn",
            "jumlah_memenuhi",
            "persen_memenuhi",
            "total_jp",
            "responden_kebutuhan",
        ],
        "select kode_opd, jumlah_asn, jumlah_memenuhi, persen_memenuhi, total_jp, "
        "responden_kebutuhan from agg_opd where tahun = :tahun",
    ),
    # Catalog sessions, then accepted outside learning under its MANDIRI- code (rule 10).
    "credits": (
        ["nip", "kode_kegiatan", "jp", "bukti"],
        "select nip, kode_kegiatan, jp, bukti from fct_credits where tahun = :tahun "
        "union all select nip, kode_laporan, jp, 'laporan_mandiri' from fct_credits_mandiri "
        "where tahun = :tahun",
    ),
    "evidence": (
        [
            "nip",
            "kode_kegiatan",
            "menit_hadir",
            "menit_dibutuhkan",
            "daftar_hadir",
            "koreksi",
            "dikreditkan",
            "alasan",
        ],
        "select nip, kode_kegiatan, menit_hadir, menit_dibutuhkan, daftar_hadir, "
        "coalesce(koreksi, ''), dikreditkan, alasan from fct_evidence where tahun = :tahun",
    ),
    # Accepted outside learning as SIASN's riwayat diklat records it, for BKPSDM to carry over.
    "siasn": (
        [
            "nip",
            "nama",
            "jenis_diklat",
            "nama_diklat",
            "institusi_penyelenggara",
            "nomor_sertifikat",
            "tanggal_mulai",
            "tanggal_selesai",
            "tahun",
            "durasi_jam",
            "jalur",
            "jenis_kompetensi",
            "tautan_bukti",
        ],
        "select r.nip, coalesce(p.nama, ''), coalesce(r.bentuk, ''), r.nama_kegiatan, "
        "coalesce(r.penyelenggara, ''), coalesce(r.nomor_sertifikat, ''), r.tanggal_mulai, "
        "r.tanggal_selesai, r.tahun, r.jp, coalesce(r.jalur, ''), "
        "coalesce(r.jenis_kompetensi, ''), coalesce(r.bukti, '') "
        "from int_pengembangan_standing as r left join stg_pegawai as p on p.nip = r.nip "
        "where r.status = 'diterima' and r.tahun = :tahun",
    ),
    # The contract's five columns, then the column to look at and the message for a person.
    "quarantine": (
        ["sumber", "worksheet", "baris", "alasan", "data", "kolom", "pesan"],
        "select sumber, worksheet, baris, alasan, data, coalesce(kolom, ''), pesan from quarantine",
    ),
}


# Sorted here, not in SQL: a PostgreSQL database's collation (en_US, ICU) orders "KEC_X" and
# "KECAMATAN" differently from SQLite; code-point order is the same everywhere.
SORT_COLUMNS = {
    "compliance": ("nip",),
    "opd": ("kode_opd",),
    "credits": ("nip", "kode_kegiatan"),
    "evidence": ("nip", "kode_kegiatan"),
    "siasn": ("nip", "tanggal_mulai", "nama_diklat"),
    "quarantine": ("sumber", "worksheet", "baris"),
}


def _format(column: str, value: object, guard: bool = True) -> object:
    """A cell as the contract writes it. With `guard` (a CSV), text that a spreadsheet would
    run as a formula (`=HYPERLINK(...)` typed as a name) gets a leading apostrophe, as in the
    email attachments; a workbook stores text as text instead. Numbers are written as they
    are."""
    if column in ("persen_memenuhi", "menit_hadir") and value is not None:
        return f"{float(value):.1f}"
    if column == "menit_dibutuhkan" and value is not None:
        return f"{float(value):g}"  # 80 % of 180 min is 144, of 135 min 108; 75 % of 135, 101.25
    if column.startswith("tanggal_") and value is not None:
        return as_date(value).strftime("%d-%m-%Y")  # as SIASN's forms write dates
    if guard and isinstance(value, str):
        return neutralise(value)
    return value


def export_rows(
    engine: Engine, what: str, year: int | None, guard: bool = True
) -> tuple[list[str], list[tuple]]:
    header, query = EXPORTS[what]
    required = {
        "compliance": "fct_compliance",
        "opd": "agg_opd",
        "credits": "fct_credits_mandiri",  # the newer of the two it reads
        "evidence": "fct_evidence",
        "siasn": "int_pengembangan_standing",
        "quarantine": "quarantine",
    }[what]
    from mekar.warehouse.db import reachable_revision

    reachable_revision(engine)  # an unreachable warehouse is one line, not a traceback
    if not inspect(engine).has_table(required):
        raise MekarError(
            f"Gudang data {engine.url.render_as_string(hide_password=True)} belum berisi hasil "
            "perhitungan: jalankan dulu 'mekar run nightly' dengan --warehouse yang sama."
        )
    with engine.connect() as conn:
        rows = conn.execute(text(query), {"tahun": year}).all()
    positions = [header.index(column) for column in SORT_COLUMNS[what]]
    rows = sorted(rows, key=lambda row: tuple(row[p] for p in positions))
    return header, [
        tuple(_format(c, v, guard) for c, v in zip(header, row, strict=True)) for row in rows
    ]


def write_export(engine: Engine, what: str, year: int | None, out: Path, fmt: str = "csv") -> int:
    """The export as the contract's CSV, or as a workbook for people (`fmt` "xlsx",
    export_workbook: the same rows, said in words)."""
    # a workbook needs no apostrophe guard: its cells are stored as text (xlsx_safe)
    header, rows = export_rows(engine, what, year, guard=fmt != "xlsx")
    if fmt == "xlsx":
        from mekar.deliver.xlsx_safe import workbook_bytes
        from mekar.export_workbook import workbook_sheet

        data = workbook_bytes([workbook_sheet(engine, what, year, header, rows)])
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        if fmt == "xlsx":
            out.write_bytes(data)
        else:
            with out.open("w", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle, lineterminator="\n")
                writer.writerow(header)
                writer.writerows(rows)
    except OSError as exc:
        raise MekarError(f"Berkas {out} tidak dapat ditulis ({exc.strerror}).") from None
    return len(rows)


def latest_year(engine: Engine) -> int | None:
    """The latest year that has sessions (the default `--year`)."""
    if not inspect(engine).has_table("src_kegiatan"):
        return None
    with engine.connect() as conn:
        return conn.execute(text("select max(tahun) from src_kegiatan")).scalar_one()


def compliance_totals(engine: Engine, year: int) -> tuple[int, int]:
    """(active ASN, ASN meeting the target) in the year, for the run's closing line."""
    with engine.connect() as conn:
        row = conn.execute(
            text(
                "select count(*), coalesce(sum(memenuhi), 0) from fct_compliance where tahun = :t"
            ),
            {"t": year},
        ).one()
    return int(row[0]), int(row[1])


def dropped_guests(engine: Engine, year: int) -> int:
    """Zoom rows marked Guest that match nobody: rule 2 drops them, the run says how many."""
    with engine.connect() as conn:
        return conn.execute(
            text(
                "select count(*) from int_zoom_matched as m "
                "inner join stg_kegiatan as k on k.kode_kegiatan = m.kode_kegiatan "
                "where m.nip is null and m.guest = 1 and k.tahun = :t"
            ),
            {"t": year},
        ).scalar_one()
