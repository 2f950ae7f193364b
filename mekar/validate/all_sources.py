"""Validating a whole run's worksheets: in the order they depend on each other, each checked
against what came before it (or the warehouse's rows when that failed or was not read), the
unchanged ones skipped by their fingerprint, a year of Zoom logs in batches. Each worksheet's
own validation (Great Expectations, the quarantine) is mekar.validate.suites.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from mekar.bulk import bulk_stage
from mekar.validate.contracts import SheetTable
from mekar.validate.guard import guard_error
from mekar.validate.prepare import Reference, wanted_zoom_names
from mekar.validate.records import Records, Spool
from mekar.validate.suites import CheckedSheet, _prepare, validate_table, validate_tables

# Worksheets are validated in this order because later ones are checked against earlier
# ones: the roster against the OPD list, check-ins and Zoom logs against roster and catalog,
# corrections against all three (a `cocokkan` must name a name some log holds).
_ORDER = (
    "opd",
    "pegawai",
    "kegiatan",
    "kebutuhan",
    "daftar_hadir",
    "pengembangan",
    "zoom",
    "koreksi",
)
_NEEDS = {
    "pegawai": ("opd",),
    "kebutuhan": ("opd", "pegawai"),
    "daftar_hadir": ("pegawai", "kegiatan"),
    "pengembangan": ("pegawai",),
    "zoom": ("opd", "kegiatan"),
    "koreksi": ("pegawai", "kegiatan", "zoom"),
}
# Of those, what a worksheet cannot be checked without (the rest only refines: OPD names
# help read Unit Kerja and strip `_OPD` from Zoom names).
_REQUIRES = {
    "pegawai": ("opd",),
    "kebutuhan": ("pegawai",),
    "daftar_hadir": ("pegawai", "kegiatan"),
    "pengembangan": ("pegawai",),
    "zoom": ("kegiatan",),
    "koreksi": ("pegawai", "kegiatan"),
}


@dataclass
class Validated:
    sheets: list[CheckedSheet] = field(default_factory=list)
    failures: list = field(default_factory=list)  # SourceError per failed worksheet
    unchanged: list[tuple[str, str]] = field(default_factory=list)  # skipped (sumber, worksheet)
    absent: set[str] = field(default_factory=set)  # optional sources that do not exist

    def quarantine_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for sheet in self.sheets:
            for row in sheet.quarantine:
                counts[row.alasan] = counts.get(row.alasan, 0) + 1
        return dict(sorted(counts.items()))


@cache
def _rules_fingerprint() -> str:
    """Digest of the code that turns cells into rows: a new release re-reads every sheet
    even when the sheet itself did not change."""
    digest = hashlib.sha256()
    stage = Path(__file__).parent  # the whole validate stage: contracts, prepare/, suites
    for path in sorted(stage.rglob("*.py")):
        digest.update(path.relative_to(stage).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def fingerprint(
    sheet, kind: str, aliases: dict, default_min_kehadiran: float, jp_per_day: int = 10
) -> str:
    """What decides a worksheet's rows: its cells, its kind, the settings and the rules."""
    digest = hashlib.sha256()
    policy = [kind, aliases, default_min_kehadiran]
    if kind == "pengembangan":  # only that sheet reads the cap: others keep their stamp
        policy.append(jp_per_day)
    settings = json.dumps(policy, sort_keys=True)
    for part in (_rules_fingerprint(), settings, sheet.content_hash()):
        digest.update(part.encode())
    return digest.hexdigest()


