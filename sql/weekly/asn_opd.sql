-- One OPD's active ASN as of the end of the week: JP of the year up to that week, and JP of
-- that week alone. Pace and who is short are worked out from these in week_data.
-- Correlated sums instead of a join + GROUP BY: grouping by nip made SQLite read the whole
-- year through the (tahun, nip) index instead of this OPD's rows through (tahun, kode_opd)
-- (0.62 s per OPD at S35, 18 minutes for 1,750 OPDs).
select
    a.nip,
    a.nama,
    a.jenis_asn,
    a.jabatan,
    a.target_jp,
    cast(coalesce((
        select sum(m.jp_minggu)
        from agg_asn_minggu as m
        where m.tahun = a.tahun and m.nip = a.nip and m.minggu_tahun * 100 + m.minggu <= :kunci
    ), 0) as integer) as jp,
    cast(coalesce((
        select sum(m.jp_minggu)
        from agg_asn_minggu as m
        where m.tahun = a.tahun and m.nip = a.nip and m.minggu_tahun * 100 + m.minggu = :kunci
    ), 0) as integer) as jp_minggu
from fct_compliance as a
where a.tahun = :tahun and a.kode_opd = :kode_opd
