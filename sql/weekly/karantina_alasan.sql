-- Rows in quarantine (the whole warehouse, as the nightly report shows), by reason.
-- No parameters.
select alasan, count(*) as jumlah
from quarantine
group by alasan
