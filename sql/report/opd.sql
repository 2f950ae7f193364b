-- Every OPD: code and name, for the index, the ranking and the OPD pages. No parameters.
select kode_opd, nama_opd
from dim_opd
