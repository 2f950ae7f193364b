-- grain: nip
-- depends_on: stg_pengembangan
-- index: nip
-- The outside-learning reports as they stand (rule 10): one per NIP and Nomor Sertifikat,
-- or, without a number, per NIP, Nama Kegiatan (case and spaces folded) and Tanggal
-- Selesai; the latest response stands (a resent report replaces the earlier one, whatever
-- its status). Accepted, rejected and waiting alike: pages list them all.
with ranked as (
    select
        *,
        row_number() over (
            partition by
                nip,
                nomor_sertifikat,
                case when nomor_sertifikat is null then nama_kunci end,
                case when nomor_sertifikat is null then tanggal_selesai end
            order by submitted_at desc, baris desc
        ) as urutan
    from stg_pengembangan
)

select
    nip,
    tahun,
    minggu_tahun,
    minggu,
    baris,
    kode_laporan,
    nama_kegiatan,
    nama_kunci,
    penyelenggara,
    bentuk,
    jalur,
    jenis_kompetensi,
    nomor_sertifikat,
    bukti,
    jp,
    status,
    catatan,
    diperiksa_oleh,
    tanggal_mulai,
    tanggal_selesai,
    submitted_at
from ranked
where urutan = 1
