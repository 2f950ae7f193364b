"""How people type into forms: NIPs spaced, quoted or rounded by Sheets, names, Unit Kerja."""

from __future__ import annotations

from random import Random

from tooling.sample_year.model import Asn, Opd


def typed_nip(nip: str, rng: Random) -> str:
    """A NIP as typed into a form: mostly clean, else spaced, dotted, dashed, quoted or rounded."""
    roll = rng.random()
    if roll < 0.88:
        return nip
    if roll < 0.92:
        return spaced_nip(nip, " ")
    if roll < 0.94:
        return spaced_nip(nip, ".")
    if roll < 0.955:
        return spaced_nip(nip, "-")
    if roll < 0.985:
        return "'" + nip  # the apostrophe that stops Sheets from turning it into a number
    return precision_lost(nip, rng)


def precision_lost(nip: str, rng: Random) -> str:
    """What Sheets makes of an 18-digit number: a double shown as 1.98503E+17, or ...000."""
    if not nip.isdigit():
        return nip
    if rng.random() < 0.5:
        return f"{int(nip):.5E}"
    return str(round(int(nip), -3))


def mistyped_nip(nip: str, rng: Random) -> str:
    position = rng.randint(8, len(nip) - 1)
    digit = str((int(nip[position]) + rng.randint(1, 9)) % 10)
    return nip[:position] + digit + nip[position + 1 :]


def spaced_nip(nip: str, separator: str) -> str:
    return separator.join((nip[:8], nip[8:14], nip[14:15], nip[15:]))


def typed_name(asn: Asn, rng: Random) -> str:
    roll = rng.random()
    if roll < 0.6:
        return asn.nama
    if roll < 0.9:
        return asn.core_name
    return asn.core_name.upper() if roll < 0.95 else asn.core_name.lower()


def typed_unit_kerja(opd: Opd, rng: Random) -> str:
    """Unit Kerja typed freely: aliases, full names, codes, lowercase, typos."""
    roll = rng.random()
    if roll < 0.35:
        return rng.choice(opd.aliases)
    if roll < 0.55:
        return opd.name
    if roll < 0.67:
        return opd.code
    if roll < 0.79:
        return rng.choice((*opd.aliases, opd.name)).lower()
    if roll < 0.92:
        return typo(rng.choice((*opd.aliases, opd.name)), rng)
    return opd.name.upper()


def typo(text: str, rng: Random) -> str:
    """Drop one letter from a longer word ("Dinas Pendidikan" -> "Dinas Pendidikn")."""
    words = text.split(" ")
    long_words = [i for i, word in enumerate(words) if len(word) > 6 and word.isalpha()]
    if not long_words:
        return text.lower()
    i = rng.choice(long_words)
    cut = rng.randint(1, len(words[i]) - 1)
    words[i] = words[i][:cut] + words[i][cut + 1 :]
    return " ".join(words)
