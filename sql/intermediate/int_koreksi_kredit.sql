-- grain: kode_kegiatan
-- depends_on: stg_koreksi
-- index: nip, kode_kegiatan
-- The credit corrections that stand (rule 9): for one NIP and session, the latest `beri` or
-- `cabut` by Timestamp; an earlier one is overruled, not lost (it stays in src_koreksi).
with ranked as (
    select
        nip,
        kode_kegiatan,
        jenis,
        alasan,
        oleh,
        submitted_at,
        row_number() over (
            partition by nip, kode_kegiatan order by submitted_at desc, baris desc
        ) as urutan
    from stg_koreksi
)

select nip, kode_kegiatan, jenis, alasan, oleh, submitted_at
from ranked
where urutan = 1
