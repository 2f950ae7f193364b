-- How many of one OPD's active ASN were credited for each session of the week and year.
-- Parameters: tahun, kode_opd, kunci.
select c.kode_kegiatan, count(*) as peserta_opd
from fct_credits as c
inner join fct_compliance as a on a.tahun = c.tahun and a.nip = c.nip
inner join dim_kegiatan_minggu as w on w.kode_kegiatan = c.kode_kegiatan
where c.tahun = :tahun and a.kode_opd = :kode_opd and w.minggu_tahun * 100 + w.minggu = :kunci
group by c.kode_kegiatan
