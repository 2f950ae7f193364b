-- Every unmatched Zoom name of the year, per session (`mekar export review`): the rows a
-- `cocokkan` correction would name, with their minutes and how many log rows they are.
-- Guests that match nobody are not here (rule 2 drops them; they are counted apart).
-- Parameters: tahun.
select
    kode_kegiatan,
    nama_zoom,
    min(email) as email,
    count(*) as baris_log,
    min(baris) as baris_pertama,
    sum(menit) as menit
from rpt_zoom_unmatched
where tahun = :tahun
group by kode_kegiatan, nama_zoom
