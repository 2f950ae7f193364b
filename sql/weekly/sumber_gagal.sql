-- Sources the last refresh could not read: the warehouse still holds older rows for them.
select sumber, worksheet, pesan
from source_failure
order by sumber, worksheet
