-- grain: whole
-- depends_on: stg_pegawai
-- index: nama_kunci
-- Folded names that belong to exactly one active ASN (rule 2c): a name two active ASN share
-- identifies nobody.
select nama_kunci, min(nip) as nip
from stg_pegawai
where aktif and nama_kunci <> ''
group by nama_kunci
having count(*) = 1
