-- Every active ASN of each listed OPD in the year: JP against target, JP still needed
-- (fct_compliance.kurang_jp), for the page's full list (status, jenis, jabatan filters), and
-- the date of their last credited session (this year's or last year's; none: never), which
-- orders equal needs in the list to act on as the weekly email does (risk.act_key).
-- Parameters: tahun, kode_opd (a list).
select a.kode_opd, a.nip, a.nama, a.jenis_asn, a.jenis_jabatan, a.jabatan, a.target_jp, a.jp,
    a.memenuhi, a.kurang_jp, a.jp_mandiri, a.sesi_dikoreksi,
    (
        -- two years through fct_credits' (tahun, nip) index, as sql/weekly/asn_opd.sql
        select max(k.tanggal)
        from fct_credits as c
        inner join dim_kegiatan as k on k.kode_kegiatan = c.kode_kegiatan
        where c.tahun in (a.tahun - 1, a.tahun) and c.nip = a.nip
    ) as kegiatan_terakhir
from fct_compliance as a
where a.tahun = :tahun and a.kode_opd in :kode_opd
