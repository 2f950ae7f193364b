"""Refresh log: when the warehouse was last refreshed in full (the weekly run checks it)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "refresh_log",
        sa.Column("jenis", sa.String(length=16), nullable=False),
        sa.Column("waktu", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("jenis"),
    )


def downgrade() -> None:
    op.drop_table("refresh_log")
