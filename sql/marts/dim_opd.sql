-- grain: whole
-- depends_on: stg_opd
-- OPDs for reports and exports.
select kode_opd, nama_opd, email from stg_opd
