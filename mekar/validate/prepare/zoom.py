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
from sys import intern

from mekar.validate.contracts import SheetTable
from mekar.validate.names import fold_name, fold_written, split_zoom_name
from mekar.validate.nip import find_nip_in_text
from mekar.validate.prepare.reference import Reference
from mekar.validate.prepare.rules import RowRule, session_rules
from mekar.validate.records import Records
from mekar.validate.timeparse import is_excel_serial, parse_zoom_time, unreadable, wall_seconds

# --- log_zoom/<Kode Kegiatan> ----------------------------------------------------------


def _zoom_row_key(code: str, name: str, email: str, join: str, leave: str, nth: int) -> str:
    """Identity of a Zoom row that survives re-pasting the log in another order."""
    text = "\x1f".join((code, name, email, join, leave, str(nth)))
    return hashlib.sha1(text.encode()).hexdigest()[:20]


@lru_cache(maxsize=1 << 17)
def _shown_name(name: str, tokens: frozenset) -> tuple:
    """What a `Name (Original Name)` cell says: the NIP, the name key and the name as written
    of the display name and of the original name. The same people join session after session
    under the same name, so this runs once per distinct name of a run, not once per row."""
    display, original = split_zoom_name(name)
    return (
        find_nip_in_text(display),
        find_nip_in_text(original) if original else None,
        fold_name(display, tokens) or None,
        (fold_name(original, tokens) or None) if original else None,
        intern(fold_written(display)) or None,
        (intern(fold_written(original)) or None) if original else None,
    )


@lru_cache(maxsize=1 << 17)
def _zoom_time(text: str) -> tuple:
    """A Join/Leave cell as (moment, wall seconds); (None, None) when it cannot be read.
    Many rows of a session share their times (everyone leaves when the host ends it)."""
    moment = parse_zoom_time(text)
    return (moment, wall_seconds(moment)) if moment else (None, None)


def _interval_problem(join_text: str, leave_text: str) -> str:
    if parse_zoom_time(join_text) and parse_zoom_time(leave_text):
        return f"Leave '{leave_text}' sebelum Join '{join_text}'"
    layout = "MM/DD/YYYY hh:mm:ss AM/PM"
    for column, text in (("Join Time", join_text), ("Leave Time", leave_text)):
        if is_excel_serial(text):
            return unreadable(column, text, layout)
    return f"waktu tidak terbaca: Join '{join_text}', Leave '{leave_text}' (format {layout})"


# The fields of a Zoom record, in the order `prepare_zoom` writes them (src_zoom's columns).
ZOOM_FIELDS = (
    "baris",
    "kode_kegiatan",
    "row_key",
    "nama_zoom",
    "email",
    "join_at",
    "leave_at",
    "join_s",
    "leave_s",
    "guest",
    "nip_tampilan",
    "nip_asli",
    "kunci_tampilan",
    "kunci_asli",
    "tertulis_tampilan",
    "tertulis_asli",
)


def prepare_zoom(table: SheetTable, ref: Reference) -> tuple[Records, list[RowRule]]:
    """A year of logs is millions of rows: read a column at a time, each row written once as
    a tuple (no dict per row), and checked by Great Expectations on its own columns."""
    code = table.worksheet
    tokens = ref.opd_tokens
    occurrences: Counter[tuple] = Counter()
    rows = []
    columns = zip(
        (row for row, _ in table.records),
        table.values("Name (Original Name)"),
        table.values("User Email"),
        table.values("Join Time"),
        table.values("Leave Time"),
        table.values("Guest"),
        strict=True,
    )
    for row, name, email, join_text, leave_text, guest in columns:
        # The same people join session after session: one string per distinct name and
        # address, not one per row, in the records kept until the load.
        name, email = intern(name), intern(email.lower())
        (join, join_s), (leave, leave_s) = _zoom_time(join_text), _zoom_time(leave_text)
        identity = (name, email, join_text, leave_text)
        occurrences[identity] += 1
        rows.append(
            (
                row,
                code,
                _zoom_row_key(code, *identity, occurrences[identity]),
                name,
                email or None,
                join,
                leave,
                join_s,
                leave_s,
                guest.casefold() in ("yes", "ya", "true"),
                *_shown_name(name, tokens),  # nip_*, kunci_*, tertulis_*
            )
        )
    cells_of = {}  # row -> cells, built only when a row fails (for its message)

    def interval_problem(record: dict) -> str:
        if not cells_of:
            cells_of.update(table.records)
        cells = cells_of[record["baris"]]
        return _interval_problem(table.cell(cells, "Join Time"), table.cell(cells, "Leave Time"))

    def interval_rule(check: str, kind: str, values: tuple = ()) -> RowRule:
        return RowRule(
            "interval_invalid", "Join Time/Leave Time", check, kind, values, interval_problem
        )

    rules = [
        *session_rules(ref, "(nama lembar kerja)", "Nama lembar kerja"),
        # Leave at or after Join; an unreadable time (None) fails it too.
        interval_rule("leave_s", "at_least", ("join_s",)),
    ]
    return Records(ZOOM_FIELDS, rows), rules
