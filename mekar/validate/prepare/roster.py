"""The master worksheets: master/opd (the OPD list) and master/pegawai (the ASN roster).

These are the reference every other worksheet is checked against: Unit Kerja and Zoom names
are read with the OPD names and aliases, check-ins and needs responses are matched on the
roster's NIP. A duplicate code or NIP is quarantined from its second row on; the first row
written stands.
"""

from __future__ import annotations

from collections import Counter

from mekar.validate.contracts import SheetTable
from mekar.validate.names import fold_name, fold_written
from mekar.validate.prepare.cells import nip_fields
from mekar.validate.prepare.reference import Reference
from mekar.validate.prepare.rules import RowRule, nip_rules

# --- master/opd -------------------------------------------------------------------------


def prepare_opd(table: SheetTable, ref: Reference) -> tuple[list[dict], list[RowRule]]:
    seen: Counter[str] = Counter()
    records = []
    for row, cells in table.records:
        code = table.cell(cells, "Kode OPD")
        seen[code] += 1
        records.append(
            {
                "baris": row,
                "kode_opd": code,
                "nama_opd": table.cell(cells, "Nama OPD"),
                "alias": table.cell(cells, "Alias") or None,
                "email": table.cell(cells, "Email") or None,
                "_code_ok": bool(code) and code.replace("_", "").isalnum() and code == code.upper(),
                "_first": seen[code] == 1,
            }
        )
    rules = [
        RowRule(
            "kode_opd_invalid",
            "Kode OPD",
            "_code_ok",
            "in_set",
            (True,),
            lambda r: f"Kode OPD '{r['kode_opd']}' harus huruf besar, angka atau _",
        ),
        RowRule(
            "kode_duplikat",
            "Kode OPD",
            "_first",
            "in_set",
            (True,),
            lambda r: f"Kode OPD '{r['kode_opd']}' sudah ada di baris sebelumnya",
        ),
    ]
    return records, rules


# --- master/pegawai ---------------------------------------------------------------------


def prepare_pegawai(table: SheetTable, ref: Reference) -> tuple[list[dict], list[RowRule]]:
    seen: Counter[str] = Counter()
    records = []
    for row, cells in table.records:
        nip = nip_fields(table, row, cells)
        if nip["nip"]:
            seen[nip["nip"]] += 1
        aktif_text = table.cell(cells, "Aktif").casefold()
        name = table.cell(cells, "Nama")
        email = table.cell(cells, "Email").lower()
        records.append(
            {
                "baris": row,
                **nip,
                "nama": name,
                "nama_kunci": fold_name(name, ref.opd_tokens),
                "nama_tertulis": fold_written(name),
                "jenis_asn": table.cell(cells, "Jenis ASN").upper(),
                "kode_opd": table.cell(cells, "Kode OPD"),
                "jabatan": table.cell(cells, "Jabatan"),
                "jenis_jabatan": table.cell(cells, "Jenis Jabatan"),
                "golongan": table.cell(cells, "Golongan") or None,
                "aktif": aktif_text in ("", "ya", "y", "aktif"),
                "email": email or None,
                "_aktif_text": aktif_text,
                "_first": not nip["nip"] or seen[nip["nip"]] == 1,
            }
        )
    rules = [
        *nip_rules(),
        RowRule(
            "nip_duplikat",
            "NIP",
            "_first",
            "in_set",
            (True,),
            lambda r: f"NIP {r['nip']} sudah ada di baris sebelumnya",
        ),
        RowRule(
            "opd_unknown",
            "Kode OPD",
            "kode_opd",
            "in_set",
            tuple(sorted(ref.opd_codes)),
            lambda r: f"Kode OPD '{r['kode_opd']}' tidak ada di master/opd",
        ),
        RowRule(
            "jenis_asn_invalid",
            "Jenis ASN",
            "jenis_asn",
            "in_set",
            ("PNS", "PPPK"),
            lambda r: f"Jenis ASN '{r['jenis_asn']}' harus PNS atau PPPK",
        ),
        RowRule(
            "aktif_invalid",
            "Aktif",
            "_aktif_text",
            "in_set",
            ("", "ya", "y", "aktif", "tidak", "t", "tidak aktif"),
            lambda r: f"Aktif '{r['_aktif_text']}' harus Ya atau Tidak",
        ),
    ]
    return records, rules
