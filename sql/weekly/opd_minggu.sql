-- Every OPD as of the end of the week and of the week before: how many active ASN meet
-- their target, how many reached it this very week (agg_opd_minggu.asn_baru_memenuhi), JP
-- earned this week (of it, accepted outside learning) and by how many ASN, and the JP
-- earned before this week (none anywhere: the programme's first week, no rank to compare).
-- Parameters: tahun, kunci.
with asn as (
    select
        a.kode_opd,
        a.nip,
        a.target_jp,
        coalesce(sum(m.jp_minggu), 0) as jp,
        coalesce(sum(
            case when m.minggu_tahun * 100 + m.minggu < :kunci then m.jp_minggu else 0 end
        ), 0) as jp_lalu,
        coalesce(sum(
            case when m.minggu_tahun * 100 + m.minggu = :kunci then m.jp_minggu else 0 end
        ), 0) as jp_minggu,
        coalesce(sum(
            case when m.minggu_tahun * 100 + m.minggu = :kunci then m.jp_mandiri_minggu else 0 end
        ), 0) as jp_mandiri_minggu
    from fct_compliance as a
    left join agg_asn_minggu as m
        on m.tahun = a.tahun
        and m.nip = a.nip
        and m.minggu_tahun * 100 + m.minggu <= :kunci
    where a.tahun = :tahun
    group by a.kode_opd, a.nip, a.target_jp
),

baru as (
    select kode_opd, asn_baru_memenuhi
    from agg_opd_minggu
    where tahun = :tahun and minggu_tahun * 100 + minggu = :kunci
)

select
    o.kode_opd,
    o.nama_opd,
    o.email,
    count(a.nip) as jumlah_asn,
    cast(coalesce(sum(case when a.jp >= a.target_jp then 1 else 0 end), 0) as integer)
        as memenuhi,
    cast(coalesce(sum(case when a.jp_lalu >= a.target_jp then 1 else 0 end), 0) as integer)
        as memenuhi_lalu,
    cast(coalesce(sum(a.jp_minggu), 0) as integer) as jp_minggu,
    cast(coalesce(sum(case when a.jp_minggu > 0 then 1 else 0 end), 0) as integer)
        as asn_ikut_minggu,
    cast(coalesce(b.asn_baru_memenuhi, 0) as integer) as baru_memenuhi,
    cast(coalesce(sum(a.jp_mandiri_minggu), 0) as integer) as jp_mandiri_minggu,
    cast(coalesce(sum(a.jp_lalu), 0) as integer) as jp_lalu
from dim_opd as o
left join asn as a on a.kode_opd = o.kode_opd
-- at most one row per OPD (agg_opd_minggu's grain: year, week, OPD), so it groups as o does
left join baru as b on b.kode_opd = o.kode_opd
group by o.kode_opd, o.nama_opd, o.email, b.asn_baru_memenuhi
