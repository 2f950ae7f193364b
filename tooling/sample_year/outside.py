"""Outside learning (pengembangan) and BKPSDM's credit corrections (kegiatan/koreksi).

A few ASN in a hundred report learning outside the catalog: LAN's distance courses, the
province's e-learning, a ministry's webinar, each with the fields SIASN's riwayat diklat
asks for. BKPSDM has judged most of them (accepted, some rejected with a note), the newest
still wait; some are sent twice, and a few claim more JP than the days allow. Corrections:
`beri` for the committee and the narasumber of some sessions, `cabut` where an account was
used by someone else.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from random import Random

from tooling.sample_year.helpers import form_timestamp
from tooling.sample_year.model import Asn, Kegiatan, Region

PENGEMBANGAN_HEADER = [
    "Timestamp",
    "NIP",
    "Nama",
    "Nama Kegiatan",
    "Penyelenggara",
    "Bentuk",
    "Jalur",
    "Jenis Kompetensi",
    "Tanggal Mulai",
    "Tanggal Selesai",
    "JP",
    "Nomor Sertifikat",
    "Bukti",
    "Status",
    "Catatan",
    "Diperiksa Oleh",
]
KOREKSI_HEADER = ["Timestamp", "Jenis", "Kode Kegiatan", "Nama Zoom", "NIP", "Alasan", "Oleh"]

# (name, organiser, bentuk, jalur, jenis kompetensi, days, JP per day, certificate prefix)
OFFERINGS = (
    ("Pelatihan Jarak Jauh Analisis Kebijakan", "LAN RI", "Pelatihan Jarak Jauh", "Nonklasikal", "Teknis", 3, 8, "LAN-PJJ"),
    ("E-Learning Pengelolaan Keuangan Daerah", "BPSDM Jawa Tengah", "E-Learning", "Nonklasikal", "Teknis", 2, 6, "BPSDM-JTG"),
    ("Webinar Manajemen ASN", "BKN", "Seminar/Konferensi/Sarasehan", "Klasikal", "Manajerial", 1, 3, "BKN-WEB"),
    ("Workshop Pelayanan Publik", "Ombudsman RI", "Workshop/Lokakarya", "Klasikal", "Manajerial", 2, 8, "ORI"),
    ("Kursus Bahasa Inggris Dasar", "Balai Bahasa", "Kursus", "Klasikal", "Sosial Kultural", 5, 4, "BALAI"),
    ("MOOC Transformasi Digital Pemerintahan", "KemenPAN-RB", "E-Learning", "Nonklasikal", "Teknis", 4, 5, "PANRB"),
)  # fmt: skip
CHECKERS = ("Admin BKPSDM", "Kabid PKAP")
REJECTED = ("sertifikat tidak terbaca", "bukan tahun berjalan", "JP tidak sesuai sertifikat")


def _day(at: date) -> str:
    return f"{at.day}/{at.month}/{at.year}"


def outside_learning(region: Region, active: list[Asn], rng: Random) -> list[list[str]]:
    """The pengembangan form's rows of one regency, in the order they were submitted."""
    out: list[tuple[datetime, list[str]]] = []
    for asn in active:
        if rng.random() >= 0.04:
            continue
        name, organiser, bentuk, jalur, jenis, days, per_day, prefix = rng.choice(OFFERINGS)
        start = date(2023, 1, 9) + timedelta(days=rng.randint(0, 330))
        end = start + timedelta(days=days - 1)
        jp = days * per_day
        if rng.random() < 0.02:
            jp = days * 10 + rng.randint(1, 6)  # more than the days allow: quarantined
        sent = datetime.combine(end, datetime.min.time()) + timedelta(
            days=rng.randint(1, 20), seconds=rng.randint(7 * 3600, 16 * 3600)
        )
        number = f"{prefix}/2023/{rng.randint(1000, 9999)}" if rng.random() < 0.85 else ""
        if sent.date() > date(2023, 12, 1):
            verdict = ["", "", ""]  # not yet judged
        elif rng.random() < 0.1:
            verdict = ["Ditolak", rng.choice(REJECTED), rng.choice(CHECKERS)]
        else:
            verdict = ["Diterima", "", rng.choice(CHECKERS)]
        proof = f"https://drive.example/bukti/{rng.randint(10**6, 10**7 - 1)}"
        row = [
            form_timestamp(sent),
            asn.nip,
            asn.nama,
            name,
            organiser,
            bentuk,
            jalur,
            jenis,
            _day(start),
            _day(end),
            str(jp),
            number,
            proof if rng.random() < 0.8 else "",
            *verdict,
        ]
        out.append((sent, row))
        if rng.random() < 0.05:  # "did it go through?" - sent again a few days later
            again = sent + timedelta(days=rng.randint(1, 6))
            out.append((again, [form_timestamp(again), *row[1:]]))
    out.sort(key=lambda item: (item[0], item[1][1]))
    return [row for _, row in out]


def credit_corrections(
    region: Region, sessions: list[Kegiatan], active: list[Asn], rng: Random
) -> list[list[str]]:
    """BKPSDM's `beri` and `cabut` decisions of one regency (no `cocokkan`: those name Zoom
    rows, and the review list is where a person finds them)."""
    rows: list[tuple[datetime, list[str]]] = []
    held = [s for s in sessions if s.jp_text.isdigit() and s.tanggal < date(2023, 12, 1)]
    for session in rng.sample(held, min(len(held), 4)):
        decided = datetime.combine(session.tanggal, datetime.min.time()) + timedelta(
            days=rng.randint(2, 9), hours=9
        )
        for asn in rng.sample(active, min(len(active), 3)):
            rows.append(
                (decided, [form_timestamp(decided), "beri", session.kode, "", asn.nip,
                           rng.choice(("panitia", "narasumber pendamping", "surat tugas")),
                           "Kabid PKAP"])
            )  # fmt: skip
            decided += timedelta(minutes=rng.randint(3, 40))
        asn = rng.choice(active)
        rows.append(
            (decided, [form_timestamp(decided), "cabut", session.kode, "", asn.nip,
                       "akun dipakai orang lain", "Admin BKPSDM"])
        )  # fmt: skip
    rows.sort(key=lambda item: (item[0], item[1][4]))
    return [row for _, row in rows]
