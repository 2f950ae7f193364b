-- How many NIPs are active in more than one regency's roster in the year. Parameters: tahun.
select count(distinct nip) as jumlah
from prov_nip_ganda
where tahun = :tahun
