-- How many active ASN of each listed OPD earned each JP total in the year (no JP counts as
-- 0), for the OPD page's JP histogram. Parameters: tahun, kode_opd (a list).
select kode_opd, coalesce(jp, 0) as jp, count(*) as jumlah
from fct_compliance
where tahun = :tahun and kode_opd in :kode_opd
group by kode_opd, coalesce(jp, 0)
