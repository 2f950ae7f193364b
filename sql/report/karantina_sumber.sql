-- Rows in quarantine (the whole warehouse: quarantine rows carry no year), by spreadsheet and
-- worksheet. No parameters.
select sumber, worksheet, count(*) as jumlah
from quarantine
group by sumber, worksheet
