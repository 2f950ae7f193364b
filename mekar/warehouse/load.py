"""Loading validated rows: natural keys and change-only writes, all in one transaction.

Each worksheet owns a scope of its table (a whole table, or one session's Zoom rows). The
rows in that scope are compared with what arrived: new keys are inserted, changed rows
updated, vanished keys deleted, identical rows left alone, so a rerun over the same input
changes no row. A worksheet that failed validation is not in `checked`, so its scope keeps
what it had.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import itemgetter

from sqlalchemy import Connection, Table, func, select

from mekar.bulk import bulk_stage
from mekar.validate.prepare import kebutuhan_choices
from mekar.validate.records import Records
from mekar.validate.suites import CheckedSheet
from mekar.warehouse.schema import (
    quarantine,
    source_failure,
    source_state,
    src_daftar_hadir,
    src_kebutuhan,
    src_kebutuhan_pilihan,
    src_kegiatan,
    src_koreksi,
    src_opd,
    src_pegawai,
    src_pengembangan,
    src_zoom,
)

TABLE_FOR_KIND: dict[str, Table] = {
    "opd": src_opd,
    "pegawai": src_pegawai,
    "kebutuhan": src_kebutuhan,
    "kegiatan": src_kegiatan,
    "daftar_hadir": src_daftar_hadir,
    "zoom": src_zoom,
    "koreksi": src_koreksi,
    "pengembangan": src_pengembangan,
}
_BATCH = 5000
_COPY_FROM = 500  # below this many rows a plain batch is as fast as COPY


@dataclass
class Changes:
    inserted: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0

    def add(self, other: Changes) -> None:
        self.inserted += other.inserted
        self.updated += other.updated
        self.deleted += other.deleted
        self.unchanged += other.unchanged

    @property
    def changed(self) -> int:
        return self.inserted + self.updated + self.deleted


@dataclass
class LoadSummary:
    by_table: dict[str, Changes] = field(default_factory=dict)
    # What the quarantine holds after the load (every worksheet, read this run or not).
    quarantine_by_reason: dict[str, int] = field(default_factory=dict)

    def record(self, table: str, changes: Changes) -> None:
        self.by_table.setdefault(table, Changes()).add(changes)

    @property
    def changed(self) -> int:
        return sum(c.changed for c in self.by_table.values())


def _chunks(items: list, size: int = _BATCH) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def insert_rows(conn: Connection, table: Table, columns: list[str], rows: list[dict]) -> None:
    """Bulk insert of dicts (see `_insert_stored` for the fast path)."""
    if rows:
        processors = _processors(conn, table, columns)
        _insert_stored(
            conn, table, columns, [_stored([r[n] for n in columns], processors) for r in rows]
        )


def _processors(conn: Connection, table: Table, columns: list[str]) -> list[tuple[int, object]]:
    """(position, converter) for each column whose Python value the driver does not store
    as it is: SQLAlchemy's own bind processor for this dialect (SQLite keeps datetimes as
    text and booleans as 0/1). Rows are compared and written in that stored form, so neither
    direction goes through SQLAlchemy's per-row parameter and result processing (most of the
    load's time, and of an unchanged reload's); a row costs a call per converted column."""
    dialect = conn.dialect
    converters = (table.c[n].type.dialect_impl(dialect).bind_processor(dialect) for n in columns)
    return [(position, convert) for position, convert in enumerate(converters) if convert]


def _stored(values: list, processors: list[tuple[int, object]]) -> tuple:
    """`values` (in column order) in stored form."""
    for position, convert in processors:
        if values[position] is not None:
            values[position] = convert(values[position])
    return tuple(values)


def _mark(conn: Connection) -> str:
    """The driver's parameter placeholder (statements below go to it directly)."""
    return "?" if conn.dialect.paramstyle == "qmark" else "%s"


def _column_list(columns: list[str]) -> str:
    return ", ".join(f'"{name}"' for name in columns)


