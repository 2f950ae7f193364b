"""The contract's rules 1-8, each shown with a few rows in and the exact rows out, on SQLite
and on PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from tests.helpers import run_stages, write_files

OPD = """
Kode OPD,Nama OPD,Alias,Email
DINKES,Dinas Kesehatan,Dinkes,dinkes@sragen.example
SETDA,Sekretariat Daerah,Setda,
"""
PEGAWAI = """
NIP,Nama,Jenis ASN,Kode OPD,Jabatan,Jenis Jabatan,Golongan,Aktif,Email
198503122010011003,"dr. Budi Santoso, M.M.",PNS,DINKES,Dokter,Fungsional,III/c,Ya,budi@mail.example
199001012015012001,Sari Wulandari,PPPK,SETDA,Analis,Pelaksana,,Ya,
198001012005011001,Tri Utami,PNS,DINKES,Perawat,Fungsional,III/a,Ya,tri@mail.example
197001012000011001,Sri Wahyuni,PNS,DINKES,Bidan,Fungsional,III/b,Ya,
197501012001012001,Sri Wahyuni,PNS,SETDA,Analis,Pelaksana,III/b,Ya,
196801012000011001,Eko Prasetyo,PNS,SETDA,Analis,Pelaksana,IV/a,Tidak,
198801012010012001,Ani Lestari,PNS,DINKES,Perawat,Fungsional,III/a,Ya,
"""
KEGIATAN = """
Kode Kegiatan,Nama Kegiatan,Tanggal,Jam Mulai,Jam Selesai,JP,Jalur,Bentuk,Jenis Kompetensi,Moda,Narasumber,Min Kehadiran
MEKAR-2022-009,Refleksi,12/12/2022,08:00,11:00,20,Klasikal,Seminar,Manajerial,Daring,X,80
MEKAR-2023-001,Core Value BerAKHLAK,3/7/2023,08:00,11:00,4,Klasikal,Seminar,Sosial Kultural,Daring,X,80
MEKAR-2023-002,Literasi Digital,17/7/2023,13.00,15.00,3,Nonklasikal,Pelatihan Jarak Jauh,Teknis,Daring,X,75
MEKAR-2023-003,Bimtek SKP,2/8/2023,08:00,16:00,8,Klasikal,Bimbingan Teknis,Teknis,Luring,X,
MEKAR-2023-004,Pelayanan Prima,21/8/2023,09:00,12:45,2,Klasikal,Workshop,Teknis,Daring,X,"64,4"
"""
DAFTAR_HADIR = """
Timestamp,Kode Kegiatan,NIP,Nama,Unit Kerja
2/8/2023 8:10:00,MEKAR-2023-003,198001012005011001,Tri Utami,Dinkes
1/8/2023 9:00:00,MEKAR-2023-003,197001012000011001,Sri Wahyuni,Dinkes
3/7/2023 8:05:00,MEKAR-2023-001,19850312 201001 1 003,Budi,Setda
"""
ZOOM_001 = """
Meeting ID,Topic,Start Time,End Time
1,Core Value BerAKHLAK,07/03/2023 8:00:00 AM,07/03/2023 11:00:00 AM
,,,
Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest
19850312 201001 1 003 Budi,,07/03/2023 7:50:00 AM,07/03/2023 11:10:00 AM,200,No
iPhone,tri@mail.example,07/03/2023 8:00:00 AM,07/03/2023 10:24:00 AM,144,No
Sri Wahyuni,,07/03/2023 8:00:00 AM,07/03/2023 11:00:00 AM,180,No
"Ani Lestari, S.Pd.",,07/03/2023 8:00:00 AM,07/03/2023 10:00:00 AM,120,No
Ani Lestari,,07/03/2023 8:30:00 AM,07/03/2023 10:20:00 AM,110,No
196801012000011001_Eko,,07/03/2023 8:00:00 AM,07/03/2023 11:00:00 AM,180,No
Narasumber Pusat,,07/03/2023 8:00:00 AM,07/03/2023 11:00:00 AM,180,Yes
iPad,,07/03/2023 8:00:00 AM,07/03/2023 11:00:00 AM,180,No
199001012015012001_Sari_SETDA,,07/03/2023 8:00:00 AM,07/03/2023 9:00:00 AM,60,No
199001012015012001_Sari_SETDA,,07/03/2023 9:05:00 AM,07/03/2023 11:00:00 AM,115,Yes
"""
ZOOM_004 = """
Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest
Ani Lestari,,08/21/2023 9:00:00 AM,08/21/2023 11:24:54 AM,145,No
"""
ZOOM_002 = """
Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest
198503122010011003_Budi_DINKES,,07/17/2023 1:00:00 PM,07/17/2023 2:29:59 PM,90,No
Sari (199001012015012001_Sari),,07/17/2023 12:30:00 PM,07/17/2023 2:30:00 PM,120,No
"""
ZOOM_2022 = """
Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest
198503122010011003_Budi,,12/12/2022 8:00:00 AM,12/12/2022 11:00:00 AM,180,No
"""
KEBUTUHAN = """
Timestamp,NIP,Nama Lengkap,Unit Kerja,Jenis Kompetensi,Topik yang Dibutuhkan,Jalur Pengembangan,Model Pembelajaran
5/7/2023 10:00:00,198503122010011003,Budi,Dinkes,Teknis,Analisis data,E-Learning,Flexible Learning
10/7/2023 9:00:00,198503122010011003,Budi,Setda,Manajerial,Kepemimpinan,"Coaching, Mentoring",Social Learning
15/11/2022 10:00:00,198503122010011003,Budi,Dinkes,Teknis,Arsip,Kursus,Flexible Learning
6/7/2023 8:00:00,199001012015012001,Sari,Setda,"Teknis, Sosial Kultural",kepemimpinan,E-Learning,"Social Learning, Experiential Learning"
"""

A, B, C, D, E, F, G = (
    "198503122010011003",
    "199001012015012001",
    "198001012005011001",
    "197001012000011001",
    "197501012001012001",
    "196801012000011001",
    "198801012010012001",
)


def _targets(year, jenis):
    # 12 JP for PNS puts Tri (12 JP) exactly on the bar: compliance is >=.
    return 12 if jenis == "PNS" else 20


def year_files(opd: str = OPD, pegawai: str = PEGAWAI) -> dict[str, str]:
    """The few rows of this year, as files (other tests add rows to the opd and pegawai)."""
    return {
        "master/opd.csv": opd,
        "master/pegawai.csv": pegawai,
        "kegiatan/kegiatan.csv": KEGIATAN,
        "kegiatan/daftar_hadir.csv": DAFTAR_HADIR,
        "log_zoom/MEKAR-2023-001.csv": ZOOM_001,
        "log_zoom/MEKAR-2023-002.csv": ZOOM_002,
        "log_zoom/MEKAR-2023-004.csv": ZOOM_004,
        "log_zoom/MEKAR-2022-009.csv": ZOOM_2022,
        "kebutuhan/Form Responses 1.csv": KEBUTUHAN,
    }


@pytest.fixture
def year(tmp_path, warehouse_url):
    folder = write_files(tmp_path / "data", year_files())
    engine, *_ = run_stages(folder, warehouse_url, _targets)
    yield engine
    engine.dispose()


def rows(engine, sql, **params):
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql), params)]


def test_each_matching_step(year):
    got = rows(
        year,
        "select nama_zoom, nip, metode from int_zoom_matched "
        "where kode_kegiatan = 'MEKAR-2023-001' order by baris",
    )
    assert got == [
        ("19850312 201001 1 003 Budi", A, "nip"),  # (a) NIP with spaces in the name
        ("iPhone", C, "email"),  # (b) User Email on the roster
        ("Sri Wahyuni", None, None),  # (c) two active ASN share the name: unmatched
        ("Ani Lestari, S.Pd.", G, "nama"),  # (c) titles stripped
        ("Ani Lestari", G, "nama"),
        ("196801012000011001_Eko", F, "nip"),  # inactive ASN still matched by NIP
        ("Narasumber Pusat", None, None),
        ("iPad", None, None),
        ("199001012015012001_Sari_SETDA", B, "nip"),
        ("199001012015012001_Sari_SETDA", B, "nip"),
    ]
    # the original name in parentheses identifies a renamed participant
    assert rows(
        year,
        "select nip, metode from int_zoom_matched where kode_kegiatan = 'MEKAR-2023-002' "
        "and nama_zoom like 'Sari%'",
    ) == [(B, "nip")]


def test_union_of_intervals_clipped_to_the_window(year):
    got = rows(
        year,
        "select nip, detik_hadir from int_zoom_attendance "
        "where kode_kegiatan = 'MEKAR-2023-001' order by nip",
    )
    assert got == [
        (F, 180 * 60),
        (C, 144 * 60),
        (A, 180 * 60),  # joined 07:50, left 11:10: clipped to 08:00-11:00
        (G, 140 * 60),  # two devices: 120 + 110 rows, union 08:00-10:20
        (B, 175 * 60),  # reconnect: 60 + 115 minutes, a 5-minute gap
    ]


def test_credits_rows(year):
    assert rows(
        year,
        "select nip, kode_kegiatan, jp, bukti from fct_credits where tahun = 2023 "
        "order by nip, kode_kegiatan",
    ) == [
        (F, "MEKAR-2023-001", 4, "zoom"),
        (C, "MEKAR-2023-001", 4, "zoom"),  # 144 of 180 minutes: exactly 80% earns
        (C, "MEKAR-2023-003", 8, "daftar_hadir"),
        (A, "MEKAR-2023-001", 4, "zoom+daftar_hadir"),
        # Budi's 89m59s of 120 in session 002 is under 75%: nothing
        # Ani's rows add up to 230 minutes but their union is 140 < 144: nothing
        (G, "MEKAR-2023-004", 2, "zoom"),  # 8,694 s of 225 min is exactly 64,4 %
        (B, "MEKAR-2023-001", 4, "zoom"),  # one of Sari's rows says Guest=Yes: still hers
        (B, "MEKAR-2023-002", 3, "zoom"),  # joined early; 90 of 120 minutes after clipping
    ]
    # Sri's check-in on 1/8 for the 2/8 session earns nothing
    assert rows(year, "select count(*) from fct_credits where nip = :nip", nip=D) == [(0,)]


def test_prior_year_session_counts_only_for_its_year(year):
    assert rows(year, "select tahun, nip, jp from fct_credits where tahun = 2022") == [
        (2022, A, 20)
    ]
    assert rows(
        year,
        "select tahun, jp, memenuhi from fct_compliance where nip = :nip order by tahun",
        nip=A,
    ) == [(2022, 20, 1), (2023, 4, 0)]


def test_compliance_is_at_or_above_the_target(year):
    assert rows(
        year,
        "select nip, kode_opd, jenis_asn, jp, target_jp, memenuhi, kurang_jp from fct_compliance "
        "where tahun = 2023 order by nip",
    ) == [
        (D, "DINKES", "PNS", 0, 12, 0, 12),
        (E, "SETDA", "PNS", 0, 12, 0, 12),
        (C, "DINKES", "PNS", 12, 12, 1, 0),
        (A, "DINKES", "PNS", 4, 12, 0, 8),
        (G, "DINKES", "PNS", 2, 12, 0, 10),
        (B, "SETDA", "PPPK", 7, 20, 0, 13),
    ]  # the inactive Eko is not listed


def test_opd_aggregates_and_standing_needs(year):
    assert rows(
        year,
        "select kode_opd, jumlah_asn, jumlah_memenuhi, persen_memenuhi, total_jp, "
        "responden_kebutuhan from agg_opd where tahun = 2023 order by kode_opd",
    ) == [("DINKES", 4, 1, 25.0, 18, 1), ("SETDA", 2, 0, 0.0, 7, 1)]
    # Budi's 10 July response supersedes his 5 July one; the 2022 one stands for 2022
    assert rows(
        year,
        "select tahun, kategori, nilai, jumlah from agg_opd_kebutuhan where kode_opd = 'DINKES' "
        "order by tahun, kategori, nilai",
    ) == [
        (2022, "jalur", "Kursus", 1),
        (2022, "jenis_kompetensi", "Teknis", 1),
        (2022, "model", "Flexible Learning", 1),
        (2022, "topik", "Arsip", 1),
        (2023, "jalur", "Coaching", 1),
        (2023, "jalur", "Mentoring", 1),
        (2023, "jenis_kompetensi", "Manajerial", 1),
        (2023, "model", "Social Learning", 1),
        (2023, "topik", "Kepemimpinan", 1),
    ]


def test_unit_kerja_typed_in_the_form_never_moves_an_asn(year):
    # Budi (DINKES on the roster) typed "Setda" in his standing 2023 response
    assert rows(year, "select * from rpt_unit_kerja order by tahun, kode_opd") == [
        (2023, "DINKES", "Setda", "SETDA", 1)
    ]
    assert rows(
        year, "select kode_opd from fct_compliance where tahun = 2023 and nip = :n", n=A
    ) == [("DINKES",)]


def test_unmatched_review_list_leaves_out_guests(year):
    assert rows(
        year,
        "select kode_kegiatan, baris, nama_zoom, menit from rpt_zoom_unmatched order by baris",
    ) == [("MEKAR-2023-001", 7, "Sri Wahyuni", 180.0), ("MEKAR-2023-001", 12, "iPad", 180.0)]
