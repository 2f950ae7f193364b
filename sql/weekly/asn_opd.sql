-- One OPD's active ASN as of the end of the week: JP of the year up to that week, JP of that
-- week alone, whether they are at target, the JP they still need (as fct_compliance.kurang_jp
-- says at year end) and whether they reached the target this very week (agg_asn_minggu.baru_memenuhi, which
-- agg_opd_minggu sums), how many of the year's sessions a BKPSDM correction decided, and
-- the date of their last credited session up to that week (this year's or last year's; none:
-- never), which orders equal needs in the list to act on (risk.act_key). Only the pace is
-- worked out in week_data. Parameters: tahun, kode_opd, kunci.
-- Correlated sums instead of a join + GROUP BY: grouping by nip made SQLite read the whole
-- year through the (tahun, nip) index instead of this OPD's rows through (tahun, kode_opd)
-- (0.62 s per OPD at S35, 18 minutes for 1,750 OPDs). The week's own row is one row per ASN
-- at most (agg_asn_minggu's grain), so joining it needs no GROUP BY.
with asn as (
    select
        a.nip,
        a.nama,
        a.jenis_asn,
        a.jabatan,
        a.jenis_jabatan,
        a.target_jp,
        a.sesi_dikoreksi,
        cast(coalesce((
            select sum(m.jp_minggu)
            from agg_asn_minggu as m
            where m.tahun = a.tahun and m.nip = a.nip and m.minggu_tahun * 100 + m.minggu <= :kunci
        ), 0) as integer) as jp,
        cast(coalesce(w.jp_minggu, 0) as integer) as jp_minggu,
        cast(coalesce(w.jp_mandiri_minggu, 0) as integer) as jp_mandiri_minggu,
        coalesce(w.baru_memenuhi, 0) as baru_memenuhi,
        -- two years through the (tahun, nip) index: a session older than that is as good
        -- as none for telling who has gone longest without one
        (
            select max(k.tanggal)
            from fct_credits as c
            inner join dim_kegiatan_minggu as k on k.kode_kegiatan = c.kode_kegiatan
            where c.tahun in (a.tahun - 1, a.tahun) and c.nip = a.nip
                and k.minggu_tahun * 100 + k.minggu <= :kunci
        ) as kegiatan_terakhir
    from fct_compliance as a
    left join agg_asn_minggu as w
        on w.tahun = a.tahun
        and w.nip = a.nip
        and w.minggu_tahun * 100 + w.minggu = :kunci
    where a.tahun = :tahun and a.kode_opd = :kode_opd
)

select
    nip,
    nama,
    jenis_asn,
    jabatan,
    target_jp,
    jp,
    jp_minggu,
    case when jp >= target_jp then 1 else 0 end as memenuhi,
    case when target_jp > jp then target_jp - jp else 0 end as kurang_jp,
    baru_memenuhi,
    sesi_dikoreksi,
    jenis_jabatan,
    jp_mandiri_minggu,
    kegiatan_terakhir
from asn
