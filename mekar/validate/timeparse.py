"""Parsing the time formats the sources really use (DATA_CONTRACT.md "Formats").

All times are Asia/Jakarta wall time and are kept naive. For interval arithmetic that is
portable between SQLite and PostgreSQL they are also expressed as whole seconds since
1970-01-01 wall time ("wall seconds").
"""

from __future__ import annotations

import re
from datetime import date, datetime, time

_EPOCH = datetime(1970, 1, 1)

# Form timestamp, Indonesian locale: d/m/yyyy H:MM:SS (seconds optional).
_FORM_TS = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s+(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?\s*$")
# Zoom time: MM/DD/YYYY hh:mm:ss AM|PM.
_ZOOM_TS = re.compile(
    r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])\s*$"
)
_DMY = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")
_CLOCK = re.compile(r"^\s*(\d{1,2})[:.](\d{2})(?::00)?\s*$")
# An .xlsx date cell arrives as ISO text (see sources/files.py): unambiguous, so accepted too.
_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?\s*$")


def _parse_iso(text: str | None) -> datetime | None:
    match = _ISO.match(text or "")
    if not match:
        return None
    year, month, day, hour, minute, second = match.groups()
    try:
        return datetime(
            int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0)
        )
    except ValueError:
        return None


def parse_form_timestamp(text: str | None) -> datetime | None:
    """`5/7/2023 10:15:22` is 5 July 2023 (day first). None when unreadable."""
    match = _FORM_TS.match(text or "")
    if not match:
        return _parse_iso(text)
    day, month, year, hour, minute, second = match.groups()
    try:
        return datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0))
    except ValueError:
        return None


def parse_zoom_time(text: str | None) -> datetime | None:
    """`07/03/2023 08:58:30 AM` is 3 July 2023 (month first, 12-hour clock)."""
    match = _ZOOM_TS.match(text or "")
    if not match:
        return _parse_iso(text)
    month, day, year, hour, minute, second, half = match.groups()
    hour_12 = int(hour)
    if not 1 <= hour_12 <= 12:
        return None
    hour_24 = hour_12 % 12 + (12 if half.lower() == "pm" else 0)
    try:
        return datetime(int(year), int(month), int(day), hour_24, int(minute), int(second or 0))
    except ValueError:
        return None


def parse_date_dmy(text: str | None) -> date | None:
    """Catalog `Tanggal`: d/m/yyyy."""
    match = _DMY.match(text or "")
    if not match:
        moment = _parse_iso(text)
        return moment.date() if moment else None
    day, month, year = match.groups()
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def parse_clock(text: str | None) -> time | None:
    """Catalog `Jam Mulai`/`Jam Selesai`: `HH:MM` or `HH.MM`."""
    match = _CLOCK.match(text or "")
    if not match:
        return None
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def wall_seconds(moment: datetime) -> int:
    """Whole seconds since 1970-01-01 in wall time (no time zone arithmetic needed)."""
    return int((moment - _EPOCH).total_seconds())


# A date or time cell that Excel or Sheets kept as its serial number (days since 1899-12-30,
# the time of day as the fraction): 45110 is 5 July 2023, 45110.375 that day at 09:00. Between
# 20000 (1954) and 80000 (2119): a number of that size in a date column is nothing else.
_SERIAL = re.compile(r"^\s*([2-7]\d{4})(?:[.,]\d+)?\s*$")


def is_excel_serial(text: str | None) -> bool:
    return bool(_SERIAL.match(text or ""))


def unreadable(column: str, text: str, layout: str) -> str:
    """Why a date/time cell could not be read, for a person: an Excel serial number is named
    as such and never turned into a date (a guess at the epoch or a shifted day would credit
    the wrong session without a word); anything else gets the expected layout."""
    if is_excel_serial(text):
        return (
            f"{column} '{text.strip()}' adalah nomor seri tanggal Excel, bukan tanggal: kolom "
            f"{column} tersimpan sebagai angka. Format kolom itu sebagai tanggal atau teks "
            f"({layout}), lalu unduh ulang"
        )
    return f"{column} '{text}' tidak terbaca (format {layout})"
