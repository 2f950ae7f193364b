-- The quarantined rows themselves, with the message naming sheet, row and column, so staff
-- can fix the source; the first `batas` in sheet order. Parameters: batas.
select sumber, worksheet, baris, alasan, pesan
from quarantine
order by sumber, worksheet, baris
limit :batas
