"""Check-in form responses (daftar_hadir), including ones on the wrong day or an unknown code."""

from __future__ import annotations

from datetime import datetime, timedelta
from random import Random

from tooling.sample_year.model import Asn, CheckIn, Kegiatan, Region
from tooling.sample_year.typed import typed_name, typed_nip, typed_unit_kerja


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
