-- How many Zoom rows of the year match no roster ASN (one row, column n). Parameters: tahun.
select count(*) as n
from rpt_zoom_unmatched
where tahun = :tahun
