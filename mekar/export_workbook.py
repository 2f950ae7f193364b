"""The exports as workbooks for officers (`mekar export ... --out FILE.xlsx`).

The CSVs are the contract's (DATA_CONTRACT.md "Command line") and other tools parse them;
a workbook is read by a person, so it says things in words: Indonesian headers and sheet
names, Ya/Tidak for yes and no, the name beside every code (ASN, OPD, session), a reason in
words beside its code, a quarantined row's cells as "Kolom: nilai" text rather than JSON.
NIPs stay 18 digits of text and numbers stay numbers (xlsx_safe).
"""

from __future__ import annotations

import json
from collections.abc import Callable

from sqlalchemy import Engine, text

# The ASN card's words for why a session was or was not credited: one way to say each.
from mekar.report.asn_card import CREDIT_REASONS as EVIDENCE_REASONS
from mekar.report.formatting import alasan as quarantine_reason

SHEET_TITLES = {
    "compliance": "Kepatuhan",
    "opd": "OPD",
    "credits": "Kredit",
    "evidence": "Bukti",
    "siasn": "SIASN",
    "quarantine": "Karantina",
}
HEADERS = {
    "nip": "NIP",
    "nama": "Nama",
    "jenis_asn": "Jenis ASN",
    "jp": "JP",
    "target_jp": "Target JP",
    "memenuhi": "Memenuhi target",
    "jumlah_asn": "Jumlah ASN aktif",
    "jumlah_memenuhi": "Jumlah memenuhi",
    "persen_memenuhi": "% memenuhi",
    "total_jp": "Total JP",
    "responden_kebutuhan": "Mengisi formulir kebutuhan",
    "menit_hadir": "Menit hadir (Zoom)",
    "menit_dibutuhkan": "Menit syarat",
    "daftar_hadir": "Daftar hadir di hari kegiatan",
    "koreksi": "Koreksi BKPSDM",
    "dikreditkan": "Dikreditkan",
    "jenis_diklat": "Jenis diklat",
    "nama_diklat": "Nama diklat",
    "institusi_penyelenggara": "Institusi penyelenggara",
    "nomor_sertifikat": "Nomor sertifikat",
    "tanggal_mulai": "Tanggal mulai",
    "tanggal_selesai": "Tanggal selesai",
    "tahun": "Tahun",
    "durasi_jam": "Durasi (JP)",
    "jalur": "Jalur",
    "jenis_kompetensi": "Jenis kompetensi",
    "tautan_bukti": "Tautan bukti",
    "sumber": "Spreadsheet",
    "worksheet": "Lembar kerja",
    "baris": "Baris",
    "data": "Isi baris",
    "kolom": "Kolom",
    "pesan": "Yang perlu diperbaiki",
}
# The credits export's evidence codes (`bukti`, joined with "+"), in words.
EVIDENCE_WORDS = {
    "zoom": "Zoom",
    "daftar_hadir": "daftar hadir",
    "koreksi": "koreksi BKPSDM",
    "laporan_mandiri": "laporan pengembangan mandiri",
}
_YES_NO = {"memenuhi", "daftar_hadir", "dikreditkan"}
# Written by the CSV as the contract's text ("24.0", "101.25"): numbers in a workbook.
_NUMBERS = {"persen_memenuhi", "menit_hadir", "menit_dibutuhkan"}


class Names:
    """The names behind the codes an export carries, read once per workbook."""

    def __init__(self, engine: Engine, header: list[str], year: int | None) -> None:
        self.opd: dict[str, str] = {}
        self.asn: dict[str, str] = {}
        self.kegiatan: dict[str, str] = {}
        self.laporan: dict[tuple[str, str], str] = {}
        with engine.connect() as conn:

            def named(query: str, **params) -> list:
                return conn.execute(text(query), params).all()

            if "kode_opd" in header:
                self.opd = dict(named("select kode_opd, nama_opd from stg_opd"))
            if "nip" in header and "nama" not in header:
                self.asn = dict(named("select nip, nama from stg_pegawai"))
            if "kode_kegiatan" in header:
                self.kegiatan = dict(named("select kode_kegiatan, nama_kegiatan from stg_kegiatan"))
                # accepted outside learning, under its MANDIRI- code per ASN (rule 10)
                found = named(
                    "select nip, kode_laporan, nama_kegiatan from fct_credits_mandiri "
                    "where tahun = :tahun",
                    tahun=year,
                )
                self.laporan = {(nip, kode): nama for nip, kode, nama in found}

    def of_session(self, nip: str, kode: str) -> str:
        return self.laporan.get((nip, kode)) or self.kegiatan.get(kode) or ""


# A contract column -> the workbook's columns for it: (headers, cells of one row).
Cells = Callable[[object, dict, Names], list]


def _columns(what: str, column: str, header: list[str]) -> tuple[list[str], Cells]:
    if column == "kode_opd":
        return ["Kode OPD", "Nama OPD"], lambda v, row, names: [v, names.opd.get(v, "")]
    if column == "nip" and "nama" not in header:
        return ["NIP", "Nama"], lambda v, row, names: [v, names.asn.get(v, "")]
    if column == "kode_kegiatan":
        return ["Kode kegiatan", "Nama kegiatan"], lambda v, row, names: [
            v,
            names.of_session(row["nip"], v),
        ]
    if column == "alasan":
        words = quarantine_reason if what == "quarantine" else _evidence_reason
        return ["Kode alasan", "Alasan"], lambda v, row, names: [v, words(v)]
    if column == "bukti":
        return ["Kode bukti", "Bukti"], lambda v, row, names: [v, _evidence_words(v)]
    if column in _YES_NO:
        return [HEADERS[column]], lambda v, row, names: [_yes_no(v)]
    if column in _NUMBERS:
        return [HEADERS[column]], lambda v, row, names: [None if v in (None, "") else float(v)]
    if column == "data":
        return [HEADERS[column]], lambda v, row, names: [readable_row(v)]
    return [HEADERS.get(column, column)], lambda v, row, names: [v]


def workbook_sheet(
    engine: Engine, what: str, year: int | None, header: list[str], rows: list[tuple]
) -> tuple[str, list[str], list[list]]:
    """The export's (title, header, rows) for xlsx_safe, from the contract's rows."""
    names = Names(engine, header, year)
    columns = [_columns(what, column, header) for column in header]
    titles = [title for heads, _ in columns for title in heads]
    table = []
    for values in rows:
        row = dict(zip(header, values, strict=True))
        cells: list = []
        for column, (_, make) in zip(header, columns, strict=True):
            cells += make(row[column], row, names)
        table.append(cells)
    return SHEET_TITLES[what], titles, table


def readable_row(data: object) -> object:
    """A quarantined row's cells (JSON of column -> cell) as "Kolom: nilai; Kolom: nilai",
    empty cells left out; anything that is not such JSON as it is."""
    try:
        cells = json.loads(data) if isinstance(data, str) else None
    except ValueError:
        return data
    if not isinstance(cells, dict):
        return data
    return "; ".join(f"{name}: {value}" for name, value in cells.items() if value not in (None, ""))


def _yes_no(value: object) -> str | None:
    if value in (None, ""):
        return None
    return "Ya" if int(value) else "Tidak"


def _evidence_reason(code: str) -> str:
    words = EVIDENCE_REASONS.get(code)
    return words[:1].upper() + words[1:] if words else code


def _evidence_words(codes: str) -> str:
    words = " + ".join(EVIDENCE_WORDS.get(code, code) for code in codes.split("+"))
    return words[:1].upper() + words[1:]
