-- NIPs active in more than one regency's roster in the year, cut at batas rows.
-- Parameters: tahun, batas.
select nip, instansi, kode_opd, jp
from prov_nip_ganda
where tahun = :tahun
order by nip, instansi
limit :batas
