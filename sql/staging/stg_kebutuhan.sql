-- grain: tahun
-- sources: src_kebutuhan
-- One row per needs-form response (all of them; superseded ones are filtered later).
select
    -- ids
    nip,
    baris,
    -- attributes
    unit_kerja,
    kode_opd_tertulis,
    topik,
    -- timestamps
    submitted_at,
    tahun
from src_kebutuhan
