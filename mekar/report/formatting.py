"""Indonesian presentation of numbers, percentages, dates and reason codes (Jinja filters).

Every number a reader sees goes through here, so the reports write `10.503`, `22,7%` and
`5 Juli 2023` the way BKPSDM staff do, whatever the machine's locale is.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel.dates import format_date

LOCALE = "id_ID"
# id_ID writes '.' for thousands and ',' for decimals: Python's own ',f' format, swapped.
# Equal to babel's id_ID pattern on every value (checked in tests/test_report.py) and ~6x
# faster: a big OPD's page formats tens of thousands of numbers.
_ID_SEPARATORS = str.maketrans(",.", ".,")

# Short Indonesian explanation of each quarantine reason code (DATA_CONTRACT.md rule 8).
REASON_LABELS = {
    "nip_invalid": "NIP tidak valid",
    "nip_precision_lost": "NIP rusak karena disimpan sebagai angka (mis. 1.98503E+17)",
    "nip_unknown": "NIP tidak ada di daftar pegawai",
    "opd_unknown": "Kode OPD tidak dikenal",
    "timestamp_invalid": "Waktu/tanggal tidak terbaca",
    "session_unknown": "Kode kegiatan tidak ada di katalog",
    "session_quarantined": "Kegiatan ada di katalog tetapi barisnya dikarantina (perbaiki baris katalog itu)",
    "interval_invalid": "Jam masuk/keluar Zoom, atau tanggal selesai laporan, tidak valid",
    "jp_invalid": "JP bukan bilangan bulat ≥ 1, atau melebihi batas JP per hari",
    "correction_invalid": "Koreksi tidak lengkap atau menunjuk nama Zoom yang tidak ada",
    "status_invalid": "Status laporan bukan Diterima, Ditolak atau kosong",
    "kegiatan_kosong": "Nama Kegiatan laporan pengembangan kosong",
    "jenis_kompetensi_invalid": "Jenis Kompetensi bukan Teknis, Manajerial atau Sosial Kultural",
    "nip_duplikat": "NIP ganda di daftar pegawai (baris berikutnya diabaikan)",
    "kode_duplikat": "Kode ganda (baris berikutnya diabaikan)",
    "kode_kosong": "Kode kegiatan kosong",
    "kode_opd_invalid": "Kode OPD bukan huruf besar, angka atau _",
    "jenis_asn_invalid": "Jenis ASN bukan PNS atau PPPK",
    "aktif_invalid": "Kolom Aktif bukan Ya atau Tidak",
    "tanggal_invalid": "Tanggal kegiatan atau laporan tidak terbaca",
    "jam_invalid": "Jam mulai/selesai kegiatan tidak valid",
    "min_kehadiran_invalid": "Min Kehadiran bukan persen 1–100",
    "jalur_invalid": "Jalur bukan Klasikal atau Nonklasikal",
    "moda_invalid": "Moda bukan Daring, Luring atau Hybrid",
}
UNKNOWN_REASON_LABEL = "Alasan lain (lihat kolom pesan di data karantina)"


def _rounded(value: float | int | Decimal, digits: int) -> Decimal:
    # Babel rounds half-to-even (22,65 -> 22,6); readers and the SQL exports round half up.
    # str() first so a float such as 22.65 is taken as written, not as its binary expansion.
    quantum = Decimal(1).scaleb(-digits)
    return Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)


def angka(value: float | int | Decimal | None, digits: int = 0) -> str:
    """A number with '.' for thousands and ',' for decimals: 10503 -> '10.503'."""
    if value is None:
        return "–"
    return format(_rounded(value, digits), ",f").translate(_ID_SEPARATORS)


def persen(value: float | int | Decimal | None, digits: int = 1) -> str:
    """Percentage points (0-100, as the marts store them) with one decimal: 22.7 -> '22,7%'."""
    if value is None:
        return "–"
    return angka(value, digits) + "%"


def as_date(value: str | dt.date) -> dt.date:
    """Warehouse dates arrive as 'YYYY-MM-DD' text (SQLite) or as date objects (PostgreSQL)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember")  # fmt: skip


@lru_cache(maxsize=4096)
def tanggal(value: str | dt.date | None) -> str:
    """A date as Indonesians write it: '2023-07-05' -> '5 Juli 2023'. Cached: a year has a
    few hundred session dates, and a big OPD's page prints them thousands of times."""
    if value is None or value == "":
        return "–"
    return format_date(as_date(value), "d MMMM y", locale=LOCALE)


def teks(value: object) -> str:
    """A free-text cell; a missing value shows as a dash instead of the word 'None'."""
    if value is None or value == "":
        return "–"
    return str(value)


def alasan(code: str) -> str:
    """Indonesian explanation of a quarantine reason code, with a fallback for new codes."""
    return REASON_LABELS.get(code, UNKNOWN_REASON_LABEL)


def hari_sejak(value: str | dt.date, today: dt.date) -> int:
    """Whole days from `value` (a date or timestamp) to `today`, the report's as-of date: a
    waiting report's age. A report sent in after that date is 0 days old on it, not less."""
    return max(0, (today - as_date(value)).days)


FILTERS = {
    "angka": angka,
    "persen": persen,
    "tanggal": tanggal,
    "teks": teks,
    "alasan": alasan,
    "hari_sejak": hari_sejak,
}


TIMEZONE_LABEL = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}


def made_at(timezone: str = "Asia/Jakarta") -> str:
    """When a report was made, on the agency's clock: "2 Desember 2026 19.05 WIB"."""
    now = dt.datetime.now(ZoneInfo(timezone))
    return f"{tanggal(now.date())} {now:%H.%M} {TIMEZONE_LABEL.get(timezone, timezone)}"