@bulk_stage
def validate_all(
    extracted,
    aliases: dict[str, list[str]],
    default_min_kehadiran: float,
    fallback_reference,
    loaded_fingerprints: dict[tuple[str, str], str] | None = None,
    stored_zoom_names=None,
    jp_per_day: int = 10,
    guard_share: float = 0.5,
) -> Validated:
    """Validate every extracted worksheet (`mekar.extract.Extracted`).

    Extraction failures are carried over, so `Validated.failures` lists every source that
    failed. `fallback_reference()` gives the warehouse's reference data, used when a worksheet
    that others are checked against failed or was skipped this run. A worksheet whose
    fingerprint equals the one in `loaded_fingerprints` (what the warehouse holds) is skipped,
    unless a worksheet it is checked against was read anew. `stored_zoom_names(names)` gives
    the (Kode Kegiatan, name) of the warehouse's Zoom rows holding those folded names, for
    the corrections' check of logs this run did not read. `jp_per_day` caps an
    outside-learning report's JP. A worksheet whose quarantine took more than `guard_share`
    of the rows the last run loaded from it fails instead (mekar.validate.guard).
    """
    from mekar.errors import SourceError
    from mekar.validate.contracts import resolve_table

    # Read the warehouse's reference at most once per run, however many checks need it.
    fallback_reference = cache(fallback_reference)
    out = Validated(failures=list(extracted.failures), absent=set(extracted.absent))
    ref = Reference(jp_per_day=jp_per_day)
    have: set[str] = set()
    reread: set[str] = set()
    before: Reference | None = None  # the warehouse's reference data, read when needed
    ordered = sorted(extracted.worksheets, key=lambda item: (_ORDER.index(item[0]), item[1].title))
    zoom_batch = _ZoomBatch(out, ref, _koreksi_names(extracted, aliases))
    zoom_batch.guard = lambda checked: _guarded(out, checked, fallback_reference, guard_share)
    for kind, sheet in ordered:
        needs = _NEEDS.get(kind, ())
        stamp = fingerprint(sheet, kind, aliases, default_min_kehadiran, jp_per_day)
        stored = (loaded_fingerprints or {}).get((sheet.spreadsheet, sheet.title))
        if stored == stamp and not reread.intersection(needs):
            out.unchanged.append((sheet.spreadsheet, sheet.title))
            continue
        if stored == stamp and kind == "zoom" and reread.intersection(needs) == {"kegiatan"}:
            # A Zoom tab depends on the catalog only through "is my session in it": adding
            # next week's session must not re-read a year of logs.
            if before is None:
                before = fallback_reference()
            known = sheet.title in ref.session_codes
            if known == (sheet.title in before.session_codes) and sheet.title not in (
                ref.rejected_sessions.keys() ^ before.rejected_sessions.keys()
            ):
                out.unchanged.append((sheet.spreadsheet, sheet.title))
                continue
        reread.add(kind)
        if kind == "koreksi":  # checked against the logs: every one of them first
            zoom_batch.flush()
            _stored_hits(ref, zoom_batch, extracted.zoom_tabs, stored_zoom_names)
        missing = [d for d in needs if d not in have and d in _WORKSHEET_OF]
        if missing:
            _fill_from_warehouse(ref, have, missing, fallback_reference)
        if unavailable := [d for d in _REQUIRES.get(kind, ()) if not _has(ref, d)]:
            # Checking against nothing would quarantine every row as unknown: fail instead.
            names = ", ".join(_WORKSHEET_OF[d] for d in unavailable)
            out.failures.append(
                SourceError(
                    sheet.spreadsheet,
                    sheet.title,
                    f"tidak dapat diperiksa: {names} gagal dibaca dan gudang data belum memilikinya",
                )
            )
            continue
        try:
            table = resolve_table(sheet, kind, aliases)
        except SourceError as error:
            out.failures.append(error)
            continue
        if not table.records and not sheet.subset:
            # A header and nothing under it, where the last load had rows: more likely a
            # sheet emptied by mistake (a bad paste, a filter) than a year without data.
            if before is None:
                before = fallback_reference()
            had = before.loaded_rows.get((sheet.spreadsheet, sheet.title), 0)
            if had:
                out.failures.append(
                    SourceError(
                        sheet.spreadsheet,
                        sheet.title,
                        f"hanya berisi judul kolom, tanpa baris data, padahal run lalu memuat "
                        f"{had} baris; data lama tetap dipakai. Isi kembali lembar kerja ini "
                        "(bila log Zoom memang harus dihapus, hapus tab/berkasnya).",
                    )
                )
                continue
        if kind == "zoom":  # last in _ORDER, and nothing is checked against them
            zoom_batch.add(sheet, table, stamp, *_prepare(table, ref, default_min_kehadiran))
            continue
        checked = validate_table(table, ref, stamp, default_min_kehadiran)
        del table
        sheet.release()  # its records and quarantine are all that is kept
        if not sheet.subset and _guarded(out, checked, fallback_reference, guard_share):
            continue  # checked against the warehouse's rows instead, like a failed sheet
        out.sheets.append(checked)
        have.add(kind)
        ref.read_kinds.add(kind)
        if kind == "opd":
            for record in checked.records:
                ref.add_opd(record["kode_opd"], record["nama_opd"], record["alias"])
        elif kind == "pegawai":
            ref.roster_nips.update(r["nip"] for r in checked.records)
            ref.rejected_nips.update(checked.rejected)
        elif kind == "kegiatan":
            ref.session_codes.update(r["kode_kegiatan"] for r in checked.records)
            ref.rejected_sessions.update(checked.rejected)
    zoom_batch.flush()
    return out


