"""The province roll-up, built after the partitions and from their marts only.

Each partition's marts (agg_opd, fct_compliance, agg_opd_kebutuhan, dim_kegiatan) are
gathered into the roll-up's own schema as `prov_src_*`, every row keyed by its partition
(`instansi`), then the models of sql/province/ build the province marts from them: the SQL
reads the same marts a regency's pages read, so a regency's row in the province is the sum
of its own figures. `prov_partisi` keeps each partition's last outcome across runs, so a
`--partition KODE` retry keeps the others' status and rows as they were.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    inspect,
    select,
    text,
)

from mekar.config import ProvinceSettings
from mekar.transform.models import build_model, drop_model, load_models
from mekar.warehouse.partitions import schema_name

metadata = MetaData()

# What became of each partition: berhasil (loaded, complete), tidak_lengkap (loaded, but a
# source failed: its old rows kept), gagal (nothing loaded this run: its last good state
# stands), belum_dijalankan (configured, never run).
prov_partisi = Table(
    "prov_partisi",
    metadata,
    Column("instansi", String(40), primary_key=True),
    Column("nama_instansi", String(200), nullable=False),
    Column("urutan", Integer, nullable=False),  # as configured: the pages keep that order
    Column("status", String(20), nullable=False),
    Column("pesan", Text),
    Column("run_terakhir", String(32)),  # ISO UTC time of this partition's last run
    Column("berhasil_terakhir", String(32)),  # of its last run that loaded
    Column("ada_data", Integer, nullable=False),  # its marts exist: in the roll-up
)


def _source(name: str, *columns: Column) -> Table:
    return Table(name, metadata, Column("instansi", String(40), nullable=False), *columns)


# The partition's mart -> the roll-up table it is copied into (columns copied by name).
SOURCES: dict[str, Table] = {
    "agg_opd": _source(
        "prov_src_opd",
        Column("tahun", Integer),
        Column("kode_opd", String(40)),
        Column("nama_opd", String(200)),
        Column("jumlah_asn", Integer),
        Column("jumlah_memenuhi", Integer),
        Column("total_jp", Integer),
        Column("responden_kebutuhan", Integer),
        Column("jumlah_teknis_20", Integer),
    ),
    "fct_compliance": _source(
        "prov_src_asn",
        Column("tahun", Integer),
        Column("nip", String(18)),
        Column("kode_opd", String(40)),
        Column("jenis_asn", String(10)),
        Column("jp", Integer),
        Column("jp_mandiri", Integer),
        Column("memenuhi", Integer),
    ),
    "agg_opd_kebutuhan": _source(
        "prov_src_kebutuhan",
        Column("tahun", Integer),
        Column("kode_opd", String(40)),
        Column("kategori", String(40)),
        Column("nilai", Text),
        Column("jumlah", Integer),
    ),
    "dim_kegiatan": _source(
        "prov_src_kegiatan",
        Column("tahun", Integer),
        Column("kode_kegiatan", String(80)),
        Column("jp", Float),
    ),
}
NEEDED_MARTS = tuple(SOURCES)
STATUSES = ("berhasil", "tidak_lengkap", "gagal", "belum_dijalankan")


@dataclass(frozen=True)
class PartitionOutcome:
    """What one partition's task came to (flows/province.py), as the roll-up records it."""

    kode: str
    status: str  # one of STATUSES
    pesan: str | None = None


@dataclass
class RollUp:
    included: list[str] = field(default_factory=list)  # partitions whose marts are in it
    missing: list[str] = field(default_factory=list)  # configured, no marts (never loaded)
    rows: dict[str, int] = field(default_factory=dict)


def roll_up(engine: Engine, province: ProvinceSettings, outcomes: list[PartitionOutcome]) -> RollUp:
    """Record the outcomes, gather every configured partition's marts and rebuild the
    province marts, in one transaction (readers see the old roll-up or the new one)."""
    with engine.begin() as conn:
        metadata.create_all(conn)
        record_outcomes(conn, province, outcomes)
        result = gather(conn, province)
        result.rows = build_province_marts(conn)
    return result


def record_outcomes(
    conn: Connection, province: ProvinceSettings, outcomes: list[PartitionOutcome]
) -> None:
    now = datetime.now(UTC).isoformat(timespec="seconds")
    by_kode = {o.kode: o for o in outcomes}
    stored = {row.instansi: row for row in conn.execute(select(prov_partisi))}
    conn.execute(prov_partisi.delete())
    rows = []
    for position, partition in enumerate(province.partitions, start=1):
        before = stored.get(partition.kode)
        outcome = by_kode.get(partition.kode)
        row = {
            "instansi": partition.kode,
            "nama_instansi": partition.nama,
            "urutan": position,
            "status": before.status if before else "belum_dijalankan",
            "pesan": before.pesan if before else None,
            "run_terakhir": before.run_terakhir if before else None,
            "berhasil_terakhir": before.berhasil_terakhir if before else None,
            "ada_data": 0,
        }
        if outcome is not None:
            row.update(status=outcome.status, pesan=outcome.pesan, run_terakhir=now)
            if outcome.status != "gagal":
                row["berhasil_terakhir"] = now
        rows.append(row)
    if rows:
        conn.execute(prov_partisi.insert(), rows)


def gather(conn: Connection, province: ProvinceSettings) -> RollUp:
    """Copy the partitions' marts into prov_src_* (server-side: insert ... select)."""
    result = RollUp()
    for table in SOURCES.values():
        conn.execute(table.delete())
    for partition in province.partitions:
        schema = schema_name(province, partition.kode)
        present = set(inspect(conn).get_table_names(schema=schema))
        if not set(NEEDED_MARTS) <= present:
            result.missing.append(partition.kode)
            continue
        for mart, table in SOURCES.items():
            columns = [c.name for c in table.columns if c.name != "instansi"]
            conn.execute(
                text(
                    f"insert into {table.name} (instansi, {', '.join(columns)}) "
                    f"select cast(:instansi as varchar(40)), {', '.join(columns)} "
                    f'from "{schema}".{mart}'
                ),
                {"instansi": partition.kode},
            )
        conn.execute(
            prov_partisi.update()
            .where(prov_partisi.c.instansi == partition.kode)
            .values(ada_data=1)
        )
        result.included.append(partition.kode)
    return result


def build_province_marts(conn: Connection) -> dict[str, int]:
    """The models of sql/province/, rebuilt whole from prov_src_* and prov_partisi."""
    models = load_models(layers=("province",))
    rows = {}
    for model in reversed(models):
        drop_model(conn, model)
    for model in models:
        build_model(conn, model)
        rows[model.name] = conn.execute(text(f"select count(*) from {model.name}")).scalar_one()
    return rows
