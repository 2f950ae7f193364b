"""Row rules: which record field a check looks at, and the reason a failing row gets.

A preparer returns its rules in priority order; validation (mekar.validate) turns each into
a Great Expectations expectation and quarantines the rows that fail, with the first failing
rule's reason. The rules several worksheets share (NIP, session, form timestamp) live here so
every worksheet words them the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from mekar.validate.nip import NIP_INVALID, NIP_PRECISION_LOST
from mekar.validate.prepare.reference import Reference
from mekar.validate.timeparse import unreadable


@dataclass(frozen=True)
class RowRule:
    """A row check: `check` is the record field validated; rows failing it are quarantined
    with `reason`. `kind` names the Great Expectations expectation used."""

    reason: str
    column: str  # the sheet column a person should look at
    check: str  # record field the expectation runs on
    kind: str  # "in_set" | "not_in_set" | "not_null" | "at_least" (check >= field values[0])
    values: tuple = ()
    detail: Callable[[dict], str] = lambda record: ""


def nip_rules(column: str = "NIP") -> list[RowRule]:
    return [
        RowRule(
            NIP_PRECISION_LOST,
            column,
            "_nip_status",
            "not_in_set",
            (NIP_PRECISION_LOST,),
            lambda r: r["_nip_message"],
        ),
        RowRule(
            NIP_INVALID,
            column,
            "_nip_status",
            "not_in_set",
            (NIP_INVALID,),
            lambda r: r["_nip_message"],
        ),
    ]


def session_rules(ref: Reference, column: str, what: str) -> list[RowRule]:
    """A row pointing at a session: its catalog row quarantined (fix that row, and this one
    loads with it) is a different fault from a code the catalog does not have. Both check
    the row's own `kode_kegiatan` against the catalog's codes."""
    known, quarantined = ref.session_values()
    return [
        RowRule(
            "session_quarantined",
            column,
            "kode_kegiatan",
            "not_in_set",
            quarantined,
            lambda r: ref.unknown_session(r["kode_kegiatan"], what),
        ),
        RowRule(
            "session_unknown",
            column,
            "kode_kegiatan",
            "in_set",
            known,
            lambda r: ref.unknown_session(r["kode_kegiatan"], what),
        ),
    ]


def known_nip_rule(ref: Reference) -> RowRule:
    # Only rows whose NIP is well formed reach this check: the earlier rules caught the rest.
    # A flag, not `nip` in the roster's NIPs: Great Expectations' in-set check over a
    # province roster (367k values) took 51 s for 100k rows; a Python set takes milliseconds.
    return RowRule(
        "nip_unknown",
        "NIP",
        "_nip_known",
        "in_set",
        (True,),
        lambda r: ref.unknown_nip(r["nip"]),
    )


# A form response's Timestamp (both Google Forms in the contract have one).
TIMESTAMP_RULE = RowRule(
    "timestamp_invalid",
    "Timestamp",
    "submitted_at",
    "not_null",
    (),
    lambda r: unreadable("Timestamp", r["_stamp_text"], "d/m/yyyy H:MM:SS"),
)


def closed_list_rule(reason: str, column: str, field: str, allowed, joiner: str) -> RowRule:
    """A cell that must be one of a closed list: `field` holds the value found in it, or
    None; the message names the list (and the raw cell, from the record's `_raw`)."""
    return RowRule(
        reason,
        column,
        field,
        "not_null",
        (),
        lambda r: f"{column} '{r['_raw'][column]}' harus {joiner.join(allowed)}",
    )


# A JP cell (the catalog's and an outside-learning report's): a whole number of at least 1.
JP_RULE = RowRule(
    "jp_invalid",
    "JP",
    "jp",
    "not_null",
    (),
    lambda r: f"JP '{r['_raw']['JP']}' bukan bilangan bulat ≥ 1",
)
