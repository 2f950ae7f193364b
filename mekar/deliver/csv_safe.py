"""CSV attachments that a spreadsheet cannot run: a cell starting with =, +, -, @ (or a tab
or carriage return) would be read as a formula by Excel or Sheets, so it gets a leading
apostrophe, which spreadsheets show as text and hide."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def csv_bytes(header: list[str], rows: Iterable[Iterable[object]], delimiter: str = ";") -> bytes:
    """UTF-8 with a BOM (Excel then reads the accents right), every cell neutralised. `;`
    between cells: Excel set to Indonesian (decimal comma) splits columns on `;`, so a
    double-clicked attachment opens in columns; Google Sheets detects either."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in header])
    for row in rows:
        writer.writerow([neutralise(v) for v in row])
    return buffer.getvalue().encode("utf-8-sig")
