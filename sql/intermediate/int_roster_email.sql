-- grain: whole
-- depends_on: stg_pegawai
-- index: email
-- Roster emails that belong to exactly one ASN (rule 2b): an email shared by two ASN
-- identifies nobody. A table with an index, so matching one session's Zoom rows against it
-- is a lookup, not a scan of the roster.
select email, min(nip) as nip
from stg_pegawai
where email is not null
group by email
having count(*) = 1
