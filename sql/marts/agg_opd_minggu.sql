-- grain: tahun, kode_opd
-- depends_on: agg_asn_minggu, dim_kegiatan_minggu, stg_opd
-- One row per OPD and ISO week that has a session in the year: JP its active ASN earned
-- that week and how many of them reached their target that week (agg_asn_minggu's
-- baru_memenuhi). Every OPD gets every such week, with zeros, so the weekly
-- email can say "nothing this week"; over a year asn_baru_memenuhi adds up to agg_opd's
-- jumlah_memenuhi (for targets above 0).
with weeks as (
    select distinct tahun, minggu_tahun, minggu from dim_kegiatan_minggu
),

per_opd as (
    select
        tahun,
        minggu_tahun,
        minggu,
        kode_opd,
        cast(sum(jp_minggu) as integer) as jp_minggu,
        cast(sum(baru_memenuhi) as integer) as asn_baru_memenuhi
    from agg_asn_minggu
    group by tahun, minggu_tahun, minggu, kode_opd
)

select
    w.tahun,
    w.minggu_tahun,
    w.minggu,
    o.kode_opd,
    coalesce(p.jp_minggu, 0) as jp_minggu,
    coalesce(p.asn_baru_memenuhi, 0) as asn_baru_memenuhi
from stg_opd as o
cross join weeks as w
left join per_opd as p
    on p.tahun = w.tahun
    and p.minggu_tahun = w.minggu_tahun
    and p.minggu = w.minggu
    and p.kode_opd = o.kode_opd
