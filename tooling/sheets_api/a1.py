"""A1 notation: sheet titles, cell ranges, and resolving a range against a spreadsheet's grid."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tooling.sheets_api.answers import ApiError, bad_range
from tooling.sheets_api.workbook import Sheet

_ENDPOINT = r"\$?([A-Za-z]*)\$?(\d*)"


_CELLS = re.compile(rf"{_ENDPOINT}(?::{_ENDPOINT})?")


_BARE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


_CELL_LIKE = re.compile(r"[A-Za-z]{1,3}\d+|[Rr]\d*[Cc]\d*")


def column_letters(number: int) -> str:
    """1 -> A, 26 -> Z, 27 -> AA."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def column_number(letters: str) -> int:
    number = 0
    for char in letters.upper():
        number = number * 26 + ord(char) - ord("A") + 1
    return number


def quote_title(title: str) -> str:
    """A sheet title as Sheets writes it in a range: bare when it cannot be misread."""
    if _BARE_NAME.fullmatch(title) and not _CELL_LIKE.fullmatch(title):
        return title
    return "'" + title.replace("'", "''") + "'"


def split_range(text: str) -> tuple[str | None, str | None]:
    """`'Sheet ''x'''!A1:B2` -> ("Sheet 'x'", "A1:B2"); a bare `Sheet1` or `A1:B2` -> (None, text)."""
    if not text.startswith("'"):
        if "!" in text:
            title, _, cells = text.rpartition("!")
            return title, cells
        return None, text
    chars, i = [], 1
    while i < len(text):
        if text[i] == "'":
            if text[i + 1 : i + 2] != "'":
                break
            i += 1  # a doubled quote is one quote of the title
        chars.append(text[i])
        i += 1
    else:
        raise bad_range(text)  # unterminated quote
    rest = text[i + 1 :]
    if rest and not rest.startswith("!"):
        raise bad_range(text)
    return "".join(chars), (rest[1:] if rest else None)


def parse_cells(cells: str) -> tuple[int | None, int | None, int | None, int | None] | None:
    """`B2:D` -> (row1, col1, row2, col2) with None for an open side; None if not A1."""
    match = _CELLS.fullmatch(cells)
    if not match:
        return None
    col1, row1, col2, row2 = match.groups()
    if not (col1 or row1) or (col2 is not None and not (col2 or row2)):
        return None
    if col2 is None:  # a single reference must name one cell
        if not (col1 and row1):
            return None
        col2, row2 = col1, row1
    numbers = [int(r) if r else None for r in (row1, row2)]
    if 0 in numbers:
        return None
    cols = [column_number(c) if c else None for c in (col1, col2)]
    return numbers[0], cols[0], numbers[1], cols[1]


@dataclass
class Box:
    sheet: Sheet
    row1: int
    col1: int
    row2: int
    col2: int

    def a1(self) -> str:
        start = f"{column_letters(self.col1)}{self.row1}"
        end = f"{column_letters(self.col2)}{self.row2}"
        cells = start if start == end else f"{start}:{end}"
        return f"{quote_title(self.sheet.title)}!{cells}"


def find_sheet(sheets: list[Sheet], title: str) -> Sheet | None:
    """Exact title first; Sheets also resolves titles case-insensitively."""
    for sheet in sheets:
        if sheet.title == title:
            return sheet
    folded = title.casefold()
    return next((s for s in sheets if s.title.casefold() == folded), None)


def resolve_range(sheets: list[Sheet], text: str) -> Box:
    """An A1 range against the spreadsheet's sheets, clipped to the grid as Sheets echoes it."""
    title, cells = split_range(text)
    if title is None:
        sheet = find_sheet(sheets, text)
        if sheet is not None:
            cells = None
        elif sheets and parse_cells(text) is not None:
            sheet = sheets[0]  # a range without a sheet name means the first sheet
        else:
            raise bad_range(text)
    else:
        sheet = find_sheet(sheets, title)
        if sheet is None:
            raise bad_range(text)
    return _box(sheet, text, cells)


def _box(sheet: Sheet, text: str, cells: str | None) -> Box:
    parsed = parse_cells(cells) if cells is not None else (None, None, None, None)
    if parsed is None:
        raise bad_range(text)
    row1, col1, row2, col2 = parsed
    rows = sorted((row1 or 1, row2 or sheet.row_count))
    cols = sorted((col1 or 1, col2 or sheet.column_count))
    box = Box(sheet, rows[0], cols[0], rows[1], cols[1])
    if box.row2 > sheet.row_count or box.col2 > sheet.column_count:
        raise ApiError(
            400,
            "INVALID_ARGUMENT",
            f"Range ({box.a1()}) exceeds grid limits. Max rows: {sheet.row_count}, "
            f"max columns: {sheet.column_count}",
        )
    return box
