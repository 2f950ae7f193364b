-- Near-misses per session of the year, for BKPSDM (see opd_hampir.sql): a session where
-- many stayed just short of the bar may have ended late or had a bar set too high.
-- Parameters: tahun, rasio.
select
    e.kode_kegiatan,
    k.nama_kegiatan,
    k.tanggal,
    count(*) as jumlah,
    max(e.menit_dibutuhkan) as menit_dibutuhkan
from fct_evidence as e
inner join stg_pegawai as p on p.nip = e.nip
inner join stg_kegiatan as k on k.kode_kegiatan = e.kode_kegiatan
where e.tahun = :tahun
    and p.aktif
    and e.alasan = 'kurang_hadir'
    and e.menit_hadir >= :rasio * e.menit_dibutuhkan
group by e.kode_kegiatan, k.nama_kegiatan, k.tanggal
