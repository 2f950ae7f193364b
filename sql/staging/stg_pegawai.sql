-- grain: whole
-- sources: src_pegawai
-- One row per ASN on the roster (master/pegawai); the roster's OPD is always the ASN's OPD.
select
    -- ids
    nip,
    kode_opd,
    -- attributes
    nama,
    nama_kunci,
    nama_tertulis,
    jenis_asn,
    jabatan,
    jenis_jabatan,
    golongan,
    email,
    -- flags (a boolean: a filter on it stays estimable for the planner)
    aktif
from src_pegawai
