"""Partial rebuilds: some rows of some models, chosen from the model graph itself.

The nightly rebuilds every model (transform.py). A session rerun and a year backfill rebuild
only the rows that can differ, with the same SQL. Each model's header names its grain, the
key columns its rows can be rebuilt by (`kode_kegiatan`; `tahun, nip`; `whole`). The one
convention that makes this safe, kept by every model in `sql/` and checked by the
rerun-equals-full and backfill tests:

    the rows of a model with key value g are computed only from the input rows that agree
    with g on the key columns the input has (`fct_compliance` rows for (2023, nip X) read
    `fct_credits` rows of (2023, X), `stg_kegiatan` rows of 2023 and `stg_pegawai`'s row X).

So to rebuild the rows of M matching a set of keys, each input is shadowed by a TEMP view
holding only its rows that agree on the shared key columns (both SQLite and PostgreSQL look
up temporary objects first, so the model's SQL reads the small versions), M's SQL runs into a
temp table, and its rows matching the keys replace the real ones.

Which keys, in graph order, comes in one of two ways:
- `Changes` (the session rerun): the staging rows of a scope are copied before the load and
  compared after it; what differs, projected on key columns, is what changed. Each model
  downstream is rebuilt for the keys its changed inputs share with its grain, and its own
  changed rows (old vs new) are what its dependants see. A rerun that changes nothing
  rebuilds nothing.
- `Scope` (the year backfill): fixed key values (the year, its sessions); every model whose
  grain shares a column with them is rebuilt for those values, the rest are rebuilt whole.

Whole-grain staging (the roster, the OPD list) is current state, in no scope: a backfill
rebuilds the whole-grain models, and a change of one never widens a narrower rebuild (the
next nightly carries it to every year). All of it runs inside the caller's transaction; temp objects are dropped after.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection, text

from mekar.transform.models import KEY_COLUMNS, Model, load_models


def literal(value) -> str:
    """A SQL literal for a key value (text or whole number)."""
    if isinstance(value, int):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


def real_prefix(conn: Connection) -> str:
    """Prefix naming the schema's own relations, past any temporary shadow."""
    if conn.dialect.name == "sqlite":
        return "main."
    schema = conn.execute(text("select current_schema()")).scalar_one()
    return '"' + schema.replace('"', '""') + '".'


def temp_prefix(conn: Connection) -> str:
    """Prefix naming the temporary schema, so a drop can never reach a real relation."""
    return "temp." if conn.dialect.name == "sqlite" else "pg_temp."


@dataclass(frozen=True)
class KeySet:
    """Key values to rebuild: either the rows of a temp table of keys, or fixed values."""

    columns: tuple[str, ...]
    table: str | None = None  # temp table holding the key tuples (Changes)
    values: dict[str, tuple] | None = None  # column -> values (Scope)

    def condition(self, columns) -> str:
        """Rows of a relation with `columns` that agree with these keys ('1 = 1': all)."""
        shared = [c for c in self.columns if c in columns]
        if not shared:
            return "1 = 1"
        if self.values is not None:
            return " and ".join(_in(c, self.values[c]) for c in shared)
        listed = ", ".join(shared)
        return f"({listed}) in (select {listed} from {self.table})"


def _in(column: str, values) -> str:
    return f"{column} in ({', '.join(map(literal, values))})" if values else "1 = 0"


def _any(conditions: list[str]) -> str:
    if not conditions or "1 = 1" in conditions:
        return "1 = 1"
    return " or ".join(f"({c})" for c in dict.fromkeys(conditions))


@dataclass
class Rebuilt:
    """What a change-driven rebuild did: per model, the key values of its changed rows."""

    keys: dict[str, dict[str, set]] = field(default_factory=dict)

    def values(self, column: str, models=None) -> list:
        found = set()
        for name, keys in self.keys.items():
            if models is None or name in models:
                found |= keys.get(column, set())
        return sorted(v for v in found if v is not None)


