"""Outside learning (pengembangan) and BKPSDM's credit corrections (kegiatan/koreksi).

A few ASN in a hundred report learning outside the catalog: LAN's distance courses, the
province's e-learning, a ministry's webinar, each with the fields SIASN's riwayat diklat
asks for. BKPSDM has judged most of them (accepted, some rejected with a note: a course
finished before the programme year as "bukan tahun berjalan"), the newest still wait; some
are sent twice, and a few claim more JP than the days allow. Corrections: `beri` for the
committee and the narasumber of some sessions, `cabut` where an account was used by someone
else.
"""

from __future__ import annotations

import csv
from datetime import date, datetime, timedelta
from random import Random

from mekar.validate.contracts import CONTRACTS
from tooling.sample_year.facts import PROGRAMME_YEAR
from tooling.sample_year.helpers import form_timestamp
from tooling.sample_year.model import Asn, Kegiatan, Region
from tooling.sample_year.zoom import DEVICE_NAMES

# The contract's columns, in its order (mekar.validate.contracts), as the forms write them.
PENGEMBANGAN_HEADER = [*CONTRACTS["pengembangan"].required, *CONTRACTS["pengembangan"].optional]
KOREKSI_HEADER = list(CONTRACTS["koreksi"].required)

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
# Why BKPSDM rejects a course finished in the programme year. "Bukan tahun berjalan" is
# only ever said of one finished before it: rule 10 counts an accepted report in the year of
# its Tanggal Selesai, so a course finished in July 2023 is this year's by definition.
REJECTED = ("sertifikat tidak terbaca", "nama di sertifikat berbeda", "JP tidak sesuai sertifikat")
NOT_THIS_YEAR = "bukan tahun berjalan"


def _day(at: date) -> str:
    return f"{at.day}/{at.month}/{at.year}"


def outside_learning(region: Region, active: list[Asn], rng: Random) -> list[list[str]]:
    """The pengembangan form's rows of one regency, in the order they were submitted: about
    one report per four ASN, a tenth still waiting, some rejected, some sent twice, a few
    with a date or a JP typed wrong or more JP than the days allow."""
    out: list[tuple[datetime, list[str]]] = []
    for asn in active:
        if rng.random() >= 0.25:
            continue
        name, organiser, bentuk, jalur, jenis, days, per_day, prefix = rng.choice(OFFERINGS)
        # a few began in December of the year before and count in the year they ended
        start = date(2022, 12, 12) + timedelta(days=rng.randint(0, 355))
        end = start + timedelta(days=days - 1)
        jp = str(days * per_day)
        start_text, end_text = _day(start), _day(end)
        typo = rng.random()
        if typo < 0.01:
            jp = str(days * 10 + rng.randint(1, 6))  # more than the days allow: quarantined
        elif typo < 0.02:
            jp = f"{jp} JP"  # not a whole number: quarantined
        elif typo < 0.03:
            end_text = f"{end.month}/{end.day + 12}/{end.year}"  # month first: no such day
        sent = datetime.combine(end, datetime.min.time()) + timedelta(
            days=rng.randint(1, 20), seconds=rng.randint(7 * 3600, 16 * 3600)
        )
        number = f"{prefix}/{end.year}/{rng.randint(1000, 9999)}" if rng.random() < 0.85 else ""
        verdict = rng.random()
        if sent.date() > date(2023, 11, 20) or verdict < 0.08:
            verdict = ["", "", ""]  # not yet judged
        elif verdict < 0.16:
            # drawn for every rejection, so the draws (and every other row) stay as they were
            why = rng.choice(REJECTED)
            why = why if end.year == PROGRAMME_YEAR else NOT_THIS_YEAR
            verdict = ["Ditolak", why, rng.choice(CHECKERS)]
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
            start_text,
            end_text,
            jp,
            number,
            proof if rng.random() < 0.8 else "",
            *verdict,
        ]
        out.append((sent, row))
        if rng.random() < 0.04:  # "did it go through?" - sent again a few days later
            again = sent + timedelta(days=rng.randint(1, 6))
            out.append((again, [form_timestamp(again), *row[1:]]))
    out.sort(key=lambda item: (item[0], item[1][1]))
    return [row for _, row in out]


