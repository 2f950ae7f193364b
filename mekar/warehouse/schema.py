"""Tables that the load stage writes. Marts are built by the SQL in `sql/`, not here.

Every source table has the natural key of DESIGN.md, so reloading the same rows finds them
again and changes nothing. `baris` is the sheet row the data came from.
"""

# Cells people type (codes, checkbox answers) are Text: a length limit would abort the whole
# load on PostgreSQL for one long cell (migration 0002).
from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

src_opd = Table(
    "src_opd",
    metadata,
    Column("kode_opd", Text, primary_key=True),
    Column("nama_opd", Text, nullable=False),
    Column("alias", Text),
    Column("email", Text),
    Column("baris", Integer, nullable=False),
)

src_pegawai = Table(
    "src_pegawai",
    metadata,
    Column("nip", String(18), primary_key=True),
    Column("nama", Text, nullable=False),
    Column("nama_kunci", Text, nullable=False),  # folded name for matching (rule 2c)
    Column("nama_tertulis", Text),  # the name as written, case and spaces folded (rule 2c)
    Column("jenis_asn", String(8), nullable=False),
    Column("kode_opd", Text, nullable=False),
    Column("jabatan", Text),
    Column("jenis_jabatan", Text),
    Column("golongan", Text),
    Column("aktif", Boolean, nullable=False),
    Column("email", Text),
    Column("baris", Integer, nullable=False),
)

src_kebutuhan = Table(
    "src_kebutuhan",
    metadata,
    Column("nip", String(18), primary_key=True),
    Column("submitted_at", DateTime, primary_key=True),
    Column("tahun", Integer, nullable=False),
    Column("nama", Text),
    Column("unit_kerja", Text),
    Column("kode_opd_tertulis", Text),  # the OPD the form names, for mismatch review
    Column("jenis_kompetensi", Text),
    Column("topik", Text),
    Column("jalur", Text),
    Column("model", Text),
    Column("email", Text),
    Column("baris", Integer, nullable=False),
)

src_kebutuhan_pilihan = Table(
    "src_kebutuhan_pilihan",
    metadata,
    Column("nip", String(18), primary_key=True),
    Column("submitted_at", DateTime, primary_key=True),
    Column("kategori", String(32), primary_key=True),  # jenis_kompetensi | jalur | model
    Column("nilai", Text, primary_key=True),
)

src_kegiatan = Table(
    "src_kegiatan",
    metadata,
    Column("kode_kegiatan", Text, primary_key=True),
    Column("nama_kegiatan", Text, nullable=False),
    # case and spaces folded: an outside-learning report naming this session (rule 10)
    Column("nama_kunci", Text),
    Column("tanggal", Date, nullable=False),
    Column("tahun", Integer, nullable=False),
    Column("jam_mulai", String(5), nullable=False),
    Column("jam_selesai", String(5), nullable=False),
    Column("mulai_s", BigInteger, nullable=False),  # window in wall seconds (timeparse.py)
    Column("selesai_s", BigInteger, nullable=False),
    Column("durasi_menit", Integer, nullable=False),
    Column("jp", Integer, nullable=False),
    Column("jalur", Text),
    Column("bentuk", Text),
    Column("jenis_kompetensi", Text),
    Column("moda", Text),
    Column("narasumber", Text),
    Column("min_kehadiran", Float, nullable=False),
    Column("baris", Integer, nullable=False),
)

src_daftar_hadir = Table(
    "src_daftar_hadir",
    metadata,
    Column("kode_kegiatan", Text, primary_key=True),
    Column("nip", String(18), primary_key=True),
    Column("submitted_at", DateTime, primary_key=True),
    Column("tanggal", Date, nullable=False),
    Column("nama", Text),
    Column("unit_kerja", Text),
    Column("baris", Integer, nullable=False),
)

src_zoom = Table(
    "src_zoom",
    metadata,
    Column("kode_kegiatan", Text, primary_key=True),
    Column("row_key", String(40), primary_key=True),
    Column("baris", Integer, nullable=False),
    Column("nama_zoom", Text),
    Column("email", Text),
    Column("join_at", DateTime, nullable=False),
    Column("leave_at", DateTime, nullable=False),
    Column("join_s", BigInteger, nullable=False),
    Column("leave_s", BigInteger, nullable=False),
    Column("guest", Boolean, nullable=False),
    Column("nip_tampilan", String(18)),  # NIP written in the display name
    Column("nip_asli", String(18)),  # NIP written in the original name
    Column("kunci_tampilan", Text),  # folded display name
    Column("kunci_asli", Text),  # folded original name
    Column("tertulis_tampilan", Text),  # display name as written, case and spaces folded
    Column("tertulis_asli", Text),  # original name as written, case and spaces folded
)

