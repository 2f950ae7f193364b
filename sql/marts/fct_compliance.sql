-- grain: tahun, nip
-- depends_on: fct_credits, fct_credits_mandiri, fct_evidence, stg_kegiatan, stg_pegawai
-- sources: cfg_target
-- index: tahun, kode_opd
-- index: tahun, nip
-- One row per active roster ASN and year with sessions: JP earned that year against the
-- target (rule 5), catalog sessions and accepted outside learning (rule 10) together and
-- apart. JP of one year never counts for another. `sesi_dikoreksi`: sessions whose credit a
-- BKPSDM correction decided, so a page showing the number can say so.
with years as (
    select distinct tahun from stg_kegiatan
),

credited as (
    -- `teknis`: technical development, what IP ASN's Kompetensi counts (DOMAIN.md)
    select
        c.tahun,
        c.nip,
        c.jp,
        1 as kegiatan,
        case when lower(k.jenis_kompetensi) = 'teknis' then 1 else 0 end as teknis,
        lower(k.bentuk) as bentuk
    from fct_credits as c
    inner join stg_kegiatan as k on k.kode_kegiatan = c.kode_kegiatan
    union all
    select
        tahun,
        nip,
        jp,
        0 as kegiatan,
        case when lower(jenis_kompetensi) = 'teknis' then 1 else 0 end as teknis,
        lower(bentuk) as bentuk
    from fct_credits_mandiri
),

earned as (
    select
        tahun,
        nip,
        cast(sum(jp) as integer) as jp,
        cast(sum(case when kegiatan = 1 then jp else 0 end) as integer) as jp_kegiatan,
        cast(sum(case when kegiatan = 0 then jp else 0 end) as integer) as jp_mandiri,
        cast(sum(case when teknis = 1 then jp else 0 end) as integer) as jp_teknis,
        -- IP ASN's other Kompetensi indicators, read from the form of development (Bentuk,
        -- DOMAIN.md's paths): a diklat kepemimpinan, a diklat fungsional, and seminar,
        -- workshop, magang or kursus and the like. The level or position it fits is not
        -- in the data: the pages call the score an estimate.
        max(case when bentuk like '%kepemimpinan%' then 1 else 0 end) as ikut_kepemimpinan,
        max(case when bentuk like '%fungsional%' then 1 else 0 end) as ikut_fungsional,
        max(case
            when bentuk like '%seminar%' or bentuk like '%konferensi%'
                or bentuk like '%sarasehan%' or bentuk like '%workshop%'
                or bentuk like '%lokakarya%' or bentuk like '%magang%'
                or bentuk like '%kursus%' then 1 else 0
        end) as ikut_seminar
    from credited
    group by tahun, nip
),

corrected as (
    select tahun, nip, count(*) as sesi_dikoreksi
    from fct_evidence
    where dikoreksi = 1
    group by tahun, nip
)

select
    y.tahun,
    p.nip,
    p.nama,
    p.kode_opd,
    p.jenis_asn,
    p.jabatan,
    coalesce(e.jp, 0) as jp,
    t.target_jp,
    case when coalesce(e.jp, 0) >= t.target_jp then 1 else 0 end as memenuhi,
    case when t.target_jp > coalesce(e.jp, 0) then t.target_jp - coalesce(e.jp, 0) else 0 end
        as kurang_jp,
    coalesce(e.jp_kegiatan, 0) as jp_kegiatan,
    coalesce(e.jp_mandiri, 0) as jp_mandiri,
    coalesce(d.sesi_dikoreksi, 0) as sesi_dikoreksi,
    coalesce(e.jp_teknis, 0) as jp_teknis,
    p.jenis_jabatan,
    coalesce(e.ikut_kepemimpinan, 0) as ikut_kepemimpinan,
    coalesce(e.ikut_fungsional, 0) as ikut_fungsional,
    coalesce(e.ikut_seminar, 0) as ikut_seminar
from stg_pegawai as p
cross join years as y
inner join cfg_target as t on t.tahun = y.tahun and t.jenis_asn = p.jenis_asn
left join earned as e on e.tahun = y.tahun and e.nip = p.nip
left join corrected as d on d.tahun = y.tahun and d.nip = p.nip
where p.aktif
