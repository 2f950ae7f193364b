-- Every OPD's code, name and aliases: the words by which a Zoom name may say its OPD
-- ("Budi_DINKES", "Ani Dinas Kesehatan"). No parameters.
select kode_opd, nama_opd, alias
from stg_opd
