-- grain: tahun, kode_opd
-- depends_on: dim_kegiatan, fct_compliance, fct_credits, fct_credits_mandiri
-- One row per OPD, year and month (1-12): how many of its active ASN had reached their
-- target by the end of that month, counting catalog credits in the month of their session
-- and accepted outside learning in the month of its Tanggal Selesai (as the year's total
-- does, rule 10). December's count is fct_compliance's. The monthly trend on the pages.
with bulan (bulan) as (
    values (1), (2), (3), (4), (5), (6), (7), (8), (9), (10), (11), (12)
),

credited as (
    select c.tahun, c.nip, cast(substr(k.tanggal, 6, 2) as integer) as bulan, c.jp
    from fct_credits as c
    inner join dim_kegiatan as k on k.kode_kegiatan = c.kode_kegiatan
    union all
    select tahun, nip, cast(substr(cast(tanggal_selesai as varchar(10)), 6, 2) as integer), jp
    from fct_credits_mandiri
),

monthly as (
    select tahun, nip, bulan, sum(jp) as jp
    from credited
    group by tahun, nip, bulan
),

running as (
    select
        m.tahun,
        m.nip,
        m.bulan,
        sum(m.jp) over (partition by m.tahun, m.nip order by m.bulan) as jp_kumulatif
    from monthly as m
),

reached as (
    -- the month each ASN reached the target (none: not this year)
    select r.tahun, r.nip, min(r.bulan) as bulan
    from running as r
    inner join fct_compliance as a on a.tahun = r.tahun and a.nip = r.nip
    where r.jp_kumulatif >= a.target_jp
    group by r.tahun, r.nip
)

select
    a.tahun,
    a.kode_opd,
    b.bulan,
    count(*) as jumlah_asn,
    sum(case when r.bulan <= b.bulan then 1 else 0 end) as jumlah_memenuhi
from fct_compliance as a
cross join bulan as b
left join reached as r on r.tahun = a.tahun and r.nip = a.nip
group by a.tahun, a.kode_opd, b.bulan
