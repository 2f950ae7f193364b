"""NIP cleaning and checking (DOMAIN.md "Identifiers").

A NIP is 18 digits: birth date YYYYMMDD, TMT CPNS YYYYMM (PNS), gender 1|2, sequence NNN.
People type it with spaces, dots, dashes or a leading apostrophe; Google Sheets may have
stored it as a double, which loses the last digits. Such a value is never guessed back. A
copy-paste may bring invisible characters (a zero-width space, a byte order mark): they are
dropped, and the check says so (`NipCheck.note`), so the sheet can be cleaned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from mekar.validate.invisible import drop_invisible, has_invisible, show_invisible

# Separators people type inside a NIP; removed before checking.
_SEPARATORS = re.compile(r"[\s.\-'’`]")
# How Sheets shows a long number it stored as a double: 1.98503E+17, 1,98503E+17.
_SCIENTIFIC = re.compile(r"^\d[.,]\d+[eE]\+?\d+$")
# An 18-digit NIP inside free text (a Zoom display name): digits optionally separated by one
# space, dot or dash, not touching other digits.
_NIP_IN_TEXT = re.compile(r"(?<![\d])\d(?:[ .\-]?\d){17}(?![ .\-]?\d)")

NIP_OK = "ok"
NIP_INVALID = "nip_invalid"
NIP_PRECISION_LOST = "nip_precision_lost"


@dataclass(frozen=True)
class NipCheck:
    nip: str | None  # the cleaned 18-digit NIP when valid
    status: str  # NIP_OK, NIP_INVALID or NIP_PRECISION_LOST
    message: str = ""
    # A valid NIP that held invisible characters: what the run log says (the row loads).
    note: str = ""


def spaced_nip(nip: str) -> str:
    """'198503122010011003' -> '19850312 201001 1 003', as NIPs are printed on official
    documents. In a CSV attachment this keeps Excel from reading the 18 digits as a number
    (1,98503E+17, the damage `nip_precision_lost` quarantines); mekar reads it back as is."""
    if len(nip) != 18 or not nip.isdigit():
        return nip
    return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"


def clean_nip(raw: str | None) -> str:
    """Remove the separators people type and invisible characters; keep everything else so
    it can be checked."""
    return _SEPARATORS.sub("", drop_invisible(raw or "")).strip()


def looks_precision_lost(raw: str) -> bool:
    """True for values that went through a double: scientific notation, or 18 digits ending
    in 000 (the sequence number starts at 001, so 000 is what rounding leaves)."""
    text = (raw or "").strip().lstrip("'")
    if _SCIENTIFIC.match(text.replace(" ", "")):
        return True
    digits = clean_nip(text)
    return len(digits) == 18 and digits.isdigit() and digits.endswith("000")


def _valid_birth_date(digits: str) -> bool:
    try:
        born = date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return False
    return 1940 <= born.year <= 2010


def check_nip(raw: str | None) -> NipCheck:
    """Clean a typed NIP and say whether it is one. Only length, birth date and the gender
    digit are checked: a form does not say whether the number is a PNS NIP or an NI PPPK,
    and the PPPK number's other positions are not confirmed (DOMAIN.md)."""
    typed = (raw or "").strip()
    # Checked without invisible characters; shown with them written out, so a message
    # about a NIP that looks valid says what is in it.
    text = drop_invisible(typed).strip()
    shown = show_invisible(typed)
    if not text:
        only = f" (hanya berisi {shown})" if typed else ""  # a cell of invisible characters
        return NipCheck(None, NIP_INVALID, f"NIP kosong{only}")
    if looks_precision_lost(text):
        return NipCheck(
            None,
            NIP_PRECISION_LOST,
            f"NIP '{shown}' rusak: tersimpan sebagai angka di Google Sheets dan digit akhirnya "
            "hilang. Format kolom NIP sebagai Teks biasa, lalu ketik ulang NIP-nya.",
        )
    digits = clean_nip(text)
    if not digits.isdigit():
        return NipCheck(None, NIP_INVALID, f"NIP '{shown}' mengandung karakter selain angka")
    if len(digits) != 18:
        return NipCheck(None, NIP_INVALID, f"NIP '{shown}' berisi {len(digits)} digit, bukan 18")
    if not _valid_birth_date(digits):
        return NipCheck(None, NIP_INVALID, f"NIP '{shown}': tanggal lahir tidak valid")
    if digits[14] not in "12":
        return NipCheck(None, NIP_INVALID, f"NIP '{shown}': digit jenis kelamin bukan 1 atau 2")
    if has_invisible(typed):
        return NipCheck(digits, NIP_OK, note=_invisible_note(typed, digits))
    return NipCheck(digits, NIP_OK)


def _invisible_note(typed: str, nip: str) -> str:
    """What the run log says of a NIP that held invisible characters."""
    return (
        f"NIP '{show_invisible(typed)}' berisi karakter tak terlihat (mis. dari salin-tempel); "
        f"sudah dibersihkan menjadi {nip}"
    )


def find_nip_in_text(text: str | None) -> str | None:
    """The first 18-digit NIP written inside free text, cleaned, or None."""
    match = _NIP_IN_TEXT.search(drop_invisible(text or ""))
    return clean_nip(match.group(0)) if match else None


def strip_nips(text: str) -> str:
    """Text with every written NIP removed (for name matching)."""
    return _NIP_IN_TEXT.sub(" ", text)
