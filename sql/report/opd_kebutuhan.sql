-- The needs responses of each listed OPD, counted per category and value (agg_opd_kebutuhan).
-- Parameters: tahun, kode_opd (a list).
select kode_opd, kategori, nilai, jumlah
from agg_opd_kebutuhan
where tahun = :tahun and kode_opd in :kode_opd
