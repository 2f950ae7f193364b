-- grain: whole
-- depends_on: stg_koreksi_cocokkan
-- index: nama_kunci
-- The name corrections that stand (rule 9): per session (or every session) and Zoom name,
-- the latest by Timestamp.
with ranked as (
    select
        kode_sasaran,
        nama_kunci,
        nip,
        row_number() over (
            partition by kode_sasaran, nama_kunci order by submitted_at desc, baris desc
        ) as urutan
    from stg_koreksi_cocokkan
)

select kode_sasaran, nama_kunci, nip
from ranked
where urutan = 1
