-- The regencies' figures of the report year, ranked (prov_instansi). Parameters: tahun.
select *
from prov_instansi
where tahun = :tahun
order by peringkat, urutan
