-- grain: tahun, kode_opd
-- depends_on: fct_compliance, int_kebutuhan_standing, stg_kegiatan, stg_opd, stg_pegawai
-- One row per OPD and year: how many active ASN, how many comply, JP, needs responses, and
-- how many have 20 JP of technical development (the IP ASN indicator).
with years as (
    select distinct tahun from stg_kegiatan
),

compliance as (
    select
        tahun,
        kode_opd,
        count(*) as jumlah_asn,
        sum(memenuhi) as jumlah_memenuhi,
        cast(sum(jp) as integer) as total_jp,
        -- IP ASN's Kompetensi counts technical development of at least 20 JP (Peraturan
        -- BKN 8/2019 art. 8), whatever the regency's own target
        sum(case when jp_teknis >= 20 then 1 else 0 end) as jumlah_teknis_20
    from fct_compliance
    group by tahun, kode_opd
),

respondents as (
    select s.tahun, p.kode_opd, count(*) as responden_kebutuhan
    from int_kebutuhan_standing as s
    inner join stg_pegawai as p on p.nip = s.nip
    where p.aktif
    group by s.tahun, p.kode_opd
)

select
    y.tahun,
    o.kode_opd,
    o.nama_opd,
    coalesce(c.jumlah_asn, 0) as jumlah_asn,
    coalesce(c.jumlah_memenuhi, 0) as jumlah_memenuhi,
    -- shares and means as double precision: the same type on SQLite and PostgreSQL
    cast(case when coalesce(c.jumlah_asn, 0) = 0 then 0
        else round(100.0 * c.jumlah_memenuhi / c.jumlah_asn, 1) end as double precision)
        as persen_memenuhi,
    coalesce(c.total_jp, 0) as total_jp,
    cast(case when coalesce(c.jumlah_asn, 0) = 0 then 0
        else round(1.0 * c.total_jp / c.jumlah_asn, 1) end as double precision) as rata_jp,
    coalesce(r.responden_kebutuhan, 0) as responden_kebutuhan,
    cast(case when coalesce(c.jumlah_asn, 0) = 0 then 0
        else round(100.0 * coalesce(r.responden_kebutuhan, 0) / c.jumlah_asn, 1) end
        as double precision) as persen_responden,
    coalesce(c.jumlah_teknis_20, 0) as jumlah_teknis_20,
    cast(case when coalesce(c.jumlah_asn, 0) = 0 then 0
        else round(100.0 * c.jumlah_teknis_20 / c.jumlah_asn, 1) end as double precision)
        as persen_teknis_20
from stg_opd as o
cross join years as y
left join compliance as c on c.tahun = y.tahun and c.kode_opd = o.kode_opd
left join respondents as r on r.tahun = y.tahun and r.kode_opd = o.kode_opd
