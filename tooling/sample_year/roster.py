"""The roster (master/pegawai): posts, NIPs, ranks, inactive and contract-breaking rows."""

from __future__ import annotations

from datetime import date
from random import Random
from typing import Any

from tooling.sample_year.helpers import allocate, weighted_choice
from tooling.sample_year.model import Asn, Opd, Region, Registry
from tooling.sample_year.names import person_name, personal_email, with_titles
from tooling.sample_year.zoom import ZOOM_NAME_STYLES


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
