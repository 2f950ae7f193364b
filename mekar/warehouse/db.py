"""Connecting to the warehouse and keeping its schema current (Alembic)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect

from mekar.errors import MekarError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


# The databases mekar's SQL and migrations are written and tested for.
SUPPORTED_BACKENDS = ("sqlite", "postgresql")
_URL_EXAMPLES = (
    "Contoh: sqlite:///mekar.db atau postgresql+psycopg://user@host/db (--warehouse atau "
    "MEKAR_WAREHOUSE_URL)."
)


def make_engine(url: str) -> Engine:
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    try:
        backend = make_url(url).get_backend_name()
    except (ArgumentError, ValueError):
        raise MekarError(f"URL gudang data tidak dikenal: {_safe(url)}. {_URL_EXAMPLES}") from None
    if backend not in SUPPORTED_BACKENDS:
        # Checked before SQLAlchemy imports a driver mekar does not ship (MySQLdb, ...).
        raise MekarError(
            f"Gudang data '{backend}' tidak didukung ({_safe(url)}): mekar memakai SQLite atau "
            f"PostgreSQL. {_URL_EXAMPLES}"
        )
    try:
        engine = create_engine(url, future=True)
    except (ArgumentError, NoSuchModuleError, ValueError, ImportError) as exc:
        raise MekarError(
            f"URL gudang data {_safe(url)} tidak dapat dipakai ({type(exc).__name__}: driver "
            f"tidak tersedia atau URL salah). {_URL_EXAMPLES}"
        ) from None
    if engine.dialect.name == "sqlite":
        # Foreign-key-free schema, but WAL lets reports read while a run writes, and a busy
        # timeout makes a second writer wait instead of failing at once.
        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=60000")
            cursor.close()

    return engine


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite warehouse URL (None for another database or an in-memory one)."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def _safe(url: str) -> str:
    try:
        from sqlalchemy.engine import make_url

        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "(tidak terbaca)"


def _alembic_config(connection):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest migration."""
    from alembic import command

    with engine.begin() as connection:
        command.upgrade(_alembic_config(connection), "head")


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(config).get_current_head()


def _known_revisions() -> set[str]:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return {script.revision for script in ScriptDirectory.from_config(config).walk_revisions()}


def upgrade_schema(engine: Engine) -> tuple[str | None, str]:
    """`mekar db upgrade`: migrate to the newest revision; returns (from, to)."""
    current = current_revision(engine)
    head = head_revision()
    if current is not None and current not in _known_revisions():
        raise MekarError(_newer_message(engine, current))
    if current != head:
        try:
            upgrade(engine)
        except Exception as exc:
            raise MekarError(
                f"Gagal memperbarui skema gudang data ({current} -> {head}): {exc}"
            ) from exc
    return current, head


def _where(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=True)


def _newer_message(engine: Engine, current: str) -> str:
    return (
        f"Gudang data {_where(engine)} memakai skema {current} dari versi mekar yang lebih "
        "baru: perbarui mekar di mesin ini dulu."
    )


_LOCKED_RETRIES = 120  # x 0.5 s: SQLite's own busy timeout is 60 s


def reachable_revision(engine: Engine) -> str | None:
    """The schema revision, or one clear line when the warehouse cannot be opened at all."""
    import time

    from sqlalchemy.exc import DBAPIError

    # SQLite answers "database is locked" at once, without its busy timeout, to a connection
    # that opens (and switches to WAL) while another process creates the schema: the first
    # run on a new file. That run holds the lock for seconds at most; wait for it.
    for _ in range(_LOCKED_RETRIES):
        try:
            return current_revision(engine)
        except DBAPIError as exc:
            if "database is locked" not in str(exc.orig):
                break
            time.sleep(0.5)
    try:
        return current_revision(engine)
    except DBAPIError as exc:  # server down, no such database, a folder that does not exist
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
        raise MekarError(
            f"Gudang data {_where(engine)} tidak dapat dibuka: {reason}. Periksa --warehouse "
            "(atau MEKAR_WAREHOUSE_URL), folder berkasnya, atau apakah server database berjalan."
        ) from None


def ensure_schema(engine: Engine) -> None:
    """Before a run: create the schema in a new, empty warehouse; refuse one whose schema
    is older or newer than this code, with what to do (an upgrade is a deliberate step)."""
    current = reachable_revision(engine)
    head = head_revision()
    if current == head:
        return
    if current is None:
        _create_schema(engine)
        return
    if current not in _known_revisions():
        raise MekarError(_newer_message(engine, current))
    raise MekarError(
        f"Skema gudang data {_where(engine)} masih versi {current}, perlu {head}: jalankan "
        f"'mekar db upgrade --warehouse {_where(engine)}' dulu (cadangkan database sebelumnya)."
    )


def _create_schema(engine: Engine) -> None:
    """A new warehouse's tables, created under the run lock: two first runs started together
    would otherwise both create them (one failing on a duplicate, or finding the other's
    half-made tables and calling the warehouse foreign). The second waits, then finds the
    schema made."""
    from mekar.warehouse.lock import run_lock

    with run_lock(engine.url.render_as_string(hide_password=False), wait=True):
        current = current_revision(engine)
        if current is not None:  # the other run made it while this one waited
            engine.dispose()
            ensure_schema(engine)
            return
        if inspect(engine).get_table_names():
            raise MekarError(
                f"Gudang data {_where(engine)} berisi tabel tetapi bukan gudang data mekar "
                "(tidak ada alembic_version): gunakan database atau berkas lain."
            )
        upgrade(engine)


def require_results(engine: Engine, what: str) -> None:
    """Before a backfill or a rerun, which rebuild part of the models: a full run must have
    built them. One message for the command line and the flows alike."""
    if not has_results(engine):
        raise MekarError(
            f"Gudang data {_where(engine)} belum berisi hasil: jalankan dulu 'mekar run "
            f"nightly' (memuat semua tahun); {what} hanya menghitung ulang sebagian di gudang "
            "data yang sudah terisi."
        )


def has_results(engine: Engine) -> bool:
    """Whether a full run has built the models (a backfill rebuilds them one year at a time,
    so it needs them in place)."""
    tables = set(inspect(engine).get_table_names())
    return {"dim_kegiatan", "fct_credits", "fct_compliance"} <= tables
