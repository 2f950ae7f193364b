-- grain: whole
-- sources: prov_partisi, prov_src_opd
-- One row per OPD of every regency and year, keyed by (instansi, kode_opd): an OPD code
-- is a regency's own (DISDIKBUD is in every one), so it never stands alone here. Ranked
-- across the province by the share at target as shown (ties share a rank); OPDs without
-- active ASN are not ranked.
with shares as (
    select
        o.instansi,
        p.nama_instansi,
        o.tahun,
        o.kode_opd,
        o.nama_opd,
        o.jumlah_asn,
        o.jumlah_memenuhi,
        cast(case when o.jumlah_asn = 0 then 0
            else round(100.0 * o.jumlah_memenuhi / o.jumlah_asn, 1) end as double precision)
            as persen_memenuhi,
        cast(case when o.jumlah_asn = 0 then 0
            else round(1.0 * o.total_jp / o.jumlah_asn, 1) end as double precision) as rata_jp,
        case when o.jumlah_asn = 0 then 0 else 1 end as berperingkat
    from prov_src_opd as o
    inner join prov_partisi as p on p.instansi = o.instansi
)

select
    instansi,
    nama_instansi,
    tahun,
    kode_opd,
    nama_opd,
    jumlah_asn,
    jumlah_memenuhi,
    persen_memenuhi,
    rata_jp,
    case when berperingkat = 1 then rank() over (
        partition by tahun, berperingkat order by persen_memenuhi desc
    ) end as peringkat_provinsi
from shares
