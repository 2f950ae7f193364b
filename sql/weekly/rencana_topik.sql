-- The topics the regency's active ASN typed in their needs responses, folded by case and
-- outer spaces (as agg_opd_kebutuhan counts them per OPD), with how many asked. Which
-- catalog sessions cover a topic is matched in week_data (word by word). Parameters: tahun.
select min(nilai) as topik, sum(jumlah) as peminat
from agg_opd_kebutuhan
where tahun = :tahun and kategori = 'topik'
group by lower(nilai)
