-- Sessions of the report year still to come after a day (setelah, as ISO text; dim_kegiatan
-- keeps dates as ISO text on every database, so text order is date order): what the
-- catalog can still give (mekar.report.risk) and what is coming next (the "Langkah minggu
-- ini" section). Parameters: tahun, setelah.
select
    kode_kegiatan,
    nama_kegiatan,
    tanggal,
    jam_mulai,
    jam_selesai,
    jp,
    jenis_kompetensi,
    bentuk,
    moda,
    narasumber
from dim_kegiatan
where tahun = :tahun and tanggal > :setelah
