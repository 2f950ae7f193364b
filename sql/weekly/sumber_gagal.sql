-- Sources the last refresh could not read, and whether the warehouse holds older rows of
-- them (a source that never loaded leaves its numbers empty, not old). No parameters.
select
    f.sumber,
    f.worksheet,
    f.pesan,
    case when exists (
        select 1 from source_state as s
        where s.sumber = f.sumber
          and (f.worksheet = '' or s.worksheet = f.worksheet)
          and s.baris_dimuat > 0
    ) then 1 else 0 end as data_lama
from source_failure as f
order by f.sumber, f.worksheet
