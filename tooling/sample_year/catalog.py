"""The session catalog (kegiatan): who each session is for, dates, times, JP, moda, rows."""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from random import Random

from tooling.sample_year.facts import (
    BERAKHLAK_ATTENDEES,
    FIRST_SESSION_DATE,
    HOLIDAYS,
    LAST_SESSION_DATE,
    SRAGEN_ASN,
)
from tooling.sample_year.helpers import clock, round_half_up, weighted_choice
from tooling.sample_year.model import Asn, Kegiatan, Region
from tooling.sample_year.session_templates import (
    AUDIENCE_REACH,
    BENTUK_JALUR,
    BERAKHLAK,
    JP_WORDS,
    PRIOR_YEAR,
    SESSION_TEMPLATES,
    SessionTemplate,
)


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
