"""How fresh the warehouse is: the nightly run records when it refreshed everything, and the
weekly run refreshes first when that is older than the last nightly slot (a night whose run
failed or never started must not send last week's numbers as this week's)."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Engine, select

from mekar.warehouse.load import sync_scope
from mekar.warehouse.schema import refresh_log

NIGHTLY = "nightly"


def utc_now() -> datetime:
    # Stored naive in UTC: SQLite keeps no time zone, and both databases must agree.
    return datetime.now(UTC).replace(tzinfo=None)


def record_refresh(conn: Connection, when: datetime | None = None) -> None:
    """Called inside the load + transform transaction: a crash records nothing."""
    sync_scope(conn, refresh_log, [{"waktu": when or utc_now()}], {"jenis": NIGHTLY})


def last_refresh(engine: Engine) -> datetime | None:
    with engine.connect() as conn:
        return conn.scalar(select(refresh_log.c.waktu).where(refresh_log.c.jenis == NIGHTLY))


def last_nightly_slot(now_utc: datetime, at: time, timezone: str) -> datetime:
    """The most recent nightly start (e.g. 01:00 Asia/Jakarta) at or before `now_utc`, in
    naive UTC."""
    zone = ZoneInfo(timezone)
    local = now_utc.replace(tzinfo=UTC).astimezone(zone)
    slot = datetime.combine(local.date(), at, tzinfo=zone)
    if slot > local:
        slot -= timedelta(days=1)
    return slot.astimezone(UTC).replace(tzinfo=None)


def is_stale(last: datetime | None, now_utc: datetime, at: time, timezone: str) -> bool:
    return last is None or last < last_nightly_slot(now_utc, at, timezone)
