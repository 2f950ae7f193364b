-- grain: kode_kegiatan
-- sources: src_koreksi
-- One row per credit correction of kegiatan/koreksi (rule 9): `beri` credits a session's
-- JP to a NIP whatever the minutes, `cabut` withdraws it whatever the evidence.
select
    -- ids
    kode_kegiatan,
    nip,
    baris,
    -- what was decided, by whom and why
    jenis,
    alasan,
    oleh,
    -- timestamps
    submitted_at
from src_koreksi
where jenis in ('beri', 'cabut')
