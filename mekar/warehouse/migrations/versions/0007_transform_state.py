"""The fingerprint of the last transform (models' SQL and JP targets): a nightly whose load
changed nothing and whose fingerprint is the same skips the transform

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "transform_state",
        sa.Column("jenis", sa.String(length=16), primary_key=True),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("waktu", sa.DateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("transform_state")
