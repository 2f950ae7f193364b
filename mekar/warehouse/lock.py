"""One run at a time per warehouse: a second run waits for the first, or says so and stops.

PostgreSQL: a session advisory lock on a dedicated connection (freed if the process dies).
SQLite: an exclusive `flock` on `<database>.lock` beside the file (freed likewise).
"""

from __future__ import annotations

import fcntl
import hashlib
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from mekar.errors import MekarError
from mekar.warehouse.db import sqlite_file

WAITING = "Menunggu run lain yang sedang memakai gudang data {where} selesai..."
BUSY = (
    "Run lain sedang memakai gudang data {where}; coba lagi setelah selesai "
    "(atau jalankan tanpa --no-wait agar menunggu)."
)


def _lock_key(url: str) -> int:
    # One key per database name and schema (a province's partitions share one database, each
    # in its own schema: they run side by side), as a signed 64-bit integer for
    # pg_advisory_lock.
    parsed = make_url(url)
    digest = hashlib.sha256(
        f"mekar:{parsed.database}:{parsed.query.get('options', '')}".encode()
    ).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


@contextmanager
def run_lock(
    url: str,
    wait: bool = True,
    poll: float = 0.5,
    on_wait: Callable[[str], None] | None = None,
) -> Iterator[None]:
    """`on_wait(message)` is called once when the lock is taken and the run starts waiting,
    so a run that sits still says why."""
    parsed = make_url(url)
    where = parsed.render_as_string(hide_password=True)
    said = on_wait or (lambda message: None)
    if parsed.get_backend_name() == "postgresql":
        yield from _postgres_lock(url, where, wait, poll, said)
    elif (database := sqlite_file(url)) is not None:
        yield from _file_lock(Path(f"{database}.lock"), where, wait, said)
    else:
        yield


def _postgres_lock(url: str, where: str, wait: bool, poll: float, said):
    from sqlalchemy import create_engine

    engine = create_engine(url, poolclass=NullPool)
    key = _lock_key(url)
    waited = False
    with engine.connect() as conn:
        while not conn.execute(text("select pg_try_advisory_lock(:k)"), {"k": key}).scalar():
            if not wait:
                raise MekarError(BUSY.format(where=where))
            if not waited:
                said(WAITING.format(where=where))
                waited = True
            conn.rollback()  # keep no transaction open while waiting
            time.sleep(poll)
        conn.commit()
        try:
            yield
        finally:
            conn.execute(text("select pg_advisory_unlock(:k)"), {"k": key})
            conn.commit()
    engine.dispose()


def _file_lock(path: Path, where: str, wait: bool, said):
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not wait:
                raise MekarError(BUSY.format(where=where)) from None
            said(WAITING.format(where=where))
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
