-- One OPD's active ASN with no needs-form response for the year (int_kebutuhan_standing, as
-- loaded now: the form stays open, so this is who to ask today). Parameters: tahun, kode_opd.
select a.nip, a.nama
from fct_compliance as a
left join int_kebutuhan_standing as s on s.tahun = a.tahun and s.nip = a.nip
where a.tahun = :tahun and a.kode_opd = :kode_opd and s.nip is null
