-- Standing needs responses of the year whose typed Unit Kerja is not the ASN's roster OPD,
-- counted per OPD and typed name (rpt_unit_kerja). Parameters: tahun.
select kode_opd, unit_kerja_tertulis, kode_opd_tertulis, jumlah
from rpt_unit_kerja
where tahun = :tahun