def _guarded(out: Validated, checked: CheckedSheet, fallback_reference, share: float) -> bool:
    """True (and the worksheet's failure recorded) when its quarantine took most of the rows
    the last run loaded from it: the warehouse keeps them (mekar.validate.guard)."""
    if not checked.quarantine:
        return False  # the usual case costs no look at the warehouse
    had = fallback_reference().loaded_rows.get((checked.spreadsheet, checked.worksheet), 0)
    if error := guard_error(checked, had, share):
        out.failures.append(error)
        return True
    return False


def _koreksi_names(extracted, aliases) -> set[str]:
    """The Zoom names the corrections' `cocokkan` rows look for (none when the sheet is
    absent or unreadable: its own validation then says why)."""
    from mekar.errors import SourceError
    from mekar.validate.contracts import resolve_table

    for kind, sheet in extracted.worksheets:
        if kind == "koreksi":
            try:
                return wanted_zoom_names(resolve_table(sheet, kind, aliases))
            except SourceError:
                return set()
    return set()


def _stored_hits(ref: Reference, batch: _ZoomBatch, present, stored_zoom_names) -> None:
    """The warehouse's Zoom rows holding a wanted name, for the logs not read this run (a
    log read this run answers for itself; one no longer in log_zoom answers nothing)."""
    if not batch.wanted or stored_zoom_names is None:
        return
    for code, name in stored_zoom_names(batch.wanted):
        if code not in batch.read_tabs and (present is None or code in present):
            ref.zoom_name_hits.add((code, name))


class _ZoomBatch:
    """Zoom tabs validated a batch at a time: few Great Expectations passes (each has a fixed
    cost), yet never the whole year's cells or rows in memory at once. Once a batch is
    checked, its tabs' cells are let go (a file is parsed again if something asks), their
    rows wait in a temporary file for the load, and only the quarantine stays in memory.
    On the way, the rows carrying a name a correction looks for are noted in `ref`."""

    ROWS = 200_000

    def __init__(self, out: Validated, ref: Reference, wanted: set[str]) -> None:
        self.out = out
        self.ref = ref
        self.wanted = wanted
        self.read_tabs: set[str] = set()
        self.spool = Spool()  # validated rows wait on disk for the load, a tab at a time
        self.sheets: list = []
        self.prepared: list = []
        self.rows = 0
        self.guard = lambda checked: False  # validate_all's _guarded

    def add(self, sheet, table: SheetTable, stamp: str, records: Records, rules) -> None:
        self.sheets.append(sheet)
        self.prepared.append((table, stamp, records, rules))
        self.rows += len(records)
        if self.rows >= self.ROWS:
            self.flush()

    def flush(self) -> None:
        for checked in validate_tables(self.prepared) if self.prepared else ():
            if self.guard(checked):
                continue
            self.read_tabs.add(checked.worksheet)
            if self.wanted:
                for column in ("tertulis_tampilan", "tertulis_asli"):
                    for name in set(checked.records.column(column)) & self.wanted:
                        self.ref.zoom_name_hits.add((checked.worksheet, name))
            checked.records = self.spool.keep(checked.records)
            self.out.sheets.append(checked)
        for sheet in self.sheets:
            sheet.release()
        self.sheets, self.prepared, self.rows = [], [], 0


# The worksheets others are checked against, as a person names them.
_WORKSHEET_OF = {"opd": "master/opd", "pegawai": "master/pegawai", "kegiatan": "kegiatan/kegiatan"}


def _has(ref: Reference, kind: str) -> bool:
    """Whether the reference data of `kind` exists at all (an empty catalog is a real state
    only when the worksheet itself was read and had no valid row)."""
    stored = {"opd": ref.opd_codes, "pegawai": ref.roster_nips, "kegiatan": ref.session_codes}
    return bool(stored[kind]) or kind in ref.read_kinds


def _fill_from_warehouse(ref: Reference, have: set[str], kinds, fallback_reference) -> None:
    """A worksheet others depend on failed this run: check against what the warehouse has."""
    stored: Reference = fallback_reference()
    for kind in kinds:
        if kind == "opd":
            ref.opd_codes |= stored.opd_codes
            ref.opd_by_token = {**stored.opd_by_token, **ref.opd_by_token}
        elif kind == "pegawai":
            ref.roster_nips |= stored.roster_nips
            ref.rejected_nips = {**stored.rejected_nips, **ref.rejected_nips}
        elif kind == "kegiatan":
            ref.session_codes |= stored.session_codes
            ref.rejected_sessions = {**stored.rejected_sessions, **ref.rejected_sessions}
        have.add(kind)
