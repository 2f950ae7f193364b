-- Each OPD's ASN at target by the end of each month of the year (agg_opd_bulan), for the
-- monthly trend of the OPD pages and, summed, of the regency. Parameters: tahun.
select kode_opd, bulan, jumlah_asn, jumlah_memenuhi
from agg_opd_bulan
where tahun = :tahun
