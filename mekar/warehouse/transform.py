"""Transform: run the SQL models in `sql/` (staging -> intermediate -> marts).

Each `.sql` file is one model, named by its file; a model's dependencies are the other
models it names. A line `-- index: col_a, col_b` in a table model asks for an index on those
columns once the table is built (later models join on them). Staging models are views (renames and casts); intermediate models and
marts are tables rebuilt in the load's transaction, so readers see the old warehouse or the
new one, never new sources beside old marts.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, delete, insert, select, text, union

from mekar.warehouse.schema import cfg_target, src_kebutuhan, src_kegiatan

SQL_DIR = Path(__file__).resolve().parents[2] / "sql"
LAYERS = ("staging", "intermediate", "marts")


_INDEX_LINE = re.compile(r"^--\s*index:\s*(.+)$", re.MULTILINE)


@dataclass(frozen=True)
class Model:
    name: str
    layer: str
    sql: str

    @property
    def indexes(self) -> list[list[str]]:
        return [[c.strip() for c in m.split(",")] for m in _INDEX_LINE.findall(self.sql)]


@dataclass
class TransformSummary:
    seconds: dict[str, float] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)


def load_models(sql_dir: Path = SQL_DIR) -> list[Model]:
    """All models in dependency order (a model after every model it names)."""
    models = {
        path.stem: Model(path.stem, layer, path.read_text(encoding="utf-8"))
        for layer in LAYERS
        for path in sorted((sql_dir / layer).glob("*.sql"))
    }
    words = {
        name: set(re.findall(r"[a-z_][a-z0-9_]*", m.sql.lower())) for name, m in models.items()
    }
    ordered: list[Model] = []
    placed: set[str] = set()

    def place(name: str, path: tuple[str, ...]) -> None:
        if name in placed:
            return
        if name in path:
            raise ValueError(f"SQL models depend on each other in a cycle: {' -> '.join(path)}")
        for other in sorted(words[name] & models.keys() - {name}):
            place(other, (*path, name))
        placed.add(name)
        ordered.append(models[name])

    for name in models:
        place(name, ())
    return ordered


def write_targets(conn: Connection, targets) -> None:
    """`cfg_target` from configuration, for every year the warehouse has data for."""
    years = sorted(conn.scalars(union(select(src_kegiatan.c.tahun), select(src_kebutuhan.c.tahun))))
    conn.execute(delete(cfg_target))
    rows = [
        {"tahun": year, "jenis_asn": jenis, "target_jp": targets(year, jenis)}
        for year in years
        for jenis in ("PNS", "PPPK")
    ]
    if rows:
        conn.execute(insert(cfg_target), rows)


def _drop(conn: Connection, model: Model) -> None:
    kind = "view" if model.layer == "staging" else "table"
    conn.execute(text(f"drop {kind} if exists {model.name}"))


def _build(conn: Connection, model: Model) -> None:
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
    # Drop in reverse order first so no view is dropped while another still uses it.
    for model in reversed(models):
        _drop(conn, model)
    for position, model in enumerate(models, start=1):
        started = time.perf_counter()
        _build(conn, model)
        summary.seconds[model.name] = time.perf_counter() - started
        if model.layer != "staging":
            summary.rows[model.name] = conn.execute(
                text(f"select count(*) from {model.name}")
            ).scalar_one()
        if progress:
            progress(f"Model {position}/{len(models)}: {model.name}")
    return summary
