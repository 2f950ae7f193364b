-- grain: tahun, kode_opd
-- depends_on: int_kebutuhan_standing, stg_pegawai
-- Standing needs responses whose typed Unit Kerja is not the ASN's roster OPD (rule 6: the
-- roster decides, but BKPSDM wants to see the mismatch). kode_opd_tertulis is null when the
-- typed name matches no OPD code, name or alias.
select
    s.tahun,
    p.kode_opd,
    s.unit_kerja as unit_kerja_tertulis,
    s.kode_opd_tertulis,
    count(*) as jumlah
from int_kebutuhan_standing as s
inner join stg_pegawai as p on p.nip = s.nip
where p.aktif and (s.kode_opd_tertulis is null or s.kode_opd_tertulis <> p.kode_opd)
group by s.tahun, p.kode_opd, s.unit_kerja, s.kode_opd_tertulis
