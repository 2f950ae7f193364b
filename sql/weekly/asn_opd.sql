-- One OPD's active ASN as of the end of the week: JP of the year up to that week, and JP of
-- that week alone. Pace and who is short are worked out from these in week_data.
select
    a.nip,
    a.nama,
    a.jenis_asn,
    a.jabatan,
    a.target_jp,
    cast(coalesce(sum(m.jp_minggu), 0) as integer) as jp,
    cast(coalesce(sum(
        case when m.minggu_tahun * 100 + m.minggu = :kunci then m.jp_minggu else 0 end
    ), 0) as integer) as jp_minggu
from fct_compliance as a
left join agg_asn_minggu as m
    on m.tahun = a.tahun
    and m.nip = a.nip
    and m.minggu_tahun * 100 + m.minggu <= :kunci
where a.tahun = :tahun and a.kode_opd = :kode_opd
group by a.nip, a.nama, a.jenis_asn, a.jabatan, a.target_jp
