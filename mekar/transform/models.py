"""Transform: run the SQL models in `sql/` (staging -> intermediate -> marts).

Each `.sql` file is one model, named by its file, that opens with a header a program reads
without guessing (as dbt's `ref()` and model config):

    -- grain: tahun, nip                 the key columns its rows can be rebuilt by
                                         (of kode_kegiatan, tahun, nip, kode_opd), or whole
    -- depends_on: fct_credits, stg_pegawai   the models it reads: the only edges of the graph
    -- sources: cfg_target               the loaded tables it reads
    -- index: tahun, nip                 an index once the table is built (one line each)

Comments create no edge; a model whose SQL names another model it does not declare (or
declares one it never reads) is refused when the models are loaded. Staging models are views
(renames and casts); intermediate models and marts are tables rebuilt in the load's
transaction, so readers see the old warehouse or the new one, never new sources beside old
marts. `mekar models` prints the graph in run order.
"""

from __future__ import annotations

import hashlib
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, delete, insert, inspect, select, text, union

from mekar.resources import sql_dir as sql_dir_of_package
from mekar.warehouse.freshness import utc_now
from mekar.warehouse.load import sync_scope
from mekar.warehouse.schema import cfg_target, src_kebutuhan, src_kegiatan, transform_state

LAYERS = ("staging", "intermediate", "marts")
# The key columns a grain may name; each means the same thing in every model that has it
# (see partial.py for why that matters).
KEY_COLUMNS = ("kode_kegiatan", "tahun", "nip", "kode_opd")
_MODELS = {"jenis": "models"}  # the row of transform_state the full transform writes

_HEADER_LINE = re.compile(r"^--\s*(grain|depends_on|sources|index):\s*(.*)$")
_WORD = re.compile(r"[a-z_][a-z0-9_]*")


def _listed(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(",") if part.strip())


@dataclass(frozen=True)
class Model:
    name: str
    layer: str
    sql: str
    grain: str = "whole"
    depends_on: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    indexes: tuple[tuple[str, ...], ...] = ()

    @classmethod
    def parse(cls, name: str, layer: str, sql: str) -> Model:
        """Read the header: the comment lines before the first other line."""
        found: dict[str, list[str]] = {}
        for line in sql.splitlines():
            match = _HEADER_LINE.match(line.strip())
            if not match:
                break
            found.setdefault(match.group(1), []).append(match.group(2).strip())
        if "grain" not in found:
            raise ValueError(f"sql/{layer}/{name}.sql: header without '-- grain:'")
        grain = found["grain"][0]
        if grain != "whole" and not all(c in KEY_COLUMNS for c in _listed(grain) or ["?"]):
            raise ValueError(
                f"sql/{layer}/{name}.sql: grain '{grain}' is not 'whole' or a list of "
                f"{', '.join(KEY_COLUMNS)}"
            )
        return cls(
            name,
            layer,
            sql,
            grain,
            tuple(d for v in found.get("depends_on", []) for d in _listed(v)),
            tuple(d for v in found.get("sources", []) for d in _listed(v)),
            tuple(_listed(v) for v in found.get("index", [])),
        )

    @property
    def key(self) -> tuple[str, ...]:
        """The grain's columns; empty for a whole-grain model."""
        return () if self.grain == "whole" else _listed(self.grain)

    @property
    def body_words(self) -> set[str]:
        """Identifiers of the SQL itself, comments left out."""
        code = "\n".join(line.split("--", 1)[0] for line in self.sql.splitlines())
        return set(_WORD.findall(code.lower()))


@dataclass
class TransformSummary:
    seconds: dict[str, float] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    skipped: bool = False  # nothing to recompute: the marts were already current


def load_models(sql_dir: Path | None = None, layers: tuple[str, ...] = LAYERS) -> list[Model]:
    """All models in run order: each after every model it declares in `depends_on`.
    `sql_dir` defaults to the installed models (mekar.resources); `layers`, a regency's
    (the province roll-up's are ("province",): mekar.transform.province)."""
    sql_dir = sql_dir or sql_dir_of_package()
    models = {
        path.stem: Model.parse(path.stem, layer, path.read_text(encoding="utf-8"))
        for layer in layers
        for path in sorted((sql_dir / layer).glob("*.sql"))
    }
    for model in models.values():
        used = model.body_words & models.keys() - {model.name}
        declared = set(model.depends_on)
        if used != declared:
            raise ValueError(
                f"sql/{model.layer}/{model.name}.sql: depends_on says {sorted(declared)}, "
                f"the SQL reads {sorted(used)}"
            )
    ordered: list[Model] = []
    placed: set[str] = set()

    def place(name: str, path: tuple[str, ...]) -> None:
        if name in placed:
            return
        if name in path:
            raise ValueError(f"SQL models depend on each other in a cycle: {' -> '.join(path)}")
        for other in sorted(models[name].depends_on):
            place(other, (*path, name))
        placed.add(name)
        ordered.append(models[name])

    for name in models:
        place(name, ())
    return ordered


