"""Cell parsing shared by several worksheets: a typed NIP, and what every form response has.

The roster and both Google Forms (needs form, check-ins) carry a NIP typed by a person; the
forms also carry a Timestamp. These helpers turn those cells into the record fields the
shared rules in mekar.validate.prepare.rules check (`_nip_status`, `_nip_known`, `submitted_at`).
"""

from __future__ import annotations

from mekar.validate.contracts import SheetTable
from mekar.validate.nip import check_nip
from mekar.validate.prepare.reference import Reference
from mekar.validate.timeparse import parse_form_timestamp


def nip_fields(table: SheetTable, row: int, cells: list[str]) -> dict:
    """The row's NIP, checked as typed (`typed`, not `cell`): a NIP that held invisible
    characters loads, and the run log names the cell so the sheet can be cleaned."""
    checked = check_nip(table.typed(cells, "NIP"))
    if checked.note:
        table.note(row, "NIP", checked.note)
    return {"nip": checked.nip, "_nip_status": checked.status, "_nip_message": checked.message}


def form_fields(table: SheetTable, row: int, cells: list[str], ref: Reference) -> dict:
    """What every form response carries: its timestamp and the NIP typed into it."""
    stamp_text = table.cell(cells, "Timestamp")
    stamp = parse_form_timestamp(stamp_text)
    nip = nip_fields(table, row, cells)
    return {
        **nip,
        "_nip_known": nip["nip"] in ref.roster_nips,
        "submitted_at": stamp,
        "_stamp_text": stamp_text,
    }
