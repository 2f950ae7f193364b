"""Shared fixtures: warehouses on SQLite and PostgreSQL, and the Prefect test harness."""

from __future__ import annotations

import os
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest

pytest_plugins = ["tests.smtp_server"]  # the `smtp` fixture: aiosmtpd on loopback

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("MEKAR_SHARED", REPO.parent / "shared"))
GOLDEN = SHARED / "golden"
# The PostgreSQL server on this machine (DESIGN.md); CI starts it and sets this variable.
PG_URL = os.environ.get("MEKAR_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _postgres_available() -> bool:
    from sqlalchemy import create_engine, text

    try:
        with create_engine(PG_URL).connect() as conn:
            conn.execute(text("select 1"))
        return True
    except Exception:
        return False


@pytest.fixture(scope="session")
def postgres_ready() -> bool:
    if _postgres_available():
        return True
    if os.environ.get("CI"):
        pytest.fail(f"PostgreSQL is not reachable at {PG_URL}: CI must start it (.ci/run)")
    pytest.skip(f"PostgreSQL is not reachable at {PG_URL}")


@contextmanager
def _warehouse(kind: str, folder: Path, name: str):
    """A fresh, empty warehouse: a SQLite file, or a schema on the PostgreSQL server."""
    if kind == "sqlite":
        yield f"sqlite:///{folder / name}.db"
        return
    from sqlalchemy import create_engine, text

    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f"create schema {schema}"))
    try:
        yield f"{PG_URL}?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f"drop schema {schema} cascade"))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def warehouse_url(request, tmp_path) -> str:
    """A fresh warehouse on each database."""
    if request.param == "postgresql":
        request.getfixturevalue("postgres_ready")
    with _warehouse(request.param, tmp_path, "warehouse") as url:
        yield url


@pytest.fixture
def another_warehouse_url(request, warehouse_url, tmp_path) -> str:
    """A second fresh warehouse on the same database as `warehouse_url`."""
    kind = "sqlite" if warehouse_url.startswith("sqlite") else "postgresql"
    with _warehouse(kind, tmp_path, "another") as url:
        yield url


@pytest.fixture(scope="session")
def prefect_harness():
    """One temporary Prefect server for every flow test (it costs seconds to start)."""
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings
    from prefect.testing.utilities import prefect_test_harness

    # The heartbeat thread adds about a second to every flow run; tests do not need it.
    with (
        prefect_test_harness(server_startup_timeout=60),
        temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}),
    ):
        yield