# kegiatan/koreksi: what BKPSDM decided, beside the raw data (rule 9). A row per sheet row:
# corrections have no natural key of their own (the same decision may be written twice).
src_koreksi = Table(
    "src_koreksi",
    metadata,
    Column("baris", Integer, primary_key=True),
    Column("submitted_at", DateTime, nullable=False),
    Column("jenis", String(16), nullable=False),  # cocokkan | beri | cabut
    Column("kode_kegiatan", Text),  # empty for a cocokkan that holds in every session
    Column("nama_zoom", Text),  # cocokkan: the Zoom name as it stands in the log
    Column("nama_kunci", Text),  # that name, case and spaces folded (rule 2c)
    Column("nip", String(18), nullable=False),
    Column("alasan", Text, nullable=False),
    Column("oleh", Text, nullable=False),
)

# pengembangan: learning an ASN reports from outside the catalog, with BKPSDM's verdict
# (rule 10). A row per sheet row: the same certificate may be reported twice.
src_pengembangan = Table(
    "src_pengembangan",
    metadata,
    Column("baris", Integer, primary_key=True),
    Column("submitted_at", DateTime, nullable=False),
    Column("nip", String(18), nullable=False),
    Column("nama", Text),
    Column("nama_kegiatan", Text, nullable=False),
    Column("nama_kunci", Text, nullable=False),  # case and spaces folded
    Column("penyelenggara", Text),
    Column("bentuk", Text),
    Column("jalur", Text),
    Column("jenis_kompetensi", Text),
    Column("tanggal_mulai", Date, nullable=False),
    Column("tanggal_selesai", Date, nullable=False),
    Column("tahun", Integer, nullable=False),  # the year of Tanggal Selesai
    # the ISO week of Tanggal Selesai (the weekly email counts the JP in that week)
    Column("minggu_tahun", Integer, nullable=False),
    Column("minggu", Integer, nullable=False),
    Column("jp", Integer, nullable=False),
    Column("nomor_sertifikat", Text),
    Column("bukti", Text),
    Column("status", String(16), nullable=False),  # diterima | ditolak | menunggu
    Column("catatan", Text),
    Column("diperiksa_oleh", Text),
    # the credit's code in the exports: MANDIRI-<Nomor Sertifikat>, or MANDIRI-R<row>
    Column("kode_laporan", Text, nullable=False),
)

quarantine = Table(
    "quarantine",
    metadata,
    Column("sumber", String(64), primary_key=True),
    Column("worksheet", String(255), primary_key=True),
    Column("baris", Integer, primary_key=True),
    Column("alasan", String(64), nullable=False),
    Column("pesan", Text, nullable=False),
    Column("data", Text, nullable=False),
    Column("kolom", String(255)),  # the sheet column a person should look at
)

source_state = Table(
    "source_state",
    metadata,
    Column("sumber", String(64), primary_key=True),
    Column("worksheet", String(255), primary_key=True),
    Column("kind", String(32), nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("baris_dimuat", Integer, nullable=False),
    Column("baris_karantina", Integer, nullable=False),
)

cfg_target = Table(
    "cfg_target",
    metadata,
    Column("tahun", Integer, primary_key=True),
    Column("jenis_asn", String(8), primary_key=True),
    Column("target_jp", Integer, nullable=False),
)

# The sources that failed on the last run (replaced by every load): reports warn that the
# warehouse still holds older data for them.
source_failure = Table(
    "source_failure",
    metadata,
    Column("sumber", String(64), primary_key=True),
    Column("worksheet", Text, primary_key=True),  # "" when the whole spreadsheet failed
    Column("pesan", Text, nullable=False),
)

# Every weekly email: sent once per (period, report, recipient). A changed report goes again
# only when asked (--resend); a failed send is tried again by the next run.
delivery_log = Table(
    "delivery_log",
    metadata,
    Column("periode", String(16), primary_key=True),  # ISO week, e.g. 2023-W28
    Column("laporan", Text, primary_key=True),  # "opd:DINKES" or "bkpsdm"
    Column("penerima", Text, primary_key=True),  # email address, lower case
    Column("content_hash", String(64), nullable=False),
    Column("message_id", Text, nullable=False),
    Column("status", String(16), nullable=False),  # mengirim | terkirim | gagal | batal
    Column("pesan", Text),  # why a send failed
    Column("waktu", DateTime, nullable=False),
)

# When the warehouse was last refreshed in full (UTC), written in the same transaction as
# the load and transform: the weekly run refreshes first when this is older than the last
# nightly slot.
refresh_log = Table(
    "refresh_log",
    metadata,
    Column("jenis", String(16), primary_key=True),  # "nightly"
    Column("waktu", DateTime, nullable=False),
)

# What the marts were last built from, besides the source rows: the models' SQL and the JP
# targets (a digest). A nightly whose load changed no row and whose digest is the same has
# nothing to recompute (mekar.transform.models.transform_is_current).
transform_state = Table(
    "transform_state",
    metadata,
    Column("jenis", String(16), primary_key=True),  # "models"
    Column("fingerprint", String(64), nullable=False),
    Column("waktu", DateTime, nullable=False),
)
