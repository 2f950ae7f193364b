-- IP ASN's Kompetensi indicators per OPD and jenis jabatan (Peraturan BKN 8/2019 art. 8):
-- how many active ASN, how many with >= 20 JP of technical development, and how many who
-- attended a diklat kepemimpinan, a diklat fungsional, a seminar/workshop/magang/kursus.
-- The weights (configuration) turn these into the estimated score in mekar.report.ip_asn.
-- Parameters: tahun.
select
    kode_opd,
    jenis_jabatan,
    count(*) as jumlah_asn,
    sum(case when jp_teknis >= 20 then 1 else 0 end) as teknis_20,
    sum(ikut_kepemimpinan) as kepemimpinan,
    sum(ikut_fungsional) as fungsional,
    sum(ikut_seminar) as seminar
from fct_compliance
where tahun = :tahun
group by kode_opd, jenis_jabatan
