-- One ASN's standing in the year (`mekar asn NIP`): roster row and the year's total against
-- the target, catalog sessions and outside learning apart. No row: the NIP is not on the
-- roster; no total: not active, or no sessions that year. Parameters: nip, tahun.
select
    p.nip,
    p.nama,
    p.kode_opd,
    o.nama_opd,
    p.jenis_asn,
    p.jabatan,
    p.aktif,
    c.jp,
    c.target_jp,
    c.memenuhi,
    c.kurang_jp,
    c.jp_kegiatan,
    c.jp_mandiri
from stg_pegawai as p
left join stg_opd as o on o.kode_opd = p.kode_opd
left join fct_compliance as c on c.nip = p.nip and c.tahun = :tahun
where p.nip = :nip
