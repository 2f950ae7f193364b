-- grain: tahun, kode_opd
-- depends_on: int_kebutuhan_standing, stg_kebutuhan_pilihan, stg_pegawai
-- What each OPD's active ASN asked for in their standing needs response, per year:
-- competency types, paths, learning models (checkbox answers) and topics (free text).
with standing as (
    select s.nip, s.tahun, s.submitted_at, s.topik, p.kode_opd
    from int_kebutuhan_standing as s
    inner join stg_pegawai as p on p.nip = s.nip
    where p.aktif
),

choices as (
    select s.tahun, s.kode_opd, c.kategori, c.nilai
    from standing as s
    inner join stg_kebutuhan_pilihan as c
        on c.nip = s.nip and c.submitted_at = s.submitted_at
)

select tahun, kode_opd, kategori, nilai, count(*) as jumlah
from choices
group by tahun, kode_opd, kategori, nilai

union all

-- free text: spellings that differ only in case or outer spaces count as one topic
select tahun, kode_opd, 'topik' as kategori, min(trim(topik)) as nilai, count(*) as jumlah
from standing
where topik is not null and trim(topik) <> ''
group by tahun, kode_opd, lower(trim(topik))
