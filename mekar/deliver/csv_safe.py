"""CSV exports that a spreadsheet cannot run: a cell starting with =, +, -, @ (or a tab
or carriage return) would be read as a formula by Excel or Sheets, so it gets a leading
apostrophe, which spreadsheets show as text and hide."""

from __future__ import annotations

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text
