"""Corrections: kegiatan/koreksi, what BKPSDM decided about a credit (DATA_CONTRACT rule 9).

Raw rows are never edited: a correction sits beside them and the SQL models apply it.
`cocokkan` gives the Zoom rows under a name (in one session, or every session when Kode
Kegiatan is empty) to a NIP; `beri` credits a session's JP whatever the minutes; `cabut`
withdraws that credit whatever the evidence. A correction that names nothing real (an unknown
NIP or session, a Zoom name found in no log it points at) or does not say why and by whom
is quarantined, so a decision is never applied half-understood.
"""

from __future__ import annotations

from mekar.validate.contracts import SheetTable
from mekar.validate.names import fold_written
from mekar.validate.prepare.cells import form_fields
from mekar.validate.prepare.reference import Reference
from mekar.validate.prepare.rules import TIMESTAMP_RULE, RowRule, known_nip_rule, nip_rules

JENIS = ("cocokkan", "beri", "cabut")
_EVERY_SESSION = "*"  # what an empty Kode Kegiatan of a cocokkan is checked as


def wanted_zoom_names(table: SheetTable) -> set[str]:
    """The folded Zoom names the sheet's `cocokkan` rows look for: validation notes which
    logs hold them while it reads the logs, before this sheet is checked."""
    return {
        fold_written(table.cell(cells, "Nama Zoom"))
        for _, cells in table.records
        if table.cell(cells, "Jenis").casefold() == "cocokkan"
    } - {""}


def _complete(jenis: str, code: str, name: str, alasan: str, oleh: str) -> str:
    """What a correction lacks to be applied ('' when nothing)."""
    missing = [c for c, v in (("Alasan", alasan), ("Oleh", oleh)) if not v]
    if jenis in ("beri", "cabut") and not code:
        missing.insert(0, "Kode Kegiatan")
    if jenis == "cocokkan" and not name:
        missing.insert(0, "Nama Zoom")
    return ", ".join(missing)


def prepare_koreksi(table: SheetTable, ref: Reference) -> tuple[list[dict], list[RowRule]]:
    records = []
    for row, cells in table.records:
        form = form_fields(table, row, cells, ref)
        jenis_text = table.cell(cells, "Jenis")
        jenis = jenis_text.casefold()
        code = table.cell(cells, "Kode Kegiatan")
        name = table.cell(cells, "Nama Zoom")
        key = fold_written(name) or None
        alasan, oleh = table.cell(cells, "Alasan"), table.cell(cells, "Oleh")
        found = jenis != "cocokkan" or not key or ref.zoom_name_found(code, key)
        records.append(
            {
                "baris": row,
                **form,
                "jenis": jenis,
                "kode_kegiatan": code or None,
                "nama_zoom": name or None,
                "nama_kunci": key,
                "alasan": alasan,
                "oleh": oleh,
                "_jenis_text": jenis_text,
                "_kurang": _complete(jenis, code, name, alasan, oleh),
                "_kode_cek": code or _EVERY_SESSION,
                "_ditemukan": found,
            }
        )
    known, _ = ref.session_values()

    def not_found(r: dict) -> str:
        where = f"log Zoom {r['kode_kegiatan']}" if r["kode_kegiatan"] else "log Zoom mana pun"
        return (
            f"Nama Zoom '{r['nama_zoom']}' tidak ditemukan di {where}; tulis nama persis seperti "
            "di log (besar-kecil huruf dan spasi boleh beda)"
        )

    rules = [
        TIMESTAMP_RULE,
        RowRule(
            "correction_invalid",
            "Jenis",
            "jenis",
            "in_set",
            JENIS,
            lambda r: f"Jenis '{r['_jenis_text']}' harus cocokkan, beri atau cabut",
        ),
        RowRule(
            "correction_invalid",
            "Alasan/Oleh",
            "_kurang",
            "in_set",
            ("",),
            lambda r: f"koreksi belum lengkap: isi {r['_kurang']}",
        ),
        *nip_rules(),
        known_nip_rule(ref),
        RowRule(
            "session_unknown",
            "Kode Kegiatan",
            "_kode_cek",
            "in_set",
            (*known, _EVERY_SESSION),
            lambda r: ref.unknown_session(r["kode_kegiatan"]),
        ),
        RowRule("correction_invalid", "Nama Zoom", "_ditemukan", "in_set", (True,), not_found),
    ]
    return records, rules
