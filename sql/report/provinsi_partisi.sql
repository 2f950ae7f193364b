-- Every configured regency of the province and its last outcome (prov_partisi), in the
-- configured order. No parameters.
select instansi, nama_instansi, urutan, status, pesan, run_terakhir, berhasil_terakhir, ada_data
from prov_partisi
order by urutan
