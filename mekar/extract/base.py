"""The source interface every adapter implements.

A source hands over worksheets exactly as they are in the sheet: every cell as text, with
the sheet row number of each row, preamble and all. Finding the header row, matching
columns and checking values happen later, identically for every source.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Protocol


@dataclass
class RawWorksheet:
    spreadsheet: str  # logical spreadsheet name: master, kebutuhan, kegiatan, log_zoom
    title: str  # worksheet (tab) title as found
    rows: list[list[str]]  # cells as text, top to bottom
    row_numbers: list[int] = field(default_factory=list)  # sheet row number of each row
    # What was cleaned on the way in, for the run log (e.g. NUL characters removed).
    notes: list[str] = field(default_factory=list)
    origin: str | None = None  # the file it came from, for messages ("kegiatan/x.csv")
    subset: bool = False  # only some of its rows (a rerun's check-ins of one session)

    @property
    def where(self) -> str:
        return self.origin or f"{self.spreadsheet}/{self.title}"

    def __post_init__(self) -> None:
        if not self.row_numbers:
            self.row_numbers = list(range(1, len(self.rows) + 1))

    def content_hash(self) -> str:
        """Fingerprint of the cells, to tell an unchanged worksheet from a changed one."""
        # Each row's cells joined by \x1f and ended by \x1e, hashed in one call (the same
        # digest as row by row, in a fraction of the time for a year of Zoom logs).
        text = "".join("\x1f".join(row) + "\x1e" for row in self.rows)
        return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class NotRead:
    """Something in the source that this run did not read, and why. `serious` when it
    looks like data the run needed (a Zoom log in the wrong place): the run then fails."""

    where: str
    why: str
    serious: bool = False

    def __str__(self) -> str:
        return f"{self.where}: {self.why}"


def strip_nul_cells(rows: list[list[str]]) -> int:
    """Remove NUL characters from cells in place; returns how many were removed. A NUL is
    never meant (a damaged export or paste), and PostgreSQL cannot store it in text."""
    removed = 0
    for row in rows:
        if "\x00" in "".join(row):
            for i, cell in enumerate(row):
                if "\x00" in cell:
                    removed += cell.count("\x00")
                    row[i] = cell.replace("\x00", "")
    return removed


def nul_note(removed: int) -> str:
    """The run log's line for a worksheet that had NULs, whichever source it came from."""
    return f"{removed} karakter NUL (tak terlihat) dibuang; isi lain dipakai"


class SheetsSource(Protocol):
    """Reads the contract's spreadsheets. `describe()` names the source for messages."""

    def describe(self) -> str: ...

    def read_spreadsheet(self, spreadsheet: str) -> list[RawWorksheet]:
        """Every worksheet of one logical spreadsheet. Raises SourceError when the
        spreadsheet cannot be read at all."""
        ...

    def read_worksheets(self, spreadsheet: str, titles: list[str]) -> list[RawWorksheet]:
        """Only the named worksheets (matched case-insensitively)."""
        ...

    def not_read(self) -> list[NotRead]:
        """What the source holds that no read has touched so far: (where, why). A files
        folder lists its stray files; Google Sheets lists nothing here (unused tabs are
        named by extract)."""
        ...
