-- The province's best-ranked OPDs of the year, cut at batas rows. Parameters: tahun, batas.
select *
from prov_opd
where tahun = :tahun and peringkat_provinsi is not null
order by peringkat_provinsi, instansi, kode_opd
limit :batas
