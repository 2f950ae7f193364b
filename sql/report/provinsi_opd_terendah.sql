-- The province's lowest-ranked OPDs of the year, cut at batas rows. Parameters: tahun, batas.
select *
from prov_opd
where tahun = :tahun and peringkat_provinsi is not null
order by peringkat_provinsi desc, instansi, kode_opd
limit :batas
