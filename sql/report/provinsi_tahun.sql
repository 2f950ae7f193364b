-- The province page's default year: the latest year any regency has. No parameters.
select max(tahun) as tahun from prov_instansi
