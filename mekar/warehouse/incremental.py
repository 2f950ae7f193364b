"""Recomputing one session after a rerun, at the cost of that session, not of the year.

The SQL models of `sql/` are reused as they are. Before running one, the relations it reads
are shadowed by TEMP views (or TEMP tables) holding only the rows that matter: the session's
Zoom rows and check-ins, the ASN it touches, their OPDs. Both SQLite and PostgreSQL look up
temporary objects before the schema's own, so the model's SQL reads the small versions.
Results replace the matching rows of the real tables, inside the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import Connection, text

from mekar.warehouse.transform import load_models, write_targets

# Models whose rows belong to one session (they all carry kode_kegiatan), in build order.
SESSION_MODELS = (
    "int_zoom_matched",
    "int_zoom_attendance",
    "int_credit_zoom",
    "int_credit_checkin",
    "fct_credits",
    "agg_opd_kegiatan",
    "rpt_zoom_unmatched",
    "dim_kegiatan",
    "dim_kegiatan_minggu",
)


@dataclass
class SessionRecompute:
    kode: str
    years: list[int] = field(default_factory=list)
    asn: int = 0  # ASN whose totals were recomputed
    opd: list[str] = field(default_factory=list)  # OPDs whose aggregates were recomputed


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _real(conn: Connection) -> str:
    """Prefix naming the schema's own relations, past any temporary shadow."""
    if conn.dialect.name == "sqlite":
        return "main."
    schema = conn.execute(text("select current_schema()")).scalar_one()
    return '"' + schema.replace('"', '""') + '".'


@contextmanager
def _shadows(conn: Connection, views: dict[str, str]) -> Iterator[None]:
    for name, select in views.items():
        conn.execute(text(f"create temp view {name} as {select}"))
    try:
        yield
    finally:
        for name in views:
            conn.execute(
                text(
                    f"drop view if exists {'temp.' if conn.dialect.name == 'sqlite' else ''}{name}"
                )
            )


def _replace(conn: Connection, real: str, model, where: str) -> None:
    """Compute `model` into a temp table (reading the shadows), then swap its rows in."""
    body = model.sql.strip().rstrip(";")
    conn.execute(text(f"create temp table {model.name} as\n{body}"))
    # The same indexes as the real table: later models join on them here too.
    for position, columns in enumerate(model.indexes, start=1):
        conn.execute(
            text(
                f"create index ix_tmp_{model.name}_{position} on {_temp(conn)}{model.name} ({', '.join(columns)})"
            )
            if conn.dialect.name == "postgresql"
            else text(
                f"create index temp.ix_tmp_{model.name}_{position} on {model.name} ({', '.join(columns)})"
            )
        )
    conn.execute(text(f"delete from {real}{model.name} where {where}"))
    conn.execute(text(f"insert into {real}{model.name} select * from {model.name}"))


def _temp(conn: Connection) -> str:
    """Prefix naming the temporary schema, so a drop can never reach a real relation."""
    return "temp." if conn.dialect.name == "sqlite" else "pg_temp."


def _drop_temp_tables(conn: Connection, names) -> None:
    for name in names:
        conn.execute(text(f"drop table if exists {_temp(conn)}{name}"))


def rebuild(
    conn: Connection, real: str, models: dict, names, shadows: dict[str, str], where: str
) -> None:
    """Rebuild the rows of `names` matching `where`, in order, reading `shadows`; each model
    can read the fresh temp result of the one before it. Temp tables are dropped after."""
    names = list(names)
    with _shadows(conn, shadows):
        try:
            for name in names:
                _replace(conn, real, models[name], where)
        finally:
            _drop_temp_tables(conn, reversed(names))


def recompute_session(conn: Connection, kode: str, targets) -> SessionRecompute:
    models = {m.name: m for m in load_models()}
    real = _real(conn)
    k = _literal(kode)
    done = SessionRecompute(kode)

    old_years = conn.execute(
        text(f"select tahun from {real}dim_kegiatan where kode_kegiatan = {k}")
    )
    new_years = conn.execute(
        text(f"select tahun from {real}src_kegiatan where kode_kegiatan = {k}")
    )
    done.years = sorted({y for (y,) in old_years} | {y for (y,) in new_years})
    write_targets(conn, targets)  # a new year may have arrived with this session
    conn.execute(
        text(
            f"create temp table rerun_nip as select distinct nip from {real}fct_credits where kode_kegiatan = {k}"
        )
    )

    # 1. the session's own rows: matching, attendance, credits, review list
    session_rows = {
        "stg_zoom": f"select * from {real}stg_zoom where kode_kegiatan = {k}",
        "stg_daftar_hadir": f"select * from {real}stg_daftar_hadir where kode_kegiatan = {k}",
        "stg_kegiatan": f"select * from {real}stg_kegiatan where kode_kegiatan = {k}",
    }
    rebuild(conn, real, models, SESSION_MODELS, session_rows, f"kode_kegiatan = {k}")
    conn.execute(
        text(
            f"insert into rerun_nip select distinct nip from {real}fct_credits where kode_kegiatan = {k}"
        )
    )
    if conn.dialect.name == "postgresql":
        # A fresh temp table has no statistics: without them the planner joins 10^5 ASN
        # against it row by row.
        conn.execute(text("analyze rerun_nip"))
    done.asn = conn.execute(text("select count(distinct nip) from rerun_nip")).scalar_one()
    if not done.years:
        _drop_temp_tables(conn, ["rerun_nip"])
        return done
    years = ", ".join(str(int(y)) for y in done.years)

    # 2. the year totals of the ASN the session credited (before or now)
    touched = "nip in (select nip from rerun_nip)"
    per_asn = {
        "stg_pegawai": f"select * from {real}stg_pegawai where {touched}",
        "fct_credits": f"select * from {real}fct_credits where {touched}",
        "stg_kegiatan": f"select * from {real}stg_kegiatan where tahun in ({years})",
    }
    # agg_asn_minggu reads the fresh temp fct_compliance, so both are rebuilt together
    names = ("fct_compliance", "agg_asn_minggu")
    rebuild(conn, real, models, names, per_asn, f"tahun in ({years}) and {touched}")

    # 3. the aggregates of their OPDs (every ASN of those OPDs counts)
    done.opd = sorted(
        conn.execute(
            text(f"select distinct kode_opd from {real}stg_pegawai where {touched}")
        ).scalars()
    )
    if done.opd:
        opds = ", ".join(_literal(code) for code in done.opd)
        per_opd = {
            "stg_opd": f"select * from {real}stg_opd where kode_opd in ({opds})",
            "stg_pegawai": f"select * from {real}stg_pegawai where kode_opd in ({opds})",
            "fct_compliance": f"select * from {real}fct_compliance where tahun in ({years}) and kode_opd in ({opds})",
            "stg_kegiatan": f"select * from {real}stg_kegiatan where tahun in ({years})",
            "dim_kegiatan_minggu": f"select * from {real}dim_kegiatan_minggu where tahun in ({years})",
            "agg_asn_minggu": f"select * from {real}agg_asn_minggu "
            f"where tahun in ({years}) and kode_opd in ({opds})",
        }
        where = f"tahun in ({years}) and kode_opd in ({opds})"
        rebuild(conn, real, models, ("agg_opd", "agg_opd_minggu"), per_opd, where)
    _drop_temp_tables(conn, ["rerun_nip"])
    return done
