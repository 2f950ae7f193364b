-- grain: kode_kegiatan
-- depends_on: fct_credits, int_credit_checkin, int_credit_zoom, int_koreksi_kredit, int_zoom_attendance, int_zoom_matched, stg_daftar_hadir, stg_kegiatan, stg_pegawai
-- index: tahun, nip
-- index: kode_kegiatan
-- The evidence behind every JP (the contract's `evidence` export): one row per roster ASN
-- and catalog session with any trace (a matched Zoom row, a check-in on any day, a standing
-- correction), credited or not, and why. `alasan` for a credited row is the first that holds
-- of zoom, daftar_hadir, koreksi_beri; for one not credited koreksi_cabut when withdrawn,
-- else kurang_hadir when a matched Zoom row exists (below the bar, possibly 0 minutes after
-- clipping), else daftar_hadir_salah_tanggal. `dikoreksi` 1 when a BKPSDM correction
-- (beri, cabut, or a cocokkan naming the Zoom rows) shaped the row.
with zoom_seen as (
    select
        nip,
        kode_kegiatan,
        -- some of the rows are this ASN's only because BKPSDM said so (cocokkan)
        max(case when metode = 'koreksi' then 1 else 0 end) as via_cocokkan
    from int_zoom_matched
    where nip is not null
    group by nip, kode_kegiatan
),

traces as (
    select nip, kode_kegiatan from zoom_seen
    union
    select d.nip, d.kode_kegiatan
    from stg_daftar_hadir as d
    inner join stg_pegawai as p on p.nip = d.nip
    union
    select nip, kode_kegiatan from int_koreksi_kredit
)

select
    k.tahun,
    t.nip,
    t.kode_kegiatan,
    -- not rounded here: the export writes one decimal, as Python rounds (98.25 -> 98.2)
    cast(coalesce(a.detik_hadir, 0) / 60.0 as double precision) as menit_hadir,
    cast(k.min_kehadiran * k.durasi_menit / 100.0 as double precision) as menit_dibutuhkan,
    case when c.nip is not null then 1 else 0 end as daftar_hadir,
    kr.jenis as koreksi,
    kr.alasan as koreksi_alasan,
    kr.oleh as koreksi_oleh,
    case when f.nip is not null then 1 else 0 end as dikreditkan,
    -- a correction decided this row's evidence: pages and emails say so
    case when kr.jenis is not null or s.via_cocokkan = 1 then 1 else 0 end as dikoreksi,
    case
        when f.nip is not null and z.nip is not null then 'zoom'
        when f.nip is not null and c.nip is not null then 'daftar_hadir'
        when f.nip is not null then 'koreksi_beri'
        when kr.jenis = 'cabut' then 'koreksi_cabut'
        when s.nip is not null then 'kurang_hadir'
        else 'daftar_hadir_salah_tanggal'
    end as alasan
from traces as t
inner join stg_kegiatan as k on k.kode_kegiatan = t.kode_kegiatan
left join int_zoom_attendance as a on a.nip = t.nip and a.kode_kegiatan = t.kode_kegiatan
left join int_credit_zoom as z on z.nip = t.nip and z.kode_kegiatan = t.kode_kegiatan
left join int_credit_checkin as c on c.nip = t.nip and c.kode_kegiatan = t.kode_kegiatan
left join int_koreksi_kredit as kr on kr.nip = t.nip and kr.kode_kegiatan = t.kode_kegiatan
left join fct_credits as f on f.nip = t.nip and f.kode_kegiatan = t.kode_kegiatan
left join zoom_seen as s on s.nip = t.nip and s.kode_kegiatan = t.kode_kegiatan
