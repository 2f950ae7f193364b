"""Delivery log of the weekly emails (exactly once per week, report and recipient)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "delivery_log",
        sa.Column("periode", sa.String(length=16), nullable=False),
        sa.Column("laporan", sa.Text(), nullable=False),
        sa.Column("penerima", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("message_id", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("pesan", sa.Text(), nullable=True),
        sa.Column("waktu", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("periode", "laporan", "penerima"),
    )


def downgrade() -> None:
    op.drop_table("delivery_log")
