-- BKPSDM's corrections that point at the year's sessions, or at every session (rule 9),
-- with who decided and why; `berlaku` 0 for a beri/cabut overruled by a later one.
-- Parameters: tahun.
select
    k.baris,
    k.submitted_at,
    k.jenis,
    k.kode_kegiatan,
    k.nama_zoom,
    k.nip,
    p.nama,
    k.alasan,
    k.oleh,
    case
        when k.jenis = 'cocokkan' then 1
        when exists (
            select 1 from int_koreksi_kredit as s
            where s.nip = k.nip and s.kode_kegiatan = k.kode_kegiatan
                and s.submitted_at = k.submitted_at and s.jenis = k.jenis
        ) then 1
        else 0
    end as berlaku
from src_koreksi as k
left join stg_pegawai as p on p.nip = k.nip
left join stg_kegiatan as g on g.kode_kegiatan = k.kode_kegiatan
where g.tahun = :tahun or k.kode_kegiatan is null
