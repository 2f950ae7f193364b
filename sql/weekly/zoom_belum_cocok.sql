-- Zoom rows of the week's sessions (of the report year) that match no roster ASN, for
-- BKPSDM to review. Parameters: tahun, kunci.
select u.kode_kegiatan, u.baris, u.nama_zoom, u.email, u.menit
from rpt_zoom_unmatched as u
inner join dim_kegiatan_minggu as w on w.kode_kegiatan = u.kode_kegiatan
where w.minggu_tahun * 100 + w.minggu = :kunci and u.tahun = :tahun
