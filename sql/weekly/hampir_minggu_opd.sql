-- One OPD's near-misses in the week's sessions (rpt_hampir: at Zoom for at least half of the
-- bar, below it, not credited otherwise): whom to remind to stay to the end next time.
-- Parameters: tahun, kode_opd, kunci.
select h.nip, h.nama, h.kode_kegiatan, h.nama_kegiatan, h.tanggal, h.menit_hadir,
    h.menit_dibutuhkan
from rpt_hampir as h
inner join dim_kegiatan_minggu as w on w.kode_kegiatan = h.kode_kegiatan
where h.tahun = :tahun and h.kode_opd = :kode_opd and w.minggu_tahun * 100 + w.minggu = :kunci