def write_targets(conn: Connection, targets) -> None:
    """`cfg_target` from configuration, for every year the warehouse has data for."""
    conn.execute(delete(cfg_target))
    rows = target_rows(conn, targets)
    if rows:
        conn.execute(insert(cfg_target), rows)


def target_rows(conn: Connection, targets) -> list[dict]:
    """The rows of `cfg_target`: the configured JP target of every year with data."""
    years = sorted(conn.scalars(union(select(src_kegiatan.c.tahun), select(src_kebutuhan.c.tahun))))
    return [
        {"tahun": year, "jenis_asn": jenis, "target_jp": targets(year, jenis)}
        for year in years
        for jenis in ("PNS", "PPPK")
    ]


def drop_model(conn: Connection, model: Model) -> None:
    kind = "view" if model.layer == "staging" else "table"
    conn.execute(text(f"drop {kind} if exists {model.name}"))


def build_model(conn: Connection, model: Model) -> None:
    body = model.sql.strip().rstrip(";")
    if model.layer == "staging":
        conn.execute(text(f"create view {model.name} as\n{body}"))
    else:
        conn.execute(text(f"create table {model.name} as\n{body}"))
        for position, columns in enumerate(model.indexes, start=1):
            conn.execute(
                text(
                    f"create index ix_{model.name}_{position} on {model.name} ({', '.join(columns)})"
                )
            )


def run_transform(conn: Connection, targets, progress=None) -> TransformSummary:
    """Rebuild every model inside the caller's transaction (the load's: see tasks/load.py).
    `targets(year, jenis_asn)` gives the JP target."""
    summary = TransformSummary()
    models = load_models()
    write_targets(conn, targets)
    stamp = definitions_fingerprint(conn, targets, models)
    # Drop in reverse order first so no view is dropped while another still uses it.
    for model in reversed(models):
        drop_model(conn, model)
    for position, model in enumerate(models, start=1):
        started = time.perf_counter()
        build_model(conn, model)
        summary.seconds[model.name] = time.perf_counter() - started
        if model.layer != "staging":
            summary.rows[model.name] = conn.execute(
                text(f"select count(*) from {model.name}")
            ).scalar_one()
        if progress:
            progress(f"Model {position}/{len(models)}: {model.name}")
    sync_scope(conn, transform_state, [{"fingerprint": stamp, "waktu": utc_now()}], _MODELS)
    return summary


def transform_is_current(conn: Connection, targets) -> bool:
    """Whether the marts are what `run_transform` would build now, given that no source row
    changed since they were built (the caller's load says so): same models' SQL, same JP
    targets, every model present. Session reruns and year backfills keep the rows equal to a
    full run's (their tests), so they leave this true."""
    models = load_models()
    stored = conn.scalar(
        select(transform_state.c.fingerprint).where(transform_state.c.jenis == _MODELS["jenis"])
    )
    if stored != definitions_fingerprint(conn, targets, models):
        return False
    present = set(inspect(conn).get_table_names()) | set(inspect(conn).get_view_names())
    return all(model.name in present for model in models)


def current_rows(conn: Connection) -> TransformSummary:
    """The row counts of the marts as they stand, for a run that skipped the transform."""
    summary = TransformSummary(skipped=True)
    for model in load_models():
        if model.layer != "staging":
            summary.rows[model.name] = conn.execute(
                text(f"select count(*) from {model.name}")
            ).scalar_one()
    return summary


def definitions_fingerprint(conn: Connection, targets, models: list[Model]) -> str:
    """Digest of what the marts depend on besides the source rows."""
    digest = hashlib.sha256()
    for model in models:
        digest.update(f"{model.layer}/{model.name}\x1f{model.sql}\x1e".encode())
    for row in target_rows(conn, targets):
        digest.update(repr(sorted(row.items())).encode())
    return digest.hexdigest()