def corrections(
    region: Region,
    sessions: list[Kegiatan],
    active: list[Asn],
    device_rows: dict[str, list[str]],
    rng: Random,
) -> list[list[str]]:
    """BKPSDM's decisions of one regency: `beri` for the committee and narasumber of some
    sessions, `cabut` where an account was used by someone else, `cocokkan` of device names
    found in the logs (`device_rows`: session -> device display names in its log), and a few
    that point at nothing or lack what they need (quarantined)."""
    rows: list[tuple[datetime, list[str]]] = []

    def add(at: datetime, jenis: str, kode: str, name: str, nip: str, why: str, by: str):
        rows.append((at, [form_timestamp(at), jenis, kode, name, nip, why, by]))

    held = [s for s in sessions if s.jp_text.isdigit() and s.tanggal < date(2023, 12, 1)]
    for session in rng.sample(held, min(len(held), 10)):
        decided = datetime.combine(session.tanggal, datetime.min.time()) + timedelta(
            days=rng.randint(2, 9), hours=9
        )
        for asn in rng.sample(active, min(len(active), 3)):
            why = rng.choice(("panitia", "narasumber pendamping", "surat tugas"))
            add(decided, "beri", session.kode, "", asn.nip, why, "Kabid PKAP")
            decided += timedelta(minutes=rng.randint(3, 40))
        add(decided, "cabut", session.kode, "", rng.choice(active).nip,
            "akun dipakai orang lain", "Admin BKPSDM")  # fmt: skip
    by_session = sorted(device_rows.items())
    for kode, names in rng.sample(by_session, min(len(by_session), 12)):
        session = next(s for s in sessions if s.kode == kode)
        decided = datetime.combine(session.tanggal, datetime.min.time()) + timedelta(
            days=rng.randint(1, 6), hours=10
        )
        for name in rng.sample(sorted(set(names)), min(len(set(names)), 2)):
            typed = name.lower() if rng.random() < 0.3 else name  # case does not matter
            add(decided, "cocokkan", kode, typed, rng.choice(active).nip,
                "dikonfirmasi lewat WA", "Admin BKPSDM")  # fmt: skip
            decided += timedelta(minutes=rng.randint(5, 30))
    if by_session and active:
        first = next(s for s in sessions if s.kode == by_session[0][0])
        at = datetime.combine(first.tanggal, datetime.min.time()) + timedelta(days=3, hours=8)
        # pointing at nothing, or missing what they need: quarantined with a reason
        add(at, "cocokkan", by_session[0][0], "Tablet Kecamatan", active[0].nip,
            "dikonfirmasi operator", "Admin BKPSDM")  # fmt: skip
        add(at, "cocokkan", "", "Laptop Pinjaman Sekretariat", active[0].nip,
            "dikonfirmasi operator", "Admin BKPSDM")  # fmt: skip
        add(at, "beri", first.kode, "", active[-1].nip, "", "Admin BKPSDM")
        add(at, "tambah", first.kode, "", active[-1].nip, "tambahan", "Admin BKPSDM")
    rows.sort(key=lambda item: (item[0], item[1][1], item[1][4]))
    return [row for _, row in rows]


def device_rows(files, sessions: list[Kegiatan]) -> dict[str, list[str]]:
    """Per session with a log written, the device display names its log holds (read back
    from the file: what BKPSDM would see when it reviews the log)."""
    out: dict[str, list[str]] = {}
    for session in sessions:
        path = files.zoom_log_path(session.kode)
        if not session.has_zoom_log or not path.is_file():
            continue
        with path.open(encoding="utf-8", newline="") as handle:
            names = [row[0] for row in csv.reader(handle) if row and row[0] in DEVICE_NAMES]
        if names:
            out[session.kode] = names
    return out
