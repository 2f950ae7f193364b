-- grain: kode_kegiatan
-- depends_on: stg_kegiatan
-- Sessions for reports: dates as ISO text on every database.
select
    kode_kegiatan,
    nama_kegiatan,
    cast(tanggal as varchar(10)) as tanggal,
    tahun,
    jam_mulai,
    jam_selesai,
    durasi_menit,
    jp,
    jalur,
    bentuk,
    jenis_kompetensi,
    moda,
    narasumber,
    min_kehadiran
from stg_kegiatan
