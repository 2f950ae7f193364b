-- The sessions of the year in which ASN of each listed OPD were credited, and how many of
-- them. Parameters: tahun, kode_opd (a list).
select kode_opd, kode_kegiatan, nama_kegiatan, tanggal, jp, peserta
from agg_opd_kegiatan
where tahun = :tahun and kode_opd in :kode_opd
