"""Sources that failed on the last run, for the reports' warning

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "source_failure",
        sa.Column("sumber", sa.String(length=64), nullable=False),
        sa.Column("worksheet", sa.Text(), nullable=False),
        sa.Column("pesan", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("sumber", "worksheet"),
    )


def downgrade() -> None:
    op.drop_table("source_failure")
