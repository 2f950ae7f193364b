-- Near-misses per session of the year, for BKPSDM (rpt_hampir): a session where many stayed
-- just short of the bar may have ended late or had a bar set too high. Parameters: tahun.
select
    kode_kegiatan,
    nama_kegiatan,
    tanggal,
    count(*) as jumlah,
    max(menit_dibutuhkan) as menit_dibutuhkan
from rpt_hampir
where tahun = :tahun
group by kode_kegiatan, nama_kegiatan, tanggal
