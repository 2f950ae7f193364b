"""Who came to each session: Zoom logs written as sessions go by, room check-ins collected."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from random import Random

from tooling.sample_year.catalog import Audiences
from tooling.sample_year.checkins import room_checkins
from tooling.sample_year.files import SampleFiles, write_zoom_log
from tooling.sample_year.model import CheckIn, Kegiatan, Region
from tooling.sample_year.session_templates import BERAKHLAK, ORPHAN_LOG
from tooling.sample_year.zoom import guest_rows, odd_rows, person_zoom_rows


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
