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
    from openpyxl.cell.cell import Cell

    cells = []
    for value in values:
        if isinstance(value, str):
            # built as a cell so the type is set before it is placed (reading the row back
            # costs a scan of the whole sheet per row: minutes for a big OPD's list)
            value = Cell(sheet, value=value)
            value.data_type = "s"
        cells.append(value)
    sheet.append(cells)


def workbook_bytes(sheets: list[tuple[str, list[str], list[list]]], stamp: datetime) -> bytes:
    """A workbook of (title, header, rows) sheets as bytes that depend on the rows and
    `stamp` only: openpyxl writes the time of saving into the file and its zip entries, which
    would make every week's unchanged attachment look changed to the delivery log."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    # write-only: rows stream to the file (a big OPD's list in a fraction of the time)
    book = Workbook(write_only=True)
    for title, header, rows in sheets:
        sheet = book.create_sheet(title[:31])  # Excel's limit on a sheet name
        sheet.freeze_panes = "A2"
        for row in [header, *rows]:
            cells = []
            for value in row:
                if isinstance(value, str):
                    value = WriteOnlyCell(sheet, value=value)
                    value.data_type = "s"  # text, even when it starts with "="
                cells.append(value)
            sheet.append(cells)
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
