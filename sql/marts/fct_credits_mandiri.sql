-- grain: nip
-- depends_on: fct_credits, int_pengembangan_standing, stg_kegiatan
-- index: tahun, nip
-- One row per accepted outside-learning report that earns JP (rule 10), in the year of its
-- Tanggal Selesai. A report naming a catalog session (case and spaces folded) whose dates
-- include that session's Tanggal adds nothing for an ASN already credited for it: the same
-- learning counts once. Keyed by NIP alone: a report spanning New Year is checked against
-- sessions of either year.
select
    r.tahun,
    r.nip,
    r.kode_laporan,
    r.jp,
    r.nama_kegiatan,
    r.penyelenggara,
    r.jenis_kompetensi,
    r.jalur,
    r.tanggal_mulai,
    r.tanggal_selesai,
    r.minggu_tahun,
    r.minggu
from int_pengembangan_standing as r
where r.status = 'diterima'
    and not exists (
        select 1
        from fct_credits as c
        inner join stg_kegiatan as k on k.kode_kegiatan = c.kode_kegiatan
        where c.nip = r.nip
            and k.nama_kunci = r.nama_kunci
            and k.tanggal between r.tanggal_mulai and r.tanggal_selesai
    )
