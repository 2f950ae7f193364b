"""Reference data as the warehouse holds it, for checks when a master sheet failed or was
skipped as unchanged."""

import json

from sqlalchemy import Engine, inspect, select, union

from mekar.validate.contracts import normalise_header
from mekar.validate.invisible import drop_invisible
from mekar.validate.nip import check_nip
from mekar.validate.prepare import Reference
from mekar.warehouse.schema import (
    quarantine,
    source_state,
    src_kegiatan,
    src_opd,
    src_pegawai,
    src_zoom,
)


def reference_from_warehouse(engine: Engine) -> Reference:
    ref = Reference()
    if not inspect(engine).has_table(src_opd.name):
        return ref
    with engine.connect() as conn:
        for row in conn.execute(select(src_opd.c.kode_opd, src_opd.c.nama_opd, src_opd.c.alias)):
            ref.add_opd(row.kode_opd, row.nama_opd, row.alias)
        ref.roster_nips = set(conn.scalars(select(src_pegawai.c.nip)))
        ref.session_codes = set(conn.scalars(select(src_kegiatan.c.kode_kegiatan)))
        # Rows that exist but sit in quarantine, so a row pointing at them says so on a
        # night their sheet is skipped as unchanged, exactly as on the night it was read.
        held = conn.execute(
            select(
                quarantine.c.worksheet, quarantine.c.baris, quarantine.c.alasan, quarantine.c.data
            )
            .where(quarantine.c.sumber.in_(["master", "kegiatan"]))
            .where(quarantine.c.worksheet.in_(["pegawai", "kegiatan"]))
            .order_by(quarantine.c.worksheet, quarantine.c.baris)
        )
        for row in held:
            # Headers and codes read as validation reads them (mekar.validate.contracts),
            # invisible characters dropped, so the key is the one a pointing row carries.
            cells = {normalise_header(k): v for k, v in json.loads(row.data).items()}
            why = f"{'master/pegawai' if row.worksheet == 'pegawai' else 'kegiatan/kegiatan'} baris {row.baris}: {row.alasan}"
            if row.worksheet == "pegawai" and (nip := check_nip(cells.get("nip", "")).nip):
                ref.rejected_nips.setdefault(nip, why)
            elif row.worksheet == "kegiatan" and (
                code := drop_invisible(cells.get("kode kegiatan", "")).strip()
            ):
                ref.rejected_sessions.setdefault(code, why)
        ref.loaded_rows = {
            (r.sumber, r.worksheet): r.baris_dimuat
            for r in conn.execute(
                select(source_state.c.sumber, source_state.c.worksheet, source_state.c.baris_dimuat)
            )
        }
    return ref


def loaded_fingerprints(engine: Engine) -> dict[tuple[str, str], str]:
    """The fingerprint of each worksheet as last loaded: an equal one need not be read again."""
    if not inspect(engine).has_table(source_state.name):
        return {}
    with engine.connect() as conn:
        rows = conn.execute(
            select(source_state.c.sumber, source_state.c.worksheet, source_state.c.content_hash)
        )
        return {(r.sumber, r.worksheet): r.content_hash for r in rows}


def stored_zoom_names(engine: Engine, names: set[str]) -> set[tuple[str, str]]:
    """(Kode Kegiatan, name) of the stored Zoom rows whose display or original name, folded
    as written, is one of `names`: what a correction's `cocokkan` is checked against for the
    logs a run did not read again."""
    if not names or not inspect(engine).has_table(src_zoom.name):
        return set()
    wanted = sorted(names)
    shown = select(src_zoom.c.kode_kegiatan, src_zoom.c.tertulis_tampilan.label("nama")).where(
        src_zoom.c.tertulis_tampilan.in_(wanted)
    )
    original = select(src_zoom.c.kode_kegiatan, src_zoom.c.tertulis_asli.label("nama")).where(
        src_zoom.c.tertulis_asli.in_(wanted)
    )
    with engine.connect() as conn:
        return {(row[0], row[1]) for row in conn.execute(union(shown, original))}
