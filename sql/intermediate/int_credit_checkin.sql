-- grain: kode_kegiatan
-- depends_on: stg_daftar_hadir, stg_kegiatan, stg_pegawai
-- index: nip, kode_kegiatan
-- Check-in evidence that earns a session's JP: a daftar_hadir row with the session's code
-- and the ASN's NIP, timestamped on the session's date (rule 4).
select distinct
    d.nip,
    d.kode_kegiatan
from stg_daftar_hadir as d
inner join stg_kegiatan as k on k.kode_kegiatan = d.kode_kegiatan
inner join stg_pegawai as p on p.nip = d.nip
where d.tanggal = k.tanggal
