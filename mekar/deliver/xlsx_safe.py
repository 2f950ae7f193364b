"""Workbooks a person opens in Excel or Sheets: text stays text (a NIP keeps its 18 digits, a
name typed as `=HYPERLINK(...)` is never a formula), numbers stay numbers."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime


def append_row(sheet, values: list) -> None:
    """Append a row; every text cell is stored as a string (openpyxl would store '=...' as
    a formula), every int or float as a number."""
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"


def workbook_bytes(sheets: list[tuple[str, list[str], list[list]]], stamp: datetime) -> bytes:
    """A workbook of (title, header, rows) sheets as bytes that depend on the rows and
    `stamp` only: openpyxl writes the time of saving into the file and its zip entries, which
    would make every week's unchanged attachment look changed to the delivery log."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, header, rows in sheets:
        sheet = book.create_sheet(title[:31])  # Excel's limit on a sheet name
        append_row(sheet, header)
        for row in rows:
            append_row(sheet, list(row))
        sheet.freeze_panes = "A2"
    book.properties.created = stamp
    raw = io.BytesIO()
    book.save(raw)
    return _pinned(raw.getvalue(), stamp)


def _pinned(data: bytes, stamp: datetime) -> bytes:
    moment = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    lambda m: m.group(1) + moment + m.group(2),
                    content,
                )
            entry = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            dst.writestr(entry, content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
