-- Every catalog session of the year with a trace of one ASN (`mekar asn NIP`): the evidence
-- and the decision, as the `evidence` export has them, with the session's name and date.
-- Parameters: nip, tahun.
select
    e.kode_kegiatan,
    k.nama_kegiatan,
    k.tanggal,
    k.jp,
    e.menit_hadir,
    e.menit_dibutuhkan,
    e.daftar_hadir,
    e.koreksi,
    e.koreksi_alasan,
    e.koreksi_oleh,
    e.dikreditkan,
    e.dikoreksi,
    e.alasan
from fct_evidence as e
inner join stg_kegiatan as k on k.kode_kegiatan = e.kode_kegiatan
where e.nip = :nip and e.tahun = :tahun
