-- The roster's and the OPD list's loaded content, as fingerprints (source_state): what the
-- summary page's name suggestions are computed from besides the names. No parameters.
select worksheet, content_hash
from source_state
where sumber = 'master'
