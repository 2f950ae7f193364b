"""Cells people type (OPD codes, session codes, checkbox answers) as Text

A length limit made PostgreSQL abort the whole load for one long cell.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

COLUMNS = [
    ("src_opd", "kode_opd", sa.String(64)),
    ("src_pegawai", "kode_opd", sa.String(64)),
    ("src_kebutuhan", "kode_opd_tertulis", sa.String(64)),
    ("src_kebutuhan_pilihan", "nilai", sa.String(255)),
    ("src_kegiatan", "kode_kegiatan", sa.String(64)),
    ("src_daftar_hadir", "kode_kegiatan", sa.String(64)),
    ("src_zoom", "kode_kegiatan", sa.String(64)),
]


def upgrade() -> None:
    for table, column, old_type in COLUMNS:
        with op.batch_alter_table(table) as batch:
            batch.alter_column(column, type_=sa.Text(), existing_type=old_type)


def downgrade() -> None:
    for table, column, old_type in COLUMNS:
        with op.batch_alter_table(table) as batch:
            batch.alter_column(column, type_=old_type, existing_type=sa.Text())
