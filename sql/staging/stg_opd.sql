-- grain: whole
-- sources: src_opd
-- One row per OPD of master/opd.
select
    -- ids
    kode_opd,
    -- attributes
    nama_opd,
    alias,
    email
from src_opd
