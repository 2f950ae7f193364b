"""Write a realistic synthetic year of Sragen Mekar sources, in the files layout of the contract.

The files look like what BKPSDM staff download from Google Sheets ("Download -> CSV"): UTF-8,
comma-separated, quoted by the csv module, every cell text (see ``golden/mini``). The year carries
the mess the pipeline must survive: NIPs typed every way, precision-lost NIPs, Zoom renames,
reconnects, two-device overlaps, guests, a prior-year session, an invalid JP, check-ins on the
wrong day or for an unknown session, double submissions, a needs form edited mid-year, markup in
names. Demos, benchmarks and tests run on it.

Scale 1 is Kabupaten Sragen as DOMAIN.md describes it: 10,503 active ASN (8,783 PNS + 1,720
PPPK) in 50 OPDs, 49 sessions from 3 July 2023 (the first one the BerAKHLAK webinar with 1,622
ASN), about 60,000 Zoom rows. A larger scale adds regencies (Central Java has 35): each one is
generated on its own, with its own OPDs, sessions and form responses, and streamed to the same
files, so memory stays that of one regency whatever the scale.

Everything is drawn from ``random.Random`` instances seeded from ``seed`` (never the global
generator, never the clock), and nothing iterates a set, so one seed gives byte-identical files.
"""

from __future__ import annotations

import csv
import heapq
import math
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from random import Random
from typing import Any

from mekar.contracts import CONTRACTS

# --------------------------------------------------------------------------- contract headers

# The contract's columns, in its order (required, then optional), from mekar.contracts.
OPD_HEADER = [*CONTRACTS["opd"].required, *CONTRACTS["opd"].optional]
PEGAWAI_HEADER = [*CONTRACTS["pegawai"].required, *CONTRACTS["pegawai"].optional]
KEGIATAN_HEADER = [*CONTRACTS["kegiatan"].required, *CONTRACTS["kegiatan"].optional]
DAFTAR_HADIR_HEADER = list(CONTRACTS["daftar_hadir"].required)
# The needs form as it stands at the end of the year: "Topik yang Dibutuhkan" was renamed in the
# form editor (the sheet column follows the new title) and "Nomor WhatsApp" was added, which
# Google Forms appends as the last column, blank for earlier responses.
KEBUTUHAN_TOPIK_COLUMN = "Topik Pengembangan Kompetensi yang Dibutuhkan"
KEBUTUHAN_HEADER = [
    "Timestamp",
    "Email Address",
    "NIP",
    "Nama Lengkap",
    "Unit Kerja",
    "Jenis Kompetensi",
    KEBUTUHAN_TOPIK_COLUMN,
    "Jalur Pengembangan",
    "Model Pembelajaran",
    "Nomor WhatsApp",
]
ZOOM_HEADER = [
    "Name (Original Name)",
    "User Email",
    "Join Time",
    "Leave Time",
    "Duration (Minutes)",
    "Guest",
]
ZOOM_CONSENT_COLUMN = "Recording Consent"
ZOOM_PREAMBLE_HEADER = [
    "Meeting ID",
    "Topic",
    "Start Time",
    "End Time",
    "User Email",
    "Duration (Minutes)",
    "Participants",
]

# --------------------------------------------------------------------------- population facts

# DOMAIN.md: the regency's ASN, and the headline attendance of the first session.
SRAGEN_PNS = 8_783
SRAGEN_PPPK = 1_720
SRAGEN_ASN = SRAGEN_PNS + SRAGEN_PPPK
BERAKHLAK_ATTENDEES = 1_622
SESSIONS_PER_REGENCY = 49  # plus the row with an invalid JP and last year's session
INACTIVE_SHARE = 0.003  # retired or moved during the year, still on the roster as "Tidak"

FIRST_SESSION_DATE = date(2023, 7, 3)
LAST_SESSION_DATE = date(2023, 12, 15)
NEEDS_FORM_OPENED = datetime(2023, 6, 26, 8, 0)
NEEDS_FORM_EDITED = datetime(2023, 7, 17, 12, 0)  # topic question renamed, WhatsApp added
HOLIDAYS = (date(2023, 8, 17), date(2023, 9, 28), date(2023, 12, 25))

