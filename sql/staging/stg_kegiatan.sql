-- grain: kode_kegiatan
-- sources: src_kegiatan
-- One row per session in the catalog with a valid date, window and JP.
select
    -- ids
    kode_kegiatan,
    -- attributes
    nama_kegiatan,
    nama_kunci,
    jalur,
    bentuk,
    jenis_kompetensi,
    moda,
    narasumber,
    -- numerics
    jp,
    min_kehadiran,
    durasi_menit,
    -- window, in wall seconds (rule 1)
    mulai_s,
    selesai_s,
    -- dates
    tanggal,
    tahun,
    jam_mulai,
    jam_selesai
from src_kegiatan
