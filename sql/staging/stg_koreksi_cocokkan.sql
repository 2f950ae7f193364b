-- grain: whole
-- sources: src_koreksi
-- One row per name correction of kegiatan/koreksi (rule 9): the Zoom rows under a name,
-- folded as written, belong to a NIP. `kode_sasaran` is the session it holds in, empty for
-- every session: a correction for every session belongs to no one session's rows, so it is
-- not keyed by kode_kegiatan (partial rebuilds read it whole).
select
    -- ids
    kode_kegiatan as kode_sasaran,
    nama_kunci,
    nip,
    baris,
    -- why and by whom
    alasan,
    oleh,
    -- timestamps
    submitted_at
from src_koreksi
where jenis = 'cocokkan'
