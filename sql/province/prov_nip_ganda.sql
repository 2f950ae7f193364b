-- grain: whole
-- sources: prov_src_asn
-- A NIP is national: one active in two regencies' rosters the same year (a transfer that
-- one roster has not caught up with) is listed with each regency's figures, for the
-- province to settle; neither regency's numbers change.
with counted as (
    select tahun, nip, count(distinct instansi) as jumlah_instansi
    from prov_src_asn
    group by tahun, nip
)

select a.tahun, a.nip, a.instansi, a.kode_opd, a.jp, c.jumlah_instansi
from prov_src_asn as a
inner join counted as c on c.tahun = a.tahun and c.nip = a.nip
where c.jumlah_instansi > 1
