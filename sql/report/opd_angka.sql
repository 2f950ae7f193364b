-- The figures of every OPD in the report year, as agg_opd has them; the OPD page shows these
-- columns (all "–" for an OPD without a row). Parameters: tahun.
select
    kode_opd,
    jumlah_asn,
    jumlah_memenuhi,
    persen_memenuhi,
    total_jp,
    rata_jp,
    responden_kebutuhan,
    persen_responden,
    jumlah_teknis_20,
    persen_teknis_20
from agg_opd
where tahun = :tahun
