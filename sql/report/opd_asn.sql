-- Every active ASN of each listed OPD in the year: JP against target, JP still needed
-- (fct_compliance.kurang_jp), for the page's full list (status, jenis, jabatan filters).
-- Parameters: tahun, kode_opd (a list).
select kode_opd, nip, nama, jenis_asn, jenis_jabatan, jabatan, target_jp, jp, memenuhi,
    kurang_jp, jp_mandiri, sesi_dikoreksi
from fct_compliance
where tahun = :tahun and kode_opd in :kode_opd
