-- grain: whole
-- sources: prov_partisi, prov_src_opd, prov_src_asn, prov_src_kegiatan
-- One row per regency (partition) and year: the regency's own agg_opd summed, so each
-- figure is the one its own pages show; ranked within the province by the share of active
-- ASN at target (ties share a rank).
with opd as (
    select
        instansi,
        tahun,
        count(*) as jumlah_opd,
        cast(sum(jumlah_asn) as integer) as jumlah_asn,
        cast(sum(jumlah_memenuhi) as integer) as jumlah_memenuhi,
        cast(sum(total_jp) as integer) as total_jp,
        cast(sum(responden_kebutuhan) as integer) as responden_kebutuhan,
        cast(sum(jumlah_teknis_20) as integer) as jumlah_teknis_20
    from prov_src_opd
    group by instansi, tahun
),

mandiri as (
    select instansi, tahun, cast(sum(jp_mandiri) as integer) as total_jp_mandiri
    from prov_src_asn
    group by instansi, tahun
),

kegiatan as (
    select instansi, tahun, count(*) as jumlah_kegiatan, cast(sum(jp) as integer) as jp_katalog
    from prov_src_kegiatan
    group by instansi, tahun
),

shares as (
    select
        p.instansi,
        p.nama_instansi,
        p.urutan,
        o.tahun,
        o.jumlah_opd,
        o.jumlah_asn,
        o.jumlah_memenuhi,
        cast(case when o.jumlah_asn = 0 then 0
            else round(100.0 * o.jumlah_memenuhi / o.jumlah_asn, 1) end as double precision)
            as persen_memenuhi,
        o.total_jp,
        cast(case when o.jumlah_asn = 0 then 0
            else round(1.0 * o.total_jp / o.jumlah_asn, 1) end as double precision) as rata_jp,
        coalesce(m.total_jp_mandiri, 0) as total_jp_mandiri,
        o.responden_kebutuhan,
        cast(case when o.jumlah_asn = 0 then 0
            else round(100.0 * o.responden_kebutuhan / o.jumlah_asn, 1) end as double precision)
            as persen_responden,
        o.jumlah_teknis_20,
        coalesce(k.jumlah_kegiatan, 0) as jumlah_kegiatan,
        coalesce(k.jp_katalog, 0) as jp_katalog
    from prov_partisi as p
    inner join opd as o on o.instansi = p.instansi
    left join mandiri as m on m.instansi = o.instansi and m.tahun = o.tahun
    left join kegiatan as k on k.instansi = o.instansi and k.tahun = o.tahun
)

select
    *,
    rank() over (partition by tahun order by persen_memenuhi desc) as peringkat
from shares
