-- One row per ASN on the roster (master/pegawai); the roster's OPD is always the ASN's OPD.
select
    -- ids
    nip,
    kode_opd,
    -- attributes
    nama,
    nama_kunci,
    jenis_asn,
    jabatan,
    jenis_jabatan,
    golongan,
    email,
    -- flags
    case when aktif then 1 else 0 end as aktif
from src_pegawai
