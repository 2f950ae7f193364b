"""A rerun after one session: re-pull its Zoom log and check-ins, reload them, recompute its
credits and the totals of the ASN and OPDs it touches. Everything else stays as it is."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection

from mekar.errors import MekarError, SourceError
from mekar.extract.worksheets import Extracted
from mekar.transform.models import write_targets
from mekar.transform.partial import Changes
from mekar.validate.all_sources import Validated, validate_all
from mekar.validate.suites import CheckedSheet
from mekar.warehouse.load import LoadSummary, load_sheet, sync_scope
from mekar.warehouse.schema import src_daftar_hadir, src_kegiatan, src_zoom


@dataclass
class SessionRows:
    kode: str
    catalog: dict | None  # the session's catalog row, validated
    checkins: list[dict]  # its check-in rows that passed validation
    zoom: CheckedSheet | None  # its Zoom tab, validated (None: no tab)
    failures: list[SourceError]


@dataclass
class SessionRecompute:
    """What the rerun changed, read from the rows that differ after it."""

    kode: str
    years: list[int] = field(default_factory=list)  # years with a changed row
    asn: int = 0  # ASN whose year totals changed
    opd: list[str] = field(default_factory=list)  # OPDs with a changed row


def validate_session(extracted: Extracted, kode: str, settings, fallback_reference) -> SessionRows:
    validated: Validated = validate_all(
        extracted,
        settings.header_aliases,
        settings.default_min_kehadiran,
        fallback_reference,
        guard_share=settings.quarantine_guard_share,
    )
    if validated.failures:
        return SessionRows(kode, None, [], None, validated.failures)
    sheets = {s.kind: s for s in validated.sheets if s.kind != "zoom"}
    catalog = next((r for r in sheets["kegiatan"].records if r["kode_kegiatan"] == kode), None)
    if catalog is None:
        rejected = next((q for q in sheets["kegiatan"].quarantine if f'"{kode}"' in q.data), None)
        why = f": {rejected.pesan}" if rejected else " (tidak ada di kegiatan/kegiatan)"
        raise MekarError(f"Kode Kegiatan '{kode}' tidak dapat dipakai{why}")
    checkins = [r for r in sheets["daftar_hadir"].records if r["kode_kegiatan"] == kode]
    zoom = next((s for s in validated.sheets if s.kind == "zoom"), None)
    return SessionRows(kode, catalog, checkins, zoom, [])


def load_session(conn: Connection, rows: SessionRows, zoom_tab_read: bool, targets):
    """Within the caller's transaction: the session's rows in, its results recomputed."""
    summary = LoadSummary()
    scope = {"kode_kegiatan": rows.kode}
    # the session's staging rows as they are now, to compare after the load (partial.py)
    changes = Changes(conn, {"kode_kegiatan": [rows.kode]})
    summary.record(src_kegiatan.name, sync_scope(conn, src_kegiatan, [rows.catalog], scope))
    summary.record(src_daftar_hadir.name, sync_scope(conn, src_daftar_hadir, rows.checkins, scope))
    if rows.zoom is not None:
        load_sheet(conn, rows.zoom, summary)
    elif zoom_tab_read:
        # log_zoom was read and has no tab for this session (any more): as the nightly does
        summary.record(src_zoom.name, sync_scope(conn, src_zoom, [], scope))
    write_targets(conn, targets)  # a new year may have arrived with this session
    rebuilt = changes.rebuild()
    recomputed = SessionRecompute(
        rows.kode,
        rebuilt.values("tahun"),
        len(rebuilt.values("nip", {"fct_compliance"})),
        rebuilt.values("kode_opd"),
    )
    return summary, recomputed
