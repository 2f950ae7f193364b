-- grain: kode_kegiatan
-- depends_on: int_credit_checkin, int_credit_zoom, int_koreksi_kredit, int_zoom_attendance, stg_kegiatan
-- index: tahun, nip
-- One row per ASN and catalog session credited: the session's JP once, whatever the
-- evidence (rule 4), with the evidence named in the contract's order (zoom, daftar_hadir,
-- koreksi). A standing `beri` credits whatever the minutes; a standing `cabut` withdraws
-- the credit whatever the evidence (rule 9: its row is kept in fct_evidence). Every roster
-- ASN, active or not.
with evidence as (
    select nip, kode_kegiatan, 1 as via_zoom, 0 as via_daftar_hadir, 0 as via_koreksi
    from int_credit_zoom
    union all
    select nip, kode_kegiatan, 0 as via_zoom, 1 as via_daftar_hadir, 0 as via_koreksi
    from int_credit_checkin
    union all
    select nip, kode_kegiatan, 0 as via_zoom, 0 as via_daftar_hadir, 1 as via_koreksi
    from int_koreksi_kredit
    where jenis = 'beri'
),

per_session as (
    select
        nip,
        kode_kegiatan,
        max(via_zoom) as via_zoom,
        max(via_daftar_hadir) as via_daftar_hadir,
        max(via_koreksi) as via_koreksi
    from evidence
    group by nip, kode_kegiatan
)

select
    k.tahun,
    s.nip,
    s.kode_kegiatan,
    k.jp,
    substr(
        case when s.via_zoom = 1 then '+zoom' else '' end
        || case when s.via_daftar_hadir = 1 then '+daftar_hadir' else '' end
        || case when s.via_koreksi = 1 then '+koreksi' else '' end,
        2
    ) as bukti,
    cast(round(a.detik_hadir / 60.0, 1) as double precision) as menit_zoom
from per_session as s
inner join stg_kegiatan as k on k.kode_kegiatan = s.kode_kegiatan
left join int_zoom_attendance as a
    on a.nip = s.nip and a.kode_kegiatan = s.kode_kegiatan
left join int_koreksi_kredit as withdrawn
    on withdrawn.nip = s.nip and withdrawn.kode_kegiatan = s.kode_kegiatan
    and withdrawn.jenis = 'cabut'
where withdrawn.nip is null
