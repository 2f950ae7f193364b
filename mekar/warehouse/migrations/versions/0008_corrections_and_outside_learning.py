"""Corrections (kegiatan/koreksi) and outside learning (pengembangan); names as written
beside the folded ones (rule 2c refined) and the catalog's folded session names (rule 10)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Existing rows get the new columns on the next nightly: the validation code changed,
    # so every worksheet is read again (mekar.validate.all_sources.fingerprint).
    with op.batch_alter_table("src_pegawai") as batch:
        batch.add_column(sa.Column("nama_tertulis", sa.Text(), nullable=True))
    with op.batch_alter_table("src_kegiatan") as batch:
        batch.add_column(sa.Column("nama_kunci", sa.Text(), nullable=True))
    with op.batch_alter_table("src_zoom") as batch:
        batch.add_column(sa.Column("tertulis_tampilan", sa.Text(), nullable=True))
        batch.add_column(sa.Column("tertulis_asli", sa.Text(), nullable=True))
    op.create_table(
        "src_koreksi",
        sa.Column("baris", sa.Integer(), primary_key=True),
        sa.Column("submitted_at", sa.DateTime(), nullable=False),
        sa.Column("jenis", sa.String(length=16), nullable=False),
        sa.Column("kode_kegiatan", sa.Text(), nullable=True),
        sa.Column("nama_zoom", sa.Text(), nullable=True),
        sa.Column("nama_kunci", sa.Text(), nullable=True),
        sa.Column("nip", sa.String(length=18), nullable=False),
        sa.Column("alasan", sa.Text(), nullable=False),
        sa.Column("oleh", sa.Text(), nullable=False),
    )
    op.create_table(
        "src_pengembangan",
        sa.Column("baris", sa.Integer(), primary_key=True),
        sa.Column("submitted_at", sa.DateTime(), nullable=False),
        sa.Column("nip", sa.String(length=18), nullable=False),
        sa.Column("nama", sa.Text(), nullable=True),
        sa.Column("nama_kegiatan", sa.Text(), nullable=False),
        sa.Column("nama_kunci", sa.Text(), nullable=False),
        sa.Column("penyelenggara", sa.Text(), nullable=True),
        sa.Column("bentuk", sa.Text(), nullable=True),
        sa.Column("jalur", sa.Text(), nullable=True),
        sa.Column("jenis_kompetensi", sa.Text(), nullable=True),
        sa.Column("tanggal_mulai", sa.Date(), nullable=False),
        sa.Column("tanggal_selesai", sa.Date(), nullable=False),
        sa.Column("tahun", sa.Integer(), nullable=False),
        sa.Column("minggu_tahun", sa.Integer(), nullable=False),
        sa.Column("minggu", sa.Integer(), nullable=False),
        sa.Column("jp", sa.Integer(), nullable=False),
        sa.Column("nomor_sertifikat", sa.Text(), nullable=True),
        sa.Column("bukti", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("catatan", sa.Text(), nullable=True),
        sa.Column("diperiksa_oleh", sa.Text(), nullable=True),
        sa.Column("kode_laporan", sa.Text(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("src_pengembangan")
    op.drop_table("src_koreksi")
    with op.batch_alter_table("src_zoom") as batch:
        batch.drop_column("tertulis_asli")
        batch.drop_column("tertulis_tampilan")
    with op.batch_alter_table("src_kegiatan") as batch:
        batch.drop_column("nama_kunci")
    with op.batch_alter_table("src_pegawai") as batch:
        batch.drop_column("nama_tertulis")
