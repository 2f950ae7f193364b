"""Workbooks a person opens in Excel or Sheets: text stays text (a NIP keeps its 18 digits, a
name typed as `=HYPERLINK(...)` is never a formula), numbers stay numbers."""

from __future__ import annotations


def append_row(sheet, values: list) -> None:
    """Append a row; every text cell is stored as a string (openpyxl would store '=...' as
    a formula), every int or float as a number."""
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"
