"""What sessions there are: themes, audiences, Bentuk and JP ranges, audience reach."""

from __future__ import annotations

from dataclasses import dataclass

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
