-- grain: whole
-- depends_on: stg_pegawai
-- index: nama_tertulis
-- Names as written (case and white space folded) of active ASN, with how many share each
-- (rule 2c): one owner identifies; two identify nobody, and a Zoom name equal to a name
-- here is not read again with titles stripped.
select nama_tertulis, min(nip) as nip, count(*) as jumlah
from stg_pegawai
where aktif and nama_tertulis <> ''
group by nama_tertulis
