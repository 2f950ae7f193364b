-- The active roster, for the review list's suggestions: folded names and OPDs.
-- No parameters.
select p.nip, p.nama, p.nama_kunci, p.kode_opd, o.nama_opd, o.alias
from stg_pegawai as p
left join stg_opd as o on o.kode_opd = p.kode_opd
where p.aktif
