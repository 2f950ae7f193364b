-- Near-misses of the listed OPDs (rpt_hampir, ranked there): per OPD the `batas` closest to
-- the bar, with how many there are in all (`jumlah_opd`). Parameters: tahun, kode_opd (a
-- list), batas.
select
    kode_opd,
    nip,
    nama,
    kode_kegiatan,
    nama_kegiatan,
    tanggal,
    menit_hadir,
    menit_dibutuhkan,
    jumlah_opd
from rpt_hampir
where tahun = :tahun and kode_opd in :kode_opd and urutan <= :batas