class _Run:
    """The shared machinery: shadows, replacing rows, temp objects to drop."""

    def __init__(self, conn: Connection, models: list[Model]):
        self.conn = conn
        self.models = {m.name: m for m in models}
        self.order = models
        self.real = real_prefix(conn)
        self.temp = temp_prefix(conn)
        self._columns: dict[str, list[str]] = {}
        self.temp_tables: list[str] = []

    def columns(self, relation: str) -> list[str]:
        if relation not in self._columns:
            result = self.conn.execute(text(f"select * from {self.real}{relation} where 1 = 0"))
            self._columns[relation] = list(result.keys())
        return self._columns[relation]

    def key_columns(self, relation: str) -> tuple[str, ...]:
        return tuple(c for c in KEY_COLUMNS if c in self.columns(relation))

    def create_temp(self, name: str, select: str) -> str:
        self.conn.execute(text(f"create temp table {name} as {select}"))
        self.temp_tables.append(name)
        return name

    def drop_temps(self) -> None:
        for name in reversed(self.temp_tables):
            self.conn.execute(text(f"drop table if exists {self.temp}{name}"))
        self.temp_tables.clear()

    def where(self, relation: str, keysets: list[KeySet]) -> str:
        """Rows of `relation` agreeing with any of `keysets` ('1 = 1': all of them)."""
        return _any([k.condition(self.columns(relation)) for k in keysets])

    def replace(self, model: Model, keysets: list[KeySet], keep_old: bool) -> None:
        """Recompute `model`'s rows matching `keysets` and swap them in. With `keep_old`,
        the old rows stay in `mk_old_<name>` for a comparison; the new ones are in
        `mk_new_<name>` either way."""
        shadows = {name: self.where(name, keysets) for name in model.depends_on}
        shadows = {name: where for name, where in shadows.items() if where != "1 = 1"}
        for name, where in shadows.items():
            self.conn.execute(
                text(f"create temp view {name} as select * from {self.real}{name} where {where}")
            )
        try:
            body = model.sql.strip().rstrip(";")
            self.create_temp(f"mk_new_{model.name}", body)
        finally:
            for name in shadows:
                self.conn.execute(text(f"drop view if exists {self.temp}{name}"))
        where = self.where(model.name, keysets)
        if keep_old:
            self.create_temp(
                f"mk_old_{model.name}", f"select * from {self.real}{model.name} where {where}"
            )
        self.conn.execute(text(f"delete from {self.real}{model.name} where {where}"))
        self.conn.execute(
            text(
                f"insert into {self.real}{model.name} "
                f"select * from mk_new_{model.name} where {where}"
            )
        )

    def difference(self, name: str, old: str, new: str) -> KeySet | None:
        """Key tuples of the rows in one of `old`, `new` and not the other (None: no change)."""
        keys = self.key_columns(name)
        listed = ", ".join(keys) if keys else "1 as whole_row"
        table = self.create_temp(
            f"mk_chg_{name}",
            f"select distinct {listed} from (select * from {old} except select * from {new}) d",
        )
        self.conn.execute(
            text(
                f"insert into {table} select distinct {listed} "
                f"from (select * from {new} except select * from {old}) d"
            )
        )
        count = self.conn.execute(text(f"select count(*) from {table}")).scalar_one()
        if not count:
            return None
        if self.conn.dialect.name == "postgresql":
            # a fresh temp table has no statistics: without them the planner joins 10^5
            # rows against it one by one
            self.conn.execute(text(f"analyze {table}"))
        return KeySet(keys, table=table)

    def key_values(self, keyset: KeySet) -> dict[str, set]:
        return {
            c: set(self.conn.execute(text(f"select distinct {c} from {keyset.table}")).scalars())
            for c in keyset.columns
        }


def _scope_filter(model: Model, scope: dict[str, tuple]) -> str | None:
    """The staging rows of `scope`, or None when the model's grain is not in it."""
    if not model.key or any(c not in scope for c in model.key):
        return None
    return " and ".join(_in(c, scope[c]) for c in model.key)


class Changes:
    """A change-driven rebuild: `Changes(conn, scope)` before the load copies the staging
    rows of `scope` (column -> values, e.g. {"kode_kegiatan": ["MEKAR-2023-002"]}); after
    the load, `rebuild()` compares and rebuilds what the differences reach."""

    def __init__(self, conn: Connection, scope: dict[str, list], sql_dir=None):
        self.scope = {c: tuple(v) for c, v in scope.items()}
        self.run = _Run(conn, load_models(sql_dir))
        self.seeds: dict[str, str] = {}
        for model in self.run.order:
            where = _scope_filter(model, self.scope) if model.layer == "staging" else None
            if where:
                self.seeds[model.name] = where
                self.run.create_temp(
                    f"mk_old_{model.name}",
                    f"select * from {self.run.real}{model.name} where {where}",
                )

    def rebuild(self) -> Rebuilt:
        run, done = self.run, Rebuilt()
        changed: dict[str, KeySet] = {}
        try:
            for name, where in self.seeds.items():
                new = run.create_temp(
                    f"mk_new_{name}", f"select * from {run.real}{name} where {where}"
                )
                keys = run.difference(name, f"mk_old_{name}", new)
                if keys:
                    changed[name] = keys
            for model in run.order:
                if model.layer == "staging":
                    continue
                keysets = self._reached(model, changed)
                if keysets is None:
                    continue
                run.replace(model, keysets, keep_old=True)
                keys = run.difference(model.name, f"mk_old_{model.name}", f"mk_new_{model.name}")
                if keys:
                    changed[model.name] = keys
            done.keys = {name: run.key_values(keys) for name, keys in changed.items()}
        finally:
            run.drop_temps()
        return done

    def _reached(self, model: Model, changed: dict[str, KeySet]) -> list[KeySet] | None:
        """The keys of `model` its changed inputs reach (None: nothing to rebuild)."""
        inputs = [name for name in model.depends_on if name in changed]
        if not inputs:
            return None
        if not model.key:
            return [KeySet(())]  # a whole-grain model: rebuilt whole
        keysets = []
        for name in inputs:
            shared = tuple(c for c in model.key if c in changed[name].columns)
            if shared:
                keysets.append(KeySet(shared, table=changed[name].table))
            elif self.run.models[name].key:
                return [KeySet(())]  # a change that names none of its keys: all rows
            # else: a whole-grain input (roster, OPD list) never widens a narrow rebuild
        return keysets or None


def rebuild_scope(conn: Connection, scope: dict[str, list], sql_dir=None) -> None:
    """A scope-driven rebuild: every built model's rows agreeing with `scope` (column ->
    values, e.g. the year and its sessions); a model whose grain shares no column with it,
    whole."""
    values = {c: tuple(v) for c, v in scope.items()}
    run = _Run(conn, load_models(sql_dir))
    try:
        for model in run.order:
            if model.layer == "staging":
                continue
            shared = tuple(c for c in model.key if c in values)
            keyset = KeySet(shared, values={c: values[c] for c in shared})
            run.replace(model, [keyset], keep_old=False)
    finally:
        run.drop_temps()
