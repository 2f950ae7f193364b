-- Near-misses of the listed OPDs' active ASN in the year: a matched Zoom presence of at
-- least `rasio` of what the session's bar asks, below the bar, and no other evidence that
-- credited it (fct_evidence). Whom to remind to stay to the end. Parameters: tahun,
-- kode_opd (a list), rasio.
select
    p.kode_opd,
    e.nip,
    p.nama,
    e.kode_kegiatan,
    k.nama_kegiatan,
    k.tanggal,
    e.menit_hadir,
    e.menit_dibutuhkan
from fct_evidence as e
inner join stg_pegawai as p on p.nip = e.nip
inner join stg_kegiatan as k on k.kode_kegiatan = e.kode_kegiatan
where e.tahun = :tahun
    and p.kode_opd in :kode_opd
    and p.aktif
    and e.alasan = 'kurang_hadir'
    and e.menit_hadir >= :rasio * e.menit_dibutuhkan
