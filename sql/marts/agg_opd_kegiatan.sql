-- grain: kode_kegiatan
-- depends_on: fct_credits, stg_kegiatan, stg_pegawai
-- Sessions that each OPD's ASN were credited for, with how many of them.
select
    c.tahun,
    p.kode_opd,
    c.kode_kegiatan,
    k.nama_kegiatan,
    cast(k.tanggal as varchar(10)) as tanggal,
    k.jp,
    count(*) as peserta
from fct_credits as c
inner join stg_pegawai as p on p.nip = c.nip
inner join stg_kegiatan as k on k.kode_kegiatan = c.kode_kegiatan
group by c.tahun, p.kode_opd, c.kode_kegiatan, k.nama_kegiatan, k.tanggal, k.jp
