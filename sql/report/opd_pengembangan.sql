-- Outside-learning reports of the listed OPDs' ASN in the year (rule 10), as they stand:
-- accepted (and whether they earn JP), rejected with BKPSDM's note, waiting. The OPD is
-- the roster's. Parameters: tahun, kode_opd (a list).
select
    p.kode_opd,
    s.nip,
    p.nama,
    s.nama_kegiatan,
    s.penyelenggara,
    s.tanggal_mulai,
    s.tanggal_selesai,
    s.jp,
    s.status,
    s.catatan,
    s.submitted_at,
    case when m.kode_laporan is not null then 1 else 0 end as dihitung
from int_pengembangan_standing as s
inner join stg_pegawai as p on p.nip = s.nip
left join fct_credits_mandiri as m on m.nip = s.nip and m.kode_laporan = s.kode_laporan
where s.tahun = :tahun and p.kode_opd in :kode_opd
