-- grain: kode_kegiatan
-- depends_on: int_zoom_attendance, stg_kegiatan
-- index: nip, kode_kegiatan
-- Zoom evidence that earns a session's JP: attended >= Min Kehadiran % of its length
-- (rule 4). Compared in whole numbers, exact at the bar: the percent in tenths
-- (64,4 % -> 644), so seconds * 1000 >= tenths * minutes * 60.
select
    a.nip,
    a.kode_kegiatan,
    a.detik_hadir
from int_zoom_attendance as a
inner join stg_kegiatan as k on k.kode_kegiatan = a.kode_kegiatan
where a.detik_hadir * 1000
    >= cast(round(k.min_kehadiran * 10) as bigint) * k.durasi_menit * 60
