-- Sessions of the report year held in the week (a week across New Year holds days of two
-- years; each session counts for its own year, rule 1), with the ASN credited for each (its
-- unmatched Zoom names are counted in week_data, where host accounts are told apart).
-- Parameters: tahun, kunci.
with peserta as (
    select kode_kegiatan, count(*) as peserta
    from fct_credits
    group by kode_kegiatan
)

select
    k.kode_kegiatan,
    k.nama_kegiatan,
    k.tanggal,
    k.jam_mulai,
    k.jp,
    k.jenis_kompetensi,
    k.moda,
    coalesce(p.peserta, 0) as peserta
from dim_kegiatan as k
inner join dim_kegiatan_minggu as w on w.kode_kegiatan = k.kode_kegiatan
left join peserta as p on p.kode_kegiatan = k.kode_kegiatan
where w.minggu_tahun * 100 + w.minggu = :kunci and k.tahun = :tahun
