-- grain: whole
-- sources: prov_src_kebutuhan
-- What each regency's active ASN asked for, per year: the OPDs' standing needs responses
-- summed per answer (jenis kompetensi, jalur, model, typed topic). Topics that differ only
-- in case or outer spaces count as one, as within a regency (agg_opd_kebutuhan).
with answers as (
    select
        instansi,
        tahun,
        kategori,
        min(trim(nilai)) as nilai,
        cast(sum(jumlah) as integer) as jumlah
    from prov_src_kebutuhan
    group by instansi, tahun, kategori, lower(trim(nilai))
)

select
    *,
    row_number() over (
        partition by instansi, tahun, kategori order by jumlah desc, nilai
    ) as urutan
from answers
