"""The contract's rules 1-8 on one small case (seven ASN, five sessions), a few rows in and the
exact rows out.

Each rule case is a unit test of the part that applies it: the SQL model, fed the case's rows
with tests/sql_unit.py on SQLite and on PostgreSQL, or the pure Python preparer that parses
the cells (NIPs, names, times) into the rows the models read. Two end-to-end runs
(extract -> validate -> load -> all models) check that the parts fit: the case as it is,
and the case with two rows that rule 8 quarantines. Each quarantine reason is tested in
tests/test_validation.py, the golden year in tests/test_flow_golden.py.
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

import pytest
from sqlalchemy import text

from mekar.extract.base import RawWorksheet
from mekar.validate.contracts import resolve_table
from mekar.validate.prepare import PREPARERS, Reference, kebutuhan_choices
from mekar.validate.timeparse import wall_seconds
from tests.helpers import run_stages, write_files
from tests.sql_unit import run_model

# --- the case, as the sheets hold it (tests/test_week_data.py and test_weekly_email.py use
# it too) ---------------------------------------------------------------------------------

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
    "198503122010011003",  # Budi, DINKES
    "199001012015012001",  # Sari, SETDA, PPPK
    "198001012005011001",  # Tri, DINKES
    "197001012000011001",  # Sri Wahyuni, DINKES
    "197501012001012001",  # Sri Wahyuni, SETDA: the same name
    "196801012000011001",  # Eko, SETDA, inactive
    "198801012010012001",  # Ani, DINKES
)
S2022, S1, S2, S3, S4 = (
    "MEKAR-2022-009",
    "MEKAR-2023-001",
    "MEKAR-2023-002",
    "MEKAR-2023-003",
    "MEKAR-2023-004",
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


# --- the same case as the rows the models read (what mekar.validate.prepare makes of the sheets) ----


def _at(moment: str) -> int:
    """Wall seconds of '2023-07-03 08:00' (mekar.validate.timeparse), as the warehouse stores times."""
    return wall_seconds(datetime.fromisoformat(moment))


def _session(code, name, day, start, end, jp, min_kehadiran, jenis, bentuk):
    return {
        "kode_kegiatan": code,
        "nama_kegiatan": name,
        "jenis_kompetensi": jenis,
        "bentuk": bentuk,
        "tanggal": day,
        "tahun": day.year,
        "mulai_s": _at(f"{day} {start}"),
        "selesai_s": _at(f"{day} {end}"),
        "durasi_menit": (_at(f"{day} {end}") - _at(f"{day} {start}")) // 60,
        "jp": jp,
        "min_kehadiran": min_kehadiran,
    }


SESSIONS = [  # stg_kegiatan
    _session(S2022, "Refleksi", date(2022, 12, 12), "08:00", "11:00", 20, 80.0, "Manajerial",
             "Seminar"),
    _session(S1, "Core Value BerAKHLAK", date(2023, 7, 3), "08:00", "11:00", 4, 80.0,
             "Sosial Kultural", "Seminar"),
    _session(S2, "Literasi Digital", date(2023, 7, 17), "13:00", "15:00", 3, 75.0, "Teknis",
             "Pelatihan Jarak Jauh"),
    _session(S3, "Bimtek SKP", date(2023, 8, 2), "08:00", "16:00", 8, 80.0, "Teknis",
             "Bimbingan Teknis"),  # default bar
    _session(S4, "Pelayanan Prima", date(2023, 8, 21), "09:00", "12:45", 2, 64.4, "Teknis",
             "Workshop"),
]  # fmt: skip


def _teknis_jp(nip: str) -> int:
    """The JP of technical sessions an ASN was credited in 2023 (IP ASN's indicator)."""
    teknis = {s["kode_kegiatan"] for s in SESSIONS if s["jenis_kompetensi"] == "Teknis"}
    return sum(c[3] for c in CREDITS_2023 if c[1] == nip and c[2] in teknis)


SESSIONS_2023 = [s for s in SESSIONS if s["tahun"] == 2023]


def _asn(nip, nama, nama_kunci, jenis, opd, jabatan, aktif=True, email=None):
    return {
        "nip": nip,
        "nama": nama,
        "nama_kunci": nama_kunci,
        "jenis_asn": jenis,
        "kode_opd": opd,
        "jabatan": jabatan,
        # as the pegawai sheet of this year says: DINKES's are Fungsional, SETDA's Pelaksana
        "jenis_jabatan": "Fungsional" if opd == "DINKES" else "Pelaksana",
        "aktif": aktif,
        "email": email,
    }


ROSTER = [  # stg_pegawai
    _asn(A, "dr. Budi Santoso, M.M.", "budi santoso", "PNS", "DINKES", "Dokter",
         email="budi@mail.example"),
    _asn(B, "Sari Wulandari", "sari wulandari", "PPPK", "SETDA", "Analis"),
    _asn(C, "Tri Utami", "tri utami", "PNS", "DINKES", "Perawat", email="tri@mail.example"),
    _asn(D, "Sri Wahyuni", "sri wahyuni", "PNS", "DINKES", "Bidan"),
    _asn(E, "Sri Wahyuni", "sri wahyuni", "PNS", "SETDA", "Analis"),
    _asn(F, "Eko Prasetyo", "eko prasetyo", "PNS", "SETDA", "Analis", aktif=False),
    _asn(G, "Ani Lestari", "ani lestari", "PNS", "DINKES", "Perawat"),
]  # fmt: skip
ROSTER_EMAILS = [("budi@mail.example", A), ("tri@mail.example", C)]  # int_roster_email
ROSTER_NAMES = [  # int_roster_name
    ("ani lestari", G),
    ("budi santoso", A),
    ("sari wulandari", B),
    ("tri utami", C),
]
OPDS = [  # stg_opd
    {"kode_opd": "DINKES", "nama_opd": "Dinas Kesehatan", "email": "dinkes@sragen.example"},
    {"kode_opd": "SETDA", "nama_opd": "Sekretariat Daerah", "email": None},
]


def _zoom(code, baris, name, join, leave, nip=None, metode=None, guest=0, email=None, **found):
    """One Zoom row: what stg_zoom holds (`found`: nip_tampilan, nip_asli, kunci_tampilan,
    kunci_asli, the identifiers read from the name) and whom rule 2 gives it to."""
    day = {S1: "2023-07-03", S2: "2023-07-17", S4: "2023-08-21"}[code]
    return {
        "kode_kegiatan": code,
        "baris": baris,
        "nama_zoom": name,
        "email": email,
        "guest": guest,
        "join_s": _at(f"{day} {join}"),
        "leave_s": _at(f"{day} {leave}"),
        "nip_tampilan": found.get("nip_tampilan"),
        "nip_asli": found.get("nip_asli"),
        "kunci_tampilan": found.get("kunci_tampilan"),
        "kunci_asli": found.get("kunci_asli"),
        # rule 2c's names as written: the display name, and the original in parentheses
        "tertulis_tampilan": " ".join(name.split(" (")[0].casefold().split()),
        "tertulis_asli": (
            " ".join(name[name.rindex("(") + 1 : -1].casefold().split())
            if name.endswith(")")
            else None
        ),
        "nip": nip,
        "metode": metode,
    }


ZOOM = [
    # (a) a NIP written with spaces in the name
    _zoom(S1, 5, "19850312 201001 1 003 Budi", "07:50:00", "11:10:00", A, "nip",
          nip_tampilan=A, kunci_tampilan="budi"),
    # (b) no NIP, the User Email is Tri's
    _zoom(S1, 6, "iPhone", "08:00:00", "10:24:00", C, "email",
          email="tri@mail.example", kunci_tampilan="iphone"),
    # (c) two active ASN are called Sri Wahyuni: the name identifies nobody
    _zoom(S1, 7, "Sri Wahyuni", "08:00:00", "11:00:00", kunci_tampilan="sri wahyuni"),
    # (c) titles stripped; the same person on a second device
    _zoom(S1, 8, "Ani Lestari, S.Pd.", "08:00:00", "10:00:00", G, "nama",
          kunci_tampilan="ani lestari"),
    _zoom(S1, 9, "Ani Lestari", "08:30:00", "10:20:00", G, "nama",
          kunci_tampilan="ani lestari"),
    # an inactive ASN is still matched by NIP
    _zoom(S1, 10, "196801012000011001_Eko", "08:00:00", "11:00:00", F, "nip",
          nip_tampilan=F, kunci_tampilan="eko"),
    # a guest nobody matches, and a device name nobody matches
    _zoom(S1, 11, "Narasumber Pusat", "08:00:00", "11:00:00", guest=1,
          kunci_tampilan="narasumber pusat"),
    _zoom(S1, 12, "iPad", "08:00:00", "11:00:00", kunci_tampilan="ipad"),
    # NIP_Nama_OPD; a reconnect after 5 minutes says Guest = Yes: still hers
    _zoom(S1, 13, "199001012015012001_Sari_SETDA", "08:00:00", "09:00:00", B, "nip",
          nip_tampilan=B, kunci_tampilan="sari"),
    _zoom(S1, 14, "199001012015012001_Sari_SETDA", "09:05:00", "11:00:00", B, "nip", guest=1,
          nip_tampilan=B, kunci_tampilan="sari"),
    # 89 min 59 s of 120; Sari renamed herself, her original name holds her NIP
    _zoom(S2, 2, "198503122010011003_Budi_DINKES", "13:00:00", "14:29:59", A, "nip",
          nip_tampilan=A, kunci_tampilan="budi"),
    _zoom(S2, 3, "Sari (199001012015012001_Sari)", "12:30:00", "14:30:00", B, "nip",
          nip_asli=B, kunci_tampilan="sari", kunci_asli="sari"),
    # 8,694 s of 225 minutes: exactly 64,4 %
    _zoom(S4, 2, "Ani Lestari", "09:00:00", "11:24:54", G, "nama",
          kunci_tampilan="ani lestari"),
]  # fmt: skip
_MATCH = ("nip", "metode")
_FOUND = (
    "nip_tampilan",
    "nip_asli",
    "kunci_tampilan",
    "kunci_asli",
    "tertulis_tampilan",
    "tertulis_asli",
)
# Inputs of the rules 9 and 10 a test of rules 1-7 gives empty: no correction, no report.
NO_CREDIT_CORRECTIONS = (["nip", "kode_kegiatan", "jenis"], [])
NO_NAME_CORRECTIONS = (["kode_sasaran", "nama_kunci", "nip"], [])
NO_OUTSIDE_CREDITS = (["tahun bigint", "nip", "jp bigint", "jenis_kompetensi", "bentuk"], [])
NO_CORRECTED_EVIDENCE = (["tahun bigint", "nip", "dikoreksi bigint"], [])


def _stg_zoom(rows):
    return [
        {"row_key": f"{r['kode_kegiatan']}:{r['baris']:03}"}
        | {k: v for k, v in r.items() if k not in _MATCH}
        for r in rows
    ]


def _matched(rows):  # int_zoom_matched
    return [{k: v for k, v in r.items() if k not in _FOUND} for r in rows]


CHECKINS = [  # stg_daftar_hadir: day-first timestamps, the date they fall on
    {"nip": C, "kode_kegiatan": S3, "submitted_at": "2023-08-02 08:10:00",
     "tanggal": date(2023, 8, 2)},
    {"nip": D, "kode_kegiatan": S3, "submitted_at": "2023-08-01 09:00:00",
     "tanggal": date(2023, 8, 1)},
    {"nip": A, "kode_kegiatan": S1, "submitted_at": "2023-07-03 08:05:00",
     "tanggal": date(2023, 7, 3)},
]  # fmt: skip


def _response(baris, nip, at, unit, code, topik, choices):
    return {
        "nip": nip,
        "baris": baris,
        "tahun": int(at[:4]),
        "submitted_at": at,
        "unit_kerja": unit,
        "kode_opd_tertulis": code,
        "topik": topik,
        "choices": choices,
    }


NEEDS = [  # stg_kebutuhan, with each response's checkbox answers
    _response(2, A, "2023-07-05 10:00:00", "Dinkes", "DINKES", "Analisis data",
              [("jenis_kompetensi", "Teknis"), ("jalur", "E-Learning"),
               ("model", "Flexible Learning")]),
    _response(3, A, "2023-07-10 09:00:00", "Setda", "SETDA", "Kepemimpinan",
              [("jenis_kompetensi", "Manajerial"), ("jalur", "Coaching"),
               ("jalur", "Mentoring"), ("model", "Social Learning")]),
    _response(4, A, "2022-11-15 10:00:00", "Dinkes", "DINKES", "Arsip",
              [("jenis_kompetensi", "Teknis"), ("jalur", "Kursus"),
               ("model", "Flexible Learning")]),
    _response(5, B, "2023-07-06 08:00:00", "Setda", "SETDA", "kepemimpinan",
              [("jenis_kompetensi", "Teknis"), ("jenis_kompetensi", "Sosial Kultural"),
               ("jalur", "E-Learning"), ("model", "Social Learning"),
               ("model", "Experiential Learning")]),
]  # fmt: skip
STG_KEBUTUHAN = [{k: v for k, v in r.items() if k != "choices"} for r in NEEDS]
STG_KEBUTUHAN_PILIHAN = [
    {"nip": r["nip"], "submitted_at": r["submitted_at"], "kategori": kategori, "nilai": nilai}
    for r in NEEDS
    for kategori, nilai in r["choices"]
]
# int_kebutuhan_standing: Budi's 10 July response supersedes his 5 July one
STANDING = [
    {k: r[k] for k in ("nip", "tahun", "submitted_at", "topik", "unit_kerja", "kode_opd_tertulis")}
    for r in NEEDS
    if r["baris"] != 2
]

NEEDS_PER_OPD = [  # agg_opd_kebutuhan
    (2022, "DINKES", "jalur", "Kursus", 1),
    (2022, "DINKES", "jenis_kompetensi", "Teknis", 1),
    (2022, "DINKES", "model", "Flexible Learning", 1),
    (2022, "DINKES", "topik", "Arsip", 1),
    (2023, "DINKES", "jalur", "Coaching", 1),
    (2023, "DINKES", "jalur", "Mentoring", 1),
    (2023, "DINKES", "jenis_kompetensi", "Manajerial", 1),
    (2023, "DINKES", "model", "Social Learning", 1),
    (2023, "DINKES", "topik", "Kepemimpinan", 1),
    (2023, "SETDA", "jalur", "E-Learning", 1),
    (2023, "SETDA", "jenis_kompetensi", "Sosial Kultural", 1),
    (2023, "SETDA", "jenis_kompetensi", "Teknis", 1),
    (2023, "SETDA", "model", "Experiential Learning", 1),
    (2023, "SETDA", "model", "Social Learning", 1),
    (2023, "SETDA", "topik", "kepemimpinan", 1),
]

# What rule 3 and rule 4 make of it (int_zoom_attendance, the credits).
ATTENDANCE = [
    {"nip": F, "kode_kegiatan": S1, "detik_hadir": 180 * 60},
    {"nip": C, "kode_kegiatan": S1, "detik_hadir": 144 * 60},
    {"nip": A, "kode_kegiatan": S1, "detik_hadir": 180 * 60},
    {"nip": G, "kode_kegiatan": S1, "detik_hadir": 140 * 60},
    {"nip": B, "kode_kegiatan": S1, "detik_hadir": 175 * 60},
    {"nip": A, "kode_kegiatan": S2, "detik_hadir": 90 * 60 - 1},
    {"nip": B, "kode_kegiatan": S2, "detik_hadir": 90 * 60},
    {"nip": G, "kode_kegiatan": S4, "detik_hadir": 8_694},
]
CREDIT_ZOOM = [a for a in ATTENDANCE if (a["nip"], a["kode_kegiatan"]) not in {(G, S1), (A, S2)}]
CREDIT_CHECKIN = [{"nip": A, "kode_kegiatan": S1}, {"nip": C, "kode_kegiatan": S3}]
CREDITS_2023 = [  # fct_credits
    (2023, F, S1, 4, "zoom", 180.0),  # inactive: still credited
    (2023, C, S1, 4, "zoom", 144.0),
    (2023, C, S3, 8, "daftar_hadir", None),
    (2023, A, S1, 4, "zoom+daftar_hadir", 180.0),  # both: 4 JP, not 8
    (2023, G, S4, 2, "zoom", 144.9),
    (2023, B, S1, 4, "zoom", 175.0),
    (2023, B, S2, 3, "zoom", 90.0),
]
TARGETS = [
    {"tahun": tahun, "jenis_asn": jenis, "target_jp": _targets(tahun, jenis)}
    for tahun in (2022, 2023)
    for jenis in ("PNS", "PPPK")
]
COMPLIANCE_2023 = [  # fct_compliance
    (2023, D, "Sri Wahyuni", "DINKES", "PNS", "Bidan", 0, 12, 0, 12),
    (2023, E, "Sri Wahyuni", "SETDA", "PNS", "Analis", 0, 12, 0, 12),
    (2023, C, "Tri Utami", "DINKES", "PNS", "Perawat", 12, 12, 1, 0),  # on the bar: complies
    (2023, A, "dr. Budi Santoso, M.M.", "DINKES", "PNS", "Dokter", 4, 12, 0, 8),
    (2023, G, "Ani Lestari", "DINKES", "PNS", "Perawat", 2, 12, 0, 10),
    (2023, B, "Sari Wulandari", "SETDA", "PPPK", "Analis", 7, 20, 0, 13),
]  # the inactive Eko is not listed, though credited
AGG_OPD_2023 = [  # agg_opd
    # ..., and none has 20 JP of technical development
    (2023, "DINKES", "Dinas Kesehatan", 4, 1, 25.0, 18, 4.5, 1, 25.0, 0, 0.0),
    (2023, "SETDA", "Sekretariat Daerah", 2, 0, 0.0, 7, 3.5, 1, 50.0, 0, 0.0),
]


def _compliance_2023_rows():
    """fct_compliance's whole rows for 2023: COMPLIANCE_2023, then jp_kegiatan (all of it),
    jp_mandiri and sesi_dikoreksi (none), jp_teknis, jenis_jabatan, and the IP ASN indicators:
    no diklat kepemimpinan or fungsional; a seminar or workshop (S1, S4) attended or not."""
    jabatan = {a["nip"]: a["jenis_jabatan"] for a in ROSTER}
    seminar = {s["kode_kegiatan"] for s in SESSIONS if s["bentuk"] in ("Seminar", "Workshop")}
    return [
        (*row, row[6], 0, 0, _teknis_jp(row[1]), jabatan[row[1]], 0, 0)
        + (int(any(c[1] == row[1] and c[2] in seminar for c in CREDITS_2023)),)
        for row in COMPLIANCE_2023
    ]


def _credit_rows(credits):
    return [{"tahun": t, "nip": n, "kode_kegiatan": k, "jp": jp} for t, n, k, jp, *_ in credits]


def _compliance_rows(rows):
    names = ("tahun", "nip", "nama", "kode_opd", "jenis_asn", "jabatan", "jp", "target_jp")
    return [
        dict(zip(names + ("memenuhi", "kurang_jp"), r, strict=True), jp_teknis=_teknis_jp(r[1]))
        for r in rows
    ]


# --- the Python that parses the cells into those rows ---------------------------------------


def _reference() -> Reference:
    ref = Reference()
    for row in csv.DictReader(io.StringIO(OPD.strip())):
        ref.add_opd(row["Kode OPD"], row["Nama OPD"], row["Alias"])
    ref.roster_nips = {A, B, C, D, E, F, G}
    ref.session_codes = {s["kode_kegiatan"] for s in SESSIONS}
    return ref


def _prepared(kind: str, spreadsheet: str, worksheet: str, sheet: str) -> list[dict]:
    """mekar.validate.prepare's records of one worksheet given as CSV text."""
    cells = list(csv.reader(io.StringIO(sheet.strip())))
    raw = RawWorksheet(spreadsheet, worksheet, cells, list(range(1, len(cells) + 1)))
    table = resolve_table(raw, kind)
    records, _rules = PREPARERS[kind](table, _reference())
    return records


def _pick(records: list[dict], fields) -> list[dict]:
    return [{f: r[f] for f in fields} for r in records]


def test_rule_1_a_session_is_the_year_window_and_length_of_its_catalog_row():
    # d/m/yyyy dates, HH:MM and HH.MM clocks, "64,4" %, an empty Min Kehadiran is 80
    got = _prepared("kegiatan", "kegiatan", "kegiatan", KEGIATAN)
    assert _pick(got, SESSIONS[0]) == SESSIONS


def test_rule_2_a_zoom_row_carries_the_nip_email_and_folded_names_it_shows():
    got = [
        {**r, "row_key": f"{r['kode_kegiatan']}:{r['baris']:03}", "guest": int(r["guest"])}
        for code, sheet in ((S1, ZOOM_001), (S2, ZOOM_002), (S4, ZOOM_004))
        for r in _prepared("zoom", "log_zoom", code, sheet)
    ]
    expected = _stg_zoom(ZOOM)
    assert _pick(got, expected[0]) == expected


def test_rule_2c_roster_names_are_folded_as_zoom_names_are():
    got = _prepared("pegawai", "master", "pegawai", PEGAWAI)
    assert _pick(got, ROSTER[0]) == ROSTER


def test_rule_4_a_check_in_is_dated_day_first_and_its_nip_cleaned():
    got = _prepared("daftar_hadir", "kegiatan", "daftar_hadir", DAFTAR_HADIR)
    got = [{**r, "submitted_at": str(r["submitted_at"])} for r in got]
    assert _pick(got, CHECKINS[0]) == CHECKINS


def test_rule_7_a_needs_response_counts_in_the_year_of_its_timestamp():
    # and rule 6: the typed Unit Kerja is kept beside the OPD it names, the roster's stands
    got = _prepared("kebutuhan", "kebutuhan", "Form Responses 1", KEBUTUHAN)
    got = [
        {**r, "submitted_at": str(r["submitted_at"]), "choices": kebutuhan_choices(r)} for r in got
    ]
    assert _pick(got, NEEDS[0]) == NEEDS


# --- the SQL of each rule ----------------------------------------------------------------


def test_rule_1_credits_and_totals_count_in_the_year_of_the_session(warehouse_url):
    credits = run_model(
        warehouse_url,
        "fct_credits",
        {
            "stg_kegiatan": SESSIONS,
            "int_credit_zoom": [
                {"nip": A, "kode_kegiatan": S2022, "detik_hadir": 180 * 60},
                {"nip": A, "kode_kegiatan": S1, "detik_hadir": 180 * 60},
            ],
            "int_credit_checkin": (["nip", "kode_kegiatan"], []),
            "int_koreksi_kredit": NO_CREDIT_CORRECTIONS,
            "int_zoom_attendance": [
                {"nip": A, "kode_kegiatan": S2022, "detik_hadir": 180 * 60},
                {"nip": A, "kode_kegiatan": S1, "detik_hadir": 180 * 60},
            ],
        },
    )
    assert [r[:4] for r in credits] == [(2022, A, S2022, 20), (2023, A, S1, 4)]
    compliance = run_model(
        warehouse_url,
        "fct_compliance",
        {
            "stg_kegiatan": SESSIONS,
            "stg_pegawai": ROSTER,
            "cfg_target": TARGETS,
            "fct_credits": [
                {"tahun": 2022, "nip": A, "kode_kegiatan": S2022, "jp": 20},
                {"tahun": 2023, "nip": A, "kode_kegiatan": S1, "jp": 4},
            ],
            "fct_credits_mandiri": NO_OUTSIDE_CREDITS,
            "fct_evidence": NO_CORRECTED_EVIDENCE,
        },
    )
    # 2022's 20 JP meet 2022's target and never count for 2023
    assert [(r[0], r[6], r[8]) for r in compliance if r[1] == A] == [(2022, 20, 1), (2023, 4, 0)]


def test_rule_2b_an_email_identifies_the_one_asn_who_has_it(warehouse_url):
    assert run_model(warehouse_url, "int_roster_email", {"stg_pegawai": ROSTER}) == ROSTER_EMAILS


def test_rule_2c_a_name_identifies_only_one_active_asn(warehouse_url):
    # the two active Sri Wahyuni share a name; an inactive ASN's name identifies nobody
    assert run_model(warehouse_url, "int_roster_name", {"stg_pegawai": ROSTER}) == ROSTER_NAMES


def test_rule_2_zoom_rows_match_by_nip_then_email_then_name(warehouse_url):
    # Beside the case's rows, two that name one ASN and carry another's email: a NIP in the
    # name beats the email, the email beats the name.
    order = [
        _zoom(S4, 3, "198001012005011001_Tri", "09:00:00", "09:30:00", C, "nip",
              email="budi@mail.example", nip_tampilan=C, kunci_tampilan="tri"),
        _zoom(S4, 4, "Ani Lestari", "09:00:00", "09:30:00", C, "email",
              email="tri@mail.example", kunci_tampilan="ani lestari"),
    ]  # fmt: skip
    got = run_model(
        warehouse_url,
        "int_zoom_matched",
        {
            "stg_zoom": _stg_zoom(ZOOM + order),
            "stg_pegawai": ROSTER,
            "int_roster_email": [{"email": e, "nip": n} for e, n in ROSTER_EMAILS],
            "int_roster_name": [{"nama_kunci": k, "nip": n} for k, n in ROSTER_NAMES],
            # rule 2c's names as written are tested in test_sql_models; none here
            "int_roster_name_tertulis": (["nama_tertulis", "nip", "jumlah bigint"], []),
            "int_koreksi_cocokkan": NO_NAME_CORRECTIONS,
        },
    )
    assert [(r[0], r[2], r[3], r[8], r[9]) for r in got] == sorted(
        (r["kode_kegiatan"], r["baris"], r["nama_zoom"], r["nip"], r["metode"])
        for r in ZOOM + order
    )


def test_rule_2_unmatched_rows_go_to_review_but_unmatched_guests_are_dropped(warehouse_url):
    got = run_model(
        warehouse_url,
        "rpt_zoom_unmatched",
        {"stg_kegiatan": SESSIONS, "int_zoom_matched": _matched(ZOOM)},
    )
    # Narasumber Pusat (a guest) is left out; Sari's Guest=Yes row is matched
    assert got == [(2023, S1, 7, "Sri Wahyuni", None, 180.0), (2023, S1, 12, "iPad", None, 180.0)]


def test_rule_3_minutes_are_the_union_of_intervals_clipped_to_the_window(warehouse_url):
    got = run_model(
        warehouse_url,
        "int_zoom_attendance",
        {"stg_kegiatan": SESSIONS, "int_zoom_matched": _matched(ZOOM)},
    )
    # Budi joined 07:50 and left 11:10: 180 min; Ani's two devices, 120 + 110 minutes of
    # rows, are 08:00-10:20 = 140; Sari's reconnect leaves a 5-minute gap: 175; in session
    # 002 she joined at 12:30, so 90 of its 120 minutes. Unmatched rows are nobody's.
    assert got == sorted(tuple(a.values()) for a in ATTENDANCE)


def test_rule_4_zoom_earns_at_min_kehadiran_percent_of_the_length(warehouse_url):
    got = run_model(
        warehouse_url,
        "int_credit_zoom",
        {
            "stg_kegiatan": SESSIONS,
            "int_zoom_attendance": [
                *ATTENDANCE,
                {"nip": E, "kode_kegiatan": S4, "detik_hadir": 8_694 - 1},  # just under 64,4 %
            ],
        },
    )
    # Tri's 144 of 180 minutes is exactly 80 % and Ani's 8,694 s of 225 min exactly 64,4 %:
    # both earn; Ani's 140 of 180 and Budi's 89 min 59 s of 120 (75 %) do not
    assert got == sorted(tuple(a.values()) for a in CREDIT_ZOOM)


def test_rule_4_a_check_in_earns_only_on_the_session_date(warehouse_url):
    got = run_model(
        warehouse_url,
        "int_credit_checkin",
        {"stg_daftar_hadir": CHECKINS, "stg_kegiatan": SESSIONS, "stg_pegawai": ROSTER},
    )
    # Sri checked in on 1/8 for the 2/8 session: nothing
    assert got == sorted(tuple(c.values()) for c in CREDIT_CHECKIN)


def test_rule_4_a_session_earns_its_jp_once_with_every_evidence_named(warehouse_url):
    got = run_model(
        warehouse_url,
        "fct_credits",
        {
            "stg_kegiatan": SESSIONS,
            "int_credit_zoom": CREDIT_ZOOM,
            "int_credit_checkin": CREDIT_CHECKIN,
            "int_zoom_attendance": ATTENDANCE,
            "int_koreksi_kredit": NO_CREDIT_CORRECTIONS,
        },
    )
    assert got == CREDITS_2023


def test_rule_5_an_active_asn_complies_at_or_above_the_target(warehouse_url):
    got = run_model(
        warehouse_url,
        "fct_compliance",
        {
            "stg_kegiatan": SESSIONS_2023,
            "stg_pegawai": ROSTER,
            "cfg_target": TARGETS,
            "fct_credits": _credit_rows(CREDITS_2023),
            "fct_credits_mandiri": NO_OUTSIDE_CREDITS,
            "fct_evidence": NO_CORRECTED_EVIDENCE,
        },
    )
    # rule 6 too: the OPD is the roster's; no outside learning, no correction
    assert got == _compliance_2023_rows()


def test_rule_5_opd_totals_count_active_asn_of_the_roster_opd(warehouse_url):
    got = run_model(
        warehouse_url,
        "agg_opd",
        {
            "stg_kegiatan": SESSIONS_2023,
            "stg_opd": OPDS,
            "fct_compliance": _compliance_rows(COMPLIANCE_2023),
            "int_kebutuhan_standing": STANDING,
            "stg_pegawai": ROSTER,
        },
    )
    # rule 6: Budi, who typed "Setda", is a respondent of DINKES, his roster OPD
    assert got == AGG_OPD_2023


def test_rule_6_a_unit_kerja_typed_in_a_form_is_shown_never_applied(warehouse_url):
    got = run_model(
        warehouse_url,
        "rpt_unit_kerja",
        {"int_kebutuhan_standing": STANDING, "stg_pegawai": ROSTER},
    )
    # Budi (DINKES on the roster) typed "Setda" in his standing 2023 response; Sari typed
    # her own OPD; his superseded and 2022 responses typed "Dinkes"
    assert got == [(2023, "DINKES", "Setda", "SETDA", 1)]


def test_rule_7_the_latest_needs_response_of_a_year_stands(warehouse_url):
    got = run_model(warehouse_url, "int_kebutuhan_standing", {"stg_kebutuhan": STG_KEBUTUHAN})
    assert got == sorted(tuple(s.values()) for s in STANDING)


def test_rule_7_needs_per_opd_count_the_standing_answers_only(warehouse_url):
    got = run_model(
        warehouse_url,
        "agg_opd_kebutuhan",
        {
            "int_kebutuhan_standing": STANDING,
            "stg_kebutuhan_pilihan": STG_KEBUTUHAN_PILIHAN,
            "stg_pegawai": ROSTER,
        },
    )
    # Budi's 5 July answers (Teknis, E-Learning, ...) are superseded; 2022's stand for 2022
    assert got == NEEDS_PER_OPD


# --- end to end: the sheets through extract, validation, load and every model ------------


@pytest.fixture
def year(tmp_path, warehouse_url):
    folder = write_files(tmp_path / "data", year_files())
    engine, *_ = run_stages(folder, warehouse_url, _targets)
    yield engine
    engine.dispose()


def rows(engine, sql, **params):
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql), params)]