def _insert_stored(conn: Connection, table: Table, columns: list[str], rows: list[tuple]) -> None:
    """COPY on PostgreSQL (one stream, no per-row statements), one executemany of plain
    tuples elsewhere. `rows` are in stored form (`_stored`)."""
    if not rows:
        return
    quoted = _column_list(columns)
    if conn.dialect.name == "postgresql" and len(rows) >= _COPY_FROM:
        cursor = conn.connection.cursor()
        with cursor.copy(f'COPY "{table.name}" ({quoted}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row(row)
        return
    marks = ", ".join([_mark(conn)] * len(columns))
    statement = f'INSERT INTO "{table.name}" ({quoted}) VALUES ({marks})'
    for chunk in _chunks(rows):
        conn.exec_driver_sql(statement, chunk)


def _stored_rows(conn: Connection, table: Table, columns: list[str], scope: dict) -> list[tuple]:
    """The rows of `table` within `scope` as the driver stores them: plain tuples from the
    DBAPI cursor (no SQLAlchemy row or result processing), in the caller's transaction."""
    where = " AND ".join(f'"{name}" = {_mark(conn)}' for name in scope) or "1 = 1"
    # The scope's values in stored form too, as every value this module sends the driver.
    params = _stored(list(scope.values()), _processors(conn, table, list(scope)))
    cursor = conn.connection.cursor()
    try:
        cursor.execute(f'SELECT {_column_list(columns)} FROM "{table.name}" WHERE {where}', params)
        return [tuple(row) for row in cursor.fetchall()]
    finally:
        cursor.close()


def sync_scope(conn: Connection, table: Table, rows: Iterable[dict], scope: dict) -> Changes:
    """Make `table`'s rows within `scope` (column -> value) equal to `rows`."""
    keys = [c.name for c in table.primary_key.columns]
    columns = [c.name for c in table.columns]
    at = {name: position for position, name in enumerate(columns)}
    key_at = [at[k] for k in keys]
    processors = _processors(conn, table, columns)
    key_of = itemgetter(*key_at) if len(key_at) > 1 else (lambda stored: (stored[key_at[0]],))
    existing = {key_of(row): row for row in _stored_rows(conn, table, columns, scope)}
    # Validated rows come as Records (a tuple per row): read in column order, no dict built.
    values_of = (
        rows.values_in(columns)
        if isinstance(rows, Records)
        else ([row.get(name) for name in columns] for row in rows)
    )
    pinned = [(at[name], value) for name, value in scope.items()]
    arrived: dict[tuple, tuple] = {}
    for values in values_of:
        for position, value in pinned:
            values[position] = value
        stored = _stored(values, processors)
        arrived[key_of(stored)] = stored  # a repeated key: the later wins

    inserts, updates = [], []
    for key, stored in arrived.items():
        old = existing.get(key)
        if old is None:
            inserts.append(stored)
        elif old != stored:
            updates.append(stored)
    deletes = [key for key in existing if key not in arrived]

    _insert_stored(conn, table, columns, inserts)
    marks = _mark(conn)
    if updates:
        changed = [n for n in columns if n not in keys]
        statement = (
            f'UPDATE "{table.name}" SET '
            + ", ".join(f'"{n}" = {marks}' for n in changed)
            + " WHERE "
            + " AND ".join(f'"{k}" = {marks}' for k in keys)
        )
        params = [tuple(v[at[n]] for n in changed) + tuple(v[i] for i in key_at) for v in updates]
        for chunk in _chunks(params):
            conn.exec_driver_sql(statement, chunk)
    if deletes:
        statement = f'DELETE FROM "{table.name}" WHERE ' + " AND ".join(
            f'"{k}" = {marks}' for k in keys
        )
        for chunk in _chunks(deletes):
            conn.exec_driver_sql(statement, chunk)
    unchanged = len(arrived) - len(inserts) - len(updates)
    return Changes(len(inserts), len(updates), len(deletes), unchanged)


def _scope_for(sheet: CheckedSheet) -> dict:
    # Zoom rows are owned per session tab; every other worksheet owns its whole table.
    return {"kode_kegiatan": sheet.worksheet} if sheet.kind == "zoom" else {}


def load_sheet(conn: Connection, sheet: CheckedSheet, summary: LoadSummary) -> None:
    table = TABLE_FOR_KIND[sheet.kind]
    summary.record(table.name, sync_scope(conn, table, sheet.records, _scope_for(sheet)))
    if sheet.kind == "kebutuhan":
        choices = (  # one row per checkbox ticked: a generator, not a second copy of the form
            {"nip": r["nip"], "submitted_at": r["submitted_at"], "kategori": k, "nilai": v}
            for r in sheet.records
            for k, v in kebutuhan_choices(r)
        )
        summary.record(
            src_kebutuhan_pilihan.name, sync_scope(conn, src_kebutuhan_pilihan, choices, {})
        )
    quarantined = [q.__dict__ for q in sheet.quarantine]
    summary.record(
        quarantine.name,
        sync_scope(
            conn,
            quarantine,
            quarantined,
            {"sumber": sheet.spreadsheet, "worksheet": sheet.worksheet},
        ),
    )
    state = {
        "kind": sheet.kind,
        "content_hash": sheet.content_hash,
        "baris_dimuat": len(sheet.records),
        "baris_karantina": len(sheet.quarantine),
    }
    sync_scope(
        conn, source_state, [state], {"sumber": sheet.spreadsheet, "worksheet": sheet.worksheet}
    )


def _drop_vanished_zoom_tabs(conn: Connection, present: set[str], summary: LoadSummary) -> None:
    """A session tab removed from log_zoom takes its rows and quarantine with it."""
    known = {
        row.worksheet
        for row in conn.execute(
            select(source_state.c.worksheet).where(source_state.c.sumber == "log_zoom")
        )
    }
    for title in sorted(known - present):
        summary.record(src_zoom.name, sync_scope(conn, src_zoom, [], {"kode_kegiatan": title}))
        scope = {"sumber": "log_zoom", "worksheet": title}
        summary.record(quarantine.name, sync_scope(conn, quarantine, [], scope))
        sync_scope(conn, source_state, [], scope)


def clear_absent(conn: Connection, kinds, summary: LoadSummary) -> None:
    """An optional source the source no longer has at all (the koreksi tab deleted, the
    pengembangan spreadsheet left out of configuration): its rows, quarantine and state go,
    as a session tab removed from log_zoom takes its rows with it."""
    for kind in sorted(kinds):
        table = TABLE_FOR_KIND[kind]
        summary.record(table.name, sync_scope(conn, table, [], {}))
        held = conn.execute(
            select(source_state.c.sumber, source_state.c.worksheet).where(
                source_state.c.kind == kind
            )
        ).all()
        for sumber, worksheet in held:
            scope = {"sumber": sumber, "worksheet": worksheet}
            summary.record(quarantine.name, sync_scope(conn, quarantine, [], scope))
            sync_scope(conn, source_state, [], scope)


@bulk_stage
def load_warehouse(
    conn: Connection,
    checked: list[CheckedSheet],
    zoom_tabs_present: set[str] | None,
    failures: list | None = None,
    absent: set[str] | frozenset = frozenset(),
) -> LoadSummary:
    """Write every validated worksheet. `zoom_tabs_present` is the set of
    tab titles in log_zoom (None when log_zoom could not be read: then nothing is removed).
    `failures` (SourceError) replace the record of sources that failed on the last run.
    `absent`: optional sources that do not exist (their stored rows are removed).
    Runs inside the caller's transaction."""
    summary = LoadSummary()
    for sheet in checked:
        load_sheet(conn, sheet, summary)
    clear_absent(conn, absent, summary)
    failed = {(f.spreadsheet, f.worksheet or ""): {"pesan": str(f)} for f in failures or []}
    rows = [{"sumber": s, "worksheet": w, **v} for (s, w), v in failed.items()]
    sync_scope(conn, source_failure, rows, {})
    if zoom_tabs_present is not None:
        _drop_vanished_zoom_tabs(conn, zoom_tabs_present, summary)
    summary.quarantine_by_reason = quarantine_by_reason(conn)
    return summary


def quarantine_by_reason(conn: Connection) -> dict[str, int]:
    """What the quarantine holds (every worksheet, read this run or not), per reason."""
    counts = conn.execute(select(quarantine.c.alasan, func.count()).group_by(quarantine.c.alasan))
    return dict(sorted((alasan, n) for alasan, n in counts))
