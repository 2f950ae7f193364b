-- grain: kode_kegiatan
-- sources: src_zoom
-- One row per Zoom participant-report row, with the identifiers its name and email carry.
select
    -- ids
    kode_kegiatan,
    row_key,
    baris,
    -- what may identify the person (rule 2)
    nip_tampilan,
    nip_asli,
    email,
    kunci_tampilan,
    kunci_asli,
    tertulis_tampilan,
    tertulis_asli,
    nama_zoom,
    case when guest then 1 else 0 end as guest,
    -- interval, in wall seconds
    join_s,
    leave_s
from src_zoom
