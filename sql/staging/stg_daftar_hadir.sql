-- grain: kode_kegiatan
-- sources: src_daftar_hadir
-- One row per check-in form response.
select
    -- ids
    kode_kegiatan,
    nip,
    -- timestamps
    submitted_at,
    tanggal
from src_daftar_hadir
