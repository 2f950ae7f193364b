"""Alembic environment: run on the connection mekar hands over (see warehouse/db.py)."""

from alembic import context

from mekar.warehouse.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
