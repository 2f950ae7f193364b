-- Each regency's most asked jenis kompetensi and topics of the year, the first batas of
-- each (prov_kebutuhan.urutan). Parameters: tahun, batas.
select instansi, kategori, nilai, jumlah
from prov_kebutuhan
where tahun = :tahun and kategori in ('jenis_kompetensi', 'topik') and urutan <= :batas
order by instansi, kategori, urutan
