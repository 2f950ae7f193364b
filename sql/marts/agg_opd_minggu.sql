-- grain: tahun, kode_opd
-- depends_on: agg_asn_minggu, dim_kegiatan_minggu, fct_compliance, stg_opd
-- One row per OPD and ISO week that has a session in the year: JP its active ASN earned
-- that week and how many of them reached their target that week (running total before the
-- week < target_jp <= after it). Every OPD gets every such week, with zeros, so the weekly
-- email can say "nothing this week"; over a year asn_baru_memenuhi adds up to agg_opd's
-- jumlah_memenuhi (for targets above 0).
with weeks as (
    select distinct tahun, minggu_tahun, minggu from dim_kegiatan_minggu
),

asn as (
    select
        m.tahun,
        m.minggu_tahun,
        m.minggu,
        m.kode_opd,
        m.jp_minggu,
        case
            when m.jp_kumulatif - m.jp_minggu < a.target_jp and a.target_jp <= m.jp_kumulatif
                then 1
            else 0
        end as baru_memenuhi
    from agg_asn_minggu as m
    inner join fct_compliance as a on a.tahun = m.tahun and a.nip = m.nip
),

per_opd as (
    select
        tahun,
        minggu_tahun,
        minggu,
        kode_opd,
        cast(sum(jp_minggu) as integer) as jp_minggu,
        cast(sum(baru_memenuhi) as integer) as asn_baru_memenuhi
    from asn
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