def test_rules_1_to_7_end_to_end_credits_compliance_opds_and_needs(year):
    assert rows(
        year,
        "select tahun, nip, kode_kegiatan, jp, bukti, menit_zoom from fct_credits "
        "order by tahun, nip, kode_kegiatan",
    ) == [(2022, A, S2022, 20, "zoom", 180.0), *CREDITS_2023]
    assert rows(year, "select * from fct_compliance where tahun = 2023 order by nip") == (
        _compliance_2023_rows()
    )
    assert rows(year, "select * from agg_opd where tahun = 2023 order by kode_opd") == (
        AGG_OPD_2023
    )
    assert rows(year, "select * from rpt_unit_kerja") == [(2023, "DINKES", "Setda", "SETDA", 1)]
    assert sorted(rows(year, "select * from agg_opd_kebutuhan")) == NEEDS_PER_OPD


# Rows that break a rule, added to the case's sheets: quarantined, the rest still loads.
BAD_CHECKIN = "3/7/2023 8:06:00,MEKAR-2023-001,1.98503E+17,Budi,Dinkes"
BAD_ZOOM = "Tri Utami,,07/03/2023 10:00:00 AM,07/03/2023 9:00:00 AM,0,No"


def test_rules_2_3_and_8_end_to_end_matching_review_and_quarantine(tmp_path, warehouse_url):
    files = year_files()
    files["kegiatan/daftar_hadir.csv"] = DAFTAR_HADIR.strip() + "\n" + BAD_CHECKIN
    files["log_zoom/MEKAR-2023-001.csv"] = ZOOM_001.strip() + "\n" + BAD_ZOOM
    engine, *_ = run_stages(write_files(tmp_path / "data", files), warehouse_url, _targets)
    try:
        assert rows(
            engine,
            "select kode_kegiatan, baris, nama_zoom, nip, metode from int_zoom_matched "
            "where kode_kegiatan <> :old order by kode_kegiatan, baris",
            old=S2022,
        ) == [(r["kode_kegiatan"], r["baris"], r["nama_zoom"], r["nip"], r["metode"]) for r in ZOOM]
        assert rows(
            engine,
            "select nip, kode_kegiatan, detik_hadir from int_zoom_attendance "
            "where kode_kegiatan <> :old order by nip, kode_kegiatan",
            old=S2022,
        ) == sorted(tuple(a.values()) for a in ATTENDANCE)
        # sheet rows as in the log, below its preamble
        assert rows(
            engine,
            "select kode_kegiatan, baris, nama_zoom, menit from rpt_zoom_unmatched order by baris",
        ) == [(S1, 7, "Sri Wahyuni", 180.0), (S1, 12, "iPad", 180.0)]
        assert rows(
            engine, "select sumber, worksheet, baris, alasan from quarantine order by sumber"
        ) == [
            ("kegiatan", "daftar_hadir", 5, "nip_precision_lost"),
            ("log_zoom", S1, 15, "interval_invalid"),
        ]
    finally:
        engine.dispose()
