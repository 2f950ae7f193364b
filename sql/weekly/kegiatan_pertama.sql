-- The date of the year's first session in the catalog (one row, column tanggal; null when
-- the year has no session yet): the weekly pace is counted from it. Parameters: tahun.
select min(tanggal) as tanggal
from dim_kegiatan
where tahun = :tahun
