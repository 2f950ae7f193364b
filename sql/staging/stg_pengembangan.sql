-- grain: tahun, nip
-- sources: src_pengembangan
-- One row per outside-learning report (rule 10), accepted, rejected or waiting; `tahun` is
-- the year of Tanggal Selesai.
select
    -- ids
    nip,
    tahun,
    minggu_tahun,
    minggu,
    baris,
    kode_laporan,
    -- what was learnt, where (SIASN's riwayat diklat fields)
    nama_kegiatan,
    nama_kunci,
    penyelenggara,
    bentuk,
    jalur,
    jenis_kompetensi,
    nomor_sertifikat,
    bukti,
    -- numerics
    jp,
    -- BKPSDM's verdict
    status,
    catatan,
    diperiksa_oleh,
    -- dates
    tanggal_mulai,
    tanggal_selesai,
    submitted_at
from src_pengembangan
