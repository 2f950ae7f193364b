"""Backfill: recompute one (past) year without touching the others.

`mekar backfill --year 2022` (flows/backfill.py) loads only that year's rows of the year-bearing sources (its
sessions with their Zoom tabs and check-ins, its needs responses; the roster, OPD list,
corrections and outside-learning reports are current state and load as usual, and when one
of them changed the next nightly rebuilds every year) and rebuilds only that year's rows of every model,
reusing the SQL of `sql/` over shadows of its inputs (partial.py's scope rebuild).
"""

from __future__ import annotations

from sqlalchemy import Connection, delete, text

from mekar.transform.models import write_targets
from mekar.transform.partial import real_prefix, rebuild_scope
from mekar.validate.prepare import kebutuhan_choices
from mekar.validate.suites import CheckedSheet
from mekar.warehouse.load import (
    TABLE_FOR_KIND,
    LoadSummary,
    insert_rows,
    load_sheet,
    sync_scope,
)
from mekar.warehouse.schema import (
    src_daftar_hadir,
    src_kebutuhan,
    src_kebutuhan_pilihan,
    src_kegiatan,
    transform_state,
)

# Current state, loaded whole by a backfill as by a nightly: every year reads them.
_WHOLE = ("opd", "pegawai", "koreksi", "pengembangan")


def _sessions_of(conn: Connection, year: int) -> list[str]:
    """Sessions of the year, as the warehouse had them and as they are now."""
    real = real_prefix(conn)
    rows = conn.execute(
        text(
            f"select kode_kegiatan from {real}src_kegiatan where tahun = :y "
            f"union select kode_kegiatan from {real}dim_kegiatan where tahun = :y"
        ),
        {"y": int(year)},
    )
    return sorted({code for (code,) in rows})


def load_year(conn: Connection, checked: list[CheckedSheet], year: int) -> LoadSummary:
    """The year's rows in, within the caller's transaction; other years' rows untouched."""
    summary = LoadSummary()
    by_kind: dict[str, list[CheckedSheet]] = {}
    for sheet in checked:
        by_kind.setdefault(sheet.kind, []).append(sheet)
    for kind in _WHOLE:
        for sheet in by_kind.get(kind, []):
            load_sheet(conn, sheet, summary)  # current state, not per year
    whole = {TABLE_FOR_KIND[kind].name for kind in _WHOLE}
    if any(changes.changed for name, changes in summary.by_table.items() if name in whole):
        # Other years read these too, and only this year is rebuilt now: forget what the
        # marts were built from, so the next nightly rebuilds every year (its load will
        # find no changed row, and would otherwise keep the other years as they were).
        conn.execute(delete(transform_state))

    catalog = [r for s in by_kind.get("kegiatan", []) for r in s.records if r["tahun"] == year]
    before = {
        code
        for (code,) in conn.execute(
            text("select kode_kegiatan from src_kegiatan where tahun = :y"), {"y": year}
        )
    }
    summary.record(src_kegiatan.name, sync_scope(conn, src_kegiatan, catalog, {"tahun": year}))
    sessions = sorted(before | {r["kode_kegiatan"] for r in catalog})

    checkins = [r for s in by_kind.get("daftar_hadir", []) for r in s.records]
    for code in sessions:
        mine = [r for r in checkins if r["kode_kegiatan"] == code]
        summary.record(
            src_daftar_hadir.name,
            sync_scope(conn, src_daftar_hadir, mine, {"kode_kegiatan": code}),
        )
    for sheet in by_kind.get("zoom", []):
        if sheet.worksheet in sessions:
            load_sheet(conn, sheet, summary)

    needs = [r for s in by_kind.get("kebutuhan", []) for r in s.records if r["tahun"] == year]
    conn.execute(
        text(
            "delete from src_kebutuhan_pilihan where exists (select 1 from src_kebutuhan k "
            "where k.tahun = :y and k.nip = src_kebutuhan_pilihan.nip "
            "and k.submitted_at = src_kebutuhan_pilihan.submitted_at)"
        ),
        {"y": year},
    )
    summary.record(src_kebutuhan.name, sync_scope(conn, src_kebutuhan, needs, {"tahun": year}))
    choices = [
        {"nip": r["nip"], "submitted_at": r["submitted_at"], "kategori": k, "nilai": v}
        for r in needs
        for k, v in kebutuhan_choices(r)
    ]
    columns = [c.name for c in src_kebutuhan_pilihan.columns]
    insert_rows(
        conn, src_kebutuhan_pilihan, columns, list({tuple(c.values()): c for c in choices}.values())
    )
    return summary


def recompute_year(conn: Connection, year: int, targets) -> list[str]:
    """Rebuild the year's rows of every model (its sessions' rows, its year rows; the
    whole-grain models whole); returns the year's sessions."""
    write_targets(conn, targets)
    sessions = _sessions_of(conn, year)
    rebuild_scope(conn, {"tahun": [int(year)], "kode_kegiatan": sessions})
    return sessions
