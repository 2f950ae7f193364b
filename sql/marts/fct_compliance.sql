-- grain: tahun, nip
-- depends_on: fct_credits, stg_kegiatan, stg_pegawai
-- sources: cfg_target
-- index: tahun, kode_opd
-- index: tahun, nip
-- One row per active roster ASN and year with sessions: JP earned that year against the
-- target (rule 5). JP of one year never counts for another.
with years as (
    select distinct tahun from stg_kegiatan
),

earned as (
    select tahun, nip, cast(sum(jp) as integer) as jp
    from fct_credits
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
        as kurang_jp
from stg_pegawai as p
cross join years as y
inner join cfg_target as t on t.tahun = y.tahun and t.jenis_asn = p.jenis_asn
left join earned as e on e.tahun = y.tahun and e.nip = p.nip
where p.aktif
