-- grain: tahun, kode_opd
-- depends_on: fct_evidence, stg_kegiatan, stg_pegawai
-- index: tahun, kode_opd, urutan
-- Near-misses: an active ASN's matched Zoom presence of at least half of what a session's
-- bar asks, below the bar, and no other evidence that credited it (fct_evidence's
-- kurang_hadir). Whom to remind to stay to the end; the OPD is the roster's. Ranked per OPD
-- and year, closest to the bar first (`urutan`; `jumlah_opd` of them in all), so a page
-- reads the first hundred through the index: a ranking across sessions, hence keyed by
-- year and OPD, not by session.
with near as (
    select
        e.tahun,
        p.kode_opd,
        e.nip,
        p.nama,
        e.kode_kegiatan,
        k.nama_kegiatan,
        k.tanggal,
        e.menit_hadir,
        e.menit_dibutuhkan
    from fct_evidence as e
    inner join stg_pegawai as p on p.nip = e.nip
    inner join stg_kegiatan as k on k.kode_kegiatan = e.kode_kegiatan
    where p.aktif
        and e.alasan = 'kurang_hadir'
        and e.menit_hadir >= 0.5 * e.menit_dibutuhkan
)

select
    tahun,
    kode_opd,
    nip,
    nama,
    kode_kegiatan,
    nama_kegiatan,
    tanggal,
    menit_hadir,
    menit_dibutuhkan,
    row_number() over (
        partition by tahun, kode_opd
        order by menit_hadir / menit_dibutuhkan desc, nip, kode_kegiatan
    ) as urutan,
    count(*) over (partition by tahun, kode_opd) as jumlah_opd
from near
