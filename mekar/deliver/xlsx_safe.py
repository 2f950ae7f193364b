"""Workbooks a person opens in Excel or Sheets: text stays text (a NIP keeps its 18 digits, a
name typed as `=HYPERLINK(...)` is never a formula), numbers stay numbers.

Written with XlsxWriter, told never to turn a string into a formula, a number or a link; the
same cells written with openpyxl took three times as long (a big OPD's list of 5,000 ASN is
attached every week).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal

Sheet = tuple[str, Sequence[str], Iterable[Sequence]]


def workbook_bytes(sheets: Sequence[Sheet], stamp: datetime | None = None) -> bytes:
    """A workbook of (title, header, rows) sheets. With `stamp` its bytes depend on the rows
    and `stamp` only (the file's own dates are set to it): an unchanged weekly attachment
    keeps its content hash, so the delivery log does not take it for a changed report."""
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(
        out,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
        },
    )
    book.set_properties({"created": stamp or datetime.now()})
    for title, header, rows in sheets:
        sheet = book.add_worksheet(title[:31])  # Excel's limit on a sheet name
        sheet.freeze_panes(1, 0)
        for r, row in enumerate([header, *rows]):
            for c, value in enumerate(row):
                _write(sheet, r, c, value)
    book.close()
    data = out.getvalue()
    return _pinned(data, stamp) if stamp else data


def _write(sheet, r: int, c: int, value) -> None:
    if value is None or value == "":
        return  # an empty cell
    if isinstance(value, bool):
        sheet.write_boolean(r, c, value)
    elif isinstance(value, int | float | Decimal):
        sheet.write_number(r, c, float(value))
    elif isinstance(value, date):
        sheet.write_string(r, c, value.isoformat())
    else:
        sheet.write_string(r, c, str(value))  # text, even when it starts with "="


def _pinned(data: bytes, stamp: datetime) -> bytes:
    """The zip entries' times and the modified date set to `stamp`."""
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
