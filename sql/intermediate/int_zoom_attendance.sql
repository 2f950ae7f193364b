-- grain: kode_kegiatan
-- depends_on: int_zoom_matched, stg_kegiatan
-- index: nip, kode_kegiatan
-- Seconds each ASN attended each session: the union of their [join, leave] intervals,
-- clipped to the session window (rule 3). Reconnects and two devices never count twice.
with clipped as (
    select
        m.nip,
        m.kode_kegiatan,
        case when m.join_s > k.mulai_s then m.join_s else k.mulai_s end as start_s,
        case when m.leave_s < k.selesai_s then m.leave_s else k.selesai_s end as end_s
    from int_zoom_matched as m
    inner join stg_kegiatan as k on k.kode_kegiatan = m.kode_kegiatan
    where m.nip is not null
),

inside as (
    select * from clipped where end_s > start_s
),

ordered as (
    -- the furthest end of all earlier intervals: a start past it opens a new island
    select
        nip,
        kode_kegiatan,
        start_s,
        end_s,
        max(end_s) over (
            partition by nip, kode_kegiatan
            order by start_s, end_s
            rows between unbounded preceding and 1 preceding
        ) as reach_before
    from inside
),

islands as (
    select
        nip,
        kode_kegiatan,
        start_s,
        end_s,
        sum(case when reach_before is null or start_s > reach_before then 1 else 0 end) over (
            partition by nip, kode_kegiatan
            order by start_s, end_s
            rows between unbounded preceding and current row
        ) as island
    from ordered
),

merged as (
    select nip, kode_kegiatan, island, min(start_s) as start_s, max(end_s) as end_s
    from islands
    group by nip, kode_kegiatan, island
)

select
    nip,
    kode_kegiatan,
    cast(sum(end_s - start_s) as bigint) as detik_hadir
from merged
group by nip, kode_kegiatan
