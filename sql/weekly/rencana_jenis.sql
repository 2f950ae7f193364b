-- Needs against delivery for the regency, per competency type: how many active ASN asked for
-- it (standing needs responses), how many sessions of that type were held up to the end of
-- the week and how many the catalog still lists after it. Where many asked and nothing is
-- left, BKPSDM has a session to plan. Parameters: tahun, kunci.
with diminta as (
    select nilai as jenis_kompetensi, sum(jumlah) as peminat
    from agg_opd_kebutuhan
    where tahun = :tahun and kategori = 'jenis_kompetensi'
    group by nilai
),

katalog as (
    select
        k.jenis_kompetensi,
        sum(case when w.minggu_tahun * 100 + w.minggu <= :kunci then 1 else 0 end) as diadakan,
        sum(case when w.minggu_tahun * 100 + w.minggu > :kunci then 1 else 0 end) as terjadwal
    from dim_kegiatan as k
    inner join dim_kegiatan_minggu as w on w.kode_kegiatan = k.kode_kegiatan
    where k.tahun = :tahun
    group by k.jenis_kompetensi
),

jenis as (
    select jenis_kompetensi from diminta
    union
    select jenis_kompetensi from katalog
)

select
    j.jenis_kompetensi,
    coalesce(d.peminat, 0) as peminat,
    coalesce(k.diadakan, 0) as diadakan,
    coalesce(k.terjadwal, 0) as terjadwal
from jenis as j
left join diminta as d on d.jenis_kompetensi = j.jenis_kompetensi
left join katalog as k on k.jenis_kompetensi = j.jenis_kompetensi