# Central Java's 35 regencies and cities: the province is what scale 35 stands for.
REGENCIES = (
    "Sragen", "Karanganyar", "Sukoharjo", "Wonogiri", "Klaten", "Boyolali", "Grobogan",
    "Blora", "Rembang", "Pati", "Kudus", "Jepara", "Demak", "Semarang", "Temanggung",
    "Kendal", "Batang", "Pekalongan", "Pemalang", "Tegal", "Brebes", "Cilacap", "Banyumas",
    "Purbalingga", "Banjarnegara", "Kebumen", "Purworejo", "Wonosobo", "Magelang",
    "Kota Surakarta", "Kota Salatiga", "Kota Semarang", "Kota Pekalongan", "Kota Tegal",
    "Kota Magelang",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class OpdTemplate:
    code: str
    name: str
    aliases: tuple[str, ...]
    kind: str  # pendidikan | kesehatan | kecamatan | keuangan | umum
    weight: int  # relative size, roughly the number of ASN in Sragen


def _kecamatan(name: str, weight: int) -> OpdTemplate:
    code = "KEC_" + name.upper()
    return OpdTemplate(
        code, f"Kecamatan {name}", (f"Kec. {name}", f"Kec {name}"), "kecamatan", weight
    )


# The demo list of DOMAIN.md. Weights put Disdikbud (teachers) at about half of all ASN.
OPD_TEMPLATES: tuple[OpdTemplate, ...] = (
    OpdTemplate("SETDA", "Sekretariat Daerah",
                ("Setda", "Setda Sragen", "Sekretariat Daerah Kabupaten Sragen"), "umum", 230),
    OpdTemplate("SETWAN", "Sekretariat DPRD",
                ("Setwan", "Sekretariat Dewan", "Sekwan"), "umum", 55),
    OpdTemplate("INSPEKTORAT", "Inspektorat", ("Inspektorat Daerah", "Itda"), "keuangan", 60),
    OpdTemplate("BKPSDM", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
                ("BKPSDM Sragen", "BKD", "Badan Kepegawaian"), "umum", 75),
    OpdTemplate("BAPPERIDA", "Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah",
                ("Bappeda", "Bapperida", "Bappeda Sragen"), "umum", 55),
    OpdTemplate("BPKAD", "Badan Pengelolaan Keuangan dan Aset Daerah",
                ("BPKAD Sragen", "Keuangan Daerah"), "keuangan", 85),
    OpdTemplate("BAPENDA", "Badan Pendapatan Daerah",
                ("Bapenda", "Pendapatan Daerah"), "keuangan", 70),
    OpdTemplate("BPBD", "Badan Penanggulangan Bencana Daerah",
                ("BPBD Sragen", "Penanggulangan Bencana"), "umum", 40),
    OpdTemplate("KESBANGPOL", "Badan Kesatuan Bangsa dan Politik",
                ("Kesbangpol", "Kesbang"), "umum", 28),
    OpdTemplate("SATPOLPP", "Satuan Polisi Pamong Praja",
                ("Satpol PP", "Satpol-PP Sragen"), "umum", 95),
    OpdTemplate("DISDIKBUD", "Dinas Pendidikan dan Kebudayaan",
                ("Disdikbud", "Dinas Pendidikan", "DIKBUD Sragen", "Diknas"), "pendidikan", 5150),
    OpdTemplate("DINKES", "Dinas Kesehatan",
                ("Dinkes", "DKK Sragen", "Dinas Kesehatan Kab. Sragen"), "kesehatan", 1250),
    OpdTemplate("DINSOS", "Dinas Sosial", ("Dinsos", "Dinas Sosial Sragen"), "umum", 48),
    OpdTemplate("DPUPR", "Dinas Pekerjaan Umum dan Penataan Ruang",
                ("DPU", "PUPR", "Dinas PU"), "umum", 140),
    OpdTemplate("DPRKPP", "Dinas Perumahan Rakyat, Kawasan Permukiman, Pertanahan dan Tata Ruang",
                ("Perkim", "Disperkim"), "umum", 65),
    OpdTemplate("DLH", "Dinas Lingkungan Hidup", ("DLH Sragen", "Lingkungan Hidup"), "umum", 85),
    OpdTemplate("DISDUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil",
                ("Dukcapil", "Disdukcapil"), "umum", 52),
    OpdTemplate("DKP3", "Dinas Ketahanan Pangan, Pertanian dan Perikanan",
                ("Dinas Pertanian", "Distan", "DKP3 Sragen"), "umum", 210),
    OpdTemplate("DKUKMP", "Dinas Koperasi, UKM, Perindustrian dan Perdagangan",
                ("Diskumindag", "Dinas Koperasi", "Disperindag"), "umum", 95),
    OpdTemplate("DISHUB", "Dinas Perhubungan", ("Dishub", "Dishub Sragen"), "umum", 85),
    OpdTemplate("DISKOMINFO", "Dinas Komunikasi dan Informatika",
                ("Diskominfo", "Kominfo", "Dinas Kominfo"), "umum", 45),
    OpdTemplate("DISNAKER", "Dinas Tenaga Kerja", ("Disnaker", "Naker"), "umum", 38),
    OpdTemplate("DP3AP2KB", "Dinas Pengendalian Penduduk, Keluarga Berencana, "
                "Pemberdayaan Perempuan dan Perlindungan Anak",
                ("Dinas KB", "PPKB", "DP3A"), "umum", 110),
    OpdTemplate("DISPERMADES", "Dinas Pemberdayaan Masyarakat dan Desa",
                ("Dinas PMD", "Dispermades", "PMD"), "umum", 35),
    OpdTemplate("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
                ("PTSP", "Perizinan", "DPM PTSP"), "umum", 42),
    OpdTemplate("DISPORAPAR", "Dinas Pemuda, Olahraga dan Pariwisata",
                ("Disporapar", "Dispora"), "umum", 55),
    OpdTemplate("DISARPUS", "Dinas Arsip dan Perpustakaan",
                ("Disarpus", "Perpustakaan Daerah", "Arpusda"), "umum", 40),
    OpdTemplate("RSUD_SOEHADI", "RSUD dr. Soehadi Prijonegoro",
                ("RSUD Sragen", "RSUD dr. Soehadi", "RSSP"), "kesehatan", 560),
    OpdTemplate("RSUD_GEMOLONG", "RSUD dr. Soeratno Gemolong",
                ("RSUD Gemolong", "RSUD Soeratno"), "kesehatan", 190),
    OpdTemplate("RSUD_TANGEN", "RSUD Sukowati Tangen",
                ("RSUD Tangen", "RSUD Sukowati"), "kesehatan", 140),
    _kecamatan("Gemolong", 52), _kecamatan("Gesi", 33), _kecamatan("Gondang", 44),
    _kecamatan("Jenar", 31), _kecamatan("Kalijambe", 47), _kecamatan("Karangmalang", 50),
    _kecamatan("Kedawung", 45), _kecamatan("Masaran", 55), _kecamatan("Miri", 36),
    _kecamatan("Mondokan", 38), _kecamatan("Ngrampal", 40), _kecamatan("Plupuh", 43),
    _kecamatan("Sambirejo", 37), _kecamatan("Sambungmacan", 46), _kecamatan("Sidoharjo", 48),
    _kecamatan("Sragen", 58), _kecamatan("Sukodono", 35), _kecamatan("Sumberlawang", 44),
    _kecamatan("Tangen", 39), _kecamatan("Tanon", 49),
)  # fmt: skip

# Share of PPPK by kind of OPD: the 2021-2023 PPPK intakes were mostly teachers, then health.
PPPK_SHARE = {
    "pendidikan": 0.25,
    "kesehatan": 0.12,
    "kecamatan": 0.06,
    "keuangan": 0.05,
    "umum": 0.07,
}
# Typical engagement (share of sessions an ASN tends to join) by kind of OPD, before noise.
ENGAGEMENT = {
    "pendidikan": 0.36,
    "kesehatan": 0.32,
    "kecamatan": 0.42,
    "keuangan": 0.42,
    "umum": 0.40,
}

# --------------------------------------------------------------------------- names and titles

# Pools large enough that, as in a real roster, most names are unique but some are shared.
MALE_FIRST = (
    "Agus", "Bambang", "Budi", "Eko", "Joko", "Slamet", "Sugeng", "Suparno", "Teguh", "Heru",
    "Hartono", "Purwanto", "Wahyu", "Sutrisno", "Sukirno", "Mulyono", "Triyono", "Suyanto",
    "Haryanto", "Dwi", "Tri", "Bayu", "Dimas", "Fajar", "Arif", "Ahmad", "Muhammad", "Imam",
    "Waluyo", "Sarwono", "Sunarto", "Priyo", "Setyo", "Gatot", "Edi", "Ari", "Anton", "Yoga",
    "Rizky", "Hendro", "Sigit", "Wawan", "Yanto", "Darmadi", "Paimin", "Sumadi", "Tukiman",
    "Adi", "Agung", "Andi", "Aris", "Bagus", "Catur", "Dani", "Darmanto", "Didik", "Doni",
    "Endro", "Fauzan", "Galih", "Gunawan", "Hadi", "Hari", "Herman", "Iwan", "Jarot", "Kukuh",
    "Kusno", "Lukman", "Margono", "Mujiono", "Nanang", "Rahmat", "Ridwan", "Rudi", "Sapto",
    "Sarjono", "Subagyo", "Sudarmo", "Sugiyono", "Sukamto", "Sumarno", "Sunardi", "Supardi",
    "Suprapto", "Sutarno", "Suwarno", "Taufik", "Totok", "Untung", "Wahyudi", "Warsito", "Yudi",
    "Yusuf", "Zainal", "Ilham", "Ikhsan", "Kristanto", "Yohanes", "Aditya", "Rendra",
)  # fmt: skip
FEMALE_FIRST = (
    "Sri", "Siti", "Endang", "Ratna", "Dewi", "Rini", "Ngatini", "Sumarni", "Sulastri",
    "Suparmi", "Sumiyati", "Tatik", "Yuli", "Wulan", "Kristiani", "Puji", "Retno", "Tri", "Dwi",
    "Ika", "Nur", "Fitri", "Anik", "Eni", "Wiwik", "Yuniarti", "Indah", "Diah", "Novita", "Ayu",
    "Dyah", "Sukarni", "Murni", "Tutik", "Lilik", "Partini", "Sunarsih", "Rahmi", "Erna", "Ani",
    "Asih", "Dina", "Elly", "Erni", "Esti", "Evi", "Fatimah", "Hesti", "Ida", "Ismi",
    "Istiqomah", "Kartini", "Kusmiyati", "Lina", "Marsini", "Mujiati", "Nanik", "Ninik", "Novi",
    "Nunik", "Parmi", "Rina", "Riyanti", "Rohmah", "Sarmi", "Sofia", "Suci", "Sulis", "Sumini",
    "Supriyati", "Suwarni", "Umi", "Wartini", "Winarti", "Yayuk", "Yeni", "Yuni", "Endah",
    "Heni", "Kiki", "Maya", "Mega", "Nining", "Okta", "Pipit", "Ririn", "Septi", "Titik",
    "Veronika", "Yustina", "Anggi", "Citra",
)  # fmt: skip
MALE_LAST = (
    "Wibowo", "Santoso", "Susilo", "Prasetyo", "Nugroho", "Saputra", "Setiawan", "Purnomo",
    "Haryanto", "Kurniawan", "Hidayat", "Sulistyo", "Widodo", "Sudarsono", "Wicaksono",
    "Kuncoro", "Pamungkas", "Suryadi", "Hermawan", "Firmansyah", "Raharjo", "Sutanto",
    "Budiyanto", "Mulyadi", "Supriyadi", "Nurhadi", "Riyanto", "Wardoyo", "Sasongko",
    "Ardiansyah", "Baskoro", "Darmawan", "Gunadi", "Harjono", "Irawan", "Kusuma", "Laksono",
    "Mahendra", "Nugraha", "Prabowo", "Prayitno", "Purwadi", "Rahmadi", "Santosa", "Saputro",
    "Setyawan", "Sudarmaji", "Sugiarto", "Suharno", "Sujarwo", "Sukardi", "Sunaryo",
    "Suparman", "Susanto", "Sutopo", "Utomo", "Wardana", "Widiyanto", "Winarno", "Yulianto",
    "Cahyono", "Hartanto", "Nurcahyo", "Rosyid", "Pranoto", "Suwito", "Hadiyanto", "Triatmojo",
)  # fmt: skip
FEMALE_LAST = (
    "Handayani", "Utami", "Wahyuni", "Pratiwi", "Lestari", "Mulyani", "Astuti", "Sari",
    "Nur'aini", "Setyaningsih", "Kusumawati", "Hartati", "Suryani", "Wijayanti", "Rahmawati",
    "Ningsih", "Fitriani", "Safitri", "Anggraini", "Maryani", "Sukowati", "Rahayu",
    "Purwaningsih", "Susanti", "Yuliana", "Kurniasih", "Widyastuti", "Sulistyowati",
    "Agustina", "Andriani", "Ariyani", "Damayanti", "Dewanti", "Ernawati", "Indriyani",
    "Kartikasari", "Khasanah", "Marlina", "Muslimah", "Nurhayati", "Nurjanah", "Oktaviani",
    "Palupi", "Permatasari", "Puspitasari", "Ratnasari", "Riyanti", "Setyowati", "Sriyati",
    "Sugiyarti", "Sumarsih", "Suprapti", "Susilowati", "Triyani", "Utari", "Wahyuningsih",
    "Wardani", "Widayati", "Winarsih", "Yuliani", "Zulaikha", "Mardiyah", "Prihatin", "Rohmawati",
)  # fmt: skip
MALE_MIDDLE = (
    "Agus", "Budi", "Eko", "Adi", "Arif", "Aji", "Bayu", "Cahyo", "Hadi", "Joko", "Wahyu", "Dwi",
    "Tri", "Catur", "Eka", "Setya", "Nur", "Rizki", "Dian", "Kurnia", "Widi", "Yoga", "Bagus",
)  # fmt: skip
FEMALE_MIDDLE = (
    "Nur", "Dwi", "Tri", "Sri", "Puji", "Rahayu", "Ayu", "Dewi", "Putri", "Indah", "Dian",
    "Kurnia", "Retno", "Endah", "Eka", "Setya", "Widi", "Tyas", "Galuh", "Ratih", "Catur",
)  # fmt: skip

DEVICE_NAMES = (
    "iPhone", "iPhone 11", "iPad", "HP Samsung", "Galaxy A12", "Redmi Note 10", "OPPO A5s",
    "vivo 1904", "Android", "Laptop Kantor", "LAPTOP-7QK2M1", "DESKTOP-H3J9PQ",
)  # fmt: skip
GUEST_SPEAKERS = (
    "Dr. Hendra Wijaya, M.Si.", "Prof. Dr. Lukas Gunadi", "Dr. Maria Christina",
    "Ir. Robert Tanoto", "Dr. Yohanes Sinaga", "Andreas Pangaribuan, S.H.", "Dr. Felix Manurung",
    "Cornelia Siregar, M.Psi.",
)  # fmt: skip
OTHER_GUESTS = ("Tamu Undangan", "Mahasiswa Magang UNS", "Wartawan", "Guest", "Pendamping Desa")

ZOOM_NAME_STYLES = (
    ("nip_nama_opd", 40), ("nip_nama", 14), ("nip_spasi", 8), ("nip_titik", 2), ("bergelar", 9),
    ("huruf_kecil", 8), ("nama", 5), ("nama_depan", 3), ("perangkat", 6), ("ganti_nama", 5),
)  # fmt: skip
# Display names that carry the NIP: BKPSDM asks for them, and the opening webinar enforced it.
NIP_NAME_STYLES = ("nip_nama_opd", "nip_nama", "nip_spasi", "nip_titik", "ganti_nama")

ATTENDANCE_PATTERNS = (
    ("penuh", 58), ("terlambat", 10), ("pulang_awal", 10), ("putus_sambung", 10),
    ("dua_perangkat", 5), ("jumlah_bukan_gabungan", 4), ("sebentar", 3),
)  # fmt: skip

# --------------------------------------------------------------------------- session catalog

# Bentuk -> Jalur, per Peraturan LAN 10/2018.
BENTUK_JALUR = {
    "Seminar": "Klasikal",
    "Workshop": "Klasikal",
    "Bimbingan Teknis": "Klasikal",
    "Pelatihan Teknis": "Klasikal",
    "Sosialisasi": "Klasikal",
    "Kursus": "Klasikal",
    "Coaching": "Nonklasikal",
    "Mentoring": "Nonklasikal",
    "Pelatihan Jarak Jauh": "Nonklasikal",
    "E-Learning": "Nonklasikal",
    "Komunitas Belajar": "Nonklasikal",
}
JP_WORDS = {2: "dua", 3: "tiga", 4: "empat", 5: "lima", 6: "enam", 7: "tujuh", 8: "delapan"}


@dataclass(frozen=True, slots=True)
class SessionTemplate:
    nama: str
    audience: str  # key of Audiences
    bentuk: str
    jenis_kompetensi: str
    jp: tuple[int, int]
    narasumber: tuple[str, ...]


ST = SessionTemplate
SESSION_TEMPLATES: tuple[SessionTemplate, ...] = (
    ST("Literasi Digital ASN", "semua", "Pelatihan Jarak Jauh", "Teknis", (3, 4),
       ("Diskominfo", "Widyaiswara BPSDMD Jateng")),
    ST("Pelayanan Publik Prima", "semua", "Seminar", "Manajerial", (3, 4),
       ("Ombudsman RI Perwakilan Jawa Tengah",)),
    ST("Etika dan Integritas ASN", "semua", "Seminar", "Sosial Kultural", (2, 3),
       ("Inspektorat", "Widyaiswara BPSDMD Jateng")),
    ST("Pencegahan Korupsi dan Pengendalian Gratifikasi", "semua", "Seminar", "Manajerial", (3, 4),
       ("KPK RI", "Inspektorat")),
    ST("Wawasan Kebangsaan dan Bela Negara", "semua", "Seminar", "Sosial Kultural", (3, 4),
       ("Kesbangpol", "Kodim 0725/Sragen")),
    ST("Moderasi Beragama", "semua", "Seminar", "Sosial Kultural", (2, 3),
       ("Kemenag Kabupaten Sragen",)),
    ST("Kesehatan Mental di Tempat Kerja", "semua", "Seminar", "Sosial Kultural", (2, 3),
       ("Psikolog RSUD dr. Soehadi Prijonegoro",)),
    ST("Smart ASN: Produktif dengan Aplikasi Perkantoran", "semua",
       "Pelatihan Jarak Jauh", "Teknis", (4, 6),
       ("Diskominfo",)),
    ST("Keamanan Informasi dan Perlindungan Data Pribadi", "semua", "Seminar", "Teknis", (3, 4),
       ("BSSN", "Diskominfo")),
    ST("Manajemen Kinerja dan Penyusunan SKP", "semua", "Bimbingan Teknis", "Teknis", (4, 8),
       ("BKPSDM",)),
    ST("Mitigasi dan Kesiapsiagaan Bencana", "semua", "Sosialisasi", "Teknis", (2, 3), ("BPBD",)),
    ST("Budaya Kerja dan Pelayanan Ramah Disabilitas", "semua",
       "Seminar", "Sosial Kultural", (2, 3),
       ("Dinas Sosial", "")),
    ST("Kearsipan Dinamis", "pelaksana", "Bimbingan Teknis", "Teknis", (4, 6), ("Disarpus",)),
    ST("Penulisan Naskah Dinas", "pelaksana", "Workshop", "Teknis", (4, 6),
       ("Bagian Organisasi Setda",)),
    ST("Layanan Prima bagi Pelaksana", "pelaksana",
       "Pelatihan Jarak Jauh", "Sosial Kultural", (3, 4),
       ("Widyaiswara BPSDMD Jateng",)),
    ST("Excel untuk Analisis Data", "umum", "Kursus", "Teknis", (6, 8),
       ("Diskominfo", "Dosen UNS")),
    ST("Desain Publikasi dengan Canva", "umum", "Kursus", "Teknis", (3, 4), ("Diskominfo",)),
    ST("Public Speaking bagi ASN", "umum", "Workshop", "Sosial Kultural", (3, 4),
       ("RRI Surakarta", "")),
    ST("Pengelolaan Pengaduan SP4N-LAPOR!", "umum", "Sosialisasi", "Teknis", (2, 3),
       ("Diskominfo",)),
    ST("Inovasi Pelayanan Publik", "umum", "Workshop", "Manajerial", (4, 6),
       ("Bapperida", "KemenPANRB")),
    ST("Penyusunan Laporan Kinerja (LKjIP)", "struktural", "Bimbingan Teknis", "Manajerial", (4, 6),
       ("Bagian Organisasi Setda",)),
    ST("Manajemen Risiko", "struktural", "Seminar", "Manajerial", (4, 6),
       ("Inspektorat", "BPKP Perwakilan Jawa Tengah")),
    ST("Kepemimpinan Transformasional", "struktural", "Seminar", "Manajerial", (3, 4),
       ("Widyaiswara BPSDMD Jateng",)),
    ST("Coaching Clinic Kinerja", "struktural", "Coaching", "Manajerial", (2, 3),
       ("Widyaiswara", "BKPSDM")),
    ST("Mentoring Pejabat Pengawas", "struktural", "Mentoring", "Manajerial", (2, 4), ("BKPSDM",)),
    ST("Sistem Merit dan Manajemen Talenta", "struktural", "Seminar", "Manajerial", (3, 4),
       ("BKN Kantor Regional I Yogyakarta",)),
    ST("Perencanaan dan Penganggaran melalui SIPD", "keuangan",
       "Bimbingan Teknis", "Teknis", (6, 8),
       ("BPKAD", "Bapperida")),
    ST("Akuntansi Pemerintahan Berbasis Akrual", "keuangan", "Pelatihan Teknis", "Teknis", (6, 8),
       ("BPKP Perwakilan Jawa Tengah",)),
    ST("Pengadaan Barang/Jasa Pemerintah", "keuangan", "Bimbingan Teknis", "Teknis", (6, 8),
       ("LKPP", "Bagian Pengadaan Barang dan Jasa Setda")),
    ST("Pengelolaan Barang Milik Daerah", "keuangan", "Sosialisasi", "Teknis", (3, 4), ("BPKAD",)),
    ST("Implementasi Kurikulum Merdeka", "guru", "Workshop", "Teknis", (4, 8),
       ("BBGP Jawa Tengah", "Pengawas Sekolah")),
    ST("Asesmen Diagnostik dan Pembelajaran Berdiferensiasi", "guru",
       "Pelatihan Jarak Jauh", "Teknis", (4, 6),
       ("BBGP Jawa Tengah",)),
    ST("Pemanfaatan Platform Merdeka Mengajar", "guru", "Seminar", "Teknis", (2, 3),
       ("Guru Penggerak Kabupaten Sragen",)),
    ST("Penyusunan Modul Ajar", "guru", "Workshop", "Teknis", (6, 8), ("Pengawas Sekolah",)),
    ST("Pencegahan Perundungan di Satuan Pendidikan", "guru",
       "Sosialisasi", "Sosial Kultural", (2, 3),
       ("DP3AP2KB", "Polres Sragen")),
    ST("Komunitas Belajar Guru: Praktik Baik", "guru", "Komunitas Belajar", "Teknis", (2, 4),
       ("Guru Penggerak Kabupaten Sragen", "")),
    ST("Penelitian Tindakan Kelas", "guru", "Pelatihan Teknis", "Teknis", (6, 8), ("Dosen UNS",)),
    ST("Media Pembelajaran Digital", "guru", "Kursus", "Teknis", (4, 6),
       ("Diskominfo", "BBGP Jawa Tengah")),
    ST("Literasi dan Numerasi di Sekolah Dasar", "guru", "Seminar", "Teknis", (3, 4),
       ("BBGP Jawa Tengah",)),
    ST("Keselamatan Pasien dan Mutu Layanan", "nakes", "Seminar", "Teknis", (3, 4),
       ("Komite Mutu RSUD",)),
    ST("Percepatan Penurunan Stunting", "nakes", "Sosialisasi", "Teknis", (3, 4),
       ("Dinas Kesehatan Provinsi Jawa Tengah",)),
    ST("Pencegahan dan Pengendalian Infeksi", "nakes", "Pelatihan Teknis", "Teknis", (4, 6),
       ("Komite PPI RSUD",)),
    ST("Bantuan Hidup Dasar", "nakes", "Pelatihan Teknis", "Teknis", (6, 8),
       ("Tim IGD RSUD dr. Soehadi Prijonegoro",)),
    ST("Integrasi Layanan Kesehatan Primer", "nakes", "Seminar", "Teknis", (3, 4),
       ("Dinas Kesehatan Provinsi Jawa Tengah",)),
    ST("Komunikasi Efektif dengan Pasien", "nakes", "Workshop", "Sosial Kultural", (3, 4),
       ("Psikolog RSUD dr. Soehadi Prijonegoro",)),
    ST("Rekam Medis Elektronik", "nakes", "Bimbingan Teknis", "Teknis", (4, 6), ("Kemenkes RI",)),
    ST("Pelayanan Administrasi Terpadu Kecamatan (PATEN)", "kecamatan",
       "Bimbingan Teknis", "Teknis", (4, 6),
       ("Bagian Tata Pemerintahan Setda",)),
    ST("Pembinaan dan Pengawasan Pemerintahan Desa", "kecamatan", "Seminar", "Manajerial", (3, 4),
       ("Dinas PMD",)),
    ST("Penulisan Karya Tulis Ilmiah", "fungsional", "Kursus", "Teknis", (4, 6), ("Dosen UNS",)),
    ST("Penilaian Angka Kredit Jabatan Fungsional", "fungsional", "Sosialisasi", "Teknis", (2, 3),
       ("BKPSDM",)),
)  # fmt: skip
BERAKHLAK = ST(
    "Core Value BerAKHLAK", "semua", "Seminar", "Sosial Kultural", (4, 4), ("Kepala BKPSDM",)
)
PRIOR_YEAR = ST(
    "Refleksi Akhir Tahun dan Evaluasi Kinerja ASN",
    "semua",
    "Seminar",
    "Manajerial",
    (4, 4),
    ("Widyaiswara",),
)
ORPHAN_LOG = ST(
    "Rapat Koordinasi Operator Kepegawaian",
    "pelaksana",
    "Sosialisasi",
    "Teknis",
    (2, 2),
    ("BKPSDM",),
)

# Share of an audience a session reaches, by audience (Daring; Hybrid reaches a bit less online).
AUDIENCE_REACH = {
    "semua": (0.12, 0.25),
    "guru": (0.28, 0.55),
    "nakes": (0.28, 0.55),
    "struktural": (0.45, 0.85),
    "pelaksana": (0.15, 0.35),
    "umum": (0.15, 0.35),
    "keuangan": (0.35, 0.65),
    "kecamatan": (0.35, 0.65),
    "fungsional": (0.08, 0.20),
}

# --------------------------------------------------------------------------- needs form

JENIS_KOMPETENSI = ("Teknis", "Manajerial", "Sosial Kultural")
JALUR_PENGEMBANGAN = (
    "Pelatihan Teknis", "Pelatihan Fungsional", "Pelatihan Kepemimpinan",
    "Seminar/Konferensi/Sarasehan", "Workshop/Lokakarya", "Kursus", "Bimbingan Teknis",
    "Sosialisasi", "E-Learning", "Pelatihan Jarak Jauh", "Coaching", "Mentoring",
    "Magang/Praktik Kerja", "Komunitas Belajar", "Patok Banding",
)  # fmt: skip
MODEL_PEMBELAJARAN = ("Flexible Learning", "Social Learning", "Experiential Learning")
TOPICS_BY_KIND = {
    "pendidikan": (
        "Implementasi Kurikulum Merdeka", "Penyusunan modul ajar", "Asesmen pembelajaran",
        "Pembelajaran berdiferensiasi", "Platform Merdeka Mengajar", "Penelitian tindakan kelas",
        "Media pembelajaran digital", "Bimbingan dan konseling", "Pengelolaan dana BOS",
        "Projek Penguatan Profil Pelajar Pancasila", "Manajemen kelas",
    ),
    "kesehatan": (
        "Pelayanan kesehatan primer", "Keselamatan pasien", "Penanganan stunting",
        "Kegawatdaruratan (BTCLS)", "Pencegahan dan pengendalian infeksi", "Manajemen puskesmas",
        "Komunikasi efektif dengan pasien", "Rekam medis elektronik", "Kesehatan ibu dan anak",
        "Akreditasi puskesmas", "Farmasi klinis",
    ),
    "kecamatan": (
        "Pelayanan PATEN", "Pembinaan pemerintahan desa", "Pengelolaan dana desa",
        "Penanganan konflik sosial", "Administrasi kependudukan",
    ),
    "keuangan": (
        "Pengelolaan keuangan daerah", "Akuntansi berbasis akrual", "Audit kinerja",
        "Pajak daerah", "Aplikasi SIPD", "Pengadaan barang/jasa",
    ),
    "umum": (
        "Penyusunan SKP", "Analisis data", "Pengadaan barang/jasa", "Kearsipan",
        "Public speaking", "Kepemimpinan", "Manajemen risiko", "Pelayanan publik",
        "Penulisan naskah dinas", "Literasi digital", "Desain grafis", "Bahasa Inggris",
        "Analisis jabatan", "Perencanaan program",
    ),
}  # fmt: skip
GENERAL_TOPICS = TOPICS_BY_KIND["umum"]
UNPARSEABLE_TIMESTAMPS = ("31/6/2023 10:15:22", "Rabu, 5 Juli 2023", "#VALUE!")


# --------------------------------------------------------------------------- model


@dataclass(slots=True)
class Region:
    """One regency's worth of OPDs, ASN and sessions (scale 1 = Sragen alone)."""

    index: int
    name: str  # "Sragen", "Kota Surakarta", ...
    code_suffix: str  # "" for Sragen, "_KLATEN" for the others
    session_prefix: str  # "MEKAR", "MEKAR-KLATEN"
    domain: str  # "sragen.example"
    pns: list[int]  # per OPD template
    pppk: list[int]
    inactive: int
    sessions: int

    @property
    def label(self) -> str:
        return self.name if self.name.startswith("Kota ") else f"Kabupaten {self.name}"

    @property
    def short(self) -> str:
        return self.name.removeprefix("Kota ")


@dataclass(slots=True)
class Opd:
    code: str
    name: str
    aliases: tuple[str, ...]
    emails: tuple[str, ...]
    kind: str
    engagement: float


@dataclass(slots=True)
class Asn:
    nip: str
    nama: str  # as on the roster, with titles
    core_name: str  # without titles: what people type as their name
    gender: int  # NIP digit 15: 1 male, 2 female
    jenis: str  # PNS | PPPK
    opd: Opd
    jabatan: str
    jenis_jabatan: str
    golongan: str
    aktif: bool
    email: str
    propensity: float  # how readily this person joins sessions
    name_habit: str  # how this person usually names themself in Zoom

    @property
    def first_name(self) -> str:
        return self.core_name.split()[0]


@dataclass(slots=True)
class Kegiatan:
    kode: str
    template: SessionTemplate
    tanggal: date
    mulai: int  # minutes after midnight
    selesai: int
    jp: int
    jp_text: str  # what the catalog cell says; words for the row with an invalid JP
    moda: str
    narasumber: str
    min_kehadiran: str
    jam_separator: str  # ":" or "." (both are written in the sheet)
    zoom_reach: int  # ASN expected on Zoom
    room_reach: int  # ASN expected in the room (check-in form)

    @property
    def has_zoom_log(self) -> bool:
        return self.moda in ("Daring", "Hybrid") and self.jp_text.isdigit()

    @property
    def min_percent(self) -> int:
        return int(self.min_kehadiran or 80)


ZoomRow = tuple[int, int, str, str, str]  # join s, leave s (after midnight), name, email, guest


@dataclass(slots=True)
class CheckIn:
    at: datetime
    kode: str
    nip: str
    nama: str
    unit_kerja: str

    def row(self) -> list[str]:
        return [form_timestamp(self.at), self.kode, self.nip, self.nama, self.unit_kerja]


@dataclass(slots=True)
class NeedsResponse:
    at: datetime
    timestamp_text: str
    email: str
    nip: str
    nama: str
    unit_kerja: str
    jenis_kompetensi: str
    topik: str
    jalur: str
    model: str
    whatsapp: str

    def row(self) -> list[str]:
        return [
            self.timestamp_text,
            self.email,
            self.nip,
            self.nama,
            self.unit_kerja,
            self.jenis_kompetensi,
            self.topik,
            self.jalur,
            self.model,
            self.whatsapp,
        ]


@dataclass(slots=True)
class Registry:
    """What must stay unique across regencies: NIPs and personal emails."""

    nips: set[str]
    emails: set[str]


# --------------------------------------------------------------------------- public API

COUNT_KEYS = (
    "opd", "asn", "pns", "pppk", "inactive", "roster_broken", "kegiatan", "zoom_logs",
    "zoom_rows", "daftar_hadir", "kebutuhan",
)  # fmt: skip


def write_sample_year(
    out_dir: Path,
    scale: float = 1.0,
    seed: int = 2023,
    progress: Callable[[str], None] | None = None,
) -> dict[str, int]:
    """Write a realistic year of sources under ``out_dir`` in the contract's CSV files layout.

    Writes ``master/opd.csv``, ``master/pegawai.csv``, ``kebutuhan/Form Responses 1.csv``,
    ``kegiatan/kegiatan.csv``, ``kegiatan/daftar_hadir.csv`` and ``log_zoom/<Kode Kegiatan>.csv``
    (existing files are overwritten; stale ``log_zoom/*.csv`` files from an earlier run are
    removed so the folder holds one year). ``scale`` multiplies ASN, OPDs (one OPD set per
    regency), sessions and rows. Returns the counts written; ``asn``, ``pns`` and ``pppk`` count
    valid active roster rows (at scale 1: 10,503 = 8,783 + 1,720), on top of which come
    ``inactive`` and ``roster_broken`` rows.
    """
    if not scale > 0:
        raise ValueError(f"scale must be positive, got {scale!r}")
    out_dir = Path(out_dir)
    report = progress or (lambda _message: None)
    regions = plan_regions(scale, Random(f"{seed}/regions"))
    registry = Registry(nips=set(), emails=set())
    counts = dict.fromkeys(COUNT_KEYS, 0)
    written_logs: list[Path] = []
    with SampleFiles(out_dir) as files:
        for region in regions:
            report(f"Menyiapkan wilayah {region.index + 1}/{len(regions)}: {region.label} ...")
            write_region(region, seed, files, registry, counts, written_logs, report)
    remove_stale_logs(out_dir / "log_zoom", written_logs)
    report(
        f"Selesai: {_id_number(counts['asn'])} ASN, {_id_number(counts['kegiatan'])} kegiatan, "
        f"{_id_number(counts['zoom_rows'])} baris log Zoom."
    )
    return counts


# --------------------------------------------------------------------------- output files


class SampleFiles:
    """The five sheet-sized CSV files, open for the whole run so regencies stream into them."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self._stack = ExitStack()

    def __enter__(self) -> SampleFiles:
        self.opd = self._open("master/opd.csv", OPD_HEADER)
        self.pegawai = self._open("master/pegawai.csv", PEGAWAI_HEADER)
        self.kegiatan = self._open("kegiatan/kegiatan.csv", KEGIATAN_HEADER)
        self.daftar_hadir = self._open("kegiatan/daftar_hadir.csv", DAFTAR_HADIR_HEADER)
        self.kebutuhan = self._open("kebutuhan/Form Responses 1.csv", KEBUTUHAN_HEADER)
        (self.out_dir / "log_zoom").mkdir(parents=True, exist_ok=True)
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stack.close()

    def _open(self, relative: str, header: list[str]) -> Any:
        path = self.out_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = self._stack.enter_context(path.open("w", encoding="utf-8", newline=""))
        writer = csv.writer(handle)  # excel dialect: CRLF, minimal quoting, like golden/mini
        writer.writerow(header)
        return writer

    def zoom_log_path(self, kode: str) -> Path:
        return self.out_dir / "log_zoom" / f"{kode}.csv"


def remove_stale_logs(log_dir: Path, written: list[Path]) -> None:
    keep = {path.name for path in written}
    for path in sorted(log_dir.glob("*.csv")):
        if path.name not in keep:
            path.unlink()


# --------------------------------------------------------------------------- planning


def plan_regions(scale: float, rng: Random) -> list[Region]:
    """Split the scaled population into regencies; exact PNS and PPPK totals overall."""
    n_regions = max(1, round_half_up(scale))
    size_factor = [1.0] + [rng.uniform(0.7, 1.3) for _ in range(n_regions - 1)]
    pns_weights, pppk_weights = [], []
    for factor in size_factor:
        for template in OPD_TEMPLATES:
            share = PPPK_SHARE[template.kind]
            pns_weights.append(factor * template.weight * (1 - share))
            pppk_weights.append(factor * template.weight * share)
    pns = allocate(round_half_up(SRAGEN_PNS * scale), pns_weights)
    pppk = allocate(round_half_up(SRAGEN_PPPK * scale), pppk_weights)
    sessions = allocate(round_half_up(SESSIONS_PER_REGENCY * scale), size_factor)
    width = len(OPD_TEMPLATES)
    regions = []
    for index in range(n_regions):
        name = REGENCIES[index] if index < len(REGENCIES) else f"Wilayah {index + 1}"
        tag = name.upper().replace(" ", "_")
        region_pns = pns[index * width : (index + 1) * width]
        region_pppk = pppk[index * width : (index + 1) * width]
        active = sum(region_pns) + sum(region_pppk)
        regions.append(
            Region(
                index=index,
                name=name,
                code_suffix="" if index == 0 else f"_{tag}",
                session_prefix="MEKAR" if index == 0 else f"MEKAR-{tag}",
                domain=name.lower().replace(" ", "") + ".example",
                pns=region_pns,
                pppk=region_pppk,
                inactive=max(1, round_half_up(active * INACTIVE_SHARE)) if active else 0,
                sessions=max(1, sessions[index]),
            )
        )
    return regions


def allocate(total: int, weights: Sequence[float]) -> list[int]:
    """Split ``total`` in proportion to ``weights`` (largest remainder; sums exactly)."""
    weight_sum = sum(weights)
    if total <= 0 or weight_sum <= 0:
        return [0] * len(weights)
    quotas = [total * weight / weight_sum for weight in weights]
    shares = [math.floor(quota) for quota in quotas]
    by_remainder = sorted(range(len(weights)), key=lambda i: (shares[i] - quotas[i], i))
    for i in by_remainder[: total - sum(shares)]:
        shares[i] += 1
    return shares


def write_region(
    region: Region,
    seed: int,
    files: SampleFiles,
    registry: Registry,
    counts: dict[str, int],
    written_logs: list[Path],
    report: Callable[[str], None],
) -> None:
    """Generate one regency and append it to the files. Each stage has its own random stream."""

    def stage_rng(stage: str) -> Random:
        return Random(f"{seed}/{region.index}/{stage}")

    opds = build_opds(region, stage_rng("opd"))
    roster = build_roster(region, opds, stage_rng("pegawai"), registry)
    for opd in opds:
        files.opd.writerow([opd.code, opd.name, ";".join(opd.aliases), ";".join(opd.emails)])
    broken = (
        broken_roster_rows(opds, stage_rng("pegawai-rusak"), registry) if region.index == 0 else []
    )
    write_roster(files.pegawai, roster, broken, stage_rng("urutan-pegawai"))
    active = [asn for asn in roster if asn.aktif]
    counts["opd"] += len(opds)
    counts["asn"] += len(active)
    counts["pns"] += sum(asn.jenis == "PNS" for asn in active)
    counts["pppk"] += sum(asn.jenis == "PPPK" for asn in active)
    counts["inactive"] += len(roster) - len(active)
    counts["roster_broken"] += len(broken)

    audiences = Audiences(roster)
    sessions = plan_sessions(region, audiences, stage_rng("kegiatan"))
    for session in sessions:
        files.kegiatan.writerow(kegiatan_row(session))
    counts["kegiatan"] += len(sessions)

    checkins = attend_sessions(
        region, sessions, audiences, files, stage_rng("kehadiran"), counts, written_logs, report
    )
    checkins += unknown_session_checkins(region, sessions, active, stage_rng("kode-salah"))
    checkins.sort(key=lambda checkin: (checkin.at, checkin.kode, checkin.nip))
    files.daftar_hadir.writerows(checkin.row() for checkin in checkins)
    counts["daftar_hadir"] += len(checkins)

    report(f"{region.label}: menulis respons kebutuhan ...")
    responses = needs_responses(region, opds, roster, stage_rng("kebutuhan"), registry)
    files.kebutuhan.writerows(response.row() for response in responses)
    counts["kebutuhan"] += len(responses)


# --------------------------------------------------------------------------- master data


def build_opds(region: Region, rng: Random) -> list[Opd]:
    opds = []
    for template in OPD_TEMPLATES:
        local = template.code.lower().replace("_", ".")
        roll = rng.random()
        if roll < 0.12:
            emails: tuple[str, ...] = ()  # nobody to send this OPD's report to yet
        elif roll < 0.30:
            emails = (f"{local}@{region.domain}", f"kepegawaian.{local}@{region.domain}")
        else:
            emails = (f"{local}@{region.domain}",)
        engagement = ENGAGEMENT[template.kind] + rng.gauss(0, 0.08)
        if template.code == "BKPSDM":
            engagement += 0.2  # the organiser's own staff turn up
        opds.append(
            Opd(
                code=template.code + region.code_suffix,
                name=template.name if region.index == 0 else f"{template.name} {region.label}",
                aliases=regional_aliases(template.aliases, region),
                emails=emails,
                kind=template.kind,
                engagement=min(0.8, max(0.12, engagement)),
            )
        )
    return opds


def regional_aliases(aliases: tuple[str, ...], region: Region) -> tuple[str, ...]:
    if region.index == 0:
        return aliases
    renamed = []
    for alias in aliases:
        if "Sragen" in alias:
            renamed.append(alias.replace("Sragen", region.short))
        else:
            renamed.append(f"{alias} {region.short}")
    return tuple(renamed)


def build_roster(region: Region, opds: list[Opd], rng: Random, registry: Registry) -> list[Asn]:
    """Active ASN per OPD (heads first, as SIMPEG exports them) plus a few inactive ones."""
    inactive_per_opd = allocate(
        region.inactive, [p + q for p, q in zip(region.pns, region.pppk, strict=True)]
    )
    roster: list[Asn] = []
    for opd, n_pns, n_pppk, n_inactive in zip(
        opds, region.pns, region.pppk, inactive_per_opd, strict=True
    ):
        heads = structural_posts(opd, n_pns)
        members = [new_asn(rng, registry, opd, "PNS", post) for post in heads]
        staff = [
            new_asn(rng, registry, opd, "PNS", staff_post(opd, "PNS", rng))
            for _ in range(n_pns - len(heads))
        ]
        staff += [
            new_asn(rng, registry, opd, "PPPK", staff_post(opd, "PPPK", rng)) for _ in range(n_pppk)
        ]
        staff += [
            new_asn(rng, registry, opd, "PNS", staff_post(opd, "PNS", rng), retired=True)
            for _ in range(n_inactive)
        ]
        rng.shuffle(staff)
        roster += members + staff
    if region.index == 0:
        give_markup_name(roster, rng)
    return roster


def structural_posts(opd: Opd, n_pns: int) -> list[tuple[str, str]]:
    """Head, administrators and supervisors of an OPD, as (Jabatan, Jenis Jabatan)."""
    if n_pns < 3:
        return []
    n_admin = 0 if opd.kind == "kecamatan" else min(6, max(1, n_pns // 25))
    n_supervisor = min(16, max(1, n_pns // 12))
    posts = head_posts(opd) + [("Kepala Bidang", "Administrator")] * n_admin
    posts += [("Kepala Sub Bagian Umum dan Kepegawaian", "Pengawas")]
    posts += [("Kepala Seksi", "Pengawas")] * (n_supervisor - 1)
    return posts[: n_pns // 2]


def head_posts(opd: Opd) -> list[tuple[str, str]]:
    if opd.kind == "kecamatan":
        return [("Camat", "Administrator"), ("Sekretaris Camat", "Administrator")]
    if opd.name.startswith("RSUD"):
        return [("Direktur", "JPT"), ("Wakil Direktur", "Administrator")]
    if opd.name.startswith("Sekretariat Daerah"):
        return [("Sekretaris Daerah", "JPT"), ("Asisten Pemerintahan dan Kesra", "JPT")]
    head = {"Inspektorat": "Inspektur", "Badan": "Kepala Badan", "Satuan": "Kepala Satuan"}
    title = next(
        (title for start, title in head.items() if opd.name.startswith(start)), "Kepala Dinas"
    )
    return [(title, "JPT"), ("Sekretaris", "Administrator")]


FUNCTIONAL_POSTS = {
    "pendidikan": (
        ("Guru Ahli Pertama", 30), ("Guru Ahli Muda", 30), ("Guru Ahli Madya", 20),
        ("Guru Kelas", 10), ("Pengawas Sekolah Ahli Madya", 2), ("Penilik Ahli Muda", 1),
    ),
    "kesehatan": (
        ("Perawat Terampil", 22), ("Perawat Ahli Pertama", 14), ("Bidan Terampil", 16),
        ("Bidan Ahli Pertama", 6), ("Dokter Ahli Pertama", 6), ("Dokter Gigi Ahli Pertama", 2),
        ("Apoteker Ahli Pertama", 3), ("Sanitarian Terampil", 3), ("Nutrisionis Terampil", 3),
        ("Pranata Laboratorium Kesehatan Terampil", 3), ("Perekam Medis Terampil", 3),
        ("Epidemiolog Kesehatan Ahli Pertama", 1),
    ),
    "other": (
        ("Analis Kebijakan Ahli Muda", 4), ("Perencana Ahli Pertama", 3),
        ("Pranata Komputer Ahli Pertama", 3), ("Arsiparis Terampil", 3),
        ("Analis SDM Aparatur Ahli Pertama", 2), ("Auditor Ahli Pertama", 2),
        ("Pengelola Pengadaan Barang/Jasa Ahli Pertama", 2), ("Penyuluh Pertanian Ahli Pertama", 2),
        ("Polisi Pamong Praja Terampil", 2), ("Pustakawan Terampil", 1),
    ),
}  # fmt: skip
EXECUTIVE_POSTS = (
    "Pengadministrasi Perkantoran", "Pengelola Data", "Pengolah Data", "Pengelola Keuangan",
    "Bendahara", "Pengadministrasi Umum", "Operator Layanan Operasional",
    "Penata Layanan Operasional", "Pengemudi", "Pengelola Barang Milik Negara",
)  # fmt: skip
FUNCTIONAL_SHARE = {
    "pendidikan": 0.93,
    "kesehatan": 0.78,
    "kecamatan": 0.05,
    "keuangan": 0.3,
    "umum": 0.2,
}


def staff_post(opd: Opd, jenis: str, rng: Random) -> tuple[str, str]:
    share = FUNCTIONAL_SHARE[opd.kind] + (0.05 if jenis == "PPPK" else 0.0)
    if rng.random() < share:
        posts = FUNCTIONAL_POSTS.get(opd.kind, FUNCTIONAL_POSTS["other"])
        return weighted_choice(rng, posts), "Fungsional"
    return rng.choice(EXECUTIVE_POSTS), "Pelaksana"


def new_asn(
    rng: Random,
    registry: Registry,
    opd: Opd,
    jenis: str,
    post: tuple[str, str],
    retired: bool = False,
) -> Asn:
    jabatan, jenis_jabatan = post
    gender = 1 if rng.random() < (0.45 if opd.kind in ("pendidikan", "kesehatan") else 0.6) else 2
    if jabatan.startswith("Bidan"):
        gender = 2
    birth = birth_date(rng, jenis_jabatan, retired)
    nip = new_nip(rng, registry, birth, gender, jenis)
    core_name = person_name(rng, gender, birth.year)
    nama = with_titles(rng, core_name, gender, birth.year, opd, jabatan, jenis_jabatan)
    propensity = rng.betavariate(opd.engagement * 1.8, (1 - opd.engagement) * 1.8)
    if jenis_jabatan in ("JPT", "Administrator", "Pengawas"):
        propensity = min(1.0, propensity * 1.3 + 0.1)  # officials are expected to show up
    if retired:
        propensity *= 0.4
    return Asn(
        nip=nip,
        nama=nama,
        core_name=core_name,
        gender=gender,
        jenis=jenis,
        opd=opd,
        jabatan=jabatan,
        jenis_jabatan=jenis_jabatan,
        golongan=golongan(rng, jenis, jabatan, jenis_jabatan, birth.year),
        aktif=not retired,
        email=personal_email(rng, registry, core_name) if rng.random() < 0.3 else "",
        propensity=propensity,
        name_habit=weighted_choice(rng, ZOOM_NAME_STYLES),
    )


def birth_date(rng: Random, jenis_jabatan: str, retired: bool) -> date:
    if retired:
        first, last = 1964, 1965  # reached pension age (58) during 2023
    elif jenis_jabatan == "JPT":
        first, last = 1966, 1975
    elif jenis_jabatan == "Administrator":
        first, last = 1966, 1980
    elif jenis_jabatan == "Pengawas":
        first, last = 1966, 1988
    else:
        first, last = 1966, 1999
    start = date(first, 1, 1).toordinal()
    return date.fromordinal(rng.randint(start, date(last, 12, 31).toordinal()))


def new_nip(rng: Random, registry: Registry, birth: date, gender: int, jenis: str) -> str:
    """18 digits: birth date, TMT (CPNS start, or PPPK appointment), gender, sequence 001+."""
    if jenis == "PPPK":
        tmt_year = rng.choice((2021, 2022, 2022, 2023))
        tmt_month = rng.randint(1, 6) if tmt_year == 2023 else rng.randint(1, 12)
    else:
        tmt_year = min(2022, max(1986, birth.year + rng.randint(22, 34)))
        tmt_month = rng.randint(1, 12)
    prefix = f"{birth:%Y%m%d}{tmt_year:04d}{tmt_month:02d}{gender}"
    sequence = rng.randint(1, 12)
    while f"{prefix}{sequence:03d}" in registry.nips:
        sequence += 1
    nip = f"{prefix}{sequence:03d}"
    registry.nips.add(nip)
    return nip


def person_name(rng: Random, gender: int, birth_year: int) -> str:
    male = gender == 1
    first = rng.choice(MALE_FIRST if male else FEMALE_FIRST)
    last = rng.choice(MALE_LAST if male else FEMALE_LAST)
    roll = rng.random()
    if roll < (0.06 if birth_year < 1975 else 0.01):
        return first  # some older Javanese go by a single name
    if roll < 0.55:
        return f"{first} {last}"
    middle = rng.choice(
        [name for name in (MALE_MIDDLE if male else FEMALE_MIDDLE) if name != first]
    )
    return f"{first} {middle} {last}"


def with_titles(
    rng: Random,
    core_name: str,
    gender: int,
    birth_year: int,
    opd: Opd,
    jabatan: str,
    jenis_jabatan: str,
) -> str:
    """The name as the roster writes it: religious and academic titles around the core name."""
    prefix: list[str] = []
    degrees = list(academic_degrees(rng, opd, jabatan, jenis_jabatan))
    if jabatan.startswith("Dokter") and not jabatan.startswith("Dokter Gigi"):
        prefix.append("dr.")
        degrees = degrees[1:]
    elif jabatan.startswith("Dokter Gigi"):
        prefix.append("drg.")
        degrees = degrees[1:]
    elif birth_year < 1972 and degrees and degrees[0].startswith("S.") and rng.random() < 0.35:
        prefix.append("Drs." if gender == 1 else "Dra.")  # the pre-1993 degree
        degrees = degrees[1:]
    elif birth_year < 1975 and opd.code.startswith(("DPUPR", "DKP3")) and rng.random() < 0.3:
        prefix.append("Ir.")
        degrees = degrees[1:]
    if birth_year < 1983 and rng.random() < 0.12:
        prefix.insert(0, "H." if gender == 1 else "Hj.")
    name = " ".join([*prefix, core_name])
    return f"{name}, {', '.join(degrees)}" if degrees else name


def academic_degrees(rng: Random, opd: Opd, jabatan: str, jenis_jabatan: str) -> tuple[str, ...]:
    if jabatan.startswith("Guru") or jabatan.startswith(("Pengawas Sekolah", "Penilik")):
        first = weighted_choice(
            rng, (("S.Pd.", 70), ("S.Pd.SD", 12), ("S.Pd.I.", 8), ("S.Ag.", 5), ("S.Si.", 5))
        )
        return (first, "M.Pd.") if rng.random() < 0.12 else (first,)
    if jabatan.startswith(("Dokter", "Apoteker")):
        return ("S.Ked.",) if jabatan.startswith("Dokter") else ("S.Farm.", "Apt.")
    if jabatan.startswith("Perawat"):
        return ("A.Md.Kep.",) if "Terampil" in jabatan else ("S.Kep.", "Ns.")
    if jabatan.startswith("Bidan"):
        return ("A.Md.Keb.",) if "Terampil" in jabatan else ("S.Tr.Keb.",)
    if opd.kind == "kesehatan" and jenis_jabatan == "Fungsional":
        return (rng.choice(("A.Md.Kes.", "S.K.M.", "A.Md.Kes.")),)
    if jenis_jabatan == "Pelaksana" and rng.random() < 0.5:
        return ()  # high-school graduates
    first = rng.choice(
        ("S.E.", "S.Sos.", "S.H.", "S.Kom.", "S.T.", "S.IP.", "S.AP.", "S.Si.", "S.P.", "A.Md.")
    )
    senior = jenis_jabatan in ("JPT", "Administrator")
    if first != "A.Md." and rng.random() < (0.6 if senior else 0.1):
        return (first, rng.choice(("M.M.", "M.Si.", "M.H.", "M.Kes.", "M.T.")))
    return (first,)


def golongan(rng: Random, jenis: str, jabatan: str, jenis_jabatan: str, birth_year: int) -> str:
    if rng.random() < 0.015:
        return ""  # optional in the contract, and sometimes left empty
    if jenis == "PPPK":
        if jenis_jabatan == "Pelaksana":
            return "V"
        return "VII" if "Terampil" in jabatan else rng.choice(("IX", "IX", "X", "XI"))
    if jenis_jabatan == "JPT":
        return rng.choice(("IV/c", "IV/d"))
    if jenis_jabatan == "Administrator":
        return rng.choice(("IV/a", "IV/b"))
    if jenis_jabatan == "Pengawas":
        return rng.choice(("III/c", "III/d", "IV/a"))
    age = 2023 - birth_year
    if jenis_jabatan == "Pelaksana" or "Terampil" in jabatan:
        ladder = ("II/a", "II/b", "II/c", "II/d", "III/a", "III/b")
    else:
        ladder = ("III/a", "III/b", "III/c", "III/d", "IV/a", "IV/b")
    step = min(len(ladder) - 1, max(0, (age - 24) // 6 + rng.randint(-1, 1)))
    return ladder[step]


def personal_email(rng: Random, registry: Registry, core_name: str) -> str:
    words = [slug(word) for word in core_name.split()]
    base = ".".join([words[0], words[-1]]) if len(words) > 1 else words[0]
    if rng.random() < 0.4:
        base += str(rng.randint(1, 99))
    email = f"{base}@mail.example"
    counter = 2
    while email in registry.emails:
        email = f"{base}{counter}@mail.example"
        counter += 1
    registry.emails.add(email)
    return email


def give_markup_name(roster: list[Asn], rng: Random) -> None:
    """One ASN whose name carries HTML, so reports prove they escape what they print."""
    candidates = [
        asn
        for asn in roster
        if asn.aktif
        and asn.gender == 2
        and asn.opd.kind == "kecamatan"
        and asn.jenis_jabatan == "Pelaksana"
    ]
    candidates = candidates or [asn for asn in roster if asn.aktif]
    if not candidates:
        return
    asn = rng.choice(candidates)
    asn.core_name = "Tatik <b>Sumarni</b>"
    asn.nama = asn.core_name
    asn.name_habit = "nip_nama_opd"


def broken_roster_rows(opds: list[Opd], rng: Random, registry: Registry) -> list[list[str]]:
    """A handful of rows that break the contract: short or lettered NIPs, OPD codes that left."""
    rows = []
    faults = ("nip_17", "nip_17", "nip_huruf", "opd_lama", "opd_tidak_ada")
    for fault in faults:
        opd = rng.choice(opds[:30])
        post = staff_post(opd, "PNS", rng)
        asn = new_asn(rng, registry, opd, "PNS", post)
        nip, code = asn.nip, opd.code
        if fault == "nip_17":
            cut = rng.randint(8, 17)
            nip = nip[:cut] + nip[cut + 1 :]  # a digit lost while typing
        elif fault == "nip_huruf":
            nip = nip[:-1] + "O"  # letter O for zero
        elif fault == "opd_lama":
            code = "BAPPEDA"  # the code before Bappeda became Bapperida
        else:
            code = "DINAS_PARIWISATA"
        rows.append(roster_row(asn, nip=nip, code=code))
    return rows


def roster_row(asn: Asn, nip: str | None = None, code: str | None = None) -> list[str]:
    return [
        nip or asn.nip,
        asn.nama,
        asn.jenis,
        code or asn.opd.code,
        asn.jabatan,
        asn.jenis_jabatan,
        asn.golongan,
        "Ya" if asn.aktif else "Tidak",
        asn.email,
    ]


def write_roster(writer: Any, roster: list[Asn], broken: list[list[str]], rng: Random) -> None:
    rows = [roster_row(asn) for asn in roster]
    for row in rows:
        if row[7] == "Ya" and rng.random() < 0.02:
            row[7] = ""  # Aktif is optional and defaults to Ya
    for row in broken:
        rows.insert(rng.randint(0, len(rows)), row)
    writer.writerows(rows)


# --------------------------------------------------------------------------- sessions


class Audiences:
    """Who each kind of session is for, with each person's weight for being picked."""

    def __init__(self, roster: list[Asn]) -> None:
        structural = ("JPT", "Administrator", "Pengawas")
        tests: dict[str, Callable[[Asn], bool]] = {
            "semua": lambda asn: True,
            "guru": lambda asn: asn.opd.kind == "pendidikan" and asn.jenis_jabatan == "Fungsional",
            "nakes": lambda asn: asn.opd.kind == "kesehatan",
            "struktural": lambda asn: asn.jenis_jabatan in structural,
            "pelaksana": lambda asn: asn.jenis_jabatan == "Pelaksana",
            "umum": lambda asn: asn.opd.kind not in ("pendidikan", "kesehatan"),
            "keuangan": lambda asn: (
                asn.opd.kind == "keuangan"
                or "Keuangan" in asn.jabatan
                or asn.jabatan == "Bendahara"
            ),
            "kecamatan": lambda asn: asn.opd.kind == "kecamatan",
            "fungsional": lambda asn: (
                asn.jenis_jabatan == "Fungsional" and asn.opd.kind != "pendidikan"
            ),
        }
        self.members = {key: [asn for asn in roster if test(asn)] for key, test in tests.items()}
        self.active = [asn for asn in roster if asn.aktif]

    def size(self, key: str) -> int:
        return len(self.members[key])

    def pick(self, key: str, k: int, rng: Random, active_only: bool = False) -> list[Asn]:
        """k distinct people, the keener ones likelier (Efraimidis-Spirakis weighted sampling)."""
        people = self.members[key]
        if active_only:
            people = [asn for asn in people if asn.aktif]
        k = min(k, len(people))
        keys = [math.log(1.0 - rng.random()) / (asn.propensity + 0.02) for asn in people]
        chosen = heapq.nlargest(k, range(len(people)), key=keys.__getitem__)
        return [people[i] for i in sorted(chosen)]


def plan_sessions(region: Region, audiences: Audiences, rng: Random) -> list[Kegiatan]:
    """The catalog: last year's session, the opening webinar, then ~2 sessions a week."""
    size = len(audiences.active) / SRAGEN_ASN
    prefix = region.session_prefix
    days = session_days(region.sessions - 1, rng)
    templates = list(SESSION_TEMPLATES)
    rng.shuffle(templates)
    plans: list[tuple[date, SessionTemplate]] = [(FIRST_SESSION_DATE, BERAKHLAK)]
    for i, day in enumerate(days):
        template = templates[i % len(templates)]
        if i >= len(templates):
            template = replace(
                template, nama=f"{template.nama} (Angkatan {i // len(templates) + 1})"
            )
        plans.append((day, template))
    # One more row whose JP was typed in words: the pipeline must quarantine it, not guess.
    # It shares its day with the session before it, so codes stay in date order.
    invalid_at = rng.randint(max(1, len(plans) // 3), len(plans))
    plans.insert(invalid_at, (plans[invalid_at - 1][0], templates[len(days) % len(templates)]))
    width = max(3, len(str(len(plans))))
    sessions = [prior_year_session(region, rng, size)]
    for number, (day, template) in enumerate(plans, start=1):
        kode = f"{prefix}-2023-{number:0{width}d}"
        if number == 1:
            session = opening_webinar(kode, audiences)
        else:
            session = new_session(kode, day, template, audiences, rng)
        if number == invalid_at + 1:
            session.jp_text = JP_WORDS.get(session.jp, "empat")
        sessions.append(session)
    return sessions


def session_days(n: int, rng: Random) -> list[date]:
    """n working days after the opening webinar, spread over July-December (sorted)."""
    day = FIRST_SESSION_DATE + timedelta(days=1)
    workdays = []
    while day <= LAST_SESSION_DATE:
        if day.weekday() < 5 and day not in HOLIDAYS:
            workdays.append(day)
        day += timedelta(days=1)
    if n <= len(workdays):
        return sorted(rng.sample(workdays, n))
    return sorted(workdays[i % len(workdays)] for i in range(n))  # busy province: shared days


def opening_webinar(kode: str, audiences: Audiences) -> Kegiatan:
    """3 July 2023, Command Center Sragen: the BerAKHLAK seminar that 1,622 ASN attended."""
    attendees = round_half_up(BERAKHLAK_ATTENDEES * len(audiences.active) / SRAGEN_ASN)
    return Kegiatan(
        kode=kode,
        template=BERAKHLAK,
        tanggal=FIRST_SESSION_DATE,
        mulai=8 * 60,
        selesai=11 * 60,
        jp=4,
        jp_text="4",
        moda="Daring",
        narasumber="Kepala BKPSDM",
        min_kehadiran="80",
        jam_separator=":",
        zoom_reach=attendees,
        room_reach=0,
    )


def new_session(
    kode: str, day: date, template: SessionTemplate, audiences: Audiences, rng: Random
) -> Kegiatan:
    jp = rng.randint(*template.jp)
    length = 15 * math.ceil(jp * 45 / 15) + (30 if jp >= 6 else 0)  # 1 JP = 45 min, plus a break
    if jp <= 4 and rng.random() < 0.3:
        mulai = 13 * 60
    else:
        mulai = rng.choice((8 * 60, 8 * 60, 8 * 60 + 30, 9 * 60))
    moda = weighted_choice(rng, (("Daring", 60), ("Hybrid", 20), ("Luring", 20)))
    if template.bentuk in ("Pelatihan Jarak Jauh", "E-Learning"):
        moda = "Daring"
    audience = audiences.size(template.audience)
    low, high = AUDIENCE_REACH[template.audience]
    zoom_reach = round(audience * rng.uniform(low, high))
    room_reach = 0
    if moda == "Luring":
        zoom_reach, room_reach = 0, min(audience, rng.randint(30, 150))
    elif moda == "Hybrid":
        zoom_reach, room_reach = round(zoom_reach * 0.7), min(audience, rng.randint(30, 100))
    return Kegiatan(
        kode=kode,
        template=template,
        tanggal=day,
        mulai=mulai,
        selesai=mulai + length,
        jp=jp,
        jp_text=str(jp),
        moda=moda,
        narasumber=rng.choice(template.narasumber),
        min_kehadiran=weighted_choice(rng, (("80", 80), ("75", 10), ("", 10))),
        jam_separator="." if rng.random() < 0.15 else ":",
        zoom_reach=zoom_reach,
        room_reach=room_reach,
    )


def prior_year_session(region: Region, rng: Random, size: float) -> Kegiatan:
    """A December 2022 pilot session: it has a log, and must not count towards 2023."""
    number = rng.randint(9, 24)
    day = date(2022, 12, rng.choice((5, 6, 7, 12, 13, 14)))
    return Kegiatan(
        kode=f"{region.session_prefix}-2022-{number:03d}",
        template=PRIOR_YEAR,
        tanggal=day,
        mulai=8 * 60,
        selesai=11 * 60,
        jp=4,
        jp_text="4",
        moda="Daring",
        narasumber="Widyaiswara",
        min_kehadiran="80",
        jam_separator=":",
        zoom_reach=max(1, round(rng.randint(300, 600) * size)),
        room_reach=0,
    )


def kegiatan_row(session: Kegiatan) -> list[str]:
    template = session.template
    return [
        session.kode,
        template.nama,
        f"{session.tanggal.day}/{session.tanggal.month}/{session.tanggal.year}",
        clock(session.mulai, session.jam_separator),
        clock(session.selesai, session.jam_separator),
        session.jp_text,
        BENTUK_JALUR[template.bentuk],
        template.bentuk,
        template.jenis_kompetensi,
        session.moda,
        session.narasumber,
        session.min_kehadiran,
    ]


# --------------------------------------------------------------------------- attendance


def attend_sessions(
    region: Region,
    sessions: list[Kegiatan],
    audiences: Audiences,
    files: SampleFiles,
    rng: Random,
    counts: dict[str, int],
    written_logs: list[Path],
    report: Callable[[str], None],
) -> list[CheckIn]:
    """Who came to each session: Zoom logs are written as we go, check-ins are returned."""
    host = f"BKPSDM {region.short}"
    host_email = f"bkpsdm@{region.domain}"
    logged = [session for session in sessions if session.has_zoom_log]
    markup_sessions = (
        {logged[min(1, len(logged) - 1)].kode, logged[-1].kode} if region.index == 0 else set()
    )
    checkins: list[CheckIn] = []
    for number, session in enumerate(logged, start=1):
        report(f"{region.label}: menulis log Zoom {number}/{len(logged)} ({session.kode}) ...")
        opening = session.template is BERAKHLAK
        people = audiences.pick(
            session.template.audience, session.zoom_reach + session.room_reach, rng, opening
        )
        in_room, online = people[: session.room_reach], people[session.room_reach :]
        online += [asn for asn in in_room if rng.random() < 0.08]  # also on Zoom from a phone
        rows = [
            row
            for asn in online
            for row in person_zoom_rows(asn, session, rng, identifiable=opening)
        ]
        rows += guest_rows(session, rng, host, host_email)
        rows += odd_rows(session, online, rng, with_markup=session.kode in markup_sessions)
        written_logs.append(
            write_zoom_log(files.zoom_log_path(session.kode), session, rows, host_email, rng)
        )
        counts["zoom_logs"] += 1
        counts["zoom_rows"] += len(rows)
        if session.moda == "Hybrid":  # online participants are asked to fill the form too
            checkins += room_checkins(session, in_room, rng)
            checkins += room_checkins(session, [asn for asn in online if rng.random() < 0.25], rng)
    for session in sessions:
        if session.moda == "Luring" and session.jp_text.isdigit():
            checkins += room_checkins(
                session, audiences.pick(session.template.audience, session.room_reach, rng), rng
            )
    if region.index == 0 and logged:
        written_logs.append(
            write_orphan_log(region, sessions, logged, audiences, files, rng, counts, host_email)
        )
    return checkins


def person_zoom_rows(asn: Asn, session: Kegiatan, rng: Random, identifiable: bool) -> list[ZoomRow]:
    """One person's rows in a Zoom report: reconnects, second devices and all."""
    name, email = zoom_identity(asn, rng, identifiable)
    guest = "Yes" if rng.random() < 0.3 else "No"  # not signed in to a Zoom account
    rows = []
    for join, leave, second_device in attendance_intervals(session, rng):
        if second_device:
            device = rng.choice(DEVICE_NAMES)
            device_email = asn.email if asn.email and rng.random() < 0.7 else ""
            rows.append((join, leave, device, device_email, "Yes"))
        else:
            rows.append((join, leave, name, email, guest))
    return rows


def zoom_identity(asn: Asn, rng: Random, identifiable: bool) -> tuple[str, str]:
    """The display name (and User Email) a person shows in Zoom, the many ways people do it."""
    style = asn.name_habit if rng.random() < 0.8 else weighted_choice(rng, ZOOM_NAME_STYLES)
    if identifiable and style not in NIP_NAME_STYLES and not (style == "perangkat" and asn.email):
        style = "nip_nama_opd"
    email = asn.email if asn.email and rng.random() < 0.1 else ""
    nip, core = asn.nip, asn.core_name
    if style == "nip_nama_opd":
        token = asn.opd.code if rng.random() < 0.7 else asn.opd.aliases[0].split()[0]
        return f"{nip}_{core}_{token}", email
    if style == "nip_nama":
        return f"{nip}_{core}", email
    if style == "nip_spasi":
        return f"{spaced_nip(nip, ' ')} {core}", email
    if style == "nip_titik":
        return f"{spaced_nip(nip, '.')} {core}", email
    if style == "bergelar":
        return asn.nama, email
    if style == "huruf_kecil":
        return core.lower(), email
    if style == "nama":
        return core, email
    if style == "nama_depan":
        return asn.first_name, email
    if style == "perangkat":
        if not identifiable and rng.random() < 0.15:
            return f"Ruang Rapat {asn.opd.aliases[0]}", email
        device_email = asn.email if asn.email and (identifiable or rng.random() < 0.75) else ""
        return rng.choice(DEVICE_NAMES), device_email
    # Renamed during the meeting: Zoom shows "New Name (Original Name)".
    original = rng.choice(DEVICE_NAMES) if rng.random() < 0.5 else asn.nama
    return f"{nip}_{core}_{asn.opd.code} ({original})", email


def attendance_intervals(session: Kegiatan, rng: Random) -> list[tuple[int, int, bool]]:
    """[join, leave] in seconds after midnight, and whether the row is from a second device."""
    start, end = session.mulai * 60, session.selesai * 60
    length = end - start
    pattern = weighted_choice(rng, ATTENDANCE_PATTERNS)

    def arrive() -> int:
        if rng.random() < 0.35:
            return start - rng.randint(60, 45 * 60)  # in the room before Jam Mulai
        return start + rng.randint(-5 * 60, 8 * 60)

    def depart() -> int:
        return end + rng.randint(-3 * 60, 8 * 60)

    if pattern == "penuh":
        spans = [(arrive(), depart(), False)]
    elif pattern == "terlambat":
        spans = [(start + int(length * rng.uniform(0.08, 0.5)), depart(), False)]
    elif pattern == "pulang_awal":
        spans = [(arrive(), start + int(length * rng.uniform(0.2, 0.9)), False)]
    elif pattern == "putus_sambung":
        spans = reconnect_spans(arrive(), depart(), rng)
    elif pattern == "dua_perangkat":
        second = (
            start + int(length * rng.uniform(0, 0.4)),
            start + int(length * rng.uniform(0.5, 1.0)),
            True,
        )
        spans = [(arrive(), depart(), False), second]
    elif pattern == "jumlah_bukan_gabungan":
        spans = sum_not_union_spans(session, rng)
    else:  # sebentar: looked in for a few minutes
        join = start + int(length * rng.uniform(0, 0.8))
        spans = [(join, join + rng.randint(3 * 60, 25 * 60), False)]
    latest = end + 15 * 60
    return [(join, min(max(leave, join + 60), latest), device) for join, leave, device in spans]


def reconnect_spans(join: int, leave: int, rng: Random) -> list[tuple[int, int, bool]]:
    """A dropped connection: 2-3 rows of the same name with gaps of half a minute to ten."""
    pieces = rng.choice((2, 2, 3))
    step = (leave - join) // pieces
    spans = []
    start = join
    for i in range(pieces):
        stop = (
            leave if i == pieces - 1 else join + step * (i + 1) + rng.randint(-step // 4, step // 4)
        )
        spans.append((start, stop, False))
        start = stop + rng.randint(30, min(600, max(31, step // 3)))
    return spans


def sum_not_union_spans(session: Kegiatan, rng: Random) -> list[tuple[int, int, bool]]:
    """Two overlapping rows whose durations add up past the bar while their union falls short."""
    start, end = session.mulai * 60, session.selesai * 60
    length = end - start
    bar = length * session.min_percent / 100
    union = int(length * (session.min_percent / 100 - rng.uniform(0.06, 0.15)))
    each = min(union, int(bar / 2) + rng.randint(120, 600))
    offset = start + rng.randint(0, max(0, length - union))
    return [(offset, offset + each, False), (offset + union - each, offset + union, False)]


def guest_rows(session: Kegiatan, rng: Random, host: str, host_email: str) -> list[ZoomRow]:
    """The host account, the speaker, a moderator and the odd outsider: nobody on the roster."""
    start, end = session.mulai * 60, session.selesai * 60
    speaker = rng.choice(GUEST_SPEAKERS)
    speaker_email = slug(speaker.split(",")[0].split()[-1]) + "@narasumber.example"
    rows = [
        (start - 30 * 60, end + 10 * 60, host, host_email, "No"),
        (
            start - rng.randint(5, 20) * 60,
            end + rng.randint(0, 5) * 60,
            f"Narasumber - {speaker}",
            speaker_email,
            "Yes",
        ),
        (
            start - 15 * 60,
            end + 5 * 60,
            rng.choice(("Moderator", "Moderator BKPSDM", "MC Acara")),
            "",
            "Yes",
        ),
    ]
    for _ in range(rng.randint(0, 3)):
        join = start + rng.randint(-10, 60) * 60
        rows.append(
            (
                join,
                min(end + 300, join + rng.randint(10, 200) * 60),
                rng.choice(OTHER_GUESTS),
                "",
                "Yes",
            )
        )
    return rows


def odd_rows(session: Kegiatan, online: list[Asn], rng: Random, with_markup: bool) -> list[ZoomRow]:
    """Rows a reader must quarantine or escape: a leave before the join, script in a name."""
    start, end = session.mulai * 60, session.selesai * 60
    rows: list[ZoomRow] = []
    if online and rng.random() < 0.2:
        asn = rng.choice(online)
        rows.append((end, start, f"{asn.nip}_{asn.core_name}", "", "No"))  # interval_invalid
    if with_markup:
        rows.append((start, end - 10 * 60, "<script>alert('x')</script>", "", "No"))
    return rows


def write_zoom_log(
    path: Path, session: Kegiatan, rows: list[ZoomRow], host_email: str, rng: Random
) -> Path:
    """A Zoom participant report, sometimes with the meeting preamble and a blank row on top."""
    rows.sort(key=lambda row: (row[0], row[1], row[2]))
    opening = session.template is BERAKHLAK
    with_preamble = bool(rows) and (opening or rng.random() < 0.1)
    with_consent = opening or rng.random() < 0.2
    day = session.tanggal
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        if with_preamble:
            first_join = min(row[0] for row in rows)
            last_leave = max(row[1] for row in rows)
            participants = len(dict.fromkeys(row[2] for row in rows))
            writer.writerow(ZOOM_PREAMBLE_HEADER)
            writer.writerow(
                [
                    str(rng.randint(81_000_000_000, 89_999_999_999)),
                    session.template.nama,
                    zoom_time(day, first_join),
                    zoom_time(day, last_leave),
                    host_email,
                    str(math.ceil((last_leave - first_join) / 60)),
                    str(participants),
                ]
            )
            writer.writerow([""] * len(ZOOM_PREAMBLE_HEADER))
        writer.writerow(ZOOM_HEADER + ([ZOOM_CONSENT_COLUMN] if with_consent else []))
        consent = ["Y"] if with_consent else []
        for join, leave, name, email, guest in rows:
            writer.writerow(
                [
                    name,
                    email,
                    zoom_time(day, join),
                    zoom_time(day, leave),
                    zoom_minutes(join, leave),
                    guest,
                    *consent,
                ]
            )
    return path


def write_orphan_log(
    region: Region,
    sessions: list[Kegiatan],
    logged: list[Kegiatan],
    audiences: Audiences,
    files: SampleFiles,
    rng: Random,
    counts: dict[str, int],
    host_email: str,
) -> Path:
    """A log exported for a meeting nobody put in the catalog (its code is unknown)."""
    template_session = logged[len(logged) // 2]
    number = len(sessions) + 27
    session = Kegiatan(
        kode=f"{region.session_prefix}-2023-{number:03d}",
        template=ORPHAN_LOG,
        tanggal=template_session.tanggal + timedelta(days=1),
        mulai=8 * 60,
        selesai=11 * 60,
        jp=2,
        jp_text="2",
        moda="Daring",
        narasumber="BKPSDM",
        min_kehadiran="80",
        jam_separator=":",
        zoom_reach=0,
        room_reach=0,
    )
    people = audiences.pick("pelaksana", 30, rng)
    rows = [
        row for asn in people for row in person_zoom_rows(asn, session, rng, identifiable=False)
    ]
    counts["zoom_logs"] += 1
    counts["zoom_rows"] += len(rows)
    return write_zoom_log(files.zoom_log_path(session.kode), session, rows, host_email, rng)


# --------------------------------------------------------------------------- check-in form


def room_checkins(session: Kegiatan, people: list[Asn], rng: Random) -> list[CheckIn]:
    """Check-in form responses: typed NIPs and names, a few on the wrong day or sent twice."""
    checkins = []
    start = datetime.combine(session.tanggal, datetime.min.time()) + timedelta(
        minutes=session.mulai
    )
    for asn in people:
        if rng.random() < 0.04:
            continue  # came, forgot the form
        at = start + timedelta(seconds=rng.randint(-40 * 60, 50 * 60))
        if rng.random() < 0.012:
            at += timedelta(days=rng.choice((-1, 1)))  # filled in the evening before, or a day late
        checkin = CheckIn(
            at,
            session.kode,
            typed_nip(asn.nip, rng),
            typed_name(asn, rng),
            typed_unit_kerja(asn.opd, rng),
        )
        checkins.append(checkin)
        if rng.random() < 0.02:  # "did it go through?" - submitted again
            again = at + timedelta(seconds=rng.randint(20, 900))
            checkins.append(
                CheckIn(
                    again, session.kode, typed_nip(asn.nip, rng), checkin.nama, checkin.unit_kerja
                )
            )
    return checkins


def unknown_session_checkins(
    region: Region, sessions: list[Kegiatan], active: list[Asn], rng: Random
) -> list[CheckIn]:
    """Check-ins for a code that is not in the catalog (a typo'd or never-registered session)."""
    known = {session.kode for session in sessions}
    checkins = []
    for _ in range(3):
        number = len(sessions) + rng.randint(5, 40)
        kode = f"{region.session_prefix}-2023-{number:03d}"
        if kode in known or not active:
            continue
        asn = rng.choice(active)
        day = rng.choice(sessions[1:]).tanggal
        at = datetime.combine(day, datetime.min.time()) + timedelta(
            seconds=rng.randint(7 * 3600, 11 * 3600)
        )
        checkins.append(
            CheckIn(
                at,
                kode,
                typed_nip(asn.nip, rng),
                typed_name(asn, rng),
                typed_unit_kerja(asn.opd, rng),
            )
        )
    return checkins


# --------------------------------------------------------------------------- needs form


def needs_responses(
    region: Region, opds: list[Opd], roster: list[Asn], rng: Random, registry: Registry
) -> list[NeedsResponse]:
    """The needs survey sheet: once for most, twice for some, a 2022 pilot, and typing errors."""
    responses = []
    for asn in roster:
        roll = rng.random()
        submissions = 1 if roll < 0.85 else 2 if roll < 0.90 else 0
        if not asn.aktif:
            submissions = min(submissions, 1)
        if not submissions:
            continue
        at = needs_submission_time(rng)
        email = asn.email or personal_email(rng, registry, asn.core_name)  # the form collects it
        for _ in range(submissions):
            responses.append(needs_response(asn, email, at, rng))
            at += timedelta(seconds=rng.randint(10 * 60, 20 * 86400))  # a second thought, later
    active = [asn for asn in roster if asn.aktif]
    pilot = round_half_up(300 * len(active) / SRAGEN_ASN)
    for asn in rng.sample(active, min(pilot, len(active))):
        at = datetime(2022, 11, 14, 7) + timedelta(seconds=rng.randint(0, 45 * 86400))
        responses.append(
            needs_response(asn, asn.email or personal_email(rng, registry, asn.core_name), at, rng)
        )
    newcomers = max(1, round_half_up(10 * len(active) / SRAGEN_ASN))
    responses += [
        needs_response(asn, asn.email, needs_submission_time(rng), rng)
        for asn in new_cpns(opds, newcomers, rng, registry)
    ]
    responses.sort(key=lambda response: response.at)
    garbled = rng.sample(responses, min(len(UNPARSEABLE_TIMESTAMPS), len(responses)))
    for response, text in zip(garbled, UNPARSEABLE_TIMESTAMPS, strict=False):
        response.timestamp_text = text
    return responses


NEEDS_HOURS = tuple(
    (hour, 1 if hour < 7 or hour > 21 else 4 if 8 <= hour <= 15 else 2) for hour in range(24)
)


def needs_submission_time(rng: Random) -> datetime:
    """Most answer in the first weeks after the form opened at the end of June; a long tail."""
    days = min(150.0, rng.expovariate(1 / 7))
    at = NEEDS_FORM_OPENED + timedelta(days=int(days))
    return at.replace(
        hour=weighted_choice(rng, NEEDS_HOURS), minute=rng.randint(0, 59), second=rng.randint(0, 59)
    )


def needs_response(asn: Asn, email: str, at: datetime, rng: Random) -> NeedsResponse:
    kinds = [
        kind
        for kind, p in zip(JENIS_KOMPETENSI, competency_odds(asn), strict=True)
        if rng.random() < p
    ]
    jalur = rng.sample(JALUR_PENGEMBANGAN, rng.choice((1, 1, 2, 2, 3)))
    models = [model for model in MODEL_PEMBELAJARAN if rng.random() < 0.45] or [
        rng.choice(MODEL_PEMBELAJARAN)
    ]
    nip = mistyped_nip(asn.nip, rng) if rng.random() < 0.004 else asn.nip
    return NeedsResponse(
        at=at,
        timestamp_text=form_timestamp(at),
        email=email,
        nip=typed_nip(nip, rng),
        nama=typed_name(asn, rng),
        unit_kerja=typed_unit_kerja(asn.opd, rng),
        jenis_kompetensi=", ".join(kinds or [rng.choice(JENIS_KOMPETENSI)]),
        topik=needs_topic(asn, rng),
        jalur=", ".join(in_form_order(JALUR_PENGEMBANGAN, jalur)),
        model=", ".join(models),
        whatsapp=whatsapp_number(rng) if at >= NEEDS_FORM_EDITED and rng.random() < 0.88 else "",
    )


def competency_odds(asn: Asn) -> tuple[float, float, float]:
    if asn.jenis_jabatan in ("JPT", "Administrator", "Pengawas"):
        return (0.45, 0.85, 0.3)
    return (0.8, 0.25, 0.25)


def needs_topic(asn: Asn, rng: Random) -> str:
    own = TOPICS_BY_KIND[asn.opd.kind]
    topics = [rng.choice(own if rng.random() < 0.75 else GENERAL_TOPICS)]
    if rng.random() < 0.25:
        topics.append(rng.choice(GENERAL_TOPICS))
    text = " dan ".join(dict.fromkeys(topics))
    roll = rng.random()
    if roll < 0.2:
        return text.lower()
    if roll < 0.3:
        return f"Pelatihan {text[0].lower()}{text[1:]}"
    if roll < 0.35:
        return f"{text}, mohon diadakan secara daring"
    return text


def new_cpns(opds: list[Opd], n: int, rng: Random, registry: Registry) -> list[Asn]:
    """CPNS of the 2023 intake who answered before reaching the roster: NIPs nobody knows."""
    people = []
    for _ in range(n):
        opd = rng.choice(opds)
        asn = new_asn(rng, registry, opd, "PNS", staff_post(opd, "PNS", rng))
        birth = date(rng.randint(1995, 2000), rng.randint(1, 12), rng.randint(1, 28))
        nip = f"{birth:%Y%m%d}2023{rng.randint(1, 6):02d}{asn.gender}{rng.randint(1, 12):03d}"
        if nip not in registry.nips:
            registry.nips.add(nip)
            asn.nip = nip
            people.append(asn)
    return people


def in_form_order(options: Sequence[str], chosen: Sequence[str]) -> list[str]:
    """Google Forms joins checkbox answers in the order the options appear in the form."""
    return [option for option in options if option in chosen]


def whatsapp_number(rng: Random) -> str:
    digits = f"8{rng.choice('1235789')}{rng.randint(10**8, 10**9 - 1)}"
    style = rng.random()
    if style < 0.6:
        return "0" + digits
    if style < 0.8:
        return f"0{digits[:3]}-{digits[3:7]}-{digits[7:]}"
    return "+62" + digits


# --------------------------------------------------------------------------- how people type


def typed_nip(nip: str, rng: Random) -> str:
    """A NIP as typed into a form: mostly clean, else spaced, dotted, dashed, quoted or rounded."""
    roll = rng.random()
    if roll < 0.88:
        return nip
    if roll < 0.92:
        return spaced_nip(nip, " ")
    if roll < 0.94:
        return spaced_nip(nip, ".")
    if roll < 0.955:
        return spaced_nip(nip, "-")
    if roll < 0.985:
        return "'" + nip  # the apostrophe that stops Sheets from turning it into a number
    return precision_lost(nip, rng)


def precision_lost(nip: str, rng: Random) -> str:
    """What Sheets makes of an 18-digit number: a double shown as 1.98503E+17, or ...000."""
    if not nip.isdigit():
        return nip
    if rng.random() < 0.5:
        return f"{int(nip):.5E}"
    return str(round(int(nip), -3))


def mistyped_nip(nip: str, rng: Random) -> str:
    position = rng.randint(8, len(nip) - 1)
    digit = str((int(nip[position]) + rng.randint(1, 9)) % 10)
    return nip[:position] + digit + nip[position + 1 :]


def spaced_nip(nip: str, separator: str) -> str:
    return separator.join((nip[:8], nip[8:14], nip[14:15], nip[15:]))


def typed_name(asn: Asn, rng: Random) -> str:
    roll = rng.random()
    if roll < 0.6:
        return asn.nama
    if roll < 0.9:
        return asn.core_name
    return asn.core_name.upper() if roll < 0.95 else asn.core_name.lower()


def typed_unit_kerja(opd: Opd, rng: Random) -> str:
    """Unit Kerja typed freely: aliases, full names, codes, lowercase, typos."""
    roll = rng.random()
    if roll < 0.35:
        return rng.choice(opd.aliases)
    if roll < 0.55:
        return opd.name
    if roll < 0.67:
        return opd.code
    if roll < 0.79:
        return rng.choice((*opd.aliases, opd.name)).lower()
    if roll < 0.92:
        return typo(rng.choice((*opd.aliases, opd.name)), rng)
    return opd.name.upper()


def typo(text: str, rng: Random) -> str:
    """Drop one letter from a longer word ("Dinas Pendidikan" -> "Dinas Pendidikn")."""
    words = text.split(" ")
    long_words = [i for i, word in enumerate(words) if len(word) > 6 and word.isalpha()]
    if not long_words:
        return text.lower()
    i = rng.choice(long_words)
    cut = rng.randint(1, len(words[i]) - 1)
    words[i] = words[i][:cut] + words[i][cut + 1 :]
    return " ".join(words)


# --------------------------------------------------------------------------- small helpers


def zoom_time(day: date, seconds: int) -> str:
    """Zoom report time: 07/03/2023 8:09:00 AM (US order, 12-hour, Asia/Jakarta wall time)."""
    hour, rest = divmod(seconds, 3600)
    minute, second = divmod(rest, 60)
    suffix = "AM" if hour < 12 else "PM"
    clock_time = f"{hour % 12 or 12}:{minute:02d}:{second:02d} {suffix}"
    return f"{day.month:02d}/{day.day:02d}/{day.year} {clock_time}"


def zoom_minutes(join: int, leave: int) -> str:
    """Duration (Minutes): Zoom rounds up (10:08:10-10:17:18 is reported as 10); 0 if inverted."""
    return str(max(0, math.ceil((leave - join) / 60)))


def form_timestamp(at: datetime) -> str:
    """Google Forms timestamp in the Indonesian locale: 5/7/2023 10:15:22 (day first)."""
    return f"{at.day}/{at.month}/{at.year} {at.hour}:{at.minute:02d}:{at.second:02d}"


def clock(minutes: int, separator: str) -> str:
    return f"{minutes // 60:02d}{separator}{minutes % 60:02d}"


def slug(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def weighted_choice(rng: Random, options: Sequence[tuple[Any, float]]) -> Any:
    total = sum(weight for _, weight in options)
    point = rng.random() * total
    for value, weight in options:
        point -= weight
        if point < 0:
            return value
    return options[-1][0]


def round_half_up(value: float) -> int:
    return math.floor(value + 0.5)


def _id_number(value: int) -> str:
    return f"{value:,}".replace(",", ".")
