-- grain: kode_kegiatan
-- depends_on: int_credit_checkin, int_credit_zoom, int_zoom_attendance, stg_kegiatan
-- index: tahun, nip
-- One row per ASN and session credited: the session's JP once, whatever the evidence
-- (rule 4), with the evidence named. Every roster ASN, active or not.
with evidence as (
    select nip, kode_kegiatan, 1 as via_zoom, 0 as via_daftar_hadir from int_credit_zoom
    union all
    select nip, kode_kegiatan, 0 as via_zoom, 1 as via_daftar_hadir from int_credit_checkin
),

per_session as (
    select
        nip,
        kode_kegiatan,
        max(via_zoom) as via_zoom,
        max(via_daftar_hadir) as via_daftar_hadir
    from evidence
    group by nip, kode_kegiatan
)

select
    k.tahun,
    s.nip,
    s.kode_kegiatan,
    k.jp,
    case
        when s.via_zoom = 1 and s.via_daftar_hadir = 1 then 'zoom+daftar_hadir'
        when s.via_zoom = 1 then 'zoom'
        else 'daftar_hadir'
    end as bukti,
    cast(round(a.detik_hadir / 60.0, 1) as double precision) as menit_zoom
from per_session as s
inner join stg_kegiatan as k on k.kode_kegiatan = s.kode_kegiatan
left join int_zoom_attendance as a
    on a.nip = s.nip and a.kode_kegiatan = s.kode_kegiatan
