-- One ASN's outside-learning reports of the year as they stand (`mekar asn NIP`), with
-- BKPSDM's verdict and whether the report earns JP (`dihitung` 0 for an accepted report
-- that repeats a catalog session already credited). Parameters: nip, tahun.
select
    s.kode_laporan,
    s.nama_kegiatan,
    s.penyelenggara,
    s.tanggal_mulai,
    s.tanggal_selesai,
    s.jp,
    s.nomor_sertifikat,
    s.status,
    s.catatan,
    s.diperiksa_oleh,
    s.submitted_at,
    case when m.kode_laporan is not null then 1 else 0 end as dihitung
from int_pengembangan_standing as s
left join fct_credits_mandiri as m on m.nip = s.nip and m.kode_laporan = s.kode_laporan
where s.nip = :nip and s.tahun = :tahun
