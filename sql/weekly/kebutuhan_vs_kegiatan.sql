-- Needs against delivery per OPD and competency type (Teknis, Manajerial, Sosial Kultural):
-- how many active ASN asked for the type in their needs response, and how many of them and
-- of the OPD's other ASN were credited for a session of that type up to the end of the week.
-- Parameters: tahun, kunci.
with diminta as (
    select kode_opd, nilai as jenis_kompetensi, jumlah as peminat
    from agg_opd_kebutuhan
    where tahun = :tahun and kategori = 'jenis_kompetensi'
),

diikuti as (
    select
        a.kode_opd,
        k.jenis_kompetensi,
        count(distinct c.kode_kegiatan) as kegiatan,
        count(distinct c.nip) as asn_ikut
    from fct_credits as c
    inner join fct_compliance as a on a.tahun = c.tahun and a.nip = c.nip
    inner join dim_kegiatan as k on k.kode_kegiatan = c.kode_kegiatan
    inner join dim_kegiatan_minggu as w on w.kode_kegiatan = c.kode_kegiatan
    where c.tahun = :tahun and w.minggu_tahun * 100 + w.minggu <= :kunci
    group by a.kode_opd, k.jenis_kompetensi
),

pasangan as (
    select kode_opd, jenis_kompetensi from diminta
    union
    select kode_opd, jenis_kompetensi from diikuti
)

select
    p.kode_opd,
    p.jenis_kompetensi,
    coalesce(d.peminat, 0) as peminat,
    coalesce(i.kegiatan, 0) as kegiatan,
    coalesce(i.asn_ikut, 0) as asn_ikut
from pasangan as p
left join diminta as d
    on d.kode_opd = p.kode_opd and d.jenis_kompetensi = p.jenis_kompetensi
left join diikuti as i
    on i.kode_opd = p.kode_opd and i.jenis_kompetensi = p.jenis_kompetensi
