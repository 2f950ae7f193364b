-- grain: tahun, nip
-- depends_on: dim_kegiatan_minggu, fct_compliance, fct_credits, fct_credits_mandiri
-- index: tahun, nip
-- One row per active roster ASN (fct_compliance) and ISO week in which they earned JP: the
-- week's JP and the year's running total up to and including that week, for the weekly
-- email. The running total restarts with each tahun (rule 5: JP of one year never counts
-- for another), so a session on 2021-01-01 (week 53 of 2020) opens 2021's total.
-- baru_memenuhi is the one home of "newly at target": 1 in the week the running total
-- reaches the target (before the week < target_jp <= after it); agg_opd_minggu sums it.
-- Accepted outside learning counts in the week of its Tanggal Selesai (rule 10).
with credited as (
    select c.tahun, m.minggu_tahun, m.minggu, c.nip, c.jp, 0 as jp_mandiri
    from fct_credits as c
    inner join dim_kegiatan_minggu as m on m.kode_kegiatan = c.kode_kegiatan
    union all
    select tahun, minggu_tahun, minggu, nip, jp, jp as jp_mandiri
    from fct_credits_mandiri
),

weekly as (
    select
        tahun,
        minggu_tahun,
        minggu,
        nip,
        cast(sum(jp) as integer) as jp_minggu,
        -- of which accepted outside learning: the email says so beside the week's sessions
        cast(sum(jp_mandiri) as integer) as jp_mandiri_minggu
    from credited
    group by tahun, minggu_tahun, minggu, nip
),

running as (
    select
        w.tahun,
        w.minggu_tahun,
        w.minggu,
        w.nip,
        a.kode_opd,
        w.jp_minggu,
        w.jp_mandiri_minggu,
        -- one row per week, so the default frame (up to the current week) is exact
        cast(sum(w.jp_minggu) over (
            partition by w.tahun, w.nip
            order by w.minggu_tahun, w.minggu
        ) as integer) as jp_kumulatif,
        a.target_jp
    from weekly as w
    -- active roster ASN only, with the roster's OPD (rule 6), as in agg_opd
    inner join fct_compliance as a on a.tahun = w.tahun and a.nip = w.nip
)

select
    tahun,
    minggu_tahun,
    minggu,
    nip,
    kode_opd,
    jp_minggu,
    jp_kumulatif,
    case
        when jp_kumulatif - jp_minggu < target_jp and target_jp <= jp_kumulatif then 1
        else 0
    end as baru_memenuhi,
    jp_mandiri_minggu
from running
