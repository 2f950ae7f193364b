-- Every session of the report year in the catalog, with how many ASN were credited for it
-- (0: not held yet, or no attendance matched), and its competency type (the summary's
-- planning compares it with the needs). Parameters: tahun.
with peserta as (
    select kode_kegiatan, count(*) as peserta
    from fct_credits
    where tahun = :tahun
    group by kode_kegiatan
)

select
    k.kode_kegiatan,
    k.nama_kegiatan,
    k.tanggal,
    k.jam_mulai,
    k.jam_selesai,
    k.jp,
    k.jalur,
    k.bentuk,
    k.moda,
    k.jenis_kompetensi,
    coalesce(p.peserta, 0) as peserta
from dim_kegiatan as k
left join peserta as p on p.kode_kegiatan = k.kode_kegiatan
where k.tahun = :tahun
