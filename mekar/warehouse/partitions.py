"""Where each partition (regency) of a province run keeps its warehouse, and the roll-up's.

One warehouse schema, defined once (the Alembic migrations and sql/), used N times:
- PostgreSQL: one database, partition KODE in schema `<prefix><kode>` (the connection's
  search_path), the province roll-up in `<prefix>provinsi`. Every table, view and key of a
  partition is thus qualified by its schema: OPD code DISDIKBUD of Sragen and of Klaten never
  meet, and the SQL models run unchanged in each.
- SQLite: a file per partition beside the configured one (`mekar.db` -> `mekar_sragen.db`),
  the roll-up in `mekar_provinsi.db`, reading the partitions' files attached by schema name.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url

from mekar.config import ContactSettings, PartitionSettings, ProvinceSettings, Settings
from mekar.errors import MekarError
from mekar.warehouse.db import make_engine

PROVINCE = "provinsi"  # the roll-up's own schema (suffix) beside the partitions'


def schema_name(province: ProvinceSettings, name: str) -> str:
    """`name`: a partition's kode, or PROVINCE for the roll-up."""
    return f"{province.schema_prefix}{name.lower()}"


def partition_url(base_url: str, province: ProvinceSettings, name: str) -> str:
    """The warehouse URL of one partition (`name` = its kode) or of the roll-up (PROVINCE)."""
    url = make_url(base_url)
    if url.get_backend_name() == "postgresql":
        query = dict(url.query)
        query["options"] = f"-csearch_path={schema_name(province, name)}"
        return url.set(query=query).render_as_string(hide_password=False)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        path = Path(url.database)
        # mekar.db -> mekar_sragen.db: the partition's file sits beside the configured one
        named = path.with_name(f"{path.stem}_{name.lower()}{path.suffix or '.db'}")
        return url.set(database=str(named)).render_as_string(hide_password=False)
    where = url.render_as_string(hide_password=True)
    raise MekarError(
        f"Run provinsi memerlukan gudang data PostgreSQL atau berkas SQLite, bukan {where}."
    )


def prepare_schema(base_url: str, province: ProvinceSettings, name: str) -> None:
    """PostgreSQL: create the schema of a partition (`name` = its kode) or of the roll-up
    when it is new. SQLite: nothing, the file is created on first connect."""
    parsed = make_url(base_url)
    if parsed.get_backend_name() != "postgresql":
        return
    schema = schema_name(province, name)
    engine = create_engine(parsed.set(query={}))
    try:
        with engine.begin() as conn:
            conn.execute(text(f'create schema if not exists "{schema}"'))
    finally:
        engine.dispose()


def partition_settings(settings: Settings, partition: PartitionSettings) -> Settings:
    """A partition's run: the shared policy (targets, aliases, SMTP) with its own name and
    sources (its Sheets keys, when it reads Sheets)."""
    update: dict = {"instansi": partition.nama}
    default_contact = ContactSettings().nama
    if settings.bkpsdm_contact.nama == default_contact:  # Sragen's default: say this one's
        update["bkpsdm_contact"] = settings.bkpsdm_contact.model_copy(
            update={
                "nama": default_contact.replace(
                    Settings.model_fields["instansi"].default, partition.nama
                )
            }
        )
    sheets: dict = {}
    if partition.spreadsheets:
        sheets["spreadsheets"] = dict(partition.spreadsheets)
    if partition.credentials_file or partition.credentials_block:
        sheets["credentials_file"] = partition.credentials_file
        sheets["credentials_block"] = partition.credentials_block
    if sheets:
        update["sheets"] = settings.sheets.model_copy(update=sheets)
    return settings.model_copy(update=update)


def choose(province: ProvinceSettings, wanted: list[str] | None) -> list[PartitionSettings]:
    """The configured partitions, or those named by `--partition` (in configured order)."""
    if not province.partitions:
        raise MekarError(
            "Belum ada partisi: isi [[province.partitions]] (kode, nama, data_dir atau "
            "spreadsheets) di mekar.toml. Lihat README bagian 'Running a province'."
        )
    known = {p.kode: p for p in province.partitions}
    if len(known) != len(province.partitions):
        raise MekarError("Kode partisi di [[province.partitions]] harus unik.")
    if not wanted:
        return list(province.partitions)
    unknown = [kode for kode in wanted if kode.upper() not in known]
    if unknown:
        raise MekarError(
            f"Partisi tidak dikenal: {', '.join(unknown)}. Yang ada: {', '.join(known)}."
        )
    chosen = {kode.upper() for kode in wanted}
    return [p for p in province.partitions if p.kode in chosen]


def province_engine(base_url: str, province: ProvinceSettings) -> Engine:
    """The roll-up's engine. On SQLite every partition's file is attached under its schema
    name, so the roll-up's SQL names `<schema>.agg_opd` on both databases."""
    # make_engine: the warehouse's own settings (SQLite's WAL and busy timeout) and messages
    engine = make_engine(partition_url(base_url, province, PROVINCE))
    if engine.dialect.name == "sqlite":
        import sqlite3

        limit = sqlite3.connect(":memory:").getlimit(sqlite3.SQLITE_LIMIT_ATTACHED)
        if len(province.partitions) > limit:
            raise MekarError(
                f"SQLite hanya dapat membaca {limit} kabupaten sekaligus, konfigurasi ini "
                f"punya {len(province.partitions)}: gunakan PostgreSQL (warehouse_url)."
            )
        files = {
            schema_name(province, p.kode): make_url(
                partition_url(base_url, province, p.kode)
            ).database
            for p in province.partitions
        }

        @event.listens_for(engine, "connect")
        def _attach(dbapi_connection, _record):
            cursor = dbapi_connection.cursor()
            for schema, path in files.items():
                cursor.execute(f'attach database ? as "{schema}"', (path,))
            cursor.close()

    return engine
