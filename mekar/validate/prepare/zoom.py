"""Zoom logs: log_zoom/<Kode Kegiatan>, one worksheet per online session, pasted from Zoom.

The worksheet's name is the session's code. Each row is one join/leave interval of one
participant; the NIP or name a participant shows (display name, and the original name Zoom
keeps in parentheses) is read here so attendance can be matched to the roster later. Rows
carry a key that survives the log being pasted again in another order.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from functools import lru_cache

from mekar.validate.contracts import SheetTable
from mekar.validate.names import fold_name, split_zoom_name
from mekar.validate.nip import find_nip_in_text
from mekar.validate.prepare.reference import Reference
from mekar.validate.prepare.rules import RowRule, session_rules
from mekar.validate.timeparse import parse_zoom_time, wall_seconds

# --- log_zoom/<Kode Kegiatan> ----------------------------------------------------------


def _zoom_row_key(code: str, name: str, email: str, join: str, leave: str, nth: int) -> str:
    """Identity of a Zoom row that survives re-pasting the log in another order."""
    text = "\x1f".join((code, name, email, join, leave, str(nth)))
    return hashlib.sha1(text.encode()).hexdigest()[:20]


# The same people join session after session under the same display name: fold each name
# once per run, not once per row (the OPD tokens are a frozenset, so the key is hashable).
_fold = lru_cache(maxsize=1 << 16)(fold_name)


def prepare_zoom(table: SheetTable, ref: Reference) -> tuple[list[dict], list[RowRule]]:
    code = table.worksheet
    state = ref.session_state(code)
    tokens = ref.opd_tokens
    occurrences: Counter[tuple] = Counter()
    records = []
    for row, cells in table.records:
        name = table.cell(cells, "Name (Original Name)")
        email = table.cell(cells, "User Email").lower()
        join_text, leave_text = table.cell(cells, "Join Time"), table.cell(cells, "Leave Time")
        join, leave = parse_zoom_time(join_text), parse_zoom_time(leave_text)
        identity = (name, email, join_text, leave_text)
        occurrences[identity] += 1
        display, original = split_zoom_name(name)
        records.append(
            {
                "baris": row,
                "kode_kegiatan": code,
                "row_key": _zoom_row_key(code, *identity, occurrences[identity]),
                "nama_zoom": name,
                "email": email or None,
                "join_at": join,
                "leave_at": leave,
                "join_s": wall_seconds(join) if join else None,
                "leave_s": wall_seconds(leave) if leave else None,
                "guest": table.cell(cells, "Guest").casefold() in ("yes", "ya", "true"),
                "nip_tampilan": find_nip_in_text(display),
                "nip_asli": find_nip_in_text(original) if original else None,
                "kunci_tampilan": _fold(display, tokens) or None,
                "kunci_asli": (_fold(original, tokens) or None) if original else None,
                "_session_state": state,
                "_interval_ok": bool(join and leave and leave >= join),
                "_interval_problem": (
                    f"Leave '{leave_text}' sebelum Join '{join_text}'"
                    if join and leave
                    else f"waktu tidak terbaca: Join '{join_text}', Leave '{leave_text}' "
                    "(format MM/DD/YYYY hh:mm:ss AM/PM)"
                ),
            }
        )
    rules = [
        *session_rules(ref, "(nama lembar kerja)", "Nama lembar kerja"),
        RowRule(
            "interval_invalid",
            "Join Time/Leave Time",
            "_interval_ok",
            "in_set",
            (True,),
            lambda r: r["_interval_problem"],
        ),
    ]
    return records, rules
