"""Zoom participant rows: display names, join/leave intervals, reconnects, devices, guests."""

from __future__ import annotations

from random import Random

from tooling.sample_year.helpers import slug, weighted_choice
from tooling.sample_year.model import Asn, Kegiatan, ZoomRow
from tooling.sample_year.typed import spaced_nip

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
