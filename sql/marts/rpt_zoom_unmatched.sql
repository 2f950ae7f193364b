-- grain: kode_kegiatan
-- depends_on: int_zoom_matched, stg_kegiatan
-- Zoom rows that match no roster ASN, for BKPSDM to review (rule 2). They earn nothing.
-- Guests that match nobody are left out: the contract drops them silently.
select
    k.tahun,
    m.kode_kegiatan,
    m.baris,
    m.nama_zoom,
    m.email,
    cast(round((m.leave_s - m.join_s) / 60.0, 1) as double precision) as menit
from int_zoom_matched as m
inner join stg_kegiatan as k on k.kode_kegiatan = m.kode_kegiatan
where m.nip is null and m.guest = 0
