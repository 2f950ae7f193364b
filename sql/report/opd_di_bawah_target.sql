-- Active ASN of each listed OPD below their target in the year, with the JP still needed
-- (fct_compliance.kurang_jp). Parameters: tahun, kode_opd (a list).
select kode_opd, nip, nama, jenis_asn, jabatan, jp, kurang_jp, jp_mandiri, sesi_dikoreksi
from fct_compliance
where tahun = :tahun and kode_opd in :kode_opd and memenuhi = 0
