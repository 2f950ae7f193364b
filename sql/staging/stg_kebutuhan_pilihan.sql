-- grain: whole
-- sources: src_kebutuhan_pilihan
-- One row per checkbox answer of a needs-form response.
select
    nip,
    submitted_at,
    kategori,
    nilai
from src_kebutuhan_pilihan
