"""Check-ins: kegiatan/daftar_hadir, the Google Form people fill in at a session.

Each response names a session by Kode Kegiatan (which must be in the catalog, and its row
not quarantined) and a NIP (which must be on the roster). The response's Timestamp gives
the day of the check-in.
"""

from __future__ import annotations

from mekar.validate.contracts import SheetTable
from mekar.validate.prepare.cells import form_fields
from mekar.validate.prepare.reference import Reference
from mekar.validate.prepare.rules import (
    TIMESTAMP_RULE,
    RowRule,
    known_nip_rule,
    nip_rules,
    session_rules,
)

# --- kegiatan/daftar_hadir ------------------------------------------------------------


def prepare_daftar_hadir(table: SheetTable, ref: Reference) -> tuple[list[dict], list[RowRule]]:
    records = []
    for row, cells in table.records:
        form = form_fields(table, row, cells, ref)
        stamp = form["submitted_at"]
        code = table.cell(cells, "Kode Kegiatan")
        records.append(
            {
                "baris": row,
                **form,
                "kode_kegiatan": code,
                "tanggal": stamp.date() if stamp else None,
                "nama": table.cell(cells, "Nama"),
                "unit_kerja": table.cell(cells, "Unit Kerja"),
            }
        )
    rules = [
        TIMESTAMP_RULE,
        *session_rules(ref, "Kode Kegiatan", "Kode Kegiatan"),
        *nip_rules(),
        known_nip_rule(ref),
    ]
    return records, rules
