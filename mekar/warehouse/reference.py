"""Reference data as the warehouse holds it, for checks when a master sheet failed."""

from sqlalchemy import Engine, inspect, select

from mekar.prepare import Reference
from mekar.warehouse.schema import source_state, src_kegiatan, src_opd, src_pegawai


def reference_from_warehouse(engine: Engine) -> Reference:
    ref = Reference()
    if not inspect(engine).has_table(src_opd.name):
        return ref
    with engine.connect() as conn:
        for row in conn.execute(select(src_opd.c.kode_opd, src_opd.c.nama_opd, src_opd.c.alias)):
            ref.add_opd(row.kode_opd, row.nama_opd, row.alias)
        ref.roster_nips = set(conn.scalars(select(src_pegawai.c.nip)))
        ref.session_codes = set(conn.scalars(select(src_kegiatan.c.kode_kegiatan)))
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
