"""The needs form: kebutuhan/Form Responses 1, the training-needs Google Form.

One response per row; the NIP must be on the roster, and the Unit Kerja typed freely is
resolved to an OPD code where the OPD list knows the name. Checkbox questions (competence
kind, path, learning model) come joined in one cell; `kebutuhan_choices` splits them for
the warehouse.
"""

from __future__ import annotations

from mekar.validate.contracts import SheetTable
from mekar.validate.prepare.cells import form_fields
from mekar.validate.prepare.reference import Reference
from mekar.validate.prepare.rules import TIMESTAMP_RULE, RowRule, known_nip_rule, nip_rules


def _split_choices(text: str) -> list[str]:
    """Checkbox answers joined with ', '."""
    return [part.strip() for part in text.split(", ") if part.strip()]


# --- kebutuhan/Form Responses 1 -------------------------------------------------------


def prepare_kebutuhan(table: SheetTable, ref: Reference) -> tuple[list[dict], list[RowRule]]:
    records = []
    for row, cells in table.records:
        form = form_fields(table, row, cells, ref)
        stamp = form["submitted_at"]
        unit = table.cell(cells, "Unit Kerja")
        records.append(
            {
                "baris": row,
                **form,
                "tahun": stamp.year if stamp else None,
                "nama": table.cell(cells, "Nama Lengkap"),
                "unit_kerja": unit,
                "kode_opd_tertulis": ref.resolve_opd(unit),
                "jenis_kompetensi": table.cell(cells, "Jenis Kompetensi"),
                "topik": table.cell(cells, "Topik yang Dibutuhkan"),
                "jalur": table.cell(cells, "Jalur Pengembangan"),
                "model": table.cell(cells, "Model Pembelajaran"),
                "email": table.cell(cells, "Email Address").lower() or None,
            }
        )
    rules = [
        TIMESTAMP_RULE,
        *nip_rules(),
        known_nip_rule(ref),
    ]
    return records, rules


def kebutuhan_choices(record: dict) -> list[tuple[str, str]]:
    """(kategori, nilai) pairs of one response's checkbox answers."""
    pairs = []
    for kategori, field_name in (
        ("jenis_kompetensi", "jenis_kompetensi"),
        ("jalur", "jalur"),
        ("model", "model"),
    ):
        for value in dict.fromkeys(_split_choices(record[field_name] or "")):
            pairs.append((kategori, value))
    return pairs
