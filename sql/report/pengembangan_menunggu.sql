-- Outside-learning reports still waiting for BKPSDM's verdict, every year (a report of last
-- December may still wait): what BKPSDM should verify, oldest first on the page.
-- No parameters.
select
    s.nip,
    p.nama,
    p.kode_opd,
    s.nama_kegiatan,
    s.penyelenggara,
    s.tanggal_selesai,
    s.jp,
    s.submitted_at
from int_pengembangan_standing as s
left join stg_pegawai as p on p.nip = s.nip
where s.status = 'menunggu'
