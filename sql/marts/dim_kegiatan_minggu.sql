-- grain: kode_kegiatan
-- depends_on: stg_kegiatan
-- index: kode_kegiatan
-- One row per session: the ISO 8601 week (Monday to Sunday) of its date, for the weekly
-- email. SQLite and PostgreSQL share no date function, so the week comes from mulai_s (wall
-- seconds since 1970-01-01, a Thursday) by integer arithmetic alone; every operand is
-- non-negative, so / truncates the same way on both. An ISO week belongs to the year of its
-- Thursday: a session on 2021-01-01 is week 53 of 2020 (minggu_tahun) yet stays in tahun 2021
-- (rule 1), and one on 2024-12-30 is week 1 of 2025 in tahun 2024.
with hari as (
    select
        tahun,
        kode_kegiatan,
        cast(tanggal as varchar(10)) as tanggal,
        -- days since 1970-01-01; the start time is under a day, so this is Tanggal itself
        cast(mulai_s / 86400 as integer) as hari
    from stg_kegiatan
),

kamis as (
    -- (hari + 3) % 7 counts days since Monday (0 = Monday ... 6 = Sunday), so this is the
    -- day number of the Thursday of the session's week
    select tahun, kode_kegiatan, tanggal, hari - (hari + 3) % 7 + 3 as kamis
    from hari
),

tebakan as (
    -- the Thursday's calendar year, guessed at most one too high (leap days), for as long as
    -- fewer than 365 leap days have passed since 1970, i.e. for 1500 years
    select tahun, kode_kegiatan, tanggal, kamis, 1970 + kamis / 365 as y
    from kamis
),

tahun_iso as (
    -- days from 1970-01-01 to 1 January of year y (Gregorian leap rule; y >= 1970):
    -- 365 * (y - 1970) + (y - 1969) / 4 - (y - 1901) / 100 + (y - 1601) / 400
    select
        tahun,
        kode_kegiatan,
        tanggal,
        kamis,
        case
            when kamis < 365 * (y - 1970) + (y - 1969) / 4 - (y - 1901) / 100 + (y - 1601) / 400
                then y - 1
            else y
        end as minggu_tahun
    from tebakan
)

select
    tahun,
    kode_kegiatan,
    tanggal,
    minggu_tahun,
    -- week 1 holds the year's first Thursday: whole weeks from 1 January to that Thursday
    (
        kamis
        - (
            365 * (minggu_tahun - 1970)
            + (minggu_tahun - 1969) / 4
            - (minggu_tahun - 1901) / 100
            + (minggu_tahun - 1601) / 400
        )
    ) / 7 + 1 as minggu
from tahun_iso
