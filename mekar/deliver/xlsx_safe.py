"""Workbooks a person opens in Excel or Sheets: text stays text (a NIP keeps its 18 digits, a
name typed as `=HYPERLINK(...)` is never a formula), numbers stay numbers, and the sheet is
ready to read: columns as wide as their content, the header frozen and filterable.

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

# Column widths in characters. A column is as wide as its longest cell, within these: a
# long note or address is cut at the cap (the cell still holds all of it) rather than
# pushing every other column off the screen.
MIN_WIDTH = 6
MAX_WIDTH = 50
# A header wider than this wraps onto more lines (at spaces, never inside a word) instead
# of widening a column of short values such as "Ya" or 20.
HEADER_ONE_LINE = 22
FILTER_BUTTON = 3  # the autofilter's drop-down arrow covers the end of a header cell
LINE_HEIGHT = 15  # points, Excel's default row height for 11-point Calibri


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
    heading = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    for title, header, rows in sheets:
        sheet = book.add_worksheet(title[:31])  # Excel's limit on a sheet name
        longest = [0] * len(header)
        last = 0
        for last, row in enumerate(rows, start=1):
            for c, value in enumerate(row):
                shown = _write(sheet, last, c, value)
                if c < len(longest) and shown > longest[c]:
                    longest[c] = shown
        _lay_out(sheet, heading, [str(h) for h in header], longest, last)
    book.close()
    data = out.getvalue()
    return _pinned(data, stamp) if stamp else data


def _lay_out(sheet, heading, header: list[str], longest: list[int], last: int) -> None:
    """Widths from the content, the header wrapped where it is wider, frozen and filterable,
    repeated on every printed page."""
    lines = 1
    for c, title in enumerate(header):
        width = column_width(title, longest[c])
        sheet.set_column(c, c, width)
        lines = max(lines, len(_wrapped(title, width - FILTER_BUTTON)))
        sheet.write_string(0, c, title, heading)
    if header:
        sheet.set_row(0, LINE_HEIGHT * lines)  # Excel does not grow a row for wrapped text
        sheet.autofilter(0, 0, last, len(header) - 1)
        sheet.freeze_panes(1, 0)
        sheet.repeat_rows(0)
    sheet.set_landscape()


def column_width(title: str, longest: int) -> int:
    """A column's width: its longest cell plus a margin, the header on one line when it is
    short, else wide enough for the header's longest word; between MIN_WIDTH and MAX_WIDTH."""
    words = max((len(w) for w in title.split()), default=0)
    head = len(title) if len(title) <= HEADER_ONE_LINE else words
    return max(MIN_WIDTH, min(MAX_WIDTH, max(longest + 2, head + FILTER_BUTTON)))


def _wrapped(title: str, room: int) -> list[str]:
    """The header's lines at `room` characters, broken at spaces."""
    lines: list[str] = []
    for word in title.split():
        if lines and len(lines[-1]) + 1 + len(word) <= room:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _write(sheet, r: int, c: int, value) -> int:
    """Writes one cell; returns how many characters it shows (for the column's width)."""
    if value is None or value == "":
        return 0  # an empty cell
    if isinstance(value, bool):
        sheet.write_boolean(r, c, value)
        return 5
    if isinstance(value, int | float | Decimal):
        sheet.write_number(r, c, float(value))
        return len(f"{float(value):.10g}")  # as Excel's General format shows it
    text = value.isoformat() if isinstance(value, date) else str(value)
    sheet.write_string(r, c, text)  # text, even when it starts with "="
    return max(len(line) for line in text.split("\n"))


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
