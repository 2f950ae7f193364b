-- One OPD: code, name and the Email cell of the opd sheet (recipients are read from it in
-- mekar.addresses). Parameters: kode_opd.
select kode_opd, nama_opd, email
from dim_opd
where kode_opd = :kode_opd
