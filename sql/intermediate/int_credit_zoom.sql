-- index: nip, kode_kegiatan
-- Zoom evidence that earns a session's JP: attended >= Min Kehadiran % of its length
-- (rule 4). Compared in seconds: detik * 100 >= pct * menit * 60, exact at the bar.
select
    a.nip,
    a.kode_kegiatan,
    a.detik_hadir
from int_zoom_attendance as a
inner join stg_kegiatan as k on k.kode_kegiatan = a.kode_kegiatan
where a.detik_hadir * 100 >= k.min_kehadiran * k.durasi_menit * 60
