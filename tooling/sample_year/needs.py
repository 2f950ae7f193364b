"""The needs form (kebutuhan): answers, resubmissions, a 2022 pilot, CPNS not yet on the roster."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from random import Random

from tooling.sample_year.facts import NEEDS_FORM_EDITED, NEEDS_FORM_OPENED, SRAGEN_ASN
from tooling.sample_year.helpers import form_timestamp, round_half_up, weighted_choice
from tooling.sample_year.model import Asn, NeedsResponse, Opd, Region, Registry
from tooling.sample_year.names import personal_email
from tooling.sample_year.roster import new_asn, staff_post
from tooling.sample_year.typed import mistyped_nip, typed_name, typed_nip, typed_unit_kerja

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
