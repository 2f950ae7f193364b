"""Weekly marts for the weekly email: the ISO week of each session, JP per ASN and week with
the year's running total, JP and newly compliant ASN per OPD and week. On SQLite and
PostgreSQL, with sessions on both sides of the 2020/2021 and 2024/2025 year boundaries."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import text

from mekar.warehouse.backfill import load_year, recompute_year
from tests.helpers import extract_and_validate, run_stages, write_files

OPD = """
Kode OPD,Nama OPD,Alias,Email
DINKES,Dinas Kesehatan,Dinkes,
SETDA,Sekretariat Daerah,Setda,
"""
PEGAWAI = """
NIP,Nama,Jenis ASN,Kode OPD,Jabatan,Jenis Jabatan,Golongan,Aktif,Email
198503122010011003,Budi Santoso,PNS,DINKES,Dokter,Fungsional,III/c,Ya,
199001012015012001,Sari Wulandari,PPPK,SETDA,Analis,Pelaksana,,Ya,
198001012005011001,Tri Utami,PNS,DINKES,Perawat,Fungsional,III/a,Ya,
196801012000011001,Eko Prasetyo,PNS,SETDA,Analis,Pelaksana,IV/a,Tidak,
"""
A, B, C, F = "198503122010011003", "199001012015012001", "198001012005011001", "196801012000011001"

HEADER = (
    "Kode Kegiatan,Nama Kegiatan,Tanggal,Jam Mulai,Jam Selesai,JP,Jalur,Bentuk,"
    "Jenis Kompetensi,Moda,Narasumber,Min Kehadiran"
)


def _session(code: str, day: date, jp: int = 1, start: str = "08:00") -> str:
    return (
        f"{code},Sesi {code},{day.day}/{day.month}/{day.year},{start},23:59,{jp},"
        "Klasikal,Seminar,Teknis,Daring,X,80"
    )


# (code, date, JP): ISO weeks 2020-W53 (in tahun 2020 and 2021), 2021-W01, W03, W09,
# 2025-W01 (in tahun 2024) and 2026-W01
SESSIONS = [
    ("K20-53", date(2020, 12, 31), 4),  # Thursday
    ("K21-01", date(2021, 1, 1), 2),  # Friday: week 53 of 2020
    ("K21-02", date(2021, 1, 3), 3),  # Sunday: still week 53 of 2020
    ("K21-03", date(2021, 1, 4), 2),  # Monday: week 1 of 2021
    ("K21-04", date(2021, 1, 6), 1),
    ("K21-05", date(2021, 1, 20), 4),
    ("K21-06", date(2021, 3, 1), 1),  # nobody attends
    ("K24-52", date(2024, 12, 30), 3),  # Monday: week 1 of 2025
    ("K26-01", date(2026, 1, 1), 1),  # Thursday: week 1 of 2026
]
KEGIATAN = "\n".join([HEADER, *(_session(code, day, jp) for code, day, jp in SESSIONS)])
DAY = {code: day for code, day, _ in SESSIONS}
ATTENDED = [
    (A, "K20-53"),
    (A, "K21-01"),
    (A, "K21-03"),
    (A, "K21-05"),
    (A, "K24-52"),
    (C, "K21-01"),
    (C, "K21-02"),
    (C, "K21-04"),
    (B, "K21-03"),
    (B, "K21-05"),
    (F, "K21-03"),  # inactive: credited, but not in the weekly marts
]


def _daftar_hadir(attended) -> str:
    lines = ["Timestamp,Kode Kegiatan,NIP,Nama,Unit Kerja"]
    for nip, code in attended:
        day = DAY[code]
        lines.append(f"{day.day}/{day.month}/{day.year} 8:05:00,{code},{nip},X,X")
    return "\n".join(lines)


def _targets(year, jenis):
    # small targets so that each ASN crosses theirs in a known week
    return 6 if jenis == "PNS" else 5


def _write(folder, attended=ATTENDED):
    return write_files(
        folder,
        {
            "master/opd.csv": OPD,
            "master/pegawai.csv": PEGAWAI,
            "kegiatan/kegiatan.csv": KEGIATAN,
            "kegiatan/daftar_hadir.csv": _daftar_hadir(attended),
        },
    )


def _rows(engine, sql: str) -> list[tuple]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql))]


def test_weekly_marts(tmp_path, warehouse_url):
    engine, *_ = run_stages(_write(tmp_path / "data"), warehouse_url, _targets)

    assert _rows(
        engine,
        "select tahun, kode_kegiatan, tanggal, minggu_tahun, minggu "
        "from dim_kegiatan_minggu order by kode_kegiatan",
    ) == [
        (2020, "K20-53", "2020-12-31", 2020, 53),
        (2021, "K21-01", "2021-01-01", 2020, 53),
        (2021, "K21-02", "2021-01-03", 2020, 53),
        (2021, "K21-03", "2021-01-04", 2021, 1),
        (2021, "K21-04", "2021-01-06", 2021, 1),
        (2021, "K21-05", "2021-01-20", 2021, 3),
        (2021, "K21-06", "2021-03-01", 2021, 9),
        (2024, "K24-52", "2024-12-30", 2025, 1),
        (2026, "K26-01", "2026-01-01", 2026, 1),
    ]

    # the running total restarts with each tahun; the inactive ASN F is left out
    assert _rows(
        engine,
        "select tahun, minggu_tahun, minggu, nip, kode_opd, jp_minggu, jp_kumulatif "
        "from agg_asn_minggu order by tahun, nip, minggu_tahun, minggu",
    ) == [
        (2020, 2020, 53, A, "DINKES", 4, 4),
        (2021, 2020, 53, C, "DINKES", 5, 5),
        (2021, 2021, 1, C, "DINKES", 1, 6),
        (2021, 2020, 53, A, "DINKES", 2, 2),
        (2021, 2021, 1, A, "DINKES", 2, 4),
        (2021, 2021, 3, A, "DINKES", 4, 8),
        (2021, 2021, 1, B, "SETDA", 2, 2),
        (2021, 2021, 3, B, "SETDA", 4, 6),
        (2024, 2025, 1, A, "DINKES", 3, 3),
    ]

    # targets: PNS 6, PPPK 5. C reaches 6 exactly in 2021-W01 (5 before); A (4 -> 8) and
    # B (2 -> 6) cross in W03. Every OPD gets every week that has a session that year.
    assert _rows(
        engine,
        "select tahun, minggu_tahun, minggu, kode_opd, jp_minggu, asn_baru_memenuhi "
        "from agg_opd_minggu order by tahun, minggu_tahun, minggu, kode_opd",
    ) == [
        (2020, 2020, 53, "DINKES", 4, 0),
        (2020, 2020, 53, "SETDA", 0, 0),
        (2021, 2020, 53, "DINKES", 7, 0),
        (2021, 2020, 53, "SETDA", 0, 0),
        (2021, 2021, 1, "DINKES", 3, 1),
        (2021, 2021, 1, "SETDA", 2, 0),
        (2021, 2021, 3, "DINKES", 4, 1),
        (2021, 2021, 3, "SETDA", 4, 1),
        (2021, 2021, 9, "DINKES", 0, 0),
        (2021, 2021, 9, "SETDA", 0, 0),
        (2024, 2025, 1, "DINKES", 3, 0),
        (2024, 2025, 1, "SETDA", 0, 0),
        (2026, 2026, 1, "DINKES", 0, 0),
        (2026, 2026, 1, "SETDA", 0, 0),
    ]

    # the weekly figures add up to the year's (agg_opd counts active ASN only, too)
    assert (
        _rows(
            engine,
            "select w.tahun, w.kode_opd, sum(w.jp_minggu), sum(w.asn_baru_memenuhi), "
            "min(o.total_jp), min(o.jumlah_memenuhi) from agg_opd_minggu w "
            "join agg_opd o on o.tahun = w.tahun and o.kode_opd = w.kode_opd "
            "group by w.tahun, w.kode_opd "
            "having sum(w.jp_minggu) <> min(o.total_jp) "
            "or sum(w.asn_baru_memenuhi) <> min(o.jumlah_memenuhi)",
        )
        == []
    )
    engine.dispose()


def _iso_days() -> list[date]:
    """Every day around each new year 2015-2036, and every day of 2024 (a leap year)."""
    days = {date(year, 12, 24) + timedelta(days=i) for year in range(2015, 2036) for i in range(16)}
    days |= {date(2024, 1, 1) + timedelta(days=i) for i in range(366)}
    return sorted(days)


def test_iso_week_matches_python(tmp_path, warehouse_url):
    days = _iso_days()
    # late starts too: the week is the session date's, whatever the hour
    lines = [HEADER] + [
        _session(f"D{day.isoformat()}", day, start="23:58" if day.day % 2 else "00:00")
        for day in days
    ]
    folder = write_files(
        tmp_path / "data",
        {
            "master/opd.csv": OPD,
            "master/pegawai.csv": PEGAWAI,
            "kegiatan/kegiatan.csv": "\n".join(lines),
            "kegiatan/daftar_hadir.csv": "Timestamp,Kode Kegiatan,NIP,Nama,Unit Kerja",
        },
    )
    engine, *_ = run_stages(folder, warehouse_url)
    got = _rows(
        engine,
        "select tanggal, tahun, minggu_tahun, minggu from dim_kegiatan_minggu order by tanggal",
    )
    want = [(d.isoformat(), d.year, d.isocalendar()[0], d.isocalendar()[1]) for d in days]
    assert got == want
    engine.dispose()


def test_backfill_rebuilds_one_years_weeks(tmp_path, warehouse_url, another_warehouse_url):
    """A backfill of 2021 recomputes 2021's weekly rows as a full run would, and leaves the
    other years' rows as they were."""
    data = _write(tmp_path / "data")
    engine, *_ = run_stages(data, warehouse_url, _targets)
    tables = ("dim_kegiatan_minggu", "agg_asn_minggu", "agg_opd_minggu")

    def by_year(eng, where):
        return {t: sorted(_rows(eng, f"select * from {t} where {where}"), key=repr) for t in tables}

    others_before = by_year(engine, "tahun <> 2021")
    # B stops attending in 2021, and A's 2020 check-in goes too (2020 is not backfilled)
    changed = [r for r in ATTENDED if r not in {(B, "K21-05"), (A, "K20-53")}]
    _write(data, changed)
    _, validated = extract_and_validate(data, engine)
    with engine.begin() as conn:
        load_year(conn, validated.sheets, 2021)
        recompute_year(conn, 2021, _targets)

    assert by_year(engine, "tahun <> 2021") == others_before
    full, *_ = run_stages(data, another_warehouse_url, _targets)
    after = by_year(engine, "tahun = 2021")
    assert after == by_year(full, "tahun = 2021")
    assert (2021, 2021, 3, "SETDA", 0, 0) in after["agg_opd_minggu"]
    engine.dispose()
    full.dispose()
