-- The first `batas` Zoom rows of the year that match no roster ASN, for BKPSDM to review.
-- Ordered and cut here, not in Python: a province has ~10^5 such rows and the page shows
-- 500. Longest attendance first (a real participant, not a 2-minute device); (kode_kegiatan,
-- baris) identifies a Zoom row, so the order is total. Parameters: tahun, batas.
select kode_kegiatan, baris, nama_zoom, email, menit
from rpt_zoom_unmatched
where tahun = :tahun
order by menit desc, kode_kegiatan, baris, nama_zoom, email
limit :batas
