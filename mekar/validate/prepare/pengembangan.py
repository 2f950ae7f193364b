"""Outside learning: pengembangan/Form Responses 1 (DATA_CONTRACT rule 10).

An ASN reports learning done outside the catalog (LAN, the provincial BPSDM, a ministry,
e-learning) with the fields SIASN's riwayat diklat records; BKPSDM writes its verdict in
the last columns. Only the rows that can be true are kept: JP above the per-day cap over the
days the learning spanned, or an end before the start, is quarantined. Which reports count
(accepted, once per certificate, not twice with a catalog session) is the SQL models' work.
"""

from __future__ import annotations

from mekar.validate.contracts import SheetTable
from mekar.validate.names import fold_written
from mekar.validate.prepare.catalog import JALUR, _one_of
from mekar.validate.prepare.cells import form_fields
from mekar.validate.prepare.reference import Reference
from mekar.validate.prepare.rules import (
    JP_RULE,
    TIMESTAMP_RULE,
    RowRule,
    closed_list_rule,
    known_nip_rule,
    nip_rules,
)
from mekar.validate.timeparse import parse_date_dmy

JENIS_KOMPETENSI = ("Teknis", "Manajerial", "Sosial Kultural")
# Status as BKPSDM types it -> as stored; an empty cell is a report still waiting.
STATUS = {"diterima": "diterima", "ditolak": "ditolak", "": "menunggu"}


def report_code(certificate: str, row: int) -> str:
    """The credit's code in the exports: one per certificate, or per sheet row without one."""
    return f"MANDIRI-{certificate}" if certificate else f"MANDIRI-R{row}"


def prepare_pengembangan(table: SheetTable, ref: Reference) -> tuple[list[dict], list[RowRule]]:
    cap = ref.jp_per_day
    records = []
    for row, cells in table.records:
        form = form_fields(table, row, cells, ref)
        start_text = table.cell(cells, "Tanggal Mulai")
        end_text = table.cell(cells, "Tanggal Selesai")
        start, end = parse_date_dmy(start_text), parse_date_dmy(end_text)
        jp_text = table.cell(cells, "JP")
        jp = int(jp_text) if jp_text.isdigit() and int(jp_text) >= 1 else None
        days = (end - start).days + 1 if start and end else None
        certificate = table.cell(cells, "Nomor Sertifikat")
        status_text = table.cell(cells, "Status")
        name = table.cell(cells, "Nama Kegiatan")
        records.append(
            {
                "baris": row,
                **form,
                "nama": table.cell(cells, "Nama") or None,
                "nama_kegiatan": name,
                "nama_kunci": fold_written(name),
                "penyelenggara": table.cell(cells, "Penyelenggara") or None,
                "bentuk": table.cell(cells, "Bentuk") or None,
                "jalur": _one_of(table.cell(cells, "Jalur"), JALUR),
                "jenis_kompetensi": _one_of(
                    table.cell(cells, "Jenis Kompetensi"), JENIS_KOMPETENSI
                ),
                "tanggal_mulai": start,
                "tanggal_selesai": end,
                "tahun": end.year if end else None,
                # ISO week of the end: a date, so Python's calendar and not SQL's
                "minggu_tahun": end.isocalendar()[0] if end else None,
                "minggu": end.isocalendar()[1] if end else None,
                "jp": jp,
                "nomor_sertifikat": certificate or None,
                "bukti": table.cell(cells, "Bukti") or None,
                "status": STATUS.get(status_text.casefold()),
                "catatan": table.cell(cells, "Catatan") or None,
                "diperiksa_oleh": table.cell(cells, "Diperiksa Oleh") or None,
                "kode_laporan": report_code(certificate, row),
                "_raw": {
                    "Tanggal Mulai": start_text,
                    "Tanggal Selesai": end_text,
                    "JP": jp_text,
                    "Status": status_text,
                    "Jalur": table.cell(cells, "Jalur"),
                    "Jenis Kompetensi": table.cell(cells, "Jenis Kompetensi"),
                },
                "_urut": bool(days and days >= 1),
                "_days": days,
                "_jp_wajar": bool(jp and days and days >= 1 and jp <= cap * days),
                "_nama_ok": bool(name),
            }
        )

    def date_rule(column: str, field: str) -> RowRule:
        return RowRule(
            "tanggal_invalid",
            column,
            field,
            "not_null",
            (),
            lambda r: f"{column} '{r['_raw'][column]}' tidak terbaca (format d/m/yyyy)",
        )

    rules = [
        TIMESTAMP_RULE,
        *nip_rules(),
        known_nip_rule(ref),
        RowRule(
            "kegiatan_kosong",
            "Nama Kegiatan",
            "_nama_ok",
            "in_set",
            (True,),
            lambda r: "Nama Kegiatan kosong",
        ),
        date_rule("Tanggal Mulai", "tanggal_mulai"),
        date_rule("Tanggal Selesai", "tanggal_selesai"),
        RowRule(
            "interval_invalid",
            "Tanggal Selesai",
            "_urut",
            "in_set",
            (True,),
            lambda r: (
                f"Tanggal Selesai '{r['_raw']['Tanggal Selesai']}' sebelum Tanggal Mulai "
                f"'{r['_raw']['Tanggal Mulai']}'"
            ),
        ),
        JP_RULE,
        RowRule(
            "jp_invalid",
            "JP",
            "_jp_wajar",
            "in_set",
            (True,),
            lambda r: (
                f"JP {r['jp']} melebihi batas {cap} JP per hari untuk {r['_days']} hari "
                f"({r['_raw']['Tanggal Mulai']}–{r['_raw']['Tanggal Selesai']}, paling banyak "
                f"{cap * r['_days']} JP); periksa JP di sertifikat"
            ),
        ),
        RowRule(
            "status_invalid",
            "Status",
            "status",
            "not_null",
            (),
            lambda r: f"Status '{r['_raw']['Status']}' harus Diterima, Ditolak atau kosong",
        ),
        closed_list_rule("jalur_invalid", "Jalur", "jalur", JALUR, " atau "),
        closed_list_rule(
            "jenis_kompetensi_invalid",
            "Jenis Kompetensi",
            "jenis_kompetensi",
            JENIS_KOMPETENSI,
            ", ",
        ),
    ]
    return records, rules
