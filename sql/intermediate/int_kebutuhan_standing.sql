-- grain: tahun, nip
-- depends_on: stg_kebutuhan
-- index: nip, tahun
-- Per NIP and year the latest needs response stands; earlier ones are superseded (rule 7).
with ranked as (
    select
        nip,
        tahun,
        submitted_at,
        topik,
        unit_kerja,
        kode_opd_tertulis,
        row_number() over (
            partition by nip, tahun order by submitted_at desc, baris desc
        ) as urutan
    from stg_kebutuhan
)

select nip, tahun, submitted_at, topik, unit_kerja, kode_opd_tertulis
from ranked
where urutan = 1
