"""Javanese personal names, religious and academic titles, and personal email addresses."""

from __future__ import annotations

from random import Random

from tooling.sample_year.helpers import slug, weighted_choice
from tooling.sample_year.model import Opd, Registry

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
