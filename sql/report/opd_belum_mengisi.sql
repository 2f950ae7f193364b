-- Active ASN of each listed OPD with no needs-form response for the year (whom to ask).
-- Parameters: tahun, kode_opd (a list).
select a.kode_opd, a.nip, a.nama
from fct_compliance as a
left join int_kebutuhan_standing as s on s.tahun = a.tahun and s.nip = a.nip
where a.tahun = :tahun and a.kode_opd in :kode_opd and s.nip is null
