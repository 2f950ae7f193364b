-- The regency's needs for planning: how many active ASN asked for each competency type and
-- each typed topic (agg_opd_kebutuhan summed over the OPDs). Topics are folded by case in
-- Python (mekar.report.year_plan), where the shown spelling is picked the same way on
-- SQLite and PostgreSQL. Parameters: tahun.
select kategori, nilai, sum(jumlah) as peminat
from agg_opd_kebutuhan
where tahun = :tahun and kategori in ('jenis_kompetensi', 'topik')
group by kategori, nilai
