-- grain: nip
-- depends_on: fct_credits, int_pengembangan_standing, stg_kegiatan
-- index: tahun, nip
-- One row per accepted outside-learning report that earns JP (rule 10), in the year of its
-- Tanggal Selesai. A report naming a catalog session (case and spaces folded) whose dates
-- include that session's Tanggal adds nothing for an ASN already credited for it: the same
-- learning counts once. Keyed by NIP alone: a report spanning New Year is checked against
-- sessions of either year.
with repeated as (
    -- accepted reports naming a catalog session held within their dates, for which the ASN
    -- was credited: a join, not a correlated NOT EXISTS (that scanned fct_credits per report)
    select distinct r.nip, r.kode_laporan
    from int_pengembangan_standing as r
    inner join stg_kegiatan as k
        on k.nama_kunci = r.nama_kunci
        and k.tanggal between r.tanggal_mulai and r.tanggal_selesai
    inner join fct_credits as c
        on c.tahun = k.tahun and c.nip = r.nip and c.kode_kegiatan = k.kode_kegiatan
    where r.status = 'diterima'
)

select
    r.tahun,
    r.nip,
    r.kode_laporan,
    r.jp,
    r.nama_kegiatan,
    r.penyelenggara,
    r.jenis_kompetensi,
    r.jalur,
    r.bentuk,
    r.tanggal_mulai,
    r.tanggal_selesai,
    r.minggu_tahun,
    r.minggu
from int_pengembangan_standing as r
left join repeated as x on x.nip = r.nip and x.kode_laporan = r.kode_laporan
where r.status = 'diterima' and x.nip is null
